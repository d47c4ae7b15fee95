"""The picker's `w`: title, region, place, retention date and inspectorates changed afterwards."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from interviewer.core.catalog import Catalog
from interviewer.core.store import Store
from interviewer.core.study_info import set_inspecties
from interviewer.tui.app import make_app
from interviewer.tui.dialogs.confirm import ConfirmDialog
from interviewer.tui.dialogs.study_settings import StudySettingsDialog
from interviewer.tui.screens.studies import StudyPickerScreen
from tests.tui.conftest import KEY_NAMES, type_text
from tests.tui.ptyapp import PtyApp, catalog_with


def keys(text: str) -> list[str]:
    return [KEY_NAMES.get(c, c) for c in text]


def cover(store: Store, study_id: str) -> tuple[str, str, str, str, str]:
    row = store.study(study_id)
    return (row["title"], row["region"], row["place"], row["retention_until"], row["inspecties"])


async def test_settings_typed_ahead_land_in_their_fields_and_are_saved(
        tmp_path: Path, shipped: Catalog) -> None:
    store = Store.open(tmp_path / "instellingen.db")
    study_id = store.create_study("Oud", "Regio A", shipped.framework().id, retention_until="2028-12-31")
    set_inspecties(store, study_id, ["Inspectie SZW"])
    app = make_app(store=store, catalog=shipped)
    async with app.run_test(size=(80, 24)) as pilot:
        # Everything in one go, no pauses (the pty test below also types faster than the app reads).
        await pilot.press("s", "w", "ctrl+u", *keys("Nieuwe titel"), "enter",
                          "ctrl+u", *keys("Utrecht-West"), "enter",
                          *keys("Utrecht"), "enter",
                          "ctrl+u", *keys("30-06-2029"), "enter",
                          "end", "enter", *keys("IGZ"), "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StudyPickerScreen)
        assert cover(store, study_id) == ("Nieuwe titel", "Utrecht-West", "Utrecht", "2029-06-30",
                                          '["Inspectie SZW", "IGZ"]')
        actions = [e["action"] for e in store.journal() if e["entity"] == "study"]
        assert actions[-3:] == ["wijzig", "bewaartermijn", "inspecties"]
    store.close()


async def test_invalid_date_is_refused_in_dutch_and_nothing_saved(tmp_path: Path, shipped: Catalog) -> None:
    store = Store.open(tmp_path / "instellingen.db")
    study_id = store.create_study("Oud", "Regio A", shipped.framework().id, retention_until="2028-12-31")
    before = cover(store, study_id)
    app = make_app(store=store, catalog=shipped)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "w", "enter", "enter", "enter", "ctrl+u", *keys("31-02-2029"), "ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, StudySettingsDialog)
        assert "geen geldige datum" in str(dialog.query_one("#error", Static).render())
        assert dialog.focused is dialog.query_one("#retention", Input)
        assert cover(store, study_id) == before
    store.close()


async def test_past_retention_asks_first_and_no_goes_back_to_the_date(tmp_path: Path, shipped: Catalog) -> None:
    store = Store.open(tmp_path / "instellingen.db")
    study_id = store.create_study("Oud", "Regio A", shipped.framework().id, retention_until="2028-12-31")
    app = make_app(store=store, catalog=shipped)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "w", "enter", "enter", "enter", "ctrl+u")
        await type_text(pilot, "01-01-2020")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, StudySettingsDialog)
        assert dialog.focused is dialog.query_one("#retention", Input)
        assert store.study(study_id)["retention_until"] == "2028-12-31"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, StudyPickerScreen)
        assert store.study(study_id)["retention_until"] == "2020-01-01"
    store.close()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_settings_typed_in_one_burst_in_a_real_terminal(tmp_path: Path) -> None:
    """The whole form as one write to a pty: each Enter must move on before the next key lands."""
    db = tmp_path / "studie.db"
    store = Store.open(db, actor="test")
    study_id = store.create_study("Oud", "Regio A", "lokaal-netwerk-na-veilig-thuis",
                                  retention_until="2028-12-31")
    set_inspecties(store, study_id, ["Inspectie SZW"])
    store.close()
    questions: list[dict[str, object]] = [{"id": "a", "type": "open", "text": "Wat?"}]
    app = PtyApp(db, catalog_with(tmp_path / "vragenlijsten", "typtest", questions))
    try:
        assert app.wait_for("Oud"), "home screen not shown"
        app.type("s")
        assert app.wait_for("Onderzoeken in deze database"), "picker not shown"
        mark = len(app.output)
        app.type("w")
        assert app.wait_for("Onderzoek wijzigen", mark), "dialog not shown"
        # A focused field is selected as a whole: typing replaces it.
        mark = len(app.output)
        app.type("Nieuw\rUtrecht-West\rUtrecht\r30-06-2029\r\rIGZ\x13")
        assert app.wait_for("Onderzoek gewijzigd", mark, timeout=15), \
            app.output[mark:].decode(errors="replace")[-400:]
    finally:
        app.kill()
    store = Store.open(db, actor="test")
    try:
        assert cover(store, study_id) == ("Nieuw", "Utrecht-West", "Utrecht", "2029-06-30",
                                          '["Inspectie SZW", "IGZ"]')
    finally:
        store.close()
