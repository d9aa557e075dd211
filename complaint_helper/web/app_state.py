"""The app's shared parts, reached one typed way: `state_of(app)`, or in a request `current_state()`
and `current_settings()`.

`create_app` builds one `AppState` (the settings, the vault, the browser sessions, the launch
token, the idle reaper, the unlock throttle, the page ids and the endpoints that may take a large
body) and attaches it to the app. Code reaches settings and shared objects only through these
accessors, and templates see the settings as `settings`: no settings in `app.config` keys or
blueprint closures, no string keys into `app.extensions` anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from flask import Flask, current_app

from complaint_helper.settings import Settings
from complaint_helper.vault import Vault

if TYPE_CHECKING:  # types only: both modules read their state through this one
    from complaint_helper.web.page_ids import PageIds
    from complaint_helper.web.security import LaunchToken
    from complaint_helper.web.session import IdleReaper, SessionRegistry, UnlockThrottle

_EXTENSION: Final = "complaint_helper"


@dataclass
class AppState:
    """Everything the app's parts share, typed."""

    settings: Settings
    vault: Vault
    sessions: SessionRegistry
    launch: LaunchToken
    reaper: IdleReaper
    unlock_throttle: UnlockThrottle
    page_ids: PageIds  # the interview pages' addresses for this start (web/page_ids.py)
    # Endpoints whose requests may carry an upload (up to the upload limit, not the form limit).
    large_body_endpoints: set[str] = field(default_factory=set)


def attach(app: Flask, state: AppState) -> None:
    app.extensions[_EXTENSION] = state


def state_of(app: Flask) -> AppState:
    state = app.extensions[_EXTENSION]
    if not isinstance(state, AppState):
        raise TypeError("the app was not assembled by create_app")
    return state


def current_state() -> AppState:
    """The state of the app handling this request."""
    return state_of(current_app)


def current_settings() -> Settings:
    return current_state().settings
