"""How a case's key and records are sealed as stored: the key header, the tagged and padded
records, the manifest, and the conversion of schema-1 rows (issue 15 and issue 20, finding 5).

Used by the open case (case.py) and the portable case file (case_file.py), which must not import
each other. The manifest lists every record as kind -> record id -> version with a write counter;
each record seals its own kind, id and version, so a record rolled back, moved or deleted behind
the app's back no longer matches it (case.py explains what is reported). Records are JSON dicts,
never pickle.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from complaint_helper.vault.crypto import (
    ENVELOPE_VERSION,
    KDF_ALGORITHM,
    AuthenticationError,
    KdfParams,
    KdfParamsError,
    SecretKey,
    UnknownFormatError,
    derive_kek,
    manifest_associated_data,
    new_salt,
    open_padded,
    open_record,
    record_tag,
    seal_padded,
    tagged_record_associated_data,
    unwrap_case_key,
    wrap_case_key,
    wrapped_key_version,
)
from complaint_helper.vault.errors import DamagedRecord, WrongPassphrase
from complaint_helper.vault.ids import ATTACHMENT_KIND
from complaint_helper.vault.store import KeyHeader, RecordRow, TaggedRow

_DAMAGED_KEY_HEADER = (
    "This case's lock information looks damaged or changed, so it can't be opened safely. "
    "If you exported this case earlier, you can import that copy."
)


def encode_record(value: dict[str, Any]) -> bytes:
    if not isinstance(value, dict):
        raise TypeError("a record must be a dict")
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode(
        "utf-8"
    )


def decode_record(plaintext: bytes) -> dict[str, Any]:
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


def new_key_header(passphrase: str, case_key: SecretKey, params: KdfParams) -> KeyHeader:
    """A fresh salt and the case key wrapped (version 2) under the passphrase's KEK."""
    salt = new_salt()
    kek = derive_kek(passphrase, salt, params)
    try:
        wrapped = wrap_case_key(kek, case_key, salt, params)
    finally:
        kek.wipe()
    return KeyHeader(
        KDF_ALGORITHM, params.memory_kib, params.iterations, params.lanes, salt, wrapped
    )


def open_case_key(
    header: KeyHeader, passphrase: str, case_id: str | None
) -> tuple[SecretKey, KeyHeader | None]:
    """The case key, and a version-2 header to store when the stored one is version 1.

    Raises WrongPassphrase, or DamagedRecord when the header itself is unusable.
    """
    params = _params_of(header)
    try:
        kek = derive_kek(passphrase, header.kdf_salt, params)
    except KdfParamsError as exc:
        raise DamagedRecord(_DAMAGED_KEY_HEADER) from exc
    try:
        key = unwrap_case_key(kek, header.wrapped_key, case_id, header.kdf_salt, params)
        upgraded = None
        if wrapped_key_version(header.wrapped_key) == ENVELOPE_VERSION:
            wrapped = wrap_case_key(kek, key, header.kdf_salt, params)
            upgraded = KeyHeader(
                header.kdf_algorithm,
                header.kdf_memory_kib,
                header.kdf_iterations,
                header.kdf_lanes,
                header.kdf_salt,
                wrapped,
            )
        return key, upgraded
    except AuthenticationError as exc:
        raise WrongPassphrase() from exc
    except UnknownFormatError as exc:
        raise DamagedRecord(_DAMAGED_KEY_HEADER) from exc
    finally:
        kek.wipe()


