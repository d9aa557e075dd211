"""The path through the interview: which steps show, in what order, and how far the person got.

Branch steps appear only when they help (domain.md): a safety page when the therapy is still going
on, license look-up help when the person is unsure of the profession, and questions about the
relationship after therapy when that is what happened. Everything else is always shown, and
every step may be skipped.

Progress is stored per step (`Answers.progress`) as not started, in progress, done or skipped. A
step the person continued from with answers is done; one continued from with nothing is skipped;
an autosave or "save and come back later" marks it in progress. A list step (timeline, evidence,
people) is done as soon as it holds an entry: each entry is saved whole by its own Save button,
so the list is never "in progress" waiting for its page to be submitted (`step_state`).

Steps are numbered on the path the same way whatever branches open ("Step 5 of 12"): a branch
page is an extra page of the step before it and carries no number of its own (`step_number`).

A branch that is switched off (the tick for "a relationship after therapy ended" removed, say)
keeps its answers in the case, so switching it back on brings every word back: a slip of the
mouse must never cost a person what they wrote. But those answers are no longer current, so
`answers_in_force` leaves them out, and the review page, the progress counts and every document
read answers only through the path (`visible_steps`) or `answers_in_force`: nothing hidden is
ever sent to a board as if it were true today.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from complaint_helper.i18n import lazy_gettext
from complaint_helper.interview.model import Answers, AnswerValue, StepState
from complaint_helper.interview.steps import STEPS, Step

REVIEW_SLUG = "check-answers"
FIRST_SLUG = STEPS[0].slug


def _therapy_ongoing(answers: Answers) -> bool:
    return answers.choice("therapy", "status") == "ongoing"


def _profession_unsure(answers: Answers) -> bool:
    return answers.choice("professional", "profession") == "not_sure"


def _relationship_after(answers: Answers) -> bool:
    return "relationship_after" in answers.choices("what-happened", "conduct")


BRANCHES: dict[str, Callable[[Answers], bool]] = {
    "therapy_ongoing": _therapy_ongoing,
    "profession_unsure": _profession_unsure,
    "relationship_after": _relationship_after,
}


# Why a branch is switched off, for the sentence on "Check your answers" about answers kept
# aside ("... left out of your draft, because <this>").
BRANCH_OFF_REASONS: dict[str, str] = {
    "therapy_ongoing": lazy_gettext("the therapy is no longer marked as still going on"),
    "profession_unsure": lazy_gettext(
        "\u201cI'm not sure\u201d is no longer chosen for their profession"
    ),
    "relationship_after": lazy_gettext(
        "\u201cA relationship after therapy ended\u201d is not ticked on the "
        "\u201cWhat happened\u201d page"
    ),
}


def is_visible(step: Step, answers: Answers) -> bool:
    """Whether this step belongs on the person's path, given what they have answered so far."""
    if not step.branch:
        return True
    return BRANCHES[step.branch](answers)


def visible_steps(answers: Answers) -> list[Step]:
    return [step for step in STEPS if is_visible(step, answers)]


def set_aside(answers: Answers) -> list[Step]:
    """Switched-off branch steps that still hold answers: kept in the case, out of the draft.

    "Check your answers" names them, so the person knows those words are still stored and can
    delete them (`repository.discard_step`) or bring them back by switching the branch on.
    """
    return [
        step
        for step in STEPS
        if step.branch and not is_visible(step, answers) and has_answers(answers, step)
    ]


def answers_in_force(answers: Answers) -> Answers:
    """The answers on the person's current path: a copy without the answers and progress of
    branch steps that are switched off (they stay stored; see the module docstring).

    Branch conditions read only steps that are never branches themselves, so one pass is enough.
    """
    hidden = {step.slug for step in STEPS if not is_visible(step, answers)}
    if not hidden:
        return answers
    return replace(
        answers,
        values={slug: dict(v) for slug, v in answers.values.items() if slug not in hidden},
        progress={slug: s for slug, s in answers.progress.items() if slug not in hidden},
    )


def next_step(answers: Answers, slug: str) -> Step | None:
    """The step after `slug` on the person's path (None after the last one).

    Works for a step that is no longer visible too (the person changed an answer that removed a
    branch): the path continues from where that step sat in the table.
    """
    order = [step.slug for step in STEPS]
    position = order.index(slug)
    return next((s for s in STEPS[position + 1 :] if is_visible(s, answers)), None)


def previous_step(answers: Answers, slug: str) -> Step | None:
    order = [step.slug for step in STEPS]
    position = order.index(slug)
    return next((s for s in reversed(STEPS[:position]) if is_visible(s, answers)), None)


