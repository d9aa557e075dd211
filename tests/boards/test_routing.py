"""Routing: every state and profession gets boards or an explained no-board answer; known cases."""

from __future__ import annotations

import pytest

from complaint_helper.boards import (
    DEGREES,
    PROFESSIONS,
    ROUTABLE_PROFESSIONS,
    STATES,
    Directory,
    route_to_boards,
)
from complaint_helper.interview.steps import DEGREE_CHOICES, PROFESSION_CHOICES, STATE_CHOICES
from tests.stories import make_jordan, make_maya, make_priya, make_sam

COMBINATIONS = [
    (state, profession, None) for state in STATES for profession in ROUTABLE_PROFESSIONS
] + [(state, "psychiatrist", degree) for state in STATES for degree in DEGREES]


def test_every_combination_routes_or_explains(directory: Directory) -> None:
    """All 51 states x 6 professions (+ other, not sure, MD and DO): never silent, never empty."""
    assert len(COMBINATIONS) == 51 * (len(PROFESSIONS) + 2) + 51 * 2
    for state, profession, degree in COMBINATIONS:
        routing = route_to_boards(state, profession, degree, directory=directory)
        where = f"{state}/{profession}/{degree}"
        if not routing.boards:
            assert routing.explanation, where
        for item in routing.boards:
            assert item.board.state == state, where
            assert STATES[state] in item.reason, where


def test_routed_boards_cover_the_profession(directory: Directory) -> None:
    for state in STATES:
        for profession in PROFESSIONS:
            for item in route_to_boards(state, profession, directory=directory).boards:
                assert profession in item.board.professions


KNOWN = [
    # California's four-way split (plus the DO board)
    ("CA", "psychologist", None, None, ["ca-psychology"]),
    ("CA", "counselor", None, None, ["ca-bbs"]),
    ("CA", "social_worker", None, None, ["ca-bbs"]),
    ("CA", "mft", None, None, ["ca-bbs"]),
    ("CA", "psychiatrist", "md", None, ["ca-medical"]),
    ("CA", "psychiatrist", "do", None, ["ca-osteopathic"]),
    ("CA", "psychiatrist", None, None, ["ca-medical", "ca-osteopathic"]),
    ("CA", "psychiatric_nurse", None, None, ["ca-nursing"]),
    # New York: one umbrella office, physicians apart
    ("NY", "psychologist", None, None, ["ny-op"]),
    ("NY", "counselor", None, None, ["ny-op"]),
    ("NY", "social_worker", None, None, ["ny-op"]),
    ("NY", "mft", None, None, ["ny-op"]),
    ("NY", "psychiatric_nurse", None, None, ["ny-op"]),
    ("NY", "psychiatrist", None, None, ["ny-opmc"]),
    ("NY", "psychiatrist", "do", None, ["ny-opmc"]),
    # Texas: one combined behavioral-health council; one board for MDs and DOs
    ("TX", "psychologist", None, None, ["tx-bhec"]),
    ("TX", "counselor", None, None, ["tx-bhec"]),
    ("TX", "social_worker", None, None, ["tx-bhec"]),
    ("TX", "mft", None, None, ["tx-bhec"]),
    ("TX", "psychiatrist", "md", None, ["tx-medical"]),
    ("TX", "psychiatrist", "do", None, ["tx-medical"]),
    ("TX", "psychiatric_nurse", None, None, ["tx-nursing"]),
    # Oklahoma: separate osteopathic board
    ("OK", "psychologist", None, None, ["ok-psychology"]),
    ("OK", "psychiatrist", "do", None, ["ok-osteopathic"]),
    ("OK", "psychiatrist", "md", None, ["ok-medical"]),
    ("OK", "psychiatrist", None, None, ["ok-medical", "ok-osteopathic"]),
    ("OK", "social_worker", None, None, ["ok-social-work"]),
    ("OK", "psychiatric_nurse", None, None, ["ok-nursing"]),
    # Ohio
    ("OH", "counselor", None, None, ["oh-cswmft"]),
    ("OH", "social_worker", None, None, ["oh-cswmft"]),
    ("OH", "mft", None, None, ["oh-cswmft"]),
    ("OH", "psychologist", None, None, ["oh-psychology"]),
    ("OH", "psychiatrist", "do", None, ["oh-medical"]),
    ("OH", "psychiatrist", "md", None, ["oh-medical"]),
    # Telehealth across states
    ("TX", "psychiatrist", "do", "OK", ["tx-medical", "ok-osteopathic"]),
    ("TX", "psychiatrist", "md", "OK", ["tx-medical", "ok-medical"]),
    ("CA", "psychologist", None, "NY", ["ca-psychology", "ny-op"]),
    ("OH", "counselor", None, "OH", ["oh-cswmft"]),
    # Unsure or other professions
    ("OH", "not_sure", None, None, ["oh-cswmft", "oh-psychology", "oh-medical", "oh-nursing"]),
    (
        "CA",
        "not_sure",
        None,
        None,
        ["ca-psychology", "ca-bbs", "ca-medical", "ca-osteopathic", "ca-nursing"],
    ),
    ("OH", "other", None, None, ["oh-cswmft", "oh-psychology"]),
    # No checked board: explained, never invented
    ("OK", "counselor", None, None, []),
    ("OK", "mft", None, None, []),
    ("OH", "psychiatric_nurse", None, None, ["oh-nursing"]),
    ("TN", "psychologist", None, None, []),
    ("CA", "life_coach", None, None, []),
]


