"""Stream answer rows into per-unit evidence tallies, with cached question lookups.

Scoring a national study touches over a million answers, so a row is never turned into a
pydantic object: a row's polarity comes from a dict keyed by the raw stored JSON value,
filled once per distinct (question, value).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from interviewer.core.beslisregels import OptionRule, QuestionRef, RuleSet
from interviewer.core.catalog import Catalog
from interviewer.core.models import (
    CLOSED_TYPES,
    SCORE_TYPES,
    Framework,
    Question,
    QuestionSet,
    QuestionType,
)
from interviewer.core.scoring.judge import AspectTally
from interviewer.core.store import Store

ANSWERED = "beantwoord"

INTERVIEW_SQL = """
SELECT id, gemeente_id, casus_id, organisation, COALESCE(questionset_hash, questionset_id)
FROM interview WHERE status != 'geweigerd'
"""
ANSWER_SQL = "SELECT interview_id, question_id, value, status, polarity, remark, quote FROM answer WHERE off_route = 0"
"""Scoring reads answers without the join: interviews are few and looked up in a dict."""


LEVEL_SLOTS = {"casus": 0, "organisatie": 1, "gemeente": 2}
"""Index into the per-interview units tuple (casus id, organisation, gemeente)."""


@dataclass(frozen=True)
class Target:
    """One aspect a question gives evidence for, with the level of its indicator."""

    indicator: int
    aspect: str
    level: str
    polarity: dict[str, str] | None = field(default=None, compare=False, hash=False)
    """Option code -> polarity for this aspect where it differs from the option's (the mapping's)."""
    rule: OptionRule | None = field(default=None, compare=False, hash=False)
    """The beslisregel over the chosen options that decides this aspect's polarity."""
    counts: bool = True
    """False: evidence shown for the aspect, not counted in its suggestion (Mapping.counts)."""


@dataclass(frozen=True)
class QuestionInfo:
    questionset_id: str
    source: str
    role_label: str
    question: Question
    targets: tuple[Target, ...]
    keys: tuple[tuple[str, int, QuestionRef], ...]
    """(aspect, key question index, reference) for every key question this question is."""

    value_cache: dict[str | None, str] | None = field(default=None, compare=False, hash=False)
    """Polarity per raw stored value, for closed and score questions (None: open/getal/datum)."""

    @cached_property
    def per_target(self) -> bool:
        """Whether polarity can differ per aspect by the vragenlijst or beslisregels: a mapping
        override, an option rule, or a mapping that does not count. (An open answer the inspector
        tagged per aspect takes the same path; that is known per answer, see `tagged`.)"""
        return any(t.polarity or t.rule for t in self.targets) or not all(t.counts for t in self.targets)

    @cached_property
    def slots(self) -> tuple[tuple[str, str, int], ...]:
        """(string key, aspect, level slot) per target: prebuilt so the hot loop allocates nothing."""
        return tuple((f"{t.aspect}|{t.level}", t.aspect, LEVEL_SLOTS[t.level]) for t in self.targets if t.counts)


UnitKey = tuple[str, str, str]
"""(gemeente_id, unit id, aspect): unit id is a casus id, an organisation or '' (gemeente)."""


