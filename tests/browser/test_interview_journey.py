"""The whole interview in real Chromium, by labels and the keyboard only.

Maya's story with JavaScript (axe-core on every page, error states included) and Sam's with
JavaScript switched off. Both stop half way with "Save and come back later", are unlocked again and
resume with nothing lost, change answers from "Check your answers" and reach the board page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.repository import load_answers
from complaint_helper.web.app_state import state_of
from complaint_helper.web.session import SESSION_COOKIE
from tests.conftest import PASSPHRASE, LiveServer, open_case_for, step_path

pytestmark = pytest.mark.browser

AXE = Axe()
# Every rule, WCAG 2.2 AA and best practice, must pass.
AXE_OPTIONS = {"resultTypes": ["violations"]}

MAYA_ACCOUNT = (
    "I started seeing Dr. Whitcombe in March 2021 for anxiety. After a few months he began "
    "commenting on how I looked.\n\nOn 14 June 2022 he kissed me at the end of a session. "
    'Mi hermana lo sabe. <not markup> & "quotes" — ünïcödé'
)

THEIR_WORDS = "Did they say anything about why therapy was ending?"


# -- keyboard helpers ------------------------------------------------------------------------------
def press(page: Any, role: str, name: str) -> None:
    """Move focus to a button or link by its accessible name and press Enter (a new page loads)."""
    page.get_by_role(role, name=name, exact=True).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(field: Any, text: str) -> None:
    field.focus()
    field.page.keyboard.press("Control+A")
    field.page.keyboard.press("Delete")
    if len(text) > 80 or "\n" in text:
        field.page.keyboard.insert_text(text)  # one input event, as a paste or an IME would
    else:
        field.page.keyboard.type(text)


def choose(scope: Any, label: str) -> None:
    """Tick a radio or checkbox by its label, with the space bar."""
    option = scope.get_by_label(label, exact=True)
    option.focus()
    if not option.is_checked():
        option.page.keyboard.press("Space")
    assert option.is_checked()


def pick(select: Any, label: str) -> None:
    """Choose an option of a focused <select> by typing its name, as a keyboard user does."""
    select.focus()
    select.page.keyboard.type(label)
    assert select.evaluate("e => e.options[e.selectedIndex].text") == label


def date_in(page: Any, legend: str, *, day: str = "", month: str = "", season: str = "",
            year: str = "", around: bool = False) -> None:  # fmt: skip
    group = page.get_by_role("group", name=legend, exact=True)
    if day:
        type_into(group.get_by_label("Day", exact=True).first, day)
    if month:
        pick(group.get_by_label("Month", exact=True).first, month)
    if season:
        pick(group.get_by_label("or season", exact=True).first, season)
    if year:
        type_into(group.get_by_label("Year", exact=True).first, year)
    if around:
        choose(group, "Around then (not sure of the exact time)")


class Checker:
    """Runs axe on every page the journey visits (only when JavaScript runs)."""

    def __init__(self, page: Any, enabled: bool) -> None:
        self.page = page
        self.enabled = enabled
        self.pages_checked = 0

    def __call__(self) -> None:
        if not self.enabled:
            return
        results = AXE.run(self.page, options=AXE_OPTIONS)
        assert results.violations_count == 0, results.generate_report()
        assert self.page.csp.violations == []
        self.pages_checked += 1


def heading(page: Any) -> str:
    return str(page.locator("h1").first.inner_text()).strip()


def reopen(page: Any, server: LiveServer) -> Any:
    """Unlock the case again in this browser (the case screens are another area's)."""
    vault = state_of(server.app).vault
    case = vault.unlock(page.case.case_id, PASSPHRASE)
    session_id = next(c["value"] for c in page.context.cookies() if c["name"] == SESSION_COOKIE)
    open_case_for(server.app, session_id, case)
    page.case = case
    return case


@pytest.fixture
def no_js_case_page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.csp = type("NoCsp", (), {"violations": []})()
    page.goto(live_server.url)
    vault = state_of(live_server.app).vault
    page.case = vault.create_case("Test case", PASSPHRASE)
    session_id = next(c["value"] for c in context.cookies() if c["name"] == SESSION_COOKIE)
    open_case_for(live_server.app, session_id, page.case)
    page.live_server = live_server
    yield page
    context.close()


# -- the journeys ---------------------------------------------------------------------------------
@pytest.mark.slow
def test_maya_completes_the_interview_with_javascript(case_page: Any, tmp_path: Path) -> None:
    page, server = case_page, case_page.live_server
    check = Checker(page, enabled=True)
    page.goto(server.base + "/case/interview/")
    check()
    press(page, "link", "Start")
    assert heading(page) == "Before you start"
    check()
    press(page, "button", "Start")

    # The therapy, first with a mistake: a start date in the future.
    assert heading(page) == "The therapy"
    check()
    pick(page.get_by_label("Which state were you in during your sessions?"), "California")
    choose(page, "Some sessions were by video or phone")
    date_in(page, "When did the therapy start?", month="March", year="2091")
    press(page, "button", "Save and continue")
    assert heading(page) == "The therapy"
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert "That date is in the future" in page.locator(".error-summary").inner_text()
    check()
    # Everything typed is still there; fix the year by following the summary link.
    assert page.get_by_label("Which state were you in during your sessions?").input_value() == "CA"
    press(page, "link", "That date is in the future. Enter a date up to today.")
    assert page.evaluate("document.activeElement.id") == "started-year"
    type_into(page.locator("#started-year"), "2021")
    choose(page.get_by_role("group", name="Is the therapy still going on?"), "It has ended")
    date_in(page, "When did it end?", month="October", year="2022", around=True)
    choose(page, "Every week (or more often)")
    choose(page, "A private practice")
    press(page, "button", "Save and continue")

    assert heading(page) == "The professional"
    check()
    type_into(page.get_by_label("What is their name?"), "Dr. Alan Whitcombe, PhD")
    choose(page, "Psychologist")
    type_into(page.get_by_label("Their license number, if you know it"), "PSY 99999")
    type_into(
        page.get_by_label("The name of their practice or clinic"),
        "Whitcombe Psychological Services",
    )
    press(page, "button", "Save and continue")

    assert heading(page) == "What happened"
    check()
    for label in ("Sexual contact", "Comments about your body or looks", "Touching or hugging"):
        choose(page, label)
    press(page, "button", "Save and continue")

    assert heading(page) == "Tell what happened, in your own words"
    check()
    account = page.get_by_label("Tell what happened, in your own words")
    type_into(account, MAYA_ACCOUNT)
    assert "characters remaining" not in page.content()  # the account has no counter: no limit
    press(page, "button", "Save and come back later")

    # Locked: nothing of the case is on screen. Unlock and resume.
    assert "/locked" in page.url
    assert "Whitcombe" not in page.content()
    reopen(page, server)
    page.goto(server.base + "/case/interview/")
    check()
    press(page, "link", "Continue where you left off")
    assert heading(page) == "Tell what happened, in your own words"
    assert account.input_value() == MAYA_ACCOUNT.replace("\r\n", "\n")
    press(page, "button", "Save and continue")

    # Timeline: two events, approximate and exact.
    assert heading(page) == "Timeline"
    check()
    press(page, "link", "Add an event")
    check()
    date_in(page, "When did it happen?", day="14", month="June", year="2022")
    type_into(page.get_by_label("What happened?"), "He kissed me at the end of a session")
    type_into(page.get_by_label("Where did it happen?"), "His office")
    press(page, "button", "Save this event")
    press(page, "link", "Add another event")
    date_in(page, "When did it happen?", season="Summer", year="2021")
    type_into(page.get_by_label("What happened?"), "Texts at night begin")
    press(page, "button", "Save this event")
    rows = page.locator(".summary-key").all_inner_texts()
    assert rows == ["summer 2021", "14 June 2022"]
    check()
    press(page, "button", "Save and continue")

    # Evidence, with an encrypted copy of a screenshot.
    assert heading(page) == "Evidence"
    check()
    press(page, "link", "Add an item")
    choose(page, "Text messages")
    type_into(page.get_by_label("Describe it"), "214 text messages from him (screenshots)")
    screenshot = tmp_path / "texts.png"
    screenshot.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    recording = tmp_path / "call recording.mp4"
    recording.write_bytes(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00" + b"\x01" * 4096)
    # Several files chosen at once, as a file picker with multi-select does.
    page.get_by_label("Attach copies (optional)").set_input_files([str(screenshot), str(recording)])
    press(page, "button", "Save this item")
    assert heading(page) == "Evidence"
    assert "Copy attached: texts.png" in page.content()
    assert "Copy attached: call recording.mp4" in page.content()
    press(page, "button", "Save and continue")

    assert heading(page) == "People who know"
    check()
    press(page, "link", "Add a person")
    type_into(page.get_by_label("Their name"), "Lucía Delgado-Reyes")
    choose(page, "Someone I told at the time")
    press(page, "button", "Save this person")
    press(page, "button", "Save and continue")

    assert heading(page) == "How has this affected you?"
    check()
    type_into(page.get_by_label("How has this affected you?"), "I stopped trusting doctors.")
    press(page, "button", "Save and continue")

    assert heading(page) == "What you would like to do"
    check()
    choose(page, "Prepare a complaint to the licensing board")
    press(page, "button", "Save and continue")

    assert heading(page) == "About you"
    check()
    choose(page, "Put my name and contact details in the draft")
    type_into(page.get_by_label("Your full name"), "Maya Delgado-Reyes")
    press(page, "button", "Save and continue")

    # Check your answers; change the state and come straight back.
    assert heading(page) == "Check your answers"
    check()
    text = page.locator("main").inner_text()
    for shown in ("California", "around October 2022", "PSY 99999", "Lucía Delgado-Reyes"):
        assert shown in text
    press(page, "link", "Change State during the sessions")
    assert heading(page) == "The therapy"
    pick(page.get_by_label("Which state were you in during your sessions?"), "Nevada")
    press(page, "button", "Save and go back to your answers")
    assert heading(page) == "Check your answers"
    assert "Nevada" in page.locator("main").inner_text()
    press(page, "button", "Continue to find the board")
    assert page.url.endswith("/case/boards")

    answers = load_answers(page.case).answers
    # Browsers send a textarea's line breaks as CRLF (HTML form encoding); stored as sent.
    assert answers.text("your-account", "account") == MAYA_ACCOUNT.replace("\n", "\r\n")
    assert answers.date("therapy", "ended") == ApproxDate.of_month(2022, 10, circa=True)
    assert answers.choice("therapy", "state") == "NV"
    assert answers.sorted_timeline()[0].what == "Texts at night begin"
    assert [f.media_type for f in answers.evidence[0].files] == ["image/png", "video/mp4"]
    assert check.pages_checked == 17


@pytest.mark.slow
def test_sam_completes_the_interview_without_javascript(no_js_case_page: Any) -> None:
    page, server = no_js_case_page, no_js_case_page.live_server
    page.goto(server.base + step_path(server.app, "before-you-start"))
    press(page, "button", "Start")

    assert heading(page) == "The therapy"
    pick(page.get_by_label("Which state were you in during your sessions?"), "New York")
    date_in(page, "When did the therapy start?", month="January", year="2019")
    choose(page.get_by_role("group", name="Is the therapy still going on?"), "It has ended")
    date_in(page, "When did it end?", month="June", year="2020")
    choose(page, "Every two weeks")
    press(page, "button", "Save and continue")

    assert heading(page) == "The professional"
    type_into(page.get_by_label("What is their name?"), "Jesse Example, LCSW")
    choose(page, "Social worker (LCSW, LICSW or similar)")
    press(page, "button", "Save and continue")

    assert heading(page) == "What happened"
    choose(page, "Contact between sessions")
    choose(page, "A relationship after therapy ended")
    press(page, "button", "Save and continue")

    # The branch: the relationship after therapy, with an end before its start first.
    assert heading(page) == "The relationship after therapy"
    choose(page, "Yes")
    said = "We can't be friends while I'm your therapist."
    type_into(page.get_by_label(THEIR_WORDS), said)
    date_in(page, "When did the relationship begin?", month="August", year="2020")
    date_in(page, "When did it end, if it has?", year="2019")
    press(page, "button", "Save and continue")
    assert "This is before the start date you gave." in page.locator(".error-summary").inner_text()
    assert (
        page.get_by_label("Did they say anything about why therapy was ending?").input_value()
        == said
    )
    group = page.get_by_role("group", name="When did it end, if it has?", exact=True)
    type_into(group.get_by_label("Year", exact=True), "2021")
    choose(group, "Around then (not sure of the exact time)")
    # Back saves too: go back a page and return, nothing lost.
    press(page, "button", "Save and go back to the previous page")
    assert heading(page) == "What happened"
    press(page, "button", "Save and continue")
    assert (
        page.get_by_label("Did they say anything about why therapy was ending?").input_value()
        == said
    )
    press(page, "button", "Save and continue")

    assert heading(page) == "Tell what happened, in your own words"
    type_into(
        page.get_by_label("Tell what happened, in your own words"),
        "My therapist ended our sessions in June 2020. Two months later we were together.",
    )
    press(page, "button", "Save and come back later")
    assert "/locked" in page.url
    reopen(page, server)
    page.goto(server.base + "/case/interview/")
    press(page, "link", "Continue where you left off")
    assert heading(page) == "Tell what happened, in your own words"
    assert (
        "Two months later"
        in page.get_by_label("Tell what happened, in your own words").input_value()
    )
    press(page, "button", "Save and continue")

    assert heading(page) == "Timeline"
    press(page, "link", "Add an event")
    date_in(page, "When did it happen?", month="August", year="2020")
    type_into(page.get_by_label("What happened?"), "Relationship begins")
    press(page, "button", "Save this event")
    press(page, "button", "Save and continue")

    assert heading(page) == "Evidence"
    press(page, "link", "Add an item")
    choose(page, "Social media messages or posts")
    type_into(page.get_by_label("Describe it"), "Direct messages")
    press(page, "button", "Save this item")
    press(page, "button", "Save and continue")

    assert heading(page) == "People who know"
    press(page, "link", "Add a person")
    type_into(page.get_by_label("Their name"), "Robin")
    choose(page, "Saw or heard something themselves")
    press(page, "button", "Save this person")
    press(page, "button", "Save and continue")

    for expected in ("How has this affected you?", "What you would like to do"):
        assert heading(page) == expected
        press(page, "button", "Save and continue")  # skipped

    assert heading(page) == "About you"
    choose(page, "Prepare the draft without them for now")
    press(page, "button", "Save and continue")

    assert heading(page) == "Check your answers"
    text = page.locator("main").inner_text()
    for shown in ("New York", "around 2021", "Relationship begins", "Robin"):
        assert shown in text
    press(page, "link", "Change Therapist ended the therapy first")
    assert heading(page) == "The relationship after therapy"
    choose(page, "I'm not sure")
    press(page, "button", "Save and go back to your answers")
    assert heading(page) == "Check your answers"
    press(page, "button", "Continue to find the board")
    assert page.url.endswith("/case/boards")

    answers = load_answers(page.case).answers
    assert answers.choice("after-therapy", "ended_by_therapist") == "not_sure"
    assert answers.date("after-therapy", "relationship_ended") == ApproxDate.of_year(
        2021, circa=True
    )
    assert answers.state_of("impact") == "skipped"
    assert answers.choice("about-you", "identity") == "later"


def test_a_chosen_answer_can_be_taken_back_without_javascript(no_js_case_page: Any) -> None:
    """Once a radio is chosen a browser cannot un-choose it; "Skip this question" can, by
    keyboard and with no JavaScript, and the answer is then shown as not answered."""
    page, server = no_js_case_page, no_js_case_page.live_server
    page.goto(server.base + step_path(server.app, "therapy"))
    question = "Is the therapy still going on?"
    choose(page.get_by_role("group", name=question), "I'm still seeing them")
    press(page, "button", "Save and continue")
    assert heading(page) == "You can stop at any time"

    page.goto(server.base + step_path(server.app, "therapy"))
    group = page.get_by_role("group", name=question)
    assert group.get_by_label("I'm still seeing them", exact=True).is_checked()
    choose(group, "Skip this question")
    press(page, "button", "Save and continue")

    assert heading(page) == "The professional"  # the safety page's branch is off again
    assert "status" not in load_answers(page.case).answers.values.get("therapy", {})
    page.goto(server.base + step_path(server.app, "check-answers"))
    row = page.locator(".summary-row").filter(
        has=page.get_by_text("Therapy still going on", exact=True)
    )
    assert row.locator(".summary-value").inner_text().strip() == "Not answered"
    page.goto(server.base + step_path(server.app, "therapy"))
    options = page.get_by_role("group", name=question).get_by_role("radio")
    assert not any(options.nth(i).is_checked() for i in range(options.count()))
