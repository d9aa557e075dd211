"""Security headers on every response: every route, error pages, static files; never a traceback."""

from __future__ import annotations

import pytest
from flask import Flask

from complaint_helper.web.app_state import state_of
from complaint_helper.web.security import CONTENT_SECURITY_POLICY, SECURITY_HEADERS
from tests.conftest import AppClient

CSP_DIRECTIVES = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
}


def assert_hardened(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert csp == CSP_DIRECTIVES
    assert headers["Cache-Control"] == "no-store"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "microphone=()" in headers["Permissions-Policy"]
    body = response.get_data()  # type: ignore[attr-defined]
    assert b"Traceback" not in body and b'File "' not in body


def directives(policy: str) -> dict[str, str]:
    parts = [part.strip().split(" ", 1) for part in policy.split(";")]
    names = [name for name, _ in parts]
    assert len(names) == len(set(names)), f"a directive is given twice: {policy}"
    return dict((name, value) for name, value in parts)


def test_csp_constant_is_the_pinned_directives_and_is_what_every_response_carries() -> None:
    assert directives(CONTENT_SECURITY_POLICY) == CSP_DIRECTIVES
    assert directives(SECURITY_HEADERS["Content-Security-Policy"]) == CSP_DIRECTIVES


def sample_url(rule: object) -> str:
    url = str(rule)
    for argument in getattr(rule, "arguments", ()):
        url = url.replace(f"<{argument}>", "x")
        url = url.replace(f"<path:{argument}>", "css/app.css")
        url = url.replace(f"<int:{argument}>", "1")
    return url


def test_every_route_in_the_url_map_is_hardened(app: Flask, case_client: AppClient) -> None:
    seen = 0
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            url = sample_url(rule)
            if rule.endpoint in ("general.exit_page", "general.lock", "general.exit_beacon"):
                continue  # they lock the case; covered below with their own client
            if method == "GET":
                response = case_client.get(url)
            else:
                response = (
                    case_client.submit(url, {}, method=method)
                    if method != "POST"
                    else (case_client.submit(url, {}))
                )
            assert_hardened(response)
            seen += 1
    assert seen >= 5


@pytest.mark.parametrize("path", ["/exit", "/away", "/locked"])
def test_exit_pages_are_hardened(client: AppClient, path: str) -> None:
    assert_hardened(client.get(path))


def test_static_files_are_hardened(client: AppClient) -> None:
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert_hardened(response)


def test_static_files_need_no_cookie(anonymous_client: object) -> None:
    response = anonymous_client.get("/static/js/app.js")  # type: ignore[attr-defined]
    assert response.status_code == 200
    assert_hardened(response)


def test_404_is_a_plain_hardened_page(client: AppClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
    assert_hardened(response)


def test_405_is_a_plain_hardened_page(client: AppClient) -> None:
    response = client.submit("/away")
    assert response.status_code == 405
    assert_hardened(response)


def test_413_is_a_plain_hardened_page(client: AppClient, app: Flask) -> None:
    too_big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)
    response = client.submit("/keepalive", {"text": too_big})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)
    assert_hardened(response)


def test_500_is_a_plain_hardened_page_without_the_error_text(settings: object) -> None:
    from complaint_helper import create_app
    from tests.conftest import AppClient, launch

    app = create_app(settings)  # type: ignore[arg-type]

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret words from the account")

    app.test_client_class = AppClient
    client = app.test_client()
    launch(app, client)
    response = client.get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "secret words" not in body and "RuntimeError" not in body
    assert "Your earlier answers are safe" in body
    assert_hardened(response)
    state_of(app).reaper.stop()


@pytest.mark.parametrize(
    "path",
    ["/%ff%fe", "/..%2f..%2fetc%2fpasswd", "/static/../../etc/passwd", "/" + "a" * 5000, "/%00"],
)
def test_malformed_urls_get_a_plain_page(client: AppClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert_hardened(response)


def test_malformed_post_body_gets_a_plain_page(client: AppClient) -> None:
    response = client.post(
        "/keepalive",
        data=b"--x\r\nContent-Disposition: form-data; name=\xff\r\n\r\n",
        content_type="multipart/form-data; boundary=x",
    )
    assert response.status_code in (400, 413)
    assert_hardened(response)
