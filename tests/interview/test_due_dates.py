"""Due-date arithmetic (interview.due_dates): month ends, leap days, weeks, approximate letter
dates, entered due dates, ordering; and the calendar file for one date (interview.calendar_file)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from complaint_helper.interview.calendar_file import calendar_file
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.due_dates import (
    DueDate,
    DueItem,
    add_period,
    due_after,
    due_on,
    next_due,
    upcoming,
)


@pytest.mark.parametrize(
    ("start", "count", "unit", "expected"),
    [
        (date(2027, 1, 31), 1, "months", date(2027, 2, 28)),  # month end, common year
        (date(2028, 1, 31), 1, "months", date(2028, 2, 29)),  # month end, leap year
        (date(2028, 2, 29), 12, "months", date(2029, 2, 28)),  # leap day, a year on
        (date(2028, 2, 29), 48, "months", date(2032, 2, 29)),  # leap day to leap day
        (date(2027, 3, 31), 1, "months", date(2027, 4, 30)),
        (date(2027, 11, 30), 3, "months", date(2028, 2, 29)),  # across a year into a leap Feb
        (date(2027, 12, 15), 30, "days", date(2028, 1, 14)),  # across a year
        (date(2028, 2, 15), 30, "days", date(2028, 3, 16)),  # through 29 February
        (date(2027, 2, 15), 30, "days", date(2027, 3, 17)),  # no 29 February
        (date(2027, 12, 28), 2, "weeks", date(2028, 1, 11)),
    ],
)
def test_periods_follow_the_calendar(start: date, count: int, unit: str, expected: date) -> None:
    assert add_period(start, count, unit) == expected  # type: ignore[arg-type]


def test_a_reply_period_from_an_exact_letter_date_is_one_day() -> None:
    due = due_after(ApproxDate.exact(2028, 1, 31), 30, "days")
    assert due == DueDate(date(2028, 3, 1), date(2028, 3, 1))
    assert due is not None and due.is_exact and due.describe() == "1 March 2028"


def test_a_reply_period_from_an_approximate_letter_date_is_a_span_from_its_earliest_day() -> None:
    month = due_after(ApproxDate.of_month(2028, 2), 30, "days")
    assert month == DueDate(date(2028, 3, 2), date(2028, 3, 30))  # February 2028 has 29 days
    assert month is not None and month.describe().startswith("2 March 2028 at the earliest")
    season = due_after(ApproxDate.of_season(2027, "winter"), 1, "months")
    assert season == DueDate(date(2027, 2, 1), date(2027, 3, 28))
    year = due_after(ApproxDate.of_year(2027, circa=True), 2, "weeks")
    assert year == DueDate(date(2027, 1, 15), date(2028, 1, 14))


def test_no_due_date_from_a_letter_date_not_remembered() -> None:
    assert due_after(ApproxDate.unknown(), 30, "days") is None
    no_year = ApproxDate(granularity="month", month=3)
    assert due_after(no_year, 30, "days") is None


def test_an_entered_due_date_may_be_approximate() -> None:
    assert due_on(ApproxDate.exact(2028, 2, 29)) == DueDate(date(2028, 2, 29), date(2028, 2, 29))
    assert due_on(ApproxDate.of_month(2027, 2)) == DueDate(date(2027, 2, 1), date(2027, 2, 28))
    assert due_on(ApproxDate.unknown()) is None


def test_due_items_come_next_first_and_past_ones_last() -> None:
    def item(name: str, first: date, last: date | None = None) -> DueItem:
        return DueItem(DueDate(first, last or first), "f", name, name)

    items = [
        item("later", date(2027, 6, 1)),
        item("passed", date(2027, 1, 2)),
        item("soon", date(2027, 3, 1)),
        item("span", date(2027, 3, 1), date(2027, 3, 31)),
    ]
    assert [i.label for i in upcoming(items)] == ["passed", "soon", "span", "later"]
    today = date(2027, 2, 1)
    assert [i.label for i in next_due(items, today)] == ["soon", "span", "later"]
    assert [i.label for i in next_due(items, today, limit=10)][-1] == "passed"


def test_the_calendar_file_holds_one_all_day_event_and_the_title_alone() -> None:
    data = calendar_file(
        DueDate(date(2028, 2, 29), date(2028, 3, 2)),
        "Call; back, \\ soon\nplease " + "é" * 80,
        uid="abc@localhost",
        stamp=datetime(2027, 1, 2, 3, 4, 5, tzinfo=UTC),
    )
    text = data.decode("utf-8")
    lines = text.split("\r\n")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20280229" in unfolded
    assert "DTEND;VALUE=DATE:20280301" in unfolded
    assert "SUMMARY:Call\\; back\\, \\\\ soon please " + "é" * 80 in unfolded
    assert unfolded.count("BEGIN:VEVENT") == 1
    assert "DESCRIPTION" not in unfolded and "LOCATION" not in unfolded
    blank = calendar_file(
        DueDate(date(2028, 1, 1), date(2028, 1, 1)),
        "  ",
        uid="u",
        stamp=datetime(2027, 1, 1, tzinfo=UTC),
    )
    assert b"SUMMARY:Reminder\r\n" in blank
