"""The importers belong to the core: importing and running them must not load Qt."""

import subprocess
import sys


def test_importers_load_no_qt():
    code = (
        "import sys\n"
        "from liftcalm.core.importers import parse_export, ImportFormatError\n"
        "try:\n"
        "    parse_export('title,start_time,exercise_title,weight_kg,reps\\n')\n"
        "except ImportFormatError:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
