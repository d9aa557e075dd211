"""Loading and saving `Answers` as records in an encrypted case (no Flask, no vault import).

The vault's unlocked case stores JSON dicts as encrypted records addressed by (kind, record id).
This module only needs that shape, written down as the `RecordStore` protocol, so the interview
never imports the vault and the vault never knows what an answer is.

Record kinds and ids:

- ``answers`` / step slug: ``{"values": {question name: value_to_json(value)}}`` for one step.
- ``timeline`` / event id, ``evidence`` / evidence id, ``person`` / person id: one item each.
  The store returns records in the order they were first written (an edit keeps its place), so
  items come back in the order the person added them.
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

from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import (
    STEP_STATES,
    Answers,
    AnswerValue,
    EvidenceFile,
    EvidenceItem,
    PersonWhoKnows,
    StepState,
    TimelineEvent,
    value_from_json,
    value_to_json,
)

ANSWERS: Final = "answers"
TIMELINE: Final = "timeline"
EVIDENCE: Final = "evidence"
PERSON: Final = "person"
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


Item = TimelineEvent | EvidenceItem | PersonWhoKnows


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
        answers.timeline = [_event_from_json(i, data) for i, data in readable(TIMELINE)]
        answers.evidence = [_evidence_from_json(i, data) for i, data in readable(EVIDENCE)]
        answers.people = [_person_from_json(i, data) for i, data in readable(PERSON)]

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
    kind, items, item_id = _where(answers, item)
    position = next((i for i, old in enumerate(items) if _id_of(old) == item_id), None)
    if position is None:
        items.append(item)
    else:
        items[position] = item
    store.put(kind, item_id, _item_to_json(item))


def delete_item(store: RecordStore, answers: Answers, kind: str, item_id: str) -> None:
    """Remove one item. Links from timeline events to a deleted evidence item are left alone:
    the review and the document skip ids that no longer exist, so no second write is needed."""
    items = _items_of(answers, kind)
    items[:] = [item for item in items if _id_of(item) != item_id]
    store.delete(kind, item_id)


def _where(answers: Answers, item: Item) -> tuple[str, list[Any], str]:
    if isinstance(item, TimelineEvent):
        return TIMELINE, answers.timeline, item.event_id
    if isinstance(item, EvidenceItem):
        return EVIDENCE, answers.evidence, item.evidence_id
    return PERSON, answers.people, item.person_id


def _items_of(answers: Answers, kind: str) -> list[Any]:
    if kind == TIMELINE:
        return answers.timeline
    if kind == EVIDENCE:
        return answers.evidence
    if kind == PERSON:
        return answers.people
    raise KeyError(kind)


def _id_of(item: Item) -> str:
    if isinstance(item, TimelineEvent):
        return item.event_id
    if isinstance(item, EvidenceItem):
        return item.evidence_id
    return item.person_id


def find_item(answers: Answers, kind: str, item_id: str) -> Item | None:
    """The item of this kind with this id, or None."""
    return next((item for item in _items_of(answers, kind) if _id_of(item) == item_id), None)


# -- item <-> JSON --------------------------------------------------------------------------------
def _item_to_json(item: Item) -> dict[str, Any]:
    if isinstance(item, TimelineEvent):
        return {
            "when": item.when.to_dict(),
            "what": item.what,
            "where": item.where,
            "who_else": item.who_else,
            "evidence_ids": list(item.evidence_ids),
        }
    if isinstance(item, EvidenceItem):
        return {
            "kind": item.kind,
            "description": item.description,
            "when": item.when.to_dict(),
            "original_kept": item.original_kept,
            "files": files_to_json(item.files),
        }
    return {
        "name": item.name,
        "relation": item.relation,
        "when_told": item.when_told,
        "what_they_know": item.what_they_know,
        "contact": item.contact,
    }


def _event_from_json(event_id: str, data: dict[str, Any]) -> TimelineEvent:
    return TimelineEvent(
        event_id=event_id,
        when=ApproxDate.from_dict(data.get("when")),
        what=_str(data.get("what")),
        where=_str(data.get("where")),
        who_else=_str(data.get("who_else")),
        evidence_ids=_str_list(data.get("evidence_ids")),
    )


def _evidence_from_json(evidence_id: str, data: dict[str, Any]) -> EvidenceItem:
    return EvidenceItem(
        evidence_id=evidence_id,
        kind=_str(data.get("kind")),
        description=_str(data.get("description")),
        when=ApproxDate.from_dict(data.get("when")),
        original_kept=_str(data.get("original_kept")),
        files=files_from_json(data),
    )


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


def files_from_json(data: dict[str, Any]) -> list[EvidenceFile]:
    """The files of a stored record (`files_to_json` under the key "files"). Evidence items saved
    before an item could hold several files (format 1) kept one file in flat `attachment_*`
    fields; they read as a one-file list and are written back in the list form the next time the
    item is saved."""
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


def _person_from_json(person_id: str, data: dict[str, Any]) -> PersonWhoKnows:
    return PersonWhoKnows(
        person_id=person_id,
        name=_str(data.get("name")),
        relation=_str(data.get("relation")),
        when_told=_str(data.get("when_told")),
        what_they_know=_str(data.get("what_they_know")),
        contact=_str(data.get("contact")),
    )


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _str_list(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


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