class Manifest:
    """Every record of a case: kind -> record id -> version, and the case's write counter."""

    __slots__ = ("counter", "kinds")

    def __init__(self, counter: int = 0, kinds: dict[str, dict[str, int]] | None = None) -> None:
        self.counter = counter
        self.kinds: dict[str, dict[str, int]] = kinds if kinds is not None else {}

    def copy(self) -> Manifest:
        return Manifest(self.counter, {kind: dict(ids) for kind, ids in self.kinds.items()})

    def version_of(self, kind: str, record_id: str) -> int | None:
        return self.kinds.get(kind, {}).get(record_id)

    def record(self, kind: str, record_id: str, version: int) -> None:
        self.kinds.setdefault(kind, {})[record_id] = version

    def forget(self, kind: str, record_id: str) -> None:
        ids = self.kinds.get(kind)
        if ids is not None:
            ids.pop(record_id, None)
            if not ids:
                del self.kinds[kind]

    def encode(self) -> bytes:
        return encode_record({"counter": self.counter, "kinds": self.kinds})

    @classmethod
    def decode(cls, plaintext: bytes) -> Manifest:
        value = decode_record(plaintext)
        counter, kinds = value.get("counter"), value.get("kinds")
        if type(counter) is not int or not isinstance(kinds, dict):
            raise DamagedRecord()
        checked: dict[str, dict[str, int]] = {}
        for kind, ids in kinds.items():
            if not isinstance(ids, dict) or not all(type(v) is int for v in ids.values()):
                raise DamagedRecord()
            checked[str(kind)] = {str(i): int(v) for i, v in ids.items()}
        return cls(counter, checked)


def seal_manifest(key: SecretKey, case_id: str, manifest: Manifest) -> bytes:
    return seal_padded(key, manifest_associated_data(case_id), manifest.encode())


def open_manifest(key: SecretKey, case_id: str, envelope: bytes) -> Manifest:
    """Raises DamagedRecord when the manifest does not verify or does not parse."""
    try:
        return Manifest.decode(open_padded(key, manifest_associated_data(case_id), envelope))
    except (AuthenticationError, UnknownFormatError) as exc:
        raise DamagedRecord() from exc


def seal_tagged(
    key: SecretKey,
    index_key: SecretKey,
    case_id: str,
    kind: str,
    record_id: str,
    version: int,
    plaintext_value: bytes,
) -> TaggedRow:
    """One record as stored: its tag, and its kind, id, version and value sealed and padded."""
    tag = record_tag(index_key, kind, record_id)
    head = encode_record({"k": kind, "i": record_id, "n": version})
    # {"k":..,"i":..,"n":..,"v":<value>}: splice the already encoded value in.
    plaintext = head[:-1] + b',"v":' + plaintext_value + b"}"
    envelope = seal_padded(key, tagged_record_associated_data(case_id, tag), plaintext)
    return TaggedRow(tag, envelope)


def open_tagged(key: SecretKey, case_id: str, tag: bytes, envelope: bytes) -> dict[str, Any]:
    """The sealed {"k", "i", "n", "v"} of a stored record; raises DamagedRecord."""
    try:
        plaintext = open_padded(key, tagged_record_associated_data(case_id, tag), envelope)
    except (AuthenticationError, UnknownFormatError) as exc:
        raise DamagedRecord() from exc
    sealed = decode_record(plaintext)
    if (
        not isinstance(sealed.get("k"), str)
        or not isinstance(sealed.get("i"), str)
        or type(sealed.get("n")) is not int
        or not isinstance(sealed.get("v"), dict)
    ):
        raise DamagedRecord()
    return sealed


def convert_legacy_rows(
    key: SecretKey,
    index_key: SecretKey,
    case_id: str,
    records: Sequence[RecordRow],
    attachments: Sequence[tuple[str, str]],
) -> tuple[list[TaggedRow], list[tuple[bytes, str]], Manifest]:
    """Schema-1 rows (kind and id in clear, version-1 envelopes) as tagged rows and a manifest.

    A row that does not open stays listed in the manifest with no stored row, so it keeps
    reading as damaged instead of vanishing.
    """
    manifest = Manifest(counter=1)
    rows: list[TaggedRow] = []
    for legacy in records:
        try:
            plaintext = open_record(key, case_id, legacy.kind, legacy.record_id, legacy.envelope)
            decode_record(plaintext)
        except (AuthenticationError, UnknownFormatError, DamagedRecord):
            manifest.record(legacy.kind, legacy.record_id, 0)
            continue
        rows.append(
            seal_tagged(key, index_key, case_id, legacy.kind, legacy.record_id, 1, plaintext)
        )
        manifest.record(legacy.kind, legacy.record_id, 1)
    tagged_attachments = [
        (record_tag(index_key, ATTACHMENT_KIND, attachment_id), blob)
        for attachment_id, blob in attachments
    ]
    return rows, tagged_attachments, manifest
