"""Render a `model.Document` to PDF bytes with reportlab Platypus; the ONLY reportlab importer.

Safety, because the text is the person's and may be anything:
- reportlab reads its own markup inside Paragraph text and follows `<img src>`/`<a href>` to files
  and URLs. Every string from the document model goes through `_markup()`, which escapes it with
  `xml.sax.saxutils.escape` before any markup of ours is added; `rl_config.trustedSchemes` is
  emptied as a second wall, so even markup that slipped through could not fetch anything.
- Control characters (model.printable_text, the rule docx.py follows too) and characters no font
  here draws are replaced by U+FFFD only in what is drawn; the stored text is never touched.
- Rendering happens in memory (BytesIO). The fonts are read from the package into memory once.
- Metadata is empty and `invariant=1`, so two renders of the same case are byte-identical and the
  file carries no user name, host name, path or time.

Layout: US Letter (US boards), DejaVu Sans (+ Bold) embedded so Latin, Greek and Cyrillic names
render. Long texts are cut into pieces of bounded size before they meet Platypus, so a 1 MB account
or a 1,000-event timeline paginates in roughly linear time and no table row is taller than a page.
Right-to-left text is drawn in stored (logical) order: reportlab has no bidi shaping without extra
packages, so the words are all there but read left to right.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from importlib import resources
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak

from complaint_helper.documents import model
from complaint_helper.documents.model import REPLACEMENT as REPLACEMENT
from complaint_helper.documents.model import RenderError as RenderError
from complaint_helper.documents.model import printable_text
from complaint_helper.i18n import LANGUAGES, gettext, use_language

# reportlab must never fetch a file or URL named in a document (security.md, PDF).
rl_config.trustedSchemes = []
rl_config.trustedHosts = []

FONT = "ComplaintSans"
FONT_BOLD = "ComplaintSans-Bold"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

# Pieces of text handed to one Paragraph: small enough that wrapping stays fast and a table cell
# stays well under a page, large enough that a normal paragraph is one piece.
PIECE_CHARS = 2_000
CELL_CHARS = 600
PIECE_LINES = 30
CELL_LINES = 12

_PAGE_WIDTH, _PAGE_HEIGHT = LETTER
_MARGIN = 0.9 * inch
_FRAME_PADDING = 6  # Platypus frames pad their content by 6 points on every side
_TEXT_LEFT = _MARGIN + _FRAME_PADDING
_TEXT_RIGHT = _PAGE_WIDTH - _MARGIN - _FRAME_PADDING
_FRAME_WIDTH = _TEXT_RIGHT - _TEXT_LEFT
_INK = colors.HexColor("#0b0c0c")
_GREY = colors.HexColor("#505a5f")
_RULE = colors.HexColor("#b1b4b6")
_SHADE = colors.HexColor("#f3f2f1")
_NOTICE = colors.HexColor("#fff7bf")


_SECTION_ROOM = 2.2 * inch  # a part's title and its first lines
_HEADING_ROOM = 1.1 * inch  # a heading and its first lines

_FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")


# ------------------------------------------------------------------------------------------------
# Fonts and text


# Fonts for scripts DejaVu Sans lacks (Chinese, Japanese, Korean), looked for where operating
# systems and Debian (fonts-droid-fallback) put fonts with TrueType
# outlines (reportlab cannot embed CFF-based OpenType). Each character is drawn with the first
# font that has it. Without one, such text is drawn as U+FFFD and the documents page says so
# before the document is made (`missing_glyphs`).
FALLBACK_FONT_FILES: tuple[str, ...] = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:\\Windows\\Fonts\\msyh.ttc",
    "C:\\Windows\\Fonts\\malgun.ttf",
)


@cache
def _fonts() -> dict[str, frozenset[int]]:
    """Register the bundled fonts (and the fallback fonts this computer has) once; return each
    font's drawable code points, in the order they are tried."""
    drawable: dict[str, frozenset[int]] = {}
    folder = resources.files("complaint_helper.documents").joinpath("fonts")
    for name, file_name in _FONT_FILES.items():
        data = folder.joinpath(file_name).read_bytes()
        font = TTFont(name, BytesIO(data))
        pdfmetrics.registerFont(font)
        drawable[name] = frozenset(font.face.charToGlyph)
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    for path in FALLBACK_FONT_FILES:
        if not Path(path).is_file():
            continue
        name = f"ComplaintSansFallback{len(drawable) - 1}"
        try:
            fallback = TTFont(name, path, subfontIndex=0)
        except Exception:  # noqa: S112 (a font reportlab cannot embed: try the next one)
            continue
        pdfmetrics.registerFont(fallback)
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        drawable[name] = frozenset(fallback.face.charToGlyph)
    return drawable


