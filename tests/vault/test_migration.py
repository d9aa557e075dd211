"""Data dirs written before issue 15 (schema 1: kinds and ids in clear) keep opening.

The fixture in tests/vault/fixtures/legacy-data-dir was written by the code of commit 335a1b9
(fixtures/make_legacy.py): Maya's whole story and one attachment. Opening it with today's code
migrates the schema; the first unlock re-seals every record under a keyed tag, pads it, lists
it in a manifest, upgrades the wrapped key and scrubs the clear kinds and ids off the disk.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from complaint_helper.interview import repository
from complaint_helper.vault import CaseId, Vault, WrongPassphrase
from complaint_helper.vault.store import MIGRATIONS
from tests.stories import make_maya
from tests.vault.conftest import PASSPHRASE

FIXTURES = Path(__file__).parent / "fixtures"
FACTS = json.loads((FIXTURES / "legacy.json").read_text())


@pytest.fixture
def legacy_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "legacy-data-dir", target)
    for path in [target, *target.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    return target


def rows(data_dir: Path, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(data_dir / "cases.db") as conn:
        return conn.execute(query).fetchall()


def test_the_fixture_is_schema_1_with_kinds_in_clear(legacy_dir: Path) -> None:
    assert rows(legacy_dir, "SELECT max(version) FROM schema_migrations") == [(1,)]
    assert ("answers", "your-account") in rows(legacy_dir, "SELECT kind, record_id FROM records")


def test_an_old_data_dir_migrates_and_opens_whole(legacy_dir: Path) -> None:
    vault = Vault(legacy_dir)
    assert [(c.case_id, c.nickname) for c in vault.list_cases()] == [
        (FACTS["case_id"], "Blue notebook")
    ]
    assert rows(legacy_dir, "SELECT max(version) FROM schema_migrations") == [(len(MIGRATIONS),)]
    with pytest.raises(WrongPassphrase):
        vault.unlock(CaseId(FACTS["case_id"]), "not the passphrase")
    case = vault.unlock(CaseId(FACTS["case_id"]), PASSPHRASE)
    loaded = repository.load_answers(case)
    assert loaded.damaged == []
    assert loaded.answers == make_maya()
    [attachment] = case.attachments()
    content = b"".join(case.read_attachment(FACTS["attachment_id"]))
    assert hashlib.sha256(content).hexdigest() == attachment.sha256 == FACTS["sha256"]

    assert rows(legacy_dir, "SELECT count(*) FROM records") == [(0,)]
    assert rows(legacy_dir, "SELECT count(*) FROM attachments") == [(0,)]
    [(wrapped,)] = rows(legacy_dir, "SELECT wrapped_key FROM cases")
    assert isinstance(wrapped, bytes) and wrapped[:4] == b"CHK\x02"
    disk = b"".join(p.read_bytes() for p in legacy_dir.glob("cases.db*"))
    for word in ("your-account", "after-therapy", "what-happened", "timeline", "answers"):
        assert word.encode() not in disk, f"{word} is still readable on the disk"
    assert FACTS["attachment_id"].encode() not in disk

    # Still whole on the next start and unlock, with nothing left to convert.
    case.put("answers", "impact", {"values": {"impact": "added after the move"}})
    vault.close()
    again = Vault(legacy_dir)
    reopened = again.unlock(CaseId(FACTS["case_id"]), PASSPHRASE)
    assert reopened.get("answers", "impact") == {"values": {"impact": "added after the move"}}
    assert len(reopened.all("timeline")) == len(make_maya().timeline)
    again.close()


def test_a_damaged_old_record_stays_reported_after_the_move(legacy_dir: Path) -> None:
    key = ("timeline", "t3")
    with sqlite3.connect(legacy_dir / "cases.db") as conn:
        query = "SELECT envelope FROM records WHERE kind = ? AND record_id = ?"
        envelope = bytearray(conn.execute(query, key).fetchone()[0])
        envelope[20] ^= 0x01
        conn.execute(
            "UPDATE records SET envelope = ? WHERE kind = ? AND record_id = ?",
            (bytes(envelope), *key),
        )
    vault = Vault(legacy_dir)
    case = vault.unlock(CaseId(FACTS["case_id"]), PASSPHRASE)
    timeline = case.all("timeline")
    assert [(r.record_id, r.damaged) for r in timeline if r.damaged] == [("t3", True)]
    assert len(timeline) == len(make_maya().timeline)
    vault.close()
