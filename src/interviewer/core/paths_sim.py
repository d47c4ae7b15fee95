"""Simulate every route through a vragenlijst: `interviewer check --paths`.

A route is the sequence of questions an interview asks. Only answers to questions that a
routing condition reads can change it, so the simulator walks each set in order and
branches at every such question that is on the route: once per distinct answer class
(each option code a condition names, one code no condition names, a real answer for
`answered` conditions, and no answer). Questions off the route are not branched on, the
same way the engine ignores their answers. The walk stops after MAX_ROUTES leaves per set
and says so; unreached questions are then only "mogelijk onbereikbaar".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import chain, combinations
from typing import Any

from interviewer.core.answers import parse_answer
from interviewer.core.catalog import Catalog
from interviewer.core.models import Condition, Question, QuestionSet, QuestionType
from interviewer.core.routing import evaluate

MAX_ROUTES = 10_000
MAX_SUBSET_CODES = 6
"""Meerkeuze with more referenced codes than this branches per single code plus all."""


@dataclass(frozen=True)
class Route:
    questions: tuple[str, ...]
    answers: tuple[tuple[str, Any], ...]
    """The routing answers that lead here, in question order; None = not answered."""

    def describe(self) -> str:
        parts = [f"{qid}={_show(value)}" for qid, value in self.answers]
        return ", ".join(parts) if parts else "zonder routeringsvragen"


@dataclass
class SetPaths:
    """What the simulator found for one vragenlijst."""

    qs: QuestionSet
    routes: list[Route]
    truncated: bool
    unreachable: list[str]
    dead_ends: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        # Unreached questions only count when the walk was complete.
        return not self.dead_ends and (self.truncated or not self.unreachable)


@dataclass
class PathsReport:
    text: str
    ok: bool
    sets: list[SetPaths]


def paths_report(catalog: Catalog, limit: int = MAX_ROUTES) -> PathsReport:
    """Simulate every vragenlijst in `catalog`."""
    results = [simulate(qs, limit) for qs in catalog.questionsets.values()]
    text = "\n\n".join(render(r, limit) for r in results) or "geen vragenlijsten gevonden"
    return PathsReport(text=text, ok=all(r.ok for r in results), sets=results)


def simulate(qs: QuestionSet, limit: int = MAX_ROUTES) -> SetPaths:
    routes, truncated = enumerate_routes(qs, limit)
    # Different answers can lead to the same questions; the first such route stands for all.
    seen_routes: dict[tuple[str, ...], Route] = {}
    for route in routes:
        seen_routes.setdefault(route.questions, route)
    on_some_route = {qid for r in routes for qid in r.questions}
    unreachable = [q.id for q in qs.questions() if q.id not in on_some_route]
    result = SetPaths(qs, list(seen_routes.values()), truncated, unreachable)
    result.dead_ends = dead_ends(qs, result.routes)
    return result


def enumerate_routes(qs: QuestionSet, limit: int = MAX_ROUTES) -> tuple[list[Route], bool]:
    """Depth-first walk over the routing answers; returns (routes, truncated)."""
    domains = answer_domains(qs)
    items = [(s.relevant, q) for s in qs.sections for q in s.questions]
    routes: list[Route] = []
    # Stack entries: (next item index, routing values so far, route so far, answers taken).
    stack: list[tuple[int, dict[str, Any], tuple[str, ...], tuple[tuple[str, Any], ...]]]
    stack = [(0, {}, (), ())]
    while stack:
        if len(routes) >= limit:
            return routes, True
        pos, values, route, taken = stack.pop()
        while pos < len(items):
            section_cond, question = items[pos]
            pos += 1
            if not _applies(section_cond, values) or not _applies(question.relevant, values):
                continue
            route = (*route, question.id)
            if question.id in domains:
                # Reverse so the first answer class is explored first (stack order).
                for value in reversed(domains[question.id]):
                    branch = dict(values)
                    if value is not None:
                        branch[question.id] = value
                    stack.append((pos, branch, route, (*taken, (question.id, value))))
                break
        else:
            routes.append(Route(route, taken))
    return routes, False


def _applies(cond: Condition | None, values: dict[str, Any]) -> bool:
    return cond is None or evaluate(cond, values)


def answer_domains(qs: QuestionSet) -> dict[str, list[Any]]:
    """For every question a condition reads: one value per answer class, None first."""
    conditions = [s.relevant for s in qs.sections] + [q.relevant for q in qs.questions()]
    named: dict[str, set[str]] = {}
    limits: dict[str, list[Any]] = {}
    for cond in conditions:
        for qid, codes in cond.referenced() if cond else []:
            named.setdefault(qid, set()).update(codes)
        for qid, bound in cond.limits() if cond else []:
            limits.setdefault(qid, []).append(bound)
    domains: dict[str, list[Any]] = {}
    for qid, named_codes in named.items():
        question = qs.question(qid)
        if question is not None:
            classes = _bound_classes(question, limits[qid]) if qid in limits else []
            domains[qid] = [None, *(classes or _answer_classes(question, named_codes))]
    return domains


def _bound_classes(question: Question, bounds: list[Any]) -> list[Any]:
    """Answers just below, at and just above each min/max bound that the question accepts."""
    values: list[Any] = []
    for bound in bounds:
        if isinstance(bound, str):
            day = date.fromisoformat(bound)
            candidates: list[Any] = [(day + timedelta(days=d)).isoformat() for d in (-1, 0, 1)]
        else:
            candidates = [bound - 1, bound, bound + 1]
        for value in candidates:
            if value not in values and parse_answer(question, value).ok:
                values.append(value)
    return values


def _answer_classes(question: Question, named: set[str]) -> list[Any]:
    order = [o.code for o in question.options]
    referenced = [c for c in order if c in named]
    # All codes no condition names behave alike; one of them stands for the rest.
    other = [c for c in order if c not in named][:1]
    if question.type is QuestionType.MEERKEUZE:
        if len(referenced) > MAX_SUBSET_CODES:
            subsets: Iterator[tuple[str, ...]] = chain(
                ((c,) for c in referenced), [tuple(referenced)]
            )
        else:
            subsets = chain.from_iterable(
                combinations(referenced, n) for n in range(1, len(referenced) + 1)
            )
        return [list(s) for s in subsets] + [other for _ in other[:1]]
    if question.options:
        return referenced + other
    sample = sample_answer(question)
    return [] if sample is None else [sample]


# --------------------------------------------------------------------------- answers


def sample_answer(question: Question) -> Any | None:
    """A value the question accepts without confirmation, or None if there is none."""
    for raw in _candidates(question):
        parsed = parse_answer(question, raw)
        if parsed.ok and parsed.warning is None:
            return parsed.value
    return None


def _candidates(question: Question) -> list[Any]:
    c = question.constraint
    low = c.min if c else None
    high = c.max if c else None
    kind = question.type
    if kind in (QuestionType.JANEE, QuestionType.KEUZE):
        return [o.code for o in question.options]
    if kind is QuestionType.MEERKEUZE:
        return [[o.code] for o in question.options]
    if kind in (QuestionType.SCHAAL, QuestionType.ZRM):
        return [str(v) for v in range(question.scale_min, question.scale_max + 1)]
    if kind is QuestionType.GETAL:
        return [v for v in (0, low, high, 1) if isinstance(v, int | float)]
    if kind is QuestionType.DATUM:
        return [str(v) for v in (low, high) if v is not None] + [date(2020, 1, 1).isoformat()]
    lengths = [int(v) for v in (low, high) if isinstance(v, int | float) and v >= 1]
    return ["Antwoord"] + ["x" * n for n in lengths]


def dead_ends(qs: QuestionSet, routes: list[Route]) -> list[str]:
    """Dutch lines for routes without questions or with an unanswerable required question."""
    problems: list[str] = []
    unanswerable = {q.id for q in qs.questions() if q.required and sample_answer(q) is None}
    reported: set[str] = set()
    for route in routes:
        if not route.questions:
            problems.append(f"route zonder vragen ({route.describe()})")
        for qid in route.questions:
            if qid in unanswerable and qid not in reported:
                reported.add(qid)
                problems.append(
                    f"verplichte vraag '{qid}' kan geen geldig antwoord krijgen, dus de route "
                    f"({route.describe()}) kan niet worden afgerond"
                )
    return problems


# --------------------------------------------------------------------------- rendering


def render(result: SetPaths, limit: int = MAX_ROUTES) -> str:
    qs = result.qs
    lines = [f"{qs.id} ({qs.title}), {len(qs.questions())} vragen"]
    count = len(result.routes)
    if result.truncated:
        lines.append(f"  afgekapt na {limit} routes: {count} verschillende routes gevonden, mogelijk meer")
    else:
        lines.append(f"  {count} verschillende route(s)")
    if result.routes:
        shortest = min(result.routes, key=lambda r: len(r.questions))
        longest = max(result.routes, key=lambda r: len(r.questions))
        lines.append(f"  kortste route: {len(shortest.questions)} vragen ({_clip(shortest.describe())})")
        lines.append(f"  langste route: {len(longest.questions)} vragen ({_clip(longest.describe())})")
    if result.unreachable:
        label = "mogelijk onbereikbaar" if result.truncated else "onbereikbaar (op geen enkele route)"
        lines.append(f"  {label}: {', '.join(result.unreachable)}")
    for problem in result.dead_ends:
        lines.append(f"  doodlopend: {problem}")
    lines.append("  in orde" if result.ok else "  NIET in orde")
    return "\n".join(lines)


def _show(value: Any) -> str:
    if value is None:
        return "geen antwoord"
    if isinstance(value, list):
        return "+".join(str(v) for v in value)
    return str(value)


def _clip(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
