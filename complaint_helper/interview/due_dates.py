"""What is due after filing: due dates from a date the person enters, or from "reply within N days"
counted from a letter's date (pure arithmetic, no Flask, no storage), said in the current language.

A letter's date may be remembered only as a month, a season or a year (`ApproxDate`). A reply
period counted from such a date could end on any day of a span, so a `DueDate` is a span: its
`earliest` day is the one that matters for a deadline (the first day it could fall due), and it is
what due items sort on. An exact date gives a span of one day.

Months are counted as the calendar does: one month after 31 January is the last day of February
(28 or 29), one month after 29 February is 29 March. Weeks are seven days.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from complaint_helper.i18n import gettext as _
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.dates import describe_day as describe_day  # documents read it here

Unit = Literal["days", "weeks", "months"]
UNITS: tuple[Unit, ...] = ("days", "weeks", "months")
# A reply period longer than this is almost certainly a slip of the keyboard.
MOST_DAYS = 3660
MOST_OF_UNIT: dict[Unit, int] = {"days": MOST_DAYS, "weeks": MOST_DAYS // 7, "months": 120}


def add_period(start: date, count: int, unit: Unit) -> date:
    """`start` moved on by `count` days, weeks or calendar months (month ends kept)."""
    if unit == "days":
        return start + timedelta(days=count)
    if unit == "weeks":
        return start + timedelta(weeks=count)
    months = start.month - 1 + count
    year, month = start.year + months // 12, months % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class DueDate:
    """The span of days something could fall due on; `earliest == latest` for an exact day."""

    earliest: date
    latest: date

    @property
    def is_exact(self) -> bool:
        return self.earliest == self.latest

    def describe(self) -> str:
        if self.is_exact:
            return describe_day(self.earliest)
        return _(
            "%(earliest)s at the earliest (it could be as late as %(latest)s)",
            earliest=describe_day(self.earliest),
            latest=describe_day(self.latest),
        )


def due_on(entered: ApproxDate) -> DueDate | None:
    """A due date the person entered ("by 4 March", "some time in March"); None if not known."""
    if entered.is_range and entered.until is not None:
        entered = ApproxDate(
            entered.granularity, entered.year, entered.month, entered.day, entered.season
        )
    first, last = entered.earliest(), entered.latest()
    if first is None or last is None or entered.year is None:
        return None
    return DueDate(first, last)


def due_after(letter_date: ApproxDate, count: int, unit: Unit) -> DueDate | None:
    """The due date of "reply within `count` `unit`" counted from a letter's date; None when the
    letter's date (or its year) is not known."""
    if letter_date.year is None:
        return None
    first, last = letter_date.earliest(), letter_date.latest()
    if first is None or last is None:
        return None
    return DueDate(add_period(first, count, unit), add_period(last, count, unit))


@dataclass(frozen=True)
class DueItem:
    """One thing to do by a date, for one place the complaint went (no text beyond the label)."""

    due: DueDate
    filing_id: str
    entry_id: str
    label: str  # the place and what arrived, as the person wrote them


def upcoming(items: Iterable[DueItem]) -> list[DueItem]:
    """Due items, the next first (by the first day each could fall due, then the last)."""
    return sorted(items, key=lambda item: (item.due.earliest, item.due.latest))


def next_due(items: Sequence[DueItem], today: date, limit: int = 3) -> list[DueItem]:
    """The first `limit` due items from today on, then any whose date has passed (plainly last:
    they may well be dealt with already)."""
    ordered = upcoming(items)
    ahead = [item for item in ordered if item.due.latest >= today]
    behind = [item for item in ordered if item.due.latest < today]
    return [*ahead, *behind][:limit]
