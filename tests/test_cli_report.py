"""`liftcalm report` from the command line: a private PDF or CSV bundle, or one line naming what is wrong."""

import os
import stat
import subprocess
import sys
from datetime import date

from liftcalm.cli import main
from liftcalm.store import Store
from liftcalm.store.demo import write_demo


def test_report_writes_a_private_pdf_and_a_zip(qapp, tmp_path, capsys):
    """In-process, beside the suite's QApplication: the command must reuse it, not make its own."""
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


def test_the_command_makes_its_own_gui_application_in_a_fresh_process(tmp_path):
    db = tmp_path / "demo.db"
    with Store(db) as store:
        write_demo(store, years=0.2, seed=4, end=date(2026, 6, 1))
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "liftcalm", "report", "--db", str(db), "-o", str(tmp_path / "r.pdf")],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
