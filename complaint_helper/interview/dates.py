"""Approximate dates: how people actually remember when things happened.

A survivor may know the exact day of one event, only "summer 2021" for another, and nothing at all
for a third. `ApproxDate` holds any of these without forcing false precision: an exact day, a month,
a season, a year, "I don't remember", optionally "around", optionally as a range ("from March 2021
to October 2022"). A day, month or season may be remembered without its year ("summer, year not
remembered"): `year` is then None, and such a date sorts with the dates not remembered.

Seasons follow the northern-hemisphere meteorological convention (spring = March-May, summer = June-
August, autumn = September-November, winter = December-February). "Winter 2019" is read as January-
February 2019 (the start of that year), which matches how people usually say it of the turn of a
year.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, cast

Granularity = Literal["exact", "month", "season", "year", "unknown"]
GRANULARITIES: tuple[Granularity, ...] = ("exact", "month", "season", "year", "unknown")
Season = Literal["winter", "spring", "summer", "autumn"]
SEASONS: tuple[Season, ...] = ("winter", "spring", "summer", "autumn")
SEASON_MONTHS: dict[Season, tuple[int, int]] = {
    "winter": (1, 2),
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
}
MONTH_NAMES: tuple[str, ...] = tuple(calendar.month_name[m] for m in range(1, 13))
EARLIEST_YEAR = 1900

DONT_REMEMBER = "I don't remember"
YEAR_NOT_REMEMBERED = "year not remembered"


class DateError(ValueError):
    """A date the person entered cannot be right (in the future, or an end before a start).

    The message is a sentence to show the person, next to the field.
    """


@dataclass(frozen=True)
class ApproxDate:
    """A point in time known only as precisely as the person remembers it, or a range of two such
    points.
    """

    granularity: Granularity = "unknown"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: Season | None = None
    circa: bool = False
    until: ApproxDate | None = None

    # -- construction -----------------------------------------------------------------------------
    @classmethod
    def unknown(cls) -> ApproxDate:
        return cls()

    @classmethod
    def exact(cls, year: int, month: int, day: int) -> ApproxDate:
        return cls(granularity="exact", year=year, month=month, day=day)

    @classmethod
    def of_month(cls, year: int, month: int, *, circa: bool = False) -> ApproxDate:
        return cls(granularity="month", year=year, month=month, circa=circa)

    @classmethod
    def of_season(cls, year: int, season: Season, *, circa: bool = False) -> ApproxDate:
        return cls(granularity="season", year=year, season=season, circa=circa)

    @classmethod
    def of_year(cls, year: int, *, circa: bool = False) -> ApproxDate:
        return cls(granularity="year", year=year, circa=circa)

    def to(self, end: ApproxDate) -> ApproxDate:
        """This date as the start of a range ending at `end`."""
        return ApproxDate(
            granularity=self.granularity,
            year=self.year,
            month=self.month,
            day=self.day,
            season=self.season,
            circa=self.circa,
            until=end,
        )

    # -- meaning ----------------------------------------------------------------------------------
    @property
    def is_known(self) -> bool:
        return self.granularity != "unknown"

    @property
    def is_range(self) -> bool:
        return self.until is not None

    def earliest(self) -> date | None:
        """The first day this date could mean, or None when not remembered."""
        if self.granularity == "unknown" or self.year is None:
            return None
        if self.granularity == "exact" and self.month and self.day:
            return date(self.year, self.month, self.day)
        if self.granularity == "month" and self.month:
            return date(self.year, self.month, 1)
        if self.granularity == "season" and self.season:
            return date(self.year, SEASON_MONTHS[self.season][0], 1)
        return date(self.year, 1, 1)

    def latest(self) -> date | None:
        """The last day this date (or, for a range, its end) could mean."""
        if self.until is not None and self.until.is_known:
            return self.until.latest()
        if self.granularity == "unknown" or self.year is None:
            return None
        if self.granularity == "exact" and self.month and self.day:
            return date(self.year, self.month, self.day)
        if self.granularity == "month" and self.month:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        if self.granularity == "season" and self.season:
            last = SEASON_MONTHS[self.season][1]
            return date(self.year, last, calendar.monthrange(self.year, last)[1])
        return date(self.year, 12, 31)

    def sort_key(self) -> tuple[int, int, int]:
        """Order events sensibly: by earliest possible day, then latest; unremembered dates last."""
        first, last = self.earliest(), self.latest()
        if first is None or last is None:
            return (1, 0, 0)
        return (0, first.toordinal(), last.toordinal())

    def describe(self) -> str:
        """Plain words for review and document: "around October 2022", "summer 2021"."""
        if self.until is not None:
            if not self.is_known and not self.until.is_known:
                return DONT_REMEMBER
            start = self._describe_point() if self.is_known else "a date not remembered"
            end = self.until._describe_point() if self.until.is_known else "a date not remembered"
            return f"from {start} to {end}"
        return self._describe_point()

    def _describe_point(self) -> str:
        around = "around " if self.circa else ""
        year = f" {self.year}" if self.year else f" ({YEAR_NOT_REMEMBERED})"
        if self.granularity == "exact" and self.month and self.day:
            return f"{around}{self.day} {MONTH_NAMES[self.month - 1]}{year}"
        if self.granularity == "month" and self.month:
            return f"{around}{MONTH_NAMES[self.month - 1]}{year}"
        if self.granularity == "season" and self.season:
            return f"{around}{self.season}{year}"
        if self.granularity == "year" and self.year:
            return f"{around}{self.year}"
        return DONT_REMEMBER

    # -- checks -----------------------------------------------------------------------------------
    def check(self, today: date) -> None:
        """Raise DateError if this date cannot be right; only what protects the person."""
        for point in (self, self.until):
            if point is None or not point.is_known:
                continue
            first = point.earliest()
            if point.year is not None and point.year < EARLIEST_YEAR:
                raise DateError(f"Enter a year after {EARLIEST_YEAR}.")
            if first is not None and first > today:
                raise DateError("That date is in the future. Enter a date up to today.")
        if self.until is not None and self.is_known and self.until.is_known:
            start, end = self.earliest(), self.until.latest()
            if start is not None and end is not None and end < start:
                raise DateError("The end of the range is before its start.")

    # -- storage ----------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"granularity": self.granularity}
        for key in ("year", "month", "day", "season"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.circa:
            data["circa"] = True
        if self.until is not None:
            data["until"] = self.until.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: object) -> ApproxDate:
        """Rebuild from storage; anything malformed becomes "not remembered", not an error."""
        if not isinstance(data, dict):
            return cls()
        granularity = data.get("granularity")
        if granularity not in GRANULARITIES:
            return cls()
        season = data.get("season")
        until = data.get("until")
        try:
            built = cls(
                granularity=cast(Granularity, granularity),
                year=_int_or_none(data.get("year")),
                month=_int_or_none(data.get("month")),
                day=_int_or_none(data.get("day")),
                season=cast(Season, season) if season in SEASONS else None,
                circa=bool(data.get("circa", False)),
                until=cls.from_dict(until) if isinstance(until, dict) else None,
            )
            # Validates the month and day, also when the year is not remembered (a leap year
            # stands in, so 29 February is allowed).
            date(built.year or 2000, built.month or 1, built.day or 1)
        except (TypeError, ValueError):
            return cls()
        return built


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value
