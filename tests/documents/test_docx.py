"""Every document of the kind table, for every story, as PDF and as Word, read back as an
adversary reads a file that leaves the computer (issue #17).

For every story × every kind × every version it offers: both files build; the Word file read back
with python-docx holds the same words in the same order as the PDF's text (whitespace, page
headers and footers, bullets and right-to-left runs set aside: the PDF draws those in its own
way); its package names no one and nothing (core and app properties empty, no dates, no template
leftovers), holds no macro and no relationship to anything outside it; the page header carries the
variant mark and the footer counts pages with fields. New rows of the kind table (the letters) are
covered without a line here. Each story's answers are built once for the module.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from complaint_helper.documents.docx import render_docx
from complaint_helper.documents.downloads import DOWNLOADS, build_download
from complaint_helper.documents.model import REPLACEMENT, Document
from complaint_helper.documents.pdf import drawn_text, render_complaint_pdf
from complaint_helper.interview.model import Answers
from tests.conftest import HANG_GUARD_SECONDS
from tests.documents.conftest import (
    CONTROLS,
    HOSTILE_FRAGMENTS,
    RTL,
    TODAY,
    docx_paragraphs,
    hostile_answers,
    squash,
)
from tests.stories import STORIES

PACKAGE = Path(__file__).resolve().parents[2] / "complaint_helper"


# The police summary is offered only where the state's law file records the crime, which none of
# the four stories' states does: Maya's story told in such a state reads it back too.
CRIME_STATE = "WI"
CRIME_STORY = "maya-in-wisconsin"


@cache
def answers_of(story: str) -> Answers:
    """Each story's answers, built once for the module (the builders never change them). The
    hostile text sits in the crime state, so every kind of document prints it."""
    if story in ("hostile", CRIME_STORY):
        answers = hostile_answers() if story == "hostile" else STORIES["maya"]()
        answers.set("therapy", "state", CRIME_STATE)
        return answers
    return STORIES[story]()


# Only the documents that apply to each story (a letter that does not apply is not offered, so
# there is nothing to read back): a parameter that could only skip would be a test that cannot fail.
CASES = [
    pytest.param(
        story, download.kind, version.variant, id=f"{story}-{download.kind}-{version.variant}"
    )
    for story in [*sorted(STORIES), CRIME_STORY, "hostile"]
    for download in DOWNLOADS
    if download.applies(answers_of(story))
    for version in download.versions
]


def test_every_kind_is_read_back_for_at_least_one_story() -> None:
    covered = {case.values[1] for case in CASES}
    assert covered == {download.kind for download in DOWNLOADS}


@dataclass(frozen=True)
class Rendered:
    document: Document
    pdf: bytes
    word: bytes


@cache
def rendered(story: str, kind: str, variant: str) -> Rendered:
    answers = answers_of(story)
    document = build_download(kind, answers, TODAY, variant=variant)  # type: ignore[arg-type]
    return Rendered(document, render_complaint_pdf(document), render_docx(document))


def parts(word: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(word)) as package:
        return {name: package.read(name) for name in package.namelist()}


# -- the same words in both files ------------------------------------------------------------


def _without_right_to_left(text: str) -> str:
    # pypdf hands right-to-left runs back reversed; they are checked on their own below.
    return "".join(
        char for char in text if unicodedata.bidirectional(char) not in ("R", "AL", "AN")
    )


def pdf_body_words(pdf: bytes, running_header: str) -> str:
    """The PDF's text without its page headers, page footers and bullet marks, squashed."""
    pages = []
    for page in PdfReader(BytesIO(pdf)).pages:
        text = page.extract_text().rstrip()
        text = re.sub(r"\S+ \d+ \S+ \d+$", "", text).rstrip()  # "page 2 of 5", any language
        assert text.endswith(running_header), text[-200:]
        pages.append(text[: -len(running_header)])
    return _without_right_to_left(squash("".join(pages)).replace("•", ""))


def word_body_words(word: bytes) -> str:
    """The Word file's body as the PDF draws it (emoji by name, fonts' gaps as U+FFFD), squashed."""
    return _without_right_to_left(squash(drawn_text("".join(docx_paragraphs(word)))))