def has_fallback_font() -> bool:
    """True when this computer has a font for Chinese or Japanese text."""
    return len(_fonts()) > len(_FONT_FILES)


def _runs(text: str) -> list[tuple[str, str]]:
    """Text as (font, drawable text) runs: the main font, a fallback font, or replacements.

    Line breaks of every kind become "\\n"; a symbol no font can draw (an emoji) is written as its
    name in brackets, so its meaning stays on paper; other undrawable characters become U+FFFD.
    Only the drawing changes; the stored text is never touched."""
    fonts = _fonts()
    main = fonts[FONT]
    fallbacks = [(name, points) for name, points in fonts.items() if name not in _FONT_FILES]
    runs: list[tuple[str, str]] = []

    def add(font: str, piece: str) -> None:
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + piece)
        else:
            runs.append((font, piece))

    for char in printable_text(text):
        point = ord(char)
        category = unicodedata.category(char)
        if char in "\n\t" or point in main:
            add(FONT, char)
        elif fallback := next((name for name, points in fallbacks if point in points), ""):
            add(fallback, char)
        elif category in ("Mn", "Me", "Cf"):
            # Variation selectors, joiners and marks the font lacks add nothing visible.
            continue
        elif category == "So" and (described := _symbol_name(char)):
            add(FONT, described)
        else:
            add(FONT, REPLACEMENT)
    return runs


def _symbol_name(char: str) -> str:
    """ "[cloud with rain]" for a symbol with a Unicode name, else ""."""
    try:
        return f"[{unicodedata.name(char).lower()}]"
    except ValueError:
        return ""


def drawn_text(text: str) -> str:
    """Text as the PDF draws it (for the checks that compare what reaches the page)."""
    return "".join(piece for _, piece in _runs(text))


def missing_glyphs(text: str) -> bool:
    """True when some of this text would print as U+FFFD (no font on this computer draws it)."""
    return REPLACEMENT in drawn_text(text) and REPLACEMENT not in text


def _markup(text: str) -> str:
    """Plain text as safe Paragraph markup: drawable, escaped, line breaks kept."""
    out: list[str] = []
    for font, piece in _runs(text):
        safe = escape(piece).replace("\t", "    ").replace("\n", "<br/>")
        out.append(safe if font == FONT else f'<font face="{font}">{safe}</font>')
    return "".join(out)


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _para(text: str, style: ParagraphStyle, **kwargs: Any) -> Paragraph:
    """A Paragraph of plain text; text in scripts written without spaces wraps between any two
    characters (reportlab's CJK wrapping), so a narrow cell never overflows."""
    if any(_is_wide(char) for char in text):
        style = _cjk_style(style)
    return Paragraph(_markup(text), style, **kwargs)


_CJK_STYLES: dict[str, ParagraphStyle] = {}


def _cjk_style(style: ParagraphStyle) -> ParagraphStyle:
    """The same style, wrapping between any two characters (style names are unique)."""
    if style.name not in _CJK_STYLES:
        _CJK_STYLES[style.name] = ParagraphStyle(f"{style.name}_cjk", parent=style, wordWrap="CJK")
    return _CJK_STYLES[style.name]


