"""Verify a database: SQLite's own checks, the journal's hash chain, and journal vs answers.

The journal is the audit trail (PR-10): every answer change appends an event carrying the
hash of the previous one. Editing or deleting an event breaks the chain; deleting the newest
events does not, but then the answers no longer agree with the journal's last word on them,
which is checked too. All messages are Dutch, one problem per line.
"""

from __future__ import annotations

import json
from typing import Any

from interviewer.core.store import Store, row_to_answer

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
    problems += _answers_agree_with_journal(store)
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


def last_journal_states(store: Store) -> dict[tuple[str, str], Any]:
    """The newest journaled state of every answer, keyed by (interview, question)."""
    states: dict[tuple[str, str], Any] = {}
    for interview_id, question_id, new in store.db.execute(
        "SELECT interview_id, question_id, new FROM journal WHERE entity = 'answer' ORDER BY seq"
    ):
        states[(interview_id, question_id)] = json.loads(new) if new is not None else None
    return states


def answer_states(store: Store) -> dict[tuple[str, str], Any]:
    """The stored state of every answer, in the shape the journal records it."""
    states: dict[tuple[str, str], Any] = {}
    cursor = store.db.execute("SELECT * FROM answer")
    columns = [c[0] for c in cursor.description]
    for row in cursor.fetchall():
        record = dict(zip(columns, row, strict=True))
        answer = row_to_answer(record)
        states[(record["interview_id"], record["question_id"])] = {
            "value": answer.value, "status": str(answer.status), "remark": answer.remark,
            "quote": answer.quote, "polarity": answer.polarity,
        }
    return states


def _answers_agree_with_journal(store: Store) -> list[str]:
    journaled = last_journal_states(store)
    stored = answer_states(store)
    problems = []
    for key in sorted(set(journaled) | set(stored)):
        interview_id, question_id = key
        where = f"interview {interview_id[:8]}, vraag '{question_id}'"
        if key not in stored:
            problems.append(f"antwoorden: {where} staat in het journaal maar het antwoord ontbreekt")
        elif key not in journaled:
            problems.append(f"antwoorden: {where} heeft een antwoord zonder journaalregel")
        elif journaled[key] != stored[key]:
            problems.append(f"antwoorden: {where} wijkt af van de laatste journaalregel")
    return problems
