"""axe-core, every rule including best practice, on the pages the foundation owns and the first
pages of each area: zero violations."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import by_page_id

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/locked", "/cases", "/case/interview/therapy", "/away"])
def test_no_axe_violations(case_page: Any, path: str) -> None:
    case_page.goto(by_page_id(case_page.live_server.app, case_page.live_server.base + path))
    results = Axe().run(case_page)
    assert results.violations_count == 0, results.generate_report()
