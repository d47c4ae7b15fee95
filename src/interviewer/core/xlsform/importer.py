"""XLSForm workbook -> vragenlijst. See the package docstring for the mapping rules.

Rows that do not fit our model are skipped with one located warning each; the form is
refused only when what is kept would change meaning (a condition on a skipped row) or is
broken (an unknown reference, no questions left).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from interviewer.core.catalog import load_catalog
from interviewer.core.models import Question, QuestionSet, Section
from interviewer.core.xlsform.expr import (
    DATE,
    LENGTH,
    NUMERIC,
    ExprError,
    constraint_bounds,
    parse_constraint,
    parse_relevant,
    references,
    split_regex,
)
from interviewer.core.xlsform.labels import Languages
from interviewer.core.xlsform.sheets import Row, SheetProblem, Workbook, XlsformError, read_workbook
from interviewer.core.xlsform.types import (
    ROW_BEGIN,
    ROW_END,
    ROW_NOTE,
    ROW_QUESTION,
    ROW_SKIP,
    RowType,
    classify,
)

YES = {"yes", "true", "1", "true()", "ja"}
NO = {"no", "false", "0", "false()", "nee", ""}
JANEE_LISTS = re.compile(r"^(ja_nee|yes_no)(_[a-z0-9_]+)?$")
PARAM = re.compile(r"([a-z_]+)\s*=\s*(\S+)")
DEFAULT_CONSENT = "Gaat u akkoord met dit gesprek en met het maken van aantekeningen?"
OTHER_CODE = "other"
TIME_HINT = {"time": "Tijdstip (uu:mm)", "datetime": "Datum en tijdstip (dd-mm-jjjj uu:mm)"}
TIME_FORMAT = {
    "time": {"pattern": r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$", "message": "Typ een tijd als uu:mm, bijvoorbeeld 14:30."},
    "datetime": {
        "pattern": r"^[0-3]?[0-9]-[01]?[0-9]-[0-9]{4} ([01]?[0-9]|2[0-3]):[0-5][0-9]$",
        "message": "Typ datum en tijd als dd-mm-jjjj uu:mm, bijvoorbeeld 14-03-2019 09:30.",
    },
}
"""Our model has no time type: a time is an open answer checked for its form."""
CONSUMED = {
    "type", "name", "label", "hint", "guidance_hint", "required", "relevant", "constraint",
    "constraint_message", "parameters", "default",
    # Our own columns (see the package docstring).
    "indicator", "aspect", "doorvragen", "zrm", "score_polarity", "scale_labels", "constraint_soft",
}
"""Survey columns the mapping reads; any other filled cell is reported as not taken."""
COLUMN_NAMES: dict[tuple[str, str], str] = {
    ("bind", "relevant"): "relevant", ("bind", "required"): "required",
    ("bind", "constraint"): "constraint", ("bind", "jr:constraintMsg"): "constraint_message",
    ("bind", "jr:requiredMsg"): "required_message", ("bind", "calculate"): "calculation",
    ("bind", "readonly"): "read_only", ("control", "appearance"): "appearance",
    ("control", "jr:count"): "repeat_count", ("bind", "jr:noAppErrorString"): "no_app_error_string",
}
WHY_COLUMN = {
    "appearance": "weergave in ODK; geen betekenis voor het gesprek",
    "required_message": "een eigen melding bij verplicht kent de vragenlijst niet",
    "choice_filter": "keuzefilter: alle opties blijven zichtbaar",
    "calculation": "berekeningen worden niet uitgevoerd",
    "image": "media worden niet getoond", "audio": "media worden niet getoond",
    "video": "media worden niet getoond", "big-image": "media worden niet getoond",
    "trigger": "triggers worden niet uitgevoerd",
    "read_only": "alleen-lezen kent de vragenlijst niet",
}


@dataclass
class ImportResult:
    questionset: QuestionSet
    yaml_text: str
    warnings: list[SheetProblem] = field(default_factory=list)
    """What was skipped or changed, one located line each."""
    fates: dict[tuple[str, int], str] = field(default_factory=dict)
    """(sheet, row) -> what became of it: 'vraag <id>', 'sectie <id>', 'toelichting <id>',
    'optie <list>/<code>', 'groep', 'einde groep', 'instellingen' or 'overgeslagen'."""


class RoleNeeded(XlsformError):
    """Only the role is missing: the caller may ask for it and try again."""


@dataclass
class _Frame:
    """An open begin_group/begin_repeat."""

    row: Row
    section_id: str
    title: str
    relevant: dict[str, Any] | None
    skip: str | None
    """Why everything inside is skipped (a repeat, a group whose relevant cannot be read)."""
    token: int = 0
    """Unique per group row, so a section is never continued across groups."""


@dataclass
class _Context:
    workbook: Workbook
    languages: Languages
    problems: list[SheetProblem] = field(default_factory=list)
    warnings: list[SheetProblem] = field(default_factory=list)
    fates: dict[tuple[str, int], str] = field(default_factory=dict)
    lists: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    """List name -> choice name as written -> our option code."""
    ids: dict[str, str] = field(default_factory=dict)
    """Question name as written -> our question id."""
    kinds: dict[str, str] = field(default_factory=dict)
    """Our question id -> our type."""
    bases: dict[str, str] = field(default_factory=dict)
    """Our question id -> XLSForm's base type (integer, decimal, ...)."""
    question_codes: dict[str, dict[str, str]] = field(default_factory=dict)
    """Our question id -> choice name as written -> our option code."""
    skipped: dict[str, tuple[int, str]] = field(default_factory=dict)
    """Name as written of a skipped row -> (row, why)."""
    rows: dict[str, int] = field(default_factory=dict)
    """'q:<id>' / 's:<id>' -> survey row, to locate catalog problems."""
    used_ids: set[str] = field(default_factory=set)
    used_sections: set[str] = field(default_factory=set)
    ignored: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    """(sheet, column) -> rows where a filled cell was not taken."""
    renamed: list[str] = field(default_factory=list)

    def refuse(self, row: Row | None, column: str | None, message: str, sheet: str = "survey") -> None:
        self.problems.append(SheetProblem(row.sheet if row else sheet, row.number if row else None, column, message))

    def warn(self, row: Row | None, column: str | None, message: str, sheet: str = "survey") -> None:
        self.warnings.append(SheetProblem(row.sheet if row else sheet, row.number if row else None, column, message))

    def skip(self, row: Row, column: str | None, why: str) -> None:
        """One warning line for a row that is not taken."""
        self.warn(row, column, f"overgeslagen: {why}")
        self.fates[(row.sheet, row.number)] = "overgeslagen"
        name = row.get("name")
        if name:
            self.skipped.setdefault(name, (row.number, why))


