"""Encryption at rest: an SQLCipher database round-trips, is unreadable without the passphrase,
and its pre-migration backups stay encrypted."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.integrity import check_database
from interviewer.core.models import QuestionSet
from interviewer.core.session import InterviewSession
from interviewer.core.store import APPLICATION_ID, MIGRATIONS, Store, StoreError

from .conftest import new_interview

pytest.importorskip("sqlcipher3")

PASS = "correct paard batterij niet'ster"  # a quote inside: the key must be escaped properly
SECRET = "mevrouw vertelde over de overdracht"


def _assert_unreadable_in_plain_sqlite(path: Path) -> None:
    assert SECRET.encode() not in path.read_bytes()
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def test_round_trip_with_a_session(tmp_path: Path, routed_set: QuestionSet) -> None:
    path = tmp_path / "geheim.db"
    store = Store.open(path, actor="t", passphrase=PASS)
    interview = new_interview(store, routed_set)
    session = InterviewSession(store, interview, routed_set)
    assert session.submit("nee").saved
    assert session.submit(SECRET).saved
    store.close()
    for extra in ("", "-wal"):
        if Path(f"{path}{extra}").exists():
            assert SECRET.encode() not in Path(f"{path}{extra}").read_bytes()
    _assert_unreadable_in_plain_sqlite(path)

    again = Store.open(path, actor="t", passphrase=PASS)
    assert again.answers(interview)["q3"].value == SECRET
    assert check_database(again) == []
    resumed = InterviewSession(again, interview, routed_set)
    assert resumed.current is not None and resumed.current.id == session.current.id  # type: ignore[union-attr]
    again.close()


def test_wrong_or_missing_passphrase_gives_a_dutch_error(tmp_path: Path) -> None:
    path = tmp_path / "geheim.db"
    Store.open(path, passphrase=PASS).close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="wachtzin onjuist"):
        Store.open(path, passphrase="fout")
    with pytest.raises(StoreError, match="versleuteld"):
        Store.open(path)
    with pytest.raises(StoreError, match="lege wachtzin"):
        Store.open(path, passphrase="")
    assert path.read_bytes() == before


def test_plain_database_is_not_opened_as_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "gewoon.db"
    Store.open(path).close()
    with pytest.raises(StoreError, match="niet versleuteld"):
        Store.open(path, passphrase=PASS)


def test_write_errors_from_sqlcipher_become_store_errors(tmp_path: Path, routed_set: QuestionSet) -> None:
    path = tmp_path / "geheim.db"
    store = Store.open(path, passphrase=PASS)
    interview = new_interview(store, routed_set)
    from sqlcipher3 import dbapi2

    other = dbapi2.connect(str(path), isolation_level=None)
    other.execute(f"PRAGMA key = '{PASS.replace(chr(39), chr(39) * 2)}'")
    other.execute("BEGIN IMMEDIATE")
    store.db.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(StoreError, match="bezet"):
            store.save_answer(interview, AnswerRecord(question_id="q1", status=AnswerStatus.WEET_NIET), cursor=None)
    finally:
        other.execute("ROLLBACK")
        other.close()
        store.close()


def test_backup_before_migration_stays_encrypted(tmp_path: Path) -> None:
    from sqlcipher3 import dbapi2

    path = tmp_path / "oud.db"
    # A database from an older version: encrypted, all but the newest migration applied.
    conn = dbapi2.connect(str(path))
    conn.execute(f"PRAGMA key = '{PASS.replace(chr(39), chr(39) * 2)}'")
    old = sqlite_utils.Database(conn)
    MIGRATIONS.apply(old, stop_before=MIGRATIONS._migrations[-1].name)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.table("study").insert({"id": "s1", "title": SECRET})
    conn.commit()
    conn.close()

    store = Store.open(path, passphrase=PASS)
    assert store.studies()[0]["title"] == SECRET
    store.close()
    backups = list(tmp_path.glob("oud.db.backup-*"))
    assert len(backups) == 1
    _assert_unreadable_in_plain_sqlite(backups[0])
    # ...and it opens with the same passphrase, holding the pre-migration state.
    restored = dbapi2.connect(str(backups[0]))
    restored.execute(f"PRAGMA key = '{PASS.replace(chr(39), chr(39) * 2)}'")
    assert restored.execute("SELECT title FROM study").fetchall() == [(SECRET,)]
    assert restored.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    applied = {r[0] for r in restored.execute("SELECT name FROM _sqlite_migrations")}
    assert MIGRATIONS._migrations[-1].name not in applied
    restored.close()


def test_cli_opens_with_the_environment_passphrase_and_check_verifies(tmp_path: Path) -> None:
    path = tmp_path / "geheim.db"
    store = Store.open(path, passphrase=PASS)
    store.create_study("Studie", "Regio", "kader")
    store.close()
    root = Path(__file__).resolve().parents[2]

    def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        import os

        return subprocess.run([sys.executable, "-m", "interviewer", *args], capture_output=True, text=True,
                              cwd=root, timeout=60, env={**os.environ, **env})

    ok = run("--db", str(path), "check", "--db", env={"INTERVIEWER_PASSPHRASE": PASS})
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "in orde" in ok.stdout
    wrong = run("--db", str(path), "check", "--db", env={"INTERVIEWER_PASSPHRASE": "fout"})
    assert wrong.returncode == 1
    assert "wachtzin onjuist" in wrong.stderr
    assert "ERROR" not in wrong.stderr and "Traceback" not in wrong.stderr  # no SQLCipher log noise


def test_versleuteld_flag_asks_the_passphrase_hidden_and_twice_for_a_new_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from interviewer.cli import cli

    path = tmp_path / "nieuw.db"
    runner = CliRunner(env={"INTERVIEWER_PASSPHRASE": None})
    # A real purge (a dry run creates nothing): on a new file it creates the database and deletes nothing.
    created = runner.invoke(cli, ["--db", str(path), "--versleuteld", "purge"],
                            input=f"{PASS}\n{PASS}\n", standalone_mode=False)
    assert created.exception is None, created.output
    assert "Herhaal de wachtzin" in created.output and PASS not in created.output
    _assert_unreadable_in_plain_sqlite(path)
    reopened = runner.invoke(cli, ["--db", str(path), "--encrypted", "purge", "--dry-run"],
                             input=f"{PASS}\n", standalone_mode=False)
    assert reopened.exception is None, reopened.output
    assert "Herhaal" not in reopened.output
    wrong = runner.invoke(cli, ["--db", str(path), "--versleuteld", "purge", "--dry-run"],
                          input="fout\n", standalone_mode=False)
    assert "wachtzin onjuist" in str(wrong.exception)
