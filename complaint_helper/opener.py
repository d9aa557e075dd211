"""Opening the person's browser at a launch link without the link ever appearing in a process list.

A browser is started with its address in its command line, and on most systems every user can read
every process's command line (`ps`, `/proc/<pid>/cmdline`). So, as Jupyter does, the app never hands
the launch link itself to the browser: it writes a tiny redirect page, readable only by this user
(0600, in a private 0700 folder in the OS temp folder), and opens that file. The file's path is no
secret; the link inside it is.

A redirect page is removed as soon as its link has been used, when a newer one replaces it, and
with its folder when the app stops.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import webbrowser
from collections.abc import Callable
from html import escape
from pathlib import Path

# How the browser is started: webbrowser.open by default (it follows the BROWSER variable and the
# system's default browser); tests hand in their own.
Launch = Callable[[str], bool]

REDIRECT_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url={url}">
<title>Notes</title>
</head>
<body>
<p>Opening the app&hellip; If nothing happens, <a href="{url}">select this link</a>.</p>
</body>
</html>
"""


class BrowserOpener:
    """Opens launch links through 0600 redirect pages in a private folder; `close()` removes it."""

    def __init__(self, launch: Launch | None = None) -> None:
        self._launch = launch or webbrowser.open
        self._lock = threading.Lock()
        self._folder: Path | None = None
        self._page: Path | None = None
        self._count = 0

    @property
    def folder(self) -> Path | None:
        """The private folder, once a page has been written (for tests and clean-up checks)."""
        return self._folder

    def write_page(self, url: str) -> Path:
        """A new redirect page to `url`; the previous one (its link now stale) is removed."""
        with self._lock:
            if self._folder is None:
                self._folder = Path(tempfile.mkdtemp(prefix="complaint-helper-"))  # 0700
            self._remove_page()
            self._count += 1
            page = self._folder / f"open-{self._count}.html"
            fd = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(REDIRECT_PAGE.format(url=escape(url, quote=True)))
            self._page = page
            return page

    def open(self, url: str) -> Path | None:
        """Start the browser at `url` through a redirect page: the page, or None (and the page
        removed) if no browser could start."""
        page = self.write_page(url)
        try:
            started = bool(self._launch(page.as_uri()))
        except (OSError, webbrowser.Error):
            started = False
        if not started:
            self.discard(page)
            return None
        return page

    def discard(self, page: Path) -> None:
        """The link in `page` has been used (or given up on): remove the page if it is current."""
        with self._lock:
            if self._page == page:
                self._remove_page()

    def close(self) -> None:
        """Remove every page and the private folder (the app is stopping)."""
        with self._lock:
            self._page = None
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
                self._folder = None

    def _remove_page(self) -> None:
        if self._page is not None:
            self._page.unlink(missing_ok=True)
            self._page = None
