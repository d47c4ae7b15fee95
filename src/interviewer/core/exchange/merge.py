"""Merge a bundle into this database: all of it or nothing, as often as you like, in any order.

Checks first, without writing: the file is a bundle of a known format and schema, its sha256
matches its content, every replica's entries run from 1 without a gap, every new entry's hash
is right and chains to its predecessor, and no entry contradicts one this database already
has (same id, other hash; or same replica and number, other id: a copied database). Anything
wrong: a Dutch refusal and the database untouched.

Then, in one transaction: new rows the entries refer to, the new entries (an entry already
here is skipped by its id: merging twice changes nothing), stubs of what others purged,
purges (an entry of a purged study's interviews that had not seen the purge becomes a stub,
here as there), and every touched record re-derived from all its entries (fold), with its
conflicts listed for the review screen.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interviewer.core import crypto
from interviewer.core.exchange import bundle as bundles
from interviewer.core.exchange.fold import DELETED, Entry, Fold, fold, fold_in_order
from interviewer.core.journal import (
    BOOKKEEPING,
    EXISTS,
    GENESIS,
    HASHED,
    PURGE_ACTION,
    SCOPED,
    entry_hash,
    load_value,
    local_tail,
)
from interviewer.core.store import (
    Store,
    StoreError,
    _error_types,
    known_migrations,
    now,
    schema_version,
)

Progress = Callable[[str, float], None]
"""Told what is happening and how far (0..1)."""

Key = tuple[str, str, str]
"""(entity, entity_id, interview_id or '') of a record."""

ANSWER_FIELDS = ("value", "status", "remark", "quote", "polarity")
MERGE_CACHE_KIB = -131072
"""PRAGMA cache_size during a merge (negative: KiB), 128 MB; peak memory stays far below 500 MB."""


class MergeError(Exception):
    """A bundle refused; the message is Dutch and says the database was not changed."""


@dataclass
class MergeReport:
    path: Path
    label: str
    new_per_replica: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    conflicts: int = 0
    """Fields in conflict after this merge that were not before."""
    purged: int = 0
    """Entries that arrived for a purged study and were kept as stubs only."""

    @property
    def new(self) -> int:
        return sum(self.new_per_replica.values())

    def summary(self, labels: dict[str, str] | None = None) -> str:
        """The same facts as `lines`, in one line (for a dialog with little room)."""
        labels = labels or {}
        parts = [f"{self.new} nieuw" + (" (" + ", ".join(
            f"{labels.get(r) or r[:8]}: {n}" for r, n in sorted(self.new_per_replica.items())) + ")"
            if self.new else ""), f"{self.duplicates} al hier"]
        if self.purged:
            parts.append(f"{self.purged} verwijderd of niet overgenomen (bewaartermijn)")
        parts.append(f"{self.conflicts} nieuwe conflicten")
        return f"{self.path.name}: " + ", ".join(parts)

    def lines(self, labels: dict[str, str] | None = None) -> list[str]:
        labels = labels or {}
        out = [f"{self.path.name} (van {self.label or 'onbekend'}):"]
        if not self.new:
            out.append("  niets nieuws: alle regels waren hier al (dubbel ingelezen verandert niets)")
        for replica, count in sorted(self.new_per_replica.items()):
            out.append(f"  {count} nieuwe regels van {labels.get(replica) or replica[:8]}")
        out.append(f"  {self.duplicates} regels overgeslagen (waren hier al)")
        if self.purged:
            out.append(f"  {self.purged} regels van een onderzoek voorbij zijn bewaartermijn verwijderd of niet overgenomen")
        out.append(f"  {self.conflicts} nieuwe conflicten" + (" (zie Beoordelen)" if self.conflicts else ""))
        return out


def merge_bundle(store: Store, path: Path, *, passphrase: str | None = None,
                 progress: Progress | None = None) -> MergeReport:
    """Read one bundle into `store`: all or nothing (an encrypted database needs its passphrase).

    Raises:
        MergeError: the bundle is refused; the database has not been changed.
    """
    path = Path(path)
    tell = progress or (lambda _what, _fraction: None)
    encrypted = _check_file(store, path, passphrase)
    conn = store.conn
    cache = conn.execute("PRAGMA main.cache_size").fetchone()[0]
    # A merge touches the journal's indexes all over (ids are random): with SQLite's default
    # 2 MB page cache, a national-scale merge spent most of its time re-reading index pages.
    conn.execute(f"PRAGMA main.cache_size = {MERGE_CACHE_KIB}")
    try:
        # A plain bundle in an encrypted database is attached with an empty key (plaintext).
        bundles.attach(conn, path, "b", (passphrase or "") if encrypted else ("" if bundles.is_encrypted(store) else None))
    except _error_types("Error") as exc:
        if encrypted:
            raise MergeError(f"{path}: de wachtzin past niet op deze bundel, of hij is beschadigd; "
                             "er is niets veranderd") from None
        raise MergeError(f"{path}: is geen leesbare bundel ({exc}); er is niets veranderd") from None
    try:
        tell("controleren", 0.0)
        manifest = _checked_manifest(conn, path)
        report = MergeReport(path=path, label=manifest.label)
        _check_content(store, path, manifest)
        tell("controleren", 0.3)
        new_ids = _new_entry_ids(conn)
        report.duplicates = manifest.entries - len(new_ids)
        _check_new_entries(conn, path, new_ids)
        tell("samenvoegen", 0.5)
        before = _conflict_count(conn)
        if new_ids or _has_new_rows(conn) or _has_new_stubs(conn):
            with store.transaction():
                _apply(store, new_ids, report, tell)
        report.conflicts = max(0, _conflict_count(conn) - before)
        tell("klaar", 1.0)
        return report
    except _error_types("DatabaseError") as exc:
        raise MergeError(f"{path}: bundel is beschadigd of afgekapt ({exc}); er is niets veranderd") from None
    except StoreError as exc:
        raise MergeError(f"{path}: {exc}; er is niets veranderd") from None
    finally:
        if conn.in_transaction:
            conn.rollback()  # only ever the temporary table here: the merge itself has ended
        with contextlib.suppress(*_error_types("Error")):
            conn.execute("DETACH DATABASE b")
        conn.execute(f"PRAGMA main.cache_size = {int(cache)}")


def merge_bundles(store: Store, paths: Iterable[Path], *, passphrase: str | None = None,
                  progress: Progress | None = None) -> list[MergeReport]:
    """Merge several bundles, each all-or-nothing; stops at the first refused one (MergeError)."""
    return [merge_bundle(store, p, passphrase=passphrase, progress=progress) for p in paths]


# --------------------------------------------------------------------------- checks


def _check_file(store: Store, path: Path, passphrase: str | None) -> bool:
    """Whether the bundle is encrypted; refuses what cannot be a bundle we can read."""
    if not path.is_file():
        raise MergeError(f"{path}: bestand niet gevonden of geen bestand; er is niets veranderd")
    if path.stat().st_size == 0:
        raise MergeError(f"{path}: bundel is leeg (afgekapt?); er is niets veranderd")
    encrypted = crypto.looks_encrypted(path)
    if encrypted and not bundles.is_encrypted(store):
        raise MergeError(f"{path}: bundel is versleuteld (of geen bundel); voeg hem samen in een versleutelde "
                         "database met dezelfde wachtzin (--versleuteld). Er is niets veranderd")
    if encrypted and not passphrase:
        raise MergeError(f"{path}: bundel is versleuteld: geef de wachtzin. Er is niets veranderd")
    return encrypted


def _checked_manifest(conn: Any, path: Path) -> bundles.Manifest:
    unreadable: tuple[type[Exception], ...] = (TypeError, ValueError, *_error_types("DatabaseError"))
    try:
        rows = conn.execute("SELECT key, value FROM b.manifest").fetchall()
        manifest = bundles.Manifest.from_rows(rows)
    except unreadable:
        raise MergeError(f"{path}: is geen interviewer-bundel, of de wachtzin past niet; "
                         "er is niets veranderd") from None
    if manifest.format != bundles.FORMAT:
        raise MergeError(f"{path}: onbekend bundelformaat '{manifest.format}'; er is niets veranderd")
    newer = set(manifest.migrations) - known_migrations()
    if newer or manifest.schema_version > schema_version():
        raise MergeError(f"{path}: bundel komt van een nieuwere versie van interviewer (schema "
                         f"{manifest.schema_version}, hier {schema_version()}); werk interviewer bij. "
                         "Er is niets veranderd")
    return manifest


def _check_content(store: Store, path: Path, manifest: bundles.Manifest) -> None:
    conn = store.conn
    entries = conn.execute("SELECT count(*) FROM b.entry").fetchone()[0]
    stubs = conn.execute("SELECT count(*) FROM b.stub").fetchone()[0]
    if (entries, stubs) != (manifest.entries, manifest.stubs):
        raise MergeError(f"{path}: bundel is onvolledig ({entries} van {manifest.entries} regels); "
                         "er is niets veranderd")
    if bundles.content_digest(conn, "b") != manifest.sha256:
        raise MergeError(f"{path}: inhoud klopt niet met de controlesom (sha256): beschadigd of gewijzigd; "
                         "er is niets veranderd")
    tail = conn.execute("SELECT rseq, hash FROM (SELECT rseq, hash FROM b.entry WHERE replica = ?1 UNION ALL "
                        "SELECT rseq, hash FROM b.stub WHERE replica = ?1) ORDER BY rseq DESC LIMIT 1",
                        [manifest.replica]).fetchone()
    if manifest.rseq_to and (tail is None or (tail[0], tail[1]) != (manifest.rseq_to, manifest.head)):
        raise MergeError(f"{path}: het einde van de keten klopt niet met het manifest (regels weggehaald?); "
                         "er is niets veranderd")
    gaps = conn.execute(
        "SELECT replica FROM (SELECT replica, rseq FROM b.entry UNION ALL SELECT replica, rseq FROM b.stub) "
        "GROUP BY replica HAVING min(rseq) != 1 OR max(rseq) != count(*)").fetchall()
    if gaps:
        raise MergeError(f"{path}: de regels van {len(gaps)} laptop(s) zijn niet compleet (gat in de nummering); "
                         "er is niets veranderd")
    clashes = conn.execute(
        "SELECT count(*) FROM b.entry e JOIN main.journal j ON j.replica = e.replica AND j.rseq = e.rseq "
        "WHERE j.id != e.id OR j.hash != e.hash").fetchone()[0]
    clashes += conn.execute(
        "SELECT count(*) FROM b.entry e JOIN main.journal_purged p ON p.replica = e.replica AND p.rseq = e.rseq "
        "WHERE p.id != e.id OR p.hash != e.hash").fetchone()[0]
    if clashes:
        raise MergeError(f"{path}: {clashes} regels spreken regels in deze database tegen (zelfde nummer, "
                         "andere inhoud): gewijzigd, of gemaakt op een gekopieerde database. "
                         "Er is niets veranderd")


def _new_entry_ids(conn: Any) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT e.id FROM b.entry e WHERE NOT EXISTS (SELECT 1 FROM main.journal j WHERE j.id = e.id) "
        "AND NOT EXISTS (SELECT 1 FROM main.journal_purged p WHERE p.id = e.id) ORDER BY e.replica, e.rseq")]


def _check_new_entries(conn: Any, path: Path, new_ids: list[str]) -> None:
    """Every new entry's hash is its content's, and it chains to its predecessor in the bundle."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS merge_new (id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp.merge_new")  # never a previous merge's ids
    conn.executemany("INSERT INTO temp.merge_new VALUES (?)", ((i,) for i in new_ids))
    # sqlite3 opened a transaction for the temporary table; end it, or the merge's own
    # transaction would take itself for a nested one and never commit.
    conn.commit()
    bad = _count_bad_hashes(conn)
    broken = conn.execute(
        "SELECT count(*) FROM b.entry e LEFT JOIN (SELECT replica, rseq, hash FROM b.entry UNION ALL "
        "SELECT replica, rseq, hash FROM b.stub) p ON p.replica = e.replica AND p.rseq = e.rseq - 1 "
        "WHERE e.id IN (SELECT id FROM temp.merge_new) "
        "AND e.prev_hash IS NOT (CASE WHEN e.rseq = 1 THEN ? ELSE p.hash END)", [GENESIS]).fetchone()[0]
    if bad or broken:
        raise MergeError(f"{path}: {bad + broken} regels zijn gewijzigd of sluiten niet aan (hashketen); "
                         "er is niets veranderd")


