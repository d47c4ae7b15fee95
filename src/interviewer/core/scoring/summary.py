"""Scores per gemeente: the matrix of units x indicators, evidence items and counts.

`gemeente_summary` is the interface the report exporter uses; `score_gemeente` is what the
review screen shows; `score_study` scores every gemeente in one streaming pass.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from interviewer.core.answers import AnswerRecord, AnswerStatus, display_value
from interviewer.core.beslisregels import DEFAULT_RULES, RuleSet, source_label
from interviewer.core.catalog import Catalog
from interviewer.core.intake import is_no_organisation, regisseur_organisations
from interviewer.core.models import Framework, Indicator, QuestionType
from interviewer.core.scoring.collect import (
    Interviews,
    QuestionIndex,
    UnitKey,
    collect,
    load_interviews,
    stream_answers,
    unit_of,
)
from interviewer.core.scoring.judge import (
    NEGATIEF,
    NTB,
    POSITIEF,
    AspectTally,
    Suggestion,
    combine,
    derive,
    judge_aspect,
)
from interviewer.core.store import Store, load_stored_value

COUNT_KEYS = (POSITIEF, NEGATIEF, NTB)
UNIT_WORDS = {"casus": ("casus", "casussen"), "organisatie": ("organisatie", "organisaties"),
              "gemeente": ("gemeente", "gemeenten")}


@dataclass(frozen=True)
class Evidence:
    indicator: int
    aspect: str | None
    polarity: str
    """'+', '-', '0' or '?' (not tagged, or no answer)."""
    source: str
    source_label: str
    text: str
    quote: bool
    interview_id: str
    question_id: str
    gemeente_id: str
    casus_id: str | None
    organisation: str | None
    role_label: str = ""
    """How the interview is named (role), never a person."""
    remark: str | None = None
    counted: bool = True
    """False: shown for the aspect (and usable as what goes well) but not counted in its suggestion."""
    taggable: bool = False
    """An answered open question: the inspector gives its polarity (per aspect), also in review."""


@dataclass(frozen=True)
class IndicatorSummary:
    indicator: int
    level: str
    units: int
    counts: dict[str, int]
    text: str
    evidence: list[Evidence]


@dataclass(frozen=True)
class AspectCell:
    """One aspect (operationalisering) of a cell: the suggestion and the inspector's decision."""

    aspect: str
    suggestion: Suggestion
    final: str | None = None
    motivation: str | None = None

    @property
    def value(self) -> str:
        return self.final or self.suggestion.value


@dataclass(frozen=True)
class Cell:
    """One unit's judgement on one indicator: the suggestion, the aspects and the inspector's final.

    The inspector decides per aspect (`aspect_finals`); the indicator then follows from the
    aspects by the toezichtkader's rule (`derived`). A `final` on the indicator itself is the
    inspector's own indicator judgement, with a motivation; when it differs from `derived` it
    overrides the aspects (`overrides`).
    """

    indicator: int
    level: str
    unit: str
    """casus id, organisation name, or '' for the gemeente."""
    unit_label: str
    suggestion: Suggestion
    aspects: tuple[tuple[str, Suggestion], ...]
    """(aspect id, suggestion) per aspect, in framework order."""
    final: str | None = None
    motivation: str | None = None
    aspect_finals: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    """Aspect id -> (final, motivation) for the aspects the inspector decided."""
    derived: Suggestion | None = None
    """The indicator by the framework's rule over the aspects' values (decision, else suggestion);
    None while no aspect is decided."""

    @property
    def value(self) -> str:
        """What counts: the indicator final, else the value derived from decided aspects, else the suggestion."""
        if self.final:
            return self.final
        return self.derived.value if self.derived is not None else self.suggestion.value

    @property
    def aspect_cells(self) -> tuple[AspectCell, ...]:
        return tuple(AspectCell(aid, s, *self.aspect_finals.get(aid, (None, None))) for aid, s in self.aspects)

    @property
    def decided(self) -> bool:
        """Whether the inspector decided: on the indicator, or on every one of its aspects."""
        return bool(self.final) or (bool(self.aspects) and all(a in self.aspect_finals for a, _ in self.aspects))

    @property
    def overrides(self) -> bool:
        """The indicator final differs from what the decided aspects give by the framework's rule."""
        return bool(self.final) and self.derived is not None and self.final != self.derived.value


@dataclass
class GemeenteScore:
    gemeente_id: str
    framework: Framework
    units: dict[str, list[tuple[str, str]]]
    """Level -> [(unit id, label)]: casussen by code, organisations, and the gemeente."""
    cells: dict[tuple[int, str], Cell] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def cell(self, indicator: int, unit: str) -> Cell | None:
        return self.cells.get((indicator, unit))

    def evidence_for(self, indicator: int, unit: str) -> list[Evidence]:
        level = _level(self.framework, indicator)
        return [e for e in self.evidence
                if e.indicator == indicator and unit_of(level, e.casus_id, e.organisation) == unit]

    def context_for(self, indicator: int) -> list[Evidence]:
        """Evidence on a casus indicator from interviews without a casus (not counted per casus)."""
        if _level(self.framework, indicator) != "casus":
            return []
        return [e for e in self.evidence if e.indicator == indicator and e.casus_id is None]

    def source_counts(self, indicator: int, unit: str) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys("+-0?", 0))
        for item in self.evidence_for(indicator, unit):
            if item.counted:
                counts[item.source][item.polarity] += 1
        return dict(counts)


