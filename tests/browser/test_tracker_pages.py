"""The tracker's pages (issue 19) in real Chromium: no axe violations and no CSP violation, with
a place, a letter with a scan and a due date already saved, and with the entry form's errors
shown (a letter dated in the future, a reply period in words)."""

from __future__ import annotations

import io
from typing import Any

import pytest

from complaint_helper.interview import filing
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import EvidenceFile

pytestmark = pytest.mark.browser

BASE = "/case/after-sending"


def axe_violations(page: Any) -> list[tuple[str, list[str]]]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], nodes)
        for v in results.response["violations"]
        if (nodes := [n["html"][:80] for n in v["nodes"]])
    ]


def test_tracker_pages_pass_axe(case_page: Any) -> None:
    case = case_page.case
    scan = case.add_attachment(
        io.BytesIO(b"%PDF-1.4\n"), filename="l.pdf", media_type="application/pdf"
    )
    filing.save_filing(case, filing.Filing("p1", place="Clinic office", reference="R-1"))
    filing.save_entry(
        case,
        filing.FilingEntry(
            "e1", "p1", when=ApproxDate.exact(2024, 5, 1), what="Letter", reply_within=30,
            files=[EvidenceFile(scan.attachment_id, "l.pdf", "application/pdf", scan.size, "")],
        ),
    )  # fmt: skip
    base = case_page.live_server.base
    for path in (
        f"{BASE}/",
        f"{BASE}/places/p1",
        f"{BASE}/places/newplace",
        f"{BASE}/places/p1/entries/e1",
        f"{BASE}/places/p1/entries/e1/calendar",
        "/case/interview/",
    ):
        case_page.goto(base + path)
        assert axe_violations(case_page) == [], path
    # The entry form with its errors shown.
    case_page.goto(base + f"{BASE}/places/p1/entries/e2")
    case_page.fill("#when-year", "2999")
    case_page.fill("#reply_within", "thirty")
    with case_page.expect_navigation():
        case_page.get_by_role("button", name="Save", exact=True).click()
    assert case_page.locator(".error-summary li").count() == 2
    assert axe_violations(case_page) == []
    assert case_page.csp.violations == []
