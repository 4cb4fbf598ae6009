"""Seconds shown as clock digits: one formatting for countdowns, stopwatches and tables."""

from __future__ import annotations

import math

from liftcalm.core.units import NOT_GIVEN


def format_remaining(seconds: float) -> str:
    """Seconds left as "m:ss", rounded up: "0:00" shows only once the time is over."""
    # The tolerance keeps float noise (84.0000001 s) from showing one second too many.
    return _format_whole(math.ceil(max(0.0, seconds) - 1e-6))


def format_elapsed(seconds: float) -> str:
    """Seconds passed as "m:ss" (or "h:mm:ss"), counted in whole seconds."""
    return _format_whole(math.floor(max(0.0, seconds) + 1e-6))


def _format_whole(seconds: int) -> str:
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def format_minutes(seconds: float | None) -> str:
    """A session's length, "47 min" or "1 h 05 min"; "—" when unknown."""
    if seconds is None:
        return NOT_GIVEN
    minutes = round(seconds / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"