def rules_for(catalog: Catalog, framework: Framework) -> RuleSet:
    """The beslisregels for this framework, or the documented defaults when none is loaded."""
    return next((r for r in catalog.rules.values() if r.framework == framework.id), DEFAULT_RULES)


def _level(framework: Framework, number: int) -> str:
    indicator = framework.indicator(number)
    return str(indicator.level) if indicator else "casus"


def judge_unit(indicator: Indicator, tallies: dict[UnitKey, AspectTally], gemeente_id: str, unit: str,
               rules: RuleSet) -> tuple[Suggestion, tuple[tuple[str, Suggestion], ...]]:
    aspects = tuple((a.id, judge_aspect(tallies.get((gemeente_id, unit, a.id)), rules.rule_for(a.id)))
                    for a in indicator.aspects)
    required = {a.id: a.required for a in indicator.aspects}
    return combine(indicator.rule, [(aid, required[aid], s) for aid, s in aspects]), aspects


def score_study(store: Store, catalog: Catalog) -> dict[tuple[str, str, int], Suggestion]:
    """Suggested judgement for every (gemeente, unit, indicator) with evidence, in one pass."""
    framework = catalog.framework()
    rules = rules_for(catalog, framework)
    index = QuestionIndex(catalog, framework, rules)
    index.load_context(store)
    tallies = collect(stream_answers(store), index, load_interviews(store))
    indicators = {i.number: i for i in framework.indicators()}
    by_aspect = {a.id: i.number for i in indicators.values() for a in i.aspects}
    seen = {(g, u, by_aspect[a]) for g, u, a in tallies if a in by_aspect}
    organisation_level = {n for n, i in indicators.items() if str(i.level) == "organisatie"}
    judged = {g: set(judged_organisations(store, g, catalog)) for g in {g for g, _, n in seen if n in organisation_level}}
    # Organisation-level indicators are judged for the regisseur teams only (as in the review).
    seen = {(g, u, n) for g, u, n in seen if n not in organisation_level or u in judged[g]}
    return {(g, u, n): judge_unit(indicators[n], tallies, g, u, rules)[0] for g, u, n in seen}


def score_gemeente(store: Store, catalog: Catalog, gemeente_id: str) -> GemeenteScore:
    """Everything the review screen shows for one gemeente."""
    framework = catalog.framework()
    rules = rules_for(catalog, framework)
    index = QuestionIndex(catalog, framework, rules)
    index.load_context(store, gemeente_id)
    interviews = load_interviews(store, gemeente_id)
    rows = [row for batch in stream_answers(store, gemeente_id) for row in batch]
    tallies = collect([rows], index, interviews)
    score = GemeenteScore(gemeente_id, framework, _units(store, gemeente_id, catalog))
    score.evidence = list(_evidence(rows, index, interviews))
    finals = _finals(store, gemeente_id)
    aspect_finals = _aspect_finals(store, gemeente_id)
    for indicator in framework.indicators():
        level = str(indicator.level)
        for unit, label in score.units[level]:
            suggestion, aspects = judge_unit(indicator, tallies, gemeente_id, unit, rules)
            final = finals.get((indicator.number, unit), {})
            decided = aspect_finals.get((indicator.number, unit), {})
            score.cells[(indicator.number, unit)] = Cell(
                indicator.number, level, unit, label, suggestion, aspects,
                final.get("final"), final.get("motivation"), decided,
                derive(indicator, aspects, decided) if decided else None)
    return score


REGISSEUR_SOURCES = ("casusregisseur", "supervisor", "dossier")
"""Where a gemeente has no known organisation list yet (older databases), the organisations
of these interviews are its regisseur teams: partners, Veilig Thuis and the gemeente are not."""


def _units(store: Store, gemeente_id: str, catalog: Catalog) -> dict[str, list[tuple[str, str]]]:
    casussen = [(c["id"], c["code"]) for c in store.casussen(gemeente_id)]
    return {"casus": casussen, "organisatie": [(o, o) for o in judged_organisations(store, gemeente_id, catalog)],
            "gemeente": [("", "Gemeente")]}


def judged_organisations(store: Store, gemeente_id: str, catalog: Catalog) -> list[str]:
    """The organisations judged under an organisation-level indicator (11): the regisseur teams.

    From the gemeente's known list when it has one; else from the interviews with casusregisseurs,
    supervisors and dossiers. "geen" and the like are never an organisation. An organisation
    that already has a judgement stays, so no recorded decision disappears from the review.
    """
    known = regisseur_organisations(store, gemeente_id)
    if known is None:
        sets = [qs.id for qs in catalog.questionsets.values() if qs.source in REGISSEUR_SOURCES]
        marks = ", ".join("?" * len(sets)) or "NULL"
        known = [r[0] for r in store.conn.execute(
            "SELECT DISTINCT organisation FROM interview WHERE gemeente_id = ? AND status != 'geweigerd' "
            f"AND organisation IS NOT NULL AND organisation != '' AND questionset_id IN ({marks})",
            [gemeente_id, *sets])]
    judged = [r[0] for r in store.conn.execute(
        "SELECT DISTINCT organisation FROM judgement WHERE gemeente_id = ? AND organisation IS NOT NULL",
        [gemeente_id])]
    return sorted({o for o in [*known, *judged] if not is_no_organisation(o)})


