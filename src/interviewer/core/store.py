"""Durable SQLite storage on sqlite-utils: migrations, one transaction per answer, a journal.

When the screen shows an answer as saved it has been committed with WAL and
synchronous=FULL, so it survives a crash or power cut. Every change to an answer,
judgement or finding is appended to a hash-chained journal (old value, new value, when, who).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewer.core.journal import (
    GENESIS,
    Journal,
    append,
    create_conflict_table,
    dump,
    event_hash,
    migrate_identity,
    stable_id,
)

__all__ = ["GENESIS", "Journal", "Store", "StoreError", "event_hash"]


def _import_sqlite_utils() -> None:
    """Import sqlite-utils without numpy and pandas.

    sqlite-utils imports both when they are installed (deduce pulls numpy in), only to map
    their scalar types to column types. We never store such values, and the import costs
    about a tenth of a second of start-up, so hide them while sqlite-utils loads.
    """
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

    from interviewer.core.answers import AnswerRecord

APPLICATION_ID = 0x1A7E5D01
"""PRAGMA application_id marking a file as ours."""


_Step = Callable[["sqlite_utils.Database"], None]
_STEPS: list[tuple[str, _Step]] = []
"""Schema steps in order. Kept as plain functions so that opening the database and
showing the home screen need not import sqlite-utils (a fifth of start-up time);
`migrations()` hands them to sqlite-utils' Migrations when something is pending."""


def _migration(name: str) -> Callable[[_Step], _Step]:
    def register(step: _Step) -> _Step:
        _STEPS.append((name, step))
        return step

    return register


def migrations() -> Migrations:
    """The schema steps as sqlite-utils Migrations (imports sqlite-utils)."""
    _import_sqlite_utils()
    from sqlite_utils.migrations import Migrations

    result = Migrations("interviewer")
    for name, step in _STEPS:
        result(name=name)(step)
    return result


def __getattr__(name: str) -> Any:
    # `store.MIGRATIONS` for tests and tools, built on first use (PEP 562).
    if name == "MIGRATIONS":
        return migrations()
    raise AttributeError(name)


class StoreError(Exception):
    """A database problem the user can act on; the message is Dutch and names the file."""


class AnswerConflict(StoreError):
    """Another window changed this answer after this window last read it."""

    def __init__(self, current: AnswerRecord | None) -> None:
        super().__init__("dit antwoord is intussen in een ander venster gewijzigd")
        self.current = current
        """The answer as it is stored now (None: removed)."""


