"""All cryptography of the vault: the ONLY module in complaint_helper that imports `cryptography`.

Key hierarchy (security.md):

    passphrase --Argon2id(salt, params)--> KEK (32 bytes, never stored)
    KEK --AES-256-GCM(AD = case id + purpose)--> wraps the case key (32 random bytes)
    case key --AES-256-GCM(AD = version, case id, kind, record id)--> every record
    record "vault.attachment" holds a per-file 32-byte key --Cobblestone256--> attachment file

Record envelope, version 1 (all integers big-endian)::

    b"CHR" | 0x01 | nonce (12 bytes, os.urandom) | AES-GCM ciphertext + 16-byte tag

Associated data = b"complaint-helper/record" | version | len-prefixed case id | kind | record id,
so a ciphertext copied into another record, kind or case fails its tag and is reported as
damaged, never shown as the wrong text. An unknown magic or version is refused before decryption.

Wrapped case key, version 1: b"CHK" | 0x01 | nonce (12) | AES-GCM(case key) + tag, with
AD = b"complaint-helper/case-key" | version | len-prefixed case id.

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
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

KEY_BYTES: Final = 32
NONCE_BYTES: Final = 12
SALT_BYTES: Final = 16
TAG_BYTES: Final = 16

RECORD_MAGIC: Final = b"CHR"
WRAP_MAGIC: Final = b"CHK"
ENVELOPE_VERSION: Final = 1
KDF_ALGORITHM: Final = "argon2id"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: memory in KiB, passes over memory, and parallel lanes."""

    memory_kib: int
    iterations: int
    lanes: int


# Measured on the two-core reference machine: 256 MiB, t=3, p=4 takes about 0.47 s per unlock
# (64 MiB: 0.11 s, 128 MiB: 0.23 s), which is what a person happily waits for.
PRODUCTION_KDF: Final = KdfParams(memory_kib=256 * 1024, iterations=3, lanes=4)
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
    return (
        b"complaint-helper/case-key"
        + bytes([ENVELOPE_VERSION])
        + _length_prefixed(case_id.encode("utf-8"))
    )


def wrap_case_key(kek: SecretKey, case_key: SecretKey, case_id: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(kek.material()).encrypt(
        nonce, case_key.material(), wrap_associated_data(case_id)
    )
    return WRAP_MAGIC + bytes([ENVELOPE_VERSION]) + nonce + sealed


def unwrap_case_key(kek: SecretKey, wrapped: bytes, case_id: str) -> SecretKey:
    """Raises AuthenticationError for a wrong passphrase or a damaged wrapped key."""
    header = len(WRAP_MAGIC) + 1
    if wrapped[: len(WRAP_MAGIC)] != WRAP_MAGIC or len(wrapped) < header:
        raise UnknownFormatError("not a wrapped case key")
    if wrapped[len(WRAP_MAGIC)] != ENVELOPE_VERSION:
        raise UnknownFormatError("unknown wrapped-key version")
    nonce = wrapped[header : header + NONCE_BYTES]
    try:
        material = AESGCM(kek.material()).decrypt(
            nonce, wrapped[header + NONCE_BYTES :], wrap_associated_data(case_id)
        )
    except (InvalidTag, ValueError) as exc:
        raise AuthenticationError("the case key did not unwrap") from exc
    return SecretKey(material)


def record_associated_data(case_id: str, kind: str, record_id: str) -> bytes:
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
    """Encrypt one record with a fresh random nonce into a version-1 envelope."""
    return _seal_record_with_nonce(
        key, os.urandom(NONCE_BYTES), case_id, kind, record_id, plaintext
    )


def open_record(key: SecretKey, case_id: str, kind: str, record_id: str, envelope: bytes) -> bytes:
    """Decrypt an envelope; raises UnknownFormatError or AuthenticationError, never wrong text."""
    header = len(RECORD_MAGIC) + 1
    if len(envelope) < header + NONCE_BYTES + TAG_BYTES or envelope[:3] != RECORD_MAGIC:
        raise UnknownFormatError("not a record envelope")
    if envelope[len(RECORD_MAGIC)] != ENVELOPE_VERSION:
        raise UnknownFormatError("unknown record envelope version")
    nonce = envelope[header : header + NONCE_BYTES]
    try:
        return AESGCM(key.material()).decrypt(
            nonce,
            envelope[header + NONCE_BYTES :],
            record_associated_data(case_id, kind, record_id),
        )
    except (InvalidTag, ValueError) as exc:
        raise AuthenticationError("record did not verify") from exc


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


def constant_time_equal(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)


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
