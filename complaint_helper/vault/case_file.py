"""The portable `.chcase` file: one case, still encrypted, for moving it between computers.

Format, version 2 (issue 15; integers big-endian)::

    magic    b"CHCASE\\r\\n\\x1a\\n"   (10 bytes; the CR/LF/^Z catch text-mode mangling, as in PNG)
    version  0x02
    then sections, each:  tag (1 byte) | length (8 bytes) | payload (length bytes)
      b"H"  once, first: UTF-8 JSON {"kdf": {"algorithm", "memory_kib", "iterations",
            "lanes"}, "salt" (base64)} — only what is needed to ask for the passphrase
      b"K"  once: the case key wrapped (version 2) under the passphrase's KEK
      b"D"  once: the description, sealed and padded under the case key, bound to the H bytes:
            JSON {"case_id", "nickname", "created_at", "exported_at", "records", "attachments"}
      b"M"  once: the case's manifest, exactly as stored (case.py)
      b"R"  one per record: 16-byte record tag | envelope (exactly as stored: padded, sealed)
      b"A"  one per attachment file: 16-byte tag | the encrypted file, byte for byte
      b"E"  once, last: SHA-256 of every byte before this section; nothing may follow it

So the file says in clear only that it is a case file, the Argon2id cost and the salt: no app
name, nickname, date, kind, id or exact size (records are padded like in the database). The
nickname and dates are read after the passphrase opens the description, and shown then.

Nothing is decrypted to export: the wrapped key travels with the records, so the same passphrase
opens the case on the other computer. Importing needs that passphrase: it opens the description
before a byte of the records is stored, checks every field (a case id, a nickname, aware dates
inside the sane window, counts that match), and the case is stored with a *new* key header under
this app's own Argon2id settings and a fresh salt. A file asking for a costlier Argon2id than this
app's own is refused with `CostlyCaseFile` (which says the time and memory it would take) unless
the person has confirmed. The SHA-256 detects accidental damage and truncation; deliberate
tampering is caught by the AES-GCM tags (records, the manifest and the description).

Format 1 files (before issue 15: a readable JSON header with the nickname and date, records
with kinds and ids in clear) still import: their rows are stored as schema-1 rows and converted
at the case's first unlock, like an old data dir.

Export streams (`case_file_chunks`): memory stays flat whatever the attachments weigh.
Import reads and checks the whole file first — records in memory, attachment files streamed to
new files in the attachments folder — and only then writes everything in one transaction
(`finish_import`). A damaged, truncated, foreign or unknown-version file raises ImportRefused and
the files it had started are removed: nothing existing is touched.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, BinaryIO, Final, Protocol

from complaint_helper.vault.crypto import (
    KDF_ALGORITHM,
    RECORD_MAGIC,
    STORED_TAG_BYTES,
    WRAP_MAGIC,
    AuthenticationError,
    KdfParams,
    KdfParamsError,
    UnknownFormatError,
    case_file_associated_data,
    check_kdf_params,
    kdf_cost,
    open_padded,
)
from complaint_helper.vault.errors import (
    CaseAlreadyExists,
    CostlyCaseFile,
    DamagedRecord,
    ImportRefused,
    InvalidNickname,
    VaultError,
)
from complaint_helper.vault.ids import (
    ATTACHMENT_ID_PATTERN,
    ATTACHMENT_KIND,
    CASE_ID_PATTERN,
    NAME_PATTERN,
    CaseId,
    CaseSummary,
    clean_nickname,
    sane_date,
)
from complaint_helper.vault.sealing import new_key_header, open_case_key, open_manifest
from complaint_helper.vault.store import CaseRow, CaseStore, KeyHeader, RecordRow, TaggedRow


class OpenCase(Protocol):
    """What exporting needs of an open case (vault.case.UnlockedCase)."""

    @property
    def case_id(self) -> str: ...

    def current_manifest_envelope(self) -> bytes: ...

    def seal_for_case_file(self, associated_data: bytes, plaintext: bytes) -> bytes: ...


MAGIC: Final = b"CHCASE\r\n\x1a\n"
VERSION: Final = 2
LEGACY_VERSION: Final = 1
LEGACY_FORMAT_NAME: Final = "complaint-helper case"
COPY_CHUNK: Final = 1024 * 1024
MAX_HEADER: Final = 64 * 1024
MAX_RECORD: Final = 64 * 1024 * 1024
MAX_ATTACHMENT: Final = 8 * 1024 * 1024 * 1024


@dataclass(frozen=True)
class CaseFileLock:
    """What a case file says without its passphrase: its format and how it is locked."""

    version: int
    kdf: KdfParams
    salt: bytes


@dataclass
class PreparedImport:
    """A case file whose passphrase opened it, checked whole, not yet added.

    Its attachment files are already in the attachments folder (still encrypted);
    `finish_import` adds the case in one transaction, `discard_import` removes them.
    """

    row: CaseRow
    created_at: datetime
    exported_at: datetime | None
    header: KeyHeader
    manifest: bytes | None = None
    records: list[TaggedRow] = field(default_factory=list)
    attachments: list[tuple[bytes, str]] = field(default_factory=list)
    legacy_records: list[RecordRow] = field(default_factory=list)
    legacy_attachments: list[tuple[str, str]] = field(default_factory=list)
    blobs: list[str] = field(default_factory=list)

    @property
    def summary(self) -> CaseSummary:
        return CaseSummary(CaseId(self.row.case_id), self.row.nickname, self.created_at)


def _short(value: str) -> bytes:
    raw = value.encode("utf-8")
    return len(raw).to_bytes(2, "big") + raw


def _section(tag: bytes, length: int) -> bytes:
    return tag + length.to_bytes(8, "big")


def _clear_header(header: KeyHeader) -> bytes:
    head = {
        "kdf": {
            "algorithm": header.kdf_algorithm,
            "memory_kib": header.kdf_memory_kib,
            "iterations": header.kdf_iterations,
            "lanes": header.kdf_lanes,
        },
        "salt": base64.b64encode(header.kdf_salt).decode("ascii"),
    }
    return json.dumps(head, separators=(",", ":")).encode("utf-8")


def case_file_chunks(store: CaseStore, case: OpenCase) -> Iterator[bytes]:
    """The open case as a `.chcase` file, in chunks, without holding it in memory.

    The rows are read and the attachment files opened under the store lock, at once; the bytes
    then stream without the lock, so a download does not stall other requests, and a file deleted
    meanwhile is still read whole (an open file outlives its name).
    """
    with store.lock:
        case_id = case.case_id
        row = store.case_row(case_id)
        manifest = case.current_manifest_envelope()
        header = store.key_header(case_id)
        records = store.all_records(case_id)
        opened: list[tuple[bytes, BinaryIO, int]] = []
        try:
            for attachment_tag, name in store.attachment_rows(case_id):
                size = store.blob_size(name)
                if size is not None:
                    opened.append((attachment_tag, store.open_blob(name), size))
        except BaseException:
            for _, handle, _ in opened:
                handle.close()
            raise
        clear = _clear_header(header)
        description = {
            "case_id": row.case_id,
            "nickname": row.nickname,
            "created_at": row.created_at,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "records": len(records),
            "attachments": len(opened),
        }
        sealed_description = case.seal_for_case_file(
            case_file_associated_data(clear), json.dumps(description).encode("utf-8")
        )
    return _stream(clear, header.wrapped_key, sealed_description, manifest, records, opened)


def _stream(
    clear: bytes,
    wrapped_key: bytes,
    description: bytes,
    manifest: bytes,
    records: list[TaggedRow],
    opened: list[tuple[bytes, BinaryIO, int]],
) -> Iterator[bytes]:
    digest = hashlib.sha256()

    def hashed(data: bytes) -> bytes:
        digest.update(data)
        return data

    try:
        yield hashed(MAGIC + bytes([VERSION]) + _section(b"H", len(clear)) + clear)
        for tag, payload in ((b"K", wrapped_key), (b"D", description), (b"M", manifest)):
            yield hashed(_section(tag, len(payload)) + payload)
        for record in records:
            yield hashed(
                _section(b"R", len(record.record_tag) + len(record.envelope))
                + record.record_tag
                + record.envelope
            )
        for attachment_tag, handle, size in opened:
            yield hashed(_section(b"A", len(attachment_tag) + size) + attachment_tag)
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


def write_case_file(store: CaseStore, case: OpenCase, out: BinaryIO) -> None:
    """Write the open case as a `.chcase` file into `out` (which the caller opened)."""
    for chunk in case_file_chunks(store, case):
        out.write(chunk)
    out.flush()


# -- reading --------------------------------------------------------------------------------------


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

    def section(self) -> tuple[bytes, int]:
        tag = self.exact(1)
        return tag, int.from_bytes(self.exact(8), "big")

    def at_end(self) -> bool:
        return self._source.read(1) == b""


def _strict_int(value: object) -> int:
    if type(value) is not int:
        raise ImportRefused()
    return value


def _parse_kdf(head: dict[str, Any]) -> tuple[KdfParams, bytes]:
    kdf = head["kdf"]
    if not isinstance(kdf, dict) or kdf.get("algorithm") != KDF_ALGORITHM:
        raise ImportRefused()
    params = KdfParams(
        _strict_int(kdf["memory_kib"]), _strict_int(kdf["iterations"]), _strict_int(kdf["lanes"])
    )
    check_kdf_params(params)
    salt = base64.b64decode(str(head["salt"]), validate=True)
    if len(salt) != 16:
        raise ImportRefused()
    return params, salt


def _json_object(payload: bytes) -> dict[str, Any]:
    value: Any = json.loads(payload.decode("utf-8"))
    if not isinstance(value, dict):
        raise ImportRefused()
    return value


_HEADER_ERRORS = (
    UnicodeDecodeError,
    ValueError,
    KeyError,
    TypeError,
    binascii.Error,
    InvalidNickname,
    KdfParamsError,
)


def _read_lock(reader: _Reader) -> tuple[CaseFileLock, dict[str, Any], bytes]:
    if reader.exact(len(MAGIC)) != MAGIC:
        raise ImportRefused()
    version = reader.exact(1)[0]
    if version not in (VERSION, LEGACY_VERSION):
        raise ImportRefused()
    tag, length = reader.section()
    if tag != b"H" or length > MAX_HEADER:
        raise ImportRefused()
    clear = reader.exact(length)
    try:
        head = _json_object(clear)
        if version == LEGACY_VERSION and head.get("format") != LEGACY_FORMAT_NAME:
            raise ImportRefused()
        params, salt = _parse_kdf(head)
    except _HEADER_ERRORS as exc:
        raise ImportRefused() from exc
    return CaseFileLock(version, params, salt), head, clear


def read_lock(source: BinaryIO) -> CaseFileLock:
    """Check a case file's clear header: what is needed to ask for its passphrase."""
    return _read_lock(_Reader(source))[0]


def is_costly(lock: CaseFileLock, own: KdfParams) -> bool:
    """True when opening the file would cost more than this app's own Argon2id settings."""
    return (
        lock.kdf.memory_kib > own.memory_kib
        or lock.kdf.iterations > own.iterations
        or lock.kdf.lanes > own.lanes
    )


def _checked_date(value: object) -> datetime:
    date = sane_date(value)
    if date is None:
        raise ImportRefused()
    return date


def _key_header(lock: CaseFileLock, wrapped: bytes) -> KeyHeader:
    return KeyHeader(
        KDF_ALGORITHM,
        lock.kdf.memory_kib,
        lock.kdf.iterations,
        lock.kdf.lanes,
        lock.salt,
        wrapped,
    )


def prepare_import(
    store: CaseStore,
    source: BinaryIO,
    passphrase: str,
    own_kdf: KdfParams,
    *,
    allow_costly: bool,
) -> PreparedImport:
    """Open a case file with its passphrase and check all of it; see the module docstring.

    Raises ImportRefused, CostlyCaseFile (before any key derivation), WrongPassphrase.
    """
    reader = _Reader(source)
    lock, head, clear = _read_lock(reader)
    if is_costly(lock, own_kdf) and not allow_costly:
        seconds, memory_mb = kdf_cost(lock.kdf)
        raise CostlyCaseFile(seconds, memory_mb)
    if lock.version == LEGACY_VERSION:
        return _prepare_legacy(store, reader, lock, head, passphrase, own_kdf)
    tag, length = reader.section()
    if tag != b"K" or length > MAX_HEADER:
        raise ImportRefused()
    wrapped = reader.exact(length)
    if not wrapped.startswith(WRAP_MAGIC + b"\x02"):
        raise ImportRefused()
    key, _ = open_case_key(_key_header(lock, wrapped), passphrase, None)
    try:
        tag, length = reader.section()
        if tag != b"D" or length > MAX_HEADER:
            raise ImportRefused()
        try:
            description = _json_object(
                open_padded(key, case_file_associated_data(clear), reader.exact(length))
            )
            case_id = str(description["case_id"])
            nickname = clean_nickname(str(description["nickname"]))
            created_at = _checked_date(description["created_at"])
            exported = description.get("exported_at")
            exported_at = None if exported is None else _checked_date(exported)
            counts = _strict_int(description["records"]), _strict_int(description["attachments"])
        except (*_HEADER_ERRORS, AuthenticationError, UnknownFormatError) as exc:
            raise ImportRefused() from exc
        if not CASE_ID_PATTERN.match(case_id):
            raise ImportRefused()
        tag, length = reader.section()
        if tag != b"M" or length > MAX_RECORD:
            raise ImportRefused()
        manifest = reader.exact(length)
        try:
            open_manifest(key, case_id, manifest)
        except DamagedRecord as exc:
            raise ImportRefused() from exc
        prepared = PreparedImport(
            CaseRow(case_id, nickname, created_at.isoformat(timespec="microseconds")),
            created_at,
            exported_at,
            new_key_header(passphrase, key, own_kdf),
            manifest,
        )
    finally:
        key.wipe()
    _read_rest(store, reader, prepared, counts)
    return prepared


