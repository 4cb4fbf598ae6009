"""Before the test suite: are the system libraries Qt needs here installed? Run by `make test`.

A child interpreter imports what the tests use (QtGui, QtWidgets, an offscreen QApplication,
QtMultimedia). Where a system library is missing, that fails deep in Qt (and may even abort),
so this script prints the one apt-get line that installs what is missing and exits with 1.
It prints nothing and takes about a tenth of a second when everything is there.
No pytest, no LiftCalm import: it must work when nothing else does.
"""

from __future__ import annotations

import ctypes
import os
import re
import subprocess
import sys

# The system libraries Qt's modules and its offscreen platform link directly, and the
# Debian/Ubuntu package of each, in the order of .ci/run. The rest of what they link comes
# with these packages.
PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libX11.so.6": "libx11-6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libpulse.so.0": "libpulse0",
}

CHECK = (
    "import PySide6.QtGui, PySide6.QtWidgets\n"
    "app = PySide6.QtWidgets.QApplication([])\n"
    "import PySide6.QtMultimedia\n"
)

SONAME = re.compile(r"(lib[\w+-]+(?:\.[\w+-]+)*?\.so(?:\.\d+)*)")


def library_names(text: str) -> list[str]:
    """The shared libraries named in a loader message ("libpulse.so.0: cannot open ...")."""
    return [os.path.basename(name) for name in SONAME.findall(text)]


def missing_libraries(error_text: str) -> list[str]:
    """The libraries that cannot be loaded: those the error names, and every known one that fails.

    The loader names only the first library it misses; trying each known one gives the whole
    list, so one apt-get line is enough.
    """
    missing = [name for name in library_names(error_text) if not name.startswith("libQt6")]
    for name in PACKAGES:
        try:
            ctypes.CDLL(name)
        except OSError as error:
            missing.extend(library_names(str(error)) or [name])
    return list(dict.fromkeys(missing))


def install_line(missing: list[str]) -> str:
    """The one line that says what to run."""
    wanted = {PACKAGES[name] for name in missing if name in PACKAGES}
    packages = [package for package in dict.fromkeys(PACKAGES.values()) if package in wanted]
    unknown = [name for name in missing if name not in PACKAGES]
    sudo = "" if os.geteuid() == 0 else "sudo "
    steps = []
    if packages:
        steps.append(f"run  {sudo}apt-get install -y {' '.join(packages)}")
    if unknown:
        steps.append(f"find the package of {', '.join(unknown)} with  apt-file search {unknown[0]}")
    return "Missing system libraries: " + "; ".join(steps)


def main() -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        check = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        print("The Qt check (tests/preflight.py) did not finish in 60 s.")
        return 1
    if check.returncode == 0:
        return 0
    missing = missing_libraries(check.stderr)
    if missing:
        print(install_line(missing))
    else:
        lines = [line for line in check.stderr.splitlines() if line.strip()]
        reason = lines[-1] if lines else f"exit status {check.returncode}"
        print(f"Qt cannot start offscreen (tests/preflight.py): {reason}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
