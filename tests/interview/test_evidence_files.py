"""Which files may be attached: the name and the first bytes must agree."""

from __future__ import annotations

import io
import zipfile

import pytest

from complaint_helper.interview.evidence_files import accepted_kind, describe_size


def _odt_head() -> bytes:
    # What LibreOffice writes first: an uncompressed "mimetype" entry.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        odt.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()[:128]


ODT_HEAD = _odt_head()


@pytest.mark.parametrize(
    ("name", "head", "media_type"),
    [
        ("Bank.PDF", b"%PDF-1.7\n", "application/pdf"),
        ("texts.png", b"\x89PNG\r\n\x1a\n\x00", "image/png"),
        ("photo.jpeg", b"\xff\xd8\xff\xe0", "image/jpeg"),
        ("card.gif", b"GIF89a", "image/gif"),
        ("shot.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        ("voicemail.m4a", b"\x00\x00\x00\x20ftypM4A \x00", "audio/mp4"),
        ("voicemail.mp3", b"ID3\x04", "audio/mpeg"),
        ("memo.wav", b"RIFF\x00\x00\x00\x00WAVEfmt ", "audio/wav"),
        ("notes.txt", "Él dijo: «no se lo digas a nadie»".encode(), "text/plain"),
        ("Screen Recording.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00", "video/mp4"),
        ("RPReplay_Final.MOV", b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00", "video/quicktime"),
        ("old-clip.mov", b"\x00\x00\x00\x08wide\x00\x00", "video/quicktime"),
        (
            "letter.docx",
            b"PK\x03\x04\x14\x00\x06\x00",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("letter.odt", ODT_HEAD, "application/vnd.oasis.opendocument.text"),
        ("message.eml", b"Return-Path: <a@example.org>\r\nFrom: A", "message/rfc822"),
        ("mbox-style.eml", b"From a@example.org Mon Jan 1\nSubject: hi\n", "message/rfc822"),
    ],
)
def test_known_files_are_accepted(name: str, head: bytes, media_type: str) -> None:
    kind = accepted_kind(name, head)
    assert kind is not None
    assert kind.media_type == media_type


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("setup.exe", b"MZ\x90\x00"),
        ("statement.pdf", b"MZ\x90\x00"),  # a program renamed to look like a PDF
        ("page.html", b"<html><script>"),
        ("no-extension", b"%PDF-1.4"),
        ("binary.txt", b"\x00\x01\x02"),
        ("image.png", b""),
        ("video.mp4", b"%PDF-1.4 renamed"),
        ("letter.docx", b"%PDF-1.4"),
        ("letter.odt", b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/zip"),
        ("message.eml", b"<html><body>not an email"),
    ],
)
def test_other_files_are_refused(name: str, head: bytes) -> None:
    assert accepted_kind(name, head) is None


def test_a_text_file_cut_mid_character_is_still_text() -> None:
    head = ("é" * 40).encode()[:63]
    assert accepted_kind("notes.txt", head) is not None


def test_sizes_read_at_a_glance() -> None:
    assert describe_size(500) == "500 bytes"
    assert describe_size(2_048) == "2 KB"
    assert describe_size(5 * 1024 * 1024) == "5.0 MB"
