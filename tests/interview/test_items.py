"""List records (interview.items) read and write the stored format cases already hold."""

from __future__ import annotations

from typing import Any

import pytest

from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.filing import (
    ENTRY_RECORD,
    FILING_RECORD,
    Filing,
    FilingEntry,
    entry_from,
    entry_values,
    filing_from,
    filing_values,
)
from complaint_helper.interview.items import (
    EVIDENCE_RECORD,
    PERSON_RECORD,
    TIMELINE_RECORD,
    ListRecord,
    from_json,
    to_json,
)
from complaint_helper.interview.model import (
    EvidenceFile,
    EvidenceItem,
    PersonWhoKnows,
    TimelineEvent,
)
from complaint_helper.interview.repository import load_answers
from tests.interview.conftest import CountingStore

MARCH_2021 = {"granularity": "month", "year": 2021, "month": 3, "circa": True}
FILE = {
    "attachment_id": "a" * 32,
    "filename": "texts.png",
    "media_type": "image/png",
    "size": 2048,
    "sha256": "c" * 64,
}

# Records exactly as the app stored them before the records were declarative (same keys, order).
SAVED_BEFORE: list[tuple[ListRecord[Any], dict[str, Any], Any]] = [
    (
        TIMELINE_RECORD,
        {
            "when": MARCH_2021,
            "what": "The first hug",
            "where": "Their office",
            "who_else": "Nobody",
            "evidence_ids": ["ev1"],
        },
        TimelineEvent(
            "id1",
            ApproxDate.of_month(2021, 3, circa=True),
            "The first hug",
            "Their office",
            "Nobody",
            ["ev1"],
        ),
    ),
    (
        EVIDENCE_RECORD,
        {
            "kind": "messages",
            "description": "214 texts",
            "when": MARCH_2021,
            "original_kept": "My phone",
            "files": [FILE],
        },
        EvidenceItem(
            "id1",
            "messages",
            "214 texts",
            ApproxDate.of_month(2021, 3, circa=True),
            "My phone",
            [EvidenceFile("a" * 32, "texts.png", "image/png", 2048, "c" * 64)],
        ),
    ),
    (
        PERSON_RECORD,
        {
            "name": "Jo",
            "relation": "told_at_time",
            "when_told": "October 2022",
            "what_they_know": "What I told her",
            "contact": "jo@example.org",
        },
        PersonWhoKnows(
            "id1", "Jo", "told_at_time", "October 2022", "What I told her", "jo@example.org"
        ),
    ),
    (
        FILING_RECORD,
        {
            "board_id": "ca-bbs",
            "place": "",
            "sent_on": MARCH_2021,
            "sent_how": "mail",
            "tracking": "9400 1",
            "reference": "BBS-22",
            "contact_name": "An investigator",
            "contact_phone": "555 0100",
            "contact_email": "inv@example.gov",
            "notes": "Sent by certified mail",
        },
        Filing(
            "id1",
            "ca-bbs",
            "",
            ApproxDate.of_month(2021, 3, circa=True),
            "mail",
            "9400 1",
            "BBS-22",
            "An investigator",
            "555 0100",
            "inv@example.gov",
            "Sent by certified mail",
        ),
    ),
    (
        ENTRY_RECORD,
        {
            "filing_id": "f1",
            "when": MARCH_2021,
            "what": "A letter",
            "reply_by": {"granularity": "unknown"},
            "reply_within": 30,
            "reply_unit": "days",
            "due_done": True,
            "files": [FILE],
        },
        FilingEntry(
            "id1",
            "f1",
            ApproxDate.of_month(2021, 3, circa=True),
            "A letter",
            ApproxDate(),
            30,
            "days",
            True,
            [EvidenceFile("a" * 32, "texts.png", "image/png", 2048, "c" * 64)],
        ),
    ),
]


@pytest.mark.parametrize(("record", "saved", "item"), SAVED_BEFORE, ids=lambda v: str(v)[:20])
def test_a_record_saved_in_the_earlier_format_reads_and_is_written_back_the_same(
    record: ListRecord[Any], saved: dict[str, Any], item: Any
) -> None:
    assert from_json(record, "id1", saved) == item
    written = to_json(record, item)
    assert written == saved
    assert list(written) == list(saved)


def test_interview_items_saved_earlier_load_from_a_real_case(record_store: CountingStore) -> None:
    for record, saved, _ in SAVED_BEFORE[:3]:
        record_store.put(record.kind, "id1", saved)
    answers = load_answers(record_store).answers
    assert [answers.timeline, answers.evidence, answers.people] == [
        [item] for _, _, item in SAVED_BEFORE[:3]
    ]


def test_wrong_types_read_as_not_answered() -> None:
    entry = from_json(ENTRY_RECORD, "e1", {"reply_within": True, "due_done": "yes", "what": 7})
    assert (entry.reply_within, entry.due_done, entry.what) == (None, False, "")


def test_tracker_forms_show_and_read_back_every_field() -> None:
    for record, _, item in SAVED_BEFORE[3:]:
        if record is FILING_RECORD:
            assert filing_from("id1", "ca-bbs", filing_values(item)) == item
        else:
            assert entry_from("id1", "f1", entry_values(item), item) == item
