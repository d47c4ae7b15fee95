"""`interviewer check --db`: verify a database (SQLite checks, journal chain, answers)."""

from __future__ import annotations

from pathlib import Path

import click

from interviewer.cli.common import UserError, open_store, resolve_db

USE_DEFAULT = "\x00default"
"""The value of a bare `--db`: use the global --db, INTERVIEWER_DB or the default file."""


def verify_db(db: str, anchors: tuple[str, ...] = ()) -> None:
    """Print every problem in the database; UserError (exit 1) when there is any.

    Ends with the journal's anchors: written down, they let a later check (`--anker`)
    see whether the newest entries were cut off since.
    """
    from interviewer.core.integrity import Anchor, check_anchor, check_database, journal_anchors
    from interviewer.core.store import StoreError

    try:
        wanted = [Anchor.parse(text) for text in anchors]
    except ValueError as exc:
        raise UserError(str(exc)) from None
    path = resolve_db(None if db == USE_DEFAULT else Path(db))
    # Read-only: a check creates, initialises and upgrades nothing.
    store = open_store(path, read_only=True)
    checked = store
    try:
        if store.pending_migrations:
            try:
                checked = store.migrated_copy()
            except StoreError as exc:
                raise UserError(str(exc)) from None
            click.echo(f"{path}: let op: ouder schema (nog niet toegepast: {', '.join(store.pending_migrations)}); "
                       "gecontroleerd op een bijgewerkte kopie in het geheugen, het bestand is niet gewijzigd")
        problems = check_database(checked)
        for anchor in wanted:
            problems += check_anchor(checked, anchor)
        current = journal_anchors(checked)
    finally:
        if checked is not store:
            checked.close()
        store.close()
    for problem in problems:
        click.echo(f"{path}: {problem}")
    for anchor in current:
        click.echo(f"{path}: journaalanker {anchor.text()} ({anchor.count} schakels)")
    if problems:
        count = len(problems)
        raise UserError(f"{path}: {count} probleem gevonden" if count == 1 else f"{path}: {count} problemen gevonden")
    checked_anchors = f", {len(wanted)} anker{'s' if len(wanted) != 1 else ''} klopt" if wanted else ""
    click.echo(f"{path}: in orde (integriteit, journaalketen en antwoorden kloppen{checked_anchors})")
