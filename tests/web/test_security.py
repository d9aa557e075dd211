"""The local server's defences: host allowlist, launch token, Origin and CSRF checks, idle lock."""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from complaint_helper.interview.steps import STEPS
from complaint_helper.web.app_state import state_of
from complaint_helper.web.security import peer_check_available, peer_uid
from complaint_helper.web.session import SESSION_COOKIE, SessionRegistry
from tests.conftest import (
    BASE_URL,
    PASSPHRASE,
    TEST_PORT,
    AppClient,
    LiveServer,
    open_case_for,
)
from tests.second_user import run_as_second_user, run_as_this_user

WELCOME_TEXT = "Prepare a complaint about a therapist"


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:5555",
        f"127.0.0.1:{TEST_PORT + 1}",
        f"localhost.:{TEST_PORT}",
        "127.0.0.1",
        "localhost",
        f"LOCALHOST:{TEST_PORT}x",
        f"127.0.0.2:{TEST_PORT}",
        f"[::1]:{TEST_PORT}",
        "",
    ],
)
def test_wrong_host_is_refused_with_no_content(client: AppClient, host: str) -> None:
    response = client.get("/", headers={"Host": host})
    assert response.status_code == 400
    assert response.headers["X-Refused"] == "host"
    assert WELCOME_TEXT not in response.get_data(as_text=True)


@pytest.mark.parametrize("host", [f"127.0.0.1:{TEST_PORT}", f"localhost:{TEST_PORT}"])
def test_allowed_hosts_are_served(app: Flask, host: str) -> None:
    browser = app.test_client()
    token = state_of(app).launch.peek()
    assert browser.get(f"http://{host}/launch?token={token}").status_code == 303
    response = browser.get(f"http://{host}/")
    assert response.status_code == 200
    assert WELCOME_TEXT in response.get_data(as_text=True)


def test_without_cookie_every_page_is_neutral(anonymous_client: FlaskClient) -> None:
    for path in ["/", "/locked", "/idle-status", "/cases", "/case/boards"]:
        response = anonymous_client.get(path)
        assert response.status_code == 403, path
        body = response.get_data(as_text=True)
        assert "use the link printed where you started it" in body
        assert WELCOME_TEXT not in body


def test_launch_token_works_once_and_leaves_no_token_in_url(
    app: Flask, anonymous_client: FlaskClient
) -> None:
    token = state_of(app).launch.peek()
    first = anonymous_client.get(f"/launch?token={token}")
    assert first.status_code == 303
    assert first.headers["Location"] == "/"
    assert token not in first.headers["Location"]
    cookie = first.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and SESSION_COOKIE in cookie
    assert anonymous_client.get("/").status_code == 200
    stranger = app.test_client()
    again = stranger.get(f"/launch?token={token}")
    assert again.status_code == 403
    assert stranger.get("/").status_code == 403


def test_wrong_launch_token_is_refused(app: Flask, anonymous_client: FlaskClient) -> None:
    response = anonymous_client.get("/launch?token=not-the-token")
    assert response.status_code == 403
    assert anonymous_client.get_cookie(SESSION_COOKIE, domain="127.0.0.1") is None


def test_launch_token_has_at_least_128_bits(app: Flask) -> None:
    token = state_of(app).launch.peek()
    assert len(token) * 6 >= 128


@pytest.mark.parametrize(
    "origin", [None, "http://evil.example", f"http://127.0.0.1:{TEST_PORT + 1}", "null"]
)
def test_post_from_another_origin_changes_nothing(
    case_client: AppClient, origin: str | None
) -> None:
    headers = {"Origin": origin} if origin else {}
    if origin is None:
        # Remove the Origin the client adds by default.
        response = FlaskClient.open(
            case_client,
            "/lock",
            method="POST",
            data={"csrf_token": case_client.csrf_token()},
            base_url=BASE_URL,
        )
    else:
        response = case_client.post(
            "/lock", data={"csrf_token": case_client.csrf_token()}, headers=headers
        )
    assert response.status_code == 403
    assert response.headers["X-Refused"] == "origin"
    assert not case_client.case.is_locked  # type: ignore[attr-defined]


def test_post_without_csrf_token_changes_nothing(case_client: AppClient) -> None:
    response = case_client.post("/lock", data={})
    assert response.status_code == 400
    assert "out of date" in response.get_data(as_text=True)
    assert not case_client.case.is_locked  # type: ignore[attr-defined]


