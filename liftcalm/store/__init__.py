"""SQLite storage, free of Qt. The UI talks to one ``Store`` facade."""

from liftcalm.store.database import StoreError
from liftcalm.store.store import Store

__all__ = ["Store", "StoreError"]
