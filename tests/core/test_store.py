"""The store on a real file: durability pragmas, permissions, refusals, migrations, journal."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
import sqlite_utils

from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.models import QuestionSet
from interviewer.core.session import InterviewSession
from interviewer.core.store import APPLICATION_ID, MIGRATIONS, Store, StoreError

from .conftest import new_interview


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_durability_pragmas(file_store: Store) -> None:
    assert file_store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert file_store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert file_store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_files_are_owner_only(tmp_path: Path, routed_set: QuestionSet) -> None:
    os.umask(0o022)  # even with a permissive umask
    path = tmp_path / "sub" / "db.sqlite"
    store = Store.open(path)
    session = InterviewSession(store, new_interview(store, routed_set), routed_set)
    session.submit("ja")
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        assert name.exists() and _mode(name) == 0o600, name
    assert _mode(path.parent) == 0o700
    store.close()


def test_answer_survives_reopen_with_journal(tmp_path: Path, routed_set: QuestionSet) -> None:
    path = tmp_path / "db.sqlite"
    store = Store.open(path, actor="inspecteur-a")
    interview = new_interview(store, routed_set)
    session = InterviewSession(store, interview, routed_set)
    session.submit("ja")
    session.submit("1,2")
    session.back()
    session.back()
    result = session.submit("nee")
    assert result.saved and result.previous is not None and result.previous.value == "ja"
    store.close()

    reopened = Store.open(path)
    answers = reopened.answers(interview)
    assert answers["q1"].value == "nee" and answers["q2"].value == ["uitkomst", "plan"]
    rows = {r["question_id"]: r for r in reopened.answer_rows(interview)}
    assert rows["q2"]["off_route"] == 1 and rows["q1"]["off_route"] == 0
    changes = [e for e in reopened.journal(interview) if e["question_id"] == "q1"]
    assert [e["action"] for e in changes] == ["nieuw", "wijzig"]
    assert json.loads(changes[1]["old"])["value"] == "ja"
    assert json.loads(changes[1]["new"])["value"] == "nee"
    assert changes[1]["actor"] == "inspecteur-a"
    assert reopened.interview(interview)["cursor"] == "q3"
    assert reopened.verify_journal() == []
    reopened.close()


def test_unchanged_answer_writes_no_journal_event(file_store: Store, routed_set: QuestionSet) -> None:
    interview = new_interview(file_store, routed_set)
    session = InterviewSession(file_store, interview, routed_set)
    session.submit("ja")
    session.back()
    session.submit("1")
    assert len([e for e in file_store.journal(interview) if e["entity"] == "answer"]) == 1


def test_journal_is_append_only(file_store: Store, routed_set: QuestionSet) -> None:
    interview = new_interview(file_store, routed_set)
    InterviewSession(file_store, interview, routed_set).submit("ja")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        file_store.db.execute("UPDATE journal SET new = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        file_store.db.execute("DELETE FROM journal")


def test_tampered_journal_is_detected(file_store: Store, routed_set: QuestionSet) -> None:
    interview = new_interview(file_store, routed_set)
    session = InterviewSession(file_store, interview, routed_set)
    session.submit("ja")
    session.submit("1")
    file_store.db.execute("DROP TRIGGER journal_no_update")
    file_store.db.execute("UPDATE journal SET new = '{}' WHERE seq = 2")
    file_store.db.conn.commit()
    assert any("gewijzigd" in p for p in file_store.verify_journal())


def test_remark_quote_polarity_are_journaled(file_store: Store, routed_set: QuestionSet) -> None:
    interview = new_interview(file_store, routed_set)
    session = InterviewSession(file_store, interview, routed_set)
    session.submit("nee")
    session.submit("Het plan kwam niet mee.", remark="zie dossier p. 3")
    session.annotate("q3", quote=True, polarity="-")
    saved = file_store.answers(interview)["q3"]
    assert (saved.remark, saved.quote, saved.polarity) == ("zie dossier p. 3", True, "-")
    assert [e["action"] for e in file_store.journal(interview) if e["question_id"] == "q3"] == ["nieuw", "wijzig"]


def test_refusal_stores_nothing_about_the_respondent(file_store: Store, routed_set: QuestionSet) -> None:
    study = file_store.create_study("Test", "Regio", "kader")
    gemeente = file_store.add_gemeente(study, "Testdorp")
    refused = file_store.record_refusal(study_id=study, gemeente_id=gemeente, role="client",
                                        questionset_id="client", questionset_version=1)
    row = file_store.interview(refused)
    assert row["status"] == "geweigerd" and row["consent"] == 0
    assert row["respondent_code"] is None and row["organisation"] is None and row["casus_id"] is None


def test_refuses_foreign_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notities.db"
    path.write_bytes(b"dit is een tekstbestand\n")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="geen interviewer-database"):
        Store.open(path)
    assert path.read_bytes() == before


def test_refuses_other_programs_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "ander.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE adressen (naam TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="ander programma"):
        Store.open(path)
    assert path.read_bytes() == before


def test_refuses_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    Store.open(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="beschadigd"):
        Store.open(path)


def test_refuses_newer_version(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    store = Store.open(path)
    store.db.table("_sqlite_migrations").insert(
        {"migration_set": "interviewer", "name": "9999_toekomst", "applied_at": "2030-01-01"})
    store.close()
    with pytest.raises(StoreError, match="nieuwere versie"):
        Store.open(path)


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is een map"):
        Store.open(tmp_path)


def test_migration_writes_backup_first(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    # A database written by an older version: all but the last migration applied.
    old = sqlite_utils.Database(path)
    MIGRATIONS.apply(old, stop_before=MIGRATIONS._migrations[-1].name)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.table("study").insert({"id": "s1", "title": "Oud onderzoek"})
    old.conn.commit()
    old.close()
    store = Store.open(path)
    assert store.studies()[0]["title"] == "Oud onderzoek"
    store.close()
    backups = list(tmp_path.glob("db.sqlite.backup-*"))
    assert len(backups) == 1 and _mode(backups[0]) == 0o600
    backup = sqlite_utils.Database(backups[0])
    assert [r["title"] for r in backup.table("study").rows] == ["Oud onderzoek"]
    # Whatever the newest migration is, the backup holds the state from before it.
    applied = {r["name"] for r in backup.table("_sqlite_migrations").rows}
    assert MIGRATIONS._migrations[-1].name not in applied


def test_answer_record_round_trip_types(file_store: Store, routed_set: QuestionSet) -> None:
    interview = new_interview(file_store, routed_set)
    record = AnswerRecord(question_id="q5", status=AnswerStatus.BEANTWOORD, value=2.5)
    file_store.save_answer(interview, record, cursor="q6")
    assert file_store.answers(interview)["q5"] == record
