"""The vault's public face: `Vault` (the cases in one data dir) and `UnlockedCase` (one open case).

`Vault` creates, unlocks, re-keys, deletes, exports and imports cases; `UnlockedCase` reads and
writes a case's records (JSON-serialisable dicts, never pickle) and attachments while it holds
the case key, and forgets the key on `lock()`.

Only what a person needs to *choose* a case is stored in plain text: the nickname they typed
(the screens warn that it is visible without the passphrase) and the creation time. Record
kinds and ids are stored only as keyed tags (crypto.record_tag) and records are padded to size
buckets, so the database shows neither what a case holds nor how long an account is. Kinds and
ids are still checked against `[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}`.

The manifest (issue 20): each case has one encrypted record, sealed under the case key, listing
every record as kind -> id -> version, in the order first written, and a counter that every
write raises. A record carries its kind, id and version inside its own encryption, and the
manifest and the records change in one transaction. So a record rolled back to an older
envelope (its version no longer matches) or deleted from the database behind the app's back
(the manifest still lists it) reads as damaged — "part of this case is damaged" — while the rest
opens; a row the manifest does not list is never shown. Rolling back the whole database file,
manifest included, to an earlier consistent state cannot be seen from inside it (nothing else
stores a counter); a manifest that is missing or unreadable is rebuilt from the records that
still open, and `UnlockedCase.manifest_rebuilt` says so.

Schema-1 data dirs (kinds and ids in clear, unpadded envelopes) keep opening: a case's old rows
are re-sealed, tagged and listed in a new manifest at its first unlock, in one transaction, and
the old rows are scrubbed (store.convert_legacy_case). Its wrapped key moves to version 2 then too.

Memory: the case key is wiped on `lock()`, but decrypted values handed to callers are ordinary
Python objects that live until the garbage collector reclaims them; Python cannot promise to erase
them. Exceptions never carry a key or plaintext (decoding errors are not chained for that reason).

Thread-safety: all disk access goes through one `CaseStore` whose RLock serialises it; an
`UnlockedCase` can be shared between request threads (its key is read under the same lock).
"""

from __future__ import annotations

import base64
import binascii
import secrets
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from complaint_helper.vault import attachments as attachment_stream
from complaint_helper.vault.crypto import (
    PRODUCTION_KDF,
    KdfParams,
    SecretKey,
    check_kdf_params,
    derive_index_key,
    kdf_cost,
    new_attachment_key,
    record_tag,
    seal_padded,
)
from complaint_helper.vault.errors import (
    AttachmentNotFound,
    CaseLocked,
    CaseNotFound,
    DamagedAttachment,
    DamagedRecord,
    WeakPassphrase,
)
from complaint_helper.vault.ids import (
    ATTACHMENT_ID_PATTERN,
    ATTACHMENT_KIND,
    CASE_ID_PATTERN,
    NAME_PATTERN,
    RESERVED_KIND_PREFIX,
    CaseId,
    CaseSummary,
    clean_nickname,
    sane_date,
)
from complaint_helper.vault.passphrase import check_passphrase_strength
from complaint_helper.vault.sealing import (
    Manifest,
    convert_legacy_rows,
    encode_record,
    new_key_header,
    open_case_key,
    open_manifest,
    open_tagged,
    seal_manifest,
    seal_tagged,
)
from complaint_helper.vault.store import CaseRow, CaseStore, TaggedRow

if TYPE_CHECKING:
    from complaint_helper.vault.case_file import PreparedImport

# Used when `Vault(kdf=None)`. Tests lower it to the floor with an autouse fixture
# (tests/vault/conftest.py) so they stay fast; production code never changes it.
DEFAULT_KDF: KdfParams = PRODUCTION_KDF


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
    return CaseSummary(CaseId(row.case_id), row.nickname, sane_date(row.created_at))


def _check_name(what: str, value: str) -> None:
    if not NAME_PATTERN.match(value):
        raise ValueError(f"{what} must be a short id matching {NAME_PATTERN.pattern}")


def _check_case_id(case_id: str) -> None:
    if not CASE_ID_PATTERN.match(case_id):
        raise CaseNotFound()


