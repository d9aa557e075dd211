"""Letters for after sending (issue 19), built from the same facts as the complaint.

Four short letters to the place a complaint went, each a generic `Document` (model.py) that
pdf.py renders: asking for an update, sending more information, withdrawing or pausing, and a
cover note for a records release. Each carries the board's reference number and the date the
complaint was sent when the person recorded them (`interview.filing.Filing`), and the person's
details as the board draft gives them (`redaction.complainant_for`, board variant).

`FOLLOW_UPS` is this module's kind → builder table. A letter needs one place's filing record as
well as the answers, which `downloads.Builder` (answers and a date) does not carry, so the tracker
page offers them per place rather than the documents page. Words are plain and ask; they promise
nothing and give no legal advice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Final

from complaint_helper.boards import Board
from complaint_helper.documents.model import (
    Block,
    Document,
    KeyValues,
    Notice,
    Paragraph,
    Section,
    SignatureLines,
    Table,
)
from complaint_helper.documents.redaction import WITHHELD, AnswerReader, complainant_for
from complaint_helper.documents.wording import format_day
from complaint_helper.i18n import (
    DEFAULT_LANGUAGE,
    _,
    current_language,
    lazy_gettext,
    ngettext,
    use_language,
)
from complaint_helper.interview.filing import SENT_HOW_CHOICES, Filing, FilingHistory
from complaint_helper.interview.model import Answers

SENT_HOW_WORDS = {
    "mail": lazy_gettext("by post"),
    "online_form": lazy_gettext("through your online form"),
    "email": lazy_gettext("by email"),
    "fax": lazy_gettext("by fax"),
    "in_person": lazy_gettext("in person"),
}


@dataclass(frozen=True)
class LetterFacts:
    """What every follow-up letter says about the complaint, as the person recorded it."""

    today: date
    board_name: str
    address: str
    reference: str
    sent: str  # "on 4 March 2027 by post", or ""
    contact_name: str


def _facts(filing: Filing, board: Board | None, today: date) -> LetterFacts:
    when = ""
    if filing.sent_on.is_known:
        described = filing.sent_on.describe()
        if filing.sent_on.granularity == "exact":
            when = _("on %(day)s", day=described)
        elif filing.sent_on.circa:
            when = described  # "around March 2027"
        else:
            when = _("in %(when)s", when=described)
    how = str(SENT_HOW_WORDS.get(filing.sent_how, ""))
    sent = _("%(when)s %(how)s", when=when, how=how) if when and how else (when or how)
    return LetterFacts(
        today=today,
        board_name=filing.place.strip() or (board.name if board else ""),
        address=(board.mailing_address or "") if board else "",
        reference=filing.reference.strip(),
        sent=sent,
        contact_name=filing.contact_name.strip(),
    )


def _head(answers: Answers, facts: LetterFacts, subject: str) -> list[Block]:
    complainant = complainant_for(AnswerReader(answers, "board"))
    blocks: list[Block] = [
        Paragraph(format_day(facts.today), "letter_line"),
        KeyValues(complainant.rows(), title=_("From")),
    ]
    to: list[tuple[str, str]] = []
    if facts.contact_name:
        to.append((_("Attention"), facts.contact_name))
    to.append((_("To"), facts.board_name or _("The board")))
    if facts.address:
        to.append((_("Address"), facts.address))
    blocks.append(KeyValues(tuple(to), title=_("To")))
    if not facts.address:
        blocks.append(Notice(_("Add the address you sent your complaint to before you send this.")))
    reference = (
        _("Your reference: %(reference)s", reference=facts.reference)
        if facts.reference
        else _("Your reference: %(reference)s", reference="____________________")
    )
    blocks.append(
        Paragraph(
            _("Subject: %(subject)s. %(reference)s", subject=subject, reference=reference),
            "heading",
        )
    )
    addressee = facts.contact_name or facts.board_name
    blocks.append(
        Paragraph(_("Dear %(name)s,", name=addressee) if addressee else _("Dear Sir or Madam,"))
    )
    return blocks


def _about_my_complaint(facts: LetterFacts) -> str:
    """The letter's first sentence: "I am writing about my complaint (your reference X), which I
    sent on 4 March 2027 by post." with the parts the person recorded."""
    if facts.reference and facts.sent:
        return _(
            "I am writing about my complaint (your reference %(reference)s), which I sent "
            "%(sent)s.",
            reference=facts.reference,
            sent=facts.sent,
        )
    if facts.reference:
        return _(
            "I am writing about my complaint (your reference %(reference)s).",
            reference=facts.reference,
        )
    if facts.sent:
        return _("I am writing about my complaint, which I sent %(sent)s.", sent=facts.sent)
    return _("I am writing about my complaint.")