def _pieces(text: str, max_chars: int, max_lines: int) -> list[str]:
    """Cut text into pieces of bounded size, at a line break or a space where there is one.

    Wide characters (Chinese, Japanese, Korean) take about twice the room of a Latin letter, so
    text holding them is cut into pieces half as long: a narrow cell stays well under a page."""
    text = printable_text(text)
    if any(_is_wide(char) for char in text):
        max_chars = max(max_chars // 2, 1)
    if len(text) <= max_chars and text.count("\n") < max_lines:
        return [text]
    pieces: list[str] = []
    rest = text
    while rest:
        window = rest[:max_chars]
        cut = len(window)
        line_breaks = [index for index, char in enumerate(window) if char == "\n"]
        if len(line_breaks) >= max_lines:
            cut = line_breaks[max_lines - 1] + 1
        elif len(rest) > max_chars:
            space = max(window.rfind("\n"), window.rfind(" "))
            if space > max_chars // 2:
                cut = space + 1
        pieces.append(rest[:cut])
        rest = rest[cut:]
    return [piece.strip("\n") or " " for piece in pieces]


# ------------------------------------------------------------------------------------------------
# Styles


@cache
def _styles() -> dict[str, ParagraphStyle]:
    _fonts()
    body = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=10,
        leading=14,
        textColor=_INK,
        alignment=TA_LEFT,
        spaceAfter=6,
        splitLongWords=1,
    )
    return {
        "body": body,
        "own_words": ParagraphStyle(
            "own_words", parent=body, leftIndent=10, borderPadding=(0, 0, 0, 6), spaceAfter=6
        ),
        "own_words_more": ParagraphStyle(
            "own_words_more", parent=body, leftIndent=10, spaceBefore=0, spaceAfter=0
        ),
        "body_more": ParagraphStyle("body_more", parent=body, spaceBefore=0, spaceAfter=0),
        "note": ParagraphStyle(
            "note", parent=body, fontSize=8.5, leading=11, textColor=_GREY, keepWithNext=1
        ),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=_GREY),
        "letter_line": ParagraphStyle("letter_line", parent=body, spaceBefore=6, spaceAfter=12),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=16,
            leading=21,
            spaceAfter=10,
            keepWithNext=1,
        ),
        "block_title": ParagraphStyle(
            "block_title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10,
            leading=14,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0),
        "cell_key": ParagraphStyle(
            "cell_key", parent=body, fontSize=9, leading=12, spaceAfter=0, textColor=_GREY
        ),
        # A SHA-256 fingerprint fits on one line at this size, so it can be read and compared.
        "cell_fingerprint": ParagraphStyle(
            "cell_fingerprint", parent=body, fontSize=7.5, leading=12, spaceAfter=0
        ),
        "cell_head": ParagraphStyle(
            "cell_head", parent=body, fontName=FONT_BOLD, fontSize=9, leading=12, spaceAfter=0
        ),
        "notice": ParagraphStyle("notice", parent=body, fontName=FONT_BOLD, spaceAfter=0),
        "bullet": ParagraphStyle(
            "bullet",
            parent=body,
            leftIndent=14,
            bulletIndent=2,
            bulletFontName=FONT,
            spaceAfter=3,
        ),
    }


# ------------------------------------------------------------------------------------------------
# Blocks → flowables


def _paragraphs(text: str, style: str, more_style: str) -> list[Flowable]:
    styles = _styles()
    pieces = _pieces(text, PIECE_CHARS, PIECE_LINES)
    flowables: list[Flowable] = []
    for index, piece in enumerate(pieces):
        last = index == len(pieces) - 1
        chosen = styles[style] if last and index == 0 else styles[more_style]
        if last and index > 0:
            chosen = ParagraphStyle(f"{more_style}_end", parent=styles[more_style], spaceAfter=6)
        flowables.append(_para(piece, chosen))
    return flowables


def _grid(
    rows: list[tuple[str, ...]],
    widths: tuple[float, ...],
    header: tuple[str, ...] | None,
    key_column: bool,
) -> Table:
    """A table whose long cells are spread over several physical rows (never taller than a page)."""
    styles = _styles()
    total = sum(widths)
    col_widths = [_FRAME_WIDTH * width / total for width in widths]
    data: list[list[Paragraph]] = []
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if key_column:
        commands.append(("LEFTPADDING", (0, 0), (0, -1), 0))
    if header is not None:
        data.append([_para(text, styles["cell_head"]) for text in header])
        commands.append(("BACKGROUND", (0, 0), (-1, 0), _SHADE))
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.75, _INK))
    for row in rows:
        cells = [_pieces(text, CELL_CHARS, CELL_LINES) for text in row]
        height = max(len(pieces) for pieces in cells)
        for line in range(height):
            physical: list[Paragraph] = []
            for column, pieces in enumerate(cells):
                text = pieces[line] if line < len(pieces) else ""
                style = styles["cell_key"] if key_column and column == 0 else styles["cell"]
                if _FINGERPRINT.match(text):
                    style = styles["cell_fingerprint"]
                physical.append(_para(text, style))
            data.append(physical)
        commands.append(("LINEBELOW", (0, len(data) - 1), (-1, len(data) - 1), 0.25, _RULE))
    return Table(
        data,
        colWidths=col_widths,
        repeatRows=1 if header is not None else 0,
        style=TableStyle(commands),
        hAlign="LEFT",
        # A row still taller than the room left may split inside itself rather than fail.
        splitInRow=1,
    )


