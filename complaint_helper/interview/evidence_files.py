"""Which files may be attached as evidence: images, PDF, audio and plain text (no Flask).

A file is accepted when its name ends in a known extension AND its first bytes look like that kind
of file. The name alone is not trusted (a renamed program is refused); the bytes alone are not
enough either (the type shown back to the person comes from a short list, never from the browser).
The vault encrypts whatever is accepted; nothing here reads more than the first bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

# Enough to see every signature below.
SNIFF_BYTES = 64


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
        "txt": (_is_text(head), FileKind("text/plain", "a text file")),
    }
    found = checks.get(extension)
    if found is None or not found[0]:
        return None
    return found[1]


ACCEPTED_EXTENSIONS: tuple[str, ...] = (
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "heic", "mp3", "m4a", "wav", "ogg", "txt",
)  # fmt: skip
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in ACCEPTED_EXTENSIONS)

REFUSED_TYPE = (
    "This kind of file can't be attached. You can attach photos or screenshots (JPG, PNG, GIF, "
    "WEBP, HEIC), PDFs, sound recordings (MP3, M4A, WAV, OGG) or text files (TXT). You can still "
    "describe the evidence without attaching it."
)


def accepted_kind(filename: str, head: bytes) -> FileKind | None:
    """The kind of an uploaded file, or None when it is not one we accept."""
    _, dot, extension = filename.rpartition(".")
    if not dot:
        return None
    return _kind_for(extension.lower(), head[:SNIFF_BYTES])


def describe_size(size: int) -> str:
    """A file size in words a person reads at a glance: "2.4 MB"."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
