"""The corridors between the pages, through the test client: the case bar, progress that tells the
truth, and quick exit and Lock that keep the words on the page without JavaScript."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask

from complaint_helper.interview import flow
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import Answers, EvidenceItem
from complaint_helper.interview.repository import load_answers, save_answers
from complaint_helper.interview.review import review_sections
from complaint_helper.interview.steps import STEP_BY_SLUG, STEPS
from complaint_helper.vault import Vault
from complaint_helper.web.app_state import state_of
from tests.conftest import PASSPHRASE, AppClient
from tests.stories import make_jordan, make_maya, make_sam

BASE = "/case/interview"


def page(response: Any) -> str:
    return str(response.get_data(as_text=True))


def main_of(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


# -- the case bar ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path", ["/", "/cases", "/cases/open", f"{BASE}/", f"{BASE}/therapy", "/case/boards",
             "/case/document", f"{BASE}/timeline/items/t1"],
)  # fmt: skip
def test_every_page_of_an_open_case_shows_the_case_bar(case_client: AppClient, path: str) -> None:
    html = page(case_client.get(path))
    bar = html.split('<nav class="case-bar" aria-label="Your case">', 1)[1].split("</nav>", 1)[0]
    assert "&ldquo;Test case&rdquo;" in bar
    for link in (f'href="{BASE}/"', 'href="/case/boards"', 'href="/case/document"'):
        assert link in bar
    assert ">Lock</button>" in bar


def test_unlocking_leads_to_the_progress_page(app: Flask, client: AppClient) -> None:
    vault: Vault = state_of(app).vault
    case = vault.create_case("Garden notes", PASSPHRASE)
    case.lock()
    assert 'class="case-bar"' not in page(client.get("/cases"))  # no case open: no bar
    response = client.submit(f"/cases/{case.case_id}/unlock", {"passphrase": PASSPHRASE})
    assert response.headers["Location"].endswith(f"{BASE}/")
    assert "Start" in page(client.get(f"{BASE}/"))


# -- progress that tells the truth -----------------------------------------------------------------
def test_a_list_with_entries_is_done_without_its_page_submitted(case_client: Any) -> None:
    answers = make_sam()
    answers.progress = {"timeline": "in_progress", "evidence": "in_progress"}
    save_answers(case_client.case, answers)
    html = page(case_client.get(f"{BASE}/"))
    for slug in ("timeline", "evidence", "people"):
        assert re.search(rf'id="status-{slug}">Done<', html), slug


def test_an_emptied_list_is_not_in_progress() -> None:
    answers = Answers(progress={"timeline": "in_progress"})
    assert flow.step_state(answers, STEP_BY_SLUG["timeline"]) == "not_started"


def test_step_numbers_do_not_jump_when_branches_open(case_client: Any) -> None:
    before = page(case_client.get(f"{BASE}/what-happened"))
    save_answers(case_client.case, make_jordan())  # opens the safety page after the therapy
    after = page(case_client.get(f"{BASE}/what-happened"))
    caption = re.compile(r"Step \d+ of \d+")
    assert caption.findall(before) == caption.findall(after) == ["Step 4 of 12"]
    assert "An extra page" in page(case_client.get(f"{BASE}/still-seeing"))
    numbers = [flow.step_number(step) for step in STEPS if not step.branch]
    assert numbers == list(range(1, len(numbers) + 1))


def test_md_or_do_is_not_asked_back_of_a_counselor() -> None:
    def degree_rows(answers: Answers) -> list[str]:
        professional = next(s for s in review_sections(answers) if s.step.slug == "professional")
        return [row.label for row in professional.rows if row.label == "MD or DO"]

    counselor = Answers()
    counselor.set("professional", "profession", "counselor")
    assert degree_rows(counselor) == []
    assert degree_rows(make_jordan()) == ["MD or DO"]


def test_an_evidence_range_says_from_once() -> None:
    answers = Answers()
    answers.evidence = [
        EvidenceItem(
            "e1", "messages", "Texts", ApproxDate.of_year(2021).to(ApproxDate.of_year(2022))
        )
    ]
    evidence = next(s for s in review_sections(answers) if s.step.slug == "evidence")
    assert "From 2021 to 2022" in evidence.rows[0].value
    assert "From: from" not in evidence.rows[0].value


@pytest.mark.parametrize("slug", ["your-account", "impact"])
def test_nothing_sits_above_a_one_question_pages_heading(case_client: Any, slug: str) -> None:
    main = main_of(page(case_client.get(f"{BASE}/{slug}")))
    before_heading = main.split("<h1", 1)[0]
    assert 'class="hint"' not in before_heading
    assert "optional" not in before_heading


def test_the_progress_page_offers_the_boards_and_documents_once_they_can_be_used(
    case_client: Any,
) -> None:
    html = main_of(page(case_client.get(f"{BASE}/")))
    assert 'href="/case/boards"' not in html
    save_answers(case_client.case, make_maya())
    html = main_of(page(case_client.get(f"{BASE}/")))
    assert 'href="/case/boards"' in html and 'href="/case/document"' in html


# -- without JavaScript ----------------------------------------------------------------------------
def test_words_that_need_javascript_are_hidden_until_it_runs(case_client: Any) -> None:
    for path in ("/", f"{BASE}/before-you-start", f"{BASE}/therapy"):
        html = page(case_client.get(path))
        for sentence in re.findall(r"<[^>]*>[^<]*Shift three times", html):
            assert "data-js-only hidden" in sentence, path


def test_a_page_holding_words_ties_quick_exit_lock_and_enter_to_its_form(case_client: Any) -> None:
    html = page(case_client.get(f"{BASE}/impact"))
    assert re.search(r'<button type="submit" form="answers" name="action" value="quick-exit"', html)
    assert re.search(r'<button type="submit" form="answers" name="action" value="lock"', html)
    # The first submit button of the form in the page (what Enter presses) saves and continues.
    first = re.search(
        r'<(?:input|button) type="submit" form="answers" name="action" value="(\w+)"', html
    )
    assert first is not None and first.group(1) == "continue"


def test_quick_exit_without_javascript_saves_locks_and_leaves(app: Flask, case_client: Any) -> None:
    words = "Typed just before someone came in."
    response = case_client.submit(f"{BASE}/impact", {"action": "quick-exit", "impact": words})
    assert response.status_code == 303
    assert response.headers["Location"] == state_of(app).settings.exit_url
    assert case_client.case.is_locked
    vault: Vault = state_of(app).vault
    reopened = vault.unlock(case_client.case.case_id, PASSPHRASE)
    assert load_answers(reopened).answers.text("impact", "impact") == words


def test_quick_exit_from_a_page_with_a_problem_keeps_what_reads(
    app: Flask, case_client: Any
) -> None:
    response = case_client.submit(
        f"{BASE}/therapy", {"action": "quick-exit", "state": "CA", "started-year": "20x"}
    )
    assert response.status_code == 303
    vault: Vault = state_of(app).vault
    reopened = vault.unlock(case_client.case.case_id, PASSPHRASE)
    assert load_answers(reopened).answers.choice("therapy", "state") == "CA"


def test_lock_on_an_item_page_keeps_the_item(app: Flask, case_client: Any) -> None:
    response = case_client.submit(
        f"{BASE}/people/items/p1", {"action": "lock", "name": "Robin", "relation": "witness"}
    )
    assert response.headers["Location"].endswith("/locked")
    assert case_client.case.is_locked
    vault: Vault = state_of(app).vault
    reopened = vault.unlock(case_client.case.case_id, PASSPHRASE)
    assert [p.name for p in load_answers(reopened).answers.people] == ["Robin"]