class QuestionIndex:
    """Cached lookups from (questionset id, question id) to what scoring needs."""

    def __init__(self, catalog: Catalog, framework: Framework, rules: RuleSet) -> None:
        self.framework = framework
        keys = _key_refs(rules)
        option_rules = _option_rules(rules)
        self.conditions = sorted({(extra.when.questionset, extra.when.question)
                                  for rule in option_rules.values() for extra in rule.also})
        """The answers option rules read, loaded per casus by `load_context`."""
        self.casus_answers: dict[str | None, dict[tuple[str, str], str | None]] = {}
        self.aspect_tags: dict[tuple[str, str], dict[str, str]] = {}
        """(interview, question) -> aspect -> the inspector's polarity for that aspect."""
        self._keys, self._option_rules = keys, option_rules
        self.catalog = catalog
        self.tagged: dict[str, frozenset[str]] = {}
        """Interview -> the questions tagged per aspect in it (looked up once per interview)."""
        self.infos: dict[tuple[str, str], QuestionInfo] = {}
        for qs in catalog.questionsets.values():
            for question_id, info in self._infos_of(qs).items():
                self.infos[(qs.id, question_id)] = info
        self.by_questionset: dict[str, dict[str, QuestionInfo]] = {}
        """Questionset id, or the hash of a pinned version (see load_versions) -> question -> info."""
        for (qs_id, question_id), info in self.infos.items():
            self.by_questionset.setdefault(qs_id, {})[question_id] = info
        self._chosen: dict[tuple[str, str, str], frozenset[str]] = {}

    def _infos_of(self, qs: QuestionSet) -> dict[str, QuestionInfo]:
        infos = {}
        for question in qs.questions():
            targets = tuple(_targets(self.framework, question, qs.id, self._option_rules))
            own_keys = tuple(k for k in self._keys.get((qs.id, question.id), ()))
            if targets or own_keys:
                by_value: dict[str | None, str] | None = {} if question.type in CLOSED_TYPES or question.type in SCORE_TYPES else None
                infos[question.id] = QuestionInfo(qs.id, qs.source, qs.role_label, question, targets, own_keys, by_value)
        return infos

    def load_versions(self, store: Store) -> None:
        """Index the vragenlijst versions interviews were taken with, under their hash.

        An interview answered on an older version is scored with that version's questions
        and options (load_interviews hands out the hash as its questionset key); a version
        equal to the catalog's shares the catalog's entries.
        """
        from interviewer.core.questionset_versions import content_hash, versions_in_use

        current = {qs.id: content_hash(qs) for qs in self.catalog.questionsets.values()}
        for digest, qs in versions_in_use(store).items():
            if current.get(qs.id) == digest:
                self.by_questionset[digest] = self.by_questionset.get(qs.id, {})
            else:
                self.by_questionset[digest] = self._infos_of(qs)

    def polarity(self, info: QuestionInfo, status: str, raw: str | None, tagged: str | None) -> str:
        if status != ANSWERED:
            return "?"
        if info.value_cache is None:
            return tagged or "?"
        found = info.value_cache.get(raw)
        if found is None:
            found = info.value_cache[raw] = value_polarity(info.question, _load(raw))
        return found

    def load_context(self, store: Store, gemeente_id: str | None = None) -> None:
        """Read what per-aspect polarity needs besides the answer rows: tags and condition answers."""
        self.load_versions(store)
        self.aspect_tags = load_aspect_tags(store, gemeente_id)
        by_interview: dict[str, set[str]] = {}
        for interview_id, question_id in self.aspect_tags:
            by_interview.setdefault(interview_id, set()).add(question_id)
        self.tagged = {k: frozenset(v) for k, v in by_interview.items()}
        self.casus_answers = {}
        for qs_id, question_id in self.conditions:
            sql = ("SELECT i.casus_id, a.value FROM answer a JOIN interview i ON i.id = a.interview_id "
                   "WHERE i.questionset_id = ? AND a.question_id = ? AND a.status = ? AND i.status != 'geweigerd'")
            args: list[Any] = [qs_id, question_id, ANSWERED]
            if gemeente_id is not None:
                sql, args = sql + " AND i.gemeente_id = ?", [*args, gemeente_id]
            for casus_id, raw in store.conn.execute(sql, args):
                value = _load(raw)
                self.casus_answers.setdefault(casus_id, {})[(qs_id, question_id)] = (
                    None if value is None else str(value))

    def target_polarities(self, info: QuestionInfo, interview_id: str, casus_id: str | None, raw: str | None,
                          status: str, tagged: str | None) -> tuple[str, ...]:
        """The polarity of one answer for each of its targets (see QuestionInfo.per_target)."""
        if status != ANSWERED:
            return ("?",) * len(info.targets)
        base = self.polarity(info, status, raw, tagged)
        tags = self.aspect_tags.get((interview_id, info.question.id), {})
        out = []
        for target in info.targets:
            if target.rule is not None:
                out.append(_rule_polarity(target.rule, self.chosen(info, raw), self.casus_answers.get(casus_id, {})))
            elif target.polarity is not None:
                out.append(_override_polarity(info.question, _load(raw), target.polarity))
            elif info.value_cache is None:
                out.append(tags.get(target.aspect, base))
            else:
                out.append(base)
        return tuple(out)

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


