"""The running session, recorded: the state machine, saved after every action, with plain callbacks.

``SessionRecorder`` owns a ``SessionRun`` and a repository. Every action (a set finished,
corrected, rated, taken back; a rest paused, moved, skipped; a phase ended by time; an
exercise added) is committed through the repository before the listeners hear of it, so a
kill loses nothing that was shown. No Qt: the UI adapts the callbacks to signals and arms a
precise timer at ``next_deadline()``; a test drives a whole session with a fake clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from liftcalm.core.clock import Clock, ClockAnchor
from liftcalm.core.models import Exercise, ExerciseKind, Readiness, Routine, RoutineItem
from liftcalm.core.session_plan import PlannedSet, plan_sets
from liftcalm.core.session_run import LoggedSet, Phase, SessionRun, SessionState


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()  # "leave this rating as it is", as opposed to None, "not answered"


def session_kind(exercises: Iterable[Exercise]) -> ExerciseKind:
    """A session of calm practices only is a calm session; anything else (or nothing yet) is strength."""
    kinds = {exercise.kind for exercise in exercises}
    return ExerciseKind.CALM if kinds == {ExerciseKind.CALM} else ExerciseKind.STRENGTH


@dataclass(frozen=True)
class RunningSession:
    """A session left running (after a close, a crash or a power cut), as the repository read it."""

    id: int
    routine_id: int | None
    routine_name: str
    kind: ExerciseKind
    started_at: str
    plan: tuple[PlannedSet, ...]
    state: SessionState  # clock values already moved to the current clock
    set_ids: tuple[int, ...] = ()  # the logged sets' ids, in the order of state.logged


class SessionRepository(Protocol):
    """Where a running session is committed; each call is one transaction, done before it returns."""

    def start(self, *, routine_id: int | None, routine_name: str, kind: ExerciseKind, plan: tuple[PlannedSet, ...],
              state: SessionState, anchor: ClockAnchor, readiness: Readiness, shorter: bool) -> int: ...
    def save_state(self, session_id: int, state: SessionState, anchor: ClockAnchor) -> None: ...
    def log_set(self, session_id: int, logged: LoggedSet, planned: PlannedSet, state: SessionState,
                anchor: ClockAnchor) -> int: ...
    def amend_set(self, session_id: int, logged: LoggedSet, position: int) -> None: ...
    def rate_set(self, session_id: int, logged_set_id: int, **ratings) -> None: ...
    def save_plan(self, session_id: int, plan: tuple[PlannedSet, ...], state: SessionState,
                  anchor: ClockAnchor) -> None: ...
    def undo_last_set(self, session_id: int, state: SessionState, anchor: ClockAnchor) -> None: ...
    def finish(self, session_id: int, wall_s: float, stress_final: int | None = None, note: str = "") -> None: ...


class SessionRecorder:
    """A session being run and recorded.

    Listeners (plain callables, called after the commit, on the caller's thread):
    ``on_changed()`` for anything shown (phase, rest, logged sets); ``on_time_ended_phase(kind)``
    when the clock alone ended a rest ("rest") or a timed block ("block");
    ``on_finished(session_id)`` once the session is history.
    """

    def __init__(self, repository: SessionRepository, clock: Clock, run: SessionRun, session_id: int,
                 routine_name: str, kind: ExerciseKind, set_ids: Iterable[int] = (),
                 wall_clock: Callable[[], float] = time.time):
        self._repository = repository
        self.clock = clock
        self.run = run
        self.session_id = session_id
        self.routine_name = routine_name
        self.kind = kind
        self._set_ids = list(set_ids)  # logged_set ids, in the order of run.logged
        self._wall_clock = wall_clock
        self.finished = False
        self.on_changed: list[Callable[[], None]] = []
        self.on_time_ended_phase: list[Callable[[str], None]] = []
        self.on_finished: list[Callable[[int], None]] = []

    # -- starting -----------------------------------------------------------------------------------
    @classmethod
    def start(cls, repository: SessionRepository, clock: Clock, routine: Routine,
              exercise_of: Callable[[int], Exercise], readiness: Readiness = Readiness(), shorter: bool = False,
              wall_clock: Callable[[], float] = time.time) -> SessionRecorder:
        """Start a session of ``routine``, committed before this returns."""
        plan = plan_sets(routine, shorter=shorter)
        run = SessionRun(plan, clock)
        kind = session_kind(exercise_of(item.exercise_id) for item in routine.items)
        session_id = repository.start(
            routine_id=routine.id, routine_name=routine.name, kind=kind, plan=plan, state=run.snapshot(),
            anchor=ClockAnchor.now(clock), readiness=readiness, shorter=shorter)
        return cls(repository, clock, run, session_id, routine.name, kind, (), wall_clock)

    @classmethod
    def resume(cls, repository: SessionRepository, clock: Clock, running: RunningSession,
               wall_clock: Callable[[], float] = time.time) -> SessionRecorder:
        """Take up a session left running; a rest that ended meanwhile ends at its deadline."""
        run = SessionRun(running.plan, clock, running.state)
        recorder = cls(repository, clock, run, running.id, running.routine_name, running.kind, running.set_ids,
                       wall_clock)
        recorder.tick()
        return recorder

    # -- reading ------------------------------------------------------------------------------------
    @property
    def phase(self) -> Phase:
        return self.run.phase

    def set_id(self, index: int) -> int:
        """The database id of logged set ``index``."""
        return self._set_ids[index]

    def next_deadline(self) -> float | None:
        """When time alone next changes the phase (a rest's or a timed block's end), for a precise timer."""
        return None if self.finished else self.run.next_deadline()

    # -- actions ------------------------------------------------------------------------------------
    def tick(self, now: float | None = None) -> None:
        """Let the clock decide (on repaint, or when the precise timer fires): ended phases are saved."""
        before = len(self.run.logged)
        phase = self.run.phase
        if self.run.advance(self.clock.now() if now is None else now):
            self._save(before)
            kind = "block" if len(self.run.logged) > before and phase is Phase.SET else "rest"
            for listener in list(self.on_time_ended_phase):
                listener(kind)

    def finish_set(self) -> LoggedSet:
        """Log the current set as planned, now; its rest starts."""
        before = len(self.run.logged)
        logged = self.run.finish_set()
        self._save(before)
        return logged

    def amend_set(self, index: int, reps: int, load_kg: float, rpe: float | None) -> None:
        """Correct logged set ``index`` with what was actually done."""
        logged = self.run.amend_set(index, reps, load_kg, rpe)
        self._repository.amend_set(self.session_id, logged, index)
        self._changed()

    def rate_set(self, index: int, *, stress_after_set=UNSET, stress_end_of_rest=UNSET, relief_signs=UNSET,
                 relief_note=UNSET) -> None:
        """Store a rating or reflection of logged set ``index`` (None: not answered; UNSET: leave it)."""
        ratings = {name: value for name, value in (
            ("stress_after_set", stress_after_set), ("stress_end_of_rest", stress_end_of_rest),
            ("relief_signs", relief_signs), ("relief_note", relief_note)) if value is not UNSET}
        if ratings:
            self._repository.rate_set(self.session_id, self._set_ids[index], **ratings)

    def pause_or_resume_rest(self) -> None:
        rest = self.run.rest
        if self.run.phase is not Phase.REST or rest is None:
            return
        self.run.resume_rest() if rest.is_paused else self.run.pause_rest()
        self._save(len(self.run.logged))

    def adjust_rest(self, seconds: float) -> None:
        """Move the end of the running rest by ``seconds`` (it can end now, not in the past)."""
        if self.run.phase is Phase.REST:
            self.run.adjust_rest(seconds)
            self._save(len(self.run.logged))

    def skip_rest(self) -> None:
        if self.run.phase is Phase.REST:
            self.run.skip_rest()
            self._save(len(self.run.logged))

    def undo_last_set(self) -> PlannedSet | None:
        """Take back the last logged set (deleted from the database); return its plan, or None."""
        taken_back = self.run.undo_last_set()
        if taken_back is not None:
            self._repository.undo_last_set(self.session_id, self.run.snapshot(), ClockAnchor.now(self.clock))
            self._set_ids.pop()
            self._changed()
        return taken_back

    def add_exercise(self, item: RoutineItem) -> None:
        """Add an exercise's sets to the end of the session's plan."""
        offset = max((p.item_index for p in self.run.plan), default=-1) + 1
        added = tuple(replace(p, item_index=p.item_index + offset)
                      for p in plan_sets(Routine(None, self.routine_name, (item,))))
        self.run.add_sets(added)
        self._repository.save_plan(self.session_id, self.run.plan, self.run.snapshot(), ClockAnchor.now(self.clock))
        self._changed()

    def end_early(self) -> None:
        """Stop the sets here (the summary comes next); logged sets stay as they are."""
        self.run.finish_session()
        self._save(len(self.run.logged))

    def finish(self, stress_final: int | None, note: str) -> None:
        """Close the session for good: it becomes history."""
        self._repository.finish(self.session_id, self._wall_clock(), stress_final=stress_final, note=note)
        self.finished = True
        for listener in list(self.on_finished):
            listener(self.session_id)

    # -- internals ------------------------------------------------------------------------------------
    def _save(self, logged_before: int) -> None:
        """Commit what the last action changed: new logged sets with the state, or the state alone."""
        anchor = ClockAnchor.now(self.clock)
        new_sets = self.run.logged[logged_before:]
        if new_sets:
            for logged in new_sets:
                self._set_ids.append(self._repository.log_set(
                    self.session_id, logged, self.run.plan[logged.plan_index], self.run.snapshot(), anchor))
        else:
            self._repository.save_state(self.session_id, self.run.snapshot(), anchor)
        self._changed()

    def _changed(self) -> None:
        for listener in list(self.on_changed):
            listener()
