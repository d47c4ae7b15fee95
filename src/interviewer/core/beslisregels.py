"""The beslisregels as data: which evidence makes an aspect positief or negatief.

The toezichtkader states each beslisregel in prose; this file's model makes them executable
without an if-branch per indicator in code. Every threshold lives in
`vragenlijsten/beslisregels.yaml`, and every suggestion names the rule that fired.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SourceType = Literal[
    "dossier", "casusregisseur", "supervisor", "veilig_thuis", "client", "jeugdige",
    "netwerkpartner", "gemeente",
]

SOURCE_LABELS: dict[str, str] = {
    "dossier": "Dossier",
    "casusregisseur": "Casusregisseur",
    "supervisor": "Supervisor",
    "veilig_thuis": "Veilig Thuis",
    "client": "Cliënt",
    "jeugdige": "Jeugdige",
    "netwerkpartner": "Netwerkpartner",
    "gemeente": "Gemeente",
}


def source_label(source: str) -> str:
    return SOURCE_LABELS.get(source, source)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuestionRef(_Strict):
    """One question of one vragenlijst, optionally with an option that must be chosen."""

    questionset: str = Field(min_length=1)
    question: str = Field(min_length=1)
    option: str | None = None
    """When set, the answer only counts as positive when this option is among those chosen."""


class KeyQuestion(_Strict):
    """A question that must be answered positively before an aspect can be positief.

    Several references are alternatives (e.g. the casusregisseur's answer or the dossier's
    checklist item); a negative answer on any of them makes the aspect negatief, unless a
    decisive source among them is positive.
    """

    label: str = Field(min_length=1)
    any_of: list[QuestionRef] = Field(min_length=1)


class AnswerCondition(_Strict):
    """Another answer about the same casus, e.g. the dossier's `kinderen` is ja."""

    questionset: str = Field(min_length=1)
    question: str = Field(min_length=1)
    in_: list[str] = Field(alias="in", min_length=1)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ConditionalOptions(_Strict):
    """Options that are also required when a condition holds (opvoeding when there are children)."""

    all_of: list[str] = Field(min_length=1)
    when: AnswerCondition


class OptionRule(_Strict):
    """A beslisregel over the set of options chosen in one multiple-choice question.

    The answer then counts for the aspect as + when the rule is met and − when it is not,
    instead of the polarity of the separate options: ticking one leefgebied is not 'de
    leefgebieden in kaart'. Forms: `all_of` (every code chosen), `at_least` n of `of`, and
    `also` for codes required only when another answer about the casus says so.
    """

    label: str = Field(min_length=1)
    questionset: str = Field(min_length=1)
    question: str = Field(min_length=1)
    all_of: list[str] = Field(default_factory=list)
    at_least: int | None = Field(default=None, ge=1)
    of: list[str] = Field(default_factory=list)
    also: list[ConditionalOptions] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_form(self) -> OptionRule:
        if not self.all_of and self.at_least is None:
            raise ValueError("een optieregel heeft all_of of at_least (met of)")
        if (self.at_least is None) != (not self.of):
            raise ValueError("at_least en of horen bij elkaar")
        if self.at_least is not None and self.at_least > len(self.of):
            raise ValueError(f"at_least {self.at_least} is meer dan de {len(self.of)} opties in of")
        return self

    def codes(self) -> list[str]:
        """Every option code the rule names (for `check`)."""
        return [*self.all_of, *self.of, *(c for extra in self.also for c in extra.all_of)]

    def missing(self, chosen: frozenset[str], known: Mapping[tuple[str, str], str | None]) -> list[str] | None:
        """The codes that keep the rule from being met ([] when met); None when it cannot be told.

        Args:
            chosen: the option codes of the answer.
            known: the answers the `also` conditions read, (questionset, question) -> code or None.
        """
        missing = [c for c in self.all_of if c not in chosen]
        if self.at_least is not None:
            found = sum(1 for c in self.of if c in chosen)
            if found < self.at_least:
                missing.append(f"{self.at_least - found} van {', '.join(c for c in self.of if c not in chosen)}")
        undecided = False
        for extra in self.also:
            needed = [c for c in extra.all_of if c not in chosen]
            if not needed:
                continue
            value = known.get((extra.when.questionset, extra.when.question))
            if value is None:
                undecided = True
            elif value in extra.when.in_:
                missing.extend(needed)
        if undecided and not missing:
            return None
        return missing


