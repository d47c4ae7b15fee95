"""A purge never reports success while the deleted text is still readable in the file.

Another connection reading an older snapshot keeps SQLite from copying the purged (zeroed)
pages back into the database file: the purge then says so, exits 1, and a later purge,
once that reader is gone, finishes the wipe.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner, Result

from interviewer.cli import cli
from interviewer.cli.common import UserError
from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.store import Store

SECRET = b"GEHEIME-ANTWOORDTEKST"


def _database(path: Path) -> None:
    store = Store.open(path, actor="test")
    study = store.create_study("Oud", "Regio", "lokaal-netwerk-na-veilig-thuis", retention_until="2020-01-01")
    gemeente = store.add_gemeente(study, "Venlo")
    interview = store.create_interview(
        study_id=study, gemeente_id=gemeente, casus_id=None, role="casusregisseur",
        questionset_id="casusregisseur", questionset_version=1, organisation="Wijkteam",
        respondent_code="G1-D01-R1", consent_text="Akkoord?")
    for n in range(20):
        store.save_answer(interview, AnswerRecord(question_id=f"q{n}", status=AnswerStatus.BEANTWOORD,
                                                  value=f"{SECRET.decode()} {n}"), cursor=None)
    store.close()


def _readable(path: Path) -> int:
    """How often the secret can be read in the database file and its WAL."""
    return sum(p.read_bytes().count(SECRET) for p in (path, Path(f"{path}-wal")) if p.exists())


def _purge(path: Path) -> Result:
    return CliRunner().invoke(cli, ["--db", str(path), "purge"], standalone_mode=False)


def test_purge_with_another_reader_says_the_wipe_is_not_done_then_finishes_it(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    _database(path)
    assert _readable(path) >= 20
    reader = sqlite3.connect(path)  # another window, in the middle of reading
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM answer").fetchone()

    held = _purge(path)
    assert isinstance(held.exception, UserError), held.output
    assert "NIET uit het bestand gewist" in held.output and "niet af:" in held.output
    assert _readable(path) > 0  # which is exactly what the message says

    reader.rollback()
    reader.close()
    finished = _purge(path)
    assert finished.exception is None, finished.output
    assert "niet af" not in finished.output
    assert _readable(path) == 0
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def test_purge_without_other_readers_wipes_at_once(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    _database(path)
    idle = sqlite3.connect(path)  # open but not reading: it does not hold the wipe back
    idle.execute("SELECT 1").fetchone()
    result = _purge(path)
    idle.close()
    assert result.exception is None, result.output
    assert "verwijderd: 20 antwoorden" in result.output
    assert _readable(path) == 0


def test_a_reader_on_pending_changes_makes_the_purge_refuse_before_deleting(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    _database(path)
    writer = Store.open(path)  # leaves frames in the WAL for the reader's snapshot
    writer.create_study("Nieuw", "Regio", "lokaal-netwerk-na-veilig-thuis")
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM answer").fetchone()
    writer.create_study("Nog nieuwer", "Regio", "lokaal-netwerk-na-veilig-thuis")
    result = _purge(path)
    assert isinstance(result.exception, UserError)
    assert "Er is niets verwijderd" in str(result.exception)
    assert writer._rows("SELECT count(*) AS n FROM answer")[0]["n"] == 20
    reader.rollback()
    reader.close()
    writer.close()


def test_purge_names_the_backups_it_does_not_wipe(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    _database(path)
    backup = tmp_path / "db.sqlite.backup-20260101T000000"
    backup.write_bytes(path.read_bytes())
    result = _purge(path)
    assert result.exception is None, result.output
    assert f"reservekopie {backup.name} kan nog gegevens bevatten" in result.output
    assert backup.read_bytes().count(SECRET) > 0  # untouched, as the message says
