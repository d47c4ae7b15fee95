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
    # Read-only: a check creates, initialises and upgrades nothing.
    store = open_store(path, read_only=True)
    try:
        problems = check_database(store)
    finally:
        store.close()
    if store.pending_migrations:
        click.echo(f"{path}: let op: ouder schema (nog niet toegepast: {', '.join(store.pending_migrations)}); "
                   "de controle heeft niets bijgewerkt, de app werkt het bij bij het openen")
    for problem in problems:
        click.echo(f"{path}: {problem}")
    if problems:
        count = len(problems)
        raise UserError(f"{path}: {count} probleem gevonden" if count == 1 else f"{path}: {count} problemen gevonden")
    click.echo(f"{path}: in orde (integriteit, journaalketen en antwoorden kloppen)")
