"""`interviewer check --db`: verify a database (SQLite checks, journal chain, answers)."""

from __future__ import annotations

from pathlib import Path

import click

from interviewer.cli.common import UserError, open_store, resolve_db

USE_DEFAULT = "\x00default"
"""The value of a bare `--db`: use the global --db, INTERVIEWER_DB or the default file."""


def verify_db(db: str) -> None:
    """Print every problem in the database; UserError (exit 1) when there is any."""
    from interviewer.core.integrity import check_database

    path = resolve_db(None if db == USE_DEFAULT else Path(db))
    if not path.exists():
        # Opening would create an empty database: a check must not change anything.
        raise UserError(f"{path}: database bestaat niet")
    store = open_store(path)
    try:
        problems = check_database(store)
    finally:
        store.close()
    for problem in problems:
        click.echo(f"{path}: {problem}")
    if problems:
        count = len(problems)
        raise UserError(f"{path}: {count} probleem gevonden" if count == 1 else f"{path}: {count} problemen gevonden")
    click.echo(f"{path}: in orde (integriteit, journaalketen en antwoorden kloppen)")
