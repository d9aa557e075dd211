"""The local server's defences, installed on the app as request hooks; every one is locked by a
test.

- Host allowlist: exactly `127.0.0.1:PORT` and `localhost:PORT` (DNS rebinding is the classic attack
  on localhost apps; Flask's TRUSTED_HOSTS ignores the port, so the exact check is done here).
- Only this OS user: on Linux every request whose TCP peer socket belongs to another OS user is
  refused before anything else runs (the peer's entry in /proc/net/tcp{,6} names its owner), so a
  cookie caught by another user's server on another port of 127.0.0.1 opens nothing for them.
  docs/local-isolation.md says why, and what macOS and Windows would use.
- Fetch metadata: a request made by another site's page in the person's browser (another port of
  127.0.0.1 counts as `same-site`, and SameSite cookies do travel with it) reaches no page of a case
  and does not count as activity; only the person's own pages and typed addresses do.
- Launch token: the printed URL carries a one-time token (256 bits) that is swapped for an HttpOnly,
  SameSite=Strict session cookie and a 303 to a token-free URL, so the token never stays in history.
  Without a valid cookie every page is a neutral page with no content. The launch is the one GET
  that changes state, by necessity: it is how a browser is let in.
- Origin check on every POST (over plain http Flask-WTF skips its referrer check, and SameSite does
  not separate ports), plus Flask-WTF's CSRF token on every POST.
- Headers on every response, errors and static files included: the CSP and friends from security.md.
- Idle lock: a case idle past the limit is locked and the cookie rotated (see web.session).
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import secrets
import struct
import threading
from pathlib import Path

from flask import Flask, Response, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from complaint_helper.web.app_state import state_of
from complaint_helper.web.session import SESSION_COOKIE, SessionRegistry

LAUNCH_TOKEN_BYTES = 32

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
}

# The kernel's tables of TCP sockets (Linux); each row names the socket's owner uid and inode.
PROC_NET_TCP: tuple[Path, ...] = (Path("/proc/net/tcp"), Path("/proc/net/tcp6"))
_TCP_LISTEN = "0A"

# `Sec-Fetch-Site` values of requests the person's own browser makes for the person: from one of
# this app's pages, or typed / bookmarked / opened from the terminal. A browser too old to send the
# header sends none (then the Origin, CSRF and SameSite defences are what is left).
OWN_FETCH_SITES = frozenset({"same-origin", "none"})

# Endpoints reachable without a session cookie: they show nothing of any case.
PUBLIC_ENDPOINTS = frozenset(
    {"general.launch", "general.opening", "general.away", "static", "general.exit_page"}
)


class LaunchToken:
    """The one-time token printed in the start-up URL. Used once, then it is gone."""

    def __init__(self) -> None:
        self._value: str | None = secrets.token_urlsafe(LAUNCH_TOKEN_BYTES)
        self._lock = threading.Lock()
        self.used = threading.Event()  # set when the current token is redeemed

    def peek(self) -> str:
        """The token, for printing the URL (only before it is used)."""
        if self._value is None:
            raise RuntimeError("the launch token was already used")
        return self._value

    def redeem(self, offered: str) -> bool:
        with self._lock:
            if self._value is None or not hmac.compare_digest(self._value, offered):
                return False
            self._value = None
            self.used.set()
            return True

    def renew(self) -> str:
        """A fresh token (e.g. the server prints a new link)."""
        with self._lock:
            self._value = secrets.token_urlsafe(LAUNCH_TOKEN_BYTES)
            self.used.clear()
            return self._value


def _proc_endpoint(address: ipaddress.IPv4Address | ipaddress.IPv6Address, port: int) -> str:
    """An address and port as /proc/net/tcp{,6} print them: 32-bit words in the kernel's byte
    order, then the port, in upper-case hex (`0100007F:1F90` is 127.0.0.1:8080 on x86)."""
    packed = address.packed
    words = struct.unpack(f"={len(packed) // 4}I", packed)
    return "".join(f"{word:08X}" for word in words) + f":{port:04X}"


def peer_uid(
    peer_address: str, peer_port: int, server_port: int, tables: tuple[Path, ...] = PROC_NET_TCP
) -> int | None:
    """The uid owning the client socket at `peer_address:peer_port` that is connected to our
    `server_port`, or None when no live socket matches.

    A client of our IPv4 socket is listed in /proc/net/tcp, or, if it connected from an IPv6
    socket to ::ffff:127.0.0.1, in /proc/net/tcp6; the second is read only when needed (each read
    walks the kernel's whole connection table: milliseconds). A client that closed its socket
    leaves an orphan (inode 0) that the kernel lists as root's: it counts as unknown, never as
    anyone's, so closing early cannot borrow another owner.
    """
    address = ipaddress.ip_address(peer_address)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    as_v6 = ipaddress.IPv6Address(f"::ffff:{address}") if address.version == 4 else address
    far_end = f":{server_port:04X}"
    for table in tables:
        form = as_v6 if table.name == "tcp6" else address
        if form.version == 6 and table.name == "tcp":
            continue
        needle = _proc_endpoint(form, peer_port)
        try:
            rows = table.read_text(encoding="ascii").splitlines()[1:]
        except FileNotFoundError:
            continue
        for row in rows:
            fields = row.split()
            if len(fields) < 10 or fields[1] != needle or fields[3] == _TCP_LISTEN:
                continue
            if not fields[2].endswith(far_end):
                continue
            uid, inode = int(fields[7]), int(fields[9])
            return uid if inode != 0 else None
    return None


def peer_check_available(tables: tuple[Path, ...] = PROC_NET_TCP) -> bool:
    """Whether this OS lists socket owners where `peer_uid` reads them (Linux: yes)."""
    return tables[0].exists()


def request_from_this_user(environ: dict[str, object], server_port: int) -> bool:
    """Whether the TCP peer of this request is a socket of the OS user running the app.

    A request with no REMOTE_PORT came over no TCP connection (the in-process test client); the
    real server always sets it, and a live-server test as a second OS user locks that.
    """
    raw_port = environ.get("REMOTE_PORT")
    if raw_port is None:
        return True
    try:
        owner = peer_uid(str(environ.get("REMOTE_ADDR", "")), int(str(raw_port)), server_port)
    except ValueError:
        return False
    return owner is not None and owner == os.getuid()


def from_own_pages() -> bool:
    """Whether the browser says this request comes from this app's pages or a typed address."""
    site = request.headers.get("Sec-Fetch-Site")
    return site is None or site in OWN_FETCH_SITES


def own_navigation() -> bool:
    """Whether this request is the person moving to a page (a click on one of this app's links or
    a typed address), not an image, script or frame another page asked for."""
    mode = request.headers.get("Sec-Fetch-Mode")
    dest = request.headers.get("Sec-Fetch-Dest")
    return from_own_pages() and mode in (None, "navigate") and dest in (None, "document")


def allowed_hosts(port: int) -> frozenset[str]:
    return frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})


