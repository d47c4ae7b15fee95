"""The Word template: where the shipped one lives, and checking a replacement house style."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError

DEFAULT_TEMPLATE = Path(__file__).with_name("template.docx")

PARAGRAPH_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Number",
    "List Bullet", "Concept", "TOC Heading",
)
CHARACTER_STYLES = ("Concept Char",)
TABLE_STYLES = ("TSD Tabel",)
OPTIONAL_STYLES = ("toc 1", "toc 2")
"""Used when present; Word makes its own when it updates the table of contents."""


class TemplateError(Exception):
    """The template cannot be used; the Dutch message names the file and what is wrong."""


def open_template(path: Path | None = None) -> Document:
    """Open `path` (default: the shipped template) as a new document and check its styles.

    Raises:
        TemplateError: not a .docx file, or styles the report needs are missing.
    """
    path = Path(path) if path is not None else DEFAULT_TEMPLATE
    if not path.is_file():
        raise TemplateError(f"{path}: sjabloon niet gevonden")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise TemplateError(f"{path}: is geen Word-document (.docx)") from None
    missing = missing_styles(document)
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        word = "stijl ontbreekt" if len(missing) == 1 else "stijlen ontbreken"
        raise TemplateError(f"{path}: {word} in het sjabloon: {names}")
    return document


def missing_styles(document: Document) -> list[str]:
    present = {(s.name, s.type) for s in document.styles}
    wanted = [(n, WD_STYLE_TYPE.PARAGRAPH) for n in PARAGRAPH_STYLES]
    wanted += [(n, WD_STYLE_TYPE.CHARACTER) for n in CHARACTER_STYLES]
    wanted += [(n, WD_STYLE_TYPE.TABLE) for n in TABLE_STYLES]
    return [name for name, kind in wanted if (name, kind) not in present]
