"""Random answer/back/jump sequences never crash, and every confirmed answer is on disk."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewer.core.answers import AnswerStatus
from interviewer.core.models import Question, QuestionSet, QuestionType
from interviewer.core.session import InterviewSession
from interviewer.core.store import Store

from .conftest import ROUTED_SET, new_interview

QS = QuestionSet.model_validate(ROUTED_SET)

RAW_INPUTS = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-5, max_value=30).map(str),
    st.sampled_from(["1", "2", "3", "1,2", "ja", "nee", "14-03-2019", "2019-02-30", "2,5", ""]),
)

ACTIONS = st.one_of(
    st.tuples(st.just("submit"), RAW_INPUTS, st.booleans()),
    st.tuples(st.just("mark"), st.sampled_from(list(AnswerStatus)[1:]), st.none()),
    st.tuples(st.just("back"), st.none(), st.none()),
    st.tuples(st.just("forward"), st.none(), st.none()),
    st.tuples(st.just("jump"), st.sampled_from(["a", "b", "c", "x"]), st.none()),
    st.tuples(st.just("goto"), st.sampled_from([q.id for q in QS.questions()]), st.none()),
    st.tuples(st.just("remark"), st.text(max_size=10), st.none()),
)


def _apply(session: InterviewSession, action: tuple[str, Any, Any], confirmed: dict[str, Any]) -> None:
    kind, arg, flag = action
    current: Question | None = session.current
    if kind == "submit":
        result = session.submit(arg, confirmed=bool(flag))
        if result.saved:
            assert current is not None
            confirmed[current.id] = session.engine.answers[current.id]
    elif kind == "mark":
        if session.mark(arg).saved:
            assert current is not None
            confirmed[current.id] = session.engine.answers[current.id]
    elif kind == "back":
        session.back()
    elif kind == "forward":
        session.forward()
    elif kind == "jump":
        session.jump_to_section(arg)
    elif kind == "goto":
        session.goto(arg)
    elif kind == "remark" and confirmed:
        qid = sorted(confirmed)[0]
        confirmed[qid] = session.annotate(qid, remark=arg)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ACTIONS, max_size=40))
def test_random_sequences_keep_every_confirmed_answer(actions: list[tuple[str, Any, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "db.sqlite"
        store = Store.open(path)
        interview = new_interview(store, QS)
        session = InterviewSession(store, interview, QS)
        confirmed: dict[str, Any] = {}
        for action in actions:
            _apply(session, action, confirmed)
            progress = session.engine.progress()
            assert 0 <= progress.answered <= progress.reachable
        cursor = session.engine.cursor
        if actions:
            # the live engine never runs ahead of the disk
            assert store.interview(interview)["cursor"] in (session.engine.stored_cursor, None)
        store.close()

        reopened = Store.open(path)
        assert reopened.answers(interview) == confirmed
        assert reopened.verify_journal() == []
        resumed = InterviewSession(reopened, interview, QS)
        assert resumed.engine.cursor == cursor
        reopened.close()


def valid_raw(question: Question) -> str:
    if question.type in (QuestionType.JANEE, QuestionType.KEUZE, QuestionType.MEERKEUZE):
        return "1"
    return {
        QuestionType.SCHAAL: "3", QuestionType.ZRM: "3", QuestionType.GETAL: "4",
        QuestionType.DATUM: "01-02-2019", QuestionType.OPEN: "Een antwoord.",
    }[question.type]


def test_complete_interview_has_no_missing_required(file_store: Store) -> None:
    session = InterviewSession(file_store, new_interview(file_store, QS), QS)
    while session.current is not None:
        assert session.submit(valid_raw(session.current), confirmed=True).saved
    summary = session.finish()
    assert summary.complete and session.status == "afgerond"
    session.reopen()
    assert session.status == "bezig"
    actions = [e["action"] for e in file_store.journal(session.interview_id) if e["entity"] == "interview"]
    assert actions == ["start", "status", "status"]