def _close(answers: Answers) -> list[Block]:
    complainant = complainant_for(AnswerReader(answers, "board"))
    return [
        Paragraph(_("Thank you."), "body"),
        Paragraph(_("Sincerely,"), "letter_line"),
        SignatureLines(((_("Signature"), ""), (_("Name"), complainant.signature_name))),
    ]


def _update(answers: Answers, facts: LetterFacts) -> tuple[Block, ...]:
    return (
        *_head(answers, facts, _("Request for an update on my complaint")),
        Paragraph(
            _about_my_complaint(facts)
            + " "
            + _(
                "I have not heard about it for a while and would be grateful for an update on "
                "where it stands and what happens next."
            )
        ),
        Paragraph(_("If you need anything more from me, please tell me what and how to send it.")),
        *_close(answers),
    )


def _more_information(answers: Answers, facts: LetterFacts) -> tuple[Block, ...]:
    return (
        *_head(answers, facts, _("More information for my complaint")),
        Paragraph(
            _about_my_complaint(facts)
            + " "
            + _(
                "I am sending more information that may help you look into it. Please add it "
                "to my complaint."
            )
        ),
        Paragraph(_("What I am sending:"), "heading"),
        SignatureLines((("1", ""), ("2", ""), ("3", ""))),
        *_close(answers),
    )


def _withdraw_or_pause(answers: Answers, facts: LetterFacts) -> tuple[Block, ...]:
    return (
        *_head(answers, facts, _("My complaint: withdrawing or pausing")),
        Paragraph(
            _about_my_complaint(facts)
            + " "
            + _("Tick what you want to ask for and cross out the other before you send this.")
        ),
        Paragraph(_("[  ] I would like to withdraw my complaint.")),
        Paragraph(
            _(
                "[  ] I would like to pause my part in it for now. Please tell me what that "
                "means for the complaint and how to carry on later."
            )
        ),
        Notice(
            _(
                "A board may be able to continue looking into a complaint after it is withdrawn. "
                "You can ask the board, or an advocate, what withdrawing means before you send "
                "this."
            )
        ),
        *_close(answers),
    )


def _records_release(answers: Answers, facts: LetterFacts) -> tuple[Block, ...]:
    return (
        *_head(answers, facts, _("Records release for my complaint")),
        Paragraph(
            _about_my_complaint(facts)
            + " "
            + _("With this note I am sending the records release you asked for, signed.")
        ),
        Paragraph(
            _(
                "I have agreed to the release for the purpose of your look into this complaint. "
                "Please tell me if anything is missing."
            )
        ),
        *_close(answers),
    )


LetterBuilder = Callable[[Answers, LetterFacts], tuple[Block, ...]]


@dataclass(frozen=True)
class FollowUp:
    """One follow-up letter: key, label on the page, neutral file name, explanation, builder.
    `label` and `hint` are lazy strings (text in the language current where they are shown)."""

    kind: str
    label: str
    filename: str
    hint: str
    build: LetterBuilder


FOLLOW_UPS: Final[tuple[FollowUp, ...]] = (
    FollowUp(
        "update",
        lazy_gettext("Asking for an update"),
        "letter.pdf",
        lazy_gettext(
            "When nothing has come for a while. It gives their reference number and the date "
            "you sent it."
        ),
        _update,
    ),
    FollowUp(
        "more-information",
        lazy_gettext("Sending more information"),
        "letter.pdf",
        lazy_gettext("A cover letter for anything more you send them, with lines to list it."),
        _more_information,
    ),
    FollowUp(
        "withdraw-or-pause",
        lazy_gettext("Withdrawing or pausing"),
        "letter.pdf",
        lazy_gettext(
            "If you want to stop or take a break. You choose which on the printed letter."
        ),
        _withdraw_or_pause,
    ),
    FollowUp(
        "records-release",
        lazy_gettext("Records release cover note"),
        "letter.pdf",
        lazy_gettext("A short note to go with a signed records release the board asked for."),
        _records_release,
    ),
)
FOLLOW_UP_BY_KIND: Final[dict[str, FollowUp]] = {letter.kind: letter for letter in FOLLOW_UPS}


