"""``liftcalm session …``: control the session of the LiftCalm running on a database, from anywhere.

The commands talk to the running app over its single-instance channel (``ui/single_instance.py``):
a local socket named after the database file and the user, one JSON line each way. This side
never loads Qt, so a command bound to a global shortcut answers in a few tens of milliseconds.

The protocol (version 1). The request is one line::

    {"command": "session", "action": "status" | "done" | "skip-rest" | "add" | "pause", "seconds": 15,
     "version": 1}

and the answer one line: ``{"ok": true, "said": "…", "status": {…}}`` or ``{"ok": false, "error": "…",
"status": {…}}``, where ``status`` is the session after the action (``ui/remote_control.py`` makes it;
at least ``running``, ``phase``, ``remaining_s`` and ``exercise``).

Only the user who runs the app may talk to it: the app's socket is made 0700 by Qt (in a
folder only the user can write), and before connecting this side checks that the socket is
the user's own and private, and, where the system says (Linux), that the process answering
runs as the same user.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from pathlib import Path

from liftcalm.terminal import terminal_text

PROTOCOL_VERSION = 1
ANSWER_TIMEOUT_S = 3.0  # the app answers from its event loop; a busy one still does within this
MAX_ANSWER_BYTES = 1 << 20
ACTIONS = ("status", "done", "skip-rest", "add", "pause")  # the app answers these (ui/remote_control.py)
MAX_ADJUST_S = 3600


def server_name(db_path: Path | str) -> str:
    """A socket name for this database file and this user (the same file by two paths is one name)."""
    real = os.path.realpath(Path(db_path).expanduser())
    digest = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    try:
        user = str(os.getuid())
    except AttributeError:  # Windows
        import getpass

        user = getpass.getuser()
    return f"liftcalm-{user}-{digest}"


def socket_path(db_path: Path | str) -> Path:
    """Where QLocalServer puts the socket for ``db_path`` on Unix: in Qt's temporary folder.

    Qt's ``QDir::tempPath()`` is ``$TMPDIR`` (or /tmp) with links resolved; a test checks that
    this agrees with the path of a real server.
    """
    return Path(os.path.realpath(os.environ.get("TMPDIR") or "/tmp")) / server_name(db_path)


class NoRunningApp(Exception):
    """No LiftCalm answers for this database (none runs, or it was killed and left its socket)."""


class ChannelRefused(Exception):
    """A socket is there but is not safe to talk to (another user's, or not private), or the answer is bad."""


def ask(db_path: Path | str, request: dict, timeout_s: float = ANSWER_TIMEOUT_S) -> dict:
    """Send ``request`` to the LiftCalm running on ``db_path`` and return its answer.

    Raises NoRunningApp when none answers, ChannelRefused when the socket or the answer cannot be trusted.
    """
    if os.name == "nt":  # pragma: no cover - Windows: named pipes, through QtNetwork
        return _ask_through_qt(db_path, request)
    import socket

    path = socket_path(db_path)
    _check_private(path)
    channel = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    channel.settimeout(timeout_s)
    try:
        try:
            channel.connect(str(path))
        except (FileNotFoundError, ConnectionRefusedError):
            raise NoRunningApp() from None  # a socket left by a LiftCalm that was killed: nobody listens
        _check_peer(channel)
        channel.sendall(json.dumps(request).encode("utf-8") + b"\n")
        answer = _read_line(channel)
    except TimeoutError:
        raise ChannelRefused(f"LiftCalm did not answer within {timeout_s:g} s (is it busy?)") from None
    except OSError as error:
        raise ChannelRefused(f"the channel to LiftCalm failed ({error.strerror or error})") from None
    finally:
        channel.close()
    try:
        decoded = json.loads(answer.decode("utf-8"))
    except ValueError:
        raise ChannelRefused("LiftCalm's answer could not be read") from None
    if not isinstance(decoded, dict):
        raise ChannelRefused("LiftCalm's answer could not be read")
    return decoded


def _check_private(path: Path) -> None:
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        raise NoRunningApp() from None
    if not stat.S_ISSOCK(found.st_mode):
        raise NoRunningApp()
    if found.st_uid != os.getuid():
        raise ChannelRefused(f"{path} belongs to another user; LiftCalm's channel is always its user's own")
    if found.st_mode & 0o077:
        raise ChannelRefused(f"{path} can be reached by other users (mode {oct(stat.S_IMODE(found.st_mode))}); "
                             "LiftCalm makes its channel private, so this one is not LiftCalm's")


def _check_peer(channel) -> None:
    """Where the system tells who holds the other end (Linux), it must be this user."""
    import socket

    if not hasattr(socket, "SO_PEERCRED"):
        return
    import struct

    credentials = channel.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", credentials)
    if uid != os.getuid():
        raise ChannelRefused("the program answering on LiftCalm's channel runs as another user")


def _read_line(channel) -> bytes:
    received = bytearray()
    while b"\n" not in received:
        chunk = channel.recv(65536)
        if not chunk:
            break
        received += chunk
        if len(received) > MAX_ANSWER_BYTES:
            raise ChannelRefused("LiftCalm's answer is too long")
    if not received:
        raise ChannelRefused("LiftCalm closed the channel without answering")
    return bytes(received.split(b"\n", 1)[0])


def _ask_through_qt(db_path: Path | str, request: dict) -> dict:  # pragma: no cover - Windows only
    """Windows: QLocalServer listens on a named pipe there, which QLocalSocket reaches."""
    from PySide6.QtNetwork import QLocalSocket

    channel = QLocalSocket()
    channel.connectToServer(server_name(db_path))
    if not channel.waitForConnected(round(ANSWER_TIMEOUT_S * 1000)):
        raise NoRunningApp()
    channel.write(json.dumps(request).encode("utf-8") + b"\n")
    channel.flush()
    while not channel.canReadLine():
        if not channel.waitForReadyRead(round(ANSWER_TIMEOUT_S * 1000)):
            raise ChannelRefused(f"LiftCalm did not answer within {ANSWER_TIMEOUT_S:g} s (is it busy?)")
    try:
        answer = json.loads(bytes(channel.readLine()).decode("utf-8"))
    except ValueError:
        raise ChannelRefused("LiftCalm's answer could not be read") from None
    channel.disconnectFromServer()
    if not isinstance(answer, dict):
        raise ChannelRefused("LiftCalm's answer could not be read")
    return answer


# -- the command line ----------------------------------------------------------------------------------

def add_session_parser(commands, db_option) -> None:
    """Add ``session status|done|skip-rest|add|pause`` to the ``liftcalm`` command's subparsers."""
    session = commands.add_parser(
        "session", parents=[db_option],
        help="control the session in the LiftCalm that is running (for global shortcuts)",
        description="Act on the session of the LiftCalm window open on the database (the default one, or "
                    "--db PATH). Exit code 0 when done, 1 when no LiftCalm is running for that database or the "
                    "action does not fit the moment (the reason is on stderr).")
    actions = session.add_subparsers(dest="action", title="actions", metavar="ACTION", required=True)

    def action(name: str, text: str):
        parser = actions.add_parser(name, parents=[db_option], help=text, description=text)
        parser.add_argument("--json", action="store_true",
                            help="print the session's status after the action as one JSON line")
        return parser

    action("status", "what the session is doing: the phase, the time left, the exercise")
    action("done", "the set is done (Space in the app); starts a timed set; on the summary, saves the session")
    action("skip-rest", "end the rest now")
    adding = action("add", "move the end of the rest: add 15, add -15")
    adding.add_argument("seconds", type=adjust_seconds, metavar="SECONDS",
                        help=f"seconds to add (negative to take away), at most {MAX_ADJUST_S}")
    action("pause", "pause the rest, or resume it if it is paused")


def adjust_seconds(text: str) -> int:
    import argparse

    try:
        seconds = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of seconds: {text!r}") from None
    if seconds == 0 or abs(seconds) > MAX_ADJUST_S:
        raise argparse.ArgumentTypeError(f"give from 1 to {MAX_ADJUST_S} seconds, or -1 to -{MAX_ADJUST_S}")
    return seconds


NOT_RUNNING = {"app": False, "running": False, "phase": None, "remaining_s": None, "exercise": None}


def run_session_command(args, stdout=None, stderr=None) -> int:
    """Run ``liftcalm session ACTION`` for ``args.db``; print the answer; return the exit code.

    0: done (``status`` also when no session runs); 1: no LiftCalm is running for that database,
    the channel cannot be trusted, or the action does not fit the moment. Errors are one line on stderr.
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    db = Path(args.db).expanduser()
    request = {"command": "session", "action": args.action, "version": PROTOCOL_VERSION}
    if args.action == "add":
        request["seconds"] = args.seconds
    prefix = f"liftcalm session {args.action}"
    try:
        answer = ask(db, request)
    except NoRunningApp:
        if args.json:
            print(json.dumps(NOT_RUNNING), file=stdout)
        print(f"{prefix}: no LiftCalm is running for {terminal_text(db)} (start it first; --db PATH names another "
              "database)", file=stderr)
        return 1
    except ChannelRefused as error:
        print(f"{prefix}: {terminal_text(str(error))}", file=stderr)
        return 1
    status = answer.get("status") if isinstance(answer.get("status"), dict) else None
    if args.json and status is not None:
        print(json.dumps({"app": True, **status}), file=stdout)
    if not answer.get("ok"):
        error = str(answer.get("error") or "the app refused the command")
        if error.startswith("unknown command"):
            error = "the LiftCalm running is older and cannot be controlled from here; restart it"
        print(f"{prefix}: {terminal_text(error)}", file=stderr)
        return 1
    if not args.json:
        print(terminal_text(str(answer.get("said", ""))), file=stdout)
    return 0


def parse_session_args(argv: list[str]):
    """The arguments of ``[--db PATH] ACTION …`` as ``liftcalm session`` parses them."""
    import argparse

    from liftcalm.paths import default_database_path

    parser = argparse.ArgumentParser(prog="python -m liftcalm.remote")
    parser.add_argument("--db", metavar="PATH", type=Path, default=default_database_path(),
                        help="the database the app has open (default: %(default)s)")
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument("--db", metavar="PATH", type=Path, default=argparse.SUPPRESS,
                           help="the database the app has open")
    commands = parser.add_subparsers(dest="command", required=True)
    add_session_parser(commands, db_option)
    return parser.parse_args(["session", *argv])


def main(argv: list[str] | None = None) -> int:
    """``python -m liftcalm.remote [--db PATH] ACTION …``: the same commands without the rest of the CLI."""
    return run_session_command(parse_session_args(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
