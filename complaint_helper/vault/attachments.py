"""Streaming encryption of attachments (screenshots, photos, PDFs, audio) in fixed-size chunks.

File format, version 1 (one file per attachment in `<data_dir>/attachments/`)::

    b"CHA" | 0x01 | Cobblestone-256 stream

The Cobblestone-256 stream (`cryptography.cobblestone`, cryptography >= 50) is what
`Cobblestone256Encryptor(key, context)` writes: a 56-byte random header, then the plaintext in
16 KiB chunks, each followed by a 16-byte tag; the last chunk (possibly empty) carries a
final flag. As measured with cryptography 50.0.2:

- overhead is 56 + 16 bytes per started chunk (an empty file is 4 + 72 bytes);
- the decryptor's `update()` only releases plaintext of chunks whose tag verified, and holds
  back the last chunk it has seen until more data or `finalize()` shows whether it is final;
- a flipped bit, a reordered, dropped or foreign chunk, or a wrong key/context raise
  `InvalidTag` at the first bad chunk;
- a file cut at a chunk boundary releases the chunks before the cut and only `finalize()`
  raises — so output is untrusted until `finalize()` returns.

Each attachment has its own random 32-byte key, kept (with the original's filename, media type,
size and SHA-256) in an encrypted record of kind `vault.attachment` under the case key. The
context binds the stream to the case id and the attachment id, so a file copied to another
attachment or case fails at its first chunk.

Memory stays flat: input is read and encrypted `CHUNK_BYTES` at a time; reading yields
decrypted chunks as they verify and raises DamagedAttachment at the end if the stream does not
finish cleanly. Callers that hand data on (the web layer streaming a download) must treat the
iterator's exception as "this file is not whole" and abort the transfer, never complete it.
Decrypted content is never written to disk.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Final

from complaint_helper.vault.crypto import (
    AttachmentOpener,
    AttachmentSealer,
    AuthenticationError,
    SecretKey,
)
from complaint_helper.vault.errors import AttachmentTooLarge, DamagedAttachment
from complaint_helper.vault.store import BlobWriter

FILE_MAGIC: Final = b"CHA"
FILE_VERSION: Final = 1
CHUNK_BYTES: Final = 1024 * 1024
DEFAULT_MAX_BYTES: Final = 200 * 1024 * 1024


@dataclass(frozen=True)
class SealedAttachment:
    size: int
    sha256: str
    stored_size: int


def seal_into(
    source: BinaryIO,
    writer: BlobWriter,
    key: SecretKey,
    case_id: str,
    attachment_id: str,
    max_bytes: int,
) -> SealedAttachment:
    """Encrypt `source` chunk by chunk into `writer`; hashes the original on the way."""
    sealer = AttachmentSealer(key, case_id, attachment_id)
    digest = hashlib.sha256()
    size = 0
    writer.write(FILE_MAGIC + bytes([FILE_VERSION]))
    while True:
        chunk = source.read(CHUNK_BYTES)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise AttachmentTooLarge()
        digest.update(chunk)
        writer.write(sealer.update(chunk))
    writer.write(sealer.finalize())
    return SealedAttachment(size=size, sha256=digest.hexdigest(), stored_size=writer.bytes_written)


def open_stream(
    encrypted: BinaryIO,
    key: SecretKey,
    case_id: str,
    attachment_id: str,
    expected_sha256: str | None = None,
) -> Iterator[bytes]:
    """Yield verified plaintext chunks; raise DamagedAttachment on damage or early end.

    With `expected_sha256`, the original's hash is checked too (after the final chunk).
    """
    try:
        header = encrypted.read(len(FILE_MAGIC) + 1)
        if header[: len(FILE_MAGIC)] != FILE_MAGIC or header[len(FILE_MAGIC) :] != bytes(
            [FILE_VERSION]
        ):
            raise DamagedAttachment()
        opener = AttachmentOpener(key, case_id, attachment_id)
        digest = hashlib.sha256()
        while True:
            chunk = encrypted.read(CHUNK_BYTES)
            if not chunk:
                break
            plain = opener.update(chunk)
            if plain:
                digest.update(plain)
                yield plain
        tail = opener.finalize()
        digest.update(tail)
        if expected_sha256 is not None and digest.hexdigest() != expected_sha256:
            raise DamagedAttachment()
        if tail:
            yield tail
    except AuthenticationError as exc:
        raise DamagedAttachment() from exc
    finally:
        encrypted.close()