def _targets(framework: Framework, question: Question, qs_id: str,
             option_rules: dict[tuple[str, str, str], OptionRule]) -> Iterator[Target]:
    for mapping in question.indicators:
        indicator = framework.indicator(mapping.indicator)
        if indicator is None:
            continue
        # A mapping without aspect is evidence for every aspect of the indicator.
        aspects = [mapping.aspect] if mapping.aspect else [a.id for a in indicator.aspects]
        for aspect in aspects:
            yield Target(indicator.number, aspect, str(indicator.level),
                         dict(mapping.polarity) if mapping.polarity else None,
                         option_rules.get((qs_id, question.id, aspect)), mapping.counts)


def _option_rules(rules: RuleSet) -> dict[tuple[str, str, str], OptionRule]:
    """(questionset, question, aspect) -> the option rule that decides that answer's polarity there."""
    return {(rule.questionset, rule.question, aspect): rule
            for aspect, aspect_rule in rules.aspects.items() for rule in aspect_rule.option_rules}


def _rule_polarity(rule: OptionRule, chosen: frozenset[str], known: dict[tuple[str, str], str | None]) -> str:
    missing = rule.missing(chosen, known)
    if missing is None:
        return "0"  # depends on an answer nobody gave (are there children?): no evidence either way
    return "-" if missing else "+"


def _override_polarity(question: Question, value: Any, polarity: dict[str, str]) -> str:
    """Like value_polarity, with this aspect's polarity for the options the mapping names."""
    codes = value if isinstance(value, list) else [value]
    found = set()
    for code in codes:
        option = question.option(str(code))
        if option is not None:
            found.add(polarity.get(option.code, option.polarity))
    if not found:
        return "?"
    return "-" if "-" in found else "+" if "+" in found else "0"


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


Interviews = dict[str, tuple[str, str | None, str | None, str]]
"""interview id -> (gemeente id, casus id, organisation, questionset key), refused ones left out.
The key is the hash of the version the interview was taken with, or the questionset id
for an interview never opened since versions are kept."""


def collect(batches: Iterable[list[tuple[Any, ...]]], index: QuestionIndex,
            interviews: Interviews) -> dict[UnitKey, AspectTally]:
    """Tally batches of ANSWER_SQL rows into evidence counts per (gemeente, unit, aspect).

    This is the hot loop of scoring a national study: locals only, no objects per row, and
    everything that depends only on the interview (gemeente, units, which questions) is looked
    up once per interview, not per answer.
    """
    counts: dict[tuple[str, str, str, str], list[int]] = {}
    keyed: list[tuple[QuestionInfo, tuple[Any, ...], str | dict[str, str]]] = []
    last: str | None = None
    interview: tuple[str, str | None, str | None, str] | None = None
    by_question: dict[str, QuestionInfo] = {}
    tagged_here: frozenset[str] = frozenset()
    local: dict[str, list[int]] = {}
    units: tuple[str | None, ...] = ()
    slot_of = {"+": 0, "-": 1, "0": 2, "?": 3}
    for batch in batches:
        for interview_id, question_id, raw, status, tagged, _remark, _quote in batch:
            if interview_id != last:
                last, local = interview_id, {}
                tagged_here = index.tagged.get(interview_id, frozenset())
                interview = interviews.get(interview_id)
                by_question = index.by_questionset.get(interview[3], {}) if interview else {}
                units = (interview[1], interview[2] or None, "") if interview else ()
            info = by_question.get(question_id)
            if info is None or interview is None:
                continue
            if info.per_target or question_id in tagged_here:
                polarities = index.target_polarities(info, interview_id, interview[1], raw, status, tagged)
                counted = [p for t, p in zip(info.targets, polarities, strict=True) if t.counts]
                for (_key, aspect, level_slot), polarity in zip(info.slots, counted, strict=True):
                    unit = units[level_slot]
                    if unit is not None:
                        counts.setdefault((interview[0], unit, aspect, info.source), [0, 0, 0, 0])[
                            slot_of[polarity]] += 1
                if info.keys:
                    by_aspect = {t.aspect: p for t, p in zip(info.targets, polarities, strict=True)}
                    keyed.append((info, (interview_id, *interview, raw, status), by_aspect))
                continue
            if status != ANSWERED:
                polarity = "?"
            elif info.value_cache is not None:
                found = info.value_cache.get(raw)
                polarity = found if found is not None else index.polarity(info, status, raw, tagged)
            else:
                polarity = tagged or "?"
            slot = slot_of[polarity]
            for target_key, aspect, level_slot in info.slots:
                tally = local.get(target_key)
                if tally is None:
                    unit = units[level_slot]
                    # No unit at this level (a casus indicator in an interview without casus):
                    # count into a list nobody reads, so the loop needs no extra branch.
                    tally = local[target_key] = [0, 0, 0, 0] if unit is None else counts.setdefault(
                        (interview[0], unit, aspect, info.source), [0, 0, 0, 0])
                tally[slot] += 1
            if info.keys:
                keyed.append((info, (interview_id, *interview, raw, status), polarity))
    return _tallies(counts, keyed, index)


