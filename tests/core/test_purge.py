"""Retention purge: deletes exactly the raw data of expired studies, logs counts, keeps the rest."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from interviewer.cli import cli
from interviewer.cli.common import UserError
from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.integrity import check_database
from interviewer.core.purge import PurgeError, deletion_log, find_study, purge, set_retention
from interviewer.core.review import Finding, save_finding, save_judgement
from interviewer.core.store import Store

TODAY = date(2030, 6, 1)


def _study(store: Store, title: str, retention: str | None, answers: int) -> str:
    study = store.create_study(title, "Regio", "lokaal-netwerk-na-veilig-thuis", retention_until=retention)
    gemeente = store.add_gemeente(study, f"Gemeente {title}")
    casus = store.add_casus(gemeente, "G1-D01")
    interview = store.create_interview(
        study_id=study, gemeente_id=gemeente, casus_id=casus, role="casusregisseur",
        questionset_id="casusregisseur", questionset_version=1, organisation="Wijkteam",
        respondent_code=f"{title}-R1", consent_text="Akkoord?")
    for n in range(answers):
        store.save_answer(interview, AnswerRecord(
            question_id=f"q{n}", status=AnswerStatus.BEANTWOORD, value=f"geheim antwoord {title} {n}",
            remark="opmerking met details" if n % 2 == 0 else None), cursor=f"q{n + 1}")
    save_judgement(store, study_id=study, gemeente_id=gemeente, indicator=1, level="casus", unit=casus,
                   final="positief", motivation=f"Motivering {title}")
    save_finding(store, Finding(gemeente_id=gemeente, kind="goed", theme="veiligheid", text=f"Bevinding {title}",
                                heading="Kop", evidence=[{"interview_id": interview, "question_id": "q0"}]))
    return study


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "db.sqlite", actor="inspecteur-test")
    # Expired, with the newest journal events: purging them exercises the chain's tail.
    _study(store, "Oud", "2030-01-01", answers=3)
    _study(store, "Nieuw", "2031-01-01", answers=2)
    _study(store, "Zonder", None, answers=1)
    _study(store, "Ook oud", "2029-12-31", answers=4)
    return store


def _count(store: Store, sql: str, *args: object) -> int:
    return int(store.db.execute(sql, list(args)).fetchone()[0])


def _study_id(store: Store, title: str) -> str:
    return str(find_study(store, title)["id"])


def test_dry_run_reports_and_changes_nothing(store: Store) -> None:
    before = {t: _count(store, f"SELECT count(*) FROM {t}") for t in ("answer", "journal", "deletion_log")}
    report = purge(store, TODAY, dry_run=True)
    assert [p.title for p in report.purged] == ["Oud", "Ook oud"]
    oud = report.purged[0]
    assert oud.counts == {"antwoorden": 3, "opmerkingen": 2, "journaalregels": 4, "respondentcodes": 1}
    assert any("zou verwijderen" in line for line in report.lines())
    assert any("'Zonder' heeft geen bewaartermijn" in line for line in report.lines())
    after = {t: _count(store, f"SELECT count(*) FROM {t}") for t in ("answer", "journal", "deletion_log")}
    assert before == after


def test_purge_deletes_only_expired_raw_data_and_keeps_judgements(store: Store) -> None:
    judgements, findings = _count(store, "SELECT count(*) FROM judgement"), _count(store, "SELECT count(*) FROM finding")
    report = purge(store, TODAY)
    assert {p.title for p in report.purged} == {"Oud", "Ook oud"}
    for title in ("Oud", "Ook oud"):
        study = _study_id(store, title)
        inner = "SELECT id FROM interview WHERE study_id = ?"
        assert _count(store, f"SELECT count(*) FROM answer WHERE interview_id IN ({inner})", study) == 0
        assert _count(store, f"SELECT count(*) FROM journal WHERE interview_id IN ({inner})", study) == 0
        assert _count(store, "SELECT count(*) FROM interview WHERE study_id = ? AND respondent_code IS NOT NULL", study) == 0
        assert _count(store, "SELECT count(*) FROM interview WHERE study_id = ?", study) == 1
        assert store.study(study)["purged_at"]
    for title, answers in (("Nieuw", 2), ("Zonder", 1)):
        study = _study_id(store, title)
        inner = "SELECT id FROM interview WHERE study_id = ?"
        assert _count(store, f"SELECT count(*) FROM answer WHERE interview_id IN ({inner})", study) == answers
        assert _count(store, "SELECT count(*) FROM interview WHERE study_id = ? AND respondent_code IS NOT NULL", study) == 1
    assert _count(store, "SELECT count(*) FROM judgement") == judgements
    assert _count(store, "SELECT count(*) FROM finding") == findings
    assert _count(store, "SELECT count(*) FROM answer WHERE value LIKE '%Oud%'") == 0


def test_deletion_log_holds_counts_never_content(store: Store) -> None:
    purge(store, TODAY)
    log = deletion_log(store)
    assert {(r["study_title"], r["what"], r["count"]) for r in log} >= {
        ("Oud", "antwoorden", 3), ("Oud", "opmerkingen", 2), ("Oud", "journaalregels", 4),
        ("Oud", "respondentcodes", 1), ("Ook oud", "antwoorden", 4)}
    text = repr(log)
    assert "geheim" not in text and "opmerking met" not in text and "R1" not in text


def test_journal_stays_append_only_and_verifiable_after_purge(store: Store) -> None:
    purge(store, TODAY)
    assert check_database(store) == []
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute("DELETE FROM journal WHERE seq = (SELECT min(seq) FROM journal)")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute("UPDATE journal SET actor = 'x'")
    # Work after the purge still chains on, and another purge changes nothing.
    study = _study_id(store, "Nieuw")
    interview = store.interviews(study)[0]["id"]
    store.save_answer(interview, AnswerRecord(question_id="extra", status=AnswerStatus.WEET_NIET), cursor=None)
    assert purge(store, TODAY).purged == []
    assert check_database(store) == []


def test_deleting_a_journal_event_without_purge_is_still_detected(store: Store) -> None:
    purge(store, TODAY)
    store.db.execute("DROP TRIGGER journal_no_delete")
    store.db.execute("DELETE FROM journal WHERE seq = (SELECT min(seq) FROM journal)")
    assert any("sluit niet aan" in p for p in store.verify_journal())


def test_purge_is_atomic_when_the_journal_is_unprotected(store: Store) -> None:
    store.db.execute("DROP TRIGGER journal_no_delete")
    answers = _count(store, "SELECT count(*) FROM answer")
    with pytest.raises(Exception, match="niet beveiligd"):
        purge(store, TODAY)
    assert _count(store, "SELECT count(*) FROM answer") == answers


def test_set_retention_by_title_and_id_prefix(store: Store) -> None:
    study = set_retention(store, "zonder", date(2020, 1, 1))
    assert study["retention_until"] == "2020-01-01"
    assert set_retention(store, str(study["id"])[:8], date(2021, 2, 3))["retention_until"] == "2021-02-03"
    with pytest.raises(PurgeError, match="onbekend onderzoek"):
        find_study(store, "bestaat niet")
    assert store.verify_journal() == []


def test_cli_set_retention_dry_run_purge_and_log(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    store = Store.open(db, actor="t")
    _study(store, "Venlo 2024", None, answers=2)
    store.close()

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, ["--db", str(db), "purge", *args], standalone_mode=False)
        if result.exception:
            raise result.exception
        return result.output

    assert "bewaartermijn van 'Venlo 2024' is nu 2000-01-01" in run("--set-retention", "venlo 2024", "2000-01-01")
    assert "zou verwijderen: 2 antwoorden" in run("--dry-run")
    assert "verwijderd: 2 antwoorden, 1 opmerkingen" in run()
    assert "geen onderzoeken" in run()
    assert "2 antwoorden" in run("--log")
    with pytest.raises(UserError, match="geen datum"):
        run("--set-retention", "Venlo 2024", "1-1-2000")
    with pytest.raises(UserError, match="alleen samen met --dry-run"):
        run("--peildatum", "2040-01-01")
