"""Clocks for the session timer. Time is domain state: the core keeps deadlines, never ticks."""

from __future__ import annotations

import functools
import sys
import time
from dataclasses import dataclass
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


@functools.cache
def current_boot_id() -> str:
    """An id that changes at every boot ('' where the system offers none)."""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as file:
            return file.read().strip()
    except OSError:
        return ""


@dataclass(frozen=True)
class ClockAnchor:
    """Ties clock seconds to the wall clock at one moment, so deadlines survive a restart.

    Saved with a running session. On the same boot, clock values stay valid as they are;
    after a reboot (or where boots cannot be told apart) they are moved by how the wall
    clock and the new boot's clock relate.
    """

    boot_id: str
    clock_s: float
    wall_s: float

    @classmethod
    def now(cls, clock: Clock) -> ClockAnchor:
        return cls(current_boot_id(), clock.now(), time.time())

    def shift_to(self, current: ClockAnchor) -> float:
        """Seconds to add to clock values saved under this anchor to use them under ``current``."""
        if self.boot_id and self.boot_id == current.boot_id:
            return 0.0
        return (current.clock_s - current.wall_s) - (self.clock_s - self.wall_s)

    def wall_time(self, clock_s: float) -> float:
        """The wall-clock time (Unix seconds) of a clock value taken under this anchor."""
        return self.wall_s + (clock_s - self.clock_s)

    def to_dict(self) -> dict:
        return {"boot_id": self.boot_id, "clock_s": self.clock_s, "wall_s": self.wall_s}

    @classmethod
    def from_dict(cls, data: dict) -> ClockAnchor:
        return cls(str(data["boot_id"]), float(data["clock_s"]), float(data["wall_s"]))
