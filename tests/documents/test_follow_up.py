"""Letters for after sending (documents.follow_up): every letter carries the board's reference
number and the date sent and renders to a PDF; the filing history joins the documents that hold
the whole record, and the copies that withhold the person withhold its numbers and people too."""

from __future__ import annotations

from datetime import date

import pytest

from complaint_helper.documents.follow_up import (
    FOLLOW_UPS,
    build_follow_up,
    filing_history_section,
    with_filing_history,
)
from complaint_helper.documents.model import Document, Section
from complaint_helper.documents.pdf import render_complaint_pdf
from complaint_helper.documents.redaction import WITHHELD, AnswerReader
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.filing import Filing, FilingEntry, FilingHistory
from tests.documents.conftest import pdf_text, squash
from tests.stories import make_maya

TODAY = date(2027, 6, 1)
PLACE = Filing(
    "p1", place="State Board of Psychology", sent_on=ApproxDate.exact(2027, 2, 3),
    sent_how="mail", tracking="9400-TRACK-77", reference="BOP-2027-0457",
    contact_name="Ana Ruiz-Delgado", contact_phone="916 555 0100", contact_email="ar@example.org",
)  # fmt: skip


@pytest.mark.parametrize("letter", FOLLOW_UPS, ids=[letter.kind for letter in FOLLOW_UPS])
def test_each_letter_carries_the_reference_and_the_date_sent(letter: object) -> None:
    kind = letter.kind  # type: ignore[attr-defined]
    document = build_follow_up(kind, make_maya(), PLACE, None, today=TODAY)
    text = squash(pdf_text(render_complaint_pdf(document)))
    assert squash("BOP-2027-0457") in text
    assert squash("3 February 2027") in text and "Ana" in text
    name = make_maya().text("about-you", "name")
    assert not name or squash(name) in text  # the board letter names the person who writes


def history_for(answers_name: str) -> FilingHistory:
    entry = FilingEntry(
        "e1", "p1", when=ApproxDate.of_month(2027, 4), what=f"Call: {answers_name} to send records",
        reply_within=30,
    )  # fmt: skip
    return FilingHistory(filings=[PLACE], entries=[entry])


def test_the_filing_history_in_full_for_the_person_and_withheld_in_the_other_copies() -> None:
    answers = make_maya()
    name = answers.text("about-you", "name") or "Maya"
    history = history_for(name)
    names = {"p1": "State Board of Psychology"}
    full = filing_history_section(history, names, AnswerReader(answers, "board"))
    assert full is not None
    text = Document("board", (full,)).plain_text()
    for fact in ("BOP-2027-0457", "9400-TRACK-77", "Ana Ruiz-Delgado", "April 2027", "1 May 2027"):
        assert fact in text, fact
    for variant in ("advocate", "anonymous"):
        section = filing_history_section(history, names, AnswerReader(answers, variant))
        assert section is not None
        text = Document(variant, (section,)).plain_text()
        for fact in ("BOP-2027-0457", "9400-TRACK-77", "Ana", "916 555", "ar@example.org"):
            assert fact not in text, (variant, fact)
        assert str(WITHHELD) in text and "State Board of Psychology" in text
        if answers.text("about-you", "name"):
            assert name not in text, variant


def test_the_history_is_added_as_the_last_section_only_when_there_is_one() -> None:
    answers = make_maya()
    document = Document("board", (Section("intro", "Intro", ()),))
    assert with_filing_history(document, answers, FilingHistory(), {}) is document
    added = with_filing_history(document, answers, history_for("x"), {"p1": "Board"})
    assert [s.key for s in added.sections] == ["intro", "filing-history"]