def import_xlsform(path: Path, framework_dir: Path | None = None, role: str | None = None) -> ImportResult:
    """Convert the XLSForm at `path`, validated with the catalog against `framework_dir`.

    Args:
        role: the respondent role (a source type such as client); overrides settings.

    Raises:
        XlsformError: with every reason to refuse; nothing is half-converted.
        RoleNeeded: when the role is the only thing missing.
    """
    workbook = read_workbook(path)
    if not workbook.survey:
        where = "staat niet in het bestand" if "survey" not in [n.lower() for n in workbook.sheet_names] else "bevat geen rijen onder de kopregel"
        raise XlsformError([SheetProblem("survey", None, None, f"het werkblad 'survey' {where}")])
    ctx = _Context(workbook, Languages.choose(workbook))
    ctx.warnings.extend(workbook.notes)
    ctx.warnings.extend(ctx.languages.notes)
    _read_choices(ctx)
    sections = _read_survey(ctx)
    data = _settings(ctx, path, framework_dir, role)
    data["sections"] = sections
    _report_ignored(ctx)
    if not sections and not ctx.problems:
        ctx.refuse(None, None, "geen enkele vraag is over: alle rijen zijn overgeslagen (zie hierboven)")
    if ctx.problems:
        role_only = all(p.column == "source" and p.sheet == "settings" for p in ctx.problems)
        raise (RoleNeeded if role_only else XlsformError)(ctx.problems, ctx.warnings)
    result = _validate(ctx, data, path, framework_dir)
    return result


# --------------------------------------------------------------------------- names


def _safe_id(name: str, prefix: str) -> str:
    text = re.sub(r"[^a-z0-9_]+", "_", name.strip().lower()).strip("_")
    text = re.sub(r"_+", "_", text)
    if not text or not text[0].isalpha():
        text = f"{prefix}_{text}".rstrip("_")
    return text


def _unique(base: str, used: set[str]) -> str:
    name, n = base, 2
    while name in used:
        name, n = f"{base}_{n}", n + 1
    used.add(name)
    return name


def _code(name: str) -> str:
    text = re.sub(r"[^a-z0-9_-]+", "_", name.strip().lower()).strip("_-")
    return text if text and text[0].isalnum() else f"c{text}"


# --------------------------------------------------------------------------- choices


def _read_choices(ctx: _Context) -> None:
    for row in ctx.workbook.choices:
        list_name = row.get("list_name") or row.extra("list name")
        name = row.get("name")
        if not list_name or not name:
            what = "list_name" if not list_name else "name"
            ctx.skip(row, what, f"optie zonder {what}")
            continue
        label = ctx.languages.text(ctx, row, "label") or ""
        if not label:
            label = name
            ctx.warn(row, "label", f"optie '{name}' heeft geen label; de code wordt het label")
        code = _code(name)
        codes = ctx.codes.setdefault(list_name, {})
        if code in codes.values():
            ctx.skip(row, "name", f"optie '{name}' staat al in lijst '{list_name}'")
            continue
        option: dict[str, Any] = {"code": code, "label": label}
        polarity = row.extra("polarity") or "0"
        if polarity not in ("+", "-", "0"):
            ctx.refuse(row, "polarity", f"'{polarity}' is geen polariteit; gebruik +, - of 0")
        elif polarity != "0":
            option["polarity"] = polarity
        codes[name] = code
        ctx.lists.setdefault(list_name, []).append(option)
        ctx.fates[(row.sheet, row.number)] = f"optie {list_name}/{code}"
        _ignored_cells(ctx, row, {"list_name", "list name", "name", "label", "polarity"})


# --------------------------------------------------------------------------- survey