class UnlockedCase:
    """One case, open: holds the case key (and the tag key derived from it) until `lock()`."""

    def __init__(self, store: CaseStore, case_id: CaseId, nickname: str, key: SecretKey) -> None:
        self._store = store
        self.case_id = case_id
        self.nickname = nickname
        self._key: SecretKey | None = key
        self._index_key: SecretKey | None = derive_index_key(key)
        # The last manifest read or written, with its envelope: reused while the stored
        # envelope is byte-identical (another browser's write changes it).
        self._manifest_cache: tuple[bytes, Manifest] | None = None
        self.manifest_rebuilt = False

    def __repr__(self) -> str:
        return f"UnlockedCase(case_id={self.case_id!r}, locked={self.is_locked})"

    @property
    def is_locked(self) -> bool:
        return self._key is None

    def lock(self) -> None:
        """Overwrite the case key; every later call raises CaseLocked."""
        with self._store.lock:
            for key in (self._key, self._index_key):
                if key is not None:
                    key.wipe()
            self._key = None
            self._index_key = None
            self._manifest_cache = None

    def _require_key(self) -> SecretKey:
        key = self._key
        if key is None:
            raise CaseLocked()
        return key

    def _require_index_key(self) -> SecretKey:
        key = self._index_key
        if key is None:
            raise CaseLocked()
        return key

    @staticmethod
    def _check_kind(kind: str) -> None:
        _check_name("kind", kind)
        if kind.startswith(RESERVED_KIND_PREFIX):
            raise ValueError("kinds starting with 'vault.' are reserved for the vault")

    def storage_tag(self, kind: str, record_id: str) -> bytes:
        """The opaque tag under which a record is stored (for repair tools and tests)."""
        return record_tag(self._require_index_key(), kind, record_id)

    def check_manifest(self) -> bool:
        """Read the manifest now (at unlock); True when it had to be rebuilt, i.e. part of the
        case is damaged (`manifest_rebuilt`)."""
        with self._store.lock:
            self._manifest()
        return self.manifest_rebuilt

    def current_manifest_envelope(self) -> bytes:
        """The stored manifest, read (and rebuilt if need be) under the store lock."""
        with self._store.lock:
            self._manifest()
            envelope = self._store.manifest(self.case_id)
        if envelope is None:
            raise DamagedRecord()
        return envelope

    def seal_for_case_file(self, associated_data: bytes, plaintext: bytes) -> bytes:
        """Seal a case file's description under the case key (case_file.py)."""
        with self._store.lock:
            return seal_padded(self._require_key(), associated_data, plaintext)

    # -- the manifest (call with the store lock held) ------------------------------------------

    def _manifest(self) -> Manifest:
        """The current manifest (do not change it: `copy()` first)."""
        envelope = self._store.manifest(self.case_id)
        cached = self._manifest_cache
        if envelope is not None and cached is not None and cached[0] == envelope:
            return cached[1]
        key = self._require_key()
        if envelope is None:
            return self._rebuild_manifest()
        try:
            manifest = open_manifest(key, self.case_id, envelope)
        except DamagedRecord:
            return self._rebuild_manifest()
        self._manifest_cache = (envelope, manifest)
        return manifest

    def _rebuild_manifest(self) -> Manifest:
        """List the records that still open, when the manifest is missing or unreadable.

        A case with no manifest and no records (one created before manifests, left empty) is
        simply given one; anything else is reported through `manifest_rebuilt`.
        """
        key = self._require_key()
        manifest = Manifest()
        rows = self._store.all_records(self.case_id)
        if rows or self._store.manifest(self.case_id) is not None:
            self.manifest_rebuilt = True
        for row in rows:
            try:
                sealed = open_tagged(key, self.case_id, row.record_tag, row.envelope)
            except DamagedRecord:
                continue
            if record_tag(self._require_index_key(), sealed["k"], sealed["i"]) != row.record_tag:
                continue
            manifest.record(sealed["k"], sealed["i"], sealed["n"])
            manifest.counter = max(manifest.counter, sealed["n"])
        self._save_manifest(manifest, [])
        return manifest

    def _save_manifest(self, manifest: Manifest, rows: Sequence[TaggedRow]) -> None:
        envelope = seal_manifest(self._require_key(), self.case_id, manifest)
        self._store.put_records(self.case_id, rows, envelope)
        self._manifest_cache = (envelope, manifest)

    def _sealed_manifest(self, manifest: Manifest) -> bytes:
        envelope = seal_manifest(self._require_key(), self.case_id, manifest)
        return envelope

    def _open_value(
        self, kind: str, record_id: str, version: int, envelope: bytes | None
    ) -> dict[str, Any]:
        """A listed record's value; DamagedRecord if it is gone, changed or rolled back."""
        if envelope is None:
            raise DamagedRecord()
        tag = record_tag(self._require_index_key(), kind, record_id)
        sealed = open_tagged(self._require_key(), self.case_id, tag, envelope)
        if sealed["k"] != kind or sealed["i"] != record_id or sealed["n"] != version:
            raise DamagedRecord()
        value: dict[str, Any] = sealed["v"]
        return value

    def _write(self, records: Sequence[tuple[str, str, bytes]]) -> None:
        """Seal (kind, id, encoded value) records and store them with the new manifest."""
        with self._store.lock:
            key, index_key = self._require_key(), self._require_index_key()
            manifest = self._manifest().copy()
            manifest.counter += 1
            rows = []
            for kind, record_id, plaintext in records:
                rows.append(
                    seal_tagged(
                        key, index_key, self.case_id, kind, record_id, manifest.counter, plaintext
                    )
                )
                manifest.record(kind, record_id, manifest.counter)
            self._save_manifest(manifest, rows)

    # -- records -----------------------------------------------------------------------------

    def put(self, kind: str, record_id: str, value: dict[str, Any]) -> None:
        """Encrypt and save one record in one transaction (replacing any earlier value)."""
        self._check_kind(kind)
        _check_name("record_id", record_id)
        self._write([(kind, record_id, encode_record(value))])

    def put_many(self, records: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
        """Encrypt and save several (kind, record id, value) records in ONE transaction, so a
        crash cannot leave some written and others not (say, an answer and its step's progress)."""
        checked: list[tuple[str, str, bytes]] = []
        for kind, record_id, value in records:
            self._check_kind(kind)
            _check_name("record_id", record_id)
            checked.append((kind, record_id, encode_record(value)))
        self._write(checked)

    def get(self, kind: str, record_id: str) -> dict[str, Any] | None:
        """The record's value, None if there is none; raises DamagedRecord if unreadable,
        rolled back or deleted behind the app's back."""
        self._check_kind(kind)
        _check_name("record_id", record_id)
        with self._store.lock:
            version = self._manifest().version_of(kind, record_id)
            if version is None:
                return None
            envelope = self._store.get_record(
                self.case_id, record_tag(self._require_index_key(), kind, record_id)
            )
            return self._open_value(kind, record_id, version, envelope)

    def all(self, kind: str) -> list[StoredRecord]:
        """Every record of a kind in the order first written; unreadable ones (changed, rolled
        back or missing) are marked damaged."""
        self._check_kind(kind)
        return self._all(kind)

    def _all(self, kind: str) -> list[StoredRecord]:
        with self._store.lock:
            listed = list(self._manifest().kinds.get(kind, {}).items())
            index_key = self._require_index_key()
            tags = [record_tag(index_key, kind, record_id) for record_id, _ in listed]
            envelopes = self._store.get_records(self.case_id, tags)
            out: list[StoredRecord] = []
            for (record_id, version), tag in zip(listed, tags, strict=True):
                try:
                    value = self._open_value(kind, record_id, version, envelopes.get(tag))
                except DamagedRecord:
                    out.append(StoredRecord(record_id, None, True))
                else:
                    out.append(StoredRecord(record_id, value, False))
            return out

    def delete(self, kind: str, record_id: str) -> None:
        self._check_kind(kind)
        _check_name("record_id", record_id)
        with self._store.lock:
            manifest = self._manifest().copy()
            manifest.forget(kind, record_id)
            manifest.counter += 1
            envelope = self._sealed_manifest(manifest)
            self._store.delete_record(
                self.case_id, record_tag(self._require_index_key(), kind, record_id), envelope
            )
            self._manifest_cache = (envelope, manifest)

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
                    key, index_key = self._require_key(), self._require_index_key()
                    manifest = self._manifest().copy()
                    manifest.counter += 1
                    row = seal_tagged(
                        key,
                        index_key,
                        self.case_id,
                        ATTACHMENT_KIND,
                        attachment_id,
                        manifest.counter,
                        encode_record(meta),
                    )
                    manifest.record(ATTACHMENT_KIND, attachment_id, manifest.counter)
                    sealed_manifest = self._sealed_manifest(manifest)
                    self._store.add_attachment(
                        self.case_id, row.record_tag, blob_name, row, sealed_manifest
                    )
                    self._manifest_cache = (sealed_manifest, manifest)
            except BaseException:
                self._store.remove_blob(blob_name)
                raise
        finally:
            file_key.wipe()
        return AttachmentInfo(
            attachment_id, filename, media_type, sealed.size, sealed.sha256, False
        )

    def _attachment_meta(self, attachment_id: str, envelope: bytes | None) -> dict[str, Any]:
        try:
            version = self._manifest().version_of(ATTACHMENT_KIND, attachment_id)
            if version is None:
                raise DamagedRecord()
            meta = self._open_value(ATTACHMENT_KIND, attachment_id, version, envelope)
            # Touch every field so a malformed record counts as damaged here, not later.
            str(meta["filename"]), str(meta["media_type"]), str(meta["sha256"])
            int(meta["size"]), int(meta["stored_size"]), str(meta["key"])
        except (DamagedRecord, KeyError, TypeError, ValueError) as exc:
            raise DamagedAttachment() from exc
        return meta

    def attachments(self) -> list[AttachmentInfo]:
        """Every attachment, oldest first; a damaged record or file is marked damaged."""
        with self._store.lock:
            index_key = self._require_index_key()
            listed = list(self._manifest().kinds.get(ATTACHMENT_KIND, {}))
            tags = [record_tag(index_key, ATTACHMENT_KIND, aid) for aid in listed]
            envelopes = self._store.get_records(self.case_id, tags)
            out: list[AttachmentInfo] = []
            for attachment_id, tag in zip(listed, tags, strict=True):
                try:
                    meta = self._attachment_meta(attachment_id, envelopes.get(tag))
                except DamagedAttachment:
                    out.append(AttachmentInfo(attachment_id, "", "", 0, "", True))
                    continue
                blob = self._store.blob_name(self.case_id, tag)
                intact = blob is not None and self._store.blob_size(blob) == int(
                    meta["stored_size"]
                )
                out.append(
                    AttachmentInfo(
                        attachment_id,
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
            if self._manifest().version_of(ATTACHMENT_KIND, attachment_id) is None:
                raise AttachmentNotFound()
            tag = record_tag(self._require_index_key(), ATTACHMENT_KIND, attachment_id)
            envelope = self._store.get_record(self.case_id, tag)
            blob = self._store.blob_name(self.case_id, tag)
            meta = self._attachment_meta(attachment_id, envelope)
            if blob is None:
                raise DamagedAttachment()
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
            yield from attachment_stream.open_stream(encrypted, key, self.case_id, attachment_id)
        finally:
            key.wipe()
            encrypted.close()

    def delete_attachment(self, attachment_id: str) -> None:
        if not ATTACHMENT_ID_PATTERN.match(attachment_id):
            raise AttachmentNotFound()
        with self._store.lock:
            manifest = self._manifest().copy()
            manifest.forget(ATTACHMENT_KIND, attachment_id)
            manifest.counter += 1
            envelope = self._sealed_manifest(manifest)
            tag = record_tag(self._require_index_key(), ATTACHMENT_KIND, attachment_id)
            self._store.remove_attachment(self.case_id, tag, tag, envelope)
            self._manifest_cache = (envelope, manifest)


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
            header = new_key_header(passphrase, case_key, self._kdf)
            created_at = datetime.now(UTC).isoformat(timespec="microseconds")
            manifest = seal_manifest(case_key, case_id, Manifest())
            self._store.insert_case(CaseRow(case_id, cleaned, created_at), header, manifest)
        except BaseException:
            case_key.wipe()
            raise
        return self._track(UnlockedCase(self._store, case_id, cleaned, case_key))

    def unlock(self, case_id: CaseId, passphrase: str) -> UnlockedCase:
        _check_case_id(case_id)
        row = self._store.case_row(case_id)
        key, upgraded = open_case_key(self._store.key_header(case_id), passphrase, case_id)
        try:
            if upgraded is not None:
                self._store.replace_key_header(case_id, upgraded)
            self._convert_legacy(case_id, key)
        except BaseException:
            key.wipe()
            raise
        case = self._track(UnlockedCase(self._store, case_id, row.nickname, key))
        case.check_manifest()
        return case

    def _convert_legacy(self, case_id: CaseId, key: SecretKey) -> None:
        """Move a case's schema-1 rows (kinds and ids in clear) to tagged, padded records."""
        with self._store.lock:
            records = self._store.legacy_records(case_id)
            attachments = self._store.legacy_attachments(case_id)
            if not records and not attachments:
                return
            index_key = derive_index_key(key)
            try:
                rows, tagged, manifest = convert_legacy_rows(
                    key, index_key, case_id, records, attachments
                )
            finally:
                index_key.wipe()
            self._store.convert_legacy_case(
                case_id, rows, tagged, seal_manifest(key, case_id, manifest)
            )

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
        key, _ = open_case_key(self._store.key_header(case_id), old, case_id)
        try:
            self._store.replace_key_header(case_id, new_key_header(new, key, self._kdf))
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

    def export_case(self, case: UnlockedCase, out: BinaryIO) -> None:
        """Write the open case as one portable `.chcase` file, still encrypted under its
        passphrase (its description is sealed with the case key, hence an open case)."""
        from complaint_helper.vault.case_file import write_case_file

        write_case_file(self._store, case, out)

    def export_chunks(self, case: UnlockedCase) -> Iterator[bytes]:
        """The same `.chcase` file as `export_case`, as chunks to stream (e.g. a download).

        Memory stays flat whatever the attachments weigh. If the iterator raises, the file is
        incomplete: abort the transfer (an import would refuse it anyway: it ends with a hash).
        """
        from complaint_helper.vault.case_file import case_file_chunks

        return case_file_chunks(self._store, case)

    def case_file_is_costly(self, source: BinaryIO) -> bool:
        """Check a case file's clear header (ImportRefused if it is not a case file) and say
        whether opening it costs more than this app's own key derivation."""
        from complaint_helper.vault.case_file import is_costly, read_lock

        return is_costly(read_lock(source), self._kdf)

    def case_file_cost(self, source: BinaryIO) -> tuple[int, int]:
        """About (seconds, MB of memory) that checking the file's passphrase takes."""
        from complaint_helper.vault.case_file import read_lock

        return kdf_cost(read_lock(source).kdf)

    def prepare_import(
        self, source: BinaryIO, passphrase: str, *, allow_costly: bool = False
    ) -> PreparedImport:
        """Open a `.chcase` file with its passphrase and check all of it, adding nothing yet.

        Raises ImportRefused, CostlyCaseFile (unless `allow_costly`), WrongPassphrase. The
        result's `summary` (nickname, start date) and `exported_at` can be shown to the person;
        then `finish_import` or `discard_import`.
        """
        from complaint_helper.vault.case_file import prepare_import

        return prepare_import(self._store, source, passphrase, self._kdf, allow_costly=allow_costly)

    def case_exists(self, case_id: CaseId) -> bool:
        return CASE_ID_PATTERN.match(case_id) is not None and self._store.case_exists(case_id)

    def finish_import(self, prepared: PreparedImport, *, replace: bool = False) -> CaseSummary:
        """Add a prepared case in one transaction. CaseAlreadyExists unless `replace` (the
        prepared import stays usable for a second call with `replace=True`)."""
        from complaint_helper.vault.case_file import finish_import

        if replace:
            for case in list(self._open_cases):
                if case.case_id == prepared.row.case_id:
                    case.lock()
        finish_import(self._store, prepared, replace=replace)
        return prepared.summary

    def discard_import(self, prepared: PreparedImport) -> None:
        from complaint_helper.vault.case_file import discard_import

        discard_import(self._store, prepared)

    def import_case(
        self,
        source: BinaryIO,
        passphrase: str,
        *,
        replace: bool = False,
        allow_costly: bool = False,
    ) -> CaseSummary:
        """Add a case from a `.chcase` file: `prepare_import` then `finish_import`.

        ImportRefused, WrongPassphrase and CostlyCaseFile change nothing; CaseAlreadyExists
        unless `replace`.
        """
        prepared = self.prepare_import(source, passphrase, allow_costly=allow_costly)
        try:
            return self.finish_import(prepared, replace=replace)
        finally:
            self.discard_import(prepared)

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
