"""Render a `model.Document` to Word (.docx) bytes with python-docx; the ONLY python-docx importer.

The same model pdf.py draws, so the Word file says the same words in the same order, and an
advocate or a lawyer can change any sentence without going back to the answers.

Safety and privacy, because the text is the person's and may be anything:
- Every string is set as the text of a run: python-docx writes it as XML character data, so
  nothing in it is read as markup, a field or a link. Control characters become U+FFFD by
  `model.printable_text`, the rule the PDF follows (XML could not carry most of them anyway).
- The package says nothing about who made it, where or when: core properties (author, last
  modified by, title, subject, keywords, comments, category) are empty, with no dates; app.xml
  names no application, template or company; the template's thumbnail, custom XML and Word 2010
  styles part are left out; every ZIP entry carries the same fixed time. Two renders of the same
  case are byte-identical.
- No macros (a .docx, never a .docm; no vbaProject part) and no external relationship: the only
  relationships are python-docx's own parts, checked before the file is returned.

Layout: US Letter with the PDF's margins. A part's title is Heading 1 and starts a new page where
the PDF starts one; "heading" paragraphs are Heading 2; a block's title is Heading 3; tables repeat
their header row on every page; lists use List Bullet. The page header carries the document's
running line (the variant mark: "Advocate copy — not for filing"…) and the footer "page X of Y" as
PAGE and NUMPAGES fields, so Word keeps them true after any edit.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from typing import Final

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Inches, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

from complaint_helper.documents import model
from complaint_helper.documents.model import RenderError, printable_text
from complaint_helper.i18n import LANGUAGES, gettext, use_language

_INK: Final = RGBColor(0x0B, 0x0C, 0x0C)
_GREY: Final = RGBColor(0x50, 0x5A, 0x5F)
_RULE: Final = "B1B4B6"
_SHADE: Final = "F3F2F1"
_NOTICE: Final = "FFF7BF"
_TEXT_WIDTH: Final = Inches(8.5 - 2 * 0.9)

_PLACEHOLDER = re.compile(r"%\((number|total)\)s")
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")

# Parts of python-docx's template that a document of ours has no use for and that would carry
# the template's leftovers: a thumbnail picture of a blank page, a custom XML item, and Word
# 2010's copy of the styles.
_DROPPED_RELATIONSHIPS: Final = frozenset(
    {
        RELATIONSHIP_TYPE.THUMBNAIL,
        RELATIONSHIP_TYPE.CUSTOM_XML,
        "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    }
)

# Neutral document properties, written in place of the template's (which name "python-docx" and
# carry its dates).
CORE_XML: Final = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    b"<dc:title></dc:title><dc:subject></dc:subject><dc:creator></dc:creator>"
    b"<cp:keywords></cp:keywords><dc:description></dc:description>"
    b"<cp:lastModifiedBy></cp:lastModifiedBy><cp:revision>1</cp:revision>"
    b"<cp:category></cp:category></cp:coreProperties>"
)
APP_XML: Final = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'docPropsVTypes"><Template></Template><Application></Application>'
    b"<DocSecurity>0</DocSecurity><Manager></Manager><Company></Company>"
    b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)
_NEUTRAL_PARTS: Final = {"docProps/core.xml": CORE_XML, "docProps/app.xml": APP_XML}
# Every ZIP entry's time: the earliest a ZIP file can say, the same for every file.
_ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)


# ------------------------------------------------------------------------------------------------
# The template: margins, styles, header and footer


def _new_word_document(running_header: str, language: str) -> WordDocument:
    word = docx.Document()
    _drop_template_parts(word)
    section = word.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(0.9)
    section.top_margin = section.bottom_margin = Inches(0.85)
    section.header_distance = section.footer_distance = Inches(0.45)
    _styles(word, language)
    header = section.header.paragraphs[0]
    header.style = word.styles["Header"]
    header.add_run(printable_text(running_header))
    _border(header, "bottom", 4, _RULE)
    footer = section.footer.paragraphs[0]
    footer.style = word.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _page_x_of_y(footer)
    return word


def _drop_template_parts(word: WordDocument) -> None:
    package_rels = word.part.package.rels
    document_rels = word.part.rels
    for rels in (package_rels, document_rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype in _DROPPED_RELATIONSHIPS:
                del rels[r_id]


def _styles(word: WordDocument, language: str) -> None:
    styles = word.styles
    normal = styles["Normal"]
    # The language Word checks spelling in (the document's; the template says en-US).
    r_pr = normal.element.get_or_add_rPr()
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), language if language in LANGUAGES else "en")
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = _INK
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Heading 1", 16), ("Heading 2", 12), ("Heading 3", 10.5)):
        heading = styles[name]
        heading.font.size = Pt(size)
        heading.font.color.rgb = _INK
        heading.paragraph_format.space_before = Pt(10)
        heading.paragraph_format.space_after = Pt(4)
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(8.5)
        styles[name].font.color.rgb = _GREY
    own_words = styles.add_style("Own words", WD_STYLE_TYPE.PARAGRAPH)
    own_words.base_style = normal
    own_words.paragraph_format.left_indent = Inches(0.15)
    _style_border(own_words, "left", 12, _RULE)
    note = styles.add_style("Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(8.5)
    note.font.color.rgb = _GREY
    letter_line = styles.add_style("Letter line", WD_STYLE_TYPE.PARAGRAPH)
    letter_line.base_style = normal
    letter_line.paragraph_format.space_before = Pt(6)
    letter_line.paragraph_format.space_after = Pt(12)
    notice = styles.add_style("Notice", WD_STYLE_TYPE.PARAGRAPH)
    notice.base_style = normal
    notice.font.bold = True
    _style_border(notice, "left", 24, "0B0C0C")
    _shade(notice.element.get_or_add_pPr(), _NOTICE)


# The paragraph styles this renderer adds to the template.
_OWN_STYLES: Final = ("Own words", "Note", "Letter line", "Notice")
_PARAGRAPH_STYLES: Final[dict[str, str]] = {
    "body": "Normal",
    "own_words": "Own words",
    "note": "Note",
    "small": "Note",
    "letter_line": "Letter line",
    "heading": "Heading 2",
}


def _border_element(side: str, size: int, color: str) -> BaseOxmlElement:
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size))
    line.set(qn("w:space"), "4")
    line.set(qn("w:color"), color)
    borders.append(line)
    return borders


def _insert_in_order(
    parent: BaseOxmlElement, child: BaseOxmlElement, before: tuple[str, ...]
) -> None:
    """Add `child` to a properties element ahead of the first sibling the schema puts after it."""
    for tag in before:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


# In w:pPr, the schema's order after pBdr and shd (Word refuses a file whose order is wrong).
_AFTER_BORDER: Final = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _border(paragraph: WordParagraph, side: str, size: int, color: str) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    _insert_in_order(p_pr, _border_element(side, size, color), _AFTER_BORDER)


def _style_border(style: BaseStyle, side: str, size: int, color: str) -> None:
    p_pr = style.element.get_or_add_pPr()
    _insert_in_order(p_pr, _border_element(side, size, color), _AFTER_BORDER)


def _shade(properties: BaseOxmlElement, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    _insert_in_order(properties, shading, _AFTER_BORDER[1:])


def _page_x_of_y(footer: WordParagraph) -> None:
    """ "page X of Y" in the current language, as one translated sentence whose two numbers are
    fields Word fills in (and keeps true after edits)."""
    # The sentence the PDF prints (pdf.page_label), with its placeholders left in place.
    sentence = gettext("page %(number)s of %(total)s", number="%(number)s", total="%(total)s")
    position = 0
    for match in _PLACEHOLDER.finditer(sentence):
        if match.start() > position:
            footer.add_run(sentence[position : match.start()])
        _field(footer, "PAGE" if match.group(1) == "number" else "NUMPAGES")
        position = match.end()
    if position < len(sentence):
        footer.add_run(sentence[position:])


def _field(paragraph: WordParagraph, instruction: str) -> None:
    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    char("separate")
    paragraph.add_run("1")
    char("end")


# ------------------------------------------------------------------------------------------------
# Blocks


# The styles the renderer names; their ids are looked up once per document.
_STYLE_NAMES: Final = ("Heading 1", "Heading 2", "Heading 3", "List Bullet", *_OWN_STYLES)


class _Word:
    """The Word document being written, with the ids of the styles it uses."""

    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.style_ids = {name: document.styles[name].style_id for name in _STYLE_NAMES}
        self.last_paragraph: WordParagraph | None = None


def _add_paragraph(word: _Word, text: str, style: str = "Normal") -> WordParagraph:
    """A paragraph of plain text (already printable) in a style named in `_STYLE_NAMES`.

    The style is set by its id: python-docx's look-up by name reads every style of the template
    for each paragraph, which made a long document several times slower."""
    paragraph = word.document.add_paragraph()
    if text:
        paragraph.add_run(text)
    if style != "Normal":
        paragraph._p.style = word.style_ids[style]
    word.last_paragraph = paragraph
    return paragraph


def _text_paragraphs(word: _Word, text: str, style: str) -> None:
    """Text as one Word paragraph per paragraph of it (blank lines), line breaks kept."""
    for piece in _BLANK_LINES.split(printable_text(text)):
        _add_paragraph(word, piece, style)


def _cell_text(cell_paragraph: WordParagraph, text: str, bold: bool = False) -> None:
    run = cell_paragraph.add_run(printable_text(text))
    if bold:
        run.bold = True


def _table(
    word: _Word,
    header: tuple[str, ...] | None,
    rows: tuple[tuple[str, ...], ...],
    widths: tuple[float, ...],
    key_column: bool,
) -> WordTable:
    columns = len(widths)
    table: WordTable = word.document.add_table(rows=0, cols=columns)
    word.last_paragraph = None  # what follows a table does not keep with a paragraph above it
    if header is not None:
        table.style = word.document.styles["Table Grid"]
    total = sum(widths) or 1
    column_widths = [int(_TEXT_WIDTH * width / total) for width in widths]
    for column, width in zip(table.columns, column_widths, strict=True):
        column.width = width
    if header is not None:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]  # python-docx leaves it untyped
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        tr_pr.append(repeat)
        for cell, text in zip(cells, header, strict=False):
            _cell_text(cell.paragraphs[0], text, bold=True)
            _shade(cell._tc.get_or_add_tcPr(), _SHADE)
    for row in rows:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]  # python-docx leaves it untyped
        for column, (cell, text) in enumerate(zip(cells, row, strict=False)):
            paragraph = cell.paragraphs[0]
            _cell_text(paragraph, text)
            if key_column and column == 0:
                for run in paragraph.runs:
                    run.font.color.rgb = _GREY
    return table


def _block(word: _Word, block: model.Block) -> None:
    if isinstance(block, model.Paragraph):
        _text_paragraphs(word, block.text, _PARAGRAPH_STYLES[block.style])
    elif isinstance(block, model.Notice):
        _text_paragraphs(word, block.text, "Notice")
    elif isinstance(block, model.KeyValues):
        if block.title:
            _add_paragraph(word, printable_text(block.title), "Heading 3")
        if block.rows:
            _table(word, None, block.rows, (1, 3), key_column=True)
            word.document.add_paragraph()
    elif isinstance(block, model.Table):
        _table(word, block.header, block.rows, block.widths, key_column=False)
        word.document.add_paragraph()
    elif isinstance(block, model.BulletList):
        for item in block.items:
            _add_paragraph(word, printable_text(item), "List Bullet")
    elif isinstance(block, model.SignatureLines):
        # A signature block stays with the line before it ("Sincerely,", the declaration) and
        # in one piece, as in the PDF: a lone "Name" line never starts a page.
        if word.last_paragraph is not None:
            word.last_paragraph.paragraph_format.keep_with_next = True
        table = _table(word, None, block.lines, (1, 2), key_column=True)
        for index, row in enumerate(table.rows):
            if index < len(table.rows) - 1:
                for cell in row.cells:
                    cell.paragraphs[0].paragraph_format.keep_with_next = True
            tc_pr = row.cells[1]._tc.get_or_add_tcPr()
            borders = OxmlElement("w:tcBorders")
            bottom = OxmlElement("w:bottom")
            bottom.set(qn("w:val"), "single")
            bottom.set(qn("w:sz"), "4")
            bottom.set(qn("w:color"), "0B0C0C")
            borders.append(bottom)
            _insert_in_order(tc_pr, borders, ("w:shd", "w:noWrap", "w:tcMar", "w:vAlign"))
            row.height = Pt(26)
            for cell in row.cells:  # label and value sit on the line, as on paper
                cell.vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM
        word.document.add_paragraph()
    else:
        word.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# ------------------------------------------------------------------------------------------------
# The document and its package


def render_docx(document: model.Document) -> bytes:
    """The document as .docx bytes, made in memory, in the document's own language (its page
    footers and the language Word checks spelling in). Raises RenderError if it cannot be made."""
    with use_language(document.language):
        return _render(document)


def _render(document: model.Document) -> bytes:
    try:
        word = _Word(_new_word_document(document.running_header, document.language))
        for index, section in enumerate(document.sections):
            title = _add_paragraph(word, printable_text(section.title), "Heading 1")
            if index > 0 and section.new_page:
                title.paragraph_format.page_break_before = True
            for block in section.blocks:
                _block(word, block)
        buffer = BytesIO()
        word.document.save(buffer)
        return neutral_package(buffer.getvalue())
    except Exception as error:  # python-docx and lxml raise many kinds
        raise RenderError("the Word document could not be made") from error


def neutral_package(package: bytes) -> bytes:
    """The package with neutral properties and fixed ZIP times, after checking that it holds no
    macro and no relationship to anything outside itself."""
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = _NEUTRAL_PARTS.get(entry.filename) or source.read(entry)
            if entry.filename.endswith(".rels") and b'TargetMode="External"' in data:
                raise RenderError("an external relationship")
            if "vba" in entry.filename.lower():
                raise RenderError("a macro part")
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, data)
    return out.getvalue()