@dataclass
class _Sections:
    out: list[dict[str, Any]] = field(default_factory=list)
    current: dict[str, Any] | None = None
    current_key: tuple[int, ...] | None = None
    notes: list[tuple[Row, str]] = field(default_factory=list)
    count: int = 0


def _read_survey(ctx: _Context) -> list[dict[str, Any]]:
    """Groups (nested too) become sections; rows outside any group form sections of their own."""
    stack: list[_Frame] = []
    state = _Sections()
    for row in ctx.workbook.survey:
        row_type = classify(row.get("type"))
        if row_type.kind == ROW_BEGIN:
            _begin(ctx, row, row_type, stack)
            continue
        if row_type.kind == ROW_END:
            _end(ctx, row, row_type, stack, state)
            continue
        skip_reason = next((f.skip for f in reversed(stack) if f.skip), None)
        if skip_reason:
            ctx.skip(row, "type", skip_reason)
            continue
        if row_type.kind == ROW_SKIP:
            ctx.skip(row, "type", row_type.why)
        elif row_type.kind == ROW_NOTE:
            _note(ctx, row, state)
        elif row_type.kind == ROW_QUESTION:
            for question in _questions(ctx, row, row_type):
                _place(ctx, row, question, stack, state)
    for frame in stack:
        ctx.warn(frame.row, "type", f"groep '{frame.row.get('name')}' wordt niet afgesloten met end_group; de groep loopt tot het einde")
    _close(ctx, state)
    _flush_notes(ctx, state, final=True)
    return state.out


def _begin(ctx: _Context, row: Row, row_type: RowType, stack: list[_Frame]) -> None:
    outer_skip = next((f.skip for f in reversed(stack) if f.skip), None)
    name = row.get("name")
    title = ctx.languages.text(ctx, row, "label") or name or "Vragen"
    skip = outer_skip or (row_type.why if row_type.why else None)
    relevant: dict[str, Any] | None = None
    if not skip:
        relevant, skip = _relevant(ctx, row)
    if skip:
        ctx.skip(row, "type", skip)
        skip = skip if outer_skip or row_type.why else f"in groep '{name}' die wordt overgeslagen"
    else:
        ctx.fates[(row.sheet, row.number)] = "groep"
        _ignored_cells(ctx, row, {"type", "name", "label", "relevant"})
    section_id = _safe_id(name or "sectie", "sectie")
    stack.append(_Frame(row, section_id, title, relevant, skip, token=row.number))


def _end(ctx: _Context, row: Row, row_type: RowType, stack: list[_Frame], state: _Sections) -> None:
    if not stack:
        ctx.skip(row, "type", f"end_{row_type.control} zonder begin")
        return
    frame = stack.pop()
    ctx.fates[(row.sheet, row.number)] = "einde groep"
    if not frame.skip:
        _flush_notes(ctx, state, final=False)


def _section_for(ctx: _Context, row: Row, stack: list[_Frame], state: _Sections) -> dict[str, Any]:
    key = tuple(f.token for f in stack)
    if state.current is not None and state.current_key == key:
        return state.current
    _close(ctx, state)
    state.count += 1
    frame = stack[-1] if stack else None
    base = frame.section_id if frame else f"sectie_{state.count}"
    section_id = _unique(base, ctx.used_sections)
    title = frame.title if frame else "Vragen"
    conditions = [f.relevant for f in stack if f.relevant is not None]
    section: dict[str, Any] = {"id": section_id, "title": title, "questions": []}
    if len(conditions) == 1:
        section["relevant"] = conditions[0]
    elif conditions:
        section["relevant"] = {"all": conditions}
    ctx.rows[f"s:{section_id}"] = frame.row.number if frame else row.number
    state.current, state.current_key = section, key
    return section


def _close(ctx: _Context, state: _Sections) -> None:
    if state.current is not None and state.current["questions"]:
        state.out.append(state.current)
    state.current, state.current_key = None, None


def _place(ctx: _Context, row: Row, question: dict[str, Any], stack: list[_Frame], state: _Sections) -> None:
    section = _section_for(ctx, row, stack, state)
    if state.notes:
        texts = [text for _, text in state.notes]
        if question.get("guidance"):
            texts.append(question["guidance"])
        question["guidance"] = "\n\n".join(texts)
        for note_row, _ in state.notes:
            ctx.fates[(note_row.sheet, note_row.number)] = f"toelichting {question['id']}"
        state.notes.clear()
    section["questions"].append(question)


def _flush_notes(ctx: _Context, state: _Sections, final: bool) -> None:
    """Notes after the last question of a group (or of the form) go to that question."""
    if not state.notes:
        return
    last = state.current["questions"][-1] if state.current and state.current["questions"] else None
    if last is None and final and state.out:
        last = state.out[-1]["questions"][-1]
    if last is None:
        if final:
            for note_row, _ in state.notes:
                ctx.skip(note_row, "type", "notitie zonder vraag om haar bij te plaatsen")
            state.notes.clear()
        return
    texts = [last["guidance"]] if last.get("guidance") else []
    last["guidance"] = "\n\n".join(texts + [text for _, text in state.notes])
    for note_row, _ in state.notes:
        ctx.fates[(note_row.sheet, note_row.number)] = f"toelichting {last['id']}"
    state.notes.clear()


