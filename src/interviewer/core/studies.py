"""Which studies a database holds, which one the inspector works on, and their settings.

A database may hold several studies (real work, the demo, older ones). The app never picks
"the newest": it opens the study chosen last, and otherwise prefers real work over the demo.
Renaming and archiving are journaled like every other change; archiving hides a study from
the picker and deletes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from interviewer.core.purge import set_retention
from interviewer.core.store import Store, now
from interviewer.core.study_info import DEFAULT_INSPECTIES, inspecties, set_inspecties

SELECTED = "selected_study"
"""Key in the setting table: the id of the study chosen last."""


@dataclass(frozen=True)
class StudyRow:
    """One study as the picker lists it."""

    id: str
    title: str
    region: str
    demo: bool
    archived: bool
    gemeenten: int
    interviews: int


def study_rows(store: Store, *, archived: bool = False) -> list[StudyRow]:
    """Studies with their counts: real ones first, then the demo; archived ones only on request."""
    rows = store.conn.execute(
        "SELECT s.id, s.title, s.region, s.demo, s.archived_at, "
        "(SELECT COUNT(*) FROM gemeente g WHERE g.study_id = s.id), "
        "(SELECT COUNT(*) FROM interview i WHERE i.study_id = s.id) "
        "FROM study s ORDER BY s.demo, s.created_at DESC").fetchall()
    out = [StudyRow(str(r[0]), str(r[1]), str(r[2] or ""), bool(r[3]), r[4] is not None, r[5], r[6])
           for r in rows]
    return [s for s in out if archived or not s.archived]


def current_study(store: Store) -> dict[str, Any] | None:
    """The study to show: the one chosen last, else the newest real one, else the demo.

    An archived study is only shown while it is the explicit choice.
    """
    chosen = _setting(store, SELECTED)
    studies = {s["id"]: s for s in store.studies()}
    if chosen in studies:
        return studies[chosen]
    visible = study_rows(store)
    return studies[visible[0].id] if visible else None


def choose_study(store: Store, study_id: str) -> None:
    """Remember `study_id` as the study to open (a preference, not journaled)."""
    store.study(study_id)  # KeyError for an unknown id, before anything is written
    with store.transaction() as db:
        db.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", [SELECTED, study_id])


def new_study(store: Store, *, title: str, region: str, gemeente: str, framework_id: str) -> str:
    """Create a study with its first gemeente and choose it; returns its id."""
    study_id = store.create_study(title.strip(), region.strip(), framework_id)
    store.add_gemeente(study_id, gemeente.strip())
    choose_study(store, study_id)
    return study_id


@dataclass(frozen=True)
class StudySettings:
    """Everything about a study the inspector may change afterwards (the report's cover uses it)."""

    title: str
    region: str
    place: str
    """The town on the report's cover ("Utrecht, december 2026"); may be empty."""
    retention_until: date | None
    """After this date a purge removes the answers; None: never purged."""
    inspecties: tuple[str, ...]


class SettingsError(ValueError):
    """A setting that cannot be saved; `field` names the form field, the message is Dutch."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def study_settings(store: Store, study_id: str) -> StudySettings:
    study = store.study(study_id)
    return StudySettings(str(study["title"]), str(study["region"] or ""), str(study["place"] or ""),
                         parse_retention(str(study["retention_until"] or "")),
                         tuple(inspecties(study)))


_DUTCH_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


def parse_retention(text: str) -> date | None:
    """A retention date as JJJJ-MM-DD or DD-MM-JJJJ (how Dutch people write it); empty is None."""
    text = text.strip()
    if not text:
        return None
    dutch = _DUTCH_DATE.fullmatch(text)
    try:
        if dutch:
            day, month, year = (int(g) for g in dutch.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise SettingsError("retention", f"'{text}' is geen geldige datum; schrijf bijvoorbeeld "
                                         "31-12-2028 of 2028-12-31.") from None


def parse_settings(current: StudySettings, *, title: str, region: str, place: str,
                   retention: str, inspecties_text: str) -> StudySettings:
    """Check a filled-in settings form; raises SettingsError for the first field refused.

    An empty inspectorates list means today's default names. A retention date may only be
    left empty when the study had none: removing it would silently stop the purge.
    """
    title, region = " ".join(title.split()), " ".join(region.split())
    if not title:
        raise SettingsError("title", "De titel mag niet leeg zijn.")
    if not region:
        raise SettingsError("region", "De regio mag niet leeg zijn.")
    until = parse_retention(retention)
    if until is None and current.retention_until is not None:
        raise SettingsError("retention", "Vul een bewaartermijn in: zonder datum worden de "
                                         "antwoorden nooit opgeruimd.")
    names = tuple(" ".join(line.split()) for line in inspecties_text.splitlines() if line.strip())
    return StudySettings(title, region, " ".join(place.split()), until, names or DEFAULT_INSPECTIES)


def retention_passed(settings: StudySettings, today: date) -> bool:
    """True when a purge on `today` would remove the study's answers (same rule as the purge)."""
    return settings.retention_until is not None and settings.retention_until < today


def save_settings(store: Store, study_id: str, settings: StudySettings) -> None:
    """Store changed settings through the journal (audited, carried by bundles); unchanged ones are not written."""
    _journaled_update(store, study_id, {"title": settings.title, "region": settings.region,
                                        "place": settings.place})
    if settings.retention_until is not None:
        set_retention(store, study_id, settings.retention_until)
    if tuple(inspecties(store.study(study_id))) != settings.inspecties:
        # The default list is stored as "none recorded", so it keeps following today's names.
        names = [] if settings.inspecties == DEFAULT_INSPECTIES else list(settings.inspecties)
        set_inspecties(store, study_id, names)


def set_archived(store: Store, study_id: str, archived: bool) -> None:
    """Archive (hide from the picker) or restore a study; nothing is deleted."""
    _journaled_update(store, study_id, {"archived_at": now() if archived else None})
    if archived and _setting(store, SELECTED) == study_id:
        with store.transaction() as db:
            db.execute("DELETE FROM setting WHERE key = ?", [SELECTED])


def _journaled_update(store: Store, study_id: str, changes: dict[str, Any]) -> None:
    store.journal.update("study", study_id, changes)


def _setting(store: Store, key: str) -> str | None:
    row = store.conn.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
    return str(row[0]) if row else None
