"""Retention (PR-9): delete the raw interview data of studies past their retention date.

A purge deletes, per study, the answers (with their remarks), the journal events of its
interviews, and the interviews' respondent codes. It keeps the study structure, the
interviews' role/organisation/status (for counts), and all judgements and findings.
What was deleted is written to `deletion_log` as counts, never content.

The journal's entries of those interviews are removed through `Journal.purge`, which keeps
their sequence numbers and hashes as stubs, so the hash chain can still be verified end to end.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import sqlite_utils

from interviewer.core.journal import PURGE_ACTION
from interviewer.core.store import Store, new_id, now

WHAT = ("antwoorden", "opmerkingen", "journaalregels", "respondentcodes")
"""The kinds of data a purge deletes, as named in the deletion log."""


class PurgeError(Exception):
    """A mistake in what the user asked (unknown study, bad date); the message is Dutch."""


@dataclass(frozen=True)
class StudyPurge:
    study_id: str
    title: str
    retention_until: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class PurgeReport:
    today: date
    dry_run: bool
    purged: list[StudyPurge] = field(default_factory=list)
    without_retention: list[str] = field(default_factory=list)
    """Titles of studies that have no retention date and are therefore never purged."""
    backups: list[Path] = field(default_factory=list)
    """Backups beside the database: made before migrations, they may still hold old data."""
    unfinished: str | None = None
    """Why deleted content may still be readable in the file (None: the wipe is complete)."""

    def lines(self) -> list[str]:
        """The report in Dutch, one line each."""
        verb = "zou verwijderen" if self.dry_run else "verwijderd"
        if self.unfinished:
            verb = "verwijderd uit de database, maar nog NIET uit het bestand gewist"
        out = []
        for item in self.purged:
            counts = ", ".join(f"{item.counts[w]} {w}" for w in WHAT)
            out.append(f"{item.title} (bewaren tot {item.retention_until}): {verb}: {counts}")
        if not self.purged:
            out.append(f"geen onderzoeken over hun bewaartermijn op {self.today.isoformat()}")
        for title in self.without_retention:
            out.append(f"let op: '{title}' heeft geen bewaartermijn; stel die in met --set-retention")
        for backup in self.backups:
            out.append(f"let op: reservekopie {backup.name} kan nog gegevens bevatten; verwijder die zelf als dat mag")
        if self.dry_run:
            out.append("proefdraai: er is niets verwijderd")
        if self.unfinished:
            out.append(f"niet af: {self.unfinished}")
        return out


# --------------------------------------------------------------------------- retention date


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PurgeError(f"'{text}' is geen datum; schrijf JJJJ-MM-DD") from None


def find_study(store: Store, ref: str) -> dict[str, Any]:
    """A study by id, id prefix (at least 4 characters) or exact title (case-insensitive)."""
    studies = store.studies()
    matches = [s for s in studies if s["id"] == ref]
    if not matches and len(ref) >= 4:
        matches = [s for s in studies if str(s["id"]).startswith(ref)]
    if not matches:
        matches = [s for s in studies if str(s["title"]).casefold() == ref.casefold()]
    if not matches:
        known = "; ".join(f"{s['title']} ({str(s['id'])[:8]})" for s in studies) or "geen"
        raise PurgeError(f"onbekend onderzoek '{ref}' (bekend: {known})")
    if len(matches) > 1:
        raise PurgeError(f"'{ref}' past bij meer dan één onderzoek; gebruik het id")
    return matches[0]


def set_retention(store: Store, ref: str, until: date) -> dict[str, Any]:
    """Set a study's retention date (journaled); returns the updated study row."""
    study = find_study(store, ref)
    old = study["retention_until"]
    if old != until.isoformat():
        store.journal.update("study", study["id"], {"retention_until": until.isoformat()}, action="bewaartermijn")
    return store.study(study["id"])


# --------------------------------------------------------------------------- purge


def due_studies(store: Store, today: date) -> list[dict[str, Any]]:
    """Studies whose retention date has passed (strictly before `today`)."""
    return [s for s in store.studies()
            if s["retention_until"] and str(s["retention_until"]) < today.isoformat()]


