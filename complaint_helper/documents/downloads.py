"""From answers to a finished document: answers → routing → citations → builder, per download.

`DOWNLOADS` is the one `kind → builder` table. The web page, the bench and the README's sample
(tests/documents/sample.py) all make their documents through `build_download`, so the boards and
citations a document is built with are chosen the same way everywhere (including the degree and
the professional's state for telehealth).

Languages: each download says who reads it (`Download.reader`). The person's own copies are built
in the case's language (`case_language`), what goes to a board in the letter language
(`letter_language`, English by default: most boards work in English). The documents page passes
both to `build_download`; nothing here reads a cookie or the page's language.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Literal

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
from complaint_helper.i18n import DEFAULT_LANGUAGE, known_language, lazy_gettext, use_language
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


# A builder makes its document in the current language (`build_download` sets it); `words` is the
# language the person wrote their answers in (the case's language).
Builder = Callable[[Answers, date, AttachmentReader | None, str], Document]


def _complaint(variant: Variant) -> Builder:
    def build(answers: Answers, today: date, read: AttachmentReader | None, words: str) -> Document:
        return build_complaint(
            answers,
            chosen_boards(answers),
            variant,
            today=today,
            citations=citations(answers),
            sent=sent_files(answers, read) if read is not None else None,
            words_language=words,
        )

    return build


def _guide(answers: Answers, today: date, read: AttachmentReader | None, words: str) -> Document:
    del read, words  # the guide lists no files, and is in the person's own language
    variant: Variant = (
        "anonymous" if answers.choice("about-you", "identity") == "later" else "board"
    )
    return build_filing_guide(
        answers, chosen_boards(answers), variant, today=today, citations=citations(answers)
    )


# Said before downloading a copy that withholds who the person is (issue #13): what is removed,
# and what no redaction can remove.
REDACTION_CAUTION = lazy_gettext(
    "This copy leaves out your name and contact details, names each person you listed only by "
    "who they are, and drops their contact details and the names of your files; the details of "
    "the story itself may still let the professional or others recognise you."
)


def _your_answers(
    answers: Answers, today: date, read: AttachmentReader | None, words: str
) -> Document:
    del read, words  # names the attached files only; in the person's own language
    return build_your_answers(answers, today, chosen_boards(answers))


# Who a document is for, which decides its language: the person's own copies are in the case's
# language; what goes to a board is in the letter language chosen (English unless the person
# chooses another).
Reader = Literal["person", "board"]


@dataclass(frozen=True)
class Download:
    """One document the person can download: its key, label, file name, explanation, builder,
    and who reads it (`reader`: the person, or a board).

    File names are neutral (issue #20: a Downloads folder or a browser's download list is seen by
    others on the computer); the document says on every page what it is. `label`, `hint` and
    `caution` are lazy strings: text in the language current where they are shown."""

    kind: str
    label: str
    filename: str
    hint: str
    build: Builder
    caution: str = ""
    reader: Reader = "person"

    def language(
        self, case_language: str = DEFAULT_LANGUAGE, letter_language: str = DEFAULT_LANGUAGE
    ) -> str:
        """The language this document is written in, for a case in `case_language` whose letter
        to the board was chosen in `letter_language`."""
        return known_language(letter_language if self.reader == "board" else case_language)


DOWNLOADS: Final[tuple[Download, ...]] = (
    Download(
        "board",
        lazy_gettext("Board draft"),
        "document.pdf",
        lazy_gettext(
            "The complaint to send to the board: cover letter, statement, exhibit index and "
            "declaration, with your name and contact details as you gave them."
        ),
        _complaint("board"),
        reader="board",
    ),
    Download(
        "advocate",
        lazy_gettext("Advocate copy"),
        "document-review-copy.pdf",
        lazy_gettext(
            "The same draft to show an advocate or lawyer. Every page says it is not for filing."
        ),
        _complaint("advocate"),
        REDACTION_CAUTION,
    ),
    Download(
        "anonymous",
        lazy_gettext("Anonymous draft"),
        "document-no-name.pdf",
        lazy_gettext(
            "The draft with blank lines where your name and contact details would go, to fill "
            "in by hand or leave blank."
        ),
        _complaint("anonymous"),
        REDACTION_CAUTION,
        reader="board",
    ),
    Download(
        "how-to-file",
        lazy_gettext("How to file"),
        "notes.pdf",
        lazy_gettext(
            "Where and how to send the complaint, what usually happens next, standards you may "
            "want to look at, and support while you wait. This is for you, not the board."
        ),
        _guide,
    ),
    Download(
        "your-answers",
        lazy_gettext("Your answers"),
        "answers.pdf",
        lazy_gettext(
            "Everything you told the app, in full, as a copy for you to keep and read without "
            "the app. It is not encrypted: keep it somewhere only you can open."
        ),
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
    kind: str,
    answers: Answers,
    today: date,
    read_attachment: AttachmentReader | None = None,
    *,
    case_language: str = DEFAULT_LANGUAGE,
    letter_language: str = DEFAULT_LANGUAGE,
) -> Document:
    """The document of this kind for these answers (KeyError for a kind that does not exist).

    Every document is built under an explicit language: the person's own copies (the advocate
    copy, "How to file", "Your answers") in `case_language`, the language the person uses the app
    in; what goes to a board (the board draft, the anonymous draft) in `letter_language`, English
    unless the person chose another. When the two differ, the letter says in one sentence which
    language the person's own words are in. Board facts stay as the boards published them.

    With `read_attachment` (the unlocked case's), the exhibit index gives the fingerprint of each
    clean copy actually sent; without it (the README sample, the bench), only the copy's name."""
    download = DOWNLOAD_BY_KIND[kind]
    words = known_language(case_language)
    with use_language(download.language(case_language, letter_language)):
        return download.build(answers, today, read_attachment, words)