def test_post_with_wrong_csrf_token_changes_nothing(case_client: AppClient) -> None:
    response = case_client.post("/lock", data={"csrf_token": "forged"})
    assert response.status_code == 400
    assert not case_client.case.is_locked  # type: ignore[attr-defined]


def test_lock_wipes_the_case_and_rotates_the_cookie(case_client: AppClient) -> None:
    old_id = case_client.session_id()
    response = case_client.submit("/lock")
    assert response.status_code == 303
    assert case_client.case.is_locked  # type: ignore[attr-defined]
    assert case_client.session_id() != old_id
    stale = case_client.application.test_client()
    stale.set_cookie(SESSION_COOKIE, old_id, domain="127.0.0.1")
    assert stale.get("/").status_code == 403


def test_quick_exit_link_locks_and_goes_to_the_neutral_page(case_client: AppClient) -> None:
    response = case_client.get("/exit")
    assert response.status_code == 303
    assert response.headers["Location"] == "/away"
    assert case_client.case.is_locked  # type: ignore[attr-defined]


def test_exit_beacon_locks(case_client: AppClient) -> None:
    response = case_client.submit("/exit-beacon")
    assert response.status_code == 204
    assert case_client.case.is_locked  # type: ignore[attr-defined]


def test_idle_case_is_locked_on_next_request(app: Flask, case_client: AppClient) -> None:
    sessions: SessionRegistry = state_of(app).sessions
    session = sessions.get(case_client.session_id())
    assert session is not None
    old_id = session.session_id
    session.last_seen -= sessions.idle_lock_seconds + 1
    status = case_client.get("/idle-status").get_json()
    assert status["case_open"] is False
    assert case_client.case.is_locked  # type: ignore[attr-defined]
    assert case_client.session_id() != old_id


def test_idle_reaper_locks_without_a_request(app: Flask, case_client: AppClient) -> None:
    sessions: SessionRegistry = state_of(app).sessions
    session = sessions.get(case_client.session_id())
    assert session is not None
    session.last_seen -= sessions.idle_lock_seconds + 1
    assert sessions.lock_idle() == 1
    assert case_client.case.is_locked  # type: ignore[attr-defined]


def test_idle_status_does_not_count_as_activity(app: Flask, case_client: AppClient) -> None:
    sessions: SessionRegistry = state_of(app).sessions
    session = sessions.get(case_client.session_id())
    assert session is not None
    session.last_seen -= 100
    before = session.last_seen
    assert case_client.get("/idle-status").get_json()["case_open"] is True
    assert session.last_seen == before


def test_idle_status_says_zero_only_once_the_case_is_due_to_lock(
    app: Flask, case_client: AppClient
) -> None:
    """The page moves to /locked at zero; a rounded-down zero arrives early and keeps it open."""
    sessions: SessionRegistry = state_of(app).sessions
    session = sessions.get(case_client.session_id())
    assert session is not None
    session.last_seen -= sessions.idle_lock_seconds - 0.5
    status = case_client.get("/idle-status").get_json()
    assert status["seconds_left"] == 1
    assert status["warn_at"] == sessions.warning_seconds


def test_idle_warning_comes_75_seconds_before_a_15_minute_lock() -> None:
    sessions = SessionRegistry(15 * 60)
    assert sessions.warning_seconds == 75
    assert sessions.poll_seconds == 30.0  # at least two polls inside the warning
    short = SessionRegistry(9)
    assert (short.warning_seconds, short.poll_seconds) == (3, 1.0)


def test_shutdown_locks_every_case(app: Flask, case_client: AppClient) -> None:
    state_of(app).sessions.lock_all()
    assert case_client.case.is_locked  # type: ignore[attr-defined]


def test_after_quick_exit_pages_are_neutral_until_start_again(case_client: AppClient) -> None:
    case_client.get("/exit")
    page = case_client.get("/").get_data(as_text=True)
    assert "This page has expired" in page
    assert WELCOME_TEXT not in page
    assert case_client.submit("/resume").status_code == 303
    assert WELCOME_TEXT in case_client.get("/").get_data(as_text=True)


