"""Shared fixtures: one place for the app, clients, the live server and the browser.

- `settings`, `app`, `client` (past the launch token; sends the right Host and Origin;
  `client.submit` POSTs with a valid CSRF token), `case_client` (a case created and unlocked).
- `live_server` (the real server, cheroot as the CLI runs it, in a thread), `browser_page` and
  `case_page` (Debian's Chromium through Playwright). Browser tests skip with a reason when no
  Chromium is installed, except under CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from complaint_helper import create_app
from complaint_helper.settings import Settings
from complaint_helper.vault import KDF_FLOOR, UnlockedCase, Vault
from complaint_helper.web.app_state import state_of
from complaint_helper.web.session import SESSION_COOKIE, SessionRegistry

TEST_PORT = 5555
BASE_URL = f"http://127.0.0.1:{TEST_PORT}"
PASSPHRASE = "lantern orchard velvet harbor"
CHROMIUM = os.environ.get("COMPLAINT_HELPER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
IN_CI = os.environ.get("CI", "").lower() == "true"
# Only turns a hang into a failure; never a time budget (CI runs on a busy machine).
HANG_GUARD_SECONDS = 120.0


def eventually(condition: Callable[[], bool], what: str, guard: float = HANG_GUARD_SECONDS) -> None:
    """Wait for something another thread or the browser does, by checking for it, never by
    sleeping a fixed time: on a busy machine it simply takes longer."""
    deadline = time.monotonic() + guard
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {guard:.0f} s (a hang guard, not a budget)")
        time.sleep(0.02)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        port=TEST_PORT,
        testing=True,
        open_browser=False,
        kdf=KDF_FLOOR,
    )


@pytest.fixture
def app(settings: Settings) -> Iterator[Flask]:
    app = create_app(settings)
    yield app
    state_of(app).reaper.stop()
    state_of(app).sessions.lock_all()
    state_of(app).vault.close()


# Interview pages are addressed by ids made up at each start (web/page_ids.py). Tests name them by
# slug: the test client swaps a slug in a path it is asked to open for this app's id, and an id in
# a redirect's Location back for the slug, so `client.get(f"{BASE}/timeline")` reads as before.
# Page bodies keep the ids; `step_path` gives the address a page links to.
INTERVIEW_PAGE = re.compile(r"(/case/interview/)([A-Za-z0-9_-]+)")


def step_path(app: Flask, slug: str) -> str:
    """The address of an interview page in this app, e.g. for `href=` checks and browser tests."""
    return f"/case/interview/{state_of(app).page_ids.id_of(slug)}"


def by_page_id(app: Flask, path: str) -> str:
    ids = state_of(app).page_ids

    def swap(found: re.Match[str]) -> str:
        try:
            return found.group(1) + ids.id_of(found.group(2))
        except KeyError:
            return found.group(0)  # not a page's name ("no-such-step"): sent as it is

    return INTERVIEW_PAGE.sub(swap, path, count=1)


def by_slug(app: Flask, path: str) -> str:
    ids = state_of(app).page_ids

    def swap(found: re.Match[str]) -> str:
        try:
            return found.group(1) + ids.name_of(found.group(2))
        except KeyError:
            return found.group(0)

    return INTERVIEW_PAGE.sub(swap, path, count=1)


class AppClient(FlaskClient):
    """A test client that behaves like the person's own browser on 127.0.0.1:PORT."""

    _csrf: str | None = None

    def open(self, *args: Any, **kwargs: Any) -> Any:
        if args and isinstance(args[0], str):
            kwargs.setdefault("base_url", BASE_URL)
            args = (by_page_id(self.application, args[0]), *args[1:])
        method = kwargs.get("method", "GET")
        if method not in ("GET", "HEAD", "OPTIONS"):
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault("Origin", f"http://127.0.0.1:{TEST_PORT}")
            kwargs["headers"] = headers
        response = super().open(*args, **kwargs)
        if "Location" in response.headers:
            response.headers["Location"] = by_slug(self.application, response.headers["Location"])
        return response

    def csrf_token(self) -> str:
        if self._csrf is None:
            page = self.get("/").get_data(as_text=True)
            found = re.search(r'<meta name="csrf-token" content="([^"]+)"', page) or re.search(
                r'name="csrf_token" value="([^"]+)"', page
            )
            assert found, "no CSRF token on the welcome page"
            self._csrf = found.group(1)
        return self._csrf

    def submit(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        """POST a form as the browser would: with the CSRF token and the right Origin."""
        payload = dict(data or {})
        payload.setdefault("csrf_token", self.csrf_token())
        return self.post(url, data=payload, **kwargs)

    def session_id(self) -> str:
        cookie = self.get_cookie(SESSION_COOKIE, domain="127.0.0.1")
        assert cookie is not None, "the client has no session cookie"
        return cookie.value


def launch(app: Flask, client: FlaskClient) -> None:
    token = state_of(app).launch.peek()
    response = client.get(f"/launch?token={token}")
    assert response.status_code == 303


@pytest.fixture
def anonymous_client(app: Flask) -> FlaskClient:
    """A client that has not been let in (no launch token exchanged)."""
    app.test_client_class = AppClient
    return app.test_client()


@pytest.fixture
def client(app: Flask) -> AppClient:
    app.test_client_class = AppClient
    test_client = app.test_client()
    assert isinstance(test_client, AppClient)
    launch(app, test_client)
    return test_client


def open_case_for(app: Flask, session_id: str, case: UnlockedCase) -> None:
    sessions: SessionRegistry = state_of(app).sessions
    session = sessions.get(session_id)
    assert session is not None
    session.case = case


class CaseClient(AppClient):
    case: UnlockedCase


@pytest.fixture
def case_client(app: Flask, client: AppClient) -> AppClient:
    vault: Vault = state_of(app).vault
    case = vault.create_case("Test case", PASSPHRASE)
    open_case_for(app, client.session_id(), case)
    client.case = case  # type: ignore[attr-defined]
    return client


# ---- the real server and the real browser --------------------------------------------------------


@dataclass
class LiveServer:
    app: Flask
    base: str
    url: str  # the one-time launch URL
    port: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(settings: Settings) -> Iterator[LiveServer]:
    """The real server (cheroot, as the CLI sets it up) on a free port, in a thread."""
    from complaint_helper.server import bind_socket, build_server

    sock = bind_socket(0)
    port = sock.getsockname()[1]
    live_settings = replace(settings, port=port)
    app = create_app(live_settings)
    server = build_server(app, sock, live_settings)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    token = state_of(app).launch.peek()
    base = f"http://127.0.0.1:{port}"
    try:
        yield LiveServer(app=app, base=base, url=f"{base}/launch?token={token}", port=port)
    finally:
        server.close()
        thread.join(timeout=5)
        state_of(app).reaper.stop()
        state_of(app).sessions.lock_all()
        state_of(app).vault.close()


@pytest.fixture
def live_server(settings: Settings) -> Iterator[LiveServer]:
    with serving(settings) as server:
        yield server


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not chromium_available():
        if IN_CI:
            pytest.fail("Chromium is missing under CI=true: .ci/run must install it")
        pytest.skip("no Chromium at /usr/bin/chromium (install Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class CspWatch:
    """Collects Content-Security-Policy violations the browser reports on a page."""

    def __init__(self) -> None:
        self.violations: list[str] = []

    def on_console(self, message: Any) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.violations.append(text)


@pytest.fixture
def browser_page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    context = browser.new_context()
    # Every wait is on an event (a URL, an element, a state); this default only catches a hang.
    context.set_default_timeout(HANG_GUARD_SECONDS * 1000)
    page = context.new_page()
    watch = CspWatch()
    page.on("console", watch.on_console)
    page.csp = watch  # tests assert page.csp.violations == []
    page.live_server = live_server
    page.goto(live_server.url)
    yield page
    context.close()


@pytest.fixture
def case_page(browser_page: Any) -> Any:
    server: LiveServer = browser_page.live_server
    vault: Vault = state_of(server.app).vault
    case = vault.create_case("Test case", PASSPHRASE)
    session_id = next(
        c["value"] for c in browser_page.context.cookies() if c["name"] == SESSION_COOKIE
    )
    open_case_for(server.app, session_id, case)
    browser_page.case = case
    return browser_page
