"""The packaged app's entry point (PyInstaller runs this file): the `complaint-helper` command.

Started by a double-click, the app has a console window of its own; if it cannot start, the window
waits for Enter so the person can read why before it closes.
"""

from __future__ import annotations

import sys

from complaint_helper.cli import main


def run() -> int:
    code = main()
    if code not in (0, 1) and sys.stdin is not None and sys.stdin.isatty():
        input("Press Enter to close this window.")
    return code


if __name__ == "__main__":
    raise SystemExit(run())
