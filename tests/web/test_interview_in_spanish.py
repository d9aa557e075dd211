"""The interview and the tracker in Spanish, through the test client, over a case holding a story.

Every step page, every list's item pages, "Check your answers", the progress page and every page
of "After you send it" are answered in Spanish: each shows its Spanish heading, and none shows an
English sentence of the `interview` catalog (the catalog is the list of everything these pages
say). English stays the default and is tested everywhere else.

The language is chosen as a person does, with the "Español" button every page carries.
"""

from __future__ import annotations

import html
import io
import re
from functools import cache
from typing import Any

import pytest
from babel.messages.pofile import read_po

from complaint_helper import i18n
from complaint_helper.documents.downloads import routing_for
from complaint_helper.interview import filing, repository
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.filing import Filing, FilingEntry
from complaint_helper.interview.steps import STEPS
from tests.conftest import AppClient
from tests.stories import make_maya

BASE = "/case/interview"
AFTER = "/case/after-sending"
CATALOG = i18n.TRANSLATIONS_DIR / "es" / "LC_MESSAGES" / "interview.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|<[^>]+>")


@cache
def english_sentences() -> tuple[str, ...]:
    """The English words of the interview catalog that a Spanish page must not show: each message
    cut at its placeholders and tags, the pieces of three words or more whose translation differs
    from them."""
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="es")
    found: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = [str(i) for i in message.id] if isinstance(message.id, tuple) else [str(message.id)]
        strings = [str(s) for s in message.string] if isinstance(message.string, tuple) else []
        strings = strings or [str(message.string)]
        for english in ids:
            for piece in PLACEHOLDER.split(english):
                piece = piece.strip(" ,.:;()“”")
                if len(piece.split()) >= 3 and all(piece not in s for s in strings):
                    found.add(piece)
    return tuple(sorted(found))


def shown_text(response: Any) -> str:
    """The words of a page's main content as a person reads them: tags, scripts and styles out,
    entities decoded. (The frame around it, base.html, is the web catalog's.)"""
    page = response.get_data(as_text=True)
    main = re.search(r"<main\b.*?</main>", page, flags=re.S)
    page = main.group(0) if main else page
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def english_left(text: str) -> list[str]:
    return [sentence for sentence in english_sentences() if sentence in text]


def spanish(words: str) -> str:
    with i18n.use_language("es"):
        return " ".join(str(i18n.gettext(words)).split())


def choose_spanish(client: AppClient) -> None:
    """What the "Español" button on every page posts: the browser's and the case's language."""
    response = client.submit("/language", {"language": "es", "return_to": BASE + "/"})
    assert response.status_code == 303


@pytest.fixture
def story_client(case_client: AppClient) -> AppClient:
    """Maya's story in the open case, a board chosen, sent, and a letter back asking for a reply."""
    answers = make_maya()
    routing = routing_for(answers)
    assert routing is not None and routing.boards
    answers.chosen_boards = [routing.boards[0].board.id]
    case = case_client.case  # type: ignore[attr-defined]
    repository.save_answers(case, answers)
    filing.save_filing(
        case,
        Filing(
            "p1",
            board_id=answers.chosen_boards[0],
            sent_on=ApproxDate.exact(2025, 2, 3),
            sent_how="mail",
            reference="R-1",
        ),
    )
    filing.save_entry(
        case,
        FilingEntry("n1", "p1", when=ApproxDate.of_month(2025, 3), what="Letter", reply_within=30),
    )
    choose_spanish(case_client)
    return case_client


def first_item(client: AppClient, slug: str) -> str:
    """The id of the first item of a list step in the open case."""
    answers = repository.load_answers(client.case).answers  # type: ignore[attr-defined]
    if slug == "timeline":
        return answers.timeline[0].event_id
    if slug == "evidence":
        return answers.evidence[0].evidence_id
    return answers.people[0].person_id


def check_spanish(response: Any, *expected: str) -> str:
    assert response.status_code == 200, response.status_code
    text = shown_text(response)
    for words in expected:
        assert words in text, words
    assert english_left(text) == []
    return text


@pytest.mark.parametrize("slug", [step.slug for step in STEPS])
def test_every_step_page_is_in_spanish(story_client: AppClient, slug: str) -> None:
    step = next(s for s in STEPS if s.slug == slug)
    with i18n.use_language("es"):
        # A page asking one question has the question as its heading.
        heading = str(step.questions[0].label if len(step.questions) == 1 else step.title)
    check_spanish(story_client.get(f"{BASE}/{slug}"), heading)


