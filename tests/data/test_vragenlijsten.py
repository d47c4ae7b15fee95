"""Every shipped vragenlijst loads, meets the coverage rule and can be completed on every route."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from interviewer.cli import cli
from interviewer.core.answers import AnswerRecord, AnswerStatus, parse_answer
from interviewer.core.catalog import Catalog, load_catalog
from interviewer.core.coverage import coverage_report
from interviewer.core.engine import Engine
from interviewer.core.models import QuestionSet
from interviewer.core.paths_sim import Route, sample_answer, simulate

FOLDER = Path(__file__).resolve().parents[2] / "vragenlijsten"
FILES = sorted(p for p in FOLDER.glob("*.yaml"))
SET_FILES = [p for p in FILES if "kind: vragenlijst" in p.read_text(encoding="utf-8")]
ROUTES_PER_SET = 40


@cache
def shipped() -> Catalog:
    return load_catalog([FOLDER])


def questionset_of(path: Path) -> QuestionSet:
    catalog = load_catalog([path], framework_fallback=FOLDER)
    assert catalog.ok, "\n".join(map(str, catalog.problems))
    return next(iter(catalog.questionsets.values()))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_loads_without_problems(path: Path) -> None:
    catalog = load_catalog([path], framework_fallback=FOLDER)
    assert catalog.ok, "\n".join(map(str, catalog.problems))
    assert len(catalog.questionsets) == (path in SET_FILES)
    assert len(catalog.frameworks) == 1


def test_shipped_sets_meet_the_coverage_rule() -> None:
    report = coverage_report(shipped())
    assert report.ok, "\n".join(report.missing)


def test_check_coverage_command_passes_on_the_shipped_folder() -> None:
    result = CliRunner().invoke(cli, ["check", "--coverage", "--paths", str(FOLDER)])
    assert result.exit_code == 0, result.output
    assert "Dekkingsregel gehaald." in result.output


def spread(routes: list[Route], n: int) -> list[Route]:
    """The shortest, the longest and evenly spaced routes in between."""
    if len(routes) <= n:
        return routes
    ordered = sorted(routes, key=lambda r: len(r.questions))
    step = (len(ordered) - 1) / (n - 1)
    return [ordered[round(i * step)] for i in range(n)]


def answer_along(qs: QuestionSet, route: Route) -> tuple[Engine, list[str]]:
    """Answer every question the engine asks: routing answers from the route, else a valid value."""
    engine = Engine(qs)
    routing = dict(route.answers)
    asked: list[str] = []
    while not engine.finished and len(asked) <= len(qs.questions()):
        question = engine.current
        assert question is not None
        asked.append(question.id)
        value: Any = routing[question.id] if question.id in routing else sample_answer(question)
        if question.id in routing and value is None:
            engine.record(AnswerRecord(question_id=question.id, status=AnswerStatus.WEET_NIET))
            continue
        assert value is not None, f"{question.id}: geen geldig antwoord mogelijk"
        assert parse_answer(question, value).ok
        engine.record(AnswerRecord(question_id=question.id, status=AnswerStatus.BEANTWOORD, value=value))
    return engine, asked


@pytest.mark.parametrize("path", SET_FILES, ids=lambda p: p.stem)
def test_engine_completes_every_sampled_route(path: Path) -> None:
    qs = questionset_of(path)
    result = simulate(qs)
    assert result.ok, (result.unreachable, result.dead_ends)
    assert result.routes
    for route in spread(result.routes, ROUTES_PER_SET):
        engine, asked = answer_along(qs, route)
        assert engine.finished, f"niet afgerond op route {route.describe()}"
        assert engine.missing_required() == []
        assert asked == list(route.questions), route.describe()


def test_there_are_shipped_sets() -> None:
    # Guards the parametrized tests against an empty glob silently passing.
    assert len(SET_FILES) >= 8


def test_check_coverage_fails_and_names_what_is_missing(tmp_path: Path) -> None:
    # Without the gemeente, netwerkpartner and Veilig Thuis sets only the supervisor asks 11.
    # (The beslisregels stay out too: they name questions of the sets left out.)
    for path in FILES:
        if path.stem not in ("gemeente", "netwerkpartner", "veilig-thuis", "beslisregels"):
            (tmp_path / path.name).write_bytes(path.read_bytes())
    result = CliRunner().invoke(cli, ["check", "--coverage", str(tmp_path)], standalone_mode=False)
    assert result.exception is not None
    assert "- indicator 11 wordt door maar 1 rol gevraagd (supervisor); minstens 2 nodig" in result.output
    assert "Dekkingsregel niet gehaald" in result.output
