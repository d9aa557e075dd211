"""The real WSGI server: waitress on a socket bound to 127.0.0.1 only, set up so that nothing
readable is spooled to disk and even waitress's own error answers carry the security headers.

The CLI serves with `build_server`; the test suite's live server uses the same function, so the
browser tests run against exactly what a person runs.
"""

from __future__ import annotations

import socket
from typing import Any

from flask import Flask
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, create_server
from waitress.task import ErrorTask

from complaint_helper.settings import Settings
from complaint_helper.web.security import SECURITY_HEADERS

HOST = "127.0.0.1"
THREADS = 8
SERVER_NAME = "complaint-helper"
# Browsers send a few kilobytes of headers to a local app; waitress's default is 256 KiB.
MAX_HEADER_BYTES = 64 * 1024
# What a request waitress cannot parse (a malformed request line, an oversized header) gets. The
# parser's own explanation is left out: it is of no use to the person and may echo the request.
PLAIN_ERROR_BODY = b"This request could not be read. Please go back and try again.\n"


class HardenedErrorTask(ErrorTask):
    """Waitress answers unparseable requests itself, before the app sees them; this answer gets the
    same headers (CSP, no-store, nosniff, frame-ancestors …) as every page, and a neutral body."""

    def execute(self) -> None:
        request: Any = self.request  # the stubs type it loosely; waitress gives a parser here
        status, _headers, _body = request.error.to_response(SERVER_NAME)
        self.status = status
        self.response_headers = [
            *self.response_headers,
            ("Content-Type", "text/plain; charset=utf-8"),
            *SECURITY_HEADERS.items(),
        ]
        self.set_close_on_finish()
        self.content_length = len(PLAIN_ERROR_BODY)
        self.write(PLAIN_ERROR_BODY)


class HardenedChannel(HTTPChannel):
    error_task_class = HardenedErrorTask


def bind_socket(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 only (port 0 = any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, port))
    sock.listen(64)
    return sock


def build_server(app: Flask, sock: socket.socket, settings: Settings) -> BaseWSGIServer:
    """Waitress on `sock` (from `bind_socket`), serving `app`; `.run()` serves until `.close()`."""
    # Waitress spools large request bodies and responses to temporary files; keep them in memory
    # so no plaintext upload or decrypted download ever touches the disk.
    in_memory = settings.max_upload_bytes + settings.max_form_bytes
    server = create_server(
        app,
        sockets=[sock],
        threads=THREADS,
        ident=SERVER_NAME,
        max_request_header_size=MAX_HEADER_BYTES,
        inbuf_overflow=in_memory,
        outbuf_overflow=in_memory,
    )
    # One socket gives one server; its channel class picks the task for unparseable requests.
    assert isinstance(server, BaseWSGIServer)  # noqa: S101 - a waitress API change would show here
    server.channel_class = HardenedChannel
    return server
