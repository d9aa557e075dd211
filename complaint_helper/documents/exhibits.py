"""Exhibits: how evidence items are numbered, and the exhibit bundle (a streamed ZIP of copies).

The numbering here is the one definition both the exhibit index in the PDF and the bundle use, so
"Exhibit 3" in the index is "Exhibit 03.jpg" in the ZIP. Bundle names are neutral: never any part
of the uploaded file's name. Every copy is made by cleaning.py (no place, time, camera or author);
the index gives the fingerprint of the copy actually sent (`sent_files`).

The bundle is built as a generator of byte chunks. Images and PDFs are read whole (up to
cleaning.MAX_CLEAN_BYTES) to be cleaned; text files are streamed in decrypted chunks straight into
the output. Nothing is written to disk. The vault's iterator raises when a file is damaged or cut
short; that exception (or a SHA-256 that does not match the one recorded when the file was added) is
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

from complaint_helper.documents import cleaning
from complaint_helper.i18n import gettext, lazy_gettext
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
        """ "Exhibit 3", in the current language."""
        return gettext("Exhibit %(number)s", number=self.number)

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


_KINDS: dict[str, str] = {
    "image": lazy_gettext("an image"),
    "audio": lazy_gettext("a sound recording"),
    "video": lazy_gettext("a video"),
    "application/pdf": lazy_gettext("a PDF"),
    "message/rfc822": lazy_gettext("an email"),
    "text/plain": lazy_gettext("a text file"),
}
_DOCUMENT = lazy_gettext("a document")


def file_kind(media_type: str) -> str:
    """ "a video", "a document": what kind of file this is, in words (current language)."""
    return str(_KINDS.get(media_type) or _KINDS.get(media_type.partition("/")[0], _DOCUMENT))


# Extensions of the kinds that cannot be cleaned, for naming them in the index.
_OTHER_EXTENSIONS: dict[str, str] = {
    "image/heic": "heic",
    "audio/mpeg": "mp3",
    "audio/mp4": "m4a",
    "audio/wav": "wav",
    "audio/ogg": "ogg",
    "video/mp4": "mp4",
    "video/quicktime": "mov",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.text": "odt",
}


def _extension(attached: EvidenceFile) -> str:
    return cleaning.EXTENSIONS.get(attached.media_type) or _OTHER_EXTENSIONS.get(
        attached.media_type, ""
    )


def bundle_name(exhibit: Exhibit, attached: EvidenceFile) -> str:
    """The neutral name of an exhibit's file: "Exhibit 01.jpg", or with several files in one
    exhibit "Exhibit 01-2.pdf" for the second. Never any part of the uploaded file's name."""
    number = f"{exhibit.number:02d}"
    if len(exhibit.item.files) > 1:
        number += f"-{exhibit.item.files.index(attached) + 1}"
    extension = _extension(attached)
    return f"Exhibit {number}.{extension}" if extension else f"Exhibit {number}"


@dataclass(frozen=True)
class SentFile:
    """What the exhibit index says about one attached file: the name and fingerprint of the copy
    actually sent, or why it was left out (`sha256` empty)."""

    name: str
    sha256: str
    size: int | None
    note: str

    @property
    def sent(self) -> bool:
        return bool(self.sha256)


def _read_whole(attached: EvidenceFile, read_attachment: AttachmentReader, label: str) -> bytes:
    digest = hashlib.sha256()
    parts: list[bytes] = []
    for chunk in read_attachment(attached.attachment_id):
        digest.update(chunk)
        parts.append(chunk)
    if attached.sha256 and digest.hexdigest() != attached.sha256.lower():
        raise DamagedExhibitError(label)
    return b"".join(parts)


def clean_copy_of(attached: EvidenceFile, read_attachment: AttachmentReader, label: str) -> bytes:
    """The clean copy of one file (raises cleaning.CannotCleanError when it cannot be sent)."""
    if not cleaning.can_clean(attached.media_type):
        raise cleaning.CannotCleanError(cleaning.NOT_CLEANABLE)
    if (attached.size or 0) > cleaning.MAX_CLEAN_BYTES:
        raise cleaning.CannotCleanError(cleaning.TOO_LARGE)
    original = _read_whole(attached, read_attachment, label)
    return cleaning.clean_copy(attached.media_type, original).data


# Fingerprints of clean copies already made in this process (or why none could be made), by
# (original SHA-256, media type): cleaning is deterministic, so the index need not clean 600
# screenshots again on every download. Holds fingerprints and sizes only, never content.
_SENT_CACHE: dict[tuple[str, str], tuple[str, int, str]] = {}
_SENT_CACHE_LIMIT = 4_096


def sent_files(answers: Answers, read_attachment: AttachmentReader) -> dict[str, SentFile]:
    """For every attached file, by attachment id: what the bundle holds for it."""
    out: dict[str, SentFile] = {}
    for exhibit in numbered_exhibits(answers):
        for attached in exhibit.item.files:
            name = bundle_name(exhibit, attached)
            key = (attached.sha256.lower(), attached.media_type)
            if attached.sha256 and key in _SENT_CACHE:
                sha, known_size, note = _SENT_CACHE[key]
                out[attached.attachment_id] = SentFile(name, sha, known_size or None, note)
                continue
            try:
                if cleaning.is_pass_through(attached.media_type):
                    data = _read_whole(attached, read_attachment, exhibit.label)
                    note = cleaning.NOTHING_HIDDEN
                else:
                    data = clean_copy_of(attached, read_attachment, exhibit.label)
                    note = cleaning.CLEANED
            except cleaning.CannotCleanError as problem:
                out[attached.attachment_id] = SentFile(name, "", None, problem.reason)
                if attached.sha256 and len(_SENT_CACHE) < _SENT_CACHE_LIMIT:
                    _SENT_CACHE[key] = ("", 0, problem.reason)  # not read again either
                continue
            sha = hashlib.sha256(data).hexdigest()
            if attached.sha256 and len(_SENT_CACHE) < _SENT_CACHE_LIMIT:
                _SENT_CACHE[key] = (sha, len(data), note)
            out[attached.attachment_id] = SentFile(name, sha, len(data), note)
    return out


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
    """Yield a ZIP holding a clean copy of every attached file that can be sent, named by exhibit
    number only ("Exhibit 01.jpg"). Files that cannot be cleaned are left out; the exhibit index
    says so.

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
                if cleaning.is_pass_through(attached.media_type):
                    # Nothing hidden to remove: streamed in pieces, whatever its size.
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
                else:
                    try:
                        copy = clean_copy_of(attached, read_attachment, exhibit.label)
                    except cleaning.CannotCleanError:
                        continue  # left out, and the index says why
                    with bundle.open(info, mode="w") as member:
                        member.write(copy)
                data = sink.drain()
                if data:
                    yield data
    data = sink.drain()
    if data:
        yield data
