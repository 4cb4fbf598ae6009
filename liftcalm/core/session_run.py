"""The running session as a state machine on deadlines, with an injected clock.

Phases: SET (working a set; a stopwatch runs from ``phase_started_at``, or a timed block
counts down to its end), REST (a ``RestCountdown``; what follows begins exactly at its
deadline, whenever anyone looks), FINISHED. Finishing a set logs it at once with its planned
values, so nothing done is ever lost; the person corrects reps, load and RPE during the rest
(``amend_set``). The last set is followed by a cool-down rest, so it gets its reflection too.

The object holds no Qt and no SQL: the UI calls ``advance(now)`` when it repaints or when
its precise alarm fires, and the store saves ``snapshot()`` after each change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from liftcalm.core.clock import Clock
from liftcalm.core.rest_countdown import RestCountdown
from liftcalm.core.session_plan import PlannedSet


class Phase(StrEnum):
    SET = "set"
    REST = "rest"
    FINISHED = "finished"


@dataclass(frozen=True)
class LoggedSet:
    plan_index: int
    reps: int
    load_kg: float
    rpe: float | None
    ended_at: float  # clock seconds when the set was finished


@dataclass(frozen=True)
class SessionState:
    """Everything needed to resume a session exactly where it was."""

    position: int  # index in the plan of the set being worked or coming next
    phase: Phase
    phase_started_at: float
    rest: RestCountdown | None
    logged: tuple[LoggedSet, ...]


class SessionRun:
    def __init__(self, plan: tuple[PlannedSet, ...], clock: Clock, state: SessionState | None = None):
        if not plan:
            raise ValueError("a session needs at least one set")
        self.plan = plan
        self._clock = clock
        self._state = state or SessionState(0, Phase.SET, clock.now(), None, ())

    # -- reading ----------------------------------------------------------------------------------
    def snapshot(self) -> SessionState:
        return self._state

    @property
    def phase(self) -> Phase:
        return self._state.phase

    @property
    def position(self) -> int:
        return self._state.position

    @property
    def current(self) -> PlannedSet | None:
        """The set being worked (in SET) or coming next (in REST); None when all are done."""
        return self.plan[self._state.position] if self._state.position < len(self.plan) else None

    @property
    def rest(self) -> RestCountdown | None:
        return self._state.rest

    @property
    def logged(self) -> tuple[LoggedSet, ...]:
        return self._state.logged

    def stopwatch(self, now: float) -> float:
        """Seconds since the current set began (0 outside a set)."""
        return max(0.0, now - self._state.phase_started_at) if self._state.phase is Phase.SET else 0.0

    def block_deadline(self) -> float | None:
        """When the current timed block (a calm practice) ends, or None for a set of reps."""
        current = self.current
        if self._state.phase is not Phase.SET or current is None or not current.duration_s:
            return None
        return self._state.phase_started_at + current.duration_s

    def rest_deadline(self) -> float | None:
        """When the running rest ends, for the UI's single-shot alert (None if none runs or paused)."""
        rest = self._state.rest
        return None if rest is None or rest.is_paused or self._state.phase is not Phase.REST else rest.deadline

    def next_deadline(self) -> float | None:
        """The next moment time alone changes the phase: a rest's or a timed block's end."""
        return self.rest_deadline() or self.block_deadline()

    # -- transitions --------------------------------------------------------------------------------
    def advance(self, now: float | None = None) -> bool:
        """Apply what time alone decides, each change exactly at its deadline.

        A rest whose deadline has passed ends; a timed block that has run its length is logged
        as done. After a long sleep several may have passed: all are applied, in order.
        Returns True when anything changed. Safe to call as often as wanted.
        """
        now = self._clock.now() if now is None else now
        changed = False
        while True:
            state = self._state
            if state.phase is Phase.REST and state.rest is not None and state.rest.is_over(now):
                following = Phase.SET if state.position < len(self.plan) else Phase.FINISHED
                self._state = replace(state, phase=following, phase_started_at=state.rest.deadline, rest=None)
            elif (block_end := self.block_deadline()) is not None and now >= block_end:
                self._finish_at(block_end)
            else:
                return changed
            changed = True

    def finish_set(self) -> LoggedSet:
        """End the current set now and log it as planned; its rest (or the cool-down) starts."""
        now = self._clock.now()
        self.advance(now)
        if self._state.phase is not Phase.SET or self.current is None:
            raise SessionError("there is no set to finish right now")
        logged = self._finish_at(now)
        self.advance(now)  # a rest of 0 s (inside a superset) goes straight to the next set
        return logged

    def _finish_at(self, at: float) -> LoggedSet:
        state = self._state
        planned = self.plan[state.position]
        logged = LoggedSet(state.position, planned.target_reps, planned.target_load_kg, None, at)
        self._state = replace(state, position=state.position + 1, phase=Phase.REST, phase_started_at=at,
                              rest=RestCountdown.start(at, planned.rest_after_s), logged=state.logged + (logged,))
        return logged

    def amend_set(self, index: int, reps: int, load_kg: float, rpe: float | None = None) -> LoggedSet:
        """Correct logged set ``index`` with what was actually done."""
        logged = list(self._state.logged)
        if not 0 <= index < len(logged):
            raise SessionError("there is no such logged set")
        logged[index] = replace(logged[index], reps=reps, load_kg=load_kg, rpe=rpe)
        self._state = replace(self._state, logged=tuple(logged))
        return logged[index]

    def add_sets(self, planned: tuple[PlannedSet, ...]) -> None:
        """Append sets to the plan (an exercise added during the session).

        A session that had run out of sets continues with the first of them.
        """
        self.plan = self.plan + planned
        state = self._state
        if state.phase is Phase.FINISHED and state.position < len(self.plan) and planned:
            self._state = replace(state, phase=Phase.SET, phase_started_at=self._clock.now(), rest=None)

    def pause_rest(self) -> None:
        self._change_rest(lambda rest, now: rest.pause(now))

    def resume_rest(self) -> None:
        self._change_rest(lambda rest, now: rest.resume(now))

    def adjust_rest(self, seconds: float) -> None:
        self._change_rest(lambda rest, now: rest.adjust(seconds, now))

    def skip_rest(self) -> None:
        self._change_rest(lambda rest, now: rest.end_now(now))

    def undo_last_set(self) -> PlannedSet | None:
        """Take back the last logged set: it is to be done again, starting now.

        Returns the planned set taken back, or None when there is nothing to take back.
        """
        state = self._state
        if not state.logged:
            return None
        index = state.logged[-1].plan_index
        self._state = SessionState(index, Phase.SET, self._clock.now(), None, state.logged[:-1])
        return self.plan[index]

    def finish_session(self) -> None:
        now = self._clock.now()
        self._state = replace(self._state, phase=Phase.FINISHED, phase_started_at=now, rest=None)

    def _change_rest(self, change) -> None:
        now = self._clock.now()
        self.advance(now)
        state = self._state
        if state.phase is not Phase.REST or state.rest is None:
            raise SessionError("no rest is running")
        self._state = replace(state, rest=change(state.rest, now))
        self.advance(now)


class SessionError(RuntimeError):
    """An action that does not fit the session's current phase."""


def state_to_dict(state: SessionState) -> dict:
    """The state as plain JSON-able values, without the logged sets (the store keeps those)."""
    rest = state.rest
    return {
        "position": state.position,
        "phase": state.phase.value,
        "phase_started_at": state.phase_started_at,
        "rest": None if rest is None else {
            "started_at": rest.started_at, "length_s": rest.length_s,
            "deadline": rest.deadline, "paused_at": rest.paused_at,
        },
    }


def state_from_dict(data: dict, logged: tuple[LoggedSet, ...], shift_s: float = 0.0) -> SessionState:
    """Rebuild a state saved by ``state_to_dict``, moving clock values by ``shift_s``."""

    def moved(value):
        return None if value is None else float(value) + shift_s

    rest = data["rest"]
    return SessionState(
        position=int(data["position"]),
        phase=Phase(data["phase"]),
        phase_started_at=moved(data["phase_started_at"]),
        rest=None if rest is None else RestCountdown(
            started_at=moved(rest["started_at"]), length_s=float(rest["length_s"]),
            deadline=moved(rest["deadline"]), paused_at=moved(rest["paused_at"]),
        ),
        logged=logged,
    )