def has_answers(answers: Answers, step: Step) -> bool:
    """Whether the person has told us anything on this step."""
    if step.kind == "events":
        return bool(answers.timeline)
    if step.kind == "evidence":
        return bool(answers.evidence)
    if step.kind == "people":
        return bool(answers.people)
    return any(_answered(value) for value in answers.values.get(step.slug, {}).values())


def _answered(value: AnswerValue) -> bool:
    if isinstance(value, str):
        # Text is stored exactly as typed, but a box holding only spaces or line breaks says
        # nothing: the step counts as skipped, as the draft (which strips text) treats it.
        return value.strip() != ""
    if isinstance(value, list):
        return len(value) > 0
    return True  # a date, even "I don't remember", is an answer


def state_after_continue(answers: Answers, step: Step) -> StepState:
    """The state a step takes when the person presses Continue on it."""
    if step.kind in ("info", "review"):
        return "done"
    return "done" if has_answers(answers, step) else "skipped"


def state_after_save(answers: Answers, step: Step) -> StepState:
    """The state after an autosave, "Back" or "Save and come back later" (no Continue yet)."""
    current = answers.state_of(step.slug)
    if not has_answers(answers, step):
        return current
    return "done" if current == "done" else "in_progress"


@dataclass(frozen=True)
class TaskItem:
    """One line of the progress list."""

    step: Step
    state: StepState


STATE_LABELS: dict[StepState, str] = {
    "not_started": lazy_gettext("Not started"),
    "in_progress": lazy_gettext("In progress"),
    "done": lazy_gettext("Done"),
    "skipped": lazy_gettext("Skipped"),
}


LIST_STEP_KINDS = ("events", "evidence", "people")


def step_state(answers: Answers, step: Step) -> StepState:
    """The state the progress list and the review show for a step.

    A list step with entries is done; without entries it keeps the state the person left it in
    (done or skipped by Continue), else it is not started: an emptied list is not in progress.
    """
    stored = answers.state_of(step.slug)
    if step.kind not in LIST_STEP_KINDS:
        return stored
    if has_answers(answers, step):
        return "done"
    return stored if stored in ("done", "skipped") else "not_started"


def task_list(answers: Answers) -> list[TaskItem]:
    """Every visible step with its state, for the progress list."""
    return [TaskItem(step, step_state(answers, step)) for step in visible_steps(answers)]


NUMBERED_STEPS: tuple[Step, ...] = tuple(step for step in STEPS if not step.branch)


def step_number(step: Step) -> int | None:
    """The step's number on every path ("Step 5 of 12"); None for a branch page."""
    if step.branch:
        return None
    return NUMBERED_STEPS.index(step) + 1


def can_choose_board(answers: Answers) -> bool:
    """Whether the boards page can route: it needs the state the therapy happened in."""
    return bool(answers.choice("therapy", "state"))


def resume_step(answers: Answers) -> Step:
    """Where "continue where you left off" goes: the first visible step not yet done or skipped."""
    for item in task_list(answers):
        if item.state in ("not_started", "in_progress") and item.step.slug != REVIEW_SLUG:
            return item.step
    return next(s for s in STEPS if s.slug == REVIEW_SLUG)


@dataclass(frozen=True)
class Completeness:
    """A summary of how far the interview has got, and what a board would most miss."""

    done: int
    skipped: int
    in_progress: int
    not_started: int
    # Plain sentences naming answers that matter most to a board and are still missing.
    gaps: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.done + self.skipped + self.in_progress + self.not_started

    @property
    def can_find_board(self) -> bool:
        """The board is chosen by state and profession; both are needed to route."""
        return not any(gap in self.gaps for gap in (GAP_STATE, GAP_PROFESSION))


GAP_STATE = lazy_gettext(
    "The state you were in during the therapy (it decides which board handles this)."
)
GAP_PROFESSION = lazy_gettext(
    "What kind of professional they were (choose \u201cI'm not sure\u201d if you don't know)."
)
GAP_ACCOUNT = lazy_gettext(
    "What happened: a tick on the \u201cWhat happened\u201d page or your own account."
)


def completeness(answers: Answers) -> Completeness:
    counts: dict[StepState, int] = {"done": 0, "skipped": 0, "in_progress": 0, "not_started": 0}
    for item in task_list(answers):
        if item.step.slug != REVIEW_SLUG:
            counts[item.state] += 1
    gaps: list[str] = []
    if not answers.choice("therapy", "state"):
        gaps.append(GAP_STATE)
    if not answers.choice("professional", "profession"):
        gaps.append(GAP_PROFESSION)
    if not answers.choices("what-happened", "conduct") and not answers.text(
        "your-account", "account"
    ):
        gaps.append(GAP_ACCOUNT)
    return Completeness(
        done=counts["done"],
        skipped=counts["skipped"],
        in_progress=counts["in_progress"],
        not_started=counts["not_started"],
        gaps=tuple(gaps),
    )
