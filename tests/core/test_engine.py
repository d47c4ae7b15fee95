"""The pure interview engine: routing, navigation, progress, completion; and answer parsing."""

from __future__ import annotations

from interviewer.core.answers import AnswerRecord, AnswerStatus, display_value, parse_answer
from interviewer.core.engine import Engine, SectionState
from interviewer.core.models import QuestionSet


def answer(qid: str, value: object, status: AnswerStatus = AnswerStatus.BEANTWOORD) -> AnswerRecord:
    return AnswerRecord(question_id=qid, status=status, value=value if status == "beantwoord" else None)


def test_route_follows_answers(routed_set: QuestionSet) -> None:
    engine = Engine(routed_set)
    assert engine.current is not None and engine.current.id == "q1"
    assert engine.record(answer("q1", "ja")) == "q2"
    assert engine.record(answer("q2", ["plan"])) == "q6"  # section b skipped: plan present
    assert [s.id for s, st in engine.section_states() if st is SectionState.SKIPPED] == ["b"]


def test_changing_an_earlier_answer_reroutes_and_keeps_old_answers(routed_set: QuestionSet) -> None:
    engine = Engine(routed_set)
    for a in (answer("q1", "ja"), answer("q2", ["plan"]), answer("q6", "2019-03-01")):
        engine.record(a)
    assert engine.goto("q1")
    assert engine.record(answer("q1", "nee")) == "q3"
    assert engine.off_route() == {"q2"}  # kept, but no longer applicable
    assert "q2" in engine.answers
    # q2 no longer steers routing: section b is back on the route
    assert "q4" in engine.reachable_ids()


def test_progress_counts_answered_of_reachable(routed_set: QuestionSet) -> None:
    engine = Engine(routed_set)
    assert engine.reachable_ids() == ["q1", "q4", "q5", "q6", "q7"]
    assert str(engine.progress()) == "0 van 5"
    engine.record(answer("q1", "ja"))
    engine.record(answer("q2", ["plan"]))
    # q2 and q8 came on the route, section b dropped out: the total follows the route
    assert engine.reachable_ids() == ["q1", "q2", "q6", "q7", "q8"]
    assert str(engine.progress()) == "2 van 5"


def test_missing_required_and_non_response(routed_set: QuestionSet) -> None:
    engine = Engine(routed_set)
    engine.record(answer("q1", None, AnswerStatus.WEET_NIET))
    # weet niet counts as a response to a required question, and matches no 'in' list:
    # q3 (nee) and q8 (q1 = ja or q4 answered) stay off the route
    assert [q.id for q in engine.missing_required()] == ["q4"]
    assert not engine.is_reachable("q3") and not engine.is_reachable("q8")
    engine.record(answer("q4", None, AnswerStatus.OVERGESLAGEN))
    # skipping a required question does not satisfy it
    assert [q.id for q in engine.missing_required()] == ["q4"]


def test_back_forward_and_jump(routed_set: QuestionSet) -> None:
    engine = Engine(routed_set)
    assert not engine.back()
    engine.record(answer("q1", "nee"))
    assert engine.cursor == "q3"
    assert engine.back() and engine.cursor == "q1"
    assert engine.forward() and engine.cursor == "q3"
    assert not engine.forward()  # q3 is unanswered: no skipping ahead silently
    assert engine.jump_to_section("c") and engine.cursor == "q6"
    assert not engine.jump_to_section("onbekend")


def test_finishing_and_resuming(routed_set: QuestionSet) -> None:
    engine = Engine(routed_set)
    values = {"q1": "ja", "q2": ["uitkomst"], "q4": 4, "q5": 3, "q6": "2019-01-01", "q7": 2, "q8": "ja"}
    while engine.current is not None:
        engine.record(answer(engine.current.id, values[engine.current.id]))
    assert engine.finished and engine.missing_required() == []
    assert engine.covered_indicators() == [1]
    resumed = Engine(routed_set, dict(list(engine.answers.items())[:3]))
    assert resumed.cursor == "q5"


def test_unknown_or_off_route_cursor_recovers(routed_set: QuestionSet) -> None:
    assert Engine(routed_set, cursor="weg").cursor == "q1"
    engine = Engine(routed_set, {"q1": answer("q1", "ja")}, cursor="q3")
    assert engine.cursor == "q4"


def test_parse_answers_by_type(routed_set: QuestionSet) -> None:
    q = {q.id: q for q in routed_set.questions()}
    assert parse_answer(q["q1"], "1").value == "ja"
    assert parse_answer(q["q1"], "Nee").value == "nee"
    assert "Kies een van de opties" in (parse_answer(q["q1"], "7").error or "")
    assert parse_answer(q["q2"], "2, 1").value == ["uitkomst", "plan"]
    assert "geen optie" in (parse_answer(q["q2"], "1,9").error or "")
    assert parse_answer(q["q4"], "5").value == 5
    assert "tussen 1 en 5" in (parse_answer(q["q4"], "6").error or "")
    assert parse_answer(q["q5"], "2,5").value == 2.5
    assert "geen getal" in (parse_answer(q["q5"], "twee").error or "")
    soft = parse_answer(q["q5"], "25")
    assert soft.ok and soft.warning == "Dat zijn er veel; klopt dat?"
    assert parse_answer(q["q5"], "25", confirmed=True).warning is None
    assert parse_answer(q["q6"], "14-03-2019").value == "2019-03-14"
    assert "geen geldige datum" in (parse_answer(q["q6"], "31-02-2019").error or "")
    assert "01-01-2015" in (parse_answer(q["q6"], "2010-01-01").error or "")
    assert "Typ een antwoord" in (parse_answer(q["q3"], "   ").error or "")


def test_display_values(routed_set: QuestionSet) -> None:
    q = {q.id: q for q in routed_set.questions()}
    assert display_value(q["q2"], answer("q2", ["uitkomst", "plan"])) == "Uitkomst onderzoek; Veiligheidsplan"
    assert display_value(q["q6"], answer("q6", "2019-03-14")) == "14-03-2019"
    assert display_value(q["q1"], answer("q1", None, AnswerStatus.WIL_NIET_ZEGGEN)) == "[wil niet zeggen]"


def test_date_bound_today_moves_with_the_calendar() -> None:
    from datetime import date, timedelta

    from interviewer.core.models import Question

    question = Question.model_validate({"id": "d", "type": "datum", "text": "Wanneer?",
                                        "constraint": {"min": "2015-01-01", "max": "vandaag"}})
    tomorrow = (date.today() + timedelta(days=1)).strftime("%d-%m-%Y")
    today = date.today().strftime("%d-%m-%Y")
    # refused, and the message names today's actual date
    assert f"tussen 01-01-2015 en {today}" in (parse_answer(question, tomorrow).error or "")
    assert parse_answer(question, today).value == date.today().isoformat()
