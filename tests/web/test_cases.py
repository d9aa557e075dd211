"""The case screens through the Flask test client: list, create, unlock, lock, change passphrase,
delete, export and import — with CSRF on and the real vault on disk."""

from __future__ import annotations

import io
import re
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaint_helper import create_app
from complaint_helper.settings import Settings
from complaint_helper.vault import (
    KDF_FLOOR,
    EncryptedSpool,
    KdfParams,
    UnlockedCase,
    Vault,
    WrongPassphrase,
)
from complaint_helper.vault.case_file import MAGIC
from complaint_helper.vault.crypto import KDF_CEILING
from complaint_helper.web.app_state import state_of
from complaint_helper.web.cases import PendingImports
from complaint_helper.web.session import SessionRegistry
from tests.conftest import PASSPHRASE, AppClient, launch
from tests.vault.case_files import with_kdf

NEW_PASSPHRASE = "copper whistle meadow falcon"
WRONG_MESSAGE = "That passphrase doesn&#39;t open this case. Check caps lock and try again."


def vault_of(app: Flask) -> Vault:
    found: Vault = state_of(app).vault
    return found


def open_case_of(app: Flask, client: AppClient) -> UnlockedCase | None:
    sessions: SessionRegistry = state_of(app).sessions
    session = sessions.get(client.session_id())
    return (
        None
        if session is None or session.case is None or session.case.is_locked
        else (session.case)
    )


def create(client: AppClient, nickname: str = "Blue notebook") -> object:
    return client.submit(
        "/cases/new",
        {"nickname": nickname, "passphrase": PASSPHRASE, "passphrase_confirm": PASSPHRASE},
    )


def text(response: object) -> str:
    return response.get_data(as_text=True)  # type: ignore[attr-defined, no-any-return]


def test_list_shows_nickname_date_and_that_nicknames_are_visible(
    app: Flask, client: AppClient
) -> None:
    vault_of(app).create_case("Blue notebook", PASSPHRASE)
    page = text(client.get("/cases"))
    assert "Blue notebook" in page
    assert "can be seen by anyone using this computer, without a passphrase" in page
    assert "Start a new case" in page and "Open a case file" in page


def test_empty_list_says_so(client: AppClient) -> None:
    assert "There are no cases on this computer yet." in text(client.get("/cases"))


def test_new_case_page_offers_five_words_and_warns_plainly(client: AppClient) -> None:
    page = text(client.get("/cases/new"))
    suggestion = re.search(r'id="suggested-passphrase">([^<]+)<', page)
    assert suggestion and len(suggestion.group(1).split("-")) == 5
    assert "If you forget your passphrase, nobody can open this case again" in page
    assert page.count('autocomplete="one-time-code"') == 2
    assert "choose “Never”" in page
    assert 'name="csrf_token"' in page


def test_creating_a_case_opens_it(app: Flask, client: AppClient) -> None:
    response = create(client)
    assert response.status_code == 303  # type: ignore[attr-defined]
    # Straight to the progress page, with "Start".
    assert response.headers["Location"].endswith("/case/interview/")  # type: ignore[attr-defined]
    case = open_case_of(app, client)
    assert case is not None and case.nickname == "Blue notebook"
    assert "“Blue notebook” is open" in text(client.get("/cases/open"))


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (
            {"nickname": "", "passphrase": PASSPHRASE, "passphrase_confirm": PASSPHRASE},
            "Please give the case a nickname.",
        ),
        (
            {"nickname": "Case", "passphrase": "short", "passphrase_confirm": "short"},
            "at least 10 characters",
        ),
        (
            {"nickname": "Case", "passphrase": "password123", "passphrase_confirm": "password123"},
            "many people use",
        ),
        (
            {"nickname": "Case", "passphrase": PASSPHRASE, "passphrase_confirm": PASSPHRASE + "x"},
            "The two passphrases are not the same.",
        ),
    ],
)
def test_new_case_problems_are_explained_and_nothing_is_created(
    app: Flask, client: AppClient, form: dict[str, str], message: str
) -> None:
    response = client.submit("/cases/new", form)
    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page and message in page
    assert f'value="{form["passphrase"]}"' not in page
    assert vault_of(app).list_cases() == []


def test_passphrases_are_never_echoed_back(client: AppClient) -> None:
    response = client.submit(
        "/cases/new",
        {"nickname": "", "passphrase": PASSPHRASE, "passphrase_confirm": PASSPHRASE},
    )
    assert PASSPHRASE not in text(response)


