"""Verify a database: SQLite's own checks, the journal's hash chain, and journal vs answers.

The journal is the audit trail (PR-10): every answer change appends an event carrying the
hash of the previous one. Editing or deleting an event breaks the chain; deleting the newest
events does not, but then the answers no longer agree with the journal's last word on them,
which is checked too. All messages are Dutch, one problem per line.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from interviewer.core.store import Store, StoreError, load_stored_value, row_to_answer

PROTECTING_TRIGGERS = ("journal_no_update", "journal_no_delete")
MAX_REPORTED = 50
"""A badly damaged file can produce thousands of lines; the first ones say enough."""


def check_database(store: Store) -> list[str]:
    """Every problem found, in Dutch; empty when the database is intact."""
    problems = _sqlite_checks(store)
    if problems:
        # A corrupt file gives unreliable answers to the higher-level checks.
        return problems[:MAX_REPORTED]
    problems += _trigger_checks(store)
    problems += store.verify_journal()
    problems += _journal_rows_readable(store)
    problems += _answers_agree_with_journal(store)
    problems += _questionset_versions_intact(store)
    return problems[:MAX_REPORTED]


def _sqlite_checks(store: Store) -> list[str]:
    rows = store.db.execute("PRAGMA integrity_check").fetchall()
    problems = [f"integriteit: {row[0]}" for row in rows if row[0] != "ok"]
    for table, rowid, parent, _ in store.db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"verwijzing: rij {rowid} in '{table}' verwijst naar een ontbrekende rij in '{parent}'")
    return problems


def _trigger_checks(store: Store) -> list[str]:
    present = {row[0] for row in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    return [
        f"journaal: beveiliging '{name}' ontbreekt; het journaal kan ongemerkt gewijzigd zijn"
        for name in PROTECTING_TRIGGERS if name not in present
    ]


def _questionset_versions_intact(store: Store) -> list[str]:
    """Every kept vragenlijst version still matches its hash, and every interview's version is kept."""
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "questionset_content" not in tables:
        return []
    problems = [
        f"vragenlijstversie {str(digest)[:12]} ({qs_id}) is gewijzigd: de inhoud past niet bij de hash"
        for digest, qs_id, text in store.db.execute("SELECT hash, questionset_id, content FROM questionset_content")
        if hashlib.sha256(str(text).encode()).hexdigest() != digest
    ]
    for interview_id, digest in store.db.execute(
            "SELECT id, questionset_hash FROM interview WHERE questionset_hash IS NOT NULL AND "
            "questionset_hash NOT IN (SELECT hash FROM questionset_content)"):
        problems.append(f"interview {str(interview_id)[:8]}: vragenlijstversie {str(digest)[:12]} ontbreekt")
    return problems


def _journal_rows_readable(store: Store) -> list[str]:
    """Journal rows whose old or new value is not valid JSON (a hand-edited or damaged file)."""
    problems = []
    for seq, old, new in store.db.execute("SELECT seq, old, new FROM journal ORDER BY seq"):
        for name, raw in (("oude", old), ("nieuwe", new)):
            try:
                load_stored_value(raw, "")
            except StoreError:
                problems.append(f"journaal: schakel {seq}: de {name} waarde is onleesbaar (geen geldige JSON)")
    return problems


def last_journal_states(store: Store, problems: list[str] | None = None,
                        unreadable: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], Any]:
    """The newest journaled state of every answer, keyed by (interview, question).

    A row whose value is not valid JSON is named in `problems` (when given), its key added
    to `unreadable`, and skipped.
    """
    states: dict[tuple[str, str], Any] = {}
    replicas: dict[tuple[str, str], set[str]] = {}
    for seq, interview_id, question_id, new, replica in store.db.execute(
        "SELECT seq, interview_id, question_id, new, replica FROM journal WHERE entity = 'answer' ORDER BY seq"
    ):
        try:
            states[(interview_id, question_id)] = load_stored_value(new, f"journaal: schakel {seq}")
        except StoreError as exc:
            if problems is not None:
                problems.append(str(exc))
            if unreadable is not None:
                unreadable.add((interview_id, question_id))
        replicas.setdefault((interview_id, question_id), set()).add(replica)
    # Answers edited on several laptops: their state is what all entries give (merge.fold),
    # not the entry that happened to be merged in last.
    for key in [k for k, seen in replicas.items() if len(seen) > 1 and k in states]:
        states[key] = _folded_answer(store, *key)
    return states


def _folded_answer(store: Store, interview_id: str, question_id: str) -> dict[str, Any]:
    from interviewer.core.exchange.fold import DELETED, entry_from_row, fold

    bases = {str(r[0]): json.loads(r[1]) for r in store.conn.execute("SELECT id, vector FROM journal_base")}
    rows = store._rows("SELECT * FROM journal WHERE entity = 'answer' AND interview_id = ? AND entity_id = ?",
                       [interview_id, question_id])
    values = fold(entry_from_row(row, bases) for row in rows).values
    return {k: (None if values.get(k) is DELETED else values.get(k))
            for k in ("value", "status", "remark", "quote", "polarity")}


