"""The routing simulator: routes, unreachable questions, dead ends, truncation."""

from __future__ import annotations

from typing import Any

from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.catalog import Catalog
from interviewer.core.engine import Engine
from interviewer.core.models import QuestionSet
from interviewer.core.paths_sim import enumerate_routes, paths_report, sample_answer, simulate

KEUZE = {"type": "keuze", "options": [{"code": c, "label": c} for c in ("a", "b", "c")]}


def qset(*questions: dict[str, Any], sections: list[dict[str, Any]] | None = None) -> QuestionSet:
    return QuestionSet.model_validate(
        {
            "kind": "vragenlijst", "id": "t", "version": 1, "title": "Test", "role": "t",
            "role_label": "T", "source": "client", "framework": "f", "intro": "i", "consent": "c",
            "sections": sections or [{"id": "s", "title": "S", "questions": list(questions)}],
        }
    )


def q(qid: str, relevant: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": qid, "text": f"{qid}?", "type": "open", **extra}
    if relevant is not None:
        base["relevant"] = relevant
    return base


def walk_engine(qs: QuestionSet, answers: dict[str, Any]) -> Engine:
    """Answer along a route: routing answers as given (None = weet niet), others sampled."""
    engine = Engine(qs)
    steps = 0
    while not engine.finished:
        question = engine.current
        assert question is not None
        if question.id in answers and answers[question.id] is None:
            record = AnswerRecord(question_id=question.id, status=AnswerStatus.WEET_NIET)
        else:
            value = answers.get(question.id, sample_answer(question))
            assert value is not None, question.id
            record = AnswerRecord(question_id=question.id, status=AnswerStatus.BEANTWOORD, value=value)
        engine.record(record)
        steps += 1
        assert steps <= len(qs.questions())
    return engine


def test_routes_branch_only_on_reachable_routing_questions() -> None:
    qs = qset(
        q("soort", **KEUZE),
        q("alleen_a", {"vraag": "soort", "in": ["a"]}),
        q("vervolg", {"vraag": "alleen_a", "answered": True}),
        q("slot"),
    )
    result = simulate(qs)
    routes = {r.questions for r in result.routes}
    assert routes == {
        ("soort", "alleen_a", "vervolg", "slot"),
        ("soort", "alleen_a", "slot"),
        ("soort", "slot"),
    }
    assert result.ok and not result.unreachable and not result.truncated
    # soort: none, a, b (c behaves like b); alleen_a only branches on the a route.
    leaves, _ = enumerate_routes(qs)
    assert len(leaves) == 4


def test_routes_match_the_engine() -> None:
    qs = qset(
        q("soort", **KEUZE),
        q("meer", {"vraag": "soort", "in": ["a", "b"]}, type="meerkeuze",
          options=[{"code": c, "label": c} for c in ("x", "y", "z")]),
        q("beide", {"all": [{"vraag": "meer", "in": ["x"]}, {"vraag": "meer", "in": ["y"]}]}),
        q("niet_c", {"not": {"vraag": "soort", "in": ["c"]}}, required=True),
    )
    leaves, _ = enumerate_routes(qs)
    assert any("beide" in r.questions for r in leaves)
    for route in leaves:
        engine = walk_engine(qs, dict(route.answers))
        assert engine.reachable_ids() == list(route.questions)
        assert engine.missing_required() == []


def test_question_unreachable_through_combined_routing_is_reported() -> None:
    # Each condition alone is satisfiable (the catalog accepts it); together never.
    qs = qset(
        q("soort", **KEUZE),
        q("alleen_a", {"vraag": "soort", "in": ["a"]}),
        q("nooit", {"all": [{"vraag": "alleen_a", "answered": True}, {"vraag": "soort", "in": ["b"]}]}),
    )
    result = simulate(qs)
    assert result.unreachable == ["nooit"]
    assert not result.ok
    report = paths_report(Catalog(questionsets={"t": qs}))
    assert not report.ok
    assert "onbereikbaar (op geen enkele route): nooit" in report.text


def test_required_question_without_valid_answer_is_a_dead_end() -> None:
    qs = qset(
        q("soort", **KEUZE),
        q("aantal", {"vraag": "soort", "in": ["a"]}, type="getal", required=True,
          constraint={"min": 10, "max": 5}),
    )
    result = simulate(qs)
    assert len(result.dead_ends) == 1
    assert "verplichte vraag 'aantal' kan geen geldig antwoord krijgen" in result.dead_ends[0]
    assert "soort=a" in result.dead_ends[0]
    assert not result.ok


def test_soft_constraint_is_not_a_dead_end_when_inside_values_exist() -> None:
    qs = qset(q("aantal", type="getal", required=True, constraint={"min": 3, "max": 5, "soft": True}))
    assert simulate(qs).ok
    assert sample_answer(qs.questions()[0]) == 3


def test_route_without_questions_is_a_dead_end() -> None:
    # Circular routing: the catalog rejects it, the simulator must still say what happens.
    qs = qset(q("een", {"vraag": "twee", "answered": True}), q("twee", {"vraag": "een", "answered": True}))
    result = simulate(qs)
    assert result.dead_ends == ["route zonder vragen (zonder routeringsvragen)"]
    assert result.unreachable == ["een", "twee"]


def test_truncation_is_reported_and_unreached_questions_are_only_possible() -> None:
    questions = [q(f"v{i}", **KEUZE) for i in range(12)]
    questions += [q(f"na{i}", {"vraag": f"v{i}", "in": ["a"]}) for i in range(12)]
    qs = qset(*questions)
    result = simulate(qs, limit=100)
    assert result.truncated
    report = paths_report(Catalog(questionsets={"t": qs}), limit=100)
    assert "afgekapt na 100 routes" in report.text
    assert result.ok  # unreached questions are not proven unreachable after truncation
    if result.unreachable:
        assert "mogelijk onbereikbaar" in report.text


def test_shortest_and_longest_route_are_reported() -> None:
    qs = qset(
        sections=[
            {"id": "s1", "title": "S1", "questions": [q("soort", **KEUZE)]},
            {"id": "s2", "title": "S2", "relevant": {"vraag": "soort", "in": ["a"]},
             "questions": [q("x"), q("y")]},
        ]
    )
    text = paths_report(Catalog(questionsets={"t": qs})).text
    assert "2 verschillende route(s)" in text
    assert "kortste route: 1 vragen (soort=geen antwoord)" in text
    assert "langste route: 3 vragen (soort=a)" in text
