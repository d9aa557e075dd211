"""Posted form data for one page → answer values and plain-sentence errors (no Flask).

The web layer hands over the posted form as a mapping of field name → list of strings (what
`request.form.to_dict(flat=False)` gives). Field names are the question names, except dates, which
post sub-fields: ``<name>-day``, ``-month`` (1-12), ``-season``, ``-year``, ``-circa`` ("around"),
``-unknown`` ("I don't remember") and, for questions that allow a range, the same with ``-end-``
(``<name>-end-year`` ...).

The date's precision is read from what was filled in (day + month + year is an exact day, month +
year a month, season + year a season, a year alone a year), not from a separate radio button: one
decision fewer for a person under stress, and it works with no JavaScript to reveal fields.

Validation only protects the person: a date in the future, an end before a start, text over the
question's (generous) limit, a choice that is not on the list, a date that cannot be read. Text is
never stripped, trimmed or "cleaned": what was typed is stored exactly, control characters
included; escaping is the job of whatever shows it. On an error the posted fields come back
unchanged so the page can show them exactly as typed.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from babel.numbers import format_decimal

from complaint_helper.i18n import babel_locale
from complaint_helper.i18n import gettext as _
from complaint_helper.interview.dates import SEASONS, ApproxDate, DateError, Season, month_name
from complaint_helper.interview.model import AnswerValue
from complaint_helper.interview.steps import STATE_CHOICES, Choice, Question

PostedForm = Mapping[str, Sequence[str]]
FieldValue = str | list[str]

DATE_PARTS = ("day", "month", "season", "year")
DATE_FLAGS = ("circa", "unknown")


@dataclass(frozen=True)
class FieldError:
    """One problem, as a sentence, attached to the input it is about."""

    question: str  # the question name
    field_id: str  # the id of the input the error summary links to
    message: str


@dataclass
class Submission:
    """What came out of one posted page."""

    values: dict[str, AnswerValue] = field(default_factory=dict)
    errors: list[FieldError] = field(default_factory=list)
    # The posted fields, exactly as sent, to show back when there are errors.
    fields: dict[str, FieldValue] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_for(self, question: str) -> FieldError | None:
        return next((e for e in self.errors if e.question == question), None)


def choices_of(question: Question) -> tuple[Choice, ...]:
    """The options a question offers on the page (radios end with "Skip this question")."""
    return STATE_CHOICES if question.kind == "state" else question.options


def input_names(question: Question) -> list[str]:
    """Every form field name a question posts."""
    if question.kind != "date":
        return [question.name]
    names = [f"{question.name}-{part}" for part in (*DATE_PARTS, *DATE_FLAGS)]
    if question.allow_range:
        names += [f"{question.name}-end-{part}" for part in (*DATE_PARTS, "circa")]
    return names


def first_input_id(question: Question) -> str:
    """The id of the first input of a question: where an error link sends focus."""
    return f"{question.name}-day" if question.kind == "date" else question.name


# -- reading a post -------------------------------------------------------------------------------
def read_questions(
    questions: Iterable[Question],
    form: PostedForm,
    *,
    today: date,
    choices_for: Mapping[str, Sequence[Choice]] | None = None,
) -> Submission:
    """Read every question of a page from the posted form.

    `choices_for` supplies choices that are only known at run time (the evidence a timeline event
    may link to).
    """
    questions = tuple(questions)
    submission = Submission()
    for question in questions:
        for name in input_names(question):
            if name in form:
                posted = [v for v in form[name] if isinstance(v, str)]
                if question.kind == "choices":
                    submission.fields[name] = posted
                else:
                    submission.fields[name] = posted[0] if posted else ""
        options = (choices_for or {}).get(question.name, choices_of(question))
        _read_one(question, form, submission, today, tuple(options))
    _check_order(questions, submission)
    return submission


def _first(form: PostedForm, name: str) -> str:
    values = form.get(name)
    if not values:
        return ""
    value = values[0]
    return value if isinstance(value, str) else ""


def _read_one(
    question: Question,
    form: PostedForm,
    submission: Submission,
    today: date,
    options: tuple[Choice, ...],
) -> None:
    name = question.name
    if question.kind in ("text", "textarea"):
        text = _first(form, name)
        if len(text) > question.max_length:
            submission.errors.append(
                FieldError(name, name, _too_long(len(text), question.max_length))
            )
        elif text != "":
            submission.values[name] = text
        return
    keys = {choice.key for choice in options}
    if question.kind in ("choice", "state"):
        key = _first(form, name)
        if key == "":
            return
        if key in keys:
            submission.values[name] = key
        else:
            message = (
                _("Choose a state from the list.")
                if question.kind == "state"
                else _("Choose one of the options shown.")
            )
            submission.errors.append(FieldError(name, name, message))
        return
    if question.kind == "choices":
        picked = [v for v in form.get(name, ()) if isinstance(v, str) and v != ""]
        if any(key not in keys for key in picked):
            submission.errors.append(FieldError(name, name, _("Choose from the options shown.")))
            return
        # Keep the order of the list on the page, and each choice once.
        chosen = [choice.key for choice in options if choice.key in picked]
        if chosen:
            submission.values[name] = chosen
        return
    _read_date(question, form, submission, today)


def _too_long(length: int, limit: int) -> str:
    return _(
        "This answer is %(length)s characters long, and this box holds up to %(limit)s. "
        "Nothing has been saved from this page yet: copy your text somewhere safe, then shorten it "
        "or move part of it to \u201cIn your own words\u201d.",
        length=format_decimal(length, locale=babel_locale()),
        limit=format_decimal(limit, locale=babel_locale()),
    )


class _UnreadableDateError(Exception):
    def __init__(self, part: str, message: str) -> None:
        super().__init__(message)
        self.part = part
        self.message = message


def _read_point(form: PostedForm, prefix: str) -> ApproxDate | None:
    """One date from its sub-fields; None when nothing was filled in."""
    day_text = _first(form, f"{prefix}-day")
    month_text = _first(form, f"{prefix}-month")
    season_text = _first(form, f"{prefix}-season")
    year_text = _first(form, f"{prefix}-year")
    circa = _first(form, f"{prefix}-circa") != ""
    if not any(part.strip() for part in (day_text, month_text, season_text, year_text)):
        return None
    # A month or a season without a year is a real memory ("it was summer; I don't remember
    # which year"): it is kept, and sorts with the dates not remembered.
    year = _number(year_text, "year", 1, 9999) if year_text.strip() else None
    month = _number(month_text, "month", 1, 12) if month_text.strip() else None
    season = season_text.strip() or None
    if season is not None and season not in SEASONS:
        raise _UnreadableDateError("season", _("Choose a season from the list."))
    if month is not None and season is not None:
        raise _UnreadableDateError("month", _("Choose a month or a season, not both."))
    if day_text.strip():
        day = _number(day_text, "day", 1, 31)
        if month is None:
            raise _UnreadableDateError(
                "month", _("Choose the month as well as the day, or leave the day blank.")
            )
        # With no year, allow 29 February (a leap year stands in).
        if day > calendar.monthrange(year or 2000, month)[1]:
            words = {"month": month_name(month), "year": str(year), "day": str(day)}
            raise _UnreadableDateError(
                "day",
                _("%(month)s %(year)s does not have a day %(day)s.", **words)
                if year is not None
                else _("%(month)s does not have a day %(day)s.", **words),
            )
        return ApproxDate(granularity="exact", year=year, month=month, day=day, circa=circa)
    if month is not None:
        return ApproxDate(granularity="month", year=year, month=month, circa=circa)
    if season is not None:
        return ApproxDate(granularity="season", year=year, season=_season(season), circa=circa)
    if year is None:  # only spaces were typed
        return None
    return ApproxDate.of_year(year, circa=circa)


def _season(text: str) -> Season:
    for season in SEASONS:
        if season == text:
            return season
    raise _UnreadableDateError("season", _("Choose a season from the list."))


def _number(text: str, part: str, low: int, high: int) -> int:
    """A whole number typed in a date box. Surrounding spaces are ignored for reading only."""
    candidate = text.strip()
    if not (candidate.isascii() and candidate.isdigit()) or not low <= int(candidate) <= high:
        names = {
            "day": _("Enter the day as a number from 1 to 31, or leave it blank."),
            "month": _("Choose a month from the list."),
            "year": _("Enter the year as four digits, for example 2021."),
        }
        raise _UnreadableDateError(part, names[part])
    return int(candidate)


def _read_date(question: Question, form: PostedForm, submission: Submission, today: date) -> None:
    name = question.name
    unknown = _first(form, f"{name}-unknown") != ""
    try:
        start = _read_point(form, name)
    except _UnreadableDateError as problem:
        submission.errors.append(FieldError(name, f"{name}-{problem.part}", problem.message))
        return
    end: ApproxDate | None = None
    if question.allow_range:
        try:
            end = _read_point(form, f"{name}-end")
        except _UnreadableDateError as problem:
            submission.errors.append(
                FieldError(name, f"{name}-end-{problem.part}", problem.message)
            )
            return
    if unknown and (start is not None or end is not None):
        submission.errors.append(
            FieldError(
                name,
                f"{name}-unknown",
                _(
                    "You ticked \u201cI don't remember\u201d and also entered a date. "
                    "Untick it, or clear the date."
                ),
            )
        )
        return
    if unknown:
        submission.values[name] = ApproxDate()
        return
    if start is None and end is None:
        return
    for point, part in ((start, "year"), (end, "end-year")):
        try:
            if point is not None:
                point.check(today)
        except DateError as problem:
            submission.errors.append(FieldError(name, f"{name}-{part}", str(problem)))
            return
    if end is None:
        assert start is not None  # noqa: S101 -- both None returned above
        submission.values[name] = start
        return
    value = (start or ApproxDate()).to(end)
    try:
        value.check(today)
    except DateError as problem:
        submission.errors.append(FieldError(name, f"{name}-end-year", str(problem)))
        return
    submission.values[name] = value


def _check_order(questions: Sequence[Question], submission: Submission) -> None:
    """An end date before the start date it belongs to (therapy, relationship)."""
    for question in questions:
        if not question.not_before or submission.error_for(question.name):
            continue
        end = submission.values.get(question.name)
        start = submission.values.get(question.not_before)
        if not isinstance(end, ApproxDate) or not isinstance(start, ApproxDate):
            continue
        first, last = start.earliest(), end.latest()
        if first is not None and last is not None and last < first:
            submission.errors.append(
                FieldError(
                    question.name,
                    f"{question.name}-year",
                    _("This is before the start date you gave. Check both dates."),
                )
            )


# -- stored values → form fields ------------------------------------------------------------------
def fields_for(question: Question, value: AnswerValue | None) -> dict[str, FieldValue]:
    """The form fields that show a stored answer (the inverse of reading them)."""
    if value is None:
        return {}
    if question.kind == "date":
        if not isinstance(value, ApproxDate):
            return {}
        if not value.is_known and value.until is None:
            return {f"{question.name}-unknown": "1"}
        fields = _point_fields(value, question.name)
        if value.until is not None:
            fields.update(_point_fields(value.until, f"{question.name}-end"))
        return fields
    if question.kind == "choices":
        return {question.name: list(value)} if isinstance(value, list) else {}
    return {question.name: value} if isinstance(value, str) else {}


def _point_fields(point: ApproxDate, prefix: str) -> dict[str, FieldValue]:
    if not point.is_known:
        return {}
    fields: dict[str, FieldValue] = {}
    if point.year is not None:
        fields[f"{prefix}-year"] = str(point.year)
    if point.granularity in ("exact", "month") and point.month is not None:
        fields[f"{prefix}-month"] = str(point.month)
    if point.granularity == "exact" and point.day is not None:
        fields[f"{prefix}-day"] = str(point.day)
    if point.granularity == "season" and point.season is not None:
        fields[f"{prefix}-season"] = point.season
    if point.circa:
        fields[f"{prefix}-circa"] = "1"
    return fields


def fields_for_values(
    questions: Iterable[Question], values: Mapping[str, AnswerValue]
) -> dict[str, FieldValue]:
    fields: dict[str, FieldValue] = {}
    for question in questions:
        fields.update(fields_for(question, values.get(question.name)))
    return fields
