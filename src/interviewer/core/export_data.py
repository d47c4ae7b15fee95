"""Answers, judgements and findings as CSV and JSON, for analysis outside the app.

CSV files use ';' and a UTF-8 byte order mark, which is what Dutch Excel opens correctly with
a double click; a text cell that Excel would run as a formula (starting with =, +, -, @) gets a
leading apostrophe. Files are created owner-only and replaced atomically, so a crash never leaves
half a file and a re-export does not widen permissions.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from interviewer.core import questionset_versions
from interviewer.core.answers import STATUS_LABELS, display_value
from interviewer.core.catalog import Catalog
from interviewer.core.outgoing import Scrubber, allowed_names
from interviewer.core.store import Store, now, row_to_answer

ANSWER_FIELDS = [
    "onderzoek", "gemeente", "casus", "interview_id", "rol", "rol_label", "organisatie",
    "interviewstatus", "vragenlijst", "vragenlijst_versie", "sectie", "vraag_id", "vraag",
    "type", "waarde", "antwoord", "status", "opmerking", "citaat", "polariteit",
    "indicatoren", "buiten_route", "gewijzigd",
]
JUDGEMENT_FIELDS = [
    "onderzoek", "gemeente", "casus", "organisatie", "indicator", "aspect", "voorstel",
    "redenen", "oordeel", "motivering", "gewijzigd",
]
FREE_TEXT_FIELDS = frozenset({"waarde", "antwoord", "opmerking", "motivering", "kop", "tekst"})
"""Fields that hold typed text: the privacy scan runs over them before they leave the tool.
Codes stay: the data files are for analysis by the inspectors, who work with codes."""

FINDING_FIELDS = [
    "onderzoek", "gemeente", "thema", "soort", "kop", "tekst", "indicatoren", "bewijs",
    "volgorde", "gewijzigd",
]


class DataExportError(Exception):
    """Writing the data files failed; the Dutch message names the file."""


def export_data(store: Store, catalog: Catalog, folder: Path, study_id: str | None = None) -> list[Path]:
    """Write answers, judgements and findings (of one study, or all) as .csv and .json."""
    scrub = Scrubber(allowed=allowed_names(store, study_id))
    tables = {
        "answers": (ANSWER_FIELDS, answer_rows(store, catalog, study_id)),
        "judgements": (JUDGEMENT_FIELDS, judgement_rows(store, study_id)),
        "findings": (FINDING_FIELDS, finding_rows(store, study_id)),
    }
    written = []
    for name, (fields, raw_rows) in tables.items():
        rows = [scrub_row(row, scrub) for row in raw_rows]
        written.append(write_atomic(folder / f"{name}.json", _json(rows)))
        written.append(write_atomic(folder / f"{name}.csv", _csv(fields, rows)))
    written.append(write_atomic(folder / "journaalanker.txt", _anchor_file(store)))
    return written


def _anchor_file(store: Store) -> bytes:
    """Where the journal ended when these files were made: `check --db --anker` compares later."""
    from interviewer.core.integrity import anchor_note

    return (f"{anchor_note(store)}\ngemaakt: {now()}\n"
            "Controleer later met: interviewer check --db BESTAND --anker ANKER\n").encode()


# --------------------------------------------------------------------------- rows


def _where(study_id: str | None, column: str) -> tuple[str, list[Any]]:
    return (f"WHERE {column} = ?", [study_id]) if study_id else ("", [])


def answer_rows(store: Store, catalog: Catalog, study_id: str | None = None) -> list[dict[str, Any]]:
    where, params = _where(study_id, "i.study_id")
    query = f"""
        SELECT a.*, s.title AS study_title, g.name AS gemeente_name, c.code AS casus_code,
               i.role, i.organisation, i.status AS interview_status, i.questionset_id,
               i.questionset_version, i.questionset_hash
        FROM answer a JOIN interview i ON i.id = a.interview_id
        JOIN study s ON s.id = i.study_id JOIN gemeente g ON g.id = i.gemeente_id
        LEFT JOIN casus c ON c.id = i.casus_id {where}
        ORDER BY s.title, g.name, c.code, i.started_at, a.created_at"""
    return [_answer(store, row, catalog) for row in store.db.query(query, params)]


def _answer(store: Store, row: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    record = row_to_answer(row)
    qs = (questionset_versions.load(store, row["questionset_hash"]) if row.get("questionset_hash")
          else catalog.questionsets.get(row["questionset_id"]))  # the version it was taken with
    question = qs.question(row["question_id"]) if qs else None
    section = qs.section_of(row["question_id"]) if qs else None
    return {
        "onderzoek": row["study_title"], "gemeente": row["gemeente_name"],
        "casus": row["casus_code"], "interview_id": row["interview_id"],
        "rol": qs.source if qs else row["role"], "rol_label": qs.role_label if qs else row["role"],
        "organisatie": row["organisation"], "interviewstatus": row["interview_status"],
        "vragenlijst": row["questionset_id"], "vragenlijst_versie": row["questionset_version"],
        "sectie": section.title if section else None, "vraag_id": row["question_id"],
        "vraag": question.text if question else None,
        "type": str(question.type) if question else None, "waarde": record.value,
        "antwoord": display_value(question, record) if question else None,
        "status": STATUS_LABELS[record.status], "opmerking": record.remark,
        "citaat": record.quote, "polariteit": record.polarity,
        "indicatoren": [{"indicator": m.indicator, "aspect": m.aspect} for m in question.indicators]
        if question else [],
        "buiten_route": bool(row["off_route"]), "gewijzigd": row["updated_at"],
    }


def judgement_rows(store: Store, study_id: str | None = None) -> list[dict[str, Any]]:
    where, params = _where(study_id, "j.study_id")
    query = f"""
        SELECT j.*, s.title AS study_title, g.name AS gemeente_name, c.code AS casus_code
        FROM judgement j LEFT JOIN study s ON s.id = j.study_id
        LEFT JOIN gemeente g ON g.id = j.gemeente_id LEFT JOIN casus c ON c.id = j.casus_id {where}
        ORDER BY s.title, g.name, j.indicator, c.code, j.organisation, j.aspect"""
    return [{
        "onderzoek": r["study_title"], "gemeente": r["gemeente_name"], "casus": r["casus_code"],
        "organisatie": r["organisation"], "indicator": r["indicator"], "aspect": r["aspect"],
        "voorstel": r["suggested"], "redenen": _loads(r["reasons"]), "oordeel": r["final"],
        "motivering": r["motivation"], "gewijzigd": r["updated_at"],
    } for r in store.db.query(query, params)]


def finding_rows(store: Store, study_id: str | None = None) -> list[dict[str, Any]]:
    where, params = _where(study_id, "g.study_id")
    query = f"""
        SELECT f.*, s.title AS study_title, g.name AS gemeente_name
        FROM finding f JOIN gemeente g ON g.id = f.gemeente_id JOIN study s ON s.id = g.study_id
        {where} ORDER BY s.title, g.name, f.position"""
    return [{
        "onderzoek": r["study_title"], "gemeente": r["gemeente_name"], "thema": r["theme"],
        "soort": r["kind"], "kop": r["heading"], "tekst": r["text"],
        "indicatoren": _loads(r["indicators"]), "bewijs": _loads(r["evidence"]),
        "volgorde": r["position"], "gewijzigd": r["updated_at"],
    } for r in store.db.query(query, params)]


def scrub_row(row: dict[str, Any], scrub: Scrubber) -> dict[str, Any]:
    """The row with the privacy scan applied to every free-text field (strings in lists too)."""
    out = dict(row)
    for key in FREE_TEXT_FIELDS & out.keys():
        out[key] = _scrub_value(out[key], scrub)
    return out


def _scrub_value(value: Any, scrub: Scrubber) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_scrub_value(v, scrub) for v in value]
    return value


def _loads(text: str | None) -> Any:
    try:
        return json.loads(text) if text else []
    except json.JSONDecodeError:
        return text  # keep what is there rather than lose it in an export


# --------------------------------------------------------------------------- formats


def _json(rows: list[dict[str, Any]]) -> bytes:
    return (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _csv(fields: list[str], rows: Iterable[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: spreadsheet_safe(v, _cell(v)) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value: Any) -> str:
    """Flatten for a spreadsheet cell: lists joined, mappings as 'indicator:aspect'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        if "indicator" in value:
            return f"{value['indicator']}{':' + value['aspect'] if value.get('aspect') else ''}"
        return json.dumps(value, ensure_ascii=False)
    return str(value)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel (and LibreOffice) read a cell as a formula: an answer such as
'=HYPERLINK(...)' typed by a respondent would run when the inspector opens the file."""


def spreadsheet_safe(value: Any, text: str) -> str:
    """`text` with a leading apostrophe when a spreadsheet would take it for a formula.

    Numbers stay numbers (-3 is a value, not a formula); the JSON files keep every text as typed.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return text
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_atomic(path: Path, content: bytes) -> Path:
    """Replace `path` with `content`, readable by the owner only."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mkstemp: 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise DataExportError(f"{path}: kan het bestand niet schrijven ({exc.strerror})") from None
    return path
