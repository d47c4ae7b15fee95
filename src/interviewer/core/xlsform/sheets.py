"""Reading an XLSForm workbook with pyxform's reader, and the located problem type.

pyxform (the reference implementation of XLSForm) reads .xlsx, .xlsm and .xls, reads only
the used cells, and normalises column aliases (`relevance`, `bind::relevant`, `caption`, ...)
and language columns (`label::English (en)`, `label:English`, ...). We keep its grouped rows
(`{"label": {"English (en)": ...}, "bind": {"relevant": ...}}`) with their Excel row numbers.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DUTCH = re.compile(r"^(nl|nld|dut|dutch|nederlands|vlaams)\b|\((nl|nl-[a-z]+)\)$", re.IGNORECASE)
"""A Dutch language tag: `nl`, `Dutch (nl)`, `Nederlands`, ..."""
DEFAULT = "default"
"""pyxform's key for a column without language tag."""
EXTENSIONS = {".xlsx": "xlsx", ".xlsm": "xlsm", ".xls": "xls"}


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

    def __init__(self, problems: list[SheetProblem], warnings: list[SheetProblem] | None = None) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
        self.warnings = warnings or []
        """What would have been skipped; said too, so the author sees the whole picture."""


@dataclass
class Row:
    """One non-empty row of a sheet as pyxform grouped it; `number` is the Excel row number."""

    sheet: str
    number: int
    data: dict[str, Any]

    def value(self, *path: str) -> Any:
        """The raw (possibly language-keyed) value at `path`, e.g. ("bind", "relevant")."""
        node: Any = self.data
        for key in path:
            if not isinstance(node, dict):
                return None
            node = node.get(key)
        return node

    def get(self, *path: str) -> str:
        """The cell as text ('' when empty). A language-keyed value gives its untagged text."""
        node = self.value(*path)
        if isinstance(node, dict):
            node = node.get(DEFAULT)
        return "" if node is None or isinstance(node, dict) else str(node).strip()

    def extra(self, name: str) -> str:
        """A column pyxform does not know (ours: indicator, zrm, ...), matched case-insensitively."""
        for key, value in self.data.items():
            if key.lower().strip() == name and not isinstance(value, dict):
                return str(value).strip()
        return ""


@dataclass
class Workbook:
    survey: list[Row]
    choices: list[Row]
    settings: Row | None
    sheet_names: list[str]
    has_choices_sheet: bool
    headers: dict[str, list[str]] = field(default_factory=dict)
    """Sheet -> its column headers as written."""
    notes: list[SheetProblem] = field(default_factory=list)
    """Warnings from reading (merged columns)."""


def _unreadable(path: Path, why: str) -> XlsformError:
    return XlsformError([SheetProblem(path.name, None, None, why)])


def read_workbook(path: Path) -> Workbook:
    """The survey, choices and settings rows. Raises XlsformError when unreadable."""
    if not path.is_file():
        raise _unreadable(path, "bestand bestaat niet" if not path.exists() else "is geen bestand")
    file_type = EXTENSIONS.get(path.suffix.lower())
    if file_type is None:
        raise _unreadable(path, "is geen Excel-bestand; gebruik een XLSForm als .xlsx, .xlsm of .xls")
    from pyxform.errors import PyXFormError
    from pyxform.xls2json_backends import get_xlsform

    try:
        # openpyxl warns in English about data validation, headers and the like: not ours.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = get_xlsform(str(path), file_type=f".{file_type}")
    except PyXFormError as exc:
        raise _unreadable(path, _read_error(str(exc), file_type)) from None
    except Exception as exc:  # noqa: BLE001 - a broken file may fail in any reader layer
        raise _unreadable(path, _read_error(f"{type(exc).__name__}: {exc}", file_type)) from None
    return _grouped(book)


def _read_error(detail: str, file_type: str) -> str:
    duplicate = re.search(r"Duplicate column header: (.+)", detail)
    if duplicate:
        return f"de kolom '{duplicate.group(1).strip()}' staat twee keer in de kopregel; verwijder of hernoem er één"
    other = "xls" if file_type != "xls" else "xlsx"
    return (
        f"is geen leesbaar .{file_type}-bestand (beschadigd, of eigenlijk een .{other}?); "
        "open het in Excel of LibreOffice en sla het opnieuw op als .xlsx"
    )


