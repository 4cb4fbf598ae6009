"""``liftcalm install-desktop`` / ``uninstall-desktop``: LiftCalm in the desktop's launcher, for this user.

Follows the freedesktop.org specifications: the Desktop Entry Specification (version 1.4) for
``$XDG_DATA_HOME/applications/liftcalm.desktop`` (its name is the app's desktop file name,
which the taskbar groups windows by) and the Icon Theme Specification for
``$XDG_DATA_HOME/icons/hicolor/scalable/apps/liftcalm.svg``. ``Exec`` names the entry point
that ran this command, by its full path, so the launcher starts this LiftCalm.

The files are the user's own, and private like everything LiftCalm writes (files 0600, the
folders it creates 0700): the launcher, the taskbar and the icon theme run as the same user,
so they read them. The entry remembers which folders it made and the icon it wrote, so that
``uninstall-desktop`` removes exactly those, and nothing of anyone else's. No Qt here.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from liftcalm import __version__
from liftcalm.paths import PRIVATE_FOLDER_MODE, RESOURCES, default_database_path, write_atomically

DESKTOP_FILE_NAME = "liftcalm"  # QGuiApplication.setDesktopFileName in app.py: the same name
ICON_NAME = "liftcalm"
SOURCE_ENTRY = RESOURCES / "liftcalm.desktop"
SOURCE_ICON = RESOURCES / "icons" / "liftcalm.svg"
MARK = "X-LiftCalm-Installed-By"
CREATED = "X-LiftCalm-Created"  # the folders install made, relative to the data folder
ICON_DIGEST = "X-LiftCalm-Icon-SHA256"
WM_CLASS = "LiftCalm"  # the class of LiftCalm's windows on X11 (its application name)
# Actions in the launcher's menu for the icon (GNOME, KDE): the same as ``liftcalm session …``.
ACTIONS = (("set-done", "Set done", ("session", "done")),
           ("skip-rest", "Skip rest", ("session", "skip-rest")),
           ("rest-longer", "Rest 15 s longer", ("session", "add", "15")),
           ("pause-rest", "Pause or resume the rest", ("session", "pause")))
# Exec's reserved characters: an argument with any of them is quoted (Desktop Entry Spec, "Exec").
RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
TOOL_TIMEOUT_S = 20


class DesktopError(Exception):
    """The launcher entry cannot be installed or removed; nothing was changed."""


@dataclass
class Outcome:
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # what was left, and why
    refreshed: list[str] = field(default_factory=list)  # the caches brought up to date

    def lines(self) -> list[str]:
        return ([f"wrote {path}" for path in self.written] + [f"removed {path}" for path in self.removed]
                + self.kept + [f"refreshed {what}" for what in self.refreshed])


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` where it is unset or not an absolute path."""
    xdg = os.environ.get("XDG_DATA_HOME", "")
    return Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"


def entry_path(data: Path | None = None) -> Path:
    return (data or data_home()) / "applications" / f"{DESKTOP_FILE_NAME}.desktop"


def icon_path(data: Path | None = None) -> Path:
    return (data or data_home()) / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"


def entry_point() -> list[str]:
    """How this LiftCalm is started: the ``liftcalm`` script beside this Python (a venv's bin), on PATH, or -m."""
    beside = Path(sys.executable).with_name("liftcalm")  # not resolved: a venv's python is a link out of it
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("liftcalm")
    if found:
        return [os.path.abspath(found)]
    return [os.path.abspath(sys.executable), "-m", "liftcalm"]


def exec_value(argv: list[str]) -> str:
    """``argv`` as the value of an Exec key: reserved characters quoted, ``%`` doubled, backslashes escaped."""
    words = []
    for word in argv:
        if "\n" in word or "\r" in word:
            raise DesktopError(f"{word!r} cannot be started from a launcher (it holds a line break)")
        word = word.replace("%", "%%")
        if RESERVED & set(word) or not word:
            word = '"' + "".join("\\" + c if c in '"`$\\' else c for c in word) + '"'
        words.append(word)
    # The string escapes of every value apply on top of Exec's quoting: a backslash is written twice.
    return " ".join(words).replace("\\", "\\\\")


