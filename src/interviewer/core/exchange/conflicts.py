"""Conflicts: what two laptops changed concurrently, shown to and decided by a person.

A merge lists them (journal_conflict); here they are read with both values, who wrote each
and when, and resolved: the inspector picks one value or writes another, with a reason, and
that becomes a journal entry which has seen both sides and so supersedes them, here and on
every laptop it is merged into.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from interviewer.core.exchange.fold import DELETED, entry_from_row
from interviewer.core.exchange.replicas import labels
from interviewer.core.journal import EXISTS
from interviewer.core.store import Store

RESOLVED = "conflict opgelost"


class ConflictError(ValueError):
    """A resolution the inspector must correct; the message is Dutch."""


@dataclass(frozen=True)
class Option:
    entry_id: str
    value: Any
    """The value this side wants (DELETED: this side deleted the record)."""
    author: str
    laptop: str
    at: str

    @property
    def label(self) -> str:
        shown = "verwijderd" if self.value is DELETED else _short(self.value)
        return f"{shown} ({self.author}, {self.laptop}, {self.at[:16].replace('T', ' ')})"


@dataclass(frozen=True)
class Conflict:
    entity: str
    entity_id: str
    interview_id: str
    field: str
    options: tuple[Option, ...]

    @property
    def deleted(self) -> bool:
        """One side deleted the record, the other changed it."""
        return any(o.value is DELETED for o in self.options) or self.field == EXISTS


def conflicts(store: Store, entity: str | None = None, entity_id: str | None = None) -> list[Conflict]:
    """Open conflicts, optionally of one record; a deleted record's fields count as one."""
    sql = "SELECT entity, entity_id, interview_id, field, heads FROM journal_conflict"
    where, params = [], []
    if entity is not None:
        where.append("entity = ?")
        params.append(entity)
    if entity_id is not None:
        where.append("entity_id = ?")
        params.append(entity_id)
    rows = store.conn.execute(sql + (" WHERE " + " AND ".join(where) if where else "") +
                              " ORDER BY entity, entity_id, field", params).fetchall()
    names = labels(store)
    result: list[Conflict] = []
    seen_deleted: set[tuple[str, str, str]] = set()
    for entity_, record, interview, name, heads in rows:
        conflict = Conflict(entity_, record, interview, name, _options(store, json.loads(heads), name, names))
        if conflict.deleted:
            if (entity_, record, interview) in seen_deleted:
                continue
            seen_deleted.add((entity_, record, interview))
        result.append(conflict)
    return result


def _options(store: Store, heads: list[str], name: str, names: dict[str, str]) -> tuple[Option, ...]:
    marks = ", ".join("?" * len(heads))
    cursor = store.conn.execute(
        f"SELECT j.*, a.name AS author_name FROM journal j LEFT JOIN author a ON a.id = j.author "
        f"WHERE j.id IN ({marks}) ORDER BY j.at, j.replica, j.rseq", heads)
    columns = [c[0] for c in cursor.description]
    options = []
    for values in cursor:
        row = dict(zip(columns, values, strict=True))
        entry = entry_from_row(row, {})
        value = entry.value(name) if name != EXISTS else (DELETED if entry.new is None else entry.new)
        options.append(Option(entry.id, value, str(row["author_name"] or row["actor"] or "?"),
                              names.get(entry.replica, entry.replica[:8]), entry.at))
    return tuple(options)


def resolve(store: Store, conflict: Conflict, value: Any, *, reason: str) -> None:
    """Decide a conflict: `value` (one of the options' values, or the inspector's own; DELETED
    keeps a deleted record deleted) with a reason, journaled as one entry that supersedes both.

    Choosing one laptop's value takes that laptop's side on every field of the record in
    conflict (a judgement and its motivation belong together).

    Raises:
        ConflictError: no reason given.
    """
    reason = reason.strip()
    if not reason:
        raise ConflictError("Geef een reden: een beslissing over een conflict wordt met reden vastgelegd.")
    from interviewer.core.exchange.merge import refold

    key = (conflict.entity, conflict.entity_id, conflict.interview_id)
    interview_id = conflict.interview_id or None
    question_id = conflict.entity_id if conflict.entity in ("answer", "aspect_polarity") else None
    with store.transaction():
        if conflict.deleted:
            old, new, fields = _restore_or_delete(store, conflict, value)
        else:
            new = {conflict.field: value, **_same_side(store, conflict, value)}
            old, fields = None, sorted(new)
        store.journal.record(conflict.entity, conflict.entity_id, RESOLVED, old, new, interview_id=interview_id,
                             question_id=question_id, fields=fields, note=reason)
        refold(store, {key})


def _same_side(store: Store, conflict: Conflict, value: Any) -> dict[str, Any]:
    """The record's other conflicted fields, as the laptop whose value was chosen has them."""
    chosen = {o.entry_id for o in conflict.options if o.value == value and o.value is not DELETED}
    if not chosen:
        return {}
    result = {}
    for other in conflicts(store, conflict.entity, conflict.entity_id):
        if other.field == conflict.field or other.deleted or other.interview_id != conflict.interview_id:
            continue
        match = next((o for o in other.options if o.entry_id in chosen), None)
        if match is not None:
            result[other.field] = match.value
    return result


