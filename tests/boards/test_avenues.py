"""Other avenues and time limits (complaint_helper.support): one definition, true to the law."""

from __future__ import annotations

from datetime import date

import pytest

from complaint_helper.boards import STATES, load_directory
from complaint_helper.boards.law import law_for
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.support import (
    avenue_lines,
    avenues_for_wishes,
    other_avenues,
    time_limit_notes,
)

TODAY = date(2026, 12, 4)


def _police(state: str | None) -> str:
    return next(a.text for a in other_avenues(state) if a.key == "police")


def _lawyer(state: str | None) -> str:
    return next(a.text for a in other_avenues(state) if a.key == "lawyer")


@pytest.mark.parametrize("state", [*STATES, None])
def test_the_police_paragraph_never_makes_consent_the_question(state: str | None) -> None:
    text = _police(state)
    assert "without consent" not in text
    assert "without your consent" not in text
    facts = law_for(state) if state else None
    if facts is not None and facts.crime is not None and facts.crime.is_crime:
        assert facts.crime.statute in text
        assert f"In {facts.state_name}" in text
        if facts.crime.consent_is_defence is False:
            assert "does not matter whether you agreed" in text
    elif facts is not None:
        assert f"We could not confirm whether {facts.state_name}'s law" in text
        assert "even if the client agreed" in text


def test_wisconsin_says_it_is_a_crime_with_its_statute() -> None:
    text = _police("WI")
    assert (
        "a criminal law covers sexual contact between a therapist and a client: "
        "Wisconsin Statutes 940.22(2)" in text
    )
    assert "does not matter whether you agreed" in text


def test_a_narrower_statute_is_told_no_wider_than_it_reads() -> None:
    """Arizona's 13-1418 names sexual intercourse with a current client by licensed
    professionals, and says nothing of consent: the words claim no more."""
    text = _police("AZ")
    assert "Arizona Revised Statutes 13-1418" in text
    assert "sexual intercourse" in text
    assert "currently under their care" in text
    assert "does not matter whether you agreed" not in text
    assert "is a crime under" not in text


@pytest.mark.parametrize("state", ["IL", "OH", "WI"])
def test_the_lawyer_paragraph_names_the_civil_statute_where_known(state: str) -> None:
    civil = law_for(state).civil
    assert civil is not None
    text = _lawyer(state)
    assert civil.statute in text
    assert "could not confirm the time limit" in text


def test_the_lawyer_paragraph_without_a_known_statute_urges_asking_early() -> None:
    text = _lawyer("CA")
    assert "time limits" in text and "ask early" in text


def test_illinois_names_the_one_year_former_patient_rule() -> None:
    assert "within 1 year before the sexual contact" in _lawyer("IL")


def test_what_the_person_ticked_comes_first() -> None:
    asked, others = avenues_for_wishes("WI", ["board_complaint", "police", "attorney"])
    assert [a.key for a in asked] == ["police", "lawyer"]
    assert {a.key for a in others} == {"employer", "later_therapist", "ethics_committee", "support"}
    asked, _ = avenues_for_wishes("WI", ["support"])
    assert [a.key for a in asked] == ["later_therapist", "support"]


def test_no_avenue_says_too_late_or_gives_advice() -> None:
    for state in [*STATES, None]:
        for line in avenue_lines(state):
            assert "too late" not in line.lower()
            assert "you should" not in line.lower()


def _bhec() -> list:  # type: ignore[type-arg]
    return [load_directory().board("tx-bhec")]


@pytest.mark.parametrize(
    ("ended", "expected"),
    [
        (ApproxDate.of_month(2021, 5), "runs to about May 2028"),
        (ApproxDate.exact(2021, 5, 10), "runs to 10 May 2028"),
        (ApproxDate.of_month(2021, 5, circa=True), "runs to about May 2028"),
        (ApproxDate.of_season(2021, "summer"), "runs to about June 2028"),
        (ApproxDate.of_year(2021), "runs to about 2028"),
    ],
)
def test_a_known_limit_is_counted_from_the_persons_own_dates(
    ended: ApproxDate, expected: str
) -> None:
    (note, civil) = time_limit_notes("TX", _bhec(), ended, ongoing=False, today=TODAY)
    assert note.heading == "Texas Behavioral Health Executive Council"
    assert expected in note.text
    assert "7 years" in note.text and "sexual misconduct" in note.text
    assert "confirm with the board" in note.text
    assert (
        note.source is not None
        and note.source.url == "https://bhec.texas.gov/complaints-enforcement-faqs"
    )
    assert "could not confirm the time limit for a civil claim in Texas" in civil.text


def test_a_limit_whose_date_has_passed_never_says_too_late() -> None:
    (note, _) = time_limit_notes(
        "TX", _bhec(), ApproxDate.of_month(2015, 3), ongoing=False, today=TODAY
    )
    assert "would have run to about March 2022" in note.text
    assert "you can still file and ask" in note.text
    assert "too late" not in note.text.lower()


def test_ongoing_sessions_and_unknown_dates_are_said_plainly() -> None:
    (ongoing, _) = time_limit_notes("TX", _bhec(), ApproxDate(), ongoing=True, today=TODAY)
    assert "has not started to run" in ongoing.text
    (unknown, _) = time_limit_notes("TX", _bhec(), ApproxDate(), ongoing=False, today=TODAY)
    assert "did not give the date your sessions ended" in unknown.text
    assert "ask early" in unknown.text


def test_a_board_without_a_known_limit_is_told_kindly_to_ask_early() -> None:
    board = load_directory().board("ca-psychology")
    (note, civil) = time_limit_notes(
        "CA", [board], ApproxDate.of_month(2022, 10), ongoing=False, today=TODAY
    )
    assert note.text.startswith("We could not confirm a time limit for complaints to this board")
    assert "ask the board early" in note.text
    assert note.source is None
    assert civil.heading == "A civil claim"


def test_a_board_that_states_no_limit_for_sexual_misconduct_says_so() -> None:
    board = load_directory().board("md-physicians")
    (note, _) = time_limit_notes(
        "MD", [board], ApproxDate.of_month(2010, 1), ongoing=False, today=TODAY
    )
    assert "no time limit for complaints of sexual misconduct" in note.text


def test_a_later_therapists_duty_is_named_where_it_was_read() -> None:
    california = next(a for a in other_avenues("CA") if a.key == "later_therapist")
    assert "Business and Professions Code 728" in california.text
    assert "Therapy Never Includes Sexual Behavior" in california.text
    assert california.sources[0].url.startswith("https://www.psychology.ca.gov/")
    elsewhere = next(a for a in other_avenues("NY") if a.key == "later_therapist")
    assert elsewhere.sources == () and "the law says" not in elsewhere.text
