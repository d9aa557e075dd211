"""The vault's public face: `Vault` (the cases in one data dir) and `UnlockedCase` (one open case).

`Vault` creates, unlocks, re-keys, deletes, exports and imports cases; `UnlockedCase` reads and
writes a case's records (JSON-serialisable dicts, never pickle) and attachments while it holds
the case key, and forgets the key on `lock()`.

Only what a person needs to *choose* a case is stored in plain text: the nickname they typed
(the screens warn that it is visible without the passphrase) and the creation time. Record
kinds and record ids are also plain text, so they must be ids, never personal words: they are
checked against `[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}`. Everything else is encrypted.

Memory: the case key is wiped on `lock()`, but decrypted values handed to callers are ordinary
Python objects that live until the garbage collector reclaims them; Python cannot promise to erase
them. Exceptions never carry a key or plaintext (decoding errors are not chained for that reason).

Thread-safety: all disk access goes through one `CaseStore` whose RLock serialises it; an
`UnlockedCase` can be shared between request threads (its key is read under the same lock).
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, NewType

from complaint_helper.vault import attachments as attachment_stream
from complaint_helper.vault.crypto import (
    KDF_ALGORITHM,
    PRODUCTION_KDF,
    AuthenticationError,
    KdfParams,
    KdfParamsError,
    SecretKey,
    UnknownFormatError,
    check_kdf_params,
    derive_kek,
    new_attachment_key,
    new_salt,
    open_record,
    seal_record,
    unwrap_case_key,
    wrap_case_key,
)
from complaint_helper.vault.errors import (
    AttachmentNotFound,
    CaseLocked,
    CaseNotFound,
    DamagedAttachment,
    DamagedRecord,
    WeakPassphrase,
    WrongPassphrase,
)
from complaint_helper.vault.ids import (
    ATTACHMENT_ID_PATTERN,
    ATTACHMENT_KIND,
    CASE_ID_PATTERN,
    NAME_PATTERN,
    RESERVED_KIND_PREFIX,
    clean_nickname,
)
from complaint_helper.vault.passphrase import check_passphrase_strength
from complaint_helper.vault.store import CaseRow, CaseStore, KeyHeader

CaseId = NewType("CaseId", str)

# Used when `Vault(kdf=None)`. Tests lower it to the floor with an autouse fixture
# (tests/vault/conftest.py) so they stay fast; production code never changes it.
DEFAULT_KDF: KdfParams = PRODUCTION_KDF

_DAMAGED_KEY_HEADER = (
    "This case's lock information looks damaged or changed, so it can't be opened safely. "
    "If you exported this case earlier, you can import that copy."
)


@dataclass(frozen=True)
class CaseSummary:
    case_id: CaseId
    nickname: str
    created_at: datetime


@dataclass(frozen=True)
class StoredRecord:
    """One record of a kind: its value, or `damaged=True` and no value if it can't be read."""

    record_id: str
    value: dict[str, Any] | None
    damaged: bool


@dataclass(frozen=True)
class AttachmentInfo:
    attachment_id: str
    filename: str
    media_type: str
    size: int
    sha256: str
    damaged: bool


def _summary(row: CaseRow) -> CaseSummary:
    return CaseSummary(CaseId(row.case_id), row.nickname, datetime.fromisoformat(row.created_at))


def _check_name(what: str, value: str) -> None:
    if not NAME_PATTERN.match(value):
        raise ValueError(f"{what} must be a short id matching {NAME_PATTERN.pattern}")


def _check_case_id(case_id: str) -> None:
    if not CASE_ID_PATTERN.match(case_id):
        raise CaseNotFound()


def _encode(value: dict[str, Any]) -> bytes:
    if not isinstance(value, dict):
        raise TypeError("a record must be a dict")
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode(
        "utf-8"
    )


