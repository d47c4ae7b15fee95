"""One survey row -> the question(s) it becomes, or the reason it is skipped."""

from __future__ import annotations

import re
from typing import Any

from interviewer.core.xlsform.conditions import read_constraint, read_relevant
from interviewer.core.xlsform.context import (
    CONSUMED,
    YES,
    Context,
    choice_code,
    flag,
    ignore_cells,
    safe_id,
    unique,
)
from interviewer.core.xlsform.sheets import Row
from interviewer.core.xlsform.types import RowType

JANEE_LISTS = re.compile(r"^(ja_nee|yes_no)(_[a-z0-9_]+)?$")
PARAM = re.compile(r"([a-z_]+)\s*=\s*(\S+)")
OTHER_CODE = "other"
TIME_HINT = {"time": "Tijdstip (uu:mm)", "datetime": "Datum en tijdstip (dd-mm-jjjj uu:mm)"}


def warn_references_in_text(ctx: Context, row: Row, text: str) -> None:
    found = sorted(set(re.findall(r"\$\{([^}]*)\}", text)))
    if found:
        names = ", ".join(f"${{{n}}}" for n in found)
        ctx.warn(row, "label", f"de tekst noemt {names}; dat wordt in het gesprek niet ingevuld")


def read_questions(ctx: Context, row: Row, row_type: RowType) -> list[dict[str, Any]]:
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
    relevant, why = read_relevant(ctx, row)
    if why:
        ctx.skip(row, "relevant", why)
        return []
    qid = unique(safe_id(name, "v"), ctx.used_ids)
    if qid != name:
        ctx.renamed.append(f"{name} -> {qid}")
    question["id"] = qid
    if relevant is not None:
        question["relevant"] = relevant
    warn_references_in_text(ctx, row, text)
    _texts(ctx, row, row_type, question)
    if flag(ctx, row, ("bind", "required"), "required"):
        question["required"] = True
    read_constraint(ctx, row, row_type, question)
    _default(ctx, row, question)
    _mappings(ctx, row, question)
    _scale_extras(ctx, row, question)
    ignore_cells(ctx, row, CONSUMED)
    ctx.ids[name] = qid
    ctx.kinds[qid] = question["type"]
    ctx.bases[qid] = row_type.base
    ctx.rows[f"q:{qid}"] = row.number
    ctx.fates[(row.sheet, row.number)] = f"vraag {qid}"
    out = [question]
    if row_type.or_other:
        out.append(_other_follow_up(ctx, row, question))
    return out


def _texts(ctx: Context, row: Row, row_type: RowType, question: dict[str, Any]) -> None:
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


def _other_follow_up(ctx: Context, row: Row, question: dict[str, Any]) -> dict[str, Any]:
    """XLSForm's or_other: an option 'other' and an open question asked when it is chosen."""
    qid = unique(f"{question['id']}_other", ctx.used_ids)
    ctx.kinds[qid] = "open"
    ctx.rows[f"q:{qid}"] = row.number
    return {
        "id": qid, "type": "open", "text": "Anders, namelijk:",
        "relevant": {"vraag": question["id"], "in": [OTHER_CODE]},
    }


def _type_details(ctx: Context, row: Row, row_type: RowType, question: dict[str, Any]) -> str | None:
    """Fill options or scale; the reason to skip the row when it cannot be."""
    if row_type.list_name is not None:
        return _select(ctx, row, row_type, question)
    if question["type"] in ("schaal",):
        question["type"] = "zrm" if flag(ctx, row, ("zrm",), "zrm") else "schaal"
        return _range(ctx, row, question)
    return None


def _select(ctx: Context, row: Row, row_type: RowType, question: dict[str, Any]) -> str | None:
    list_name = row_type.list_name or ""
    options = ctx.lists.get(list_name)
    if options is None:
        if not ctx.workbook.has_choices_sheet:
            return f"keuzelijst '{list_name}': het werkblad 'choices' ontbreekt"
        if not ctx.workbook.choices:
            return f"keuzelijst '{list_name}': het werkblad choices heeft geen opties (ontbreekt de kopregel list_name, name, label?)"
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


def _range(ctx: Context, row: Row, question: dict[str, Any]) -> str | None:
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


def _scale_extras(ctx: Context, row: Row, question: dict[str, Any]) -> None:
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

def _default(ctx: Context, row: Row, question: dict[str, Any]) -> None:
    """Our model has no default answer; the inspector sees it as guidance instead."""
    value = row.get("default")
    if not value:
        return
    if "${" in value or "(" in value:
        ctx.warn(row, "default", f"niet overgenomen: '{value}' is een berekende standaardwaarde")
        return
    shown = value
    for option in question.get("options", []):
        if option["code"] == choice_code(value):
            shown = option["label"]
    extra = f"Standaardantwoord in het formulier: {shown}."
    question["guidance"] = "\n\n".join(filter(None, [question.get("guidance"), extra]))


MAPPING = re.compile(r"(?:(\d+)(?::([0-9]{1,2}[a-z]))?|((\d+)[a-z]))\s*(?:\[([^\]]*)\])?")
"""'2', '2b', '4:3c', each optionally with '[telt_niet ja=0 nee=-]' (see the package docstring)."""
NOT_COUNTED = "telt_niet"


def _mappings(ctx: Context, row: Row, question: dict[str, Any]) -> None:
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
