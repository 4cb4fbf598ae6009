"""The running session, recorded: the state machine, saved after every action, with plain callbacks.

``SessionRecorder`` owns a ``SessionRun`` and a repository. Every action (a set finished,
corrected, rated, taken back; a rest paused, moved, skipped; a phase ended by time; an
exercise added) is committed through the repository before the listeners hear of it, so a
kill loses nothing that was shown. No Qt: the UI adapts the callbacks to signals and arms a
precise timer at ``next_deadline()``; a test drives a whole session with a fake clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Protocol

from liftcalm.core.clock import Clock, ClockAnchor
from liftcalm.core.models import Exercise, ExerciseKind, Readiness, Routine, RoutineItem
from liftcalm.core.session_plan import PlannedSet, plan_sets
from liftcalm.core.session_run import LoggedSet, Phase, SessionError, SessionRun, SessionState
from liftcalm.core.undo import UndoHistory


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
    anchor: ClockAnchor  # the session's own tie to the wall clock, moved to the current clock
    ratings: tuple[SetRatings, ...] = ()  # what was said about each logged set, in order
    exercise_notes: dict[int, str] = field(default_factory=dict)  # this session's note per exercise id


class WriteFailed(Exception):
    """A write the repository could not commit now, but may later: the disk is full, the file locked.

    ``message`` says what is wrong in words a person understands, and what to do.
    """

    def __init__(self, cause: str, message: str):
        super().__init__(message)
        self.cause = cause
        self.message = message


class SessionRepository(Protocol):
    """Where a running session is committed; each call is one transaction, done before it returns.

    Every write except ``start`` is idempotent (applying it twice leaves what once leaves), so
    a write that failed can be tried again as it is. A write that fails for a reason that may
    pass raises ``WriteFailed``.
    """

    def start(self, *, routine_id: int | None, routine_name: str, kind: ExerciseKind, plan: tuple[PlannedSet, ...],
              state: SessionState, anchor: ClockAnchor, readiness: Readiness, shorter: bool) -> int: ...
    def save_state(self, session_id: int, state: SessionState, anchor: ClockAnchor) -> None: ...
    def log_set(self, session_id: int, position: int, logged: LoggedSet, planned: PlannedSet, state: SessionState,
                anchor: ClockAnchor) -> None: ...
    def amend_set(self, session_id: int, logged: LoggedSet, position: int) -> None: ...
    def rate_set(self, session_id: int, position: int, rated_at: float | None = None, **ratings) -> None: ...
    def save_plan(self, session_id: int, plan: tuple[PlannedSet, ...], state: SessionState,
                  anchor: ClockAnchor) -> None: ...
    def undo_last_set(self, session_id: int, position: int, state: SessionState, anchor: ClockAnchor) -> None: ...
    def note_exercise(self, session_id: int, exercise_id: int, note: str) -> None: ...
    def finish(self, session_id: int, wall_s: float, stress_final: int | None = None, note: str = "") -> None: ...


@dataclass(frozen=True)
class PendingWrite:
    """One action not in the database yet: the repository method to call and its arguments."""

    label: str  # what a person is told is waiting ("set 2 of Barbell Bench Press", "a rating")
    method: str
    arguments: dict


@dataclass(frozen=True)
class SetRatings:
    """What the person said about a logged set: ratings (None: not answered), signs, a note.

    ``*_at`` are when each rating was given (wall-clock seconds; None: not known).
    """

    stress_after_set: int | None = None
    stress_end_of_rest: int | None = None
    relief_signs: tuple[str, ...] = ()
    relief_note: str = ""
    stress_after_set_at: float | None = None
    stress_end_of_rest_at: float | None = None


@dataclass(frozen=True)
class SetLogged:
    """An undo step: set ``index`` was logged (undo takes it back; redo logs it again, as it was)."""

    label: str
    index: int
    logged: LoggedSet
    ratings: SetRatings


@dataclass(frozen=True)
class SetTakenBack:
    """An undo step: set ``index`` was taken back, to be done again (undo puts it back)."""

    label: str
    index: int
    logged: LoggedSet
    ratings: SetRatings


@dataclass(frozen=True)
class SetEdited:
    """An undo step: a logged set's numbers, ratings or note changed from ``before`` to ``after``."""

    label: str
    index: int
    before: tuple[LoggedSet, SetRatings]
    after: tuple[LoggedSet, SetRatings]


