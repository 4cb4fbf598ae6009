"""The ``liftcalm`` command: starts the app. Qt is imported only when the window is wanted."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from liftcalm import __version__
from liftcalm.paths import default_database_path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="liftcalm",
        description="LiftCalm: a desktop workout timer that coaches the rest between sets. "
        "Run without a command to open the app.",
        epilog=f"Your data lives in {default_database_path()} unless --db names another file.",
    )
    parser.add_argument("--version", action="version", version=f"LiftCalm {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        help="database file to use (created if missing; default: %(default)s)",
        default=default_database_path(),
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run; return the process exit code (2 for bad arguments)."""
    args = build_parser().parse_args(argv)
    from liftcalm.app import run_app

    return run_app(args.db)


if __name__ == "__main__":
    sys.exit(main())