@pytest.mark.parametrize(("story", "kind", "variant"), CASES)
def test_word_holds_the_same_words_as_the_pdf(story: str, kind: str, variant: str) -> None:
    made = rendered(story, kind, variant)
    assert made.pdf.startswith(b"%PDF-")
    in_pdf = pdf_body_words(made.pdf, made.document.running_header)
    in_word = word_body_words(made.word)
    assert in_word, "the Word file is empty"
    if in_word != in_pdf:
        at = next(
            (i for i, (a, b) in enumerate(zip(in_pdf, in_word, strict=False)) if a != b),
            min(len(in_pdf), len(in_word)),
        )
        pytest.fail(
            f"first difference at {at}:\nPDF:  {in_pdf[at - 60 : at + 60]!r}\n"
            f"Word: {in_word[at - 60 : at + 60]!r}"
        )


@pytest.mark.parametrize(("story", "kind", "variant"), CASES)
def test_word_package_is_neutral_closed_and_marked(story: str, kind: str, variant: str) -> None:
    made = rendered(story, kind, variant)
    files = parts(made.word)
    # No macros: the main part is a plain document (not .docm) and no VBA part exists.
    types = files["[Content_Types].xml"].decode()
    assert "wordprocessingml.document.main+xml" in types
    assert "macroEnabled" not in types and "vbaProject" not in types
    assert not [name for name in files if "vba" in name.lower() or name.endswith(".bin")]
    # No relationship reaches outside the package, and none is a link the text could have made.
    for name, data in files.items():
        if name.endswith(".rels"):
            assert b"External" not in data, name
            assert b"/hyperlink" not in data and b"attachedTemplate" not in data, name
    document_xml = files["word/document.xml"].decode()
    # The person's text never becomes a field or a link.
    assert "<w:hyperlink" not in document_xml and "<w:fldSimple" not in document_xml
    assert "<w:instrText" not in document_xml
    # Neutral properties: nothing but empty elements and the revision number.
    core = re.sub(r"<[^>]+>", "", files["docProps/core.xml"].decode().split("?>", 1)[1]).strip()
    app = re.sub(r"<[^>]+>", "", files["docProps/app.xml"].decode().split("?>", 1)[1]).strip()
    assert core == "1", core
    assert app in ("0falsefalsefalse",), app
    assert "docProps/thumbnail.jpeg" not in files and not any(
        name.startswith("customXml/") for name in files
    )
    with zipfile.ZipFile(BytesIO(made.word)) as package:
        assert {entry.date_time for entry in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    everything = b"".join(files.values())
    for leak in ("python-docx", os.uname().nodename, str(Path.home()), str(PACKAGE)):
        # A host name as short as "vm" is part of XML's own words ("vml"): looked for as a word.
        assert not re.search(
            rb"(?<![\w:])" + re.escape(leak.encode()) + rb"(?![\w:])", everything
        ), leak
    # The variant mark on every page, the page count as fields.
    read = docx.Document(BytesIO(made.word))
    assert read.sections[0].header.paragraphs[0].text == made.document.running_header
    footer = next(data for name, data in files.items() if name.startswith("word/footer"))
    assert b" PAGE " in footer and b" NUMPAGES " in footer
    props = read.core_properties
    for value in (props.author, props.last_modified_by, props.title, props.subject):
        assert value == ""
    assert props.created is None and props.modified is None


@pytest.mark.parametrize(("story", "kind", "variant"), CASES)
def test_no_metadata_and_no_part_of_a_redacted_copy_names_the_person(
    story: str, kind: str, variant: str
) -> None:
    made = rendered(story, kind, variant)
    answers = answers_of(story)
    name = answers.text("about-you", "name")
    phone = answers.text("about-you", "phone")
    files = parts(made.word)
    secrets = [secret for secret in (name, phone) if secret]
    for secret in secrets:
        for meta in ("docProps/core.xml", "docProps/app.xml"):
            assert secret.encode() not in files[meta]
    if variant == "board" or not secrets:
        return
    given_name = name.split()[0] if name else ""
    for part_name, data in files.items():
        for secret in (*secrets, given_name):
            if secret:
                assert secret.encode() not in data, (secret, part_name)
        digits = re.sub(rb"\D", b"", re.sub(rb"<[^>]+>", b"", data))  # in the text, not markup
        if phone:
            assert re.sub(r"\D", "", phone).encode() not in digits, part_name


def test_the_name_check_finds_a_name_where_one_is_printed() -> None:
    """The counterpart: the same search does find the name in the board draft's parts."""
    made = rendered("maya", "board", "board")
    assert b"Maya Delgado-Reyes" in parts(made.word)["word/document.xml"]


# -- hostile text ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted({download.kind for download in DOWNLOADS}))
def test_hostile_text_prints_literally_in_word(kind: str) -> None:
    made = rendered("hostile", kind, "board")
    text = "\n".join(docx_paragraphs(made.word))
    in_pdf = pdf_body_words(made.pdf, made.document.running_header)
    for fragment in HOSTILE_FRAGMENTS:
        # Wherever the PDF prints the fragment, the Word file prints it as typed.
        if squash(fragment) in in_pdf:
            assert fragment in text, fragment
    if squash("nul") in in_pdf and "bell" in text:
        assert f"nul{REPLACEMENT} bell{REPLACEMENT}" in text
    for control in set(CONTROLS) - set("nul bel esc del c1 end"):
        assert control not in text
    for word in RTL.split():
        if word in text:
            assert RTL in text  # kept whole, in the order it was typed


def test_hostile_text_is_in_the_board_draft_at_all() -> None:
    """The literal check above would prove nothing if no hostile text reached a document."""
    text = "\n".join(docx_paragraphs(rendered("hostile", "board", "board").word))
    for fragment in HOSTILE_FRAGMENTS:
        assert fragment in text
    assert RTL in text
    assert f"nul{REPLACEMENT} bell{REPLACEMENT}" in text


def test_two_renders_of_the_same_document_are_byte_identical() -> None:
    document = rendered("maya", "board", "advocate").document
    assert render_docx(document) == render_docx(document)


def printed_by_an_office_suite(word: bytes, folder: Path) -> list[str]:
    """The Word file opened by LibreOffice and printed to PDF, as a person's word processor
    would; the text of each page. CI installs LibreOffice (.ci/run), so it never skips there."""
    if shutil.which("soffice") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required under CI")
        pytest.skip("needs LibreOffice (soffice)")
    source = folder / "copy.docx"
    source.write_bytes(word)
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=HANG_GUARD_SECONDS,
    )
    pages = PdfReader(BytesIO((folder / "copy.pdf").read_bytes())).pages
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in pages]