@dataclass(frozen=True)
class ExerciseNoted:
    """An undo step: this session's note about an exercise changed from ``before`` to ``after``."""

    label: str
    exercise_id: int
    before: str
    after: str


@dataclass(frozen=True)
class PlanChanged:
    """An undo step: the plan or its order changed (a skip, a move, a set added or removed)."""

    label: str
    before: tuple  # SessionRun.plan_layout() before the change
    after: tuple  # and after it


RETRY_DELAYS_S = (1, 2, 4, 8, 15, 30)  # back-off after each failed attempt; then every 30 s


class SessionRecorder:
    """A session being run and recorded.

    Every action is a write, applied to the repository in the order of the actions. A write
    that fails (``WriteFailed``) is held, with every write after it: the run goes on in memory
    (the timer keeps running), nothing later is written before it, and ``flush()`` (called
    by each new action, and by the UI's retry timer after ``retry_delay_s()``) writes them
    all, in order, the moment it can. So the database always holds a prefix of what happened.

    Listeners (plain callables, called on the caller's thread): ``on_changed()`` for anything
    shown (phase, rest, logged sets, what is waiting); ``on_time_ended_phase(kind)`` when the
    clock alone ended a rest ("rest") or a timed block ("block"); ``on_write_failed(error)``
    when a write is held; ``on_saved()`` when everything held is written;
    ``on_finished(session_id)`` once the session is history (its finish is written).

    ``history`` is the running session's undo history: every set logged or taken back and
    every change to a logged set (numbers, ratings, note) can be undone and redone.
    """

    def __init__(self, repository: SessionRepository, clock: Clock, run: SessionRun, session_id: int,
                 routine_name: str, kind: ExerciseKind, anchor: ClockAnchor,
                 ratings: Iterable[SetRatings] = (), routine_id: int | None = None):
        self._repository = repository
        self.routine_id = routine_id  # the routine it was started from (None: an empty session)
        self.clock = clock
        self.run = run
        self.session_id = session_id
        self.routine_name = routine_name
        self.kind = kind
        # One tie between this session's clock values and the wall clock, taken at its start:
        # a wall clock set back (by NTP or by hand) mid-session cannot put an end before the start.
        self.anchor = anchor
        self.finished = False  # its finish is written: it is history
        # How a person is told which set is waiting; the UI gives it the exercise's name.
        self.describe_set: Callable[[PlannedSet], str] = lambda planned: (
            f"set {planned.set_number} of exercise {planned.item_index + 1}")
        self.ratings: list[SetRatings] = list(ratings) or [SetRatings() for _ in run.logged]
        self.exercise_notes: dict[int, str] = {}
        self.history: UndoHistory = UndoHistory(self._apply_step)
        self.fault: WriteFailed | None = None  # why the writes waiting could not be made
        self._pending: list[PendingWrite] = []
        self._failures = 0
        self.on_changed: list[Callable[[], None]] = []
        self.on_time_ended_phase: list[Callable[[str], None]] = []
        self.on_write_failed: list[Callable[[WriteFailed], None]] = []
        self.on_saved: list[Callable[[], None]] = []
        self.on_finished: list[Callable[[int], None]] = []

    # -- starting -----------------------------------------------------------------------------------
    @classmethod
    def start(cls, repository: SessionRepository, clock: Clock, routine: Routine,
              exercise_of: Callable[[int], Exercise], readiness: Readiness = Readiness(),
              shorter: bool = False, reasons=None) -> SessionRecorder:
        """Start a session of ``routine``, committed before this returns (raises ``WriteFailed`` if it cannot).

        ``reasons`` are the suggestions' reasons per item (``progression.apply_suggestions``).
        """
        plan = plan_sets(routine, shorter=shorter, reasons=reasons)
        run = SessionRun(plan, clock)
        kind = session_kind(exercise_of(item.exercise_id) for item in routine.items)
        anchor = ClockAnchor.now(clock)
        session_id = repository.start(
            routine_id=routine.id, routine_name=routine.name, kind=kind, plan=plan, state=run.snapshot(),
            anchor=anchor, readiness=readiness, shorter=shorter)
        return cls(repository, clock, run, session_id, routine.name, kind, anchor, routine_id=routine.id)

    @classmethod
    def resume(cls, repository: SessionRepository, clock: Clock, running: RunningSession) -> SessionRecorder:
        """Take up a session left running; a rest that ended meanwhile ends at its deadline."""
        run = SessionRun(running.plan, clock, running.state)
        recorder = cls(repository, clock, run, running.id, running.routine_name, running.kind, running.anchor,
                       running.ratings, running.routine_id)
        recorder.exercise_notes = dict(running.exercise_notes)
        recorder.tick()
        return recorder

    # -- reading ------------------------------------------------------------------------------------
    @property
    def phase(self) -> Phase:
        return self.run.phase

    @property
    def pending(self) -> tuple[PendingWrite, ...]:
        """The writes waiting, oldest first (empty when everything is in the database)."""
        return tuple(self._pending)

    def is_saved(self, index: int) -> bool:
        """Whether logged set ``index`` is in the database (its log and every change after it)."""
        return not any(write.method in ("log_set", "amend_set", "rate_set")
                       and write.arguments["position"] == index for write in self._pending)

    def retry_delay_s(self) -> float:
        """How long to wait before trying the held writes again: longer after each failure."""
        return RETRY_DELAYS_S[min(self._failures, len(RETRY_DELAYS_S)) - 1] if self._failures else 0.0

    def next_deadline(self) -> float | None:
        """When time alone next changes the phase (a rest's or a timed block's end), for a precise timer."""
        return None if self.run.phase is Phase.FINISHED else self.run.next_deadline()

    def wall_time(self, clock_s: float) -> float:
        """The wall-clock time of a clock value of this session (see ``anchor``)."""
        return self.anchor.wall_time(clock_s)

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

    def amend_set(self, index: int, reps: int | None, load_kg: float | None, rpe: float | None,
                  duration_s=UNSET, distance_m=UNSET) -> None:
        """Correct logged set ``index`` with what was actually done (an undoable step)."""
        before = (self.run.logged[index], self.ratings[index])
        extra = {name: value for name, value in (("duration_s", duration_s), ("distance_m", distance_m))
                 if value is not UNSET}
        logged = replace(self.run.logged[index], reps=reps, load_kg=load_kg, rpe=rpe, **extra)
        if logged != before[0]:
            self._edit(SetEdited(f"correct {self._set_label(index)}", index, before, (logged, before[1])))

    def rate_set(self, index: int, *, stress_after_set=UNSET, stress_end_of_rest=UNSET, relief_signs=UNSET,
                 relief_note=UNSET) -> None:
        """Store a rating or reflection of logged set ``index`` (None: not answered; UNSET: leave it)."""
        now = self.wall_time(self.clock.now())
        old = self.ratings[index]
        changes: dict = {}
        if stress_after_set is not UNSET and stress_after_set != old.stress_after_set:
            changes.update(stress_after_set=stress_after_set, stress_after_set_at=now)
        if stress_end_of_rest is not UNSET and stress_end_of_rest != old.stress_end_of_rest:
            changes.update(stress_end_of_rest=stress_end_of_rest, stress_end_of_rest_at=now)
        if relief_signs is not UNSET and tuple(relief_signs) != old.relief_signs:
            changes["relief_signs"] = tuple(relief_signs)
        if relief_note is not UNSET and relief_note != old.relief_note:
            changes["relief_note"] = relief_note
        if changes:
            what = "note" if set(changes) == {"relief_note"} else "rating"
            logged = self.run.logged[index]
            self._edit(SetEdited(f"{what} of {self._set_label(index)}", index, (logged, old),
                                 (logged, replace(old, **changes))))

    def undo(self):
        """Undo the latest step of this session (Edit > Undo); return it, or None."""
        step = self.history.undo()
        self._tell_changed()
        return step

    def redo(self):
        """Redo the step undone last; return it, or None. Raises SessionError when it no longer fits."""
        step = self.history.redo()
        self._tell_changed()
        return step

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

    def take_back_last_set(self) -> PlannedSet | None:
        """Take back the last logged set, to be done again (an undoable step); return its plan, or None."""
        if not self.run.logged or self.run.phase is Phase.FINISHED:
            return None
        index = len(self.run.logged) - 1
        step = SetTakenBack(f"take back {self._set_label(index)}", index, self.run.logged[index], self.ratings[index])
        self._take_back(index)
        self.history.record(step)
        self._tell_changed()
        return self.run.plan[step.logged.plan_index]

    def add_exercise(self, item: RoutineItem, name: str = "an exercise") -> None:
        """Add an exercise's sets to the end of the session's plan (an undoable step)."""
        offset = max((p.item_index for p in self.run.plan), default=-1) + 1
        added = tuple(replace(p, item_index=p.item_index + offset)
                      for p in plan_sets(Routine(None, self.routine_name, (item,))))
        self._change_plan(f"add {name}", lambda: self.run.add_sets(added))

    # -- the plan, rearranged from the overview ---------------------------------------------------
    def jump_to(self, index: int) -> None:
        """Do planned set ``index`` next (not an undo step: jumping back is the way back)."""
        self.run.jump_to(index)
        self._save(len(self.run.logged))

    def skip_sets(self, indices, label: str) -> None:
        self._change_plan(label, lambda: self.run.skip(indices))

    def remove_set(self, index: int) -> None:
        label = f"remove {self._planned_label(self.run.plan[index])}"
        self._change_plan(label, lambda: self.run.remove(index))

    def move_exercise_later(self, item_index: int, name: str) -> bool:
        moved = []
        self._change_plan(f"move {name} later", lambda: moved.append(self.run.move_later(item_index)))
        return bool(moved and moved[0])

    def add_set(self, item_index: int, name: str) -> None:
        self._change_plan(f"add a set of {name}", lambda: self.run.add_set(item_index))

    def retarget(self, index: int, label: str, **targets) -> None:
        """Change a planned set's targets (an undoable step): "fill from last time"."""
        self._change_plan(label, lambda: self.run.retarget(index, **targets))

    def insert_before(self, index: int, sets: tuple[PlannedSet, ...], label: str) -> None:
        """Put sets before planned set ``index`` (a warm-up ramp), the first of them next (an undoable step)."""
        self._change_plan(label, lambda: self.run.insert_before(index, sets))

    def note_exercise(self, exercise_id: int, note: str, name: str = "an exercise") -> None:
        """This session's note about an exercise (an undoable step); empty removes it."""
        old = self.exercise_notes.get(exercise_id, "")
        if note != old:
            step = ExerciseNoted(f"note about {name}", exercise_id, old, note)
            self._apply_note(exercise_id, note)
            self.history.record(step)
            self._tell_changed()

    def _apply_note(self, exercise_id: int, note: str) -> None:
        if note:
            self.exercise_notes[exercise_id] = note
        else:
            self.exercise_notes.pop(exercise_id, None)
        self._pending.append(PendingWrite("a note", "note_exercise", {
            "session_id": self.session_id, "exercise_id": exercise_id, "note": note}))
        self.flush()

    def start_timer(self) -> bool:
        """Start the current timed set's get-ready countdown (Space); saved like every change."""
        if not self.run.start_timer():
            return False
        self._save(len(self.run.logged))
        return True

    def _change_plan(self, label: str, change: Callable[[], None]) -> None:
        before = self.run.plan_layout()
        change()
        after = self.run.plan_layout()
        if after == before:
            return
        self.history.record(PlanChanged(label, before, after))
        self._write_plan()

    def _write_plan(self) -> None:
        self._write("a change to the plan", "save_plan", session_id=self.session_id, plan=self.run.plan,
                    state=self.run.snapshot(), anchor=self.anchor)

    def end_early(self) -> None:
        """Stop the sets here (the summary comes next); logged sets stay as they are."""
        self.run.finish_session()
        self._save(len(self.run.logged))

    def finish(self, stress_final: int | None, note: str) -> None:
        """Close the session for good: it becomes history once this is written (``on_finished``)."""
        self._write("the end of the session", "finish", session_id=self.session_id,
                    wall_s=self.wall_time(self.clock.now()), stress_final=stress_final, note=note)

    def flush(self) -> bool:
        """Write what is waiting, in order; True when nothing is left waiting."""
        had_fault, finished_now = self.fault is not None, False
        while self._pending:
            write = self._pending[0]
            try:
                getattr(self._repository, write.method)(**write.arguments)
            except WriteFailed as error:
                self.fault = error
                self._failures += 1
                for listener in list(self.on_write_failed):
                    listener(error)
                return False
            self._pending.pop(0)
            finished_now = finished_now or write.method == "finish"
        self.fault, self._failures = None, 0
        if had_fault:
            for listener in list(self.on_saved):
                listener()
        if finished_now:
            self.finished = True
            for listener in list(self.on_finished):
                listener(self.session_id)
        return True

    def hold(self, writes: Iterable[PendingWrite]) -> None:
        """Take up writes held by an earlier run (from a recovery file), ahead of anything new."""
        self._pending[:0] = list(writes)

    # -- internals ------------------------------------------------------------------------------------
    def _save(self, logged_before: int, record: bool = True) -> None:
        """Write what the last action changed: new logged sets with the state, or the state alone."""
        new_sets = self.run.logged[logged_before:]
        if new_sets:
            for offset, logged in enumerate(new_sets):
                position = logged_before + offset
                self.ratings.append(SetRatings())
                self._pending.append(PendingWrite(
                    self._set_label(position), "log_set", {
                        "session_id": self.session_id, "position": position, "logged": logged,
                        "planned": self.as_done(position), "state": self.run.snapshot(),
                        "anchor": self.anchor}))
                if record:
                    self.history.record(SetLogged(f"log {self._set_label(position)}", position, logged,
                                                  SetRatings()))
            self._flush_and_tell()
        else:
            self._write("a change to the rest", "save_state", session_id=self.session_id, state=self.run.snapshot(),
                        anchor=self.anchor)

    def _write(self, label: str, method: str, **arguments) -> None:
        self._pending.append(PendingWrite(label, method, arguments))
        self._flush_and_tell()

    def _flush_and_tell(self) -> None:
        self.flush()
        self._tell_changed()

    def _tell_changed(self) -> None:
        for listener in list(self.on_changed):
            listener()

    def _edit(self, step: SetEdited) -> None:
        self._apply_edit(step.index, step.before, step.after)
        self.history.record(step)
        self._tell_changed()

    def _apply_step(self, step, forward: bool) -> None:
        """The one body that undoes (``forward`` False) and redoes every step of the session."""
        if isinstance(step, SetEdited):
            before, after = (step.before, step.after) if forward else (step.after, step.before)
            self._apply_edit(step.index, before, after)
        elif isinstance(step, ExerciseNoted):
            self._apply_note(step.exercise_id, step.after if forward else step.before)
        elif isinstance(step, PlanChanged):
            self.run.restore_layout(*(step.after if forward else step.before))
            self._write_plan()
        elif isinstance(step, SetLogged) is forward:  # redo a log, or undo a take-back: log it again
            self._log_again(step)
        else:  # undo a log, or redo a take-back
            if step.index != len(self.run.logged) - 1:
                raise SessionError("that set is no longer the last one logged")
            self._take_back(step.index)

    def _apply_edit(self, index: int, before: tuple[LoggedSet, SetRatings], after: tuple[LoggedSet, SetRatings]):
        if index >= len(self.run.logged):
            raise SessionError("that set is not logged now")
        (old_set, old), (new_set, new) = before, after
        label = self._set_label(index)
        if new_set != old_set:
            logged = self.run.amend_set(index, new_set.reps, new_set.load_kg, new_set.rpe, new_set.duration_s,
                                        new_set.distance_m)
            self._pending.append(PendingWrite(f"the correction of {label}", "amend_set", {
                "session_id": self.session_id, "logged": logged, "position": index}))
        self.ratings[index] = new
        for value_name, time_name in (("stress_after_set", "stress_after_set_at"),
                                      ("stress_end_of_rest", "stress_end_of_rest_at")):
            if getattr(new, value_name) != getattr(old, value_name):
                self._pending.append(PendingWrite("a rating", "rate_set", {
                    "session_id": self.session_id, "position": index, "rated_at": getattr(new, time_name),
                    value_name: getattr(new, value_name)}))
        if new.relief_signs != old.relief_signs or new.relief_note != old.relief_note:
            self._pending.append(PendingWrite("a note", "rate_set", {
                "session_id": self.session_id, "position": index, "relief_signs": list(new.relief_signs),
                "relief_note": new.relief_note}))
        self.flush()

    def _take_back(self, index: int) -> None:
        self.run.undo_last_set()
        self.ratings.pop()
        self._pending.append(PendingWrite(f"taking back {self._set_label_of(self.run.current)}", "undo_last_set", {
            "session_id": self.session_id, "position": index, "state": self.run.snapshot(), "anchor": self.anchor}))
        self.flush()

    def _log_again(self, step) -> None:
        """Log a set taken back again, as it was: its numbers, ratings and note."""
        current = self.run.current
        if self.run.phase is not Phase.SET or current is None or self.run.position != step.logged.plan_index:
            raise SessionError("that set is not the one to do now")
        before = len(self.run.logged)
        self.run.finish_set()
        self.run.amend_set(before, step.logged.reps, step.logged.load_kg, step.logged.rpe, step.logged.duration_s,
                           step.logged.distance_m)
        self._save(before, record=False)
        if step.ratings != SetRatings():
            self._apply_edit(before, (self.run.logged[before], SetRatings()), (self.run.logged[before], step.ratings))

    def as_done(self, index: int) -> PlannedSet:
        """Logged set ``index``'s planned set, numbered as done: the n-th set of its exercise in this session."""
        logged = self.run.logged
        planned = self.run.plan[logged[index].plan_index]
        number = 1 + sum(1 for earlier in logged[:index]
                         if self.run.plan[earlier.plan_index].item_index == planned.item_index)
        return planned if number == planned.set_number else replace(planned, set_number=number)

    def _set_label_of(self, planned: PlannedSet | None) -> str:
        return self.describe_set(planned) if planned is not None else "a set"

    def _planned_label(self, planned: PlannedSet) -> str:
        return self.describe_set(planned)

    def _set_label(self, index: int) -> str:
        return self._planned_label(self.run.plan[self.run.logged[index].plan_index])


