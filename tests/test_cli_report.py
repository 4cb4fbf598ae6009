"""`liftcalm report` from the command line: a private PDF or CSV bundle, or one line naming what is wrong."""

import os
import stat
from datetime import date

from liftcalm.cli import main
from liftcalm.store import Store
from liftcalm.store.demo import write_demo


def test_report_writes_a_private_pdf_and_a_zip(tmp_path, capsys):
    db = tmp_path / "demo.db"
    with Store(db) as store:
        write_demo(store, years=0.3, seed=2, end=date(2026, 6, 1))
    for name in ("r.pdf", "r.zip"):
        assert main(["report", "--db", str(db), "--from", "2026-03-01", "--to", "2026-05-31", "-o",
                     str(tmp_path / name)]) == 0
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == 0o600
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert main(["report", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("liftcalm report: ") and "none.db" in err[0]
    assert not (tmp_path / "x.pdf").exists()
