"""The "Check your answers" page as data: one section per step, one row per answer.

Each row carries the question's short label, the answer in plain words and where its Change link
goes (the step, the input to focus and, for list steps, the item). Everything is read from the step
table, so a new question appears here without touching this module. Values are plain text; the
template escapes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal

from complaint_helper.i18n import babel_locale, lazy_gettext, ngettext
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.flow import step_state, visible_steps
from complaint_helper.interview.model import (
    Answers,
    AnswerValue,
    EvidenceItem,
    PersonWhoKnows,
    StepState,
    TimelineEvent,
)
from complaint_helper.interview.steps import EVIDENCE_KINDS, STATE_CHOICES, Question, Step
from complaint_helper.interview.validation import first_input_id

NOT_ANSWERED = lazy_gettext("Not answered")
# Long answers are shortened on the review page only; the draft always carries every word.
PREVIEW_LIMIT = 1_200


@dataclass(frozen=True)
class ReviewRow:
    label: str
    value: str  # plain text, may hold line breaks; NOT_ANSWERED when skipped
    change_slug: str
    change_field: str  # the id of the input the Change link focuses
    item_id: str = ""  # for timeline, evidence and people rows: the item to edit
    answered: bool = True


@dataclass(frozen=True)
class ReviewSection:
    step: Step
    state: StepState
    rows: tuple[ReviewRow, ...]


def review_sections(answers: Answers) -> list[ReviewSection]:
    """Every visible step that asks something, with its answers, in interview order."""
    sections: list[ReviewSection] = []
    for step in visible_steps(answers):
        if step.kind in ("info", "review"):
            continue
        if step.kind == "questions":
            rows = tuple(
                _question_row(step, q, answers) for q in step.questions if _asked(step, q, answers)
            )
        else:
            rows = _item_rows(step, answers)
        sections.append(ReviewSection(step, step_state(answers, step), rows))
    return sections


def _asked(step: Step, question: Question, answers: Answers) -> bool:
    """Whether a question belongs on the review: "MD or DO" only of a psychiatrist (or when
    answered anyway), never "Not answered" for a counselor."""
    if step.slug == "professional" and question.name == "degree":
        answered = answers.choice("professional", "degree")
        return bool(answered) or answers.choice("professional", "profession") == "psychiatrist"
    return True


def _question_row(step: Step, question: Question, answers: Answers) -> ReviewRow:
    value = answers.values.get(step.slug, {}).get(question.name)
    shown = display_value(question, value)
    if not shown.strip():
        shown = ""  # only spaces or line breaks: nothing the draft will carry
    return ReviewRow(
        label=question.short_label,
        value=shown or str(NOT_ANSWERED),
        change_slug=step.slug,
        change_field=first_input_id(question),
        answered=bool(shown),
    )


def display_value(question: Question, value: AnswerValue | None) -> str:
    """An answer in plain words ("" when not answered)."""
    if value is None:
        return ""
    if isinstance(value, ApproxDate):
        return value.describe()
    if isinstance(value, list):
        return "\n".join(_choice_label(question, key) for key in value)
    if question.kind in ("choice", "state"):
        return _choice_label(question, value)
    return preview(value)


def _choice_label(question: Question, key: str) -> str:
    if question.kind == "state":
        return next((c.label for c in STATE_CHOICES if c.key == key), key)
    return question.choice_label(key)


def preview(text: str) -> str:
    if len(text) <= PREVIEW_LIMIT:
        return text
    words = len(text.split())
    note = ngettext(
        "(shortened here; %(words)s word in all)",
        "(shortened here; %(words)s words in all)",
        words,
        words=format_decimal(words, locale=babel_locale()),
    )
    return f"{text[:PREVIEW_LIMIT]}\u2026\n{note}"


def _item_rows(step: Step, answers: Answers) -> tuple[ReviewRow, ...]:
    rows: list[ReviewRow] = []
    if step.kind == "events":
        evidence = {item.evidence_id: item for item in answers.evidence}
        for event in answers.sorted_timeline():
            rows.append(_event_row(step, event, evidence))
    elif step.kind == "evidence":
        rows = [_evidence_row(step, item) for item in answers.evidence]
    else:
        rows = [_person_row(step, person) for person in answers.people]
    if not rows:
        rows.append(
            ReviewRow(
                label="Nothing added yet",
                value=NOT_ANSWERED,
                change_slug=step.slug,
                change_field="",
                answered=False,
            )
        )
    return tuple(rows)


def _event_row(step: Step, event: TimelineEvent, evidence: dict[str, EvidenceItem]) -> ReviewRow:
    lines = [preview(event.what) if event.what else "(nothing written yet)"]
    if event.where:
        lines.append(f"Where: {event.where}")
    if event.who_else:
        lines.append(f"Others there: {event.who_else}")
    linked = [evidence[i] for i in event.evidence_ids if i in evidence]
    if linked:
        lines.append("Evidence: " + "; ".join(evidence_title(item) for item in linked))
    return ReviewRow(
        label=event.when.describe(),
        value="\n".join(lines),
        change_slug=step.slug,
        change_field="when-day",
        item_id=event.event_id,
    )


def evidence_title(item: EvidenceItem) -> str:
    """A one-line name for an evidence item: the first line of its description, or its kind."""
    kind = next((c.label for c in EVIDENCE_KINDS if c.key == item.kind), "")
    return item.description.split("\n", 1)[0][:120] or kind or "An item of evidence"


def _evidence_row(step: Step, item: EvidenceItem) -> ReviewRow:
    question = step.question("kind")
    lines = [preview(item.description)] if item.description else []
    if item.when.is_known or item.when.is_range:
        when = item.when.describe()
        # A range already reads "from … to …": say it once.
        lines.append("From" + when[4:] if when.startswith("from ") else f"From: {when}")
    if item.original_kept:
        lines.append(f"Original kept: {item.original_kept}")
    for attached in item.files:
        lines.append(f"Copy attached: {attached.filename or 'a file'}")
    return ReviewRow(
        label=question.choice_label(item.kind) if item.kind else "Evidence",
        value="\n".join(lines) or "(no description yet)",
        change_slug=step.slug,
        change_field="kind",
        item_id=item.evidence_id,
    )


def _person_row(step: Step, person: PersonWhoKnows) -> ReviewRow:
    relation = step.question("relation").choice_label(person.relation) if person.relation else ""
    lines = [line for line in (relation, person.when_told, preview(person.what_they_know)) if line]
    return ReviewRow(
        label=person.name or "Name not given",
        value="\n".join(lines) or "(nothing written yet)",
        change_slug=step.slug,
        change_field="name",
        item_id=person.person_id,
    )
