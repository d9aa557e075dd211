"""The rendered PDF, read back with pypdf (and checked with qpdf): content, safety, privacy."""

from __future__ import annotations

import builtins
import os
import subprocess
import urllib.request
from collections.abc import Mapping
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import reportlab.lib.utils
from pypdf import PdfReader

from complaint_helper.documents.complaint import RUNNING_HEADERS, VARIANTS, build_complaint
from complaint_helper.documents.exhibits import SentFile
from complaint_helper.documents.pdf import REPLACEMENT, render_complaint_pdf
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import Answers, EvidenceFile, TimelineEvent
from tests.conftest import HANG_GUARD_SECONDS
from tests.documents.conftest import (
    HOSTILE_FRAGMENTS,
    TODAY,
    hostile_answers,
    inflated_streams,
    make_board,
    make_citations,
    pdf_text,
    qpdf_path,
    squash,
)
from tests.stories import STORIES, make_maya, make_priya

PACKAGE = Path(__file__).resolve().parents[2] / "complaint_helper"


def render(answers: Answers, variant: str = "board", boards: Any = None) -> bytes:
    document = build_complaint(
        answers,
        [make_board()] if boards is None else boards,
        variant,  # type: ignore[arg-type]
        today=TODAY,
        citations=make_citations(),
    )
    return render_complaint_pdf(document)


def maya_with_file() -> Answers:
    answers = make_maya()
    item = answers.evidence[0]
    item.files = [EvidenceFile("0" * 32, filename="texts.png", size=2_048, sha256="3f" * 32)]
    return answers


# -- content -----------------------------------------------------------------------------------


def test_pdf_has_every_section_and_the_board_name_and_address() -> None:
    text = pdf_text(render(maya_with_file()))
    for title in (
        "Cover letter",
        "Complaint statement",
        "Standards that may be relevant",
        "Exhibit index",
        "Declaration and signature",
    ):
        assert title in text
    assert "How to file" not in text  # the person's guide is its own download
    assert "California Board of Psychology" in text
    assert "1625 North Market Blvd., Suite N-215" in text
    assert "Sacramento, CA 95834" in text


def test_every_timeline_event_is_in_the_pdf() -> None:
    answers = make_maya()
    text = squash(pdf_text(render(answers)))
    for event in answers.timeline:
        assert squash(event.what) in text
        assert squash(event.when.describe()) in text


def test_every_exhibit_hash_is_in_the_pdf() -> None:
    answers = maya_with_file()
    answers.evidence[2].files = [EvidenceFile("1" * 32, filename="card.jpg", sha256="c4" * 32)]
    sent = {
        "0" * 32: SentFile("Exhibit 01.png", "3f" * 32, 2_048, ""),
        "1" * 32: SentFile("Exhibit 03.jpg", "c4" * 32, 10, ""),
    }
    text = squash(
        pdf_text(
            render_complaint_pdf(
                build_complaint(
                    answers,
                    [make_board()],
                    "board",
                    today=TODAY,
                    citations=make_citations(),
                    sent=sent,
                )
            )
        )
    )
    assert ("3f" * 32) in text
    assert ("c4" * 32) in text


def test_greek_cyrillic_and_accented_names_render_as_text() -> None:
    answers = make_maya()
    answers.set("professional", "name", "Σωκράτης Παπαδόπουλος / Дмитрий Иванов / Łukasz Ñúñez")
    text = pdf_text(render(answers))
    for word in ("Σωκράτης", "Παπαδόπουλος", "Дмитрий", "Иванов", "Łukasz", "Ñúñez"):
        assert word in text


def test_priya_long_mixed_account_with_emoji_renders() -> None:
    pdf = render(make_priya())
    text = squash(pdf_text(pdf))
    assert squash("No recuerdo la fecha exacta; él se llamaba Σωκράτης, creo.") in text
    # The emoji no font draws is written as its name, so its meaning stays on paper.
    assert squash("[cloud with rain]") in text
    assert REPLACEMENT not in text


@pytest.mark.parametrize("variant", VARIANTS)
def test_running_header_and_page_x_of_y_on_every_page(variant: str) -> None:
    reader = PdfReader(BytesIO(render(make_maya(), variant)))
    total = len(reader.pages)
    mark = str(RUNNING_HEADERS[variant])  # type: ignore[index]
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert mark in text
        assert f"page {number} of {total}" in text


def test_thousand_event_timeline_paginates_and_keeps_every_event() -> None:
    answers = make_maya()
    answers.timeline = [
        TimelineEvent(f"t{i}", ApproxDate.of_year(2000 + i % 20), f"Event number {i:04d}")
        for i in range(1_000)
    ]
    reader = PdfReader(BytesIO(render(answers)))
    total = len(reader.pages)
    assert total > 20
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert f"page {total} of {total}" in text
    for i in range(1_000):
        assert f"Event number {i:04d}" in text


@pytest.mark.slow
def test_one_megabyte_account_paginates_and_loses_no_words() -> None:
    answers = make_maya()
    line = "the same words again and again " * 8
    account = "\n".join(f"{n:05d} {line}" for n in range(4_000))
    assert len(account) >= 1_000_000
    answers.set("your-account", "account", account)
    reader = PdfReader(BytesIO(render(answers)))
    assert len(reader.pages) > 100
    text = "\n".join(page.extract_text() for page in reader.pages)
    for n in (0, 1_234, 3_999):
        assert f"{n:05d}" in text


