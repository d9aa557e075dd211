"""After you send it: where the complaint went, what came back and what is due (no Flask).

One `Filing` per place the complaint was sent (a board from the directory, or another place the
person names): when and how it was sent, the tracking number, the board's reference number and
the person at the board. One `FilingEntry` per thing that happened next: its date, what arrived or
was said, scans of letters received (attachments, encrypted by the vault exactly like evidence)
and, when a reply is asked for, a due date (entered, or "reply within N days" from the entry's
date: `due_dates`).

Stored like the interview's list items, by their declarative records (`FILING_RECORD`,
`ENTRY_RECORD`, read by `interview.items`): kind ``filing`` / filing id and kind ``filing-entry`` /
entry id, one record each, JSON dicts encrypted by the vault. Every save
writes one record (one transaction); a damaged record is reported, never fatal.

The questions are defined once here (`FILING_QUESTIONS`, `ENTRY_QUESTIONS`): the pages draw them
with the interview's field macro and read them with `validation.read_questions`, so dates are
accepted as approximately as the interview accepts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Final

from complaint_helper.i18n import gettext as _
from complaint_helper.i18n import lazy_gettext
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.due_dates import (
    MOST_OF_UNIT,
    UNITS,
    DueDate,
    DueItem,
    Unit,
    due_after,
    due_on,
)
from complaint_helper.interview.items import (
    ListRecord,
    form_values,
    from_json,
    from_values,
    to_json,
)
from complaint_helper.interview.model import AnswerValue, EvidenceFile
from complaint_helper.interview.repository import DamagedRecord, RecordStore
from complaint_helper.interview.steps import DATE_HINT, LONG_TEXT_LIMIT, Choice, Question
from complaint_helper.interview.validation import (
    FieldError,
    PostedForm,
    Submission,
    read_questions,
)

FILING: Final = "filing"
FILING_ENTRY: Final = "filing-entry"

SENT_HOW_CHOICES: tuple[Choice, ...] = (
    Choice("mail", lazy_gettext("By post")),
    Choice("online_form", lazy_gettext("Through the board's online form")),
    Choice("email", lazy_gettext("By email")),
    Choice("fax", lazy_gettext("By fax")),
    Choice("in_person", lazy_gettext("In person")),
    Choice("other", lazy_gettext("Another way")),
)
UNIT_CHOICES: tuple[Choice, ...] = (
    Choice("days", lazy_gettext("days")),
    Choice("weeks", lazy_gettext("weeks")),
    Choice("months", lazy_gettext("months")),
)
DONE_CHOICES: tuple[Choice, ...] = (Choice("done", lazy_gettext("Yes, it is dealt with")),)

FILING_QUESTIONS: tuple[Question, ...] = (
    Question(
        "place",
        lazy_gettext("Where did you send it?"),
        hint=lazy_gettext(
            "Only needed for a place that is not a board listed above, for example an "
            "employer or a professional association."
        ),
    ),
    Question("sent_on", lazy_gettext("When did you send it?"), kind="date", hint=DATE_HINT),
    Question(
        "sent_how", lazy_gettext("How did you send it?"), kind="choice", choices=SENT_HOW_CHOICES
    ),
    Question(
        "tracking",
        lazy_gettext("Tracking or confirmation number"),
        hint=lazy_gettext(
            "From the post office receipt, or the confirmation page or email. Optional."
        ),
    ),
    Question(
        "reference",
        lazy_gettext("The board's reference number for your complaint"),
        hint=lazy_gettext("Boards often write back with a case or file number. Optional."),
    ),
    Question(
        "contact_name",
        lazy_gettext("Name of the person handling it"),
        hint=lazy_gettext("For example, an investigator."),
    ),
    Question("contact_phone", lazy_gettext("Their phone number")),
    Question("contact_email", lazy_gettext("Their email address")),
    Question(
        "notes",
        lazy_gettext("Anything else to remember about it"),
        kind="textarea",
        max_length=LONG_TEXT_LIMIT,
    ),
)

ENTRY_QUESTIONS: tuple[Question, ...] = (
    Question(
        "when",
        lazy_gettext("When did it happen?"),
        kind="date",
        hint=lazy_gettext(
            "The date on the letter, or of the call or email. Give as much as you remember: a "
            "day, a month or a season, or just the year. \u201cAround then\u201d is fine."
        ),
    ),
    Question(
        "what",
        lazy_gettext("What arrived, or what was said?"),
        kind="textarea",
        hint=lazy_gettext(
            "For example: a letter saying they received the complaint; a call from the "
            "investigator asking for records."
        ),
        max_length=LONG_TEXT_LIMIT,
    ),
    Question(
        "reply_by",
        lazy_gettext("Is a reply or something else due by a date?"),
        kind="date",
        hint=lazy_gettext(
            "Optional. The date you need to answer or act by, as exactly as you know it."
        ),
    ),
    Question(
        "reply_within",
        lazy_gettext("Or: does it ask for a reply within a number of days, weeks or months?"),
        hint=lazy_gettext(
            "Optional. Type the number, for example 30. It is counted from the date above."
        ),
        private=False,
    ),
    Question(
        "reply_unit", lazy_gettext("Counted in"), kind="choice", choices=UNIT_CHOICES, private=False
    ),
    Question("due_done", lazy_gettext("Is this dealt with?"), kind="choices", choices=DONE_CHOICES),
)
FILING_QUESTION_BY_NAME: Final = {q.name: q for q in FILING_QUESTIONS}
ENTRY_QUESTION_BY_NAME: Final = {q.name: q for q in ENTRY_QUESTIONS}
# A due date is meant to be in the future: read it as if every date up to the year 9999 had passed.
_NO_FUTURE_CHECK = date(9999, 12, 31)


@dataclass
class Filing:
    """One place the complaint was sent, and what the person knows of it there."""

    filing_id: str
    board_id: str = ""  # a board of the directory, or "" for another place
    place: str = ""  # another place, as the person names it
    sent_on: ApproxDate = field(default_factory=ApproxDate)
    sent_how: str = ""  # a key of SENT_HOW_CHOICES
    tracking: str = ""
    reference: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    notes: str = ""


@dataclass
class FilingEntry:
    """One thing that happened after sending: a letter, a call, an email."""

    entry_id: str
    filing_id: str
    when: ApproxDate = field(default_factory=ApproxDate)
    what: str = ""
    reply_by: ApproxDate = field(default_factory=ApproxDate)
    reply_within: int | None = None
    reply_unit: str = ""  # a key of UNIT_CHOICES; "days" when not chosen
    due_done: bool = False
    files: list[EvidenceFile] = field(default_factory=list)

    def file(self, attachment_id: str) -> EvidenceFile | None:
        return next((f for f in self.files if f.attachment_id == attachment_id), None)

    @property
    def due(self) -> DueDate | None:
        """When something is due for this entry (an entered date wins), or None."""
        entered = due_on(self.reply_by)
        if entered is not None:
            return entered
        if self.reply_within is None:
            return None
        unit: Unit = self.reply_unit if self.reply_unit in UNITS else "days"
        return due_after(self.when, self.reply_within, unit)

    @property
    def asks_for_reply(self) -> bool:
        """A due date was given, even if it cannot be worked out (the letter's date unknown)."""
        return self.reply_by.is_known or self.reply_within is not None


@dataclass
class FilingHistory:
    """Everything after sending, for one case."""

    filings: list[Filing] = field(default_factory=list)
    entries: list[FilingEntry] = field(default_factory=list)
    damaged: list[DamagedRecord] = field(default_factory=list)

    def filing(self, filing_id: str) -> Filing | None:
        return next((f for f in self.filings if f.filing_id == filing_id), None)

    def entry(self, entry_id: str) -> FilingEntry | None:
        return next((e for e in self.entries if e.entry_id == entry_id), None)

    def entries_of(self, filing_id: str) -> list[FilingEntry]:
        """A place's entries in time order (undated ones last, in the order added)."""
        found = [e for e in self.entries if e.filing_id == filing_id]
        return sorted(found, key=lambda e: e.when.sort_key())

    def filing_for_board(self, board_id: str) -> Filing | None:
        return next((f for f in self.filings if board_id and f.board_id == board_id), None)

    def due_items(self, place_names: dict[str, str]) -> list[DueItem]:
        """Every due item not yet dealt with; `place_names` maps filing id to the place's name."""
        items: list[DueItem] = []
        for entry in self.entries:
            due = entry.due
            if due is None or entry.due_done or self.filing(entry.filing_id) is None:
                continue
            place = place_names.get(entry.filing_id, "")
            what = entry.what.strip().splitlines()[0] if entry.what.strip() else ""
            label = f"{place}: {what}" if place and what else place or what
            items.append(DueItem(due, entry.filing_id, entry.entry_id, label))
        return items


FILING_RECORD: Final = ListRecord(
    kind=FILING, model=Filing, id_field="filing_id", questions=FILING_QUESTIONS
)
ENTRY_RECORD: Final = ListRecord(
    kind=FILING_ENTRY, model=FilingEntry, id_field="entry_id", questions=ENTRY_QUESTIONS
)


# -- reading the forms ----------------------------------------------------------------------------
def read_filing_form(form: PostedForm, *, today: date) -> Submission:
    """The posted filing page: the sending date may not be in the future."""
    return read_questions(FILING_QUESTIONS, form, today=today)


def read_entry_form(form: PostedForm, *, today: date) -> Submission:
    """The posted entry page. The entry's date may not be in the future; a due date may."""
    dated = tuple(q for q in ENTRY_QUESTIONS if q.name != "reply_by")
    submission = read_questions(dated, form, today=today)
    due = read_questions((ENTRY_QUESTION_BY_NAME["reply_by"],), form, today=_NO_FUTURE_CHECK)
    submission.values.update(due.values)
    submission.errors.extend(due.errors)
    submission.fields.update(due.fields)
    within = submission.values.get("reply_within")
    if isinstance(within, str):
        unit = submission.values.get("reply_unit")
        most = MOST_OF_UNIT[unit if unit in UNITS else "days"]
        text = within.strip()
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= most:
            submission.errors.append(
                FieldError(
                    "reply_within",
                    "reply_within",
                    _(
                        "Type the number as digits, from 1 to %(most)s, for example 30. "
                        "Or leave it blank.",
                        most=str(most),
                    ),
                )
            )
        elif "reply_by" in submission.values:
            submission.errors.append(
                FieldError(
                    "reply_within",
                    "reply_within",
                    _(
                        "You gave a date and also a number of days. Keep the one the letter "
                        "gives, and clear the other."
                    ),
                )
            )
    return submission


def filing_from(filing_id: str, board_id: str, values: dict[str, AnswerValue]) -> Filing:
    return from_values(FILING_RECORD, filing_id, values, None, board_id=board_id)


def entry_from(
    entry_id: str, filing_id: str, values: dict[str, AnswerValue], old: FilingEntry | None
) -> FilingEntry:
    return from_values(ENTRY_RECORD, entry_id, values, old, filing_id=filing_id)


def filing_values(filing: Filing) -> dict[str, AnswerValue]:
    """A filing as the values its form shows."""
    return form_values(FILING_RECORD, filing)


def entry_values(entry: FilingEntry) -> dict[str, AnswerValue]:
    return form_values(ENTRY_RECORD, entry)


# -- storage --------------------------------------------------------------------------------------
def load_history(store: RecordStore) -> FilingHistory:
    history = FilingHistory()
    for kind in (FILING, FILING_ENTRY):
        for record in store.all(kind):
            if record.damaged or record.value is None:
                history.damaged.append(DamagedRecord(kind, record.record_id))
            elif kind == FILING:
                history.filings.append(from_json(FILING_RECORD, record.record_id, record.value))
            else:
                history.entries.append(from_json(ENTRY_RECORD, record.record_id, record.value))
    return history


def listed_attachments(store: RecordStore) -> set[str] | None:
    """Every scan an entry lists (the vault's orphan sweep must keep them); None when an entry
    cannot be read, so that nothing is swept."""
    history = load_history(store)
    if any(damaged.kind == FILING_ENTRY for damaged in history.damaged):
        return None
    return {f.attachment_id for entry in history.entries for f in entry.files}


def save_filing(store: RecordStore, filing: Filing) -> None:
    store.put(FILING, filing.filing_id, to_json(FILING_RECORD, filing))


def save_entry(store: RecordStore, entry: FilingEntry) -> None:
    store.put(FILING_ENTRY, entry.entry_id, to_json(ENTRY_RECORD, entry))


def delete_entry(store: RecordStore, entry_id: str) -> None:
    store.delete(FILING_ENTRY, entry_id)


def delete_filing(store: RecordStore, history: FilingHistory, filing_id: str) -> None:
    """Remove a place and its entries (each its own transaction; entries first, so a crash
    leaves a place with fewer entries, never entries pointing at nothing)."""
    for entry in history.entries_of(filing_id):
        store.delete(FILING_ENTRY, entry.entry_id)
    store.delete(FILING, filing_id)
