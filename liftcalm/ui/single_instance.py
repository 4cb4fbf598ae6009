"""The channel to the LiftCalm already running on a database: a local socket, one JSON line each way.

The running app listens on a socket named after its database file and its user; a second
start asks it to come to the front instead of opening the file again. Commands are
``{"command": NAME, ...}`` and answers ``{"ok": bool, ...}``; besides "activate", the app adds
its own with ``InstanceServer.add_command`` (the running session's: ``ui/remote_control.py``).
The names of the sockets are made without Qt, in ``liftcalm/remote.py``, so that the command
line can reach the app quickly.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from liftcalm.remote import server_name

TIMEOUT_MS = 2000

__all__ = ["InstanceServer", "ask_running_instance", "server_name"]


class InstanceServer(QObject):
    """Listens for commands from later starts on the same database; only this user may connect."""

    activate_requested = Signal()

    def __init__(self, db_path: Path | str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = server_name(db_path)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)
        self._commands: dict[str, Callable[[dict], dict]] = {}

    def add_command(self, name: str, handler: Callable[[dict], dict]) -> None:
        """Answer the command ``name`` with ``handler(request)``, called on the main thread.

        The handler returns the answer (``{"ok": bool, ...}``); an exception it raises is
        answered as an error, never raised into the event loop.
        """
        self._commands[name] = handler

    @property
    def full_name(self) -> str:
        """The socket's path (Unix) or pipe name (Windows) while listening."""
        return self._server.fullServerName()

    def listen(self) -> bool:
        """Start listening; a socket left by a LiftCalm that was killed is removed first.

        Call it only while holding the database's lock: then no other LiftCalm is listening.
        """
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def _on_new_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda socket=socket: self._on_socket_ready_read(socket))
            socket.disconnected.connect(socket.deleteLater)

    def _on_socket_ready_read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        try:
            request = json.loads(bytes(socket.readLine()).decode("utf-8"))
            command = request["command"]
        except (ValueError, KeyError, TypeError):
            self._answer(socket, {"ok": False, "error": "not a command"})
            return
        if command == "activate":
            self.activate_requested.emit()
            self._answer(socket, {"ok": True})
        elif isinstance(command, str) and command in self._commands and isinstance(request, dict):
            try:
                answer = self._commands[command](request)
            except Exception as error:  # a bug in one command must not take the app down: say it, go on
                traceback.print_exc()
                answer = {"ok": False, "error": f"the app could not do it ({type(error).__name__}: {error})"}
            self._answer(socket, answer)
        else:
            self._answer(socket, {"ok": False, "error": f"unknown command {command!r}"})

    @staticmethod
    def _answer(socket: QLocalSocket, answer: dict) -> None:
        socket.write(json.dumps(answer).encode("utf-8") + b"\n")
        socket.flush()
        socket.disconnectFromServer()


def ask_running_instance(db_path: Path | str, command: str, **arguments) -> dict | None:
    """Send ``command`` to the LiftCalm running on ``db_path``; its answer, or None if none answers."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(TIMEOUT_MS):
        return None
    socket.write(json.dumps({"command": command, **arguments}).encode("utf-8") + b"\n")
    socket.flush()
    if not socket.waitForReadyRead(TIMEOUT_MS) and not socket.canReadLine():
        return None
    while not socket.canReadLine() and socket.waitForReadyRead(TIMEOUT_MS):
        pass
    try:
        answer = json.loads(bytes(socket.readLine()).decode("utf-8"))
    except ValueError:
        return None
    socket.disconnectFromServer()
    return answer if isinstance(answer, dict) else None
