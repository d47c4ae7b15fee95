"""Which studies a database holds, which one the inspector works on, and their settings.

A database may hold several studies (real work, the demo, older ones). The app never picks
"the newest": it opens the study chosen last, and otherwise prefers real work over the demo.
Renaming and archiving are journaled like every other change; archiving hides a study from
the picker and deletes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interviewer.core.store import Store, now

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


def update_study(store: Store, study_id: str, *, title: str, region: str) -> str | None:
    """Change a study's title and region; a Dutch error when refused, else None."""
    title, region = title.strip(), region.strip()
    if not title or not region:
        return "Titel en regio mogen niet leeg zijn."
    _journaled_update(store, study_id, {"title": title, "region": region})
    return None


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