HASH_CHUNK = 5000
"""New entries fetched and checked per round: bulk reads, a bounded amount in memory."""


def _count_bad_hashes(conn: Any) -> int:
    """How many new entries do not carry their content's hash (journal.entry_hash, in a tight loop).

    The columns are fetched in the order the hash covers them, so each row's payload is the
    JSON of the row itself: no dict per entry. Version-1 entries (written before identity)
    are checked through entry_hash itself.
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode  # what json.dumps(..., ensure_ascii=False) builds per call
    sha256 = hashlib.sha256
    bad = 0
    cursor = conn.execute(f"SELECT {', '.join(HASHED)}, hash FROM b.entry "
                          "WHERE id IN (SELECT id FROM temp.merge_new)")
    while rows := cursor.fetchmany(HASH_CHUNK):
        for row in rows:
            if row[0] == 2:
                ok = sha256(encode(row[:-1]).encode()).hexdigest() == row[-1]
            else:
                ok = entry_hash(dict(zip(HASHED, row, strict=False))) == row[-1]
            bad += not ok
    return bad


def _has_new_rows(conn: Any) -> bool:
    for table in bundles.carried_tables(conn, "main"):
        if conn.execute(f"SELECT 1 FROM b.record r WHERE r.tbl = ? AND NOT EXISTS "
                        f"(SELECT 1 FROM main.{table} t WHERE t.{bundles.key_of(table)} = r.id) LIMIT 1",
                        [table]).fetchone():
            return True
    return False


def _has_new_stubs(conn: Any) -> bool:
    return bool(conn.execute("SELECT 1 FROM b.stub s WHERE NOT EXISTS (SELECT 1 FROM main.journal_purged p "
                             "WHERE p.id = s.id) LIMIT 1").fetchone())


def _conflict_count(conn: Any) -> int:
    return int(conn.execute("SELECT count(*) FROM main.journal_conflict").fetchone()[0])


# --------------------------------------------------------------------------- applying


def _apply(store: Store, new_ids: list[str], report: MergeReport, tell: Progress) -> None:
    conn = store.conn
    conn.execute("PRAGMA defer_foreign_keys = ON")
    conn.execute("INSERT OR IGNORE INTO main.author (id, name, replica) SELECT id, name, replica FROM b.author")
    conn.execute("INSERT OR IGNORE INTO main.journal_base (id, vector) SELECT id, vector FROM b.base")
    conn.execute("INSERT OR IGNORE INTO main.replica (id, label) SELECT id, label FROM b.replica")
    touched = _insert_rows(conn)
    if new_ids:
        columns = ", ".join(bundles.ENTRY_COLUMNS)
        conn.execute(f"INSERT INTO main.journal (seq, {columns}) SELECT ? + row_number() OVER "
                     f"(ORDER BY replica, rseq), {columns} FROM b.entry WHERE id IN (SELECT id FROM temp.merge_new)",
                     [local_tail(conn)])
        for replica, count in conn.execute("SELECT replica, count(*) FROM b.entry WHERE id IN "
                                           "(SELECT id FROM temp.merge_new) GROUP BY replica"):
            report.new_per_replica[str(replica)] = int(count)
    offset = local_tail(conn)
    stubs = ", ".join(bundles.STUB_COLUMNS)
    conn.execute(f"INSERT INTO main.journal_purged (seq, {stubs}, purged_at) "
                 f"SELECT ? + row_number() OVER (ORDER BY replica, rseq), {stubs}, ? FROM b.stub s "
                 "WHERE NOT EXISTS (SELECT 1 FROM main.journal_purged p WHERE p.id = s.id) "
                 "AND NOT EXISTS (SELECT 1 FROM main.journal j WHERE j.id = s.id)", [offset, now()])
    # An entry we hold in full that the sender holds as a stub: the sender's purge covers it.
    tell("samenvoegen", 0.6)
    keys = _keys_of(conn, new_ids) | touched
    report.purged = _apply_purges(store, keys)
    tell("samenvoegen", 0.7)
    refold(store, keys)
    _update_replicas(conn, list(report.new_per_replica))
    tell("samenvoegen", 0.95)


def _insert_rows(conn: Any) -> set[Key]:
    """Rows the bundle has and this database lacks (by id); their keys, to be re-derived."""
    touched: set[Key] = set()
    for table in bundles.carried_tables(conn, "main"):
        local = set(bundles.table_columns(conn, "main", table))
        rows = conn.execute("SELECT id, data FROM b.record r WHERE r.tbl = ? AND NOT EXISTS "
                            f"(SELECT 1 FROM main.{table} t WHERE t.{bundles.key_of(table)} = r.id)",
                            [table]).fetchall()
        for record_id, data in rows:
            # A bundle from an older schema lacks newer columns: they take their defaults.
            values = {k: v for k, v in json.loads(data).items() if k in local}
            # OR IGNORE: a row another laptop made under another id for the same natural key
            # (before ids were derived from it) must not stop the merge; its entries still count.
            conn.execute(f"INSERT OR IGNORE INTO main.{table} ({', '.join(values)}) "
                         f"VALUES ({', '.join('?' * len(values))})", list(values.values()))
            touched.add((table, str(record_id), str(record_id) if table == "interview" else ""))
    _fill_questionset_hashes(conn)
    return touched


def _fill_questionset_hashes(conn: Any) -> None:
    """An interview merged before it was pinned to its vragenlijst version gets the version now.

    The pin is written once and not journaled (like the cursor); only the empty value is filled.
    """
    columns = set(bundles.table_columns(conn, "main", "interview"))
    if "questionset_hash" not in columns:
        return
    conn.execute(
        "UPDATE main.interview SET questionset_hash = (SELECT json_extract(r.data, '$.questionset_hash') "
        "FROM b.record r WHERE r.tbl = 'interview' AND r.id = interview.id) WHERE questionset_hash IS NULL "
        "AND EXISTS (SELECT 1 FROM b.record r WHERE r.tbl = 'interview' AND r.id = interview.id "
        "AND json_extract(r.data, '$.questionset_hash') IS NOT NULL)")


def _keys_of(conn: Any, new_ids: list[str]) -> set[Key]:
    if not new_ids:
        return set()
    rows = conn.execute(
        "SELECT DISTINCT entity, entity_id, ifnull(CASE WHEN entity IN ('answer', 'aspect_polarity', 'interview') "
        "THEN interview_id END, '') FROM main.journal WHERE id IN (SELECT id FROM temp.merge_new)")
    # Rows are already (text, text, text) keys; anything else is made text as before.
    return {r if type(r[0]) is type(r[1]) is type(r[2]) is str else (str(r[0]), str(r[1]), str(r[2]))
            for r in rows}


def _update_replicas(conn: Any, heard: list[str]) -> None:
    # Both through the (replica, rseq) indexes: max(at) over a replica's entries read every
    # one of them, which made each merge slower as the database grew.
    conn.execute(
        "UPDATE main.replica SET last_rseq = (SELECT ifnull(max(r), 0) FROM (SELECT max(rseq) AS r FROM main.journal j "
        "WHERE j.replica = replica.id UNION ALL SELECT max(rseq) FROM main.journal_purged p "
        "WHERE p.replica = replica.id)), last_at = (SELECT at FROM main.journal j WHERE j.replica = replica.id "
        "ORDER BY rseq DESC LIMIT 1) WHERE self = 0")
    stamp = now()
    conn.executemany("UPDATE main.replica SET heard_at = ? WHERE id = ? AND self = 0", [(stamp, r) for r in heard])


# --------------------------------------------------------------------------- purges


def _apply_purges(store: Store, keys: set[Key]) -> int:
    """Purge, as its own laptop did, what every purge entry covers; returns entries stubbed."""
    conn = store.conn
    removed = 0
    for _entry, study_id, replica, rseq in conn.execute(
            "SELECT id, entity_id, replica, rseq FROM main.journal WHERE entity = 'study' AND action = ?",
            [PURGE_ACTION]).fetchall():
        inner = "SELECT id FROM main.interview WHERE study_id = ?"
        path = f'$."{replica}"'
        # Entries written after their author knew of the purge survive (new work), here as there.
        not_seen = (f"interview_id IN ({inner}) AND id NOT IN (SELECT j.id FROM main.journal j "
                    "LEFT JOIN main.journal_base jb ON jb.id = j.base WHERE (j.replica = ? AND j.rseq > ?) "
                    "OR ifnull(json_extract(jb.vector, ?), 0) >= ?)")
        params = [study_id, replica, rseq, path, rseq]
        if not conn.execute(f"SELECT 1 FROM main.journal WHERE {not_seen} LIMIT 1", params).fetchone():
            continue
        removed += store.journal.purge(not_seen, params)
        conn.execute(f"DELETE FROM main.answer WHERE interview_id IN ({inner})", [study_id])
        with contextlib.suppress(*_error_types("OperationalError")):
            conn.execute(f"DELETE FROM main.answer_aspect_polarity WHERE interview_id IN ({inner})", [study_id])
        conn.execute("UPDATE main.interview SET respondent_code = NULL, cursor = NULL WHERE study_id = ? AND id NOT IN "
                     "(SELECT entity_id FROM main.journal WHERE entity = 'interview')", [study_id])
        conn.execute("UPDATE main.study SET purged_at = ifnull(purged_at, ?) WHERE id = ?", [now(), study_id])
        # What survived the purge is re-derived below.
        keys.update((str(r[0]), str(r[1]), str(r[2] or "")) for r in conn.execute(
            f"SELECT DISTINCT entity, entity_id, interview_id FROM main.journal WHERE interview_id IN ({inner}) "
            "AND entity IN ('answer', 'aspect_polarity')", [study_id]))
    return removed


# --------------------------------------------------------------------------- re-deriving records


def refold(store: Store, keys: set[Key]) -> None:
    """Re-derive every record in `keys` from all of its entries, and its conflicts."""
    conn = store.conn
    bases = {str(r[0]): json.loads(r[1]) for r in conn.execute("SELECT id, vector FROM main.journal_base")}
    by_interview: dict[str, list[Key]] = defaultdict(list)
    others: list[Key] = []
    for key in keys:
        if key[0] in ("answer", "aspect_polarity"):
            by_interview[key[2]].append(key)
        else:
            others.append(key)
    columns = _columns_cache(conn)
    routed = {key[2] for key in keys if key[0] in ("answer", "interview")}
    open_conflicts = {(str(r[0]), str(r[1]), str(r[2])) for r in conn.execute(
        "SELECT DISTINCT entity, entity_id, interview_id FROM main.journal_conflict")}
    ordered = sorted(others)
    for start in range(0, len(ordered), 200):
        chunk_keys = ordered[start:start + 200]
        entries = {}
        for entity in sorted({key[0] for key in chunk_keys}):
            ids = sorted({key[1] for key in chunk_keys if key[0] == entity})
            entries.update(_entries(conn, f"entity = ? AND entity_id IN ({', '.join('?' * len(ids))})",
                                    [entity, *ids], bases))
        for key in chunk_keys:
            _materialise(conn, key, entries.get(key, []), columns, open_conflicts)
    interviews = sorted(by_interview)
    for start in range(0, len(interviews), 200):
        chunk = interviews[start:start + 200]
        marks = ", ".join("?" * len(chunk))
        # `+entity`: without statistics SQLite would pick the (entity, entity_id) index and read
        # every answer entry in the database for each chunk; by interview it reads only these.
        rows = _journal_rows(conn, f"+entity IN ('answer', 'aspect_polarity') AND interview_id IN ({marks})", chunk)
        answers = []
        for interview in chunk:
            for key in by_interview[interview]:
                found = rows.get(key, [])
                state = _fold_rows(found, bases)
                _store_conflicts(conn, key, state.conflicts, open_conflicts)
                if key[0] == "answer":
                    answers.append((key, state, min((str(r[3] or "") for r in found), default=None)))
                else:
                    _materialise_polarities(conn, key, state)
        _materialise_answers(conn, answers)
    _apply_routes(conn, routed, bases)


def _apply_routes(conn: Any, interviews: set[str], bases: dict[str, dict[str, int]]) -> None:
    """Flag answers off the route as the interview's entries say (scoring leaves them out)."""
    for start in range(0, len(interviews), 200):
        chunk = sorted(interviews)[start:start + 200]
        marks = ", ".join("?" * len(chunk))
        entries = _entries(conn, f"entity = 'interview' AND action = 'route' AND entity_id IN ({marks})",
                           chunk, bases)
        for key, found in entries.items():
            route = fold(found).values.get("off_route")
            if isinstance(route, list):
                conn.execute("UPDATE main.answer SET off_route = (question_id IN (SELECT value FROM json_each(?))) "
                             "WHERE interview_id = ?", [json.dumps(route), key[1]])


