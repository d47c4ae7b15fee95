"""A thin writer over python-docx: real headings, lists, tables and fields, all text scrubbed.

Every piece of text that enters the document passes through `Scrubber` (codes, then the
shared privacy scan), so a code or a name typed into a finding or a quote never reaches it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from interviewer.core.outgoing import Scrubber

AUTHOR = "Toezicht Sociaal Domein"
TABLE_TEXT_STYLE = "TSD Tabeltekst"
"""Paragraph style of table cells; a house template may define its own."""
CELL_FONT_SIZE = 8
CELL_SPACE_AFTER = 3
LANGUAGE = "nl-NL"
"""Proofing language of every run: Word spell-checks the Dutch text as Dutch."""
CONCEPT = "[concept]"
HEADER_FILL = "01689B"

# w:updateFields must come before these elements in settings.xml (CT_Settings is a sequence).
_SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
)


class Builder:
    """Appends content to a document opened from the template."""

    def __init__(self, document: Document, scrub: Scrubber) -> None:
        self.doc = document
        self.scrub = scrub
        self._styles = {s.name for s in document.styles}
        self._footnotes: Footnotes | None = None
        self._table_style_id: str | None = None
        _clear_body(document)
        set_language(document, LANGUAGE)
        _hyphenate(document)

    # ------------------------------------------------------------------ paragraphs

    def heading(self, text: str, level: int) -> Paragraph:
        return self.doc.add_paragraph(self.scrub(text), style=f"Heading {level}")

    def para(self, text: str = "", style: str | None = None) -> Paragraph:
        return self.doc.add_paragraph(self.scrub(text), style=style)

    def paras(self, text: str, style: str | None = None) -> None:
        """A text with blank lines becomes several paragraphs."""
        for chunk in split_paragraphs(text):
            self.para(chunk, style)

    def label(self, text: str, *, italic: bool = False) -> Paragraph:
        """A bold line that introduces what follows, kept on the same page as it."""
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(self.scrub(text))
        run.bold = True
        run.italic = italic
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def runs(self, parts: Sequence[tuple[str, str]], style: str | None = None) -> Paragraph:
        """One paragraph of runs; kind is '', 'bold' or 'concept' (the Concept Char style)."""
        paragraph = self.doc.add_paragraph(style=style)
        for text, kind in parts:
            run = paragraph.add_run(self.scrub(text))
            if kind == "bold":
                run.bold = True
            elif kind == "concept":
                run.style = self.doc.styles["Concept Char"]
        return paragraph

    def bullets(self, items: Iterable[str]) -> None:
        for item in items:
            self.para(item, "List Bullet")

    def numbered(self, items: Iterable[str]) -> None:
        for item in items:
            self.para(item, "List Number")

    def concept(self, text: str) -> Paragraph:
        """Draft text for the inspector to rewrite: marked in words and by style."""
        return self.para(f"{CONCEPT} {text}", "Concept")

    def footnote(self, paragraph: Paragraph, text: str) -> None:
        """A real Word footnote at the end of `paragraph` (python-docx has no API for it)."""
        if self._footnotes is None:
            self._footnotes = Footnotes(self.doc)
        self._footnotes.add(paragraph, self.scrub(text))

    def concept_header(self, text: str = "Concept") -> None:
        """The page header of every section says what the document is (e.g. Concept)."""
        for section in self.doc.sections:
            header = section.header
            header.is_linked_to_previous = False
            paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            for run in list(paragraph.runs):
                run._r.getparent().remove(run._r)
            run = paragraph.add_run(self.scrub(text))
            run.bold = True
            run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def footer_label(self, old: str, new: str) -> None:
        """Replace a word of the template's footer (the bewijsoverzicht is no Rapportage)."""
        for section in self.doc.sections:
            for paragraph in section.footer.paragraphs:
                for run in paragraph.runs:
                    if old in run.text:
                        run.text = run.text.replace(old, new)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # ------------------------------------------------------------------ fields

    def toc(self, entries: Sequence[tuple[int, str]]) -> None:
        """A TOC field whose cached result already lists the headings (without page numbers).

        Word rebuilds it on opening (w:updateFields); readers that do not update fields still
        show a usable contents list instead of an empty one.
        """
        entries = list(entries) or [(1, "Werk de inhoudsopgave bij (F9).")]
        paragraphs = []
        for level, _ in entries:
            style = f"toc {level}" if f"toc {level}" in self._styles else None
            paragraphs.append(self.doc.add_paragraph(style=style))
        first, last = paragraphs[0], paragraphs[-1]
        _fld_char(first, "begin")
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = ' TOC \\o "1-2" \\h \\z \\u '
        first.add_run()._r.append(instr)
        _fld_char(first, "separate")
        for paragraph, (_, text) in zip(paragraphs, entries, strict=True):
            paragraph.add_run(self.scrub(text))
        _fld_char(last, "end")
        self._update_fields_on_open()

    def _update_fields_on_open(self) -> None:
        settings = self.doc.settings.element
        if settings.find(qn("w:updateFields")) is not None:
            return
        flag = OxmlElement("w:updateFields")
        flag.set(qn("w:val"), "true")
        anchor = next((c for c in settings if c.tag in {qn(f"w:{n}") for n in _SETTINGS_AFTER_UPDATE_FIELDS}), None)
        if anchor is not None:
            anchor.addprevious(flag)
        else:
            settings.append(flag)

    # ------------------------------------------------------------------ tables

    def table(self, header: Sequence[str], widths_cm: Sequence[float]) -> Table:
        """A table in the template's table style with a header row that repeats on each page."""
        table: Table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self.doc.styles["TSD Tabel"]
        table.autofit = False
        _narrow_cell_margins(table)
        for column, width in zip(table.columns, widths_cm, strict=True):
            column.width = Cm(width)  # the grid: LibreOffice and Word's layout read this
        for cell, text, width in zip(table.rows[0].cells, header, widths_cm, strict=True):
            cell.width = Cm(width)
            run = cell.paragraphs[0].add_run(self.scrub(text))
            # Direct formatting as well as the style's header-row rule: not every reader
            # applies conditional table formatting.
            run.bold = True
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            shade = OxmlElement("w:shd")
            shade.set(qn("w:val"), "clear")
            shade.set(qn("w:color"), "auto")
            shade.set(qn("w:fill"), HEADER_FILL)
            cell._tc.get_or_add_tcPr().append(shade)
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        return table

    def row(self, table: Table) -> list[_Cell]:
        """A new row with the column widths of the header row (Word reads widths per cell)."""
        widths = [c.width for c in table.rows[0].cells]
        cells = table.add_row().cells  # type: ignore[no-untyped-call]
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        return list(cells)

    def cell_paras(self, cell: _Cell, parts: Sequence[tuple[str, bool]], *, framework_text: bool = False) -> None:
        """Fill a cell with paragraphs of (text, bold); the cell's first paragraph is reused.

        Cell paragraphs get the table text style (smaller and tighter than body text: in the
        narrow columns of Bijlage 1 long Dutch words otherwise do not fit and are broken
        mid-word). With `framework_text` (the toezichtkader itself) only codes are replaced,
        see `Scrubber.codes_only`.
        """
        style_id = self._table_text_style()
        for index, (text, bold) in enumerate(parts):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            # Set by id in the XML: looking a style up by name costs python-docx a scan of
            # every style, and Bijlage 1 has hundreds of cell paragraphs.
            p_style = OxmlElement("w:pStyle")
            p_style.set(qn("w:val"), style_id)
            paragraph._p.get_or_add_pPr().insert(0, p_style)
            run = paragraph.add_run(self.scrub.codes_only(text) if framework_text else self.scrub(text))
            if bold:
                run.bold = True

    def _table_text_style(self) -> str:
        """The id of the table text style, added to the document when the template lacks it."""
        if self._table_style_id is None:
            styles = self.doc.styles
            if TABLE_TEXT_STYLE in self._styles:
                style = styles[TABLE_TEXT_STYLE]
            else:
                style = styles.add_style(TABLE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
                style.base_style = styles["Normal"]
                style.font.size = Pt(CELL_FONT_SIZE)
                style.paragraph_format.space_after = Pt(CELL_SPACE_AFTER)
                style.paragraph_format.line_spacing = 1.0
                self._styles.add(TABLE_TEXT_STYLE)
            self._table_style_id = str(style.style_id)
        return self._table_style_id

    # ------------------------------------------------------------------ metadata

    def finish_metadata(self, title: str) -> None:
        """Core properties name the inspectorate only; personal metadata and comments go."""
        props = self.doc.core_properties
        props.author = AUTHOR
        props.last_modified_by = AUTHOR
        props.title = self.scrub(title)
        props.subject = ""
        props.comments = ""
        props.keywords = ""
        props.category = ""
        props.identifier = ""
        props.content_status = "Concept"
        props.language = "nl-NL"
        props.revision = 1
        stamp = datetime.now(UTC).replace(microsecond=0)
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp
        _drop_parts(self.doc)


def set_language(document: Document, language: str) -> None:
    """The default run language and every language a style names become `language`."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    r_pr_default = defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    if r_pr.find(qn("w:lang")) is None:
        r_pr.append(OxmlElement("w:lang"))  # w:lang is last in CT_RPr's sequence but one
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), language)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), language)


FOOTNOTES_XML = (
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '</w:footnotes>'
)
FOOTNOTE_SIZE = 16
"""Half-points: footnote text in 8 pt."""


class Footnotes:
    """The footnotes part (word/footnotes.xml), created on the first footnote."""

    def __init__(self, document: Document) -> None:
        from docx.oxml import parse_xml

        part = document.part
        existing = next((r.target_part for r in part.rels.values() if r.reltype == RT.FOOTNOTES), None)
        if existing is None:
            existing = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, FOOTNOTES_XML.encode(),
                            part.package)
            part.relate_to(existing, RT.FOOTNOTES)
        self._part = existing
        self._root = parse_xml(existing.blob)
        ids = [int(n.get(qn("w:id"))) for n in self._root.findall(qn("w:footnote"))]
        self._next = max([0, *ids]) + 1

    def add(self, paragraph: Paragraph, text: str) -> None:
        number = self._next
        self._next += 1
        reference = paragraph.add_run()
        _superscript(reference._r)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(number))
        reference._r.append(ref)
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(number))
        body = OxmlElement("w:p")
        mark = OxmlElement("w:r")
        _superscript(mark, FOOTNOTE_SIZE)
        mark.append(OxmlElement("w:footnoteRef"))
        body.append(mark)
        words = OxmlElement("w:r")
        words_pr = OxmlElement("w:rPr")
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), str(FOOTNOTE_SIZE))
        words_pr.append(size)
        words.append(words_pr)
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = f" {text}"
        words.append(t)
        body.append(words)
        note.append(body)
        self._root.append(note)
        # A generic Part keeps its bytes in _blob; write the tree back after every note.
        from lxml import etree

        self._part._blob = etree.tostring(self._root, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)


def _superscript(run: object, size: int | None = None) -> None:
    r_pr = OxmlElement("w:rPr")
    if size is not None:
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), str(size))
        r_pr.append(sz)
    align = OxmlElement("w:vertAlign")
    align.set(qn("w:val"), "superscript")
    r_pr.append(align)
    run.insert(0, r_pr)  # type: ignore[attr-defined]


def split_paragraphs(text: str) -> list[str]:
    chunks = re.split(r"\n\s*\n", text.strip()) if text else []
    return [" ".join(chunk.split()) for chunk in chunks if chunk.strip()]


def merge_down(cells: Sequence[_Cell]) -> None:
    """Merge a column of cells vertically (one criterion over several indicators)."""
    if len(cells) > 1:
        cells[0].merge(cells[-1])


CELL_MARGIN_TWIPS = 57
"""0.1 cm left and right inside a cell (Word's default is 0.19 cm): room for long words."""


def _narrow_cell_margins(table: Table) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tbl_pr = table._tbl.tblPr
    # CT_TblPr is a sequence: tblCellMar comes after tblLayout and before tblLook/caption.
    anchor = next((c for c in tbl_pr if c.tag in {qn("w:tblLook"), qn("w:tblCaption"), qn("w:tblDescription")}),
                  None)
    if anchor is not None:
        anchor.addprevious(margins)
    else:
        tbl_pr.append(margins)


def _hyphenate(document: Document) -> None:
    """Automatic hyphenation (in the document's language): 'samenwerkings-afspraken' rather
    than a word cut at the column edge. CT_Settings wants it right after w:defaultTabStop."""
    settings = document.settings.element
    if settings.find(qn("w:autoHyphenation")) is not None:
        return
    flag = OxmlElement("w:autoHyphenation")
    flag.set(qn("w:val"), "true")
    tab_stop = settings.find(qn("w:defaultTabStop"))
    if tab_stop is not None:
        tab_stop.addnext(flag)
        return
    later = {qn(f"w:{n}") for n in _SETTINGS_AFTER_HYPHENATION}
    anchor = next((c for c in settings if c.tag in later), None)
    if anchor is not None:
        anchor.addprevious(flag)
    else:
        settings.append(flag)


_SETTINGS_AFTER_HYPHENATION = (
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData",
    "noPunctuationKerning", "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
    "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema",
    "saveInvalidXml", "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
    "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
    "alwaysMergeEmptyNamespace", "updateFields", *_SETTINGS_AFTER_UPDATE_FIELDS,
)


def _fld_char(paragraph: Paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        char.set(qn("w:dirty"), "true")
    paragraph.add_run()._r.append(char)


def _clear_body(document: Document) -> None:
    """A house template may hold example text; the report starts from an empty body."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _drop_parts(document: Document) -> None:
    """Remove comments and the preview picture a template may carry (they could hold names)."""
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype == RT.COMMENTS:
            part.rels.pop(rid)
    package = part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rid)
