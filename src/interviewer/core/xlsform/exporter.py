"""Vragenlijst -> XLSForm workbook, so authors can edit in Excel and import again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interviewer.core.models import Mapping, Option, Question, QuestionSet, QuestionType
from interviewer.core.xlsform.expr import DATE, LENGTH, NUMERIC, write_constraint, write_relevant

LANG = "Dutch (nl)"
SURVEY_COLUMNS = [
    "type", "name", f"label::{LANG}", f"hint::{LANG}", f"guidance_hint::{LANG}", "required",
    "relevant", "constraint", f"constraint_message::{LANG}", "constraint_soft", "parameters",
    "zrm", "score_polarity", "scale_labels", "indicator", "doorvragen",
]
CHOICES_COLUMNS = ["list_name", "name", f"label::{LANG}", "polarity"]
SETTINGS_COLUMNS = [
    "form_id", "version", "form_title", "default_language", "role", "role_label", "source",
    "level", "framework", "intro", "consent",
]
XLS_TYPES = {
    QuestionType.OPEN: "text",
    QuestionType.GETAL: "decimal",
    QuestionType.DATUM: "date",
    QuestionType.SCHAAL: "range",
    QuestionType.ZRM: "range",
}


def export_rows(qs: QuestionSet) -> dict[str, list[list[Any]]]:
    """The three sheets as rows (header first): pure, so tests can read them directly."""
    lists = _ChoiceLists()
    multiple = {q.id for q in qs.questions() if q.type is QuestionType.MEERKEUZE}
    survey: list[list[Any]] = [SURVEY_COLUMNS]
    for section in qs.sections:
        relevant = write_relevant(section.relevant, multiple) if section.relevant else None
        survey.append(_row(type="begin_group", name=section.id, label=section.title, relevant=relevant))
        for question in section.questions:
            survey.append(_question_row(question, lists, multiple))
        survey.append(_row(type="end_group", name=section.id))
    settings: list[list[Any]] = [
        SETTINGS_COLUMNS,
        [qs.id, qs.version, qs.title, LANG, qs.role, qs.role_label, qs.source, qs.level,
         qs.framework, qs.intro, qs.consent],
    ]
    return {"survey": survey, "choices": [CHOICES_COLUMNS, *lists.rows], "settings": settings}


def export_xlsform(qs: QuestionSet, path: Path) -> None:
    """Write `qs` as an .xlsx XLSForm to `path`."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in export_rows(qs).items():
        sheet = book.create_sheet(name)
        for values in rows:
            sheet.append(values)
        for cell in sheet[1] if rows else []:
            cell.style = "Headline 4"
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                # A text starting with '=' must stay text, not become a formula.
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    book.save(path)


def _row(**values: Any) -> list[Any]:
    keyed = {
        "label": f"label::{LANG}", "hint": f"hint::{LANG}", "guidance_hint": f"guidance_hint::{LANG}",
        "constraint_message": f"constraint_message::{LANG}",
    }
    cells = {keyed.get(k, k): v for k, v in values.items()}
    return [cells.get(column) for column in SURVEY_COLUMNS]


def _question_row(question: Question, lists: _ChoiceLists, multiple: set[str]) -> list[Any]:
    values: dict[str, Any] = {
        "type": _type(question, lists),
        "name": question.id,
        "label": question.text,
        "hint": question.hint,
        "guidance_hint": question.guidance,
        "required": "yes" if question.required else None,
        "relevant": write_relevant(question.relevant, multiple) if question.relevant else None,
        "indicator": ", ".join(_mapping(m) for m in question.indicators) or None,
        "doorvragen": "\n".join(question.doorvragen) or None,
    }
    if question.constraint is not None:
        c = question.constraint
        kind = {QuestionType.DATUM: DATE, QuestionType.OPEN: LENGTH}.get(question.type, NUMERIC)
        values["constraint"] = write_constraint(c, kind) or None
        values["constraint_message"] = c.message
        values["constraint_soft"] = "yes" if c.soft else None
    if question.type in (QuestionType.SCHAAL, QuestionType.ZRM):
        values["parameters"] = f"start={question.scale_min} end={question.scale_max} step=1"
        values["zrm"] = "yes" if question.type is QuestionType.ZRM else None
        if question.score_polarity is not None:
            sp = question.score_polarity
            values["score_polarity"] = f"plus_from={sp.plus_from} minus_to={sp.minus_to}"
        labels = sorted(question.scale_labels.items())
        values["scale_labels"] = "\n".join(f"{k}={v}" for k, v in labels) or None
    return _row(**values)


def _mapping(mapping: Mapping) -> str:
    indicator, aspect = mapping.indicator, mapping.aspect
    if aspect is None:
        text = str(indicator)
    elif aspect.rstrip("abcdefghijklmnopqrstuvwxyz") == str(indicator):
        text = aspect
    else:
        # An aspect id starts with its indicator number; write the explicit form otherwise.
        text = f"{indicator}:{aspect}"
    extras = ([] if mapping.counts else ["telt_niet"]) + [f"{c}={p}" for c, p in (mapping.polarity or {}).items()]
    return f"{text}[{' '.join(extras)}]" if extras else text


def _type(question: Question, lists: _ChoiceLists) -> str:
    if question.type in XLS_TYPES:
        return XLS_TYPES[question.type]
    name = lists.name_for(question)
    return f"{'select_multiple' if question.type is QuestionType.MEERKEUZE else 'select_one'} {name}"


class _ChoiceLists:
    """One choices list per distinct option list; janee lists are named ja_nee(_n)."""

    def __init__(self) -> None:
        self.names: dict[tuple[bool, tuple[Option, ...]], str] = {}
        self.rows: list[list[Any]] = []

    def name_for(self, question: Question) -> str:
        janee = question.type is QuestionType.JANEE
        key = (janee, tuple(question.options))
        if key not in self.names:
            used = set(self.names.values())
            base = "ja_nee" if janee else question.id
            if not janee and base.startswith(("ja_nee", "yes_no")):
                base = f"lijst_{base}"  # those prefixes mark ja/nee lists on import
            name, n = base, 2
            while name in used:
                name, n = f"{base}_{n}", n + 1
            self.names[key] = name
            for option in question.options:
                polarity = option.polarity if option.polarity != "0" else None
                self.rows.append([name, option.code, option.label, polarity])
        return self.names[key]
