"""``liftcalm install-desktop`` / ``uninstall-desktop`` in a temporary XDG_DATA_HOME."""

import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from liftcalm import desktop
from liftcalm.paths import default_database_path


def tree(root: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every file and folder under ``root``: its mode, and a file's bytes."""
    found = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(folder, name)
            found[str(path.relative_to(root))] = (stat.S_IMODE(path.stat().st_mode),
                                                  path.read_bytes() if path.is_file() else None)
    return found


def exec_words(value: str) -> list[str]:
    """An Exec value read back as the Desktop Entry Specification says: string escapes, then quoting."""
    text = value.replace("\\\\", "\\")
    words, word, quoted, index, started = [], "", False, 0, False
    while index < len(text):
        character = text[index]
        if quoted and character == "\\" and index + 1 < len(text):
            word += text[index + 1]
            index += 2
            continue
        if character == '"':
            quoted, started = not quoted, True
        elif character == " " and not quoted:
            if started:
                words.append(word)
            word, started = "", False
        else:
            word, started = word + character, True
        index += 1
    if started:
        words.append(word)
    return [w.replace("%%", "%") for w in words]


def keys(path: Path, group: str = "Desktop Entry") -> dict[str, str]:
    return desktop._entry_keys(path.read_text(encoding="utf-8"), group)


@pytest.fixture
def data(private_home):
    """An XDG_DATA_HOME as a desktop has it: there already, with another app's entry in a shared folder."""
    home = Path(os.environ["XDG_DATA_HOME"])
    (home / "applications").mkdir(parents=True)
    os.chmod(home, 0o755)
    os.chmod(home / "applications", 0o755)
    (home / "applications" / "other.desktop").write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=o\n")
    return home


def test_install_writes_a_valid_private_entry_that_starts_this_liftcalm(data, tmp_path):
    outcome = desktop.install()
    entry, icon = desktop.entry_path(), desktop.icon_path()
    assert outcome.written == [entry, icon]
    assert entry == data / "applications" / "liftcalm.desktop"
    assert icon == data / "icons" / "hicolor" / "scalable" / "apps" / "liftcalm.svg"
    assert icon.read_bytes() == desktop.SOURCE_ICON.read_bytes()
    entry_keys = keys(entry)
    command = exec_words(entry_keys["Exec"])
    assert command == desktop.entry_point()
    assert Path(command[0]).is_file() and os.access(command[0], os.X_OK)  # the installed entry point itself
    assert entry_keys["TryExec"] == command[0]
    assert (entry_keys["Type"], entry_keys["Name"], entry_keys["Icon"], entry_keys["StartupWMClass"]) == (
        "Application", "LiftCalm", "liftcalm", "LiftCalm")
    assert exec_words(keys(entry, "Desktop Action skip-rest")["Exec"]) == [*command, "session", "skip-rest"]
    # Private like everything LiftCalm writes; the desktop's own folders keep their modes.
    modes = {name: mode for name, (mode, _bytes) in tree(data).items()}
    assert modes["applications/liftcalm.desktop"] == modes["icons/hicolor/scalable/apps/liftcalm.svg"] == 0o600
    assert modes["icons"] == modes["icons/hicolor/scalable/apps"] == 0o700
    assert modes["applications"] == 0o755 and stat.S_IMODE(data.stat().st_mode) == 0o755


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed (apt-get install -y desktop-file-utils)")
def test_the_entry_passes_desktop_file_validate(data, tmp_path):
    db = tmp_path / "a folder with spaces" / "100% mine $HOME \"quoted\".db"
    desktop.install(db)
    result = subprocess.run(["desktop-file-validate", str(desktop.entry_path())], capture_output=True, text=True)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_another_database_is_passed_on_quoted_as_the_spec_says(data, tmp_path):
    db = tmp_path / "a folder with spaces" / "100% mine $HOME \"quoted\" `x` back\\slash.db"
    desktop.install(db)
    entry_keys = keys(desktop.entry_path())
    assert exec_words(entry_keys["Exec"]) == [*desktop.entry_point(), "--db", str(db)]
    assert "%%" in entry_keys["Exec"]  # a lone % would be a field code
    desktop.install(default_database_path())  # the default database: no --db at all
    assert exec_words(keys(desktop.entry_path())["Exec"]) == desktop.entry_point()


def test_uninstall_removes_exactly_what_install_put(data):
    before = tree(data)
    desktop.install()
    desktop.install()  # again: still one entry, and the folders it made the first time are remembered
    outcome = desktop.uninstall()
    assert desktop.entry_path() in outcome.removed and desktop.icon_path() in outcome.removed
    assert tree(data) == before
    assert desktop.uninstall().kept == [f"nothing to remove: {desktop.entry_path()} is not there"]


def test_uninstall_keeps_what_is_not_liftcalms(data):
    icons = data / "icons" / "hicolor" / "scalable" / "apps"
    desktop.install()
    (icons / "someone-else.svg").write_text("<svg/>")
    desktop.icon_path().write_text("<svg>the person's own icon</svg>")
    outcome = desktop.uninstall()
    assert not desktop.entry_path().exists()
    assert desktop.icon_path().read_text() == "<svg>the person's own icon</svg>"
    assert f"kept {desktop.icon_path()}: it is not the icon LiftCalm wrote" in outcome.kept
    assert (icons / "someone-else.svg").exists()  # its folder is not empty: it stays


def test_an_entry_liftcalm_did_not_write_is_left_alone(data):
    foreign = desktop.entry_path()
    foreign.write_text("[Desktop Entry]\nType=Application\nName=My LiftCalm\nExec=my-liftcalm\n")
    before = tree(data)
    out, err = io.StringIO(), io.StringIO()
    assert desktop._run(desktop.install, "install-desktop", "", out, err) == 1
    assert err.getvalue() == (f"liftcalm install-desktop: {foreign} was not written by LiftCalm; it is left as it "
                              "is. Remove it yourself if LiftCalm should replace it\n")
    assert desktop._run(desktop.uninstall, "uninstall-desktop", "", out, err) == 1
    assert tree(data) == before


def test_the_commands_say_what_they_did(data, capsys):
    assert desktop.run_install_desktop(SimpleNamespace(db=default_database_path())) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == [f"wrote {desktop.entry_path()}", f"wrote {desktop.icon_path()}",
                       "LiftCalm is in your launcher now (it may take a moment to appear)."]
    assert desktop.run_uninstall_desktop(SimpleNamespace()) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [f"removed {desktop.icon_path()}",
                                                        f"removed {desktop.entry_path()}"]


@pytest.mark.skipif(shutil.which("update-desktop-database") is None, reason="desktop-file-utils is not installed")
def test_the_desktop_database_is_refreshed_only_where_the_system_keeps_one(data):
    assert desktop.install().refreshed == []  # no cache there: none is added
    assert not (data / "applications" / "mimeinfo.cache").exists()
    (data / "applications" / "mimeinfo.cache").write_text("[MIME Cache]\n")
    assert desktop.install().refreshed == ["the desktop database"]


def test_the_module_loads_no_qt():
    code = "import sys, liftcalm.desktop\nprint(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr
