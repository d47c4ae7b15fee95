"""Open-answer text typed but not saved survives SIGKILL a second after typing: the real
app in a pty, killed without warning, then the database is read back."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from interviewer.core.store import Store
from tests.tui.ptyapp import PtyApp, catalog_with
from tests.tui.test_type_ahead import new_interview

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

TYPED = "De overdracht kwam laat, de moeder belde zelf"


def test_draft_survives_sigkill_a_second_after_typing(tmp_path: Path) -> None:
    db = tmp_path / "concept.db"
    interview_id = new_interview(db)
    questions: list[dict[str, object]] = [{"id": "open_1", "type": "open", "text": "Hoe ging CONCEPTVRAAGX?"}]
    catalog = catalog_with(tmp_path / "vragenlijsten", "typtest", questions)
    app = PtyApp(db, catalog)
    try:
        assert app.wait_for("TYPRESP1"), "home screen not shown"
        app.type("\r")
        assert app.wait_for("CONCEPTVRAAGX"), "question not shown"
        app.type(TYPED)
        app.pump(1.0)
    finally:
        app.kill()  # SIGKILL: no unmount, no flush, nothing
    store = Store.open(db, actor="test")
    try:
        assert store.drafts(interview_id) == {("open_1", "antwoord"): TYPED}
        assert store.answers(interview_id) == {}
    finally:
        store.close()
    app = PtyApp(db, catalog)  # and the app offers it again
    try:
        assert app.wait_for("TYPRESP1"), "home screen not shown"
        app.type("\r")
        assert app.wait_for("hersteld"), "draft not restored"
        assert app.wait_for("moeder belde zelf")
    finally:
        app.kill()
