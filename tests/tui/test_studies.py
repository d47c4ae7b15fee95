"""Several studies: the demo never hides real work, the picker switches, edits and archives."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from interviewer.core import studies
from interviewer.core.catalog import Catalog
from interviewer.core.store import Store
from interviewer.tui.app import make_app
from interviewer.tui.dialogs.export import ExportDialog
from interviewer.tui.dialogs.study_settings import StudySettingsDialog
from interviewer.tui.screens.home import HomeScreen
from interviewer.tui.screens.review import ReviewScreen
from interviewer.tui.screens.studies import StudyPickerScreen
from tests.tui.conftest import type_text


def title(app: object) -> str:
    return str(app.screen.query_one("#home-title", Static).render())  # type: ignore[attr-defined]


async def test_demo_after_own_study_keeps_home_review_and_export_on_own_study(
        tmp_path: Path, shipped: Catalog) -> None:
    store = Store.open(tmp_path / "twee.db")
    own = store.create_study("Eigen onderzoek", "Limburg-Noord", shipped.framework().id)
    store.add_gemeente(own, "Venlo")
    app = make_app(store=store, catalog=shipped)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(store.studies()) == 2
        assert title(app).startswith("Eigen onderzoek") and "+1 ander onderzoek" in title(app)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.study_id == own
        await pilot.press("escape", "e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog) and app.screen.study_id == own
        await pilot.press("escape")
        # The picker lists both, the demo marked; choosing it switches home to the demo.
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StudyPickerScreen)
        rows = [app.screen.query_one(DataTable).get_row_at(i) for i in range(2)]
        assert rows[0][0] == "Eigen onderzoek" and rows[0][-1] == ""
        assert rows[1][0].startswith("Het lokale netwerk") and rows[1][-1] == "DEMO"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and title(app).startswith("DEMO (fictief)")
        assert app.screen.study is not None and app.screen.study["demo"] == 1
    store.close()


async def test_picker_renames_and_archives(tmp_path: Path, shipped: Catalog) -> None:
    store = Store.open(tmp_path / "twee.db")
    first = store.create_study("Eerste", "Regio A", shipped.framework().id)
    second = store.create_study("Tweede", "Regio B", shipped.framework().id)
    studies.choose_study(store, first)
    app = make_app(store=store, catalog=shipped)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "w")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, StudySettingsDialog)
        assert [i.value for i in dialog.query(Input)] == ["Eerste", "Regio A", "", ""]
        await pilot.press("ctrl+u")  # clear the title field
        await type_text(pilot, "Eerste ronde")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.study(first)["title"] == "Eerste ronde"
        assert isinstance(app.screen, StudyPickerScreen)
        await pilot.press("a")  # archive the first study
        await pilot.pause()
        assert store.study(first)["archived_at"] is not None
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("h")  # show archived ones again, and restore
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 2
        await pilot.press("escape")
        await pilot.pause()
        assert title(app).startswith("Tweede")
        assert store.study(second)["archived_at"] is None
    store.close()


async def test_home_table_shows_code_and_organisation_at_80_columns(tmp_path: Path, shipped: Catalog) -> None:
    from interviewer.core.demo import load_demo

    store = Store.open(tmp_path / "demo.db")
    load_demo(store, shipped)
    app = make_app(store=store, catalog=shipped)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        widths = {str(c.label): c.width for c in table.columns.values()}
        assert sum(w + 2 for w in widths.values()) <= 80 - 4
        assert widths["Code"] >= len("G1-D01-CR") and widths["Organisatie"] >= 11
        row = table.get_row_at(0)
        assert row[2].startswith("G") and "-" in row[2]  # the code, not cut
    store.close()
