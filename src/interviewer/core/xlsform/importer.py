"""XLSForm workbook -> vragenlijst. See the package docstring for the mapping rules."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
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
    to_condition,
)
from interviewer.core.xlsform.sheets import (
    Row,
    SheetProblem,
    Workbook,
    XlsformError,
    read_workbook,
    resolve_columns,
)

TEXT_BASES = ["label", "hint", "guidance_hint", "constraint_message"]
YES = {"yes", "true", "1", "true()", "ja"}
NO = {"no", "false", "0", "false()", "nee", ""}
METADATA = {
    "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber",
    "username", "email", "audit", "start-geopoint", "background-audio",
}
"""Automatic metadata: no question to ask, so nothing to convert."""
SIMPLE_TYPES = {"text": "open", "integer": "getal", "decimal": "getal", "date": "datum"}
UNSUPPORTED_TYPES = {
    "begin_repeat": "herhalingen (repeat) worden niet ondersteund",
    "end_repeat": "herhalingen (repeat) worden niet ondersteund",
    "calculate": "berekeningen (calculate) worden niet ondersteund",
}
UNSUPPORTED_COLUMNS = {
    "calculation": "berekeningen worden niet ondersteund",
    "choice_filter": "keuzefilters worden niet ondersteund",
    "repeat_count": "herhalingen worden niet ondersteund",
    "default": "standaardwaarden worden niet ondersteund",
    "trigger": "triggers worden niet ondersteund",
}
JANEE_LISTS = re.compile(r"^(ja_nee|yes_no)(_[a-z0-9_]+)?$")
PARAM = re.compile(r"([a-z_]+)\s*=\s*(\S+)")
DEFAULT_CONSENT = "Gaat u akkoord met dit gesprek en met het maken van aantekeningen?"


@dataclass
class ImportResult:
    questionset: QuestionSet
    yaml_text: str


@dataclass
class _Context:
    workbook: Workbook
    problems: list[SheetProblem] = field(default_factory=list)
    lists: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    list_rows: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    """Question name -> our type, for the questions seen so far (routing looks back)."""
    rows: dict[str, int] = field(default_factory=dict)
    """Question or section id -> survey row, to locate catalog problems."""

    def add(self, row: Row | None, column: str | None, message: str, sheet: str = "survey") -> None:
        where = row.sheet if row else sheet
        header = row.header(column) if row and column else column
        self.problems.append(SheetProblem(where, row.number if row else None, header, message))


def import_xlsform(path: Path, framework_dir: Path | None = None) -> ImportResult:
    """Convert the XLSForm at `path`, validated with the catalog against `framework_dir`.

    Raises:
        XlsformError: with every problem found; nothing is half-converted.
    """
    ctx = _Context(read_workbook(path))
    if "survey" not in ctx.workbook.sheets:
        raise XlsformError([SheetProblem("survey", None, None, "het werkblad 'survey' ontbreekt")])
    _columns(ctx)
    _read_choices(ctx)
    sections = _read_survey(ctx)
    data = _settings(ctx, path, framework_dir)
    data["sections"] = sections
    if ctx.problems:
        raise XlsformError(ctx.problems)
    return _validate(ctx, data, path, framework_dir)


def _columns(ctx: _Context) -> None:
    for name, rows in ctx.workbook.sheets.items():
        columns = resolve_columns(ctx.workbook, name, TEXT_BASES)
        for row in rows:
            row.columns = columns
    headers = ctx.workbook.headers["survey"]
    if "type" not in {h.lower() for h in headers}:
        ctx.add(None, "type", "de kolom 'type' ontbreekt")
    if not any(h.lower() == "label" or h.lower().startswith("label::") for h in headers):
        ctx.add(None, "label", "er is geen kolom 'label' (of label::Dutch (nl))")


# --------------------------------------------------------------------------- choices


def _read_choices(ctx: _Context) -> None:
    for row in ctx.workbook.sheets.get("choices", []):
        list_name = row.get("list_name").strip() or row.get("list name").strip()
        code = row.get("name").strip()
        if not list_name:
            ctx.add(row, "list_name", "list_name ontbreekt")
            continue
        if not code:
            ctx.add(row, "name", "de code (name) ontbreekt")
            continue
        if not row.get("label"):
            ctx.add(row, "label", f"het label van optie '{code}' ontbreekt")
            continue
        option: dict[str, Any] = {"code": code, "label": row.get("label")}
        polarity = row.get("polarity").strip() or "0"
        if polarity not in ("+", "-", "0"):
            ctx.add(row, "polarity", f"'{polarity}' is geen polariteit; gebruik +, - of 0")
        elif polarity != "0":
            option["polarity"] = polarity
        ctx.lists.setdefault(list_name, []).append(option)
        ctx.list_rows.setdefault(list_name, row.number)


# --------------------------------------------------------------------------- survey


def _read_survey(ctx: _Context) -> list[dict[str, Any]]:
    """Groups become sections; runs of rows outside any group become a section of their own."""
    sections: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    notes: list[str] = []
    for row in ctx.workbook.sheets["survey"]:
        kind, _, rest = row.get("type").strip().partition(" ")
        kind = kind.lower().replace("-", "_")
        if kind in ("begin", "end") and rest.strip().lower() in ("group", "repeat"):
            kind, rest = f"{kind}_{rest.strip().lower()}", ""
        if not kind:
            ctx.add(row, "type", "type ontbreekt")
            continue
        if kind == "begin_group":
            if current is not None and current.get("_group"):
                ctx.add(row, "type", "geneste groepen worden niet ondersteund; een sectie kan geen sectie bevatten")
                continue
            if current is not None and not current.get("_group") and not current["questions"]:
                current = None  # only notes so far (an intro): they go to the group's first question
            else:
                _close(ctx, current, notes, sections)
                notes = []
            current = _begin_group(ctx, row)
            continue
        if kind == "end_group":
            if current is None or not current.get("_group"):
                ctx.add(row, "type", "end_group zonder begin_group")
                continue
            _close(ctx, current, notes, sections)
            current, notes = None, []
            continue
        if kind in METADATA:
            continue
        if current is None:
            current = {"id": f"sectie_{len(sections) + 1}", "title": "", "questions": []}
        if kind == "note":
            _note(ctx, row, current, notes)
            continue
        question = _question(ctx, row, kind, rest.strip())
        if question is not None:
            if notes:
                joined = "\n\n".join(notes + ([question["guidance"]] if "guidance" in question else []))
                question["guidance"] = joined
                notes = []
            current["questions"].append(question)
    if current is not None and current.get("_group"):
        ctx.add(None, "type", f"begin_group '{current['id']}' wordt niet afgesloten met end_group")
    _close(ctx, current, notes, sections)
    return sections


def _begin_group(ctx: _Context, row: Row) -> dict[str, Any]:
    section: dict[str, Any] = {"id": row.get("name").strip(), "title": row.get("label"), "_group": True}
    if not section["id"]:
        ctx.add(row, "name", "een groep heeft een name nodig (de sectie-id)")
    ctx.rows[f"s:{section['id']}"] = row.number
    relevant = _relevant(ctx, row)
    if relevant is not None:
        section["relevant"] = relevant
    section["questions"] = []
    _unsupported_columns(ctx, row)
    return section


def _close(
    ctx: _Context, section: dict[str, Any] | None, notes: list[str], sections: list[dict[str, Any]]
) -> None:
    if section is None:
        return
    if notes:
        if section["questions"]:
            # A note after the last question of a section: guidance that belongs to it.
            last = section["questions"][-1]
            last["guidance"] = "\n\n".join([last["guidance"], *notes] if "guidance" in last else notes)
        else:
            ctx.add(None, "type", f"notitie(s) in sectie '{section['id']}' zonder vraag om ze bij te plaatsen")
    if not section["questions"]:
        if section.get("_group"):
            row = ctx.rows.get(f"s:{section['id']}")
            ctx.problems.append(SheetProblem("survey", row, "type", f"groep '{section['id']}' bevat geen vragen"))
        return
    if not section.pop("_group", False) and not section["title"]:
        section["title"] = "Vragen"  # rows outside any group: an implicit section
    sections.append(section)


def _note(ctx: _Context, row: Row, section: dict[str, Any], notes: list[str]) -> None:
    text = row.get("label")
    if not text:
        ctx.add(row, "label", "een notitie zonder tekst")
        return
    if row.get("relevant"):
        ctx.add(row, "relevant", "relevant bij een notitie wordt niet ondersteund; de notitie wordt toelichting bij de volgende vraag")
        return
    notes.append(text)


def _question(ctx: _Context, row: Row, kind: str, rest: str) -> dict[str, Any] | None:
    before = len(ctx.problems)
    name = row.get("name").strip()
    question: dict[str, Any] = {"id": name}
    if not name:
        ctx.add(row, "name", "name ontbreekt (de vraag-id)")
    _type(ctx, row, kind, rest, question)
    # Later routing checks read the type; "?" (type unusable) avoids follow-up messages.
    ctx.kinds[name] = question["type"] if len(ctx.problems) == before else "?"
    text = row.get("label")
    question["text"] = text
    if not text:
        ctx.add(row, "label", "de vraagtekst (label) ontbreekt")
    for column, key in (("guidance_hint", "guidance"), ("hint", "hint")):
        if row.get(column):
            question[key] = row.get(column)
    doorvragen = [line.strip() for line in row.get("doorvragen").splitlines() if line.strip()]
    if doorvragen:
        question["doorvragen"] = doorvragen
    required = _flag(ctx, row, "required")
    if required:
        question["required"] = True
    relevant = _relevant(ctx, row)
    if relevant is not None:
        question["relevant"] = relevant
    _constraint(ctx, row, kind, question)
    _mappings(ctx, row, question)
    _scale_extras(ctx, row, question)
    _unsupported_columns(ctx, row)
    if len(ctx.problems) > before:
        return None
    ctx.rows[f"q:{name}"] = row.number
    return question


def _type(ctx: _Context, row: Row, kind: str, rest: str, question: dict[str, Any]) -> None:
    if kind in SIMPLE_TYPES:
        question["type"] = SIMPLE_TYPES[kind]
    elif kind in ("select_one", "select_multiple"):
        _select(ctx, row, kind, rest, question)
    elif kind == "range":
        question["type"] = "zrm" if _flag(ctx, row, "zrm") else "schaal"
        _range(ctx, row, question)
    elif kind in UNSUPPORTED_TYPES:
        ctx.add(row, "type", UNSUPPORTED_TYPES[kind])
    else:
        ctx.add(row, "type", f"type '{row.get('type').strip()}' wordt niet ondersteund")
    question.setdefault("type", "open")


def _select(ctx: _Context, row: Row, kind: str, rest: str, question: dict[str, Any]) -> None:
    parts = rest.split()
    if len(parts) != 1:
        extra = " (or_other wordt niet ondersteund)" if "or_other" in parts else ""
        ctx.add(row, "type", f"verwacht '{kind} lijstnaam'{extra}")
        return
    list_name = parts[0]
    options = ctx.lists.get(list_name)
    if options is None:
        where = "het werkblad 'choices' ontbreekt" if "choices" not in ctx.workbook.sheets else "staat niet in choices"
        ctx.add(row, "type", f"keuzelijst '{list_name}': {where}")
        return
    codes = {o["code"] for o in options}
    if kind == "select_multiple":
        question["type"] = "meerkeuze"
    elif JANEE_LISTS.match(list_name) and {"ja", "nee"} <= codes:
        question["type"] = "janee"
    else:
        question["type"] = "keuze"
    question["options"] = [dict(o) for o in options]


def _range(ctx: _Context, row: Row, question: dict[str, Any]) -> None:
    # XLSForm's defaults for range are start=1 end=10 step=1.
    params = dict(PARAM.findall(row.get("parameters")))
    try:
        start, end, step = (int(params.get(k, d)) for k, d in (("start", 1), ("end", 10), ("step", 1)))
    except ValueError:
        ctx.add(row, "parameters", "start, end en step moeten gehele getallen zijn")
        return
    if step != 1:
        ctx.add(row, "parameters", f"step={step} wordt niet ondersteund; een schaal loopt in stappen van 1")
    if question["type"] == "schaal":
        if (start, end) != (1, 5):
            question["scale_min"], question["scale_max"] = start, end
    elif (start, end) != (1, 5):
        ctx.add(row, "parameters", "een ZRM-score loopt altijd van 1 tot en met 5")


def _scale_extras(ctx: _Context, row: Row, question: dict[str, Any]) -> None:
    polarity = row.get("score_polarity")
    labels = row.get("scale_labels")
    if (polarity or labels) and question["type"] not in ("schaal", "zrm"):
        ctx.add(row, "score_polarity" if polarity else "scale_labels", "hoort alleen bij een range-vraag")
        return
    if polarity:
        params = dict(PARAM.findall(polarity))
        try:
            question["score_polarity"] = {"plus_from": int(params["plus_from"]), "minus_to": int(params["minus_to"])}
        except (KeyError, ValueError):
            ctx.add(row, "score_polarity", "schrijf 'plus_from=4 minus_to=2' (gehele getallen)")
    if labels:
        out: dict[int, str] = {}
        for line in labels.splitlines():
            score, sep, text = line.partition("=")
            if not line.strip():
                continue
            if not sep or not score.strip().lstrip("-").isdigit() or not text.strip():
                ctx.add(row, "scale_labels", f"regel '{line.strip()}': schrijf per regel 'score=omschrijving'")
                return
            out[int(score)] = text.strip()
        question["scale_labels"] = out


def _flag(ctx: _Context, row: Row, column: str) -> bool:
    value = row.get(column).strip().lower()
    if value in YES:
        return True
    if value not in NO:
        ctx.add(row, column, f"'{row.get(column).strip()}' is geen ja/nee-waarde; gebruik yes of no")
    return False


def _relevant(ctx: _Context, row: Row) -> dict[str, Any] | None:
    text = row.get("relevant").strip()
    if not text:
        return None
    try:
        node = parse_relevant(text)
    except ExprError as exc:
        ctx.add(row, "relevant", str(exc))
        return None
    for name, how in references(node):
        kind = ctx.kinds.get(name)
        if kind is None:
            ctx.add(row, "relevant", f"verwijst naar ${{{name}}}, dat niet eerder als vraag in survey staat")
            return None
        if kind == "?":
            continue
        if how != "answered" and kind not in ("janee", "keuze", "meerkeuze"):
            ctx.add(row, "relevant", f"${{{name}}} is geen keuzevraag; vergelijk alleen met '' (wel/niet beantwoord)")
            return None
        if how == "=" and kind == "meerkeuze":
            ctx.add(row, "relevant", f"gebruik selected(${{{name}}}, 'code') bij een select_multiple-vraag")
            return None
    return to_condition(node).model_dump(by_alias=True, exclude_none=True)


def _constraint(ctx: _Context, row: Row, kind: str, question: dict[str, Any]) -> None:
    text = row.get("constraint").strip()
    message = row.get("constraint_message")
    soft = _flag(ctx, row, "constraint_soft")
    if not (text or message or soft):
        return
    constraint: dict[str, Any] = {}
    if text:
        expr_kind = {"date": DATE, "text": LENGTH}.get(kind, NUMERIC)
        if kind not in ("integer", "decimal", "date", "text", "range"):
            ctx.add(row, "constraint", f"constraint wordt niet ondersteund bij type '{kind}'")
            return
        try:
            low, high = constraint_bounds(*parse_constraint(text, expr_kind, integral=kind != "decimal"))
        except ExprError as exc:
            ctx.add(row, "constraint", str(exc))
            return
        constraint.update({k: v for k, v in (("min", low), ("max", high)) if v is not None})
    if soft:
        constraint["soft"] = True
    if message:
        constraint["message"] = message
    question["constraint"] = constraint


def _mappings(ctx: _Context, row: Row, question: dict[str, Any]) -> None:
    """`indicator`: '2, 3a, 4:3c' (number, aspect id, or number:aspect); `aspect`: aspect ids."""
    mappings: list[dict[str, Any]] = []
    for entry in _items(row.get("indicator")):
        match = re.fullmatch(r"(\d+)(?::([0-9]{1,2}[a-z]))?|((\d+)[a-z])", entry)
        if match is None:
            ctx.add(row, "indicator", f"'{entry}' is geen indicator; schrijf bijvoorbeeld 2, 2b of 4:3c")
            return
        if match.group(3):
            mappings.append({"indicator": int(match.group(4)), "aspect": match.group(3)})
        else:
            mappings.append({"indicator": int(match.group(1)), "aspect": match.group(2)})
    for aspect in _items(row.get("aspect")):
        match = re.fullmatch(r"(\d+)[a-z]", aspect)
        if match is None:
            ctx.add(row, "aspect", f"'{aspect}' is geen aspect; schrijf bijvoorbeeld 2b")
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


def _unsupported_columns(ctx: _Context, row: Row) -> None:
    for column, message in UNSUPPORTED_COLUMNS.items():
        if row.get(column):
            ctx.add(row, column, message)
    if row.get("read_only").strip().lower() in YES:
        ctx.add(row, "read_only", "alleen-lezen vragen worden niet ondersteund")


# --------------------------------------------------------------------------- settings


def _settings(ctx: _Context, path: Path, framework_dir: Path | None) -> dict[str, Any]:
    rows = ctx.workbook.sheets.get("settings", [])
    row = rows[0] if rows else None
    get = row.get if row else (lambda _name: "")
    form_id = get("form_id").strip() or re.sub(r"[^a-z0-9_-]+", "-", path.stem.lower()).strip("-_")
    version_text = get("version").strip() or "1"
    version: Any = version_text
    if re.fullmatch(r"\d+", version_text):
        version = int(version_text)
    else:
        ctx.add(row, "version", f"versie '{version_text}' moet een geheel getal zijn", sheet="settings")
    title = get("form_title") or form_id
    role = get("role").strip() or form_id
    framework = get("framework").strip() or _default_framework(ctx, row, framework_dir)
    return {
        "kind": "vragenlijst",
        "id": form_id,
        "version": version,
        "title": title,
        "role": role,
        "role_label": get("role_label") or title,
        "source": _source(ctx, row, get("source").strip() or role, bool(get("source").strip())),
        "level": get("level").strip() or "casus",
        "framework": framework,
        "intro": get("intro") or f"Vragenlijst {title}.",
        "consent": get("consent") or DEFAULT_CONSENT,
    }


def _known_sources() -> list[str]:
    # The model's pattern is the single list of source types; read it rather than copy it.
    metadata = QuestionSet.model_fields["source"].metadata
    pattern = next(str(m.pattern) for m in metadata if getattr(m, "pattern", None))
    return re.findall(r"[a-z_]+", pattern)


def _source(ctx: _Context, row: Row | None, source: str, given: bool) -> str:
    known = _known_sources()
    if source not in known:
        what = f"'{source}' is geen bekende bron" if given else f"ontbreekt (de rol '{source}' is geen bekende bron)"
        ctx.add(row, "source", f"{what}; kies uit: {', '.join(known)}", sheet="settings")
    return source


def _default_framework(ctx: _Context, row: Row | None, framework_dir: Path | None) -> str:
    if framework_dir is not None:
        found = load_catalog([framework_dir]).frameworks
        if len(found) == 1:
            return next(iter(found))
    ctx.add(row, "framework", "geef het toezichtkader op in de kolom framework", sheet="settings")
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
        raise XlsformError(problems or [SheetProblem("survey", None, None, "geen vragenlijst")])
    return ImportResult(next(iter(catalog.questionsets.values())), text)


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
    return SheetProblem("settings", 2 if ctx.workbook.sheets.get("settings") else None, column, message)
