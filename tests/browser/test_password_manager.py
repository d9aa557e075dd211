"""What the browser keeps: after a case is created, locked and opened again in Chromium
with a real profile on disk, no file of that profile holds the nickname or a passphrase (before
issue 20, Chromium's password manager kept the nickname as a user name, for good)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, LiveServer

pytestmark = pytest.mark.browser

NICKNAME = "Zanzibar quokka notes"
FIRST = "lantern orchard velvet harbor"


def _held(profile: Path, secret: str) -> list[str]:
    forms = (secret.encode(), secret.encode("utf-16-le"))
    return [
        str(path.relative_to(profile))
        for path in profile.rglob("*")
        if path.is_file() and any(form in path.read_bytes() for form in forms)
    ]


def test_the_browser_profile_keeps_no_nickname_or_passphrase(
    browser: Any, live_server: LiveServer, tmp_path: Path
) -> None:
    profile = tmp_path / "profile"
    # A second Chromium of the same Playwright, with its profile in a folder the test can read.
    context = browser.browser_type.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    try:
        page = context.new_page()
        page.goto(live_server.url)
        page.get_by_role("link", name="Start or open a case").click()
        page.get_by_role("link", name="Start a new case").click()
        page.fill("#nickname", NICKNAME)
        page.fill("#passphrase", FIRST)
        page.fill("#passphrase_confirm", FIRST)
        page.get_by_role("button", name="Create the case").click()
        page.get_by_role("button", name="Lock", exact=True).click()
        page.get_by_role("link", name="Open a case").click()
        page.get_by_role("link", name=f"Open {NICKNAME}").click()
        page.fill("#passphrase", FIRST)
        page.get_by_role("button", name="Open the case").click()
        page.get_by_role("button", name="Lock", exact=True).wait_for()
    finally:
        context.close()  # the profile is written out
    assert _held(profile, NICKNAME) == []
    assert _held(profile, FIRST) == []
