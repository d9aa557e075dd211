"""axe-core on every interview page (branches, list items, errors), and reflow at 200% zoom."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from complaint_helper.interview.model import Answers
from complaint_helper.interview.repository import load_answers, save_answers, save_step_values
from complaint_helper.interview.steps import STEPS
from complaint_helper.web.app_state import state_of
from tests.browser.test_interview_journey import AXE_OPTIONS
from tests.conftest import PASSPHRASE, by_page_id, eventually, step_path
from tests.stories import make_maya

pytestmark = pytest.mark.browser

AXE = Axe()
BASE = "/case/interview"


def load_story(case: Any, answers: Answers) -> None:
    """Maya's answers plus every branch switched on, so every page has something to show."""
    answers.set("therapy", "status", "ongoing")
    answers.set("professional", "profession", "not_sure")
    answers.set("what-happened", "conduct", ["sexual_contact", "relationship_after"])
    save_answers(case, answers)


def assert_accessible(page: Any, where: str) -> None:
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"
    assert page.csp.violations == [], where


@pytest.mark.slow
def test_every_interview_page_passes_axe_with_answers_and_branches(case_page: Any) -> None:
    load_story(case_page.case, make_maya())
    base = case_page.live_server.base + BASE
    paths = ["/", *[f"/{s.slug}" for s in STEPS]]
    paths += ["/timeline/items/t1", "/evidence/items/e1", "/people/items/p1"]
    paths += ["/timeline/items/new1", "/timeline/items/t1/delete"]
    for path in paths:
        case_page.goto(by_page_id(case_page.live_server.app, base + path))
        assert case_page.locator("h1").count() == 1, path
        assert_accessible(case_page, path)


ERROR_POSTS: dict[str, dict[str, str]] = {
    "therapy": {"#started-year": "2099", "#ended-day": "40"},
    "professional": {"#name": "x" * 2_001},
    "after-therapy": {"#relationship_began-year": "1800"},
    "impact": {"#impact": "y" * 100_001},
    "timeline/items/new2": {"#when-year": "3000", "#when-end-year": "1999"},
    "evidence/items/new3": {"#when-month": "13"},
}


@pytest.mark.slow
def test_error_states_pass_axe_and_move_focus_to_the_summary(case_page: Any) -> None:
    load_story(case_page.case, Answers())
    base = case_page.live_server.base + BASE
    for path, typed in ERROR_POSTS.items():
        case_page.goto(by_page_id(case_page.live_server.app, f"{base}/{path}"))
        for selector, value in typed.items():
            field = case_page.locator(selector)
            if field.evaluate("e => e.tagName") == "SELECT":
                field.evaluate(
                    f"e => {{ e.add(new Option('bad', '{value}')); e.value = '{value}'; }}"
                )
            else:
                field.fill(value)
        with case_page.expect_navigation():
            case_page.locator("button[value=continue], button[value=save]").first.click()
        assert case_page.locator(".error-summary").count() == 1, path
        assert case_page.evaluate("document.activeElement.classList.contains('error-summary')")
        for selector, value in typed.items():
            if value != "13":
                assert case_page.locator(selector).input_value() == value, (path, selector)
        assert_accessible(case_page, f"{path} (errors)")


@pytest.mark.parametrize("width", [640, 320])
def test_pages_reflow_without_sideways_scrolling(case_page: Any, width: int) -> None:
    """WCAG 1.4.10: 1280 CSS pixels at 200% zoom is 640 wide; at 400% it is 320."""
    answers = make_maya()
    answers.set("your-account", "account", "averyveryverylongwordwithoutspaces" * 40)
    load_story(case_page.case, answers)
    case_page.set_viewport_size({"width": width, "height": 900})
    base = case_page.live_server.base + BASE
    paths = ["/", *[f"/{s.slug}" for s in STEPS], "/timeline/items/t1", "/evidence/items/e1"]
    for path in paths:
        case_page.goto(by_page_id(case_page.live_server.app, base + path))
        scroll_width = case_page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, (path, scroll_width)


def test_autosave_and_character_count_while_typing(case_page: Any) -> None:
    base = case_page.live_server.base + BASE
    case_page.goto(by_page_id(case_page.live_server.app, f"{base}/impact"))
    counter = case_page.locator("#impact-count")
    assert "100,000 characters remaining" in counter.inner_text()
    box = case_page.get_by_label("How has this affected you?")
    box.focus()
    case_page.keyboard.type("It changed a lot")
    assert "99,984 characters remaining" in counter.inner_text()
    case_page.locator("#autosave-status").filter(has_text="Saved automatically").wait_for()
    answers = load_answers(case_page.case).answers
    assert answers.text("impact", "impact") == "It changed a lot"
    assert answers.state_of("impact") == "in_progress"


