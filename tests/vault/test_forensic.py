"""Nothing about the story in clear at rest (issue 15): read the disk as someone who has it.

Whole stories from tests/stories.py are walked into real cases (page by page, as the interview
saves them, with attachments), then the SQLite file, its WAL and every attachment file are read as
bytes, and so is an exported `.chcase` file. None may contain a step slug, a record kind, a record
id from the interview or an attachment id; the case file may not name the nickname; and every
stored record is a size bucket (a power of two of at least 1 KiB plus a fixed overhead), so an
account's length is not readable.
"""

from __future__ import annotations

import io
import sqlite3
from dataclasses import replace
from pathlib import Path

from complaint_helper.interview import repository
from complaint_helper.interview.model import (
    Answers,
    EvidenceFile,
    EvidenceItem,
    PersonWhoKnows,
    TimelineEvent,
)
from complaint_helper.interview.steps import STEPS
from complaint_helper.vault import UnlockedCase, Vault
from complaint_helper.vault.crypto import ENVELOPE_VERSION, padded_size
from tests.stories import make_maya, make_sam
from tests.vault.conftest import PASSPHRASE

ENVELOPE_OVERHEAD = 4 + 12 + 16  # magic and version, nonce, tag
KINDS = [
    repository.ANSWERS,
    repository.TIMELINE,
    repository.EVIDENCE,
    repository.PERSON,
    repository.PROGRESS,
    repository.BOARDS,
    "vault.attachment",
]


def walk(case: UnlockedCase, story: Answers) -> list[str]:
    """Save a story as the interview does — each step, each item, with fresh random ids and
    real attachments — and return every record id and attachment id it used."""
    ids: list[str] = []
    timeline = [replace(e, event_id=repository.new_item_id()) for e in story.timeline]
    people = [replace(p, person_id=repository.new_item_id()) for p in story.people]
    evidence = []
    for n, item in enumerate(story.evidence):
        stored = case.add_attachment(
            io.BytesIO(f"evidence file {n} ".encode() * (300 + 97 * n)),
            filename=f"evidence-{n}.png",
            media_type="image/png",
        )
        ids.append(stored.attachment_id)
        file = EvidenceFile(stored.attachment_id, stored.filename, stored.media_type)
        evidence.append(replace(item, evidence_id=repository.new_item_id(), files=[file]))
    saved = Answers()
    for slug in story.values:
        repository.save_step_values(case, saved, slug, story.values[slug])
        repository.save_state(case, saved, slug, "done")
    items: list[TimelineEvent | EvidenceItem | PersonWhoKnows] = [*timeline, *evidence, *people]
    for each in items:
        repository.save_item(case, saved, each)
    repository.save_boards(case, saved, story.chosen_boards or ["ca-psychology"])
    ids += [e.event_id for e in timeline] + [e.evidence_id for e in evidence]
    ids += [p.person_id for p in people]
    return ids


def words_that_give_the_story_away(ids: list[str]) -> list[str]:
    slugs = [step.slug for step in STEPS]
    return sorted({*slugs, *KINDS, *ids})


def test_the_disk_holds_no_slug_kind_id_or_readable_size(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    vault = Vault(data_dir)
    ids: list[str] = []
    cases = []
    for nickname, story in (("Blue notebook", make_maya()), ("Green folder", make_sam())):
        case = vault.create_case(nickname, PASSPHRASE)
        ids += walk(case, story)
        cases.append(case)
    assert "after-therapy" in make_sam().values, "Sam's story has a relationship after therapy"
    exported = io.BytesIO()
    vault.export_case(cases[1], exported)

    # While the app runs (the WAL holds the latest pages) and after it closed.
    disk = {p.name: p.read_bytes() for p in data_dir.glob("cases.db*")}
    assert "cases.db-wal" in disk
    disk |= {p.name: p.read_bytes() for p in (data_dir / "attachments").iterdir()}
    assert sum(name.endswith(".chblob") for name in disk) == len(make_maya().evidence) + len(
        make_sam().evidence
    )
    with sqlite3.connect(data_dir / "cases.db") as conn:
        sizes = [n for (n,) in conn.execute("SELECT length(envelope) FROM sealed_records")]
        sizes += [n for (n,) in conn.execute("SELECT length(manifest) FROM cases")]
    vault.close()
    disk |= {f"closed {p.name}": p.read_bytes() for p in data_dir.glob("cases.db*")}
    disk["exported.chcase"] = exported.getvalue()

    leaks = [
        (word, name)
        for word in words_that_give_the_story_away(ids)
        for name, content in disk.items()
        if word.encode() in content
    ]
    assert leaks == []
    assert b"Green folder" not in exported.getvalue()
    assert b"Blue notebook" not in exported.getvalue()

    # Every stored record and manifest is exactly a bucket: the sizes say nothing finer.
    buckets = {ENVELOPE_OVERHEAD + padded_size(0) * 2**k for k in range(20)}
    assert len(sizes) > 40
    assert set(sizes) <= buckets, sorted(set(sizes) - buckets)
    # Sam's account, a few kilobytes, shares its size with every other record of its bucket.
    account = len(str(make_sam().values["your-account"]).encode())
    assert ENVELOPE_OVERHEAD + padded_size(account + 100) in sizes


def test_the_schema_has_no_clear_kind_or_id_column(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "data")
    vault.create_case("Blue notebook", PASSPHRASE).put("answers", "impact", {"x": 1})
    with sqlite3.connect(tmp_path / "data" / "cases.db") as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(sealed_records)")}
        versions = {bytes(e)[3] for (e,) in conn.execute("SELECT envelope FROM sealed_records")}
        legacy = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    assert columns == {"id", "case_id", "record_tag", "envelope"}
    assert ENVELOPE_VERSION not in versions and legacy == 0
    vault.close()
