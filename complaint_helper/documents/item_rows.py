"""The rows of list items in a document, read from their records (`interview.items`).

A timeline event, an evidence item and a person who knows are shown field by field in the order of
their questions, each under the label its record gives: `label` in the person's own "Your
answers", `letter` in the complaint a board receives (a field with no letter label stays out of
it). Items are always those of an `AnswerReader`, so their text is already as the variant may print
it; nothing here reads an answer any other way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from complaint_helper.documents.model import Table
from complaint_helper.documents.redaction import AnswerReader
from complaint_helper.interview.items import ListRecord, options, shown_value
from complaint_helper.interview.steps import Choice


def choices_for(record: ListRecord[Any], reader: AnswerReader) -> dict[str, tuple[Choice, ...]]:
    """The choices of fields that name other items (a timeline event's evidence), as this
    variant may print their names."""
    return options(record, reader.items)


def item_rows(
    record: ListRecord[Any],
    item: Any,
    reader: AnswerReader,
    *,
    letter: bool,
    not_answered: str = "",
    leave_out: Sequence[str] = (),
) -> list[tuple[str, str]]:
    """(label, value) for each field of an item. In "Your answers" (`letter=False`) every field,
    `not_answered` standing for an empty one; in the complaint only the fields a board sees, an
    empty one left out unless its record gives the words for it (`Shown.letter_empty`)."""
    fields = (
        record.letter_fields() if letter else [record.display(q.name) for q in record.questions]
    )
    choices = choices_for(record, reader)
    rows: list[tuple[str, str]] = []
    for shown in fields:
        if shown.name in leave_out:
            continue
        value = shown_value(record, shown.name, item, choices)
        if letter:
            value = value or str(shown.letter_empty)
            if value:
                rows.append((str(shown.letter), value))
        else:
            rows.append((str(shown.label), value or not_answered))
    return rows


def item_table(
    record: ListRecord[Any], listed: Sequence[Any], reader: AnswerReader, *, letter: bool
) -> Table:
    """One row per item (a timeline), one column per field; long text gets the widest column."""
    fields = record.letter_fields() if letter else record.every_field()
    choices = choices_for(record, reader)
    return Table(
        tuple(str(shown.letter if letter else shown.label) for shown in fields),
        tuple(
            tuple(shown_value(record, s.name, item, choices, dated=True) for s in fields)
            for item in listed
        ),
        tuple(4 if record.question(s.name).kind == "textarea" else 2 for s in fields),
    )