JournalRow = tuple[Any, ...]
"""(id, replica, rseq, at, field, new, base, action) of a journal entry, as stored."""


def _journal_rows(conn: Any, where: str, params: list[Any]) -> dict[Key, list[JournalRow]]:
    # Tuples, not a dict per row; `old` is not read: folding needs only what entries set.
    cursor = conn.execute(f"SELECT id, replica, rseq, at, field, new, base, action, entity, entity_id, "
                          f"interview_id FROM main.journal WHERE {where}", params)
    grouped: dict[Key, list[JournalRow]] = defaultdict(list)
    for row in cursor:
        entity = str(row[8])
        grouped[(entity, str(row[9]), str(row[10] or "") if entity in SCOPED else "")].append(row[:8])
    return grouped


def _entries(conn: Any, where: str, params: list[Any], bases: dict[str, dict[str, int]]) -> dict[Key, list[Entry]]:
    return {key: [_entry(row, bases) for row in rows] for key, rows in _journal_rows(conn, where, params).items()}


def _entry(row: JournalRow, bases: dict[str, dict[str, int]]) -> Entry:
    row_id, replica, rseq, at, fields, new, base, action = row
    return Entry(id=str(row_id), replica=str(replica), rseq=int(rseq), at=str(at or ""), fields=_fields(fields),
                 old=None, new=load_value(new), base=bases.get(str(base), {}) if base else {},
                 action=str(action or ""))


