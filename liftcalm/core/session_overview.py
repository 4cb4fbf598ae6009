"""The whole workout at a glance: each exercise of the running session with its sets and where each stands.

Pure: built from a ``SessionRun`` for the overview screen, the set screen's "set 2 of 4" and
the summary's "what changed". Exercises come in the order their first set is to be done;
a superset's exercises share a ``group`` and are marked as one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from liftcalm.core.models import SetType
from liftcalm.core.session_run import Phase, SessionRun


class SetStatus(StrEnum):
    DONE = "done"
    NOW = "now"  # being worked
    NEXT = "next"  # after this rest
    TO_DO = "to do"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class SetLine:
    plan_index: int
    number: int  # its place among its exercise's sets in this session
    count: int
    set_type: SetType
    status: SetStatus
    logged_index: int | None  # where it is in the logged sets, once done


@dataclass(frozen=True)
class ExerciseBlock:
    item_index: int
    exercise_id: int
    group: int  # the superset it belongs to (its own item index when alone)
    in_superset: bool
    sets: tuple[SetLine, ...]

    @property
    def done(self) -> int:
        return sum(1 for line in self.sets if line.status is SetStatus.DONE)

    @property
    def to_do(self) -> tuple[int, ...]:
        """Plan indices of its sets still to do (being worked or coming included), in order."""
        return tuple(line.plan_index for line in self.sets
                     if line.status in (SetStatus.NOW, SetStatus.NEXT, SetStatus.TO_DO))


def set_place(run: SessionRun, plan_index: int) -> tuple[int, int]:
    """Set ``plan_index`` as "set k of m" of its exercise in this session (removed sets not counted)."""
    item = run.plan[plan_index].item_index
    sets = [i for i in run.order if run.plan[i].item_index == item]
    if plan_index not in sets:  # removed: counted as one more, so it still reads sensibly
        return len(sets) + 1, len(sets) + 1
    return sets.index(plan_index) + 1, len(sets)


def workout_overview(run: SessionRun) -> tuple[ExerciseBlock, ...]:
    groups = run.groups()
    logged_at = {logged.plan_index: index for index, logged in enumerate(run.logged)}
    skipped, phase, position = run.skipped, run.phase, run.position
    by_item: dict[int, list[int]] = {}
    for index in run.order:
        by_item.setdefault(run.plan[index].item_index, []).append(index)
    members: dict[int, int] = {}
    for item in by_item:
        members[groups[item]] = members.get(groups[item], 0) + 1
    blocks = []
    for item, indices in by_item.items():
        lines = []
        for number, index in enumerate(indices, 1):
            if index in logged_at:
                status = SetStatus.DONE
            elif index == position and phase is not Phase.FINISHED:
                status = SetStatus.NOW if phase is Phase.SET else SetStatus.NEXT
            elif index in skipped:
                status = SetStatus.SKIPPED
            else:
                status = SetStatus.TO_DO
            lines.append(SetLine(index, number, len(indices), run.plan[index].set_type, status, logged_at.get(index)))
        planned = run.plan[indices[0]]
        blocks.append(ExerciseBlock(item, planned.exercise_id, groups[item], members[groups[item]] > 1, tuple(lines)))
    return tuple(blocks)
