"""The "Check your answers" page as data: one section per step, one row per answer.

Each row carries the question's short label, the answer in plain words and where its Change link
goes (the step, the input to focus and, for list steps, the item). Everything is read from the step
table and, for list items, from their records (`interview.items`), so a new question or item field
appears here without touching this module. Values are plain text; the
template escapes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.numbers import format_decimal

from complaint_helper.i18n import babel_locale, gettext, lazy_gettext, ngettext
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.flow import step_state, visible_steps
from complaint_helper.interview.items import (
    FILE_LINE,
    RECORD_BY_STEP,
    TIMELINE,
    ListRecord,
    files_of,
    items_of,
    options,
    shown_value,
)
from complaint_helper.interview.model import Answers, AnswerValue, StepState
from complaint_helper.interview.steps import STATE_CHOICES, Choice, Question, Step
from complaint_helper.interview.validation import first_input_id

NOT_ANSWERED = lazy_gettext("Not answered")
NOTHING_ADDED = lazy_gettext("Nothing added yet")
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
    record = RECORD_BY_STEP[step.slug]
    listed = items_of(answers, record.kind)
    if record.kind == TIMELINE:
        listed = answers.sorted_timeline()
    choices = options(record, lambda kind: items_of(answers, kind))
    rows = [_item_row(record, item, choices) for item in listed]
    if not rows:
        rows.append(
            ReviewRow(
                label=str(NOTHING_ADDED),
                value=str(NOT_ANSWERED),
                change_slug=step.slug,
                change_field="",
                answered=False,
            )
        )
    return tuple(rows)


def _item_row(
    record: ListRecord[Any], item: Any, choices: dict[str, tuple[Choice, ...]]
) -> ReviewRow:
    """One item: its title field names the row, every other field is a line of its value, in
    the order of the questions ("Where: …", or the words alone for the main text)."""
    lines: list[str] = []
    for question in record.questions:
        if question.name == record.title:
            continue
        shown = record.display(question.name)
        value = shown_value(record, question.name, item, choices)
        if question.kind == "textarea":
            value = preview(value) if value else ""
        if not value:
            if shown.placeholder:
                lines.append(str(shown.placeholder))
            continue
        lines.append(_line(str(shown.label), value) if shown.labelled else value)
    lines.extend(f"{FILE_LINE}: {f.filename or gettext('a file')}" for f in files_of(item))
    label = shown_value(record, record.title, item, choices, dated=True) or str(record.untitled)
    return ReviewRow(
        label=label,
        value="\n".join(lines) or str(record.nothing_written),
        change_slug=record.step_slug,
        change_field=first_input_id(record.question(record.title)),
        item_id=record.item_id(item),
    )


def _line(label: str, value: str) -> str:
    """ "Where: their office"; a value that already begins with its label's word says it once
    ("From March to May 2021", not "From: from March to May 2021")."""
    if value.lower().startswith(label.lower() + " "):
        return label + value[len(label) :]
    return f"{label}: {value}"