def allowed_origins(port: int) -> frozenset[str]:
    return frozenset(f"http://{host}" for host in allowed_hosts(port))


def install(app: Flask) -> None:
    """Install the hooks; registered before CSRFProtect so a bad host never reaches it."""
    check_peer = peer_check_available()
    state = state_of(app)
    settings, sessions = state.settings, state.sessions

    @app.before_request
    def check_peer_user() -> Response | None:
        # First of all: another OS user's connection gets nothing, whatever cookie it carries.
        # Static files (the app's own CSS and JS, public in its install folder) are let through:
        # each check reads the kernel's connection table, and they hold nothing of anyone's.
        if request.endpoint == "static":
            return None
        if check_peer and not request_from_this_user(request.environ, settings.port):
            return _refuse(403, "peer-user")
        return None

    @app.before_request
    def check_host_and_origin() -> Response | None:
        port = settings.port
        host = request.headers.get("Host", "")
        if host not in allowed_hosts(port):
            return _refuse(400, "host")
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            origin = request.headers.get("Origin", "")
            # With Referrer-Policy: no-referrer, Chromium sends `Origin: null` on a form post from
            # our own page, marked `Sec-Fetch-Site: same-origin` (a header pages cannot set). A post
            # from another port is `same-site`, and from another site `cross-site`: both refused.
            same_origin_form = (
                origin == "null" and request.headers.get("Sec-Fetch-Site") == "same-origin"
            )
            if origin not in allowed_origins(port) and not same_origin_form:
                return _refuse(403, "origin")
        if request.endpoint in state.large_body_endpoints:
            request.max_content_length = settings.max_body_bytes
        return None

    @app.before_request
    def check_session() -> Response | None:
        g.rotate_cookie = False
        session = sessions.get(request.cookies.get(SESSION_COOKIE))
        g.browser_session = session
        if request.endpoint in PUBLIC_ENDPOINTS:
            return None
        if not from_own_pages():
            # Another site's page in the person's browser (another port of 127.0.0.1 is
            # `same-site`, so the SameSite=Strict cookie came along): no page of a case for it,
            # and it does not keep the case from idle-locking.
            return _refuse(403, "cross-site")
        if session is None:
            return _refuse(403, "no-session")
        if session.exited and request.endpoint not in ("general.resume", "general.idle_status"):
            return Response(render_template("errors/expired.html"), status=200)
        if session.case is not None and sessions.is_idle(session):
            g.browser_session = sessions.rotate(session)
            g.browser_session.locked_by_idle = True
            g.rotate_cookie = True
        # Activity keeps a case open; the idle-status probe must not count as activity.
        if request.endpoint != "general.idle_status":
            sessions.touch(g.browser_session)
        return None

    @app.after_request
    def set_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers[name] = value
        session = g.get("browser_session")
        if g.get("rotate_cookie") and session is not None:
            set_session_cookie(response, session.session_id)
        return response


def set_session_cookie(response: BaseResponse, session_id: str) -> None:
    response.set_cookie(
        SESSION_COOKIE, session_id, httponly=True, samesite="Strict", secure=False, path="/"
    )


def _refuse(status: int, reason: str) -> Response:
    """A neutral page with no content. The reason is for tests, never shown."""
    body = render_template("errors/neutral.html", status=status)
    response = Response(body, status=status, mimetype="text/html")
    response.headers["X-Refused"] = reason
    return response


def launch_response(
    token_store: LaunchToken, sessions: SessionRegistry, offered: str
) -> BaseResponse:
    """Swap a valid launch token for a session cookie; 303 to the token-free start page, or, for a
    launch from outside (the app's own file:// redirect page), to a page that moves there itself."""
    if not token_store.redeem(offered):
        return _refuse(403, "launch-token")
    session = sessions.create()
    target = "general.welcome" if from_own_pages() else "general.opening"
    response = redirect(url_for(target), code=303)
    set_session_cookie(response, session.session_id)
    return response