def build_follow_up(
    kind: str,
    answers: Answers,
    filing: Filing,
    board: Board | None,
    *,
    today: date,
    language: str = DEFAULT_LANGUAGE,
) -> Document:
    """The letter of this kind for one place (KeyError for a kind that does not exist).

    A follow-up goes to the board, like the complaint: it is written in `language`, English
    unless the person chose another (the same choice as the complaint's letter language)."""
    letter = FOLLOW_UP_BY_KIND[kind]
    with use_language(language):
        facts = _facts(filing, board, today)
        section = Section(
            key=letter.kind, title=str(letter.label), blocks=letter.build(answers, facts)
        )
        return Document(
            variant="board",
            sections=(section,),
            running_header=_("Draft — confidential"),
            language=current_language(),
        )


# -- the filing history in the documents that hold the whole record -------------------------------
HISTORY_KEY = "filing-history"
# The documents that carry the filing history ("your answers"; a lawyer summary when there is one).
WITH_HISTORY: Final = frozenset({"your-answers"})


def filing_history_section(
    history: FilingHistory, names: dict[str, str], reader: AnswerReader
) -> Section | None:
    """Every place, its numbers and people, and what happened next, as this variant may print
    them: the copies that withhold the person (advocate, anonymous) also withhold the numbers that
    identify the complaint and the people at the board, and redact the person's words."""
    if not history.filings:
        return None
    how = {choice.key: str(choice.label) for choice in SENT_HOW_CHOICES}

    def identifying(text: str) -> str:
        text = text.strip()
        return str(WITHHELD) if text and reader.redacts else text

    blocks: list[Block] = []
    for filing in history.filings:
        rows = [
            (
                _("Sent"),
                filing.sent_on.describe() if filing.sent_on.is_known else _("Date not given"),
            ),
            (_("How"), how.get(filing.sent_how, "")),
            (_("Tracking number"), identifying(filing.tracking)),
            (_("Their reference number"), identifying(filing.reference)),
            (_("Handled by"), identifying(filing.contact_name)),
            (_("Phone"), identifying(filing.contact_phone)),
            (_("Email"), identifying(filing.contact_email)),
            (_("Notes"), reader.redact(filing.notes.strip())),
        ]
        title = reader.redact(names.get(filing.filing_id, ""))
        blocks.append(KeyValues(tuple((k, v) for k, v in rows if v), title=title))
        entries = history.entries_of(filing.filing_id)
        if entries:
            table_rows = []
            for entry in entries:
                due = entry.due.describe() if entry.due is not None else ""
                if due and entry.due_done:
                    due = _("%(due)s (dealt with)", due=due)
                what = reader.redact(entry.what.strip())
                if entry.files:
                    what = ngettext(
                        "%(what)s (%(num)d attached)",
                        "%(what)s (%(num)d attached)",
                        len(entry.files),
                        what=what,
                    )
                table_rows.append((entry.when.describe(), what, due))
            blocks.append(
                Table((_("When"), _("What happened"), _("Due")), tuple(table_rows), (1.2, 3.2, 1.6))
            )
    return Section(key=HISTORY_KEY, title=_("After you sent it"), blocks=tuple(blocks))


def with_filing_history(
    document: Document,
    answers: Answers,
    history: FilingHistory,
    names: dict[str, str],
) -> Document:
    """The document with the filing history as its last section (unchanged when there is none),
    in the document's own language."""
    with use_language(document.language):
        section = filing_history_section(history, names, AnswerReader(answers, document.variant))
    if section is None:
        return document
    return dataclasses.replace(document, sections=(*document.sections, section))
