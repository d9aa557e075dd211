"""A Spanish journey, by clicking alone: from the printed launch link to every download.

Sam's story (tests/stories.py), told in Spanish: the person opens the launch link, presses
"Español" on the first page, creates a case, answers every page of the interview, chooses the
board and downloads every document, only clicking, typing and choosing (tests/browser/clicking.py,
reading every word in Spanish). Every page on the way is `lang="es"`. The documents read back:
- the person's own copies (how to file, "your answers", the copy for an advocate) are in Spanish;
- the letter to the board is in English by default, holds her Spanish words as she wrote them and
  says in one sentence that her statement is in Spanish; chosen in Spanish, it is in Spanish.
The case keeps its language: locked and opened again from another browser, it is still Spanish.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from complaint_helper.documents.downloads import DOWNLOADS
from complaint_helper.i18n import use_language
from complaint_helper.interview.model import Answers
from complaint_helper.settings import Settings
from complaint_helper.vault import KDF_FLOOR
from complaint_helper.web.app_state import state_of
from tests.browser.clicking import Person
from tests.conftest import PASSPHRASE, TEST_PORT, LiveServer, serving
from tests.documents.conftest import pdf_text
from tests.stories import make_sam
from tests.web.test_pseudo_language import strings_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NICKNAME = "Cuaderno azul"
ACCOUNT = (
    "Mi terapeuta terminó nuestras sesiones en junio de 2020 y me dijo que no podíamos ser "
    "amigos mientras fuera mi terapeuta. Dos meses después estábamos en una relación."
)
# Words that only a Spanish text is full of, and only an English one: counted on what the app
# wrote (the person's own words taken out first).
SPANISH_WORDS = frozenset(
    [
        "de",
        "la",
        "que",
        "el",
        "en",
        "los",
        "las",
        "su",
        "para",
        "una",
        "por",
        "con",
        "del",
        "usted",
        "junta",
        "queja",
    ]
)
ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "you",
        "your",
        "is",
        "for",
        "with",
        "this",
        "that",
        "board",
        "complaint",
    ]
)


def sam_in_spanish() -> Answers:
    """Sam's story, with the words Sam typed written in Spanish."""
    story = make_sam()
    story.set("after-therapy", "what_they_said", "No podemos ser amigos mientras sea tu terapeuta.")
    story.set("your-account", "account", ACCOUNT)
    spanish = ("Empiezan los mensajes", "Las sesiones pasan a video", "Empieza la relación")
    for event, words in zip(story.timeline, (*spanish, "Termina la relación"), strict=True):
        event.what = words
    story.evidence[0].description = "Mensajes directos"
    story.evidence[1].description = "Una invitación de calendario compartida"
    story.people[0].what_they_know = "Nos vio juntos"
    return story


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("spanish") / "data",
        port=TEST_PORT,
        testing=True,
        open_browser=False,
        kdf=KDF_FLOOR,
    )
    with serving(settings) as live:
        yield live


def new_browser(browser: Any, server: LiveServer) -> tuple[Any, Person]:
    """A new browser at a freshly printed launch link (the only address ever typed)."""
    token = state_of(server.app).launch.renew()
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(server.url.split("?token=")[0] + f"?token={token}")
    page.get_by_role("heading", level=1).first.wait_for()
    return context, Person(page)


def page_language(person: Person) -> str:
    return str(person.page.locator("html").get_attribute("lang"))


def words_of(text: str, story: Answers) -> list[str]:
    """The words the app wrote in a document: the person's own words taken out."""
    for value in sorted(set(strings_in(story)), key=len, reverse=True):
        if len(value) > 3:
            text = text.replace(value, " ")
    return re.findall(r"[a-záéíóúñü]+", text.lower())


def spanish_share(text: str, story: Answers) -> float:
    """Of the telltale words, the share that are Spanish (1.0: only Spanish ones)."""
    words = words_of(text, story)
    spanish = sum(word in SPANISH_WORDS for word in words)
    english = sum(word in ENGLISH_WORDS for word in words)
    assert spanish + english > 20, "too few words to tell the language"
    return spanish / (spanish + english)


