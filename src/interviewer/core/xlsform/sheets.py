"""Reading XLSForm sheets into rows, and the located problem type of the converter."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DUTCH_TAGS = re.compile(r"^(nl|dutch|nederlands)(\s*\(nl\))?$|\(nl\)$", re.IGNORECASE)


@dataclass(frozen=True)
class SheetProblem:
    """One located problem in the workbook, printed as one Dutch line."""

    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.sheet
        if self.row is not None:
            where += f" rij {self.row}"
        if self.column:
            where += f", kolom {self.column}"
        return f"{where}: {self.message}"


class XlsformError(Exception):
    """The conversion failed; carries every problem found."""

    def __init__(self, problems: list[SheetProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Row:
    """One non-empty row of a sheet; `number` is the row number Excel shows."""

    sheet: str
    number: int
    cells: dict[str, Any]
    columns: dict[str, str] = field(default_factory=dict)
    """Logical column name -> the header actually used (e.g. label -> 'label::Dutch (nl)')."""

    def get(self, name: str) -> str:
        """The cell as text ('' when empty); numbers as Excel users typed them."""
        return cell_text(self.cells.get(self.columns.get(name, name)))

    def header(self, name: str) -> str:
        return self.columns.get(name, name)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return "" if not text.strip() else text


@dataclass
class Workbook:
    sheets: dict[str, list[Row]]
    """Lower-cased sheet name -> its rows."""
    headers: dict[str, list[str]]


def read_workbook(path: Path) -> Workbook:
    """Every sheet's non-empty rows keyed by header. Raises XlsformError when unreadable."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise XlsformError([SheetProblem(str(path), None, None, "bestand bestaat niet")]) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise XlsformError(
            [SheetProblem(str(path), None, None, "is geen leesbaar Excel-bestand (.xlsx)")]
        ) from None
    sheets: dict[str, list[Row]] = {}
    headers: dict[str, list[str]] = {}
    try:
        for sheet in book.worksheets:
            name = sheet.title.strip().lower()
            values = list(sheet.iter_rows(values_only=True))
            if not values:
                sheets[name], headers[name] = [], []
                continue
            header = [cell_text(h).strip() for h in values[0]]
            headers[name] = [h for h in header if h]
            rows = []
            for number, raw in enumerate(values[1:], start=2):
                cells = {h: v for h, v in zip(header, raw, strict=False) if h and cell_text(v)}
                if cells:
                    rows.append(Row(name, number, cells))
            sheets[name] = rows
    finally:
        book.close()
    return Workbook(sheets, headers)


def language_columns(headers: list[str], base: str) -> str | None:
    """The header to read `base` (label, hint, ...) from: Dutch first, then untagged."""
    tagged = [h for h in headers if h.lower().startswith(f"{base}::")]
    dutch = [h for h in tagged if DUTCH_TAGS.search(h.split("::", 1)[1].strip())]
    if dutch:
        return dutch[0]
    plain = [h for h in headers if h.lower() == base]
    return plain[0] if plain else None


def resolve_columns(workbook: Workbook, sheet: str, bases: list[str]) -> dict[str, str]:
    """Logical -> actual header for the language-tagged columns of `sheet`."""
    out: dict[str, str] = {}
    headers = workbook.headers.get(sheet, [])
    for base in bases:
        found = language_columns(headers, base)
        if found:
            out[base] = found
    # Untranslated columns: match case-insensitively.
    for header in headers:
        out.setdefault(header.lower(), header)
    return out
