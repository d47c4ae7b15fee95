"""The state of one import and the helpers every part of the mapping shares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from interviewer.core.xlsform.labels import Languages
from interviewer.core.xlsform.sheets import Row, SheetProblem, Workbook

YES = {"yes", "true", "1", "true()", "ja"}
NO = {"no", "false", "0", "false()", "nee", ""}
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
    "repeat_count": "het aantal herhalingen: een herhaling wordt één keer gevraagd",
}


@dataclass
class Context:
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
    ignored: dict[tuple[str, str, str], list[int]] = field(default_factory=dict)
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

# --------------------------------------------------------------------------- names


def safe_id(name: str, prefix: str) -> str:
    text = re.sub(r"[^a-z0-9_]+", "_", name.strip().lower()).strip("_")
    text = re.sub(r"_+", "_", text)
    if not text or not text[0].isalpha():
        text = f"{prefix}_{text}".rstrip("_")
    return text


def unique(base: str, used: set[str]) -> str:
    name, n = base, 2
    while name in used:
        name, n = f"{base}_{n}", n + 1
    used.add(name)
    return name


def choice_code(name: str) -> str:
    text = re.sub(r"[^a-z0-9_-]+", "_", name.strip().lower()).strip("_-")
    return text if text and text[0].isalnum() else f"c{text}"

def flag(ctx: Context, row: Row, path: tuple[str, ...], column: str) -> bool:
    raw = row.get(*path) if len(path) > 1 else row.extra(path[0])
    value = raw.strip().lower()
    if value in YES:
        return True
    if value not in NO:
        ctx.warn(row, column, f"'{raw}' is geen ja/nee-waarde (een voorwaarde?); behandeld als nee")
    return False

# --------------------------------------------------------------------------- columns not taken


def ignore_cells(ctx: Context, row: Row, taken: set[str], why: str | None = None) -> None:
    """Remember every filled cell of a kept row that the mapping does not read, and why."""
    for column in filled_columns(row):
        if column.lower() not in taken:
            reason = why or WHY_COLUMN.get(column, "deze kolom kent de vragenlijst niet")
            ctx.ignored.setdefault((row.sheet, column, reason), []).append(row.number)


def filled_columns(row: Row) -> list[str]:
    out: list[str] = []
    for key, value in row.data.items():
        if key in ("bind", "control", "media", "instance") and isinstance(value, dict):
            out.extend(COLUMN_NAMES.get((key, str(sub)), str(sub)) for sub, v in value.items() if v)
        elif value:
            out.append(key)
    return out


def report_ignored(ctx: Context) -> None:
    for (sheet, column, why), rows in ctx.ignored.items():
        # Every row is named: a test checks that no filled cell is lost without a word.
        listed = ", ".join(str(r) for r in dict.fromkeys(rows))
        ctx.warn(None, column, f"niet overgenomen ({why}): rij {listed}", sheet=sheet)
    if ctx.renamed:
        listed = ", ".join(ctx.renamed[:8]) + (f" en {len(ctx.renamed) - 8} meer" if len(ctx.renamed) > 8 else "")
        ctx.warn(None, "name", f"namen aangepast aan de id-regels (kleine letters, cijfers en _): {listed}")
