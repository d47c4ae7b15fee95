"""`begin loop over LIST`: the questions once per option, as pyxform builds it.

pyxform expands a loop when it builds the form: a group per option of the list (named and
labelled after the option) holding a copy of the loop's rows, with `%(name)s` and
`%(label)s` replaced by the option's name and label. That is no runtime repetition, so it
maps onto our model exactly: a section per option. Our ids are unique in the whole form, so
each copy's names get the option's name as suffix, and references to a sibling in the same
loop (`${x}`, `../x`) follow to that copy.

A loop over a list that is missing or empty is left as it is: the importer skips it with
its rows (types.WHY_SKIPPED["loop"]).
"""

from __future__ import annotations

import re
from typing import Any

from interviewer.core.xlsform.context import Context
from interviewer.core.xlsform.sheets import Row
from interviewer.core.xlsform.types import ROW_BEGIN, ROW_END, classify

NONE_OPTION = "none"
"""pyxform leaves an option named 'none' out of a loop."""


def expand_loops(ctx: Context, rows: list[Row]) -> list[Row]:
    """The survey rows with every loop over a known list written out as groups."""
    out: list[Row] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        row_type = classify(row.get("type"))
        options = _options(ctx, row_type.list_name or "") if row_type.control == "loop" else []
        if row_type.kind != ROW_BEGIN or not options:
            out.append(row)
            i += 1
            continue
        end = _matching_end(rows, i)
        body = expand_loops(ctx, rows[i + 1:end])
        out.extend(_written_out(ctx, row, body, options, rows[end] if end < len(rows) else None))
        i = end + 1
    return out


def _options(ctx: Context, list_name: str) -> list[tuple[str, str]]:
    """(name as written, label) of the list's options, in order."""
    names = list(ctx.codes.get(list_name, {}))
    labels = [option["label"] for option in ctx.lists.get(list_name, [])]
    return [(name, label) for name, label in zip(names, labels, strict=True) if name != NONE_OPTION]


def _matching_end(rows: list[Row], start: int) -> int:
    """The index of the end row that closes rows[start]; len(rows) when it is never closed."""
    depth = 0
    for j in range(start, len(rows)):
        kind = classify(rows[j].get("type")).kind
        if kind == ROW_BEGIN:
            depth += 1
        elif kind == ROW_END:
            depth -= 1
            if depth == 0:
                return j
    return len(rows)


def _written_out(ctx: Context, loop: Row, body: list[Row], options: list[tuple[str, str]], end: Row | None) -> list[Row]:
    name = loop.get("name") or "lus"
    title = ctx.languages.text(ctx, loop, "label")
    ctx.warn(loop, "type", f"lus '{name}' over lijst '{classify(loop.get('type')).list_name}': de vragen erin worden "
             f"per optie gesteld, in een sectie per optie ({len(options)}); hun namen krijgen de optie als achtervoegsel")
    siblings = {row.get("name") for row in body if row.get("name")}
    # The loop row itself becomes the outer group: its relevant holds for every option.
    outer = Row(loop.sheet, loop.number, {**loop.data, "type": "begin group"})
    out = [outer]
    for option, label in options:
        heading = f"{title}: {label}" if title else label
        out.append(Row(loop.sheet, loop.number, {"type": "begin group", "name": f"{name}_{option}", "label": heading}))
        out.extend(_copy(row, option, label, siblings) for row in body)
        out.append(Row(loop.sheet, end.number if end else loop.number, {"type": "end group"}))
    if end is not None:
        out.append(end)
    return out


def _copy(row: Row, option: str, label: str, siblings: set[str]) -> Row:
    data = _substituted(row.data, option, label, siblings)
    if row.get("name") and not classify(row.get("type")).kind == ROW_END:
        data["name"] = f"{row.get('name')}_{option}"
    return Row(row.sheet, row.number, data)


def _substituted(value: Any, option: str, label: str, siblings: set[str]) -> Any:
    if isinstance(value, dict):
        return {key: _substituted(v, option, label, siblings) for key, v in value.items()}
    if not isinstance(value, str):
        return value
    text = value.replace("%(name)s", option).replace("%(label)s", label)
    for sibling in siblings:
        escaped = re.escape(sibling)
        text = re.sub(r"\$\{\s*" + escaped + r"\s*\}", "${" + f"{sibling}_{option}" + "}", text)
        text = re.sub(r"((?:\.\./)+)" + escaped + r"(?![A-Za-z0-9_.-])", r"\g<1>" + f"{sibling}_{option}", text)
    return text
