"""The portable .chcase file: export -> delete -> import, every refusal changing nothing, a clear
header that says only how to ask for the passphrase, and hostile files (issue 20, finding 4)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from complaint_helper.vault import (
    KDF_FLOOR,
    CaseAlreadyExists,
    CostlyCaseFile,
    ImportRefused,
    KdfParams,
    UnlockedCase,
    Vault,
    WrongPassphrase,
)
from complaint_helper.vault.case_file import MAGIC
from complaint_helper.vault.crypto import KDF_CEILING
from tests.vault.case_files import assemble, sections, with_description, with_header
from tests.vault.conftest import OTHER_PASSPHRASE, PASSPHRASE

FIXTURES = Path(__file__).parent / "fixtures"


def snapshot(data_dir: Path) -> tuple[object, ...]:
    """Everything a refused import must leave untouched: rows and attachment files."""
    with sqlite3.connect(data_dir / "cases.db") as conn:
        rows = tuple(
            conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()  # noqa: S608
            for t in ("cases", "records", "attachments", "sealed_records", "sealed_attachments")
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
    vault.export_case(case, out)
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


# -- round trips ---------------------------------------------------------------------------------


def test_export_delete_import_gives_identical_case(vault: Vault, full_case: UnlockedCase) -> None:
    before = contents(full_case)
    data = exported(vault, full_case)
    vault.delete_case(full_case.case_id)
    summary = vault.import_case(io.BytesIO(data), PASSPHRASE)
    assert summary.case_id == full_case.case_id
    assert summary.nickname == "Blue notebook"
    assert contents(vault.unlock(summary.case_id, PASSPHRASE)) == before


def test_import_on_another_computer_uses_its_own_kdf(
    vault: Vault, full_case: UnlockedCase, tmp_path: Path
) -> None:
    before = contents(full_case)
    own = KdfParams(KDF_FLOOR.memory_kib + 1024, KDF_FLOOR.iterations + 1, 1)
    other = Vault(tmp_path / "other-computer", kdf=own)
    summary = other.import_case(io.BytesIO(exported(vault, full_case)), PASSPHRASE)
    assert contents(other.unlock(summary.case_id, PASSPHRASE)) == before
    with pytest.raises(WrongPassphrase):
        other.unlock(summary.case_id, OTHER_PASSPHRASE)
    with sqlite3.connect(other.data_dir / "cases.db") as conn:
        stored = conn.execute("SELECT kdf_memory_kib, kdf_iterations, kdf_lanes FROM cases")
        assert stored.fetchone() == (own.memory_kib, own.iterations, own.lanes)
    other.close()


def test_export_holds_no_plaintext_and_a_header_only_for_the_passphrase(
    vault: Vault, full_case: UnlockedCase
) -> None:
    data = exported(vault, full_case)
    assert data.startswith(MAGIC + b"\x02")
    for secret in (
        b"Whitcombe",
        b"PSY 99999",
        b"journal ",
        b"event 1",
        b"texts.png",
        b"Blue notebook",
        b"complaint-helper",
        b"answers",
        b"timeline",
        full_case.case_id.encode(),
        b"2026-",
    ):
        assert secret not in data
    _, parts = sections(data)
    head = json.loads(parts[0][1])
    assert set(head) == {"kdf", "salt"}
    assert set(head["kdf"]) == {"algorithm", "memory_kib", "iterations", "lanes"}
    # Records are padded in the file as in the database: sizes say only the bucket.
    record_sizes = {len(p) - 16 for t, p in parts if t == b"R"}
    assert record_sizes == {4 + 12 + 1024 + 16}


def test_wrong_passphrase_changes_nothing(
    vault: Vault, full_case: UnlockedCase, data_dir: Path
) -> None:
    data = exported(vault, full_case)
    vault.delete_case(full_case.case_id)
    before = snapshot(data_dir)
    with pytest.raises(WrongPassphrase):
        vault.import_case(io.BytesIO(data), OTHER_PASSPHRASE)
    assert snapshot(data_dir) == before


def test_nickname_and_dates_are_read_only_after_the_passphrase(
    vault: Vault, full_case: UnlockedCase, data_dir: Path
) -> None:
    data = exported(vault, full_case)
    before = snapshot(data_dir)
    prepared = vault.prepare_import(io.BytesIO(data), PASSPHRASE)
    assert prepared.summary.nickname == "Blue notebook"
    assert prepared.summary.created_at is not None
    assert prepared.exported_at is not None
    assert vault.case_exists(prepared.summary.case_id)
    vault.discard_import(prepared)
    assert snapshot(data_dir) == before


def test_importing_an_existing_case_asks_first(
    vault: Vault, full_case: UnlockedCase, data_dir: Path
) -> None:
    data = exported(vault, full_case)
    before = snapshot(data_dir)
    with pytest.raises(CaseAlreadyExists):
        vault.import_case(io.BytesIO(data), PASSPHRASE)
    assert snapshot(data_dir) == before


def test_replace_overwrites_only_when_asked(vault: Vault, full_case: UnlockedCase) -> None:
    data = exported(vault, full_case)
    full_case.put("answers", "professional", {"name": "changed after export"})
    full_case.add_attachment(io.BytesIO(b"later"), filename="later.txt", media_type="text/plain")
    vault.import_case(io.BytesIO(data), PASSPHRASE, replace=True)
    assert full_case.is_locked, "the open copy of the replaced case must not keep writing"
    reopened = vault.unlock(full_case.case_id, PASSPHRASE)
    assert reopened.get("answers", "professional") == {
        "name": "Dr. Alan Whitcombe",
        "license": "PSY 99999",
    }
    assert [a.filename for a in reopened.attachments()] == ["texts.png", "journal.pdf"]
    assert len(list((vault.data_dir / "attachments").iterdir())) == 2


# -- refusals ------------------------------------------------------------------------------------


def bad_files(data: bytes, case: UnlockedCase) -> dict[str, bytes]:
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x04
    head = json.loads(sections(data)[1][0][1])
    return {
        "empty": b"",
        "foreign": b"%PDF-1.7\n" + os.urandom(2000),
        "magic only": MAGIC,
        "unknown version": MAGIC + b"\x03" + data[len(MAGIC) + 1 :],
        "truncated in the middle": data[: len(data) // 2],
        "truncated end hash": data[:-10],
        "no end section": data[:-41],
        "flipped bit": bytes(flipped),
        "trailing bytes": data + b"extra",
        "text-mode newline mangling": data.replace(b"\r\n", b"\n", 1),
        "huge kdf memory": with_header(
            data, {"kdf": {**head["kdf"], "memory_kib": 64 * 1024 * 1024}}
        ),
        "kdf as text": with_header(data, {"kdf": {**head["kdf"], "iterations": "3"}}),
        "kdf as bool": with_header(data, {"kdf": {**head["kdf"], "lanes": True}}),
        "bad salt": with_header(data, {"salt": base64.b64encode(b"short").decode()}),
        "header changed": with_header(data, {"note": "x"}),
        "bad case id": with_description(data, case, {"case_id": "../../etc"}),
        "wrong record count": with_description(data, case, {"records": 99}),
        "blank nickname": with_description(data, case, {"nickname": " \u200b "}),
        "date at the end of time": with_description(
            data, case, {"created_at": "9999-12-31T23:59:59.999999-23:59"}
        ),
        "date at the start of time": with_description(
            data, case, {"created_at": "0001-01-01T00:00:00+14:00"}
        ),
        "date without a zone": with_description(data, case, {"created_at": "2026-11-02T09:00:00"}),
        "date in the future": with_description(
            data, case, {"created_at": "2031-01-01T00:00:00+00:00"}
        ),
        "date as a number": with_description(data, case, {"created_at": 1_700_000_000}),
        "export date at the end of time": with_description(
            data, case, {"exported_at": "9999-12-31T23:59:59+00:00"}
        ),
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
    "kdf as text",
    "kdf as bool",
    "bad salt",
    "header changed",
    "bad case id",
    "wrong record count",
    "blank nickname",
    "date at the end of time",
    "date at the start of time",
    "date without a zone",
    "date in the future",
    "date as a number",
    "export date at the end of time",
]


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_is_refused_and_changes_nothing(
    vault: Vault, full_case: UnlockedCase, data_dir: Path, name: str
) -> None:
    data = exported(vault, full_case)
    files = bad_files(data, full_case)
    assert sorted(files) == sorted(BAD_FILES)
    vault.delete_case(full_case.case_id)
    other = vault.create_case("Unrelated", OTHER_PASSPHRASE)
    other.add_attachment(io.BytesIO(b"unrelated"), filename="u", media_type="x/y")
    before = snapshot(data_dir)
    with pytest.raises(ImportRefused) as raised:
        vault.import_case(io.BytesIO(files[name]), PASSPHRASE)
    assert "Nothing on this computer has been changed" in raised.value.user_message
    assert snapshot(data_dir) == before


def test_damaged_file_refused_even_when_replacing(
    vault: Vault, full_case: UnlockedCase, data_dir: Path
) -> None:
    data = exported(vault, full_case)
    before = snapshot(data_dir)
    with pytest.raises(ImportRefused):
        vault.import_case(io.BytesIO(data[:-100]), PASSPHRASE, replace=True)
    assert snapshot(data_dir) == before
    assert vault.unlock(full_case.case_id, PASSPHRASE).get("timeline", "event-0") is not None


def test_tampered_record_with_fixed_hash_shows_as_damaged(vault: Vault, case: UnlockedCase) -> None:
    """The hash only catches accidents; AES-GCM still catches deliberate changes."""
    case.put("answers", "a", {"text": "original"})
    data = bytearray(exported(vault, case))
    vault.delete_case(case.case_id)
    data[-50] ^= 0x01  # inside the last record's tag
    fixed = assemble(*sections(bytes(data)))
    summary = vault.import_case(io.BytesIO(fixed), PASSPHRASE)
    assert vault.unlock(summary.case_id, PASSPHRASE).all("answers")[0].damaged


def test_streamed_export_survives_an_attachment_deleted_midway(
    vault: Vault, full_case: UnlockedCase, tmp_path: Path
) -> None:
    before = contents(full_case)
    chunks = vault.export_chunks(full_case)
    first = next(chunks)
    for info in full_case.attachments():
        full_case.delete_attachment(info.attachment_id)
    data = first + b"".join(chunks)
    other = Vault(tmp_path / "elsewhere")
    summary = other.import_case(io.BytesIO(data), PASSPHRASE)
    assert contents(other.unlock(summary.case_id, PASSPHRASE)) == before
    other.close()


# -- costly key derivation (issue 20, finding 4) --------------------------------------------------


def test_ceiling_kdf_is_refused_before_any_derivation_with_a_plain_sentence(
    vault: Vault, full_case: UnlockedCase, data_dir: Path
) -> None:
    data = exported(vault, full_case)
    head = json.loads(sections(data)[1][0][1])
    ceiling = {
        "algorithm": "argon2id",
        "memory_kib": KDF_CEILING.memory_kib,
        "iterations": KDF_CEILING.iterations,
        "lanes": KDF_CEILING.lanes,
    }
    hostile = with_header(data, {"kdf": ceiling, "salt": head["salt"]})
    vault.delete_case(full_case.case_id)
    before = snapshot(data_dir)
    assert vault.case_file_is_costly(io.BytesIO(hostile))
    started = time.perf_counter()
    with pytest.raises(CostlyCaseFile) as raised:
        vault.import_case(io.BytesIO(hostile), PASSPHRASE)
    assert time.perf_counter() - started < 1, "a 1 GiB derivation must not have started"
    assert raised.value.memory_mb == 1074
    assert raised.value.seconds >= 6
    assert "about 1,074 MB of this computer's memory" in raised.value.user_message
    assert snapshot(data_dir) == before


def test_costlier_kdf_opens_once_confirmed_and_is_stored_at_the_apps_own(
    vault: Vault, full_case: UnlockedCase, tmp_path: Path
) -> None:
    before = contents(full_case)
    data = exported(vault, full_case)
    cheaper = Vault(tmp_path / "cheaper", kdf=KdfParams(KDF_FLOOR.memory_kib, 2, 1))
    stronger = Vault(tmp_path / "stronger", kdf=KdfParams(KDF_FLOOR.memory_kib * 2, 3, 2))
    summary = stronger.import_case(io.BytesIO(data), PASSPHRASE)
    export = io.BytesIO()
    stronger.export_case(stronger.unlock(summary.case_id, PASSPHRASE), export)
    with pytest.raises(CostlyCaseFile):
        cheaper.import_case(io.BytesIO(export.getvalue()), PASSPHRASE)
    summary = cheaper.import_case(io.BytesIO(export.getvalue()), PASSPHRASE, allow_costly=True)
    assert contents(cheaper.unlock(summary.case_id, PASSPHRASE)) == before
    with sqlite3.connect(cheaper.data_dir / "cases.db") as conn:
        stored = conn.execute("SELECT kdf_memory_kib, kdf_iterations, kdf_lanes FROM cases")
        assert stored.fetchone() == (KDF_FLOOR.memory_kib, 2, 1)
    cheaper.close()
    stronger.close()


# -- format 1 files (before issue 15) ------------------------------------------------------------


def test_a_format_1_file_still_imports_and_opens(vault: Vault) -> None:
    facts = json.loads((FIXTURES / "legacy.json").read_text())
    data = (FIXTURES / "legacy.chcase").read_bytes()
    assert data[len(MAGIC)] == 1
    summary = vault.import_case(io.BytesIO(data), PASSPHRASE)
    assert summary.nickname == "Blue notebook"
    opened = vault.unlock(summary.case_id, PASSPHRASE)
    assert opened.get("answers", "therapy") is not None
    [attachment] = opened.attachments()
    content = b"".join(opened.read_attachment(facts["attachment_id"]))
    assert hashlib.sha256(content).hexdigest() == attachment.sha256 == facts["sha256"]


@pytest.mark.parametrize(
    "created_at", ["9999-12-31T23:59:59.999999-23:59", "0001-01-01T00:00:00+14:00", "2026-11-02"]
)
def test_a_format_1_file_with_an_extreme_date_is_refused(
    vault: Vault, data_dir: Path, tmp_path: Path, created_at: str
) -> None:
    data = with_header((FIXTURES / "legacy.chcase").read_bytes(), {"created_at": created_at})
    shutil.rmtree(tmp_path / "unused", ignore_errors=True)
    vault.create_case("Unrelated", OTHER_PASSPHRASE)
    before = snapshot(data_dir)
    with pytest.raises(ImportRefused):
        vault.import_case(io.BytesIO(data), PASSPHRASE)
    assert snapshot(data_dir) == before
