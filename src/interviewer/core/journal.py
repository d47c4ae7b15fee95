"""The journal: the store's one audited door for every change.

Every change to a record goes through `store.journal`: `insert`, `update` and `delete`
write the row *and* its journal entry in one transaction, and `record` appends an entry
for a change the caller wrote itself (the answer save's hot path).

    store.journal.insert("finding", row)
    store.journal.update("judgement", judgement_id, {"final": "positief"})
    store.journal.delete("finding", finding_id)
    store.journal.record("answer", question_id, "wijzig", old, new, interview_id=...)

Identity (so that laptops can exchange their work): every database is a *replica* with a
stable id, and every entry has its own id, its replica, a sequence number within that
replica (`rseq`), its author (a stable id, not a display name), the fields it changes,
and its *base*: how far it had seen every other replica's entries when it was written.
Two entries on one field where neither had seen the other are concurrent: a conflict,
recognised without trusting anybody's clock.

Each replica's entries form a hash chain (an entry carries the hash of the replica's
previous one), so editing or deleting an entry breaks it; a purge keeps the hashes of
what it removed as stubs, and the chain runs over those stubs. What the chain does and
does not prove: see the README ("Gegevens en privacy").
"""

from __future__ import annotations

import hashlib
import json
import socket
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from interviewer.core.store import Store

GENESIS = "0" * 64

CONTENT = ("at", "actor", "entity", "entity_id", "interview_id", "question_id", "action", "old", "new")
"""What a version-1 entry's hash covers (with prev_hash): entries written before identity."""

IDENTITY = ("id", "replica", "rseq", "author", "field", "base", "note")
"""What version 2 adds; its hash covers CONTENT, IDENTITY and prev_hash."""

HASHED = ("version", *IDENTITY, *CONTENT, "prev_hash")
"""A version-2 entry's hash is the sha256 of the JSON list of these, in this order."""

EXISTS = "_exists"
"""The pseudo-field an insert or delete touches: whether the record exists at all."""

PURGE_ACTION = "bewaartermijn verstreken"
"""The entry a retention purge writes; merged elsewhere, it purges there too."""

NOT_A_CHANGE = frozenset({PURGE_ACTION, "samengevoegd"})
"""Actions that record an event, not new field values (a purge; a merge of duplicate rows)."""

SCOPED = frozenset({"answer", "aspect_polarity", "interview"})
"""Entities whose record is identified within an interview (an answer's id is its question)."""

BOOKKEEPING = frozenset({"updated_at"})
"""Columns the journal writes but does not record: when a row last changed is in its entries."""


@dataclass(frozen=True)
class JournalHead:
    """Where this database's own chain ends: exports and bundles show it, so a cut-off tail is visible."""

    replica: str
    count: int
    """This replica's entries, purged stubs included (equals rseq when none is missing)."""
    rseq: int
    hash: str


class _Executes(Protocol):
    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...


