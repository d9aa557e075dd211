"""The board page and the downloads, through the real app, a real vault case and real PDFs."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from complaint_helper.boards import load_directory
from complaint_helper.boards.schema import PAGE_FACTS
from complaint_helper.documents.downloads import DOWNLOADS, FORMATS, offered
from complaint_helper.interview import repository
from complaint_helper.interview.model import Answers, EvidenceFile
from complaint_helper.web import documents as documents_web
from complaint_helper.web.app_state import state_of
from tests.documents.conftest import docx_paragraphs, inflated_streams, pdf_text
from tests.stories import make_jordan, make_maya, make_priya


def save(client: Any, answers: Answers) -> None:
    """Store a story in the client's open case exactly as the interview would."""
    repository.save_answers(client.case, answers)


def loaded(client: Any) -> Answers:
    return repository.load_answers(client.case).answers


def attach(
    client: Any, answers: Answers, data: bytes, filename: str, media_type: str = "text/plain"
) -> None:
    info = client.case.add_attachment(io.BytesIO(data), filename=filename, media_type=media_type)
    item = answers.evidence[0]
    item.files.append(
        EvidenceFile(info.attachment_id, filename, media_type, size=info.size, sha256=info.sha256)
    )


# -- the board page ----------------------------------------------------------------------------


def test_board_page_shows_the_routed_board_with_its_reason(case_client: Any) -> None:
    save(case_client, make_maya())
    page = case_client.get("/case/boards").get_data(as_text=True)
    board = load_directory().board("ca-psychology")
    assert board.name in page
    assert "You were in California during sessions" in page
    assert 'name="board" value="ca-psychology" checked' in page


def test_every_known_fact_has_its_source_and_check_date(case_client: Any) -> None:
    save(case_client, make_maya())
    page = case_client.get("/case/boards").get_data(as_text=True)
    board = load_directory().board("ca-psychology")
    for fact in ("complaint_url", "anonymous_complaints", "requires_records_release"):
        source = board.source_for(fact)
        assert source is not None
        assert f'href="{source.url}"' in page
    checked = board.source_for("complaint_url")
    assert checked is not None
    assert (
        f"checked {checked.checked_on.day} {checked.checked_on:%B} {checked.checked_on.year}"
        in page
    )


def test_unknown_facts_are_flagged_to_confirm_on_the_board_website(case_client: Any) -> None:
    save(case_client, make_maya())
    page = case_client.get("/case/boards").get_data(as_text=True)
    board = load_directory().board("ca-psychology")
    unknown = [
        fact
        for fact in PAGE_FACTS
        if getattr(board, fact.name) is None and not board.shows_no(fact.name)
    ]
    assert unknown  # the shipped record leaves some facts unknown
    assert page.count('<span class="board-facts__unknown">Confirm on the board\'s website') == len(
        unknown
    )


def test_telehealth_across_states_offers_both_boards(case_client: Any) -> None:
    save(case_client, make_jordan())
    page = case_client.get("/case/boards").get_data(as_text=True)
    assert 'value="tx-medical"' in page
    assert 'value="ok-osteopathic"' in page
    assert "you may file with both" in page


def test_no_board_shows_the_explanation_lookup_and_other_avenues(case_client: Any) -> None:
    answers = Answers()
    answers.set("therapy", "state", "TN")
    answers.set("professional", "profession", "psychologist")
    save(case_client, answers)
    page = case_client.get("/case/boards").get_data(as_text=True)
    assert "We have no checked board" in page
    assert "How to find the right board" in page
    assert "TELL (Therapy Exploitation Link Line)" in page
    assert 'name="board"' not in page


def test_without_a_state_the_page_asks_for_it(case_client: Any) -> None:
    page = case_client.get("/case/boards").get_data(as_text=True)
    assert "which state you were in" in page


def test_choosing_boards_saves_them_in_the_case(case_client: Any) -> None:
    save(case_client, make_jordan())
    response = case_client.submit("/case/boards", {"board": ["ok-osteopathic", "tx-medical"]})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/case/document")
    assert loaded(case_client).chosen_boards == ["tx-medical", "ok-osteopathic"]


def test_a_board_the_routing_did_not_offer_is_not_saved(case_client: Any) -> None:
    save(case_client, make_maya())
    case_client.submit("/case/boards", {"board": ["ca-psychology", "ny-op"]})
    assert loaded(case_client).chosen_boards == ["ca-psychology"]


def test_choosing_no_board_asks_again_and_saves_nothing(case_client: Any) -> None:
    save(case_client, make_maya())
    response = case_client.submit("/case/boards", {}, follow_redirects=True)
    assert "Choose at least one board." in response.get_data(as_text=True)
    assert loaded(case_client).chosen_boards == []


def test_choosing_without_csrf_token_is_refused(case_client: Any) -> None:
    save(case_client, make_maya())
    response = case_client.post("/case/boards", data={"board": "ca-psychology"})
    assert response.status_code == 400
    assert loaded(case_client).chosen_boards == []