def _note(ctx: _Context, row: Row, state: _Sections) -> None:
    text = ctx.languages.text(ctx, row, "label") or ctx.languages.text(ctx, row, "hint")
    if not text:
        ctx.skip(row, "label", "een notitie zonder tekst")
        return
    if row.get("bind", "relevant") and row.get("bind", "relevant").strip() not in ("1", "true()"):
        ctx.skip(row, "relevant", "een notitie met een voorwaarde (relevant); de toelichting bij een vraag heeft geen voorwaarde")
        return
    _warn_references_in_text(ctx, row, text)
    state.notes.append((row, text))
    _ignored_cells(ctx, row, {"type", "name", "label", "hint"})


def _warn_references_in_text(ctx: _Context, row: Row, text: str) -> None:
    found = sorted(set(re.findall(r"\$\{([^}]*)\}", text)))
    if found:
        names = ", ".join(f"${{{n}}}" for n in found)
        ctx.warn(row, "label", f"de tekst noemt {names}; dat wordt in het gesprek niet ingevuld")


def _questions(ctx: _Context, row: Row, row_type: RowType) -> list[dict[str, Any]]:
    """The question(s) for one survey row: an or_other select adds an open follow-up."""
    name = row.get("name")
    if not name:
        ctx.skip(row, "name", "vraag zonder name (de vraag-id)")
        return []
    text = ctx.languages.text(ctx, row, "label")
    if not text:
        text = ctx.languages.text(ctx, row, "hint")
        if not text:
            ctx.skip(row, "label", "vraag zonder label (vraagtekst)")
            return []
        ctx.warn(row, "label", "geen label; de hint wordt de vraagtekst")
    if row.get("bind", "readonly").lower() in YES:
        ctx.skip(row, "read_only", "alleen-lezen (read_only): er valt niets te vragen")
        return []
    question: dict[str, Any] = {"id": "", "type": row_type.ours, "text": text}
    why = _type_details(ctx, row, row_type, question)
    if why:
        ctx.skip(row, "type", why)
        return []
    relevant, why = _relevant(ctx, row)
    if why:
        ctx.skip(row, "relevant", why)
        return []
    qid = _unique(_safe_id(name, "v"), ctx.used_ids)
    if qid != name:
        ctx.renamed.append(f"{name} -> {qid}")
    question["id"] = qid
    if relevant is not None:
        question["relevant"] = relevant
    _warn_references_in_text(ctx, row, text)
    _texts(ctx, row, row_type, question)
    if _flag(ctx, row, ("bind", "required"), "required"):
        question["required"] = True
    _constraint(ctx, row, row_type, question)
    _default(ctx, row, question)
    _mappings(ctx, row, question)
    _scale_extras(ctx, row, question)
    _ignored_cells(ctx, row, CONSUMED)
    ctx.ids[name] = qid
    ctx.kinds[qid] = question["type"]
    ctx.bases[qid] = row_type.base
    ctx.rows[f"q:{qid}"] = row.number
    ctx.fates[(row.sheet, row.number)] = f"vraag {qid}"
    out = [question]
    if row_type.or_other:
        out.append(_other_follow_up(ctx, row, question))
    return out


def _texts(ctx: _Context, row: Row, row_type: RowType, question: dict[str, Any]) -> None:
    hint = ctx.languages.text(ctx, row, "hint")
    if hint and hint != question["text"]:
        question["hint"] = hint
    if row_type.base in TIME_HINT:
        question["hint"] = "\n".join(filter(None, [TIME_HINT[row_type.base], question.get("hint")]))
    guidance = ctx.languages.text(ctx, row, "guidance_hint")
    if guidance:
        question["guidance"] = guidance
    doorvragen = [line.strip() for line in row.extra("doorvragen").splitlines() if line.strip()]
    if doorvragen:
        question["doorvragen"] = doorvragen


def _other_follow_up(ctx: _Context, row: Row, question: dict[str, Any]) -> dict[str, Any]:
    """XLSForm's or_other: an option 'other' and an open question asked when it is chosen."""
    qid = _unique(f"{question['id']}_other", ctx.used_ids)
    ctx.kinds[qid] = "open"
    ctx.rows[f"q:{qid}"] = row.number
    return {
        "id": qid, "type": "open", "text": "Anders, namelijk:",
        "relevant": {"vraag": question["id"], "in": [OTHER_CODE]},
    }


def _type_details(ctx: _Context, row: Row, row_type: RowType, question: dict[str, Any]) -> str | None:
    """Fill options or scale; the reason to skip the row when it cannot be."""
    if row_type.list_name is not None:
        return _select(ctx, row, row_type, question)
    if question["type"] in ("schaal",):
        question["type"] = "zrm" if _flag(ctx, row, ("zrm",), "zrm") else "schaal"
        return _range(ctx, row, question)
    return None