class Journal:
    """The hash-chained, append-only change log of one store; callable for its rows."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __call__(self, interview_id: str | None = None) -> list[dict[str, Any]]:
        """Entries in local order, all or those of one interview (purged ones are gone)."""
        if interview_id is None:
            return self._store._rows("SELECT * FROM journal ORDER BY seq")
        return self._store._rows("SELECT * FROM journal WHERE interview_id = ? ORDER BY seq", [interview_id])

    # ------------------------------------------------------------------ identity

    @property
    def replica(self) -> str:
        return replica_id(self._store.conn)

    @property
    def author(self) -> str:
        return author_id(self.replica, self._store.actor)

    def seen(self) -> dict[str, int]:
        """How far this database has every other replica's entries (replica -> rseq)."""
        rows = self._store.conn.execute("SELECT id, last_rseq FROM replica WHERE self = 0 AND last_rseq > 0")
        return {str(r[0]): int(r[1]) for r in rows}

    def _current_base(self, db: _Executes) -> str | None:
        # Not cached: a merge on another connection (the TUI merges in a thread) changes
        # what this replica has seen, and an entry with a stale base would look concurrent
        # with work it had in fact seen.
        return store_base(db, _seen(db))

    # ------------------------------------------------------------------ writing

    def record(self, entity: str, entity_id: str, action: str, old: Any, new: Any, *,
               interview_id: str | None = None, question_id: str | None = None,
               fields: Iterable[str] | None = None, note: str | None = None) -> int:
        """Append one entry (old and new value of `entity` `entity_id`); returns its local seq.

        `fields` are the fields it changes, worked out from old and new when not given.
        Joins the caller's transaction, or makes its own: the entry and the change it
        describes must commit together.
        """
        with self._store.transaction() as db:
            author = self.author
            self._register_author(db, author)
            seq = _append_v2(db, self._store.actor, entity, entity_id, action, old, new,
                             interview_id=interview_id, question_id=question_id, fields=fields,
                             note=note, author=author, base=self._current_base(db))
            self._settle_conflict(entity, entity_id, interview_id)
        return seq

    def _settle_conflict(self, entity: str, entity_id: str, interview_id: str | None) -> None:
        """An entry on a record in conflict has seen both sides: re-derive its conflicts."""
        scope = (interview_id or "") if entity in SCOPED else ""
        if self._store.conn.execute(
                "SELECT 1 FROM journal_conflict WHERE entity = ? AND entity_id = ? AND interview_id = ?",
                [entity, entity_id, scope]).fetchone():
            from interviewer.core.exchange.merge import refold

            refold(self._store, {(entity, entity_id, scope)})

    def _register_author(self, db: _Executes, author: str) -> None:
        db.execute("INSERT OR IGNORE INTO author (id, name, replica) VALUES (?, ?, ?)",
                   [author, self._store.actor, self.replica])

    def insert(self, table: str, row: dict[str, Any], *, action: str = "nieuw",
               entity: str | None = None, interview_id: str | None = None) -> None:
        """Insert `row` (which has an `id`) into `table` and journal it whole."""
        with self._store.transaction() as db:
            db.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                       list(row.values()))
            self.record(entity or table, str(row["id"]), action, None, _content(row),
                        interview_id=interview_id)

    def update(self, table: str, key: str, changes: dict[str, Any], *, action: str = "wijzig",
               entity: str | None = None, interview_id: str | None = None) -> dict[str, Any]:
        """Change some columns of one row; journals only what really changed. Returns the old values.

        `updated_at` is bookkeeping, not content: it is set here when something changed
        and never journaled, so it can neither make nor hide a change.

        Raises:
            KeyError: no row `key` in `table`.
        """
        with self._store.transaction() as db:
            old = self._row(table, key)
            changed = {k: v for k, v in changes.items() if k not in BOOKKEEPING and old.get(k) != v}
            if changed:
                stamp = {"updated_at": _now()} if "updated_at" in old else {}
                assignments = ", ".join(f"{k} = ?" for k in {**changed, **stamp})
                db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?",
                           [*changed.values(), *stamp.values(), key])
                self.record(entity or table, key, action, {k: old[k] for k in changed}, changed,
                            interview_id=interview_id)
        return {k: old.get(k) for k in changes}

    def delete(self, table: str, key: str, *, action: str = "verwijder", entity: str | None = None,
               interview_id: str | None = None) -> dict[str, Any]:
        """Delete one row, journaling its last content; returns that content.

        Raises:
            KeyError: no row `key` in `table`.
        """
        with self._store.transaction() as db:
            old = self._row(table, key)
            db.execute(f"DELETE FROM {table} WHERE id = ?", [key])
            self.record(entity or table, key, action, _content(old), None, interview_id=interview_id)
        return old

    def purge(self, where: str, params: list[Any]) -> int:
        """Remove the entries matching `where` (retention), keeping their hashes as stubs.

        The journal is append-only by trigger: the delete trigger is dropped and recreated
        inside the caller's transaction, so no other connection ever sees it unprotected.
        Returns the number of entries removed.

        Raises:
            StoreError: the trigger is missing (then the journal may have been edited).
        """
        from interviewer.core.store import StoreError

        with self._store.transaction() as db:
            trigger = db.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'journal_no_delete'"
            ).fetchone()
            if trigger is None:
                raise StoreError("het journaal is niet beveiligd (trigger journal_no_delete ontbreekt); "
                                 "controleer de database met 'interviewer check --db'")
            db.execute("INSERT INTO journal_purged (seq, id, replica, rseq, prev_hash, hash, purged_at) "
                       f"SELECT seq, id, replica, rseq, prev_hash, hash, ? FROM journal WHERE {where}",
                       [_now(), *params])
            db.execute("DROP TRIGGER journal_no_delete")
            removed = db.execute(f"DELETE FROM journal WHERE {where}", params).rowcount
            db.execute(trigger[0])
        return int(removed)

    def _row(self, table: str, key: str) -> dict[str, Any]:
        rows = self._store._rows(f"SELECT * FROM {table} WHERE id = ?", [key])
        if not rows:
            raise KeyError(f"{table} {key}")
        return rows[0]

    # ------------------------------------------------------------------ reading and checking

    def head(self) -> JournalHead:
        replica = self.replica
        rseq, hash_ = _replica_tail(self._store.conn, replica)
        count = self._store.conn.execute(
            "SELECT (SELECT count(*) FROM journal WHERE replica = ?) + "
            "(SELECT count(*) FROM journal_purged WHERE replica = ?)", [replica, replica]).fetchone()[0]
        return JournalHead(replica=replica, count=int(count), rseq=rseq, hash=hash_)

    def verify(self) -> list[str]:
        """Problems in the hash chains, in Dutch; empty when intact."""
        problems = []
        replica, prev, expected = None, GENESIS, 1
        for row in self.chain():
            if row["replica"] != replica:
                replica, prev, expected = row["replica"], GENESIS, 1
            where = f"schakel {row['seq']}"
            if row["rseq"] != expected:
                problems.append(f"journaal: {where} sluit niet aan op de vorige (volgnummer "
                                f"{expected} ontbreekt)")
            elif row["prev_hash"] != prev:
                problems.append(f"journaal: {where} sluit niet aan op de vorige")
            if not row["purged"] and entry_hash(row) != row["hash"]:
                problems.append(f"journaal: {where} is gewijzigd (hash klopt niet)")
            prev, expected = row["hash"], int(row["rseq"] or 0) + 1
        return problems

    def chain(self) -> Iterator[dict[str, Any]]:
        """Entries and the hash stubs of purged ones, per replica in chain order."""
        columns = (*CONTENT, "id", "author", "field", "base", "note", "version")
        cursor = self._store.conn.execute(
            f"SELECT seq, replica, rseq, {', '.join(columns)}, prev_hash, hash, 0 AS purged FROM journal "
            f"UNION ALL SELECT seq, replica, rseq, {', '.join(['NULL'] * len(columns))}, prev_hash, hash, 1 "
            "FROM journal_purged ORDER BY replica, rseq"
        )
        names = [c[0] for c in cursor.description]
        for values in cursor:
            yield dict(zip(names, values, strict=True))


