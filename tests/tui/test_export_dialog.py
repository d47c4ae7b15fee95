"""The export dialog: pick a gemeente or all, run in a worker, show progress, Escape closes."""

from __future__ import annotations

from pathlib import Path

import docx
from textual.app import App
from textual.widgets import Button, Input, ProgressBar, Select, Static

from interviewer.core.catalog import Catalog
from interviewer.core.store import Store
from interviewer.tui.dialogs.export import ALL, ExportDialog


class Host(App[None]):
    def __init__(self, dialog: ExportDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[list[Path] | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


def make(demo: tuple[Store, str], shipped: Catalog) -> Host:
    store, study_id = demo
    return Host(ExportDialog(store=store, catalog=shipped, study_id=study_id))


async def test_exports_every_gemeente_with_progress(demo: tuple[Store, str], shipped: Catalog, tmp_path: Path) -> None:
    app = make(demo, shipped)
    async with app.run_test() as pilot:
        dialog = app.dialog
        assert dialog.query_one("#gemeente", Select).value == ALL
        dialog.query_one("#folder", Input).value = str(tmp_path)
        await pilot.click("#start")
        await dialog.workers.wait_for_complete()
        await pilot.pause()
        bar = dialog.query_one("#progress", ProgressBar)
        assert bar.total == 3 and bar.progress == 3
        assert "Klaar: 3 rapportages" in str(dialog.query_one("#export-status", Static).render())
        assert not dialog.query_one("#start", Button).disabled
        await pilot.press("escape")
        await pilot.pause()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bewijsoverzicht-geulhoven.docx", "bewijsoverzicht-heuvelrode.docx", "bewijsoverzicht-maasveld.docx",
        "rapportage-geulhoven.docx", "rapportage-heuvelrode.docx", "rapportage-maasveld.docx"]
    assert app.results and sorted(app.results[0] or []) == sorted(tmp_path.iterdir())


async def test_one_gemeente_only(demo: tuple[Store, str], shipped: Catalog, tmp_path: Path) -> None:
    store, study_id = demo
    maasveld = next(g for g in store.gemeenten(study_id) if g["name"] == "Maasveld")
    app = make(demo, shipped)
    async with app.run_test() as pilot:
        dialog = app.dialog
        dialog.query_one("#gemeente", Select).value = maasveld["id"]
        dialog.query_one("#folder", Input).value = str(tmp_path / "uit")
        await pilot.click("#start")
        await dialog.workers.wait_for_complete()
        await pilot.pause()
    files = sorted((tmp_path / "uit").iterdir(), key=lambda f: f.name, reverse=True)
    assert [f.name for f in files] == ["rapportage-maasveld.docx", "bewijsoverzicht-maasveld.docx"]
    assert "Maasveld" in docx.Document(str(files[0])).core_properties.title


async def test_a_folder_that_cannot_be_written_shows_a_dutch_error(
        demo: tuple[Store, str], shipped: Catalog, tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    app = make(demo, shipped)
    async with app.run_test() as pilot:
        dialog = app.dialog
        dialog.query_one("#folder", Input).value = str(blocker / "sub")
        await pilot.click("#start")
        await dialog.workers.wait_for_complete()
        await pilot.pause()
        status = dialog.query_one("#export-status", Static)
        assert "kan het bestand niet schrijven" in str(status.render())
        assert status.has_class("error")


async def test_escape_closes_without_exporting(demo: tuple[Store, str], shipped: Catalog) -> None:
    app = make(demo, shipped)
    async with app.run_test() as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not app.dialog
    assert app.results == [None]
