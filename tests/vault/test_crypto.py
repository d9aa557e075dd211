"""Known-answer vectors, tamper cases and key hygiene of complaint_helper.vault.crypto."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from complaint_helper.vault import crypto
from complaint_helper.vault.crypto import (
    KDF_CEILING,
    KDF_FLOOR,
    PRODUCTION_KDF,
    AuthenticationError,
    KdfParams,
    KdfParamsError,
    SecretKey,
    UnknownFormatError,
    derive_kek,
    open_record,
    seal_record,
    unwrap_case_key,
    wrap_case_key,
)

REPO = Path(__file__).resolve().parents[2]
KEY = SecretKey(bytes(range(32)))
CASE = "0" * 32
# Pinned: the version-1 record envelope of b'{"a":"b"}' under KEY with nonce 00..0b.
RECORD_VECTOR = bytes.fromhex(
    "43485201000102030405060708090a0b3c20b739ffc7a039f0b612949841266446c1ee92dd7f53eae4"
)
# Pinned: Argon2id at the floor parameters, salt 16 zero bytes.
KEK_VECTOR = bytes.fromhex("4395a3d7201a2918e53cd712c75edee344f1bcb8a3a754c9867986999fdedef9")
KEK_PASSPHRASE = "Caf\u00e9 \u00fcn\u00efcode passphrase"


def lp(*parts: bytes) -> bytes:
    return b"".join(struct.pack(">I", len(p)) + p for p in parts)


def test_record_envelope_matches_known_answer() -> None:
    sealed = crypto._seal_record_with_nonce(
        KEY, bytes(range(12)), CASE, "answers", "r1", b'{"a":"b"}'
    )
    assert sealed == RECORD_VECTOR


def test_record_envelope_follows_the_documented_layout() -> None:
    """Rebuilt from the docstring with `cryptography` directly, not through our code."""
    ad = b"complaint-helper/record\x01" + lp(CASE.encode(), b"answers", b"r1")
    body = AESGCM(bytes(range(32))).encrypt(bytes(range(12)), b'{"a":"b"}', ad)
    assert b"CHR\x01" + bytes(range(12)) + body == RECORD_VECTOR


def test_known_answer_vector_opens() -> None:
    assert open_record(KEY, CASE, "answers", "r1", RECORD_VECTOR) == b'{"a":"b"}'


def test_kek_matches_known_answer() -> None:
    assert derive_kek(KEK_PASSPHRASE, bytes(16), KDF_FLOOR).material() == KEK_VECTOR


def test_kek_is_plain_argon2id_of_the_utf8_passphrase() -> None:
    kdf = Argon2id(salt=bytes(16), length=32, iterations=2, lanes=1, memory_cost=19 * 1024)
    assert kdf.derive(KEK_PASSPHRASE.encode()) == KEK_VECTOR


def test_decomposed_accents_derive_the_same_key() -> None:
    decomposed = "Cafe\u0301 u\u0308ni\u0308code passphrase"
    assert derive_kek(decomposed, bytes(16), KDF_FLOOR).material() == KEK_VECTOR


def test_every_seal_uses_a_fresh_nonce() -> None:
    nonces = {seal_record(KEY, CASE, "k", "r", b"same")[4:16] for _ in range(200)}
    assert len(nonces) == 200


@pytest.mark.parametrize("position", [0, 3, 4, 10, 20, -1])
def test_flipped_bit_anywhere_is_refused(position: int) -> None:
    damaged = bytearray(RECORD_VECTOR)
    damaged[position] ^= 0x01
    with pytest.raises((AuthenticationError, UnknownFormatError)):
        open_record(KEY, CASE, "answers", "r1", bytes(damaged))


@pytest.mark.parametrize("length", [0, 3, 4, 16, 31, len(RECORD_VECTOR) - 1])
def test_truncated_envelope_is_refused(length: int) -> None:
    with pytest.raises((AuthenticationError, UnknownFormatError)):
        open_record(KEY, CASE, "answers", "r1", RECORD_VECTOR[:length])


def test_unknown_version_is_refused_before_decrypting() -> None:
    with pytest.raises(UnknownFormatError):
        open_record(KEY, CASE, "answers", "r1", b"CHR\x02" + RECORD_VECTOR[4:])


@pytest.mark.parametrize(
    ("case_id", "kind", "record_id"),
    [("1" * 32, "answers", "r1"), (CASE, "timeline", "r1"), (CASE, "answers", "r2")],
)
def test_envelope_moved_to_another_record_is_refused(
    case_id: str, kind: str, record_id: str
) -> None:
    with pytest.raises(AuthenticationError):
        open_record(KEY, case_id, kind, record_id, RECORD_VECTOR)


def test_ambiguous_joins_of_ids_do_not_collide() -> None:
    """Length prefixes keep ("ab", "c") and ("a", "bc") apart."""
    sealed = seal_record(KEY, CASE, "ab", "c", b"x")
    with pytest.raises(AuthenticationError):
        open_record(KEY, CASE, "a", "bc", sealed)


def test_wrong_key_is_refused() -> None:
    with pytest.raises(AuthenticationError):
        open_record(SecretKey(bytes(32)), CASE, "answers", "r1", RECORD_VECTOR)


def test_wrapped_key_opens_only_with_its_kek_salt_and_params() -> None:
    case_key = SecretKey.generate()
    salt = bytes(16)
    kek = derive_kek("marble-kettle-orchid", salt, KDF_FLOOR)
    wrapped = wrap_case_key(kek, case_key, salt, KDF_FLOOR)
    assert wrapped[:4] == b"CHK\x02"
    opened = unwrap_case_key(kek, wrapped, None, salt, KDF_FLOOR)
    assert opened.material() == case_key.material()
    with pytest.raises(AuthenticationError):
        unwrap_case_key(kek, wrapped, None, bytes([1]) * 16, KDF_FLOOR)
    with pytest.raises(AuthenticationError):
        unwrap_case_key(kek, wrapped, None, salt, KdfParams(KDF_FLOOR.memory_kib, 3, 1))
    other = derive_kek("marble-kettle-orchix", salt, KDF_FLOOR)
    with pytest.raises(AuthenticationError):
        unwrap_case_key(other, wrapped, None, salt, KDF_FLOOR)


def test_version_1_wrapped_key_still_opens_with_its_case_id() -> None:
    """Data dirs from before issue 15 hold version-1 wrapped keys (AD names the case)."""
    case_key = SecretKey.generate()
    kek = derive_kek("marble-kettle-orchid", bytes(16), KDF_FLOOR)
    ad = b"complaint-helper/case-key\x01" + lp(CASE.encode())
    wrapped = (
        b"CHK\x01" + bytes(12) + AESGCM(kek.material()).encrypt(bytes(12), case_key.material(), ad)
    )
    assert (
        unwrap_case_key(kek, wrapped, CASE, bytes(16), KDF_FLOOR).material() == case_key.material()
    )
    with pytest.raises(AuthenticationError):
        unwrap_case_key(kek, wrapped, "1" * 32, bytes(16), KDF_FLOOR)
    with pytest.raises(UnknownFormatError):
        unwrap_case_key(kek, wrapped, None, bytes(16), KDF_FLOOR)


def test_padded_envelopes_fall_into_power_of_two_buckets() -> None:
    sizes = {len(crypto.seal_padded(KEY, b"ad", bytes(n))) for n in (0, 100, 1000, 1020)}
    assert sizes == {4 + 12 + 1024 + 16}
    assert len(crypto.seal_padded(KEY, b"ad", bytes(1021))) == 4 + 12 + 2048 + 16
    assert len(crypto.seal_padded(KEY, b"ad", bytes(5000))) == 4 + 12 + 8192 + 16
    sealed = crypto.seal_padded(KEY, b"ad", b"an account")
    assert crypto.open_padded(KEY, b"ad", sealed) == b"an account"
    with pytest.raises(AuthenticationError):
        crypto.open_padded(KEY, b"other ad", sealed)


def test_record_tags_are_keyed_and_bind_kind_and_id() -> None:
    index = crypto.derive_index_key(KEY)
    tag = crypto.record_tag(index, "answers", "after-therapy")
    assert len(tag) == 16
    assert tag != crypto.record_tag(index, "answers", "after-therapyx")
    assert tag != crypto.record_tag(index, "answersa", "fter-therapy")
    other = crypto.derive_index_key(SecretKey(bytes(32)))
    assert tag != crypto.record_tag(other, "answers", "after-therapy")
    assert index.material() != KEY.material()


@pytest.mark.parametrize(
    "params",
    [
        KdfParams(KDF_FLOOR.memory_kib - 1, 3, 4),
        KdfParams(64 * 1024, KDF_FLOOR.iterations - 1, 4),
        KdfParams(64 * 1024, 3, 0),
        KdfParams(KDF_CEILING.memory_kib + 1, 3, 4),
        KdfParams(64 * 1024, KDF_CEILING.iterations + 1, 4),
        KdfParams(64 * 1024, 3, KDF_CEILING.lanes + 1),
    ],
)
def test_kdf_params_outside_floor_and_ceiling_are_refused(params: KdfParams) -> None:
    with pytest.raises(KdfParamsError):
        derive_kek("marble-kettle-orchid", bytes(16), params)


def test_production_params_meet_the_bar() -> None:
    """RFC 9106's second option is the minimum; we chose 256 MiB for ~0.5 s per unlock."""
    assert PRODUCTION_KDF.memory_kib >= 64 * 1024
    assert PRODUCTION_KDF.iterations >= 3
    assert PRODUCTION_KDF.lanes == 4
    crypto.check_kdf_params(PRODUCTION_KDF)


def test_wiped_key_is_zeroed_and_unusable() -> None:
    key = SecretKey(bytes(range(32)))
    buffer = key._buf
    key.wipe()
    assert key.wiped
    assert bytes(buffer) == b""
    with pytest.raises(ValueError, match="wiped"):
        key.material()


def test_key_repr_hides_material() -> None:
    assert bytes(range(32)).hex() not in repr(KEY)
    assert "\\x00\\x01" not in repr(KEY)


def test_disable_core_dumps_sets_the_limit_to_zero() -> None:
    """Run in a child so the test runner keeps its own limits."""
    code = (
        "import resource\n"
        "from complaint_helper.vault import disable_core_dumps\n"
        "assert disable_core_dumps()\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "(0, 0)"