def test_post_without_csrf_token_changes_nothing(app: Flask, client: AppClient) -> None:
    response = client.post(
        "/cases/new",
        data={"nickname": "Case", "passphrase": PASSPHRASE, "passphrase_confirm": PASSPHRASE},
    )
    assert response.status_code == 400
    assert vault_of(app).list_cases() == []


def test_wrong_then_right_passphrase(app: Flask, client: AppClient) -> None:
    case = vault_of(app).create_case("Blue notebook", PASSPHRASE)
    case.lock()
    url = f"/cases/{case.case_id}/unlock"
    assert "Open “Blue notebook”" in text(client.get(url))
    wrong = client.submit(url, {"passphrase": PASSPHRASE.upper()})
    assert wrong.status_code == 400
    assert WRONG_MESSAGE in text(wrong)
    assert open_case_of(app, client) is None
    right = client.submit(url, {"passphrase": PASSPHRASE})
    assert right.status_code == 303
    opened = open_case_of(app, client)
    assert opened is not None and opened.case_id == case.case_id


def test_unknown_case_goes_back_to_the_list(client: AppClient) -> None:
    for case_id in ("0" * 32, "not-a-case"):
        response = client.get(f"/cases/{case_id}/unlock")
        assert response.status_code == 303
        assert response.headers["Location"].endswith("/cases")


def test_titles_never_carry_the_nickname(app: Flask, client: AppClient) -> None:
    create(client, "Secret name")
    for url in ("/cases", "/cases/open", "/cases/open/delete", "/cases/open/export"):
        title = re.search(r"<title>([^<]*)</title>", text(client.get(url)))
        assert title and "Secret" not in title.group(1)


def test_lock_closes_the_case_and_changes_the_cookie(app: Flask, case_client: AppClient) -> None:
    before = case_client.session_id()
    response = case_client.submit("/lock")
    assert response.status_code == 303
    assert case_client.case.is_locked  # type: ignore[attr-defined]
    assert case_client.session_id() != before
    back = case_client.get("/cases/open")
    assert back.status_code == 303 and back.headers["Location"].endswith("/cases")


def test_change_passphrase(app: Flask, case_client: AppClient) -> None:
    case: UnlockedCase = case_client.case  # type: ignore[attr-defined]
    case.put("answers", "a", {"text": "kept"})
    response = case_client.submit(
        "/cases/open/passphrase",
        {
            "old_passphrase": PASSPHRASE,
            "passphrase": NEW_PASSPHRASE,
            "passphrase_confirm": NEW_PASSPHRASE,
        },
    )
    assert response.status_code == 303
    vault = vault_of(app)
    with pytest.raises(WrongPassphrase):
        vault.unlock(case.case_id, PASSPHRASE)
    assert vault.unlock(case.case_id, NEW_PASSPHRASE).get("answers", "a") == {"text": "kept"}


def test_change_passphrase_with_wrong_current_one_changes_nothing(
    app: Flask, case_client: AppClient
) -> None:
    case: UnlockedCase = case_client.case  # type: ignore[attr-defined]
    response = case_client.submit(
        "/cases/open/passphrase",
        {
            "old_passphrase": "not the current one",
            "passphrase": NEW_PASSPHRASE,
            "passphrase_confirm": NEW_PASSPHRASE,
        },
    )
    assert response.status_code == 400
    assert "That isn&#39;t the current passphrase" in text(response)
    vault_of(app).unlock(case.case_id, PASSPHRASE)


def test_delete_needs_the_typed_word_and_mentions_exports(
    app: Flask, case_client: AppClient
) -> None:
    page = text(case_client.get("/cases/open/delete"))
    assert "Any copy of this case you saved earlier (a .chcase file) still holds everything" in page
    response = case_client.submit("/cases/open/delete", {"confirm": "yes"})
    assert response.status_code == 400
    assert len(vault_of(app).list_cases()) == 1


def test_delete_removes_the_case_and_locks(app: Flask, case_client: AppClient) -> None:
    case: UnlockedCase = case_client.case  # type: ignore[attr-defined]
    response = case_client.submit("/cases/open/delete", {"confirm": "Delete "})
    assert response.status_code == 303
    assert vault_of(app).list_cases() == []
    assert case.is_locked
    assert "The case has been deleted" in text(case_client.get("/cases"))


def download(client: AppClient) -> bytes:
    response = client.submit("/cases/open/export")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="notes-\d{4}-\d{2}-\d{2}\.chcase"', disposition)
    data: bytes = response.get_data()
    assert data.startswith(MAGIC)
    return data


