"""A Flask test client that behaves like the person's own browser, for timing requests.

It goes through everything a real browser's request goes through — the Host allowlist, the
launch token exchanged for the session cookie, the Origin check and the CSRF token on every POST —
so a timed request pays for the whole real stack, not a shortcut. (tests/conftest.py has the
pytest version of the same idea; the bench does not import the test suite.)
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from complaint_helper import create_app
from complaint_helper.settings import Settings
from complaint_helper.vault import UnlockedCase, Vault
from complaint_helper.web.app_state import state_of
from complaint_helper.web.session import SESSION_COOKIE, SessionRegistry

PORT = 5555
BASE_URL = f"http://127.0.0.1:{PORT}"
_CSRF = (
    re.compile(r'<meta name="csrf-token" content="([^"]+)"'),
    re.compile(r'name="csrf_token" value="([^"]+)"'),
)


def bench_settings(data_dir: Path) -> Settings:
    """Settings as the shipped app uses them (production KDF), on a fixed port for Host checks."""
    return Settings(data_dir=data_dir, port=PORT, open_browser=False)


def make_app(
    data_dir: Path, vault: Vault | None = None, *, settings: Settings | None = None
) -> Flask:
    chosen = settings or bench_settings(data_dir)
    return create_app(replace(chosen, data_dir=data_dir), vault=vault)


def close_app(app: Flask) -> None:
    """Stop the app's idle reaper. Cases put into its sessions with `hold_case` stay open: the
    bench's workspace owns them (and its vault locks them when it closes)."""
    state_of(app).reaper.stop()


class BrowserClient:
    """One browser, let in through the launch token, posting with CSRF token and Origin."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.client: FlaskClient = app.test_client()
        self._csrf: str | None = None
        token = state_of(app).launch.peek()
        response = self.get(f"/launch?token={token}")
        if response.status_code != 303:
            raise RuntimeError(f"launch answered {response.status_code}, not 303")

    def get(self, url: str, **kwargs: Any) -> TestResponse:
        return self.client.get(url, base_url=BASE_URL, **kwargs)

    def post(self, url: str, data: dict[str, Any], **kwargs: Any) -> TestResponse:
        payload = dict(data)
        payload.setdefault("csrf_token", self.csrf_token())
        headers = {"Origin": BASE_URL}
        return self.client.post(url, data=payload, base_url=BASE_URL, headers=headers, **kwargs)

    def csrf_token(self) -> str:
        if self._csrf is None:
            page = self.get("/").get_data(as_text=True)
            for pattern in _CSRF:
                found = pattern.search(page)
                if found:
                    self._csrf = found.group(1)
                    break
            else:
                raise RuntimeError("no CSRF token on the welcome page")
        return self._csrf

    def session_id(self) -> str:
        cookie = self.client.get_cookie(SESSION_COOKIE, domain="127.0.0.1")
        if cookie is None:
            raise RuntimeError("the client has no session cookie")
        return cookie.value

    def hold_case(self, case: UnlockedCase) -> None:
        """Put an already unlocked case into this browser's session (as the unlock page does)."""
        sessions: SessionRegistry = state_of(self.app).sessions
        session = sessions.get(self.session_id())
        if session is None:
            raise RuntimeError("no server session for this browser")
        session.case = case


def url_for_endpoint(app: Flask, endpoint: str, **values: Any) -> str:
    """The URL of an endpoint, built by the app itself (so the bench follows route changes)."""
    with app.test_request_context(base_url=BASE_URL):
        from flask import url_for

        return url_for(endpoint, **values)
