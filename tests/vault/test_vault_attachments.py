"""Attachments: streamed round trips, size limit, tampering, damage, and flat memory."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import sqlite3
import threading
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
from complaint_helper.vault.attachments import open_stream
from complaint_helper.vault.crypto import SecretKey
from tests.conftest import HANG_GUARD_SECONDS
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
        names = {
            bytes(tag): name
            for tag, name in conn.execute(
                "SELECT attachment_tag, blob_name FROM sealed_attachments"
            )
        }
    folder = data_dir / "attachments"
    a = folder / names[case.storage_tag("vault.attachment", one.attachment_id)]
    b = folder / names[case.storage_tag("vault.attachment", two.attachment_id)]
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
        names = dict(conn.execute("SELECT case_id, blob_name FROM sealed_attachments"))
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
    source: BinaryIO = io.BufferedReader(Zeros(size))
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


RSS_CHILD = """
import hashlib, io, os, sys, threading, time
from pathlib import Path
from complaint_helper.vault import KDF_FLOOR, Vault

class Zeros(io.RawIOBase):
    def __init__(self, size):
        self.remaining = size
    def readable(self):
        return True
    def readinto(self, buffer):
        n = min(len(buffer), self.remaining)
        buffer[:n] = b"Z" * n
        self.remaining -= n
        return n

vault = Vault(Path(sys.argv[1]), kdf=KDF_FLOOR)
case = vault.create_case("Case", "marble-kettle-orchid-lantern")
small = case.add_attachment(io.BytesIO(b"warm-up" * 1000), filename="w", media_type="x/y")
b"".join(case.read_attachment(small.attachment_id))
PAGE = os.sysconf("SC_PAGE_SIZE")

def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE

peak = [0]
done = threading.Event()

def sample():
    while not done.is_set():
        peak[0] = max(peak[0], rss())
        time.sleep(0.005)

before = rss()
sampler = threading.Thread(target=sample)
sampler.start()
info = case.add_attachment(io.BufferedReader(Zeros(200 * 1024 * 1024)), filename="v",
                           media_type="video/mp4")
digest = hashlib.sha256()
for chunk in case.read_attachment(info.attachment_id):
    digest.update(chunk)
