"""The launch link never appears in any process's command line (issue 20, finding 3).

The browser is pointed (through the BROWSER variable, which Python's webbrowser honours) at a small
program standing in for it. While it runs, it reads every `/proc/*/cmdline` looking for the launch
token it was sent to, follows the link like a browser, and then stops the app with Ctrl-C.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import HANG_GUARD_SECONDS

REPO = Path(__file__).resolve().parent.parent

FAKE_BROWSER = r'''#!{python}
import json, os, re, signal, stat, sys, urllib.parse, urllib.request
from pathlib import Path

argv = sys.argv[1:]
report = {{"argv": argv}}
try:
    page = Path(urllib.request.url2pathname(urllib.parse.urlparse(argv[0]).path))
    html = page.read_text()
    url = re.search(r'content="0;url=([^"]+)"', html).group(1).replace("&amp;", "&")
    token = urllib.parse.parse_qs(urllib.parse.urlparse(url).query)["token"][0]
    report["page"] = str(page)
    report["page_mode"] = stat.S_IMODE(page.stat().st_mode)
    report["folder_mode"] = stat.S_IMODE(page.parent.stat().st_mode)
    report["token_length"] = len(token)
    holders = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if token.encode() in command:
            holders.append([int(entry.name), command.decode(errors="replace")])
    report["processes_with_token"] = holders
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    with opener.open(url, timeout=120) as response:  # a hang guard only
        report["welcome"] = "Prepare a complaint about a therapist" in response.read().decode()
except Exception as error:  # the report says what went wrong; the test fails on it
    report["error"] = repr(error)
Path({report!r}).write_text(json.dumps(report))
os.kill(os.getppid(), signal.SIGINT)
'''


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc (Linux)")
def test_browser_is_opened_through_a_private_page_and_no_argv_holds_the_token(
    tmp_path: Path,
) -> None:
    report = tmp_path / "report.json"
    browser = tmp_path / "fake-browser"
    browser.write_text(FAKE_BROWSER.format(python=sys.executable, report=str(report)))
    browser.chmod(0o700)
    process = subprocess.Popen(
        [sys.executable, "-m", "complaint_helper", "--data-dir", str(tmp_path / "data")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "BROWSER": str(browser)},
    )
    try:
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.communicate(timeout=HANG_GUARD_SECONDS)
    result = json.loads(report.read_text())
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
