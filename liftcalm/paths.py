"""Where LiftCalm finds its resources and keeps its data, without importing Qt.

``default_database_path`` follows ``QStandardPaths.AppDataLocation`` for the organisation
and application name "LiftCalm" (a UI test checks that the two agree), so the command
line can find the database without loading Qt.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ORGANIZATION = "LiftCalm"
APPLICATION = "LiftCalm"
DATABASE_NAME = "liftcalm.db"

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def app_data_dir() -> Path:
    """The per-user data folder, as Qt's ``AppDataLocation`` names it on this system."""
    home = Path.home()
    if sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", home / "AppData" / "Roaming"))
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else home / ".local" / "share"
    return base / ORGANIZATION / APPLICATION


def default_database_path() -> Path:
    return app_data_dir() / DATABASE_NAME


def config_dir() -> Path:
    """The per-user settings folder for window state (training preferences live in the database)."""
    home = Path.home()
    if sys.platform == "darwin":
        return home / "Library" / "Preferences" / ORGANIZATION
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", home / "AppData" / "Roaming")) / ORGANIZATION
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else home / ".config") / ORGANIZATION
