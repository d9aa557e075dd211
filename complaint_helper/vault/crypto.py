"""All cryptography of the vault: the ONLY module in complaint_helper that imports `cryptography`.

Key hierarchy (security.md):

    passphrase --Argon2id(salt, params)--> KEK (32 bytes, never stored)
    KEK --AES-256-GCM(AD = purpose + KDF params + salt)--> wraps the case key (32 random bytes)
    case key --HKDF-SHA256--> index key: HMAC-SHA256 tags that stand in for record kinds and ids
    case key --AES-256-GCM(AD = version, case id, record tag)--> every record
    record "vault.attachment" holds a per-file 32-byte key --Cobblestone256--> attachment file

Nothing about the story is stored in clear (issue 15): the database holds a record's kind and id
only as `record_tag(kind, id)`, a 16-byte truncated HMAC under the index key, so without the
passphrase it is opaque and cannot be tested against guesses ("answers", "after-therapy"), and
rows of one kind cannot even be told apart from rows of another. The kind, the id and a version
number travel inside the encrypted record; the case's encrypted manifest (case.py) lists them.

Record envelope, version 2 (all integers big-endian)::

    b"CHR" | 0x02 | nonce (12 bytes, os.urandom) | AES-GCM(padded plaintext) + 16-byte tag

The plaintext is padded before sealing: u32 length | plaintext | zeros, to the next power of two
of at least 1 KiB (`padded_size`), so an envelope's size says only which bucket it fell into,
not how long an account is. Associated data = b"complaint-helper/record" | version |
len-prefixed case id | record tag (an HMAC of kind and id, so it binds both): a ciphertext
copied into another record, kind or case fails its tag and is reported as damaged, never shown
as the wrong text. The same padded envelope, under other associated data, seals the case
manifest and a case file's description.

Version 1 envelopes (unpadded, AD with the kind and id in clear) are still opened, so data dirs
written before issue 15 migrate (case.py re-seals them at the first unlock). An unknown magic or
version is refused before decryption.

Wrapped case key, version 2: b"CHK" | 0x02 | nonce (12) | AES-GCM(case key) + tag, with
AD = b"complaint-helper/case-key" | version | KDF params | salt. It does not name the case, so a
`.chcase` file can hide its case id inside the encrypted part and still be opened by the
passphrase alone. Version 1 (AD = purpose | version | len-prefixed case id) still unwraps.

Argon2id parameters are stored per case and checked against a floor (OWASP: 19 MiB, t=2) and a
ceiling (1 GiB, t=10, p=16) before any derivation, so a tampered database cannot make unlock
either cheap for an attacker or eat all memory. Passphrases are NFC-normalised before UTF-8
encoding so the same words typed on another system open the same case.

Memory hygiene, honestly: keys live in `bytearray`s that `SecretKey.wipe()` overwrites, but the
`cryptography` API takes `bytes`, so short-lived immutable copies exist while a call runs and
Python cannot promise they are erased. `disable_core_dumps()` keeps them out of crash dumps.
"""

from __future__ import annotations

import hmac
import os
import unicodedata
from dataclasses import dataclass
from typing import Final

from cryptography.cobblestone import Cobblestone256Decryptor, Cobblestone256Encryptor
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES: Final = 32
NONCE_BYTES: Final = 12
SALT_BYTES: Final = 16
TAG_BYTES: Final = 16

