"""A bundle: everything this laptop knows, in one file another laptop can merge.

The file is an SQLite database (an SQLCipher one, with the database's own passphrase, when
the database is encrypted: a lost USB stick exposes nothing). It holds every journal entry
this database has (its own and those merged from others), the stubs of purged ones, the
bases, authors and replicas they refer to, and the rows a receiving laptop needs to show
them (study, gemeenten, casussen, interviews, judgements, findings, ...), plus a manifest:
format, replica, sequence range, chain head, entry count, schema version and a sha256 over
all of it. It is written under a temporary name, owner-only, and renamed when complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interviewer.core.store import Store, StoreError, known_migrations, now, schema_version

FORMAT = "interviewer-bundel-1"

CARRIED = ("study", "gemeente", "organisation", "casus", "questionset_content", "interview", "judgement", "finding",
           "study_activity")
"""Tables whose rows travel (by key), in an order that satisfies their foreign keys."""

KEYS = {"questionset_content": "hash"}
"""A carried table's key column when it is not `id` (vragenlijst versions are kept by content hash)."""


def key_of(table: str) -> str:
    return KEYS.get(table, "id")

ENTRY_COLUMNS = ("id", "replica", "rseq", "author", "field", "base", "note", "version", "at", "actor",
                 "entity", "entity_id", "interview_id", "question_id", "action", "old", "new",
                 "prev_hash", "hash")
STUB_COLUMNS = ("id", "replica", "rseq", "prev_hash", "hash")

SCHEMA = [
    "CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT)",
    f"CREATE TABLE entry ({', '.join(ENTRY_COLUMNS)}, PRIMARY KEY (replica, rseq))",
    f"CREATE TABLE stub ({', '.join(STUB_COLUMNS)}, PRIMARY KEY (replica, rseq))",
    "CREATE TABLE base (id TEXT PRIMARY KEY, vector TEXT)",
    "CREATE TABLE author (id TEXT PRIMARY KEY, name TEXT, replica TEXT)",
    "CREATE TABLE replica (id TEXT PRIMARY KEY, label TEXT)",
    "CREATE TABLE record (tbl TEXT, id TEXT, data TEXT, PRIMARY KEY (tbl, id))",
]
SUFFIX = ".bundel"


class BundleError(Exception):
    """A bundle that cannot be written or read; the message is Dutch and names the file."""


@dataclass(frozen=True)
class Manifest:
    format: str
    replica: str
    label: str
    rseq_from: int
    rseq_to: int
    head: str
    entries: int
    stubs: int
    schema_version: int
    migrations: tuple[str, ...]
    created_at: str
    sha256: str

    def as_rows(self) -> list[tuple[str, str]]:
        return [(k, json.dumps(v)) for k, v in self.__dict__.items()]

    @classmethod
    def from_rows(cls, rows: list[tuple[str, str]]) -> Manifest:
        data = {k: json.loads(v) for k, v in rows}
        data["migrations"] = tuple(data.get("migrations", ()))
        return cls(**data)


def default_name(store: Store) -> str:
    """interviewer-<laptop>-<date>.bundel: tells the coordinator whose work it is."""
    label = store.conn.execute("SELECT label FROM replica WHERE self = 1").fetchone()[0] or "laptop"
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in str(label))[:40]
    return f"interviewer-{safe}-{now()[:10]}-{store.journal.head().rseq}{SUFFIX}"


def is_encrypted(store: Store) -> bool:
    return type(store.conn).__module__.startswith("sqlcipher3")


