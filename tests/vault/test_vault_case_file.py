"""The portable .chcase file: export -> delete -> import, and every refusal changing nothing."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import sqlite3
from pathlib import Path

import pytest

from complaint_helper.vault import (
    CaseAlreadyExists,
    ImportRefused,
    UnlockedCase,
    Vault,
    WrongPassphrase,
)
from complaint_helper.vault.case_file import MAGIC
from tests.vault.conftest import OTHER_PASSPHRASE, PASSPHRASE


def snapshot(data_dir: Path) -> tuple[object, ...]:
    """Everything a refused import must leave untouched: rows and attachment files."""
    with sqlite3.connect(data_dir / "cases.db") as conn:
        rows = tuple(
            conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()  # noqa: S608
            for t in ("cases", "records", "attachments")
        )
    files = sorted(
        (p.name, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in (data_dir / "attachments").iterdir()
    )
    return (*rows, tuple(files))


@pytest.fixture
def full_case(case: UnlockedCase) -> UnlockedCase:
    case.put("answers", "professional", {"name": "Dr. Alan Whitcombe", "license": "PSY 99999"})
    for i in range(3):
        case.put("timeline", f"event-{i}", {"when": f"2022-0{i + 6}", "what": f"event {i}"})
    case.add_attachment(
        io.BytesIO(os.urandom(70_000)), filename="texts.png", media_type="image/png"
    )
    case.add_attachment(
        io.BytesIO(b"journal " * 1000), filename="journal.pdf", media_type="application/pdf"
    )
    return case


def exported(vault: Vault, case: UnlockedCase) -> bytes:
    out = io.BytesIO()
    vault.export_case(case.case_id, out)
    return out.getvalue()


def contents(case: UnlockedCase) -> tuple[object, ...]:
    records = tuple(
        (r.record_id, r.value) for kind in ("answers", "timeline") for r in case.all(kind)
    )
    files = tuple(
        (
            a.filename,
            a.sha256,
            hashlib.sha256(b"".join(case.read_attachment(a.attachment_id))).hexdigest(),
        )
        for a in case.attachments()
    )
    return records, files


def test_export_delete_import_gives_identical_case(vault: Vault, full_case: UnlockedCase) -> None:
    before = contents(full_case)
    data = exported(vault, full_case)
    vault.delete_case(full_case.case_id)
    summary = vault.import_case(io.BytesIO(data))
    assert summary.case_id == full_case.case_id
    assert summary.nickname == "Blue notebook"
    assert contents(vault.unlock(summary.case_id, PASSPHRASE)) == before


def test_import_on_another_computer(vault: Vault, full_case: UnlockedCase, tmp_path: Path) -> None:
    before = contents(full_case)
    other = Vault(tmp_path / "other-computer")
    summary = other.import_case(io.BytesIO(exported(vault, full_case)))
    assert contents(other.unlock(summary.case_id, PASSPHRASE)) == before
    with pytest.raises(WrongPassphrase):
        other.unlock(summary.case_id, OTHER_PASSPHRASE)
    other.close()


def test_export_holds_no_plaintext(vault: Vault, full_case: UnlockedCase) -> None:
    data = exported(vault, full_case)
    assert data.startswith(MAGIC + b"\x01")
    for secret in (b"Whitcombe", b"PSY 99999", b"journal ", b"event 1", b"texts.png"):
        assert secret not in data


def test_importing_an_existing_case_asks_first(
    vault: Vault, full_case: UnlockedCase, data_dir: Path
) -> None:
    data = exported(vault, full_case)
    before = snapshot(data_dir)
    with pytest.raises(CaseAlreadyExists):
        vault.import_case(io.BytesIO(data))
    assert snapshot(data_dir) == before


def test_replace_overwrites_only_when_asked(vault: Vault, full_case: UnlockedCase) -> None:
    data = exported(vault, full_case)
    full_case.put("answers", "professional", {"name": "changed after export"})
    full_case.add_attachment(io.BytesIO(b"later"), filename="later.txt", media_type="text/plain")
    vault.import_case(io.BytesIO(data), replace=True)
    assert full_case.is_locked, "the open copy of the replaced case must not keep writing"
    reopened = vault.unlock(full_case.case_id, PASSPHRASE)
    assert reopened.get("answers", "professional") == {
        "name": "Dr. Alan Whitcombe",
        "license": "PSY 99999",
    }
    assert [a.filename for a in reopened.attachments()] == ["texts.png", "journal.pdf"]
    assert len(list((vault.data_dir / "attachments").iterdir())) == 2


def header_of(data: bytes) -> tuple[int, dict[str, object]]:
    start = len(MAGIC) + 1
    length = int.from_bytes(data[start + 1 : start + 9], "big")
    return start, json.loads(data[start + 9 : start + 9 + length])


def rebuild_header(data: bytes, change: dict[str, object]) -> bytes:
    """Change the header and fix the end hash, as a careless or malicious tool would."""
    start, head = header_of(data)
    old_len = int.from_bytes(data[start + 1 : start + 9], "big")
    head.update(change)
    payload = json.dumps(head).encode()
    body = (
        data[:start]
        + b"H"
        + len(payload).to_bytes(8, "big")
        + payload
        + data[start + 9 + old_len : -41]
    )
    return body + b"E" + (32).to_bytes(8, "big") + hashlib.sha256(body).digest()


def bad_files(data: bytes) -> dict[str, bytes]:
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x04
    _, head = header_of(data)
    return {
        "empty": b"",
        "foreign": b"%PDF-1.7\n" + os.urandom(2000),
        "magic only": MAGIC,
        "unknown version": MAGIC + b"\x02" + data[len(MAGIC) + 1 :],
        "truncated in the middle": data[: len(data) // 2],
        "truncated end hash": data[:-10],
        "no end section": data[:-41],
        "flipped bit": bytes(flipped),
        "trailing bytes": data + b"extra",
        "text-mode newline mangling": data.replace(b"\r\n", b"\n", 1),
        "huge kdf memory": rebuild_header(
            data,
            {
                "kdf": {
                    **head["kdf"],  # type: ignore[dict-item]
                    "memory_kib": 64 * 1024 * 1024,
                }
            },
        ),
        "bad case id": rebuild_header(data, {"case_id": "../../etc"}),
        "wrong record count": rebuild_header(data, {"records": 99}),
        "bad salt": rebuild_header(data, {"salt": base64.b64encode(b"short").decode()}),
    }


BAD_FILES = [
    "empty",
    "foreign",
    "magic only",
    "unknown version",
    "truncated in the middle",
    "truncated end hash",
    "no end section",
    "flipped bit",
    "trailing bytes",
    "text-mode newline mangling",
    "huge kdf memory",
    "bad case id",
    "wrong record count",
    "bad salt",
]


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_is_refused_and_changes_nothing(
    vault: Vault, full_case: UnlockedCase, data_dir: Path, name: str
) -> None:
    data = exported(vault, full_case)
    vault.delete_case(full_case.case_id)
    other = vault.create_case("Unrelated", OTHER_PASSPHRASE)
    other.add_attachment(io.BytesIO(b"unrelated"), filename="u", media_type="x/y")
    before = snapshot(data_dir)
    files = bad_files(data)
    assert sorted(files) == sorted(BAD_FILES)
    with pytest.raises(ImportRefused) as raised:
        vault.import_case(io.BytesIO(files[name]))
    assert "Nothing on this computer has been changed" in raised.value.user_message
    assert snapshot(data_dir) == before


def test_damaged_file_refused_even_when_replacing(
    vault: Vault, full_case: UnlockedCase, data_dir: Path
) -> None:
    data = exported(vault, full_case)
    before = snapshot(data_dir)
    with pytest.raises(ImportRefused):
        vault.import_case(io.BytesIO(data[:-100]), replace=True)
    assert snapshot(data_dir) == before
    assert vault.unlock(full_case.case_id, PASSPHRASE).get("timeline", "event-0") is not None


def test_tampered_record_with_fixed_hash_shows_as_damaged(vault: Vault, case: UnlockedCase) -> None:
    """The hash only catches accidents; AES-GCM still catches deliberate changes."""
    case.put("answers", "a", {"text": "original"})
    data = bytearray(exported(vault, case))
    vault.delete_case(case.case_id)
    data[-50] ^= 0x01  # inside the last record's tag
    body = bytes(data[:-41])
    fixed = body + b"E" + (32).to_bytes(8, "big") + hashlib.sha256(body).digest()
    summary = vault.import_case(io.BytesIO(fixed))
    assert vault.unlock(summary.case_id, PASSPHRASE).all("answers")[0].damaged
