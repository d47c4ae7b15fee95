"""Team work in the TUI: conflicts marked and resolved in the review screen, bundles from the home dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Button, DataTable, Input, OptionList, ProgressBar, Static

from interviewer.core.exchange.bundle import write_bundle
from interviewer.core.exchange.conflicts import conflicts
from interviewer.core.exchange.merge import merge_bundle
from interviewer.core.review import save_judgement
from interviewer.core.store import Store
from interviewer.tui.dialogs.conflicts import ConflictDialog
from interviewer.tui.dialogs.exchange import ExchangeDialog
from interviewer.tui.screens.home import heard_from_text
from interviewer.tui.screens.review import ReviewScreen
from tests.core.test_scoring import World


class ReviewApp(App[None]):
    def __init__(self, world: World) -> None:
        super().__init__()
        self.world = world

    def on_mount(self) -> None:
        self.push_screen(ReviewScreen(store=self.world.store, catalog=self.world.catalog, study_id=self.world.study))


def _two_laptops(tmp_path: Path) -> tuple[World, Store, str]:
    """A world (laptop A) and laptop B that judged the same cell differently, merged into A."""
    world = World()
    casus = world.casus("C1")
    world.interview("dossier", {"d_plan": "ja"}, casus=casus)
    other = Store.memory(actor="bram")
    path, _ = write_bundle(world.store, tmp_path / "a.bundel")
    merge_bundle(other, path)
    kwargs = {"study_id": world.study, "gemeente_id": world.gemeente, "indicator": 3, "level": "casus",
              "unit": casus}
    save_judgement(world.store, final="positief", motivation="Plan gezien", **kwargs)
    save_judgement(other, final="negatief", motivation="Plan gezien", **kwargs)
    path, _ = write_bundle(other, tmp_path / "b.bundel")
    merge_bundle(world.store, path)
    return world, other, casus


async def test_a_conflict_is_marked_and_resolved_with_a_reason(tmp_path: Path) -> None:
    world, _, casus = _two_laptops(tmp_path)
    assert [c.field for c in conflicts(world.store)] == ["final"]
    app = ReviewApp(world)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "≠ 1 conflict: c" in str(screen.query_one("#review-title", Static).render())
        table = screen.query_one(DataTable)
        assert str(table.get_cell(f"casus:{casus}", "3")).endswith("≠")
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        choices = dialog.query_one("#choices", OptionList)
        labels = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        assert labels[0].startswith("positief") and labels[1].startswith("negatief")
        choices.highlighted = 1
        dialog.query_one("#reason", Input).focus()
        await pilot.press("enter")  # no reason yet: refused in place
        await pilot.pause()
        assert "reden" in str(dialog.query_one("#error", Static).render())
        dialog.query_one("#reason", Input).value = "Besproken in het team"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictDialog)
        assert str(table.get_cell(f"casus:{casus}", "3")).rstrip("!").endswith(("−", "−+"))
        assert "≠" not in str(table.get_cell(f"casus:{casus}", "3"))
    assert conflicts(world.store) == []
    resolution = [e for e in world.store.journal() if e["action"] == "conflict opgelost"]
    assert len(resolution) == 1 and resolution[0]["note"] == "Besproken in het team"


class Host(App[None]):
    def __init__(self, dialog: ExchangeDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[bool | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


async def test_write_a_bundle_and_merge_a_folder_with_progress_and_summary(tmp_path: Path) -> None:
    a, b = Store.open(tmp_path / "a.db", actor="anna"), Store.open(tmp_path / "b.db", actor="bram")
    a.create_study("Onderzoek", "Limburg", "lokaal-netwerk-na-veilig-thuis")
    stick = tmp_path / "usb"
    stick.mkdir()
    writer = Host(ExchangeDialog(a, stick))
    async with writer.run_test() as pilot:
        await pilot.click("#write")
        await writer.dialog.workers.wait_for_complete()
        await pilot.pause()
        assert "Bundel geschreven" in str(writer.dialog.query_one("#exchange-status", Static).render())
    (bundle,) = stick.glob("*.bundel")
    assert bundle.stat().st_mode & 0o777 == 0o600
    reader = Host(ExchangeDialog(b, stick))
    async with reader.run_test() as pilot:
        await pilot.click("#merge")
        await reader.dialog.workers.wait_for_complete()
        await pilot.pause()
        status = str(reader.dialog.query_one("#exchange-status", Static).render())
        assert "nieuw (" in status and "0 nieuwe conflicten" in status
        bar = reader.dialog.query_one("#progress", ProgressBar)
        assert (bar.total, bar.progress) == (1, 1)
        assert not reader.dialog.query_one("#merge", Button).disabled
        await pilot.press("escape")
        await pilot.pause()
    assert reader.results == [True]
    assert [s["title"] for s in b.studies()] == ["Onderzoek"]
    assert "Laptops gehoord" in heard_from_text(b) and "Samenwerken: u" in heard_from_text(a)


async def test_an_empty_folder_says_so(tmp_path: Path) -> None:
    host = Host(ExchangeDialog(Store.memory(), tmp_path))
    async with host.run_test() as pilot:
        await pilot.click("#merge")
        await pilot.pause()
        status = host.dialog.query_one("#exchange-status", Static)
        assert "Geen bundels" in str(status.render()) and status.has_class("error")


async def test_the_default_folder_is_the_exports_folder_and_is_made_for_writing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEWER_EXPORTS", str(tmp_path / "exports"))
    store = Store.open(tmp_path / "a.db", actor="anna")
    host = Host(ExchangeDialog(store))
    async with host.run_test() as pilot:
        assert host.dialog.query_one("#folder", Input).value == str(tmp_path / "exports")
        await pilot.click("#write")
        await host.dialog.workers.wait_for_complete()
        await pilot.pause()
    assert len(list((tmp_path / "exports").glob("*.bundel"))) == 1
