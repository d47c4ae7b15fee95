"""The journal as the store's one door: rows and entries change together, the chain holds."""

from __future__ import annotations

import json
from datetime import date

import pytest

from interviewer.core.answers import AnswerRecord, AnswerStatus
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
    assert after.seq == newest.seq + 1 and after.count == newest.count + 1
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
