"""Opening a stored interview again: resume it, or reopen a finished one for corrections."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from interviewer.core.session import InterviewSession

if TYPE_CHECKING:
    from interviewer.tui.app import InterviewerApp


async def resume_interview(app: InterviewerApp, interview_id: str, *, at_question: str | None = None) -> None:
    """Push the interview screen at the stored cursor (or `at_question`, from a search hit),
    asking first if it was afgerond."""
    from interviewer.tui.dialogs.confirm import ConfirmDialog
    from interviewer.tui.screens.interview import InterviewScreen

    row = app.store.interview(interview_id)
    if row["status"] == "geweigerd":
        app.notify("Hier is alleen een weigering vastgelegd; er is geen interview om te openen.",
                   severity="warning")
        return
    catalog = await app.require_catalog()
    qs = catalog.questionsets.get(row["questionset_id"]) if catalog else None
    if qs is None and row.get("questionset_hash"):
        # Gone from the vragenlijsten, but the version it was taken with is in the database.
        from interviewer.core.questionset_versions import load
        from interviewer.core.store import StoreError

        with contextlib.suppress(StoreError):
            qs = load(app.store, str(row["questionset_hash"]))
    if qs is None:
        app.notify(f"Vragenlijst '{row['questionset_id']}' is niet gevonden.", severity="error")
        return
    session = InterviewSession(app.store, interview_id, qs)
    if at_question is not None and not session.goto(at_question):
        app.notify("Deze vraag ligt niet meer op de route van het interview.", severity="warning")
    notice = session.pinned.notice()
    if notice:
        app.notify(notice, severity="warning", timeout=20)
    if row["status"] != "afgerond":
        app.push_screen(InterviewScreen(session))
        return

    def reopen(confirmed: bool | None) -> None:
        if confirmed:
            session.reopen()
            app.push_screen(InterviewScreen(session))

    app.push_screen(ConfirmDialog("Dit interview is afgerond. Heropenen voor correcties? "
                                  "Elke wijziging wordt in het journaal vastgelegd."), reopen)