def _tallies(counts: dict[tuple[str, str, str, str], list[int]],
             keyed: list[tuple[QuestionInfo, tuple[Any, ...], str | dict[str, str]]],
             index: QuestionIndex) -> dict[UnitKey, AspectTally]:
    tallies: dict[UnitKey, AspectTally] = {}
    for (gemeente_id, unit, aspect, source), tally in counts.items():
        found = tallies.get((gemeente_id, unit, aspect))
        if found is None:
            found = tallies[(gemeente_id, unit, aspect)] = AspectTally()
        found.by_source[source] = tally
    for info, row, polarity in keyed:
        _collect_keys(tallies, index, info, row, polarity)
    return tallies


def _collect_keys(tallies: dict[UnitKey, AspectTally], index: QuestionIndex, info: QuestionInfo,
                  row: tuple[Any, ...], polarities: str | dict[str, str]) -> None:
    """row: (interview id, gemeente id, casus id, organisation, questionset id, raw value, status)."""
    for aspect, key_index, ref in info.keys:
        if isinstance(polarities, str):
            polarity = polarities
        else:
            polarity = polarities.get(aspect) or index.polarity(info, row[6], row[5], None)
        target = next((t for t in info.targets if t.aspect == aspect), None)
        level = target.level if target else _aspect_level(index.framework, aspect)
        unit = unit_of(level, row[2], row[3])
        if unit is None:
            continue
        state = polarity
        if ref.option is not None and row[6] == ANSWERED:
            state = "+" if ref.option in index.chosen(info, row[5]) else "-"
        tallies.setdefault((row[1], unit, aspect), AspectTally()).add_key(key_index, info.source, state)


def _aspect_level(framework: Framework, aspect: str) -> str:
    for indicator in framework.indicators():
        if any(a.id == aspect for a in indicator.aspects):
            return str(indicator.level)
    return "casus"


def load_interviews(store: Store, gemeente_id: str | None = None) -> Interviews:
    sql, args = INTERVIEW_SQL, []
    if gemeente_id is not None:
        sql, args = INTERVIEW_SQL + " AND gemeente_id = ?", [gemeente_id]
    return {row[0]: (row[1], row[2], row[3], row[4]) for row in store.db.conn.execute(sql, args)}


def load_aspect_tags(store: Store, gemeente_id: str | None = None) -> dict[tuple[str, str], dict[str, str]]:
    """(interview, question) -> aspect -> polarity, as the inspector tagged open answers per aspect."""
    if not store.has_aspect_polarity():
        return {}
    sql, args = "SELECT interview_id, question_id, aspect, polarity FROM answer_aspect_polarity", []
    if gemeente_id is not None:
        sql += " WHERE interview_id IN (SELECT id FROM interview WHERE gemeente_id = ?)"
        args = [gemeente_id]
    out: dict[tuple[str, str], dict[str, str]] = {}
    for interview_id, question_id, aspect, polarity in store.conn.execute(sql, args):
        out.setdefault((interview_id, question_id), {})[aspect] = polarity
    return out


def stream_answers(store: Store, gemeente_id: str | None = None) -> Iterator[list[tuple[Any, ...]]]:
    """Batches of answer rows (ANSWER_SQL shape) for one gemeente or (None) every gemeente."""
    sql, args = ANSWER_SQL, []
    if gemeente_id is not None:
        sql = ANSWER_SQL + " AND interview_id IN (SELECT id FROM interview WHERE gemeente_id = ?)"
        args = [gemeente_id]
    cursor = store.db.conn.execute(sql, args)
    while batch := cursor.fetchmany(10_000):
        yield batch
