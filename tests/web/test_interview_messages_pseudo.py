"""What only a posted form shows on the interview's and the tracker's pages went through gettext.

The link-graph crawl (test_pseudo_language) reads every page a link reaches; these pages also show
words only after a post: the answers' error sentences (every kind of date problem, text too long,
an option not on the list), the upload messages (a refused file, an empty one, several refused at
once, a file chosen on a page with an error), the flashes after saving, deleting and locking, and
the tracker's own checks. In the test-only pseudo-language each of them must come back inside
⟦…⟧; only the person's own words and file names may show as they are.
"""

from __future__ import annotations

import io
from typing import Any

from flask import Flask

from complaint_helper.interview import filing, repository
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import Answers, EvidenceItem
from tests.conftest import AppClient
from tests.web.test_pseudo_language import clean, in_pseudo_language

BASE = "/case/interview"
AFTER = "/case/after-sending"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


# The person's own words in the seeded case (data: shown as they are).
STORY = ("Some texts", "Kept words", "Board", "Letters")


def shown(response: Any, *data: str) -> list[str]:
    """The words of a page that are neither translated nor the person's own."""
    return clean(response.get_data(as_text=True), *STORY, *data)


def seeded(app: Flask, client: AppClient) -> AppClient:
    case = client.case  # type: ignore[attr-defined]
    answers = Answers()
    answers.set("what-happened", "conduct", ["relationship_after"])
    answers.set("after-therapy", "what_they_said", "Kept words")
    repository.save_answers(case, answers)
    repository.save_item(case, answers, EvidenceItem("ev1", "messages", "Some texts"))
    filing.save_filing(case, filing.Filing("p1", place="Board"))
    filing.save_entry(
        case, filing.FilingEntry("n1", "p1", when=ApproxDate.exact(2025, 3, 1), reply_within=30)
    )
    in_pseudo_language(app, client)
    return client


def test_the_interview_s_posted_messages_are_translated(app: Flask, case_client: AppClient) -> None:
    client = seeded(app, case_client)
    for dates in (
        {"started-day": "30", "started-month": "2", "started-year": "2023"},
        {"started-day": "30", "started-month": "2"},
        {"started-day": "3"},
        {"started-year": "3000"},
        {"started-year": "1850"},
        {"started-year": "20x1"},
        {"started-month": "3", "started-season": "summer"},
        {"started-year": "2021", "started-unknown": "1"},
        {"started-year": "2022", "ended-year": "2020"},
        {"state": "ZZ", "frequency": "hourly"},
    ):
        page = client.submit(f"{BASE}/therapy", {**dates, "action": "continue"})
        assert page.status_code == 200, dates
        assert shown(page) == [], dates
    long_name = "x" * 2_001
    page = client.submit(f"{BASE}/professional", {"name": long_name, "action": "continue"})
    assert shown(page, long_name) == []
    ranged = {"when-year": "2022", "when-end-year": "2020", "action": "save"}
    assert shown(client.submit(f"{BASE}/timeline/items/t9", ranged)) == []

    refused = client.submit(
        f"{BASE}/evidence/items/ev2",
        {
            "description": "Letters",
            "action": "save",
            "file": [(io.BytesIO(b"MZ"), "setup.exe"), (io.BytesIO(b"PK"), "archive.zip")],
        },
        content_type="multipart/form-data",
    )
    assert shown(refused, "Letters", "setup.exe", "archive.zip") == []
    empty = client.submit(
        f"{BASE}/evidence/items/ev3",
        {"action": "save", "file": (io.BytesIO(b""), "empty.png")},
        content_type="multipart/form-data",
    )
    assert shown(empty, "empty.png") == []
    with_error = client.submit(
        f"{BASE}/evidence/items/ev4",
        {"when-year": "3000", "action": "save", "file": (io.BytesIO(PNG), "a.png")},
        content_type="multipart/form-data",
    )
    assert shown(with_error) == []

    client.submit(f"{BASE}/evidence/items/ev1/delete", {})
    assert shown(client.get(f"{BASE}/evidence")) == []
    client.submit(f"{BASE}/what-happened", {"conduct": "touching", "action": "continue"})
    client.submit(f"{BASE}/after-therapy/set-aside", {})
    assert shown(client.get(f"{BASE}/check-answers")) == []
    client.submit(f"{BASE}/impact", {"impact": "", "action": "later"})
    assert shown(client.get("/locked")) == []


def test_the_tracker_s_posted_messages_are_translated(app: Flask, case_client: AppClient) -> None:
    client = seeded(app, case_client)
    for values in (
        {"reply_within": "many"},
        {"reply_within": "5000"},
        {"reply_within": "10", "reply_by-year": "2030"},
        {"when-year": "3000"},
    ):
        page = client.submit(f"{AFTER}/places/p1/entries/n2", {**values, "action": "save"})
        assert page.status_code == 200, values
        assert shown(page, "Board") == [], values
    for name, body in (("setup.exe", b"MZ"), ("empty.png", b"")):
        page = client.submit(
            f"{AFTER}/places/p1/entries/n3",
            {"action": "save", "file": (io.BytesIO(body), name)},
            content_type="multipart/form-data",
        )
        assert shown(page, "Board", name) == [], name
    too_long = "t" * 201
    page = client.submit(f"{AFTER}/places/p1/entries/n1/calendar", {"title": too_long})
    assert shown(page, too_long) == []

    client.submit(f"{AFTER}/places/p1", {"place": "Board", "action": "save"})
    assert shown(client.get(f"{AFTER}/"), "Board") == []
    client.submit(f"{AFTER}/places/p1/entries/n1/delete", {})
    assert shown(client.get(f"{AFTER}/"), "Board") == []
    client.submit(f"{AFTER}/places/p1/delete", {})
    assert shown(client.get(f"{AFTER}/")) == []
