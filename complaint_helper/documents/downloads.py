"""From answers to a finished document: answers → routing → citations → builder, per download.

`DOWNLOADS` is the kind table: one row per document (title, one-sentence description, order on
the page, `applies(answers)`, the versions offered, whether Word is offered, a neutral file name,
and its builder). A new letter is a new row. The documents page lists the rows that apply in their
order; the web download, the bench, the README's sample (tests/documents/sample.py) and the tests
(every story × every kind × PDF and Word) make their documents through `build_download`, so the
boards and citations a document is built with are chosen the same way everywhere (including the
degree and the professional's state for telehealth).
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


@dataclass(frozen=True)
class Request:
    """What a builder is asked to make: the answers, the day, the version (variant) chosen, and,
    when the case is unlocked, the reader of its attachments (for the exhibit fingerprints).

    New parameters (a language, ...) are added here with a default, so no builder changes."""

    answers: Answers
    today: date
    variant: Variant = "board"
    read_attachment: AttachmentReader | None = None


Builder = Callable[[Request], Document]


def _complaint(request: Request) -> Document:
    answers, read = request.answers, request.read_attachment
    return build_complaint(
        answers,
        chosen_boards(answers),
        request.variant,
        today=request.today,
        citations=citations(answers),
        sent=sent_files(answers, read) if read is not None else None,
    )


def _guide(request: Request) -> Document:
    # One version: the guide is the person's own; it leaves their name out when they chose to
    # add it later.
    answers = request.answers
    variant: Variant = (
        "anonymous" if answers.choice("about-you", "identity") == "later" else "board"
    )
    return build_filing_guide(
        answers, chosen_boards(answers), variant, today=request.today, citations=citations(answers)
    )


def _your_answers(request: Request) -> Document:
    # Names the attached files only; one version (it is the person's own copy, in full).
    return build_your_answers(request.answers, request.today, chosen_boards(request.answers))


# Said before downloading a copy that withholds who the person is (issue #13): what is removed,
# and what no redaction can remove.
REDACTION_CAUTION = (
    "This copy leaves out your name and contact details, names each person you listed only by "
    "who they are, and drops their contact details and the names of your files; the details of "
    "the story itself may still let the professional or others recognise you."
)


@dataclass(frozen=True)
class Version:
    """One version of a document the person may choose: the variant its builder is asked for,
    what the page calls it, and what it is. A document with one version shows no choice."""

    variant: Variant
    label: str
    hint: str = ""
    caution: str = ""


# The one version of a document that has no redacted copies.
ONLY_VERSION: Final = Version("board", "")
# The redacted copies, for any document that offers them (the board draft does; a letter may).
ADVOCATE_COPY: Final = Version(
    "advocate",
    "Advocate copy",
    "The same draft to show an advocate or lawyer. Every page says it is not for filing.",
    REDACTION_CAUTION,
)
ANONYMOUS_COPY: Final = Version(
    "anonymous",
    "Anonymous draft",
    "The draft with blank lines where your name and contact details would go, to fill in by "
    "hand or leave blank.",
    REDACTION_CAUTION,
)
# Added to a document's file name for each version, so the Downloads folder tells them apart
# without saying anything about the case.
VARIANT_FILE_SUFFIX: Final[dict[Variant, str]] = {
    "board": "",
    "advocate": "-review-copy",
    "anonymous": "-no-name",
}
# The file formats a document downloads as: extension → media type.
FORMATS: Final[dict[str, str]] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def always(answers: Answers) -> bool:
    """For documents every case gets."""
    del answers
    return True


@dataclass(frozen=True)
class Download:
    """One document the person can download (a row of the kind table).

    - kind: its stable key (the download link's `kind=`); title: what the page calls it;
      description: one sentence saying what it is.
    - order: its place on the documents page, in the order a person is likely to need it.
    - applies(answers): whether this case gets it (a letter to an employer only when there was
      one); the page lists only those that apply, and the download refuses the others.
    - versions: the variants offered (the first is the default); one version means no choice.
    - word: whether it is offered as Word (.docx) as well as PDF.
    - file_stem: the neutral file name without extension (issue #20: a Downloads folder or a
      browser's download list is seen by others on the computer); the document itself says on
      every page what it is. A version adds VARIANT_FILE_SUFFIX.
    """

    kind: str
    title: str
    description: str
    order: int
    build: Builder
    file_stem: str
    applies: Callable[[Answers], bool] = always
    versions: tuple[Version, ...] = (ONLY_VERSION,)
    word: bool = True

    @property
    def formats(self) -> tuple[str, ...]:
        return ("pdf", "docx") if self.word else ("pdf",)

    def version(self, variant: str | None) -> Version:
        """The version for `variant` (the default one for None); KeyError if not offered."""
        if variant is None or variant == "":
            return self.versions[0]
        for version in self.versions:
            if version.variant == variant:
                return version
        raise KeyError(variant)

    def filename(self, variant: Variant = "board", extension: str = "pdf") -> str:
        return f"{self.file_stem}{VARIANT_FILE_SUFFIX[variant]}.{extension}"


# The kind table. Add a document by adding a row (and its builder); the documents page, the web
# download, the bench and the tests (every story × every kind × every format) all read it.
DOWNLOADS: Final[tuple[Download, ...]] = (
    Download(
        "board",
        "Complaint to the board",
        "The complaint to send to the board: cover letter, statement, exhibit index and "
        "declaration.",
        10,
        _complaint,
        "document",
        versions=(
            Version(
                "board",
                "Board draft",
                "With your name and contact details as you gave them.",
            ),
            ADVOCATE_COPY,
            ANONYMOUS_COPY,
        ),
    ),
    Download(
        "how-to-file",
        "How to file",
        "Where and how to send the complaint, what usually happens next, standards you may want "
        "to look at, and support while you wait; it is for you, not the board.",
        20,
        _guide,
        "notes",
    ),
    Download(
        "your-answers",
        "Your answers",
        "Everything you told the app, in full, as a copy to keep and read without the app; it "
        "is not encrypted, so keep it somewhere only you can open.",
        90,
        _your_answers,
        "answers",
    ),
)
DOWNLOAD_BY_KIND: Final[dict[str, Download]] = {download.kind: download for download in DOWNLOADS}


def offered(answers: Answers) -> list[Download]:
    """The documents this case gets, in the order the page lists them."""
    return sorted(
        (download for download in DOWNLOADS if download.applies(answers)),
        key=lambda download: download.order,
    )


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
    variant: Variant | None = None,
) -> Document:
    """The document of this kind (and version) for these answers; KeyError for a kind or
    version that does not exist.

    With `read_attachment` (the unlocked case's), the exhibit index gives the fingerprint of each
    clean copy actually sent; without it (the README sample, the bench), only the copy's name."""
    download = DOWNLOAD_BY_KIND[kind]
    version = download.version(variant)
    return download.build(Request(answers, today, version.variant, read_attachment))
