"""Dates, due dates, file sizes and the interview's own error sentences, said in Spanish.

Month names come from Babel's locale data; every way of saying a date is one whole phrase from the
`interview` catalog, so "around" agrees with the season ("alrededor de la primavera", "alrededor
del verano"). English stays the default and says exactly what it said before.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from complaint_helper.i18n import PSEUDO_LANGUAGE, use_language
from complaint_helper.interview.calendar_file import calendar_file
from complaint_helper.interview.dates import ApproxDate, DateError, month_name
from complaint_helper.interview.due_dates import DueDate, due_after
from complaint_helper.interview.evidence_files import describe_size
from complaint_helper.interview.steps import step
from complaint_helper.interview.validation import read_questions

TODAY = date(2026, 11, 22)
THERAPY = step("therapy").questions


@pytest.mark.parametrize(
    ("when", "english", "spanish"),
    [
        (ApproxDate.exact(2021, 6, 14), "14 June 2021", "14 de junio de 2021"),
        (ApproxDate.of_month(2021, 5, circa=True), "around May 2021", "alrededor de mayo de 2021"),
        (ApproxDate.of_month(2021, 5), "May 2021", "mayo de 2021"),
        (ApproxDate.of_season(2020, "spring"), "spring 2020", "primavera de 2020"),
        (
            ApproxDate.of_season(2020, "spring", circa=True),
            "around spring 2020",
            "alrededor de la primavera de 2020",
        ),
        (
            ApproxDate.of_season(2021, "summer", circa=True),
            "around summer 2021",
            "alrededor del verano de 2021",
        ),
        (ApproxDate.of_season(2019, "autumn"), "autumn 2019", "otoño de 2019"),
        (ApproxDate.of_year(2021), "2021", "2021"),
        (ApproxDate.of_year(2021, circa=True), "around 2021", "alrededor de 2021"),
        (
            ApproxDate.of_year(2021).to(ApproxDate.of_year(2022)),
            "from 2021 to 2022",
            "de 2021 a 2022",
        ),
        (
            ApproxDate.of_month(2021, 3).to(ApproxDate.of_month(2022, 10, circa=True)),
            "from March 2021 to around October 2022",
            "de marzo de 2021 a alrededor de octubre de 2022",
        ),
        (
            ApproxDate().to(ApproxDate.of_year(2022)),
            "from a date not remembered to 2022",
            "de una fecha que no recuerdo a 2022",
        ),
        (ApproxDate(), "I don't remember", "No recuerdo"),
        (
            ApproxDate(granularity="season", season="winter"),
            "winter (year not remembered)",
            "invierno (no recuerdo el año)",
        ),
        (
            ApproxDate(granularity="exact", month=6, day=14, circa=True),
            "around 14 June (year not remembered)",
            "alrededor del 14 de junio (no recuerdo el año)",
        ),
    ],
)
def test_a_date_is_said_in_the_current_language(
    when: ApproxDate, english: str, spanish: str
) -> None:
    assert when.describe() == english
    with use_language("es"):
        assert when.describe() == spanish
    assert when.describe() == english  # the language is back to the default after the block


def test_month_names_come_from_babel_in_the_current_language() -> None:
    assert [month_name(1), month_name(12)] == ["January", "December"]
    with use_language("es"):
        assert [month_name(1), month_name(12)] == ["enero", "diciembre"]


def test_due_dates_and_file_sizes_are_said_in_spanish() -> None:
    span = due_after(ApproxDate.of_month(2027, 2), 30, "days")
    assert span is not None
    with use_language("es"):
        assert DueDate(date(2027, 3, 4), date(2027, 3, 4)).describe() == "4 de marzo de 2027"
        assert span.describe() == (
            "3 de marzo de 2027 como muy pronto (podría ser hasta el 30 de marzo de 2027)"
        )
        assert describe_size(int(2.4 * 1024 * 1024)) == "2,4 MB"


def test_the_calendar_file_s_default_title_follows_the_language() -> None:
    due = DueDate(date(2027, 3, 4), date(2027, 3, 4))
    stamp = datetime(2027, 1, 1, tzinfo=UTC)
    with use_language("es"):
        spanish = calendar_file(due, "  ", uid="a@localhost", stamp=stamp).decode()
    assert "SUMMARY:Recordatorio\r\n" in spanish
    assert "SUMMARY:Reminder\r\n" in calendar_file(due, "", uid="a@localhost", stamp=stamp).decode()


@pytest.mark.parametrize(
    ("form", "spanish"),
    [
        ({"started-year": ["2031"]}, "Esa fecha está en el futuro. Escriba una fecha hasta hoy."),
        ({"started-year": ["1850"]}, "Escriba un año posterior a 1900."),
        (
            {"started-day": ["30"], "started-month": ["2"], "started-year": ["2023"]},
            "El mes de febrero de 2023 no tiene día 30.",
        ),
        ({"started-year": ["20x1"]}, "Escriba el año con cuatro cifras, por ejemplo 2021."),
        (
            {"started-month": ["3"], "started-season": ["summer"]},
            "Elija un mes o una estación, no los dos.",
        ),
        ({"state": ["ZZ"]}, "Elija un estado de la lista."),
    ],
)
def test_the_interview_s_error_sentences_are_spanish(
    form: dict[str, list[str]], spanish: str
) -> None:
    with use_language("es"):
        result = read_questions(THERAPY, form, today=TODAY)
    assert [error.message for error in result.errors] == [spanish]


def test_a_date_error_raised_in_spanish_keeps_its_sentence() -> None:
    with use_language("es"), pytest.raises(DateError, match="El final del período"):
        ApproxDate.of_year(2022).to(ApproxDate.of_year(2020)).check(TODAY)


def test_every_date_phrase_passes_through_the_catalog() -> None:
    """In the test pseudo-language every phrase and Babel's month names come back marked."""
    with use_language(PSEUDO_LANGUAGE):
        assert ApproxDate.of_month(2021, 5, circa=True).describe() == "⟦around ⟦May⟧ 2021⟧"
        assert ApproxDate.of_season(2020, "spring").describe() == "⟦spring 2020⟧"
        assert month_name(5) == "⟦May⟧"
