"""LiftCalm: a desktop workout timer that coaches the rest between sets."""

__version__ = "0.1.0"
