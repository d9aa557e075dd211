"""complaint-helper: a private, local assistant for preparing a licensing-board complaint.

`create_app(settings)` is the only place the Flask app is assembled.
"""

from __future__ import annotations

import secrets
from typing import IO, cast

from flask import Flask, Request
from flask_wtf.csrf import CSRFProtect, generate_csrf
from markupsafe import Markup, escape

from complaint_helper.interview.steps import STEPS
from complaint_helper.paths import static_dir, templates_dir
from complaint_helper.settings import Settings
from complaint_helper.support import SUPPORT_SERVICES
from complaint_helper.vault import Vault
from complaint_helper.web import errors, language, page_ids, register_blueprints, security
from complaint_helper.web.app_state import AppState, attach, current_state
from complaint_helper.web.session import (
    IdleReaper,
    ServerSideSessions,
    SessionRegistry,
    UnlockThrottle,
    current_case,
)

__all__ = ["create_app"]


class SpoolingRequest(Request):
    """Each uploaded file streams, as the form parser reads it from the server, into the vault's
    `EncryptedSpool`: encrypted under a key held only in memory, so neither memory (the body is
    never held whole) nor any file (no plaintext temp file) holds the upload. Request.close(), at
    the end of every request, closes the spools and so drops them."""

    def _get_file_stream(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> IO[bytes]:
        return cast(IO[bytes], current_state().vault.spool())


def csrf_field() -> Markup:
    """The hidden CSRF input every POST form carries: `{{ csrf_field() }}`."""
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(
        escape(generate_csrf())
    )


def create_app(settings: Settings, *, vault: Vault | None = None) -> Flask:
    """Assemble the app for these settings. `vault` lets a caller share one (tests, the server)."""
    app = Flask(
        "complaint_helper",
        template_folder=str(templates_dir()),
        static_folder=str(static_dir()),
        static_url_path="/static",
    )
    app.request_class = SpoolingRequest
    app.session_interface = ServerSideSessions()  # flashes and the CSRF token never in a cookie
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),  # per process: restarting invalidates every session
        TESTING=settings.testing,
        PROPAGATE_EXCEPTIONS=False,
        MAX_CONTENT_LENGTH=settings.max_form_bytes,
        MAX_FORM_MEMORY_SIZE=settings.max_form_bytes,
        MAX_FORM_PARTS=2_000,
        SESSION_COOKIE_NAME="ch_csrf",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        WTF_CSRF_TIME_LIMIT=None,  # a person may take hours over one page; the session bounds it
        WTF_CSRF_SSL_STRICT=False,
        SEND_FILE_MAX_AGE_DEFAULT=0,
    )
    sessions = SessionRegistry(settings.idle_lock_seconds)
    state = AppState(
        settings=settings,
        vault=vault or Vault(settings.data_dir, kdf=settings.kdf),
        sessions=sessions,
        launch=security.LaunchToken(),
        unlock_throttle=UnlockThrottle(),
        reaper=IdleReaper(sessions, interval=sessions.poll_seconds),
        page_ids=page_ids.PageIds(step.slug for step in STEPS),
    )
    attach(app, state)
    app.jinja_env.globals.update(
        settings=settings,  # templates read settings one way: {{ settings.exit_url }}
        csrf_field=csrf_field,
        support_services=SUPPORT_SERVICES,
        case_is_open=lambda: current_case() is not None,
        idle_poll_ms=int(sessions.poll_seconds * 1000),
    )
    app.jinja_env.autoescape = True

    # First: the request's language is current for all of it, the security hooks' own pages too.
    language.install(app)
    security.install(app)  # before CSRFProtect: a bad host never reaches it
    CSRFProtect(app)
    errors.install(app)
    page_ids.install(app, state.page_ids)  # before the routes that use <page:…>
    register_blueprints(app)

    state.reaper.start()
    return app
