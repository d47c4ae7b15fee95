"""Stream answer rows into per-unit evidence tallies, with cached question lookups.

Scoring a national study touches over a million answers, so a row is never turned into a
pydantic object: a row's polarity comes from a dict keyed by the raw stored JSON value,
filled once per distinct (question, value).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from interviewer.core.beslisregels import QuestionRef, RuleSet
from interviewer.core.catalog import Catalog
from interviewer.core.models import CLOSED_TYPES, SCORE_TYPES, Framework, Question, QuestionType
from interviewer.core.scoring.judge import AspectTally
from interviewer.core.store import Store

ANSWERED = "beantwoord"

ROW_SQL = """
SELECT a.interview_id, i.gemeente_id, i.casus_id, i.organisation, i.questionset_id,
       a.question_id, a.value, a.status, a.polarity, a.remark, a.quote
FROM answer a JOIN interview i ON a.interview_id = i.id
WHERE a.off_route = 0 AND i.status != 'geweigerd'
"""
"""Answers that count: off-route answers and refused interviews are ignored."""


@dataclass(frozen=True)
class Target:
    """One aspect a question gives evidence for, with the level of its indicator."""

    indicator: int
    aspect: str
    level: str


@dataclass(frozen=True)
class QuestionInfo:
    questionset_id: str
    source: str
    role_label: str
    question: Question
    targets: tuple[Target, ...]
    keys: tuple[tuple[str, int, QuestionRef], ...]
    """(aspect, key question index, reference) for every key question this question is."""


UnitKey = tuple[str, str, str]
"""(gemeente_id, unit id, aspect): unit id is a casus id, an organisation or '' (gemeente)."""


class QuestionIndex:
    """Cached lookups from (questionset id, question id) to what scoring needs."""

    def __init__(self, catalog: Catalog, framework: Framework, rules: RuleSet) -> None:
        self.framework = framework
        keys = _key_refs(rules)
        self.infos: dict[tuple[str, str], QuestionInfo] = {}
        for qs in catalog.questionsets.values():
            for question in qs.questions():
                targets = tuple(_targets(framework, question))
                own_keys = tuple(k for k in keys.get((qs.id, question.id), ()))
                if targets or own_keys:
                    self.infos[(qs.id, question.id)] = QuestionInfo(
                        qs.id, qs.source, qs.role_label, question, targets, own_keys)
        self._polarity: dict[tuple[str, str, str], str] = {}
        self._chosen: dict[tuple[str, str, str], frozenset[str]] = {}

    def polarity(self, info: QuestionInfo, status: str, raw: str | None, tagged: str | None) -> str:
        if status != ANSWERED:
            return "?"
        qtype = info.question.type
        if qtype in CLOSED_TYPES or qtype in SCORE_TYPES:
            cache_key = (info.questionset_id, info.question.id, raw or "")
            found = self._polarity.get(cache_key)
            if found is None:
                found = self._polarity[cache_key] = value_polarity(info.question, _load(raw))
            return found
        return tagged or "?"

    def chosen(self, info: QuestionInfo, raw: str | None) -> frozenset[str]:
        cache_key = (info.questionset_id, info.question.id, raw or "")
        found = self._chosen.get(cache_key)
        if found is None:
            value = _load(raw)
            codes = value if isinstance(value, list) else [value]
            found = self._chosen[cache_key] = frozenset(str(c) for c in codes if c is not None)
        return found


def _load(raw: str | None) -> Any:
    try:
        return json.loads(raw) if raw is not None else None
    except ValueError:
        return raw


def value_polarity(question: Question, value: Any) -> str:
    """Polarity of a closed or score answer from the vragenlijst; '?' when it cannot be read."""
    if question.type in (QuestionType.JANEE, QuestionType.KEUZE):
        option = question.option(str(value))
        return option.polarity if option else "?"
    if question.type is QuestionType.MEERKEUZE:
        found = {o.polarity for c in (value or []) if (o := question.option(str(c))) is not None}
        # A chosen option that contradicts the norm outweighs the others.
        return "-" if "-" in found else "+" if "+" in found else "0" if found else "?"
    if question.score_polarity is None:
        return "0"
    try:
        score = int(value)
    except (TypeError, ValueError):
        return "?"
    if score >= question.score_polarity.plus_from:
        return "+"
    if score <= question.score_polarity.minus_to:
        return "-"
    return "0"


def _targets(framework: Framework, question: Question) -> Iterator[Target]:
    for mapping in question.indicators:
        indicator = framework.indicator(mapping.indicator)
        if indicator is None:
            continue
        # A mapping without aspect is evidence for every aspect of the indicator.
        aspects = [mapping.aspect] if mapping.aspect else [a.id for a in indicator.aspects]
        for aspect in aspects:
            yield Target(indicator.number, aspect, str(indicator.level))


def _key_refs(rules: RuleSet) -> dict[tuple[str, str], list[tuple[str, int, QuestionRef]]]:
    out: dict[tuple[str, str], list[tuple[str, int, QuestionRef]]] = {}
    for aspect, rule in rules.aspects.items():
        for index, key in enumerate(rule.key_questions):
            for ref in key.any_of:
                out.setdefault((ref.questionset, ref.question), []).append((aspect, index, ref))
    return out


def unit_of(level: str, casus_id: str | None, organisation: str | None) -> str | None:
    """The unit an answer counts for at a level; None when it does not count there."""
    if level == "casus":
        return casus_id
    if level == "organisatie":
        return organisation or None
    return ""


def collect(rows: Iterable[tuple[Any, ...]], index: QuestionIndex) -> dict[UnitKey, AspectTally]:
    """Tally rows shaped like ROW_SQL into evidence counts per (gemeente, unit, aspect)."""
    tallies: dict[UnitKey, AspectTally] = {}
    infos = index.infos
    for row in rows:
        info = infos.get((row[4], row[5]))
        if info is None:
            continue
        gemeente_id, casus_id, organisation = row[1], row[2], row[3]
        polarity = index.polarity(info, row[7], row[6], row[8])
        for target in info.targets:
            unit = unit_of(target.level, casus_id, organisation)
            if unit is None:
                continue
            key = (gemeente_id, unit, target.aspect)
            tally = tallies.get(key)
            if tally is None:
                tally = tallies[key] = AspectTally()
            tally.add(info.source, polarity)
        if info.keys:
            _collect_keys(tallies, index, info, row, polarity)
    return tallies


def _collect_keys(tallies: dict[UnitKey, AspectTally], index: QuestionIndex, info: QuestionInfo,
                  row: tuple[Any, ...], polarity: str) -> None:
    for aspect, key_index, ref in info.keys:
        target = next((t for t in info.targets if t.aspect == aspect), None)
        level = target.level if target else _aspect_level(index.framework, aspect)
        unit = unit_of(level, row[2], row[3])
        if unit is None:
            continue
        state = polarity
        if ref.option is not None and row[7] == ANSWERED:
            state = "+" if ref.option in index.chosen(info, row[6]) else "-"
        tallies.setdefault((row[1], unit, aspect), AspectTally()).add_key(key_index, info.source, state)


def _aspect_level(framework: Framework, aspect: str) -> str:
    for indicator in framework.indicators():
        if any(a.id == aspect for a in indicator.aspects):
            return str(indicator.level)
    return "casus"


def stream_rows(store: Store, gemeente_id: str | None = None) -> Iterator[tuple[Any, ...]]:
    """Answer rows for scoring, for one gemeente or (None) for every gemeente."""
    sql, args = ROW_SQL, []
    if gemeente_id is not None:
        sql, args = ROW_SQL + " AND i.gemeente_id = ?", [gemeente_id]
    cursor = store.db.conn.execute(sql, args)
    while batch := cursor.fetchmany(10_000):
        yield from batch
