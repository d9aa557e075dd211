"""A vault failure anywhere in the web app reaches the person as the vault's own kind sentence
(or, for a case locked under a running request, the calm "open it again" redirect), never a 500
page that says nothing, and never a traceback."""

from __future__ import annotations

from flask import Flask

from complaint_helper.vault import CaseLocked, DamagedRecord, StorageUnavailable
from tests.conftest import AppClient, launch


def client_with_route(app: Flask, error: Exception) -> AppClient:
    def fails() -> str:
        raise error

    app.add_url_rule("/test-raises", "test_raises", fails)
    app.test_client_class = AppClient
    client = app.test_client()
    assert isinstance(client, AppClient)
    launch(app, client)
    return client


def test_a_full_disk_says_so_kindly(app: Flask) -> None:
    client = client_with_route(app, StorageUnavailable())
    response = client.get("/test-raises")
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "it may be full or read-only" in page
    assert "Nothing you saved before has been lost" in page
    assert "Traceback" not in page
    assert response.headers["Cache-Control"] == "no-store"


def test_a_damaged_record_gives_the_vault_sentence(app: Flask) -> None:
    client = client_with_route(app, DamagedRecord())
    response = client.get("/test-raises")
    assert response.status_code == 500
    assert str(DamagedRecord.default_message) in response.get_data(as_text=True)


def test_a_case_locked_during_a_request_leads_back_to_the_case_list(app: Flask) -> None:
    client = client_with_route(app, CaseLocked())
    response = client.get("/test-raises")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/cases")
    follow = client.get("/cases").get_data(as_text=True)
    assert "Your case is locked. Open it again with your passphrase" in follow