def test_the_progress_page_and_check_your_answers_are_in_spanish(story_client: AppClient) -> None:
    check_spanish(story_client.get(f"{BASE}/"), "Su progreso", "Hecho", "Continuar donde se quedó")
    text = check_spanish(story_client.get(f"{BASE}/check-answers"), "Revise sus respuestas")
    assert "Cambiar" in text
    # Maya's dates, said in Spanish (her therapy started in a month of a year).
    assert re.search(
        r"(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
        r"noviembre|diciembre) de 20\d\d",
        text,
    )


@pytest.mark.parametrize("slug", ["timeline", "evidence", "people"])
def test_every_list_item_page_is_in_spanish(story_client: AppClient, slug: str) -> None:
    step = next(s for s in STEPS if s.slug == slug)
    assert step.item_words is not None
    with i18n.use_language("es"):
        add, another, change, delete = (
            str(step.item_words.add_first),
            str(step.item_words.add_another),
            str(step.item_words.change),
            str(step.item_words.delete_question),
        )
    check_spanish(story_client.get(f"{BASE}/{slug}"), another)
    check_spanish(story_client.get(f"{BASE}/{slug}/items/newone"), add)
    item_id = first_item(story_client, slug)
    check_spanish(story_client.get(f"{BASE}/{slug}/items/{item_id}"), change)
    check_spanish(story_client.get(f"{BASE}/{slug}/items/{item_id}/delete"), delete)


def test_an_error_on_a_step_is_said_in_spanish(story_client: AppClient) -> None:
    response = story_client.submit(
        f"{BASE}/therapy", {"started-day": "30", "started-month": "2", "started-year": "2023"}
    )
    check_spanish(response, "El mes de febrero de 2023 no tiene día 30.")


def test_deleting_an_item_says_so_in_spanish(story_client: AppClient) -> None:
    item_id = first_item(story_client, "evidence")
    response = story_client.submit(f"{BASE}/evidence/items/{item_id}/delete", {})
    assert response.status_code == 303
    check_spanish(story_client.get(f"{BASE}/evidence"), "Se eliminó la prueba.")


def test_every_tracker_page_is_in_spanish(story_client: AppClient) -> None:
    text = check_spanish(
        story_client.get(f"{AFTER}/"),
        "Después de enviarla",
        "Fechas por cumplir",
        "Por correo postal".lower(),
        "3 de febrero de 2025",
    )
    assert "como muy pronto" in text  # a reply due within 30 days of a letter dated March 2025
    check_spanish(story_client.get(f"{AFTER}/places/p1"), "Número de seguimiento o de confirmación")
    check_spanish(story_client.get(f"{AFTER}/places/p2"), "¿Adónde la envió?")
    check_spanish(story_client.get(f"{AFTER}/places/p1/entries/n1"), "Cambiar lo que pasó después")
    check_spanish(story_client.get(f"{AFTER}/places/p1/entries/n2"), "Agregar lo que pasó después")
    check_spanish(
        story_client.get(f"{AFTER}/places/p1/entries/n1/calendar"),
        "Un archivo de calendario para una fecha",
        "1 de marzo de 2025",
    )
    check_spanish(story_client.get(f"{AFTER}/places/p1/delete"), spanish("This can't be undone."))
    check_spanish(
        story_client.get(f"{AFTER}/places/p1/entries/n1/delete"), "¿Eliminar lo que pasó después?"
    )


def test_a_refused_scan_is_explained_in_spanish(story_client: AppClient) -> None:
    response = story_client.submit(
        f"{AFTER}/places/p1/entries/n3",
        {"what": "Carta", "action": "save", "file": (io.BytesIO(b"MZ\x90\x00"), "setup.exe")},
        content_type="multipart/form-data",
    )
    check_spanish(response, "Este tipo de archivo no se puede adjuntar.")


def test_the_calendar_file_is_titled_in_spanish(story_client: AppClient) -> None:
    response = story_client.submit(f"{AFTER}/places/p1/entries/n1/calendar", {"title": ""})
    assert response.status_code == 200
    assert b"SUMMARY:Recordatorio\r\n" in response.get_data()


def test_the_same_pages_stay_english_by_default(case_client: AppClient) -> None:
    """Without a choice of language nothing changes: the English words are where they were."""
    text = shown_text(case_client.get(f"{BASE}/before-you-start"))
    assert "What happened was not your fault." in text