def _select(ctx: _Context, row: Row, row_type: RowType, question: dict[str, Any]) -> str | None:
    list_name = row_type.list_name or ""
    options = ctx.lists.get(list_name)
    if options is None:
        if not ctx.workbook.has_choices_sheet:
            return f"keuzelijst '{list_name}': het werkblad 'choices' ontbreekt"
        return f"keuzelijst '{list_name}' staat niet in het werkblad choices"
    options = [dict(o) for o in options]
    codes = dict(ctx.codes.get(list_name, {}))
    if row_type.or_other and OTHER_CODE not in codes.values():
        options.append({"code": OTHER_CODE, "label": "Anders"})
        codes[OTHER_CODE] = OTHER_CODE
    if len(options) < 2:
        return f"keuzelijst '{list_name}' heeft minder dan twee opties"
    values = {o["code"] for o in options}
    if row_type.ours == "meerkeuze":
        question["type"] = "meerkeuze"
    elif JANEE_LISTS.match(list_name) and values == {"ja", "nee"}:
        question["type"] = "janee"
    else:
        question["type"] = "keuze"
    question["options"] = options
    ctx.question_codes[row.get("name")] = codes
    return None


def _range(ctx: _Context, row: Row, question: dict[str, Any]) -> str | None:
    # XLSForm's defaults for range are start=1 end=10 step=1.
    params = dict(PARAM.findall(row.get("parameters")))
    try:
        start, end, step = (int(params.get(k, d)) for k, d in (("start", 1), ("end", 10), ("step", 1)))
    except ValueError:
        return "range met start, end of step die geen geheel getal is"
    if step != 1:
        return f"range met step={step}; een schaal loopt in stappen van 1"
    if start >= end:
        return f"range van {start} tot {end}: een schaal loopt van laag naar hoog"
    if question["type"] == "schaal":
        if (start, end) != (1, 5):
            question["scale_min"], question["scale_max"] = start, end
    elif (start, end) != (1, 5):
        ctx.refuse(row, "parameters", "een ZRM-score loopt altijd van 1 tot en met 5")
    return None


def _scale_extras(ctx: _Context, row: Row, question: dict[str, Any]) -> None:
    polarity = row.extra("score_polarity")
    labels = row.extra("scale_labels")
    if (polarity or labels) and question["type"] not in ("schaal", "zrm"):
        ctx.refuse(row, "score_polarity" if polarity else "scale_labels", "hoort alleen bij een range-vraag")
        return
    if polarity:
        params = dict(PARAM.findall(polarity))
        try:
            question["score_polarity"] = {"plus_from": int(params["plus_from"]), "minus_to": int(params["minus_to"])}
        except (KeyError, ValueError):
            ctx.refuse(row, "score_polarity", "schrijf 'plus_from=4 minus_to=2' (gehele getallen)")
    if labels:
        out: dict[int, str] = {}
        for line in labels.splitlines():
            score, sep, text = line.partition("=")
            if not line.strip():
                continue
            if not sep or not score.strip().lstrip("-").isdigit() or not text.strip():
                ctx.refuse(row, "scale_labels", f"regel '{line.strip()}': schrijf per regel 'score=omschrijving'")
                return
            out[int(score)] = text.strip()
        question["scale_labels"] = out


def _flag(ctx: _Context, row: Row, path: tuple[str, ...], column: str) -> bool:
    raw = row.get(*path) if len(path) > 1 else row.extra(path[0])
    value = raw.strip().lower()
    if value in YES:
        return True
    if value not in NO:
        ctx.warn(row, column, f"'{raw}' is geen ja/nee-waarde (een voorwaarde?); behandeld als nee")
    return False


def _relevant(ctx: _Context, row: Row) -> tuple[dict[str, Any] | None, str | None]:
    """(condition, None) or (None, why the row is skipped). Refuses references to skipped rows."""
    text = row.get("bind", "relevant")
    if not text or text.strip().lower() in ("1", "true()", "true"):
        return None, None
    if text.strip().lower() in ("0", "false()", "false"):
        return None, f"relevant '{text}' is altijd onwaar: de vraag wordt nooit gesteld"
    try:
        node = parse_relevant(text)
    except ExprError as exc:
        return None, f"relevant '{text}' is niet om te zetten: {exc}"
    for name, _how in references(node):
        if name in ctx.skipped:
            skipped_row, why = ctx.skipped[name]
            ctx.refuse(row, "relevant", f"hangt af van ${{{name}}} (rij {skipped_row}), die wordt overgeslagen ({why}); zonder die vraag verandert de betekenis van deze voorwaarde")
            return None, None
        if name not in ctx.ids:
            ctx.refuse(row, "relevant", f"verwijst naar ${{{name}}}, dat niet eerder als vraag in survey staat")
            return None, None
    try:
        return _condition(ctx, node), None
    except ExprError as exc:
        return None, f"relevant '{text}' is niet om te zetten: {exc}"