def upload(client: AppClient, data: bytes, url: str = "/cases/import") -> object:
    return client.submit(url, {"case_file": (io.BytesIO(data), "notes.chcase")})


def import_file(client: AppClient, data: bytes, passphrase: str = PASSPHRASE) -> object:
    """Choose the file, then type its passphrase: the two pages a person goes through."""
    chosen = upload(client, data)
    assert chosen.status_code == 303  # type: ignore[attr-defined]
    assert chosen.headers["Location"].endswith("/cases/import/passphrase")  # type: ignore[attr-defined]
    return client.submit("/cases/import/passphrase", {"passphrase": passphrase})


def test_export_then_import_elsewhere(app: Flask, case_client: AppClient) -> None:
    case: UnlockedCase = case_client.case  # type: ignore[attr-defined]
    case.put("answers", "a", {"text": "exported words"})
    data = download(case_client)
    assert b"exported words" not in data
    vault = vault_of(app)
    vault.delete_case(case.case_id)
    response = import_file(case_client, data)
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert response.headers["Location"].endswith("/cases")  # type: ignore[attr-defined]
    assert vault.unlock(case.case_id, PASSPHRASE).get("answers", "a") == {"text": "exported words"}
    assert "Test case" in text(case_client.get("/cases"))


def test_wrong_passphrase_asks_again_and_keeps_the_file(app: Flask, case_client: AppClient) -> None:
    case: UnlockedCase = case_client.case  # type: ignore[attr-defined]
    data = download(case_client)
    vault_of(app).delete_case(case.case_id)
    response = import_file(case_client, data, NEW_PASSPHRASE)
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = text(response)
    assert "That passphrase doesn&#39;t open this file" in page
    assert "Test case" not in page, "the nickname shows only once the passphrase opened the file"
    assert vault_of(app).list_cases() == []
    again = case_client.submit("/cases/import/passphrase", {"passphrase": PASSPHRASE})
    assert again.status_code == 303
    assert [c.nickname for c in vault_of(app).list_cases()] == ["Test case"]


def test_import_of_existing_case_shows_the_files_case_and_keep_changes_nothing(
    app: Flask, case_client: AppClient
) -> None:
    case: UnlockedCase = case_client.case  # type: ignore[attr-defined]
    data = download(case_client)
    case.put("answers", "a", {"text": "added after export"})
    response = import_file(case_client, data)
    assert response.headers["Location"].endswith("/cases/import/replace")  # type: ignore[attr-defined]
    page = text(case_client.get("/cases/import/replace"))
    assert "already on this computer" in page
    started = datetime.now(UTC).astimezone().strftime("%-d %B %Y")
    rows = page[page.index("<tbody>") : page.index("</tbody>")]
    assert rows.count("Test case") == 2 and rows.count(started) == 3
    kept = case_client.submit("/cases/import/replace", {"choice": "keep"})
    assert kept.status_code == 303
    assert vault_of(app).unlock(case.case_id, PASSPHRASE).get("answers", "a") == {
        "text": "added after export"
    }
    files = list((vault_of(app).data_dir / "attachments").iterdir())
    assert files == [], "the file's copy is removed when the person keeps their case"


def test_import_replace_when_asked(app: Flask, case_client: AppClient) -> None:
    case: UnlockedCase = case_client.case  # type: ignore[attr-defined]
    data = download(case_client)
    case.put("answers", "a", {"text": "added after export"})
    import_file(case_client, data)
    replaced = case_client.submit("/cases/import/replace", {"choice": "replace"})
    assert replaced.status_code == 303
    assert case.is_locked
    assert vault_of(app).unlock(case.case_id, PASSPHRASE).get("answers", "a") is None


@pytest.mark.parametrize("data", [b"", b"not a case file at all", MAGIC + b"\x09rest"])
def test_bad_file_is_refused_plainly(app: Flask, client: AppClient, data: bytes) -> None:
    vault_of(app).create_case("Existing", PASSPHRASE)
    response = upload(client, data)
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = text(response)
    assert "There is a problem" in page
    assert [c.nickname for c in vault_of(app).list_cases()] == ["Existing"]


