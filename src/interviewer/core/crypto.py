"""Encryption at rest (PR-4) with SQLCipher: the whole file, its WAL and its backups.

The passphrase is asked when the app starts (or read from INTERVIEWER_PASSPHRASE by
scripts and tests) and is never written anywhere. sqlite-utils runs unchanged on top of
the SQLCipher connection. sqlcipher3 is imported only when an encrypted database is used.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

SQLITE_HEADER = b"SQLite format 3\x00"


class CryptoError(Exception):
    """The encrypted database cannot be opened; the message is Dutch."""


def looks_encrypted(path: Path) -> bool:
    """A non-empty file without SQLite's plain-text header: encrypted, or not SQLite at all."""
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    return bool(header) and header != SQLITE_HEADER


def _quote(passphrase: str) -> str:
    # PRAGMA key takes no bound parameters; a doubled quote is SQL's only escape.
    return "'" + passphrase.replace("'", "''") + "'"


def _driver() -> Any:
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise CryptoError(
            "versleuteling is niet beschikbaar: installeer het pakket sqlcipher3-binary"
        ) from None
    return dbapi2


def connect(path: Path, passphrase: str, *, read_only: bool = False) -> sqlite3.Connection:
    """A SQLCipher connection to `path`, keyed and checked.

    Raises:
        CryptoError: empty passphrase, or the key does not open the file.
    """
    if not passphrase:
        raise CryptoError("een lege wachtzin is niet toegestaan")
    dbapi2 = _driver()
    if read_only:
        conn = dbapi2.connect(f"file:{path}?mode=ro", uri=True)
    else:
        conn = dbapi2.connect(str(path), timeout=10, check_same_thread=False)
    try:
        # SQLCipher logs decryption failures to stderr, which would scribble over the TUI.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {_quote(passphrase)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi2.DatabaseError:
        conn.close()
        raise CryptoError(
            f"{path}: wachtzin onjuist, of het bestand is geen versleutelde interviewer-database; "
            "het bestand is niet aangeraakt"
        ) from None
    # The driver's Connection mirrors sqlite3.Connection; sqlite-utils uses it as one.
    return conn  # type: ignore[no-any-return]


def export(conn: sqlite3.Connection, target: Path, passphrase: str) -> None:
    """Copy the open encrypted database to `target`, encrypted with the same passphrase.

    SQLite's backup API cannot write an encrypted copy; sqlcipher_export can.
    """
    conn.execute(f"ATTACH DATABASE ? AS backup KEY {_quote(passphrase)}", [str(target)])
    try:
        conn.execute("SELECT sqlcipher_export('backup')").fetchall()
        # sqlcipher_export copies the schema and rows but not the header fields.
        for pragma in ("application_id", "user_version"):
            value = conn.execute(f"PRAGMA main.{pragma}").fetchone()[0]
            conn.execute(f"PRAGMA backup.{pragma} = {int(value)}")
    finally:
        conn.execute("DETACH DATABASE backup")
