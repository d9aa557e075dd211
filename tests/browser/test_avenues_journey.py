"""The "Other places that can help" page, reached in real Chromium by clicking alone.

From the printed launch link a person creates a case, answers every page from a story in a state
whose law (read at the source, boards/data/law) makes sexual contact between a therapist and a
client a crime, ticks "Information about reporting to the police", and follows the boards page's
link to the page. There the police paragraph comes first (it is what she asked about), names the
statute, says her agreement does not matter, shows the page the law was read on, and nowhere says
or implies that a client's consent decides anything.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from complaint_helper.boards.law import law_for
from complaint_helper.interview.model import Answers
from tests.browser.clicking import Person
from tests.stories import make_maya

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Words that would tell a person her "yes" matters: never on this page where it is a crime.
CONSENT_MATTERS = re.compile(
    r"without (your |the client's |their )?consent|did not consent|didn't consent|"
    r"did not agree|didn't agree|against (your|their) will|if you consented",
    re.IGNORECASE,
)


def story_where_it_is_a_crime() -> tuple[Answers, str]:
    """Maya's story (tests/stories.py), in a state whose statute was read at the source."""
    story = make_maya()
    state = "WI"
    assert law_for(state).is_crime is True  # the data this journey stands on
    story.set("therapy", "state", state)
    assert "police" in story.choices("what-you-want", "wishes")
    return story, state


@pytest.fixture
def person(browser_page: Any) -> Person:
    """A new browser at the printed launch link (the only address ever typed)."""
    browser_page.get_by_role("heading", level=1).first.wait_for()
    return Person(browser_page)


def test_police_paragraph_names_the_statute_and_never_says_consent_matters(
    person: Person,
) -> None:
    story, state = story_where_it_is_a_crime()
    crime = law_for(state).crime
    assert crime is not None
    person.start_a_case("Avenues")
    person.click_link("Start")
    for _step in person.walk_interview(story, {}):
        pass
    person.press("Continue to find the board")
    assert person.heading() == "Where to send your complaint"
    person.click_link("More about the police, a lawyer, support and time limits for your state")
    assert person.heading() == "Other places that can help"

    main = person.main_text()
    assert law_for(state).state_name in main
    # What she asked about comes first, under its own heading, and the police are in it.
    asked = person.page.locator("h2", has_text="What you asked about")
    assert asked.count() == 1
    police = person.page.locator("section#avenue-police")
    assert police.count() == 1
    first_section = person.page.locator("section.avenue").first
    assert first_section.get_attribute("id") == "avenue-police"

    paragraph = " ".join(str(police.inner_text()).split())
    assert crime.statute in paragraph
    assert "a criminal law covers sexual contact" in paragraph
    assert "felony" in paragraph
    assert "does not matter whether you agreed" in paragraph
    assert "could not confirm" not in paragraph
    # The page the statute was read on, as a link, with the day it was read.
    source = police.get_by_role("link", name=crime.source.url, exact=True)
    assert source.get_attribute("href") == crime.source.url
    assert str(crime.source.checked_on.year) in paragraph
    # Nowhere on the page does a client's consent sound like it matters.
    assert not CONSENT_MATTERS.search(main), CONSENT_MATTERS.search(main)
