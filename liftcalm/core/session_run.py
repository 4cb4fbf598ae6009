"""The running session as a state machine on deadlines, with an injected clock.

Phases: SET (working a set; a stopwatch runs from ``phase_started_at``, or a timed block
counts down to its end), REST (a ``RestCountdown``; what follows begins exactly at its
deadline, whenever anyone looks), FINISHED. Finishing a set logs it at once with its planned
values, so nothing done is ever lost; the person corrects reps, load and RPE during the rest
(``amend_set``). The last set is followed by a cool-down rest, so it gets its reflection too.

The plan keeps its indices for good (logged sets point into it); ``SessionState.order`` is the
order the sets are to be done in, without the sets removed, and ``skipped`` the sets passed
over. After each set the next is the first still to do after it in that order, then any
passed by a jump. A timed set (``target_duration_s``) waits for Space, counts ``GET_READY_S``
down, then its length, and ends itself.

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


GET_READY_S = 5  # the countdown before a timed set's own time starts


@dataclass(frozen=True)
class LoggedSet:
    plan_index: int
    reps: int | None  # None: not given (a timed or distance set)
    load_kg: float | None
    rpe: float | None
    ended_at: float  # clock seconds when the set was finished
    duration_s: float | None = None  # a timed set's time under way
    distance_m: float | None = None


@dataclass(frozen=True)
class SessionState:
    """Everything needed to resume a session exactly where it was."""

    position: int  # index in the plan of the set being worked or coming next; len(plan): none left
    phase: Phase
    phase_started_at: float
    rest: RestCountdown | None
    logged: tuple[LoggedSet, ...]
    order: tuple[int, ...] | None = None  # plan indices in the order to do them; None: the plan's, all of it
    skipped: tuple[int, ...] = ()  # plan indices passed over, sorted
    timer_started_at: float | None = None  # when Space started a timed set (its get-ready countdown)


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

    @property
    def order(self) -> tuple[int, ...]:
        """Plan indices in the order they are to be done (done ones included), without removed sets."""
        order = self._state.order
        return tuple(range(len(self.plan))) if order is None else order

    @property
    def skipped(self) -> frozenset[int]:
        return frozenset(self._state.skipped)

    def done(self) -> frozenset[int]:
        return frozenset(logged.plan_index for logged in self._state.logged)

    def to_do(self) -> tuple[int, ...]:
        """The sets still to do, in order: neither logged, skipped nor removed."""
        done, skipped = self.done(), self.skipped
        return tuple(i for i in self.order if i not in done and i not in skipped)

    def next_after(self, index: int, state: SessionState | None = None) -> int:
        """The set to do after ``index``: the next still to do in order, else the first passed over, else none."""
        state = state or self._state
        order = tuple(range(len(self.plan))) if state.order is None else state.order
        done = {logged.plan_index for logged in state.logged}
        left = [i for i in order if i not in done and i not in state.skipped]
        if not left:
            return len(self.plan)
        after = order.index(index) + 1 if index in order else 0
        later = [i for i in order[after:] if i in left]
        return later[0] if later else left[0]

    def groups(self) -> dict[int, int]:
        """Each item's superset group, from the plan (see ``superset_groups_of_plan``)."""
        return superset_groups_of_plan(self.plan)

    def _rest_after(self, index: int, following: int) -> float:
        """The rest after set ``index`` when ``following`` comes next.

        Inside a superset the rest is 0 and comes after the round; when the next set is not a
        partner of this round (the partner was skipped, moved or done), the round's rest is taken.
        """
        planned = self.plan[index]
        if planned.rest_after_s or planned.duration_s:
            return planned.rest_after_s
        groups = self.groups()
        group = groups.get(planned.item_index)
        if following < len(self.plan) and groups.get(self.plan[following].item_index) == group:
            return 0
        members = [p for p in self.plan if groups.get(p.item_index) == group]
        same_round = [p.rest_after_s for p in members if p.set_number == planned.set_number]
        return max(same_round or [0]) or max((p.rest_after_s for p in members), default=0)

    def is_timed(self, planned: PlannedSet | None = None) -> bool:
        planned = planned or self.current
        return planned is not None and bool(planned.target_duration_s) and not planned.duration_s

    def timer_deadlines(self) -> tuple[float, float] | None:
        """A started timed set's (end of get-ready, end of the set), or None."""
        started = self._state.timer_started_at
        current = self.current
        if self._state.phase is not Phase.SET or started is None or not self.is_timed(current):
            return None
        return started + GET_READY_S, started + GET_READY_S + current.target_duration_s

    def stopwatch(self, now: float) -> float:
        """Seconds since the current set began (0 outside a set)."""
        return max(0.0, now - self._state.phase_started_at) if self._state.phase is Phase.SET else 0.0

    def block_deadline(self) -> float | None:
        """When the current timed block (a calm practice, or a timed set once started) ends; else None."""
        current = self.current
        if self._state.phase is not Phase.SET or current is None:
            return None
        if current.duration_s:
            return self._state.phase_started_at + current.duration_s
        timer = self.timer_deadlines()
        return timer[1] if timer else None

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
        """End the current set now and log it as planned; its rest (or the cool-down) starts.

        A timed set logs the time it ran (its planned length if it was never started).
        """
        now = self._clock.now()
        self.advance(now)
        if self._state.phase is not Phase.SET or self.current is None:
            raise SessionError("there is no set to finish right now")
        logged = self._finish_at(now)
        self.advance(now)  # a rest of 0 s (inside a superset) goes straight to the next set
        return logged

    def start_timer(self) -> bool:
        """Start the current timed set: its get-ready countdown, then its time. False if there is none to start."""
        now = self._clock.now()
        self.advance(now)
        if self._state.phase is not Phase.SET or not self.is_timed() or self._state.timer_started_at is not None:
            return False
        self._state = replace(self._state, timer_started_at=now)
        return True

    def _finish_at(self, at: float) -> LoggedSet:
        state = self._state
        index = state.position
        planned = self.plan[index]
        duration = None
        if self.is_timed(planned):
            timer = self.timer_deadlines()
            duration = float(planned.target_duration_s) if timer is None else min(
                max(0.0, at - timer[0]), float(planned.target_duration_s))
        elif planned.duration_s:  # a calm block: its time, ended by the clock or early by Space
            duration = min(max(0.0, at - state.phase_started_at), float(planned.duration_s))
        by_time_or_distance = duration is not None or bool(planned.target_distance_m)
        reps = None if by_time_or_distance else planned.target_reps
        # No load planned is none logged: not given, never 0 kg (a plank, a carry, a lift planned without one).
        load = planned.target_load_kg
        logged = LoggedSet(index, reps, load, None, at, duration, planned.target_distance_m)
        after = replace(state, logged=state.logged + (logged,), timer_started_at=None)
        following = self.next_after(index, after)
        self._state = replace(after, position=following, phase=Phase.REST, phase_started_at=at,
                              rest=RestCountdown.start(at, self._rest_after(index, following)))
        return logged

    def amend_set(self, index: int, reps: int | None, load_kg: float | None, rpe: float | None = None,
                  duration_s: float | None = None, distance_m: float | None = None) -> LoggedSet:
        """Correct logged set ``index`` with what was actually done."""
        logged = list(self._state.logged)
        if not 0 <= index < len(logged):
            raise SessionError("there is no such logged set")
        logged[index] = replace(logged[index], reps=reps, load_kg=load_kg, rpe=rpe, duration_s=duration_s,
                                distance_m=distance_m)
        self._state = replace(self._state, logged=tuple(logged))
        return logged[index]

    def add_sets(self, planned: tuple[PlannedSet, ...]) -> None:
        """Append sets to the plan (an exercise added during the session), to be done last.

        A session that had run out of sets continues with the first of them.
        """
        first = len(self.plan)
        self.plan = self.plan + planned
        state = self._state
        order = None if state.order is None else state.order + tuple(range(first, len(self.plan)))
        position = first if state.position >= first else state.position  # "none left" was len(plan)
        self._state = replace(state, order=order, position=position)
        if state.phase is Phase.FINISHED and planned:
            self._state = replace(self._state, phase=Phase.SET, phase_started_at=self._clock.now(), rest=None)

    # -- the plan, rearranged ----------------------------------------------------------------------
    def plan_layout(self) -> tuple[tuple[PlannedSet, ...], SessionState]:
        """The plan and state together, for undoing a change to either."""
        return self.plan, self._state

    def jump_to(self, index: int) -> None:
        """Do set ``index`` next (now, in a set; after this rest, in a rest); a skipped set is taken up again."""
        now = self._clock.now()
        self.advance(now)
        state = self._state
        if index in self.done() or index not in self.order:
            raise SessionError("that set is done or not in the plan")
        skipped = tuple(i for i in state.skipped if i != index)
        if state.phase is Phase.REST:
            self._state = replace(state, position=index, skipped=skipped)
        else:
            self._state = replace(state, position=index, skipped=skipped, phase=Phase.SET, phase_started_at=now,
                                  rest=None, timer_started_at=None)

    def skip(self, indices) -> None:
        """Pass over sets still to do (an exercise whose machine is taken); the next one comes up."""
        now = self._clock.now()
        self.advance(now)
        state = self._state
        passed = set(indices) - self.done()
        changed = replace(state, skipped=tuple(sorted(set(state.skipped) | passed)))
        target = self.next_after(state.position, changed) if state.position in passed else state.position
        self._go_to(changed, target, now)

    def remove(self, index: int) -> None:
        """Take a planned set out of the session (it is not done, and no longer shown)."""
        now = self._clock.now()
        self.advance(now)
        if index in self.done():
            raise SessionError("a logged set is taken back, not removed")
        state = self._state
        changed = replace(state, order=tuple(i for i in self.order if i != index))
        target = state.position
        if state.position == index:
            target = self.next_after(index, replace(changed, order=self.order, skipped=state.skipped + (index,)))
        self._go_to(changed, target, now)

    def move_later(self, item_index: int) -> bool:
        """Move an exercise's sets still to do after the next exercise's; False when nothing follows it."""
        now = self._clock.now()
        self.advance(now)
        state = self._state
        left = set(self.to_do())
        moving = [i for i in self.order if i in left and self.plan[i].item_index == item_index]
        if not moving:
            return False
        others = [i for i in self.order if i not in moving]
        start = self.order.index(moving[0])
        later = [i for i in others[start:] if i in left]
        if not later:
            return False
        following_item = self.plan[later[0]].item_index
        last = max(k for k, i in enumerate(others) if i in left and self.plan[i].item_index == following_item)
        changed = replace(state, order=tuple(others[:last + 1] + moving + others[last + 1:]))
        self._go_to(changed, later[0] if state.position in moving else state.position, now)
        return True

    def add_set(self, item_index: int) -> int:
        """One more set of an exercise, like its last, after its last set in order; returns its plan index."""
        order = list(self.order)  # before the plan grows: a None order would take in the new set
        sets = [i for i in order if self.plan[i].item_index == item_index]
        if not sets:
            raise SessionError("that exercise is not in the session")
        number = max(self.plan[i].set_number for i in sets) + 1
        added = replace(self.plan[sets[-1]], set_number=number, set_count=number, reason="")
        self.plan = tuple(replace(p, set_count=number) if p.item_index == item_index else p
                          for p in self.plan) + (added,)
        index = len(self.plan) - 1
        order.insert(order.index(sets[-1]) + 1, index)
        # "None left" was the old len(plan), which is the new set's index: it is next, unchanged.
        self._state = replace(self._state, order=tuple(order))
        if self._state.phase is Phase.FINISHED:
            self._state = replace(self._state, phase=Phase.SET, phase_started_at=self._clock.now(), rest=None)
        return index

    def retarget(self, index: int, **targets) -> None:
        """Change planned set ``index``'s targets (``target_reps=``, ``target_load_kg=``...): "fill from last time"."""
        if index in self.done():
            raise SessionError("that set is done; edit it instead")
        self.plan = self.plan[:index] + (replace(self.plan[index], **targets),) + self.plan[index + 1:]

    def insert_before(self, index: int, sets: tuple[PlannedSet, ...]) -> tuple[int, ...]:
        """Put ``sets`` (of set ``index``'s exercise) just before it, the first of them next; return their indices.

        A warm-up ramp added at the rack: the sets are numbered and counted with their exercise's.
        """
        if index in self.done() or index not in self.order or not sets:
            raise SessionError("there is no set to put them before")
        now = self._clock.now()
        self.advance(now)
        item = self.plan[index].item_index
        first = len(self.plan)
        order = list(self.order)  # before the plan grows: a None order would take in the new sets
        count = sum(1 for i in order if self.plan[i].item_index == item) + len(sets)
        self.plan = tuple(replace(p, set_count=count) if p.item_index == item else p for p in self.plan) + tuple(
            replace(p, item_index=item, set_count=count) for p in sets)
        added = tuple(range(first, len(self.plan)))
        at = order.index(index)
        order[at:at] = added
        state = replace(self._state, order=tuple(order))
        self._go_to(state, added[0] if state.position == index else state.position, now)
        return added

    def restore_layout(self, plan: tuple[PlannedSet, ...], state: SessionState) -> None:
        """Put back a plan and order saved by ``plan_layout`` (undo), keeping what was logged since."""
        now = self._clock.now()
        current = self._state
        if any(logged.plan_index >= len(plan) for logged in current.logged):
            raise SessionError("a set added since has been logged")
        position = len(plan) if current.position >= len(self.plan) else current.position
        self.plan = plan
        restored = replace(current, order=state.order, skipped=state.skipped, position=position)
        done = {logged.plan_index for logged in current.logged}
        order = set(range(len(plan)) if state.order is None else state.order)

        def can_do(index: int) -> bool:
            return index < len(plan) and index not in done and index in order and index not in state.skipped

        if can_do(state.position):
            target = state.position
        elif can_do(position):
            target = position
        else:
            target = self.next_after(position, restored)
        self._go_to(restored, target, now)

    def _go_to(self, state: SessionState, position: int, now: float) -> None:
        """Save ``state`` with ``position`` next; a set being worked that changes starts from now."""
        if position == state.position:
            self._state = state
        elif state.phase is Phase.SET and position >= len(self.plan):
            self._state = replace(state, position=position, phase=Phase.FINISHED, phase_started_at=now, rest=None,
                                  timer_started_at=None)
        elif state.phase is Phase.SET:
            self._state = replace(state, position=position, phase_started_at=now, timer_started_at=None)
        else:
            self._state = replace(state, position=position)

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
        self._state = replace(state, position=index, phase=Phase.SET, phase_started_at=self._clock.now(), rest=None,
                              logged=state.logged[:-1], skipped=tuple(i for i in state.skipped if i != index),
                              timer_started_at=None)
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


