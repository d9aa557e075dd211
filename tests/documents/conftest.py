"""Fixtures for the document tests: board and citation values in the directory's public shape.

Boards are built as `complaint_helper.boards.Board` once the directory has landed; until then a
frozen dataclass with exactly the same fields stands in (the document layer reads boards through
a protocol, so both are accepted).
"""

from __future__ import annotations

import contextlib
import shutil
import zlib
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from types import MappingProxyType
from typing import Any

import pytest
from pypdf import PdfReader

try:
    from complaint_helper.boards import Board, Citation, Source
except ImportError:  # the directory branch has not landed on this branch yet

    @dataclass(frozen=True)
    class Source:  # type: ignore[no-redef]
        url: str
        checked_on: date

    @dataclass(frozen=True)
    class Citation:  # type: ignore[no-redef]
        authority: str
        rule: str
        summary: str
        applies_to: str
        source: Source | None
        verified: bool

    @dataclass(frozen=True)
    class Board:  # type: ignore[no-redef]
        id: str
        state: str
        state_name: str
        name: str
        professions: Any
        degrees: tuple[str, ...] | None
        official_domains: tuple[str, ...]
        mailing_address: str | None
        phone: str | None
        email: str | None
        complaint_url: str | None
        online_filing: bool | None
        license_lookup_url: str | None
        anonymous_complaints: bool | None
        anonymous_complaints_words: str | None
        time_limit: str | None
        requires_own_form: bool | None
        requires_records_release: bool | None
        requires_notarization: bool | None
        sources: Any = field(default_factory=dict)
        notes: str | None = None


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
        facts = ("name", "professions", "mailing_address", "phone", "complaint_url",
                 "online_filing", "anonymous_complaints", "anonymous_complaints_words",
                 "requires_records_release")
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
