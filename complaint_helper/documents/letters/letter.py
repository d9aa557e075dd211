"""What every letter has: the context it is built from, the sender and date, the law with its
source, and the person's own "before you send this" page.

A letter is built from the same answers as the board complaint and reads them the same way:
`LetterContext.parts` is the complaint's own builder (`complaint.ComplaintParts`) for the letter's
variant, so the professional, the treatment, what happened, the timeline, the people and the
exhibit index (with the fingerprint of each copy) are worded once, and every free-text answer
passes through the variant-aware `AnswerReader` (a redacted copy cannot leak a name).

Legal sentences say "may" and carry their source; "not legal advice" is said once per document,
on the person's own page (`before_you_send`), which also says it is not to be sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from complaint_helper.boards import STATES, Source
from complaint_helper.boards.law import StateLawFacts, law_for
from complaint_helper.documents.complaint import ComplaintParts
from complaint_helper.documents.complaint import source_line as source_line_of_complaint
from complaint_helper.documents.exhibits import SentFile
from complaint_helper.documents.model import (
    Block,
    BulletList,
    Document,
    KeyValues,
    Notice,
    Paragraph,
    Section,
    SignatureLines,
    Variant,
)
from complaint_helper.documents.redaction import AnswerReader
from complaint_helper.documents.wording import format_day, label
from complaint_helper.i18n import current_language
from complaint_helper.i18n import gettext as _
from complaint_helper.interview.model import Answers
from complaint_helper.support import NOT_ADVICE

_THERAPY = "therapy"
_PRO = "professional"

# Settings where someone besides the professional runs the place: an employer to write to.
EMPLOYER_SETTINGS = frozenset({"clinic", "hospital", "school", "online_platform"})


@dataclass(frozen=True)
class LetterContext:
    """Everything a letter may read: the complaint's parts for this variant, the day, the law."""

    parts: ComplaintParts
    today: date
    law: StateLawFacts | None

    @property
    def reader(self) -> AnswerReader:
        return self.parts.r

    @property
    def variant(self) -> Variant:
        return self.parts.variant

    @property
    def state_name(self) -> str:
        return self.law.state_name if self.law is not None else ""


def state_of(answers: Answers) -> str | None:
    """The state the person was in during the sessions, when it is a known state code."""
    code = answers.choice(_THERAPY, "state").strip().upper()
    return code if code in STATES else None


def law_of(answers: Answers) -> StateLawFacts | None:
    """The checked law of the person's state (None when the state is not known)."""
    state = state_of(answers)
    return law_for(state) if state is not None else None


def letter_context(
    answers: Answers,
    variant: Variant,
    today: date,
    sent: Mapping[str, SentFile] | None = None,
    words_language: str | None = None,
) -> LetterContext:
    """The context a letter is built from (no board and no standards: a letter goes elsewhere).

    `words_language` is the language the person wrote their answers in (the case's)."""
    parts = ComplaintParts(answers, (), variant, today, (), sent, words_language)
    return LetterContext(parts, today, law_of(answers))


def language_note(context: LetterContext) -> list[Block]:
    """The complaint's one sentence when the person's own words are in another language than
    the letter's (a case in Spanish, a letter in English); nothing otherwise."""
    sentence = context.parts.language_sentence()
    return [Paragraph(sentence)] if sentence else []


def has_story(answers: Answers) -> bool:
    """True once the person has said anything about what happened (ticked, written or dated)."""
    return bool(
        answers.choices("what-happened", "conduct")
        or answers.text("your-account", "account").strip()
        or answers.timeline
    )


def letter_document(variant: Variant, sections: tuple[Section, ...], header: str) -> Document:
    """The finished letter, in the language its words were made in (`i18n.use_language`)."""
    return Document(
        variant=variant,
        sections=sections,
        running_header=running_header(variant, header),
        language=current_language(),
    )


def running_header(variant: Variant, own: str) -> str:
    """What every page says it is: the letter's own words, or what a redacted copy is for."""
    if variant == "advocate":
        return _("Advocate copy — not for sending")
    if variant == "anonymous":
        return _("Anonymous draft — fill in the blanks before sending")
    return own


# -- blocks every letter uses ---------------------------------------------------------------------


def date_and_sender(context: LetterContext) -> list[Block]:
    """The date line and the sender's details as this variant shows them."""
    return [
        Paragraph(format_day(context.today), "letter_line"),
        KeyValues(context.parts.complainant.rows(), title=_("From")),
    ]


def signature(context: LetterContext, closing: str) -> list[Block]:
    return [
        Paragraph(closing, "letter_line"),
        SignatureLines(
            ((_("Signature"), ""), (_("Name"), context.parts.complainant.signature_name))
        ),
    ]


def setting_label(context: LetterContext) -> str:
    """The kind of place the therapy was in, as the step table words it ("A clinic or agency")."""
    key = context.reader.choice(_THERAPY, "setting")
    return label(_THERAPY, "setting", key) if key else ""


def place_name(context: LetterContext) -> str:
    """The practice, clinic or platform by name when given, else by its kind, else ""."""
    name = context.reader.text(_PRO, "practice_name")
    if name:
        return name
    key = context.reader.choice(_THERAPY, "setting")
    return setting_label(context) if key in EMPLOYER_SETTINGS else ""


def checked(source: Source) -> str:
    """A source as a letter cites it: the page and the day it was read there."""
    return source_line_of_complaint(source.url, source.checked_on)


def source_line(source: Source) -> str:
    return _("Source: %(source)s", source=checked(source))


def before_you_send(key: str, title: str, advice: Sequence[str]) -> Section:
    """The person's own page: what to check before sending, and "not legal advice" once."""
    blocks: list[Block] = [
        Notice(_("This page is for you. It is not part of the letter: do not send it.")),
        BulletList(tuple(advice)),
        Paragraph(str(NOT_ADVICE), "small"),
    ]
    return Section(key=key, title=title, blocks=tuple(blocks))


def conduct_and_timeline(context: LetterContext) -> list[Block]:
    """What happened in summary and the timeline, worded as in the complaint."""
    return [
        Paragraph(_("What happened, in summary"), "heading"),
        *context.parts.conduct_summary(),
        Paragraph(_("Timeline"), "heading"),
        context.parts.timeline_block(),
    ]


def evidence_and_people(context: LetterContext) -> list[Block]:
    """The exhibit index (with each copy's fingerprint) and the people who know."""
    # The complaint's exhibit entries (one per item, each file's fingerprint); its opening words
    # speak to a board, so a letter says its own.
    exhibits = [b for b in context.parts.exhibit_index().blocks if isinstance(b, KeyValues)]
    opening = (
        _(
            "Each item is a copy; I keep the originals. For files, the SHA-256 fingerprint shows "
            "whether a copy matches the file listed here."
        )
        if exhibits
        else _("I have not listed any evidence yet.")
    )
    return [
        Paragraph(_("Evidence"), "heading"),
        Paragraph(opening),
        *exhibits,
        Paragraph(_("People who know about this"), "heading"),
        *context.parts.people_blocks(),
    ]