def _grouped(book: Any) -> Workbook:
    from pyxform import aliases, constants
    from pyxform.errors import PyXFormError
    from pyxform.parsing.sheet_headers import dealias_and_group_headers
    from pyxform.question import MultipleChoiceQuestion, Option
    from pyxform.survey import Survey

    notes: list[SheetProblem] = []

    def group(sheet: str, data: Any, header: Any, header_aliases: Any, columns: set[str], language: str) -> list[Row]:
        if not data:
            return []
        data, header = _merge_alias_columns(sheet, data, header, header_aliases, columns, notes)
        try:
            result = dealias_and_group_headers(
                sheet_name=sheet, sheet_data=data, sheet_header=header, header_aliases=header_aliases,
                header_columns=columns, default_language=language, add_row_number=True,
            )
        except PyXFormError as exc:
            raise XlsformError([SheetProblem(sheet, 1, None, _header_error(str(exc)))]) from None
        rows = []
        for item in result.data:
            number = item.pop("__row")
            if item:
                rows.append(Row(sheet, number, item))
        return rows

    settings = group(constants.SETTINGS, book.settings, book.settings_header, aliases.settings_header,
                     set(Survey.get_slot_names()), DEFAULT)
    language = settings[0].get("default_language") if settings else ""
    language = language or DEFAULT
    survey = group(constants.SURVEY, book.survey, book.survey_header, aliases.survey_header,
                   set(MultipleChoiceQuestion.get_slot_names()), language)
    choices = group(constants.CHOICES, book.choices, book.choices_header, aliases.list_header,
                    set(Option.get_slot_names()), language)
    headers = {
        name: list(header[0]) if header else []
        for name, header in (("survey", book.survey_header), ("choices", book.choices_header),
                             ("settings", book.settings_header))
    }
    return Workbook(
        survey=survey,
        choices=choices,
        settings=settings[0] if settings else None,
        sheet_names=list(book.sheet_names or []),
        has_choices_sheet=book.choices_header is not None,
        headers=headers,
        notes=notes,
    )


def _merge_alias_columns(
    sheet: str, data: Any, header: Any, header_aliases: Any, columns: set[str], notes: list[SheetProblem]
) -> tuple[Any, Any]:
    """Two columns that mean the same (`relevance` and `bind:relevant`) become one.

    pyxform refuses such a sheet; we keep the first column's value and the second's where
    the first is empty, and report every row where both differ.
    """
    from pyxform.parsing.sheet_headers import process_header

    if not header:
        return data, header
    names = list(header[0])
    double = any("::" in h for h in names)
    first_of: dict[tuple[str, ...], str] = {}
    merge: dict[str, str] = {}
    for name in names:
        _, tokens = process_header(name, double, header_aliases, columns)
        if tokens in first_of:
            merge[name] = first_of[tokens]
        else:
            first_of[tokens] = name
    if not merge:
        return data, header
    rows = []
    for number, row in enumerate(data, start=2):
        row = dict(row)
        for later, first in merge.items():
            value = row.pop(later, None)
            if value is None or value == row.get(first):
                continue
            if row.get(first) is None:
                row[first] = value
            else:
                notes.append(SheetProblem(sheet, number, later, f"verschilt van kolom '{first}' (zelfde betekenis); de waarde uit '{first}' is genomen"))
        rows.append(row)
    for later, first in merge.items():
        notes.append(SheetProblem(sheet, 1, later, f"betekent hetzelfde als kolom '{first}'; samengevoegd"))
    return rows, [{k: v for k, v in header[0].items() if k not in merge}]


def _header_error(detail: str) -> str:
    same = re.search(r"Headers that are different names for the same column were found: '([^']+)', '([^']+)'", detail)
    if same:
        return f"de kolommen '{same.group(1)}' en '{same.group(2)}' betekenen hetzelfde; houd er één"
    return f"de kopregel is niet te lezen ({detail.strip()})"
