"""Pydantic models for the toezichtkader (framework) and vragenlijsten (question sets).

Field names follow XLSForm where a concept exists there (type, relevant, constraint,
required, options ~ choices); domain words without an English equivalent keep their
Dutch name (doorvragen, vraag in a condition).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    """Base for file models: unknown keys are errors, so typos are caught by `check`."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- framework


class Level(StrEnum):
    """The unit an indicator is judged on."""

    CASUS = "casus"
    ORGANISATIE = "organisatie"
    GEMEENTE = "gemeente"


class Aspect(_Strict):
    """One operationalisering of an indicator, with its beslisregel."""

    id: str = Field(pattern=r"^[0-9]{1,2}[a-z]$")
    title: str = Field(min_length=1)
    operationalisering: str = Field(min_length=1)
    beslisregel: str = Field(min_length=1)
    required: bool = True
    """Whether the indicator can only be positief when this aspect is positief."""


class Indicator(_Strict):
    number: int = Field(ge=1, le=99)
    text: str = Field(min_length=1)
    level: Level = Level.CASUS
    aspects: list[Aspect] = Field(min_length=1)
    rule: Literal["all_required", "any"] = "all_required"
    """How aspect judgements combine into the indicator judgement (see scoring)."""


class Criterion(_Strict):
    text: str = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)


class ReportSection(_Strict):
    """A sub-heading of the report under a theme, and the indicators it reports on."""

    heading: str = Field(min_length=1)
    indicators: list[int] = Field(min_length=1)


class Theme(_Strict):
    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    """The research question, e.g. 'In hoeverre wordt ... de veiligheid gewaarborgd?'."""
    title: str = Field(min_length=1)
    """The 'Thema:' line of Bijlage 1."""
    report_heading: str = Field(min_length=1)
    """The heading used under Resultaten, e.g. 'Waarborgen van veiligheid'."""
    criteria: list[Criterion] = Field(min_length=1)
    report_sections: list[ReportSection] = Field(default_factory=list)


class Framework(_Strict):
    """The toezichtkader: themes -> criteria -> indicators -> aspects."""

    kind: Literal["toezichtkader"]
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    version: int = Field(ge=1)
    title: str = Field(min_length=1)
    themes: list[Theme] = Field(min_length=1)

    def indicators(self) -> list[Indicator]:
        return [i for t in self.themes for c in t.criteria for i in c.indicators]

    def indicator(self, number: int) -> Indicator | None:
        return next((i for i in self.indicators() if i.number == number), None)

    def aspect(self, aspect_id: str) -> Aspect | None:
        return next((a for i in self.indicators() for a in i.aspects if a.id == aspect_id), None)

    def aspects_of(self, question: Question) -> list[Aspect]:
        """The aspects a question gives evidence for (a mapping without aspect: all of its indicator's)."""
        found: list[Aspect] = []
        for mapping in question.indicators:
            indicator = self.indicator(mapping.indicator)
            if indicator is None:
                continue
            for aspect in indicator.aspects:
                if (mapping.aspect in (None, aspect.id)) and aspect not in found:
                    found.append(aspect)
        return found

    def theme_of(self, number: int) -> Theme | None:
        for theme in self.themes:
            if any(i.number == number for c in theme.criteria for i in c.indicators):
                return theme
        return None


# --------------------------------------------------------------------------- vragenlijst


class QuestionType(StrEnum):
    OPEN = "open"
    JANEE = "janee"
    KEUZE = "keuze"
    MEERKEUZE = "meerkeuze"
    SCHAAL = "schaal"
    GETAL = "getal"
    DATUM = "datum"
    ZRM = "zrm"


CLOSED_TYPES = frozenset({QuestionType.JANEE, QuestionType.KEUZE, QuestionType.MEERKEUZE})
SCORE_TYPES = frozenset({QuestionType.SCHAAL, QuestionType.ZRM})

Polarity = Literal["+", "-", "0"]
"""+ supports the norm, - contradicts it, 0 neutral/context."""


class Option(_Strict):
    code: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    """Stable code stored in answers; never change it once used."""
    label: str = Field(min_length=1)
    polarity: Polarity = "0"


class Mapping(_Strict):
    """The indicator/aspect a question gives evidence for.

    `polarity` gives an option another polarity for this aspect than its own: an answer can
    support one aspect and only be context for another (a client who knows their contact
    person says something about regie, nothing about one plan for the family).
    """

    indicator: int = Field(ge=1)
    aspect: str | None = None
    polarity: dict[str, Polarity] | None = None
    """Option code -> polarity for this aspect, where it differs from the option's own."""
    counts: bool = True
    """False: the answer is shown as evidence for this aspect (and can be reported as what goes
    well) but does not count in the suggestion, because it is about a part of the
    operationalisering the beslisregel does not decide on (a joint home visit for 1a)."""


TODAY = "vandaag"
"""A datum bound that means the day the answer is given (XLSForm: today())."""


class Constraint(_Strict):
    """Validation of a getal, schaal or datum answer (XLSForm: constraint).

    A datum bound is an ISO date or TODAY, e.g. `max: vandaag` for a date in the past.
    """

    min: int | float | str | None = None
    max: int | float | str | None = None
    pattern: str | None = None
    """A regular expression an open answer must contain a match of (XLSForm: regex(., '...'));
    anchor it with ^ and $ to match the whole answer."""
    soft: bool = False
    """Soft: warn but accept (the inspector confirms); hard: refuse."""
    message: str | None = None


class ScorePolarity(_Strict):
    """Polarity of schaal/zrm scores: >= plus_from is +, <= minus_to is -, else 0."""

    plus_from: int
    minus_to: int