def _condition(ctx: _Context, node: tuple[Any, ...]) -> dict[str, Any]:
    """The structured condition; raises ExprError for what our routing cannot express."""
    kind = node[0]
    if kind == "answered":
        return {"vraag": ctx.ids[node[1]], "answered": node[2]}
    if kind in ("in", "cmp"):
        qid = ctx.ids[node[1]]
        if ctx.kinds[qid] in BOUNDED:
            return {"vraag": qid, **_bound(ctx, node)}
        return {"vraag": qid, "in": _codes_for(ctx, node)}
    if kind == "not":
        return {"not": _condition(ctx, node[1])}
    children = [_condition(ctx, c) for c in node[1]]
    if kind == "or" and all("in" in c for c in children) and len({c["vraag"] for c in children}) == 1:
        codes = list(dict.fromkeys(code for c in children for code in c["in"]))
        return {"vraag": children[0]["vraag"], "in": codes}
    if kind == "and" and len(children) == 2 and len({c.get("vraag") for c in children}) == 1:
        # `${x} >= 2 and ${x} <= 5` is one range, the way the exporter writes it.
        low, high = ({k: v for c in children for k, v in c.items() if k == key} for key in ("min", "max"))
        if len(low) == len(high) == 1 and all(len(c) == 2 for c in children):
            return {"vraag": children[0]["vraag"], **low, **high}
    return {"all" if kind == "and" else "any": children}


BOUNDED = {"getal", "schaal", "zrm", "datum"}


def _bound(ctx: _Context, node: tuple[Any, ...]) -> dict[str, Any]:
    """min/max for a comparison with a number or date; strict ones only where a step exists."""
    name = node[1]
    qid = ctx.ids[name]
    kind = ctx.kinds[qid]
    op, literal = (node[3], node[2]) if node[0] == "in" else (node[2], node[3])
    if op == "selected":
        raise ExprError(f"selected() bij ${{{name}}}, dat geen keuzevraag is")
    if kind == "datum":
        try:
            value: Any = date.fromisoformat(literal)
        except ValueError:
            raise ExprError(f"'{literal}' is geen datum; schrijf date('JJJJ-MM-DD')") from None
        step: Any = timedelta(days=1)
    else:
        try:
            value = float(literal) if "." in literal else int(literal)
        except ValueError:
            raise ExprError(f"${{{name}}} is een getal; '{literal}' niet") from None
        step = 1 if ctx.bases.get(qid) != "decimal" and isinstance(value, int) else None
    if op in (">", "<") and step is None:
        raise ExprError(f"'{op}' bij een decimaal getal kan niet exact; gebruik '{op}='")
    if op == "=":
        bounds = {"min": value, "max": value}
    elif op in (">", ">="):
        bounds = {"min": value + step if op == ">" else value}
    else:
        bounds = {"max": value - step if op == "<" else value}
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in bounds.items()}


def _codes_for(ctx: _Context, node: tuple[Any, ...]) -> list[str]:
    name = node[1]
    qid = ctx.ids[name]
    kind = ctx.kinds[qid]
    codes = ctx.question_codes.get(name)
    if codes is None:
        raise ExprError(f"${{{name}}} is geen keuzevraag (type {kind}); vergelijken kan alleen met de opties van een keuzevraag")
    if node[0] == "in":
        if node[3] == "=" and kind == "meerkeuze":
            raise ExprError(f"= of != bij meerkeuzevraag ${{{name}}}; gebruik selected()")
        if node[2] not in codes:
            raise ExprError(f"'{node[2]}' is geen optie van ${{{name}}}")
        return [codes[node[2]]]
    op, literal = node[2], node[3]
    if kind == "meerkeuze":
        raise ExprError(f"'{op}' bij meerkeuzevraag ${{{name}}}")
    matching = [code for raw, code in codes.items() if _compare(raw, op, literal)]
    if not matching:
        raise ExprError(f"geen optie van ${{{name}}} is {op} {literal}")
    return matching


def _compare(raw: str, op: str, literal: str) -> bool:
    """XPath compares numerically when both sides are numbers; otherwise never true."""
    try:
        left, right = float(raw), float(literal)
    except ValueError:
        return False
    return {">": left > right, ">=": left >= right, "<": left < right, "<=": left <= right}[op]


def _constraint(ctx: _Context, row: Row, row_type: RowType, question: dict[str, Any]) -> None:
    text = row.get("bind", "constraint")
    message = ctx.languages.text(ctx, row, "bind", "jr:constraintMsg")
    soft = _flag(ctx, row, ("constraint_soft",), "constraint_soft")
    constraint: dict[str, Any] = dict(TIME_FORMAT.get(row_type.base, {}))
    if not (text or message or soft or constraint):
        return
    if text and constraint:
        ctx.warn(row, "constraint", f"niet overgenomen: '{text}' (bij een tijd wordt alleen de vorm uu:mm gecontroleerd)")
        message = ""
    elif text:
        if question["type"] not in ("getal", "datum", "open", "schaal"):
            ctx.warn(row, "constraint", f"niet overgenomen: '{text}' (een controle bij dit type kent de vragenlijst niet)")
            return
        try:
            constraint.update(_bounds(text, question["type"], row_type.base))
        except ExprError as exc:
            ctx.warn(row, "constraint", f"niet overgenomen: '{text}' ({exc})")
            return
    elif not soft and not constraint:
        ctx.warn(row, "constraint_message", "niet overgenomen: een melding zonder constraint")
        return
    if soft:
        constraint["soft"] = True
    if message:
        constraint["message"] = message
    question["constraint"] = constraint


