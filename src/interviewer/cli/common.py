"""Shared CLI pieces: the --db option and opening the store with Dutch errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from interviewer.core.store import Store, StoreError

F = TypeVar("F", bound=Callable[..., Any])


class UserError(Exception):
    """A mistake the user can fix; printed as one line, exit code 1."""


def db_option(func: F) -> F:
    return click.option(
        "--db",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="Databasebestand (standaard: INTERVIEWER_DB of de gebruikersdatamap).",
    )(func)


def resolve_db(db: Path | None) -> Path:
    if db is not None:
        return db
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.obj and ctx.obj.get("db") is not None:
            return Path(ctx.obj["db"])
        ctx = ctx.parent
    from interviewer.paths import default_db_path

    return default_db_path()


def open_store(db: Path | None) -> Store:
    try:
        return Store.open(resolve_db(db))
    except StoreError as exc:
        raise UserError(str(exc)) from None
