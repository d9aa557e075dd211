"""Quick exit on a page with unsaved words sends one request: save the words, then lock. The
order is the point: as two requests, a lock arriving first would lose the last words."""

from __future__ import annotations

from flask import Flask

from complaint_helper.interview import repository
from complaint_helper.web.app_state import state_of
from complaint_helper.web.session import SessionRegistry
from tests.conftest import PASSPHRASE, AppClient


def test_quick_exit_autosave_saves_then_locks(app: Flask, case_client: AppClient) -> None:
    case = case_client.case  # type: ignore[attr-defined]
    old_id = case_client.session_id()
    response = case_client.submit(
        "/case/interview/your-account/autosave",
        {"account": "the words typed a moment before", "quick_exit": "1"},
    )
    assert response.status_code == 204
    assert case.is_locked
    assert case_client.session_id() != old_id  # the cookie rotated, as on any lock
    sessions: SessionRegistry = state_of(app).sessions
    session = sessions.get(case_client.session_id())
    assert session is not None and session.exited  # every page neutral until "Start again"
    vault = state_of(app).vault
    reopened = vault.unlock(case.case_id, PASSPHRASE)
    saved = repository.load_answers(reopened).answers
    assert saved.text("your-account", "account") == "the words typed a moment before"


def test_quick_exit_locks_even_when_the_save_cannot_happen(case_client: AppClient) -> None:
    case = case_client.case  # type: ignore[attr-defined]
    case_client.submit("/case/interview/no-such-step/autosave", {"quick_exit": "1"})
    assert case.is_locked


def test_an_ordinary_autosave_does_not_lock(case_client: AppClient) -> None:
    response = case_client.submit(
        "/case/interview/your-account/autosave", {"account": "still writing"}
    )
    assert response.get_json()["saved"] is True
    assert not case_client.case.is_locked  # type: ignore[attr-defined]
