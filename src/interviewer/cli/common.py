"""Shared CLI pieces: the --db option and opening the store with Dutch errors."""

from __future__ import annotations

import os
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


def open_store(db: Path | None, *, read_only: bool = False) -> Store:
    """The store at --db; `read_only` for commands that must change nothing (checks, dry runs)."""
    path = resolve_db(db)
    try:
        return Store.open(path, passphrase=resolve_passphrase(path), read_only=read_only)
    except StoreError as exc:
        raise UserError(str(exc)) from None


PASSPHRASE_ENV = "INTERVIEWER_PASSPHRASE"


def encrypted_option(func: F) -> F:
    return click.option(
        "--versleuteld", "--encrypted", "encrypted", is_flag=True,
        help=f"Versleutelde database (SQLCipher): vraagt de wachtzin bij het starten "
             f"(of neemt {PASSPHRASE_ENV}); de wachtzin wordt nergens bewaard.",
    )(func)


def resolve_passphrase(path: Path) -> str | None:
    """The passphrase of an encrypted database, or None for a plain one.

    INTERVIEWER_PASSPHRASE is for scripts and tests; with --versleuteld it is asked with
    hidden input (twice for a new database, a typo would lock the data away for good).
    """
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env:
        return from_env
    ctx = click.get_current_context(silent=True)
    while ctx is not None and not (ctx.obj and ctx.obj.get("encrypted")):
        ctx = ctx.parent
    if ctx is None:
        return None
    new = not path.exists() or path.stat().st_size == 0
    passphrase: str = click.prompt(
        "Wachtzin voor de database", hide_input=True,
        confirmation_prompt="Herhaal de wachtzin" if new else False, err=True,
    )
    return passphrase