RECORD_MAGIC: Final = b"CHR"
WRAP_MAGIC: Final = b"CHK"
ENVELOPE_VERSION: Final = 1  # records and wrapped keys written before issue 15
PADDED_VERSION: Final = 2  # tagged, padded records; wrapped keys that do not name the case
KDF_ALGORITHM: Final = "argon2id"
STORED_TAG_BYTES: Final = 16
MIN_PADDED_BYTES: Final = 1024


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: memory in KiB, passes over memory, and parallel lanes."""

    memory_kib: int
    iterations: int
    lanes: int


# Measured on the two-core reference machine: 256 MiB, t=3, p=4 takes about 0.47 s per unlock
# (64 MiB: 0.11 s, 128 MiB: 0.23 s), which is what a person happily waits for.
PRODUCTION_KDF: Final = KdfParams(memory_kib=256 * 1024, iterations=3, lanes=4)
# That measurement, per MiB-pass, estimates what a case file's own parameters will cost.
SECONDS_PER_MIB_PASS: Final = 0.47 / (256 * 3)


def kdf_cost(params: KdfParams) -> tuple[int, int]:
    """About how long (whole seconds, at least 1) and how much memory (MB) one derivation takes
    on the reference machine: what a person is told before a costly case file is opened."""
    mib = params.memory_kib // 1024
    seconds = max(1, round(SECONDS_PER_MIB_PASS * mib * params.iterations + 0.49))
    return seconds, max(1, round(params.memory_kib * 1024 / 1_000_000))


# The floor below which we refuse to derive (OWASP's minimum for Argon2id). Tests use it.
KDF_FLOOR: Final = KdfParams(memory_kib=19 * 1024, iterations=2, lanes=1)
# The ceiling above which a stored parameter set is treated as tampered.
KDF_CEILING: Final = KdfParams(memory_kib=1024 * 1024, iterations=10, lanes=16)


class KdfParamsError(ValueError):
    """Stored or requested Argon2id parameters fall outside the floor..ceiling window."""


class AuthenticationError(Exception):
    """A tag did not verify: wrong key, or the bytes were changed, moved or cut short."""


class UnknownFormatError(Exception):
    """The bytes do not start with a magic and version this code knows."""


class SecretKey:
    """A 32-byte key held in a mutable buffer so that `wipe()` can overwrite it."""

    __slots__ = ("_buf",)

    def __init__(self, material: bytes | bytearray) -> None:
        if len(material) != KEY_BYTES:
            raise ValueError("a key must be 32 bytes")
        self._buf = bytearray(material)

    @classmethod
    def generate(cls) -> SecretKey:
        return cls(os.urandom(KEY_BYTES))

    @property
    def wiped(self) -> bool:
        return len(self._buf) == 0

    def material(self) -> bytes:
        """Bytes for one `cryptography` call (an unavoidable short-lived copy)."""
        if self.wiped:
            raise ValueError("this key has been wiped")
        return bytes(self._buf)

    def wipe(self) -> None:
        for i in range(len(self._buf)):
            self._buf[i] = 0
        self._buf.clear()

    def __repr__(self) -> str:
        return "SecretKey(<hidden>)"


def check_kdf_params(params: KdfParams) -> None:
    """Refuse parameters below the floor or above the ceiling (raises KdfParamsError)."""
    if not (KDF_FLOOR.memory_kib <= params.memory_kib <= KDF_CEILING.memory_kib):
        raise KdfParamsError("Argon2id memory outside the allowed range")
    if not (KDF_FLOOR.iterations <= params.iterations <= KDF_CEILING.iterations):
        raise KdfParamsError("Argon2id iterations outside the allowed range")
    if not (KDF_FLOOR.lanes <= params.lanes <= KDF_CEILING.lanes):
        raise KdfParamsError("Argon2id lanes outside the allowed range")
    # Argon2 itself requires at least 8 KiB per lane.
    if params.memory_kib < 8 * params.lanes:
        raise KdfParamsError("Argon2id memory too small for its lanes")


def normalise_passphrase(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def derive_kek(passphrase: str, salt: bytes, params: KdfParams) -> SecretKey:
    """Argon2id(passphrase, salt) -> key-encryption key; refuses out-of-range parameters."""
    check_kdf_params(params)
    if len(salt) != SALT_BYTES:
        raise KdfParamsError("salt must be 16 bytes")
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return SecretKey(kdf.derive(normalise_passphrase(passphrase)))


def _length_prefixed(*parts: bytes) -> bytes:
    return b"".join(len(p).to_bytes(4, "big") + p for p in parts)


def wrap_associated_data(case_id: str) -> bytes:
    """Version 1 (legacy): the wrapped key named its case."""
    return (
        b"complaint-helper/case-key"
        + bytes([ENVELOPE_VERSION])
        + _length_prefixed(case_id.encode("utf-8"))
    )


def _wrap_v2_associated_data(salt: bytes, params: KdfParams) -> bytes:
    return (
        b"complaint-helper/case-key"
        + bytes([PADDED_VERSION])
        + b"".join(
            n.to_bytes(4, "big") for n in (params.memory_kib, params.iterations, params.lanes)
        )
        + _length_prefixed(salt)
    )


def wrap_case_key(kek: SecretKey, case_key: SecretKey, salt: bytes, params: KdfParams) -> bytes:
    """Seal the case key under the KEK (version 2: bound to the KDF parameters and salt)."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(kek.material()).encrypt(
        nonce, case_key.material(), _wrap_v2_associated_data(salt, params)
    )
    return WRAP_MAGIC + bytes([PADDED_VERSION]) + nonce + sealed


