"""The local server's defences, installed on the app as request hooks; every one is locked by a
test.

- Host allowlist: exactly `127.0.0.1:PORT` and `localhost:PORT` (DNS rebinding is the classic attack
  on localhost apps; Flask's TRUSTED_HOSTS ignores the port, so the exact check is done here).
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
import secrets
import threading

from flask import Flask, Response, g, redirect, render_template, request
from werkzeug.wrappers import Response as BaseResponse

from complaint_helper.settings import Settings
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

# Endpoints reachable without a session cookie: they show nothing of any case.
PUBLIC_ENDPOINTS = frozenset({"general.launch", "general.away", "static", "general.exit_page"})


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


def allowed_hosts(port: int) -> frozenset[str]:
    return frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})


def allowed_origins(port: int) -> frozenset[str]:
    return frozenset(f"http://{host}" for host in allowed_hosts(port))


def install(app: Flask, settings: Settings, sessions: SessionRegistry) -> None:
    """Install the hooks; registered before CSRFProtect so a bad host never reaches it."""

    @app.before_request
    def check_host_and_origin() -> Response | None:
        port = app.config["CH_PORT"]
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
        if request.endpoint in app.config["CH_LARGE_BODY_ENDPOINTS"]:
            request.max_content_length = settings.max_body_bytes
        return None

    @app.before_request
    def check_session() -> Response | None:
        g.rotate_cookie = False
        session = sessions.get(request.cookies.get(SESSION_COOKIE))
        g.browser_session = session
        if request.endpoint in PUBLIC_ENDPOINTS:
            return None
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
    """Swap a valid launch token for a session cookie; 303 to the token-free start page."""
    if not token_store.redeem(offered):
        return _refuse(403, "launch-token")
    session = sessions.create()
    response = redirect("/", code=303)
    set_session_cookie(response, session.session_id)
    return response
