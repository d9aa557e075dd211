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

Uploads on their way in (`EncryptedSpool`, docs/uploads.md): the web layer's form parser writes
each uploaded file into a spool — the same stream format under a random key held only by the
spool object, in a nameless file in the attachments folder — and the view reads it back to seal
it as an attachment (or to import a `.chcase`). So an upload is never whole in memory and never
on disk in clear, and a crash leaves nothing readable.

Speed (issue 6). Sealing hashes on a worker thread (hashlib drops the GIL on large buffers)
while the main thread reads, encrypts and writes, so SHA-256 — slower on its own than the
cipher — overlaps the rest instead of adding to it. 1 MiB reads measured best on the bench
machine: 4 MiB reads (above glibc's mmap threshold) lose more to fresh-page faults than they
save in calls; 256 KiB and 64 KiB reads were slower too.

Why reading does not re-hash. The SHA-256 recorded at sealing is of exactly the bytes the
sealer encrypted (the same immutable chunks go to both). On reading, every chunk's tag is
checked under the file's own key and a context naming the case and attachment, chunk order
and the final flag are authenticated, and `finalize()` fails on a cut stream — so a stream
that reads through to the end yields exactly the sealed bytes, unless someone forged a 128-bit
tag or holds the file key. The key sits in the same AES-GCM record as the hash, under the
case key: whoever could change the file undetected could rewrite the recorded hash as well, so
recomputing it on every read (which held reading to SHA-256's speed, about a quarter of the
cipher's on the bench machine) proves nothing more. The exhibit
bundle still compares what it reads with the evidence item's hash.
"""

from __future__ import annotations

import copy
import hashlib
import queue
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Final, cast

from complaint_helper.vault.crypto import (
    AttachmentOpener,
    AttachmentSealer,
    AuthenticationError,
    SecretKey,
    new_attachment_key,
)
from complaint_helper.vault.errors import AttachmentTooLarge, DamagedAttachment
from complaint_helper.vault.store import BlobWriter

FILE_MAGIC: Final = b"CHA"
FILE_VERSION: Final = 1
CHUNK_BYTES: Final = 1024 * 1024
DEFAULT_MAX_BYTES: Final = 200 * 1024 * 1024
# Chunks read ahead of the hashing thread: bounds the memory it may hold (4 x CHUNK_BYTES).
HASH_QUEUE_CHUNKS: Final = 4


@dataclass(frozen=True)
class SealedAttachment:
    size: int
    sha256: str
    stored_size: int


class _BackgroundSha256:
    """SHA-256 of the chunks handed to `feed`, computed on a worker thread.

    hashlib releases the GIL while it hashes a buffer of more than 2 KiB, so on a machine with
    a spare core the hash runs beside the encryption and the writes instead of after them.
    Chunks must be immutable `bytes`: the worker reads them after `feed` returns. At most
    `HASH_QUEUE_CHUNKS` chunks wait, which bounds the memory this adds.
    """

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self._failure: BaseException | None = None
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=HASH_QUEUE_CHUNKS)
        self._thread = threading.Thread(target=self._run, name="attachment-sha256", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        # Keep draining after a failure so that `feed` and `close` can never block for good.
        while (chunk := self._queue.get()) is not None:
            if self._failure is None:
                try:
                    self._digest.update(chunk)
                except BaseException as exc:  # raised again in the sealing thread
                    self._failure = exc

    def feed(self, chunk: bytes) -> None:
        self._queue.put(chunk)

    def close(self) -> None:
        """Wait for the chunks fed so far and stop the worker; never raises. Idempotent."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    def hexdigest(self) -> str:
        self.close()
        if self._failure is not None:
            raise self._failure
        return self._digest.hexdigest()


def seal_into(
    source: BinaryIO,
    writer: BlobWriter,
    key: SecretKey,
    case_id: str,
    attachment_id: str,
    max_bytes: int,
) -> SealedAttachment:
    """Encrypt `source` chunk by chunk into `writer`; hashes the original on the way.

    The hash runs on a worker thread over the very `bytes` objects that are encrypted, so the
    recorded SHA-256 is of exactly the bytes the stream authenticates (see `open_stream`).
    """
    sealer = AttachmentSealer(key, case_id, attachment_id)
    hasher = _BackgroundSha256()
    size = 0
    try:
        writer.write(FILE_MAGIC + bytes([FILE_VERSION]))
        while True:
            chunk = source.read(CHUNK_BYTES)
            if not chunk:
                break
            # A source may hand out a mutable buffer; the hasher needs bytes that stay put.
            chunk = bytes(chunk) if type(chunk) is not bytes else chunk
            size += len(chunk)
            if size > max_bytes:
                raise AttachmentTooLarge()
            hasher.feed(chunk)
            writer.write(sealer.update(chunk))
        writer.write(sealer.finalize())
    finally:
        hasher.close()
    return SealedAttachment(size=size, sha256=hasher.hexdigest(), stored_size=writer.bytes_written)


def open_stream(
    encrypted: BinaryIO,
    key: SecretKey,
    case_id: str,
    attachment_id: str,
) -> Iterator[bytes]:
    """Yield verified plaintext chunks; raise DamagedAttachment on damage or early end.

    The SHA-256 is not recomputed: the stream's own authentication already proves the bytes are
    the ones hashed when the file was sealed ("Why reading does not re-hash" in the docstring).
    """
    try:
        header = encrypted.read(len(FILE_MAGIC) + 1)
        if header[: len(FILE_MAGIC)] != FILE_MAGIC or header[len(FILE_MAGIC) :] != bytes(
            [FILE_VERSION]
        ):
            raise DamagedAttachment()
        opener = AttachmentOpener(key, case_id, attachment_id)
        while True:
            chunk = encrypted.read(CHUNK_BYTES)
            if not chunk:
                break
            plain = opener.update(chunk)
            if plain:
                yield plain
        tail = opener.finalize()
        if tail:
            yield tail
    except AuthenticationError as exc:
        raise DamagedAttachment() from exc
    finally:
        encrypted.close()


# The context a spool's stream is bound to (a spool belongs to no case, and its key to no record).
_SPOOL_CONTEXT: Final = "spool"


class EncryptedSpool:
    """An uploaded file on its way into the app, held encrypted under a key that exists only in
    this object (never stored), so no plaintext byte of an upload ever reaches a file.

    The web server hands the app a request body as a stream; the form parser `write`s each file
    part here as it arrives, `seek(0)`s at the part's end, and the view then `read`s the plaintext
    back — to encrypt it into the case (`UnlockedCase.add_attachment`) or to import a `.chcase`.
    The ciphertext goes to `file`, a nameless file in the data dir's attachments folder
    (`CaseStore.spool_file`): a crash leaves nothing readable, and on POSIX nothing at all.
    Memory stays flat: at most one cipher chunk is buffered each way.

    Only `seek(0)` is supported (rewinding re-reads from the start); `close()` forgets the key.
    """

    def __init__(self, file: BinaryIO) -> None:
        self._file = file
        self._key = new_attachment_key()
        self._id = secrets.token_hex(16)
        self._sealer: AttachmentSealer | None = AttachmentSealer(
            self._key, _SPOOL_CONTEXT, self._id
        )
        self._chunks: Iterator[bytes] | None = None
        self._buffered = b""
        self._buffered_at = 0
        self.size = 0
        self._detached = False
        self._file.write(FILE_MAGIC + bytes([FILE_VERSION]))

    # -- file-like surface the form parser and the views use -------------------------------
    def write(self, data: bytes) -> int:
        if self._sealer is None:
            raise ValueError("a spool is written once, then read")
        self.size += len(data)
        self._file.write(self._sealer.update(bytes(data)))
        return len(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        if offset != 0 or whence != 0:
            raise ValueError("a spool can only be rewound to its start")
        if self._sealer is not None:
            self._file.write(self._sealer.finalize())
            self._file.flush()
            self._sealer = None
        self._file.seek(0)
        unclosed = cast(BinaryIO, _Unclosed(self._file))
        self._chunks = open_stream(unclosed, self._key, _SPOOL_CONTEXT, self._id)
        self._buffered = b""
        self._buffered_at = 0
        return 0

    def tell(self) -> int:
        return 0 if self._chunks is None else -1

    def read(self, size: int = -1) -> bytes:
        if self._chunks is None:
            self.seek(0)
        parts: list[bytes] = []
        wanted = size if size is not None and size >= 0 else None
        got = 0
        while wanted is None or got < wanted:
            if self._buffered_at >= len(self._buffered):
                assert self._chunks is not None  # noqa: S101 - set by seek() above
                chunk = next(self._chunks, None)
                if chunk is None:
                    break
                self._buffered, self._buffered_at = chunk, 0
            take = len(self._buffered) - self._buffered_at
            if wanted is not None:
                take = min(take, wanted - got)
            parts.append(self._buffered[self._buffered_at : self._buffered_at + take])
            self._buffered_at += take
            got += take
        return b"".join(parts)

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return self._sealer is not None

    def seekable(self) -> bool:
        return True

    def flush(self) -> None:
        return None

    @property
    def closed(self) -> bool:
        return self._detached or self._file.closed

    def detach(self) -> EncryptedSpool:
        """This spool as a new object that outlives the request (closing this one then does
        nothing to it): for a file kept across requests, e.g. an import awaiting "replace?"."""
        kept = copy.copy(self)
        self._detached = True
        self._chunks = None
        return kept

    def close(self) -> None:
        """Forget the key and drop the ciphertext (idempotent; nothing once detached)."""
        if self._detached:
            return
        self._key.wipe()
        self._chunks = None
        self._buffered = b""
        self._file.close()

    def __enter__(self) -> EncryptedSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Unclosed:
    """The spool's file as `open_stream` reads it, without letting it close the file (a spool can
    be rewound and read again)."""

    def __init__(self, file: BinaryIO) -> None:
        self._file = file

    def read(self, size: int = -1) -> bytes:
        return self._file.read(size)

    def close(self) -> None:
        return None
