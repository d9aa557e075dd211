"""What the one field macro (templates/macros/fields.html) needs to draw a question.

The step table (`interview.steps`) defines every question once; `interview.validation` reads posts.
This module joins the two for a page: each `FieldView` carries the question, the values to show
(stored answers, or exactly what was posted when there were errors) and the error sentence.

Why not WTForms classes: a form class per step would be a second definition of every question,
which the design forbids ("one definition per question"). CSRF stays with Flask-WTF's CSRFProtect,
which the app installs for every POST.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from werkzeug.datastructures import MultiDict

from complaint_helper.i18n import babel_locale, pgettext
from complaint_helper.interview.dates import SEASONS, Season
from complaint_helper.interview.model import AnswerValue
from complaint_helper.interview.steps import Choice, Question
from complaint_helper.interview.validation import (
    FieldValue,
    PostedForm,
    Submission,
    choices_of,
    fields_for_values,
    first_input_id,
)


def month_choices() -> tuple[Choice, ...]:
    """January to December, named in the page's language (Babel's CLDR names)."""
    names = babel_locale().months["stand-alone"]["wide"]
    return tuple(Choice(str(number), str(names[number])) for number in range(1, 13))


def season_name(season: Season) -> str:
    """A season's name for a list of choices, in the page's language."""
    names = {
        "winter": pgettext("season", "Winter"),
        "spring": pgettext("season", "Spring"),
        "summer": pgettext("season", "Summer"),
        "autumn": pgettext("season", "Autumn"),
    }
    return names[season]


def season_choices() -> tuple[Choice, ...]:
    return tuple(Choice(season, season_name(season)) for season in SEASONS)


@dataclass(frozen=True)
class FieldView:
    """One question ready to draw: label, hint, error, options and the values to show."""

    question: Question
    fields: Mapping[str, FieldValue]
    error: str = ""
    error_field: str = ""  # the sub-input the error is about (dates)
    options: tuple[Choice, ...] = ()
    # The page has only this question, so its label is the page heading (GOV.UK pattern).
    is_page_heading: bool = False
    months: tuple[Choice, ...] = field(default_factory=month_choices)
    seasons: tuple[Choice, ...] = field(default_factory=season_choices)
    extra_classes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def id(self) -> str:
        return first_input_id(self.question)

    @property
    def name(self) -> str:
        return self.question.name

    def value(self, name: str | None = None) -> str:
        """The text to show in one input (the question's own, or a date part)."""
        found = self.fields.get(name or self.question.name, "")
        if isinstance(found, list):
            return found[0] if found else ""
        return found

    def selected(self, key: str) -> bool:
        if key == "":
            # "Skip this question" is shown chosen only when the person just chose it (a page
            # shown again with an error elsewhere); an unanswered question starts with no radio
            # chosen, as GOV.UK advises.
            return self.fields.get(self.question.name) == ""
        found = self.fields.get(self.question.name, "")
        return key in found if isinstance(found, list) else key == found

    def checked(self, name: str) -> bool:
        return self.value(name) != ""

    @property
    def counts_characters(self) -> bool:
        """Long-text boxes get a character count (JavaScript); huge limits would only distract."""
        return self.question.kind == "textarea" and self.question.max_length <= 100_000


def field_views(
    questions: Sequence[Question],
    *,
    values: Mapping[str, AnswerValue] | None = None,
    submission: Submission | None = None,
    options: Mapping[str, tuple[Choice, ...]] | None = None,
    heading_when_single: bool = True,
) -> list[FieldView]:
    """Views for a page: from the submission when it had errors, else from stored values."""
    if submission is not None and not submission.ok:
        shown: Mapping[str, FieldValue] = submission.fields
    else:
        shown = fields_for_values(questions, values or {})
    views: list[FieldView] = []
    single = heading_when_single and len(questions) == 1
    for question in questions:
        error = submission.error_for(question.name) if submission is not None else None
        views.append(
            FieldView(
                question=question,
                fields=shown,
                error=error.message if error else "",
                error_field=error.field_id if error else "",
                options=(options or {}).get(question.name, choices_of(question)),
                is_page_heading=single,
            )
        )
    return views


def posted(form: MultiDict[str, str]) -> PostedForm:
    """The request's form as plain lists of strings, for `interview.validation`."""
    return {key: form.getlist(key) for key in form}


def error_list(submission: Submission | None) -> list[tuple[str, str]]:
    """(input id, message) pairs for components/error_summary.html."""
    if submission is None:
        return []
    return [(error.field_id, error.message) for error in submission.errors]
