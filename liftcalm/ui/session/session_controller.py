"""The running session for the UI: the core's SessionRun, saved after every action, as signals.

Every action (a set finished, corrected, rated, taken back; a rest paused, moved, skipped; a
phase ended by time) is committed before the signal goes out, so a kill loses nothing that
was shown. Each write is one row or one small transaction, well under a millisecond
(``tests/bench/ui_stall.py`` measures the longest stall with the database on disk).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from liftcalm.core.clock import Clock, ClockAnchor
from liftcalm.core.models import ExerciseKind, Readiness, Routine, RoutineItem
from liftcalm.core.session_plan import plan_sets
from liftcalm.core.session_run import Phase, SessionRun
from liftcalm.store.sessions import UNSET, RunningSession
from liftcalm.ui.session.rest_alarm import RestAlarm


class SessionController(QObject):
    changed = Signal()  # anything shown may have changed: phase, rest, logged sets
    time_ended_phase = Signal(str)  # a rest or a timed block ended by the clock: "rest" or "block"
    finished = Signal(int)  # the session's id, once finished and saved

    def __init__(self, store, clock: Clock, run: SessionRun, session_id: int, routine_name: str,
                 kind: ExerciseKind, set_ids: list[int], parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.run = run
        self.session_id = session_id
        self.routine_name = routine_name
        self.kind = kind
        self._set_ids = set_ids  # logged_set ids, in the order of run.logged
        self.alarm = RestAlarm(clock, self)
        self.alarm.rest_finished.connect(self._on_alarm_rest_finished)
        self._arm()

    # -- starting -----------------------------------------------------------------------------------
    @classmethod
    def start(cls, store, clock: Clock, routine: Routine, readiness: Readiness = Readiness(),
              shorter: bool = False, parent: QObject | None = None) -> SessionController:
        """Start a session of ``routine`` (saved before this returns)."""
        plan = plan_sets(routine, shorter=shorter)
        run = SessionRun(plan, clock)
        kind = session_kind(store, routine.items)
        session_id = store.sessions.start(
            routine_id=routine.id, routine_name=routine.name, kind=kind, plan=plan, state=run.snapshot(),
            anchor=ClockAnchor.now(clock), readiness=readiness, shorter=shorter)
        return cls(store, clock, run, session_id, routine.name, kind, [], parent)

    @classmethod
    def resume(cls, store, clock: Clock, running: RunningSession, parent: QObject | None = None) -> SessionController:
        """Take up a session left running; a rest that ended meanwhile ends at its deadline."""
        run = SessionRun(running.plan, clock, running.state)
        set_ids = [row["id"] for row in store.sessions.logged_set_rows(running.id)]
        controller = cls(store, clock, run, running.id, running.routine_name, running.kind, set_ids, parent)
        controller.tick()
        return controller

    # -- reading ------------------------------------------------------------------------------------
    @property
    def phase(self) -> Phase:
        return self.run.phase

    def set_id(self, index: int) -> int:
        return self._set_ids[index]

    # -- actions --------------------------------------------------------------------------------------
    def tick(self) -> None:
        """Let the clock decide (called on repaint): ended rests and blocks are saved and signalled."""
        before = len(self.run.logged)
        phase = self.run.phase
        if self.run.advance(self.clock.now()):
            self._save(before)
            self.time_ended_phase.emit("block" if len(self.run.logged) > before and phase is Phase.SET else "rest")

    def finish_set(self) -> None:
        before = len(self.run.logged)
        self.run.finish_set()
        self._save(before)

    def amend_set(self, index: int, reps: int, load_kg: float, rpe: float | None) -> None:
        """Correct logged set ``index`` with what was actually done."""
        logged = self.run.amend_set(index, reps, load_kg, rpe)
        self.store.sessions.amend_set(self.session_id, logged, index)
        self.changed.emit()

    def rate_set(self, index: int, *, stress_after_set=UNSET, stress_end_of_rest=UNSET, relief_signs=UNSET,
                 relief_note=UNSET) -> None:
        """Store a rating or reflection of logged set ``index`` (None: not answered)."""
        self.store.sessions.rate_set(self.session_id, self._set_ids[index], stress_after_set=stress_after_set,
                                     stress_end_of_rest=stress_end_of_rest, relief_signs=relief_signs,
                                     relief_note=relief_note)

    def pause_or_resume_rest(self) -> None:
        rest = self.run.rest
        if self.run.phase is not Phase.REST or rest is None:
            return
        self.run.resume_rest() if rest.is_paused else self.run.pause_rest()
        self._save(len(self.run.logged))

    def adjust_rest(self, seconds: float) -> None:
        if self.run.phase is Phase.REST:
            self.run.adjust_rest(seconds)
            self._save(len(self.run.logged))

    def skip_rest(self) -> None:
        if self.run.phase is Phase.REST:
            self.run.skip_rest()
            self._save(len(self.run.logged))

    def undo_last_set(self):
        """Take back the last logged set (deleted from the database); return its plan, or None."""
        taken_back = self.run.undo_last_set()
        if taken_back is not None:
            self.store.sessions.undo_last_set(self.session_id, self.run.snapshot(), ClockAnchor.now(self.clock))
            self._set_ids.pop()
            self._arm()
            self.changed.emit()
        return taken_back

    def add_exercise(self, item: RoutineItem) -> None:
        """Add an exercise's sets to the end of the session's plan."""
        offset = max((p.item_index for p in self.run.plan), default=-1) + 1
        added = tuple(replace(p, item_index=p.item_index + offset)
                      for p in plan_sets(Routine(None, self.routine_name, (item,))))
        self.run.add_sets(added)
        self.store.sessions.save_plan(self.session_id, self.run.plan, self.run.snapshot(), ClockAnchor.now(self.clock))
        self._arm()
        self.changed.emit()

    def end_early(self) -> None:
        """Stop the sets here (the summary comes next); logged sets stay as they are."""
        self.run.finish_session()
        self._save(len(self.run.logged))

    def finish(self, stress_final: int | None, note: str) -> None:
        """Close the session for good: it becomes history."""
        import time

        self.alarm.arm(None)
        self.store.sessions.finish(self.session_id, time.time(), stress_final=stress_final, note=note)
        self.finished.emit(self.session_id)

    # -- internals ------------------------------------------------------------------------------------
    def _save(self, logged_before: int) -> None:
        """Commit what the last action changed: new logged sets with the state, or the state alone."""
        anchor = ClockAnchor.now(self.clock)
        new_sets = self.run.logged[logged_before:]
        if new_sets:
            for logged in new_sets:
                self._set_ids.append(self.store.sessions.log_set(
                    self.session_id, logged, self.run.plan[logged.plan_index], self.run.snapshot(), anchor))
        else:
            self.store.sessions.save_state(self.session_id, self.run.snapshot(), anchor)
        self._arm()
        self.changed.emit()

    def _arm(self) -> None:
        self.alarm.arm(self.run.next_deadline())

    def _on_alarm_rest_finished(self, _deadline: float) -> None:
        self.tick()


def session_kind(store, items: tuple[RoutineItem, ...]) -> ExerciseKind:
    """A session of calm practices only is a calm session; anything else is strength."""
    kinds = {store.exercises.get(item.exercise_id).kind for item in items}
    return ExerciseKind.CALM if kinds == {ExerciseKind.CALM} else ExerciseKind.STRENGTH
