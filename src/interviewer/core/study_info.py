"""What the report states about the study itself: its inspectorates and its activities.

The inspectorates belong to the study (the 2019 report names Inspectie SZW, today's would name
the Nederlandse Arbeidsinspectie). Study activities are what happened besides the interviews:
the documentenanalyse and the reflectiebijeenkomst, with a date and what was studied or who
came; Bijlage 2 states them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interviewer.core.store import Store

DEFAULT_INSPECTIES = (
    "Inspectie Gezondheidszorg en Jeugd",
    "Inspectie van het Onderwijs",
    "Inspectie Justitie en Veiligheid",
    "Nederlandse Arbeidsinspectie",
)
ACTIVITY_KINDS = {
    "documentenanalyse": "Documentenanalyse",
    "reflectiebijeenkomst": "Reflectiebijeenkomst",
    "overig": "Overige activiteit",
}
MAX_DESCRIPTION = 1000


class StudyInfoError(Exception):
    """A study setting or activity that cannot be saved; the message is Dutch."""


@dataclass(frozen=True)
class Activity:
    id: str
    study_id: str
    gemeente_id: str | None
    """None: the activity was for the whole study (all gemeenten)."""
    kind: str
    on: date | None
    description: str

    @property
    def kind_label(self) -> str:
        return ACTIVITY_KINDS.get(self.kind, self.kind)


def inspecties(study: dict[str, Any]) -> list[str]:
    """The study's inspectorates, or today's names when the study has none recorded."""
    raw = study.get("inspecties")
    try:
        names = json.loads(raw) if raw else []
    except (json.JSONDecodeError, TypeError):
        names = []
    names = [str(n).strip() for n in names if str(n).strip()] if isinstance(names, list) else []
    return names or list(DEFAULT_INSPECTIES)


def set_inspecties(store: Store, study_id: str, names: list[str]) -> list[str]:
    """Record the study's inspectorates (empty: back to the default list)."""
    cleaned = [" ".join(n.split()) for n in names if n.strip()]
    value = json.dumps(cleaned, ensure_ascii=False) if cleaned else None
    store.journal.update("study", study_id, {"inspecties": value}, action="inspecties")
    return cleaned or list(DEFAULT_INSPECTIES)


def add_activity(store: Store, study_id: str, kind: str, *, on: date | None = None,
                 description: str = "", gemeente_id: str | None = None) -> str:
    """Record a study activity; returns its id."""
    from interviewer.core.store import new_id, now

    if kind not in ACTIVITY_KINDS:
        raise StudyInfoError(f"onbekende soort activiteit '{kind}'; kies uit: {', '.join(ACTIVITY_KINDS)}")
    text = " ".join(description.split())
    if len(text) > MAX_DESCRIPTION:
        raise StudyInfoError(f"de omschrijving is te lang ({len(text)} tekens, hoogstens {MAX_DESCRIPTION})")
    if gemeente_id is not None and store.gemeente(gemeente_id)["study_id"] != study_id:
        raise StudyInfoError("deze gemeente hoort niet bij het onderzoek")
    activity_id = new_id()
    # Through the journal: audited, and carried to another inspector's database by a bundle.
    store.journal.insert("study_activity", {
        "id": activity_id, "study_id": study_id, "gemeente_id": gemeente_id, "kind": kind,
        "on_date": on.isoformat() if on else None, "description": text, "created_at": now()})
    return activity_id


def delete_activity(store: Store, activity_id: str) -> bool:
    try:
        store.journal.delete("study_activity", activity_id)
    except KeyError:
        return False
    return True


def activities(store: Store, study_id: str, gemeente_id: str | None = None) -> list[Activity]:
    """The study's activities; with a gemeente, those for it and those for the whole study."""
    query = "SELECT id, study_id, gemeente_id, kind, on_date, description FROM study_activity WHERE study_id = ?"
    params: list[Any] = [study_id]
    if gemeente_id is not None:
        query += " AND (gemeente_id IS NULL OR gemeente_id = ?)"
        params.append(gemeente_id)
    rows = store.db.execute(query + " ORDER BY on_date, created_at", params).fetchall()
    return [Activity(r[0], r[1], r[2], r[3], _date(r[4]), r[5] or "") for r in rows]


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