def download(person: Person, card: Any, folder: Path, version: str = "", language: str = "") -> str:
    """On a document's card: choose the version and the letter's language (by the names the page
    shows), PDF, then Download; the PDF's text."""
    if version:
        card.get_by_role("radio", name=re.compile("^" + re.escape(version))).check()
    if language:
        card.get_by_role("radio", name=language, exact=True).check()
    pdf = card.get_by_role("radio", name=re.compile(r"^PDF"))
    if pdf.count():
        pdf.check()
    with person.page.expect_download() as info:
        card.get_by_role("button", name=re.compile("^" + person.say("Download"))).click()
    target = folder / f"download-{len(list(folder.iterdir()))}"
    info.value.save_as(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    return pdf_text(data)


def test_a_spanish_journey_by_clicking_alone(
    browser: Any, server: LiveServer, tmp_path: Path
) -> None:
    story = sam_in_spanish()
    context, person = new_browser(browser, server)
    assert page_language(person) == "en"
    # The first page offers Spanish before anything else, in Spanish.
    offer = person.page.locator("main form.language-offer")
    assert "Esta herramienta también está en español." in str(offer.inner_text())
    with person.page.expect_navigation():
        offer.get_by_role("button", name="Español").click()
    person.language = "es"
    assert page_language(person) == "es"
    assert person.heading() == "Prepare una queja sobre un o una terapeuta, en privado"

    person.start_a_case(NICKNAME)
    person.click_link(person.say("Start"))
    seen = []
    for step in person.walk_interview(story, {}):
        seen.append(step.slug)
        assert page_language(person) == "es", step.slug
        assert f"\u201c{NICKNAME}\u201d" in person.case_bar().inner_text()
    assert "after-therapy" in seen
    assert person.heading() == person.say("Check your answers")
    assert ACCOUNT in person.main_text()

    # The board: every board offered, then the documents page.
    person.press(person.say("Continue to find the board"))
    assert page_language(person) == "es"
    boxes = person.page.get_by_role("checkbox")
    assert boxes.count() >= 1
    for index in range(boxes.count()):
        boxes.nth(index).check()
    person.press(person.say("Continue to your documents"))
    assert person.heading() == person.say("Your documents")
    assert page_language(person) == "es"

    cards = person.page.locator("main section.document-card")
    with use_language("es"):
        offered = {str(download.title): download for download in DOWNLOADS}
        labels = {
            (download.kind, version.variant): str(version.label)
            for download in DOWNLOADS
            for version in download.versions
        }
    by_title = {}
    for index in range(cards.count()):
        card = cards.nth(index)
        title = str(card.get_by_role("heading").first.inner_text()).strip()
        if title in offered:  # the exhibit bundle (a ZIP) is not in the kind table
            by_title[title] = (card, offered[title])
    complaint_card = next(card for card, offer in by_title.values() if offer.kind == "board")

    # The board letter: English unless Spanish is chosen; her words as she wrote them.
    board_label = labels[("board", "board")]
    english_letter = download(person, complaint_card, tmp_path, board_label)
    spanish_letter = download(person, complaint_card, tmp_path, board_label, "Español")
    shares = {"board letter (English)": spanish_share(english_letter, story)}
    assert shares["board letter (English)"] < 0.2, shares
    assert "My statement is in Spanish, my first language." in english_letter
    assert squash(ACCOUNT) in squash(english_letter)
    shares["board letter (Spanish)"] = spanish_share(spanish_letter, story)
    assert shares["board letter (Spanish)"] > 0.8, shares
    assert squash(ACCOUNT) in squash(spanish_letter)

    # Her own copies: every version of every document that is for her, in Spanish.
    for card, offer in by_title.values():
        for version in offer.versions:
            if version.reader == "board":
                continue
            label = labels[(offer.kind, version.variant)] if len(offer.versions) > 1 else ""
            text = download(person, card, tmp_path, label)
            shares[f"{offer.kind} {version.variant}"] = spanish_share(text, story)
    own = {name: share for name, share in shares.items() if not name.startswith("board letter")}
    assert {"board advocate", "how-to-file board", "your-answers board"} <= set(own), shares
    assert all(share > 0.8 for share in own.values()), shares

    # The case keeps its language: another browser, in English, opens it and reads Spanish.
    person.press(person.say("Lock"))
    context.close()
    other_context, other = new_browser(browser, server)
    assert page_language(other) == "en"
    other.click_link("Start or open a case")
    row = other.page.get_by_role("row").filter(has_text=NICKNAME)
    with other.page.expect_navigation():
        row.get_by_role("link").first.click()
    other.page.get_by_label("Passphrase", exact=True).fill(PASSPHRASE)
    other.press("Open the case")
    assert page_language(other) == "es"
    assert other.heading() == person.say("Your progress")
    other_context.close()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