def _bounds(text: str, our_type: str, base: str) -> dict[str, Any]:
    pattern, rest = split_regex(text)
    out: dict[str, Any] = {}
    if pattern is not None:
        if our_type != "open":
            raise ExprError("regex() kan alleen bij een tekstvraag")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ExprError(f"regex() met een patroon dat niet werkt ({exc})") from None
        out["pattern"] = pattern
    if rest:
        expr_kind = {"datum": DATE, "open": LENGTH}.get(our_type, NUMERIC)
        low, high = constraint_bounds(*parse_constraint(rest, expr_kind, integral=base != "decimal"))
        out.update({k: v for k, v in (("min", low), ("max", high)) if v is not None})
    return out


def _default(ctx: _Context, row: Row, question: dict[str, Any]) -> None:
    """Our model has no default answer; the inspector sees it as guidance instead."""
    value = row.get("default")
    if not value:
        return
    if "${" in value or "(" in value:
        ctx.warn(row, "default", f"niet overgenomen: '{value}' is een berekende standaardwaarde")
        return
    shown = value
    for option in question.get("options", []):
        if option["code"] == _code(value):
            shown = option["label"]
    extra = f"Standaardantwoord in het formulier: {shown}."
    question["guidance"] = "\n\n".join(filter(None, [question.get("guidance"), extra]))


MAPPING = re.compile(r"(?:(\d+)(?::([0-9]{1,2}[a-z]))?|((\d+)[a-z]))\s*(?:\[([^\]]*)\])?")
"""'2', '2b', '4:3c', each optionally with '[telt_niet ja=0 nee=-]' (see the package docstring)."""
NOT_COUNTED = "telt_niet"


def _mappings(ctx: _Context, row: Row, question: dict[str, Any]) -> None:
    """`indicator`: '2, 3a, 4:3c' (number, aspect id, or number:aspect); `aspect`: aspect ids."""
    mappings: list[dict[str, Any]] = []
    for entry in _items(row.extra("indicator")):
        match = MAPPING.fullmatch(entry)
        if match is None:
            ctx.refuse(row, "indicator", f"'{entry}' is geen indicator; schrijf bijvoorbeeld 2, 2b, 4:3c of 2b[telt_niet ja=0]")
            return
        if match.group(3):
            mapping: dict[str, Any] = {"indicator": int(match.group(4)), "aspect": match.group(3)}
        else:
            mapping = {"indicator": int(match.group(1)), "aspect": match.group(2)}
        for token in (match.group(5) or "").split():
            code, sep, polarity = token.partition("=")
            if token == NOT_COUNTED:
                mapping["counts"] = False
            elif sep and polarity in ("+", "-", "0"):
                mapping.setdefault("polarity", {})[code] = polarity
            else:
                ctx.refuse(row, "indicator", f"'{token}' in '{entry}': schrijf {NOT_COUNTED} of code=+, code=- of code=0")
                return
        mappings.append(mapping)
    for aspect in _items(row.extra("aspect")):
        match = re.fullmatch(r"(\d+)[a-z]", aspect)
        if match is None:
            ctx.refuse(row, "aspect", f"'{aspect}' is geen aspect; schrijf bijvoorbeeld 2b")
            return
        number = int(match.group(1))
        bare = next((m for m in mappings if m["indicator"] == number and m["aspect"] is None), None)
        if bare is not None:
            bare["aspect"] = aspect
        else:
            mappings.append({"indicator": number, "aspect": aspect})
    if mappings:
        question["indicators"] = [{k: v for k, v in m.items() if v is not None} for m in mappings]


def _items(text: str) -> list[str]:
    return [part.strip().lower() for part in re.split(r"[,;\n]", text) if part.strip()]


# --------------------------------------------------------------------------- columns not taken


def _ignored_cells(ctx: _Context, row: Row, taken: set[str]) -> None:
    """Remember every filled cell of a kept row that the mapping does not read."""
    for column in _filled_columns(row):
        if column.lower() not in taken:
            ctx.ignored.setdefault((row.sheet, column), []).append(row.number)


def _filled_columns(row: Row) -> list[str]:
    out: list[str] = []
    for key, value in row.data.items():
        if key in ("bind", "control", "media", "instance") and isinstance(value, dict):
            out.extend(COLUMN_NAMES.get((key, str(sub)), str(sub)) for sub, v in value.items() if v)
        elif value:
            out.append(key)
    return out


def _report_ignored(ctx: _Context) -> None:
    for (sheet, column), rows in ctx.ignored.items():
        why = WHY_COLUMN.get(column, "deze kolom kent de vragenlijst niet")
        # Every row is named: a test checks that no filled cell is lost without a word.
        ctx.warn(None, column, f"niet overgenomen ({why}): rij {', '.join(str(r) for r in rows)}", sheet=sheet)
    if ctx.renamed:
        listed = ", ".join(ctx.renamed[:8]) + (f" en {len(ctx.renamed) - 8} meer" if len(ctx.renamed) > 8 else "")
        ctx.warn(None, "name", f"namen aangepast aan de id-regels (kleine letters, cijfers en _): {listed}")


# --------------------------------------------------------------------------- settings