def test_costlier_lock_settings_are_explained_and_need_a_tick(
    app: Flask, client: AppClient, tmp_path: Path
) -> None:
    stronger = Vault(tmp_path / "stronger", kdf=KdfParams(KDF_FLOOR.memory_kib * 2, 3, 2))
    case = stronger.create_case("From a friend", PASSPHRASE)
    out = io.BytesIO()
    stronger.export_case(case, out)
    stronger.close()
    upload(client, out.getvalue())
    page = text(client.get("/cases/import/passphrase"))
    assert "heavier settings than this app uses" in page
    assert "about 1 second and about 40 MB of this computer&#39;s memory" in page
    refused = client.submit("/cases/import/passphrase", {"passphrase": PASSPHRASE})
    assert refused.status_code == 400
    assert "tick the box first" in text(refused)
    assert vault_of(app).list_cases() == []
    added = client.submit(
        "/cases/import/passphrase", {"passphrase": PASSPHRASE, "allow_costly": "yes"}
    )
    assert added.status_code == 303
    assert [c.nickname for c in vault_of(app).list_cases()] == ["From a friend"]
    assert client.get("/cases").status_code == 200


def test_ceiling_lock_settings_say_the_time_and_memory_and_cost_nothing_until_ticked(
    app: Flask, case_client: AppClient
) -> None:
    case: UnlockedCase = case_client.case  # type: ignore[attr-defined]
    data = with_kdf(download(case_client), KDF_CEILING)
    vault_of(app).delete_case(case.case_id)
    upload(case_client, data)
    page = text(case_client.get("/cases/import/passphrase"))
    assert "about 7 seconds and about 1,074 MB of this computer&#39;s memory" in page
    started = time.perf_counter()
    refused = case_client.submit("/cases/import/passphrase", {"passphrase": PASSPHRASE})
    assert refused.status_code == 400
    assert time.perf_counter() - started < 2, "no 1 GiB key derivation before the tick"
    assert case_client.get("/cases").status_code == 200
    assert vault_of(app).list_cases() == []


def test_a_stored_date_at_the_edge_of_time_never_breaks_the_case_list(
    settings: Settings, tmp_path: Path
) -> None:
    """Issue 20, finding 4: an import from before the checks could store any date; the list
    must render it (today: 500 on every load, across restarts) and the case must be removable."""
    vault = Vault(settings.data_dir, kdf=KDF_FLOOR)
    kept = vault.create_case("Kept", PASSPHRASE)
    hostile = [vault.create_case(f"Odd {i}", PASSPHRASE) for i in range(4)]
    vault.close()
    with sqlite3.connect(settings.data_dir / "cases.db") as conn:
        for case, created_at in zip(
            hostile,
            [
                "9999-12-31T23:59:59.999999-23:59",
                "0001-01-01T00:00:00+14:00",
                "2026-11-02T09:00:00",
                "not a date",
            ],
            strict=True,
        ):
            conn.execute(
                "UPDATE cases SET created_at = ? WHERE case_id = ?", (created_at, case.case_id)
            )
    for restart in range(2):
        app = create_app(settings)
        app.test_client_class = AppClient
        client = app.test_client()
        assert isinstance(client, AppClient)
        launch(app, client)
        response = client.get("/cases")
        assert response.status_code == 200
        page = text(response)
        assert page.count("Not known") == 4 - restart * 2 and "Kept" in page
        # A case that cannot be opened can be removed from the app, without its passphrase.
        for case in hostile[restart * 2 : restart * 2 + 2]:
            assert client.get(f"/cases/{case.case_id}/unlock").status_code == 200
            assert client.get(f"/cases/{case.case_id}/remove").status_code == 200
            removed = client.submit(
                f"/cases/{case.case_id}/remove", {"confirm_nickname": case.nickname}
            )
            assert removed.status_code == 303
        assert client.get("/cases").status_code == 200
        state_of(app).reaper.stop()
        state_of(app).vault.close()
    vault = Vault(settings.data_dir, kdf=KDF_FLOOR)
    assert [c.case_id for c in vault.list_cases()] == [kept.case_id]
    vault.close()


def test_a_case_whose_record_list_was_removed_opens_and_says_part_is_damaged(
    app: Flask, client: AppClient
) -> None:
    case = vault_of(app).create_case("Blue notebook", PASSPHRASE)
    case.put("answers", "impact", {"values": {"impact": "kept words"}})
    with sqlite3.connect(vault_of(app).data_dir / "cases.db") as conn:
        conn.execute("UPDATE cases SET manifest = NULL")
    response = client.submit(f"/cases/{case.case_id}/unlock", {"passphrase": PASSPHRASE})
    assert response.status_code == 303
    page = text(client.get(response.headers["Location"]))
    assert "Part of this case could not be read" in page
    assert "The rest of your case is still here" in page
    opened = open_case_of(app, client)
    assert opened is not None
    assert opened.get("answers", "impact") == {"values": {"impact": "kept words"}}


