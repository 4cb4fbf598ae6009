"""Clocks for the session timer. Time is domain state: the core keeps deadlines, never ticks."""

from __future__ import annotations

import sys
import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a clock that never goes back; only differences are meaningful."""
        ...


class SuspendAwareClock:
    """A monotonic clock that keeps counting while the computer sleeps.

    A rest that ended while a laptop was closed must show as ended on wake, so the clock must
    count the sleep: CLOCK_BOOTTIME on Linux, CLOCK_MONOTONIC on macOS (which counts sleep
    there), and ``time.monotonic`` on Windows (GetTickCount64, which counts sleep too).
    """

    def __init__(self) -> None:
        if sys.platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
            self._clock_id: int | None = time.CLOCK_BOOTTIME
        elif sys.platform == "darwin":
            self._clock_id = time.CLOCK_MONOTONIC
        else:
            self._clock_id = None

    def now(self) -> float:
        return time.monotonic() if self._clock_id is None else time.clock_gettime(self._clock_id)


class FakeClock:
    """A clock that moves only when told to: for tests and simulations."""

    def __init__(self, start: float = 1000.0):
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("a clock does not go back")
        self._now += seconds
        return self._now
