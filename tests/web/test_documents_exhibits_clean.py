"""Exhibits without traces (issue #13), read back as an adversary would: photos with GPS, the
owner's name and XMP made here with Pillow, a PDF with an author, uploaded to a real vault and
downloaded through the app. No bundle holds any of it, no bundle name holds any part of an
uploaded name, and the index gives the fingerprint of each file actually sent."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from typing import Any

from PIL import Image
from pypdf import PdfReader, PdfWriter

from complaint_helper.interview import repository
from complaint_helper.interview.model import EvidenceFile
from tests.documents.conftest import pdf_text, squash
from tests.stories import make_maya

ARTIST = "Dana Okafor-Lindqvist"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="'
    + ARTIST.encode()
    + b'"/></rdf:RDF></x:xmpmeta>'
)
TRACES = [ARTIST.encode(), b"Okafor", b"Pixel 7 Pro", b"GPS", b"xmpmeta", b"Lindqvist"]


def exif() -> Image.Exif:
    data = Image.Exif()
    data[0x013B] = ARTIST  # Artist
    data[0x0110] = "Pixel 7 Pro"  # camera model
    data[0x0132] = "2021:06:14 19:02:11"  # date and time
    data[0x8825] = {1: "N", 2: (27.0, 57.0, 1.5), 3: "W", 4: (82.0, 27.0, 3.25)}  # GPS
    return data


def photo(fmt: str) -> bytes:
    image = Image.new("RGB", (64, 48), (180, 40, 40))
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", exif=exif(), xmp=XMP, quality=90)
    else:
        image.save(out, "PNG", exif=exif(), xmp=XMP)
    return out.getvalue()


def pdf_with_author() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": ARTIST, "/Creator": "Pixel 7 Pro"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


UPLOADS = [
    ("dana-okafor-lindqvist-texts-2020.jpg", "image/jpeg", photo("JPEG")),
    ("okafor birthday card.png", "image/png", photo("PNG")),
    ("Lindqvist statement.pdf", "application/pdf", pdf_with_author()),
    ("okafor voicemail.mp4", "video/mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 500),
]


def test_bundle_and_index_carry_no_place_name_or_camera(case_client: Any) -> None:
    for _, _, data in UPLOADS[:3]:
        assert any(trace in data for trace in TRACES)  # the test files do carry the traces
    answers = make_maya()
    item = answers.evidence[0]
    for filename, media_type, data in UPLOADS:
        info = case_client.case.add_attachment(
            io.BytesIO(data), filename=filename, media_type=media_type
        )
        item.files.append(
            EvidenceFile(info.attachment_id, filename, media_type, info.size, info.sha256)
        )
    answers.chosen_boards = ["ca-psychology"]
    repository.save_answers(case_client.case, answers)

    response = case_client.get("/case/document/download?kind=exhibits")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.data)) as bundle:
        names = bundle.namelist()
        members = {name: bundle.read(name) for name in names}
    # Neutral names only; the video that cannot be cleaned is left out, never sent silently.
    assert names == ["Exhibit 01-1.jpg", "Exhibit 01-2.png", "Exhibit 01-3.pdf"]
    for name in names:
        words = set(re.findall(r"[a-z]+", name.lower())) - {"exhibit", "jpg", "png", "pdf"}
        assert not words, name
    for name, data in members.items():
        for trace in TRACES:
            assert trace not in data, (name, trace)
        if name.endswith(("jpg", "png")):
            image = Image.open(io.BytesIO(data))
            assert not image.getexif(), name
            assert not image.getexif().get_ifd(0x8825), name
            assert "xmp" not in image.info and "exif" not in image.info, name
            assert image.size == (64, 48)
        else:
            reader = PdfReader(io.BytesIO(data))
            assert not reader.metadata
            root = reader.trailer["/Root"].get_object()
            assert isinstance(root, dict) and "/Metadata" not in root
            assert len(reader.pages) == 1

    board = case_client.get("/case/document/download?kind=board")
    text = pdf_text(board.data)
    flat = squash(text)
    for name, data in members.items():
        assert hashlib.sha256(data).hexdigest() in flat  # the copy sent, fingerprinted
        assert name.replace(" ", "") in flat
    for filename, _, data in UPLOADS:
        assert hashlib.sha256(data).hexdigest() not in flat  # not the original's fingerprint
        assert squash(filename) not in flat
    assert "Exhibit01-4.mp4(avideo)" in flat and "Notinthebundle" in flat
    for variant in ("advocate", "anonymous"):
        copy = pdf_text(
            case_client.get(f"/case/document/download?kind=board&variant={variant}").data
        )
        assert "okafor" not in copy.lower() and "lindqvist" not in copy.lower()


def test_the_documents_page_names_files_left_out_of_the_bundle(case_client: Any) -> None:
    answers = make_maya()
    filename, media_type, data = UPLOADS[3]
    info = case_client.case.add_attachment(
        io.BytesIO(data), filename=filename, media_type=media_type
    )
    answers.evidence[1].files.append(
        EvidenceFile(info.attachment_id, filename, media_type, info.size, info.sha256)
    )
    repository.save_answers(case_client.case, answers)
    page = case_client.get("/case/document").get_data(as_text=True)
    assert "Not in the exhibit bundle: Exhibit 02.mp4 (a video)." in page
    assert "okafor" not in page.lower()


def test_the_printable_bundle_has_a_cover_per_exhibit_then_each_page(case_client: Any) -> None:
    answers = make_maya()
    for index, (filename, media_type, data) in enumerate(UPLOADS):
        info = case_client.case.add_attachment(
            io.BytesIO(data), filename=filename, media_type=media_type
        )
        answers.evidence[index].files.append(
            EvidenceFile(info.attachment_id, filename, media_type, info.size, info.sha256)
        )
    repository.save_answers(case_client.case, answers)
    assert "Printable exhibits" in case_client.get("/case/document").get_data(as_text=True)
    response = case_client.get("/case/document/download?kind=exhibits-pdf")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="attachments.pdf"'
    data = response.data
    for trace in TRACES:
        assert trace not in data
    reader = PdfReader(io.BytesIO(data))
    assert not reader.metadata
    pages = [page.extract_text() for page in reader.pages]
    total = len(pages)
    # Contents, then: exhibit 1 cover + photo, 2 cover + photo, 3 cover + the PDF's page,
    # 4 cover only (a video cannot be printed).
    assert total == 1 + 2 + 2 + 2 + 1
    assert all(f"page {number} of {total}" in text for number, text in enumerate(pages, 1))
    contents = squash(pages[0])
    for number, start in ((1, 2), (2, 4), (3, 6), (4, 8)):
        assert f"Exhibit{number}" in contents and squash(f"Exhibit {number}") in squash(
            pages[start - 1]
        )
    with zipfile.ZipFile(
        io.BytesIO(case_client.get("/case/document/download?kind=exhibits").data)
    ) as bundle:
        for name in bundle.namelist():
            # The same clean copies as the ZIP: the fingerprints on the covers match.
            assert hashlib.sha256(bundle.read(name)).hexdigest() in squash("".join(pages))
    assert "cannot be shown on paper" in " ".join(pages[7].split())
    assert "okafor" not in "".join(pages).lower()


def test_the_printable_exhibits_follow_the_language_chosen_for_them(case_client: Any) -> None:
    """They go to the board with the letter: English by default, Spanish when chosen on their
    card (the same choice the letter to the board offers); anything else is refused kindly."""
    answers = make_maya()
    filename, media_type, data = UPLOADS[0]
    info = case_client.case.add_attachment(
        io.BytesIO(data), filename=filename, media_type=media_type
    )
    answers.evidence[0].files.append(
        EvidenceFile(info.attachment_id, filename, media_type, info.size, info.sha256)
    )
    repository.save_answers(case_client.case, answers)
    page = case_client.get("/case/document").get_data(as_text=True)
    assert 'id="language-exhibits-pdf-es"' in page and 'id="language-exhibits-pdf-en"' in page

    def first_page(language: str) -> str:
        response = case_client.get(f"/case/document/download?kind=exhibits-pdf&language={language}")
        assert response.status_code == 200
        return squash(PdfReader(io.BytesIO(response.data)).pages[0].extract_text())

    assert "Exhibit1" in first_page("en")
    assert "Anexo1" in first_page("es") and "Exhibit1" not in first_page("es")
    refused = case_client.get("/case/document/download?kind=exhibits-pdf&language=xx")
    assert refused.status_code == 400
