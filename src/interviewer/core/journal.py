"""The journal: the store's one audited door for every change.

Every change to a record goes through `store.journal`: `insert`, `update` and `delete`
write the row *and* its journal entry in one transaction, and `record` appends an entry
for a change the caller wrote itself (the answer save's hot path). Each entry carries the
hash of the previous one, so editing or deleting an entry breaks the chain; a purge keeps
the hashes of what it deleted as stubs, and new entries chain over those stubs too.

    store.journal.insert("finding", row)
    store.journal.update("judgement", judgement_id, {"final": "positief"})
    store.journal.delete("finding", finding_id)
    store.journal.record("answer", question_id, "wijzig", old, new, interview_id=...)

What the chain proves and what it does not: see the README ("Gegevens en privacy").
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from interviewer.core.store import Store

GENESIS = "0" * 64

CONTENT = ("at", "actor", "entity", "entity_id", "interview_id", "question_id", "action", "old", "new")
"""The columns of an entry that its hash covers (with prev_hash)."""


BOOKKEEPING = frozenset({"updated_at"})
"""Columns the journal writes but does not record: when a row last changed is in its entries."""


@dataclass(frozen=True)
class JournalHead:
    """Where the chain ends: exports and bundles print it so a cut-off tail is visible."""

    count: int
    """Entries in the chain, purged stubs included."""
    seq: int
    hash: str


class Journal:
    """The hash-chained, append-only change log of one store; callable for its rows."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __call__(self, interview_id: str | None = None) -> list[dict[str, Any]]:
        """Entries in order, all or those of one interview (purged ones are gone)."""
        if interview_id is None:
            return self._store._rows("SELECT * FROM journal ORDER BY seq")
        return self._store._rows("SELECT * FROM journal WHERE interview_id = ? ORDER BY seq", [interview_id])

    # ------------------------------------------------------------------ writing

    def record(self, entity: str, entity_id: str, action: str, old: Any, new: Any, *,
               interview_id: str | None = None, question_id: str | None = None) -> int:
        """Append one entry (old and new value of `entity` `entity_id`); returns its seq.

        Joins the caller's transaction, or makes its own: the entry and the change it
        describes must commit together.
        """
        with self._store.transaction() as db:
            return append(db, self._store.actor, entity, entity_id, action, old, new,
                          interview_id=interview_id, question_id=question_id)

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
            db.execute("INSERT INTO journal_purged (seq, prev_hash, hash, purged_at) "
                       f"SELECT seq, prev_hash, hash, ? FROM journal WHERE {where}", [_now(), *params])
            db.execute("DROP TRIGGER journal_no_delete")
            removed = db.execute(f"DELETE FROM journal WHERE {where}", params).rowcount
            db.execute(trigger[0])
        return int(removed)

    def _row(self, table: str, key: str) -> dict[str, Any]:
        rows = self._store._rows(f"SELECT * FROM {table} WHERE id = ?", [key])
        if not rows:
            raise KeyError(f"{table} {key}")
        return rows[0]

    def _tail(self) -> tuple[int, str]:
        return _tail(self._store.conn)

    # ------------------------------------------------------------------ reading and checking

    def head(self) -> JournalHead:
        seq, hash_ = self._tail()
        count = self._store.conn.execute(
            "SELECT (SELECT count(*) FROM journal) + (SELECT count(*) FROM journal_purged)").fetchone()[0]
        return JournalHead(count=int(count), seq=seq, hash=hash_)

    def verify(self) -> list[str]:
        """Problems in the hash chain, in Dutch; empty when intact."""
        problems = []
        prev = GENESIS
        for row in self.chain():
            if row["prev_hash"] != prev:
                problems.append(f"journaal: schakel {row['seq']} sluit niet aan op de vorige")
            if not row.get("purged") and event_hash(row) != row["hash"]:
                problems.append(f"journaal: schakel {row['seq']} is gewijzigd (hash klopt niet)")
            prev = row["hash"]
        return problems

    def chain(self) -> Iterator[dict[str, Any]]:
        """Entries and the hash stubs of purged ones, in chain order."""
        cursor = self._store.conn.execute(
            f"SELECT seq, {', '.join(CONTENT)}, prev_hash, hash, 0 AS purged FROM journal UNION ALL "
            f"SELECT seq, {', '.join(['NULL'] * len(CONTENT))}, prev_hash, hash, 1 FROM journal_purged "
            "ORDER BY seq"
        )
        columns = [c[0] for c in cursor.description]
        for values in cursor:
            yield dict(zip(columns, values, strict=True))


_NAMESPACE = uuid.UUID("5f0c7a52-6b0e-4d8a-9a43-1f6f3c1d2b7e")


def stable_id(*parts: object) -> str:
    """The same id for the same natural key on every laptop.

    Two inspectors who each add gemeente Venlo, or each judge indicator 3 for one casus,
    create one record, so merging their work gives a conflict on its fields instead of
    two rows that look alike.
    """
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join("" if p is None else str(p) for p in parts)))


class _Executes(Protocol):
    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...


def append(db: _Executes, actor: str, entity: str, entity_id: str, action: str, old: Any, new: Any, *,
           interview_id: str | None = None, question_id: str | None = None) -> int:
    """Append one entry on a connection; returns its seq. Migrations use this (they have no Store)."""
    seq, prev = _tail(db)
    event: dict[str, Any] = {
        "at": _now(), "actor": actor, "entity": entity, "entity_id": entity_id,
        "interview_id": interview_id, "question_id": question_id, "action": action,
        "old": dump(old), "new": dump(new), "prev_hash": prev,
    }
    event["hash"] = event_hash(event)
    columns = ["seq", *event]
    # Plain SQL on the hot path: sqlite-utils' insert() introspects the table on every
    # call, which cost more than the fsync itself (see scripts/bench_store.py).
    db.execute(f"INSERT INTO journal ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
               [seq + 1, *event.values()])
    return seq + 1


def _tail(db: _Executes) -> tuple[int, str]:
    """The newest entry's seq and hash, purged or not.

    The chain runs over purged stubs: a purge that removed the newest entries must
    not make the next entry reuse their seq or chain to an older hash.
    """
    row = db.execute(
        "SELECT seq, hash FROM (SELECT seq, hash FROM journal UNION ALL "
        "SELECT seq, hash FROM journal_purged) ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def event_hash(event: dict[str, Any]) -> str:
    payload = json.dumps([event.get(f) for f in (*CONTENT, "prev_hash")], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def _content(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "id" and k not in BOOKKEEPING}


def _now() -> str:
    from interviewer.core.store import now

    return now()
