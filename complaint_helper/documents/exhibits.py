"""Exhibits: how evidence items are numbered, and the exhibit bundle (a streamed ZIP of copies).

The numbering here is the one definition both the exhibit index in the PDF and the bundle use, so
"Exhibit 3" in the index is "Exhibit 03 - ..." in the ZIP.

The bundle is built as a generator of byte chunks: each attachment is read from the vault as a
stream of decrypted chunks and compressed straight into the output. Nothing is written to disk and
memory stays flat for any size. The vault's iterator raises when a file is damaged or cut short;
that exception (or a SHA-256 that does not match the one recorded when the file was added) is
allowed to escape the generator, so the web server aborts the transfer. A person then gets a failed
download, never a ZIP that looks whole but holds a truncated copy.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from complaint_helper.interview.model import Answers, EvidenceFile, EvidenceItem

# Fixed timestamps keep two bundles of the same case identical and reveal nothing about when the
# person downloaded them.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_MAX_NAME_CHARS = 80
_UNSAFE = re.compile(r'[\\/:*?"<>|]')

# Reads one attachment by id as a stream of decrypted chunks (UnlockedCase.read_attachment).
AttachmentReader = Callable[[str], Iterable[bytes]]


class DamagedExhibitError(Exception):
    """An attachment did not read back whole (its hash differs from the one recorded)."""


@dataclass(frozen=True)
class Exhibit:
    """An evidence item with its number in the complaint (1, 2, …)."""

    number: int
    item: EvidenceItem

    @property
    def label(self) -> str:
        return f"Exhibit {self.number}"

    @property
    def has_file(self) -> bool:
        return bool(self.item.files)


def number_items(items: Sequence[EvidenceItem]) -> list[Exhibit]:
    """Evidence items numbered in the order the person listed them: the one exhibit numbering."""
    return [Exhibit(number, item) for number, item in enumerate(items, start=1)]


def numbered_exhibits(answers: Answers) -> list[Exhibit]:
    """Every evidence item, numbered in the order the person listed them."""
    return number_items(answers.evidence)


def safe_filename(name: str, fallback: str = "file") -> str:
    """A file name that is safe on Windows, macOS and Linux, keeping accents and the extension."""
    cleaned = "".join(
        " " if unicodedata.category(char).startswith("C") else char
        for char in unicodedata.normalize("NFC", name)
    )
    cleaned = _UNSAFE.sub("_", cleaned)
    cleaned = " ".join(cleaned.split()).strip(" .")
    if not cleaned:
        return fallback
    if len(cleaned) > _MAX_NAME_CHARS:
        stem, dot, extension = cleaned.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            cleaned = stem[: _MAX_NAME_CHARS - len(extension) - 1].rstrip(" .") + "." + extension
        else:
            cleaned = cleaned[:_MAX_NAME_CHARS].rstrip(" .")
    return cleaned


def bundle_name(exhibit: Exhibit, attached: EvidenceFile) -> str:
    """The name of an exhibit's file inside the bundle: "Exhibit 01 - messages.png", or with
    several files in one exhibit "Exhibit 01-2 - messages.png" for the second."""
    number = f"{exhibit.number:02d}"
    if len(exhibit.item.files) > 1:
        number += f"-{exhibit.item.files.index(attached) + 1}"
    return f"Exhibit {number} - {safe_filename(attached.filename)}"


class _ChunkSink:
    """A write-only, unseekable file object: zipfile writes into it, the generator drains it."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        if data:
            self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        return None

    def close(self) -> None:
        return None

    def drain(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def stream_exhibit_bundle(answers: Answers, read_attachment: AttachmentReader) -> Iterator[bytes]:
    """Yield a ZIP holding a decrypted copy of every attached file, named by exhibit number.

    Raises (from inside the iteration) when an attachment is damaged; callers streaming this to a
    browser must let the exception abort the response.
    """
    sink = _ChunkSink()
    # An unseekable sink makes zipfile write data descriptors after each member: no seeking back.
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for exhibit in numbered_exhibits(answers):
            for attached in exhibit.item.files:
                info = zipfile.ZipInfo(bundle_name(exhibit, attached), date_time=_ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                digest = hashlib.sha256()
                with bundle.open(info, mode="w") as member:
                    for chunk in read_attachment(attached.attachment_id):
                        digest.update(chunk)
                        member.write(chunk)
                        data = sink.drain()
                        if data:
                            yield data
                expected = attached.sha256
                if expected and digest.hexdigest() != expected.lower():
                    raise DamagedExhibitError(exhibit.label)
                data = sink.drain()
                if data:
                    yield data
    data = sink.drain()
    if data:
        yield data
