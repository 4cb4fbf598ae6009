"""The running session as a state machine on deadlines, with an injected clock.

Phases: SET (working a set; a stopwatch runs from ``phase_started_at``), REST (a
``RestCountdown``; the next set begins exactly at its deadline, whenever anyone looks),
FINISHED. Finishing a set starts the rest at once; the set's actual reps, load and RPE are
confirmed (logged) during the rest, so confirming never delays the countdown.

The object holds no Qt and no SQL: the UI calls ``advance(now)`` when it repaints or when
its precise end-of-rest timer fires, and the store saves ``snapshot()`` after each change.
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
    awaiting_log: int | None  # plan index of a finished set not yet confirmed
    finished_set_ended_at: float | None
    logged: tuple[LoggedSet, ...]


class SessionRun:
    def __init__(self, plan: tuple[PlannedSet, ...], clock: Clock, state: SessionState | None = None):
        if not plan:
            raise ValueError("a session needs at least one set")
        self.plan = plan
        self._clock = clock
        self._state = state or SessionState(0, Phase.SET, clock.now(), None, None, None, ())

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

    @property
    def awaiting_log(self) -> PlannedSet | None:
        index = self._state.awaiting_log
        return None if index is None else self.plan[index]

    def stopwatch(self, now: float) -> float:
        """Seconds since the current set began (0 outside a set)."""
        return max(0.0, now - self._state.phase_started_at) if self._state.phase is Phase.SET else 0.0

    def rest_deadline(self) -> float | None:
        """When the running rest ends, for the UI's single-shot alert (None if none runs or paused)."""
        rest = self._state.rest
        return None if rest is None or rest.is_paused or self._state.phase is not Phase.REST else rest.deadline

    # -- transitions --------------------------------------------------------------------------------
    def advance(self, now: float | None = None) -> bool:
        """Apply what time alone decides: a rest whose deadline has passed ends, exactly at it.

        Returns True when the phase changed. Safe to call as often as wanted.
        """
        now = self._clock.now() if now is None else now
        state = self._state
        if state.phase is Phase.REST and state.rest is not None and state.rest.is_over(now):
            self._state = replace(state, phase=Phase.SET, phase_started_at=state.rest.deadline)
            return True
        return False

    def finish_set(self) -> PlannedSet:
        """End the current set: its rest starts now; it waits for ``log_set`` to be confirmed."""
        now = self._clock.now()
        self.advance(now)
        state = self._state
        if state.phase is not Phase.SET:
            raise SessionError("there is no set to finish right now")
        if state.awaiting_log is not None:  # never confirmed: it counts as done as planned
            planned = self.plan[state.awaiting_log]
            self.log_set(planned.target_reps, planned.target_load_kg)
            state = self._state
        finished = self.plan[state.position]
        position = state.position + 1
        if position >= len(self.plan):
            self._state = replace(state, position=position, phase=Phase.FINISHED, phase_started_at=now, rest=None,
                                  awaiting_log=state.position, finished_set_ended_at=now)
        else:
            self._state = replace(state, position=position, phase=Phase.REST, phase_started_at=now,
                                  rest=RestCountdown.start(now, finished.rest_after_s),
                                  awaiting_log=state.position, finished_set_ended_at=now)
            self.advance(now)  # a rest of 0 s (inside a superset) goes straight to the next set
        return finished

    def log_set(self, reps: int, load_kg: float, rpe: float | None = None) -> LoggedSet:
        """Confirm the finished set with what was actually done."""
        state = self._state
        if state.awaiting_log is None or state.finished_set_ended_at is None:
            raise SessionError("there is no finished set to log")
        logged = LoggedSet(state.awaiting_log, reps, load_kg, rpe, state.finished_set_ended_at)
        self._state = replace(state, awaiting_log=None, finished_set_ended_at=None, logged=state.logged + (logged,))
        return logged

    def pause_rest(self) -> None:
        self._change_rest(lambda rest, now: rest.pause(now))

    def resume_rest(self) -> None:
        self._change_rest(lambda rest, now: rest.resume(now))

    def adjust_rest(self, seconds: float) -> None:
        self._change_rest(lambda rest, now: rest.adjust(seconds, now))

    def skip_rest(self) -> None:
        self._change_rest(lambda rest, now: rest.end_now(now))

    def undo_last_set(self) -> PlannedSet | None:
        """Take back the last set, finished or logged: it is to be done again, starting now.

        Returns the planned set taken back, or None when there is nothing to take back.
        """
        now = self._clock.now()
        state = self._state
        if state.awaiting_log is not None:  # finished by mistake, not yet confirmed
            index, logged = state.awaiting_log, state.logged
        elif state.logged:
            index, logged = state.logged[-1].plan_index, state.logged[:-1]
        else:
            return None
        self._state = SessionState(index, Phase.SET, now, None, None, None, logged)
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
        "awaiting_log": state.awaiting_log,
        "finished_set_ended_at": state.finished_set_ended_at,
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
        awaiting_log=data["awaiting_log"],
        finished_set_ended_at=moved(data["finished_set_ended_at"]),
        logged=logged,
    )