def _read_rest(
    store: CaseStore, reader: _Reader, prepared: PreparedImport, counts: tuple[int, int]
) -> None:
    """Records and attachment files up to the end hash, checked whole against the counts the
    file announced; on any refusal the attachment files already copied are removed."""
    try:
        _read_sections(store, reader, prepared)
        # What names a record and an attachment's record: (kind, id) in format 1, the tag after.
        records: list[Hashable] = [r.record_tag for r in prepared.records]
        attachments: list[Hashable] = [tag for tag, _ in prepared.attachments]
        if prepared.manifest is None:
            records = [(r.kind, r.record_id) for r in prepared.legacy_records]
            attachments = [(ATTACHMENT_KIND, aid) for aid, _ in prepared.legacy_attachments]
        if (
            (len(records), len(attachments)) != counts
            or len(set(records)) != len(records)
            or len(set(attachments)) != len(attachments)
            or not set(attachments) <= set(records)
        ):
            raise ImportRefused()
    except BaseException:
        discard_import(store, prepared)
        raise


def _read_sections(store: CaseStore, reader: _Reader, prepared: PreparedImport) -> None:
    """R and A sections in the file's format (tagged, or format 1's clear kinds and ids), then E."""
    legacy = prepared.manifest is None
    while True:
        before_section = reader.digest.copy()
        tag, length = reader.section()
        if tag == b"R" and length <= MAX_RECORD:
            payload = reader.exact(length)
            if legacy:
                prepared.legacy_records.append(_legacy_record(payload))
            else:
                envelope = payload[STORED_TAG_BYTES:]
                if not envelope.startswith(RECORD_MAGIC + b"\x02"):
                    raise ImportRefused()
                prepared.records.append(TaggedRow(payload[:STORED_TAG_BYTES], envelope))
        elif tag == b"A" and length <= MAX_ATTACHMENT:
            if legacy:
                attachment_id, used = _legacy_attachment_id(reader, length)
            else:
                if length < STORED_TAG_BYTES:
                    raise ImportRefused()
                attachment_tag, used = reader.exact(STORED_TAG_BYTES), STORED_TAG_BYTES
            name = _copy_blob(store, reader, length - used, prepared)
            if legacy:
                prepared.legacy_attachments.append((attachment_id, name))
            else:
                prepared.attachments.append((attachment_tag, name))
        elif tag == b"E" and length == 32:
            if reader.exact(32) != before_section.digest() or not reader.at_end():
                raise ImportRefused()
            return
        else:
            raise ImportRefused()


