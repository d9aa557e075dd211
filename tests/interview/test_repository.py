"""Saving and loading answers through the record store: exact round trips, one write per save."""

from __future__ import annotations

import pytest

from complaint_helper.interview import repository
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import (
    Answers,
    EvidenceFile,
    EvidenceItem,
    PersonWhoKnows,
    TimelineEvent,
)
from complaint_helper.interview.repository import (
    DamagedRecord,
    delete_item,
    load_answers,
    save_answers,
    save_item,
    save_state,
    save_step_values,
    saved_together,
)
from complaint_helper.vault import VaultError
from tests.interview.conftest import CountingStore, allow_writes_again, refuse_writes_of
from tests.stories import STORIES


@pytest.mark.parametrize("story", sorted(STORIES))
def test_every_story_round_trips_exactly(record_store: CountingStore, story: str) -> None:
    answers = STORIES[story]()
    answers.progress = {"therapy": "done", "impact": "skipped"}
    answers.chosen_boards = ["ca-psychology"]
    save_answers(record_store, answers)
    loaded = load_answers(record_store)
    assert loaded.damaged == []
    assert loaded.answers == answers


def test_a_whole_story_is_saved_in_one_transaction(record_store: CountingStore) -> None:
    answers = STORIES["maya"]()
    answers.progress = {"therapy": "done"}
    answers.chosen_boards = ["ca-psychology"]
    save_answers(record_store, answers)
    assert record_store.writes == 1
    assert load_answers(record_store).answers == answers


def test_each_save_is_one_record_write(record_store: CountingStore) -> None:
    answers = Answers()
    save_step_values(record_store, answers, "therapy", {"state": "CA"})
    assert record_store.writes == 1
    save_item(record_store, answers, TimelineEvent("t1", ApproxDate.of_year(2021), "x"))
    assert record_store.writes == 2
    save_state(record_store, answers, "therapy", "done")
    assert record_store.writes == 3


def test_answers_and_state_saved_together_are_one_write(record_store: CountingStore) -> None:
    answers = Answers()
    with saved_together(record_store) as store:
        save_step_values(store, answers, "impact", {"impact": "It changed how I sleep."})
        save_state(store, answers, "impact", "done")
    assert record_store.writes == 1
    loaded = load_answers(record_store).answers
    assert loaded.text("impact", "impact") == "It changed how I sleep."
    assert loaded.state_of("impact") == "done"


def test_a_failure_while_saving_together_keeps_answers_and_state_in_step(
    record_store: CountingStore,
) -> None:
    """If the state write fails (a crash, a full disk), the answers are not half-saved either."""
    answers = Answers()
    save_step_values(record_store, answers, "impact", {"impact": "first words"})
    refuse_writes_of(
        record_store.data_dir, record_store.case, repository.PROGRESS, repository.PROGRESS_ID
    )
    with pytest.raises(VaultError), saved_together(record_store) as store:
        save_step_values(store, answers, "impact", {"impact": "second words"})
        save_state(store, answers, "impact", "done")
    allow_writes_again(record_store.data_dir, "progress")
    loaded = load_answers(record_store).answers
    assert loaded.text("impact", "impact") == "first words"
    assert loaded.state_of("impact") == "not_started"


def test_nothing_is_written_when_the_block_fails(record_store: CountingStore) -> None:
    answers = Answers()
    with pytest.raises(RuntimeError), saved_together(record_store) as store:
        save_step_values(store, answers, "impact", {"impact": "words"})
        raise RuntimeError("interrupted")
    assert record_store.writes == 0
    assert load_answers(record_store).answers.values == {}


def test_saving_a_step_replaces_cleared_answers(record_store: CountingStore) -> None:
    answers = Answers()
    save_step_values(record_store, answers, "professional", {"name": "A", "phone": "1"})
    save_step_values(record_store, answers, "professional", {"name": "A"})
    assert load_answers(record_store).answers.values["professional"] == {"name": "A"}


def test_items_keep_the_order_they_were_added_after_an_edit(
    record_store: CountingStore,
) -> None:
    answers = Answers()
    for person_id in ("b", "a", "c"):
        save_item(record_store, answers, PersonWhoKnows(person_id, name=person_id))
    save_item(record_store, answers, PersonWhoKnows("b", name="edited"))
    loaded = load_answers(record_store).answers
    assert [p.person_id for p in loaded.people] == ["b", "a", "c"]
    assert loaded.people[0].name == "edited"
    assert answers.people == loaded.people