# -- downloads ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "filename"),
    [
        ("kind=board", "document.pdf"),
        ("kind=board&variant=advocate", "document-review-copy.pdf"),
        ("kind=board&variant=anonymous", "document-no-name.pdf"),
        ("kind=how-to-file", "notes.pdf"),
    ],
)
def test_each_download_is_a_no_store_attachment_with_a_neutral_name(
    case_client: Any, query: str, filename: str
) -> None:
    answers = make_maya()
    answers.chosen_boards = ["ca-psychology"]
    save(case_client, answers)
    response = case_client.get(f"/case/document/download?{query}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert "no-store" in response.headers["Cache-Control"]
    assert response.data.startswith(b"%PDF-")
    assert "California Board of Psychology" in pdf_text(response.data)


def test_board_draft_download_holds_the_story(case_client: Any) -> None:
    answers = make_maya()
    answers.chosen_boards = ["ca-psychology"]
    save(case_client, answers)
    text = pdf_text(case_client.get("/case/document/download?kind=board").data)
    assert "Maya Delgado-Reyes" in text
    assert "Dr. Alan Whitcombe" in text
    assert "He kisses me in session" in text


def test_advocate_download_holds_no_trace_of_the_complainant(case_client: Any) -> None:
    answers = make_maya()
    answers.chosen_boards = ["ca-psychology"]
    save(case_client, answers)
    pdf = case_client.get("/case/document/download?kind=board&variant=advocate").data
    streams = b"".join(inflated_streams(pdf))
    for secret in ("Maya", "Delgado-Reyes", "maya.example@example.org", "Lucía"):
        assert secret not in pdf_text(pdf)
        assert secret.encode() not in pdf
        assert secret.encode() not in streams
        assert secret.encode("utf-16-be") not in streams


def test_priya_almost_empty_case_downloads(case_client: Any) -> None:
    save(case_client, make_priya(words=500))
    response = case_client.get("/case/document/download?kind=board")
    assert response.status_code == 200
    assert "Complaint statement" in pdf_text(response.data)


def test_document_page_lists_every_download(case_client: Any) -> None:
    save(case_client, make_maya())
    page = case_client.get("/case/document").get_data(as_text=True)
    for label in ("Board draft", "Advocate copy", "Anonymous draft", "How to file"):
        assert label in page
    assert "Exhibit bundle" not in page  # no files attached yet
    assert "You haven't chosen a board yet" in page


def test_document_page_lists_each_document_that_applies_with_pdf_and_word(
    case_client: Any,
) -> None:
    """Data-driven from the kind table: each document that applies, in its order, with its one
    sentence, its versions and a PDF / Word choice."""
    answers = make_maya()
    save(case_client, answers)
    page = case_client.get("/case/document").get_data(as_text=True)
    shown = offered(answers)
    assert shown
    positions = []
    for download in shown:
        assert str(download.title) in page
        assert str(download.description) in page
        positions.append(page.index(f'id="doc-{download.kind}-title"'))
        for file_format in download.formats:
            assert f'id="format-{download.kind}-{file_format}"' in page
        if len(download.versions) > 1:
            for version in download.versions:
                assert f'id="variant-{download.kind}-{version.variant}"' in page
    assert positions == sorted(positions)
    for download in DOWNLOADS:
        if download not in shown:
            assert f'id="doc-{download.kind}-title"' not in page


@pytest.mark.parametrize(
    ("query", "filename"),
    [
        ("kind=board&format=docx", "document.docx"),
        ("kind=board&variant=advocate&format=docx", "document-review-copy.docx"),
        ("kind=board&variant=anonymous&format=docx", "document-no-name.docx"),
        ("kind=how-to-file&format=docx", "notes.docx"),
        ("kind=your-answers&format=docx", "answers.docx"),
    ],
)
def test_each_word_download_is_a_valid_docx_with_a_neutral_name(
    case_client: Any, query: str, filename: str
) -> None:
    answers = make_maya()
    answers.chosen_boards = ["ca-psychology"]
    save(case_client, answers)
    response = case_client.get(f"/case/document/download?{query}")
    assert response.status_code == 200
    assert response.mimetype == FORMATS["docx"]
    assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert "no-store" in response.headers["Cache-Control"]
    assert response.data.startswith(b"PK\x03\x04")
    text = "\n".join(docx_paragraphs(response.data))
    assert "California Board of Psychology" in text or "How to file" in text or "answers" in text
    if "variant=" in query:
        assert "Maya" not in text and "Delgado" not in text
    elif "kind=board" in query:
        assert "Maya Delgado-Reyes" in text


def test_the_letter_to_the_board_is_in_english_unless_spanish_is_chosen(case_client: Any) -> None:
    """The board draft's language choice (English by default); a copy for an advocate stays in
    the language the person uses the app in."""
    answers = make_maya()
    answers.chosen_boards = ["ca-psychology"]
    save(case_client, answers)
    page = case_client.get("/case/document").get_data(as_text=True)
    assert 'id="language-board-en" name="language" value="en" checked' in page
    assert 'id="language-board-es"' in page and 'lang="es">Español</label>' in page
    assert 'id="language-how-to-file-es"' not in page  # the person's own guide: no choice
    english = pdf_text(case_client.get("/case/document/download?kind=board").data)
    spanish = pdf_text(case_client.get("/case/document/download?kind=board&language=es").data)
    word = "\n".join(
        docx_paragraphs(
            case_client.get("/case/document/download?kind=board&language=es&format=docx").data
        )
    )
    assert "Cover letter" in english and "Carta de presentación" not in english
    assert "Carta de presentación" in spanish and "Cover letter" not in spanish
    assert "Carta de presentación" in word
    advocate = pdf_text(
        case_client.get("/case/document/download?kind=board&variant=advocate&language=es").data
    )
    assert "Cover letter" in advocate  # the advocate copy is the person's: the app's language


@pytest.mark.parametrize(
    "query",
    [
        "kind=board&format=exe",
        "kind=board&variant=everyone",
        "kind=how-to-file&variant=advocate",
        "kind=board&language=fr",
    ],
)
def test_a_format_or_version_not_offered_gets_a_plain_page(case_client: Any, query: str) -> None:
    save(case_client, make_maya())
    response = case_client.get(f"/case/document/download?{query}")
    assert response.status_code == 400
    assert "Choose one of the downloads below." in response.get_data(as_text=True)
    assert "attachment" not in response.headers.get("Content-Disposition", "")


def test_unknown_download_kind_gets_a_plain_page(case_client: Any) -> None:
    response = case_client.get("/case/document/download?kind=../../etc/passwd")
    assert response.status_code == 400
    assert "Choose one of the downloads below." in response.get_data(as_text=True)


def test_a_failed_build_gives_a_kind_message_not_a_traceback(
    case_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection: no real input is known to make reportlab fail, so make it fail."""

    def broken(_document: Any, _extension: str) -> bytes:
        raise RuntimeError("/secret/path/in/a/traceback")

    monkeypatch.setattr(documents_web, "render", broken)
    save(case_client, make_maya())
    response = case_client.get("/case/document/download?kind=board")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "We couldn&#39;t make that document just now. Your answers are safe." in page
    assert "Traceback" not in page and "/secret/path" not in page
    assert "attachment" not in response.headers.get("Content-Disposition", "")


# -- the exhibit bundle ------------------------------------------------------------------------


def test_exhibit_bundle_downloads_the_attached_files(case_client: Any) -> None:
    answers = make_maya()
    data = bytes(range(256)) * 2_000
    attach(case_client, answers, data, "screenshots.txt")
    save(case_client, answers)
    assert "Exhibit bundle" in case_client.get("/case/document").get_data(as_text=True)
    response = case_client.get("/case/document/download?kind=exhibits")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"] == 'attachment; filename="attachments.zip"'
    assert "no-store" in response.headers["Cache-Control"]
    with zipfile.ZipFile(io.BytesIO(response.data)) as bundle:
        assert bundle.namelist() == ["Exhibit 01.txt"]
        assert bundle.read("Exhibit 01.txt") == data


def test_a_damaged_file_gives_a_kind_message_and_no_zip(case_client: Any, app: Any) -> None:
    answers = make_maya()
    attach(case_client, answers, b"x" * 50_000, "card.jpg")
    save(case_client, answers)
    folder = Path(state_of(app).settings.data_dir) / "attachments"
    (blob,) = list(folder.iterdir())
    damaged = bytearray(blob.read_bytes())
    damaged[10] ^= 0xFF  # inside the stream header: unreadable from its first chunk
    blob.write_bytes(bytes(damaged))
    response = case_client.get("/case/document/download?kind=exhibits")
    assert response.status_code == 500
    assert "We couldn&#39;t read one of your files" in response.get_data(as_text=True)
    assert not re.search(r"attachment", response.headers.get("Content-Disposition", ""))


def test_unsure_profession_lists_the_likely_boards_with_the_uncertainty_stated(
    case_client: Any,
) -> None:
    save(case_client, make_priya(words=200))
    page = case_client.get("/case/boards").get_data(as_text=True)
    assert "You weren&#39;t sure what license the professional held." in page
    offered = re.findall(r'name="board" value="([a-z0-9-]+)"', page)
    assert len(offered) > 1
    assert all(board_id.startswith("oh-") for board_id in offered)
    assert not re.search(r'name="board" value="[^"]+" checked', page)  # the person chooses


def test_text_no_font_can_draw_is_named_before_the_document_is_made(case_client: Any) -> None:
    answers = make_maya()
    save(case_client, answers)
    warning = "a script this computer has no font for"
    assert warning not in case_client.get("/case/document").get_data(as_text=True)
    answers.set("your-account", "account", "The sign read \U00013000\U00013001.")
    save(case_client, answers)
    assert warning in case_client.get("/case/document").get_data(as_text=True)


def test_the_page_says_what_a_redacted_copy_removes_and_what_it_cannot(case_client: Any) -> None:
    save(case_client, make_maya())
    page = case_client.get("/case/document").get_data(as_text=True)
    # Once per redacted version offered: the board draft's two, and the letters' that apply.
    redacted = [v for d in offered(make_maya()) for v in d.versions if v.caution]
    assert len(redacted) >= 2
    assert page.count("the details of the story itself may still let the professional") == len(
        redacted
    )