def _fields(text: str | None) -> tuple[str, ...]:
    return tuple(str(text).split(",")) if text else ()


def _fold_rows(rows: list[JournalRow], bases: dict[str, dict[str, int]]) -> Fold:
    """fold() of these entries; from the rows themselves when one laptop wrote them all (most answers)."""
    if len(rows) == 1:
        return fold_in_order(((_fields(rows[0][4]), load_value(rows[0][5])),))
    if len({row[1] for row in rows}) <= 1:
        # What fold() does for one replica, without an Entry per row.
        return fold_in_order((_fields(row[4]), load_value(row[5])) for row in sorted(rows, key=lambda r: int(r[2])))
    return fold([_entry(row, bases) for row in rows])


def _columns_cache(conn: Any) -> dict[str, set[str]]:
    tables = {r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")}
    return {t: set(bundles.table_columns(conn, "main", t)) for t in tables}


def _materialise(conn: Any, key: Key, entries: list[Entry], columns: dict[str, set[str]],
                 open_conflicts: set[Key]) -> None:
    entity, record_id, _ = key
    state = fold(entries)
    table_columns = columns.get(entity)
    if table_columns is None or "id" not in table_columns:
        return  # not a table row (or a table we do not know): the journal keeps it
    content = {k: v for k, v in state.values.items()
               if k in table_columns and k != "id" and k not in BOOKKEEPING and v is not DELETED}
    _store_conflicts(conn, key, {k: v for k, v in state.conflicts.items() if k in table_columns or k == EXISTS},
                     open_conflicts)
    present = conn.execute(f"SELECT 1 FROM main.{entity} WHERE id = ?", [record_id]).fetchone()
    stamp = {"updated_at": now()} if "updated_at" in table_columns else {}
    if state.exists is False:
        if present:
            conn.execute(f"DELETE FROM main.{entity} WHERE id = ?", [record_id])
    elif present and content:
        changes = {**content, **stamp}
        conn.execute(f"UPDATE main.{entity} SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?",
                     [*changes.values(), record_id])
    elif not present and state.exists:
        row = {"id": record_id, **content, **stamp}
        conn.execute(f"INSERT INTO main.{entity} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                     list(row.values()))


def _materialise_answers(conn: Any, answers: list[tuple[Key, Fold, str | None]]) -> None:
    """Write each folded answer (created: its first entry's time; None: no entries left, purged)."""
    stamp = now()
    upserts, deletes = [], []
    for key, state, first_at in answers:
        _, question_id, interview_id = key
        if state.exists is False or first_at is None:
            deletes.append((interview_id, question_id))  # deleted, or purged: nothing left
            continue
        found = state.values
        value, status, remark, quote, polarity = (
            None if (v := found.get(k)) is DELETED else v for k in ANSWER_FIELDS)
        created = first_at
        upserts.append((_row_id(), interview_id, question_id,
                        None if value is None else _ANSWER_JSON(value), status or "overgeslagen", remark,
                        int(bool(quote)), polarity, created, stamp))
    conn.executemany("DELETE FROM main.answer WHERE interview_id = ? AND question_id = ?", deletes)
    conn.executemany(
        "INSERT INTO main.answer (id, interview_id, question_id, value, status, remark, quote, polarity, off_route, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (interview_id, question_id) "
        "DO UPDATE SET value = excluded.value, status = excluded.status, remark = excluded.remark, "
        "quote = excluded.quote, polarity = excluded.polarity, updated_at = excluded.updated_at", upserts)


_ANSWER_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
"""json.dumps(value, ensure_ascii=False, sort_keys=True), without building an encoder per answer."""


def _row_id() -> str:
    # A local row id only (answers are known by interview and question): uuid4's cost showed.
    return os.urandom(16).hex()


def _materialise_polarities(conn: Any, key: Key, state: Any) -> None:
    _, question_id, interview_id = key
    with contextlib.suppress(*_error_types("OperationalError")):
        conn.execute("DELETE FROM main.answer_aspect_polarity WHERE interview_id = ? AND question_id = ?",
                     [interview_id, question_id])
        if state.exists is False:
            return
        for aspect, polarity in sorted(state.values.items()):
            if polarity is not None and polarity is not DELETED:
                conn.execute("INSERT INTO main.answer_aspect_polarity VALUES (?, ?, ?, ?, ?)",
                             [interview_id, question_id, aspect, polarity, now()])


def _store_conflicts(conn: Any, key: Key, conflicts: dict[str, list[Entry]], open_conflicts: set[Key]) -> None:
    if not conflicts and key not in open_conflicts:
        return  # the common case: nothing was and nothing is in conflict
    entity, record_id, interview_id = key
    conn.execute("DELETE FROM main.journal_conflict WHERE entity = ? AND entity_id = ? AND interview_id = ?",
                 [entity, record_id, interview_id])
    conn.executemany(
        "INSERT INTO main.journal_conflict (entity, entity_id, interview_id, field, heads) VALUES (?, ?, ?, ?, ?)",
        [(entity, record_id, interview_id, name, json.dumps([e.id for e in heads]))
         for name, heads in sorted(conflicts.items())])