@pytest.mark.parametrize(
    ("state", "profession", "degree", "telehealth", "expected"),
    KNOWN,
    ids=[f"{s}-{p}-{d or 'any'}-{t or 'same'}" for s, p, d, t, _ in KNOWN],
)
def test_known_routing(
    directory: Directory,
    state: str,
    profession: str,
    degree: str | None,
    telehealth: str | None,
    expected: list[str],
) -> None:
    routing = route_to_boards(state, profession, degree, telehealth, directory=directory)
    assert [item.board.id for item in routing.boards] == expected
    if not expected:
        assert routing.explanation


def test_telehealth_reason_names_both_states(directory: Directory) -> None:
    routing = route_to_boards("TX", "psychiatrist", "do", "OK", directory=directory)
    local, remote = routing.boards
    assert "Texas" in local.reason and "Oklahoma" in local.reason
    assert "Texas" in remote.reason and "Oklahoma" in remote.reason
    assert "you may file with both" in remote.reason


def test_unknown_degree_says_how_to_tell_md_from_do(directory: Directory) -> None:
    routing = route_to_boards("CA", "psychiatrist", directory=directory)
    assert routing.explanation and "MD" in routing.explanation and "DO" in routing.explanation
    do_board = next(item for item in routing.boards if item.board.degrees == ("do",))
    assert "If the psychiatrist is a DO" in do_board.reason


def test_not_sure_states_the_uncertainty(directory: Directory) -> None:
    routing = route_to_boards("OH", "not_sure", directory=directory)
    assert routing.explanation and "weren't sure" in routing.explanation


def test_no_board_outcome_names_the_state(directory: Directory) -> None:
    routing = route_to_boards("OK", "counselor", directory=directory)
    assert routing.boards == ()
    assert routing.explanation and "Oklahoma" in routing.explanation
    assert "won't guess" in routing.explanation


def test_state_codes_are_case_insensitive(directory: Directory) -> None:
    lower = route_to_boards("ca", "psychologist", directory=directory)
    assert [item.board.id for item in lower.boards] == ["ca-psychology"]


def test_unknown_state_is_an_error(directory: Directory) -> None:
    with pytest.raises(ValueError, match="not a US state code"):
        route_to_boards("ZZ", "psychologist", directory=directory)


def test_unknown_degree_is_an_error(directory: Directory) -> None:
    with pytest.raises(ValueError, match="degree"):
        route_to_boards("CA", "psychiatrist", "phd", directory=directory)


def test_stories_route_as_the_stories_expect(directory: Directory) -> None:
    """shared/stories.md names the expected board for each fictional story."""
    maya, sam, jordan, priya = make_maya(), make_sam(), make_jordan(), make_priya(words=50)

    def ids(answers: object, telehealth: str | None = None) -> list[str]:
        state = answers.text("therapy", "state")  # type: ignore[attr-defined]
        profession = answers.text("professional", "profession")  # type: ignore[attr-defined]
        degree = answers.text("professional", "degree") or None  # type: ignore[attr-defined]
        routing = route_to_boards(state, profession, degree, telehealth, directory=directory)
        return [item.board.id for item in routing.boards]

    assert ids(maya) == ["ca-psychology"]
    assert ids(sam) == ["ny-op"]
    assert ids(jordan, jordan.text("therapy", "therapist_state")) == [
        "tx-medical",
        "ok-osteopathic",
    ]
    assert "oh-cswmft" in ids(priya)


def test_telehealth_board_says_which_degree_when_unknown(directory: Directory) -> None:
    routing = route_to_boards("TX", "psychiatrist", None, "OK", directory=directory)
    reasons = {item.board.id: item.reason for item in routing.boards}
    assert "If the psychiatrist is a DO" in reasons["ok-osteopathic"]
    assert "If the psychiatrist is an MD" in reasons["ok-medical"]
    assert "If the psychiatrist is" not in reasons["tx-medical"]


def test_every_interview_profession_degree_and_state_key_routes(directory: Directory) -> None:
    """The interview's choices are keyed from the one vocabulary routing reads: no key is lost."""
    professions = [choice.key for choice in PROFESSION_CHOICES]
    degrees = [choice.key for choice in DEGREE_CHOICES if choice.key != "not_sure"]
    states = [choice.key for choice in STATE_CHOICES]
    assert professions and degrees and len(states) == 51
    assert set(professions) == set(ROUTABLE_PROFESSIONS)
    assert set(degrees) == set(DEGREES)
    for state in states:
        for profession in professions:
            routing = route_to_boards(state, profession, directory=directory)
            assert "don't recognise" not in (routing.explanation or ""), (state, profession)
            assert routing.boards or routing.explanation, (state, profession)
        for degree in degrees:
            route_to_boards(state, "psychiatrist", degree, directory=directory)
