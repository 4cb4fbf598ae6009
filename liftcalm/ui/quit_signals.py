"""SIGTERM, SIGHUP and SIGINT as a Qt signal: the desktop logging out, a shutdown, Ctrl+C in a terminal.

Python runs its signal handlers only between bytecodes, and Qt's event loop may sleep for
minutes in C. ``signal.set_wakeup_fd`` makes the C handler write the signal's number to a
socket that a ``QSocketNotifier`` watches, so the app wakes for it at once and never polls.
"""

from __future__ import annotations

import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier, Signal

QUIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


class QuitSignals(QObject):
    """Emits ``received`` with the signal's name ("SIGTERM") on the UI thread, once per signal."""

    received = Signal(str)

    def __init__(self, parent=None, signals=QUIT_SIGNALS):
        super().__init__(parent)
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)
        # A handler that does nothing keeps the process alive; the work is done from the notifier.
        self._previous = {number: signal.signal(number, lambda *_args: None) for number in signals}
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)

    def stop(self) -> None:
        """Give the signals back to whoever had them before."""
        self._notifier.setEnabled(False)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._read.close()
        self._write.close()

    def _on_readable(self) -> None:
        try:
            numbers = self._read.recv(64)
        except BlockingIOError:
            return
        for number in numbers:
            if number in self._previous:
                self.received.emit(signal.Signals(number).name)
