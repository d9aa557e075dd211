"""Another port of 127.0.0.1 in the person's own Chromium: a page served there (by another user's
server, say) catches the app's cookies — cookies are scoped by host, not port — but what it can do
with them, or make the browser do, opens nothing, locks nothing and keeps nothing open."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from complaint_helper.web.app_state import state_of
from complaint_helper.web.security import peer_check_available
from complaint_helper.web.session import SESSION_COOKIE, SessionRegistry
from tests.second_user import run_as_second_user

pytestmark = pytest.mark.browser

REPLAY = """
import http.client, json, sys
port, cookie = int(sys.argv[1]), sys.argv[2]
answers = []
for path in ["/", "/cases", "/case/interview/"]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}", "Cookie": cookie})
    answer = connection.getresponse()
    answers.append([answer.status, answer.getheader("X-Refused"), answer.read().decode()])
print(json.dumps(answers))
"""


class OtherPortServer(ThreadingHTTPServer):
    """A web server on another port of 127.0.0.1; it serves one page and notes every Cookie."""

    page = b""
    cookies: list[str]


class _Handler(BaseHTTPRequestHandler):
    server: OtherPortServer

    def do_GET(self) -> None:
        self.server.cookies.append(self.headers.get("Cookie", ""))
        body = self.server.page if self.path == "/" else b"GIF89a"
        self.send_response(200)
        self.send_header("Content-Type", "text/html" if self.path == "/" else "image/gif")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def other_port() -> Iterator[OtherPortServer]:
    server = OtherPortServer(("127.0.0.1", 0), _Handler)
    server.cookies = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_page_on_another_port_cannot_lock_or_keep_the_case_open(
    case_page: Any, other_port: OtherPortServer
) -> None:
    app_base = case_page.live_server.base
    sessions: SessionRegistry = state_of(case_page.live_server.app).sessions
    cookies = case_page.context.cookies()
    session_id = next(c["value"] for c in cookies if c["name"] == SESSION_COOKIE)
    session = sessions.get(session_id)
    assert session is not None
    session.last_seen -= 100
    before = session.last_seen
    other_port.page = (
        '<!doctype html><img src="/pixel.gif">'
        f'<img src="{app_base}/exit"><img src="{app_base}/"><img src="{app_base}/case/interview/">'
    ).encode()

    other = case_page.context.new_page()
    other.goto(f"http://127.0.0.1:{other_port.server_address[1]}/")  # waits for every image
    other.close()

    assert not case_page.case.is_locked
    assert sessions.get(session_id) is session
    assert session.last_seen == before  # not activity: the case still idle-locks on time


@pytest.mark.skipif(not peer_check_available(), reason="socket owners are read from /proc (Linux)")
def test_cookies_caught_on_another_port_open_nothing_for_another_os_user(
    case_page: Any, other_port: OtherPortServer
) -> None:
    other_port.page = b'<!doctype html><img src="/pixel.gif">'
    other = case_page.context.new_page()
    other.goto(f"http://127.0.0.1:{other_port.server_address[1]}/")
    other.close()
    caught = next((c for c in other_port.cookies if f"{SESSION_COOKIE}=" in c), None)
    # Chromium scopes cookies by host, not port: the other server does receive the session cookie.
    assert caught is not None, "the other port's server saw no session cookie"

    answers = json.loads(run_as_second_user(REPLAY, str(case_page.live_server.port), caught))
    for status, refused, body in answers:
        assert (status, refused) == (403, "peer-user")
        assert "Test case" not in body
    assert not case_page.case.is_locked  # the person's own browser carries on
    case_page.goto(case_page.live_server.base + "/")
    assert "Continue" in case_page.content()
