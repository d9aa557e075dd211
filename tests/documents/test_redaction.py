"""Redaction by roles, not by words (issue #13), read back as an adversary reads a PDF.

The property: whatever the person typed into any free-text answer or any text field of a list item
— names and phone numbers of themselves and of the people they listed, in any form — none of it
reaches the advocate copy or the anonymous draft (pdftotext and the raw, inflated streams), while
an ordinary word that was also typed into a name field ("son") still prints in ordinary sentences.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaint_helper.documents.complaint import build_complaint
from complaint_helper.documents.docx import render_docx
from complaint_helper.documents.pdf import render_complaint_pdf
from complaint_helper.documents.redaction import PERSON_ROLES, AnswerReader, Redactor
from complaint_helper.interview import steps
from complaint_helper.interview.model import Answers, PersonWhoKnows
from tests.documents.conftest import (
    TODAY,
    docx_paragraphs,
    inflated_streams,
    make_board,
    make_citations,
)
from tests.stories import STORIES

YOU = {
    "name": "Dana Okafor-Lindqvist",
    "email": "dana.ol@example.org",
    "phone": "(305) 555-0142",
    "address": "4410 W Palmira Ave\r\nTampa, FL 33629",
}
PEOPLE = [
    PersonWhoKnows("px1", "Tomás Okafor", "other", "2021", "He drove me home", "404-555-0199"),
    # A lower-case word typed into a name field, as people do: the control word.
    PersonWhoKnows("px2", "son", "witness", "", "", "tomas@example.net"),
    PersonWhoKnows("px3", "Bea Hollis", "told_at_time", "", "", "+1 813 555 0177"),
]
CONTROL = "son"
NAMES = ["Dana", "Okafor", "Lindqvist", "Okafor-Lindqvist", "Tomás", "Bea", "Hollis"]
PHONES = ["3055550142", "4045550199", "8135550177", "5550142", "5550199", "5550177"]
EMAILS = ["dana.ol@example.org", "tomas@example.net"]


def phone_forms(digits: str) -> list[str]:
    area, mid, end = digits[:3], digits[3:6], digits[6:]
    return [
        f"({area}) {mid}-{end}",
        f"{area}-{mid}-{end}",
        f"{area}.{mid}.{end}",
        digits,
        f"+1 {area} {mid} {end}",
        f"{mid}-{end}",
    ]


SECRETS = st.sampled_from(
    [
        *NAMES,
        *(name.upper() for name in NAMES),
        *(name.lower() for name in NAMES),
        "Dana's",
        "Bea Hollis",
        "Tomás Okafor",
        YOU["name"],
        *EMAILS,
        "4410 W Palmira Ave",
        *(form for digits in PHONES[:3] for form in phone_forms(digits)),
    ]
)
FILLER = st.sampled_from(
    [
        "I",
        "told",
        "about",
        "it",
        "in",
        "March",
        "and",
        "then",
        "we",
        "met",
        "at",
        "the",
        "office",
        "called",
        "texted",
        "said",
    ]
)
SENTENCE = st.lists(st.one_of(SECRETS, FILLER), min_size=1, max_size=12).map(" ".join)


def text_questions() -> list[tuple[str, str]]:
    return [
        (step.slug, question.name)
        for step in steps.STEPS
        for question in step.questions
        if question.kind in ("text", "textarea")
        and (step.slug, question.name) != ("professional", "name")
    ]


def fill(answers: Answers, draw: Callable[..., Any]) -> Answers:
    for key, value in YOU.items():
        answers.set("about-you", key, value)
    answers.people = [*answers.people, *(dataclasses.replace(p) for p in PEOPLE)]
    for slug, question in text_questions():
        if slug != "about-you":
            answers.set(slug, question, draw(SENTENCE))
    items: list[Any] = [*answers.timeline, *answers.evidence, *answers.people]
    for item in items:
        for each in dataclasses.fields(item):
            if isinstance(getattr(item, each.name), str) and each.name not in (
                "event_id",
                "evidence_id",
                "person_id",
                "relation",
                "kind",
                "name",
                "contact",
            ):
                setattr(item, each.name, draw(SENTENCE))
    answers.set("your-account", "account", draw(SENTENCE) + f"\n\nMy {CONTROL} drove me home.")
    return answers


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "copy.pdf"
    source.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(source), "-"], capture_output=True, check=True, text=True
    ).stdout


def assert_no_secret(text: str, where: str) -> None:
    words = " ".join(text.split())
    for name in NAMES:
        assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", words, re.IGNORECASE), (
            f"{name!r} in the {where}"
        )
    digits = re.sub(r"\D", "", words)
    for phone in PHONES:
        assert phone not in digits, f"{phone} in the {where}"
    for email in (*EMAILS, "Palmira"):
        assert email.lower() not in words.lower(), f"{email} in the {where}"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("file_format", ["pdf", "docx"])
@pytest.mark.parametrize("variant", ["advocate", "anonymous"])
@pytest.mark.parametrize("story", sorted(STORIES))
def test_no_name_or_phone_typed_anywhere_reaches_a_redacted_copy(
    story: str, variant: str, file_format: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The same checks for the PDF (pdftotext, raw and inflated streams) and the Word file (its
    paragraphs read back with python-docx, and every part of the package as bytes)."""

    @settings(
        max_examples=4,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.data())
    def check(data: st.DataObject) -> None:
        make = STORIES[story]
        answers = fill(make(words=200) if story == "priya" else make(), data.draw)
        document = build_complaint(
            answers,
            [make_board()],
            variant,  # type: ignore[arg-type]
            today=TODAY,
            citations=make_citations(),
        )
        assert_no_secret(document.plain_text(), "document model")
        if file_format == "docx":
            word = render_docx(document)
            text = "\n".join(docx_paragraphs(word))
            assert_no_secret(text, "Word file's text")
            with zipfile.ZipFile(BytesIO(word)) as package:
                raw = b"".join(package.read(name) for name in package.namelist())
            # Every part's text (markup set aside: its numbers are sizes, not phone digits).
            assert_no_secret(re.sub(r"<[^>]+>", " ", raw.decode()), "Word file's parts")
        else:
            pdf = render_complaint_pdf(document)
            text = pdftotext(pdf, tmp_path_factory.mktemp("pdf"))
            assert_no_secret(text, "pdftotext output")
            raw = pdf + b"".join(inflated_streams(pdf))
        # Names long enough that binary font data cannot hold them by chance.
        for secret in (*(name for name in NAMES if len(name) >= 5), *EMAILS, "Palmira"):
            for encoding in ("utf-8", "utf-16-be", "latin-1"):
                assert secret.encode(encoding, errors="ignore") not in raw
        # The control word typed into a name field still prints in an ordinary sentence, and
        # each person is named by who they are.
        assert f"My {CONTROL} drove me home." in " ".join(text.split())
        assert f"(called [{PERSON_ROLES['told_at_time']}" in document.plain_text()

    check()


