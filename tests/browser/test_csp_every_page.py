"""Every page the app serves, visited in real Chromium with a case open: zero CSP violations."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError

pytestmark = pytest.mark.browser

# Exit locks; launch is one-time; the opening page moves on by itself (a refresh that would cut
# the next visit short).
SKIP = {"general.exit_page", "general.launch", "general.opening", "static"}


def test_no_page_triggers_a_csp_violation(case_page: Any) -> None:
    app = case_page.live_server.app
    base = case_page.live_server.base
    visited = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIP or "GET" not in (rule.methods or set()) or rule.arguments:
            continue
        try:
            response = case_page.goto(base + str(rule))
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                continue  # a file download, not a page
            raise
        case_page.wait_for_load_state("load")
        assert response is not None
        assert response.status < 500, str(rule)
        visited.append(str(rule))
    assert len(visited) >= 4
    assert case_page.csp.violations == [], visited
