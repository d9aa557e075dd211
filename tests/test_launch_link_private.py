"""The launch link never appears in any process's command line (issue 20, finding 3).

The browser is pointed (through the BROWSER variable, which Python's webbrowser honours) at a small
program standing in for it. While it runs, it reads every `/proc/*/cmdline` looking for the launch
token it was sent to, follows the link like a browser, and then stops the app with Ctrl-C.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from complaint_helper.opener import BrowserOpener
from tests.conftest import HANG_GUARD_SECONDS, LiveServer
from tests.fake_browser import install_fake_browser, read_report

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc (Linux)")
def test_browser_is_opened_through_a_private_page_and_no_argv_holds_the_token(
    tmp_path: Path,
) -> None:
    browser, report = install_fake_browser(tmp_path, stop_app=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "complaint_helper", "--data-dir", str(tmp_path / "data")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "BROWSER": str(browser)},
    )
    try:
        result = read_report(report)
        out, err = process.communicate(timeout=120)  # the fake browser stops the app
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.communicate(timeout=HANG_GUARD_SECONDS)
    assert result.get("processes_with_token") == [], result
    assert "error" not in result, result
    assert result["token_length"] >= 40
    assert process.returncode == 0, err
    assert result["argv"][0].startswith("file://")
    assert result["page_mode"] == 0o600
    assert result["folder_mode"] == 0o700
    assert result["welcome"] is True
    # The page and its private folder are gone once the app has stopped.
    assert not Path(result["page"]).parent.exists()
    assert "stopped" in out


@pytest.mark.browser
def test_real_chromium_follows_the_private_page_into_the_app(
    browser: Any, live_server: LiveServer
) -> None:
    """The redirect page works in a real browser: file:// page → launch link → welcome page."""
    launched: list[str] = []

    def launch(uri: str) -> bool:
        launched.append(uri)
        return True

    opener = BrowserOpener(launch)
    page_file = opener.open(live_server.url)
    assert page_file is not None
    assert live_server.url not in launched[0]
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(launched[0])
        page.wait_for_url(live_server.base + "/")
        assert "Prepare a complaint about a therapist" in page.locator("h1").first.inner_text()
    finally:
        context.close()
        opener.close()
    assert not page_file.parent.exists()
