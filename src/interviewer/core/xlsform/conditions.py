"""relevant and constraint columns -> our Condition and Constraint (see the package docstring)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from interviewer.core.xlsform.context import Context, flag
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
from interviewer.core.xlsform.sheets import Row
from interviewer.core.xlsform.types import RowType

TIME_FORMAT = {
    "time": {"pattern": r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$", "message": "Typ een tijd als uu:mm, bijvoorbeeld 14:30."},
    "datetime": {
        "pattern": r"^[0-3]?[0-9]-[01]?[0-9]-[0-9]{4} ([01]?[0-9]|2[0-3]):[0-5][0-9]$",
        "message": "Typ datum en tijd als dd-mm-jjjj uu:mm, bijvoorbeeld 14-03-2019 09:30.",
    },
}
"""Our model has no time type: a time is an open answer checked for its form."""


def read_relevant(ctx: Context, row: Row) -> tuple[dict[str, Any] | None, str | None]:
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


def _condition(ctx: Context, node: tuple[Any, ...]) -> dict[str, Any]:
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


def _bound(ctx: Context, node: tuple[Any, ...]) -> dict[str, Any]:
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


def _codes_for(ctx: Context, node: tuple[Any, ...]) -> list[str]:
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


def read_constraint(ctx: Context, row: Row, row_type: RowType, question: dict[str, Any]) -> None:
    text = row.get("bind", "constraint")
    message = ctx.languages.text(ctx, row, "bind", "jr:constraintMsg")
    soft = flag(ctx, row, ("constraint_soft",), "constraint_soft")
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
