"""Browser sessions held in server memory: who is let in, and which case each browser has unlocked.

A browser is let in once it has exchanged the one-time launch token for a random session id, kept in
an HttpOnly, SameSite=Strict cookie. The server keeps, per session id, the time of the last request
and the unlocked case (whose keys live only here, in memory). Locking a case — by the person, by
quick exit, by the idle timer or at shutdown — wipes its keys and gives the browser a new session
id, so a page kept by the Back button or the back/forward cache cannot be shown again with the old
cookie.

Views use the helpers at the bottom: `get_vault()`, `current_case()`, `require_case()`,
`open_case_in_session()`, `lock_session()`.
"""

from __future__ import annotations

import math
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any, Protocol

from flask import Flask, Request, abort, flash, g, redirect, url_for
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict
from werkzeug.wrappers import Response as BaseResponse

from complaint_helper.i18n import DEFAULT_LANGUAGE
from complaint_helper.i18n import gettext as _
from complaint_helper.vault import UnlockedCase, Vault
from complaint_helper.web.app_state import current_state

SESSION_COOKIE = "ch_sid"
SESSION_ID_BYTES = 32  # 256 bits


class Lockable(Protocol):
    def lock(self) -> None: ...


@dataclass
class BrowserSession:
    """One browser that has been let in; `case` is set while a case is unlocked in it."""

    session_id: str
    last_seen: float
    case: UnlockedCase | None = None
    locked_by_idle: bool = False
    # After a quick exit every page is neutral until the person presses "Start again", so the Back
    # button shows nothing that tells what this tool is.
    exited: bool = False
    # The language this browser's pages are in (web/language.py): chosen on a page, or the open
    # case's. Held here in server memory only; the cookie carries nothing but the random id.
    language: str = DEFAULT_LANGUAGE


