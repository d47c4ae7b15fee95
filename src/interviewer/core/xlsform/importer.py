"""XLSForm workbook -> vragenlijst. See the package docstring for the mapping rules.

Rows that do not fit our model are skipped with one located warning each; the form is
refused only when what is kept would change meaning (a condition on a skipped row) or is
broken (an unknown reference, no questions left).
"""

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
from interviewer.core.xlsform.conditions import read_relevant
from interviewer.core.xlsform.context import (
    Context,
    choice_code,
    ignore_cells,
    report_ignored,
    safe_id,
    unique,
)
from interviewer.core.xlsform.labels import Languages
from interviewer.core.xlsform.loops import expand_loops
from interviewer.core.xlsform.questions import read_questions, warn_references_in_text
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

DEFAULT_CONSENT = "Gaat u akkoord met dit gesprek en met het maken van aantekeningen?"
@dataclass
class ImportResult:
    questionset: QuestionSet
    yaml_text: str
    warnings: list[SheetProblem] = field(default_factory=list)
    """What was skipped or changed, one located line each."""
    fates: dict[tuple[str, int], str] = field(default_factory=dict)
    """(sheet, row) -> what became of it: 'vraag <id>', 'sectie <id>', 'toelichting <id>',
    'optie <list>/<code>', 'groep', 'herhaling', 'einde groep', 'instellingen' or 'overgeslagen'."""


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
    """Why everything inside is skipped (a loop, a group whose relevant cannot be read)."""
    token: int = 0
    """Unique per group row, so a section is never continued across groups."""


def import_xlsform(path: Path, framework_dir: Path | None = None, role: str | None = None) -> ImportResult:
    """Convert the XLSForm at `path`, validated with the catalog against `framework_dir`.

    Args:
        role: the respondent role (a source type such as client); overrides settings.

    Raises:
        XlsformError: with every reason to refuse; nothing is half-converted.
        RoleNeeded: when the role is the only thing missing.
    """
    workbook = read_workbook(path)
    framework_dir = _framework_source(framework_dir)
    if not workbook.survey:
        where = "staat niet in het bestand" if "survey" not in [n.lower() for n in workbook.sheet_names] else "bevat geen rijen onder de kopregel"
        raise XlsformError([SheetProblem("survey", None, None, f"het werkblad 'survey' {where}")])
    if not any(row.get("type") for row in workbook.survey):
        header = _first_headers(workbook, "survey")
        raise XlsformError([SheetProblem("survey", 1, "type", f"geen kolom 'type' in de kopregel ({header}); "
                                         "rij 1 van survey moet de kolomnamen geven: type, name, label, ...")])
    ctx = Context(workbook, Languages.choose(workbook))
    ctx.warnings.extend(workbook.notes)
    ctx.warnings.extend(ctx.languages.notes)
    _read_choices(ctx)
    sections = _read_survey(ctx)
    data = _settings(ctx, path, framework_dir, role)
    data["sections"] = sections
    report_ignored(ctx)
    # A loop's rows are read once per option; what they say is said once.
    ctx.warnings[:] = list(dict.fromkeys(ctx.warnings))
    ctx.problems[:] = list(dict.fromkeys(ctx.problems))
    if not sections and not ctx.problems:
        ctx.refuse(None, None, "geen enkele vraag is over: alle rijen zijn overgeslagen (zie hierboven)")
    if ctx.problems:
        role_only = all(p.column == "source" and p.sheet == "settings" for p in ctx.problems)
        raise (RoleNeeded if role_only else XlsformError)(ctx.problems, ctx.warnings)
    result = _validate(ctx, data, path, framework_dir)
    return result


# --------------------------------------------------------------------------- choices


def _first_headers(workbook: Workbook, sheet: str) -> str:
    names = [h if len(h) <= 30 else h[:27] + "..." for h in workbook.headers.get(sheet, [])]
    return ", ".join(names[:4]) + (", ..." if len(names) > 4 else "")


def _read_choices(ctx: Context) -> None:
    rows = ctx.workbook.choices
    if rows and not any(row.get("list_name") or row.extra("list name") for row in rows):
        header = _first_headers(ctx.workbook, "choices")
        ctx.warn(None, "list_name", f"geen kolom 'list_name' in de kopregel ({header}); rij 1 van choices moet "
                 "de kolomnamen geven: list_name, name, label. Geen enkele optie is gelezen", sheet="choices")
        for row in rows:
            ctx.fates[(row.sheet, row.number)] = "overgeslagen"
        return
    for row in rows:
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
        code = choice_code(name)
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
        ignore_cells(ctx, row, {"list_name", "list name", "name", "label", "polarity"})


# --------------------------------------------------------------------------- survey


@dataclass
class _Sections:
    out: list[dict[str, Any]] = field(default_factory=list)
    current: dict[str, Any] | None = None
    current_key: tuple[int, ...] | None = None
    notes: list[tuple[Row, str]] = field(default_factory=list)
    count: int = 0


def _read_survey(ctx: Context) -> list[dict[str, Any]]:
    """Groups (nested too) become sections; rows outside any group form sections of their own."""
    stack: list[_Frame] = []
    state = _Sections()
    for row in expand_loops(ctx, ctx.workbook.survey):
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
            for question in read_questions(ctx, row, row_type):
                _place(ctx, row, question, stack, state)
    for frame in stack:
        ctx.warn(frame.row, "type", f"groep '{frame.row.get('name')}' wordt niet afgesloten met end_group; de groep loopt tot het einde")
    _close(ctx, state)
    _flush_notes(ctx, state, final=True)
    return state.out


