"""Real public XLSForms (tests/data/xlsforms, see its README) through import-xlsform.

Each form has its expected outcome here. An imported form must pass the catalog check
(what `interviewer check` runs), and every filled row and cell of its survey and choices
sheets must be either taken or named in a warning: nothing is dropped without a word.
Import times are measured by scripts/bench_xlsform.py, not asserted here.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from pyxform import aliases

from interviewer.core.catalog import load_catalog
from interviewer.core.xlsform import ImportResult, XlsformError, import_xlsform
from interviewer.core.xlsform.context import COLUMN_NAMES

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "xlsforms"
FOLDER = ROOT / "vragenlijsten"
FORMS = sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in (".xls", ".xlsx", ".xlsm"))

NOTHING_LEFT = "survey: geen enkele vraag is over"
"""Only locations, media, calculations, external or one-option lists, or a broken
header: every row is skipped with its reason, and nothing is left to ask."""
NO_TYPE_COLUMN = "survey rij 1, kolom type: geen kolom 'type' in de kopregel"
"""Row 1 of the survey sheet is no header (a data export, or a header row left out)."""
ON_SKIPPED = "survey rij "
"""A condition on a skipped row (a calculate, or a numeric comparison): refused, said where."""
FORWARD = "survey rij 3, kolom relevant: verwijst naar "
"""A condition on a later question (legal inside an ODK repeat, not in our routing)."""

REFUSED = {
    'bug_example_xls/UCL_Biomass_Plot_Form.xlsx': ON_SKIPPED + '36, kolom relevant: hangt af van ${latin_name_id} (rij 35)',
    'bug_example_xls/duplicate_columns.xlsx': "duplicate_columns.xlsx: de kolom 'label' staat twee keer in de koprege",
    'earlier/area.xlsx': NOTHING_LEFT,
    'earlier/cascading_select_test.xls': NOTHING_LEFT,
    'earlier/file_type.xlsx': NOTHING_LEFT,
    'earlier/for_loop.xls': FORWARD + '${done}',
    'earlier/geo.xlsx': NOTHING_LEFT,
    'earlier/group_names_must_be_unique.xls': NOTHING_LEFT,
    'earlier/no_header_on_choices_sheet.xls': NOTHING_LEFT,
    'earlier/no_header_on_survey_sheet.xls': NO_TYPE_COLUMN,
    'earlier/old_cascades.xls': NOTHING_LEFT,
    'earlier/search_and_select.xlsx': NOTHING_LEFT,
    'earlier/text_and_integer_xlsx.xlsx': NOTHING_LEFT,
    'example_xls/bad_calc.xlsx': NOTHING_LEFT,
    'example_xls/calculate.xls': NOTHING_LEFT,
    'example_xls/cascading_select_test_equivalent.xls': ON_SKIPPED + '6, kolom relevant: hangt af van ${mylga_state}',
    'example_xls/choice_name_as_type.xls': NOTHING_LEFT,
    'example_xls/choice_name_same_as_select_name.xls': NOTHING_LEFT,
    'example_xls/gps.xls': NOTHING_LEFT,
    'example_xls/hidden.xls': NOTHING_LEFT,
    'example_xls/include_json.xls': NOTHING_LEFT,
    'example_xls/include_json.xlsx': NOTHING_LEFT,
    'example_xls/pull_data.xlsx': NOTHING_LEFT,
    'onadata/enumerator_weekly.xls': "enumerator_weekly.xls: de kolom 'label' staat twee keer in de kopregel",
    'onadata/gps.xls': NOTHING_LEFT,
    'onadata/group_names_must_be_unique.xls': NOTHING_LEFT,
    'onadata/transportation.no_choices.xls': NOTHING_LEFT,
    'onadata/transportation_export.xls': NO_TYPE_COLUMN,
}
"""Form -> the start of its first refusal line. Every other form imports."""


def _id(path: Path) -> str:
    return str(path.relative_to(CORPUS))


def test_the_corpus_is_large_and_mostly_imports() -> None:
    assert len(FORMS) >= 50
    assert set(REFUSED) <= {_id(p) for p in FORMS}
    imported = len(FORMS) - len(REFUSED)
    nothing_left = sum(1 for why in REFUSED.values() if why == NOTHING_LEFT)
    # 99 of 127 import. 21 forms have nothing a person can be asked (pyxform's own test forms
    # for one feature: only a GPS point, a photo, a calculation, a one-option list, ...); of
    # the others, 99 of 106 import: two have no header row, two repeat a header (pyxform
    # refuses these four too), two route on a skipped row (a calculation, a list from a
    # file), one routes on a later question inside a repeat.
    assert imported / len(FORMS) >= 0.75
    assert imported / (len(FORMS) - nothing_left) >= 0.90


@pytest.mark.parametrize("path", FORMS, ids=_id)
def test_form(path: Path, tmp_path: Path) -> None:
    try:
        result = import_xlsform(path, FOLDER, role="client")
    except XlsformError as exc:
        assert _id(path) in REFUSED, "\n".join(str(p) for p in exc.problems)
        assert str(exc.problems[0]).startswith(REFUSED[_id(path)])
        return
    assert _id(path) not in REFUSED, "imports now: update REFUSED"
    target = tmp_path / "lijst.yaml"
    target.write_text(result.yaml_text, encoding="utf-8")
    catalog = load_catalog([target], framework_fallback=FOLDER)
    assert catalog.ok, [str(p) for p in catalog.problems]
    checked = _nothing_lost(path, result)
    assert checked > 0


def _raw_sheets(path: Path) -> dict[str, list[tuple[int, dict[str, str]]]]:
    """The filled cells per row, read without the importer: pyxform's plain sheet reader."""
    from pyxform.xls2json_backends import get_xlsform

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = get_xlsform(str(path), file_type=path.suffix.lower())
    out: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for sheet in ("survey", "choices"):
        rows = getattr(book, sheet) or []
        out[sheet] = [(number, dict(row)) for number, row in enumerate(rows, start=2) if row]
    return out