def test_a_word_in_a_name_field_is_withheld_only_where_written_as_a_name() -> None:
    redact = Redactor()
    redact.add_name("grief group leader", "[someone who knows]")
    assert redact("My doctor suggested grief counselling.") == (
        "My doctor suggested grief counselling."
    )
    assert redact("Leader of the group") == "[someone who knows] of the group"


def test_line_breaks_of_every_kind_are_normalised_in_every_variant() -> None:
    answers = Answers()
    answers.set("professional", "practice_address", "4410 W Palmira Ave\rTampa\r\nFL\u2028USA")
    for variant in ("board", "advocate", "anonymous"):
        reader = AnswerReader(answers, variant)
        address = reader.text("professional", "practice_address")
        assert address == "4410 W Palmira Ave\nTampa\nFL\nUSA"


def test_a_field_added_to_a_list_item_later_is_redacted_too() -> None:
    """The reader copies list items over dataclasses.fields: no field is missed by hand."""
    answers = Answers()
    answers.set("about-you", "name", "Dana Okafor")
    answers.people = [PersonWhoKnows("p1", "Bea", "witness", "Dana told me", "Dana", "")]
    (person,) = AnswerReader(answers, "anonymous").people()
    values = [getattr(person, each.name) for each in dataclasses.fields(person)]
    assert not any("Dana" in value for value in values if isinstance(value, str))