def _dossier() -> list[SourceType]:
    return ["dossier"]


class RuleDefaults(_Strict):
    min_evidence: int = Field(default=1, ge=1)
    """Fewer answers with a polarity (+ or −) than this: niet te beoordelen."""
    positive_requires: list[SourceType] = Field(default_factory=_dossier)
    """Positief only with positive evidence from at least one of these sources (empty: any)."""
    decisive: list[SourceType] = Field(default_factory=_dossier)
    """When sources contradict each other, the first of these with evidence decides."""
    warn_single_source: bool = True


class AspectRule(_Strict):
    """Overrides of the defaults for one aspect, plus its key questions."""

    min_evidence: int | None = Field(default=None, ge=1)
    positive_requires: list[SourceType] | None = None
    decisive: list[SourceType] | None = None
    warn_single_source: bool | None = None
    key_questions: list[KeyQuestion] = Field(default_factory=list)
    option_rules: list[OptionRule] = Field(default_factory=list)
    """How a multiple-choice answer counts for this aspect (all of / at least n of / conditional)."""
    note: str | None = None
    """Why this aspect deviates from the defaults (shown nowhere; for the file's reader)."""


class RuleSet(_Strict):
    """A beslisregels file: defaults and per-aspect rules for one toezichtkader."""

    kind: Literal["beslisregels"]
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    version: int = Field(ge=1)
    framework: str
    title: str = Field(min_length=1)
    defaults: RuleDefaults = Field(default_factory=RuleDefaults)
    aspects: dict[str, AspectRule] = Field(default_factory=dict)
    indicator_names: dict[int, str] = Field(default_factory=dict)
    """Short names used in counts, e.g. 3: veiligheidsplan ("Indicator 3 (veiligheidsplan): ...")."""

    def rule_for(self, aspect_id: str) -> ResolvedRule:
        return resolve(self.defaults, self.aspects.get(aspect_id), aspect_id)


@dataclass(frozen=True)
class ResolvedRule:
    """The rule that applies to one aspect, defaults filled in."""

    aspect: str
    min_evidence: int
    positive_requires: tuple[str, ...]
    decisive: tuple[str, ...]
    warn_single_source: bool
    key_questions: tuple[KeyQuestion, ...]
    option_rules: tuple[OptionRule, ...]
    overridden: bool
    """Whether the beslisregels file has an entry for this aspect (named in the reasons)."""


def resolve(defaults: RuleDefaults, rule: AspectRule | None, aspect_id: str) -> ResolvedRule:
    own = rule or AspectRule()
    return ResolvedRule(
        aspect=aspect_id,
        min_evidence=own.min_evidence if own.min_evidence is not None else defaults.min_evidence,
        positive_requires=tuple(own.positive_requires if own.positive_requires is not None
                                else defaults.positive_requires),
        decisive=tuple(own.decisive if own.decisive is not None else defaults.decisive),
        warn_single_source=(own.warn_single_source if own.warn_single_source is not None
                            else defaults.warn_single_source),
        key_questions=tuple(own.key_questions),
        option_rules=tuple(own.option_rules),
        overridden=rule is not None,
    )


DEFAULT_RULES = RuleSet(kind="beslisregels", id="standaard", version=1, framework="*",
                        title="Standaard beslisregels")
"""Used when no beslisregels file is loaded: the defaults above, named in every reason."""