def answer_states(store: Store, problems: list[str] | None = None,
                  unreadable: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], Any]:
    """The stored state of every answer, in the shape the journal records it.

    A row that cannot be read (malformed JSON, unknown status) is named in `problems` and skipped.
    """
    states: dict[tuple[str, str], Any] = {}
    cursor = store.db.execute("SELECT rowid AS row_number, * FROM answer")
    columns = [c[0] for c in cursor.description]
    for row in cursor.fetchall():
        record = dict(zip(columns, row, strict=True))
        try:
            answer = row_to_answer(record)
        except (StoreError, ValueError) as exc:
            if problems is not None:
                problems.append(f"antwoorden: rij {record['row_number']} in 'answer': {exc}")
            if unreadable is not None:
                unreadable.add((record["interview_id"], record["question_id"]))
            continue
        states[(record["interview_id"], record["question_id"])] = {
            "value": answer.value, "status": str(answer.status), "remark": answer.remark,
            "quote": answer.quote, "polarity": answer.polarity,
        }
    return states


def _answers_agree_with_journal(store: Store) -> list[str]:
    problems: list[str] = []
    unreadable: set[tuple[str, str]] = set()
    journaled = last_journal_states(store, None, unreadable)  # reported by _journal_rows_readable
    stored = answer_states(store, problems, unreadable)
    for key in sorted((set(journaled) | set(stored)) - unreadable):
        interview_id, question_id = key
        where = f"interview {interview_id[:8]}, vraag '{question_id}'"
        if key not in stored:
            problems.append(f"antwoorden: {where} staat in het journaal maar het antwoord ontbreekt")
        elif key not in journaled:
            problems.append(f"antwoorden: {where} heeft een antwoord zonder journaalregel")
        elif journaled[key] != stored[key]:
            problems.append(f"antwoorden: {where} wijkt af van de laatste journaalregel")
    return problems


# --------------------------------------------------------------------------- anchors


@dataclass(frozen=True)
class Anchor:
    """Where one replica's hash chain ended when it was written down.

    The chain alone cannot show that its newest entries were cut off and the rest left
    intact. Written down elsewhere (printed by `check --db`, stored in every export), an
    anchor makes that visible later: the entry it names must still be there, with this hash.
    """

    replica: str
    rseq: int
    hash: str
    count: int = 0
    """Entries of the replica at the time, purged stubs included (informative)."""

    def text(self) -> str:
        return f"{self.replica}/{self.rseq}/{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Anchor:
        """An anchor as `text()` wrote it; ValueError with a Dutch message otherwise."""
        parts = text.strip().split("/")
        if len(parts) != 3 or not parts[1].isdigit() or len(parts[2]) != 64:
            raise ValueError(f"'{text}' is geen journaalanker (verwacht: replica/volgnummer/hash, "
                             "zoals 'check --db' en de exports het tonen)")
        return cls(parts[0], int(parts[1]), parts[2].lower())


def journal_anchors(store: Store) -> list[Anchor]:
    """The current end of every replica's chain (one replica unless laptops were merged)."""
    rows = store.db.execute(
        "SELECT replica, rseq, hash, count(*) OVER (PARTITION BY replica), "
        "row_number() OVER (PARTITION BY replica ORDER BY rseq DESC) FROM "
        "(SELECT replica, rseq, hash FROM journal UNION ALL SELECT replica, rseq, hash FROM journal_purged)"
    ).fetchall()
    return sorted((Anchor(str(r[0]), int(r[1]), str(r[2]), int(r[3])) for r in rows if r[4] == 1),
                  key=lambda a: a.replica)


def check_anchor(store: Store, anchor: Anchor) -> list[str]:
    """Problems if the chain no longer reaches `anchor` with the same hash; empty when it does.

    Together with an intact chain (verify) this shows that every entry up to the anchor
    is unchanged since the anchor was written down.
    """
    row = store.db.execute(
        "SELECT hash FROM (SELECT replica, rseq, hash FROM journal UNION ALL "
        "SELECT replica, rseq, hash FROM journal_purged) WHERE replica = ? AND rseq = ?",
        [anchor.replica, anchor.rseq]).fetchone()
    where = f"journaal: anker {anchor.replica[:8]}/{anchor.rseq}"
    if row is None:
        return [f"{where}: die schakel ontbreekt; het journaal is ingekort sinds het anker is vastgelegd"]
    if row[0] != anchor.hash:
        return [f"{where}: de hash wijkt af; het journaal is tot daar herschreven"]
    return []


def anchor_note(store: Store) -> str:
    """The anchors in one line, as exports carry them (the same text `check --anker` takes)."""
    anchors = journal_anchors(store)
    if not anchors:
        return "journaalanker: geen (het journaal is leeg)"
    return "journaalanker: " + " ".join(a.text() for a in anchors)
