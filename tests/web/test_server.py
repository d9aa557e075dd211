"""The real server (cheroot, as the CLI runs it): requests it cannot parse never reach the app,
and its own answers to them still carry every security header and say nothing about the request.
A body is read only by the app, and only once the headers showed the request can be valid."""

from __future__ import annotations

import contextlib
import socket
from typing import Any

import pytest

from complaint_helper.server import MAX_HEADER_BYTES, PLAIN_ERROR_BODY
from complaint_helper.web.security import SECURITY_HEADERS
from tests.conftest import HANG_GUARD_SECONDS, LiveServer

UNREADABLE_REQUESTS = {
    "garbage request line": b"NOT A REQUEST\r\n\r\n",
    "bad header line": b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\n\r\n",
    "bad content length": b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n",
    "unknown transfer coding": (
        b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
        b"zz<script>\r\nabc\r\n0\r\n\r\n"
    ),
    "body over the limit": (
        b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 999999999999\r\n\r\n<script>"
    ),
    "huge header": b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
    + b"a" * (MAX_HEADER_BYTES + 16)
    + b"\r\n\r\n",
}


def exchange(server: LiveServer, raw: bytes) -> tuple[int, dict[str, str], bytes]:
    with socket.create_connection(("127.0.0.1", server.port), timeout=HANG_GUARD_SECONDS) as sock:
        # The server may answer and close before reading the whole of an oversized request.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(raw)
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except ConnectionResetError:
            pass  # closed with part of an oversized request unread: the answer came first
    assert received, "no answer before the connection closed"
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body


@pytest.mark.parametrize("raw", UNREADABLE_REQUESTS.values(), ids=UNREADABLE_REQUESTS.keys())
def test_unreadable_request_gets_every_security_header(live_server: LiveServer, raw: bytes) -> None:
    status, headers, body = exchange(live_server, raw)
    assert 400 <= status < 600
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name.lower()) == value, name
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert body == PLAIN_ERROR_BODY  # nothing echoed back, no parser details, no traceback


def test_a_readable_request_still_reaches_the_app(live_server: LiveServer) -> None:
    status, headers, body = exchange(
        live_server,
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % live_server.port,
    )
    assert status == 403  # no session cookie: the app's own neutral "open the link" page
    assert headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    assert b"complaint-helper" in body and body != PLAIN_ERROR_BODY


def test_a_bad_chunk_in_a_body_the_app_reads_is_answered_with_every_header(
    live_server: LiveServer,
) -> None:
    cookie = launch_cookie(live_server)
    raw = (
        b"POST /cases/import HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nOrigin: http://127.0.0.1:%d\r\n"
        b"Cookie: %s\r\nContent-Type: multipart/form-data; boundary=xx\r\n"
        b"Transfer-Encoding: chunked\r\n\r\nzz<script>\r\nabc\r\n0\r\n\r\n"
    ) % (live_server.port, live_server.port, cookie.encode())
    status, headers, body = exchange(live_server, raw)
    assert 400 <= status < 600
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name.lower()) == value, name
    assert b"<script>" not in body


def launch_cookie(server: LiveServer) -> str:
    """The session cookie the launch link sets, as a Cookie header value."""
    path = server.url.removeprefix(server.base)
    raw = b"GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % (
        path.encode(),
        server.port,
    )
    status, headers, _ = exchange(server, raw)
    assert status == 303
    return headers["set-cookie"].split(";", 1)[0]


def test_the_app_sees_the_peers_address_and_port(live_server: LiveServer) -> None:
    seen: list[tuple[str, str]] = []
    app = live_server.app
    inner = app.wsgi_app

    def recording(environ: dict[str, Any], start_response: Any) -> Any:
        seen.append((environ["REMOTE_ADDR"], environ["REMOTE_PORT"]))
        return inner(environ, start_response)

    app.wsgi_app = recording  # type: ignore[method-assign]
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=10) as sock:
        port = sock.getsockname()[1]
        sock.sendall(
            b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % live_server.port
        )
        while sock.recv(65536):
            pass
    assert seen == [("127.0.0.1", str(port))]
