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
from complaint_helper.i18n import _, lazy_gettext
from complaint_helper.vocabulary import (
    DEGREES,
    ROUTABLE_PROFESSIONS,
    STATES,
    UNCERTAIN_PROFESSIONS,
)

# Licenses a talk therapist with an unusual title most often holds (used for "other").
_TALK_THERAPY: tuple[str, ...] = ("psychologist", "counselor", "social_worker", "mft")

# A licensed profession inside a sentence, with its article ("a board for a psychologist", the
# letter's "Dr. A, a psychologist"); lazy strings, in the language current where they are used.
PROFESSION_PHRASES: dict[str, str] = {
    "psychologist": lazy_gettext("a psychologist"),
    "counselor": lazy_gettext("a counselor"),
    "social_worker": lazy_gettext("a social worker"),
    "mft": lazy_gettext("a marriage and family therapist"),
    "psychiatrist": lazy_gettext("a psychiatrist"),
    "psychiatric_nurse": lazy_gettext("a psychiatric nurse practitioner"),
}
# "a psychiatrist who is an MD (doctor of medicine)": the degree inside a sentence.
_DEGREE_PHRASES: dict[str, str] = {
    "md": lazy_gettext("an MD (doctor of medicine)"),
    "do": lazy_gettext("a DO (doctor of osteopathic medicine)"),
}


def profession_phrase(profession: str) -> str:
    """ "a psychologist"; "a professional" for "other" and "not sure" (current language)."""
    phrase = PROFESSION_PHRASES.get(profession)
    return str(phrase) if phrase is not None else _("a professional")


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

    explanations: list[str] = []
    routed: list[RoutedBoard] = []

    if profession not in ROUTABLE_PROFESSIONS:
        explanations.append(
            _(
                "We don't recognise that kind of professional, so we can't name a board. "
                "The license look-up shows which board, if any, licensed them."
            )
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
                _(
                    "We have no checked board for %(professional)s in %(state)s yet. If they are "
                    "licensed in %(state)s, that state's license look-up shows which board issued "
                    "the license.",
                    professional=profession_phrase(profession),
                    state=STATES[remote],
                )
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


def _titles(board: Board, profession: str) -> list[str]:
    """The license titles this board handles for this profession (as the board names them)."""
    if profession in board.professions:
        return list(board.professions[profession])
    return board.covers()


def _local_reason(
    board: Board,
    profession: str,
    degree: str | None,
    state: str,
    remote: str | None,
    local: list[Board],
) -> str:
    titles = _titles(board, profession)
    reason = (
        _(
            "You were in %(state)s during sessions. In %(state)s, the %(board)s takes complaints "
            "about this license (%(titles)s).",
            state=STATES[state],
            board=board.name,
            titles=titles[0],
        )
        if len(titles) == 1
        else _(
            "You were in %(state)s during sessions. In %(state)s, the %(board)s takes complaints "
            "about these licenses (%(titles)s).",
            state=STATES[state],
            board=board.name,
            titles=", ".join(titles),
        )
    )
    reason += _degree_hint(board, profession, degree, local)
    if remote is not None:
        reason += " " + _(
            "The professional practised from %(state)s: you may file with both.",
            state=STATES[remote],
        )
    return reason


def _remote_reason(
    board: Board, profession: str, degree: str | None, state: str, remote: str, same: list[Board]
) -> str:
    return _(
        "You were in %(state)s during sessions; %(professional)s practised from %(remote)s: "
        "you may file with both. If they are licensed in %(remote)s, the %(board)s takes "
        "complaints about that license.",
        state=STATES[state],
        professional=_the_professional(profession),
        remote=STATES[remote],
        board=board.name,
    ) + _degree_hint(board, profession, degree, same)


def _the_professional(profession: str) -> str:
    """ "the psychologist", "the professional": who practised from another state."""
    phrases = {
        "psychologist": _("the psychologist"),
        "counselor": _("the counselor"),
        "social_worker": _("the social worker"),
        "mft": _("the marriage and family therapist"),
        "psychiatrist": _("the psychiatrist"),
        "psychiatric_nurse": _("the psychiatric nurse practitioner"),
    }
    return phrases.get(profession) or _("the professional")


def _degree_hint(board: Board, profession: str, degree: str | None, same: list[Board]) -> str:
    """Where one state splits MDs and DOs and we don't know which, say which board is which."""
    split = sum(1 for item in same if item.degrees is not None) > 1
    if profession != "psychiatrist" or degree is not None or not board.degrees or not split:
        return ""
    return " " + _(
        "If the psychiatrist is %(degree)s, this is the board to use; the license look-up shows "
        "which they are.",
        degree=_DEGREE_PHRASES[board.degrees[0]],
    )


def _explain(profession: str, degree: str | None, state: str, local: list[Board]) -> list[str]:
    name = STATES[state]
    if not local:
        if degree:
            what = _("a psychiatrist who is %(degree)s", degree=_DEGREE_PHRASES[degree])
        elif profession in UNCERTAIN_PROFESSIONS:
            what = _("this kind of professional")
        else:
            what = profession_phrase(profession)
        return [
            _(
                "We have no checked board for %(professional)s in %(state)s yet, so we won't "
                "guess one. The state's license look-up shows which board issued the license; "
                "that board takes complaints.",
                professional=what,
                state=name,
            )
        ]
    if profession == "not_sure":
        return [
            _(
                "You weren't sure what license the professional held. These are the %(state)s "
                "boards for mental-health licenses; you only need the one that licensed them, "
                "and the license look-up shows which it is.",
                state=name,
            )
        ]
    if profession == "other":
        return [
            _(
                "Someone with another title may still hold a license. These %(state)s boards "
                "license most talk therapists; look the person up first. If they held no "
                "license, the other places listed here may help.",
                state=name,
            )
        ]
    if profession == "psychiatrist" and degree is None and len(local) > 1:
        return [
            _(
                "%(state)s licenses MDs and DOs through separate boards. If you don't know which "
                "the psychiatrist is, the license look-up or their letterhead shows it.",
                state=name,
            )
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
