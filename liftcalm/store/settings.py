"""Training preferences, kept in the database beside the data they shape."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from liftcalm.core import reminders
from liftcalm.core.changes import Change, ChangeKind
from liftcalm.core.plates import DEFAULT_BARS, DEFAULT_PLATES, PlateInventory, format_plates, parse_bar, parse_plates
from liftcalm.core.tones import DEFAULT_TONE, TONES
from liftcalm.core.units import Unit
from liftcalm.core.validation import ValidationError, parse_rest
from liftcalm.core.warmup import (
    DEFAULT_SCHEME,
    DEFAULT_SCHEME_TEXT,
    WARMUP_REST_S,
    WarmupStep,
    format_scheme,
    parse_scheme,
)

VOLUME_RANGE = (0, 100)
SUPPORT_CONTACTS_MAX = 2000
THEMES = ("system", "light", "dark")  # follow the desktop's light or dark scheme, or force one


class _Switch:
    """An on/off setting stored as "1" or "0"; only a real bool is accepted."""

    def __init__(self, what: str):
        self.what = what

    def __set_name__(self, owner, name: str) -> None:
        self.key = name

    def __get__(self, settings: SettingsRepository | None, owner=None):  # bool on an instance
        if settings is None:
            return self
        return settings.get(self.key) == "1"

    def __set__(self, settings: SettingsRepository, on: bool) -> None:
        if not isinstance(on, bool):
            raise ValidationError(self.key, f"{self.what} must be on or off (True or False), not {on!r}.")
        settings.set(self.key, "1" if on else "0")


class SettingsRepository:
    """Typed access to the ``setting`` table; every setter commits at once."""

    DEFAULTS = {
        "unit": Unit.KG.value,
        "default_rest_s": "90",
        "starter_offered": "0",
        "catalogue_digest": "",
        # Rest alerts: what tells a person across the gym that the rest is over.
        "sound_on": "1",
        "volume": "80",
        "countdown_beeps": "1",
        "notifications": "1",
        "taskbar_alert": "1",
        "tray_time": "1",
        "coaching_lines": "1",  # a line of coaching in each rest
        "support_contacts": "",  # the person's own note: who to call on a hard day
        # The plate calculator: the person's bar and plates, in a kilogram and in a pound gym.
        "bar_kg": f"{DEFAULT_BARS[Unit.KG]:g}",
        "bar_lb": f"{DEFAULT_BARS[Unit.LB]:g}",
        "plates_kg": format_plates(DEFAULT_PLATES[Unit.KG]),
        "plates_lb": format_plates(DEFAULT_PLATES[Unit.LB]),
        # The warm-up calculator's ramp, and the rest after each warm-up set.
        "warmup_scheme": DEFAULT_SCHEME_TEXT,
        "warmup_rest_s": str(WARMUP_REST_S),
        "theme": "system",  # the look: one of THEMES
        # Eyes-free sessions: spoken cues, the sound of each cue, a flash at the end of a rest.
        "voice_cues": "0",
        "screen_flash": "0",
        "cue_tone": DEFAULT_TONE,
        # The optional training reminder while the app runs: off until the person asks for it.
        "reminder_on": "0",
        "reminder_time": reminders.DEFAULT_TIME,
        "reminder_days": reminders.EVERY_DAY,
    }

    sound_on = _Switch("The end-of-rest sound")
    countdown_beeps = _Switch("The 3-2-1 countdown beeps")
    notifications = _Switch("The desktop notification")
    taskbar_alert = _Switch("The taskbar alert")
    tray_time = _Switch("The rest time on the tray icon")
    coaching_lines = _Switch("The coaching lines in the rest")
    voice_cues = _Switch("Spoken cues")
    screen_flash = _Switch("The flash at the end of a rest")
    reminder_on = _Switch("The training reminder")

    @property
    def cue_tone(self) -> str:
        """The sound of the cues, one of core.tones.TONES; a damaged stored value reads as the default."""
        value = self.get("cue_tone")
        return value if value in TONES else DEFAULT_TONE

    @cue_tone.setter
    def cue_tone(self, value: str) -> None:
        if value not in TONES:
            raise ValidationError("cue_tone", f"The sound must be one of {', '.join(TONES)}, not {value!r}.")
        self.set("cue_tone", value)

    @property
    def reminder_time(self) -> str:
        return self.get("reminder_time")

    @reminder_time.setter
    def reminder_time(self, text: str) -> None:
        self.set("reminder_time", reminders.format_reminder_time(reminders.parse_reminder_time(text)))

    @property
    def reminder_days(self) -> str:
        return self.get("reminder_days")

    @reminder_days.setter
    def reminder_days(self, text: str) -> None:
        self.set("reminder_days", reminders.format_reminder_days(reminders.parse_reminder_days(text)))

    @property
    def support_contacts(self) -> str:
        return self.get("support_contacts")

    @support_contacts.setter
    def support_contacts(self, text: str) -> None:
        if len(text) > SUPPORT_CONTACTS_MAX:
            raise ValidationError("support_contacts", f"The note is {len(text)} characters long; "
                                                      f"the limit is {SUPPORT_CONTACTS_MAX}.")
        self.set("support_contacts", text)

    def __init__(self, conn: sqlite3.Connection, publish: Callable[[Change], None] = lambda change: None):
        self._conn = conn
        self._publish = publish

    def get(self, key: str) -> str:
        row = self._conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return row[0] if row else self.DEFAULTS[key]

    def set(self, key: str, value: str) -> None:
        if key not in self.DEFAULTS:
            raise KeyError(key)
        self._conn.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
        self._publish(Change(ChangeKind.SETTINGS, keys=(key,)))

    @property
    def theme(self) -> str:
        """The look, one of THEMES; a damaged stored value reads as "system"."""
        value = self.get("theme")
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        if value not in THEMES:
            raise ValidationError("theme", f"The theme must be one of {', '.join(THEMES)}, not {value!r}.")
        self.set("theme", value)

    @property
    def unit(self) -> Unit:
        return Unit(self.get("unit"))

    @unit.setter
    def unit(self, unit: Unit) -> None:
        self.set("unit", Unit(unit).value)

    @property
    def default_rest_s(self) -> int:
        return int(self.get("default_rest_s"))

    @default_rest_s.setter
    def default_rest_s(self, seconds: int) -> None:
        self.set("default_rest_s", str(parse_rest(str(seconds))))

    @property
    def starter_offered(self) -> bool:
        return self.get("starter_offered") == "1"

    @starter_offered.setter
    def starter_offered(self, offered: bool) -> None:
        self.set("starter_offered", "1" if offered else "0")

    @property
    def volume(self) -> int:
        """Loudness of the rest sounds in percent; a damaged stored value reads as the default."""
        text = self.get("volume")
        value = int(text) if text.strip().isdigit() else int(self.DEFAULTS["volume"])
        return min(max(value, VOLUME_RANGE[0]), VOLUME_RANGE[1])

    @volume.setter
    def volume(self, percent: int) -> None:
        low, high = VOLUME_RANGE
        if isinstance(percent, bool) or not isinstance(percent, int):
            raise ValidationError("volume", f"Volume must be a whole number from {low} to {high}, not {percent!r}.")
        if not low <= percent <= high:
            raise ValidationError("volume", f"Volume must be from {low} to {high}; {percent} is out of range.")
        self.set("volume", str(percent))

    # -- planning: plates and warm-ups ------------------------------------------------------
    def plate_inventory(self, unit: Unit | None = None) -> PlateInventory:
        """The bar and plates for ``unit`` (default: the person's unit); a damaged value reads as the default."""
        unit = Unit(unit or self.unit)
        try:
            bar = parse_bar(self.get(f"bar_{unit.value}"), unit)
        except ValidationError:
            bar = DEFAULT_BARS[unit]
        try:
            plates = parse_plates(self.get(f"plates_{unit.value}"), unit)
        except ValidationError:
            plates = DEFAULT_PLATES[unit]
        return PlateInventory(unit, bar, plates)

    def set_bar(self, unit: Unit, text_or_value) -> float:
        """Save the bar for ``unit`` (typed text or a number in that unit); return it."""
        unit = Unit(unit)
        bar = parse_bar(str(text_or_value), unit)
        self.set(f"bar_{unit.value}", f"{bar:g}")
        return bar

    def set_plates(self, unit: Unit, text: str) -> tuple:
        """Save the plates for ``unit`` as typed ("25, 20, 10x2"); return them, heaviest first."""
        unit = Unit(unit)
        plates = parse_plates(text, unit)
        self.set(f"plates_{unit.value}", format_plates(plates))
        return plates

    @property
    def warmup_scheme(self) -> tuple[WarmupStep, ...]:
        try:
            return parse_scheme(self.get("warmup_scheme"))
        except ValidationError:
            return DEFAULT_SCHEME

    @warmup_scheme.setter
    def warmup_scheme(self, text: str) -> None:
        self.set("warmup_scheme", format_scheme(parse_scheme(text)))

    @property
    def warmup_rest_s(self) -> int:
        text = self.get("warmup_rest_s")
        try:
            return parse_rest(text)
        except ValidationError:
            return WARMUP_REST_S

    @warmup_rest_s.setter
    def warmup_rest_s(self, seconds: int) -> None:
        self.set("warmup_rest_s", str(parse_rest(str(seconds))))
