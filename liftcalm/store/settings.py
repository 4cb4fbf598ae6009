"""Training preferences, kept in the database beside the data they shape."""

from __future__ import annotations

import sqlite3

from liftcalm.core.units import Unit
from liftcalm.core.validation import parse_rest


class SettingsRepository:
    """Typed access to the ``setting`` table; every setter commits at once."""

    DEFAULTS = {"unit": Unit.KG.value, "default_rest_s": "90", "starter_offered": "0", "catalogue_digest": ""}

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

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
