"""Regenerate the shipped report template src/interviewer/core/report/template.docx.

Usage: .venv/bin/python scripts/make_template.py [OUTPUT]

The template is python-docx's default document with the house style of the report applied:
A4 with 2,5 cm margins, Verdana text, Rijksoverheid blue headings (Heading 1 starts a page),
list styles with real numbering, the "Concept" paragraph and "Concept Char" character styles
for draft text, "toc 1"/"toc 2" for the table of contents, the "TSD Tabel" table style and a
footer with a page number field. The body is empty: the exporter writes all content.
Running it twice gives the same styles; commit the result together with this script.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src/interviewer/core/report/template.docx"
BLUE = RGBColor(0x01, 0x68, 0x9B)
DARK = RGBColor(0x15, 0x42, 0x73)
GREY = RGBColor(0x6E, 0x6E, 0x6E)
FONT = "Verdana"
AUTHOR = "Toezicht Sociaal Domein"


def main(out: Path) -> None:
    doc = docx.Document()
    _page(doc)
    _text_styles(doc)
    _concept_styles(doc)
    _toc_styles(doc)
    _table_style(doc)
    _footer(doc)
    _clear_body(doc)
    _properties(doc)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    print(f"geschreven: {out}")


def _page(doc: docx.document.Document) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    section.footer_distance = Cm(1.2)


def _font(style: docx.styles.style.BaseStyle, size: float, *, bold: bool = False,
          italic: bool = False, color: RGBColor | None = None) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name = FONT
    # Theme fonts in the default template would override the name for East Asian text;
    # setting all four slots keeps Verdana everywhere.
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        rfonts.attrib.pop(qn(attr), None)
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    if color is not None:
        font.color.rgb = color


def _text_styles(doc: docx.document.Document) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    _font(normal, 9.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.2
    title = styles["Title"]
    _font(title, 30, color=BLUE)
    _drop_border(title)
    title.paragraph_format.space_after = Pt(12)
    _font(styles["Subtitle"], 16, color=DARK)
    styles["Subtitle"].paragraph_format.space_after = Pt(6)
    for level, size, color, before in ((1, 16, BLUE, 0), (2, 13, BLUE, 18), (3, 11, DARK, 12)):
        style = styles[f"Heading {level}"]
        _font(style, size, bold=True, color=color)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(8 if level == 1 else 4)
        style.paragraph_format.keep_with_next = True
    # Every chapter of the Venlo report starts on a new page.
    styles["Heading 1"].paragraph_format.page_break_before = True
    _font(styles["TOC Heading"], 16, bold=True, color=BLUE)
    for name in ("List Number", "List Bullet"):
        styles[name].paragraph_format.space_after = Pt(4)
    _font(styles["Footer"], 8, color=GREY)


def _drop_border(style: docx.styles.style.BaseStyle) -> None:
    ppr = style.element.pPr
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def _concept_styles(doc: docx.document.Document) -> None:
    """Draft text the inspector must rewrite: grey, italic, on a light background."""
    styles = doc.styles
    para = styles.add_style("Concept", WD_STYLE_TYPE.PARAGRAPH)
    para.base_style = styles["Normal"]
    _font(para, 9, italic=True, color=GREY)
    para.paragraph_format.left_indent = Cm(0.4)
    _shade(para.element.get_or_add_pPr(), "F2F2F2")
    char = styles.add_style("Concept Char", WD_STYLE_TYPE.CHARACTER)
    char.base_style = styles["Default Paragraph Font"]
    char.font.italic = True
    char.font.color.rgb = GREY
    _shade(char.element.get_or_add_rPr(), "FFF2CC")


def _shade(parent: docx.oxml.xmlchemy.BaseOxmlElement, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    parent.append(shd)


def _toc_styles(doc: docx.document.Document) -> None:
    # Word's built-in names are "toc 1" and "toc 2"; Word uses them when it updates the TOC.
    for level in (1, 2):
        style = doc.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.paragraph_format.left_indent = Cm(0.5 * (level - 1))
        style.paragraph_format.space_after = Pt(3)
        style.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
        style.font.bold = level == 1


def _table_style(doc: docx.document.Document) -> None:
    """Thin grey grid, small text, blue header row that repeats on each page."""
    style = doc.styles.add_style("TSD Tabel", WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    style.font.size = Pt(8)
    element = style.element
    ppr = element.get_or_add_pPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "40")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)
    tblpr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "4")
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "A6A6A6")
        borders.append(edge)
    tblpr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        mar = OxmlElement(f"w:{side}")
        mar.set(qn("w:w"), "60" if side in ("top", "bottom") else "85")
        mar.set(qn("w:type"), "dxa")
        margins.append(mar)
    tblpr.append(margins)
    element.append(tblpr)
    header = OxmlElement("w:tblStylePr")
    header.set(qn("w:type"), "firstRow")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "FFFFFF")
    rpr.append(color)
    header.append(rpr)
    tcpr = OxmlElement("w:tcPr")
    _shade(tcpr, "01689B")
    header.append(tcpr)
    element.append(header)


def _footer(doc: docx.document.Document) -> None:
    footer = doc.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = doc.styles["Footer"]
    # The default Footer style has centre and right stops for Letter paper; one right stop at
    # the A4 text edge puts the page number in the corner.
    footer_tabs = doc.styles["Footer"].paragraph_format.tab_stops
    footer_tabs.clear_all()
    footer_tabs.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run("Toezicht Sociaal Domein | Rapportage\t")
    _field(paragraph, "PAGE", "1")


def _field(paragraph: docx.text.paragraph.Paragraph, instruction: str, shown: str) -> None:
    def fld(kind: str) -> None:
        run = paragraph.add_run()
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)

    fld("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    fld("separate")
    paragraph.add_run(shown)
    fld("end")


def _clear_body(doc: docx.document.Document) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _properties(doc: docx.document.Document) -> None:
    props = doc.core_properties
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.title = "Rapportage"
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    props.language = "nl-NL"
    # The default template carries a preview picture of another document.
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rid)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
