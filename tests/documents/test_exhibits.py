"""The exhibit bundle: decrypted copies from a real vault, numbered as the index, never partial."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from complaint_helper.documents.exhibits import (
    DamagedExhibitError,
    bundle_name,
    numbered_exhibits,
    safe_filename,
    stream_exhibit_bundle,
)
from complaint_helper.interview.model import Answers, EvidenceFile, EvidenceItem
from complaint_helper.vault import KDF_FLOOR, DamagedAttachment, UnlockedCase, Vault
from tests.stories import make_maya


@pytest.fixture
def case(tmp_path: Path) -> Iterator[UnlockedCase]:
    vault = Vault(tmp_path / "data", kdf=KDF_FLOOR)
    unlocked = vault.create_case("test case", "plum orbit cactus window seven")
    yield unlocked
    unlocked.lock()
    vault.close()


def attach(
    case: UnlockedCase,
    item: EvidenceItem,
    data: bytes,
    filename: str,
    media_type: str = "text/plain",
) -> None:
    info = case.add_attachment(io.BytesIO(data), filename=filename, media_type=media_type)
    item.files.append(
        EvidenceFile(info.attachment_id, filename, media_type, size=info.size, sha256=info.sha256)
    )


def maya_with_files(case: UnlockedCase) -> tuple[Answers, dict[str, bytes]]:
    answers = make_maya()
    screenshots = os.urandom(300_000)  # several chunks, incompressible
    card = b"a card\n" * 1000
    attach(case, answers.evidence[0], screenshots, "texts/2022 screenshots.txt")
    attach(case, answers.evidence[2], card, "card.txt")
    return answers, {"Exhibit 01.txt": screenshots, "Exhibit 03.txt": card}


def test_bundle_holds_each_file_named_by_its_exhibit_number(case: UnlockedCase) -> None:
    answers, expected = maya_with_files(case)
    data = b"".join(stream_exhibit_bundle(answers, case.read_attachment))
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        assert bundle.testzip() is None
        assert bundle.namelist() == list(expected)
        for name, content in expected.items():
            assert bundle.read(name) == content
            assert hashlib.sha256(bundle.read(name)).hexdigest() in {
                f.sha256 for item in answers.evidence for f in item.files
            }


def test_every_file_of_an_item_is_in_the_bundle_numbered_within_its_exhibit(
    case: UnlockedCase,
) -> None:
    answers = make_maya()
    attach(case, answers.evidence[1], b"first file", "one.txt")
    attach(case, answers.evidence[1], b"second file", "two.txt")
    attach(case, answers.evidence[1], b"a video", "three.mp4", "video/mp4")
    data = b"".join(stream_exhibit_bundle(answers, case.read_attachment))
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        # The video cannot be cleaned: it is left out (the index says why), never sent silently.
        assert bundle.namelist() == ["Exhibit 02-1.txt", "Exhibit 02-2.txt"]
        assert bundle.read("Exhibit 02-2.txt") == b"second file"


def test_bundle_streams_in_pieces(case: UnlockedCase) -> None:
    answers, _ = maya_with_files(case)
    assert len(list(stream_exhibit_bundle(answers, case.read_attachment))) > 2


def test_two_bundles_of_the_same_case_are_identical(case: UnlockedCase) -> None:
    answers, _ = maya_with_files(case)
    first = b"".join(stream_exhibit_bundle(answers, case.read_attachment))
    second = b"".join(stream_exhibit_bundle(answers, case.read_attachment))
    assert first == second


def test_a_case_without_files_gives_an_empty_valid_zip() -> None:
    data = b"".join(stream_exhibit_bundle(make_maya(), lambda _id: iter(())))
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        assert bundle.namelist() == []


def test_damaged_attachment_aborts_the_stream(case: UnlockedCase, tmp_path: Path) -> None:
    answers, _ = maya_with_files(case)
    blobs = sorted((tmp_path / "data" / "attachments").iterdir(), key=lambda p: p.stat().st_size)
    biggest = blobs[-1]  # the screenshots, exhibit 1
    damaged = bytearray(biggest.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01
    biggest.write_bytes(bytes(damaged))
    received = bytearray()
    with pytest.raises(DamagedAttachment):
        for chunk in stream_exhibit_bundle(answers, case.read_attachment):
            received.extend(chunk)
    # What got out before the abort is not a readable archive that could pass as whole.
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(bytes(received)))


def test_a_file_that_reads_back_different_aborts_the_stream(case: UnlockedCase) -> None:
    answers, _ = maya_with_files(case)
    answers.evidence[2].files[0].sha256 = "0" * 64
    with pytest.raises(DamagedExhibitError, match="Exhibit 3"):
        b"".join(stream_exhibit_bundle(answers, case.read_attachment))


def test_numbers_match_the_exhibit_index_even_when_items_have_no_file() -> None:
    answers = make_maya()
    journal = EvidenceFile("x" * 32, filename="journal.pdf", media_type="application/pdf")
    answers.evidence[3].files = [journal]
    exhibits = numbered_exhibits(answers)
    assert [exhibit.number for exhibit in exhibits] == [1, 2, 3, 4]
    assert bundle_name(exhibits[3], journal) == "Exhibit 04.pdf"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "_.._etc_passwd"),
        ("C:\\Users\\me\\photo.jpg", "C__Users_me_photo.jpg"),
        ("bad\x00name\x1b.png", "bad name .png"),
        ("  ...  ", "file"),
        ("", "file"),
        ("Σωκράτης café.pdf", "Σωκράτης café.pdf"),
        ('what?*<>|".txt', "what______.txt"),
        ("a" * 200 + ".jpeg", "a" * 75 + ".jpeg"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected
