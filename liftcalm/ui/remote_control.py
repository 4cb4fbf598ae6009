"""The running session, controlled from outside the window: ``liftcalm session …`` and the tray menu.

``RemoteControl`` reads the Session page's recorder and acts through the same calls as its
keys (Space, S, +/-, P), so the page, the alerts and the database follow as they do for a key.
It answers the ``session`` command of the single-instance channel (``liftcalm/remote.py`` is
the other end and describes the protocol) and gives the tray menu its actions and its line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from liftcalm.core.durations import format_elapsed, format_remaining
from liftcalm.core.session_run import Phase, SessionError
from liftcalm.remote import ACTIONS, MAX_ADJUST_S

if TYPE_CHECKING:
    from liftcalm.ui.single_instance import InstanceServer

COMMAND = "session"


class Refused(Exception):
    """The action does not fit the moment; the text says why, in words for the person."""


class RemoteControl(QObject):
    """Status and actions of the session on ``view`` (the ``SessionView``), for the command line and the tray.

    Everything runs on the main thread (the channel's server calls ``handle`` from its
    event loop). Lifetime: a child of ``view``, so it goes with the page.
    """

    def __init__(self, view: QWidget, parent: QObject | None = None):
        super().__init__(parent if parent is not None else view)
        self._view = view

    def serve(self, server: InstanceServer) -> None:
        """Answer the ``session`` command on ``server`` (the app's single-instance channel)."""
        server.add_command(COMMAND, self.handle)

    # -- the channel ---------------------------------------------------------------------------------
    def handle(self, request: dict) -> dict:
        """Answer one request of the protocol: ``{"ok": …, "said" or "error": …, "status": {…}}``."""
        action = request.get("action")
        if action not in ACTIONS:
            return {"ok": False, "error": f"unknown action {action!r}", "status": self.status()}
        try:
            if action == "status":
                said = self.status()["text"]
            elif action == "done":
                said = self.done()
            elif action == "skip-rest":
                said = self.skip_rest()
            elif action == "add":
                said = self.add(request.get("seconds"))
            else:
                said = self.pause()
        except Refused as refusal:
            return {"ok": False, "error": str(refusal), "status": self.status()}
        return {"ok": True, "said": said, "status": self.status()}

    # -- reading --------------------------------------------------------------------------------------
    def status(self) -> dict:
        """What the session is doing now, as plain JSON values.

        ``phase``: "set", "rest", "finished" (the summary waits) or None (no session).
        ``remaining_s``: the rest's time left, or a timed set's or block's; None for a set
        that runs until it is done. ``exercise``: the set's exercise, in a rest the next one
        (None in the cool-down). ``text``: all of it in one line for a person.
        """
        recorder = self._recorder()
        if recorder is None:
            return {"running": False, "phase": None, "remaining_s": None, "paused": False, "exercise": None,
                    "set_number": None, "set_count": None, "target": None, "elapsed_s": None, "routine": None,
                    "sets_logged": 0, "unsaved": 0, "text": "No session is running."}
        run, now = recorder.run, self._view.clock.now()
        planned = run.current if run.phase is not Phase.FINISHED else None
        remaining = elapsed = None
        paused = False
        if run.phase is Phase.SET:
            block_end = run.block_deadline()
            remaining = None if block_end is None else max(0.0, block_end - now)
            elapsed = run.stopwatch(now)
        elif run.phase is Phase.REST and run.rest is not None:
            remaining, paused = run.rest.remaining(now), run.rest.is_paused
            elapsed = max(0.0, now - run.rest.started_at)
        number = count = None
        if planned is not None:
            from liftcalm.core.session_overview import set_place

            number, count = set_place(run, run.position)
        return {
            "running": True,
            "phase": run.phase.value,
            "remaining_s": None if remaining is None else round(remaining, 1),
            "paused": paused,
            "exercise": self._exercise_name(planned),
            "set_number": number,
            "set_count": count,
            "target": self._target(planned),
            "elapsed_s": None if elapsed is None else round(elapsed, 1),
            "routine": recorder.routine_name,
            "sets_logged": len(run.logged),
            "unsaved": len(recorder.pending),
            "text": self._status_text(recorder, remaining, paused, elapsed),
        }

    def time_left_line(self) -> str:
        """The tray menu's first line: "Rest: 1:25 left", "Set: Bench Press, set 2 of 3", or ""."""
        recorder = self._recorder()
        if recorder is None:
            return ""
        run, now = recorder.run, self._view.clock.now()
        if run.phase is Phase.REST and run.rest is not None:
            paused = " (paused)" if run.rest.is_paused else ""
            return f"{self._rest_word(run)}{paused}: {format_remaining(run.rest.remaining(now))} left"
        if run.phase is Phase.SET and run.current is not None:
            block_end = run.block_deadline()
            left = f" · {format_remaining(block_end - now)} left" if block_end is not None else ""
            return f"Set: {self._title(run.current)}{left}"
        return "Session done: the summary waits"

    def remaining(self) -> float | None:
        """The exact time left of the rest, or of a timed set or block; None when nothing counts down."""
        recorder = self._recorder()
        if recorder is None:
            return None
        run, now = recorder.run, self._view.clock.now()
        if run.phase is Phase.REST and run.rest is not None:
            return run.rest.remaining(now)
        block_end = run.block_deadline() if run.phase is Phase.SET else None
        return None if block_end is None else max(0.0, block_end - now)

    def phase(self) -> Phase | None:
        recorder = self._recorder()
        return None if recorder is None else recorder.run.phase

    def rest_paused(self) -> bool:
        recorder = self._recorder()
        rest = recorder.run.rest if recorder is not None and recorder.run.phase is Phase.REST else None
        return rest is not None and rest.is_paused

    # -- acting ---------------------------------------------------------------------------------------
    def done(self) -> str:
        """Space: the set is done (a timed set not started yet starts); on the summary, save the session."""
        recorder = self._running()
        run = recorder.run
        if run.phase is Phase.REST:
            raise Refused(f"a rest is running ({format_remaining(run.rest.remaining(self._view.clock.now()))} "
                          "left), not a set; skip-rest ends it")
        if run.phase is Phase.FINISHED:
            summary = self._view.summary  # as Enter on the summary: a rating or a note typed there counts
            recorder.finish(summary.final_stress.value, summary.note.text().strip())
            return "Saved the session." if not recorder.pending else (
                "The session's end waits to be saved; LiftCalm keeps trying.")
        planned = run.current
        timed_start = run.is_timed() and run.timer_deadlines() is None
        self._view.finish_set()
        if timed_start:
            return f"Started {self._title(planned)}: get ready."
        index = len(recorder.run.logged) - 1
        saved = "" if recorder.is_saved(index) else " (not saved yet: LiftCalm keeps trying)"
        return f"Done: {self._title(planned)}{saved}. {self.status()['text']}"

    def skip_rest(self) -> str:
        recorder = self._in_rest()
        self._act(recorder.skip_rest)
        return f"Skipped the rest. {self.status()['text']}"

    def add(self, seconds) -> str:
        """Move the end of the rest by ``seconds`` (negative: sooner; never into the past)."""
        if isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 < abs(seconds) <= MAX_ADJUST_S:
            raise Refused(f"give the seconds as a whole number from 1 to {MAX_ADJUST_S} (or negative), "
                          f"not {seconds!r}")
        recorder = self._in_rest()
        self._act(lambda: recorder.adjust_rest(seconds))
        sign = "+" if seconds > 0 else "−"
        if self.phase() is not Phase.REST:
            return f"Rest {sign}{abs(seconds)} s: the rest is over. {self.status()['text']}"
        return f"Rest {sign}{abs(seconds)} s: {self.time_left_line()}"

    def pause(self) -> str:
        """P: pause the rest, or resume it when it is paused."""
        recorder = self._in_rest()
        was_paused = recorder.run.rest.is_paused
        self._act(recorder.pause_or_resume_rest)
        left = format_remaining(recorder.run.rest.remaining(self._view.clock.now())) if recorder.run.rest else "0:00"
        return f"Rest resumed: {left} left." if was_paused else f"Rest paused: {left} left."

    # -- helpers --------------------------------------------------------------------------------------
    def _recorder(self):
        recorder = self._view.recorder
        if recorder is not None:
            recorder.tick()  # a rest whose deadline passed ends now, as on a repaint
        return self._view.recorder  # the tick may have ended it

    def _running(self):
        recorder = self._recorder()
        if recorder is None:
            raise Refused("no session is running; start one in LiftCalm")
        return recorder

    def _in_rest(self):
        recorder = self._running()
        phase = recorder.run.phase
        if phase is Phase.SET:
            raise Refused("no rest is running: a set is under way (done ends it)")
        if phase is Phase.FINISHED:
            raise Refused("no rest is running: the sets are done, the summary waits")
        return recorder

    @staticmethod
    def _act(action) -> None:
        try:
            action()
        except SessionError as error:  # the rest ended between the look and the act
            raise Refused(f"that cannot be done now: {error}") from None

    def _exercise_name(self, planned) -> str | None:
        return None if planned is None else self._view.store.exercises.get(planned.exercise_id).name

    def _title(self, planned) -> str:
        from liftcalm.core.session_overview import set_place

        run = self._view.recorder.run
        number, count = set_place(run, run.plan.index(planned)) if planned in run.plan else (
            planned.set_number, planned.set_count)
        return f"{self._exercise_name(planned)}, set {number} of {count}"

    def _target(self, planned) -> str | None:
        if planned is None:
            return None
        if planned.duration_s:  # a calm practice's block
            return format_elapsed(planned.duration_s)
        from liftcalm.core.set_targets import describe_planned_target

        store = self._view.store
        return describe_planned_target(planned, store.settings.unit, store.exercises.get(planned.exercise_id))

    @staticmethod
    def _rest_word(run) -> str:
        return "Cool-down" if run.current is None else "Rest"

    def _status_text(self, recorder, remaining, paused, elapsed) -> str:
        run = recorder.run
        if run.phase is Phase.FINISHED:
            return "Session done: the summary waits in LiftCalm (done saves it)."
        planned = run.current
        if run.phase is Phase.REST:
            head = f"{self._rest_word(run)}{' (paused)' if paused else ''}: {format_remaining(remaining)} left"
            if planned is None:
                return f"{head} · then the summary"
            return f"{head} · next: {self._title(planned)} · {self._target(planned)}"
        line = f"Set: {self._title(planned)} · {self._target(planned)}"
        if remaining is not None:
            return f"{line} · {format_remaining(remaining)} left"
        if run.is_timed():
            return f"{line} · done starts it"
        return f"{line} · {format_elapsed(elapsed)} so far"