def test_same_origin_form_post_with_null_origin_is_accepted(case_client: AppClient) -> None:
    """Chromium's form posts under Referrer-Policy: no-referrer carry `Origin: null`."""
    response = case_client.post(
        "/lock",
        data={"csrf_token": case_client.csrf_token()},
        headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 303
    assert case_client.case.is_locked  # type: ignore[attr-defined]


@pytest.mark.parametrize("site", ["same-site", "cross-site", "none", ""])
def test_null_origin_from_elsewhere_is_refused(case_client: AppClient, site: str) -> None:
    response = case_client.post(
        "/lock",
        data={"csrf_token": case_client.csrf_token()},
        headers={"Origin": "null", "Sec-Fetch-Site": site},
    )
    assert response.status_code == 403
    assert not case_client.case.is_locked  # type: ignore[attr-defined]


# ---- only this OS user gets in (docs/local-isolation.md) ----------------------------------------

needs_proc_net = pytest.mark.skipif(
    not peer_check_available(), reason="socket owners are read from /proc/net/tcp (Linux only)"
)


@needs_proc_net
def test_peer_uid_names_the_owner_of_a_live_socket_and_nobody_for_a_closed_one() -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        server_port = listener.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", server_port))
        accepted, (peer_address, peer_port) = listener.accept()
        with accepted:
            assert peer_uid(peer_address, peer_port, server_port) == os.getuid()
            assert peer_uid(peer_address, peer_port, server_port + 1) is None
            assert peer_uid(peer_address, peer_port + 1, server_port) is None
            # Closed by the client while we still hold our end: the kernel keeps an orphan
            # socket (listed as root's, inode 0), which must not count as anyone's.
            client.close()
            assert peer_uid(peer_address, peer_port, server_port) is None


@needs_proc_net
def test_a_request_whose_peer_is_unknown_is_refused(app: Flask, case_client: AppClient) -> None:
    """A REMOTE_PORT with no live socket behind it (e.g. closed before the check) gets nothing."""
    response = case_client.get("/", environ_base={"REMOTE_PORT": "1"})
    assert response.status_code == 403
    assert response.headers["X-Refused"] == "peer-user"
    assert WELCOME_TEXT not in response.get_data(as_text=True)


REPLAY = """
import http.client, json, sys
port, cookie = int(sys.argv[1]), sys.argv[2]
answers = []
for method, path in json.loads(sys.argv[3]):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(method, path, headers={
        "Host": f"127.0.0.1:{port}", "Origin": f"http://127.0.0.1:{port}", "Cookie": cookie})
    answer = connection.getresponse()
    body = answer.read().decode("utf-8", "replace")
    answers.append([answer.status, answer.getheader("X-Refused"), body])
print(json.dumps(answers))
"""
REPLAYED = [["GET", "/"], ["GET", "/cases"], ["GET", "/case/interview/"], ["POST", "/keepalive"]]


def launched_session_id(server: LiveServer) -> str:
    """Redeem the launch link over real HTTP, as the person's browser does; the session id."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    connection.request("GET", server.url.removeprefix(server.base))
    answer = connection.getresponse()
    answer.read()
    assert answer.status == 303
    cookie: SimpleCookie = SimpleCookie(answer.getheader("Set-Cookie"))
    return cookie[SESSION_COOKIE].value


def replay(runner: Callable[..., str], port: int, cookie: str) -> list[list[Any]]:
    answers: list[list[Any]] = json.loads(runner(REPLAY, str(port), cookie, json.dumps(REPLAYED)))
    return answers


@needs_proc_net
def test_another_os_user_replaying_the_cookies_gets_nothing_and_keeps_nothing_open(
    live_server: LiveServer,
) -> None:
    """The cookies a server of another user on another port catches (tests/browser/
    test_isolation.py shows Chromium sends them) open nothing for that user, and replaying them
    does not keep the case from idle-locking."""
    app = live_server.app
    session_id = launched_session_id(live_server)
    sessions: SessionRegistry = state_of(app).sessions
    session = sessions.get(session_id)
    assert session is not None
    case = state_of(app).vault.create_case("Test case", PASSPHRASE)
    open_case_for(app, session_id, case)
    cookie = f"{SESSION_COOKIE}={session_id}"

    # Control: the same script as the person's own user is let in, so the replay itself works.
    mine = replay(run_as_this_user, live_server.port, cookie)
    assert [status for status, _refused, _body in mine[:3]] == [200, 200, 200]

    session.last_seen -= 100
    before = session.last_seen
    theirs = replay(run_as_second_user, live_server.port, cookie)
    for (status, refused, body), (_method, path) in zip(theirs, REPLAYED, strict=True):
        assert (status, refused) == (403, "peer-user"), path
        assert WELCOME_TEXT not in body and "Test case" not in body
    assert session.last_seen == before
    session.last_seen -= sessions.idle_lock_seconds
    assert sessions.lock_idle() == 1
    assert case.is_locked


@pytest.mark.parametrize("site", ["same-site", "cross-site"])
def test_another_pages_request_reaches_no_case_page_and_is_not_activity(
    app: Flask, case_client: AppClient, site: str
) -> None:
    """Another port of 127.0.0.1 is `same-site`: the SameSite=Strict cookie comes along."""
    sessions: SessionRegistry = state_of(app).sessions
    session = sessions.get(case_client.session_id())
    assert session is not None
    session.last_seen -= 100
    before = session.last_seen
    for path in ["/", "/cases", "/case/interview/", "/idle-status"]:
        response = case_client.get(path, headers={"Sec-Fetch-Site": site})
        assert (response.status_code, response.headers["X-Refused"]) == (403, "cross-site"), path
        assert WELCOME_TEXT not in response.get_data(as_text=True)
    assert session.last_seen == before
    own = case_client.get("/", headers={"Sec-Fetch-Site": "same-origin"})
    assert own.status_code == 200
    assert session.last_seen > before


OWN_NAVIGATIONS = [
    {"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"},
    {"Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"},
    {},  # a browser that sends no fetch metadata: the quick exit must still work
]
OTHER_REQUESTS = [
    {"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"},
    {"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"},
    {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "iframe"},
    {"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"},
]


@pytest.mark.parametrize("headers", OWN_NAVIGATIONS)
def test_quick_exit_link_locks_on_the_persons_own_navigation(
    case_client: AppClient, headers: dict[str, str]
) -> None:
    response = case_client.get("/exit", headers=headers)
    assert response.status_code == 303
    assert case_client.case.is_locked  # type: ignore[attr-defined]


@pytest.mark.parametrize("headers", OTHER_REQUESTS)
def test_exit_loaded_by_another_page_does_not_lock(
    case_client: AppClient, headers: dict[str, str]
) -> None:
    """`<img src="http://127.0.0.1:PORT/exit">` on a page served from another port."""
    response = case_client.get("/exit", headers=headers)
    assert response.status_code == 303
    assert not case_client.case.is_locked  # type: ignore[attr-defined]


def test_flashed_messages_and_the_csrf_token_stay_on_the_server(case_client: AppClient) -> None:
    """A flash can name things from the case; Flask's default keeps it in a signed (readable)
    cookie. Here every cookie is an opaque random id."""
    case_client.submit("/lock")
    redirected = case_client.get("/cases/open")  # "Your case is locked. Open it again …"
    assert redirected.status_code == 303
    for name in (SESSION_COOKIE, "ch_csrf"):
        cookie = case_client.get_cookie(name, domain="127.0.0.1")
        assert cookie is not None, name
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", cookie.value), cookie.value
    shown = case_client.get("/cases").get_data(as_text=True)
    assert "Your case is locked. Open it again with your passphrase" in shown


def test_addresses_never_name_an_interview_page(case_client: AppClient) -> None:
    """History and the address bar show opaque page ids, never `/case/interview/what-happened`."""
    app = case_client.application
    ids = state_of(app).page_ids
    slugs = [step.slug for step in STEPS]
    pages = ["/case/interview/"] + [f"/case/interview/{ids.id_of(slug)}" for slug in slugs]
    addresses: list[str] = []
    for address in pages:
        body = FlaskClient.open(case_client, address, base_url=BASE_URL).get_data(as_text=True)
        addresses += re.findall(r'(?:href|action|data-[a-z-]+-url)="([^"]*)"', body)
    raw = FlaskClient.open(
        case_client,
        f"/case/interview/{ids.id_of('therapy')}",
        method="POST",
        data={"csrf_token": case_client.csrf_token(), "action": "continue"},
        headers={"Origin": f"http://127.0.0.1:{TEST_PORT}"},
        base_url=BASE_URL,
    )
    addresses.append(raw.headers["Location"])
    interview_addresses = [a for a in addresses if "/case/interview/" in a]
    assert len(interview_addresses) > len(slugs)
    for address in interview_addresses:
        assert not any(f"/case/interview/{slug}" in address for slug in slugs), address
    # A name typed in by hand is no page.
    named = FlaskClient.open(case_client, "/case/interview/what-happened", base_url=BASE_URL)
    assert named.status_code == 404