def superset_groups_of_plan(plan: tuple[PlannedSet, ...]) -> dict[int, int]:
    """Each item's group: items joined by a 0 s rest from one to another are one superset.

    The group is the first item index of the superset; an item on its own is its own group.
    Drop sets (0 s to the same exercise) join nothing.
    """
    parent = {p.item_index: p.item_index for p in plan}

    def root(item: int) -> int:
        while parent[item] != item:
            item = parent[item]
        return item

    for planned, following in zip(plan, plan[1:]):
        if planned.rest_after_s == 0 and not planned.duration_s and following.item_index != planned.item_index:
            a, b = root(planned.item_index), root(following.item_index)
            parent[max(a, b)] = min(a, b)
    return {item: root(item) for item in parent}


def state_to_dict(state: SessionState) -> dict:
    """The state as plain JSON-able values, without the logged sets (the store keeps those)."""
    rest = state.rest
    data = {
        "position": state.position,
        "phase": state.phase.value,
        "phase_started_at": state.phase_started_at,
        "rest": None if rest is None else {
            "started_at": rest.started_at, "length_s": rest.length_s,
            "deadline": rest.deadline, "paused_at": rest.paused_at,
        },
    }
    if state.order is not None:
        data["order"] = list(state.order)
    if state.skipped:
        data["skipped"] = list(state.skipped)
    if state.timer_started_at is not None:
        data["timer_started_at"] = state.timer_started_at
    return data


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
        order=None if data.get("order") is None else tuple(int(i) for i in data["order"]),
        skipped=tuple(int(i) for i in data.get("skipped", ())),
        timer_started_at=moved(data.get("timer_started_at")),
    )