def _begin(ctx: Context, row: Row, row_type: RowType, stack: list[_Frame]) -> None:
    outer_skip = next((f.skip for f in reversed(stack) if f.skip), None)
    name = row.get("name")
    title = ctx.languages.text(ctx, row, "label") or name or "Vragen"
    skip = outer_skip or (row_type.why if row_type.why else None)
    relevant: dict[str, Any] | None = None
    column = "type"
    if not skip:
        relevant, skip = read_relevant(ctx, row)
        column = "relevant"
    if skip:
        ctx.skip(row, column, skip)
        # The rows inside point at this row; its own line says why.
        what = {"loop": "lus", "repeat": "herhaling"}.get(row_type.control, "groep")
        skip = outer_skip or f"binnen {what} '{name}' (rij {row.number}), die wordt overgeslagen"
    elif row_type.control == "repeat":
        # Our model asks each question once; a repeat's questions become an ordinary section.
        ctx.warn(row, "type", f"herhaling '{name or title}' (rij {row.number}) wordt één keer gevraagd, niet "
                 "herhaald: de vragen erin vormen een gewone sectie")
        ctx.fates[(row.sheet, row.number)] = "herhaling"
        ignore_cells(ctx, row, {"type", "name", "label", "relevant"})
    else:
        ctx.fates[(row.sheet, row.number)] = "groep"
        ignore_cells(ctx, row, {"type", "name", "label", "relevant"})
    section_id = safe_id(name or "sectie", "sectie")
    # The row object, not its number: a loop's groups share the loop's row number.
    stack.append(_Frame(row, section_id, title, relevant, skip, token=id(row)))


def _end(ctx: Context, row: Row, row_type: RowType, stack: list[_Frame], state: _Sections) -> None:
    if not stack:
        ctx.skip(row, "type", f"end_{row_type.control} zonder begin")
        return
    frame = stack.pop()
    # A loop without end_loop closes its groups on the loop's own row, whose fate (e.g.
    # overgeslagen) must not be overwritten by "einde groep".
    if (row.sheet, row.number) not in ctx.fates:
        ctx.fates[(row.sheet, row.number)] = "einde groep"
        # Whatever else an end row carries (a repeat_count, a relevant) is named, not lost.
        ignore_cells(ctx, row, {"type", "name", "label"})
    if not frame.skip:
        _flush_notes(ctx, state, final=False)


def _section_for(ctx: Context, row: Row, stack: list[_Frame], state: _Sections) -> dict[str, Any]:
    key = tuple(f.token for f in stack)
    if state.current is not None and state.current_key == key:
        return state.current
    _close(ctx, state)
    state.count += 1
    frame = stack[-1] if stack else None
    base = frame.section_id if frame else f"sectie_{state.count}"
    section_id = unique(base, ctx.used_sections)
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


def _close(ctx: Context, state: _Sections) -> None:
    if state.current is not None and state.current["questions"]:
        state.out.append(state.current)
    state.current, state.current_key = None, None


def _place(ctx: Context, row: Row, question: dict[str, Any], stack: list[_Frame], state: _Sections) -> None:
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


def _flush_notes(ctx: Context, state: _Sections, final: bool) -> None:
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


def _note(ctx: Context, row: Row, state: _Sections) -> None:
    text = ctx.languages.text(ctx, row, "label") or ctx.languages.text(ctx, row, "hint")
    if not text:
        ctx.skip(row, "label", "een notitie zonder tekst")
        return
    if row.get("bind", "relevant") and row.get("bind", "relevant").strip() not in ("1", "true()"):
        ctx.skip(row, "relevant", "een notitie met een voorwaarde (relevant); de toelichting bij een vraag heeft geen voorwaarde")
        return
    warn_references_in_text(ctx, row, text)
    state.notes.append((row, text))
    ignore_cells(ctx, row, {"type", "name", "label", "hint"}, why="een notitie wordt toelichting; alleen haar tekst telt")


# --------------------------------------------------------------------------- settings


def _settings(ctx: Context, path: Path, framework_dir: Path | None, role: str | None) -> dict[str, Any]:
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
        ignore_cells(ctx, row, {
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


def _source(ctx: Context, row: Row | None, source: str, given: bool) -> str:
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


def _framework_source(framework_dir: Path | None) -> Path | None:
    """The one toezichtkader file in `framework_dir`, found by its `kind:` line.

    Loading only that file instead of every vragenlijst beside it makes an import about five
    times faster; with none or several such files the whole folder is used.
    """
    if framework_dir is None or not framework_dir.is_dir():
        return framework_dir
    kind = re.compile(r"^kind:\s*['\"]?toezichtkader['\"]?\s*$", re.MULTILINE)
    found = [p for p in sorted(framework_dir.rglob("*.y*ml"))
             if p.is_file() and kind.search(p.read_text(encoding="utf-8", errors="replace"))]
    return found[0] if len(found) == 1 else framework_dir


def _default_framework(ctx: Context, row: Row | None, framework_dir: Path | None) -> str:
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


def _validate(ctx: Context, data: dict[str, Any], path: Path, framework_dir: Path | None) -> ImportResult:
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


def _locate(ctx: Context, field_path: str, message: str) -> SheetProblem:
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
