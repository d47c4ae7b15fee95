"""The Word rapportage per gemeente, in the structure of the Venlo report.

`build_report` makes the document; `export_reports` writes one file per gemeente, owner-only
and never over an existing file (an inspector may already be editing the previous draft).
"""

from __future__ import annotations

import errno
import io
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.document import Document

from interviewer.core.catalog import Catalog
from interviewer.core.report import sections as s
from interviewer.core.report.bewijs import build_bewijs, export_bewijs
from interviewer.core.report.builder import Builder
from interviewer.core.report.data import ReportData, load_report_data
from interviewer.core.report.template import DEFAULT_TEMPLATE, TemplateError, open_template
from interviewer.core.store import Store

if TYPE_CHECKING:
    from interviewer.core.report.drafts import Draft

__all__ = [
    "DEFAULT_TEMPLATE", "ExportError", "TemplateError", "build_bewijs", "build_report", "export_bewijs",
    "export_report", "export_report_and_bewijs", "export_reports", "open_template", "report_filename",
]

Progress = Callable[[int, int, str], None]
"""Called as (done, total, gemeente name) after each report."""


class ExportError(Exception):
    """Writing a report failed; the Dutch message names the file."""


def build_report(store: Store, catalog: Catalog, gemeente_id: str, *,
                 template: Path | None = None, today: date | None = None) -> Document:
    """The report of one gemeente as a python-docx document (not yet saved)."""
    data = load_report_data(store, catalog, gemeente_id)
    document = open_template(template)
    builder = Builder(document, data.scrubber())
    write_sections(builder, data, today or date.today())
    builder.finish_metadata(f"Rapportage {data.study['title']} – {data.name}")
    return document


def write_sections(b: Builder, data: ReportData, today: date) -> None:
    cache: dict[str, Draft] = {}

    def draft() -> Draft:
        # Scoring is the slow part; only sections without written findings need it, once.
        if "draft" not in cache:
            from interviewer.core.report.aspects import aspect_counts
            from interviewer.core.report.drafts import make_draft
            from interviewer.core.scoring import score_gemeente

            score = score_gemeente(data.store, data.catalog, data.gemeente["id"])
            cache["draft"] = make_draft(aspect_counts(score), score.evidence, data.attributable)
        return cache["draft"]

    b.concept_header("Concept")
    s.title_page(b, data, today)
    s.contents(b, data)
    s.inleiding(b, data)
    s.resultaten(b, data, draft)
    s.goede_voorbeelden(b, data, draft)
    s.conclusie(b, data, draft)
    s.aanbevelingen(b, data, draft)
    s.nazorg(b, data)
    s.bijlage1(b, data)
    s.bijlage2(b, data)
    s.bijlage3(b, data)


def export_report(store: Store, catalog: Catalog, gemeente_id: str, target: Path, *,
                  template: Path | None = None, today: date | None = None) -> Path:
    """Write one report. `target` is a .docx path or a folder; returns the file written."""
    document = build_report(store, catalog, gemeente_id, template=template, today=today)
    return save_document(document, store, target, report_filename(store.gemeente(gemeente_id)["name"]))


def save_document(document: Any, store: Store, target: Path, filename: str) -> Path:
    """Stamp the journal anchor and write `document` owner-only; `target` is a .docx or a folder."""
    if target.suffix.lower() != ".docx":
        target = target / filename
    stamp_anchor(document, store)
    buffer = io.BytesIO()
    document.save(buffer)
    return write_private(target, buffer.getvalue())


def stamp_anchor(document: Any, store: Store) -> None:
    """Write the journal's anchors into the document's properties (Word: Bestand > Info).

    With them a later `interviewer check --db --anker ...` shows whether the journal
    the report was made from has since been cut short or rewritten.
    """
    from interviewer.core.integrity import anchor_note

    document.core_properties.comments = anchor_note(store)


def export_report_and_bewijs(store: Store, catalog: Catalog, gemeente_id: str, target: Path, *,
                             template: Path | None = None, today: date | None = None) -> list[Path]:
    """The report and, beside it, its bewijsoverzicht (the evidence stays out of the report)."""
    from interviewer.core.report.bewijs import bewijs_filename, export_bewijs

    report = export_report(store, catalog, gemeente_id, target, template=template, today=today)
    beside = report.parent / bewijs_filename(store.gemeente(gemeente_id)["name"])
    if target.suffix.lower() == ".docx":
        beside = report.with_name(f"{report.stem}-bewijsoverzicht.docx")
    return [report, export_bewijs(store, catalog, gemeente_id, beside, template=template, today=today)]


def export_reports(store: Store, catalog: Catalog, gemeente_ids: Sequence[str], folder: Path, *,
                   template: Path | None = None, today: date | None = None,
                   progress: Progress | None = None) -> list[Path]:
    """One report and bewijsoverzicht per gemeente into `folder`; the template is checked first."""
    open_template(template)
    written = []
    for done, gemeente_id in enumerate(gemeente_ids, start=1):
        written += export_report_and_bewijs(store, catalog, gemeente_id, folder, template=template,
                                            today=today)
        if progress is not None:
            progress(done, len(gemeente_ids), store.gemeente(gemeente_id)["name"])
    return written


def _claim_name(tmp: Path, path: Path) -> bool:
    """Give the complete file `tmp` the name `path` unless that exists (then False)."""
    try:
        os.link(tmp, path)  # atomic, and fails if the name exists: an earlier report stays untouched
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV):
            raise
    # No hard links (FAT or exFAT on a USB stick): rename, after checking the name is free.
    if path.exists():
        return False
    os.rename(tmp, path)
    return True


def report_filename(gemeente: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", gemeente).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "gemeente"
    return f"rapportage-{slug}.docx"


def write_private(target: Path, content: bytes) -> Path:
    """Create `target` (or `name-2.docx`, ...) readable by the owner only; never overwrite.

    The bytes go to a temporary file first, which is linked under its name only once it
    is complete and on disk: a full disk leaves no empty or half .docx behind.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".tmp")  # 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            for n in range(1, 1000):
                path = target if n == 1 else target.with_name(f"{target.stem}-{n}{target.suffix}")
                if _claim_name(Path(tmp), path):
                    return path
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError as exc:
        raise ExportError(f"{target}: kan het bestand niet schrijven ({exc.strerror}); "
                          "er is geen (half) bestand achtergelaten") from None
    raise ExportError(f"{target}: te veel bestaande versies; ruim de map op")
