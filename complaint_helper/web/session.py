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

import secrets
import threading
import time
from dataclasses import dataclass
from typing import Protocol

from flask import abort, flash, g, redirect, url_for

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


class SessionRegistry:
    """All browser sessions of one app. Thread-safe: waitress serves requests on several threads."""

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
        """Lock the session's case (if any) and replace its id; the old id lets nobody in again."""
        fresh = BrowserSession(secrets.token_urlsafe(SESSION_ID_BYTES), self.now())
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
        flash("Your case is locked. Open it again with your passphrase to carry on.", "info")
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
