"""Quick exit in real Chromium: by click and by Shift pressed three times; Back shows nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import eventually

pytestmark = pytest.mark.browser

WELCOME = "Prepare a complaint about a therapist"


def test_quick_exit_is_first_in_tab_order(browser_page: Any) -> None:
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.id")
    assert focused == "quick-exit"


def test_quick_exit_by_click_lands_on_neutral_page_and_locks(case_page: Any) -> None:
    case_page.goto(case_page.live_server.base + "/")
    assert WELCOME in case_page.content()
    case_page.click("#quick-exit")
    case_page.wait_for_url("**/away")
    assert case_page.title() == "New Tab"
    _locks(case_page)


def _locks(page: Any) -> None:
    eventually(lambda: bool(page.case.is_locked), "the case locking after quick exit")


def test_shift_three_times_exits(case_page: Any) -> None:
    case_page.goto(case_page.live_server.base + "/")
    for _ in range(3):
        case_page.keyboard.press("Shift")
    case_page.wait_for_url("**/away")
    _locks(case_page)


def test_shift_as_a_modifier_does_not_count(browser_page: Any) -> None:
    browser_page.goto(browser_page.live_server.base + "/")
    browser_page.keyboard.press("Shift+A")
    browser_page.keyboard.press("Shift+B")
    browser_page.keyboard.press("Shift+C")
    # Checking that nothing happens needs a moment; a slow machine can only make this pass
    # vacuously (the positive tests above catch a broken handler), never fail it.
    browser_page.wait_for_timeout(300)
    assert browser_page.url.endswith("/")


def test_back_after_quick_exit_shows_nothing_of_the_case(case_page: Any) -> None:
    base = case_page.live_server.base
    case_page.goto(base + "/")
    case_page.goto(base + "/locked")  # a second page in history
    case_page.click("#quick-exit")
    case_page.wait_for_url("**/away")
    case_page.go_back()
    case_page.wait_for_load_state()
    text = case_page.inner_text("body")
    assert WELCOME not in text
    assert "This page has expired" in text


def test_quick_exit_works_without_javascript(browser: Any, live_server: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url)
    page.click("#quick-exit")
    page.wait_for_url("**/away")
    assert page.title() == "New Tab"
    context.close()


@pytest.mark.parametrize("path", ["/", "/locked", "/away", "/no-such-page"])
def test_no_csp_violations(browser_page: Any, path: str) -> None:
    browser_page.goto(browser_page.live_server.base + path)
    browser_page.wait_for_load_state("load")
    browser_page.keyboard.press("Tab")
    assert browser_page.csp.violations == []
