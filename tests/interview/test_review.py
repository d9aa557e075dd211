"""The "Check your answers" rows."""

from __future__ import annotations

from complaint_helper.interview.model import Answers, EvidenceFile
from complaint_helper.interview.review import NOT_ANSWERED, PREVIEW_LIMIT, review_sections
from tests.stories import make_maya, make_priya, make_sam


def rows_by_label(answers: Answers, slug: str) -> dict[str, str]:
    section = next(s for s in review_sections(answers) if s.step.slug == slug)
    return {row.label: row.value for row in section.rows}


def test_every_question_step_has_a_section_and_info_pages_do_not() -> None:
    slugs = [section.step.slug for section in review_sections(make_maya())]
    assert "therapy" in slugs and "about-you" in slugs and "timeline" in slugs
    assert "before-you-start" not in slugs and "check-answers" not in slugs


def test_choices_and_states_show_their_labels_and_dates_their_words() -> None:
    rows = rows_by_label(make_maya(), "therapy")
    assert rows["State during the sessions"] == "California"
    assert rows["Therapy ended"] == "around October 2022"
    assert rows["How often"] == "Every week (or more often)"


def test_skipped_questions_say_not_answered() -> None:
    rows = rows_by_label(make_sam(), "professional")
    assert rows["License number"] == NOT_ANSWERED


def test_change_links_point_at_the_step_and_the_input() -> None:
    section = next(s for s in review_sections(make_maya()) if s.step.slug == "therapy")
    started = next(row for row in section.rows if row.label == "Therapy started")
    assert (started.change_slug, started.change_field) == ("therapy", "started-day")


def test_timeline_rows_are_in_date_order_and_edit_their_item() -> None:
    section = next(s for s in review_sections(make_maya()) if s.step.slug == "timeline")
    assert section.rows[0].label == "March 2021"
    assert section.rows[0].item_id == "t1"
    assert section.rows[4].label == "14 June 2022"


def test_branch_steps_appear_only_when_they_apply() -> None:
    assert "after-therapy" in [s.step.slug for s in review_sections(make_sam())]
    assert "after-therapy" not in [s.step.slug for s in review_sections(make_maya())]


def test_a_long_account_is_shortened_on_review_only() -> None:
    answers = make_priya()
    rows = rows_by_label(answers, "your-account")
    shown = rows["Your account"]
    assert len(shown) < PREVIEW_LIMIT + 100
    assert "words in all" in shown
    assert len(answers.text("your-account", "account")) > PREVIEW_LIMIT


def test_an_empty_list_step_says_nothing_was_added() -> None:
    rows = rows_by_label(Answers(), "people")
    assert rows == {"Nothing added yet": NOT_ANSWERED}


def test_every_attached_file_is_listed_on_review() -> None:
    answers = make_maya()
    answers.evidence[0].files = [
        EvidenceFile("a" * 32, "first.png"),
        EvidenceFile("b" * 32, "second.mp4"),
    ]
    section = next(s for s in review_sections(answers) if s.step.slug == "evidence")
    row = next(r for r in section.rows if r.item_id == answers.evidence[0].evidence_id)
    assert "Copy attached: first.png" in row.value
    assert "Copy attached: second.mp4" in row.value
