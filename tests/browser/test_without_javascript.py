"""With JavaScript switched off, by clicking alone: the pages say only what is true, quick exit
keeps the words typed on the page, Back after it shows nothing that names the tool, and Lock
keeps the words too. Enter in a box still means "Save and continue", never "Quick exit".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.clicking import Person
from tests.conftest import LiveServer

pytestmark = pytest.mark.browser

WORDS = "He said nobody would believe me. I wrote this down the same night, 3 March."
MORE_WORDS = "I could not sleep for weeks, and I stopped seeing my friends."


@pytest.fixture
def person(browser: Any, live_server: LiveServer) -> Iterator[Person]:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url)
    page.get_by_role("heading", level=1).first.wait_for()
    yield Person(page)
    context.close()


def go_to(person: Person, title: str) -> None:
    """Through the case bar's "Your progress" to a step of the interview."""
    with person.page.expect_navigation():
        person.case_bar().get_by_role("link", name="Your progress").click()
    person.click_link(title)


def test_quick_exit_without_javascript_keeps_the_typed_words(person: Person) -> None:
    page = person.page
    person.start_a_case("Blue notebook")
    person.click_link("Start")
    # Only what is true without JavaScript: no Shift shortcut, no saving while typing.
    assert not page.get_by_text("Shift three times").first.is_visible()
    assert "while you type" not in person.main_text()

    # Enter in a box means Save and continue (the page's own button), never quick exit.
    person.press("Start")
    assert person.heading() == "The therapy"
    go_to(person, "The professional")
    page.get_by_label("What is their name?").fill("Dr. Example")
    with page.expect_navigation():
        page.get_by_label("What is their name?").press("Enter")
    assert person.heading() == "What happened"

    go_to(person, "In your own words")
    page.get_by_label("Tell what happened, in your own words").fill(WORDS)
    person.click("button", "Quick exit")
    assert "complaint-helper" not in page.content()
    assert page.title() == "New Tab"

    # Back shows nothing that names the tool: no header, no quick-exit bar, a neutral title.
    page.go_back()
    assert page.title() == "New Tab"
    assert "complaint-helper" not in page.content()
    assert page.get_by_role("link", name="Quick exit").count() == 0
    assert page.get_by_role("button", name="Quick exit").count() == 0
    assert "Blue notebook" not in page.content()

    # Start again, open the case: every word is there.
    person.press("Start again")
    person.click_link("Start or open a case")
    person.open_case("Blue notebook")
    person.click_link("In your own words")
    assert page.get_by_label("Tell what happened, in your own words").input_value() == WORDS

    # Lock in the case bar keeps the words on the page too.
    go_to(person, "How this has affected you")
    page.get_by_label("How has this affected you?").fill(MORE_WORDS)
    with page.expect_navigation():
        person.case_bar().get_by_role("button", name="Lock", exact=True).click()
    assert person.heading() == "Your case is locked"
    person.click_link("Open a case")
    person.open_case("Blue notebook")
    person.click_link("How this has affected you")
    assert page.get_by_label("How has this affected you?").input_value() == MORE_WORDS


def test_changing_the_language_without_javascript_keeps_the_typed_words(person: Person) -> None:
    """The header's "Español" on a page with a form sends that form: the words typed but not
    yet saved come back on the same page, now in Spanish, and are kept in the case."""
    page = person.page
    person.start_a_case("Green notebook")
    go_to(person, "In your own words")
    page.get_by_label("Tell what happened, in your own words").fill(WORDS)
    person.press("Español")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("textarea").first.input_value() == WORDS

    # Locked and opened again, the words are in the case, and the case speaks Spanish.
    with page.expect_navigation():
        page.get_by_role("button", name="Bloquear", exact=True).click()
    assert page.locator("html").get_attribute("lang") == "es"
    assert "Green notebook" not in page.content()
