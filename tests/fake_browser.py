"""A small program standing in for the person's browser (Python's webbrowser starts it through the
BROWSER variable). It is sent the redirect page; while it runs it reads every `/proc/*/cmdline`
looking for the launch token, follows the link like a browser (cookies kept), writes a report
into a FIFO the test is reading, and (if asked) stops the app with Ctrl-C.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

FAKE_BROWSER = r"""#!{python}
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
    with opener.open(url, timeout=30) as response:
        report["welcome"] = "Prepare a complaint about a therapist" in response.read().decode()
except Exception as error:  # the report says what went wrong; the test fails on it
    report["error"] = repr(error)
with open({report!r}, "w") as handle:
    handle.write(json.dumps(report))
if {stop_app!r}:
    os.kill(os.getppid(), signal.SIGINT)
"""


def install_fake_browser(folder: Path, *, stop_app: bool) -> tuple[Path, Path]:
    """The fake browser's path (for BROWSER) and its report FIFO (read it with `read_report`)."""
    report = folder / "browser-report"
    os.mkfifo(report, 0o600)
    browser = folder / "fake-browser"
    browser.write_text(
        FAKE_BROWSER.format(python=sys.executable, report=str(report), stop_app=stop_app)
    )
    browser.chmod(0o700)
    return browser, report


def read_report(report: Path, timeout: float = 180) -> dict[str, Any]:
    """Wait for the fake browser's report (an event: the FIFO's writer closing), at most `timeout`
    seconds, so a browser that never starts fails the test instead of hanging it."""
    found: dict[str, Any] = {}

    def read() -> None:
        with report.open() as handle:
            found.update(json.loads(handle.read()))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    assert found, "the browser was never started (no report)"
    return found
