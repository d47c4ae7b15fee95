"""Database work in a thread runs on that thread's own connection.

On one shared connection the screen's write, made while the demo load had a transaction
open in its thread, was taken for a nested one: it was reported as done and then rolled
back with the failing demo load. The race is forced: the demo load holds its transaction
open until the screen has written.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from interviewer.core.catalog import Catalog
from interviewer.core.store import Store, StoreError
from interviewer.tui.app import make_app
from interviewer.tui.screens.home import HomeScreen

FRAMEWORK = "lokaal-netwerk-na-veilig-thuis"


def _titles(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT title FROM study")}
    finally:
        conn.close()


async def test_failing_demo_load_does_not_undo_what_the_screen_saved(
        tmp_path: Path, shipped: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "db.sqlite"
    store = Store.open(path)
    in_transaction = threading.Event()
    release = threading.Event()

    def failing_demo_load(worker_store: Store, catalog: Catalog) -> str:
        with worker_store.transaction():
            worker_store.create_study("Halve demo", "Regio", FRAMEWORK, demo=True)
            in_transaction.set()
            release.wait(10)
            raise StoreError("de schijf is vol")  # as a full disk would, halfway through

    monkeypatch.setattr("interviewer.core.demo.load_demo", failing_demo_load)
    app = make_app(store=store, catalog=shipped)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        assert await asyncio.to_thread(in_transaction.wait, 10)
        threading.Timer(0.3, release.set).start()
        # The screen's own write while the demo load's transaction is open in its thread.
        store.create_study("Echt onderzoek", "Regio", FRAMEWORK)
        await app.workers.wait_for_complete()
        await asyncio.to_thread(lambda: release.wait(10))
        for _ in range(20):
            await pilot.pause(0.05)
        assert _titles(path) == {"Echt onderzoek"}  # what the screen saved is still there
        assert app.is_running and isinstance(app.screen, HomeScreen)
        assert any("niet geladen" in str(n.message) for n in app._notifications)
    store.close()


async def test_demo_load_and_report_export_write_through_their_own_connection(
        tmp_path: Path, shipped: Catalog) -> None:
    """Each thread's store is another connection, closed when the job ends."""
    store = Store.open(tmp_path / "db.sqlite")
    app = make_app(store=store, catalog=shipped)
    seen: list[Store] = []

    def job(worker_store: Store) -> str:
        seen.append(worker_store)
        return worker_store.create_study("Uit een thread", "Regio", FRAMEWORK)

    async with app.run_test(size=(80, 24)):
        study_id = await app.run_with_own_store(job)
    assert seen and seen[0].conn is not store.conn
    with pytest.raises(sqlite3.ProgrammingError):
        seen[0].conn.execute("SELECT 1")  # closed
    assert store.study(study_id)["title"] == "Uit een thread"
    store.close()