def _block(block: model.Block) -> list[Flowable]:
    styles = _styles()
    if isinstance(block, model.Paragraph):
        if block.style == "own_words":
            return _paragraphs(block.text, "own_words", "own_words_more")
        if block.style == "body":
            return _paragraphs(block.text, "body", "body_more")
        return [
            _para(piece, styles[block.style])
            for piece in _pieces(block.text, PIECE_CHARS, PIECE_LINES)
        ]
    if isinstance(block, model.Notice):
        cell = [
            _para(piece, styles["notice"])
            for piece in _pieces(block.text, PIECE_CHARS, PIECE_LINES)
        ]
        box = Table(
            [[cell]],
            colWidths=[_FRAME_WIDTH],
            style=TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), _NOTICE),
                    ("LINEBEFORE", (0, 0), (0, -1), 4, _INK),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            ),
            hAlign="LEFT",
        )
        return [Spacer(1, 4), box, Spacer(1, 8)]
    if isinstance(block, model.KeyValues):
        flowables: list[Flowable] = []
        if block.title:
            flowables.append(_para(block.title, styles["block_title"]))
        if block.rows:
            flowables.append(_grid(list(block.rows), (1, 3), None, key_column=True))
        flowables.append(Spacer(1, 6))
        # Keep a short block (one exhibit, one person) on one page; long ones may split.
        if sum(len(value) for _, value in block.rows) < 1_500:
            return [KeepTogether(flowables)]
        return flowables
    if isinstance(block, model.Table):
        return [_grid(list(block.rows), block.widths, block.header, key_column=False), Spacer(1, 8)]
    if isinstance(block, model.BulletList):
        return [flowable for item in block.items for flowable in _bullet(item)]
    if isinstance(block, model.SignatureLines):
        rows = [
            [_para(label, styles["cell_key"]), _para(value, styles["cell"])]
            for label, value in block.lines
        ]
        table = Table(
            rows,
            colWidths=[_FRAME_WIDTH / 4, _FRAME_WIDTH / 2],
            rowHeights=[26] * len(rows),
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (0, -1), 0),
                    ("LINEBELOW", (1, 0), (1, -1), 0.5, _INK),
                ]
            ),
            hAlign="LEFT",
        )
        return [table, Spacer(1, 10)]
    return [RLPageBreak()]


def _bullet(item: str) -> list[Flowable]:
    """A bulleted item; a very long one continues, unbulleted, over as many pieces as it needs."""
    style = _styles()["bullet"]
    return [
        _para(piece, style, bulletText="•" if index == 0 else None)
        for index, piece in enumerate(_pieces(item, PIECE_CHARS, PIECE_LINES))
    ]


def _story(document: model.Document) -> list[Flowable]:
    styles = _styles()
    story: list[Flowable] = []
    for index, section in enumerate(document.sections):
        if index > 0 and section.new_page:
            story.append(RLPageBreak())
        elif index > 0:
            # A part that follows on the same page starts on a new one when little room is left,
            # so its title never sits alone at a page foot.
            story.append(CondPageBreak(_SECTION_ROOM))
        story.append(_para(section.title, styles["title"]))
        previous: list[Flowable] = []
        for block in section.blocks:
            flowables = _block(block)
            if isinstance(block, model.SignatureLines) and previous:
                # A signature block stays with the line before it ("Sincerely,", the
                # declaration): a lone "Name" line never starts a page.
                del story[-len(previous) :]
                flowables = [KeepTogether([*previous, *flowables])]
            elif isinstance(block, model.Paragraph) and block.style == "heading":
                story.append(CondPageBreak(_HEADING_ROOM))
            story.extend(flowables)
            previous = flowables
    return story


# ------------------------------------------------------------------------------------------------
# Pages: running header and "page X of Y"


def _numbered_canvas(header: str) -> Callable[..., Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
        """Holds each page until the end, so every footer can say how many pages there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _decorate(self, number: int, total: int) -> None:
            self.saveState()
            self.setFillColor(_GREY)
            self.setStrokeColor(_RULE)
            self.setFont(FONT, 8.5)
            top = _PAGE_HEIGHT - 0.55 * inch
            self.drawString(_TEXT_LEFT, top, header)
            self.line(_TEXT_LEFT, top - 4, _TEXT_RIGHT, top - 4)
            self.drawRightString(_TEXT_RIGHT, 0.5 * inch, page_label(number, total))
            self.restoreState()

    return NumberedCanvas


def page_label(number: int, total: int) -> str:
    """ "page 2 of 5", in the current language."""
    return gettext("page %(number)s of %(total)s", number=number, total=total)


def render_complaint_pdf(document: model.Document) -> bytes:
    """The document as PDF bytes, made in memory, in the document's own language (its page
    footers and the PDF's language tag). Raises RenderError if reportlab fails."""
    with use_language(document.language):
        return _render(document)


def _render(document: model.Document) -> bytes:
    buffer = BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=0.85 * inch,
        bottomMargin=0.85 * inch,
        title="",
        author="",
        subject="",
        creator="",
        producer="",
        keywords=[],
        invariant=1,
        pageCompression=1,
        lang=document.language if document.language in LANGUAGES else None,
    )
    header = document.running_header or gettext("Draft — confidential")
    try:
        template.build(_story(document), canvasmaker=_numbered_canvas(header))
    except Exception as error:  # reportlab raises many kinds; the person only needs to know
        raise RenderError("the document could not be laid out") from error
    return _without_library_comments(buffer.getvalue())