def desktop_entry(command: list[str], created: list[str], icon_digest: str) -> str:
    """The .desktop file for ``command``, from LiftCalm's own entry (``resources/liftcalm.desktop``)."""
    shipped = _entry_keys(SOURCE_ENTRY.read_text(encoding="utf-8"))
    keys = {"Type": "Application", "Version": "1.4"}  # 1.4: every key here is in it; validators know it
    for key, value in shipped.items():
        keys[key] = value
        if key == "Exec":
            keys["Exec"] = exec_value(command)
            if os.path.isabs(command[0]):  # the launcher hides the entry once the program is gone
                keys["TryExec"] = command[0].replace("\\", "\\\\")
    keys.update({
        "Icon": ICON_NAME,
        "StartupWMClass": WM_CLASS,
        "Actions": "".join(f"{name};" for name, _label, _argv in ACTIONS),
        MARK: f"LiftCalm {__version__}",
        CREATED: ";".join(created),
        ICON_DIGEST: icon_digest,
    })
    lines = ["[Desktop Entry]", *(f"{key}={value}" for key, value in keys.items())]
    for name, label, arguments in ACTIONS:
        lines += ["", f"[Desktop Action {name}]", f"Name={label}", f"Exec={exec_value([*command, *arguments])}"]
    return "\n".join(lines) + "\n"


def _entry_keys(text: str, group: str = "Desktop Entry") -> dict[str, str]:
    """The keys of one group of a desktop file, in order (comments and other groups left out)."""
    keys: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            current = stripped[1:-1]
        elif current == group and "=" in line:
            key, _equals, value = line.partition("=")
            keys[key.strip()] = value.strip()
    return keys


def install(db: Path | None = None, data: Path | None = None) -> Outcome:
    """Write the launcher entry and the icon; ``db`` other than the default is passed on with --db.

    Raises DesktopError when a liftcalm.desktop that LiftCalm did not write is in the way.
    """
    data = data or data_home()
    entry, icon = entry_path(data), icon_path(data)
    command = entry_point()
    if db is not None and Path(db).expanduser().resolve() != default_database_path().resolve():
        command += ["--db", str(Path(db).expanduser().resolve())]
    earlier = _installed_keys(entry)
    created = [name for name in earlier.get(CREATED, "").split(";") if name]
    icon_bytes = SOURCE_ICON.read_bytes()
    try:
        for folder in (icon.parent, entry.parent):
            created += [str(path.relative_to(data)) for path in _make_folders(folder, data)]
        write_atomically(icon, icon_bytes)
        write_atomically(entry, desktop_entry(command, _deepest_first(created),
                                              hashlib.sha256(icon_bytes).hexdigest()).encode("utf-8"))
    except OSError as error:
        raise DesktopError(f"{error.filename or data}: cannot be written ({error.strerror or error})") from None
    outcome = Outcome(written=[entry, icon])
    _refresh_caches(data, outcome)
    return outcome


def uninstall(data: Path | None = None) -> Outcome:
    """Remove what ``install`` wrote: the entry, the icon if it is still LiftCalm's, the folders it made if empty."""
    data = data or data_home()
    entry, icon = entry_path(data), icon_path(data)
    outcome = Outcome()
    if not entry.exists():
        outcome.kept.append(f"nothing to remove: {entry} is not there")
        return outcome
    keys = _installed_keys(entry)
    try:
        if icon.is_file() and hashlib.sha256(icon.read_bytes()).hexdigest() == keys.get(ICON_DIGEST):
            icon.unlink()
            outcome.removed.append(icon)
        elif icon.exists():
            outcome.kept.append(f"kept {icon}: it is not the icon LiftCalm wrote")
        entry.unlink()
        outcome.removed.append(entry)
        for name in _deepest_first([name for name in keys.get(CREATED, "").split(";") if name]):
            folder = data / name
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                outcome.removed.append(folder)
    except OSError as error:
        raise DesktopError(f"{error.filename or data}: cannot be removed ({error.strerror or error})") from None
    _refresh_caches(data, outcome)
    return outcome


