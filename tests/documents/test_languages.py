"""Documents in Spanish (issue #16): the person's own copies in the case's language, the letter to
the board in English unless Spanish is chosen, and no English left that skipped gettext.

Every check reads the real PDF back with pypdf, as a person (or a board) would read it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any

import pytest

from complaint_helper.boards import STATES, load_directory
from complaint_helper.boards.law import law_for
from complaint_helper.documents.bundle_pdf import build_exhibit_bundle_pdf
from complaint_helper.documents.downloads import (
    DOWNLOAD_BY_KIND,
    DOWNLOADS,
    build_download,
    chosen_boards,
    citations,
    routing_for,
)
from complaint_helper.documents.follow_up import (
    FOLLOW_UPS,
    HISTORY_KEY,
    build_follow_up,
    with_filing_history,
)
from complaint_helper.documents.letters.right_of_access import RIGHT_OF_ACCESS
from complaint_helper.documents.model import Document, Variant
from complaint_helper.documents.pdf import render_complaint_pdf
from complaint_helper.i18n import PSEUDO_CLOSE, PSEUDO_LANGUAGE, PSEUDO_OPEN, use_language
from complaint_helper.interview import steps
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.filing import Filing, FilingEntry, FilingHistory
from complaint_helper.interview.model import Answers, EvidenceFile
from tests.documents.conftest import pdf_text, squash
from tests.stories import STORIES

TODAY = date(2026, 12, 4)
LETTER_VARIANTS: tuple[Variant, ...] = (
    "board",
    "anonymous",
)  # the versions of the complaint that go to a board
# The documents by (kind, version): the complaint's three versions, the guide, "Your answers".
DOCUMENTS: dict[str, tuple[str, Variant | None]] = {
    "board": ("board", "board"),
    "advocate": ("board", "advocate"),
    "anonymous": ("board", "anonymous"),
    "how-to-file": ("how-to-file", None),
    "your-answers": ("your-answers", None),
}

# Headings each document has in every story, in English and as the Spanish catalog says them.
HEADINGS: dict[str, dict[str, str]] = {
    "board": {
        "Cover letter": "Carta de presentación",
        "Complaint statement": "Declaración de la queja",
        "What happened, in my own words": "Lo que pasó, en mis propias palabras",
        "People who know about this": "Personas que saben de esto",
        "Exhibit index": "Índice de anexos",
        "Declaration and signature": "Declaración y firma",
        "Complaint to the licensing board": "Queja ante la junta de licencias",
    },
    "advocate": {
        "Cover letter": "Carta de presentación",
        "Complaint statement": "Declaración de la queja",
        "Exhibit index": "Índice de anexos",
        "Advocate copy — not for filing": "no es para presentar",
    },
    "anonymous": {
        "Cover letter": "Carta de presentación",
        "Declaration and signature": "Declaración y firma",
        "Anonymous draft — fill in the blanks": "Borrador sin nombre",
    },
    "how-to-file": {
        "What to send": "Qué enviar",
        "Keep copies": "Guarde copias",
        "What usually happens next": "Qué suele pasar después",
        "Time limits": "Plazos",
        "Support while you wait": "Apoyo mientras espera",
        "How to file — for you, not for the board": "para usted, no para la junta",
    },
    "your-answers": {
        "Your answers — private, not encrypted": "Sus respuestas — privado, sin cifrar",
        "It is private and NOT encrypted": "NO está cifrada",
    },
}


def _with_boards(answers: Answers) -> Answers:
    """The story with the boards routing offers chosen, as the person would choose them."""
    routing = routing_for(answers)
    answers.chosen_boards = [item.board.id for item in routing.boards] if routing else []
    return answers


def _text(document: Document) -> str:
    return squash(pdf_text(render_complaint_pdf(document)))


STORY_KINDS = [(story, kind) for story in STORIES for kind in HEADINGS]


@pytest.mark.parametrize(("story", "kind"), STORY_KINDS)
def test_every_document_of_every_story_reads_spanish_when_built_in_spanish(
    story: str, kind: str
) -> None:
    answers = _with_boards(STORIES[story]())
    which, variant = DOCUMENTS[kind]
    document = build_download(
        which, answers, TODAY, variant=variant, case_language="es", letter_language="es"
    )
    assert document.language == "es"
    text = _text(document)
    for english, spanish in HEADINGS[kind].items():
        assert squash(spanish) in text, (kind, spanish)
        assert squash(english) not in text, (kind, english)
    assert squash("página 1 de") in text and squash("page 1 of") not in text


@pytest.mark.parametrize("story", list(STORIES))
def test_the_board_letter_is_english_by_default_and_says_the_statement_is_spanish(
    story: str,
) -> None:
    answers = _with_boards(STORIES[story]())
    for variant in LETTER_VARIANTS:
        english = build_download("board", answers, TODAY, variant=variant, case_language="es")
        assert english.language == "en"
        text = _text(english)
        assert squash("Cover letter") in text and squash("Carta de presentación") not in text
        sentence = squash("My statement is in Spanish, my first language.")
        letters = max(1, len(answers.chosen_boards))
        assert text.count(sentence) == letters, variant  # once in each cover letter only
        # The person's own copies follow the case's language meanwhile.
        guide = build_download("how-to-file", answers, TODAY, case_language="es")
        assert guide.language == "es"
    # A case in English: an English letter, and no sentence about another language.
    plain = _text(build_download("board", answers, TODAY))
    assert squash("My statement is in") not in plain
    assert squash("Mi declaración está en") not in plain


def test_a_spanish_letter_when_chosen_says_nothing_about_the_language() -> None:
    answers = _with_boards(STORIES["maya"]())
    text = _text(build_download("board", answers, TODAY, case_language="es", letter_language="es"))
    assert squash("Presento una queja sobre Dr. Alan Whitcombe, PhD") in text
    assert squash("Pido a la junta que investigue.") in text
    assert squash("Mi declaración está en") not in text and squash("My statement") not in text
    # Board facts stay as the board published them.
    assert squash("California Board of Psychology") in text
    # An English case with a Spanish letter: the letter says the statement is in English.
    english_case = _text(build_download("board", answers, TODAY, letter_language="es"))
    assert squash("Mi declaración está en inglés, mi primer idioma.") in english_case


def test_which_language_each_download_is_built_in() -> None:
    complaint = DOWNLOAD_BY_KIND["board"]
    for variant in LETTER_VARIANTS:
        assert complaint.language(variant, "es", "en") == "en"
        assert complaint.language(variant, "en", "es") == "es"
    assert complaint.language("advocate", "es", "en") == "es"  # the person's copy to show
    for kind in ("how-to-file", "your-answers"):
        assert DOWNLOAD_BY_KIND[kind].language(None, "es", "en") == "es"
        assert DOWNLOAD_BY_KIND[kind].language(None, "en", "es") == "en"
    assert complaint.language("board", "fr", "de") == "en"  # unknown languages: the default


def test_dates_in_spanish_documents_are_spanish() -> None:
    answers = _with_boards(STORIES["maya"]())
    letter = _text(build_download("board", answers, TODAY, letter_language="es"))
    assert squash("4 de diciembre de 2026") in letter and squash("December") not in letter
    guide = _text(build_download("how-to-file", answers, TODAY, case_language="es"))
    assert squash("(revisado el 22 de noviembre de 2026)") in guide
    english = _text(build_download("board", answers, TODAY))
    assert squash("4 December 2026") in english


def test_follow_up_letters_are_english_by_default_and_spanish_when_chosen() -> None:
    answers = STORIES["maya"]()
    filing = Filing("p1", place="California Board of Psychology")
    for letter in FOLLOW_UPS:
        english = _text(build_follow_up(letter.kind, answers, filing, None, today=TODAY))
        assert squash("Sincerely,") in english and squash("Atentamente") not in english
        spanish = _text(
            build_follow_up(letter.kind, answers, filing, None, today=TODAY, language="es")
        )
        assert squash("Atentamente,") in spanish and squash("Sincerely") not in spanish
        assert squash("4 de diciembre de 2026") in spanish


# ------------------------------------------------------------------------------------------------
# The pseudo-language: every word a document prints passed through gettext, except the person's
# own answers and the boards' and the law's facts.

_LATIN = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "αβψδεφγηιξκλμνοπρστθωϛςχυζΑΒΨΔΕΦΓΗΙΞΚΛΜΝΟΠΡΣΤΘΩϚΣΧΥΖ",
)


def _greek(value: Any) -> Any:
    """The same answers with every Latin letter of the person's words written in Greek letters,
    so any Latin word left in a document is the app's (or a board's, or the law's)."""
    if isinstance(value, str):
        return value.translate(_LATIN)
    if isinstance(value, list):
        return [_greek(each) for each in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: _greek(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if isinstance(getattr(value, field.name), str | list) and field.name not in _KEYS
        }
        return dataclasses.replace(value, **changes)
    return value


# Fields of list items that hold keys from the step table or ids, not the person's words.
_KEYS = frozenset({"event_id", "item_id", "person_id", "kind", "relation", "attachment_id",
                   "media_type", "sha256"})  # fmt: skip


def _greek_answers(answers: Answers) -> Answers:
    for step in steps.STEPS:
        for question in step.questions:
            if question.kind in ("text", "textarea"):
                value = answers.text(step.slug, question.name)
                if value:
                    answers.set(step.slug, question.name, value.translate(_LATIN))
    answers.timeline = [_greek(event) for event in answers.timeline]
    answers.evidence = [_greek(item) for item in answers.evidence]
    answers.people = [_greek(person) for person in answers.people]
    return answers


def _facts(answers: Answers) -> Iterator[str]:
    """The boards', the law's and the standards' own words (stay as published), and the state
    names; the longest first so a phrase goes before a word inside it."""
    for board in chosen_boards(answers):
        for field in dataclasses.fields(board):
            yield from _strings(getattr(board, field.name))
        for source in board.sources.values():
            yield source.url
    state = answers.choice("therapy", "state").upper()
    if state in STATES:
        law = law_for(state)
        for group in (law.crime, law.civil, law.later_therapist, *law.limits):
            if group is not None:
                yield from _strings([getattr(group, f.name) for f in dataclasses.fields(group)])
    for citation in citations(answers):
        yield from _strings([getattr(citation, f.name) for f in dataclasses.fields(citation)])
    yield from (fact.rule for fact in RIGHT_OF_ACCESS.values())  # the records request's rules
    yield from STATES.values()


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
        yield from value.split("\n")
    elif isinstance(value, Mapping):
        for each in value.values():
            yield from _strings(each)
    elif isinstance(value, list | tuple):
        for each in value:
            yield from _strings(each)


_MARKED = re.compile(f"{PSEUDO_OPEN}[^{PSEUDO_OPEN}{PSEUDO_CLOSE}]*{PSEUDO_CLOSE}")
# The neutral names of the exhibit copies ("Exhibit 01.jpg"): file names in the bundle, the same in
# every language so the letter and the ZIP agree.
_COPY_NAME = re.compile(r"Exhibit \d{2}(?:-\d+)?(?:\.\w+)?")
_NOT_WORDS = frozenset({"SHA", "PDF", "KB", "MB", "MD", "DO", "jpg", "png", "pdf", "txt", "eml"})


def english_left(text: str, answers: Answers, extra: Iterable[str] = ()) -> list[str]:
    """Latin words of `text` outside ⟦…⟧ that are not the boards', the law's or the standards'
    published words (nor the `extra` phrases a test names). The person's own words are written
    in Greek letters by `_greek_answers`, so they never count."""
    while (unmarked := _MARKED.sub(" ", text)) != text:
        text = unmarked
    text = _COPY_NAME.sub(" ", text)
    text = re.sub(r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[0-9a-f]{64}\b", " ", text)
    phrases = {*_facts(answers), *extra}
    known = sorted((p for p in phrases if len(p.strip()) > 1), key=len, reverse=True)
    pattern = "|".join(r"\s+".join(map(re.escape, p.split())) for p in known)
    text = re.sub(rf"(?<!\w)(?:{pattern})(?!\w)", " ", text)
    return [word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in _NOT_WORDS]


def _download(kind: str, variant: Variant, answers: Answers) -> Callable[[], Document]:
    def build() -> Document:
        return build_download(
            kind,
            answers,
            TODAY,
            variant=variant,
            case_language=PSEUDO_LANGUAGE,
            letter_language=PSEUDO_LANGUAGE,
        )

    return build


def _follow_up(kind: str, answers: Answers) -> Callable[[], Document]:
    boards = chosen_boards(answers)
    filing = Filing("p1", place="", reference="R-1")

    def build() -> Document:
        board = boards[0] if boards else None
        return build_follow_up(kind, answers, filing, board, today=TODAY, language=PSEUDO_LANGUAGE)

    return build


def _pseudo_documents() -> Iterator[tuple[str, str, Callable[[], Document], Answers]]:
    for story, make in STORIES.items():
        answers = _greek_answers(_with_boards(make()))
        for download in DOWNLOADS:
            if not download.applies(answers):
                continue
            for version in download.versions:
                kind = f"{download.kind} {version.variant}"
                yield story, kind, _download(download.kind, version.variant, answers), answers
    answers = _greek_answers(_with_boards(STORIES["maya"]()))
    for letter in FOLLOW_UPS:
        yield "maya", f"follow-up {letter.kind}", _follow_up(letter.kind, answers), answers


PSEUDO_CASES = list(_pseudo_documents())


@pytest.mark.parametrize(
    ("story", "kind", "build", "answers"),
    PSEUDO_CASES,
    ids=[f"{story}-{kind}" for story, kind, _, _ in PSEUDO_CASES],
)
def test_no_english_in_any_document_built_in_the_pseudo_language(
    story: str, kind: str, build: Callable[[], Document], answers: Answers
) -> None:
    document = build()
    assert document.language == PSEUDO_LANGUAGE
    assert english_left(document.plain_text(), answers) == [], (story, kind)
    # The page's own words on paper: the running header and "page X of Y" were translated too.
    with use_language(PSEUDO_LANGUAGE):
        text = pdf_text(render_complaint_pdf(document))
    assert f"{PSEUDO_OPEN}page 1 of" in text
    lines = [line for line in text.splitlines() if line.strip()]
    assert english_left(lines[0], answers) == []


def test_the_check_finds_english_that_skipped_gettext() -> None:
    """The pseudo-language check itself: an English sentence outside gettext is found."""
    answers = _greek_answers(_with_boards(STORIES["maya"]()))
    assert english_left("⟦Cover letter⟧ Dear board, ⟦Name⟧", answers) == ["Dear", "board"]
    assert english_left("⟦From⟧ California Board of Psychology", answers) == []
    assert load_directory().board("ca-psychology").name == "California Board of Psychology"


# ------------------------------------------------------------------------------------------------
# The printable exhibits: they go to the board with the complaint, so in the letter's language.


def _with_files(answers: Answers) -> tuple[Answers, Callable[[str], Iterator[bytes]]]:
    """Maya's first exhibit with a text file and a recording (which cannot be printed)."""
    files = {"t" * 32: b"He wrote: see you at 7.\n", "v" * 32: b"\x00\x00\x00\x18ftypmp42"}
    answers.evidence[0].files = [
        EvidenceFile("t" * 32, filename="texts.txt", media_type="text/plain", size=24),
        EvidenceFile("v" * 32, filename="call.mp4", media_type="video/mp4", size=12),
    ]

    def read(attachment_id: str) -> Iterator[bytes]:
        yield files[attachment_id]

    return answers, read


def test_the_printable_exhibits_are_english_by_default_and_spanish_when_chosen() -> None:
    answers, read = _with_files(_with_boards(STORIES["maya"]()))
    english = squash(pdf_text(build_exhibit_bundle_pdf(answers, read)))
    assert squash("Exhibit 1 · page 2 of") in english
    spanish = squash(pdf_text(build_exhibit_bundle_pdf(answers, read, language="es")))
    for words in ("Anexos — copias", "Anexo 1 · página 2 de", "Contenido", "no se puede mostrar"):
        assert squash(words) in spanish, words
    assert squash("page 2 of") not in spanish and squash("Exhibits —") not in spanish


def test_no_english_in_the_printable_exhibits_in_the_pseudo_language() -> None:
    answers, read = _with_files(_greek_answers(_with_boards(STORIES["maya"]())))
    text = pdf_text(build_exhibit_bundle_pdf(answers, read, language=PSEUDO_LANGUAGE))
    assert english_left(text, answers) == []


def test_the_filing_history_follows_the_documents_language() -> None:
    answers = _greek_answers(_with_boards(STORIES["maya"]()))
    history = FilingHistory(
        filings=[Filing("p1", place="ΠΛΑΚΕ", reference="R-1", sent_how="mail")],
        entries=[
            FilingEntry(
                "e1",
                "p1",
                when=ApproxDate.exact(2026, 11, 2),
                what="λεττερ",
                reply_by=ApproxDate.exact(2026, 12, 1),
                due_done=True,
            )
        ],
    )
    names = {"p1": "ΠΛΑΚΕ"}
    for language in ("es", PSEUDO_LANGUAGE):
        document = with_filing_history(
            build_download("your-answers", answers, TODAY, case_language=language),
            answers,
            history,
            names,
        )
        text = document.section(HISTORY_KEY).title + "\n" + document.plain_text()
        if language == "es":
            assert "Después de enviarla" in text and "After you sent it" not in text
        else:
            assert english_left(text, answers) == []
