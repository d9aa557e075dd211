"""The idle lock in real Chromium: a warning first, "Keep working" keeps the case open, and when
nobody answers the page leaves the case for the locked page and Back shows none of it.

The lock is set to 9 seconds here (the default is 15 minutes); the page polls every second and
warns 3 seconds before (75 seconds by default), so the whole path takes a few seconds."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from complaint_helper.settings import Settings
from tests.conftest import HANG_GUARD_SECONDS

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # waits out a real idle period

IDLE_LOCK_SECONDS = 9
OPEN_CASE_WORDS = "Change the passphrase"  # shown only while a case is open
GUARD_MS = int(HANG_GUARD_SECONDS * 1000)  # waits are on events; this only catches a hang


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, idle_lock_seconds=IDLE_LOCK_SECONDS)


def test_warning_appears_before_the_lock_and_keep_working_holds_it_off(case_page: Any) -> None:
    case_page.goto(case_page.live_server.base + "/cases/open")
    warning = case_page.locator("#idle-warning")
    assert warning.is_hidden()
    warning.wait_for(state="visible", timeout=GUARD_MS)
    assert "lock soon" in warning.inner_text()
    assert not case_page.case.is_locked

    case_page.click("#idle-stay")
    warning.wait_for(state="hidden", timeout=GUARD_MS)
    # Keep working counts as activity: the warning comes back only because the idle period
    # started again (the server says "open, a few seconds left" at least 6 s after the click,
    # past the first deadline); without the click the page would have gone to /locked instead.
    warning.wait_for(state="visible", timeout=GUARD_MS)
    assert not case_page.url.endswith("/locked")


def test_idle_case_locks_and_the_page_leaves_it(case_page: Any) -> None:
    base = case_page.live_server.base
    case_page.goto(base + "/cases/open")
    assert OPEN_CASE_WORDS in case_page.inner_text("main")
    case_page.wait_for_url("**/locked", timeout=GUARD_MS)
    assert case_page.case.is_locked

    case_page.go_back()
    case_page.wait_for_load_state()
    assert OPEN_CASE_WORDS not in case_page.inner_text("body")
    assert case_page.csp.violations == []


def test_status_probe_is_not_activity(case_page: Any) -> None:
    """Polling must not keep a case open by itself: with the page left alone, it still locks."""
    case_page.goto(case_page.live_server.base + "/cases/open")
    # If the probe counted as activity, the case would never lock and this would hit the guard.
    case_page.wait_for_url("**/locked", timeout=GUARD_MS)
    assert case_page.case.is_locked