def _decode(plaintext: bytes) -> dict[str, Any]:
    try:
        value = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        # Not chained: JSONDecodeError.doc and UnicodeDecodeError.object hold the plaintext.
        raise DamagedRecord() from None
    if not isinstance(value, dict):
        raise DamagedRecord()
    return value


def _params_of(header: KeyHeader) -> KdfParams:
    if header.kdf_algorithm != KDF_ALGORITHM:
        raise DamagedRecord(_DAMAGED_KEY_HEADER)
    return KdfParams(header.kdf_memory_kib, header.kdf_iterations, header.kdf_lanes)


def _new_key_header(
    passphrase: str, case_key: SecretKey, case_id: str, params: KdfParams
) -> KeyHeader:
    salt = new_salt()
    kek = derive_kek(passphrase, salt, params)
    try:
        wrapped = wrap_case_key(kek, case_key, case_id)
    finally:
        kek.wipe()
    return KeyHeader(
        KDF_ALGORITHM, params.memory_kib, params.iterations, params.lanes, salt, wrapped
    )


def _open_case_key(header: KeyHeader, passphrase: str, case_id: str) -> SecretKey:
    try:
        kek = derive_kek(passphrase, header.kdf_salt, _params_of(header))
    except KdfParamsError as exc:
        raise DamagedRecord(_DAMAGED_KEY_HEADER) from exc
    try:
        return unwrap_case_key(kek, header.wrapped_key, case_id)
    except AuthenticationError as exc:
        raise WrongPassphrase() from exc
    except UnknownFormatError as exc:
        raise DamagedRecord(_DAMAGED_KEY_HEADER) from exc
    finally:
        kek.wipe()