def _finals(store: Store, gemeente_id: str) -> dict[tuple[int, str], dict[str, Any]]:
    out: dict[tuple[int, str], dict[str, Any]] = {}
    for row in store.db.table("judgement").rows_where("gemeente_id = ? AND aspect IS NULL", [gemeente_id]):
        unit = row["casus_id"] or row["organisation"] or ""
        out[(row["indicator"], unit)] = row
    return out


def _aspect_finals(store: Store, gemeente_id: str) -> dict[tuple[int, str], dict[str, tuple[str, str | None]]]:
    """(indicator, unit) -> aspect -> (final, motivation): the inspector's per-aspect decisions."""
    out: dict[tuple[int, str], dict[str, tuple[str, str | None]]] = {}
    rows = store.conn.execute(
        "SELECT indicator, casus_id, organisation, aspect, final, motivation FROM judgement "
        "WHERE gemeente_id = ? AND aspect IS NOT NULL AND final IS NOT NULL", [gemeente_id])
    for indicator, casus_id, organisation, aspect, final, motivation in rows:
        out.setdefault((indicator, casus_id or organisation or ""), {})[aspect] = (final, motivation)
    return out


def _evidence(rows: Iterable[tuple[Any, ...]], index: QuestionIndex, interviews: Interviews) -> Iterable[Evidence]:
    """Evidence items from ANSWER_SQL rows: (interview, question, value, status, polarity, remark, quote)."""
    for interview_id, question_id, raw, status, tagged, remark, quote in rows:
        interview = interviews.get(interview_id)
        info = index.by_questionset.get(interview[3], {}).get(question_id) if interview else None
        if interview is None or info is None or not info.targets:
            continue
        polarity = index.polarity(info, status, raw, tagged)
        polarities = (index.target_polarities(info, interview_id, interview[1], raw, status, tagged)
                      if info.per_target or (interview_id, question_id) in index.aspect_tags
                      else (polarity,) * len(info.targets))
        shown = display_value(info.question, _record(question_id, raw, status, remark, quote))
        text = f"{info.question.text}: {shown}" + (f" (opmerking: {remark})" if remark else "")
        for target, polarity in zip(info.targets, polarities, strict=True):
            yield Evidence(target.indicator, target.aspect, polarity, info.source, source_label(info.source),
                           text, bool(quote), interview_id, question_id, interview[0], interview[1], interview[2],
                           info.role_label, remark, target.counts,
                           info.question.type is QuestionType.OPEN and status == "beantwoord")


def _record(question_id: str, raw: str | None, status: str, remark: str | None, quote: int) -> AnswerRecord:
    try:
        answer_status = AnswerStatus(status)
    except ValueError:
        answer_status = AnswerStatus.OVERGESLAGEN
    value = load_stored_value(raw, f"antwoord op vraag '{question_id}'")
    return AnswerRecord(question_id=question_id, status=answer_status, value=value, remark=remark, quote=bool(quote))


def summary_text(indicator: Indicator, name: str, level: str, units: int, counts: dict[str, int]) -> str:
    one, many = UNIT_WORDS[level]
    if level == "gemeente":
        value = next((k for k in COUNT_KEYS if counts[k]), NTB)
        return f"Indicator {indicator.number} ({name}): {value} op gemeenteniveau"
    word = one if units == 1 else many
    parts = [f"positief in {counts[POSITIEF]} van {units} {word}"]
    parts += [f"{k} in {counts[k]}" for k in (NEGATIEF, NTB) if counts[k]]
    return f"Indicator {indicator.number} ({name}): " + ", ".join(parts)


def indicator_name(indicator: Indicator, rules: RuleSet) -> str:
    return rules.indicator_names.get(indicator.number) or indicator.aspects[0].title.lower()


def gemeente_summary(store: Store, catalog: Catalog, gemeente_id: str) -> list[IndicatorSummary]:
    """One summary per indicator, in framework order: counts of final (else suggested) judgements."""
    score = score_gemeente(store, catalog, gemeente_id)
    rules = rules_for(catalog, score.framework)
    out = []
    for indicator in score.framework.indicators():
        level = str(indicator.level)
        units = score.units[level]
        counts = dict.fromkeys(COUNT_KEYS, 0)
        for unit, _ in units:
            counts[score.cells[(indicator.number, unit)].value] += 1
        evidence = [e for e in score.evidence if e.indicator == indicator.number]
        text = summary_text(indicator, indicator_name(indicator, rules), level, len(units), counts)
        out.append(IndicatorSummary(indicator.number, level, len(units), counts, text, evidence))
    return out
