"""Passphrase advice through the case screens: names from the case and common passwords are
refused with a kind sentence, and nothing is created or changed."""

from __future__ import annotations

from flask import Flask

from complaint_helper.interview import repository
from complaint_helper.interview.model import Answers
from complaint_helper.vault import UnlockedCase, Vault
from complaint_helper.web.app_state import state_of
from tests.conftest import PASSPHRASE, AppClient


def vault_of(app: Flask) -> Vault:
    found: Vault = state_of(app).vault
    return found


def test_new_case_refuses_its_own_nickname_as_passphrase(app: Flask, client: AppClient) -> None:
    weak = "Blue notebook 2026"
    response = client.submit(
        "/cases/new", {"nickname": "Blue notebook", "passphrase": weak, "passphrase_confirm": weak}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "built on a name or the case nickname" in page
    assert weak not in page
    assert vault_of(app).list_cases() == []


def test_new_case_refuses_a_common_password_with_digits(app: Flask, client: AppClient) -> None:
    response = client.submit(
        "/cases/new",
        {"nickname": "Case", "passphrase": "P@ssw0rd123", "passphrase_confirm": "P@ssw0rd123"},
    )
    assert response.status_code == 400
    assert "Please choose something else" in response.get_data(as_text=True)
    assert vault_of(app).list_cases() == []


def test_new_passphrase_may_not_be_built_on_the_therapists_name(
    app: Flask, case_client: AppClient
) -> None:
    case: UnlockedCase = case_client.case  # type: ignore[attr-defined]
    answers = Answers()
    answers.set("professional", "name", "Jonathan Reyes")
    repository.save_answers(case, answers)
    weak = "Jonathan Reyes1987"
    response = case_client.submit(
        "/cases/open/passphrase",
        {"old_passphrase": PASSPHRASE, "passphrase": weak, "passphrase_confirm": weak},
    )
    assert response.status_code == 400
    assert "built on a name or the case nickname" in response.get_data(as_text=True)
    case.lock()
    vault_of(app).unlock(case.case_id, PASSPHRASE).lock()  # the old passphrase still opens it
