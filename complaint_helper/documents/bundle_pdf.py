"""The printable exhibit bundle: one PDF a board can print (issue #13).

A contents page lists every exhibit with the page it starts on; then each exhibit has a cover
sheet ("Exhibit 3 — A card he gave me, 2022", the neutral name and the SHA-256 of each copy sent),
followed by each image on its own page or each page of each PDF, laid onto a Letter page with the
bundle's header and page number. Files that cannot be shown on paper (sound, video) or cannot be
cleaned are named on the cover sheet with what they are and how they are provided. Every copy is
the clean copy from cleaning.py, the same bytes as in the ZIP, so the fingerprints match.

The pages are planned here (counts known before drawing, so every footer says "page X of Y"),
drawn by pdf.py (the only reportlab importer), and the exhibit PDFs' pages are laid onto their
placeholder pages with pypdf.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from io import BytesIO

from pypdf import PdfReader, PdfWriter, Transformation

from complaint_helper.documents import cleaning
from complaint_helper.documents.downloads import chosen_boards
from complaint_helper.documents.exhibits import (
    AttachmentReader,
    bundle_name,
    clean_copy_of,
    file_kind,
    number_items,
)
from complaint_helper.documents.model import (
    Block,
    KeyValues,
    Paragraph,
    PrintedPage,
    Table,
)
from complaint_helper.documents.pdf import printed_area, render_printed_pages
from complaint_helper.documents.redaction import AnswerReader
from complaint_helper.documents.wording import date_or_not_known, has_date, join, label
from complaint_helper.i18n import DEFAULT_LANGUAGE, _, lazy_gettext, ngettext, use_language
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import Answers, EvidenceFile

HEADER = lazy_gettext("Exhibits — copies; the originals are kept by the complainant")
CONTENTS_ROWS = 28
COVER_FILES = 10
_AUDIO_VIDEO = ("audio/", "video/")


@dataclass
class _File:
    attached: EvidenceFile
    name: str
    copy: bytes | None
    note: str
    pdf_pages: int = 0

    @property
    def printed_pages(self) -> int:
        if self.copy is None:
            return 0
        return (
            self.pdf_pages
            if self.attached.media_type == "application/pdf"
            else (1 if self.attached.media_type.startswith("image/") else 0)
        )


def _file(
    exhibit_label: str, name: str, attached: EvidenceFile, read_attachment: AttachmentReader
) -> _File:
    if attached.media_type.startswith(_AUDIO_VIDEO):
        return _File(
            attached,
            name,
            None,
            _(
                "This file is %(kind)s, which cannot be shown on paper. I can provide it on "
                "request in a way the board accepts.",
                kind=file_kind(attached.media_type),
            ),
        )
    try:
        copy = clean_copy_of(attached, read_attachment, exhibit_label)
    except cleaning.CannotCleanError as problem:
        # The index's "Not in the bundle: …" becomes "Not printed here: …" on paper (each
        # language's reasons start with its own words for "Not in the bundle").
        reason = str(problem.reason).replace(_("Not in the bundle"), _("Not printed here"))
        return _File(attached, name, None, reason)
    entry = _File(attached, name, copy, "")
    if attached.media_type == "application/pdf":
        entry.pdf_pages = len(PdfReader(BytesIO(copy)).pages)
    elif not attached.media_type.startswith("image/"):
        entry.note = _(
            "%(kind)s; provided as a file.", kind=file_kind(attached.media_type)
        ).capitalize()
    return entry


def build_exhibit_bundle_pdf(
    answers: Answers, read_attachment: AttachmentReader, *, language: str = DEFAULT_LANGUAGE
) -> bytes:
    """The printable bundle as PDF bytes (raises on a damaged file, like the ZIP), in `language`:
    it goes to the board with the complaint, so English unless the letter's language was
    chosen otherwise."""
    with use_language(language):
        return _build(answers, read_attachment)


def _build(answers: Answers, read_attachment: AttachmentReader) -> bytes:
    reader = AnswerReader(answers, "board")
    exhibits = number_items(reader.evidence())
    files = {
        exhibit.number: [
            _file(exhibit.label, bundle_name(exhibit, attached), attached, read_attachment)
            for attached in exhibit.item.files
        ]
        for exhibit in exhibits
    }
    contents_pages = max(1, math.ceil(len(exhibits) / CONTENTS_ROWS))
    starts: dict[int, int] = {}
    page = contents_pages + 1
    for exhibit in exhibits:
        starts[exhibit.number] = page
        page += max(1, math.ceil(len(files[exhibit.number]) / COVER_FILES))
        page += sum(entry.printed_pages for entry in files[exhibit.number])
    total = page - 1

    pages: list[PrintedPage] = []
    placeholders: list[tuple[int, bytes, int]] = []  # (page index, PDF copy, page in it)

    def footer(label_text: str) -> str:
        return _(
            "%(label)s · page %(number)s of %(total)s",
            label=label_text,
            number=len(pages) + 1,
            total=total,
        )

    rows = tuple(
        (
            exhibit.label,
            _title(exhibit.item.description, exhibit.item.when),
            str(starts[exhibit.number]),
        )
        for exhibit in exhibits
    )
    for index in range(contents_pages):
        listed = rows[index * CONTENTS_ROWS : (index + 1) * CONTENTS_ROWS]
        boards = join([board.name for board in chosen_boards(answers)])
        opening = [
            _("Exhibits to my complaint to the %(boards)s.", boards=boards) if boards else "",
            ngettext("%(num)d exhibit.", "%(num)d exhibits.", len(exhibits)),
            _(
                "Each is a copy; the originals are kept by the complainant. The exhibit index "
                "in the complaint describes each one and gives the SHA-256 fingerprint of each "
                "file as sent."
            ),
        ]
        blocks: list[Block] = (
            [Paragraph(" ".join(part for part in opening if part))] if index == 0 else []
        )
        if listed:
            blocks.append(Table((_("Exhibit"), _("What it is"), _("Page")), listed, (2, 7, 1)))
        else:
            blocks.append(Paragraph(_("No exhibits are listed.")))
        title = _("Exhibits") if index == 0 else ""
        pages.append(PrintedPage(footer(_("Contents")), title, tuple(blocks)))

    for exhibit in exhibits:
        entries = files[exhibit.number]
        parts = [entries[i : i + COVER_FILES] for i in range(0, len(entries), COVER_FILES)] or [[]]
        for part, on_cover in enumerate(parts):
            blocks = []
            if part == 0:
                facts: list[tuple[str, str]] = [
                    (_("Description"), exhibit.item.description or _("Not described")),
                    (_("Date"), date_or_not_known(exhibit.item.when)),
                ]
                if exhibit.item.kind:
                    facts.append((_("Type"), label("evidence", "kind", exhibit.item.kind)))
                blocks.append(KeyValues(tuple(facts)))
            for entry in on_cover:
                file_rows = [(_("File"), entry.name)]
                if entry.copy is not None:
                    file_rows.append(("SHA-256", cleaning.CleanCopy(entry.copy, "", "").sha256))
                    if entry.pdf_pages:
                        file_rows.append(
                            (
                                _("Printed"),
                                ngettext(
                                    "the next page",
                                    "the next %(num)d pages",
                                    entry.pdf_pages,
                                ),
                            )
                        )
                    elif entry.printed_pages:
                        file_rows.append((_("Printed"), _("on its own page")))
                if entry.note:
                    file_rows.append((_("Note"), entry.note))
                blocks.append(KeyValues(tuple(file_rows)))
            if not entries:
                blocks.append(
                    Paragraph(
                        _(
                            "No file is attached for this exhibit. I can provide it if the "
                            "board asks."
                        )
                    )
                )
            title = exhibit.label if part == 0 else _("%(label)s (continued)", label=exhibit.label)
            pages.append(PrintedPage(footer(exhibit.label), title, tuple(blocks)))
        for entry in entries:
            if entry.copy is None:
                continue
            if entry.attached.media_type.startswith("image/"):
                pages.append(
                    PrintedPage(
                        footer(_("%(label)s, %(name)s", label=exhibit.label, name=entry.name)),
                        image=entry.copy,
                    )
                )
            for number in range(entry.pdf_pages):
                placeholders.append((len(pages), entry.copy, number))
                pages.append(
                    PrintedPage(
                        footer(_("%(label)s, %(name)s", label=exhibit.label, name=entry.name))
                    )
                )
    drawn = render_printed_pages(pages, str(HEADER))
    return _lay_pdf_pages(drawn, placeholders)


def _title(description: str, when: ApproxDate) -> str:
    first = description.split("\n", 1)[0][:200] or _("Not described")
    return _("%(what)s, %(when)s", what=first, when=when.describe()) if has_date(when) else first


def _lay_pdf_pages(drawn: bytes, placeholders: list[tuple[int, bytes, int]]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(BytesIO(drawn)))
    left, bottom, width, height = printed_area()
    sources: dict[int, PdfReader] = {}
    for index, copy, number in placeholders:
        source = sources.setdefault(id(copy), PdfReader(BytesIO(copy)))
        page = source.pages[number]
        box = page.mediabox
        scale = min(width / float(box.width), height / float(box.height), 1.0)
        x = left + (width - float(box.width) * scale) / 2 - float(box.left) * scale
        y = bottom + (height - float(box.height) * scale) - float(box.bottom) * scale
        writer.pages[index].merge_transformed_page(
            page, Transformation().scale(scale).translate(x, y)
        )
    writer.metadata = None
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
