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


async def test_start_without_catalog_relabels_roles_and_does_not_say_still_loading(
        tmp_path: Path, shipped: Catalog) -> None:
    from interviewer.core.demo import load_demo

    store = Store.open(tmp_path / "demo.db")
    load_demo(store, shipped)
    app = make_app(store=store)  # the catalog loads in a worker, as in real use
    said: list[str] = []
    original = app.notify
    app.notify = lambda message, **kw: (said.append(str(message)), original(message, **kw))[1]  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        roles = {str(row[5]) for row in (app.screen.query_one(DataTable).get_row_at(i)
                                         for i in range(app.screen.query_one(DataTable).row_count))}
    assert not [m for m in said if "nog geladen" in m]
    assert "casusregisseur" not in roles and any(r.startswith("Casusregisseur") for r in roles)
    store.close()
