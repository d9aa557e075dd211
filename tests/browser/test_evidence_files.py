"""Evidence files in real Chromium against the real server: one file removed from several, and
files over the upload limit stopped in the page with a plain sentence before anything is sent."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from complaint_helper.interview.repository import load_answers
from complaint_helper.settings import Settings
from tests.conftest import step_path

pytestmark = pytest.mark.browser

LIMIT = 100_000


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, max_upload_bytes=LIMIT)


def png(path: Path, size: int) -> str:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * (size - 8))
    return str(path)


def submit(page: Any, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def test_one_of_several_files_is_removed_and_the_others_stay(
    case_page: Any, tmp_path: Path
) -> None:
    page = case_page
    page.goto(page.live_server.base + step_path(page.live_server.app, "evidence"))
    with page.expect_navigation():
        page.get_by_role("link", name="Add an item").click()
    page.get_by_label("Describe it").fill("Screenshots of his texts")
    chosen = [png(tmp_path / f"shot-{n}.png", 2_000) for n in (1, 2, 3)]
    page.get_by_label("Attach copies (optional)").set_input_files(chosen)
    submit(page, "Save this item")
    with page.expect_navigation():
        page.get_by_role("link", name="Change item 1").click()
    assert "The attached copies (3)" in page.content()
    submit(page, "Remove the copy of shot-2.png")
    assert "The attached copies (2)" in page.content()
    files = load_answers(page.case).answers.evidence[0].files
    assert [f.filename for f in files] == ["shot-1.png", "shot-3.png"]
    assert page.csp.violations == []


def test_files_over_the_limit_are_stopped_in_the_page(case_page: Any, tmp_path: Path) -> None:
    page = case_page
    page.goto(page.live_server.base + step_path(page.live_server.app, "evidence"))
    with page.expect_navigation():
        page.get_by_role("link", name="Add an item").click()
    page.get_by_label("Describe it").fill("Photos")
    big = [png(tmp_path / f"photo-{n}.png", 60_000) for n in (1, 2)]
    page.get_by_label("Attach copies (optional)").set_input_files(big)
    message = page.locator("#file-limit")
    assert "You can add up to" in message.inner_text()
    url = page.url
    page.get_by_role("button", name="Save this item", exact=True).click()
    # The form was not sent: still here, the field focused, nothing stored.
    assert page.url == url
    assert page.evaluate("document.activeElement.id") == "file"
    assert load_answers(page.case).answers.evidence == []
    # One file is within the limit: the message goes and the form is sent.
    page.get_by_label("Attach copies (optional)").set_input_files(big[:1])
    assert message.is_hidden()
    submit(page, "Save this item")
    assert [f.filename for f in load_answers(page.case).answers.evidence[0].files] == [
        "photo-1.png"
    ]