def test_case_pages_need_an_open_case(client: AppClient) -> None:
    for url in (
        "/cases/open",
        "/cases/open/passphrase",
        "/cases/open/delete",
        "/cases/open/export",
    ):
        response = client.get(url)
        assert response.status_code == 303, url
    assert client.submit("/cases/open/export").status_code == 303


def test_vault_errors_are_shown_as_plain_sentences(app: Flask, client: AppClient) -> None:
    """A tampered lock header makes unlock refuse with the vault's sentence, not a traceback."""
    case = vault_of(app).create_case("Blue notebook", PASSPHRASE)
    with sqlite3.connect(vault_of(app).data_dir / "cases.db") as conn:
        conn.execute("UPDATE cases SET kdf_memory_kib = 1")
    response = client.submit(f"/cases/{case.case_id}/unlock", {"passphrase": PASSPHRASE})
    assert response.status_code == 500
    page = text(response)
    assert "lock information looks damaged or changed" in page
    assert "Traceback" not in page


def test_form_post_as_chromium_sends_it_is_accepted(app: Flask, client: AppClient) -> None:
    """Chromium posts forms from a no-referrer page with `Origin: null` and
    `Sec-Fetch-Site: same-origin` (seen in tests/browser); such a post must create the case."""
    response = client.post(
        "/cases/new",
        data={
            "csrf_token": client.csrf_token(),
            "nickname": "Case",
            "passphrase": PASSPHRASE,
            "passphrase_confirm": PASSPHRASE,
        },
        headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 303
    assert [c.nickname for c in vault_of(app).list_cases()] == ["Case"]


def test_cross_site_null_origin_is_still_refused(app: Flask, client: AppClient) -> None:
    response = client.post(
        "/cases/new",
        data={
            "csrf_token": client.csrf_token(),
            "nickname": "Case",
            "passphrase": PASSPHRASE,
            "passphrase_confirm": PASSPHRASE,
        },
        headers={"Origin": "null", "Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    assert vault_of(app).list_cases() == []


def test_export_is_streamed_not_built_in_memory(case_client: AppClient) -> None:
    response = case_client.submit("/cases/open/export")
    assert response.is_streamed
    assert response.get_data().startswith(MAGIC)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(nickname=st.text(max_size=300), passphrase=st.text(max_size=60))
def test_any_new_case_form_gets_a_page_not_a_crash(
    app: Flask, client: AppClient, nickname: str, passphrase: str
) -> None:
    response = client.submit(
        "/cases/new",
        {"nickname": nickname, "passphrase": passphrase, "passphrase_confirm": passphrase},
    )
    assert response.status_code in (303, 400)
    if response.status_code == 400:
        assert "There is a problem" in text(response)


def test_html_in_a_nickname_is_shown_as_text(app: Flask, client: AppClient) -> None:
    vault_of(app).create_case("<script>alert(1)</script> & <b>", PASSPHRASE)
    page = text(client.get("/cases"))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in page


@pytest.mark.parametrize("nickname", ["tab\x07bell", "x" * 1_000_000])
def test_unusable_nickname_is_explained(app: Flask, client: AppClient, nickname: str) -> None:
    response = client.submit(
        "/cases/new",
        {"nickname": nickname, "passphrase": PASSPHRASE, "passphrase_confirm": PASSPHRASE},
    )
    assert response.status_code == 400
    assert "short nickname" in text(response)
    assert vault_of(app).list_cases() == []


def spooled(data: bytes) -> EncryptedSpool:
    spool = EncryptedSpool(tempfile.TemporaryFile())  # noqa: SIM115 - the spool closes it
    spool.write(data)
    spool.seek(0)
    return spool


def test_pending_import_is_forgotten_after_a_while() -> None:
    pending: PendingImports[EncryptedSpool] = PendingImports(
        max_age=0.05, release=lambda spool: spool.close()
    )
    old = spooled(b"x" * 10)
    pending.hold("old", old)
    time.sleep(0.06)
    pending.hold("new", spooled(b"y"))
    assert pending.take("old") is None
    assert old.closed  # its ciphertext is gone with it
    new = pending.take("new")
    assert new is not None and new.read() == b"y"
    assert pending.take("new") is None