class UnlockedCase:
    """One case, open: holds the case key until `lock()`."""

    def __init__(self, store: CaseStore, case_id: CaseId, nickname: str, key: SecretKey) -> None:
        self._store = store
        self.case_id = case_id
        self.nickname = nickname
        self._key: SecretKey | None = key

    def __repr__(self) -> str:
        return f"UnlockedCase(case_id={self.case_id!r}, locked={self.is_locked})"

    @property
    def is_locked(self) -> bool:
        return self._key is None

    def lock(self) -> None:
        """Overwrite the case key; every later call raises CaseLocked."""
        with self._store.lock:
            if self._key is not None:
                self._key.wipe()
                self._key = None

    def _require_key(self) -> SecretKey:
        key = self._key
        if key is None:
            raise CaseLocked()
        return key

    @staticmethod
    def _check_kind(kind: str) -> None:
        _check_name("kind", kind)
        if kind.startswith(RESERVED_KIND_PREFIX):
            raise ValueError("kinds starting with 'vault.' are reserved for the vault")

    # -- records -----------------------------------------------------------------------------

    def put(self, kind: str, record_id: str, value: dict[str, Any]) -> None:
        """Encrypt and save one record in one transaction (replacing any earlier value)."""
        self._check_kind(kind)
        _check_name("record_id", record_id)
        plaintext = _encode(value)
        with self._store.lock:
            envelope = seal_record(self._require_key(), self.case_id, kind, record_id, plaintext)
            self._store.put_record(self.case_id, kind, record_id, envelope)

    def put_many(self, records: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
        """Encrypt and save several (kind, record id, value) records in ONE transaction, so a
        crash cannot leave some written and others not (say, an answer and its step's progress)."""
        checked: list[tuple[str, str, bytes]] = []
        for kind, record_id, value in records:
            self._check_kind(kind)
            _check_name("record_id", record_id)
            checked.append((kind, record_id, _encode(value)))
        with self._store.lock:
            key = self._require_key()
            envelopes = [
                (kind, record_id, seal_record(key, self.case_id, kind, record_id, plaintext))
                for kind, record_id, plaintext in checked
            ]
            self._store.put_records(self.case_id, envelopes)

    def _open(self, kind: str, record_id: str, envelope: bytes) -> dict[str, Any]:
        try:
            plaintext = open_record(self._require_key(), self.case_id, kind, record_id, envelope)
        except (AuthenticationError, UnknownFormatError) as exc:
            raise DamagedRecord() from exc
        return _decode(plaintext)

    def get(self, kind: str, record_id: str) -> dict[str, Any] | None:
        """The record's value, None if there is none; raises DamagedRecord if unreadable."""
        self._check_kind(kind)
        _check_name("record_id", record_id)
        with self._store.lock:
            self._require_key()
            envelope = self._store.get_record(self.case_id, kind, record_id)
            return None if envelope is None else self._open(kind, record_id, envelope)

    def all(self, kind: str) -> list[StoredRecord]:
        """Every record of a kind in insertion order; unreadable ones are marked damaged."""
        self._check_kind(kind)
        with self._store.lock:
            self._require_key()
            rows = self._store.records_of_kind(self.case_id, kind)
            out: list[StoredRecord] = []
            for row in rows:
                try:
                    out.append(
                        StoredRecord(
                            row.record_id, self._open(kind, row.record_id, row.envelope), False
                        )
                    )
                except DamagedRecord:
                    out.append(StoredRecord(row.record_id, None, True))
            return out

    def delete(self, kind: str, record_id: str) -> None:
        self._check_kind(kind)
        _check_name("record_id", record_id)
        with self._store.lock:
            self._require_key()
            self._store.delete_record(self.case_id, kind, record_id)

    # -- attachments -------------------------------------------------------------------------

    def add_attachment(
        self,
        source: BinaryIO,
        *,
        filename: str,
        media_type: str,
        max_bytes: int = attachment_stream.DEFAULT_MAX_BYTES,
    ) -> AttachmentInfo:
        """Stream `source` into a new encrypted file; refuses more than `max_bytes`."""
        self._require_key()
        attachment_id = secrets.token_hex(16)
        file_key = new_attachment_key()
        try:
            # Encrypting a large file takes a while: do it without holding the store lock.
            with self._store.new_blob() as writer:
                sealed = attachment_stream.seal_into(
                    source, writer, file_key, self.case_id, attachment_id, max_bytes
                )
                blob_name = writer.commit()
            meta = {
                "filename": filename,
                "media_type": media_type,
                "size": sealed.size,
                "sha256": sealed.sha256,
                "stored_size": sealed.stored_size,
                "key": base64.b64encode(file_key.material()).decode("ascii"),
            }
            try:
                with self._store.lock:
                    envelope = seal_record(
                        self._require_key(),
                        self.case_id,
                        ATTACHMENT_KIND,
                        attachment_id,
                        _encode(meta),
                    )
                    self._store.add_attachment(
                        self.case_id, attachment_id, blob_name, ATTACHMENT_KIND, envelope
                    )
            except BaseException:
                self._store.remove_blob(blob_name)
                raise
        finally:
            file_key.wipe()
        return AttachmentInfo(
            attachment_id, filename, media_type, sealed.size, sealed.sha256, False
        )

    def _attachment_meta(self, attachment_id: str, envelope: bytes) -> dict[str, Any]:
        try:
            meta = self._open(ATTACHMENT_KIND, attachment_id, envelope)
            # Touch every field so a malformed record counts as damaged here, not later.
            str(meta["filename"]), str(meta["media_type"]), str(meta["sha256"])
            int(meta["size"]), int(meta["stored_size"]), str(meta["key"])
        except (DamagedRecord, KeyError, TypeError, ValueError) as exc:
            raise DamagedAttachment() from exc
        return meta

    def attachments(self) -> list[AttachmentInfo]:
        """Every attachment, oldest first; a damaged record or file is marked damaged."""
        with self._store.lock:
            self._require_key()
            rows = self._store.records_of_kind(self.case_id, ATTACHMENT_KIND)
            out: list[AttachmentInfo] = []
            for row in rows:
                try:
                    meta = self._attachment_meta(row.record_id, row.envelope)
                except DamagedAttachment:
                    out.append(AttachmentInfo(row.record_id, "", "", 0, "", True))
                    continue
                blob = self._store.blob_name(self.case_id, row.record_id)
                intact = blob is not None and self._store.blob_size(blob) == int(
                    meta["stored_size"]
                )
                out.append(
                    AttachmentInfo(
                        row.record_id,
                        str(meta["filename"]),
                        str(meta["media_type"]),
                        int(meta["size"]),
                        str(meta["sha256"]),
                        not intact,
                    )
                )
            return out

    def read_attachment(self, attachment_id: str) -> Iterator[bytes]:
        """Decrypted chunks as they verify; raises DamagedAttachment (at the end if cut short).

        Whoever passes the chunks on must abort, not complete, on that exception.
        """
        if not ATTACHMENT_ID_PATTERN.match(attachment_id):
            raise AttachmentNotFound()
        with self._store.lock:
            self._require_key()
            envelope = self._store.get_record(self.case_id, ATTACHMENT_KIND, attachment_id)
            blob = self._store.blob_name(self.case_id, attachment_id)
            if envelope is None or blob is None:
                raise AttachmentNotFound()
            meta = self._attachment_meta(attachment_id, envelope)
            try:
                encrypted = self._store.open_blob(blob)
            except FileNotFoundError as exc:
                raise DamagedAttachment() from exc
        try:
            key = SecretKey(base64.b64decode(str(meta["key"]), validate=True))
        except (binascii.Error, ValueError) as exc:
            encrypted.close()
            raise DamagedAttachment() from exc
        chunks = self._stream(encrypted, key, attachment_id)
        # An iterator dropped before it started never reaches its `finally`: wipe on collection.
        weakref.finalize(chunks, key.wipe)
        return chunks

    def _stream(self, encrypted: BinaryIO, key: SecretKey, attachment_id: str) -> Iterator[bytes]:
        try:
            yield from attachment_stream.open_stream(
                encrypted, key, self.case_id, attachment_id
            )
        finally:
            key.wipe()
            encrypted.close()

    def delete_attachment(self, attachment_id: str) -> None:
        if not ATTACHMENT_ID_PATTERN.match(attachment_id):
            raise AttachmentNotFound()
        with self._store.lock:
            self._require_key()
            self._store.remove_attachment(self.case_id, attachment_id, ATTACHMENT_KIND)


class Vault:
    """The cases kept in one data dir."""

    def __init__(self, data_dir: Path, kdf: KdfParams | None = None) -> None:
        self._kdf = kdf if kdf is not None else DEFAULT_KDF
        check_kdf_params(self._kdf)
        self._store = CaseStore(Path(data_dir))
        self._open_cases: weakref.WeakSet[UnlockedCase] = weakref.WeakSet()

    @property
    def data_dir(self) -> Path:
        return self._store.data_dir

    @property
    def kdf(self) -> KdfParams:
        """Parameters used for new cases and passphrase changes."""
        return self._kdf

    def _track(self, case: UnlockedCase) -> UnlockedCase:
        self._open_cases.add(case)
        return case

    def list_cases(self) -> list[CaseSummary]:
        """Newest first; reads only plain-text nickname and date, never decrypts."""
        return [_summary(row) for row in self._store.list_cases()]

    def case_summary(self, case_id: CaseId) -> CaseSummary:
        _check_case_id(case_id)
        return _summary(self._store.case_row(case_id))

    def create_case(self, nickname: str, passphrase: str) -> UnlockedCase:
        cleaned = clean_nickname(nickname)
        verdict = check_passphrase_strength(passphrase, (cleaned,))
        if not verdict.acceptable:
            raise WeakPassphrase(verdict.feedback)
        case_id = CaseId(secrets.token_hex(16))
        case_key = SecretKey.generate()
        try:
            header = _new_key_header(passphrase, case_key, case_id, self._kdf)
            created_at = datetime.now(UTC).isoformat(timespec="microseconds")
            self._store.insert_case(CaseRow(case_id, cleaned, created_at), header)
        except BaseException:
            case_key.wipe()
            raise
        return self._track(UnlockedCase(self._store, case_id, cleaned, case_key))

    def unlock(self, case_id: CaseId, passphrase: str) -> UnlockedCase:
        _check_case_id(case_id)
        row = self._store.case_row(case_id)
        key = _open_case_key(self._store.key_header(case_id), passphrase, case_id)
        return self._track(UnlockedCase(self._store, case_id, row.nickname, key))

    def change_passphrase(self, case_id: CaseId, old: str, new: str) -> None:
        """Re-wrap the case key under `new`; records stay byte-identical. Atomic under a crash.

        The old wrapped key leaves the disk at once (WAL checkpoint). The case key itself does
        not change, so an earlier export, or someone who already unlocked the case with the old
        passphrase and kept its key, can still read it: that is the cost of not re-encrypting.
        New Argon2id parameters (this vault's) apply from now on.
        """
        _check_case_id(case_id)
        verdict = check_passphrase_strength(new, (self._store.case_row(case_id).nickname,))
        if not verdict.acceptable:
            raise WeakPassphrase(verdict.feedback)
        key = _open_case_key(self._store.key_header(case_id), old, case_id)
        try:
            self._store.replace_key_header(case_id, _new_key_header(new, key, case_id, self._kdf))
        finally:
            key.wipe()

    def delete_case(self, case_id: CaseId) -> None:
        """Crypto-shred: destroy the wrapped key, delete rows, checkpoint, VACUUM, delete files.

        Earlier exports of the case are not touched: they still hold the data.
        """
        _check_case_id(case_id)
        for case in list(self._open_cases):
            if case.case_id == case_id:
                case.lock()
        self._store.delete_case(case_id)

    def export_case(self, case_id: CaseId, out: BinaryIO) -> None:
        """Write one portable `.chcase` file, still encrypted under the case's passphrase."""
        from complaint_helper.vault.case_file import write_case_file

        _check_case_id(case_id)
        write_case_file(self._store, case_id, out)

    def export_chunks(self, case_id: CaseId) -> Iterator[bytes]:
        """The same `.chcase` file as `export_case`, as chunks to stream (e.g. a download).

        Memory stays flat whatever the attachments weigh. If the iterator raises, the file is
        incomplete: abort the transfer (an import would refuse it anyway: it ends with a hash).
        """
        from complaint_helper.vault.case_file import case_file_chunks

        _check_case_id(case_id)
        return case_file_chunks(self._store, case_id)

    def import_case(self, source: BinaryIO, *, replace: bool = False) -> CaseSummary:
        """Add a case from a `.chcase` file.

        ImportRefused changes nothing; CaseAlreadyExists unless `replace`.
        """
        from complaint_helper.vault.case_file import read_case_file

        row = read_case_file(self._store, source, replace=replace)
        if replace:
            for case in list(self._open_cases):
                if case.case_id == row.case_id:
                    case.lock()
        return _summary(row)

    def spool(self) -> attachment_stream.EncryptedSpool:
        """A place for an uploaded file while a request reads it: encrypted under a key held only
        in memory, in a nameless file in the data dir (see `attachments.EncryptedSpool`)."""
        return attachment_stream.EncryptedSpool(self._store.spool_file())

    def unlocked_elsewhere(self, case: UnlockedCase) -> bool:
        """Whether another unlocked copy of the same case (another browser) holds its key."""
        return any(
            other is not case and other.case_id == case.case_id and not other.is_locked
            for other in list(self._open_cases)
        )

    def lock_all(self) -> None:
        """Wipe the key of every case this vault unlocked (shutdown, quick exit)."""
        for case in list(self._open_cases):
            case.lock()

    def close(self) -> None:
        self.lock_all()
        self._store.close()

    def integrity_check(self) -> str:
        """SQLite's `PRAGMA integrity_check` result ("ok" when healthy)."""
        return self._store.integrity_check()