def wrapped_key_version(wrapped: bytes) -> int:
    """The wrapped key's format version, 0 when it is not a wrapped key at all."""
    if wrapped[: len(WRAP_MAGIC)] != WRAP_MAGIC or len(wrapped) <= len(WRAP_MAGIC):
        return 0
    return wrapped[len(WRAP_MAGIC)]


def unwrap_case_key(
    kek: SecretKey, wrapped: bytes, case_id: str | None, salt: bytes, params: KdfParams
) -> SecretKey:
    """Raises AuthenticationError for a wrong passphrase or a damaged wrapped key.

    `case_id` is needed only for a version 1 wrapped key (None: version 1 is refused).
    """
    header = len(WRAP_MAGIC) + 1
    version = wrapped_key_version(wrapped)
    if version == PADDED_VERSION:
        associated = _wrap_v2_associated_data(salt, params)
    elif version == ENVELOPE_VERSION and case_id is not None:
        associated = wrap_associated_data(case_id)
    else:
        raise UnknownFormatError("not a wrapped case key this code knows")
    nonce = wrapped[header : header + NONCE_BYTES]
    try:
        material = AESGCM(kek.material()).decrypt(
            nonce, wrapped[header + NONCE_BYTES :], associated
        )
    except (InvalidTag, ValueError) as exc:
        raise AuthenticationError("the case key did not unwrap") from exc
    return SecretKey(material)


# -- keyed tags: opaque stand-ins for record kinds and ids ---------------------------------------


def derive_index_key(case_key: SecretKey) -> SecretKey:
    """The key of the kind/record tags, derived from (and wiped with) the case key."""
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=None,
        info=b"complaint-helper/index-key/v1",
    )
    return SecretKey(hkdf.derive(case_key.material()))


def record_tag(index_key: SecretKey, kind: str, record_id: str) -> bytes:
    """The opaque tag stored instead of a record's id (unique per kind and id in one case)."""
    message = b"record" + _length_prefixed(kind.encode("utf-8"), record_id.encode("utf-8"))
    return hmac.digest(index_key.material(), message, "sha256")[:STORED_TAG_BYTES]


# -- padded envelopes -----------------------------------------------------------------------------


def padded_size(length: int) -> int:
    """The bucket a plaintext of `length` bytes is padded to (with its 4-byte length prefix)."""
    size = MIN_PADDED_BYTES
    while size < length + 4:
        size *= 2
    return size


def _pad(plaintext: bytes) -> bytes:
    body = len(plaintext).to_bytes(4, "big") + plaintext
    return body + bytes(padded_size(len(plaintext)) - len(body))


def _unpad(padded: bytes) -> bytes:
    length = int.from_bytes(padded[:4], "big")
    if len(padded) < 4 + length:
        raise AuthenticationError("padded plaintext is shorter than its length says")
    return padded[4 : 4 + length]


