"""The home screen on an empty database: never a dead end."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from interviewer.core.catalog import Catalog
from interviewer.core.store import Store
from interviewer.tui.app import make_app
from interviewer.tui.screens.home import HomeScreen


async def test_empty_database_offers_the_demo_and_loads_it(tmp_path: Path, shipped: Catalog) -> None:
    store = Store.open(tmp_path / "leeg.db")
    app = make_app(store=store, catalog=shipped)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert "demo-onderzoek laden" in str(app.screen.query_one("#structure").render())
        await pilot.press("d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (study,) = store.studies()
        assert study["demo"] == 1
        assert app.screen.query_one(DataTable).row_count == len(store.interviews(study["id"]))
        assert {g["name"] for g in store.gemeenten(study["id"])} == {"Maasveld", "Heuvelrode", "Geulhoven"}
    store.close()
