"""Starting the GUI: the QApplication, the store and the main window."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from liftcalm import __version__
from liftcalm.paths import APPLICATION, ORGANIZATION, RESOURCES, keep_files_private
from liftcalm.store import Store, StoreError


def create_application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication, creating it with LiftCalm's names, icon and icon search path."""
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("LiftCalm")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("liftcalm")
    QDir.addSearchPath("icons", str(RESOURCES / "icons"))
    app.setWindowIcon(QIcon("icons:liftcalm.svg"))
    return app


def show_unexpected_error(kind, value, tb) -> None:
    """Last resort for a bug in a slot: tell the user calmly, log the details to stderr.

    Every edit is committed when made, so nothing the user saved is at risk.
    """
    traceback.print_exception(kind, value, tb, file=sys.stderr)
    if QApplication.instance() is not None and QGuiApplication.platformName() != "offscreen":
        QMessageBox.warning(
            QApplication.activeWindow(),
            "Something went wrong",
            "LiftCalm ran into a problem it did not expect and could not finish that action.\n\n"
            f"{kind.__name__}: {value}\n\nEverything you had saved is safe in the database.",
        )


def open_main_window(db_path: Path):
    """Open the database and show the main window; return (app, window), or raise StoreError.

    From here on, every file the process creates is private to its owner (umask 077).
    """
    keep_files_private()
    app = create_application()
    store = Store(db_path)
    from liftcalm.ui.main_window import MainWindow

    window = MainWindow(store)
    window.show()
    return app, window


def run_app(db_path: Path) -> int:
    """Run the app on ``db_path`` until its window closes; return the exit code."""
    try:
        app, window = open_main_window(db_path)
    except StoreError as error:
        print(f"liftcalm: {error}", file=sys.stderr)
        if QGuiApplication.platformName() != "offscreen":  # nobody could see or close a dialog there
            QMessageBox.critical(None, "LiftCalm cannot open its database", str(error))
        return 1
    sys.excepthook = show_unexpected_error
    code = app.exec()
    from liftcalm.ui.background import wait_for_background_work

    wait_for_background_work()
    window.store.close()
    return code
