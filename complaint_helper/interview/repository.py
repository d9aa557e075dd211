"""Loading and saving `Answers` as records in an encrypted case (no Flask, no vault import).

The vault's unlocked case stores JSON dicts as encrypted records addressed by (kind, record id).
This module only needs that shape, written down as the `RecordStore` protocol, so the interview
never imports the vault and the vault never knows what an answer is.

Record kinds and ids:

- ``answers`` / step slug: ``{"values": {question name: value_to_json(value)}}`` for one step.
- ``timeline`` / event id, ``evidence`` / evidence id, ``person`` / person id: one item each,
  stored as its record in `interview.items` says (the field names as keys). The store returns
  records in the order they were first written (an edit keeps its place), so items come back in
  the order the person added them.
- ``progress`` / ``progress``: ``{"states": {step slug: StepState}}``.
- ``boards`` / ``chosen``: ``{"board_ids": [...]}``.
- ``settings`` / ``language``: ``{"code": "es"}``, the language the person chose for this case
  (its pages and the person's own documents); no record = never chosen.

Every save writes exactly one record, which the vault commits as one transaction: an interrupted
save never leaves half a step behind. Saves that belong together (a step's answers and its new
progress state, an item and its step's state) are gathered with `saved_together(store)` and
committed as ONE transaction, so a crash between them cannot leave the answers saved and the
progress list saying otherwise. A damaged record (it no longer decrypts) is listed in
`LoadedAnswers.damaged` and left out; everything else in the case still loads.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from complaint_helper.interview.items import EVIDENCE as EVIDENCE  # the lists' record kinds
from complaint_helper.interview.items import (
    INTERVIEW_RECORDS,
    RECORD_BY_KIND,
    InterviewItem,
    from_json,
    items_of,
    record_of,
    to_json,
)
from complaint_helper.interview.items import PERSON as PERSON
from complaint_helper.interview.items import TIMELINE as TIMELINE
from complaint_helper.interview.model import (
    STEP_STATES,
    Answers,
    AnswerValue,
    StepState,
    value_from_json,
    value_to_json,
)

ANSWERS: Final = "answers"
PROGRESS: Final = "progress"
BOARDS: Final = "boards"
PROGRESS_ID: Final = "progress"
BOARDS_ID: Final = "chosen"
SETTINGS: Final = "settings"
LANGUAGE_ID: Final = "language"
ITEM_KINDS: Final = (TIMELINE, EVIDENCE, PERSON)


class StoredRecord(Protocol):
    """One record as the store hands it back: `value` is None when the record is damaged."""

    @property
    def record_id(self) -> str: ...

    @property
    def value(self) -> dict[str, Any] | None: ...

    @property
    def damaged(self) -> bool: ...


class RecordStore(Protocol):
    """The shape of the vault's unlocked case, as far as the interview needs it."""

    def put(self, kind: str, record_id: str, value: dict[str, Any]) -> None: ...

    def put_many(self, records: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
        """Several (kind, record id, value) records in one transaction: all or none."""
        ...

    def get(self, kind: str, record_id: str) -> dict[str, Any] | None: ...

    def all(self, kind: str) -> Sequence[StoredRecord]:
        """Every record of a kind, in the order first written; unreadable ones marked damaged."""
        ...

    def delete(self, kind: str, record_id: str) -> None: ...


class StoredFile(Protocol):
    @property
    def attachment_id(self) -> str: ...


class FileStore(RecordStore, Protocol):
    """The unlocked case with its encrypted files, as far as the orphan sweep needs it."""

    def attachments(self) -> Sequence[StoredFile]: ...

    def delete_attachment(self, attachment_id: str) -> None: ...


@dataclass(frozen=True)
class DamagedRecord:
    """A record that could not be read; shown to the person, never silently dropped."""

    kind: str
    record_id: str


@dataclass
class LoadedAnswers:
    answers: Answers
    damaged: list[DamagedRecord] = field(default_factory=list)


Item = InterviewItem


def new_item_id() -> str:
    """A random id for a new timeline event, evidence item or person (never derived from text)."""
    return secrets.token_hex(8)


# -- loading --------------------------------------------------------------------------------------
def load_answers(store: RecordStore, *, with_items: bool = True) -> LoadedAnswers:
    """Everything the person has saved so far; damaged records are reported, not fatal.

    `with_items=False` leaves out timeline events, evidence and people: a question page needs only
    the answers, progress and chosen boards, and a page must not cost more as a case grows.
    """
    answers = Answers()
    damaged: list[DamagedRecord] = []

    def readable(kind: str) -> Iterable[tuple[str, dict[str, Any]]]:
        for record in store.all(kind):
            if record.damaged or record.value is None:
                damaged.append(DamagedRecord(kind, record.record_id))
                continue
            yield record.record_id, record.value

    for slug, data in readable(ANSWERS):
        values = data.get("values")
        if not isinstance(values, dict):
            continue
        for name, raw in values.items():
            value = value_from_json(raw)
            if isinstance(name, str) and value is not None:
                answers.set(slug, name, value)

    if with_items:
        for record in INTERVIEW_RECORDS:
            items_of(answers, record.kind)[:] = [
                from_json(record, i, data) for i, data in readable(record.kind)
            ]

    for record_id, data in readable(PROGRESS):
        states = data.get("states") if record_id == PROGRESS_ID else None
        if isinstance(states, dict):
            answers.progress = {
                slug: state
                for slug, state in states.items()
                if isinstance(slug, str) and state in STEP_STATES
            }

    for record_id, data in readable(BOARDS):
        board_ids = data.get("board_ids") if record_id == BOARDS_ID else None
        if isinstance(board_ids, list):
            answers.chosen_boards = [b for b in board_ids if isinstance(b, str)]

    return LoadedAnswers(answers, damaged)


# -- saving ---------------------------------------------------------------------------------------
class PendingWrites:
    """A `RecordStore` that holds record writes back until `commit()` writes them all at once.

    Reads go straight to the real store (nothing here needs to read its own pending writes); a
    later write of the same record replaces the earlier one. Deleting is not gathered: a delete
    is its own transaction, so asking for one here is a mistake in the caller.
    """

    def __init__(self, store: RecordStore) -> None:
        self._store = store
        self._pending: dict[tuple[str, str], dict[str, Any]] = {}

    def put(self, kind: str, record_id: str, value: dict[str, Any]) -> None:
        self._pending[(kind, record_id)] = value

    def put_many(self, records: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
        for kind, record_id, value in records:
            self.put(kind, record_id, value)

    def get(self, kind: str, record_id: str) -> dict[str, Any] | None:
        return self._store.get(kind, record_id)

    def all(self, kind: str) -> Sequence[StoredRecord]:
        return self._store.all(kind)

    def delete(self, kind: str, record_id: str) -> None:
        raise TypeError("a delete is its own transaction; it cannot be saved together")

    def commit(self) -> None:
        if self._pending:
            self._store.put_many([(k, i, v) for (k, i), v in self._pending.items()])
        self._pending.clear()


@contextmanager
def saved_together(store: RecordStore) -> Iterator[PendingWrites]:
    """Gather every record written inside the block and commit them as one transaction.

    If the block raises, nothing is written.
    """
    pending = PendingWrites(store)
    yield pending
    pending.commit()


def save_answers(store: RecordStore, answers: Answers) -> None:
    """Store a whole set of answers in one transaction: every step, list item, progress state and
    chosen board, as the interview would have saved them page by page (the sample stories, the
    README's screenshots, the benchmark's large case)."""
    with saved_together(store) as pending:
        for slug in answers.values:
            save_step(pending, answers, slug)
        saved = Answers()  # save_item files each item into an Answers; `answers` already has them
        items: list[Item] = [*answers.timeline, *answers.evidence, *answers.people]
        for item in items:
            save_item(pending, saved, item)
        if answers.progress:
            save_progress(pending, answers)
        if answers.chosen_boards:
            save_boards(pending, answers, answers.chosen_boards)


def save_step(store: RecordStore, answers: Answers, slug: str) -> None:
    """Write the answers of one step (the whole step, so cleared answers disappear too)."""
    values = answers.values.get(slug, {})
    store.put(
        ANSWERS,
        slug,
        {"values": {name: value_to_json(value) for name, value in values.items()}},
    )


def save_step_values(
    store: RecordStore, answers: Answers, slug: str, values: dict[str, AnswerValue]
) -> None:
    """Replace one step's answers in memory and on disk."""
    answers.values[slug] = dict(values)
    save_step(store, answers, slug)


def save_progress(store: RecordStore, answers: Answers) -> None:
    store.put(PROGRESS, PROGRESS_ID, {"states": dict(answers.progress)})


def save_state(store: RecordStore, answers: Answers, slug: str, state: StepState) -> None:
    """Record how far the person got with a step (not started, in progress, done, skipped)."""
    answers.progress[slug] = state
    save_progress(store, answers)


def discard_step(store: RecordStore, answers: Answers, slug: str) -> None:
    """Delete one step's answers and forget its progress, in one transaction (the person chose to
    remove answers kept aside from a switched-off branch). The step's record is overwritten with
    no answers rather than removed, so both changes commit together."""
    answers.values.pop(slug, None)
    answers.progress.pop(slug, None)
    store.put_many(
        [
            (ANSWERS, slug, {"values": {}}),
            (PROGRESS, PROGRESS_ID, {"states": dict(answers.progress)}),
        ]
    )


def save_boards(store: RecordStore, answers: Answers, board_ids: Sequence[str]) -> None:
    answers.chosen_boards = list(board_ids)
    store.put(BOARDS, BOARDS_ID, {"board_ids": list(board_ids)})


def load_language(store: RecordStore) -> str | None:
    """The language code chosen for this case, or None (never chosen, or its record damaged: the
    browser's language then stays, and nothing else of the case is affected)."""
    for record in store.all(SETTINGS):
        if record.record_id == LANGUAGE_ID and not record.damaged and record.value is not None:
            code = record.value.get("code")
            return code if isinstance(code, str) and code else None
    return None


def save_language(store: RecordStore, code: str) -> None:
    store.put(SETTINGS, LANGUAGE_ID, {"code": code})


def save_item(store: RecordStore, answers: Answers, item: Item) -> None:
    """Add or replace one timeline event, evidence item or person (one record write)."""
    record = record_of(item)
    items, item_id = items_of(answers, record.kind), record.item_id(item)
    position = next((i for i, old in enumerate(items) if record.item_id(old) == item_id), None)
    if position is None:
        items.append(item)
    else:
        items[position] = item
    store.put(record.kind, item_id, to_json(record, item))


def delete_item(store: RecordStore, answers: Answers, kind: str, item_id: str) -> None:
    """Remove one item. Links from timeline events to a deleted evidence item are left alone:
    the review and the document skip ids that no longer exist, so no second write is needed."""
    record = RECORD_BY_KIND[kind]
    items = items_of(answers, kind)
    items[:] = [item for item in items if record.item_id(item) != item_id]
    store.delete(kind, item_id)


def find_item(answers: Answers, kind: str, item_id: str) -> Item | None:
    """The item of this kind with this id, or None."""
    record = RECORD_BY_KIND[kind]
    listed: list[Item] = items_of(answers, kind)
    return next((item for item in listed if record.item_id(item) == item_id), None)


# -- files no item points to ----------------------------------------------------------------------
def sweep_unreferenced_files(store: FileStore, also_listed: Collection[str] = ()) -> int:
    """Delete the encrypted files that no evidence item lists; returns how many went.

    `also_listed` are files other records point to (the scans of letters in `filing`): kept.

    An upload is stored first and its evidence item saved after it (and a removed file is
    dropped from its item before it is deleted), so a crash in between leaves a file nobody can
    reach: this removes it. Run after an unlock, when no upload into this case can be half done.
    If any evidence item cannot be read, nothing is removed: its files may be among them.
    """
    loaded = load_answers(store)
    if any(damaged.kind == EVIDENCE for damaged in loaded.damaged):
        return 0
    listed = {f.attachment_id for item in loaded.answers.evidence for f in item.files}
    listed.update(also_listed)
    orphans = [a.attachment_id for a in store.attachments() if a.attachment_id not in listed]
    for attachment_id in orphans:
        store.delete_attachment(attachment_id)
    return len(orphans)
