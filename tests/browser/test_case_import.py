"""Importing a case file in real Chromium: choose the file, type its passphrase (a wrong one is
asked again, costly lock settings are explained and need a tick), and for a case already here see
the nickname and dates read from the file — every page axe-clean, no CSP violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from complaint_helper.vault.crypto import KDF_CEILING
from tests.browser.test_cases import create_case, press, vault_of
from tests.conftest import PASSPHRASE
from tests.vault.case_files import with_kdf

pytestmark = pytest.mark.browser


def axe_clean(page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    violations = [
        (v["id"], [n["html"][:80] for n in v["nodes"]])
        for v in Axe().run(page).response["violations"]
    ]
    assert violations == []


def download_case_file(page: Any, folder: Path) -> Path:
    page.click("text=Save a copy to move to another computer")
    with page.expect_download() as download_info:
        page.click("button:has-text('Download the case file')")
    saved: Path = folder / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    return saved


def choose_file(page: Any, path: Path) -> None:
    page.goto(page.live_server.base + "/cases")
    page.click("text=Open a case file")
    page.set_input_files("#case_file", str(path))
    press(page, "Continue")
    page.wait_for_url("**/cases/import/passphrase")


def test_import_asks_the_passphrase_then_shows_the_case_from_the_file(
    browser_page: Any, tmp_path: Path
) -> None:
    page = browser_page
    create_case(page)
    saved = download_case_file(page, tmp_path)
    choose_file(page, saved)
    assert "Blue notebook" not in page.inner_text("main")
    axe_clean(page)
    page.fill("#passphrase", "lantern orchard velvet harbour")
    press(page, "Open the file")
    page.wait_for_selector(".error-summary")
    assert "That passphrase doesn't open this file" in page.inner_text("main")
    page.fill("#passphrase", PASSPHRASE)
    press(page, "Open the file")
    page.wait_for_url("**/cases/import/replace")
    table = page.inner_text("table")
    assert table.count("Blue notebook") == 2
    axe_clean(page)
    press(page, "Keep the one on this computer")
    page.wait_for_url("**/cases")
    assert "Nothing was changed" in page.inner_text("main")
    assert len(vault_of(page).list_cases()) == 1
    assert page.csp.violations == []


def test_costly_lock_settings_are_explained_before_anything_runs(
    browser_page: Any, tmp_path: Path
) -> None:
    page = browser_page
    create_case(page)
    saved = download_case_file(page, tmp_path)
    hostile = tmp_path / "from-someone.chcase"
    hostile.write_bytes(with_kdf(saved.read_bytes(), KDF_CEILING))
    choose_file(page, hostile)
    main = page.inner_text("main")
    assert "about 7 seconds and about 1,074 MB of this computer's memory" in main
    axe_clean(page)
    page.fill("#passphrase", PASSPHRASE)
    press(page, "Open the file")
    page.wait_for_selector(".error-summary")
    assert "tick the box first" in page.inner_text("main")
    axe_clean(page)
    page.click("text=Back to your cases")
    page.wait_for_url("**/cases")
    assert len(vault_of(page).list_cases()) == 1
    assert page.csp.violations == []
