"""List items are declarative (issue #12): every field a list record declares reaches the item's
form, "Check your answers", the "Your answers" document and the stored record, with nothing
written for it anywhere else.

The test fills every question of each record of `interview.items` by its kind alone, so a field
added to a record later is checked the same way without touching this file; what each place must
show is worked out here from the question (the typed words, a choice's label, a date described,
a linked item's name), not from the code under test.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest

from complaint_helper.documents.downloads import build_download
from complaint_helper.documents.model import block_text
from complaint_helper.interview import steps
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.items import (
    EVIDENCE_RECORD,
    INTERVIEW_RECORDS,
    ListRecord,
    evidence_title,
    from_values,
    items_of,
    options,
)
from complaint_helper.interview.model import Answers, AnswerValue, EvidenceFile
from complaint_helper.interview.repository import load_answers, save_item
from complaint_helper.interview.review import review_sections
from complaint_helper.interview.validation import read_questions
from tests.conftest import AppClient

BASE = "/case/interview"
TODAY = date(2026, 12, 4)
WHEN = ApproxDate(granularity="month", year=2021, month=3, circa=True)
SPAN = ApproxDate(granularity="year", year=2021, until=ApproxDate(granularity="year", year=2022))


def _linked_evidence() -> Any:
    """An evidence item for choices that name other items (a timeline event's evidence)."""
    return from_values(EVIDENCE_RECORD, "ev-linked", {"description": "The linked letters"}, None)


def filled(record: ListRecord[Any]) -> tuple[Any, dict[str, str]]:
    """An item of this record with every question answered, and what each field must show."""
    values: dict[str, AnswerValue] = {}
    shows: dict[str, str] = {}
    linked = _linked_evidence()
    for question in record.questions:
        if question.kind in ("text", "textarea"):
            values[question.name] = shows[question.name] = f"Words typed for {question.name}"
        elif question.kind == "date":
            values[question.name] = SPAN if question.allow_range else WHEN
            shows[question.name] = values[question.name].describe()  # type: ignore[union-attr]
        elif question.kind == "choice":
            values[question.name] = question.choices[-1].key
            shows[question.name] = question.choices[-1].label
        elif question.name in record.options_from:
            values[question.name] = [linked.evidence_id]
            shows[question.name] = evidence_title(linked)
        else:
            values[question.name] = [question.choices[0].key]
            shows[question.name] = question.choices[0].label
    unasked: dict[str, Any] = {}
    if "files" in record.unasked:
        unasked["files"] = [EvidenceFile("a" * 32, "scan.png", "image/png", 1234, "b" * 64)]
    return from_values(record, f"{record.kind}-1", values, None, **unasked), shows


class _FormReader(HTMLParser):
    """What a browser would send for the form with id "answers", left as the page shows it."""

    def __init__(self) -> None:
        super().__init__()
        self.in_form = False
        self.sent: dict[str, list[str]] = {}
        self._select = ""
        self._textarea = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.in_form = found.get("id") == "answers"
        if not self.in_form or (not found.get("name", "") and tag != "option"):
            return
        name = found.get("name", "")
        if tag == "input" and found.get("type") in ("radio", "checkbox"):
            if "checked" in found:
                self.sent.setdefault(name, []).append(found.get("value", "on"))
        elif tag == "input" and found.get("type") not in ("submit", "file", "hidden"):
            self.sent.setdefault(name, []).append(found.get("value", ""))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in found:
            self.sent.setdefault(self._select, []).append(found.get("value", ""))
        elif tag == "textarea":
            self._textarea = name
            self.sent.setdefault(name, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self._select = ""
        elif tag == "textarea":
            self._textarea = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            if not self.sent[self._textarea][-1] and data.startswith("\n"):
                data = data[1:]  # a browser drops the newline right after <textarea>
            self.sent[self._textarea][-1] += data


@pytest.mark.parametrize("record", INTERVIEW_RECORDS, ids=lambda r: r.kind)
def test_every_field_of_a_filled_item_reaches_form_review_document_and_store(
    case_client: AppClient, record: ListRecord[Any]
) -> None:
    step = steps.step(record.step_slug)
    assert step.item_questions == record.questions, "the step asks what the record declares"
    item, shows = filled(record)
    assert set(shows) == {q.name for q in record.questions}

    answers = Answers()
    save_item(case_client.case, answers, _linked_evidence())  # type: ignore[attr-defined]
    save_item(case_client.case, answers, item)  # type: ignore[attr-defined]

    # The stored record: every field back as it was, read from the encrypted case.
    stored = load_answers(case_client.case).answers  # type: ignore[attr-defined]
    assert record.item_id(item) in [record.item_id(i) for i in items_of(stored, record.kind)]
    assert items_of(stored, record.kind)[-1] == item

    # The form: each question is on the page, and the form as shown sends the item back unchanged.
    html = case_client.get(f"{BASE}/{step.slug}/items/{record.item_id(item)}").get_data(True)
    reader = _FormReader()
    reader.feed(html)
    choices = options(record, lambda kind: items_of(stored, kind))
    posted = read_questions(record.questions, reader.sent, today=TODAY, choices_for=choices)
    assert posted.ok, posted.errors
    assert from_values(record, record.item_id(item), posted.values, item) == item
    for question in record.questions:
        assert str(question.label) in html, question.name

    # "Check your answers": the item's row shows every field.
    section = next(s for s in review_sections(stored) if s.step.slug == step.slug)
    row = next(r for r in section.rows if r.item_id == record.item_id(item))
    shown = f"{row.label}\n{row.value}".casefold()  # "From 2021 to 2022" for "from 2021 …"
    for name, words in shows.items():
        assert str(words).casefold() in shown, f"review leaves out {name}"

    # "Your answers", in the list's own section: every field, under its label.
    document = build_download("your-answers", stored, TODAY)
    blocks = document.section(f"step-{step.slug}").blocks
    text = "\n".join(line for block in blocks for line in block_text(block))
    for name, words in shows.items():
        assert str(words) in text, f"'Your answers' leaves out {name}"
        assert str(record.display(name).label) in text, f"'Your answers' leaves out {name}'s label"


@pytest.mark.parametrize("record", INTERVIEW_RECORDS, ids=lambda r: r.kind)
def test_every_model_field_is_asked_or_stored_alongside(record: ListRecord[Any]) -> None:
    """A field in the model but in no question would be stored but never asked (or the other way
    round): each model field is a question of the record, or one of the few it stores unasked."""
    model_fields = {f.name for f in dataclasses.fields(record.model)} - {record.id_field}
    asked = {q.name for q in record.questions}
    assert asked <= model_fields
    assert model_fields - asked == set(record.unasked) <= {"files"}
