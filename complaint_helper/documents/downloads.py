"""From answers to a finished document: answers → routing → citations → builder, per download.

`DOWNLOADS` is the kind table: one row per document (title, one-sentence description, order on
the page, `applies(answers)`, the versions offered, whether Word is offered, a neutral file name,
and its builder). A new letter is a new row. The documents page lists the rows that apply in their
order; the web download, the bench, the README's sample (tests/documents/sample.py) and the tests
(every story × every kind × PDF and Word) make their documents through `build_download`, so the
boards and citations a document is built with are chosen the same way everywhere (including the
degree and the professional's state for telehealth).

Languages: each version of a download says who reads it (`Version.reader`). The person's own
copies are built in the case's language (`case_language`), what goes to a board in the letter
language (`letter_language`, English by default: most boards work in English). The documents page
passes both to `build_download`; nothing here reads a cookie or the page's language.
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
from complaint_helper.documents.docx import render_docx
from complaint_helper.documents.exhibits import AttachmentReader, SentFile, sent_files
from complaint_helper.documents.filing_guide import build_filing_guide
from complaint_helper.documents.letters import offer
from complaint_helper.documents.letters.employer import (
    build_employer_complaint,
    employer_complaint_applies,
)
from complaint_helper.documents.letters.lawyer import build_lawyer_summary, lawyer_summary_applies
from complaint_helper.documents.letters.new_therapist import (
    build_new_therapist_note,
    new_therapist_note_applies,
)
from complaint_helper.documents.letters.police import build_police_summary, police_summary_applies
from complaint_helper.documents.letters.records import (
    build_records_request,
    records_request_applies,
)
from complaint_helper.documents.model import Document, Variant
from complaint_helper.documents.pdf import missing_glyphs, render_complaint_pdf
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


# Who a document is for, which decides its language: the person's own copies are in the case's
# language; what goes to a board is in the letter language chosen (English unless the person
# chooses another).
Reader = Literal["person", "board"]


@dataclass(frozen=True)
class Request:
    """What a builder is asked to make: the answers, the day, the version (variant) chosen, the
    language the person wrote their answers in (the case's), and, when the case is unlocked, the
    reader of its attachments (for the exhibit fingerprints). A builder makes its document in the
    current language (`build_download` sets it).

    New parameters are added here with a default, so no builder changes."""

    answers: Answers
    today: date
    variant: Variant = "board"
    read_attachment: AttachmentReader | None = None
    words_language: str = DEFAULT_LANGUAGE


Builder = Callable[[Request], Document]


def _sent(request: Request) -> dict[str, SentFile] | None:
    """The fingerprint of each exhibit copy actually sent, when the case's files can be read."""
    read = request.read_attachment
    return sent_files(request.answers, read) if read is not None else None


def _complaint(request: Request) -> Document:
    answers = request.answers
    return build_complaint(
        answers,
        chosen_boards(answers),
        request.variant,
        today=request.today,
        citations=citations(answers),
        sent=_sent(request),
        words_language=request.words_language,
    )


def _guide(request: Request) -> Document:
    # One version, in the person's own language: the guide is theirs; it leaves their name out
    # when they chose to add it later. It lists no files.
    answers = request.answers
    variant: Variant = (
        "anonymous" if answers.choice("about-you", "identity") == "later" else "board"
    )
    return build_filing_guide(
        answers, chosen_boards(answers), variant, today=request.today, citations=citations(answers)
    )


def _your_answers(request: Request) -> Document:
    # One version, in the person's own language; it names the attached files only.
    return build_your_answers(request.answers, request.today, chosen_boards(request.answers))


# Said before downloading a copy that withholds who the person is (issue #13): what is removed,
# and what no redaction can remove.
REDACTION_CAUTION = lazy_gettext(
    "This copy leaves out your name and contact details, names each person you listed only by "
    "who they are, and drops their contact details and the names of your files; the details of "
    "the story itself may still let the professional or others recognise you."
)


@dataclass(frozen=True)
class Version:
    """One version of a document the person may choose: the variant its builder is asked for,
    what the page calls it and says about it (lazy strings: text in the language current where
    they are shown), and who reads it. A document with one version shows no choice."""

    variant: Variant
    label: str
    hint: str = ""
    caution: str = ""
    reader: Reader = "person"


# The one version of a document that has no redacted copies: the person's own.
ONLY_VERSION: Final = Version("board", "")
# The redacted copies, for any document that offers them (the board draft does; a letter may).
ADVOCATE_COPY: Final = Version(
    "advocate",
    lazy_gettext("Advocate copy"),
    lazy_gettext(
        "The same draft to show an advocate or lawyer. Every page says it is not for filing."
    ),
    REDACTION_CAUTION,
)
ANONYMOUS_COPY: Final = Version(
    "anonymous",
    lazy_gettext("Anonymous draft"),
    lazy_gettext(
        "The draft with blank lines where your name and contact details would go, to fill "
        "in by hand or leave blank."
    ),
    REDACTION_CAUTION,
    reader="board",
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


def render(document: Document, extension: str) -> bytes:
    """The document as a file of this format (a key of FORMATS): the one choice of renderer."""
    if extension not in FORMATS:
        raise ValueError(f"no such format: {extension!r}")
    return render_docx(document) if extension == "docx" else render_complaint_pdf(document)


def always(answers: Answers) -> bool:
    """For documents every case gets."""
    del answers
    return True


@dataclass(frozen=True)
class Download:
    """One document the person can download (a row of the kind table).

    - kind: its stable key (the download link's `kind=`); title: what the page calls it;
      description: one sentence saying what it is (both lazy strings).
    - order: its place on the documents page, in the order a person is likely to need it.
    - applies(answers): whether this case gets it (a letter to an employer only when there was
      one); the page lists only those that apply, and the download refuses the others.
    - versions: the variants offered (the first is the default), each with who reads it; one
      version means no choice on the page.
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

    def language(
        self,
        variant: str | None = None,
        case_language: str = DEFAULT_LANGUAGE,
        letter_language: str = DEFAULT_LANGUAGE,
    ) -> str:
        """The language this version is written in, for a case in `case_language` whose letter
        to the board was chosen in `letter_language`."""
        reader = self.version(variant).reader
        return known_language(letter_language if reader == "board" else case_language)


# The letters beyond the complaint (documents/letters): each offered only when it applies. What
# goes to a third party is written in the letter language, like the board draft; the advocate copy
# is the person's own.
LETTER_WITH_DETAILS: Final = Version(
    "board", offer.WITH_DETAILS_LABEL, offer.WITH_DETAILS_HINT, reader="board"
)
LETTER_ADVOCATE_COPY: Final = Version(
    "advocate", offer.ADVOCATE_LABEL, offer.ADVOCATE_HINT, REDACTION_CAUTION
)
LETTER_WITHOUT_NAME: Final = Version(
    "anonymous", offer.ANONYMOUS_LABEL, offer.ANONYMOUS_HINT, REDACTION_CAUTION, reader="board"
)
LETTER_ONLY: Final = Version("board", "", reader="board")


def _records_request(request: Request) -> Document:
    return build_records_request(request.answers, today=request.today)


def _employer_complaint(request: Request) -> Document:
    return build_employer_complaint(
        request.answers,
        request.variant,
        today=request.today,
        words_language=request.words_language,
    )


def _lawyer_summary(request: Request) -> Document:
    return build_lawyer_summary(
        request.answers,
        request.variant,
        today=request.today,
        sent=_sent(request),
        words_language=request.words_language,
    )


def _police_summary(request: Request) -> Document:
    return build_police_summary(
        request.answers,
        request.variant,
        today=request.today,
        sent=_sent(request),
        words_language=request.words_language,
    )


def _new_therapist_note(request: Request) -> Document:
    return build_new_therapist_note(
        request.answers, today=request.today, words_language=request.words_language
    )


# The kind table. Add a document by adding a row (and its builder); the documents page, the web
# download, the bench and the tests (every story × every kind × every format) all read it.
DOWNLOADS: Final[tuple[Download, ...]] = (
    Download(
        "board",
        lazy_gettext("Complaint to the board"),
        lazy_gettext(
            "The complaint to send to the board: cover letter, statement, exhibit index and "
            "declaration."
        ),
        10,
        _complaint,
        "document",
        versions=(
            Version(
                "board",
                lazy_gettext("Board draft"),
                lazy_gettext("With your name and contact details as you gave them."),
                reader="board",
            ),
            ADVOCATE_COPY,
            ANONYMOUS_COPY,
        ),
    ),
    Download(
        "how-to-file",
        lazy_gettext("How to file"),
        lazy_gettext(
            "Where and how to send the complaint, what usually happens next, standards you may "
            "want to look at, and support while you wait; it is for you, not the board."
        ),
        20,
        _guide,
        "notes",
    ),
    Download(
        "records-request",
        offer.RECORDS_TITLE,
        offer.RECORDS_DESCRIPTION,
        30,
        _records_request,
        "request",
        applies=records_request_applies,
        versions=(LETTER_ONLY,),
    ),
    Download(
        "employer-complaint",
        offer.EMPLOYER_TITLE,
        offer.EMPLOYER_DESCRIPTION,
        40,
        _employer_complaint,
        "letter",
        applies=employer_complaint_applies,
        versions=(LETTER_WITH_DETAILS, LETTER_ADVOCATE_COPY, LETTER_WITHOUT_NAME),
    ),
    Download(
        "lawyer-summary",
        offer.LAWYER_TITLE,
        offer.LAWYER_DESCRIPTION,
        50,
        _lawyer_summary,
        "summary",
        applies=lawyer_summary_applies,
        versions=(LETTER_WITH_DETAILS, LETTER_ADVOCATE_COPY, LETTER_WITHOUT_NAME),
    ),
    Download(
        "police-summary",
        offer.POLICE_TITLE,
        offer.POLICE_DESCRIPTION,
        60,
        _police_summary,
        "facts",
        applies=police_summary_applies,
        versions=(LETTER_WITH_DETAILS, LETTER_ADVOCATE_COPY),
    ),
    Download(
        "new-therapist-note",
        offer.NEW_THERAPIST_TITLE,
        offer.NEW_THERAPIST_DESCRIPTION,
        70,
        _new_therapist_note,
        "note",
        applies=new_therapist_note_applies,
        versions=(LETTER_ONLY,),
    ),
    Download(
        "your-answers",
        lazy_gettext("Your answers"),
        lazy_gettext(
            "Everything you told the app, in full, as a copy to keep and read without the app; "
            "it is not encrypted, so keep it somewhere only you can open."
        ),
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
    case_language: str = DEFAULT_LANGUAGE,
    letter_language: str = DEFAULT_LANGUAGE,
) -> Document:
    """The document of this kind (and version: the first offered when None) for these answers;
    KeyError for a kind or version that does not exist.

    Every document is built under an explicit language: the person's own copies (the advocate
    copy, "How to file", "Your answers") in `case_language`, the language the person uses the app
    in; what goes to a board (the board draft, the anonymous draft) in `letter_language`, English
    unless the person chose another. When the two differ, the letter says in one sentence which
    language the person's own words are in. Board facts stay as the boards published them.

    With `read_attachment` (the unlocked case's), the exhibit index gives the fingerprint of each
    clean copy actually sent; without it (the README sample, the bench), only the copy's name."""
    download = DOWNLOAD_BY_KIND[kind]
    version = download.version(variant)
    request = Request(
        answers, today, version.variant, read_attachment, known_language(case_language)
    )
    with use_language(download.language(version.variant, case_language, letter_language)):
        return download.build(request)
