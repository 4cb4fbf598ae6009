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
    from liftcalm.ui import theme

    theme.apply(store.settings.theme, app)  # before the first widget, so nothing is drawn twice
    from liftcalm.ui.main_window import MainWindow

    window = MainWindow(store)
    window.show()
    return app, window


ALREADY_OPEN_WAIT_S = 3.0  # how long a second start waits for the first to answer (it may be starting too)


def run_app(db_path: Path) -> int:
    """Run the app on ``db_path`` until its window closes; return the exit code.

    One app per database file: when another LiftCalm has it open, that window comes to the
    front and this start ends with exit code 0.
    """
    keep_files_private()
    from liftcalm.store.instance_lock import DatabaseLock

    lock = DatabaseLock(db_path)
    try:
        first = lock.acquire()
    except OSError:
        first = True  # no lock file can be made there: the database cannot be written either, and says so
    if not first:
        return _hand_over_to_running_app(db_path)
    try:
        app, window = open_main_window(db_path)
    except StoreError as error:
        lock.discard()  # a refused file keeps nothing beside it
        print(f"liftcalm: {error}", file=sys.stderr)
        if QGuiApplication.platformName() != "offscreen":  # nobody could see or close a dialog there
            QMessageBox.critical(None, "LiftCalm cannot open its database", str(error))
        return 1
    sys.excepthook = show_unexpected_error
    from PySide6.QtCore import QTimer

    from liftcalm.ui.quit_signals import QuitSignals

    quit_signals = QuitSignals(app)
    quit_signals.received.connect(window.quit_for_signal)

    QTimer.singleShot(0, lambda: _listen_for_later_starts(db_path, window))  # after the first paint
    code = app.exec()
    quit_signals.stop()
    from liftcalm.ui.background import wait_for_background_work

    wait_for_background_work()
    window.store.close()
    lock.release()
    return code


def _listen_for_later_starts(db_path: Path, window) -> None:
    from liftcalm.ui.remote_control import RemoteControl
    from liftcalm.ui.single_instance import InstanceServer

    server = InstanceServer(db_path, window)
    server.activate_requested.connect(lambda: bring_to_front(window))
    # `liftcalm session …` and the tray menu: one RemoteControl, found by the tray menu as a child.
    RemoteControl(window.session).serve(server)
    if not server.listen():
        print(f"liftcalm: a second start on {db_path} cannot reach this window ({server.name}).", file=sys.stderr)


def bring_to_front(window) -> None:
    """Show ``window`` in front of the others (a second start asked for it)."""
    window.bring_to_front()
    print("liftcalm: another start asked for this window; it is in front now.", file=sys.stderr)


def _hand_over_to_running_app(db_path: Path) -> int:
    """Another LiftCalm holds ``db_path``: bring its window to the front (exit 0), or say why not (1)."""
    import time

    create_application()
    from liftcalm.ui.single_instance import ask_running_instance

    deadline = time.monotonic() + ALREADY_OPEN_WAIT_S
    while True:
        answer = ask_running_instance(db_path, "activate")
        if answer is not None and answer.get("ok"):
            print(f"liftcalm: LiftCalm already has {db_path} open; its window is in front now.", file=sys.stderr)
            return 0
        if time.monotonic() >= deadline:
            break
        time.sleep(0.1)
    message = (f"{db_path} is in use by another LiftCalm: an import or another command may be writing to it. "
               "Try again when it has finished.")
    print(f"liftcalm: {message}", file=sys.stderr)
    if QGuiApplication.platformName() != "offscreen":
        QMessageBox.warning(None, "LiftCalm is busy with this database", message)
    return 1
