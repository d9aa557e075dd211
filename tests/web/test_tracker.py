"""After you send it (issue 19) through the app: every tracker field and a scanned letter saved,
shown back, carried into the update letter, and never on disk readable (canary); CSRF on every
POST; kind messages for what cannot be read; the calendar file holds the title and nothing else."""

from __future__ import annotations

import io
import re
import secrets
import tempfile
from pathlib import Path

from flask import Flask

from complaint_helper.documents.downloads import FORMATS, routing_for
from complaint_helper.interview import repository
from complaint_helper.interview.filing import load_history
from complaint_helper.web.app_state import state_of
from tests.conftest import AppClient
from tests.documents.conftest import docx_paragraphs, pdf_text, squash
from tests.stories import make_maya
from tests.vault.test_vault_canary import encodings, files_under, found_in

BASE = "/case/after-sending"
PDF = b"%PDF-1.4\n"


def _with_board(client: AppClient) -> str:
    """Maya's answers saved in the open case, with the first board routed to chosen."""
    answers = make_maya()
    routing = routing_for(answers)
    assert routing is not None and routing.boards
    answers.chosen_boards = [routing.boards[0].board.id]
    repository.save_answers(client.case, answers)  # type: ignore[attr-defined]
    return answers.chosen_boards[0]


def _mark_sent(client: AppClient, board_id: str, values: dict[str, str]) -> str:
    overview = client.get(f"{BASE}/").get_data(as_text=True)
    found = re.search(r'href="(/case/after-sending/places/([0-9a-f]+)\?board=[^"]+)"', overview)
    assert found, "no 'mark as sent' link for the chosen board"
    filing_id = found.group(2)
    response = client.submit(
        f"{BASE}/places/{filing_id}", {"board": board_id, "action": "save", **values}
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    return filing_id


def test_every_field_reaches_the_page_and_the_letter_and_never_the_disk(
    app: Flask, case_client: AppClient, settings: object, tmp_path: Path
) -> None:
    board_id = _with_board(case_client)
    token = secrets.token_hex(6)
    canary = {
        name: f"{name}-{token}-Ωμέγα"
        for name in (
            "tracking", "reference", "contact_name", "contact_phone", "contact_email", "notes",
            "what", "file", "filename",
        )
    }  # fmt: skip
    filing_id = _mark_sent(
        case_client,
        board_id,
        {
            "sent_on-day": "3", "sent_on-month": "2", "sent_on-year": "2025", "sent_how": "mail",
            **{k: canary[k] for k in (
                "tracking", "reference", "contact_name", "contact_phone", "contact_email", "notes"
            )},
        },
    )  # fmt: skip
    scan = PDF + (canary["file"] + "\n").encode() * 20_000
    response = case_client.submit(
        f"{BASE}/places/{filing_id}/entries/e1",
        {
            "when-day": "31", "when-month": "1", "when-year": "2028",
            "what": canary["what"], "reply_within": "1", "reply_unit": "months",
            "action": "save", "file": (io.BytesIO(scan), canary["filename"] + ".pdf"),
        },
        content_type="multipart/form-data",
    )  # fmt: skip
    # A letter dated in the future cannot be right: said kindly, nothing lost.
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "That date is in the future" in page and canary["what"] in page
    assert "Choose it again" in page
    response = case_client.submit(
        f"{BASE}/places/{filing_id}/entries/e1",
        {
            "when-day": "31", "when-month": "1", "when-year": "2024",
            "what": canary["what"], "reply_within": "1", "reply_unit": "months",
            "action": "save", "file": (io.BytesIO(scan), canary["filename"] + ".pdf"),
        },
        content_type="multipart/form-data",
    )  # fmt: skip
    assert response.status_code == 303
    history = load_history(case_client.case)  # type: ignore[attr-defined]
    (entry,) = history.entries
    assert entry.due is not None and str(entry.due.earliest) == "2024-02-29"  # leap year
    assert [f.size for f in entry.files] == [len(scan)]
    # Shown back to the person who unlocked the case, the due date on the progress page too.
    overview = case_client.get(f"{BASE}/").get_data(as_text=True)
    for name in ("tracking", "reference", "contact_name", "contact_phone", "contact_email",
                 "notes", "what"):  # fmt: skip
        assert canary[name] in overview, name
    progress = case_client.get("/case/interview/").get_data(as_text=True)
    assert "29 February 2024" in progress
    assert progress.index("Next due") < progress.index("Your answers")
    download = case_client.get(
        f"{BASE}/places/{filing_id}/entries/e1/files/{entry.files[0].attachment_id}"
    )
    assert download.get_data() == scan
    assert canary["filename"] not in download.headers["Content-Disposition"]
    letter = case_client.get(f"{BASE}/places/{filing_id}/letter?kind=update")
    assert letter.status_code == 200 and letter.mimetype == "application/pdf"
    text = squash(pdf_text(letter.get_data()))
    assert squash(canary["reference"]) in text and "3February2025" in text
    assert token not in letter.headers["Content-Disposition"]
    # The .chcase export carries it, and holds no word of it readable.
    exported = case_client.submit("/cases/open/export").get_data()
    case_file = tmp_path / "export.chcase"
    case_file.write_bytes(exported)
    case_client.submit("/lock")
    state_of(app).vault.close()

    # Every canary holds the token, so the token's encodings find any of them (one scan).
    needles = encodings(token)
    hits: list[str] = []
    scanned = 0
    data_dir: Path = settings.data_dir  # type: ignore[attr-defined]
    for root in (data_dir, Path(tempfile.gettempdir()), case_file.parent):
        for path in files_under(root):
            scanned += 1
            if found_in(path, needles):
                hits.append(str(path))
    assert scanned >= 4
    assert hits == []


def test_every_tracker_post_needs_the_csrf_token(case_client: AppClient) -> None:
    board_id = _with_board(case_client)
    filing_id = _mark_sent(case_client, board_id, {"reference": "R-1"})
    for url, data in (
        (f"{BASE}/places/{filing_id}", {"reference": "R-2", "action": "save"}),
        (f"{BASE}/places/{filing_id}/entries/e2", {"what": "x", "action": "save"}),
    ):
        assert case_client.post(url, data=data).status_code == 400
    assert load_history(case_client.case).filings[0].reference == "R-1"  # type: ignore[attr-defined]
    assert load_history(case_client.case).entries == []  # type: ignore[attr-defined]


def test_a_reply_period_that_cannot_be_read_is_explained_and_nothing_is_lost(
    case_client: AppClient,
) -> None:
    filing_id = _mark_sent(case_client, _with_board(case_client), {})
    response = case_client.submit(
        f"{BASE}/places/{filing_id}/entries/e3",
        {"what": "Letter asking for records", "reply_within": "thirty", "action": "save"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Type the number as digits" in page and "Letter asking for records" in page
    assert 'value="thirty"' in page
    assert load_history(case_client.case).entries == []  # type: ignore[attr-defined]


def test_the_calendar_file_holds_one_date_and_only_the_chosen_title(
    case_client: AppClient,
) -> None:
    filing_id = _mark_sent(case_client, _with_board(case_client), {"reference": "SECRET-REF"})
    case_client.submit(
        f"{BASE}/places/{filing_id}/entries/e4",
        {
            "what": "Investigator asked for a call", "reply_by-day": "15",
            "reply_by-month": "3", "reply_by-year": "2031", "action": "save",
        },
    )  # fmt: skip
    page = case_client.get(f"{BASE}/places/{filing_id}/entries/e4/calendar")
    assert page.status_code == 200
    response = case_client.submit(
        f"{BASE}/places/{filing_id}/entries/e4/calendar", {"title": "Dentist, maybe"}
    )
    body = response.get_data(as_text=True)
    assert response.mimetype == "text/calendar"
    assert "DTSTART;VALUE=DATE:20310315" in body
    assert "SUMMARY:Dentist\\, maybe" in body
    assert "SECRET-REF" not in body and "Investigator" not in body and "board" not in body.lower()
    # A GET made no file: the file is only made on request.
    assert page.mimetype == "text/html"


def test_your_answers_carries_the_filing_history(case_client: AppClient) -> None:
    filing_id = _mark_sent(case_client, _with_board(case_client), {"reference": "REF-7788-X"})
    case_client.submit(
        f"{BASE}/places/{filing_id}/entries/e5",
        {"what": "Letter confirming receipt", "when-year": "2025", "action": "save"},
    )
    response = case_client.get("/case/document/download?kind=your-answers")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    text = squash(pdf_text(response.get_data()))
    assert "REF-7788-X" in text and "Letterconfirmingreceipt" in text
    board = squash(pdf_text(case_client.get("/case/document/download?kind=board").get_data()))
    assert "REF-7788-X" not in board  # the complaint itself is written before any of this


def test_deleting_an_entry_or_a_place_removes_its_scans(case_client: AppClient) -> None:
    case = case_client.case  # type: ignore[attr-defined]
    filing_id = _mark_sent(case_client, _with_board(case_client), {"reference": "R-9"})
    for entry_id in ("e6", "e7"):
        response = case_client.submit(
            f"{BASE}/places/{filing_id}/entries/{entry_id}",
            {"what": entry_id, "action": "save", "file": (io.BytesIO(PDF + b"x"), "l.pdf")},
            content_type="multipart/form-data",
        )
        assert response.status_code == 303
    assert len(case.attachments()) == 2
    overview = case_client.get(f"{BASE}/").get_data(as_text=True)
    assert f"{BASE}/places/{filing_id}/entries/e6/delete" in overview
    assert case_client.get(f"{BASE}/places/{filing_id}/entries/e6/delete").status_code == 200
    assert case_client.submit(f"{BASE}/places/{filing_id}/entries/e6/delete").status_code == 303
    assert [e.entry_id for e in load_history(case).entries] == ["e7"]
    assert len(case.attachments()) == 1
    assert case_client.get(f"{BASE}/places/{filing_id}/delete").status_code == 200
    assert case_client.submit(f"{BASE}/places/{filing_id}/delete").status_code == 303
    history = load_history(case)
    assert history.filings == [] and history.entries == [] and case.attachments() == []


def test_each_stage_letter_is_offered_as_word_too(case_client: AppClient) -> None:
    """The letters for this stage download as PDF or Word, like every other document: the page
    links both, the Word file holds the letter's facts and has a neutral file name."""
    board_id = _with_board(case_client)
    reference = f"REF-{secrets.token_hex(4)}"
    filing_id = _mark_sent(
        case_client,
        board_id,
        {"sent_on-day": "3", "sent_on-month": "2", "sent_on-year": "2025", "sent_how": "mail",
         "reference": reference},
    )  # fmt: skip
    overview = case_client.get(f"{BASE}/").get_data(as_text=True)
    links = re.findall(r'href="([^"]*/letter\?[^"]*)"', overview)
    word_links = [link.replace("&amp;", "&") for link in links if "format=docx" in link]
    assert word_links and len(word_links) * 2 == len(links), links  # a Word link beside each PDF
    for link in word_links:
        letter = case_client.get(link)
        assert letter.status_code == 200, link
        assert letter.mimetype == FORMATS["docx"]
        assert letter.headers["Content-Disposition"] == 'attachment; filename="letter.docx"'
        text = squash(" ".join(docx_paragraphs(letter.get_data())))
        assert squash(reference) in text and "3February2025" in text
    unknown = case_client.get(f"{BASE}/places/{filing_id}/letter?kind=update&format=odt")
    assert unknown.status_code == 404