class Condition(_Strict):
    """A structured routing condition (XLSForm: relevant), never eval'ed code.

    Exactly one form: `{vraag: q3, in: [nee, deels]}`, `{vraag: q3, answered: true}`,
    `{vraag: leeftijd, min: 18}` (inclusive bounds `min`/`max` on a getal, schaal, zrm or
    datum answer; XLSForm: `${leeftijd} >= 18`), `{all: [...]}`, `{any: [...]}` or `{not: {...}}`.
    """

    vraag: str | None = None
    in_: list[str] | None = Field(default=None, alias="in")
    answered: bool | None = None
    min: int | float | str | None = None
    max: int | float | str | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        forms = [
            self.vraag is not None,
            self.all is not None,
            self.any is not None,
            self.not_ is not None,
        ]
        if sum(forms) != 1:
            raise ValueError(
                "een voorwaarde heeft precies één van: vraag, all, any of not"
            )
        bounded = self.min is not None or self.max is not None
        if self.vraag is not None and [self.in_ is not None, self.answered is not None, bounded].count(True) != 1:
            raise ValueError("bij 'vraag' hoort precies één van: in of answered, of een grens (min/max)")
        if self.vraag is None and (self.in_ is not None or self.answered is not None or bounded):
            raise ValueError("'in', 'answered', 'min' en 'max' horen bij 'vraag'")
        return self

    def limits(self) -> list[tuple[str, int | float | str]]:
        """All (question id, bound) pairs of min/max conditions, for route simulation."""
        if self.vraag is not None:
            return [(self.vraag, b) for b in (self.min, self.max) if b is not None]
        out: list[tuple[str, int | float | str]] = []
        for sub in (self.all or []) + (self.any or []) + ([self.not_] if self.not_ else []):
            out.extend(sub.limits())
        return out

    def referenced(self) -> list[tuple[str, list[str]]]:
        """All (question id, option codes) pairs this condition reads."""
        if self.vraag is not None:
            return [(self.vraag, list(self.in_ or []))]
        out: list[tuple[str, list[str]]] = []
        for sub in (self.all or []) + (self.any or []) + ([self.not_] if self.not_ else []):
            out.extend(sub.referenced())
        return out


def _default_janee() -> list[Option]:
    return [Option(code="ja", label="Ja"), Option(code="nee", label="Nee")]


class Question(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    """Stable forever once used: answers refer to it."""
    type: QuestionType
    text: str = Field(min_length=1)
    guidance: str | None = None
    """Instruction for the interviewer (XLSForm: guidance_hint)."""
    hint: str | None = None
    doorvragen: list[str] = Field(default_factory=list)
    options: list[Option] = Field(default_factory=list)
    required: bool = False
    relevant: Condition | None = None
    constraint: Constraint | None = None
    indicators: list[Mapping] = Field(default_factory=list)
    score_polarity: ScorePolarity | None = None
    scale_min: int = 1
    scale_max: int = 5
    scale_labels: dict[int, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _janee_defaults(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("type") == "janee" and not data.get("options"):
            data = {**data, "options": [o.model_dump() for o in _default_janee()]}
        if isinstance(data, dict) and data.get("type") == "zrm":
            data = {**data, "scale_min": 1, "scale_max": 5}
        return data

    @model_validator(mode="after")
    def _type_rules(self) -> Question:
        if self.type in CLOSED_TYPES and len(self.options) < 2:
            raise ValueError(f"een vraag van type '{self.type}' heeft minstens twee options")
        if self.type not in CLOSED_TYPES and self.options:
            raise ValueError(f"een vraag van type '{self.type}' heeft geen options")
        codes = [o.code for o in self.options]
        if len(codes) != len(set(codes)):
            raise ValueError("option-codes moeten uniek zijn binnen een vraag")
        if self.scale_min >= self.scale_max:
            raise ValueError("scale_min moet kleiner zijn dan scale_max")
        for mapping in self.indicators:
            unknown = sorted(set(mapping.polarity or {}) - set(codes))
            if unknown:
                raise ValueError(f"polarity bij indicator {mapping.indicator} noemt onbekende optie(s): "
                                 f"{', '.join(unknown)}")
        if self.constraint and self.type not in (
            QuestionType.GETAL,
            QuestionType.DATUM,
            QuestionType.SCHAAL,
            QuestionType.OPEN,
        ):
            raise ValueError("constraint kan alleen bij open, getal, datum en schaal")
        return self

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)


class Section(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = Field(min_length=1)
    relevant: Condition | None = None
    """Routing for the whole section (XLSForm: relevant on a group)."""
    questions: list[Question] = Field(min_length=1)


class QuestionSet(_Strict):
    """A vragenlijst for one respondent role (or a dossier checklist)."""

    kind: Literal["vragenlijst"]
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    version: int = Field(ge=1)
    title: str = Field(min_length=1)
    role: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    role_label: str = Field(min_length=1)
    """How the role is named in Dutch in screens and reports, e.g. 'Casusregisseur'."""
    source: Annotated[
        str, Field(pattern=r"^(dossier|casusregisseur|supervisor|veilig_thuis|client|jeugdige|netwerkpartner|gemeente)$")
    ]
    """Source type for triangulation."""
    level: Literal["casus", "organisatie", "gemeente"] = "casus"
    """Whether an interview with this set belongs to one casus or to the gemeente."""
    framework: str
    intro: str = Field(min_length=1)
    consent: str = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)

    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions() if q.id == question_id), None)

    def section_of(self, question_id: str) -> Section | None:
        return next(
            (s for s in self.sections if any(q.id == question_id for q in s.questions)), None
        )
