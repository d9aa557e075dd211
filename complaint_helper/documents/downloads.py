"""From answers to a finished document: answers → routing → citations → builder, per download.

`DOWNLOADS` is the one `kind → builder` table. The web page, the bench and the README's sample
(tests/documents/sample.py) all make their documents through `build_download`, so the boards and
citations a document is built with are chosen the same way everywhere (including the degree and
the professional's state for telehealth).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Final

from complaint_helper.boards import (
    DEGREES,
    PROFESSIONS,
    STATES,
    Board,
    Citation,
    Routing,
    citations_for,
    load_directory,
    route_to_boards,
)
from complaint_helper.documents.complaint import build_complaint
from complaint_helper.documents.filing_guide import build_filing_guide
from complaint_helper.documents.model import Document, Variant
from complaint_helper.interview.model import Answers


def _degree(answers: Answers) -> str | None:
    degree = answers.choice("professional", "degree")
    return degree if degree in DEGREES else None


def routing_for(answers: Answers) -> Routing | None:
    """Route the answers; None when the state is not known yet (nothing to route on)."""
    state = answers.choice("therapy", "state").upper()
    if state not in STATES:
        return None
    profession = answers.choice("professional", "profession") or "not_sure"
    remote = answers.choice("therapy", "therapist_state").upper()
    return route_to_boards(
        state,
        profession,
        _degree(answers),
        remote if remote in STATES else None,
    )


def chosen_boards(answers: Answers) -> list[Board]:
    """The boards the person chose; ids the directory no longer has are skipped."""
    directory = load_directory()
    boards: list[Board] = []
    for board_id in answers.chosen_boards:
        try:
            boards.append(directory.board(board_id))
        except KeyError:
            continue
    return boards


def citations(answers: Answers) -> tuple[Citation, ...]:
    """The standards for the professional's profession in the person's state."""
    profession = answers.choice("professional", "profession")
    state = answers.choice("therapy", "state").upper()
    return citations_for(
        profession if profession in PROFESSIONS else "", state if state in STATES else None
    )


Builder = Callable[[Answers, date], Document]


def _complaint(variant: Variant) -> Builder:
    def build(answers: Answers, today: date) -> Document:
        return build_complaint(
            answers, chosen_boards(answers), variant, today=today, citations=citations(answers)
        )

    return build


def _guide(answers: Answers, today: date) -> Document:
    variant: Variant = (
        "anonymous" if answers.choice("about-you", "identity") == "later" else "board"
    )
    return build_filing_guide(
        answers, chosen_boards(answers), variant, today=today, citations=citations(answers)
    )


@dataclass(frozen=True)
class Download:
    """One document the person can download: its key, label, file name, explanation, builder."""

    kind: str
    label: str
    filename: str
    hint: str
    build: Builder


DOWNLOADS: Final[tuple[Download, ...]] = (
    Download(
        "board",
        "Board draft",
        "complaint-draft.pdf",
        "The full complaint to send to the board, with your name and contact details as you "
        "gave them.",
        _complaint("board"),
    ),
    Download(
        "advocate",
        "Advocate copy",
        "advocate-copy.pdf",
        "The same draft with your name, contact details and the names of people you listed "
        "replaced by [withheld], to show an advocate or lawyer.",
        _complaint("advocate"),
    ),
    Download(
        "anonymous",
        "Anonymous draft",
        "anonymous-draft.pdf",
        "The draft with blank lines where your name and contact details would go, to fill in "
        "by hand or leave blank.",
        _complaint("anonymous"),
    ),
    Download(
        "how-to-file",
        "How to file",
        "how-to-file.pdf",
        "Where and how to send the complaint, what usually happens next, and support while "
        "you wait. This is for you, not the board.",
        _guide,
    ),
)
DOWNLOAD_BY_KIND: Final[dict[str, Download]] = {download.kind: download for download in DOWNLOADS}


def build_download(kind: str, answers: Answers, today: date) -> Document:
    """The document of this kind for these answers (KeyError for a kind that does not exist)."""
    return DOWNLOAD_BY_KIND[kind].build(answers, today)
