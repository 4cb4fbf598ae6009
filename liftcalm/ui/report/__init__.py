"""File > Make a report…: the report to bring to a counsellor, as a PDF or a CSV bundle."""