def seal_padded(key: SecretKey, associated_data: bytes, plaintext: bytes) -> bytes:
    """Pad to a bucket and encrypt with a fresh random nonce into a version-2 envelope."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key.material()).encrypt(nonce, _pad(plaintext), associated_data)
    return RECORD_MAGIC + bytes([PADDED_VERSION]) + nonce + sealed


def _open_envelope(key: SecretKey, version: int, associated_data: bytes, envelope: bytes) -> bytes:
    """Decrypt a record envelope of the given version; raises UnknownFormatError for another
    magic or version (before decrypting) and AuthenticationError, never wrong text."""
    header = len(RECORD_MAGIC) + 1
    if len(envelope) < header + NONCE_BYTES + TAG_BYTES or envelope[:3] != RECORD_MAGIC:
        raise UnknownFormatError("not a record envelope")
    if envelope[len(RECORD_MAGIC)] != version:
        raise UnknownFormatError("unknown record envelope version")
    nonce = envelope[header : header + NONCE_BYTES]
    try:
        return AESGCM(key.material()).decrypt(
            nonce, envelope[header + NONCE_BYTES :], associated_data
        )
    except (InvalidTag, ValueError) as exc:
        raise AuthenticationError("record did not verify") from exc


def open_padded(key: SecretKey, associated_data: bytes, envelope: bytes) -> bytes:
    """Decrypt a version-2 envelope and strip its padding."""
    return _unpad(_open_envelope(key, PADDED_VERSION, associated_data, envelope))


def tagged_record_associated_data(case_id: str, record_tag: bytes) -> bytes:
    """The record tag is an HMAC of the kind and the id, so binding it binds both."""
    return (
        b"complaint-helper/record"
        + bytes([PADDED_VERSION])
        + _length_prefixed(case_id.encode("utf-8"), record_tag)
    )


def manifest_associated_data(case_id: str) -> bytes:
    return (
        b"complaint-helper/manifest"
        + bytes([PADDED_VERSION])
        + _length_prefixed(case_id.encode("utf-8"))
    )


def case_file_associated_data(file_header: bytes) -> bytes:
    """A `.chcase` file's sealed description is bound to the file's clear header."""
    return b"complaint-helper/case-file" + bytes([PADDED_VERSION]) + _length_prefixed(file_header)


def record_associated_data(case_id: str, kind: str, record_id: str) -> bytes:
    """Version 1 (legacy): the kind and id in clear."""
    return (
        b"complaint-helper/record"
        + bytes([ENVELOPE_VERSION])
        + _length_prefixed(case_id.encode("utf-8"), kind.encode("utf-8"), record_id.encode("utf-8"))
    )


def _seal_record_with_nonce(
    key: SecretKey, nonce: bytes, case_id: str, kind: str, record_id: str, plaintext: bytes
) -> bytes:
    sealed = AESGCM(key.material()).encrypt(
        nonce, plaintext, record_associated_data(case_id, kind, record_id)
    )
    return RECORD_MAGIC + bytes([ENVELOPE_VERSION]) + nonce + sealed


def seal_record(key: SecretKey, case_id: str, kind: str, record_id: str, plaintext: bytes) -> bytes:
    """Version 1 (legacy, kept for tests that build pre-issue-15 data dirs): unpadded."""
    return _seal_record_with_nonce(
        key, os.urandom(NONCE_BYTES), case_id, kind, record_id, plaintext
    )


def open_record(key: SecretKey, case_id: str, kind: str, record_id: str, envelope: bytes) -> bytes:
    """Decrypt a version-1 envelope; raises UnknownFormatError or AuthenticationError."""
    return _open_envelope(
        key, ENVELOPE_VERSION, record_associated_data(case_id, kind, record_id), envelope
    )


def attachment_context(case_id: str, attachment_id: str) -> bytes:
    return (
        b"complaint-helper/attachment"
        + bytes([ENVELOPE_VERSION])
        + _length_prefixed(case_id.encode("utf-8"), attachment_id.encode("utf-8"))
    )


def new_attachment_key() -> SecretKey:
    return SecretKey(Cobblestone256Encryptor.generate_key())


class AttachmentSealer:
    """Streaming encryption of one attachment (Cobblestone-256; format in attachments.py)."""

    def __init__(self, key: SecretKey, case_id: str, attachment_id: str) -> None:
        context = attachment_context(case_id, attachment_id)
        self._enc = Cobblestone256Encryptor(key.material(), context)

    def update(self, data: bytes) -> bytes:
        return self._enc.update(data)

    def finalize(self) -> bytes:
        return self._enc.finalize()


class AttachmentOpener:
    """Streaming decryption; `update` only releases chunks whose tag verified.

    Raises AuthenticationError on a changed, reordered or foreign chunk, and in `finalize` when
    the stream was cut short (the last chunk carries a final flag).
    """

    def __init__(self, key: SecretKey, case_id: str, attachment_id: str) -> None:
        context = attachment_context(case_id, attachment_id)
        self._dec = Cobblestone256Decryptor(key.material(), context)

    def update(self, data: bytes) -> bytes:
        try:
            return self._dec.update(data)
        except (InvalidTag, ValueError) as exc:
            raise AuthenticationError("attachment chunk did not verify") from exc

    def finalize(self) -> bytes:
        try:
            return self._dec.finalize()
        except (InvalidTag, ValueError) as exc:
            raise AuthenticationError("attachment ended early or was changed") from exc


def disable_core_dumps() -> bool:
    """Stop the OS writing this process's memory (and so any key) to a core file on a crash.

    Returns False where the platform has no such limit (Windows); call it once at start-up.
    """
    try:
        import resource  # POSIX only
    except ImportError:
        return False
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return True