def test_deleting_an_item_removes_it_from_memory_and_store(
    record_store: CountingStore,
) -> None:
    answers = Answers()
    save_item(record_store, answers, EvidenceItem("e1", "messages"))
    save_item(record_store, answers, EvidenceItem("e2", "emails"))
    delete_item(record_store, answers, repository.EVIDENCE, "e1")
    assert [e.evidence_id for e in answers.evidence] == ["e2"]
    assert [e.evidence_id for e in load_answers(record_store).answers.evidence] == ["e2"]


def test_a_damaged_record_is_reported_and_the_rest_still_loads(
    record_store: CountingStore,
) -> None:
    answers = Answers()
    save_step_values(record_store, answers, "therapy", {"state": "CA"})
    save_step_values(record_store, answers, "impact", {"impact": "hard"})
    save_item(record_store, answers, TimelineEvent("t1", what="first"))
    save_item(record_store, answers, TimelineEvent("t2", what="second"))
    record_store.damage(repository.ANSWERS, "impact")
    record_store.damage(repository.TIMELINE, "t1")
    loaded = load_answers(record_store)
    assert set(loaded.damaged) == {
        DamagedRecord(repository.ANSWERS, "impact"),
        DamagedRecord(repository.TIMELINE, "t1"),
    }
    assert loaded.answers.text("therapy", "state") == "CA"
    assert [e.what for e in loaded.answers.timeline] == ["second"]


def test_malformed_record_contents_are_ignored_not_trusted(
    record_store: CountingStore,
) -> None:
    record_store.put(repository.ANSWERS, "therapy", {"values": {"state": 5, "setting": "clinic"}})
    record_store.put(repository.ANSWERS, "impact", {"values": "not a dict"})
    record_store.put(repository.PROGRESS, "progress", {"states": {"therapy": "exploded"}})
    record_store.put(repository.TIMELINE, "t1", {"when": "yesterday", "what": 7})
    loaded = load_answers(record_store).answers
    assert loaded.values == {"therapy": {"setting": "clinic"}}
    assert loaded.progress == {}
    assert loaded.timeline == [TimelineEvent("t1")]


def test_new_item_ids_are_random_and_store_safe() -> None:
    ids = {repository.new_item_id() for _ in range(50)}
    assert len(ids) == 50
    assert all(i.isalnum() and i.isascii() for i in ids)


def test_loading_without_items_leaves_out_only_the_lists(record_store: CountingStore) -> None:
    from tests.stories import make_maya

    answers = make_maya()
    for slug in answers.values:
        repository.save_step(record_store, answers, slug)
    items: list[TimelineEvent | EvidenceItem | PersonWhoKnows] = [
        *answers.timeline,
        *answers.evidence,
        *answers.people,
    ]
    for item in items:
        repository.save_item(record_store, answers, item)
    full = repository.load_answers(record_store).answers
    light = repository.load_answers(record_store, with_items=False).answers
    assert light.values == full.values and light.progress == full.progress
    assert full.timeline and light.timeline == [] and light.evidence == [] and light.people == []


def test_an_evidence_item_keeps_every_file_in_order(record_store: CountingStore) -> None:
    files = [
        EvidenceFile(f"{n:032x}", f"shot-{n}.png", "image/png", 1_000 + n, f"{n:02x}" * 32)
        for n in range(1, 4)
    ]
    save_item(record_store, Answers(), EvidenceItem("ev1", description="Texts", files=files))
    assert load_answers(record_store).answers.evidence[0].files == files


def test_an_item_saved_with_one_flat_file_opens_as_a_one_file_list(
    record_store: CountingStore,
) -> None:
    # How items were stored before an item could hold several files.
    record_store.put(
        repository.EVIDENCE,
        "ev1",
        {
            "kind": "messages",
            "description": "Texts",
            "when": {},
            "original_kept": "",
            "attachment_id": "a" * 32,
            "attachment_filename": "texts.png",
            "attachment_media_type": "image/png",
            "attachment_size": 2_048,
            "attachment_sha256": "3f" * 32,
        },
    )
    record_store.put(repository.EVIDENCE, "ev2", {"description": "No file", "attachment_id": None})
    loaded = load_answers(record_store)
    assert loaded.damaged == []
    first, second = loaded.answers.evidence
    assert first.files == [EvidenceFile("a" * 32, "texts.png", "image/png", 2_048, "3f" * 32)]
    assert second.files == []
    # Saved again, it is written in the list form and reads the same.
    save_item(record_store, loaded.answers, first)
    assert "files" in (record_store.get(repository.EVIDENCE, "ev1") or {})
    assert load_answers(record_store).answers.evidence[0].files == first.files
