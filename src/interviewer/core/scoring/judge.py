"""Turn tallied evidence for one aspect into a suggested judgement, with Dutch reasons.

The steps follow domain.md §4 and the beslisregels file, in this order:
key questions, minimum evidence, contradiction between sources, negative evidence,
and finally the sources positief requires. Each step that decides says so in the reasons.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from interviewer.core.beslisregels import KeyQuestion, ResolvedRule, source_label
from interviewer.core.models import Indicator

POSITIEF = "positief"
NEGATIEF = "negatief"
NTB = "niet te beoordelen"
VALUES = (POSITIEF, NEGATIEF, NTB)
SYMBOLS = {POSITIEF: "+", NEGATIEF: "−", NTB: "?"}

PLUS, MINUS, ZERO, UNKNOWN = 0, 1, 2, 3
"""Indexes into a per-source tally [plus, minus, zero, unknown]."""
POLARITY_INDEX = {"+": PLUS, "-": MINUS, "0": ZERO, "?": UNKNOWN}


@dataclass(frozen=True)
class Suggestion:
    value: str
    reasons: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.value]


@dataclass
class AspectTally:
    """Evidence counts for one aspect in one unit (casus, organisatie or gemeente)."""

    by_source: dict[str, list[int]] = field(default_factory=dict)
    keys: dict[int, dict[str, set[str]]] = field(default_factory=dict)
    """Key question index -> source -> polarities found for it (+, -, 0, ?)."""

    def add(self, source: str, polarity: str) -> None:
        counts = self.by_source.get(source)
        if counts is None:
            counts = self.by_source[source] = [0, 0, 0, 0]
        counts[POLARITY_INDEX[polarity]] += 1

    def add_key(self, index: int, source: str, polarity: str) -> None:
        self.keys.setdefault(index, {}).setdefault(source, set()).add(polarity)


def _labels(sources: Sequence[str]) -> str:
    return ", ".join(source_label(s) for s in sources)


def _rule_name(rule: ResolvedRule) -> str:
    return f"beslisregel {rule.aspect}" if rule.overridden else "standaardregel"


def source_verdicts(tally: AspectTally) -> dict[str, str]:
    """Per source type: '-' when it gave any negative evidence, '+' when only positive."""
    verdicts: dict[str, str] = {}
    for source, counts in tally.by_source.items():
        if counts[MINUS]:
            verdicts[source] = "-"
        elif counts[PLUS]:
            verdicts[source] = "+"
    return verdicts


def _key_state(sources: Mapping[str, set[str]], decisive: Sequence[str]) -> str:
    """'+' met, '-' failed or '?' unknown, for one key question over its sources."""
    for source in decisive:
        found = sources.get(source, set())
        if "-" in found:
            return "-"
        if "+" in found:
            return "+"
    found = set().union(*sources.values()) if sources else set()
    if "-" in found:
        return "-"
    return "+" if "+" in found else "?"


def judge_aspect(tally: AspectTally | None, rule: ResolvedRule) -> Suggestion:
    tally = tally or AspectTally()
    verdicts = source_verdicts(tally)
    polar = sum(c[PLUS] + c[MINUS] for c in tally.by_source.values())
    unknown = sum(c[UNKNOWN] for c in tally.by_source.values())
    warnings = _warnings(verdicts, rule)
    name = _rule_name(rule)

    key_states = [(key, _key_state(tally.keys.get(i, {}), rule.decisive))
                  for i, key in enumerate(rule.key_questions)]
    failed = [key.label for key, state in key_states if state == "-"]
    if failed:
        return Suggestion(NEGATIEF, tuple(f"Sleutelvraag '{label}' is negatief beantwoord ({name})."
                                          for label in failed), warnings)
    if polar < rule.min_evidence:
        reason = (f"Onvoldoende bewijs: {polar} antwoord(en) met + of − , minimaal {rule.min_evidence} "
                  f"nodig ({name}).")
        extra = (f"{unknown} antwoord(en) zonder oordeel (weet niet, n.v.t. of niet getagd).",) if unknown else ()
        return Suggestion(NTB, (reason, *extra), warnings)
    if "+" in verdicts.values() and "-" in verdicts.values():
        return _contradiction(verdicts, rule, warnings)
    negative = [s for s, v in verdicts.items() if v == "-"]
    if negative:
        return Suggestion(NEGATIEF, (f"Negatief bewijs uit: {_labels(negative)} ({name}).",), warnings)
    return _positive(verdicts, rule, key_states, warnings)


def _contradiction(verdicts: dict[str, str], rule: ResolvedRule, warnings: tuple[str, ...]) -> Suggestion:
    plus = [s for s, v in verdicts.items() if v == "+"]
    minus = [s for s, v in verdicts.items() if v == "-"]
    summary = f"Bronnen spreken elkaar tegen: positief volgens {_labels(plus)}, negatief volgens {_labels(minus)}."
    decider = next((s for s in rule.decisive if s in verdicts), None)
    if decider is None:
        return Suggestion(NTB, (summary, "Geen beslissende bron volgens de regel, dus niet te beoordelen "
                                         f"({_rule_name(rule)})."), warnings)
    value = POSITIEF if verdicts[decider] == "+" else NEGATIEF
    if value == POSITIEF and rule.key_questions:
        # A decisive positive source does not replace an unanswered key question.
        return Suggestion(NTB, (summary, f"{source_label(decider)} is beslissend, maar sleutelvragen "
                                         "zijn niet alle positief beantwoord."), warnings)
    return Suggestion(value, (summary, f"{source_label(decider)} is beslissend ({_rule_name(rule)}): {value}."),
                      warnings)


def _positive(verdicts: dict[str, str], rule: ResolvedRule, key_states: list[tuple[KeyQuestion, str]],
              warnings: tuple[str, ...]) -> Suggestion:
    plus = [s for s, v in verdicts.items() if v == "+"]
    name = _rule_name(rule)
    if not plus:
        return Suggestion(NTB, (f"Alleen neutraal bewijs, geen + of − ({name}).",), warnings)
    if rule.positive_requires and not set(plus) & set(rule.positive_requires):
        return Suggestion(NTB, (f"Alleen positief bewijs uit {_labels(plus)}; voor positief is bewijs nodig uit "
                                f"{_labels(rule.positive_requires)} ({name}).",), warnings)
    open_keys = [key.label for key, state in key_states if state != "+"]
    if open_keys:
        return Suggestion(NTB, tuple(f"Sleutelvraag '{label}' is niet (positief) beantwoord; zonder die vraag "
                                     f"geen positief ({name})." for label in open_keys), warnings)
    return Suggestion(POSITIEF, (f"Positief bewijs uit {_labels(plus)}, geen negatief bewijs ({name}).",), warnings)


def _warnings(verdicts: dict[str, str], rule: ResolvedRule) -> tuple[str, ...]:
    out: list[str] = []
    if rule.warn_single_source and len(verdicts) == 1:
        out.append(f"Rust op één bron: {_labels(list(verdicts))}.")
    plus = [s for s, v in verdicts.items() if v == "+"]
    minus = [s for s, v in verdicts.items() if v == "-"]
    if plus and minus:
        out.append(f"Tegenstrijdig: {_labels(plus)} positief, {_labels(minus)} negatief.")
    return tuple(out)


def combine(rule: str, aspects: Sequence[tuple[str, bool, Suggestion]]) -> Suggestion:
    """The indicator judgement from its aspects (framework rule all_required or any).

    Args:
        rule: the indicator's `rule` in the toezichtkader.
        aspects: (aspect id, required, suggestion) per aspect.
    """
    warnings = tuple(w for _, _, s in aspects for w in s.warnings)
    listed = tuple(f"{aid}: {s.value}" for aid, _, s in aspects)
    if rule == "any":
        values = [s.value for _, _, s in aspects]
        if POSITIEF in values:
            return Suggestion(POSITIEF, ("Minstens één aspect positief (regel any).", *listed), warnings)
        if all(v == NEGATIEF for v in values):
            return Suggestion(NEGATIEF, ("Alle aspecten negatief (regel any).", *listed), warnings)
        return Suggestion(NTB, ("Geen aspect positief, niet alle negatief (regel any).", *listed), warnings)
    required = [(aid, s) for aid, req, s in aspects if req] or [(aid, s) for aid, _, s in aspects]
    negative = [aid for aid, s in required if s.value == NEGATIEF]
    if negative:
        return Suggestion(NEGATIEF, (f"Vereist aspect negatief: {', '.join(negative)}.", *listed), warnings)
    if all(s.value == POSITIEF for _, s in required):
        return Suggestion(POSITIEF, ("Alle vereiste aspecten positief.", *listed), warnings)
    open_ = [aid for aid, s in required if s.value != POSITIEF]
    return Suggestion(NTB, (f"Niet alle vereiste aspecten positief ({', '.join(open_)} niet te beoordelen).",
                            *listed), warnings)


def derive(indicator: Indicator, aspects: Sequence[tuple[str, Suggestion]],
           decided: Mapping[str, tuple[str, str | None]]) -> Suggestion:
    """The indicator from the inspector's aspect decisions by the toezichtkader's rule.

    An aspect the inspector has not decided yet counts with its suggestion, and the reasons
    say which aspects that are, so a half-decided indicator never reads as decided.
    """
    required = {a.id: a.required for a in indicator.aspects}
    values = [(aid, required.get(aid, True),
               Suggestion(decided[aid][0], ("oordeel inspecteur",)) if aid in decided else suggestion)
              for aid, suggestion in aspects]
    result = combine(indicator.rule, values)
    open_ = [aid for aid, _ in aspects if aid not in decided]
    note = (f"Nog geen oordeel op aspect {', '.join(open_)}: daar telt het voorstel.",) if open_ else ()
    return Suggestion(result.value, (*result.reasons, *note), result.warnings)
