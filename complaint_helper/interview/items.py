"""List items as declarative records: one `ListRecord` per kind of thing a person adds to a list.

A timeline event, an evidence item, a person who knows (and, in the tracker, a place the complaint
was sent and what happened after) is each one dataclass (`interview.model`, `interview.filing`)
whose fields ARE its questions: the record names the model class, the vault record kind, the id
field and the questions (labels, hints, field kinds and limits, from the step table), and says
how each field is shown outside its form. Everything else reads the record:

- storage (`to_json` / `from_json`): the stored JSON keys are the field names, each value stored
  by its type (text, approximate date, list of keys, files, number, yes/no), exactly as records
  were written before this module existed, so every existing case reads unchanged;
- the item form (`form_values` / `from_values`), drawn and read with the step's own questions;
- the "Check your answers" rows (`interview.review`), the "Your answers" take-home copy and the
  complaint's rows (`documents`), field by field in the order of the questions.

So a field added to a model and its question appears in the form, the review, the documents and
the stored record without touching any of them (tests/interview/test_items.py proves it).

Fields of a model that are not asked (an evidence item's files, the place a tracker entry belongs
to) are stored by the same rules and kept from the stored item when the form is saved.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Generic, TypeVar

from complaint_helper.i18n import gettext, lazy_pgettext
from complaint_helper.i18n import lazy_gettext as _
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import (
    Answers,
    AnswerValue,
    EvidenceFile,
    EvidenceItem,
    PersonWhoKnows,
    TimelineEvent,
)
from complaint_helper.interview.steps import (
    EVIDENCE_QUESTIONS,
    PERSON_QUESTIONS,
    TIMELINE_QUESTIONS,
    Choice,
    Question,
)

T = TypeVar("T")

TIMELINE: Final = "timeline"
EVIDENCE: Final = "evidence"
PERSON: Final = "person"
NOTHING_WRITTEN: Final = _("(nothing written yet)")


@dataclass(frozen=True)
class Shown:
    """How one asked field of an item is shown outside its form (`label` defaults to the
    question's short label, `letter` to `label`)."""

    name: str  # the question's name, the model's field and the stored JSON key
    label: str = ""  # "Check your answers" and "Your answers"
    # "Check your answers": "Label: value" on its own line; False shows the value alone.
    labelled: bool = True
    placeholder: str = ""  # "Check your answers": shown for an empty value (the line is kept)
    to_board: bool = True  # in the complaint a board receives
    letter: str = ""  # its label there, when not `label`
    letter_empty: str = ""  # the complaint: shown when empty (otherwise the row is left out)


@dataclass(frozen=True)
class ListRecord(Generic[T]):
    """One kind of list item: model, record kind, questions, and how its fields are shown."""

    kind: str  # the vault record kind
    model: type[T]
    id_field: str  # the model field holding the item's random id (the record id)
    questions: tuple[Question, ...]  # asked about each item, in order (the step table's)
    shown: tuple[Shown, ...] = ()  # how the asked fields are shown, where not by default
    step_slug: str = ""  # the interview's list step ("" outside the interview)
    title: str = ""  # the field naming an item's row on "Check your answers"
    untitled: str = ""  # the row's name when that field is empty
    # A row's value on "Check your answers" when no line has anything.
    nothing_written: str = field(default_factory=lambda: NOTHING_WRITTEN)
    heading: str = ""  # documents: each item's heading, numbered ("Evidence %(number)s")
    in_a_table: bool = False  # "Your answers" and the complaint: one table row per item
    letter_order: tuple[str, ...] = ()  # the complaint's order of rows, when not the questions'
    # A choices question whose options are the items of another list (kind of that record).
    options_from: Mapping[str, str] = field(default_factory=dict)

    def question(self, name: str) -> Question:
        return next(q for q in self.questions if q.name == name)

    def display(self, name: str) -> Shown:
        found = next((s for s in self.shown if s.name == name), Shown(name))
        label = found.label or self.question(name).short_label
        return dataclasses.replace(found, label=label, letter=found.letter or label)

    def item_id(self, item: T) -> str:
        value = getattr(item, self.id_field)
        return value if isinstance(value, str) else ""

    def numbered(self, number: int) -> str:
        """An item's heading in a document: "Evidence 3"."""
        return str(self.heading) % {"number": number}

    def every_field(self) -> list[Shown]:
        """Every asked field, in the order of the questions."""
        return [self.display(q.name) for q in self.questions]

    def letter_fields(self) -> list[Shown]:
        """The fields a board sees, in the complaint's order."""
        order = self.letter_order or tuple(q.name for q in self.questions)
        return [self.display(name) for name in order if self.display(name).to_board]

    @property
    def unasked(self) -> tuple[str, ...]:
        """Model fields stored but not asked on the form (files, the place an entry is about)."""
        asked = {q.name for q in self.questions}
        return tuple(
            f.name
            for f in dataclasses.fields(self.model)  # type: ignore[arg-type]
            if f.name != self.id_field and f.name not in asked
        )


# ------------------------------------------------------------------------------------------------
# The three lists of the interview

TIMELINE_RECORD: Final = ListRecord(
    kind=TIMELINE,
    model=TimelineEvent,
    id_field="event_id",
    questions=TIMELINE_QUESTIONS,
    step_slug="timeline",
    title="when",
    shown=(
        Shown("when", label=_("When")),
        Shown("what", label=_("What happened"), labelled=False, placeholder=NOTHING_WRITTEN),
        Shown("where", label=_("Where")),
        Shown("who_else", label=_("Others there"), letter=_("Others present")),
        Shown("evidence_ids", label=_("Evidence"), to_board=False),
    ),
    in_a_table=True,
    options_from={"evidence_ids": EVIDENCE},
)

EVIDENCE_RECORD: Final = ListRecord(
    kind=EVIDENCE,
    model=EvidenceItem,
    id_field="evidence_id",
    questions=EVIDENCE_QUESTIONS,
    step_slug="evidence",
    title="kind",
    untitled=_("Evidence"),
    nothing_written=_("(no description yet)"),
    heading=_("Evidence %(number)s"),
    shown=(
        Shown("kind", label=_("Kind"), letter=_("Type")),
        Shown(
            "description",
            label=_("Description"),
            labelled=False,
            letter_empty=_("Not described"),
        ),
        Shown(
            "when",
            label=lazy_pgettext("evidence", "From"),
            letter=_("Date"),
            letter_empty=_("Not known"),
        ),
        Shown("original_kept", label=_("Original kept")),
    ),
    letter_order=("description", "when", "kind", "original_kept"),
)

PERSON_RECORD: Final = ListRecord(
    kind=PERSON,
    model=PersonWhoKnows,
    id_field="person_id",
    questions=PERSON_QUESTIONS,
    step_slug="people",
    title="name",
    untitled=_("Name not given"),
    heading=_("Person %(number)s"),
    shown=(
        Shown("name", label=_("Name")),
        Shown("relation", label=_("How they know"), labelled=False, letter=_("Who they are")),
        Shown(
            "when_told",
            label=_("When they found out"),
            labelled=False,
            letter=_("When they learned of it"),
        ),
        Shown("what_they_know", label=_("What they know"), labelled=False),
        Shown("contact", label=_("Contact")),
    ),
)

INTERVIEW_RECORDS: Final[tuple[ListRecord[Any], ...]] = (
    TIMELINE_RECORD,
    EVIDENCE_RECORD,
    PERSON_RECORD,
)
RECORD_BY_KIND: Final[dict[str, ListRecord[Any]]] = {r.kind: r for r in INTERVIEW_RECORDS}
RECORD_BY_STEP: Final[dict[str, ListRecord[Any]]] = {r.step_slug: r for r in INTERVIEW_RECORDS}
# A copy attached to an evidence item, on "Check your answers" and "Your answers".
FILE_LINE: Final = _("Copy attached")

InterviewItem = TimelineEvent | EvidenceItem | PersonWhoKnows


def items_of(answers: Answers, kind: str) -> list[Any]:
    """The list in `answers` holding the items of this record kind (KeyError for another kind)."""
    lists: dict[str, list[Any]] = {
        TIMELINE: answers.timeline,
        EVIDENCE: answers.evidence,
        PERSON: answers.people,
    }
    return lists[kind]


def record_of(item: InterviewItem) -> ListRecord[Any]:
    """The record of an interview item, by its class."""
    return next(r for r in INTERVIEW_RECORDS if isinstance(item, r.model))


def files_of(item: object) -> list[EvidenceFile]:
    """The copies attached to an item (none for items that hold no files)."""
    files = getattr(item, "files", [])
    return [f for f in files if isinstance(f, EvidenceFile)]


def evidence_title(item: EvidenceItem) -> str:
    """A one-line name for an evidence item: the first line of its description, or its kind."""
    kind = str(EVIDENCE_RECORD.question("kind").choice_label(item.kind)) if item.kind else ""
    return item.description.split("\n", 1)[0][:120] or kind or gettext("An item of evidence")


def options(
    record: ListRecord[Any], items_by_kind: Callable[[str], Sequence[Any]]
) -> dict[str, tuple[Choice, ...]]:
    """The choices of the questions whose options are the items of another list (a timeline
    event's evidence): one choice per item, named by `evidence_title`. `items_by_kind` gives the
    items of a record kind (the answers on a page, the variant-aware reader in a document)."""
    found: dict[str, tuple[Choice, ...]] = {}
    for name, kind in record.options_from.items():
        listed = RECORD_BY_KIND[kind]
        found[name] = tuple(
            Choice(listed.item_id(each), evidence_title(each)) for each in items_by_kind(kind)
        )
    return found


# ------------------------------------------------------------------------------------------------
# Values by the type of the model's field

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(model: type) -> dict[str, Any]:
    if model not in _HINTS:
        _HINTS[model] = typing.get_type_hints(model)
    return _HINTS[model]


def _fields(record: ListRecord[Any]) -> list[tuple[str, Any]]:
    """(name, type) of every stored field of the model, in the model's order, id left out."""
    hints = _hints(record.model)
    return [
        (f.name, hints[f.name])
        for f in dataclasses.fields(record.model)
        if f.name != record.id_field
    ]


def to_json(record: ListRecord[Any], item: Any) -> dict[str, Any]:
    """An item as its stored record: the field names as keys, each value by its type."""
    stored: dict[str, Any] = {}
    for name, kind in _fields(record):
        value = getattr(item, name)
        if kind is ApproxDate:
            stored[name] = value.to_dict()
        elif kind == list[EvidenceFile]:
            stored[name] = files_to_json(value)
        elif kind == list[str]:
            stored[name] = list(value)
        else:  # text, a number or nothing, yes/no: stored as they are
            stored[name] = value
    return stored


def from_json(record: ListRecord[T], item_id: str, data: Mapping[str, Any]) -> T:
    """A stored record as an item; anything of the wrong type reads as not answered."""
    values: dict[str, Any] = {record.id_field: item_id}
    for name, kind in _fields(record):
        raw = data.get(name)
        if kind is ApproxDate:
            values[name] = ApproxDate.from_dict(raw)
        elif kind == list[EvidenceFile]:
            values[name] = files_from_json(data)
        elif kind == list[str]:
            values[name] = _str_list(raw)
        elif kind == int | None:
            values[name] = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
        elif kind is bool:
            values[name] = raw is True
        else:
            values[name] = _str(raw)
    return record.model(**values)


def form_values(record: ListRecord[Any], item: Any) -> dict[str, AnswerValue]:
    """An item as the values its form shows (what is not answered is left out)."""
    hints = _hints(record.model)
    values: dict[str, AnswerValue] = {}
    for question in record.questions:
        value = getattr(item, question.name)
        kind = hints[question.name]
        if kind is ApproxDate:
            if value.is_known or value.is_range:
                values[question.name] = value
        elif kind == int | None:
            if value is not None:
                values[question.name] = str(value)
        elif kind is bool:
            if value:
                values[question.name] = [question.choices[0].key]
        elif value:
            values[question.name] = list(value) if isinstance(value, list) else value
    return values


def from_values(
    record: ListRecord[T],
    item_id: str,
    values: Mapping[str, AnswerValue],
    old: T | None,
    **unasked: Any,
) -> T:
    """An item from its form's values. The fields not asked come from `unasked` when given,
    else from the stored item `old` (an evidence item keeps its files)."""
    hints = _hints(record.model)
    made: dict[str, Any] = {record.id_field: item_id}
    for question in record.questions:
        value = values.get(question.name)
        kind = hints[question.name]
        if kind is ApproxDate:
            made[question.name] = value if isinstance(value, ApproxDate) else ApproxDate()
        elif kind == int | None:
            text = value.strip() if isinstance(value, str) else ""
            made[question.name] = int(text) if text.isascii() and text.isdigit() else None
        elif kind is bool:
            made[question.name] = value == [question.choices[0].key]
        elif kind == list[str]:
            made[question.name] = list(value) if isinstance(value, list) else []
        else:
            made[question.name] = value if isinstance(value, str) else ""
    for name in record.unasked:
        if name in unasked:
            made[name] = unasked[name]
        elif old is not None:
            kept = getattr(old, name)
            made[name] = list(kept) if isinstance(kept, list) else kept
    return record.model(**made)


def shown_value(
    record: ListRecord[Any],
    name: str,
    item: Any,
    choices: Mapping[str, tuple[Choice, ...]] | None = None,
    *,
    dated: bool = False,
) -> str:
    """One field of an item in plain words ("" when not answered): a choice's label, a date
    described (`dated`: even a date not remembered, for a row named by its date), linked items
    by their names ("; " between them; ids no longer there are left out). Text comes back as it
    is: the caller decides how much of it to show."""
    question = record.question(name)
    value = getattr(item, name)
    if isinstance(value, ApproxDate):
        return value.describe() if dated or has_date(value) else ""
    if isinstance(value, bool):
        return str(question.choices[0].label) if value else ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        offered = (choices or {}).get(name)
        if offered is None:
            return "; ".join(str(question.choice_label(key)) for key in value)
        labels = {choice.key: str(choice.label) for choice in offered}
        return "; ".join(labels[key] for key in value if key in labels)
    if value is None:
        return ""
    if question.kind == "choice":
        return str(question.choice_label(value)) if value else ""
    return str(value)


# ------------------------------------------------------------------------------------------------
# Files attached to a record (an evidence item's copies, a tracker entry's scans)


def files_to_json(files: Sequence[EvidenceFile]) -> list[dict[str, Any]]:
    """The stored form of a record's files (an evidence item's, a tracker entry's scans)."""
    return [
        {
            "attachment_id": f.attachment_id,
            "filename": f.filename,
            "media_type": f.media_type,
            "size": f.size,
            "sha256": f.sha256,
        }
        for f in files
    ]


def files_from_json(data: Mapping[str, Any]) -> list[EvidenceFile]:
    """The files of a stored record (`files_to_json` under the key "files"). Evidence items saved
    before an item could hold several files (format 1) kept one file in flat `attachment_*`
    fields; they read as a one-file list and are written back in the list form the next time the
    item is saved."""
    entries: list[Mapping[str, Any]]
    if "files" in data:
        listed = data["files"]
        entries = [f for f in listed if isinstance(f, dict)] if isinstance(listed, list) else []
        prefix = ""
    else:
        entries = [data]
        prefix = "attachment_"
    files: list[EvidenceFile] = []
    for entry in entries:
        attachment_id = entry.get("attachment_id")
        if not isinstance(attachment_id, str) or not attachment_id:
            continue
        size = entry.get(prefix + "size")
        files.append(
            EvidenceFile(
                attachment_id=attachment_id,
                filename=_str(entry.get(prefix + "filename")),
                media_type=_str(entry.get(prefix + "media_type")),
                size=size if isinstance(size, int) and not isinstance(size, bool) else None,
                sha256=_str(entry.get(prefix + "sha256")),
            )
        )
    return files


def has_date(value: ApproxDate) -> bool:
    """Whether any part of a date is remembered (its start, or the end of a range)."""
    return value.is_known or (value.until is not None and value.until.is_known)


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _str_list(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
