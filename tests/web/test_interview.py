"""The interview screens through the test client: saving, skipping, errors, branches, review."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from typing import Any

import pytest
from markupsafe import escape

from complaint_helper import create_app
from complaint_helper.boards import load_directory
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import Answers, EvidenceItem, TimelineEvent
from complaint_helper.interview.repository import (
    PROGRESS,
    PROGRESS_ID,
    load_answers,
    save_item,
    save_step_values,
)
from complaint_helper.interview.steps import STEPS
from complaint_helper.support import avenue_lines
from complaint_helper.web.app_state import state_of
from tests.conftest import PASSPHRASE, AppClient, launch, open_case_for, step_path
from tests.documents.conftest import pdf_text
from tests.interview.conftest import allow_writes_again, refuse_writes_of
from tests.vault.rows import envelope_of, set_envelope

BASE = "/case/interview"
QUESTION_SLUGS = [s.slug for s in STEPS if s.kind == "questions"]
EVERY_SLUG = [s.slug for s in STEPS]


def answers_of(client: Any) -> Answers:
    return load_answers(client.case).answers


def page(response: Any) -> str:
    return str(response.get_data(as_text=True))


@pytest.mark.parametrize("slug", EVERY_SLUG)
def test_every_step_page_opens(case_client: Any, slug: str) -> None:
    response = case_client.get(f"{BASE}/{slug}")
    assert response.status_code == 200
    assert "<h1" in page(response)


def test_the_progress_list_shows_every_visible_step_as_not_started(case_client: Any) -> None:
    text = page(case_client.get(f"{BASE}/"))
    assert text.count("Not started") == len([s for s in STEPS if not s.branch])


def test_an_unknown_step_is_a_plain_404(case_client: Any) -> None:
    assert case_client.get(f"{BASE}/no-such-step").status_code == 404


def test_continue_saves_the_answers_and_goes_to_the_next_step(case_client: Any) -> None:
    response = case_client.submit(
        f"{BASE}/therapy",
        {"state": "CA", "started-month": "3", "started-year": "2021", "action": "continue"},
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"{BASE}/professional")
    answers = answers_of(case_client)
    assert answers.values["therapy"] == {"state": "CA", "started": ApproxDate.of_month(2021, 3)}
    assert answers.state_of("therapy") == "done"


def test_continue_with_nothing_filled_in_skips_the_step(case_client: Any) -> None:
    response = case_client.submit(f"{BASE}/impact", {"impact": ""})
    assert response.status_code == 303
    assert answers_of(case_client).state_of("impact") == "skipped"


def test_saved_answers_are_shown_when_the_page_is_opened_again(case_client: Any) -> None:
    case_client.submit(f"{BASE}/professional", {"name": "Dr. Ève <b>", "profession": "mft"})
    text = page(case_client.get(f"{BASE}/professional"))
    assert 'value="Dr. Ève &lt;b&gt;"' in text
    assert re.search(r'value="mft" checked', text)


def test_a_future_date_shows_an_error_summary_and_keeps_everything_typed(
    case_client: Any,
) -> None:
    typed = {"state": "NY", "started-year": "2099", "setting": "clinic"}
    response = case_client.submit(f"{BASE}/therapy", typed)
    assert response.status_code == 200
    text = page(response)
    assert "There is a problem" in text
    assert '<a href="#started-year">That date is in the future.' in text
    assert 'value="2099"' in text
    assert re.search(r'<option value="NY" selected', text)
    assert re.search(r'value="clinic" checked', text)
    assert "therapy" not in answers_of(case_client).values


def test_an_error_is_bound_to_its_field_for_screen_readers(case_client: Any) -> None:
    text = page(case_client.submit(f"{BASE}/professional", {"name": "x" * 2_001}))
    assert 'id="name-error"' in text
    assert re.search(r'id="name"[^>]*aria-describedby="name-hint name-error"', text)
    assert "x" * 2_001 in text


def test_therapy_end_before_start_is_refused_with_a_sentence(case_client: Any) -> None:
    response = case_client.submit(f"{BASE}/therapy", {"started-year": "2022", "ended-year": "2020"})
    assert "This is before the start date you gave." in page(response)


def test_long_text_keeps_leading_newlines_and_markup_exactly(case_client: Any) -> None:
    typed = "\n\nfirst line <script>alert(1)</script>\r\n  indented"
    case_client.submit(f"{BASE}/your-account", {"account": typed})
    assert answers_of(case_client).text("your-account", "account") == typed
    text = page(case_client.get(f"{BASE}/your-account"))
    assert "<script>alert" not in text
    # One newline after <textarea ...> is eaten by HTML parsers; the page adds it back.
    assert (
        ">\n\n\nfirst line &lt;script&gt;alert(1)&lt;/script&gt;\r\n  indented</textarea>" in text
    )


def test_private_fields_are_not_remembered_or_spell_checked(case_client: Any) -> None:
    text = page(case_client.get(f"{BASE}/your-account"))
    assert re.search(r'<textarea[^>]*autocomplete="off" spellcheck="false"', text)


def test_back_saves_then_goes_to_the_previous_step(case_client: Any) -> None:
    response = case_client.submit(f"{BASE}/professional", {"name": "Alex", "action": "back"})
    assert response.headers["Location"].endswith(f"{BASE}/therapy")
    answers = answers_of(case_client)
    assert answers.text("professional", "name") == "Alex"
    assert answers.state_of("professional") == "in_progress"


def test_save_and_come_back_later_saves_and_locks_the_case(case_client: Any) -> None:
    old_session = case_client.session_id()
    response = case_client.submit(f"{BASE}/impact", {"impact": "hard", "action": "later"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/locked")
    assert case_client.case.is_locked
    assert case_client.session_id() != old_session


def test_the_saved_answer_survives_the_lock(app: Any, case_client: Any) -> None:
    case_client.submit(f"{BASE}/impact", {"impact": "hard to say", "action": "later"})
    vault = state_of(app).vault
    reopened = vault.unlock(case_client.case.case_id, PASSPHRASE)
    assert load_answers(reopened).answers.text("impact", "impact") == "hard to say"


def test_ongoing_therapy_leads_to_the_safety_page(case_client: Any) -> None:
    response = case_client.submit(f"{BASE}/therapy", {"status": "ongoing"})
    assert response.headers["Location"].endswith(f"{BASE}/still-seeing")
    assert "You owe them no explanation" in page(case_client.get(f"{BASE}/still-seeing"))


def test_unsure_profession_leads_to_license_lookup_help_for_the_state(case_client: Any) -> None:
    case_client.submit(f"{BASE}/therapy", {"state": "OH"})
    response = case_client.submit(f"{BASE}/professional", {"profession": "not_sure"})
    assert response.headers["Location"].endswith(f"{BASE}/license-lookup")
    text = page(case_client.get(f"{BASE}/license-lookup"))
    assert "How to look up a license" in text
    assert "(leaves this tool)" in text


def test_a_relationship_after_therapy_asks_about_it_next(case_client: Any) -> None:
    response = case_client.submit(f"{BASE}/what-happened", {"conduct": ["relationship_after"]})
    assert response.headers["Location"].endswith(f"{BASE}/after-therapy")


def test_the_last_step_continues_to_check_your_answers(case_client: Any) -> None:
    response = case_client.submit(f"{BASE}/about-you", {"identity": "later"})
    assert response.headers["Location"].endswith(f"{BASE}/check-answers")


def test_check_your_answers_shows_answers_with_change_links(case_client: Any) -> None:
    case_client.submit(f"{BASE}/therapy", {"state": "CA", "ended-year": "2022", "ended-circa": "1"})
    text = page(case_client.get(f"{BASE}/check-answers"))
    assert "California" in text
    assert "around 2022" in text
    therapy = step_path(case_client.application, "therapy")
    assert f'href="{therapy}?return=review#ended-day"' in text


def test_a_change_from_the_review_returns_to_the_review(case_client: Any) -> None:
    case_client.get(f"{BASE}/therapy?return=review")
    response = case_client.submit(f"{BASE}/therapy", {"state": "TX", "return": "review"})
    assert response.headers["Location"].endswith(f"{BASE}/check-answers#section-therapy")


def test_a_change_that_opens_a_branch_asks_it_before_returning(case_client: Any) -> None:
    response = case_client.submit(
        f"{BASE}/what-happened", {"conduct": ["relationship_after"], "return": "review"}
    )
    assert response.headers["Location"].endswith(f"{BASE}/after-therapy?return=review")


def test_continuing_from_the_review_goes_to_the_board_page(case_client: Any) -> None:
    response = case_client.submit(f"{BASE}/check-answers", {"action": "continue"})
    assert response.headers["Location"].endswith("/case/boards")
    assert answers_of(case_client).state_of("check-answers") == "done"


def test_a_timeline_event_can_be_added_changed_and_deleted(case_client: Any) -> None:
    url = f"{BASE}/timeline/items/abc123"
    response = case_client.submit(url, {"when-year": "2021", "what": "First <session>"})
    assert response.headers["Location"].endswith(f"{BASE}/timeline")
    assert answers_of(case_client).timeline == [
        TimelineEvent("abc123", ApproxDate.of_year(2021), "First <session>")
    ]
    assert "First &lt;session&gt;" in page(case_client.get(f"{BASE}/timeline"))
    case_client.submit(url, {"when-year": "2021", "what": "First session"})
    assert answers_of(case_client).timeline[0].what == "First session"
    assert "Delete this event?" in page(case_client.get(f"{url}/delete"))
    case_client.submit(f"{url}/delete", {})
    assert answers_of(case_client).timeline == []


def test_an_empty_new_item_is_not_added(case_client: Any) -> None:
    case_client.submit(f"{BASE}/people/items/abc", {"name": ""})
    assert answers_of(case_client).people == []


def test_an_item_with_errors_keeps_the_text_and_saves_nothing(case_client: Any) -> None:
    response = case_client.submit(
        f"{BASE}/timeline/items/e1", {"when-year": "3000", "what": "kept <i>text</i>"}
    )
    assert response.status_code == 200
    assert "kept &lt;i&gt;text&lt;/i&gt;" in page(response)
    assert answers_of(case_client).timeline == []


def test_a_timeline_event_can_link_to_evidence(case_client: Any) -> None:
    answers = Answers()
    save_item(case_client.case, answers, EvidenceItem("ev1", "messages", "Texts from them"))
    text = page(case_client.get(f"{BASE}/timeline/items/t1"))
    assert "Texts from them" in text
    case_client.submit(f"{BASE}/timeline/items/t1", {"what": "x", "evidence_ids": "ev1"})
    assert answers_of(case_client).timeline[0].evidence_ids == ["ev1"]
    bad = case_client.submit(f"{BASE}/timeline/items/t1", {"what": "x", "evidence_ids": "zz"})
    assert "Choose from the options shown." in page(bad)


def test_a_bad_item_id_is_a_404(case_client: Any) -> None:
    assert case_client.get(f"{BASE}/timeline/items/..%2Fx").status_code == 404
    assert case_client.get(f"{BASE}/impact/items/abc").status_code == 404


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_an_evidence_copy_is_encrypted_into_the_vault(case_client: Any) -> None:
    response = case_client.submit(
        f"{BASE}/evidence/items/ev9",
        {"kind": "bills", "description": "Bank statement", "file": (io.BytesIO(PDF), "bank.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    (attached,) = answers_of(case_client).evidence[0].files
    assert attached.filename == "bank.pdf"
    assert attached.media_type == "application/pdf"
    assert attached.size == len(PDF)
    download = case_client.get(f"{BASE}/evidence/items/ev9/files/{attached.attachment_id}")
    assert download.data == PDF
    assert download.headers["Cache-Control"].startswith("no-store")


def test_a_file_of_the_wrong_type_is_refused_and_the_description_kept(case_client: Any) -> None:
    response = case_client.submit(
        f"{BASE}/evidence/items/ev9",
        {"description": "A program", "file": (io.BytesIO(b"MZ\x90\x00"), "setup.exe")},
        content_type="multipart/form-data",
    )
    text = page(response)
    assert "This kind of file can&#39;t be attached." in text
    item = answers_of(case_client).evidence[0]
    assert (item.description, item.files) == ("A program", [])


def test_a_renamed_file_is_refused(case_client: Any) -> None:
    response = case_client.submit(
        f"{BASE}/evidence/items/ev9",
        {"file": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "statement.pdf")},
        content_type="multipart/form-data",
    )
    assert "This kind of file can&#39;t be attached." in page(response)


def test_removing_the_copy_keeps_the_description(case_client: Any) -> None:
    case_client.submit(
        f"{BASE}/evidence/items/ev9",
        {"description": "Statement", "file": (io.BytesIO(PDF), "bank.pdf")},
        content_type="multipart/form-data",
    )
    (attached,) = answers_of(case_client).evidence[0].files
    case_client.submit(f"{BASE}/evidence/items/ev9/files/{attached.attachment_id}/remove", {})
    item = answers_of(case_client).evidence[0]
    assert (item.description, item.files) == ("Statement", [])
    assert case_client.case.attachments() == []


def test_autosave_keeps_what_reads_cleanly_and_the_old_value_elsewhere(case_client: Any) -> None:
    save_step_values(case_client.case, Answers(), "therapy", {"started": ApproxDate.of_year(2020)})
    response = case_client.submit(f"{BASE}/therapy/autosave", {"state": "CA", "started-year": "20"})
    assert response.get_json() == {"saved": True, "problems": 1}
    answers = answers_of(case_client)
    assert answers.values["therapy"] == {"state": "CA", "started": ApproxDate.of_year(2020)}
    assert answers.state_of("therapy") == "in_progress"


def test_autosave_of_a_new_item_creates_it_once_something_is_written(case_client: Any) -> None:
    url = f"{BASE}/people/items/p9/autosave"
    assert case_client.submit(url, {"name": ""}).get_json()["saved"] is False
    assert case_client.submit(url, {"name": "Robin"}).get_json()["saved"] is True
    assert [p.name for p in answers_of(case_client).people] == ["Robin"]


def test_a_post_without_a_csrf_token_is_refused(case_client: Any) -> None:
    response = case_client.post(f"{BASE}/impact", data={"impact": "x"})
    assert response.status_code == 400
    assert "impact" not in answers_of(case_client).values


def test_about_you_says_what_boards_do_with_the_persons_identity(case_client: Any) -> None:
    text = page(case_client.get(f"{BASE}/about-you"))
    assert "The professional is usually told about a complaint" in text


def test_what_you_want_lists_other_avenues_for_the_state(case_client: Any) -> None:
    general = page(case_client.get(f"{BASE}/what-you-want"))
    assert "A lawyer" in general
    assert "without consent" not in general
    assert "This is information, not legal advice." in general
    case_client.submit(f"{BASE}/therapy", {"state": "CA"})
    in_california = page(case_client.get(f"{BASE}/what-you-want"))
    for avenue in avenue_lines("CA"):
        assert str(escape(avenue)) in in_california


def test_the_account_page_offers_prompts_without_leading(case_client: Any) -> None:
    text = page(case_client.get(f"{BASE}/your-account"))
    assert "<summary" in text
    assert "There is no right way to tell it." in text


def test_a_damaged_record_is_reported_and_the_rest_still_shows(case_client: Any) -> None:
    save_step_values(case_client.case, Answers(), "impact", {"impact": "kept"})
    save_step_values(case_client.case, Answers(), "therapy", {"state": "CA"})
    data_dir = state_of(case_client.application).settings.data_dir
    envelope = envelope_of(data_dir, case_client.case, "answers", "impact")
    flipped = bytes(envelope[:-1]) + bytes([envelope[-1] ^ 1])
    set_envelope(data_dir, case_client.case, "answers", "impact", flipped)
    text = page(case_client.get(f"{BASE}/check-answers"))
    assert "Part of your case could not be read" in text
    assert "California" in text


def test_license_lookup_links_to_the_states_boards(case_client: Any) -> None:
    case_client.submit(f"{BASE}/therapy", {"state": "OH"})
    case_client.submit(f"{BASE}/professional", {"profession": "not_sure"})
    text = page(case_client.get(f"{BASE}/license-lookup"))
    urls = [b.license_lookup_url for b in load_directory().boards_in("OH") if b.license_lookup_url]
    assert urls, "the board directory has no Ohio look-up to show"
    for url in urls:
        assert f'href="{escape(url)}"' in text


def test_a_file_over_the_upload_limit_is_refused_with_a_sentence(
    settings: Any, tmp_path: Any
) -> None:
    app = create_app(replace(settings, max_upload_bytes=1_000))
    app.test_client_class = AppClient
    client = app.test_client()
    assert isinstance(client, AppClient)
    launch(app, client)
    case = state_of(app).vault.create_case("Upload", PASSPHRASE)
    open_case_for(app, client.session_id(), case)
    response = client.submit(
        f"{BASE}/evidence/items/big1",
        {"description": "Big scan", "file": (io.BytesIO(PDF + b"0" * 2_000), "scan.pdf")},
        content_type="multipart/form-data",
    )
    assert "the most that can be attached" in page(response)
    item = load_answers(case).answers.evidence[0]
    assert (item.description, item.files) == ("Big scan", [])
    assert case.attachments() == []
    state_of(app).reaper.stop()
    state_of(app).sessions.lock_all()
    state_of(app).vault.close()


def test_saving_an_item_later_saves_it_and_locks(case_client: Any) -> None:
    response = case_client.submit(f"{BASE}/people/items/p7", {"name": "Robin", "action": "later"})
    assert response.headers["Location"].endswith("/locked")
    assert case_client.case.is_locked


def test_changing_an_item_from_the_review_returns_to_the_review(case_client: Any) -> None:
    save_item(case_client.case, Answers(), TimelineEvent("t1", what="First"))
    review = page(case_client.get(f"{BASE}/check-answers"))
    timeline = step_path(case_client.application, "timeline")
    assert f'href="{timeline}/items/t1?return=review"' in review
    form = page(case_client.get(f"{BASE}/timeline/items/t1?return=review"))
    assert '<input type="hidden" name="return" value="review">' in form
    response = case_client.submit(
        f"{BASE}/timeline/items/t1", {"what": "Second", "return": "review"}
    )
    assert response.headers["Location"].endswith(f"{BASE}/check-answers#section-timeline")


@pytest.mark.parametrize("item_id", ["-x", "_x", "a.b", "x" * 65])
def test_item_ids_the_vault_would_refuse_are_a_404(case_client: Any, item_id: str) -> None:
    assert case_client.get(f"{BASE}/timeline/items/{item_id}").status_code == 404
    assert case_client.submit(f"{BASE}/timeline/items/{item_id}", {"what": "x"}).status_code == 404


def test_save_later_on_an_empty_new_item_locks_without_adding_it(case_client: Any) -> None:
    case_client.submit(f"{BASE}/people/items/p8", {"name": "", "action": "later"})
    assert case_client.case.is_locked
    vault = state_of(case_client.application).vault
    reopened = vault.unlock(case_client.case.case_id, PASSPHRASE)
    assert load_answers(reopened).answers.people == []


def test_the_download_name_never_carries_the_persons_file_name(case_client: Any) -> None:
    case_client.submit(
        f"{BASE}/evidence/items/ev9",
        {"file": (io.BytesIO(PDF), "Maya's private notes (copy).PDF")},
        content_type="multipart/form-data",
    )
    (attached,) = answers_of(case_client).evidence[0].files
    response = case_client.get(f"{BASE}/evidence/items/ev9/files/{attached.attachment_id}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=evidence-copy.pdf"


def test_a_refused_file_alone_adds_no_empty_item(case_client: Any) -> None:
    case_client.submit(
        f"{BASE}/evidence/items/ev9",
        {"file": (io.BytesIO(b"MZ"), "setup.exe")},
        content_type="multipart/form-data",
    )
    assert answers_of(case_client).evidence == []


@pytest.mark.parametrize("action", ["continue", "back", "later"])
def test_a_step_and_its_progress_are_saved_in_one_transaction(
    case_client: Any, settings: Any, action: str
) -> None:
    """A failure writing the progress (a crash, a full disk) must not leave the answers saved
    while the progress list says the step was never touched."""
    refuse_writes_of(settings.data_dir, case_client.case, PROGRESS, PROGRESS_ID)
    response = case_client.submit(
        f"{BASE}/impact", {"impact": "It changed how I sleep.", "action": action}
    )
    allow_writes_again(settings.data_dir, "progress")
    assert response.status_code == 500
    answers = answers_of(case_client)
    assert answers.text("impact", "impact") == ""
    assert answers.state_of("impact") == "not_started"


def test_an_item_and_its_step_state_are_saved_in_one_transaction(
    case_client: Any, settings: Any
) -> None:
    refuse_writes_of(settings.data_dir, case_client.case, PROGRESS, PROGRESS_ID)
    response = case_client.submit(
        f"{BASE}/people/items/p1", {"name": "My sister", "action": "save"}
    )
    allow_writes_again(settings.data_dir, "progress")
    assert response.status_code == 500
    answers = answers_of(case_client)
    assert answers.people == []
    assert answers.state_of("people") == "not_started"


# -- a radio answer can always be taken back -------------------------------------------------------
SINGLE_CHOICE = [
    (step.slug, question.name, item)
    for step in STEPS
    for item, questions in ((False, step.questions), (True, step.item_questions))
    for question in questions
    if question.kind == "choice"
]


def review_row(text: str, label: str) -> str:
    """The value cell of one row of "Check your answers"."""
    found = re.search(
        rf'<dt class="summary-key">{re.escape(label)}</dt>\s*<dd class="([^"]*)">([^<]*)</dd>', text
    )
    assert found, f"no review row {label!r}"
    return f"{found.group(1)}|{found.group(2)}"


def document_text(client: Any) -> str:
    response = client.get("/case/document/download?kind=board")
    assert response.status_code == 200
    return pdf_text(response.data)


@pytest.mark.parametrize(("slug", "name", "item"), SINGLE_CHOICE)
def test_every_single_choice_question_offers_skip_this_question(
    case_client: Any, slug: str, name: str, item: bool
) -> None:
    url = f"{BASE}/{slug}/items/new1" if item else f"{BASE}/{slug}"
    text = page(case_client.get(url))
    option = re.search(rf'<input id="({name}-\d+)" name="{name}" type="radio" value="">', text)
    assert option, "no empty-valued radio to take an answer back"
    label = f'<label class="radios__label" for="{option.group(1)}">Skip this question</label>'
    assert label in text


def test_a_chosen_radio_answer_can_be_taken_back(case_client: Any) -> None:
    case_client.submit(f"{BASE}/therapy", {"state": "NY", "telehealth": "some", "status": "ended"})
    assert answers_of(case_client).choice("therapy", "telehealth") == "some"
    assert "Some sessions were by video or phone" in document_text(case_client)

    case_client.submit(f"{BASE}/therapy", {"state": "NY", "telehealth": "", "status": "ended"})

    answers = answers_of(case_client)
    assert "telehealth" not in answers.values["therapy"]
    assert answers.choice("therapy", "status") == "ended"
    review = page(case_client.get(f"{BASE}/check-answers"))
    row = review_row(review, "Sessions by video or phone")
    assert row == "summary-value summary-value--empty|Not answered"
    assert not re.search(r'value="some" checked', page(case_client.get(f"{BASE}/therapy")))
    assert "Some sessions were by video or phone" not in document_text(case_client)


def test_taking_back_the_only_answer_on_a_page_marks_it_skipped(case_client: Any) -> None:
    case_client.submit(f"{BASE}/after-therapy", {"ended_by_therapist": "yes"})
    assert answers_of(case_client).state_of("after-therapy") == "done"
    case_client.submit(f"{BASE}/after-therapy", {"ended_by_therapist": ""})
    answers = answers_of(case_client)
    assert answers.values.get("after-therapy", {}) == {}
    assert answers.state_of("after-therapy") == "skipped"


def test_a_radio_answer_of_an_item_can_be_taken_back(case_client: Any) -> None:
    url = f"{BASE}/evidence/items/ev1"
    case_client.submit(url, {"kind": "photos", "description": "A card", "action": "save"})
    assert answers_of(case_client).evidence[0].kind == "photos"
    case_client.submit(url, {"kind": "", "description": "A card", "action": "save"})
    assert answers_of(case_client).evidence[0].kind == ""


def test_skip_this_question_stays_chosen_when_the_page_comes_back_with_an_error(
    case_client: Any,
) -> None:
    response = case_client.submit(f"{BASE}/therapy", {"status": "", "started-year": "2099"})
    text = page(response)
    assert "There is a problem" in text or "error-summary" in text
    assert re.search(r'name="status" type="radio" value="" checked', text)


def test_an_unanswered_radio_question_starts_with_nothing_chosen(case_client: Any) -> None:
    text = page(case_client.get(f"{BASE}/therapy"))
    assert not re.search(r'type="radio" value="[^"]*" checked', text)


def test_i_dont_remember_is_an_answer_about_video_sessions(case_client: Any) -> None:
    case_client.submit(f"{BASE}/therapy", {"telehealth": "not_sure"})
    review = page(case_client.get(f"{BASE}/check-answers"))
    assert review_row(review, "Sessions by video or phone") == "summary-value|I don&#39;t remember"


# -- a switched-off branch keeps its words but never shows them as current -------------------------
AFTER_THERAPY = {
    "ended_by_therapist": "yes",
    "what_they_said": "Zephyrine said we could not be friends",
    "relationship_began-month": "8",
    "relationship_began-year": "2020",
}


def test_a_switched_off_branch_is_left_out_of_review_progress_and_document(
    case_client: Any,
) -> None:
    case_client.submit(f"{BASE}/what-happened", {"conduct": ["relationship_after"]})
    case_client.submit(f"{BASE}/after-therapy", AFTER_THERAPY)
    assert "Zephyrine" in page(case_client.get(f"{BASE}/check-answers"))
    assert "Zephyrine" in document_text(case_client)
    progress = page(case_client.get(f"{BASE}/"))
    assert "The relationship after therapy" in progress

    case_client.submit(f"{BASE}/what-happened", {"conduct": ["touching"]})

    review = page(case_client.get(f"{BASE}/check-answers"))
    assert "Zephyrine" not in review
    assert "Relationship began" not in review
    progress = page(case_client.get(f"{BASE}/"))
    assert "The relationship after therapy" not in progress
    assert progress.count("Done") == 1  # only "What happened": the hidden step's "done" is gone
    for query in (
        "kind=board",
        "kind=board&variant=advocate",
        "kind=board&variant=anonymous",
        "kind=how-to-file",
    ):
        text = pdf_text(case_client.get(f"/case/document/download?{query}").data)
        assert "Zephyrine" not in text, query
        assert "2020" not in text, query
        assert "ended the therapy before" not in text, query


def test_switching_a_branch_back_on_brings_its_answers_back(case_client: Any) -> None:
    case_client.submit(f"{BASE}/what-happened", {"conduct": ["relationship_after"]})
    case_client.submit(f"{BASE}/after-therapy", AFTER_THERAPY)
    case_client.submit(f"{BASE}/what-happened", {"conduct": []})
    case_client.submit(f"{BASE}/what-happened", {"conduct": ["relationship_after"]})
    text = page(case_client.get(f"{BASE}/after-therapy"))
    assert "Zephyrine said we could not be friends" in text
    assert "Zephyrine" in page(case_client.get(f"{BASE}/check-answers"))
    assert answers_of(case_client).state_of("after-therapy") == "done"


def test_an_end_date_left_from_before_therapy_was_marked_ongoing_is_not_in_the_draft(
    case_client: Any,
) -> None:
    therapy = {"state": "TX", "ended-year": "1987", "status": "ended"}
    case_client.submit(f"{BASE}/therapy", therapy)
    assert "1987" in document_text(case_client)
    case_client.submit(f"{BASE}/therapy", {**therapy, "status": "ongoing"})
    text = document_text(case_client)
    assert "1987" not in text
    assert "still going on" in text


def test_a_box_left_with_only_spaces_counts_as_skipped(case_client: Any) -> None:
    case_client.submit(f"{BASE}/impact", {"impact": "  \r\n\t "})
    answers = answers_of(case_client)
    assert answers.text("impact", "impact") == "  \r\n\t "  # stored exactly as sent
    assert answers.state_of("impact") == "skipped"
    review = page(case_client.get(f"{BASE}/check-answers"))
    assert review_row(review, "How this affected you").endswith("|Not answered")


def test_check_your_answers_says_which_answers_are_kept_out_of_the_draft(
    case_client: Any,
) -> None:
    case_client.submit(f"{BASE}/what-happened", {"conduct": ["relationship_after"]})
    case_client.submit(f"{BASE}/after-therapy", AFTER_THERAPY)
    assert 'id="set-aside"' not in page(case_client.get(f"{BASE}/check-answers"))
    case_client.submit(f"{BASE}/what-happened", {"conduct": ["touching"]})
    review = page(case_client.get(f"{BASE}/check-answers"))
    assert 'id="set-aside"' in review
    assert "Your answers on \u201cThe relationship after therapy\u201d are still kept" in review
    after_therapy = step_path(case_client.application, "after-therapy")
    assert f'href="{after_therapy}/set-aside"' in review
    assert "Zephyrine" not in review


def test_answers_kept_aside_can_be_deleted(case_client: Any) -> None:
    case_client.submit(f"{BASE}/what-happened", {"conduct": ["relationship_after"]})
    case_client.submit(f"{BASE}/after-therapy", AFTER_THERAPY)
    case_client.submit(f"{BASE}/what-happened", {"conduct": []})
    confirm = page(case_client.get(f"{BASE}/after-therapy/set-aside"))
    assert "Delete your answers about the relationship after therapy?" in confirm
    response = case_client.submit(f"{BASE}/after-therapy/set-aside")
    assert response.headers["Location"].endswith(f"{BASE}/check-answers")
    answers = answers_of(case_client)
    assert answers.values.get("after-therapy", {}) == {}
    assert answers.state_of("after-therapy") == "not_started"
    assert 'id="set-aside"' not in page(case_client.get(f"{BASE}/check-answers"))
    case_client.submit(f"{BASE}/what-happened", {"conduct": ["relationship_after"]})
    assert "Zephyrine" not in page(case_client.get(f"{BASE}/after-therapy"))


@pytest.mark.parametrize("slug", ["after-therapy", "therapy", "still-seeing", "timeline"])
def test_answers_in_force_cannot_be_deleted_as_if_kept_aside(case_client: Any, slug: str) -> None:
    case_client.submit(f"{BASE}/therapy", {"state": "CA", "status": "ongoing"})
    case_client.submit(f"{BASE}/what-happened", {"conduct": ["relationship_after"]})
    case_client.submit(f"{BASE}/after-therapy", AFTER_THERAPY)
    assert case_client.get(f"{BASE}/{slug}/set-aside").status_code == 404
    assert case_client.submit(f"{BASE}/{slug}/set-aside").status_code == 404
    answers = answers_of(case_client)
    assert answers.text("after-therapy", "what_they_said") == AFTER_THERAPY["what_they_said"]
    assert answers.choice("therapy", "status") == "ongoing"


def test_an_event_remembered_without_its_year_reaches_the_review_and_the_draft(
    case_client: Any,
) -> None:
    url = f"{BASE}/timeline/items/ev1"
    response = case_client.submit(url, {"when-season": "summer", "what": "The first hug"})
    assert response.status_code == 303
    review = page(case_client.get(f"{BASE}/check-answers"))
    assert "summer (year not remembered)" in review
    assert "summer (year not remembered)" in " ".join(document_text(case_client).split())


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00" + b"screen recording" * 100


def test_several_files_chosen_at_once_are_each_encrypted_listed_and_removable(
    case_client: Any,
) -> None:
    chosen = {"one.png": PNG, "call.mp4": MP4, "bank.pdf": PDF}
    response = case_client.submit(
        f"{BASE}/evidence/items/ev9",
        {
            "description": "Texts and a call",
            "file": [(io.BytesIO(data), name) for name, data in chosen.items()],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    files = answers_of(case_client).evidence[0].files
    assert [f.filename for f in files] == list(chosen)
    assert [f.media_type for f in files] == ["image/png", "video/mp4", "application/pdf"]
    assert sorted(a.attachment_id for a in case_client.case.attachments()) == sorted(
        f.attachment_id for f in files
    )
    for attached, data in zip(files, chosen.values(), strict=True):
        url = f"{BASE}/evidence/items/ev9/files/{attached.attachment_id}"
        assert case_client.get(url).data == data
    text = page(case_client.get(f"{BASE}/evidence/items/ev9"))
    assert "The attached copies (3)" in text
    assert all(name in text for name in chosen)
    # More files later are added to the same item, after the first ones.
    case_client.submit(
        f"{BASE}/evidence/items/ev9",
        {"description": "Texts and a call", "file": (io.BytesIO(PNG), "two.png")},
        content_type="multipart/form-data",
    )
    files = answers_of(case_client).evidence[0].files
    assert [f.filename for f in files] == [*chosen, "two.png"]
    # Removing one file leaves the others and the description.
    removed = files[1]
    case_client.submit(f"{BASE}/evidence/items/ev9/files/{removed.attachment_id}/remove", {})
    item = answers_of(case_client).evidence[0]
    assert [f.filename for f in item.files] == ["one.png", "bank.pdf", "two.png"]
    assert item.description == "Texts and a call"
    assert removed.attachment_id not in {a.attachment_id for a in case_client.case.attachments()}
    url = f"{BASE}/evidence/items/ev9/files/{removed.attachment_id}"
    assert case_client.get(url).status_code == 404
    # Deleting the item removes every file it held.
    case_client.submit(f"{BASE}/evidence/items/ev9/delete", {})
    assert case_client.case.attachments() == []


def test_a_refused_file_among_several_is_named_and_the_others_kept(case_client: Any) -> None:
    response = case_client.submit(
        f"{BASE}/evidence/items/ev9",
        {
            "description": "Screenshots",
            "file": [
                (io.BytesIO(PNG), "one.png"),
                (io.BytesIO(b"MZ\x90\x00"), "setup.exe"),
                (io.BytesIO(PNG), "two.png"),
                (io.BytesIO(b"PK\x03\x04"), "archive.zip"),
            ],
        },
        content_type="multipart/form-data",
    )
    text = page(response)
    assert "“setup.exe” and “archive.zip” were not attached." in text
    item = answers_of(case_client).evidence[0]
    files = [f.filename for f in item.files]
    assert (item.description, files) == ("Screenshots", ["one.png", "two.png"])
