"""The journal as the store's one door: rows and entries change together, the chain holds."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.journal import append
from interviewer.core.purge import purge
from interviewer.core.store import Store


@pytest.fixture
def store() -> Store:
    return Store.memory(actor="inspecteur-test")


def _study(store: Store, retention: str | None = None) -> tuple[str, str]:
    study = store.create_study("Onderzoek", "Regio", "lokaal-netwerk-na-veilig-thuis", retention_until=retention)
    return study, store.add_gemeente(study, "Venlo")


def _entries(store: Store, entity: str) -> list[dict[str, object]]:
    return [e for e in store.journal() if e["entity"] == entity]


def test_structure_is_journaled_with_its_content(store: Store) -> None:
    study, gemeente = _study(store)
    casus = store.add_casus(gemeente, "G1-D01")
    assert [e["entity"] for e in store.journal()] == ["study", "gemeente", "casus"]
    (entry,) = _entries(store, "casus")
    assert entry["entity_id"] == casus
    assert json.loads(str(entry["new"]))["code"] == "G1-D01"
    assert store.journal.verify() == []


def test_same_gemeente_and_casus_get_the_same_id_on_every_laptop() -> None:
    one, other = Store.memory(), Store.memory()
    for store in (one, other):
        store.db.execute("INSERT INTO study (id, title) VALUES ('s', 'Onderzoek')")
    assert one.add_gemeente("s", "Venlo") == other.add_gemeente("s", "Venlo")
    assert one.add_gemeente("s", "Venlo") != one.add_gemeente("s", "Horst")
    gemeente = one.add_gemeente("s", "Venlo")
    assert one.add_casus(gemeente, "G1-D01") == other.add_casus(other.add_gemeente("s", "Venlo"), "G1-D01")


def test_update_journals_only_real_changes_and_never_updated_at(store: Store) -> None:
    _, gemeente = _study(store)
    store.journal.insert("finding", {"id": "f1", "gemeente_id": gemeente, "kind": "conclusie",
                                     "text": "Eerst", "position": 1, "updated_at": "2020-01-01"})
    old = store.journal.update("finding", "f1", {"text": "Later", "position": 1, "updated_at": "x"})
    assert old == {"text": "Eerst", "position": 1, "updated_at": "2020-01-01"}
    row = store.db.table("finding").get("f1")
    assert row["text"] == "Later" and row["updated_at"] not in ("x", "2020-01-01")
    created, changed = _entries(store, "finding")
    assert "updated_at" not in json.loads(str(created["new"]))
    assert (json.loads(str(changed["old"])), json.loads(str(changed["new"]))) == ({"text": "Eerst"}, {"text": "Later"})
    store.journal.update("finding", "f1", {"text": "Later"})
    assert len(_entries(store, "finding")) == 2  # nothing changed, nothing journaled


def test_delete_journals_the_last_content(store: Store) -> None:
    _, gemeente = _study(store)
    store.journal.insert("finding", {"id": "f1", "gemeente_id": gemeente, "kind": "conclusie", "text": "Weg"})
    store.journal.delete("finding", "f1")
    assert store.db.table("finding").count == 0
    last = _entries(store, "finding")[-1]
    assert last["action"] == "verwijder" and last["new"] is None
    assert json.loads(str(last["old"]))["text"] == "Weg"
    with pytest.raises(KeyError):
        store.journal.delete("finding", "f1")


def test_a_failed_write_leaves_neither_row_nor_entry(store: Store) -> None:
    _, gemeente = _study(store)
    before = store.journal.head()
    with pytest.raises(Exception, match="UNIQUE|constraint"):
        store.journal.insert("gemeente", {"id": gemeente, "study_id": "s", "name": "Dubbel"})
    assert store.journal.head() == before


def test_entries_chain_over_purged_stubs(store: Store) -> None:
    study, gemeente = _study(store, retention="2020-01-01")
    interview = store.create_interview(
        study_id=study, gemeente_id=gemeente, casus_id=None, role="casusregisseur",
        questionset_id="casusregisseur", questionset_version=1, organisation="Wijkteam",
        respondent_code="G1-D01-R1", consent_text="Akkoord?")
    store.save_answer(interview, AnswerRecord(question_id="q1", status=AnswerStatus.BEANTWOORD, value="ja"),
                      cursor=None)
    newest = store.journal.head()
    purge(store, date(2021, 1, 1))
    # The purged answer was the newest entry: the purge's own entry follows its stub.
    after = store.journal.head()
    assert after.rseq == newest.rseq + 1 and after.count == newest.count + 1
    purge_entry = store.journal()[-1]
    assert purge_entry["prev_hash"] == newest.hash
    store.journal.update("gemeente", gemeente, {"nazorg_date": "2021-03-01"}, action="nazorg")
    assert store.journal.verify() == []
    assert store.journal.head().count == after.count + 1


def test_old_private_name_still_journals(store: Store) -> None:
    study, _ = _study(store)
    with store.transaction():
        store._journal("study", study, "test", None, {"x": 1})
    assert store.journal()[-1]["action"] == "test"
    assert store.verify_journal() == []


def _old_database(path: Path) -> None:
    """A database as the previous version left it: one chain in seq order, a purged stub in the middle."""
    import sqlite_utils

    from interviewer.core import store as store_module

    db = sqlite_utils.Database(path)
    for name, step in store_module._STEPS:
        if name >= "0050":
            break
        step(db)
        db.execute("CREATE TABLE IF NOT EXISTS _sqlite_migrations (migration_set TEXT, name TEXT, applied_at TEXT)")
        db.execute("INSERT INTO _sqlite_migrations VALUES ('interviewer', ?, '2026-01-01')", [name])
    db.execute(f"PRAGMA application_id = {store_module.APPLICATION_ID}")
    for n in range(5):
        append(db, "inspecteur", "answer", f"q{n}", "nieuw", None, {"value": n}, interview_id="i1",
               question_id=f"q{n}")
    db.execute("INSERT INTO journal_purged (seq, prev_hash, hash, purged_at) "
               "SELECT seq, prev_hash, hash, 'x' FROM journal WHERE seq = 3")
    db.execute("DROP TRIGGER journal_no_delete")
    db.execute("DELETE FROM journal WHERE seq = 3")
    db.conn.commit()
    db.close()


def test_an_old_database_keeps_its_chain_and_gains_identity(tmp_path: Path) -> None:
    path = tmp_path / "oud.db"
    _old_database(path)
    old_hashes = [r[0] for r in sqlite3.connect(path).execute("SELECT hash FROM journal ORDER BY seq")]
    store = Store.open(path, actor="inspecteur")
    assert list(tmp_path.glob("oud.db.backup-*")), "a backup is made before the migration"
    rows = store.journal()
    assert [r["hash"] for r in rows] == old_hashes
    assert [r["rseq"] for r in rows] == [1, 2, 4, 5]
    assert {r["replica"] for r in rows} == {store.journal.replica}
    assert all(r["id"] and r["author"] and r["version"] == 1 for r in rows)
    assert rows[0]["field"] == "_exists,value"
    stub = store.db.execute("SELECT replica, rseq, id FROM journal_purged").fetchone()
    assert stub[0] == store.journal.replica and stub[1] == 3 and stub[2]
    # Old entries still verify; a new one continues the same chain as version 2.
    store.journal.record("answer", "q9", "nieuw", None, {"value": 9}, interview_id="i1", question_id="q9")
    assert store.journal.verify() == []
    newest = store.journal()[-1]
    assert (newest["rseq"], newest["version"], newest["prev_hash"]) == (6, 2, old_hashes[-1])
    assert store.journal.head().count == 6


def test_every_entry_has_identity_and_a_stable_author(store: Store) -> None:
    study, _ = _study(store)
    entries = store.journal()
    assert [e["rseq"] for e in entries] == [1, 2]
    assert len({e["id"] for e in entries}) == 2
    assert {e["author"] for e in entries} == {store.journal.author}
    assert store.journal.author != "inspecteur-test"  # an id, not the display name
    named = store.db.execute("SELECT name FROM author WHERE id = ?", [store.journal.author]).fetchone()
    assert named[0] == "inspecteur-test"
    other = Store.memory(actor="inspecteur-test")
    assert other.journal.replica != store.journal.replica
    assert other.journal.author != store.journal.author  # same name on another laptop: another author


def test_editing_an_identity_column_is_detected(store: Store) -> None:
    _study(store)
    store.db.execute("DROP TRIGGER journal_no_update")
    store.db.execute("UPDATE journal SET author = 'iemand-anders' WHERE rseq = 2")
    assert any("gewijzigd" in p for p in store.journal.verify())
