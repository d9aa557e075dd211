"""Property: whatever the person typed or skipped, every variant builds and renders to a PDF."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaint_helper.documents.complaint import VARIANTS, build_complaint
from complaint_helper.documents.pdf import render_complaint_pdf
from complaint_helper.interview import steps
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import Answers, EvidenceItem, PersonWhoKnows, TimelineEvent
from tests.documents.conftest import TODAY, make_board, make_citations

# Any Unicode a person (or a paste) can produce, controls and lone surrogates included.
TEXT = st.text(st.characters(exclude_categories=()), max_size=300)
DATES = st.one_of(
    st.just(ApproxDate()),
    st.builds(ApproxDate.of_year, st.integers(1950, 2026), circa=st.booleans()),
    st.builds(ApproxDate.of_month, st.integers(1950, 2026), st.integers(1, 12)),
    st.builds(ApproxDate.exact, st.integers(1950, 2026), st.integers(1, 12), st.integers(1, 28)),
)


@st.composite
def answers(draw: st.DrawFn) -> Answers:
    result = Answers()
    for step in steps.STEPS:
        for question in step.questions:
            if not draw(st.booleans()):
                continue  # skipped, as every question may be
            if question.kind == "date":
                result.set(step.slug, question.name, draw(DATES))
            elif question.kind == "choices":
                keys = [choice.key for choice in question.choices] + ["unknown-key"]
                result.set(step.slug, question.name, draw(st.lists(st.sampled_from(keys))))
            elif question.kind == "choice":
                keys = [choice.key for choice in question.choices] + [""]
                result.set(step.slug, question.name, draw(st.sampled_from(keys)))
            elif question.kind == "state":
                result.set(step.slug, question.name, draw(st.sampled_from(["CA", "NY", "", "zz"])))
            else:
                result.set(step.slug, question.name, draw(TEXT))
    result.timeline = [
        TimelineEvent(f"t{i}", draw(DATES), draw(TEXT), draw(TEXT), draw(TEXT))
        for i in range(draw(st.integers(0, 3)))
    ]
    result.evidence = [
        EvidenceItem(
            f"e{i}",
            draw(st.sampled_from(["messages", "", "odd"])),
            draw(TEXT),
            draw(DATES),
            draw(TEXT),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    result.people = [
        PersonWhoKnows(
            f"p{i}",
            draw(TEXT),
            draw(st.sampled_from(["witness", ""])),
            draw(TEXT),
            draw(TEXT),
            draw(TEXT),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    return result


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers(), st.sampled_from(VARIANTS), st.booleans())
def test_any_answers_build_and_render(case: Answers, variant: str, with_board: bool) -> None:
    document = build_complaint(
        case,
        [make_board()] if with_board else [],
        variant,  # type: ignore[arg-type]
        today=TODAY,
        citations=make_citations(),
    )
    assert render_complaint_pdf(document).startswith(b"%PDF-")
