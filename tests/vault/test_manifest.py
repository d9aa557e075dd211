"""The encrypted manifest (issue 20, finding 5): a record rolled back to an older envelope or
deleted from the database behind the app's back reads as damaged, and the rest opens."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from complaint_helper.vault import DamagedAttachment, DamagedRecord, UnlockedCase, Vault
from tests.vault.conftest import PASSPHRASE
from tests.vault.rows import envelope_of, set_envelope


def manifest_of(data_dir: Path) -> bytes:
    with sqlite3.connect(data_dir / "cases.db") as conn:
        return bytes(conn.execute("SELECT manifest FROM cases").fetchone()[0])


def set_manifest(data_dir: Path, manifest: bytes | None) -> None:
    with sqlite3.connect(data_dir / "cases.db") as conn:
        conn.execute("UPDATE cases SET manifest = ?", (manifest,))


def test_a_record_rolled_back_to_an_older_envelope_is_damaged(
    vault: Vault, case: UnlockedCase, data_dir: Path
) -> None:
    case.put("answers", "your-account", {"text": "first version"})
    older = envelope_of(data_dir, case, "answers", "your-account")
    case.put("answers", "your-account", {"text": "the version I kept"})
    case.put("answers", "impact", {"text": "unrelated"})
    set_envelope(data_dir, case, "answers", "your-account", older)
    for opened in (case, vault.unlock(case.case_id, PASSPHRASE)):
        with pytest.raises(DamagedRecord) as raised:
            opened.get("answers", "your-account")
        assert "Part of this case could not be read" in raised.value.user_message
        assert "The rest of your case is still here" in raised.value.user_message
        assert [(r.record_id, r.damaged) for r in opened.all("answers")] == [
            ("your-account", True),
            ("impact", False),
        ]
        assert opened.get("answers", "impact") == {"text": "unrelated"}


def test_a_record_deleted_from_the_database_is_damaged_not_gone(
    vault: Vault, case: UnlockedCase, data_dir: Path
) -> None:
    for name in ("t1", "t2", "t3"):
        case.put("timeline", name, {"what": name})
    set_envelope(data_dir, case, "timeline", "t2", None)
    reopened = vault.unlock(case.case_id, PASSPHRASE)
    assert [(r.record_id, r.damaged) for r in reopened.all("timeline")] == [
        ("t1", False),
        ("t2", True),
        ("t3", False),
    ]
    with pytest.raises(DamagedRecord):
        reopened.get("timeline", "t2")
    reopened.delete("timeline", "t2")  # the person can clear the damaged entry
    assert [r.record_id for r in reopened.all("timeline")] == ["t1", "t3"]


def test_a_deleted_record_put_back_from_an_old_copy_stays_deleted(
    case: UnlockedCase, data_dir: Path
) -> None:
    case.put("people", "p1", {"name": "My sister"})
    kept = envelope_of(data_dir, case, "people", "p1")
    case.delete("people", "p1")
    with sqlite3.connect(data_dir / "cases.db") as conn:
        conn.execute(
            "INSERT INTO sealed_records (case_id, record_tag, envelope) VALUES (?,?,?)",
            (case.case_id, case.storage_tag("people", "p1"), kept),
        )
    assert case.get("people", "p1") is None
    assert case.all("people") == []


def test_an_attachment_whose_record_was_deleted_is_damaged(
    case: UnlockedCase, data_dir: Path
) -> None:
    info = case.add_attachment(io.BytesIO(b"screenshot"), filename="s.png", media_type="image/png")
    kept = case.add_attachment(io.BytesIO(b"journal"), filename="j.pdf", media_type="x/y")
    set_envelope(data_dir, case, "vault.attachment", info.attachment_id, None)
    assert [(a.attachment_id, a.damaged) for a in case.attachments()] == [
        (info.attachment_id, True),
        (kept.attachment_id, False),
    ]
    with pytest.raises(DamagedAttachment):
        b"".join(case.read_attachment(info.attachment_id))
    assert b"".join(case.read_attachment(kept.attachment_id)) == b"journal"


def test_the_manifest_rolled_back_shows_the_later_writes_as_damaged(
    vault: Vault, case: UnlockedCase, data_dir: Path
) -> None:
    case.put("answers", "a", {"n": 1})
    older = manifest_of(data_dir)
    case.put("answers", "a", {"n": 2})
    case.put("answers", "b", {"n": 1})
    set_manifest(data_dir, older)
    reopened = vault.unlock(case.case_id, PASSPHRASE)
    assert [(r.record_id, r.damaged) for r in reopened.all("answers")] == [("a", True)]


def test_a_missing_manifest_is_rebuilt_from_what_still_opens(
    vault: Vault, case: UnlockedCase, data_dir: Path
) -> None:
    case.put("answers", "a", {"n": 1})
    case.put("timeline", "t1", {"what": "x"})
    set_manifest(data_dir, None)
    reopened = vault.unlock(case.case_id, PASSPHRASE)
    assert reopened.get("answers", "a") == {"n": 1}
    assert reopened.manifest_rebuilt
    assert [r.record_id for r in reopened.all("timeline")] == ["t1"]


def test_two_open_copies_of_a_case_see_each_others_writes(vault: Vault, case: UnlockedCase) -> None:
    other = vault.unlock(case.case_id, PASSPHRASE)
    case.put("answers", "a", {"n": 1})
    other.put("answers", "b", {"n": 2})
    case.put("answers", "a", {"n": 3})
    for opened in (case, other):
        assert [(r.record_id, r.value) for r in opened.all("answers")] == [
            ("a", {"n": 3}),
            ("b", {"n": 2}),
        ]
