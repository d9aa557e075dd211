"""Helpers for the document tests: board and citation values, and ways to read a PDF back.

`make_board()` builds a real `boards.Board` with illustrative values so each test can set exactly
the facts it is about (unknown address, a time limit, a notarisation rule) without depending on
what the shipped directory happens to know today.
"""

from __future__ import annotations

import contextlib
import shutil
import zlib
from datetime import date
from io import BytesIO
from types import MappingProxyType
from typing import Any

import docx
import pytest
from docx.table import Table as DocxTable
from pypdf import PdfReader

from complaint_helper.boards import Board, Citation, Source
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import Answers, TimelineEvent
from tests.stories import make_maya

CHECKED = date(2026, 11, 22)
TODAY = date(2026, 11, 22)


def make_board(**overrides: Any) -> Any:
    """A California Board of Psychology record (illustrative values), with overrides."""
    url = "https://www.psychology.ca.gov/consumers/filecomplaint.shtml"
    values: dict[str, Any] = {
        "id": "ca-psychology",
        "state": "CA",
        "state_name": "California",
        "name": "California Board of Psychology",
        "professions": MappingProxyType({"psychologist": ("Licensed Psychologist",)}),
        "degrees": None,
        "official_domains": ("psychology.ca.gov",),
        "mailing_address": "1625 North Market Blvd., Suite N-215\nSacramento, CA 95834",
        "phone": "(916) 574-7720",
        "email": None,
        "complaint_url": url,
        "website": None,
        "online_filing": True,
        "license_lookup_url": None,
        "anonymous_complaints": True,
        "anonymous_complaints_words": "Yes. However, the Board may be unable to investigate.",
        "time_limit": None,
        "requires_own_form": None,
        "requires_records_release": True,
        "requires_notarization": None,
        "sources": None,
        "notes": None,
    }
    values.update(overrides)
    if values["sources"] is None:
        facts = (
            "name",
            "professions",
            "mailing_address",
            "phone",
            "complaint_url",
            "online_filing",
            "anonymous_complaints",
            "anonymous_complaints_words",
            "requires_records_release",
        )
        values["sources"] = MappingProxyType(
            {fact: Source(url, CHECKED) for fact in facts if values.get(fact) is not None}
        )
    return Board(**values)


def make_citations() -> tuple[Any, ...]:
    return (
        Citation(
            "American Medical Association, Code of Medical Ethics",
            "Opinion 9.1.1",
            "Romantic or sexual interactions between physicians and patients are unethical.",
            "current and former patients",
            Source("https://code-medical-ethics.ama-assn.org/ethics-opinions/x", CHECKED),
            True,
        ),
        Citation(
            "American Psychological Association, Ethics Code",
            "Standard 10.05",
            "Psychologists do not engage in sexual intimacies with current therapy clients.",
            "current clients",
            None,
            False,
        ),
    )


@pytest.fixture
def board() -> Any:
    return make_board()


@pytest.fixture
def citations() -> tuple[Any, ...]:
    return make_citations()


def pdf_text(pdf: bytes) -> str:
    """All text pypdf extracts, pages joined."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages)


def squash(text: str) -> str:
    """Text with all whitespace removed (line wrapping must not hide a match)."""
    return "".join(text.split())


def inflated_streams(pdf: bytes) -> list[bytes]:
    """Every zlib-compressed stream in the file, decompressed."""
    out: list[bytes] = []
    position = 0
    while True:
        start = pdf.find(b"stream", position)
        if start < 0:
            return out
        start += len(b"stream")
        while pdf[start : start + 1] in (b"\r", b"\n"):
            start += 1
        end = pdf.find(b"endstream", start)
        if end < 0:
            return out
        with contextlib.suppress(zlib.error):
            out.append(zlib.decompressobj().decompress(pdf[start:end]))
        position = end


def qpdf_path() -> str | None:
    return shutil.which("qpdf")


def docx_paragraphs(data: bytes) -> list[str]:
    """The body of a Word file read back with python-docx: each paragraph's text, tables' cells
    in reading order (row by row), as a reader of the file sees them."""
    document = docx.Document(BytesIO(data))
    out: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, DocxTable):
            for row in block.rows:
                for cell in row.cells:
                    out.extend(paragraph.text for paragraph in cell.paragraphs)
        else:
            out.append(block.text)
    return out


# -- hostile text (the PDF and the Word file are both read back for it) -------------------------

HOSTILE = (
    '<img src="/etc/hostname"/> <a href="file:///etc/passwd">link</a> & < > '
    '<para><font name="Courier" size="40">big</font></para> <b>bold?</b> '
    '<img src="http://127.0.0.1:9/x.png"/> file:///etc/shadow http://example.invalid/ '
    "<seq id='x'/> &amp; &lt;b&gt; ]]> <!-- c -->"
)
CONTROLS = "nul\x00 bell\x07 esc\x1b del\x7f c1\x85\x9b end"
RTL = "שלום עולם — مرحبا بالعالم"
# What must print literally, as typed.
HOSTILE_FRAGMENTS = (
    '<img src="/etc/hostname"/>',
    '<a href="file:///etc/passwd">link</a>',
    "& < >",
    '<font name="Courier" size="40">big</font>',
    "<b>bold?</b>",
    "&amp; &lt;b&gt;",
    "file:///etc/shadow",
    "http://example.invalid/",
)


def hostile_answers() -> Answers:
    answers = make_maya()
    answers.set("your-account", "account", f"{HOSTILE}\n\n{CONTROLS}\n\n{RTL}")
    answers.set("professional", "name", HOSTILE)
    answers.timeline.append(TimelineEvent("h", ApproxDate(), HOSTILE, CONTROLS, RTL))
    answers.evidence[0].description = HOSTILE
    return answers
