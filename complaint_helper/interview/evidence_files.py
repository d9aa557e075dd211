"""Which files may be attached as evidence (no Flask): images, PDF, sound recordings, screen
recordings and videos (MP4, MOV), documents (DOCX, ODT), saved emails (EML) and plain text.

Boards take complaints with supporting documents in common formats — photos, PDFs, office
documents, recordings on a memory stick or by upload — so these are the formats a person is likely
to hold and a board is likely to open; anything else can still be described.

A file is accepted when its name ends in a known extension AND its first bytes look like that kind
of file. The name alone is not trusted (a renamed program is refused); the bytes alone are not
enough either (the type shown back to the person comes from a short list, never from the browser).
The vault encrypts whatever is accepted; nothing here reads more than the first bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.numbers import format_decimal

from complaint_helper.i18n import babel_locale, lazy_gettext, ngettext
from complaint_helper.i18n import gettext as _

# Enough to see every signature below (an ODT's "mimetype" entry ends at byte 77).
SNIFF_BYTES = 128


@dataclass(frozen=True)
class FileKind:
    media_type: str
    description: str


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as problem:
        # The sniffed prefix may cut a multi-byte character in half at its very end.
        return problem.start >= len(head) - 3
    return True


def _ftyp(head: bytes, brands: tuple[bytes, ...]) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in brands


# Major brands of MP4 files as phones and screen recorders write them.
_MP4_BRANDS = (
    b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"MSNV",
    b"3gp4", b"3gp5", b"3gp6", b"dash", b"mmp4",
)  # fmt: skip
# A QuickTime file starts with an atom: `ftyp` (brand "qt  ") in current files, or one of
# these in older ones.
_QUICKTIME_ATOMS = (b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")
_ZIP = b"PK\x03\x04"
_ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"
_EMAIL_HEADER = re.compile(rb"^(?:From [^\r\n]*\r?\n)?[A-Za-z0-9-]{1,76}:[ \t]")


def _is_quicktime(head: bytes) -> bool:
    return _ftyp(head, (b"qt  ",)) or head[4:8] in _QUICKTIME_ATOMS


def _is_odt(head: bytes) -> bool:
    # ODF puts an uncompressed "mimetype" entry first, so its content sits right after the name.
    return head.startswith(_ZIP) and head[30:77] == _ODT_MIMETYPE


def _is_email(head: bytes) -> bool:
    return _is_text(head) and _EMAIL_HEADER.match(head) is not None


def _kind_for(extension: str, head: bytes) -> FileKind | None:
    checks: dict[str, tuple[bool, FileKind]] = {
        "pdf": (head.startswith(b"%PDF-"), FileKind("application/pdf", "a PDF")),
        "png": (head.startswith(b"\x89PNG\r\n\x1a\n"), FileKind("image/png", "an image")),
        "jpg": (head.startswith(b"\xff\xd8\xff"), FileKind("image/jpeg", "an image")),
        "jpeg": (head.startswith(b"\xff\xd8\xff"), FileKind("image/jpeg", "an image")),
        "gif": (head[:6] in (b"GIF87a", b"GIF89a"), FileKind("image/gif", "an image")),
        "webp": (
            head.startswith(b"RIFF") and head[8:12] == b"WEBP",
            FileKind("image/webp", "an image"),
        ),
        "heic": (
            _ftyp(head, (b"heic", b"heix", b"mif1", b"msf1")),
            FileKind("image/heic", "an image"),
        ),
        "mp3": (
            head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] >= 0xE0),
            FileKind("audio/mpeg", "a sound recording"),
        ),
        "m4a": (
            _ftyp(head, (b"M4A ", b"mp42", b"isom", b"M4B ")),
            FileKind("audio/mp4", "a sound recording"),
        ),
        "wav": (
            head.startswith(b"RIFF") and head[8:12] == b"WAVE",
            FileKind("audio/wav", "a sound recording"),
        ),
        "ogg": (head.startswith(b"OggS"), FileKind("audio/ogg", "a sound recording")),
        "mp4": (_ftyp(head, _MP4_BRANDS), FileKind("video/mp4", "a video")),
        "mov": (_is_quicktime(head), FileKind("video/quicktime", "a video")),
        "docx": (
            head.startswith(_ZIP),
            FileKind(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "a document",
            ),
        ),
        "odt": (_is_odt(head), FileKind("application/vnd.oasis.opendocument.text", "a document")),
        "eml": (_is_email(head), FileKind("message/rfc822", "an email")),
        "txt": (_is_text(head), FileKind("text/plain", "a text file")),
    }
    found = checks.get(extension)
    if found is None or not found[0]:
        return None
    return found[1]


ACCEPTED_EXTENSIONS: tuple[str, ...] = (
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "heic", "mp3", "m4a", "wav", "ogg", "mp4", "mov",
    "docx", "odt", "eml", "txt",
)  # fmt: skip
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in ACCEPTED_EXTENSIONS)

REFUSED_TYPE = lazy_gettext(
    "This kind of file can't be attached. You can attach photos or screenshots (JPG, PNG, GIF, "
    "WEBP, HEIC), PDFs, sound recordings (MP3, M4A, WAV, OGG), screen recordings or videos (MP4, "
    "MOV), documents (DOCX, ODT), saved emails (EML) or text files (TXT). You can still describe "
    "the evidence without attaching it."
)


def accepted_kind(filename: str, head: bytes) -> FileKind | None:
    """The kind of an uploaded file, or None when it is not one we accept."""
    _, dot, extension = filename.rpartition(".")
    if not dot:
        return None
    return _kind_for(extension.lower(), head[:SNIFF_BYTES])


def describe_size(size: int) -> str:
    """A file size in words a person reads at a glance: "2.4 MB" ("2,4 MB" in Spanish)."""
    locale = babel_locale()
    if size < 1024:
        return ngettext("%(num)d byte", "%(num)d bytes", size)
    if size < 1024 * 1024:
        return _("%(size)s KB", size=format_decimal(round(size / 1024), locale=locale))
    megabytes = format_decimal(round(size / (1024 * 1024), 1), format="#,##0.0", locale=locale)
    return _("%(size)s MB", size=megabytes)