HOSTILE = (
    "<script>alert('x')</script>",
    '"><img src=x onerror="alert(1)">',
    "</textarea><svg onload=alert(1)>",
    "javascript:alert(1)",
)


def test_hostile_text_is_shown_as_text_and_never_runs(case_page: Any) -> None:
    answers = make_maya()
    for number, hostile in enumerate(HOSTILE):
        answers.timeline[number].what = hostile
        answers.people[0].name = hostile
    answers.set("your-account", "account", "\n".join(HOSTILE))
    answers.set("professional", "name", HOSTILE[1])
    load_story(case_page.case, answers)
    dialogs: list[str] = []

    def refuse(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    case_page.on("dialog", refuse)
    base = case_page.live_server.base + BASE
    for path in [
        "/check-answers",
        "/your-account",
        "/professional",
        "/timeline",
        "/people/items/p1",
    ]:
        case_page.goto(by_page_id(case_page.live_server.app, base + path))
        case_page.wait_for_load_state("load")
    case_page.goto(by_page_id(case_page.live_server.app, base + "/check-answers"))
    text = case_page.locator("main").inner_text()
    assert HOSTILE[0] in text and HOSTILE[2] in text
    assert case_page.locator("main img, main svg").count() == 0
    assert dialogs == []
    assert case_page.csp.violations == []


# Repeated: the words and the lock once travelled as two requests that could arrive in either
# order, and the loss showed about once in twenty runs.
@pytest.mark.parametrize("attempt", range(3))
@pytest.mark.parametrize("how", ["click", "shift"])
def test_quick_exit_while_typing_keeps_the_last_words(
    case_page: Any, how: str, attempt: int
) -> None:
    words = f"Written just before leaving ({how}, {attempt})"
    base = case_page.live_server.base + BASE
    case_page.goto(by_page_id(case_page.live_server.app, f"{base}/impact"))
    box = case_page.get_by_label("How has this affected you?")
    box.focus()
    case_page.keyboard.type(words)
    if how == "click":
        case_page.click("#quick-exit")
    else:
        for _ in range(3):
            case_page.keyboard.press("Shift")
    case_page.wait_for_url("**/away")
    eventually(lambda: bool(case_page.case.is_locked), "the case locking after quick exit")
    vault = state_of(case_page.live_server.app).vault
    reopened = vault.unlock(case_page.case.case_id, PASSPHRASE)
    assert load_answers(reopened).answers.text("impact", "impact") == words


def test_the_browser_back_button_does_not_lose_words_just_typed(case_page: Any) -> None:
    base = case_page.live_server.base + BASE
    case_page.goto(by_page_id(case_page.live_server.app, f"{base}/"))
    case_page.goto(by_page_id(case_page.live_server.app, f"{base}/impact"))
    case_page.get_by_label("How has this affected you?").focus()
    case_page.keyboard.type("Typed a moment ago")
    case_page.go_back()
    eventually(
        lambda: (
            load_answers(case_page.case).answers.text("impact", "impact") == "Typed a moment ago"
        ),
        "the words typed before Back being saved",
    )


def test_answers_kept_aside_and_their_delete_page_pass_axe(case_page: Any) -> None:
    answers = make_maya()
    load_story(case_page.case, answers)
    save_step_values(case_page.case, Answers(), "after-therapy", {"what_they_said": "Words"})
    save_step_values(case_page.case, Answers(), "what-happened", {"conduct": ["touching"]})
    base = case_page.live_server.base + BASE
    case_page.goto(by_page_id(case_page.live_server.app, base + "/check-answers"))
    assert case_page.locator("#set-aside").is_visible()
    assert_accessible(case_page, "check-answers with answers kept aside")
    link = "Delete these answers about the relationship after therapy"
    case_page.get_by_role("link", name=link).click()
    assert case_page.locator("h1").inner_text().startswith("Delete your answers")
    assert_accessible(case_page, "after-therapy/set-aside")
    case_page.get_by_role("button", name="Yes, delete them").click()
    case_page.wait_for_url("**" + step_path(case_page.live_server.app, "check-answers"))
    assert case_page.locator("#set-aside").count() == 0
    assert load_answers(case_page.case).answers.values.get("after-therapy", {}) == {}