def _restore_or_delete(store: Store, conflict: Conflict, value: Any) -> tuple[Any, Any, list[str]]:
    """For delete-versus-edit: the whole record, deleted again or restored with `value`."""
    deleted = next((o for o in conflict.options if o.value is DELETED), None)
    row = store.conn.execute("SELECT old FROM journal WHERE id = ?", [deleted.entry_id]).fetchone() if deleted else None
    content: dict[str, Any] = json.loads(row[0]) if row and row[0] else {}
    all_fields = [EXISTS, *sorted(content)]
    if value is DELETED:
        return content, None, all_fields
    restored = {**content}
    for field in {c.field for c in conflicts(store, conflict.entity, conflict.entity_id)} - {EXISTS}:
        restored[field] = value if field == conflict.field else restored.get(field)
    if conflict.field != EXISTS:
        restored[conflict.field] = value
    return None, restored, [EXISTS, *sorted(restored)]


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


FIELD_LABELS = {
    "final": "oordeel", "motivation": "motivering", "suggested": "voorstel", "reasons": "redenen",
    "text": "tekst", "heading": "kop", "theme": "thema", "position": "volgorde", "indicators": "indicatoren",
    "evidence": "bewijs", "value": "antwoord", "remark": "opmerking", "status": "status",
    "polarity": "polariteit", "quote": "citaat", "nazorg_date": "nazorgdatum",
    "retention_until": "bewaartermijn", EXISTS: "verwijderd of niet",
}


def describe(store: Store, conflict: Conflict) -> str:
    """What the conflict is about, in words an inspector recognises."""
    what = FIELD_LABELS.get(conflict.field, conflict.field)
    if conflict.deleted:
        what = "op de ene laptop verwijderd, op de andere gewijzigd"
    row = _record(store, conflict)
    if conflict.entity == "judgement":
        unit = row.get("organisation") or _casus_code(store, row.get("casus_id")) or "gemeente"
        aspect = f", aspect {row['aspect']}" if row.get("aspect") else ""
        return f"Oordeel indicator {row.get('indicator', '?')}{aspect} ({unit}): {what}"
    if conflict.entity == "finding":
        title = str(row.get("heading") or row.get("text") or "")[:40]
        return f"Bevinding '{title}': {what}"
    if conflict.entity in ("answer", "aspect_polarity"):
        interview = store.conn.execute("SELECT respondent_code FROM interview WHERE id = ?",
                                       [conflict.interview_id]).fetchone()
        code = interview[0] if interview and interview[0] else conflict.interview_id[:8]
        return f"Antwoord op vraag {conflict.entity_id} (interview {code}): {what}"
    if conflict.entity == "gemeente":
        return f"Gemeente {row.get('name', '?')}: {what}"
    return f"{conflict.entity} {conflict.entity_id[:8]}: {what}"


def _record(store: Store, conflict: Conflict) -> dict[str, Any]:
    """The record as it is now, or as it was when deleted."""
    if conflict.entity in ("judgement", "finding", "gemeente", "study", "casus", "interview"):
        rows = store._rows(f"SELECT * FROM {conflict.entity} WHERE id = ?", [conflict.entity_id])
        if rows:
            return rows[0]
    row = store.conn.execute("SELECT old FROM journal WHERE entity = ? AND entity_id = ? AND new IS NULL "
                             "ORDER BY seq DESC LIMIT 1", [conflict.entity, conflict.entity_id]).fetchone()
    try:
        content = json.loads(row[0]) if row and row[0] else {}
    except ValueError:
        content = {}
    return content if isinstance(content, dict) else {}


def _casus_code(store: Store, casus_id: Any) -> str | None:
    if not casus_id:
        return None
    row = store.conn.execute("SELECT code FROM casus WHERE id = ?", [casus_id]).fetchone()
    return str(row[0]) if row else None


def conflicted_cells(store: Store, gemeente_id: str) -> set[tuple[int, str]]:
    """(indicator, unit) of the review cells whose judgements are in conflict, to mark them."""
    cells: set[tuple[int, str]] = set()
    for conflict in conflicts(store, "judgement"):
        row = _record(store, conflict)
        if row.get("gemeente_id") != gemeente_id:
            continue
        unit = row.get("casus_id") or row.get("organisation") or ""
        cells.add((int(row.get("indicator") or 0), str(unit)))
    return cells


def gemeente_conflicts(store: Store, gemeente_id: str) -> list[Conflict]:
    """The conflicts the review screen of one gemeente shows: its judgements, findings and nazorg."""
    result = []
    for conflict in conflicts(store):
        if conflict.entity == "gemeente":
            if conflict.entity_id == gemeente_id:
                result.append(conflict)
        elif conflict.entity in ("judgement", "finding"):
            if _record(store, conflict).get("gemeente_id") == gemeente_id:
                result.append(conflict)
        elif conflict.entity in ("answer", "aspect_polarity"):
            owner = store.conn.execute("SELECT gemeente_id FROM interview WHERE id = ?",
                                       [conflict.interview_id]).fetchone()
            if owner and owner[0] == gemeente_id:
                result.append(conflict)
    return result
