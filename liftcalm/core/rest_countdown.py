"""A rest countdown defined by its deadline. Repaints ask it; nothing counts ticks."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class RestCountdown:
    """A rest of ``length_s`` seconds that started at ``started_at`` (clock seconds).

    ``deadline`` is when it ends. Pausing freezes the remaining time; resuming moves the
    deadline by exactly the paused span; +/-15 s moves it by exactly 15 s. Every method
    is pure: it returns a new countdown.
    """

    started_at: float
    length_s: float
    deadline: float
    paused_at: float | None = None

    @classmethod
    def start(cls, now: float, length_s: float) -> RestCountdown:
        return cls(started_at=now, length_s=length_s, deadline=now + length_s)

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    def remaining(self, now: float) -> float:
        """Seconds left at ``now`` (0 once over); frozen while paused."""
        reference = self.paused_at if self.paused_at is not None else now
        return max(0.0, self.deadline - reference)

    def is_over(self, now: float) -> bool:
        return self.paused_at is None and now >= self.deadline

    def progress(self, now: float) -> float:
        """How much of the rest has passed, from 0 to 1, for a ring or a bar."""
        if self.length_s <= 0:
            return 1.0
        return min(1.0, max(0.0, 1.0 - self.remaining(now) / self.length_s))

    def pause(self, now: float) -> RestCountdown:
        if self.is_paused or self.is_over(now):
            return self
        return replace(self, paused_at=now)

    def resume(self, now: float) -> RestCountdown:
        if self.paused_at is None:
            return self
        return replace(self, deadline=self.deadline + (now - self.paused_at), paused_at=None)

    def adjust(self, seconds: float, now: float) -> RestCountdown:
        """Add (or with a negative number, take away) rest; it can end now but not in the past."""
        if self.is_over(now):
            return self
        reference = self.paused_at if self.paused_at is not None else now
        deadline = max(reference, self.deadline + seconds)
        return replace(self, deadline=deadline, length_s=max(0.0, self.length_s + (deadline - self.deadline)))

    def end_now(self, now: float) -> RestCountdown:
        """Skip the rest of the rest: it ends at ``now``."""
        if self.is_over(now):
            return self
        return replace(self, deadline=now, paused_at=None)
