"""Full-text search over a study's answers, remarks and findings (SQLite FTS5).

The index is a derived TEMP table, rebuilt when search opens: it never needs a migration,
never goes stale on disk, and holds nothing that is not in the real tables already.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from interviewer.core.answers import AnswerStatus, display_value
from interviewer.core.catalog import Catalog
from interviewer.core.review import FINDING_KINDS
from interviewer.core.store import Store, row_to_answer

_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts USING fts5("
    "text, kind UNINDEXED, context UNINDEXED, gemeente UNINDEXED, interview_id UNINDEXED, "
    "question_id UNINDEXED, finding_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
)


@dataclass(frozen=True)
class Hit:
    kind: str
    """'antwoord', 'opmerking' or 'bevinding'."""
    snippet: str
    """The matching text with the hit between [ and ]."""
    context: str
    """Question and role (never a person), or the finding's kind and heading."""
    gemeente: str
    interview_id: str | None
    question_id: str | None
    finding_id: str | None


def rebuild(store: Store, catalog: Catalog, study_id: str) -> int:
    """(Re)build the index for one study; returns the number of indexed texts."""
    db = store.db
    db.execute(_CREATE)
    db.execute("DELETE FROM temp.search_fts")
    docs = list(_answer_docs(store, catalog, study_id)) + list(_finding_docs(store, study_id))
    db.conn.executemany(
        "INSERT INTO temp.search_fts (text, kind, context, gemeente, interview_id, question_id, finding_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", docs)
    return len(docs)


def _answer_docs(store: Store, catalog: Catalog, study_id: str) -> list[tuple[str | None, ...]]:
    rows = store.db.execute(
        "SELECT a.*, i.questionset_id, i.role, i.organisation, g.name AS gemeente_name "
        "FROM answer a JOIN interview i ON a.interview_id = i.id JOIN gemeente g ON i.gemeente_id = g.id "
        "WHERE i.study_id = ? AND a.off_route = 0 AND i.status != 'geweigerd'", [study_id])
    columns = [d[0] for d in rows.description]
    docs: list[tuple[str | None, ...]] = []
    for values in rows.fetchall():
        row = dict(zip(columns, values, strict=True))
        qs = catalog.questionsets.get(row["questionset_id"])
        question = qs.question(row["question_id"]) if qs else None
        role = qs.role_label if qs else row["role"]
        where = f"{role}, {row['organisation']}" if row["organisation"] else role
        context = f"{question.text if question else row['question_id']} — {where}"
        answer = row_to_answer(row)
        if answer.status is AnswerStatus.BEANTWOORD:
            text = display_value(question, answer) if question else json.dumps(answer.value, ensure_ascii=False)
            docs.append((text, "antwoord", context, row["gemeente_name"], row["interview_id"],
                         row["question_id"], None))
        if answer.remark:
            docs.append((answer.remark, "opmerking", context, row["gemeente_name"], row["interview_id"],
                         row["question_id"], None))
    return docs


def _finding_docs(store: Store, study_id: str) -> list[tuple[str | None, ...]]:
    rows = store.db.execute(
        "SELECT f.id, f.kind, f.heading, f.text, g.name FROM finding f JOIN gemeente g ON f.gemeente_id = g.id "
        "WHERE g.study_id = ?", [study_id]).fetchall()
    return [(f"{heading or ''}\n{text or ''}".strip(), "bevinding",
             f"{FINDING_KINDS.get(kind, kind)}: {heading or '(zonder kop)'}", gemeente, None, None, finding_id)
            for finding_id, kind, heading, text, gemeente in rows]


def fts_query(raw: str) -> str | None:
    """The user's words as an FTS5 query: every word must occur, as a prefix; no syntax errors."""
    words = re.findall(r"\w+", raw, flags=re.UNICODE)
    return " ".join(f'"{w}"*' for w in words) or None


def search(store: Store, raw: str, limit: int = 100) -> list[Hit]:
    """Search the index built by `rebuild`; best matches first."""
    query = fts_query(raw)
    if query is None:
        return []
    rows = store.db.execute(
        "SELECT kind, snippet(search_fts, 0, '[', ']', '…', 12), context, gemeente, interview_id, "
        "question_id, finding_id FROM temp.search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?",
        [query, limit]).fetchall()
    return [Hit(*row) for row in rows]