class SessionRegistry:
    """All browser sessions of one app. Thread-safe: requests run on several threads."""

    def __init__(self, idle_lock_seconds: int) -> None:
        self._sessions: dict[str, BrowserSession] = {}
        self._lock = threading.Lock()
        self.idle_lock_seconds = idle_lock_seconds

    @property
    def warning_seconds(self) -> int:
        """How long before the idle lock the page warns: 75 s by default, less for short locks."""
        return min(75, max(1, self.idle_lock_seconds // 3))

    @property
    def poll_seconds(self) -> float:
        """How often a page asks how long is left, and the reaper looks for idle cases.

        Short enough that the warning shows well before the lock (30 s against a 75 s warning)."""
        return min(30.0, max(1.0, self.idle_lock_seconds / 10))

    @staticmethod
    def now() -> float:
        return time.monotonic()

    def create(self) -> BrowserSession:
        session = BrowserSession(secrets.token_urlsafe(SESSION_ID_BYTES), self.now())
        with self._lock:
            self._sessions[session.session_id] = session
        return session

    def get(self, session_id: str | None) -> BrowserSession | None:
        if not session_id:
            return None
        with self._lock:
            return self._sessions.get(session_id)

    def touch(self, session: BrowserSession) -> None:
        session.last_seen = self.now()

    def is_idle(self, session: BrowserSession) -> bool:
        return self.now() - session.last_seen >= self.idle_lock_seconds

    def rotate(self, session: BrowserSession) -> BrowserSession:
        """Lock the session's case (if any) and replace its id; the old id lets nobody in again.
        The language stays: locking is no reason to change the words a person reads."""
        fresh = BrowserSession(
            secrets.token_urlsafe(SESSION_ID_BYTES), self.now(), language=session.language
        )
        with self._lock:
            self._sessions.pop(session.session_id, None)
            self._sessions[fresh.session_id] = fresh
        _lock_quietly(session.case)
        session.case = None
        return fresh

    def lock_idle(self) -> int:
        """Lock every case idle past the limit (called by the reaper thread); returns how many."""
        with self._lock:
            idle = [s for s in self._sessions.values() if s.case is not None and self.is_idle(s)]
        for session in idle:
            _lock_quietly(session.case)
            session.case = None
            session.locked_by_idle = True
        return len(idle)

    def lock_all(self) -> None:
        """Lock every open case (shutdown)."""
        with self._lock:
            sessions = list(self._sessions.values())
        for session in sessions:
            _lock_quietly(session.case)
            session.case = None

    def close_case_everywhere(self, case_id: str) -> None:
        """Lock a case in every browser that has it open (before deleting or replacing it)."""
        with self._lock:
            sessions = list(self._sessions.values())
        for session in sessions:
            if session.case is not None and session.case.case_id == case_id:
                _lock_quietly(session.case)
                session.case = None


def _lock_quietly(case: Lockable | None) -> None:
    if case is not None:
        case.lock()


class ServerSideSession(CallbackDict[str, Any], SessionMixin):
    """Flask's `session` for one browser (the CSRF token, flashed messages), held in server
    memory; the browser's cookie carries only a random id."""

    def __init__(self, session_id: str, initial: dict[str, Any] | None = None) -> None:
        def on_update(_self: CallbackDict[str, Any]) -> None:
            self.modified = True

        super().__init__(initial or {}, on_update)
        self.session_id = session_id
        self.modified = False


class ServerSideSessions(SessionInterface):
    """Keeps Flask's session data on the server instead of in a signed (readable) cookie.

    Flashed messages can name things from the case ("the relationship after therapy"); a signed
    cookie is only base64 and would carry them into the browser's cookie store. Entries unused for
    `max_age` seconds are dropped; the app keeps nothing of them across a restart.
    """

    def __init__(self, max_age: float = 24 * 60 * 60) -> None:
        self._data: dict[str, tuple[float, dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self._max_age = max_age

    def open_session(self, app: Flask, request: Request) -> ServerSideSession:
        offered = request.cookies.get(self.get_cookie_name(app), "")
        with self._lock:
            found = self._data.get(offered) if offered else None
        if found is None:
            return ServerSideSession(secrets.token_urlsafe(SESSION_ID_BYTES))
        return ServerSideSession(offered, dict(found[1]))

    def save_session(self, app: Flask, session: SessionMixin, response: BaseResponse) -> None:
        assert isinstance(session, ServerSideSession)  # noqa: S101 - open_session made it
        now = time.monotonic()
        with self._lock:
            known = session.session_id in self._data
            if session or known:
                self._data[session.session_id] = (now, dict(session))
            for stale in [k for k, (used, _d) in self._data.items() if now - used > self._max_age]:
                del self._data[stale]
        if session and not known:
            response.set_cookie(
                self.get_cookie_name(app),
                session.session_id,
                httponly=self.get_cookie_httponly(app),
                samesite=self.get_cookie_samesite(app),
                secure=self.get_cookie_secure(app),
                path=self.get_cookie_path(app),
                domain=self.get_cookie_domain(app),
            )
        if session.accessed:
            response.vary.add("Cookie")


class UnlockThrottle:
    """A growing wait after wrong passphrases, per case, held in server memory.

    The first few mistakes cost nothing (caps lock happens); after that each wrong passphrase
    makes the next attempt wait twice as long, up to five minutes. While a case must wait, an
    attempt is refused at once without trying the passphrase: nothing sleeps, and no other request
    is held up. A right passphrase clears the count. The wait does not survive a restart: someone
    who can restart the app as this user can copy the case file and guess offline anyway, where
    only the Argon2id cost of each guess slows them.
    """

    FREE_ATTEMPTS = 3
    FIRST_WAIT_SECONDS = 5.0
    LONGEST_WAIT_SECONDS = 300.0

    def __init__(self) -> None:
        self._failures: dict[str, tuple[int, float]] = {}  # case id -> (wrong count, not before)
        self._lock = threading.Lock()

    @staticmethod
    def now() -> float:
        return time.monotonic()

    def wait_seconds(self, case_id: str) -> int:
        """Seconds before this case may be tried again (0: now), rounded up."""
        with self._lock:
            _count, not_before = self._failures.get(case_id, (0, 0.0))
        return max(0, math.ceil(not_before - self.now()))

    def failed(self, case_id: str) -> None:
        with self._lock:
            count = self._failures.get(case_id, (0, 0.0))[0] + 1
            extra = count - self.FREE_ATTEMPTS
            wait = 0.0 if extra < 0 else self.FIRST_WAIT_SECONDS * 2**extra
            self._failures[case_id] = (count, self.now() + min(wait, self.LONGEST_WAIT_SECONDS))

    def succeeded(self, case_id: str) -> None:
        with self._lock:
            self._failures.pop(case_id, None)

    def rewind(self, case_id: str, seconds: float) -> None:
        """Move this case's wait `seconds` into the past (the tests' stand-in for waiting)."""
        with self._lock:
            if case_id in self._failures:
                count, not_before = self._failures[case_id]
                self._failures[case_id] = (count, not_before - seconds)


class IdleReaper:
    """A daemon thread that locks idle cases even when no request arrives to notice."""

    def __init__(self, registry: SessionRegistry, interval: float) -> None:
        self._registry = registry
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="idle-lock", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self._registry.lock_idle()


# ---- helpers for views ---------------------------------------------------------------------------


def registry() -> SessionRegistry:
    return current_state().sessions


def unlock_throttle() -> UnlockThrottle:
    return current_state().unlock_throttle


def get_vault() -> Vault:
    """The app's vault over the data dir."""
    return current_state().vault


def browser_session() -> BrowserSession:
    """The session of this request (the security hooks guarantee there is one on every view)."""
    session: BrowserSession | None = g.get("browser_session")
    if session is None:
        abort(403)
    return session


def current_case() -> UnlockedCase | None:
    """The case unlocked in this browser, or None."""
    session: BrowserSession | None = g.get("browser_session")
    if session is None or session.case is None or session.case.is_locked:
        return None
    return session.case


def require_case() -> UnlockedCase:
    """The unlocked case, or a redirect to the case list with a calm message."""
    case = current_case()
    if case is None:
        flash(_("Your case is locked. Open it again with your passphrase to carry on."), "info")
        abort(redirect(url_for("cases.index"), code=303))
    return case


def open_case_in_session(case: UnlockedCase) -> None:
    """Hold this unlocked case for this browser (any case it had open before is locked first)."""
    session = browser_session()
    if session.case is not None and session.case is not case:
        _lock_quietly(session.case)
    session.case = case
    session.locked_by_idle = False


def lock_session(*, quick_exit: bool = False) -> None:
    """Lock the open case and rotate the session cookie (the new id is set on the response)."""
    session = browser_session()
    g.browser_session = registry().rotate(session)
    g.browser_session.exited = quick_exit
    g.rotate_cookie = True