# -- held writes as plain data, for a recovery file -------------------------------------------------

def writes_to_data(writes: Iterable[PendingWrite]) -> list[dict]:
    """Held writes as JSON-able values (``writes_from_data`` reads them back)."""
    return [{"label": write.label, "method": write.method,
             "arguments": {name: _encode(value) for name, value in write.arguments.items()}} for write in writes]


def writes_from_data(data: list) -> list[PendingWrite]:
    """Held writes from ``writes_to_data``; raises ValueError for anything else."""
    try:
        return [PendingWrite(str(item["label"]), _check_method(item["method"]),
                             {str(name): _decode(value) for name, value in item["arguments"].items()})
                for item in data]
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"not a list of held writes ({error})") from None


_METHODS = {"save_state", "log_set", "amend_set", "rate_set", "save_plan", "undo_last_set", "note_exercise", "finish"}


def _check_method(method) -> str:
    if method not in _METHODS:
        raise ValueError(f"unknown write {method!r}")
    return method


def _encode(value):
    from liftcalm.core.session_run import state_to_dict

    if isinstance(value, LoggedSet):
        return {"logged_set": asdict(value)}
    if isinstance(value, PlannedSet):
        return {"planned_set": asdict(value)}
    if isinstance(value, SessionState):
        return {"state": state_to_dict(value)}
    if isinstance(value, ClockAnchor):
        return {"anchor": value.to_dict()}
    if isinstance(value, tuple) and all(isinstance(item, PlannedSet) for item in value):
        return {"plan": [asdict(item) for item in value]}
    if isinstance(value, (list, tuple)):
        return {"list": list(value)}
    return {"value": value}


def _decode(data: dict):
    from liftcalm.core.models import SetType
    from liftcalm.core.session_run import state_from_dict

    (kind, value), = data.items()
    if kind == "logged_set":
        return LoggedSet(**value)
    if kind == "planned_set":
        return PlannedSet(**{**value, "set_type": SetType(value["set_type"])})
    if kind == "state":
        return state_from_dict(value, ())  # the store keeps the logged sets, not the state
    if kind == "anchor":
        return ClockAnchor.from_dict(value)
    if kind == "plan":
        return tuple(PlannedSet(**{**item, "set_type": SetType(item["set_type"])}) for item in value)
    if kind == "list":
        return list(value)
    if kind == "value":
        return value
    raise ValueError(f"unknown value {kind!r}")