# reportlab writes comments naming itself; blanking them with spaces of the same length keeps
# every byte offset (and so the cross-reference table) valid.
_LIBRARY_COMMENTS: tuple[bytes, ...] = (
    b"ReportLab Generated PDF document (opensource)",
    b"ReportLab generated PDF document -- digest (opensource)",
)


def _without_library_comments(pdf: bytes) -> bytes:
    for comment in _LIBRARY_COMMENTS:
        pdf = pdf.replace(comment, b" " * len(comment))
    return pdf


# ------------------------------------------------------------------------------------------------
# The printable exhibit bundle: one page per `model.PrintedPage` (bundle_pdf.py plans them)

_CONTENT_TOP = _PAGE_HEIGHT - 0.85 * inch
_CONTENT_BOTTOM = 0.85 * inch


def render_printed_pages(pages: list[model.PrintedPage], header: str) -> bytes:
    """Exactly one page per PrintedPage: a header line, its blocks or image, and its footer.

    A page whose blocks do not fit is cut (the planner keeps covers short); an image is scaled to
    fit the page, never enlarged. A page of kind "placeholder" carries only header and footer:
    bundle_pdf.py lays a page of an exhibit PDF onto it."""
    _fonts()
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=1, pageCompression=1)
    canvas.setTitle("")
    canvas.setAuthor("")
    canvas.setSubject("")
    canvas.setCreator("")
    canvas.setProducer("")
    try:
        for page in pages:
            canvas.setFillColor(_GREY)
            canvas.setStrokeColor(_RULE)
            canvas.setFont(FONT, 8.5)
            top = _PAGE_HEIGHT - 0.55 * inch
            canvas.drawString(_TEXT_LEFT, top, header)
            canvas.line(_TEXT_LEFT, top - 4, _TEXT_RIGHT, top - 4)
            canvas.drawRightString(_TEXT_RIGHT, 0.5 * inch, page.footer)
            if page.image is not None:
                reader = ImageReader(BytesIO(page.image))
                width, height = reader.getSize()
                room_w, room_h = _FRAME_WIDTH, _CONTENT_TOP - _CONTENT_BOTTOM
                scale = min(room_w / width, room_h / height, 1.0)
                draw_w, draw_h = width * scale, height * scale
                canvas.drawImage(
                    reader,
                    _TEXT_LEFT + (room_w - draw_w) / 2,
                    _CONTENT_TOP - draw_h,
                    draw_w,
                    draw_h,
                )
            elif page.blocks:
                frame = Frame(
                    _MARGIN,
                    _CONTENT_BOTTOM,
                    _PAGE_WIDTH - 2 * _MARGIN,
                    _CONTENT_TOP - _CONTENT_BOTTOM,
                    showBoundary=0,
                )
                story: list[Flowable] = []
                if page.title:
                    story.append(_para(page.title, _styles()["title"]))
                for block in page.blocks:
                    for flowable in _block(block):
                        # A bare frame does not split KeepTogether groups: lay their parts out.
                        if isinstance(flowable, KeepTogether):
                            story.extend(flowable._content)
                        else:
                            story.append(flowable)
                frame.addFromList(story, canvas)
            canvas.showPage()
        canvas.save()
    except Exception as error:  # reportlab and Pillow raise many kinds
        raise RenderError("the exhibit pages could not be laid out") from error
    return _without_library_comments(buffer.getvalue())


def printed_area() -> tuple[float, float, float, float]:
    """(left, bottom, width, height) of the room an exhibit page is laid into, in points."""
    return (_TEXT_LEFT, _CONTENT_BOTTOM, _FRAME_WIDTH, _CONTENT_TOP - _CONTENT_BOTTOM)
