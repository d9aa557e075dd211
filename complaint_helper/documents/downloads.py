"""From answers to a finished document: answers → routing → citations → builder, per download.

`DOWNLOADS` is the one `kind → builder` table. The web page, the bench and the README's sample
(tests/documents/sample.py) all make their documents through `build_download`, so the boards and
citations a document is built with are chosen the same way everywhere (including the degree and
the professional's state for telehealth).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

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
from complaint_helper.documents.exhibits import AttachmentReader, sent_files
from complaint_helper.documents.filing_guide import build_filing_guide
from complaint_helper.documents.model import Document, Variant
from complaint_helper.documents.pdf import missing_glyphs
from complaint_helper.documents.your_answers import build_your_answers
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


Builder = Callable[[Answers, date, AttachmentReader | None], Document]


def _complaint(variant: Variant) -> Builder:
    def build(answers: Answers, today: date, read: AttachmentReader | None) -> Document:
        return build_complaint(
            answers,
            chosen_boards(answers),
            variant,
            today=today,
            citations=citations(answers),
            sent=sent_files(answers, read) if read is not None else None,
        )

    return build


def _guide(answers: Answers, today: date, read: AttachmentReader | None) -> Document:
    del read  # the guide lists no files
    variant: Variant = (
        "anonymous" if answers.choice("about-you", "identity") == "later" else "board"
    )
    return build_filing_guide(
        answers, chosen_boards(answers), variant, today=today, citations=citations(answers)
    )


# Said before downloading a copy that withholds who the person is (issue #13): what is removed,
# and what no redaction can remove.
REDACTION_CAUTION = (
    "This copy leaves out your name and contact details, names each person you listed only by "
    "who they are, and drops their contact details and the names of your files; the details of "
    "the story itself may still let the professional or others recognise you."
)


def _your_answers(answers: Answers, today: date, read: AttachmentReader | None) -> Document:
    del read  # names the attached files only
    return build_your_answers(answers, today)


@dataclass(frozen=True)
class Download:
    """One document the person can download: its key, label, file name, explanation, builder.

    File names are neutral (issue #20: a Downloads folder or a browser's download list is seen by
    others on the computer); the document says on every page what it is."""

    kind: str
    label: str
    filename: str
    hint: str
    build: Builder
    caution: str = ""


DOWNLOADS: Final[tuple[Download, ...]] = (
    Download(
        "board",
        "Board draft",
        "document.pdf",
        "The complaint to send to the board: cover letter, statement, exhibit index and "
        "declaration, with your name and contact details as you gave them.",
        _complaint("board"),
    ),
    Download(
        "advocate",
        "Advocate copy",
        "document-review-copy.pdf",
        "The same draft to show an advocate or lawyer. Every page says it is not for filing.",
        _complaint("advocate"),
        REDACTION_CAUTION,
    ),
    Download(
        "anonymous",
        "Anonymous draft",
        "document-no-name.pdf",
        "The draft with blank lines where your name and contact details would go, to fill in "
        "by hand or leave blank.",
        _complaint("anonymous"),
        REDACTION_CAUTION,
    ),
    Download(
        "how-to-file",
        "How to file",
        "notes.pdf",
        "Where and how to send the complaint, what usually happens next, standards you may want "
        "to look at, and support while you wait. This is for you, not the board.",
        _guide,
    ),
    Download(
        "your-answers",
        "Your answers",
        "answers.pdf",
        "Everything you told the app, in full, as a copy for you to keep and read without the "
        "app. It is not encrypted: keep it somewhere only you can open.",
        _your_answers,
    ),
)
DOWNLOAD_BY_KIND: Final[dict[str, Download]] = {download.kind: download for download in DOWNLOADS}


def _all_text(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for each in value:
            yield from _all_text(each)
    elif isinstance(value, dict):
        for each in value.values():
            yield from _all_text(each)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for each in dataclasses.fields(value):
            yield from _all_text(getattr(value, each.name))


def has_unprintable_text(answers: Answers) -> bool:
    """True when some answer is in a script no font on this computer draws (it would print as
    U+FFFD): the documents page says so before the person makes a document."""
    return missing_glyphs(
        "\n".join(_all_text([answers.values, answers.timeline, answers.evidence, answers.people]))
    )


def build_download(
    kind: str, answers: Answers, today: date, read_attachment: AttachmentReader | None = None
) -> Document:
    """The document of this kind for these answers (KeyError for a kind that does not exist).

    With `read_attachment` (the unlocked case's), the exhibit index gives the fingerprint of each
    clean copy actually sent; without it (the README sample, the bench), only the copy's name."""
    return DOWNLOAD_BY_KIND[kind].build(answers, today, read_attachment)