def _legacy_record(payload: bytes) -> RecordRow:
    kind, offset = _take_short(payload, 0)
    record_id, offset = _take_short(payload, offset)
    envelope = payload[offset:]
    if not (NAME_PATTERN.match(kind) and NAME_PATTERN.match(record_id)):
        raise ImportRefused()
    if not envelope.startswith(RECORD_MAGIC):
        raise ImportRefused()
    return RecordRow(kind, record_id, envelope)


def _legacy_attachment_id(reader: _Reader, length: int) -> tuple[str, int]:
    """A format-1 attachment section's id, and how many bytes of the section it took."""
    if length < 2:
        raise ImportRefused()
    id_len = int.from_bytes(reader.exact(2), "big")
    if id_len > 64 or id_len + 2 > length:
        raise ImportRefused()
    attachment_id = reader.exact(id_len).decode("ascii", errors="replace")
    if not ATTACHMENT_ID_PATTERN.match(attachment_id):
        raise ImportRefused()
    return attachment_id, 2 + id_len


def _copy_blob(store: CaseStore, reader: _Reader, remaining: int, prepared: PreparedImport) -> str:
    with store.new_blob() as writer:
        while remaining:
            chunk = reader.exact(min(remaining, COPY_CHUNK))
            writer.write(chunk)
            remaining -= len(chunk)
        name = writer.commit()
    prepared.blobs.append(name)
    return name


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