def _installed_keys(entry: Path) -> dict[str, str]:
    """The keys of an entry LiftCalm installed; {} if there is none. Raises DesktopError for another's."""
    try:
        text = entry.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise DesktopError(f"{entry}: cannot be read ({error})") from None
    keys = _entry_keys(text)
    if MARK not in keys:
        raise DesktopError(f"{entry} was not written by LiftCalm; it is left as it is. Remove it yourself "
                           "if LiftCalm should replace it")
    return keys


def _make_folders(folder: Path, data: Path) -> list[Path]:
    """Create ``folder`` and its missing parents below ``data`` (0700); the ones made, outermost first.

    Folders already there keep their mode: they are the desktop's, not LiftCalm's.
    """
    missing = [level for level in (folder, *folder.parents) if not level.exists()]
    made = []
    for level in reversed(missing):
        level.mkdir(mode=PRIVATE_FOLDER_MODE)
        os.chmod(level, PRIVATE_FOLDER_MODE)
        if data in level.parents:  # the data folder itself, if it was missing, stays: it is everyone's
            made.append(level)
    return made


def _deepest_first(names: list[str]) -> list[str]:
    return sorted(set(names), key=lambda name: (-name.count("/"), name))


def _refresh_caches(data: Path, outcome: Outcome) -> None:
    """Bring the desktop's caches up to date where the system keeps them (optional tools, never required).

    update-desktop-database only maps file types, which LiftCalm declares none of: it is run
    where the folder has its cache already, so that cache stays true and none is added.
    """
    applications = data / "applications"
    hicolor = data / "icons" / "hicolor"
    jobs = []
    if (applications / "mimeinfo.cache").exists():
        jobs.append(("update-desktop-database", ["-q", str(applications)], "the desktop database"))
    if (hicolor / "icon-theme.cache").exists():  # a stale icon cache would hide the new icon from GTK
        jobs.append(("gtk-update-icon-cache", ["-q", "-t", "-f", str(hicolor)], "the icon cache"))
    for tool, arguments, what in jobs:
        found = shutil.which(tool)
        if found is None:
            continue
        try:
            done = subprocess.run([found, *arguments], capture_output=True, timeout=TOOL_TIMEOUT_S)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            outcome.refreshed.append(what)


# -- the command line ----------------------------------------------------------------------------------

def add_desktop_parsers(commands, db_option) -> None:
    """Add ``install-desktop`` and ``uninstall-desktop`` to the ``liftcalm`` command's subparsers."""
    commands.add_parser("install-desktop", parents=[db_option],
                        help="put LiftCalm in your desktop's launcher (a .desktop file and the icon, for you only)",
                        description=f"Write {entry_path()} and {icon_path()}. With --db, the launcher opens that "
                                    "database.")
    commands.add_parser("uninstall-desktop", help="take LiftCalm out of the launcher again",
                        description="Remove exactly what install-desktop wrote.")


def run_install_desktop(args) -> int:
    return _run(lambda: install(getattr(args, "db", None)), "install-desktop",
                "LiftCalm is in your launcher now (it may take a moment to appear).")


def run_uninstall_desktop(args) -> int:
    return _run(uninstall, "uninstall-desktop", "")


def _run(work, name: str, closing: str, stdout=None, stderr=None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    try:
        outcome = work()
    except DesktopError as error:
        print(f"liftcalm {name}: {error}", file=stderr)
        return 1
    for line in outcome.lines() + ([closing] if closing and outcome.written else []):
        print(line, file=stdout)
    return 0
