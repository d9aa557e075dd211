"""Copies of evidence files without traces: what goes to a board carries no place, time, name or
device that the person did not mean to send (issue #13).

A photo's EXIF, XMP and IPTC blocks hold the GPS position where it was taken, the time, the
camera or phone, and often the owner's name ("Artist"); a PDF's document information and XMP hold
the author and the program. A board usually passes copies to the professional. So every copy the
app makes of a file is made here, with kept libraries (Pillow for images, pypdf for PDFs), never a
hand-written parser:

- JPEG: re-saved with the original quantisation tables (`quality="keep"`, no further loss) and no
  metadata except the colour profile; a photo stored sideways is turned upright first (its
  orientation tag is one of the things removed), which costs one re-encoding.
- PNG, GIF: re-saved losslessly with no text, EXIF or XMP chunks (transparency kept).
- WebP: re-saved losslessly.
- PDF: document information and XMP removed from the document and every page.
- Plain text and saved emails carry no hidden block: what is in them is what the person sees.
- Everything else (HEIC, sound, video, office documents) cannot be cleaned here: it is never sent
  silently — the exhibit index and the documents page say it is left out and why, and the person
  can send it themselves after checking it.

The original stays in the vault untouched with its SHA-256; the index gives the fingerprint of the
copy actually sent.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from complaint_helper.i18n import lazy_gettext

# A file larger than this is not read into memory to be cleaned (it is left out and said so).
MAX_CLEAN_BYTES = 64 * 1024 * 1024

EXTENSIONS: dict[str, str] = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "application/pdf": "pdf",
    "text/plain": "txt",
    "message/rfc822": "eml",
}
_PASS_THROUGH = frozenset({"text/plain", "message/rfc822"})

# The sentences the exhibit index prints about a copy, as lazy strings (text in the language
# current where they are printed: the index is built under the document's language).
CLEANED = lazy_gettext(
    "Hidden details (such as place, time, device and author) removed from this copy."
)
NOTHING_HIDDEN = lazy_gettext(
    "This kind of file holds no hidden details; the copy is the file as it is."
)
NOT_CLEANABLE = lazy_gettext(
    "Not in the bundle: the app cannot remove hidden details (such as place, time or author) "
    "from this kind of file. Check it and send it yourself if you want to, or ask the board how "
    "to provide it."
)
TOO_LARGE = lazy_gettext(
    "Not in the bundle: the file is too large for the app to remove its hidden details. Check it "
    "and send it yourself if you want to, or ask the board how to provide it."
)
UNREADABLE = lazy_gettext(
    "Not in the bundle: the app could not read this file to remove its hidden details. Check it "
    "and send it yourself if you want to."
)

LOCKED_PDF = lazy_gettext(
    "Not in the bundle: this PDF is locked with a password, so the app cannot remove its "
    "hidden details. Check it and send it yourself if you want to."
)


class CannotCleanError(Exception):
    """The file could not be cleaned; `reason` is the sentence the index prints."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def can_clean(media_type: str) -> bool:
    """True for the kinds of file a clean copy can be made of."""
    return media_type in EXTENSIONS


def is_pass_through(media_type: str) -> bool:
    return media_type in _PASS_THROUGH


@dataclass(frozen=True)
class CleanCopy:
    data: bytes
    extension: str
    note: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def clean_copy(media_type: str, original: bytes) -> CleanCopy:
    """A copy of the file as it may leave the computer; raises CannotCleanError otherwise."""
    if media_type not in EXTENSIONS:
        raise CannotCleanError(NOT_CLEANABLE)
    extension = EXTENSIONS[media_type]
    if media_type in _PASS_THROUGH:
        return CleanCopy(original, extension, NOTHING_HIDDEN)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            data = (
                _clean_pdf(original)
                if media_type == "application/pdf"
                else _clean_image(media_type, original)
            )
    except CannotCleanError:
        raise
    except Exception as error:  # a damaged or hostile file: left out, and said so
        raise CannotCleanError(UNREADABLE) from error
    return CleanCopy(data, extension, CLEANED)


def _clean_image(media_type: str, original: bytes) -> bytes:
    source = Image.open(BytesIO(original))
    source.load()
    fmt = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WEBP"}[
        media_type
    ]
    if source.format != fmt:
        raise CannotCleanError(UNREADABLE)
    icc = source.info.get("icc_profile")
    transparency = source.info.get("transparency")
    out = BytesIO()
    options: dict[str, Any] = {}
    if icc:
        options["icc_profile"] = icc
    if fmt == "JPEG":
        upright = ImageOps.exif_transpose(source)
        if upright is not source and upright is not None:
            upright.info.clear()
            upright.save(out, "JPEG", quality=95, subsampling=0, **options)
        else:
            source.info.clear()
            source.save(out, "JPEG", quality="keep", **options)
        return out.getvalue()
    frames = getattr(source, "n_frames", 1)
    source.info.clear()
    if transparency is not None:
        source.info["transparency"] = transparency
        options["transparency"] = transparency
    if fmt == "PNG":
        source.save(out, "PNG", optimize=False, **options)
    elif fmt == "GIF":
        source.save(out, "GIF", save_all=frames > 1, comment=b"", **options)
    else:
        source.save(out, "WEBP", lossless=True, save_all=frames > 1, exif=b"", xmp=b"", **options)
    return out.getvalue()


def _clean_pdf(original: bytes) -> bytes:
    reader = PdfReader(BytesIO(original))
    if reader.is_encrypted:
        raise CannotCleanError(LOCKED_PDF)
    writer = PdfWriter(clone_from=reader)
    writer.metadata = None
    root = writer.root_object
    for key in ("/Metadata", "/PieceInfo"):
        if NameObject(key) in root:
            del root[NameObject(key)]
    for page in writer.pages:
        for key in ("/Metadata", "/PieceInfo"):
            if NameObject(key) in page:
                del page[NameObject(key)]
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
