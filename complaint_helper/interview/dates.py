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

Dates are said in the current language (`complaint_helper.i18n`): month names come from Babel's
locale data, and every way of saying a date ("around May 2021", "spring 2020 (year not
remembered)", "from 2021 to 2022") is one whole translatable phrase with placeholders, so each
language can order the words, add its own prepositions and agree "around" with a season's gender
("alrededor de la primavera", "alrededor del verano").
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Literal, cast

from babel.dates import get_month_names

from complaint_helper.i18n import (
    PSEUDO_CLOSE,
    PSEUDO_LANGUAGE,
    PSEUDO_OPEN,
    babel_locale,
    current_language,
    lazy_pgettext,
    pgettext,
)
from complaint_helper.i18n import gettext as _

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
EARLIEST_YEAR = 1900


def month_name(month: int) -> str:
    """The name of month 1-12 in the current language, as Babel's locale data spells it when it
    stands alone ("June", "junio")."""
    return _month(month, "stand-alone")


def _month(month: int, context: Literal["format", "stand-alone"]) -> str:
    """Babel's month name; in the test pseudo-language marked like translated text, so a test
    that looks for words never translated sees that this one was. Inside a date the name takes
    the "format" context (some languages inflect it there)."""
    name = str(get_month_names("wide", context=context, locale=babel_locale())[month])
    return f"{PSEUDO_OPEN}{name}{PSEUDO_CLOSE}" if current_language() == PSEUDO_LANGUAGE else name


# How a remembered point in time is said: one whole phrase per precision, "around" or not, year
# remembered or not (and per season, so that a language can agree the words with it). Keys:
# (granularity or season, around, year remembered). Placeholders: %(day)s, %(month)s, %(year)s.
# The context "date" keeps these phrases apart from the same English words in other catalogs.
_PHRASES: Final[dict[tuple[str, bool, bool], str]] = {
    ("exact", False, True): lazy_pgettext("date", "%(day)s %(month)s %(year)s"),
    ("exact", True, True): lazy_pgettext("date", "around %(day)s %(month)s %(year)s"),
    ("exact", False, False): lazy_pgettext("date", "%(day)s %(month)s (year not remembered)"),
    ("exact", True, False): lazy_pgettext("date", "around %(day)s %(month)s (year not remembered)"),
    ("month", False, True): lazy_pgettext("date", "%(month)s %(year)s"),
    ("month", True, True): lazy_pgettext("date", "around %(month)s %(year)s"),
    ("month", False, False): lazy_pgettext("date", "%(month)s (year not remembered)"),
    ("month", True, False): lazy_pgettext("date", "around %(month)s (year not remembered)"),
    ("winter", False, True): lazy_pgettext("date", "winter %(year)s"),
    ("winter", True, True): lazy_pgettext("date", "around winter %(year)s"),
    ("winter", False, False): lazy_pgettext("date", "winter (year not remembered)"),
    ("winter", True, False): lazy_pgettext("date", "around winter (year not remembered)"),
    ("spring", False, True): lazy_pgettext("date", "spring %(year)s"),
    ("spring", True, True): lazy_pgettext("date", "around spring %(year)s"),
    ("spring", False, False): lazy_pgettext("date", "spring (year not remembered)"),
    ("spring", True, False): lazy_pgettext("date", "around spring (year not remembered)"),
    ("summer", False, True): lazy_pgettext("date", "summer %(year)s"),
    ("summer", True, True): lazy_pgettext("date", "around summer %(year)s"),
    ("summer", False, False): lazy_pgettext("date", "summer (year not remembered)"),
    ("summer", True, False): lazy_pgettext("date", "around summer (year not remembered)"),
    ("autumn", False, True): lazy_pgettext("date", "autumn %(year)s"),
    ("autumn", True, True): lazy_pgettext("date", "around autumn %(year)s"),
    ("autumn", False, False): lazy_pgettext("date", "autumn (year not remembered)"),
    ("autumn", True, False): lazy_pgettext("date", "around autumn (year not remembered)"),
    ("year", True, True): lazy_pgettext("date", "around %(year)s"),
}


def dont_remember() -> str:
    """What a date not remembered reads as."""
    return _("I don't remember")


def describe_day(day: date) -> str:
    """A calendar day in words, as the documents and due dates write it: "4 March 2027"."""
    return ApproxDate.exact(day.year, day.month, day.day).describe()


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
        """Plain words for review and document, in the current language: "around October 2022",
        "summer 2021", "from 2021 to 2022" ("alrededor de octubre de 2022", "verano de 2021",
        "de 2021 a 2022")."""
        if self.until is not None:
            if not self.is_known and not self.until.is_known:
                return dont_remember()
            start, end = self.range_ends()
            return pgettext("date", "from %(start)s to %(end)s", start=start, end=end)
        return self._describe_point()

    def range_ends(self) -> tuple[str, str]:
        """A range's start and end in words, each "a date not remembered" when it is not."""
        end = self.until if self.until is not None else ApproxDate()
        return (
            self._describe_point() if self.is_known else pgettext("date", "a date not remembered"),
            end._describe_point() if end.is_known else pgettext("date", "a date not remembered"),
        )

    def _describe_point(self) -> str:
        has_year = bool(self.year)
        values = {"year": str(self.year or ""), "day": str(self.day or "")}
        if self.granularity == "exact" and self.month and self.day:
            values["month"] = _month(self.month, "format")
            return str(_PHRASES["exact", self.circa, has_year]) % values
        if self.granularity == "month" and self.month:
            values["month"] = _month(self.month, "format")
            return str(_PHRASES["month", self.circa, has_year]) % values
        if self.granularity == "season" and self.season:
            return str(_PHRASES[self.season, self.circa, has_year]) % values
        if self.granularity == "year" and self.year:
            return str(_PHRASES["year", True, True]) % values if self.circa else str(self.year)
        return dont_remember()

    # -- checks -----------------------------------------------------------------------------------
    def check(self, today: date) -> None:
        """Raise DateError if this date cannot be right; only what protects the person."""
        for point in (self, self.until):
            if point is None or not point.is_known:
                continue
            first = point.earliest()
            if point.year is not None and point.year < EARLIEST_YEAR:
                raise DateError(_("Enter a year after %(year)s.", year=str(EARLIEST_YEAR)))
            if first is not None and first > today:
                raise DateError(_("That date is in the future. Enter a date up to today."))
        if self.until is not None and self.is_known and self.until.is_known:
            start, end = self.earliest(), self.until.latest()
            if start is not None and end is not None and end < start:
                raise DateError(_("The end of the range is before its start."))

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
