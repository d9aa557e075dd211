"""Text in any script in narrow table cells (issue #20): Chinese, Japanese and Korean wrap inside
a cell, rows taller than a page split, and CJK prints with a fallback font where the computer has
one (Debian: fonts-droid-fallback, installed by .ci/run). Where none is found the documents page
warns before the document is made (`missing_glyphs`)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaint_helper.documents.complaint import build_complaint
from complaint_helper.documents.filing_guide import build_filing_guide
from complaint_helper.documents.model import VARIANTS, Variant
from complaint_helper.documents.pdf import (
    REPLACEMENT,
    has_fallback_font,
    missing_glyphs,
    render_complaint_pdf,
)
from complaint_helper.interview import steps
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import Answers, EvidenceItem, PersonWhoKnows, TimelineEvent
from tests.documents.conftest import TODAY, make_board, make_citations, pdf_text, squash
from tests.stories import make_maya

HAN = "我在治疗期间受到了伤害这件事情不是我的错"
KANA = "わたしはセラピストにきずつけられました"
HANGUL = "치료사가나에게상처를주었습니다"


def every_field(text: str) -> Answers:
    """Every free-text answer, and every text cell of every list, holding `text`."""
    answers = make_maya()
    for step in steps.STEPS:
        for question in step.questions:
            if question.kind in ("text", "textarea"):
                answers.set(step.slug, question.name, text)
    answers.timeline = [
        TimelineEvent(f"t{i}", ApproxDate.of_year(2021), text, text, text) for i in range(3)
    ]
    answers.evidence = [EvidenceItem("e1", "messages", text, ApproxDate(), text)]
    answers.people = [PersonWhoKnows("p1", text, "witness", text, text, text)]
    return answers


@pytest.mark.parametrize("variant", VARIANTS)
def test_five_hundred_cjk_characters_in_a_timeline_cell_render(variant: Variant) -> None:
    """Before: ~500 CJK characters (or ~600 wide glyphs without spaces) in a narrow timeline cell
    made every draft fail with reportlab's LayoutError."""
    answers = make_maya()
    cell = (HAN * 30)[:500]
    answers.timeline.append(TimelineEvent("t-cjk", ApproxDate.of_year(2022), "x", cell, cell))
    answers.timeline.append(
        TimelineEvent("t-wide", ApproxDate.of_year(2022), "y", "Ｗ" * 600, "Ｗ" * 600)
    )
    pdf = render_complaint_pdf(
        build_complaint(answers, [make_board()], variant, today=TODAY, citations=make_citations())
    )
    if has_fallback_font():
        text = squash(pdf_text(pdf))
        assert REPLACEMENT not in text
        assert text.count("我在治疗") >= 2 * 25  # every piece of both cells is on paper


@pytest.mark.skipif(not has_fallback_font(), reason="no CJK font on this computer")
def test_chinese_japanese_and_korean_print_with_the_fallback_font() -> None:
    answers = make_maya()
    answers.set("your-account", "account", f"{HAN}\n\n{KANA}\n\n{HANGUL}")
    document = build_complaint(
        answers, [make_board()], "board", today=TODAY, citations=make_citations()
    )
    text = squash(pdf_text(render_complaint_pdf(document)))
    for words in (HAN, KANA, HANGUL):
        assert (words in text) == (not missing_glyphs(words))
    assert HAN in text and KANA in text  # the fallback font covers Chinese and Japanese
    if not missing_glyphs(HANGUL):
        assert REPLACEMENT not in text


def test_text_no_font_draws_is_reported_before_the_document_is_made() -> None:
    assert missing_glyphs("\U00013000 hieroglyph")  # Egyptian: no bundled or fallback font
    assert not missing_glyphs("Plain words, Ελληνικά, кириллица")


@pytest.mark.slow
@pytest.mark.parametrize("variant", VARIANTS)
def test_two_thousand_cjk_characters_in_every_field_and_cell_render(variant: Variant) -> None:
    answers = every_field((HAN + KANA + HANGUL) * 40)
    document = build_complaint(
        answers, [make_board()], variant, today=TODAY, citations=make_citations()
    )
    assert render_complaint_pdf(document).startswith(b"%PDF-")
    if variant != "advocate":
        guide = build_filing_guide(
            answers, [make_board()], variant, today=TODAY, citations=make_citations()
        )
        assert render_complaint_pdf(guide).startswith(b"%PDF-")


WIDE = st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(WIDE, min_size=1, max_size=900), st.sampled_from(VARIANTS))
def test_any_wide_text_in_a_narrow_cell_renders(cell: str, variant: Variant) -> None:
    answers = make_maya()
    answers.timeline = [TimelineEvent("t1", ApproxDate.of_year(2021), cell, cell, cell)]
    document = build_complaint(
        answers, [make_board()], variant, today=TODAY, citations=make_citations()
    )
    assert render_complaint_pdf(document).startswith(b"%PDF-")