def _prepare_legacy(
    store: CaseStore,
    reader: _Reader,
    lock: CaseFileLock,
    head: dict[str, Any],
    passphrase: str,
    own_kdf: KdfParams,
) -> PreparedImport:
    """A format-1 file: header in clear, records with kinds and ids in clear."""
    try:
        case_id = str(head["case_id"])
        nickname = clean_nickname(str(head["nickname"]))
        created_at = _checked_date(head["created_at"])
        wrapped = base64.b64decode(str(head["wrapped_key"]), validate=True)
        counts = _strict_int(head["records"]), _strict_int(head["attachments"])
    except _HEADER_ERRORS as exc:
        raise ImportRefused() from exc
    if not CASE_ID_PATTERN.match(case_id) or not wrapped.startswith(WRAP_MAGIC + b"\x01"):
        raise ImportRefused()
    key, _ = open_case_key(_key_header(lock, wrapped), passphrase, case_id)
    try:
        prepared = PreparedImport(
            CaseRow(case_id, nickname, created_at.isoformat(timespec="microseconds")),
            created_at,
            None,
            new_key_header(passphrase, key, own_kdf),
        )
    finally:
        key.wipe()
    _read_rest(store, reader, prepared, counts)
    return prepared


def finish_import(store: CaseStore, prepared: PreparedImport, *, replace: bool) -> None:
    """Add the prepared case in one transaction (CaseAlreadyExists unless `replace`)."""
    try:
        store.replace_whole_case(
            prepared.row,
            prepared.header,
            prepared.manifest,
            prepared.records,
            prepared.attachments,
            prepared.legacy_records,
            prepared.legacy_attachments,
            replace=replace,
        )
    except CaseAlreadyExists:
        raise
    except BaseException:
        discard_import(store, prepared)
        raise
    prepared.blobs.clear()


def discard_import(store: CaseStore, prepared: PreparedImport) -> None:
    """Remove the attachment files a prepared import had stored (idempotent)."""
    for name in prepared.blobs:
        store.remove_blob(name)
    prepared.blobs.clear()
