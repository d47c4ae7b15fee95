"""`interviewer bundle` and `interviewer merge` from the command line: Dutch, exit 1 on refusal."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interviewer.cli import main
from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.store import Store


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.setattr("sys.argv", ["interviewer", *args])
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def laptop(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    store = Store.open(path, actor="anna")
    study = store.create_study("Onderzoek", "Limburg", "lokaal-netwerk-na-veilig-thuis")
    gemeente = store.add_gemeente(study, "Venlo")
    interview = store.create_interview(
        study_id=study, gemeente_id=gemeente, casus_id=None, role="casusregisseur",
        questionset_id="casusregisseur", questionset_version=1, organisation="Wijkteam",
        respondent_code="G1-D01-R1", consent_text="Akkoord?")
    store.save_answer(interview, AnswerRecord(question_id="q1", status=AnswerStatus.BEANTWOORD, value="ja"),
                      cursor=None)
    store.close()
    return path


def test_bundle_then_merge_twice(laptop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INTERVIEWER_PASSPHRASE", raising=False)
    code, out = run(capsys, monkeypatch, "--db", str(laptop), "bundle", "-o", str(tmp_path / "a.bundel"))
    assert code == 0 and "bundel geschreven" in out and "sha256" in out
    other = tmp_path / "b.db"
    code, out = run(capsys, monkeypatch, "--db", str(other), "merge", str(tmp_path / "a.bundel"))
    assert code == 0 and "nieuwe regels" in out and "0 nieuwe conflicten" in out
    code, out = run(capsys, monkeypatch, "--db", str(other), "merge", str(tmp_path / "a.bundel"))
    assert code == 0 and "niets nieuws" in out
    assert sqlite3.connect(other).execute("SELECT value FROM answer").fetchone() == ('"ja"',)


def test_a_folder_gets_a_name_that_says_whose_bundle_it_is(
        laptop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    code, _ = run(capsys, monkeypatch, "--db", str(laptop), "bundle", "-o", str(folder))
    (written,) = folder.glob("interviewer-*.bundel")
    assert code == 0 and written.stat().st_mode & 0o777 == 0o600


def test_a_refused_bundle_is_one_dutch_line_and_exit_1(
        laptop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "a.bundel"
    run(capsys, monkeypatch, "--db", str(laptop), "bundle", "-o", str(bundle))
    with sqlite3.connect(bundle) as conn:
        conn.execute("UPDATE entry SET new = '{}' WHERE entity = 'answer'")
    code, out = run(capsys, monkeypatch, "--db", str(tmp_path / "b.db"), "merge", str(bundle),
                    str(tmp_path / "bestaat-niet.bundel"))
    assert code == 1
    assert "gewijzigd" in out and "niet gevonden" in out and "2 van 2 bundels geweigerd" in out
    assert "Traceback" not in out
    code, out = run(capsys, monkeypatch, "--db", str(laptop), "bundle", "-o", str(tmp_path / "nergens" / "x"))
    assert code == 1 and "map bestaat niet" in out
