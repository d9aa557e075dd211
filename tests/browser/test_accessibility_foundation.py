"""axe-core, every rule including best practice: zero violations.

Every kind of page the link-graph crawl reaches (one page per endpoint: a full story is open, so
each shows its fullest form), in English and in Spanish, chosen with the language button the way
a person does. Each page is also checked for `<html lang>` in the chosen language. One browser,
one server; the page list comes from the crawl (tests/web/test_link_graph.py). (The welcome,
locked, cases, first interview and away pages, once checked here one by one, are among them.)
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from complaint_helper.web.app_state import state_of
from tests.browser.test_interview_journey import AXE_OPTIONS
from tests.conftest import AppClient, LiveServer, by_page_id, launch, open_case_for
from tests.web.test_link_graph import crawl, full_story

pytestmark = pytest.mark.browser


class LiveAppClient(AppClient):
    """The test client, addressed to the live server's own port (its Host check wants that)."""

    base = ""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("base_url", self.base)
        return super().open(*args, **kwargs)


def one_page_per_endpoint(server: LiveServer, case: Any) -> dict[str, str]:
    """endpoint -> the first address the crawl read for it, with the case open."""
    server.app.test_client_class = LiveAppClient
    LiveAppClient.base = server.base
    client = server.app.test_client()
    assert isinstance(client, LiveAppClient)
    state_of(server.app).launch.renew()
    launch(server.app, client)
    open_case_for(server.app, client.session_id(), case)
    pages: dict[str, str] = {}

    def first_of_each(address: str, endpoint: str, _html: str) -> None:
        pages.setdefault(endpoint, address)

    crawl(server.app, client, on_page=first_of_each)
    return pages


@pytest.mark.slow
def test_every_kind_of_page_passes_axe_in_english_and_spanish(case_page: Any) -> None:
    server: LiveServer = case_page.live_server
    full_story(case_page.case)
    pages = one_page_per_endpoint(server, case_page.case)
    assert len(pages) >= 20
    axe = Axe()
    for language, button in (("es", "Español"), ("en", "English")):
        case_page.goto(server.base + "/")
        with case_page.expect_navigation():
            case_page.locator("header").get_by_role("button", name=button).click()
        for endpoint, address in sorted(pages.items()):
            case_page.goto(server.base + by_page_id(server.app, address))
            where = f"{language} {endpoint} {address}"
            assert case_page.locator("html").get_attribute("lang") == language, where
            results = axe.run(case_page, options=AXE_OPTIONS)
            assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"
    assert case_page.csp.violations == []
