"""Which steps show, in what order, and the progress list."""

from __future__ import annotations

from complaint_helper.interview import flow
from complaint_helper.interview.model import Answers
from complaint_helper.interview.steps import STEPS
from tests.stories import make_jordan, make_maya, make_priya, make_sam


def slugs(answers: Answers) -> list[str]:
    return [step.slug for step in flow.visible_steps(answers)]


def test_no_branch_steps_show_before_anything_is_answered() -> None:
    shown = slugs(Answers())
    assert "still-seeing" not in shown
    assert "license-lookup" not in shown
    assert "after-therapy" not in shown
    assert shown[0] == "before-you-start"
    assert shown[-1] == "check-answers"


def test_ongoing_therapy_puts_the_safety_page_straight_after_the_therapy_step() -> None:
    answers = make_jordan()
    assert flow.next_step(answers, "therapy") is not None
    assert flow.next_step(answers, "therapy").slug == "still-seeing"  # type: ignore[union-attr]


def test_unsure_profession_leads_to_license_lookup_help() -> None:
    answers = make_priya(words=10)
    assert flow.next_step(answers, "professional").slug == "license-lookup"  # type: ignore[union-attr]


def test_relationship_after_therapy_asks_about_it_after_what_happened() -> None:
    answers = make_sam()
    assert flow.next_step(answers, "what-happened").slug == "after-therapy"  # type: ignore[union-attr]
    assert "after-therapy" not in slugs(make_maya())


def test_previous_step_skips_hidden_branches() -> None:
    answers = make_maya()
    assert flow.previous_step(answers, "professional").slug == "therapy"  # type: ignore[union-attr]
    assert flow.previous_step(answers, "before-you-start") is None


def test_next_step_works_from_a_branch_that_was_just_hidden() -> None:
    answers = make_maya()  # no relationship_after: after-therapy is hidden
    assert flow.next_step(answers, "after-therapy").slug == "your-account"  # type: ignore[union-attr]


def test_last_step_has_no_next() -> None:
    assert flow.next_step(Answers(), STEPS[-1].slug) is None


def test_continue_with_answers_is_done_and_without_is_skipped() -> None:
    answers = Answers()
    therapy = next(s for s in STEPS if s.slug == "therapy")
    timeline = next(s for s in STEPS if s.slug == "timeline")
    info = next(s for s in STEPS if s.slug == "before-you-start")
    assert flow.state_after_continue(answers, therapy) == "skipped"
    assert flow.state_after_continue(answers, timeline) == "skipped"
    assert flow.state_after_continue(answers, info) == "done"
    assert flow.state_after_continue(make_maya(), therapy) == "done"
    assert flow.state_after_continue(make_maya(), timeline) == "done"


def test_task_list_shows_stored_states_and_not_started_for_the_rest() -> None:
    answers = Answers(progress={"therapy": "done", "professional": "in_progress"})
    states = {item.step.slug: item.state for item in flow.task_list(answers)}
    assert states["therapy"] == "done"
    assert states["professional"] == "in_progress"
    assert states["impact"] == "not_started"


def test_resume_goes_to_the_first_step_not_finished() -> None:
    answers = Answers(progress={"before-you-start": "done", "therapy": "skipped"})
    assert flow.resume_step(answers).slug == "professional"


def test_resume_goes_to_the_review_when_every_step_is_finished() -> None:
    answers = Answers(progress={s.slug: "done" for s in STEPS})
    assert flow.resume_step(answers).slug == "check-answers"


def test_completeness_names_what_a_board_would_miss() -> None:
    empty = flow.completeness(Answers())
    assert empty.gaps == (flow.GAP_STATE, flow.GAP_PROFESSION, flow.GAP_ACCOUNT)
    assert not empty.can_find_board
    full = flow.completeness(make_maya())
    assert full.gaps == ()
    assert full.can_find_board


def test_completeness_counts_every_visible_step_but_the_review() -> None:
    answers = make_sam()
    answers.progress = {"therapy": "done", "impact": "skipped", "what-you-want": "in_progress"}
    summary = flow.completeness(answers)
    # Sam's timeline, evidence and people hold entries: done without their pages submitted.
    assert (summary.done, summary.skipped, summary.in_progress) == (4, 1, 1)
    assert summary.total == len(flow.visible_steps(answers)) - 1


def test_a_partial_save_marks_in_progress_but_never_undoes_done() -> None:
    impact = next(s for s in STEPS if s.slug == "impact")
    empty = Answers()
    assert flow.state_after_save(empty, impact) == "not_started"
    written = Answers(values={"impact": {"impact": "hard"}})
    assert flow.state_after_save(written, impact) == "in_progress"
    written.progress["impact"] = "done"
    assert flow.state_after_save(written, impact) == "done"


def test_answers_in_force_leave_out_a_switched_off_branch_and_its_progress() -> None:
    answers = make_sam()
    answers.progress = {"what-happened": "done", "after-therapy": "done"}
    answers.values["what-happened"]["conduct"] = ["own_intimate_life"]
    current = flow.answers_in_force(answers)
    assert "after-therapy" not in current.values
    assert current.progress == {"what-happened": "done"}
    # The stored answers are untouched: ticking the box again brings them back.
    assert answers.text("after-therapy", "what_they_said")
    assert answers.progress["after-therapy"] == "done"


def test_answers_in_force_keep_a_branch_that_is_switched_on() -> None:
    answers = make_sam()
    assert flow.answers_in_force(answers).values == answers.values


def test_no_branch_depends_on_another_branch() -> None:
    """answers_in_force filters in one pass; that holds only while branch conditions read
    steps that are never hidden themselves."""
    branch_slugs = {step.slug for step in STEPS if step.branch}
    answers = make_sam()
    for slug in branch_slugs:
        answers.values.pop(slug, None)
    for name, condition in flow.BRANCHES.items():
        assert condition(answers) == condition(make_sam()), name


def test_set_aside_names_a_switched_off_branch_that_still_holds_answers() -> None:
    answers = make_sam()
    assert flow.set_aside(answers) == []
    answers.values["what-happened"]["conduct"] = []
    assert [step.slug for step in flow.set_aside(answers)] == ["after-therapy"]
    answers.values.pop("after-therapy")
    assert flow.set_aside(answers) == []
