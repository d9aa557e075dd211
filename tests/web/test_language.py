"""Choosing the language: on every page, remembered per browser session and inside the case.

The choice is a small POST form (works without JavaScript, carries the CSRF token); it goes back
to the page it was made on, and never to an address outside the app. The browser's cookie never
names the language; the case keeps it inside its encryption, and opening the case switches to it.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask

from complaint_helper import i18n
from complaint_helper.interview import repository
from complaint_helper.vault import check_passphrase_strength
from complaint_helper.vault._es_words import WORDS as SPANISH_WORDS
from complaint_helper.web.app_state import state_of
from tests.conftest import PASSPHRASE, AppClient, launch

LANG = re.compile(r'<html lang="([^"]+)">')


def lang_of(html: str) -> str:
    found = LANG.search(html)
    assert found, "no <html lang>"
    return found.group(1)


def choose(client: AppClient, language: str, return_to: str = "/") -> str:
    response = client.submit("/language", {"language": language, "return_to": return_to})
    assert response.status_code == 303
    return str(response.headers["Location"])


def test_every_page_is_english_and_offers_spanish_until_spanish_is_chosen(
    client: AppClient,
) -> None:
    for path in ("/", "/cases", "/cases/new", "/locked", "/no-such-page"):
        html = client.get(path).get_data(as_text=True)
        assert lang_of(html) == "en", path
        assert re.search(
            r'<form method="post" action="/language"[^>]*>\s*<input type="hidden" '
            r'name="csrf_token"[^>]*>\s*<input type="hidden" name="return_to" value="[^"]*">\s*'
            r'<button type="submit" name="language" value="es" lang="es"[^>]*>Español</button>',
            html,
        ), path


def test_the_welcome_page_offers_spanish_first_in_spanish(client: AppClient) -> None:
    html = client.get("/").get_data(as_text=True)
    main = html[html.index('<main id="main"') :]
    offer = main.index('class="language-offer"')
    assert offer < main.index("<h1")
    assert '<p class="body" lang="es">Esta herramienta también está en español.' in main


def test_choosing_spanish_goes_back_to_the_same_page_in_spanish(client: AppClient) -> None:
    client.csrf_token()  # the form's token: its own (server-side) session cookie exists from now
    cookies_before = {cookie.key: cookie.value for cookie in (client._cookies or {}).values()}
    assert choose(client, "es", "/cases/new") == "/cases/new"
    html = client.get("/cases/new").get_data(as_text=True)
    assert lang_of(html) == "es"
    assert "Empezar un caso nuevo" in html
    assert '<button type="submit" name="language" value="en" lang="en"' in html
    # The cookie says nothing about the language: the same random id as before.
    cookies_after = {cookie.key: cookie.value for cookie in (client._cookies or {}).values()}
    assert cookies_after == cookies_before
    assert not any(value == "es" or "lang" in key for key, value in cookies_after.items())
    assert choose(client, "en", "/cases/new") == "/cases/new"
    assert lang_of(client.get("/cases/new").get_data(as_text=True)) == "en"


@pytest.mark.parametrize(
    "return_to",
    [
        "https://example.com/",
        "//example.com/cases",
        "http://127.0.0.1:5555.example.com/",
        "/\\example.com",
        "javascript:alert(1)",
        "/no-such-page",
        "",
        "cases",
    ],
)
def test_the_answer_never_leaves_the_app(client: AppClient, return_to: str) -> None:
    assert choose(client, "es", return_to) == "/"


def test_a_query_string_of_the_same_page_is_kept(client: AppClient) -> None:
    assert choose(client, "es", "/cases?x=1") == "/cases?x=1"


@pytest.mark.parametrize("language", [i18n.PSEUDO_LANGUAGE, "fr", "", "es-MX"])
def test_only_the_offered_languages_can_be_chosen(client: AppClient, language: str) -> None:
    choose(client, language)
    assert lang_of(client.get("/").get_data(as_text=True)) == "en"


def test_the_choice_needs_the_csrf_token(client: AppClient) -> None:
    response = client.post("/language", data={"language": "es", "return_to": "/"})
    assert response.status_code == 400
    assert lang_of(client.get("/").get_data(as_text=True)) == "en"


def test_a_new_case_keeps_the_language_it_was_started_in(app: Flask, client: AppClient) -> None:
    choose(client, "es")
    form = {"nickname": "Azul", "passphrase": PASSPHRASE, "passphrase_confirm": PASSPHRASE}
    assert client.submit("/cases/new", form).status_code == 303
    session = state_of(app).sessions.get(client.session_id())
    assert session is not None and session.case is not None
    assert repository.load_language(session.case) == "es"


def test_choosing_with_a_case_open_keeps_it_in_the_case_and_opening_it_switches(
    app: Flask, case_client: AppClient
) -> None:
    case = case_client.case  # type: ignore[attr-defined]
    assert repository.load_language(case) is None
    choose(case_client, "es", "/cases/open")
    assert repository.load_language(case) == "es"
    case_id = case.case_id

    # Another browser, in English, opens the case: from then on its pages are in Spanish.
    app.test_client_class = AppClient
    other = app.test_client()
    assert isinstance(other, AppClient)
    state_of(app).launch.renew()
    launch(app, other)
    assert lang_of(other.get("/cases").get_data(as_text=True)) == "en"
    opened = other.submit(f"/cases/{case_id}/unlock", {"passphrase": PASSPHRASE})
    assert opened.status_code == 303
    assert lang_of(other.get("/cases/open").get_data(as_text=True)) == "es"


def test_the_language_survives_locking_and_the_quick_exit_pages_speak_it(
    case_client: AppClient,
) -> None:
    choose(case_client, "es")
    case_client.submit("/lock")
    locked = case_client.get("/locked").get_data(as_text=True)
    assert lang_of(locked) == "es" and "Su caso está bloqueado" in locked
    away = case_client.get("/away").get_data(as_text=True)
    assert lang_of(away) == "es"
    assert "<title>Nueva pestaña</title>" in away and "Que tenga un buen día." in away
    case_client.submit("/exit-beacon")
    expired = case_client.get("/cases").get_data(as_text=True)
    assert lang_of(expired) == "es"
    assert "<title>Nueva pestaña</title>" in expired and "Empezar de nuevo" in expired
    assert "complaint-helper" not in expired


def test_spanish_passphrase_advice_and_a_spanish_suggestion(client: AppClient) -> None:
    choose(client, "es")
    html = client.get("/cases/new").get_data(as_text=True)
    suggestion = re.search(r'id="suggested-passphrase">([^<]+)<', html)
    assert suggestion
    words = suggestion.group(1).split("-")
    assert len(words) == 6 and all(word in SPANISH_WORDS for word in words)
    assert check_passphrase_strength(suggestion.group(1)).acceptable
    refused = client.submit(
        "/cases/new", {"nickname": "Azul", "passphrase": "corto", "passphrase_confirm": ""}
    ).get_data(as_text=True)
    assert "Use al menos 10 caracteres." in refused
    assert "Hay un problema" in refused


def test_spanish_dates_and_error_pages(app: Flask, client: AppClient) -> None:
    state_of(app).vault.create_case("Azul", PASSPHRASE).lock()
    choose(client, "es")
    listed = client.get("/cases").get_data(as_text=True)
    assert re.search(r"<td>\d{1,2} de [a-z]+ de \d{4}</td>", listed)
    missing = client.get("/no-such-page").get_data(as_text=True)
    assert lang_of(missing) == "es" and "No se encontró la página" in missing


def test_on_a_page_with_a_form_the_language_buttons_keep_the_words_typed(
    case_client: AppClient,
) -> None:
    """Without JavaScript the header's language button must not drop what was typed: on a step,
    an item and a tracker page it sends the page's own form (like Lock and Quick exit), which
    keeps what reads cleanly, switches, and shows the same page again in the new language."""
    case = case_client.case  # type: ignore[attr-defined]
    page = case_client.get("/case/interview/your-account").get_data(as_text=True)
    assert 'form="answers" name="action" value="language-es"' in page
    words = "Lo que pasó, escrito antes de cambiar de idioma."
    response = case_client.submit(
        "/case/interview/your-account", {"account": words, "action": "language-es"}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/case/interview/your-account"
    again = case_client.get(response.headers["Location"]).get_data(as_text=True)
    assert lang_of(again) == "es" and words in again
    assert repository.load_answers(case).answers.text("your-account", "account") == words
    assert repository.load_language(case) == "es"

    # An item page: the new person is kept as typed, and the page comes back in English.
    item = "/case/interview/people/items/newone"
    assert 'value="language-en"' in case_client.get(item).get_data(as_text=True)
    response = case_client.submit(item, {"name": "Rosa Campos", "action": "language-en"})
    assert response.status_code == 303
    assert lang_of(case_client.get(response.headers["Location"]).get_data(as_text=True)) == "en"
    people = repository.load_answers(case).answers.people
    assert [person.name for person in people] == ["Rosa Campos"]


def test_an_unknown_language_action_changes_nothing(case_client: AppClient) -> None:
    response = case_client.submit(
        "/case/interview/your-account", {"account": "words", "action": "language-fr"}
    )
    assert lang_of(case_client.get("/case/interview/your-account").get_data(as_text=True)) == "en"
    assert response.status_code in (200, 303)
