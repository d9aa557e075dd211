"""Small wording helpers shared by the document builders: dates, lists, numbers, sizes, and a
choice's label from the step table (the one definition of every answer's wording).

Everything here speaks the language current when it is called (`i18n.use_language`): days and
numbers come from Babel (`i18n.babel_locale()`), lists are joined the way the language joins them
("a, b and c", "a, b y c"), and the sentences go through gettext.
"""

from __future__ import annotations

from collections.abc import Sequence

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal

from complaint_helper.i18n import babel_locale, gettext
from complaint_helper.interview import steps
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.items import has_date  # one rule, re-exported for the builders
from complaint_helper.support import babel_words, format_day

__all__ = [
    "date_or_not_known",
    "format_day",
    "has_date",
    "join",
    "label",
    "language_name",
    "number",
    "question_label",
    "size",
]


def date_or_not_known(value: ApproxDate) -> str:
    return value.describe() if has_date(value) else gettext("Not known")


def join(items: Sequence[str]) -> str:
    """ "a, b and c" in the current language ("a, b y c")."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return babel_words(format_list(items, style="standard", locale=babel_locale()))


def number(value: int | float, decimals: int = 0) -> str:
    """A number written the current language's way ("1,234", "1.234"; "2.5", "2,5")."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=babel_locale())


def label(step_slug: str, question: str, key: str) -> str:
    """A choice's label from the step table."""
    if not key:
        return ""
    return str(steps.step(step_slug).question(question).choice_label(key))


def question_label(step_slug: str, question: str) -> str:
    """A question's short label from the step table ("Practice or clinic")."""
    return str(steps.step(step_slug).question(question).short_label)


def size(number_of_bytes: int) -> str:
    if number_of_bytes < 1024:
        return gettext("%(bytes)s bytes", bytes=number(number_of_bytes))
    if number_of_bytes < 1024 * 1024:
        return gettext(
            "%(size)s KB (%(bytes)s bytes)",
            size=number(number_of_bytes / 1024, 1),
            bytes=number(number_of_bytes),
        )
    return gettext(
        "%(size)s MB (%(bytes)s bytes)",
        size=number(number_of_bytes / (1024 * 1024), 1),
        bytes=number(number_of_bytes),
    )


def language_name(code: str) -> str:
    """A language's name in the current language ("Spanish", "español")."""
    return babel_words(Locale.parse(code).get_display_name(babel_locale()) or code)
