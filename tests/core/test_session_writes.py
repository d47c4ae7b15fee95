"""The session's writes under pressure: two windows on one interview, a database that
refuses, drafts of unsaved text, and a remark written before its question is answered."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interviewer.core.answers import AnswerStatus
from interviewer.core.models import QuestionSet
from interviewer.core.session import InterviewSession
from interviewer.core.store import AnswerConflict, Store, StoreError

from .conftest import new_interview


@pytest.fixture
def two_windows(tmp_path: Path, routed_set: QuestionSet):  # type: ignore[no-untyped-def]
    first = Store.open(tmp_path / "twee.db", actor="venster1")
    second = Store.open(tmp_path / "twee.db", actor="venster2")
    interview = new_interview(first, routed_set)
    yield (InterviewSession(first, interview, routed_set), InterviewSession(second, interview, routed_set))
    first.close()
    second.close()


def test_second_window_cannot_silently_overwrite_a_new_answer(two_windows) -> None:  # type: ignore[no-untyped-def]
    one, two = two_windows
    one.submit("ja")
    with pytest.raises(AnswerConflict) as refused:  # before: IntegrityError (UNIQUE constraint)
        two.submit("nee")
    assert refused.value.current is not None and refused.value.current.value == "ja"
    assert one.store.answers(one.interview_id)["q1"].value == "ja"
    assert two.current is not None and two.current.id == "q1"  # the window stays on the question
    two.submit("nee")  # told, and saving again: a deliberate, journaled overwrite
    assert one.store.answers(one.interview_id)["q1"].value == "nee"
    actions = [e["action"] for e in one.store.journal(one.interview_id) if e["question_id"] == "q1"]
    assert actions == ["nieuw", "wijzig"]


def test_second_window_cannot_silently_overwrite_an_edit(two_windows) -> None:  # type: ignore[no-untyped-def]
    one, two = two_windows
    one.submit("nee")
    two.engine.answers.update(two.store.answers(two.interview_id))  # two saw "nee" too
    one.back()
    one.submit("ja")
    assert two.current is not None and two.current.id == "q1"
    with pytest.raises(AnswerConflict):
        two.submit("nee")
    assert one.store.answers(one.interview_id)["q1"].value == "ja"


def test_annotation_on_a_changed_answer_is_refused(two_windows) -> None:  # type: ignore[no-untyped-def]
    one, two = two_windows
    one.submit("ja")
    two.engine.answers.update(two.store.answers(two.interview_id))
    one.annotate("q1", remark="van venster een")
    with pytest.raises(AnswerConflict):
        two.annotate("q1", remark="van venster twee")
    assert one.store.answers(one.interview_id)["q1"].remark == "van venster een"


def test_locked_database_leaves_the_question_open_and_saves_later(tmp_path: Path, routed_set: QuestionSet) -> None:
    store = Store.open(tmp_path / "slot.db", actor="test")
    interview = new_interview(store, routed_set)
    session = InterviewSession(store, interview, routed_set)
    store.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(tmp_path / "slot.db")
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreError, match="bezet"):
        session.submit("ja")
    assert session.current is not None and session.current.id == "q1"
    assert "q1" not in session.engine.answers
    other.rollback()
    other.close()
    assert session.submit("ja").saved
    assert store.answers(interview)["q1"].value == "ja"
    store.close()


def test_navigation_that_cannot_be_stored_does_not_move(tmp_path: Path, routed_set: QuestionSet) -> None:
    store = Store.open(tmp_path / "nav.db", actor="test")
    session = InterviewSession(store, new_interview(store, routed_set), routed_set)
    session.submit("ja")
    store.conn.execute("PRAGMA query_only = 1")  # the database refuses every write
    with pytest.raises(StoreError, match="alleen-lezen"):
        session.back()
    assert session.current is not None and session.current.id == "q2"
    store.conn.execute("PRAGMA query_only = 0")
    assert session.back() and session.current is not None and session.current.id == "q1"
    store.close()


def test_pending_remark_stays_with_its_question(file_store: Store, routed_set: QuestionSet) -> None:
    interview = new_interview(file_store, routed_set)
    session = InterviewSession(file_store, interview, routed_set)
    session.submit("nee")  # q1; now at q3
    assert session.set_remark("q3", "zie dossier p. 3") is None  # pending: q3 has no answer
    assert session.back()  # to q1: the remark must not land there
    session.submit("nee")
    assert file_store.answers(interview)["q1"].remark is None
    session.submit("Het plan kwam niet mee.")  # q3, with its remark
    assert file_store.answers(interview)["q3"].remark == "zie dossier p. 3"
    assert session.pending_remark("q3") is None and file_store.drafts(interview) == {}


def test_pending_remark_survives_closing_the_session(file_store: Store, routed_set: QuestionSet) -> None:
    interview = new_interview(file_store, routed_set)
    InterviewSession(file_store, interview, routed_set).set_remark("q1", "respondent twijfelde")
    resumed = InterviewSession(file_store, interview, routed_set)  # Esc and back again
    assert resumed.pending_remark("q1") == "respondent twijfelde"
    resumed.mark(AnswerStatus.WEET_NIET)
    assert file_store.answers(interview)["q1"].remark == "respondent twijfelde"


def test_remark_on_answered_question_is_saved_at_once(file_store: Store, routed_set: QuestionSet) -> None:
    interview = new_interview(file_store, routed_set)
    session = InterviewSession(file_store, interview, routed_set)
    session.submit("ja")
    updated = session.set_remark("q1", "gezien in het dossier")
    assert updated is not None and file_store.answers(interview)["q1"].remark == "gezien in het dossier"


def test_draft_survives_reopening_and_goes_with_the_answer(file_store: Store, routed_set: QuestionSet) -> None:
    interview = new_interview(file_store, routed_set)
    session = InterviewSession(file_store, interview, routed_set)
    session.submit("nee")
    session.save_draft("q3", "Het plan kwam")
    assert InterviewSession(file_store, interview, routed_set).draft("q3") == "Het plan kwam"
    session.save_draft("q3", "")  # emptied: nothing to keep
    assert file_store.drafts(interview) == {}
    session.save_draft("q3", "Het plan kwam niet mee")
    session.submit("Het plan kwam niet mee.")
    assert file_store.drafts(interview) == {} and session.draft("q3") is None


def test_purge_removes_drafts(file_store: Store, routed_set: QuestionSet) -> None:
    from datetime import date

    from interviewer.core.purge import purge, set_retention

    interview = new_interview(file_store, routed_set)
    session = InterviewSession(file_store, interview, routed_set)
    session.save_draft("q1", "ongeschreven tekst over de client")
    session.set_remark("q1", "opmerking in afwachting")
    set_retention(file_store, "Test", date(2030, 1, 1))
    purge(file_store, date(2030, 6, 1))
    assert file_store.drafts(interview) == {}
