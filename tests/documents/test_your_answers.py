""" "Your answers": the whole record, in full, for the person to keep (issue #13)."""

from __future__ import annotations

from complaint_helper.documents.downloads import build_download
from complaint_helper.documents.pdf import render_complaint_pdf
from complaint_helper.documents.your_answers import PRIVATE
from complaint_helper.interview import steps
from tests.documents.conftest import TODAY, pdf_text, squash
from tests.stories import STORIES, make_maya


def test_every_question_label_and_every_word_is_in_the_take_home_copy() -> None:
    answers = make_maya()
    long_account = "A sentence that goes on. " * 400  # longer than the review page shows
    answers.set("your-account", "account", long_account)
    document = build_download("your-answers", answers, TODAY)
    text = document.plain_text()
    assert str(PRIVATE) in text
    assert long_account.strip() in text
    for step in steps.STEPS:
        if step.slug in ("after-therapy",):
            continue  # a branch Maya's answers switch off
        for question in step.questions:
            assert question.short_label in text
    for person in answers.people:
        assert person.what_they_know in text
    assert "Lucía Delgado-Reyes" in text and "maya.example@example.org" in text


def test_every_story_renders_and_says_on_every_page_that_it_is_private() -> None:
    for make in STORIES.values():
        pdf = render_complaint_pdf(build_download("your-answers", make(), TODAY))
        first = squash(pdf_text(pdf))
        assert squash("NOT encrypted") in first
        assert first.count(squash("Your answers — private, not encrypted")) >= 1
