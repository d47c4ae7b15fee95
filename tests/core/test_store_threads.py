"""A connection belongs to one thread; another thread works on a connection of its own.

On a shared connection a write made while another thread had a transaction open joined
that transaction as a nested one, and vanished when the other thread rolled back.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from interviewer.core.store import Store, StoreError

FRAMEWORK = "lokaal-netwerk-na-veilig-thuis"


def test_a_store_refuses_use_from_another_thread(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "db.sqlite")
    errors: list[BaseException] = []

    def use() -> None:
        try:
            store.create_study("Uit een andere thread", "Regio", FRAMEWORK)
        except BaseException as exc:  # noqa: BLE001 - inspected below
            errors.append(exc)

    thread = threading.Thread(target=use)
    thread.start()
    thread.join()
    assert len(errors) == 1 and isinstance(errors[0], sqlite3.ProgrammingError)
    assert store.studies() == []
    store.close()


@pytest.mark.parametrize("kind", ["file", "memory"])
def test_a_rollback_in_another_thread_leaves_this_threads_write(tmp_path: Path, kind: str) -> None:
    store = Store.open(tmp_path / "db.sqlite") if kind == "file" else Store.memory()
    in_transaction = threading.Event()
    release = threading.Event()

    def failing_load() -> None:
        with store.own_connection() as own, pytest.raises(StoreError), own.transaction():
            own.create_study("Halve demo", "Regio", FRAMEWORK)
            in_transaction.set()
            release.wait(10)
            raise StoreError("de schijf is vol")

    thread = threading.Thread(target=failing_load)
    thread.start()
    assert in_transaction.wait(10)
    if kind == "file":
        # The write waits for the other thread's lock (busy_timeout) and then commits.
        threading.Timer(0.3, release.set).start()
        store.create_study("Echt onderzoek", "Regio", FRAMEWORK)
    else:
        release.set()  # shared-cache memory databases lock tables instead: write after the rollback
        thread.join()
        store.create_study("Echt onderzoek", "Regio", FRAMEWORK)
    thread.join()
    assert [s["title"] for s in store.studies()] == ["Echt onderzoek"]
    store.close()
