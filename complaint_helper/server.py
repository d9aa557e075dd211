"""The real WSGI server: cheroot on a socket bound to 127.0.0.1 only, set up so that a request body
is never held whole, never reaches a file in plaintext, and even the server's own error answers
carry the security headers.

Why cheroot and not waitress (measured; docs/uploads.md): waitress reads a whole request body
before it calls the app — into memory up to its overflow threshold, into a temporary file in the
OS temp dir above it — so a 200 MB upload cost the server ~300 MB of memory, and a larger body
(legitimate or hostile, with or without a session cookie) was written to the temp dir in clear
before the app could say no. cheroot calls the app as soon as the headers are read and hands it
the body as a stream (`wsgi.input` reads from the socket), so:

- the app refuses what cannot be valid — a wrong Host, no session cookie, an unknown path, a
  Content-Length over the limit — before a byte of the body is read, and the connection is then
  closed rather than drained (`HardenedRequest.send_headers`);
- an upload streams through werkzeug's form parser into the vault's encrypted spool
  (`complaint_helper.SpoolingRequest`): flat memory, no plaintext anywhere on disk;
- bodies over `Settings.max_body_bytes` (just above the largest legitimate one) are refused with
  413 from the headers alone, or when a chunked body passes the limit.

The CLI serves with `build_server`; the test suite's live server uses the same function, so the
browser tests run against exactly what a person runs. The WSGI environ carries REMOTE_ADDR and
REMOTE_PORT (web/security.py may use them to find the peer's socket).
"""

from __future__ import annotations

import contextlib
import socket
import sys
from typing import Any

from cheroot import server as cheroot_server
from cheroot import wsgi
from flask import Flask

from complaint_helper.settings import Settings
from complaint_helper.web.security import SECURITY_HEADERS

HOST = "127.0.0.1"
# Requests served at once; a connection beyond these waits in a short queue, and beyond that
# gets 503 — one person's browser opens a handful of connections at most.
THREADS = 8
QUEUED_CONNECTIONS = 16
QUEUE_WAIT_SECONDS = 5
LISTEN_BACKLOG = 32
# Seconds a connection may sit idle mid-request (a stalled upload, a half-sent header).
SOCKET_TIMEOUT_SECONDS = 30
SERVER_NAME = "complaint-helper"
BODY_LIMIT_MARGIN = 1024 * 1024
# Browsers send a few kilobytes of headers to a local app.
MAX_HEADER_BYTES = 64 * 1024
# What a request the server cannot parse (a malformed request line, an oversized header) gets. The
# parser's own explanation is left out: it is of no use to the person and may echo the request.
PLAIN_ERROR_BODY = b"This request could not be read. Please go back and try again.\n"


class HardenedRequest(cheroot_server.HTTPRequest):
    """cheroot's request, with neutral, fully headed error answers, no draining of a body the
    app did not read, and no negative Content-Length."""

    def simple_response(self, status: Any, msg: Any = "") -> None:
        """The server's own answer (a request it cannot parse, too large, no thread free): the
        same headers as every page (CSP, no-store, nosniff, frame-ancestors …) and a neutral
        body; `msg` (cheroot's explanation) is dropped."""
        status_line = str(status)
        self.close_connection = True
        lines = [
            f"{self.server.protocol} {status_line}",
            f"Content-Length: {len(PLAIN_ERROR_BODY)}",
            "Content-Type: text/plain; charset=utf-8",
            "Connection: close",
            *(f"{name}: {value}" for name, value in SECURITY_HEADERS.items()),
        ]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        try:
            self.conn.wfile.write(head + PLAIN_ERROR_BODY)
        except OSError:
            return

    def read_request_headers(self) -> bool:
        if not super().read_request_headers():  # type: ignore[no-untyped-call]
            return False
        length = self.inheaders.get(b"Content-Length")
        if length is not None and not length.strip().isdigit():
            self.simple_response("400 Bad Request")
            return False
        return True

    def send_headers(self) -> None:
        # cheroot would read (into memory) whatever part of the body the app left unread, to keep
        # the connection alive. A request the app refused before reading its body (bad Host, no
        # cookie, unknown path, too large) is instead answered and the connection closed.
        if self.chunked_read or getattr(self.rfile, "remaining", 0) > 0:
            self.close_connection = True
        super().send_headers()


class HardenedConnection(cheroot_server.HTTPConnection):
    RequestHandlerClass = HardenedRequest


class LocalServer(wsgi.Server):
    """cheroot on an already bound socket; `run()` serves until `close()`."""

    ConnectionClass = HardenedConnection

    def __init__(self, app: Flask, sock: socket.socket, settings: Settings) -> None:
        self._bound = sock
        host, port = sock.getsockname()[:2]
        super().__init__(
            (host, port),
            app,
            numthreads=THREADS,
            max=THREADS,
            server_name=SERVER_NAME,
            request_queue_size=LISTEN_BACKLOG,
            timeout=SOCKET_TIMEOUT_SECONDS,
            accepted_queue_size=QUEUED_CONNECTIONS,
            accepted_queue_timeout=QUEUE_WAIT_SECONDS,
        )
        self.max_request_header_size = MAX_HEADER_BYTES
        # A little above the app's own limit, so that a chunked body gets the app's 413 page,
        # not a broken connection; Content-Length over this is refused from the headers.
        self.max_request_body_size = settings.max_body_bytes + BODY_LIMIT_MARGIN
        self.software = SERVER_NAME
        # Threads start and the socket is taken over now, so close() works from any moment on.
        self.prepare()

    def bind(self, family: int, type: int, proto: int = 0) -> socket.socket:
        """Use the socket `bind_socket` made (127.0.0.1 only) instead of binding a new one."""
        self.socket = self._bound
        return self._bound

    def _serve_unservicable(self) -> None:
        # cheroot answers connections it has no room for with its own plain 503; this one
        # carries the security headers like every other answer.
        waiting = self.__dict__["_unservicable_conns"]
        stopping = getattr(cheroot_server, "_STOPPING_FOR_INTERRUPT")  # noqa: B009 - private name
        while self.ready:
            conn = waiting.get()
            if conn is stopping:
                return
            with contextlib.suppress(OSError):
                HardenedRequest(self, conn).simple_response("503 Service Unavailable")
            conn.linger = True
            conn.close()

    def error_log(self, msg: str = "", level: int = 20, traceback: bool = False) -> None:
        # cheroot's messages and tracebacks may quote a request (words a person typed); only the
        # kind of failure is written (the same promise as failure_log).
        kind = sys.exc_info()[0]
        name = kind.__name__ if kind is not None else "server notice"
        sys.stderr.write(f"complaint-helper server: {name}\n")

    def run(self) -> None:
        self.serve()

    def close(self) -> None:
        self.stop()


def bind_socket(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 only (port 0 = any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, port))
    sock.listen(LISTEN_BACKLOG)
    return sock


def build_server(app: Flask, sock: socket.socket, settings: Settings) -> LocalServer:
    """The server on `sock` (from `bind_socket`) serving `app`; `.run()` serves until `.close()`."""
    return LocalServer(app, sock, settings)