done.set()
sampler.join()
assert digest.hexdigest() == info.sha256
print(peak[0] - before)
"""


@pytest.mark.slow
def test_200_mb_round_trip_keeps_process_memory_flat(tmp_path: Path) -> None:
    """Resident memory of a fresh process, sampled every 5 ms during the round trip: this also
    sees memory outside Python's heap (the Rust side of `cryptography`), which tracemalloc can't."""
    if not Path("/proc/self/statm").exists():
        pytest.skip("needs Linux /proc to sample resident memory")
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", RSS_CHILD, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=HANG_GUARD_SECONDS * 5,  # a hang guard: 200 MB through a loaded machine
        check=True,
    )
    growth = int(out.stdout.strip())
    print(f"200 MB round trip: peak RSS growth {growth / 2**20:.1f} MiB")
    assert growth < 64 * 1024 * 1024


def test_unstarted_reader_wipes_its_key_when_dropped(case: UnlockedCase) -> None:
    import gc

    info = case.add_attachment(io.BytesIO(b"abc"), filename="a", media_type="x/y")
    chunks = case.read_attachment(info.attachment_id)
    frame = chunks.gi_frame  # type: ignore[attr-defined]
    key = frame.f_locals["key"]
    buffer = key._buf
    assert len(buffer) == 32
    del chunks, frame, key
    gc.collect()
    assert bytes(buffer) == b""


# -- speed work (issue 6): the hash is computed beside the cipher and no longer on read ---------

MIB = 1024 * 1024


def test_multi_read_attachment_records_the_hash_of_what_reads_back(case: UnlockedCase) -> None:
    """Several 1 MiB reads and a ragged end: the hash made on the worker thread covers them all."""
    content = os.urandom(3 * MIB + 12_345)
    info = case.add_attachment(io.BytesIO(content), filename="v.mp4", media_type="video/mp4")
    assert info.sha256 == hashlib.sha256(content).hexdigest()
    assert read_all(case, info.attachment_id) == content


class ReusedBuffer(io.RawIOBase):
    """A source whose `read` hands out one bytearray and overwrites it on the next call."""

    def __init__(self, content: bytes, step: int) -> None:
        self.content = content
        self.step = step
        self.position = 0
        self.buffer = bytearray(step)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytearray:
        self.buffer[:] = b"\xee" * self.step  # what a buffer-reusing reader leaves behind
        piece = self.content[self.position : self.position + self.step]
        self.position += len(piece)
        self.buffer[: len(piece)] = piece
        del self.buffer[len(piece) :]
        return self.buffer


def test_hash_is_of_the_bytes_encrypted_when_the_source_reuses_its_buffer(
    case: UnlockedCase,
) -> None:
    """The hasher runs later than the cipher; it must not see a buffer the source changed since."""
    content = os.urandom(8 * MIB + 7)
    source: BinaryIO = ReusedBuffer(content, MIB)  # type: ignore[assignment]
    info = case.add_attachment(source, filename="r.bin", media_type="x/y")
    assert read_all(case, info.attachment_id) == content
    assert info.sha256 == hashlib.sha256(content).hexdigest()


def hashing_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "attachment-sha256"]


class FailingSource(io.RawIOBase):
    """Gives `good` bytes, then the read fails (a vanished upload, an unreadable disk)."""

    def __init__(self, good: int) -> None:
        self.left = good

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.left <= 0:
            raise OSError("the upload went away")
        n = min(len(buffer), self.left)
        buffer[:n] = b"x" * n
        self.left -= n
        return n


def test_sealing_leaves_no_hashing_thread_behind(case: UnlockedCase, data_dir: Path) -> None:
    case.add_attachment(io.BytesIO(os.urandom(2 * MIB)), filename="a", media_type="x/y")
    with pytest.raises(AttachmentTooLarge):
        case.add_attachment(
            io.BytesIO(b"x" * (3 * MIB)), filename="b", media_type="x/y", max_bytes=2 * MIB
        )
    failing: BinaryIO = io.BufferedReader(FailingSource(5 * MIB))
    with pytest.raises(OSError, match="went away"):
        case.add_attachment(failing, filename="c", media_type="x/y")
    assert hashing_threads() == []
    assert len(list((data_dir / "attachments").iterdir())) == 1


@pytest.mark.parametrize("where", ["second read", "last chunk", "last tag"])
def test_altered_chunk_past_the_first_read_is_damaged_and_never_released(
    case: UnlockedCase, data_dir: Path, where: str
) -> None:
    """Reading no longer re-hashes: the stream's tags alone must stop every altered byte."""
    content = os.urandom(2 * MIB + 5_000)
    info = case.add_attachment(io.BytesIO(content), filename="d.bin", media_type="x/y")
    path = blob_path(data_dir)
    data = bytearray(path.read_bytes())
    offset = {"second read": 4 + MIB + 100, "last chunk": -30, "last tag": -1}[where]
    data[offset] ^= 0x80
    edit(path, bytes(data))
    received = bytearray()
    with pytest.raises(DamagedAttachment):
        for chunk in case.read_attachment(info.attachment_id):
            received += chunk
    assert bytes(received) == content[: len(received)]
    assert len(received) < len(content)


V1_KEY = bytes(range(32))
V1_PLAIN = b"A v1 attachment sealed by the code on main before issue 6. "
# Written by the attachments.py of commit 8e7e91c (case "case-v1", attachment "0" * 32).
V1_FILE = bytes.fromhex(
    "4348410159d470dff93f37e41354a3290cbf51467b75282c65d42bf52e203ea77ce09021d8de6440c4448332"
    "fc2c4370e4b3b6acae3749dd56ab10fd4a234571a0487226bab56fa1cac75f61e077fd8f84a47fad02706562"
    "8de6dac5bf1346868f428f3e679ab66e41cf6b3f20cacdb5af946a5eb41a8042935fdce3d9a18212e77c1c94"
    "d0802b"
)


def test_file_written_before_the_speed_work_still_opens() -> None:
    """The on-disk format did not change: a v1 file from the earlier code decrypts as it was."""
    chunks = open_stream(io.BytesIO(V1_FILE), SecretKey(V1_KEY), "case-v1", "0" * 32)
    assert b"".join(chunks) == V1_PLAIN


def test_file_written_before_the_speed_work_still_refuses_a_flipped_bit() -> None:
    damaged = bytearray(V1_FILE)
    damaged[70] ^= 0x01
    chunks = open_stream(io.BytesIO(bytes(damaged)), SecretKey(V1_KEY), "case-v1", "0" * 32)
    with pytest.raises(DamagedAttachment):
        b"".join(chunks)