def write_bundle(store: Store, target: Path, *, passphrase: str | None = None) -> tuple[Path, Manifest]:
    """Write this database's bundle to `target` (a folder: a default name in it); returns where and what.

    An encrypted database needs its passphrase: the bundle is encrypted with it.

    Raises:
        BundleError: the folder is missing or not writable, the disk is full, or the
            passphrase of an encrypted database is missing.
    """
    if is_encrypted(store) and not passphrase:
        raise BundleError("de database is versleuteld: geef de wachtzin, dan wordt de bundel er ook mee "
                          "versleuteld; er is geen bundel geschreven")
    target = Path(target)
    if target.is_dir():
        target = target / default_name(store)
    if not target.parent.is_dir():
        raise BundleError(f"{target.parent}: map bestaat niet; er is geen bundel geschreven")
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    failures: tuple[type[Exception], ...] = (StoreError, *_db_errors())
    try:
        fd = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        manifest = _fill(store, temporary, passphrase if is_encrypted(store) else None)
        _fsync(temporary)
        os.replace(temporary, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise BundleError(f"{target}: kan de bundel niet schrijven ({exc.strerror}); "
                          "er is geen bundel geschreven") from None
    except failures as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise BundleError(f"{target}: kan de bundel niet schrijven ({exc}); er is geen bundel geschreven") from None
    return target, manifest


def _fill(store: Store, path: Path, passphrase: str | None) -> Manifest:
    conn = store.conn
    attach(conn, path, "bundle", passphrase)
    try:
        conn.execute("PRAGMA bundle.journal_mode = OFF")
        conn.execute("PRAGMA bundle.synchronous = OFF")
        conn.execute("BEGIN")
        for statement in SCHEMA:
            conn.execute(statement.replace("CREATE TABLE ", "CREATE TABLE bundle."))
        columns = ", ".join(ENTRY_COLUMNS)
        conn.execute(f"INSERT INTO bundle.entry ({columns}) SELECT {columns} FROM main.journal")
        stubs = ", ".join(STUB_COLUMNS)
        conn.execute(f"INSERT INTO bundle.stub ({stubs}) SELECT {stubs} FROM main.journal_purged")
        conn.execute("INSERT INTO bundle.base SELECT id, vector FROM main.journal_base")
        conn.execute("INSERT INTO bundle.author SELECT id, name, replica FROM main.author")
        conn.execute("INSERT INTO bundle.replica SELECT id, label FROM main.replica")
        for table in carried_tables(conn, "main"):
            names = table_columns(conn, "main", table)
            pairs = ", ".join(f"'{n}', {n}" for n in names)
            conn.execute(f"INSERT INTO bundle.record (tbl, id, data) "
                         f"SELECT '{table}', {key_of(table)}, json_object({pairs}) FROM main.{table}")
        manifest = _manifest(store, conn)
        conn.executemany("INSERT INTO bundle.manifest VALUES (?, ?)", manifest.as_rows())
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("DETACH DATABASE bundle")
    return manifest


def _manifest(store: Store, conn: Any) -> Manifest:
    head = store.journal.head()
    first = conn.execute("SELECT min(rseq) FROM (SELECT rseq FROM bundle.entry WHERE replica = ?1 "
                         "UNION ALL SELECT rseq FROM bundle.stub WHERE replica = ?1)", [head.replica]).fetchone()
    label = conn.execute("SELECT label FROM main.replica WHERE self = 1").fetchone()[0]
    return Manifest(
        format=FORMAT, replica=head.replica, label=str(label or ""), rseq_from=int(first[0] or 0),
        rseq_to=head.rseq, head=head.hash,
        entries=int(conn.execute("SELECT count(*) FROM bundle.entry").fetchone()[0]),
        stubs=int(conn.execute("SELECT count(*) FROM bundle.stub").fetchone()[0]),
        schema_version=schema_version(), migrations=tuple(sorted(known_migrations())), created_at=now(),
        sha256=content_digest(conn, "bundle"),
    )


def content_digest(conn: Any, schema: str) -> str:
    """sha256 over everything in a bundle but the manifest, in a fixed order."""
    digest = hashlib.sha256()
    for line in _content_lines(conn, schema):
        digest.update(line.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def _content_lines(conn: Any, schema: str) -> Iterator[str]:
    # Entries are covered by their own hashes; the digest covers those and their identity.
    yield from (f"e {r[0]} {r[1]} {r[2]} {r[3]}" for r in conn.execute(
        f"SELECT replica, rseq, id, hash FROM {schema}.entry ORDER BY replica, rseq"))
    yield from (f"s {r[0]} {r[1]} {r[2]} {r[3]} {r[4]}" for r in conn.execute(
        f"SELECT replica, rseq, id, prev_hash, hash FROM {schema}.stub ORDER BY replica, rseq"))
    yield from (f"b {r[0]} {r[1]}" for r in conn.execute(f"SELECT id, vector FROM {schema}.base ORDER BY id"))
    yield from (f"a {json.dumps(list(r))}" for r in conn.execute(
        f"SELECT id, name, replica FROM {schema}.author ORDER BY id"))
    yield from (f"r {json.dumps(list(r))}" for r in conn.execute(
        f"SELECT id, label FROM {schema}.replica ORDER BY id"))
    yield from (f"t {json.dumps(list(r), ensure_ascii=False)}" for r in conn.execute(
        f"SELECT tbl, id, data FROM {schema}.record ORDER BY tbl, id"))


def attach(conn: Any, path: Path, name: str, passphrase: str | None) -> None:
    """Attach a bundle; with a passphrase (SQLCipher), keyed by it.

    The key is derived from the passphrase with the bundle's own salt, so any database
    opened with the same passphrase can read it.
    """
    if passphrase is None:
        conn.execute(f"ATTACH DATABASE ? AS {name}", [str(path)])
    else:
        conn.execute(f"ATTACH DATABASE ? AS {name} KEY ?", [str(path), passphrase])


def carried_tables(conn: Any, schema: str) -> list[str]:
    present = {r[0] for r in conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'")}
    return [t for t in CARRIED if t in present]


def table_columns(conn: Any, schema: str, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        _fsync(folder)


def _db_errors() -> tuple[type[Exception], ...]:
    from interviewer.core.store import _error_types

    return _error_types("Error")
