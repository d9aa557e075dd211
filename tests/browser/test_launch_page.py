"""Real Chromium started the way the app starts it: at the private file:// redirect page that holds
the launch link (complaint_helper.opener). The person lands on the start page, let in."""

from __future__ import annotations

from typing import Any

import pytest

from complaint_helper.opener import BrowserOpener
from tests.conftest import LiveServer

pytestmark = pytest.mark.browser

WELCOME = "Prepare a complaint about a therapist"


def test_the_redirect_page_the_app_opens_lets_the_person_in(
    browser: Any, live_server: LiveServer
) -> None:
    opener = BrowserOpener()
    try:
        redirect_page = opener.write_page(live_server.url)
        context = browser.new_context()
        page = context.new_page()
        page.goto(redirect_page.as_uri())
        page.wait_for_url(live_server.base + "/")
        page.get_by_text(WELCOME).wait_for()
        assert "token" not in page.url
        context.close()
    finally:
        opener.close()
