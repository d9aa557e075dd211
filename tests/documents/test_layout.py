"""Layout a board will see (issue #13): every story × variant × with and without each optional
part renders with no near-blank page, no U+FFFD, and nothing meant for the person alone.

Pages are read back with poppler's pdftotext, as a person's PDF reader would show them.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from complaint_helper.documents.complaint import build_complaint
from complaint_helper.documents.filing_guide import build_filing_guide
from complaint_helper.documents.model import VARIANTS, Document
from complaint_helper.documents.pdf import REPLACEMENT, render_complaint_pdf
from complaint_helper.documents.your_answers import build_your_answers
from complaint_helper.interview.model import Answers
from tests.documents.conftest import TODAY, make_board, make_citations
from tests.stories import STORIES

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

FOOTER_PREFIX = "page "


def page_lines(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    """The text lines of each page, without the running header and the page number."""
    source = tmp_path / "document.pdf"
    source.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], capture_output=True, check=True, text=True
    ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    out = []
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        out.append(lines[1:-1] if len(lines) >= 2 else [])  # header first, page number last
    return out


def without_optional_parts(answers: Answers) -> Answers:
    answers.timeline = []
    answers.evidence = []
    answers.people = []
    for step, question in (
        ("impact", "impact"),
        ("what-you-want", "requested"),
        ("what-happened", "something_else"),
    ):
        answers.values.get(step, {}).pop(question, None)
    return answers


TEXAS = make_board(id="tx-medical", state="TX", state_name="Texas", name="Texas Medical Board")


def shapes() -> Iterator[tuple[str, Any, list[Any], tuple[Any, ...]]]:
    """(name, answers factory, boards, citations): with and without every optional part."""
    for story, make in sorted(STORIES.items()):
        yield f"{story}-full", make, [make_board()], make_citations()
        yield (f"{story}-bare", lambda make=make: without_optional_parts(make()), [], ())
        yield f"{story}-two-boards-unchecked", make, [make_board(), TEXAS], make_citations()[1:]


SHAPES = list(shapes())


def documents() -> Iterator[tuple[str, str, Document]]:
    for name, make, boards, citations in SHAPES:
        for variant in VARIANTS:
            yield (
                name,
                variant,
                build_complaint(make(), boards, variant, today=TODAY, citations=citations),
            )
            if variant != "advocate":
                yield (
                    name,
                    f"guide-{variant}",
                    build_filing_guide(make(), boards, variant, today=TODAY, citations=citations),
                )
        yield name, "your-answers", build_your_answers(make(), TODAY)


@pytest.mark.parametrize(
    ("name", "variant", "document"),
    list(documents()),
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_no_near_blank_page_no_replacement_character_nothing_for_the_person_alone(
    name: str, variant: str, document: Document, tmp_path: Path
) -> None:
    pdf = render_complaint_pdf(document)
    pages = page_lines(pdf, tmp_path)
    assert pages
    for number, lines in enumerate(pages[:-1], start=1):
        assert len(lines) >= 3, f"page {number} of {len(pages)} holds only {lines!r}"
    text = "\n".join(line for lines in pages for line in lines)
    assert REPLACEMENT not in text
    if variant in VARIANTS:  # a document a board may see
        assert "Not yet checked" not in text
        assert "do not send" not in text.lower()
        assert "How to file" not in text


@pytest.mark.parametrize("words", range(40, 1_000, 60))
def test_signature_lines_and_headings_never_start_a_page_alone(words: int, tmp_path: Path) -> None:
    """Accounts of many lengths move every page break through the letter's last parts."""
    answers = STORIES["maya"]()
    answers.set("your-account", "account", " ".join(["word"] * words * 3))
    document = build_complaint(
        answers, [make_board()], "board", today=TODAY, citations=make_citations()
    )
    pages = page_lines(render_complaint_pdf(document), tmp_path)
    for number, lines in enumerate(pages[:-1], start=1):
        assert len(lines) >= 3, f"page {number} of {len(pages)} holds only {lines!r}"
    assert len(pages[-1]) >= 3, f"the last page holds only {pages[-1]!r}"