@pytest.mark.slow
@pytest.mark.parametrize(("story", "variant"), [("maya", "board"), ("maya", "advocate")])
def test_an_office_suite_opens_the_word_file_and_prints_the_same_words(
    story: str, variant: str, tmp_path: Path
) -> None:
    """The same words as ours, the variant mark and "page X of Y" filled in on every page."""
    made = rendered(story, "board", variant)
    texts = printed_by_an_office_suite(made.word, tmp_path)
    for number, text in enumerate(texts, start=1):
        assert made.document.running_header in text
        assert f"page {number} of {len(texts)}" in text
    header = squash(made.document.running_header)
    # Bullets: "•", or a private-use character of the Symbol font (ours never print one).
    printed = "".join(char for char in squash("".join(texts)) if unicodedata.category(char) != "Co")
    printed = re.sub(r"page\d+of\d+", "", printed.replace("•", "").replace(header, ""))
    assert printed == unicodedata.normalize("NFKC", word_body_words(made.word))


@pytest.mark.slow
def test_an_office_suite_prints_hostile_text_literally(tmp_path: Path) -> None:
    printed = squash(
        "".join(printed_by_an_office_suite(rendered("hostile", "board", "board").word, tmp_path))
    )
    for fragment in HOSTILE_FRAGMENTS:
        assert squash(fragment) in printed, fragment
