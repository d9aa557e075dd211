"""The portable `.chcase` file: one case, still encrypted, for moving it between computers.

Format, version 1 (integers big-endian)::

    magic    b"CHCASE\\r\\n\\x1a\\n"   (10 bytes; the CR/LF/^Z catch text-mode mangling, as in PNG)
    version  0x01
    then sections, each:  tag (1 byte) | length (8 bytes) | payload (length bytes)
      b"H"  once, first: UTF-8 JSON {"format": "complaint-helper case", "case_id", "nickname",
            "created_at", "kdf": {"algorithm", "memory_kib", "iterations", "lanes"},
            "salt" (base64), "wrapped_key" (base64), "records" (count), "attachments" (count)}
      b"R"  one per record, oldest first: u16 len | kind | u16 len | record id | envelope
            (the record envelope exactly as stored: AES-256-GCM under the case key)
      b"A"  one per attachment file: u16 len | attachment id | the encrypted file, byte for byte
      b"E"  once, last: SHA-256 of every byte before this section; nothing may follow it

Nothing is decrypted to export or import: the wrapped case key travels with the records, so the
same passphrase opens the case on the other computer. The SHA-256 detects accidental damage and
truncation without the passphrase; deliberate tampering is caught later by the AES-GCM tags
(records show as damaged, a changed key header as a passphrase that does not open the case).

Export streams (`case_file_chunks`): memory stays flat whatever the attachments weigh.
Import reads and checks the whole file first — records in memory, attachment files streamed to
new files in the attachments folder — and only then writes everything in one transaction. A
damaged, truncated, foreign or unknown-version file raises ImportRefused and the files it had
started are removed: nothing existing is touched.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any, BinaryIO, Final

from complaint_helper.vault.crypto import (
    KDF_ALGORITHM,
    RECORD_MAGIC,
    WRAP_MAGIC,
    KdfParams,
    KdfParamsError,
    check_kdf_params,
)
from complaint_helper.vault.errors import ImportRefused, InvalidNickname, VaultError
from complaint_helper.vault.ids import (
    ATTACHMENT_ID_PATTERN,
    ATTACHMENT_KIND,
    CASE_ID_PATTERN,
    NAME_PATTERN,
    clean_nickname,
)
from complaint_helper.vault.store import CaseRow, CaseStore, KeyHeader, RecordRow

MAGIC: Final = b"CHCASE\r\n\x1a\n"
VERSION: Final = 1
FORMAT_NAME: Final = "complaint-helper case"
COPY_CHUNK: Final = 1024 * 1024
MAX_HEADER: Final = 64 * 1024
MAX_RECORD: Final = 64 * 1024 * 1024
MAX_ATTACHMENT: Final = 8 * 1024 * 1024 * 1024


def _short(value: str) -> bytes:
    raw = value.encode("utf-8")
    return len(raw).to_bytes(2, "big") + raw


def _section(tag: bytes, length: int) -> bytes:
    return tag + length.to_bytes(8, "big")


def case_file_chunks(store: CaseStore, case_id: str) -> Iterator[bytes]:
    """The case as a `.chcase` file, in chunks, without holding it in memory.

    The rows are read and the attachment files opened under the store lock, at once; the bytes
    then stream without the lock, so a download does not stall other requests, and a file deleted
    meanwhile is still read whole (an open file outlives its name).
    """
    with store.lock:
        row = store.case_row(case_id)
        header = store.key_header(case_id)
        records = store.all_records(case_id)
        opened: list[tuple[str, BinaryIO, int]] = []
        try:
            for attachment_id, name in store.attachment_rows(case_id):
                size = store.blob_size(name)
                if size is not None:
                    opened.append((attachment_id, store.open_blob(name), size))
        except BaseException:
            for _, handle, _ in opened:
                handle.close()
            raise
    head = {
        "format": FORMAT_NAME,
        "case_id": row.case_id,
        "nickname": row.nickname,
        "created_at": row.created_at,
        "kdf": {
            "algorithm": header.kdf_algorithm,
            "memory_kib": header.kdf_memory_kib,
            "iterations": header.kdf_iterations,
            "lanes": header.kdf_lanes,
        },
        "salt": base64.b64encode(header.kdf_salt).decode("ascii"),
        "wrapped_key": base64.b64encode(header.wrapped_key).decode("ascii"),
        "records": len(records),
        "attachments": len(opened),
    }
    return _stream(head, records, opened)


def _stream(
    head: dict[str, Any], records: list[RecordRow], opened: list[tuple[str, BinaryIO, int]]
) -> Iterator[bytes]:
    digest = hashlib.sha256()

    def hashed(data: bytes) -> bytes:
        digest.update(data)
        return data

    try:
        payload = json.dumps(head, ensure_ascii=False).encode("utf-8")
        yield hashed(MAGIC + bytes([VERSION]) + _section(b"H", len(payload)) + payload)
        for record in records:
            body = _short(record.kind) + _short(record.record_id) + record.envelope
            yield hashed(_section(b"R", len(body)) + body)
        for attachment_id, handle, size in opened:
            prefix = _short(attachment_id)
            yield hashed(_section(b"A", len(prefix) + size) + prefix)
            copied = 0
            while chunk := handle.read(COPY_CHUNK):
                copied += len(chunk)
                yield hashed(chunk)
            if copied != size:
                raise VaultError(
                    "An attached file changed while the case was being saved. Please try again."
                )
        yield _section(b"E", 32) + digest.digest()
    finally:
        for _, handle, _ in opened:
            handle.close()


def write_case_file(store: CaseStore, case_id: str, out: BinaryIO) -> None:
    """Write the case as a `.chcase` file into `out` (which the caller opened)."""
    for chunk in case_file_chunks(store, case_id):
        out.write(chunk)
    out.flush()


class _Reader:
    def __init__(self, source: BinaryIO) -> None:
        self._source = source
        self.digest = hashlib.sha256()

    def exact(self, n: int) -> bytes:
        parts: list[bytes] = []
        remaining = n
        while remaining:
            chunk = self._source.read(min(remaining, COPY_CHUNK))
            if not chunk:
                raise ImportRefused()
            parts.append(chunk)
            remaining -= len(chunk)
        data = b"".join(parts)
        self.digest.update(data)
        return data

    def at_end(self) -> bool:
        return self._source.read(1) == b""


def _take_short(payload: bytes, offset: int) -> tuple[str, int]:
    if offset + 2 > len(payload):
        raise ImportRefused()
    length = int.from_bytes(payload[offset : offset + 2], "big")
    end = offset + 2 + length
    if end > len(payload):
        raise ImportRefused()
    try:
        return payload[offset + 2 : end].decode("utf-8"), end
    except UnicodeDecodeError as exc:
        raise ImportRefused() from exc


def _parse_header(payload: bytes) -> tuple[CaseRow, KeyHeader, int, int]:
    try:
        head: Any = json.loads(payload.decode("utf-8"))
        if not isinstance(head, dict) or head.get("format") != FORMAT_NAME:
            raise ImportRefused()
        kdf = head["kdf"]
        case_id = str(head["case_id"])
        created_at = str(head["created_at"])
        datetime.fromisoformat(created_at)
        header = KeyHeader(
            str(kdf["algorithm"]),
            int(kdf["memory_kib"]),
            int(kdf["iterations"]),
            int(kdf["lanes"]),
            base64.b64decode(str(head["salt"]), validate=True),
            base64.b64decode(str(head["wrapped_key"]), validate=True),
        )
        nickname = clean_nickname(str(head["nickname"]))
        counts = int(head["records"]), int(head["attachments"])
        check_kdf_params(KdfParams(header.kdf_memory_kib, header.kdf_iterations, header.kdf_lanes))
    except (
        UnicodeDecodeError,
        ValueError,
        KeyError,
        TypeError,
        binascii.Error,
        InvalidNickname,
        KdfParamsError,
    ) as exc:
        raise ImportRefused() from exc
    if (
        not CASE_ID_PATTERN.match(case_id)
        or header.kdf_algorithm != KDF_ALGORITHM
        or len(header.kdf_salt) != 16
        or not header.wrapped_key.startswith(WRAP_MAGIC + b"\x01")
    ):
        raise ImportRefused()
    return CaseRow(case_id, nickname, created_at), header, counts[0], counts[1]


def read_case_file(store: CaseStore, source: BinaryIO, *, replace: bool) -> CaseRow:
    """Check the whole file, then add the case in one transaction; see the module docstring."""
    reader = _Reader(source)
    committed_blobs: list[str] = []
    try:
        if reader.exact(len(MAGIC)) != MAGIC or reader.exact(1) != bytes([VERSION]):
            raise ImportRefused()
        records: list[RecordRow] = []
        attachments: list[tuple[str, str]] = []
        parsed: tuple[CaseRow, KeyHeader, int, int] | None = None
        while True:
            before_section = reader.digest.copy()
            tag = reader.exact(1)
            length = int.from_bytes(reader.exact(8), "big")
            if tag == b"H" and parsed is None and length <= MAX_HEADER:
                parsed = _parse_header(reader.exact(length))
            elif parsed is None:
                raise ImportRefused()
            elif tag == b"R" and length <= MAX_RECORD:
                payload = reader.exact(length)
                kind, offset = _take_short(payload, 0)
                record_id, offset = _take_short(payload, offset)
                envelope = payload[offset:]
                if not (NAME_PATTERN.match(kind) and NAME_PATTERN.match(record_id)):
                    raise ImportRefused()
                if not envelope.startswith(RECORD_MAGIC):
                    raise ImportRefused()
                records.append(RecordRow(kind, record_id, envelope))
            elif tag == b"A" and 2 <= length <= MAX_ATTACHMENT:
                id_len = int.from_bytes(reader.exact(2), "big")
                if id_len > 64 or id_len + 2 > length:
                    raise ImportRefused()
                attachment_id = reader.exact(id_len).decode("ascii", errors="replace")
                if not ATTACHMENT_ID_PATTERN.match(attachment_id):
                    raise ImportRefused()
                remaining = length - 2 - id_len
                with store.new_blob() as writer:
                    while remaining:
                        chunk = reader.exact(min(remaining, COPY_CHUNK))
                        writer.write(chunk)
                        remaining -= len(chunk)
                    committed_blobs.append(writer.commit())
                attachments.append((attachment_id, committed_blobs[-1]))
            elif tag == b"E" and length == 32:
                if reader.exact(32) != before_section.digest() or not reader.at_end():
                    raise ImportRefused()
                break
            else:
                raise ImportRefused()
        row, header, record_count, attachment_count = parsed
        meta_ids = {r.record_id for r in records if r.kind == ATTACHMENT_KIND}
        attachment_ids = [aid for aid, _ in attachments]
        if (
            len(records) != record_count
            or len(attachments) != attachment_count
            or len({(r.kind, r.record_id) for r in records}) != len(records)
            or len(set(attachment_ids)) != len(attachment_ids)
            or not set(attachment_ids) <= meta_ids
        ):
            raise ImportRefused()
        store.replace_whole_case(row, header, records, attachments, replace=replace)
        return row
    except BaseException:
        for name in committed_blobs:
            store.remove_blob(name)
        raise
