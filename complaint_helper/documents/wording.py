"""Small wording helpers shared by the document builders: dates, lists, articles, plurals, and a
choice's label from the step table (the one definition of every answer's wording)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from complaint_helper.interview import steps
from complaint_helper.interview.dates import MONTH_NAMES, ApproxDate
from complaint_helper.interview.items import has_date as has_date  # one rule, used here too


def format_day(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def date_or_not_known(value: ApproxDate) -> str:
    return value.describe() if has_date(value) else "Not known"


def article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"


def join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def count(number: int, singular: str, plural: str = "") -> str:
    """ "1 exhibit", "2 exhibits"."""
    return f"{number:,} {singular if number == 1 else (plural or singular + 's')}"


def label(step_slug: str, question: str, key: str) -> str:
    """A choice's label from the step table."""
    if not key:
        return ""
    return steps.step(step_slug).question(question).choice_label(key)


def question_label(step_slug: str, question: str) -> str:
    """A question's short label from the step table ("Practice or clinic")."""
    return steps.step(step_slug).question(question).short_label


def size(number_of_bytes: int) -> str:
    if number_of_bytes < 1024:
        return f"{number_of_bytes:,} bytes"
    if number_of_bytes < 1024 * 1024:
        return f"{number_of_bytes / 1024:,.1f} KB ({number_of_bytes:,} bytes)"
    return f"{number_of_bytes / (1024 * 1024):,.1f} MB ({number_of_bytes:,} bytes)"
