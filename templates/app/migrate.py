"""Bring the database schema up to date: `python -m app.migrate` (a deploy step, before the new
app starts). Extra arguments go to alembic, e.g. `python -m app.migrate downgrade -1`."""

import sys
from pathlib import Path

from alembic.config import main as alembic_main

ALEMBIC_INI = Path(__file__).with_name("alembic.ini")


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    alembic_main(["-c", str(ALEMBIC_INI), *(args or ["upgrade", "head"])])


if __name__ == "__main__":
    main()