def purge(store: Store, today: date | None = None, *, dry_run: bool = False) -> PurgeReport:
    """Delete the raw data of every study past its retention date; report what (counts)."""
    today = today or date.today()
    report = PurgeReport(today=today, dry_run=dry_run)
    report.without_retention = [str(s["title"]) for s in store.studies() if not s["retention_until"]]
    if not dry_run:
        if not _write_back_wal(store):
            raise PurgeError(f"{OTHER_READER}. Er is niets verwijderd")
        # Overwrite deleted content with zeros instead of leaving it in free pages.
        store.db.execute("PRAGMA secure_delete = ON")
    for study in due_studies(store, today):
        counts = _counts(store.db, study["id"])
        if sum(counts.values()) == 0:
            continue  # purged before: nothing left to delete, nothing to log
        if not dry_run:
            _purge_study(store, study, counts)
        report.purged.append(StudyPurge(study["id"], str(study["title"]),
                                        str(study["retention_until"]), counts))
    # Always, also when nothing was due: it finishes the wipe of an earlier, unfinished purge.
    if not dry_run and not _write_back_wal(store):
        report.unfinished = (f"{OTHER_READER}; tot dan staat de verwijderde tekst nog in het "
                             "bestand. Voer daarna 'interviewer purge' opnieuw uit om het wissen af te maken")
    if store.path is not None:
        report.backups = sorted(store.path.parent.glob(f"{store.path.name}.backup-*"))
    return report


def deletion_log(store: Store) -> list[dict[str, Any]]:
    return list(store.db.table("deletion_log").rows_where(order_by="at"))


def _interviews_sql() -> str:
    return "SELECT id FROM interview WHERE study_id = ?"


def _counts(db: sqlite_utils.Database, study_id: str) -> dict[str, int]:
    inner = _interviews_sql()

    def one(sql: str) -> int:
        return int(db.execute(sql, [study_id]).fetchone()[0])

    return {
        "antwoorden": one(f"SELECT count(*) FROM answer WHERE interview_id IN ({inner})"),
        "opmerkingen": one(f"SELECT count(*) FROM answer WHERE interview_id IN ({inner}) "
                           "AND remark IS NOT NULL AND remark != ''"),
        "journaalregels": one(f"SELECT count(*) FROM journal WHERE interview_id IN ({inner})"),
        "respondentcodes": one("SELECT count(*) FROM interview WHERE study_id = ? "
                               "AND respondent_code IS NOT NULL"),
    }


def _purge_study(store: Store, study: dict[str, Any], counts: dict[str, int]) -> None:
    inner = _interviews_sql()
    study_id = study["id"]
    stamp = now()
    with store.transaction() as db:
        store.journal.purge(f"interview_id IN ({inner})", [study_id])
        db.execute(f"DELETE FROM answer WHERE interview_id IN ({inner})", [study_id])
        db.execute(f"DELETE FROM draft WHERE interview_id IN ({inner})", [study_id])  # unsaved text too
        # Per-aspect tags belong to the answers they tag.
        db.execute(f"DELETE FROM answer_aspect_polarity WHERE interview_id IN ({inner})", [study_id])
        db.execute("UPDATE interview SET respondent_code = NULL, cursor = NULL WHERE study_id = ?", [study_id])
        db.execute("UPDATE study SET purged_at = ? WHERE id = ?", [stamp, study_id])
        for what in WHAT:
            db.table("deletion_log").insert({
                "id": new_id(), "at": stamp, "actor": store.actor, "study_id": study_id,
                "study_title": study["title"], "retention_until": study["retention_until"],
                "what": what, "count": counts[what],
            })
        # The purge itself is an entry, chained after the stubs of what it removed.
        store.journal.record("study", study_id, PURGE_ACTION, None, counts, fields=())


OTHER_READER = ("een ander venster of programma leest de database op dit moment; sluit interviewer "
                "overal waar deze database open is")

CHECKPOINT_WAIT_MS = 2000
"""How long a purge waits for another reader to finish before it says it cannot wipe."""


def _write_back_wal(store: Store) -> bool:
    """Copy the WAL into the database file and empty it; False when another reader prevents it.

    Deleted text stays readable in the database file until the pages that replace it
    (zeroed by secure_delete) are copied back from the WAL. SQLite cannot do that while
    another connection reads an older snapshot, and it does not say that other connection
    exists, only that the checkpoint was incomplete: so that is what is checked.
    """
    if store.path is None:
        return True  # an in-memory database has no file to wipe
    timeout = store.conn.execute("PRAGMA busy_timeout").fetchone()[0]
    store.conn.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
    try:
        busy, frames, copied = store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error:
        return False
    finally:
        store.conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")
    return bool(busy == 0 and frames == copied)  # every frame back in the file, the WAL emptied
