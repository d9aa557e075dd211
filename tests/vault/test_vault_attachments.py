"""Attachments: streamed round trips, size limit, tampering, damage, and flat memory."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import sqlite3
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from complaint_helper.vault import (
    AttachmentNotFound,
    AttachmentTooLarge,
    DamagedAttachment,
    UnlockedCase,
    Vault,
)
from tests.vault.conftest import PASSPHRASE

STREAM_HEADER = 4 + 56  # our magic+version, then Cobblestone's header
CHUNK = 16 * 1024 + 16  # Cobblestone's 16 KiB plaintext chunk plus its tag


def blob_path(data_dir: Path) -> Path:
    (path,) = (data_dir / "attachments").iterdir()
    return path


def read_all(case: UnlockedCase, attachment_id: str) -> bytes:
    return b"".join(case.read_attachment(attachment_id))


def test_attachment_round_trips_with_its_hash(case: UnlockedCase) -> None:
    content = os.urandom(300_000)
    info = case.add_attachment(io.BytesIO(content), filename="texts.png", media_type="image/png")
    assert info.size == len(content)
    assert info.sha256 == hashlib.sha256(content).hexdigest()
    assert read_all(case, info.attachment_id) == content
    assert case.attachments() == [info]


def test_empty_attachment_round_trips(case: UnlockedCase) -> None:
    info = case.add_attachment(io.BytesIO(b""), filename="empty.txt", media_type="text/plain")
    assert read_all(case, info.attachment_id) == b""
    assert not case.attachments()[0].damaged


def test_attachment_file_holds_no_plaintext(case: UnlockedCase, data_dir: Path) -> None:
    content = b"CANARY-ATTACHMENT " * 5000
    case.add_attachment(io.BytesIO(content), filename="a.txt", media_type="text/plain")
    stored = blob_path(data_dir).read_bytes()
    assert b"CANARY" not in stored
    assert stored.startswith(b"CHA\x01")


def test_too_large_attachment_is_refused_and_leaves_nothing(
    case: UnlockedCase, data_dir: Path
) -> None:
    with pytest.raises(AttachmentTooLarge):
        case.add_attachment(
            io.BytesIO(b"x" * 2001), filename="big", media_type="x/y", max_bytes=2000
        )
    assert list((data_dir / "attachments").iterdir()) == []
    assert case.attachments() == []


def test_attachment_at_the_limit_is_accepted(case: UnlockedCase) -> None:
    info = case.add_attachment(
        io.BytesIO(b"x" * 2000), filename="f", media_type="x/y", max_bytes=2000
    )
    assert info.size == 2000


@pytest.fixture
def stored(case: UnlockedCase, data_dir: Path) -> tuple[UnlockedCase, str, bytes, Path]:
    content = os.urandom(5 * 16 * 1024 + 123)
    info = case.add_attachment(io.BytesIO(content), filename="f.bin", media_type="x/y")
    return case, info.attachment_id, content, blob_path(data_dir)


def edit(path: Path, change: bytes) -> None:
    path.write_bytes(change)


@pytest.mark.parametrize("offset", [0, 3, 10, STREAM_HEADER + 5, STREAM_HEADER + CHUNK + 7, -3])
def test_flipped_bit_is_damaged(stored: tuple[UnlockedCase, str, bytes, Path], offset: int) -> None:
    case, attachment_id, _, path = stored
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    edit(path, bytes(data))
    with pytest.raises(DamagedAttachment):
        read_all(case, attachment_id)


def test_truncated_file_raises_at_the_end_and_never_looks_whole(
    stored: tuple[UnlockedCase, str, bytes, Path],
) -> None:
    case, attachment_id, content, path = stored
    data = path.read_bytes()
    edit(path, data[: STREAM_HEADER + 3 * CHUNK])  # cut exactly at a chunk boundary
    received = bytearray()
    with pytest.raises(DamagedAttachment):
        for chunk in case.read_attachment(attachment_id):
            received += chunk
    assert bytes(received) == content[: len(received)]
    assert len(received) < len(content)
    assert case.attachments()[0].damaged


@pytest.mark.parametrize("cut", [1, 100, CHUNK])
def test_truncated_anywhere_is_damaged(
    stored: tuple[UnlockedCase, str, bytes, Path], cut: int
) -> None:
    case, attachment_id, _, path = stored
    edit(path, path.read_bytes()[:-cut])
    with pytest.raises(DamagedAttachment):
        read_all(case, attachment_id)


def chunks_of(data: bytes) -> tuple[bytes, list[bytes]]:
    body = data[STREAM_HEADER:]
    return data[:STREAM_HEADER], [body[i : i + CHUNK] for i in range(0, len(body), CHUNK)]


def test_reordered_chunks_are_damaged(stored: tuple[UnlockedCase, str, bytes, Path]) -> None:
    case, attachment_id, _, path = stored
    head, chunks = chunks_of(path.read_bytes())
    chunks[1], chunks[2] = chunks[2], chunks[1]
    edit(path, head + b"".join(chunks))
    with pytest.raises(DamagedAttachment):
        read_all(case, attachment_id)


def test_dropped_chunk_is_damaged(stored: tuple[UnlockedCase, str, bytes, Path]) -> None:
    case, attachment_id, _, path = stored
    head, chunks = chunks_of(path.read_bytes())
    del chunks[2]
    edit(path, head + b"".join(chunks))
    with pytest.raises(DamagedAttachment):
        read_all(case, attachment_id)


def test_unknown_file_version_is_damaged(stored: tuple[UnlockedCase, str, bytes, Path]) -> None:
    case, attachment_id, _, path = stored
    edit(path, b"CHA\x02" + path.read_bytes()[4:])
    with pytest.raises(DamagedAttachment):
        read_all(case, attachment_id)


def test_files_swapped_between_attachments_are_damaged(case: UnlockedCase, data_dir: Path) -> None:
    one = case.add_attachment(io.BytesIO(b"one" * 100), filename="1", media_type="x/y")
    two = case.add_attachment(io.BytesIO(b"two" * 100), filename="2", media_type="x/y")
    with sqlite3.connect(data_dir / "cases.db") as conn:
        names = dict(conn.execute("SELECT attachment_id, blob_name FROM attachments"))
    folder = data_dir / "attachments"
    a, b = folder / names[one.attachment_id], folder / names[two.attachment_id]
    shutil.copyfile(a, folder / "swap")
    shutil.copyfile(b, a)
    shutil.copyfile(folder / "swap", b)
    (folder / "swap").unlink()
    for attachment_id in (one.attachment_id, two.attachment_id):
        with pytest.raises(DamagedAttachment):
            read_all(case, attachment_id)


def test_file_copied_into_another_case_is_damaged(vault: Vault, data_dir: Path) -> None:
    first = vault.create_case("One", PASSPHRASE)
    second = vault.create_case("Two", PASSPHRASE)
    first.add_attachment(io.BytesIO(b"first" * 1000), filename="1", media_type="x/y")
    info = second.add_attachment(io.BytesIO(b"second" * 1000), filename="2", media_type="x/y")
    with sqlite3.connect(data_dir / "cases.db") as conn:
        names = dict(conn.execute("SELECT case_id, blob_name FROM attachments"))
    folder = data_dir / "attachments"
    shutil.copyfile(folder / names[first.case_id], folder / names[second.case_id])
    with pytest.raises(DamagedAttachment):
        read_all(second, info.attachment_id)


def test_missing_file_is_marked_damaged_and_the_rest_opens(
    case: UnlockedCase, data_dir: Path
) -> None:
    info = case.add_attachment(io.BytesIO(b"gone"), filename="g", media_type="x/y")
    case.put("answers", "a", {"x": 1})
    blob_path(data_dir).unlink()
    assert [a.damaged for a in case.attachments()] == [True]
    assert case.get("answers", "a") == {"x": 1}
    with pytest.raises(DamagedAttachment):
        read_all(case, info.attachment_id)


def test_delete_attachment_removes_file_and_record(case: UnlockedCase, data_dir: Path) -> None:
    info = case.add_attachment(io.BytesIO(b"bye"), filename="b", media_type="x/y")
    case.delete_attachment(info.attachment_id)
    assert case.attachments() == []
    assert list((data_dir / "attachments").iterdir()) == []
    with pytest.raises(AttachmentNotFound):
        case.read_attachment(info.attachment_id)


def test_unknown_attachment_id_is_not_found(case: UnlockedCase) -> None:
    for attachment_id in ("0" * 32, "../cases.db", ""):
        with pytest.raises(AttachmentNotFound):
            case.read_attachment(attachment_id)


class Zeros(io.RawIOBase):
    """A readable stream of `size` bytes made on the fly (no 200 MB buffer in memory)."""

    def __init__(self, size: int) -> None:
        self.remaining = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        n = min(len(buffer), self.remaining)
        buffer[:n] = bytes([0x5A]) * n
        self.remaining -= n
        return n


@pytest.mark.slow
def test_200_mb_attachment_round_trips_in_flat_memory(case: UnlockedCase) -> None:
    size = 200 * 1024 * 1024
    started = time.perf_counter()
    tracemalloc.start()
    source: BinaryIO = io.BufferedReader(Zeros(size))  # type: ignore[arg-type]
    info = case.add_attachment(source, filename="video.mp4", media_type="video/mp4")
    _, peak_in = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    digest = hashlib.sha256()
    total = 0
    chunks: Iterator[bytes] = case.read_attachment(info.attachment_id)
    for chunk in chunks:
        digest.update(chunk)
        total += len(chunk)
    _, peak_out = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    elapsed = time.perf_counter() - started
    print(
        f"200 MB: peak in {peak_in / 2**20:.1f} MiB, out {peak_out / 2**20:.1f} MiB, "
        f"{elapsed:.1f} s"
    )
    assert total == size
    assert digest.hexdigest() == info.sha256
    assert peak_in < 64 * 1024 * 1024
    assert peak_out < 64 * 1024 * 1024
