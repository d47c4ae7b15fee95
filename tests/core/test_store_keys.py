"""Two writers racing for the same row: one row results, and old duplicates are merged.

The race is forced, not hoped for: a trace callback holds each connection at its look-up
until the other has reached its own (or half a second passed). Reading outside the write
lock, both look-ups find nothing and both insert; reading inside it, the second writer
waits for the first to commit and then finds its row.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from interviewer.core import review
from interviewer.core.store import Store

Writer = Callable[[Store], object]


def _race(path: Path, table: str, write: Writer) -> list[BaseException]:
    """Run `write` in two threads, each on its own connection, meeting at the look-up."""
    barrier = threading.Barrier(2, timeout=0.5)
    errors: list[BaseException] = []

    def hold_at_lookup(sql: str) -> None:
        if sql.lstrip().upper().startswith("SELECT") and f"FROM {table}" in sql.replace('"', "").replace("[", ""):
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                pass  # the other writer is waiting for the lock: go on alone

    def run() -> None:
        store = Store.open(path, actor="venster")
        store.conn.set_trace_callback(hold_at_lookup)
        try:
            write(store)
        except BaseException as exc:  # noqa: BLE001 - reported to the test below
            errors.append(exc)
        finally:
            store.conn.set_trace_callback(None)
            store.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


@pytest.fixture
def study(tmp_path: Path) -> tuple[Path, str, str]:
    path = tmp_path / "db.sqlite"
    store = Store.open(path, actor="test")
    study_id = store.create_study("Onderzoek", "Regio", "lokaal-netwerk-na-veilig-thuis")
    gemeente_id = store.add_gemeente(study_id, "Venlo")
    store.close()
    return path, study_id, gemeente_id


def _count(path: Path, sql: str, params: list[object]) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql, params).fetchone()[0])
    finally:
        conn.close()


def test_two_windows_saving_a_judgement_make_one_row(study: tuple[Path, str, str]) -> None:
    path, study_id, gemeente_id = study
    motivations = iter(["eerste venster", "tweede venster"])
    lock = threading.Lock()

    def save(store: Store) -> object:
        with lock:
            motivation = next(motivations)
        return review.save_judgement(store, study_id=study_id, gemeente_id=gemeente_id, indicator=3,
                                     level="gemeente", unit=gemeente_id, final="positief",
                                     motivation=motivation)

    assert _race(path, "judgement", save) == []
    assert _count(path, "SELECT count(*) FROM judgement WHERE indicator = 3", []) == 1
    # Both motivations are in the journal: the second is an edit of the first, not lost.
    store = Store.open(path)
    events = [e for e in store.journal() if e["entity"] == "judgement"]
    store.close()
    assert [e["action"] for e in events] == ["nieuw", "wijzig"]
    assert {json.loads(e["new"])["motivation"] for e in events} == {"eerste venster", "tweede venster"}


def test_two_windows_adding_a_gemeente_make_one_row(study: tuple[Path, str, str]) -> None:
    path, study_id, _ = study
    assert _race(path, "gemeente", lambda store: store.add_gemeente(study_id, "Horst")) == []
    assert _count(path, "SELECT count(*) FROM gemeente WHERE name = 'Horst'", []) == 1


def test_two_windows_adding_a_casus_make_one_row(study: tuple[Path, str, str]) -> None:
    path, _, gemeente_id = study
    assert _race(path, "casus", lambda store: store.add_casus(gemeente_id, "D07")) == []
    assert _count(path, "SELECT count(*) FROM casus WHERE code = 'D07'", []) == 1


def test_the_database_refuses_a_second_row_for_the_same_key(study: tuple[Path, str, str]) -> None:
    path, study_id, _ = study
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO gemeente (id, study_id, name) VALUES ('x', ?, 'Venlo')", [study_id])
    conn.close()


# --------------------------------------------------------------------------- migration


def _old_database_with_duplicates(path: Path) -> dict[str, str]:
    """A database as an older version left it: duplicates of every kind, all referenced."""
    store = Store.open(path, actor="test")
    study_id = store.create_study("Onderzoek", "Regio", "lokaal-netwerk-na-veilig-thuis")
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    for index in ("gemeente", "casus", "judgement"):
        conn.execute(f"DROP INDEX {index}_unique_key")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0020_unique_keys'")
    rows = [
        "INSERT INTO gemeente (id, study_id, name, size, created_at, nazorg_date) "
        "VALUES ('g1', :s, 'Venlo', 'groot', '2026-01-01', '2027-01-01')",
        "INSERT INTO gemeente (id, study_id, name, size, created_at, nazorg_date) "
        "VALUES ('g2', :s, 'Venlo', 'middel', '2026-01-02', '2027-06-01')",
        "INSERT INTO casus (id, gemeente_id, code, created_at) VALUES ('c1', 'g1', 'D07', '2026-01-01')",
        "INSERT INTO casus (id, gemeente_id, code, created_at) VALUES ('c2', 'g2', 'D07', '2026-01-02')",
        "INSERT INTO interview (id, study_id, gemeente_id, casus_id, role, status) "
        "VALUES ('i2', :s, 'g2', 'c2', 'casusregisseur', 'bezig')",
        "INSERT INTO judgement (id, study_id, gemeente_id, casus_id, indicator, final, motivation, updated_at) "
        "VALUES ('j1', :s, 'g1', 'c1', 4, 'positief', 'oud oordeel', '2026-02-01')",
        "INSERT INTO judgement (id, study_id, gemeente_id, casus_id, indicator, final, motivation, updated_at) "
        "VALUES ('j2', :s, 'g2', 'c2', 4, 'negatief', 'nieuw oordeel', '2026-03-01')",
        "INSERT INTO finding (id, gemeente_id, kind, heading) VALUES ('f2', 'g2', 'beter', 'Kop')",
    ]
    for sql in rows:
        conn.execute(sql, {"s": study_id})
    conn.commit()
    conn.close()
    return {"study": study_id}


def test_migration_merges_duplicates_and_journals_what_it_merged(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    _old_database_with_duplicates(path)
    store = Store.open(path)
    assert [g["id"] for g in store.gemeenten(store.studies()[0]["id"])] == ["g1"]  # the oldest
    assert [c["id"] for c in store.casussen("g1")] == ["c1"]
    interview = store.interview("i2")
    assert (interview["gemeente_id"], interview["casus_id"]) == ("g1", "c1")
    judgements = store._rows("SELECT id, final, gemeente_id, casus_id FROM judgement")
    assert judgements == [{"id": "j2", "final": "negatief", "gemeente_id": "g1", "casus_id": "c1"}]  # the newest
    assert store._rows("SELECT gemeente_id FROM finding") == [{"gemeente_id": "g1"}]
    merged = {(e["entity"], json.loads(e["old"])["id"]): json.loads(e["old"]) for e in store.journal()
              if e["action"] == "samengevoegd"}
    # Every merged-away value is in the journal: the second size and nazorg date, the older judgement.
    assert merged[("gemeente", "g2")]["size"] == "middel"
    assert merged[("gemeente", "g2")]["nazorg_date"] == "2027-06-01"
    assert merged[("casus", "c2")]["code"] == "D07"
    assert merged[("judgement", "j1")]["motivation"] == "oud oordeel"
    assert store.verify_journal() == []
    store.close()
    assert list(tmp_path.glob("db.sqlite.backup-*")), "a backup is written before the migration"