TAKEN = {
    "survey": {"type", "name", "label", "hint", "guidance_hint", "required", "relevant", "relevance",
               "constraint", "constraint_message", "parameters", "default", "caption", "command",
               "indicator", "aspect", "doorvragen", "zrm", "score_polarity", "scale_labels",
               "constraint_soft", "bind:relevant", "bind::relevant", "bind:required", "bind:constraint",
               "bind:jr:constraintmsg", "jr:constraintmsg", "constraining_message"},
    "choices": {"list_name", "list name", "name", "label", "polarity", "caption", "value"},
}
TRANSLATED = ("label", "hint", "guidance_hint", "constraint_message", "caption", "jr:constraintmsg", "text")


def _nothing_lost(path: Path, result: ImportResult) -> int:
    """Every filled row is taken or warned about; every filled cell of a taken row too."""
    lines = [str(w) for w in result.warnings]
    checked = 0
    for sheet, rows in _raw_sheets(path).items():
        for number, cells in rows:
            fate = result.fates.get((sheet, number))
            row_warned = any(line.startswith(f"{sheet} rij {number},") for line in lines)
            assert fate or row_warned, f"{sheet} rij {number} is stil verdwenen: {cells}"
            checked += 1
            if fate in (None, "overgeslagen"):
                continue
            if fate.startswith("vraag "):
                assert result.questionset.question(fate.split()[1]) is not None, fate
            for header in cells:
                checked += 1
                if _cell_accounted(sheet, number, header, lines):
                    continue
                raise AssertionError(f"{sheet} rij {number}, kolom {header}: stil niet overgenomen")
    return checked


def _cell_accounted(sheet: str, number: int, header: str, lines: list[str]) -> bool:
    lowered = header.lower().strip()
    base, _, language = lowered.replace("::", ":").partition(":")
    if lowered in TAKEN[sheet] or base in TAKEN[sheet] and not language:
        return True
    if base in TRANSLATED and language:
        # Taken in the chosen language; other languages are named once in a note.
        return True
    names = {_norm(lowered), *(_norm(token) for token in re.split(r":+", lowered))}
    alias = aliases.survey_header.get(lowered)
    if isinstance(alias, tuple):
        names.add(_norm(COLUMN_NAMES.get((alias[0], alias[1]), alias[-1])))
    for line in lines:
        here = line.startswith(f"{sheet} rij {number},")
        if not here and not line.startswith(f"{sheet},"):
            continue
        column = line.split("kolom ", 1)[1].split(":", 1)[0] if "kolom " in line else ""
        listed = line.rsplit(": rij ", 1)[1].split(", ") if ": rij " in line else []
        if _norm(column) in names and (here or str(number) in listed):
            return True
    return False


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())
