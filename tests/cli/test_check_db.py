"""`interviewer check --db`: an intact database passes; every kind of tampering is reported."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interviewer.cli import cli
from interviewer.cli.common import UserError
from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _filled_db(path: Path) -> Path:
    store = Store.open(path, actor="inspecteur-test")
    study = store.create_study("Test", "Regio", "lokaal-netwerk-na-veilig-thuis")
    gemeente = store.add_gemeente(study, "Testdorp")
    interview = store.create_interview(
        study_id=study, gemeente_id=gemeente, casus_id=None, role="casusregisseur",
        questionset_id="casusregisseur", questionset_version=1, organisation="Wijkteam",
        respondent_code="G1-D01-R1", consent_text="Akkoord?")
    store.save_answer(interview, AnswerRecord(question_id="q1", status=AnswerStatus.BEANTWOORD, value="ja"), cursor="q2")
    store.save_answer(interview, AnswerRecord(question_id="q2", status=AnswerStatus.BEANTWOORD, value="eerst"), cursor="q3")
    store.save_answer(interview, AnswerRecord(question_id="q2", status=AnswerStatus.BEANTWOORD, value="later"), cursor="q3")
    store.close()
    return path


def _tampered(original: Path, target: Path, *statements: str) -> Path:
    """A copy of `original` changed behind the application's back (triggers dropped)."""
    shutil.copy(original, target)
    conn = sqlite3.connect(target)
    with conn:
        conn.execute("DROP TRIGGER IF EXISTS journal_no_update")
        conn.execute("DROP TRIGGER IF EXISTS journal_no_delete")
        for statement in statements:
            conn.execute(statement)
    conn.close()
    return target


def check(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(cli, list(args), standalone_mode=False)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return _filled_db(tmp_path / "goed.db")


def test_intact_database_passes(good: Path) -> None:
    result = check("check", "--db", str(good))
    assert result.exception is None, result.output
    assert "in orde" in result.output


def test_bare_db_flag_uses_the_global_option_and_the_environment(good: Path, tmp_path: Path) -> None:
    assert check("--db", str(good), "check", "--db").exception is None
    assert check("check", "--db", env={"INTERVIEWER_DB": str(good)}).exception is None
    result = check("check", "--db", env={"INTERVIEWER_DB": str(tmp_path / "nergens.db")})
    assert isinstance(result.exception, UserError)
    assert "bestaat niet" in str(result.exception)
    assert not (tmp_path / "nergens.db").exists()


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        (["UPDATE journal SET new = replace(new, 'eerst', 'anders') WHERE new LIKE '%eerst%'"], "is gewijzigd"),
        (["DELETE FROM journal WHERE seq = (SELECT min(seq) FROM journal WHERE entity = 'answer')"],
         "sluit niet aan"),
        (["UPDATE answer SET value = '\"vervalst\"' WHERE question_id = 'q1'"], "wijkt af van de laatste journaalregel"),
        (["DELETE FROM journal WHERE seq = (SELECT max(seq) FROM journal)"], "wijkt af"),
        (["DELETE FROM answer WHERE question_id = 'q1'"], "het antwoord ontbreekt"),
        ([], "beveiliging 'journal_no_update' ontbreekt"),
    ],
)
def test_tampering_is_reported_in_dutch_with_exit_1(good: Path, tmp_path: Path,
                                                     statements: list[str], expected: str) -> None:
    bad = _tampered(good, tmp_path / "fout.db", *statements)
    result = check("check", "--db", str(bad))
    assert isinstance(result.exception, UserError), result.output
    assert expected in result.output
    assert "gevonden" in str(result.exception)


def test_recreated_triggers_and_intact_content_pass_again(good: Path, tmp_path: Path) -> None:
    bad = _tampered(good, tmp_path / "fout.db")
    conn = sqlite3.connect(bad)
    conn.execute("CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'x'); END")
    conn.execute("CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'x'); END")
    conn.commit()
    conn.close()
    assert check("check", "--db", str(bad)).exception is None


def test_corrupt_page_is_reported_by_the_real_command(good: Path, tmp_path: Path) -> None:
    bad = tmp_path / "kapot.db"
    shutil.copy(good, bad)
    conn = sqlite3.connect(bad)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'answer'").fetchone()[0]
    conn.close()
    with bad.open("r+b") as handle:  # scribble over the answer table's b-tree page
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * 64)
    result = subprocess.run([sys.executable, "-m", "interviewer", "check", "--db", str(bad)],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert "beschadigd" in result.stdout + result.stderr or "integriteit" in result.stdout
    assert "Traceback" not in result.stderr
