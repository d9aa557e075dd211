"""A forgotten passphrase: the unlock page says nobody can recover it and offers to remove the
locked case from this computer, without the passphrase, once its nickname is typed."""

from __future__ import annotations

import sqlite3

import pytest
from flask import Flask

from complaint_helper.vault import CaseNotFound, Vault
from complaint_helper.web.app_state import state_of
from tests.conftest import PASSPHRASE, AppClient


def vault_of(app: Flask) -> Vault:
    found: Vault = state_of(app).vault
    return found


def test_the_unlock_page_says_nobody_can_recover_it_and_offers_removal(
    app: Flask, client: AppClient
) -> None:
    summary = vault_of(app).create_case("Garden notes", PASSPHRASE)
    summary.lock()
    page = client.get(f"/cases/{summary.case_id}/unlock").get_data(as_text=True)
    assert "Nobody can recover it" in page
    assert f'href="/cases/{summary.case_id}/remove">Remove this case from this computer</a>' in page
    removal = client.get(f"/cases/{summary.case_id}/remove").get_data(as_text=True)
    assert "still holds everything" in removal  # earlier exports are not touched


@pytest.mark.parametrize("typed", ["", "Garden", "delete", "Garden notes!"])
def test_without_the_nickname_nothing_is_removed(app: Flask, client: AppClient, typed: str) -> None:
    case = vault_of(app).create_case("Garden notes", PASSPHRASE)
    case.lock()
    response = client.submit(f"/cases/{case.case_id}/remove", {"confirm_nickname": typed})
    assert response.status_code == 400
    assert "type its nickname exactly" in response.get_data(as_text=True)
    vault_of(app).unlock(case.case_id, PASSPHRASE).lock()  # still there, still opens


def test_typing_the_nickname_removes_the_case_without_its_passphrase(
    app: Flask, client: AppClient, case_client: AppClient
) -> None:
    vault = vault_of(app)
    forgotten = vault.create_case("Garden notes", PASSPHRASE)
    forgotten.put("answers", "account", {"text": "words only the passphrase opened"})
    forgotten.lock()
    kept = vault.create_case("Another case", PASSPHRASE)
    kept.lock()

    response = client.submit(
        f"/cases/{forgotten.case_id}/remove", {"confirm_nickname": "  garden   NOTES "}
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/cases")
    assert "removed from this computer" in client.get("/cases").get_data(as_text=True)
    with pytest.raises(CaseNotFound):
        vault.case_summary(forgotten.case_id)
    assert {c.nickname for c in vault.list_cases()} == {"Another case", "Test case"}
    # Nothing of it is left in the database: no key, no record.
    database = sqlite3.connect(state_of(app).settings.data_dir / "cases.db")
    try:
        tables = [row[0] for row in database.execute("SELECT name FROM sqlite_master")]
        for table in tables:
            columns = [row[1] for row in database.execute(f"PRAGMA table_info({table})")]
            if "case_id" in columns:
                count = database.execute(
                    f"SELECT count(*) FROM {table} WHERE case_id = ?",  # noqa: S608 - table names from sqlite_master
                    (forgotten.case_id,),
                ).fetchone()[0]
                assert count == 0, table
    finally:
        database.close()


def test_removing_an_open_case_locks_it_first(case_client: AppClient) -> None:
    case = case_client.case  # type: ignore[attr-defined]
    response = case_client.submit(
        f"/cases/{case.case_id}/remove", {"confirm_nickname": "Test case"}
    )
    assert response.status_code == 303
    assert case.is_locked