def _settings(ctx: _Context, path: Path, framework_dir: Path | None, role: str | None) -> dict[str, Any]:
    row = ctx.workbook.settings

    def get(*path: str) -> str:
        return row.get(*path) if row else ""

    def extra(name: str) -> str:
        return row.extra(name) if row else ""

    form_id = _form_id(get("id_string") or path.stem)
    version_text = get("version") or "1"
    version: Any = int(version_text) if re.fullmatch(r"\d+", version_text) and int(version_text) >= 1 else 1
    if str(version) != version_text:
        ctx.warn(row, "version", f"versie '{version_text}' is geen geheel getal; versie 1 genomen", sheet="settings")
    title = get("title") or get("id_string") or path.stem
    role_value = (role or extra("role") or "").strip().lower()
    source_value = (role or extra("source") or role_value).strip().lower()
    framework = extra("framework") or _default_framework(ctx, row, framework_dir)
    if row is not None:
        ctx.fates[("settings", row.number)] = "instellingen"
        _ignored_cells(ctx, row, {
            "id_string", "version", "title", "default_language", "role", "role_label", "source",
            "level", "framework", "intro", "consent", "name", "style",
        })
    return {
        "kind": "vragenlijst",
        "id": form_id,
        "version": version,
        "title": title,
        "role": role_value or form_id,
        "role_label": extra("role_label") or title,
        "source": _source(ctx, row, source_value, bool(role or extra("source"))),
        "level": extra("level") or "casus",
        "framework": framework,
        "intro": extra("intro") or f"Vragenlijst {title}.",
        "consent": extra("consent") or DEFAULT_CONSENT,
    }


def _form_id(text: str) -> str:
    value = re.sub(r"[^a-z0-9_-]+", "-", text.strip().lower()).strip("-_")
    return value if value and value[0].isalnum() else f"vragenlijst-{value}".rstrip("-")


def known_sources() -> list[str]:
    """The source types a vragenlijst may have (the model's pattern is the single list)."""
    metadata = QuestionSet.model_fields["source"].metadata
    pattern = next(str(m.pattern) for m in metadata if getattr(m, "pattern", None))
    return re.findall(r"[a-z_]+", pattern)


def _source(ctx: _Context, row: Row | None, source: str, given: bool) -> str:
    known = known_sources()
    if source not in known:
        if not source:
            what = "de rol van de respondent ontbreekt; geef haar op met --rol"
        elif given:
            what = f"'{source}' is geen bekende rol"
        else:
            what = f"de rol '{source}' is geen bekende bron; geef de rol op met --rol"
        ctx.refuse(row, "source", f"{what} (kies uit: {', '.join(known)})", sheet="settings")
    return source


def _default_framework(ctx: _Context, row: Row | None, framework_dir: Path | None) -> str:
    if framework_dir is not None:
        found = load_catalog([framework_dir]).frameworks
        if len(found) == 1:
            return next(iter(found))
    ctx.refuse(row, "framework", "geef het toezichtkader op in de kolom framework", sheet="settings")
    return ""


# --------------------------------------------------------------------------- validation


_FIELD_COLUMNS = {
    "text": "label", "guidance": "guidance_hint", "options": "type", "indicators": "indicator",
    "scale_min": "parameters", "scale_max": "parameters", "type": "type", "id": "name",
    "title": "label",
}


def to_yaml(data: dict[str, Any], origin: str) -> str:
    """YAML in the order of the model's fields, like the hand-written vragenlijsten."""
    for section in data.get("sections", []):
        section["questions"] = [_ordered(q, Question) for q in section["questions"]]
    data["sections"] = [_ordered(s, Section) for s in data.get("sections", [])]
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return f"# Omgezet uit {origin} met 'interviewer import-xlsform'.\n{body}"


def _ordered(data: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    order = list(model.model_fields)
    return dict(sorted(data.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))


def _validate(ctx: _Context, data: dict[str, Any], path: Path, framework_dir: Path | None) -> ImportResult:
    """Load the YAML back through the catalog; its problems are located in the workbook."""
    text = to_yaml(data, path.name)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"{data['id'] or 'vragenlijst'}.yaml"
        target.write_text(text, encoding="utf-8")
        catalog = load_catalog([target], framework_fallback=framework_dir)
    problems = [_locate(ctx, p.field, p.message) for p in catalog.problems]
    if problems or not catalog.questionsets:
        raise XlsformError(problems or [SheetProblem("survey", None, None, "geen vragenlijst")], ctx.warnings)
    return ImportResult(next(iter(catalog.questionsets.values())), text, ctx.warnings, ctx.fates)


def _locate(ctx: _Context, field_path: str, message: str) -> SheetProblem:
    question = re.search(r"questions\[([^\]]+)\]\.?([a-z_]*)", field_path)
    if question:
        column = _FIELD_COLUMNS.get(question.group(2), question.group(2) or None)
        return SheetProblem("survey", ctx.rows.get(f"q:{question.group(1)}"), column, message)
    section = re.search(r"sections\[([^\]]+)\]\.?([a-z_]*)", field_path)
    if section:
        column = _FIELD_COLUMNS.get(section.group(2), section.group(2) or None)
        return SheetProblem("survey", ctx.rows.get(f"s:{section.group(1)}"), column, message)
    column = {"id": "form_id", "title": "form_title"}.get(field_path, field_path or None)
    return SheetProblem("settings", ctx.workbook.settings.number if ctx.workbook.settings else None, column, message)
