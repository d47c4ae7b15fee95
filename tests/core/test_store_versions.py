"""An interview keeps the vragenlijst version it was taken with.

The vragenlijst file is edited after an interview started: a question reworded and an
option's polarity flipped. Resuming, scoring and exporting that interview must use the
version its respondent answered, and the inspector is told a newer version exists.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from interviewer.core.catalog import Catalog
from interviewer.core.export_data import answer_rows
from interviewer.core.models import QuestionSet
from interviewer.core.questionset_versions import content_hash, versions_in_use
from interviewer.core.scoring import score_gemeente
from interviewer.core.session import InterviewSession
from interviewer.core.store import Store

from .conftest import ROUTED_SET, new_interview

OLD_TEXT = ROUTED_SET["sections"][0]["questions"][0]["text"]
NEW_TEXT = "Heeft u de overdracht op papier gekregen?"


def _edited() -> QuestionSet:
    """Version 2: q1 reworded, and 'ja' now counts against the norm."""
    data: dict[str, Any] = copy.deepcopy(ROUTED_SET)
    data["version"] = 2
    q1 = data["sections"][0]["questions"][0]
    q1["text"] = NEW_TEXT
    q1["options"][0]["polarity"] = "-"
    return QuestionSet.model_validate(data)


def _catalog(shipped: Catalog, qs: QuestionSet) -> Catalog:
    return Catalog(frameworks=dict(shipped.frameworks), questionsets={qs.id: qs})


def test_resume_scoring_and_export_use_the_version_the_interview_was_taken_with(
        tmp_path: Path, routed_set: QuestionSet, shipped: Catalog) -> None:
    path = tmp_path / "db.sqlite"
    store = Store.open(path)
    interview = new_interview(store, routed_set)
    session = InterviewSession(store, interview, routed_set)
    assert session.pinned.newer is None and session.pinned.notice() is None
    session.submit("ja")
    store.close()

    edited = _edited()
    store = Store.open(path)
    resumed = InterviewSession(store, interview, edited)  # the app now ships version 2
    assert resumed.qs.version == 1 and resumed.qs.question("q1").text == OLD_TEXT
    assert resumed.pinned.newer is edited
    notice = resumed.pinned.notice()
    assert notice is not None and "nieuwere versie" in notice and "versie 2" in notice and "versie 1" in notice

    catalog = _catalog(shipped, edited)
    gemeente = store.interview(interview)["gemeente_id"]
    evidence = [e for e in score_gemeente(store, catalog, gemeente).evidence if e.question_id == "q1"]
    assert evidence and {e.polarity for e in evidence} == {"+"}  # as version 1 scored 'ja'

    (row,) = [r for r in answer_rows(store, catalog) if r["vraag_id"] == "q1"]
    assert row["vraag"] == OLD_TEXT and row["vragenlijst_versie"] == 1
    assert set(versions_in_use(store)) == {content_hash(routed_set)}
    store.close()


def test_an_interview_started_on_the_new_version_uses_it(
        tmp_path: Path, routed_set: QuestionSet, shipped: Catalog) -> None:
    store = Store.open(tmp_path / "db.sqlite")
    old = new_interview(store, routed_set)
    InterviewSession(store, old, routed_set).submit("ja")
    edited = _edited()
    new = new_interview(store, edited)
    session = InterviewSession(store, new, edited)
    session.submit("ja")
    assert session.qs.question("q1").text == NEW_TEXT and session.pinned.newer is None
    catalog = _catalog(shipped, edited)
    polarity = {}
    for interview_id in (old, new):
        gemeente = store.interview(interview_id)["gemeente_id"]
        for e in score_gemeente(store, catalog, gemeente).evidence:
            if e.question_id == "q1" and e.interview_id == interview_id:
                polarity[interview_id] = e.polarity
    assert polarity == {old: "+", new: "-"}
    assert len(versions_in_use(store)) == 2
    store.close()


def test_check_reports_a_changed_or_missing_version(tmp_path: Path, routed_set: QuestionSet) -> None:
    from interviewer.core.integrity import check_database

    store = Store.open(tmp_path / "db.sqlite")
    interview = new_interview(store, routed_set)
    InterviewSession(store, interview, routed_set).submit("ja")
    assert check_database(store) == []
    store.conn.execute("UPDATE questionset_content SET content = replace(content, 'Overdracht', 'Anders')")
    store.conn.commit()
    assert any("is gewijzigd: de inhoud past niet bij de hash" in p for p in check_database(store))
    store.conn.execute("DELETE FROM questionset_content")
    store.conn.commit()
    assert any("ontbreekt" in p and interview[:8] in p for p in check_database(store))
    store.close()


def test_the_report_reads_the_kept_version(tmp_path: Path, routed_set: QuestionSet, shipped: Catalog) -> None:
    from interviewer.core.report.data import load_report_data

    store = Store.open(tmp_path / "db.sqlite")
    interview = new_interview(store, routed_set)
    InterviewSession(store, interview, routed_set).submit("ja")
    row = store.interview(interview)
    data = load_report_data(store, _catalog(shipped, _edited()), row["gemeente_id"])
    qs = data.questionset(row)
    assert qs is not None and qs.version == 1 and qs.question("q1").text == OLD_TEXT
    store.close()
