"""`liftcalm session …`, `install-desktop` and `uninstall-desktop` are commands of the one `liftcalm` command."""

import json
import os
import stat
import subprocess
import sys

from liftcalm.cli import main


def test_session_status_without_a_running_app_says_so(tmp_path, capsys):
    assert main(["session", "status", "--json", "--db", str(tmp_path / "none.db")]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out) == {"app": False, "running": False, "phase": None, "remaining_s": None, "exercise": None}
    assert err.count("\n") == 1 and "no LiftCalm is running" in err
    assert not (tmp_path / "none.db").exists()  # asking creates nothing


def test_session_add_takes_a_negative_number_and_refuses_zero(tmp_path, capsys):
    assert main(["session", "add", "-15", "--db", str(tmp_path / "none.db")]) == 1  # parsed; nobody answers
    assert "no LiftCalm is running" in capsys.readouterr().err
    try:
        main(["session", "add", "0", "--db", str(tmp_path / "none.db")])
    except SystemExit as stop:
        assert stop.code == 2
    else:
        raise AssertionError("add 0 was accepted")


def test_install_and_uninstall_desktop_from_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["install-desktop"]) == 0
    entry = tmp_path / "data" / "applications" / "liftcalm.desktop"
    icon = tmp_path / "data" / "icons" / "hicolor" / "scalable" / "apps" / "liftcalm.svg"
    assert "Exec=" in entry.read_text(encoding="utf-8") and icon.exists()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert main(["uninstall-desktop"]) == 0
    assert not entry.exists() and not icon.exists() and not (tmp_path / "data" / "applications").exists()
    assert "removed" in capsys.readouterr().out


def test_the_session_command_never_loads_qt(tmp_path):
    code = ("import sys\nfrom liftcalm.cli import main\n"
            f"main(['session', 'status', '--db', {str(tmp_path / 'x.db')!r}])\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "XDG_DATA_HOME": str(tmp_path)}, timeout=60)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_names_are_printed_without_terminal_controls():
    from liftcalm.terminal import terminal_text

    assert terminal_text("Squat\x1b[2J\u202e\nday\tone") == "Squat[2J day one"