# --------------------------------------------------------------------------- entries


def touched_fields(action: str, old: Any, new: Any) -> list[str]:
    """The fields an entry changes: all of a created or deleted record (and its existence)."""
    if action in NOT_A_CHANGE:
        return []
    if old is None and isinstance(new, dict):
        return [EXISTS, *sorted(new)]
    if new is None and isinstance(old, dict):
        return [EXISTS, *sorted(old)]
    if isinstance(old, dict) and isinstance(new, dict):
        return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    return []


def entry_hash(entry: dict[str, Any]) -> str:
    """The hash an entry must carry: version 1 (before identity) or 2."""
    if entry.get("version") == 2:
        fields: tuple[str, ...] = HASHED
    else:
        fields = (*CONTENT, "prev_hash")
    payload = json.dumps([entry.get(f) for f in fields], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def event_hash(event: dict[str, Any]) -> str:
    """Version-1 hash (kept for tools that still call it)."""
    return entry_hash({**event, "version": 1})


def append(db: _Executes, actor: str, entity: str, entity_id: str, action: str, old: Any, new: Any, *,
           interview_id: str | None = None, question_id: str | None = None) -> int:
    """Append one entry on a bare connection; returns its local seq.

    For migrations, which have no Store: before identity exists (0050) it writes a
    version-1 entry, which that migration then gives an identity.
    """
    columns = {c[0] for c in db.execute("SELECT * FROM journal LIMIT 0").description}
    if "replica" in columns:
        replica = replica_id(db)
        author = author_id(replica, actor)
        db.execute("INSERT OR IGNORE INTO author (id, name, replica) VALUES (?, ?, ?)", [author, actor, replica])
        return _append_v2(db, actor, entity, entity_id, action, old, new, interview_id=interview_id,
                          question_id=question_id, fields=None, note=None, author=author,
                          base=store_base(db, _seen(db)))
    seq, prev = _tail_v1(db)
    event: dict[str, Any] = {
        "at": _now(), "actor": actor, "entity": entity, "entity_id": entity_id,
        "interview_id": interview_id, "question_id": question_id, "action": action,
        "old": dump(old), "new": dump(new), "prev_hash": prev,
    }
    event["hash"] = event_hash(event)
    names = ["seq", *event]
    db.execute(f"INSERT INTO journal ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
               [seq + 1, *event.values()])
    return seq + 1


def _append_v2(db: _Executes, actor: str, entity: str, entity_id: str, action: str, old: Any, new: Any, *,
               interview_id: str | None, question_id: str | None, fields: Iterable[str] | None,
               note: str | None, author: str, base: str | None) -> int:
    replica = replica_id(db)
    rseq, prev = _replica_tail(db, replica)
    seq = local_tail(db)
    touched = list(fields) if fields is not None else touched_fields(action, old, new)
    entry: dict[str, Any] = {
        "id": new_id(), "replica": replica, "rseq": rseq + 1, "author": author,
        "field": ",".join(touched) or None, "base": base, "note": note,
        "at": _now(), "actor": actor, "entity": entity, "entity_id": entity_id,
        "interview_id": interview_id, "question_id": question_id, "action": action,
        "old": dump(old), "new": dump(new), "prev_hash": prev, "version": 2,
    }
    entry["hash"] = entry_hash(entry)
    names = ["seq", *entry]
    # Plain SQL on the hot path: sqlite-utils' insert() introspects the table on every
    # call, which cost more than the fsync itself (see scripts/bench_store.py).
    db.execute(f"INSERT INTO journal ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
               [seq + 1, *entry.values()])
    db.execute("UPDATE replica SET last_rseq = ?, last_at = ? WHERE id = ?", [rseq + 1, entry["at"], replica])
    return seq + 1


def local_tail(db: _Executes) -> int:
    """The highest local seq, purged or not (a purge must not make a seq be reused)."""
    row = db.execute("SELECT max(m) FROM (SELECT max(seq) AS m FROM journal UNION ALL "
                     "SELECT max(seq) FROM journal_purged)").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _tail_v1(db: _Executes) -> tuple[int, str]:
    row = db.execute(
        "SELECT seq, hash FROM (SELECT seq, hash FROM journal UNION ALL "
        "SELECT seq, hash FROM journal_purged) ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def _replica_tail(db: _Executes, replica: str) -> tuple[int, str]:
    """A replica's newest rseq and hash, over entries and purged stubs."""
    row = db.execute(
        "SELECT rseq, hash FROM (SELECT rseq, hash FROM journal WHERE replica = ?1 UNION ALL "
        "SELECT rseq, hash FROM journal_purged WHERE replica = ?1) ORDER BY rseq DESC LIMIT 1", [replica]
    ).fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


# --------------------------------------------------------------------------- identity


def replica_id(db: _Executes) -> str:
    row = db.execute("SELECT id FROM replica WHERE self = 1").fetchone()
    return str(row[0])


def author_id(replica: str, actor: str) -> str:
    """An author is a person on a laptop: two inspectors both called 'inspecteur' stay two."""
    return stable_id("author", replica, actor)


def _seen(db: _Executes) -> dict[str, int]:
    rows = db.execute("SELECT id, last_rseq FROM replica WHERE self = 0 AND last_rseq > 0")
    return {str(r[0]): int(r[1]) for r in rows}


def store_base(db: _Executes, seen: dict[str, int]) -> str | None:
    """The id of a base (replica -> rseq seen), stored once; None when nothing was seen."""
    if not seen:
        return None
    vector = json.dumps(dict(sorted(seen.items())), separators=(",", ":"))
    base_id = hashlib.sha256(vector.encode()).hexdigest()[:32]
    db.execute("INSERT OR IGNORE INTO journal_base (id, vector) VALUES (?, ?)", [base_id, vector])
    return base_id


def migrate_identity(db: _Executes) -> None:
    """Give this database a replica id and every existing entry an identity (0050).

    Before this, one database was one chain in seq order; it becomes this replica's
    chain with rseq in that same order, so every prev_hash still links and every old
    hash still verifies (as version 1). Purged stubs get an identity too.
    """
    db.execute("CREATE TABLE replica (id TEXT PRIMARY KEY, label TEXT, self INTEGER NOT NULL DEFAULT 0, "
               "last_rseq INTEGER NOT NULL DEFAULT 0, last_at TEXT, heard_at TEXT)")
    db.execute("CREATE TABLE author (id TEXT PRIMARY KEY, name TEXT, replica TEXT)")
    db.execute("CREATE TABLE journal_base (id TEXT PRIMARY KEY, vector TEXT NOT NULL)")
    for column, kind in (("id", "TEXT"), ("replica", "TEXT"), ("rseq", "INTEGER"), ("author", "TEXT"),
                         ("field", "TEXT"), ("base", "TEXT"), ("note", "TEXT"), ("version", "INTEGER")):
        db.execute(f"ALTER TABLE journal ADD COLUMN {column} {kind}")
    for column, kind in (("id", "TEXT"), ("replica", "TEXT"), ("rseq", "INTEGER")):
        db.execute(f"ALTER TABLE journal_purged ADD COLUMN {column} {kind}")
    replica = new_id()
    db.execute("INSERT INTO replica (id, label, self) VALUES (?, ?, 1)", [replica, _machine_label()])
    # The journal refuses updates by trigger; giving old entries their identity is the one
    # sanctioned exception, inside this migration's transaction.
    trigger = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'journal_no_update'"
                         ).fetchone()
    if trigger is not None:
        db.execute("DROP TRIGGER journal_no_update")
    order = db.execute("SELECT seq, 0 FROM journal UNION ALL SELECT seq, 1 FROM journal_purged ORDER BY 1"
                       ).fetchall()
    for rseq, (seq, purged) in enumerate(order, start=1):
        if purged:
            db.execute("UPDATE journal_purged SET id = ?, replica = ?, rseq = ? WHERE seq = ?",
                       [new_id(), replica, rseq, seq])
            continue
        row = db.execute("SELECT actor, action, old, new FROM journal WHERE seq = ?", [seq]).fetchone()
        fields = touched_fields(row[1], load_value(row[2]), load_value(row[3]))
        db.execute("UPDATE journal SET id = ?, replica = ?, rseq = ?, author = ?, field = ?, version = 1 "
                   "WHERE seq = ?", [new_id(), replica, rseq, author_id(replica, row[0] or ""),
                                     ",".join(fields) or None, seq])
        db.execute("INSERT OR IGNORE INTO author (id, name, replica) VALUES (?, ?, ?)",
                   [author_id(replica, row[0] or ""), row[0], replica])
    if trigger is not None:
        db.execute(trigger[0])
    db.execute("UPDATE replica SET last_rseq = ? WHERE id = ?", [len(order), replica])
    db.execute("CREATE UNIQUE INDEX journal_id ON journal (id)")
    db.execute("CREATE UNIQUE INDEX journal_replica_rseq ON journal (replica, rseq)")
    db.execute("CREATE INDEX journal_record ON journal (entity, entity_id)")
    db.execute("CREATE UNIQUE INDEX journal_purged_id ON journal_purged (id)")
    db.execute("CREATE UNIQUE INDEX journal_purged_replica_rseq ON journal_purged (replica, rseq)")


def create_conflict_table(db: _Executes) -> None:
    """Fields two laptops changed concurrently (0051): derived from the entries by a merge.

    The entries are the truth; this table is what the review screen marks, re-derived for
    every record a merge or a later edit touches.
    """
    db.execute("CREATE TABLE journal_conflict (entity TEXT NOT NULL, entity_id TEXT NOT NULL, "
               "interview_id TEXT NOT NULL DEFAULT '', field TEXT NOT NULL, heads TEXT NOT NULL, "
               "PRIMARY KEY (entity, entity_id, interview_id, field))")


def _machine_label() -> str:
    """What the home screen calls this laptop: its host name (no person's name)."""
    try:
        return socket.gethostname() or "laptop"
    except OSError:
        return "laptop"


# --------------------------------------------------------------------------- helpers


_NAMESPACE = uuid.UUID("5f0c7a52-6b0e-4d8a-9a43-1f6f3c1d2b7e")


def stable_id(*parts: object) -> str:
    """The same id for the same natural key on every laptop.

    Two inspectors who each add gemeente Venlo, or each judge indicator 3 for one casus,
    create one record, so merging their work gives a conflict on its fields instead of
    two rows that look alike.
    """
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join("" if p is None else str(p) for p in parts)))


def new_id() -> str:
    return str(uuid.uuid4())


def dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def load_value(text: str | None) -> Any:
    """An entry's old or new value from its JSON text (None when absent or unreadable)."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _content(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "id" and k not in BOOKKEEPING}


def _now() -> str:
    from interviewer.core.store import now

    return now()