def test_a_single_enormous_word_and_cell_still_render() -> None:
    answers = make_maya()
    answers.set("your-account", "account", "x" * 200_000)
    answers.timeline.append(TimelineEvent("long", ApproxDate(), "y" * 50_000, "z\n" * 2_000))
    assert render(answers).startswith(b"%PDF-")


# -- hostile text ----------------------------------------------------------------------------


def test_hostile_text_renders_literally() -> None:
    text = squash(pdf_text(render(hostile_answers())))
    for fragment in HOSTILE_FRAGMENTS:
        assert squash(fragment) in text


def test_hostile_text_opens_no_file_and_no_url(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = hostile_answers()
    render(make_maya())  # fonts are loaded once per process; load them before watching
    opened: list[str] = []

    def refuse(name: str) -> Any:
        def blocked(*args: Any, **kwargs: Any) -> Any:
            opened.append(f"{name}: {args[:1]!r}")
            raise AssertionError(f"{name} called during rendering")

        return blocked

    monkeypatch.setattr(builtins, "open", refuse("open"))
    monkeypatch.setattr(urllib.request, "urlopen", refuse("urlopen"))
    monkeypatch.setattr(reportlab.lib.utils, "open_for_read", refuse("open_for_read"))
    monkeypatch.setattr(reportlab.lib.utils, "rlUrlRead", refuse("rlUrlRead"))
    monkeypatch.setattr(os, "open", refuse("os.open"))
    pdf = render(answers)
    assert opened == []
    assert pdf.startswith(b"%PDF-")


def test_control_characters_are_replaced_only_in_the_drawing() -> None:
    answers = hostile_answers()
    before = answers.text("your-account", "account")
    text = pdf_text(render(answers))
    assert f"nul{REPLACEMENT} bell{REPLACEMENT}" in text
    assert "\x00" not in text and "\x1b" not in text
    assert answers.text("your-account", "account") == before


def test_right_to_left_text_is_kept() -> None:
    text = pdf_text(render(hostile_answers()))
    # Drawn in stored (logical) order; an extractor may hand it back in either direction.
    for word in ("שלום", "עולם", "مرحبا"):
        assert word in text or word[::-1] in text


# -- privacy ---------------------------------------------------------------------------------


def test_advocate_copy_has_no_trace_of_the_complainant_name() -> None:
    answers = make_maya()
    answers.set("your-account", "account", "I, Maya Delgado-Reyes, wrote this.")
    pdf = render(answers, "advocate")
    streams = b"\n".join(inflated_streams(pdf))
    assert streams  # the check below must have looked inside the compressed streams
    metadata: Mapping[str, object] = PdfReader(BytesIO(pdf)).metadata or {}
    for secret in ("Maya", "Delgado", "Reyes", "maya.example@example.org"):
        assert secret not in pdf_text(pdf)
        for encoding in ("utf-8", "utf-16-be", "latin-1"):
            needle = secret.encode(encoding, errors="ignore")
            assert needle not in pdf
            assert needle not in streams
        assert all(secret not in str(value) for value in metadata.values())


def test_board_copy_does_carry_the_name() -> None:
    """The counterpart of the advocate check: the same search does find a name when present."""
    assert "Maya Delgado-Reyes" in pdf_text(render(make_maya(), "board"))


def test_metadata_is_empty_and_names_no_user_host_or_path() -> None:
    pdf = render(make_maya())
    metadata: Mapping[str, object] = PdfReader(BytesIO(pdf)).metadata or {}
    for key in ("/Author", "/Creator", "/Producer", "/Title", "/Subject", "/Keywords"):
        assert str(metadata.get(key, "")) == ""
    for leak in (os.uname().nodename, str(Path.home()), str(PACKAGE), "ReportLab", "reportlab"):
        assert leak.encode() not in pdf
        assert all(leak.encode() not in stream for stream in inflated_streams(pdf))


@pytest.mark.parametrize("story", sorted(STORIES))
def test_two_renders_of_the_same_case_are_byte_identical(story: str) -> None:
    assert render(STORIES[story]()) == render(STORIES[story]())


@pytest.mark.parametrize("variant", VARIANTS)
def test_qpdf_check_passes(variant: str, tmp_path: Path) -> None:
    qpdf = qpdf_path()
    if qpdf is None:
        if os.environ.get("CI") == "true":
            pytest.fail("qpdf is required under CI")
        pytest.skip("qpdf is not installed")
    for number, answers in enumerate((maya_with_file(), make_priya(), hostile_answers())):
        path = tmp_path / f"{number}.pdf"
        path.write_bytes(render(answers, variant))
        result = subprocess.run(
            [qpdf, "--check", str(path)],
            capture_output=True,
            check=False,
            timeout=HANG_GUARD_SECONDS,
        )
        assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
        assert b"No syntax or stream encoding errors" in result.stdout


def test_readme_sample_renders_from_the_shipped_directory() -> None:
    from tests.documents.sample import sample_pdf

    text = pdf_text(sample_pdf())
    assert "Maya Delgado-Reyes" in text
    assert "Board of Psychology" in text
