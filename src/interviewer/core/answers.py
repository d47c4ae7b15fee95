"""Answers: statuses, the answer record, and typed parsing of what the inspector typed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from interviewer.core.models import TODAY, Polarity, Question, QuestionType


class AnswerStatus(StrEnum):
    BEANTWOORD = "beantwoord"
    WEET_NIET = "weet_niet"
    WIL_NIET_ZEGGEN = "wil_niet_zeggen"
    NVT = "niet_van_toepassing"
    OVERGESLAGEN = "overgeslagen"


STATUS_LABELS: dict[AnswerStatus, str] = {
    AnswerStatus.BEANTWOORD: "beantwoord",
    AnswerStatus.WEET_NIET: "weet niet",
    AnswerStatus.WIL_NIET_ZEGGEN: "wil niet zeggen",
    AnswerStatus.NVT: "n.v.t.",
    AnswerStatus.OVERGESLAGEN: "overgeslagen",
}

NON_RESPONSE = frozenset({AnswerStatus.WEET_NIET, AnswerStatus.WIL_NIET_ZEGGEN, AnswerStatus.NVT})


class AnswerRecord(BaseModel):
    """One answer as the engine and the store know it."""

    model_config = ConfigDict(frozen=True)

    question_id: str
    status: AnswerStatus
    value: Any = None
    """Typed value when status is beantwoord: str, list[str], int, float or ISO date str."""
    remark: str | None = None
    quote: bool = False
    """The inspector marked the answer as a quote the report may cite."""
    polarity: Polarity | None = None
    """The inspector's polarity for an open answer (closed answers take the option's)."""

    @property
    def answered(self) -> bool:
        return self.status is AnswerStatus.BEANTWOORD


@dataclass(frozen=True)
class Parsed:
    """Result of parsing raw input for a question."""

    value: Any = None
    error: str | None = None
    """Hard problem: the answer is refused."""
    warning: str | None = None
    """Soft constraint: accepted only after the inspector confirms."""

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_answer(question: Question, raw: Any, *, confirmed: bool = False) -> Parsed:
    """Turn what was typed or picked into a typed value, with Dutch messages.

    Args:
        question: the question being answered.
        raw: text, an option code or number, a list of codes, or a number.
        confirmed: the inspector already saw the soft-constraint warning and accepts.
    """
    parser = _PARSERS[question.type]
    parsed = parser(question, raw)
    if not parsed.ok:
        return parsed
    return _apply_constraint(question, parsed.value, confirmed)


def _text(question: Question, raw: Any) -> Parsed:
    text = str(raw if raw is not None else "").strip()
    if not text:
        return Parsed(error="Typ een antwoord, of kies weet niet, wil niet zeggen, n.v.t. of overslaan.")
    return Parsed(value=text)


def _pick(question: Question, raw: Any) -> str | None:
    token = str(raw).strip().lower()
    if token.isdigit() and 1 <= int(token) <= len(question.options):
        return question.options[int(token) - 1].code
    if question.option(token) is not None:
        return token
    by_label = [o.code for o in question.options if o.label.lower() == token]
    return by_label[0] if by_label else None


def _options_text(question: Question) -> str:
    return ", ".join(f"{i}={o.label}" for i, o in enumerate(question.options, start=1))


def _choice(question: Question, raw: Any) -> Parsed:
    code = _pick(question, raw) if raw is not None else None
    if code is None:
        return Parsed(error=f"Kies een van de opties: {_options_text(question)}.")
    return Parsed(value=code)


def _multi(question: Question, raw: Any) -> Parsed:
    tokens = raw if isinstance(raw, list | tuple | set) else re.split(r"[,\s]+", str(raw or ""))
    tokens = [t for t in tokens if str(t).strip()]
    if not tokens:
        return Parsed(error="Kies minstens één optie, of kies weet niet/n.v.t./overslaan.")
    codes: list[str] = []
    for token in tokens:
        code = _pick(question, token)
        if code is None:
            return Parsed(error=f"'{token}' is geen optie. Kies uit: {_options_text(question)}.")
        if code not in codes:
            codes.append(code)
    order = [o.code for o in question.options]
    return Parsed(value=sorted(codes, key=order.index))


def _score(question: Question, raw: Any) -> Parsed:
    text = str(raw if raw is not None else "").strip()
    if not re.fullmatch(r"-?\d+", text):
        return Parsed(error=f"Geef een score van {question.scale_min} tot en met {question.scale_max}.")
    value = int(text)
    if not question.scale_min <= value <= question.scale_max:
        return Parsed(error=f"De score moet tussen {question.scale_min} en {question.scale_max} liggen.")
    return Parsed(value=value)


def _number(question: Question, raw: Any) -> Parsed:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return Parsed(value=raw)
    text = str(raw if raw is not None else "").strip().replace(" ", "")
    # Dutch input: a comma is the decimal separator; dots as thousand separators are ambiguous,
    # so only accept a dot as decimal point when there is no comma.
    text = text.replace(",", ".") if "," in text and "." not in text else text
    if re.fullmatch(r"-?\d+", text):
        return Parsed(value=int(text))
    if re.fullmatch(r"-?\d+\.\d+", text):
        return Parsed(value=float(text))
    return Parsed(error=f"'{raw}' is geen getal. Typ bijvoorbeeld 3 of 2,5.")


def _date(question: Question, raw: Any) -> Parsed:
    text = str(raw if raw is not None else "").strip()
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return Parsed(value=date(year, month, day).isoformat())
        return Parsed(value=date.fromisoformat(text).isoformat())
    except ValueError:
        return Parsed(error=f"'{text}' is geen geldige datum. Typ dd-mm-jjjj, bijvoorbeeld 14-03-2019.")


_PARSERS = {
    QuestionType.OPEN: _text,
    QuestionType.JANEE: _choice,
    QuestionType.KEUZE: _choice,
    QuestionType.MEERKEUZE: _multi,
    QuestionType.SCHAAL: _score,
    QuestionType.ZRM: _score,
    QuestionType.GETAL: _number,
    QuestionType.DATUM: _date,
}


def _apply_constraint(question: Question, value: Any, confirmed: bool) -> Parsed:
    c = question.constraint
    if c is None:
        return Parsed(value=value)
    if c.pattern is not None and question.type is QuestionType.OPEN and re.search(c.pattern, str(value)) is None:
        message = c.message or "Het antwoord heeft niet de verwachte vorm."
        if c.soft:
            return Parsed(value=value) if confirmed else Parsed(value=value, warning=message)
        return Parsed(error=message)
    if c.min is None and c.max is None:
        return Parsed(value=value)
    measured: Any = len(value) if question.type is QuestionType.OPEN else value
    low, high = c.min, c.max
    if question.type is QuestionType.DATUM:
        low, high = _date_bound(low), _date_bound(high)
    too_low = low is not None and measured < low
    too_high = high is not None and measured > high
    if not (too_low or too_high):
        return Parsed(value=value)
    message = c.message or _range_message(question, low, high)
    if c.soft:
        return Parsed(value=value) if confirmed else Parsed(value=value, warning=message)
    return Parsed(error=message)


def _date_bound(bound: Any) -> str | None:
    if bound is None:
        return None
    return date.today().isoformat() if bound == TODAY else str(bound)


def _range_message(question: Question, low: Any, high: Any) -> str:
    unit = " tekens" if question.type is QuestionType.OPEN else ""
    if question.type is QuestionType.DATUM:
        low = _dutch_date(low)
        high = _dutch_date(high)
    else:
        low, high = _dutch_number(low), _dutch_number(high)
    if low is not None and high is not None:
        return f"Het antwoord moet tussen {low} en {high}{unit} liggen."
    if low is not None:
        return f"Het antwoord moet minstens {low}{unit} zijn."
    return f"Het antwoord mag hoogstens {high}{unit} zijn."


def _dutch_number(value: Any) -> Any:
    """2.5 -> '2,5'; 3.0 -> '3': how an inspector writes numbers."""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return value


def _dutch_date(iso: Any) -> Any:
    if iso is None:
        return None
    try:
        return date.fromisoformat(str(iso)).strftime("%d-%m-%Y")
    except ValueError:
        return iso


def display_value(question: Question, answer: AnswerRecord) -> str:
    """How an answer reads in the transcript and exports."""
    if not answer.answered:
        return f"[{STATUS_LABELS[answer.status]}]"
    value = answer.value
    if question.type in (QuestionType.JANEE, QuestionType.KEUZE):
        option = question.option(str(value))
        return option.label if option else str(value)
    if question.type is QuestionType.MEERKEUZE:
        options = [(question.option(c), c) for c in value or []]
        return "; ".join(o.label if o else str(c) for o, c in options)
    if question.type in (QuestionType.SCHAAL, QuestionType.ZRM):
        label = question.scale_labels.get(int(value))
        return f"{value}" + (f" ({label})" if label else "")
    if question.type is QuestionType.DATUM:
        return str(_dutch_date(value))
    if question.type is QuestionType.GETAL and isinstance(value, float):
        return f"{value}".replace(".", ",")
    return str(value)