UNCHECKED = object()
"""`save_answer(expected=...)` default: save without comparing with what was seen."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def new_id() -> str:
    return str(uuid.uuid4())


# --------------------------------------------------------------------------- schema


@_migration("0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    db.table("study").create(
        {"id": str, "title": str, "region": str, "framework_id": str, "place": str,
         "created_at": str, "retention_until": str, "demo": int},
        pk="id",
    )
    db.table("gemeente").create(
        {"id": str, "study_id": str, "name": str, "size": str, "created_at": str},
        pk="id", foreign_keys=[("study_id", "study", "id")],
    )
    db.table("casus").create(
        {"id": str, "gemeente_id": str, "code": str, "created_at": str},
        pk="id", foreign_keys=[("gemeente_id", "gemeente", "id")],
    )
    db.table("interview").create(
        {"id": str, "study_id": str, "gemeente_id": str, "casus_id": str, "role": str,
         "questionset_id": str, "questionset_version": int, "organisation": str,
         "respondent_code": str, "interviewer": str, "consent": int, "consent_text": str,
         "status": str, "cursor": str, "started_at": str, "updated_at": str, "finished_at": str},
        pk="id",
        foreign_keys=[("study_id", "study", "id"), ("gemeente_id", "gemeente", "id"),
                      ("casus_id", "casus", "id")],
    )
    db.table("answer").create(
        {"id": str, "interview_id": str, "question_id": str, "value": str, "status": str,
         "remark": str, "quote": int, "polarity": str, "off_route": int,
         "created_at": str, "updated_at": str},
        pk="id", foreign_keys=[("interview_id", "interview", "id")],
    )
    db.table("answer").create_index(["interview_id", "question_id"], unique=True)
    db.table("journal").create(
        {"seq": int, "at": str, "actor": str, "entity": str, "entity_id": str,
         "interview_id": str, "question_id": str, "action": str, "old": str, "new": str,
         "prev_hash": str, "hash": str},
        pk="seq",
    )
    db.table("journal").create_index(["interview_id"])
    # The journal is append-only: the database itself refuses edits and deletes.
    db.execute(
        "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal "
        "BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal "
        "BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END"
    )
    db.table("judgement").create(
        {"id": str, "study_id": str, "gemeente_id": str, "casus_id": str, "organisation": str,
         "indicator": int, "aspect": str, "suggested": str, "reasons": str, "final": str,
         "motivation": str, "updated_at": str},
        pk="id",
    )
    db.table("finding").create(
        {"id": str, "gemeente_id": str, "theme": str, "kind": str, "heading": str, "text": str,
         "indicators": str, "evidence": str, "position": int, "updated_at": str},
        pk="id",
    )


@_migration("0002_report_fields")
def _report_fields(db: sqlite_utils.Database) -> None:
    # The report's Nazorg paragraph names the date by which the gemeente reports back.
    db.table("gemeente").add_column("nazorg_date", str)


@_migration("0005_deletion_log")
def _deletion_log(db: sqlite_utils.Database) -> None:
    # Retention (PR-9): what a purge deleted, counts only, never content.
    db.table("deletion_log").create(
        {"id": str, "at": str, "actor": str, "study_id": str, "study_title": str,
         "retention_until": str, "what": str, "count": int},
        pk="id",
    )
    # A purge removes journal events; keeping their seq and hashes (no content) lets
    # verify_journal still walk the whole chain and tell a purge from tampering.
    db.table("journal_purged").create(
        {"seq": int, "prev_hash": str, "hash": str, "purged_at": str}, pk="seq",
    )
    db.table("study").add_column("purged_at", str)


@_migration("0020_unique_keys")
def _unique_keys(db: sqlite_utils.Database) -> None:
    """One gemeente per name, one casus per code, one judgement per unit and indicator.

    Before these indexes two windows could each insert the same row (the look-up ran
    outside the write lock). Duplicates are merged first: references move to the oldest
    gemeente or casus and the newest judgement; every merged-away row is journaled in full
    (old) beside the row it merged into (new), so no value is lost.
    """
    for table, key, keep_order, refs in _MERGES:
        for keep, dups in _duplicates(db, table, key, keep_order):
            for dup in dups:
                for ref_table in refs:
                    db.execute(f"UPDATE {ref_table} SET {table}_id = ? WHERE {table}_id = ?",
                               [keep["id"], dup["id"]])
                db.execute(f"DELETE FROM {table} WHERE id = ?", [dup["id"]])
                _journal_event(db, "migratie", table, str(keep["id"]), "samengevoegd", dup, keep)
    for table, key, _, _ in _MERGES:
        db.execute(f"CREATE UNIQUE INDEX IF NOT EXISTS {table}_unique_key ON {table} ({', '.join(key)})")


_MERGES: list[tuple[str, tuple[str, ...], str, tuple[str, ...]]] = [
    # (table, unique key, which row survives, tables whose <table>_id points here)
    ("gemeente", ("study_id", "name"), "created_at, id", ("casus", "interview", "judgement", "finding")),
    ("casus", ("gemeente_id", "code"), "created_at, id", ("interview", "judgement")),
    # NULL never equals NULL in a unique index, so the optional parts of the key are coalesced.
    ("judgement", ("gemeente_id", "indicator", "ifnull(aspect, '')", "ifnull(casus_id, '')",
                   "ifnull(organisation, '')"), "updated_at DESC, id", ()),
]


def _duplicates(db: sqlite_utils.Database, table: str, key: tuple[str, ...],
                keep_order: str) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(row kept, rows merged into it) for every key that has more than one row."""
    groups = db.execute(
        f"SELECT {', '.join(key)} FROM {table} GROUP BY {', '.join(key)} HAVING count(*) > 1").fetchall()
    condition = " AND ".join(f"{column} IS ?" for column in key)
    for values in groups:
        cursor = db.execute(f"SELECT * FROM {table} WHERE {condition} ORDER BY {keep_order}", list(values))
        columns = [c[0] for c in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        yield rows[0], rows[1:]


@_migration("0030_answer_aspect_polarity")
def _answer_aspect_polarity(db: sqlite_utils.Database) -> None:
    # An open answer mapped to several aspects can support one and contradict another; the
    # inspector tags each aspect. Its own table keeps the answer row and its journal as they are.
    db.table("answer_aspect_polarity").create(
        {"interview_id": str, "question_id": str, "aspect": str, "polarity": str, "updated_at": str},
        pk=("interview_id", "question_id", "aspect"), foreign_keys=[("interview_id", "interview", "id")],
    )


@_migration("0040_study_activities")
def _study_activities(db: sqlite_utils.Database) -> None:
    # The report's Bijlage 2 states the documentenanalyse and the reflectiebijeenkomst, and
    # the title page the study's own inspectorates (names change: Inspectie SZW in 2019).
    db.table("study").add_column("inspecties", str)
    db.table("study_activity").create(
        {"id": str, "study_id": str, "gemeente_id": str, "kind": str, "on_date": str,
         "description": str, "created_at": str},
        pk="id", foreign_keys=[("study_id", "study", "id"), ("gemeente_id", "gemeente", "id")],
    )
    db.table("study_activity").create_index(["study_id"])


@_migration("0050_journal_identity")
def _journal_identity(db: sqlite_utils.Database) -> None:
    # A replica id per database and an identity per entry, so laptops can exchange work.
    migrate_identity(db)


@_migration("0051_journal_conflicts")
def _journal_conflicts(db: sqlite_utils.Database) -> None:
    create_conflict_table(db)


@_migration("0060_study_settings")
def _study_settings(db: sqlite_utils.Database) -> None:
    # Studies can be archived (hidden from the picker, nothing deleted), and the app keeps
    # which study the inspector chose last, so a second study never hides the first.
    db.table("study").add_column("archived_at", str)
    db.table("setting").create({"key": str, "value": str}, pk="key")


@_migration("0031_organisations")
def _organisations(db: sqlite_utils.Database) -> None:
    # The organisations of a gemeente as a known list with a role, chosen in the intake:
    # only regisseur teams are judged under indicator 11, and typed variants ("geen", a
    # partner) no longer become units of their own.
    db.table("organisation").create(
        {"id": str, "gemeente_id": str, "name": str, "role": str, "created_at": str},
        pk="id", foreign_keys=[("gemeente_id", "gemeente", "id")],
    )
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS organisation_unique_key ON organisation (gemeente_id, name)")


@_migration("0010_drafts")
def _drafts(db: sqlite_utils.Database) -> None:
    # Open-answer text and remarks typed but not yet saved, so that Esc, Ctrl+B, quitting
    # or a killed process do not throw them away; one row per interview, question and kind.
    db.execute(
        "CREATE TABLE IF NOT EXISTS draft (interview_id TEXT NOT NULL REFERENCES interview(id), "
        "question_id TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, updated_at TEXT, "
        "PRIMARY KEY (interview_id, question_id, kind))")


@_migration("0021_questionset_versions")
def _questionset_versions(db: sqlite_utils.Database) -> None:
    # Every vragenlijst version an interview was taken with, by content hash, so an edited
    # vragenlijst never reinterprets older interviews (see core/questionset_versions.py).
    db.table("questionset_content").create(
        {"hash": str, "questionset_id": str, "version": int, "content": str, "first_used_at": str},
        pk="hash",
    )
    db.table("interview").add_column("questionset_hash", str)


def known_migrations() -> set[str]:
    return {name for name, _ in _STEPS}


# --------------------------------------------------------------------------- opening


def _create_private(path: Path) -> None:
    """Create an empty file readable by the owner only, before SQLite touches it."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _refuse_unusable(path: Path, *, read_only: bool) -> None:
    """Refuse, before SQLite opens anything, what can never be our database file.

    A device such as /dev/null made SQLite write /dev/null-journal beside it, and opening a
    FIFO waits forever for a writer; neither is a file we can keep data in.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if read_only:
            raise StoreError(f"{path}: database bestaat niet; er is niets aangemaakt") from None
        _refuse_read_only_folder(path)
        return
    if stat.S_ISDIR(mode):
        raise StoreError(f"{path}: is een map; geef een bestandsnaam op voor de database")
    if not stat.S_ISREG(mode):
        raise StoreError(f"{path}: is geen gewoon bestand (maar een apparaat, pipe of socket); "
                         "geef een databasebestand op. Er is niets geopend of aangemaakt")
    if read_only:
        if path.stat().st_size == 0:
            raise StoreError(f"{path}: is leeg (0 bytes) en dus geen database; het bestand is niet aangeraakt")
        return
    _refuse_read_only_folder(path)
    if not os.access(path, os.W_OK):
        raise StoreError(f"{path}: het bestand is alleen-lezen; geef uzelf schrijfrechten of open een "
                         "kopie. Het bestand is niet aangeraakt")


def _refuse_read_only_folder(path: Path) -> None:
    """SQLite writes -wal and -shm files beside the database: the folder must be writable."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # a new database's folders are created below the first that exists
    if not os.access(folder, os.W_OK):
        raise StoreError(f"{path}: de map {folder} is alleen-lezen; SQLite moet daar naast de database "
                         "kunnen schrijven. Kopieer de database naar een schrijfbare map. "
                         "Het bestand is niet aangeraakt")


def _read_only_uri(path: Path) -> str:
    """A URI that opens `path` for reading without creating or changing any file.

    With no -wal file beside it no connection has the database open (SQLite removes the
    file when the last one closes), so it is opened immutable: SQLite then creates no -wal
    and -shm files either. With a -wal file there, another connection is at work and the
    read must see its committed pages, so it goes through the WAL (whose files exist).
    """
    uri = path.absolute().as_uri() + "?mode=ro"
    if not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return uri


def _inspect_existing(path: Path, passphrase: str | None = None, *, read_only: bool = False) -> None:
    """Refuse a file that is not an SQLite database of ours, without writing to it."""
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header:
        return  # empty file: we may initialise it (read-only opening refused it before)
    plain = header.startswith(b"SQLite format 3\x00")
    if passphrase is None and not plain:
        raise StoreError(f"{path}: is geen interviewer-database (geen SQLite-bestand; als het een versleutelde "
                         "database is: open met --versleuteld); het bestand is niet aangeraakt")
    if passphrase is not None and plain:
        raise StoreError(f"{path}: deze database is niet versleuteld; open zonder --versleuteld "
                         "en zonder INTERVIEWER_PASSPHRASE. Het bestand is niet aangeraakt")
    try:
        conn = _connect(path, passphrase, read_only=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if app_id != APPLICATION_ID:
                if tables:
                    raise StoreError(
                        f"{path}: is een SQLite-database van een ander programma; het bestand is niet aangeraakt"
                    )
                return
            _refuse_newer(path, conn, tables)
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise StoreError(f"{path}: database is beschadigd ({check}); het bestand is niet aangeraakt")
        finally:
            conn.close()
    except _error_types("DatabaseError") as exc:
        if isinstance(exc, _error_types("OperationalError")) and "unable to open" in str(exc):
            raise StoreError(f"{path}: kan de database niet openen ({exc}); controleer de rechten op het "
                             "bestand en de map. Het bestand is niet aangeraakt") from None
        raise StoreError(f"{path}: database is beschadigd of onleesbaar ({exc}); het bestand is niet aangeraakt") from None


def _refuse_newer(path: Path, conn: sqlite3.Connection, tables: set[str]) -> None:
    """A database from a newer interviewer: its migrations or schema version are unknown here."""
    newer: set[str] = set()
    if "_sqlite_migrations" in tables:
        applied = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set='interviewer'")}
        newer = applied - known_migrations()
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > schema_version():
        newer.add(f"schemaversie {version}, deze versie kent tot {schema_version()}")
    if newer:
        raise StoreError(
            f"{path}: is gemaakt door een nieuwere versie van interviewer "
            f"({', '.join(sorted(newer))}); werk interviewer bij. Het bestand is niet aangeraakt"
        )


def schema_version() -> int:
    """PRAGMA user_version of a database with every migration of this version applied."""
    return len(_STEPS)


def _connect(path: Path, passphrase: str | None, *, read_only: bool = False) -> sqlite3.Connection:
    """A plain connection, or a keyed SQLCipher one when a passphrase is given."""
    if passphrase is None:
        if read_only:
            return sqlite3.connect(_read_only_uri(path), uri=True)
        # check_same_thread stays on: a thread that needs the database opens its own
        # connection (Store.own_connection); sharing one made transactions cross threads.
        return sqlite3.connect(path, timeout=10)
    from interviewer.core import crypto

    try:
        return crypto.connect(path, passphrase, read_only=read_only)
    except crypto.CryptoError as exc:
        raise StoreError(str(exc)) from None


def _error_types(name: str) -> tuple[type[Exception], ...]:
    """sqlite3's exception class `name`, and SQLCipher's once that is in use.

    SQLCipher's driver has its own exception classes, not subclasses of sqlite3's; it is
    imported only for encrypted databases, so before that none of its errors can occur.
    """
    types: list[type[Exception]] = [getattr(sqlite3, name)]
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    if cipher is not None:
        types.append(getattr(cipher, name))
    return tuple(types)


def backup_path(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return path.with_name(f"{path.name}.backup-{stamp}")


class Store:
    """The interviewer database. Open with `Store.open(path)` or `Store.memory()`."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, actor: str, *,
                 read_only: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.actor = actor
        self.read_only = read_only
        self.pending_migrations: list[str] = []
        """Read-only opening: schema steps this version would apply on a normal open."""
        self._db: sqlite_utils.Database | None = None
        self._reconnect: Callable[[], sqlite3.Connection] | None = None
        """Opens another connection to this database (see `own_connection`)."""
        self.journal = Journal(self)
        """The one audited door for changes: `store.journal.insert/update/delete/record`."""

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils on the same connection, imported on first use (not at start-up)."""
        if self._db is None:
            _import_sqlite_utils()
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    def _rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        """Plain-SQL reads for what the home screen shows (no sqlite-utils needed)."""
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _one(self, table: str, key: str) -> dict[str, Any]:
        rows = self._rows(f"SELECT * FROM {table} WHERE id = ?", [key])
        if not rows:
            raise KeyError(f"{table} {key}")
        return rows[0]

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(cls, path: Path, actor: str | None = None, passphrase: str | None = None, *,
             read_only: bool = False) -> Store:
        """Open (creating if needed) and migrate the database at `path`.

        With a passphrase the file is an SQLCipher database (created encrypted when new);
        the passphrase is used here and for the pre-migration backup, and not kept.
        `read_only` is for checks: the file must exist and is neither created, initialised
        nor migrated (pending steps are listed in `pending_migrations`), and nothing is written.

        Raises:
            StoreError: the file is not ours, corrupt, from a newer version, or unwritable.
        """
        path = Path(path)
        os.umask(0o077)  # WAL/SHM and backups are then owner-only too
        try:
            _refuse_unusable(path, read_only=read_only)
            if path.exists():
                _inspect_existing(path, passphrase)
            else:
                _create_private(path)
            conn = _connect(path, passphrase, read_only=read_only)
        except OSError as exc:
            raise StoreError(f"{path}: kan de database niet openen of aanmaken ({exc.strerror})") from None
        if read_only:
            store = cls(conn, path, actor or _default_actor(), read_only=True)
            store.pending_migrations = sorted(known_migrations() - store._applied_migrations())
            return store
        store = cls(_configure(conn), path, actor or _default_actor())
        try:
            store._migrate(passphrase)
        except _error_types("OperationalError") as exc:
            store.close()
            raise StoreError(f"{path}: {_dutch_sqlite(exc)}") from None
        # An encrypted database needs its passphrase for every connection: it stays in this
        # closure (in memory, like the open connection's key) and is never written anywhere.
        store._reconnect = lambda: _configure(_connect(path, passphrase))
        return store

    @classmethod
    def memory(cls, actor: str = "test") -> Store:
        # A named in-memory database, so that `own_connection` can reach the same data.
        uri = f"file:interviewer-{new_id()}?mode=memory&cache=shared"
        store = cls(_configure(sqlite3.connect(uri, uri=True)), None, actor)
        store._migrate()
        store._reconnect = lambda: _configure(sqlite3.connect(uri, uri=True))
        return store

    def migrated_copy(self) -> Store:
        """This database copied into memory with every migration applied.

        A check of an older file runs on this copy: the checks read the current schema,
        and the file itself is neither upgraded nor touched.
        """
        copy = type(self).memory(self.actor)
        copy.conn.execute("PRAGMA foreign_keys = OFF")  # the copy arrives table by table
        refused: tuple[type[Exception], ...] = (TypeError, *_error_types("Error"))  # SQLCipher refuses a plain target
        try:
            self.conn.backup(copy.conn)
        except refused as exc:
            copy.close()
            raise StoreError(f"{self.path}: deze database heeft een ouder schema en kan niet zonder bijwerken "
                             f"worden gecontroleerd ({exc}); open hem eerst met de app") from None
        copy.conn.execute("PRAGMA foreign_keys = ON")
        copy._migrate()
        return copy

    @contextlib.contextmanager
    def own_connection(self) -> Iterator[Store]:
        """This database on a connection of its own, for work in another thread.

        Threads must not share a connection: a transaction open in one thread looked
        nested to another (`_write_lock`), so a study the screen reported as created was
        rolled back with the demo load that failed in the other thread. On separate
        connections SQLite's own locking serialises the writes. The connection is opened
        in the thread that uses it and closed on leaving.
        """
        if self._reconnect is None:
            raise StoreError(f"{self.path}: is alleen-lezen geopend; er kan geen tweede verbinding bij")
        other = type(self)(self._reconnect(), self.path, self.actor)
        other._reconnect = self._reconnect
        try:
            yield other
        finally:
            other.close()

    def _migrate(self, passphrase: str | None = None) -> None:
        applied = self._applied_migrations()
        if known_migrations() <= applied:
            return
        if self.path is not None and applied:
            self._backup(passphrase)
        migrations().apply(self.db)
        self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        # Lets an older interviewer refuse this file even if it reads no migration names.
        self.conn.execute(f"PRAGMA user_version = {schema_version()}")

    def _applied_migrations(self) -> set[str]:
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
        ).fetchone()
        if not exists:
            return set()
        rows = self.conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'interviewer'")
        return {row[0] for row in rows}

    def _backup(self, passphrase: str | None = None) -> Path:
        """Copy the database beside itself before a migration changes it (encrypted stays encrypted)."""
        assert self.path is not None
        target = backup_path(self.path)
        _create_private(target)
        if passphrase is not None:
            from interviewer.core import crypto

            crypto.export(self.conn, target, passphrase)
            return target
        dest = sqlite3.connect(target)
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        return target

    def close(self) -> None:
        with contextlib.suppress(*_error_types("Error")):
            self.conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One atomic, durable unit of work, with a Dutch message if the disk fails."""
        if self.read_only:
            raise StoreError(f"{self.path}: is alleen-lezen geopend (voor een controle); er is niets gewijzigd")
        try:
            with self._write_lock(), self.db.atomic():
                yield self.db
        except _error_types("OperationalError") as exc:
            where = f"{self.path}: " if self.path is not None else ""
            raise StoreError(where + _dutch_sqlite(exc)) from None

    @contextlib.contextmanager
    def _write_lock(self) -> Iterator[None]:
        """Take the write lock when the transaction starts (BEGIN IMMEDIATE).

        A deferred transaction that reads first and then writes fails at once, without
        waiting, when another window committed in between (SQLITE_BUSY_SNAPSHOT); taking
        the lock up front makes it wait in busy_timeout like any other write.
        """
        if self.db.conn.in_transaction:
            yield  # nested: the outer transaction holds the lock; atomic() adds a savepoint
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.rollback()
            raise
        try:
            self.db.execute("COMMIT")
        except BaseException:
            self.db.rollback()  # never leave a failed transaction open on the connection
            raise

    # ------------------------------------------------------------------ journal

    def _journal(self, entity: str, entity_id: str, action: str, old: Any, new: Any,
                 interview_id: str | None = None, question_id: str | None = None) -> None:
        """Deprecated: use `store.journal.record` (kept while older callers remain)."""
        self.journal.record(entity, entity_id, action, old, new,
                            interview_id=interview_id, question_id=question_id)

    def verify_journal(self) -> list[str]:
        """Problems in the hash chain, in Dutch; empty when intact."""
        return self.journal.verify()

    # ------------------------------------------------------------------ study structure

    def create_study(self, title: str, region: str, framework_id: str, *, place: str = "",
                     retention_until: str | None = None, demo: bool = False) -> str:
        study_id = new_id()
        self.journal.insert("study", {
            "id": study_id, "title": title, "region": region, "framework_id": framework_id,
            "place": place, "created_at": now(), "retention_until": retention_until,
            "demo": int(demo),
        })
        return study_id

    def studies(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM study ORDER BY created_at")

    def study(self, study_id: str) -> dict[str, Any]:
        return self._one("study", study_id)

    def add_gemeente(self, study_id: str, name: str, size: str = "") -> str:
        """The gemeente of that name in the study, created when new."""
        return self._find_or_insert("gemeente", ("study_id", study_id), ("name", name), {"size": size})

    def gemeenten(self, study_id: str) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM gemeente WHERE study_id = ? ORDER BY name", [study_id])

    def gemeente(self, gemeente_id: str) -> dict[str, Any]:
        return self._one("gemeente", gemeente_id)

    def add_casus(self, gemeente_id: str, code: str) -> str:
        """The casus of that code in the gemeente, created when new."""
        return self._find_or_insert("casus", ("gemeente_id", gemeente_id), ("code", code), {})

    def add_organisation(self, gemeente_id: str, name: str, role: str) -> str:
        """The organisation of that name in the gemeente, created with `role` when new.

        An existing organisation keeps its role: the list is the gemeente's, not one intake's.
        """
        return self._find_or_insert("organisation", ("gemeente_id", gemeente_id), ("name", name),
                                    {"role": role})

    def _find_or_insert(self, table: str, parent: tuple[str, str], key: tuple[str, str],
                        extra: dict[str, Any]) -> str:
        """The id of the `table` row with that parent and key, inserted (journaled) when new.

        The look-up runs inside the write transaction: read before the lock, two windows
        would both find nothing and both insert. The id derives from the natural key, so
        the same record added on two laptops is one record once their work is merged.
        """
        (parent_column, parent_id), (key_column, key_value) = parent, key
        with self.transaction():
            existing = self.conn.execute(
                f"SELECT id FROM {table} WHERE {parent_column} = ? AND {key_column} = ?",
                [parent_id, key_value]).fetchone()
            if existing:
                return str(existing[0])
            row_id = stable_id(table, parent_id, key_value)
            self.journal.insert(table, {"id": row_id, parent_column: parent_id, key_column: key_value,
                                        **extra, "created_at": now()})
        return row_id

    def organisations(self, gemeente_id: str) -> list[dict[str, Any]]:
        """The known organisations of a gemeente (name, role), by name."""
        if not self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'organisation'").fetchone():
            return []
        return self._rows("SELECT * FROM organisation WHERE gemeente_id = ? ORDER BY name", [gemeente_id])

    def casussen(self, gemeente_id: str) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM casus WHERE gemeente_id = ? ORDER BY code", [gemeente_id])

    def casus(self, casus_id: str) -> dict[str, Any]:
        return self._one("casus", casus_id)

    # ------------------------------------------------------------------ interviews

    def create_interview(self, *, study_id: str, gemeente_id: str, casus_id: str | None,
                         role: str, questionset_id: str, questionset_version: int,
                         organisation: str, respondent_code: str, consent_text: str,
                         interviewer: str | None = None) -> str:
        """Record an interview whose respondent gave consent; status 'bezig'."""
        interview_id = new_id()
        row = {
            "id": interview_id, "study_id": study_id, "gemeente_id": gemeente_id,
            "casus_id": casus_id, "role": role, "questionset_id": questionset_id,
            "questionset_version": questionset_version, "organisation": organisation,
            "respondent_code": respondent_code, "interviewer": interviewer or self.actor,
            "consent": 1, "consent_text": consent_text, "status": "bezig", "cursor": None,
            "started_at": now(), "updated_at": now(), "finished_at": None,
        }
        self.journal.insert("interview", row, action="start", interview_id=interview_id)
        return interview_id

    def record_refusal(self, *, study_id: str, gemeente_id: str, role: str, questionset_id: str,
                       questionset_version: int) -> str:
        """Store only that a respondent refused: no casus, organisation or respondent code."""
        interview_id = new_id()
        row = {
            "id": interview_id, "study_id": study_id, "gemeente_id": gemeente_id, "casus_id": None,
            "role": role, "questionset_id": questionset_id,
            "questionset_version": questionset_version, "organisation": None,
            "respondent_code": None, "interviewer": self.actor, "consent": 0, "consent_text": None,
            "status": "geweigerd", "cursor": None, "started_at": now(), "updated_at": now(),
            "finished_at": now(),
        }
        self.journal.insert("interview", row, action="geweigerd", interview_id=interview_id)
        return interview_id

    def interview(self, interview_id: str) -> dict[str, Any]:
        return self._one("interview", interview_id)

    def interviews(self, study_id: str | None = None) -> list[dict[str, Any]]:
        if study_id is None:
            return self._rows("SELECT * FROM interview ORDER BY started_at")
        return self._rows("SELECT * FROM interview WHERE study_id = ? ORDER BY started_at", [study_id])

    def set_status(self, interview_id: str, status: str) -> None:
        with self.transaction():
            old = self.interview(interview_id)["status"]  # under the lock: journal the real old value
            if old == status:
                return
            self.journal.update("interview", interview_id, {
                "status": status, "finished_at": now() if status == "afgerond" else None,
            }, action="status", interview_id=interview_id)

    def set_cursor(self, interview_id: str, cursor: str | None) -> None:
        with self.transaction():
            self.db.table("interview").update(interview_id, {"cursor": cursor, "updated_at": now()})

    # ------------------------------------------------------------------ answers

    def save_answer(self, interview_id: str, answer: AnswerRecord, *, cursor: str | None,
                    off_route: set[str] | None = None,
                    expected: AnswerRecord | None | object = UNCHECKED) -> None:
        """Save one answer, its journal event, the cursor and route flags in one transaction.

        The stored answer is read inside the write transaction. With `expected` (the answer
        as this window last saw it, None for none) a different stored answer means another
        window changed it meanwhile: AnswerConflict is raised and nothing is written, so
        no window silently overwrites another. Saving also drops the question's drafts.
        An unchanged answer writes no journal event. Plain SQL: this is the path an
        inspector waits on after every Enter.

        Raises:
            AnswerConflict: the stored answer is not `expected`.
            StoreError: the database is locked, full or read-only.
        """
        new = _answer_fields(answer)
        columns = _answer_columns(answer)
        with self.transaction():
            old_row = self.db.execute(
                f"SELECT {ANSWER_COLUMNS} FROM answer WHERE interview_id = ? AND question_id = ?",
                [interview_id, answer.question_id],
            ).fetchone()
            current = row_to_answer(dict(zip(ANSWER_KEYS, old_row, strict=True))) if old_row else None
            if expected is not UNCHECKED and current != expected:
                raise AnswerConflict(current)
            old = _answer_fields(current) if current is not None else None
            stamp = now()
            if old_row is None:
                row = {"id": new_id(), "interview_id": interview_id, "question_id": answer.question_id,
                       **columns, "off_route": 0, "created_at": stamp, "updated_at": stamp}
                self.db.execute(
                    f"INSERT INTO answer ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                    list(row.values()),
                )
            elif old != new:
                assignments = ", ".join(f"{key} = ?" for key in columns)
                self.db.execute(
                    f"UPDATE answer SET {assignments}, updated_at = ? WHERE interview_id = ? AND question_id = ?",
                    [*columns.values(), stamp, interview_id, answer.question_id],
                )
            if old != new:
                self.journal.record("answer", answer.question_id, "wijzig" if old else "nieuw", old, new,
                                    interview_id=interview_id, question_id=answer.question_id)
            if off_route is not None:
                self._set_route(interview_id, off_route)
            self.db.execute("UPDATE interview SET cursor = ?, updated_at = ? WHERE id = ?",
                            [cursor, stamp, interview_id])
            self.db.execute("DELETE FROM draft WHERE interview_id = ? AND question_id = ?",
                            [interview_id, answer.question_id])

    # ------------------------------------------------------------------ drafts

    def save_draft(self, interview_id: str, question_id: str, kind: str, text: str) -> None:
        """Keep unsaved text (kind 'antwoord' or 'opmerking') until the answer is saved.

        Drafts are scratch, not answers: not journaled, replaced on every write, deleted
        when the question's answer is saved or the text is emptied.
        """
        with self.transaction():
            if text.strip():
                self.db.execute(
                    "INSERT INTO draft (interview_id, question_id, kind, text, updated_at) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (interview_id, question_id, kind) "
                    "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                    [interview_id, question_id, kind, text, now()])
            else:
                self.db.execute(
                    "DELETE FROM draft WHERE interview_id = ? AND question_id = ? AND kind = ?",
                    [interview_id, question_id, kind])

    def drafts(self, interview_id: str) -> dict[tuple[str, str], str]:
        """(question id, kind) -> unsaved text of one interview."""
        rows = self._rows("SELECT question_id, kind, text FROM draft WHERE interview_id = ?", [interview_id])
        return {(row["question_id"], row["kind"]): row["text"] for row in rows}

    def _set_route(self, interview_id: str, off_route: set[str]) -> None:
        """Flag the answers off the route; journal the flags when they change.

        Scoring leaves off-route answers out, so another laptop that merges this interview
        must flag the same answers: the change travels as an entry on the interview.
        """
        def flagged() -> list[str]:
            rows = self.conn.execute("SELECT question_id FROM answer WHERE interview_id = ? AND off_route = 1 "
                                     "ORDER BY question_id", [interview_id])
            return [str(r[0]) for r in rows]

        before = flagged()
        self.db.execute("UPDATE answer SET off_route = (question_id IN (SELECT value FROM json_each(?))) "
                        "WHERE interview_id = ?", [json.dumps(sorted(off_route)), interview_id])
        after = flagged()
        if after != before:
            self.journal.record("interview", interview_id, "route", {"off_route": before}, {"off_route": after},
                                interview_id=interview_id)

    def has_aspect_polarity(self) -> bool:
        return bool(self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'answer_aspect_polarity'").fetchone())

    def aspect_polarities(self, interview_id: str, question_id: str) -> dict[str, str]:
        """The inspector's polarity per aspect for one (open) answer."""
        rows = self.conn.execute(
            "SELECT aspect, polarity FROM answer_aspect_polarity WHERE interview_id = ? AND question_id = ?",
            [interview_id, question_id])
        return dict(rows.fetchall())

    def save_aspect_polarities(self, interview_id: str, question_id: str, polarities: dict[str, str | None]) -> None:
        """Set (None: clear) the polarity of one answer per aspect, journaled, in one transaction."""
        with self.transaction():
            old = self.aspect_polarities(interview_id, question_id)
            new = {**old, **{a: p for a, p in polarities.items() if p is not None}}
            for aspect in [a for a, p in polarities.items() if p is None]:
                new.pop(aspect, None)
            if new == old:
                return
            self.db.execute("DELETE FROM answer_aspect_polarity WHERE interview_id = ? AND question_id = ?",
                            [interview_id, question_id])
            stamp = now()
            for aspect, polarity in sorted(new.items()):
                self.db.execute("INSERT INTO answer_aspect_polarity VALUES (?, ?, ?, ?, ?)",
                                [interview_id, question_id, aspect, polarity, stamp])
            self.journal.record("aspect_polarity", question_id, "wijzig" if old else "nieuw", old or None,
                                new or None, interview_id=interview_id, question_id=question_id)

    def answers(self, interview_id: str) -> dict[str, AnswerRecord]:
        rows = self._rows("SELECT * FROM answer WHERE interview_id = ?", [interview_id])
        return {row["question_id"]: row_to_answer(row) for row in rows}

    def answer_rows(self, interview_id: str) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM answer WHERE interview_id = ? ORDER BY created_at", [interview_id])


# --------------------------------------------------------------------------- helpers


def _configure(conn: sqlite3.Connection) -> sqlite3.Connection:
    # WAL + FULL: a committed answer survives a power cut; WAL keeps readers unblocked.
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()
    if mode and mode[0] not in ("wal", "memory"):
        raise StoreError(f"kan WAL-modus niet inschakelen ({mode[0]})")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    # sqlite-utils sets this when it wraps the connection; set it here so behaviour does
    # not depend on whether sqlite-utils was used yet.
    conn.execute("PRAGMA recursive_triggers=on")
    return conn


def _default_actor() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not an error worth stopping for
        return "inspecteur"


def _journal_event(db: sqlite3.Connection | sqlite_utils.Database, actor: str, entity: str,
                   entity_id: str, action: str, old: Any, new: Any,
                   interview_id: str | None = None, question_id: str | None = None) -> None:
    """Append one entry in a migration, which has no Store (see journal.append)."""
    append(db, actor, entity, entity_id, action, old, new, interview_id=interview_id, question_id=question_id)



ANSWER_KEYS = ("question_id", "value", "status", "remark", "quote", "polarity")
ANSWER_COLUMNS = ", ".join(ANSWER_KEYS)


def _answer_fields(answer: AnswerRecord) -> dict[str, Any]:
    return {"value": answer.value, "status": str(answer.status), "remark": answer.remark,
            "quote": answer.quote, "polarity": answer.polarity}


def _answer_columns(answer: AnswerRecord) -> dict[str, Any]:
    return {"value": dump(answer.value), "status": str(answer.status), "remark": answer.remark,
            "quote": int(answer.quote), "polarity": answer.polarity}


def row_to_answer(row: dict[str, Any]) -> AnswerRecord:
    # Imported here: pydantic is not needed to show the home screen (start-up time).
    from interviewer.core.answers import AnswerRecord, AnswerStatus

    return AnswerRecord(
        question_id=row["question_id"],
        status=AnswerStatus(row["status"]),
        value=load_stored_value(row["value"], _answer_place(row)),
        remark=row["remark"],
        quote=bool(row["quote"]),
        polarity=row["polarity"],
    )


def load_stored_value(raw: str | None, where: str) -> Any:
    """A JSON value read from the database; a Dutch StoreError naming `where` when it is damaged.

    Only a hand-edited or damaged file holds malformed JSON; saying which row it is lets the
    inspector find it with `interviewer check --db` instead of reading a traceback.
    """
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except (ValueError, TypeError):
        raise StoreError(f"{where}: de opgeslagen waarde is onleesbaar (geen geldige JSON); "
                         "zoek de rij met 'interviewer check --db'") from None


def _answer_place(row: dict[str, Any]) -> str:
    interview = row.get("interview_id")
    return (f"antwoord op vraag '{row['question_id']}'"
            + (f" in interview {str(interview)[:8]}" if interview else ""))


def _dutch_sqlite(exc: Exception) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return "de database is bezet door een ander venster of programma; probeer het zo opnieuw"
    if "disk" in text and "full" in text:
        return "de schijf is vol; maak ruimte vrij. Eerder opgeslagen antwoorden blijven bewaard"
    if "readonly" in text:
        return "de database is alleen-lezen; controleer de rechten op het bestand"
    return f"databasefout: {text}"

