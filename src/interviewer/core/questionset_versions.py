"""Every vragenlijst version an interview was taken with stays in the database.

A vragenlijst file can be edited between interviews: a question reworded, an option
dropped, a route changed. An interview must be resumed, scored and reported with the
version its respondent answered, not whatever the file says today. At first use (the
interview's start, or its first opening by this version of the app) the set's content is
stored by its hash in `questionset_content`, and the interview points at that hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from interviewer.core.models import QuestionSet
from interviewer.core.store import Store, StoreError, now

if TYPE_CHECKING:
    from interviewer.core.catalog import Catalog


def content(qs: QuestionSet) -> str:
    """The set as canonical JSON: equal content gives equal text, whatever the YAML layout."""
    return json.dumps(qs.model_dump(mode="json", by_alias=True), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))


def content_hash(qs: QuestionSet) -> str:
    return _hash(content(qs))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Pinned:
    """The version an interview uses, and whether the catalog now has another one."""

    questionset: QuestionSet
    hash: str
    newer: QuestionSet | None
    """The catalog's current version when it differs from the pinned one."""

    def notice(self) -> str | None:
        """Dutch: what the inspector should know when a newer version exists."""
        if self.newer is None:
            return None
        which = "nieuwere" if self.newer.version > self.questionset.version else "andere"
        return (f"Er is een {which} versie van de vragenlijst '{self.questionset.title}' "
                f"(versie {self.newer.version}). Dit interview gaat verder met versie "
                f"{self.questionset.version}, waarmee het is afgenomen; scoring en rapport ook.")


def pin(store: Store, interview_id: str, qs: QuestionSet) -> Pinned:
    """The version `interview_id` is taken with; pins `qs` when the interview has none yet.

    An interview that already has a version keeps it, whatever `qs` is: `newer` then says
    whether `qs` differs.
    """
    text = content(qs)
    digest = _hash(text)
    with store.transaction() as db:
        row = db.execute("SELECT questionset_hash FROM interview WHERE id = ?", [interview_id]).fetchone()
        if row is None:
            raise KeyError(f"interview {interview_id}")
        if row[0] is None:
            _store_content(store, qs, digest, text)
            # Bookkeeping like the cursor, not journaled: the content is kept under its own hash.
            db.execute("UPDATE interview SET questionset_hash = ? WHERE id = ?", [digest, interview_id])
            return Pinned(qs, digest, None)
        pinned_hash = str(row[0])
    if pinned_hash == digest:
        return Pinned(qs, digest, None)
    return Pinned(load(store, pinned_hash), pinned_hash, qs)


def pinned_for(store: Store, interview_id: str, catalog: Catalog) -> Pinned | None:
    """The interview's version (pinning the catalog's on first use); None if neither exists."""
    row = store.interview(interview_id)
    current = catalog.questionsets.get(row["questionset_id"])
    if current is not None:
        return pin(store, interview_id, current)
    if row.get("questionset_hash"):
        stored = load(store, str(row["questionset_hash"]))
        return Pinned(stored, str(row["questionset_hash"]), None)
    return None


def load(store: Store, digest: str) -> QuestionSet:
    """A stored version by hash.

    Raises:
        StoreError: not stored, or its content no longer matches its hash (a damaged file).
    """
    rows = store.conn.execute("SELECT content FROM questionset_content WHERE hash = ?", [digest]).fetchall()
    if not rows:
        raise StoreError(f"vragenlijstversie {digest[:12]} ontbreekt in de database; "
                         "controleer de database met 'interviewer check --db'")
    return _parse(digest, str(rows[0][0]))


@lru_cache(maxsize=64)
def _parse(digest: str, text: str) -> QuestionSet:
    if _hash(text) != digest:
        raise StoreError(f"vragenlijstversie {digest[:12]} is gewijzigd (hash klopt niet)")
    return QuestionSet.model_validate(json.loads(text))


def versions_in_use(store: Store) -> dict[str, QuestionSet]:
    """Every stored version that some interview uses, by hash."""
    rows = store.conn.execute(
        "SELECT DISTINCT c.hash, c.content FROM questionset_content c "
        "JOIN interview i ON i.questionset_hash = c.hash").fetchall()
    return {str(h): _parse(str(h), str(text)) for h, text in rows}


def _store_content(store: Store, qs: QuestionSet, digest: str, text: str) -> None:
    store.conn.execute(
        "INSERT OR IGNORE INTO questionset_content (hash, questionset_id, version, content, first_used_at) "
        "VALUES (?, ?, ?, ?, ?)", [digest, qs.id, qs.version, text, now()])
