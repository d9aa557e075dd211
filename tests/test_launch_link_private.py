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

import pytest

from tests.conftest import HANG_GUARD_SECONDS
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
