"""Quick exit never loses words (shared/security.md): text typed a moment before the exit — too
soon for the every-few-seconds autosave — is saved before the case locks, by click and by Shift×3.
"""

from __future__ import annotations

from typing import Any

import pytest

from complaint_helper.interview import repository
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.browser

ACCOUNT_URL = "/case/interview/your-account"


def stored_account(page: Any) -> str | None:
    server = page.live_server
    vault = server.app.extensions["complaint_helper.vault"]
    case = vault.unlock(page.case.case_id, PASSPHRASE)
    try:
        return repository.load_answers(case).answers.text("your-account", "account") or None
    finally:
        case.lock()


@pytest.mark.parametrize("round_", range(3))
def test_words_typed_just_before_a_quick_exit_click_are_kept(case_page: Any, round_: int) -> None:
    words = f"I could not say this out loud, attempt {round_}."
    case_page.goto(case_page.live_server.base + ACCOUNT_URL)
    case_page.fill("#account", words)
    case_page.click("#quick-exit")
    case_page.wait_for_url("**/away")
    case_page.wait_for_timeout(1500)
    assert case_page.case.is_locked
    assert stored_account(case_page) == words


@pytest.mark.parametrize("round_", range(3))
def test_words_typed_just_before_shift_three_times_are_kept(case_page: Any, round_: int) -> None:
    words = f"He told me not to tell anyone, attempt {round_}."
    case_page.goto(case_page.live_server.base + ACCOUNT_URL)
    case_page.fill("#account", words)
    for _ in range(3):
        case_page.keyboard.press("Shift")
    case_page.wait_for_url("**/away")
    case_page.wait_for_timeout(1500)
    assert case_page.case.is_locked
    assert stored_account(case_page) == words
