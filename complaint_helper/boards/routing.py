"""Routing: which board(s) take a complaint, given where the client was and the license held.

The client's state during sessions decides; a professional who practised from another state by
telehealth adds that state's board too. Where we cannot tell, we say so plainly and point to the
license look-up (the other avenues beside the board are complaint_helper.support's). Routing never
invents a board: only checked records are used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from complaint_helper.boards.directory import Directory, load_directory
from complaint_helper.boards.schema import Board
from complaint_helper.vocabulary import (
    DEGREE_BY_KEY,
    DEGREES,
    PROFESSION_BY_KEY,
    ROUTABLE_PROFESSIONS,
    STATES,
    UNCERTAIN_PROFESSIONS,
)

# Licenses a talk therapist with an unusual title most often holds (used for "other").
_TALK_THERAPY: tuple[str, ...] = ("psychologist", "counselor", "social_worker", "mft")


def _noun(profession: str) -> str:
    terms = PROFESSION_BY_KEY.get(profession)
    return terms.noun if terms else "professional"


@dataclass(frozen=True)
class RoutedBoard:
    """A board the person may file with, and in plain words why."""

    board: Board
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {**self.board.to_json(), "reason": self.reason}


@dataclass(frozen=True)
class Routing:
    """The outcome: boards (maybe none), what is uncertain, and where to look licenses up."""

    boards: tuple[RoutedBoard, ...]
    explanation: str | None
    lookup_urls: tuple[str, ...]


def route_to_boards(
    state: str,
    profession: str,
    degree: str | None = None,
    telehealth_state: str | None = None,
    *,
    directory: Directory | None = None,
) -> Routing:
    """Route a complaint. Raises ValueError for a state code or degree that does not exist."""
    directory = load_directory() if directory is None else directory
    state = _state_code(state)
    remote = None if telehealth_state is None else _state_code(telehealth_state)
    if remote == state:
        remote = None
    if degree is not None:
        degree = degree.lower()
        if degree not in DEGREES:
            raise ValueError(f"degree must be one of {', '.join(DEGREES)}")
    if profession != "psychiatrist":
        degree = None

    noun = _noun(profession)
    explanations: list[str] = []
    routed: list[RoutedBoard] = []

    if profession not in ROUTABLE_PROFESSIONS:
        explanations.append(
            "We don't recognise that kind of professional, so we can't name a board. "
            "The license look-up shows which board, if any, licensed them."
        )
        local: list[Board] = []
    else:
        local = _matching(directory.boards_in(state), profession, degree)
        routed.extend(
            RoutedBoard(board, _local_reason(board, profession, degree, state, remote, local))
            for board in local
        )
        explanations.extend(_explain(profession, degree, state, local))

    if remote is not None and profession in ROUTABLE_PROFESSIONS:
        distant = _matching(directory.boards_in(remote), profession, degree)
        seen = {item.board.id for item in routed}
        routed.extend(
            RoutedBoard(board, _remote_reason(board, profession, degree, state, remote, distant))
            for board in distant
            if board.id not in seen
        )
        if not distant:
            explanations.append(
                f"We have no checked board for a {noun} in {STATES[remote]} yet. "
                f"If they are licensed in {STATES[remote]}, that state's license look-up shows "
                "which board issued the license."
            )

    lookup_states = [state] if remote is None else [state, remote]
    return Routing(
        boards=tuple(routed),
        explanation=" ".join(explanations) or None,
        lookup_urls=_lookup_urls(directory, routed, lookup_states),
    )


def _state_code(state: str) -> str:
    code = state.strip().upper()
    if code not in STATES:
        raise ValueError(f"{state!r} is not a US state code (two letters, such as CA or DC)")
    return code


def _matching(boards: list[Board], profession: str, degree: str | None) -> list[Board]:
    if profession == "not_sure":
        return boards
    wanted = _TALK_THERAPY if profession == "other" else (profession,)
    found = [board for board in boards if any(key in board.professions for key in wanted)]
    if degree is not None:
        found = [board for board in found if board.degrees is None or degree in board.degrees]
    return found


def _titles(board: Board, profession: str) -> str:
    """'this license (X)' or 'these licenses (X, Y)', for the reason sentence."""
    if profession in board.professions:
        titles = list(board.professions[profession])
    else:
        titles = board.covers()
    if len(titles) == 1:
        return f"this license ({titles[0]})"
    return f"these licenses ({', '.join(titles)})"


def _local_reason(
    board: Board,
    profession: str,
    degree: str | None,
    state: str,
    remote: str | None,
    local: list[Board],
) -> str:
    reason = (
        f"You were in {STATES[state]} during sessions. In {STATES[state]}, the {board.name} "
        f"takes complaints about {_titles(board, profession)}."
    )
    reason += _degree_hint(board, profession, degree, local)
    if remote is not None:
        reason += f" The professional practised from {STATES[remote]}: you may file with both."
    return reason


def _remote_reason(
    board: Board, profession: str, degree: str | None, state: str, remote: str, same: list[Board]
) -> str:
    noun = _noun(profession)
    return (
        f"You were in {STATES[state]} during sessions; the {noun} practised from "
        f"{STATES[remote]}: you may file with both. If they are licensed in {STATES[remote]}, "
        f"the {board.name} takes complaints about that license."
    ) + _degree_hint(board, profession, degree, same)


def _degree_hint(board: Board, profession: str, degree: str | None, same: list[Board]) -> str:
    """Where one state splits MDs and DOs and we don't know which, say which board is which."""
    split = sum(1 for item in same if item.degrees is not None) > 1
    if profession != "psychiatrist" or degree is not None or not board.degrees or not split:
        return ""
    return (
        f" If the psychiatrist is {DEGREE_BY_KEY[board.degrees[0]].words}, this is the board to "
        "use; the license look-up shows which they are."
    )


def _explain(profession: str, degree: str | None, state: str, local: list[Board]) -> list[str]:
    name = STATES[state]
    if not local:
        what = (
            "a psychiatrist who is " + DEGREE_BY_KEY[degree].words
            if degree
            else (
                "this kind of professional"
                if profession in UNCERTAIN_PROFESSIONS
                else f"a {_noun(profession)}"
            )
        )
        return [
            f"We have no checked board for {what} in {name} yet, so we won't guess one. "
            "The state's license look-up shows which board issued the license; that board "
            "takes complaints."
        ]
    if profession == "not_sure":
        return [
            f"You weren't sure what license the professional held. These are the {name} boards "
            "for mental-health licenses; you only need the one that licensed them, and the "
            "license look-up shows which it is."
        ]
    if profession == "other":
        return [
            f"Someone with another title may still hold a license. These {name} boards license "
            "most talk therapists; look the person up first. If they held no license, the other "
            "places listed here may help."
        ]
    if profession == "psychiatrist" and degree is None and len(local) > 1:
        return [
            f"{name} licenses MDs and DOs through separate boards. If you don't know which the "
            "psychiatrist is, the license look-up or their letterhead shows it."
        ]
    return []


def _lookup_urls(
    directory: Directory, routed: list[RoutedBoard], states: list[str]
) -> tuple[str, ...]:
    urls: list[str] = []
    candidates = [item.board for item in routed]
    for state in states:
        candidates.extend(directory.boards_in(state))
    for board in candidates:
        if board.license_lookup_url and board.license_lookup_url not in urls:
            urls.append(board.license_lookup_url)
    return tuple(urls)
