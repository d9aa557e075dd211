"""The case screens in real Chromium: create, lock, wrong then right passphrase, change passphrase,
export (download) and delete — with no CSP violations on the way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from complaint_helper.vault import Vault
from complaint_helper.vault.case_file import MAGIC
from complaint_helper.web.app_state import state_of
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.browser

NEW_PASSPHRASE = "copper whistle meadow falcon"


def press(page: Any, button: str) -> None:
    """Click a form's submit button and wait for the page it leads to."""
    with page.expect_navigation() as navigation:
        page.click(f"button:has-text('{button}')")
    response = navigation.value
    assert response is None or response.headers.get("x-refused") is None


def vault_of(page: Any) -> Vault:
    found: Vault = state_of(page.live_server.app).vault
    return found


def create_case(page: Any, nickname: str = "Blue notebook") -> None:
    page.goto(page.live_server.base + "/cases")
    page.click("text=Start a new case")
    page.fill("#nickname", nickname)
    page.fill("#passphrase", PASSPHRASE)
    page.fill("#passphrase_confirm", PASSPHRASE)
    press(page, "Create the case")
    page.wait_for_url("**/case/interview/")  # straight to the progress page
    # The case bar names the open case and leads to its page.
    bar = page.get_by_role("navigation", name="Your case")
    bar.get_by_role("link", name=f"\u201c{nickname}\u201d").click()
    page.wait_for_url("**/cases/open")


def lock(page: Any) -> None:
    page.goto(page.live_server.base + "/cases/open")
    press(page, "Lock the case")
    page.wait_for_url("**/locked")


def unlock(page: Any, passphrase: str, nickname: str = "Blue notebook") -> None:
    page.goto(page.live_server.base + "/cases")
    page.click(f"tr:has-text('{nickname}') >> text=Open")
    page.fill("#passphrase", passphrase)
    press(page, "Open the case")


def test_create_lock_wrong_then_right_passphrase(browser_page: Any) -> None:
    page = browser_page
    create_case(page)
    assert "Blue notebook" in page.inner_text("main")
    lock(page)
    assert page.title() == "Notes" or "Blue" not in page.title()
    unlock(page, "lantern orchard velvet harbour")
    page.wait_for_selector(".error-summary")
    assert (
        "That passphrase doesn't open this case. Check caps lock and try again."
        in page.inner_text("main")
    )
    assert page.input_value("#passphrase") == ""
    page.fill("#passphrase", PASSPHRASE)
    press(page, "Open the case")
    page.wait_for_url("**/case/interview/")
    assert page.locator("h1").inner_text() == "Your progress"
    assert page.csp.violations == []


def test_change_passphrase_in_the_browser(browser_page: Any) -> None:
    page = browser_page
    create_case(page)
    page.click("text=Change the passphrase")
    page.fill("#old_passphrase", PASSPHRASE)
    page.fill("#passphrase", NEW_PASSPHRASE)
    page.fill("#passphrase_confirm", NEW_PASSPHRASE)
    press(page, "Change the passphrase")
    page.wait_for_url("**/cases/open")
    assert "Your passphrase has been changed" in page.inner_text("main")
    lock(page)
    unlock(page, PASSPHRASE)
    page.wait_for_selector(".error-summary")
    page.fill("#passphrase", NEW_PASSPHRASE)
    press(page, "Open the case")
    page.wait_for_url("**/case/interview/")
    assert page.csp.violations == []


def test_export_downloads_an_encrypted_case_file(browser_page: Any, tmp_path: Path) -> None:
    page = browser_page
    create_case(page)
    case = vault_of(page).list_cases()[0]
    vault_of(page).unlock(case.case_id, PASSPHRASE).put("answers", "a", {"text": "browser words"})
    page.click("text=Save a copy to move to another computer")
    with page.expect_download() as download_info:
        page.click("button:has-text('Download the case file')")
    download = download_info.value
    assert download.suggested_filename.endswith(".chcase")
    assert "Blue" not in download.suggested_filename
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(MAGIC)
    assert b"browser words" not in data
    assert page.csp.violations == []


def test_delete_in_the_browser(browser_page: Any) -> None:
    page = browser_page
    create_case(page)
    page.click("text=Delete this case")
    assert "still holds everything" in page.inner_text("main")
    page.fill("#confirm", "nope")
    press(page, "Delete the case")
    page.wait_for_selector(".error-summary")
    assert len(vault_of(page).list_cases()) == 1
    page.fill("#confirm", "delete")
    press(page, "Delete the case")
    page.wait_for_url("**/cases")
    assert "The case has been deleted from this computer." in page.inner_text("main")
    assert vault_of(page).list_cases() == []
    assert page.csp.violations == []


@pytest.mark.parametrize(
    "path",
    [
        "/cases",
        "/cases/new",
        "/cases/{case_id}/unlock",
        "/cases/open",
        "/cases/open/passphrase",
        "/cases/open/delete",
        "/cases/open/export",
        "/cases/import",
        "/cases/import/replace",
    ],
)
def test_case_pages_pass_axe(case_page: Any, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    case_page.goto(case_page.live_server.base + path.format(case_id=case_page.case.case_id))
    results = Axe().run(case_page)
    violations = [
        (v["id"], nodes)
        for v in results.response["violations"]
        if (nodes := [n["html"][:80] for n in v["nodes"]])
    ]
    assert violations == []
    assert case_page.csp.violations == []
