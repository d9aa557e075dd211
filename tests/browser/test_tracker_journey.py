"""After you send it (issue 19) in real Chromium, by clicking alone from the printed launch link.

A person chooses a board, marks the board draft as sent, adds the board's reference number and
the investigator, logs a letter received with a scanned copy and "reply within 30 days"; the
progress page shows the date due; the update letter (a PDF) carries the reference number; then
the case is exported, deleted and imported, and the tracker comes back whole, the scan byte for
byte.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from complaint_helper.interview.due_dates import describe_day
from tests.browser.clicking import Person
from tests.conftest import PASSPHRASE, LiveServer
from tests.documents.conftest import pdf_text, squash

pytestmark = pytest.mark.browser

REFERENCE = "CA-2026-0457-Q"
INVESTIGATOR = "Ana Ruiz-Delgado"
SCAN = b"%PDF-1.4\n% a scanned letter\n" + bytes(range(256)) * 64


@pytest.fixture
def person(browser: Any, live_server: LiveServer) -> Iterator[Person]:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(live_server.url)  # the printed launch link: the only address ever typed
    page.get_by_role("heading", level=1).first.wait_for()
    yield Person(page)
    context.close()


def bar_link(person: Person, name: str) -> None:
    with person.page.expect_navigation():
        person.case_bar().get_by_role("link", name=name, exact=True).click()


def download(person: Person, role: str, name: str, folder: Path, *, exact: bool = True) -> bytes:
    with person.page.expect_download() as info:
        person.page.get_by_role(role, name=name, exact=exact).first.click()
    target = folder / f"download-{len(list(folder.iterdir()))}"
    info.value.save_as(target)
    return target.read_bytes()


def test_the_life_of_a_complaint_after_sending_by_clicking_alone(
    person: Person, tmp_path: Path
) -> None:
    page = person.page
    scan_file = tmp_path / "board-letter.pdf"
    scan_file.write_bytes(SCAN)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    person.start_a_case("Green folder")

    # Enough answers to route: the state and the profession; then choose the board.
    person.click_link("The therapy")
    page.get_by_label("Which state were you in during your sessions?", exact=True).select_option(
        "CA"
    )
    person.press("Save and continue")
    bar_link(person, "Your progress")
    person.click_link("The professional")
    page.get_by_label("Psychologist", exact=True).check()
    person.press("Save and continue")
    bar_link(person, "Where to send it")
    page.get_by_role("checkbox").first.check()
    person.press("Continue to your documents")

    # After you send it: mark the draft as sent, with the reference and the investigator.
    bar_link(person, "After you send it")
    assert person.heading() == "After you send it"
    with page.expect_navigation():
        page.get_by_role("link", name="Mark the ").first.click()
    sent = date.today() - timedelta(days=40)
    letter_day = date.today() - timedelta(days=10)
    group = page.get_by_role("group", name="When did you send it?")
    group.get_by_label("Day").fill(str(sent.day))
    group.get_by_label("Month").select_option(str(sent.month))
    group.get_by_label("Year").fill(str(sent.year))
    page.get_by_label("By post", exact=True).check()
    page.get_by_label("The board's reference number for your complaint").fill(REFERENCE)
    page.get_by_label("Name of the person handling it").fill(INVESTIGATOR)
    page.get_by_label("Their phone number").fill("916 555 0100")
    person.press("Save")
    assert REFERENCE in person.main_text() and INVESTIGATOR in person.main_text()

    # A letter came back, asking for a reply within 30 days; its scan attached.
    person.click("link", "Add what happened next", exact=False)
    group = page.get_by_role("group", name="When did it happen?")
    group.get_by_label("Day").fill(str(letter_day.day))
    group.get_by_label("Month").select_option(str(letter_day.month))
    group.get_by_label("Year").fill(str(letter_day.year))
    page.get_by_label("What arrived, or what was said?").fill(
        "Letter from the investigator asking for a signed records release"
    )
    page.get_by_label("does it ask for a reply within", exact=False).fill("30")
    page.get_by_role("group", name="Counted in").get_by_label("days", exact=True).check()
    page.get_by_label("Attach a scan or photo of the letter (optional)").set_input_files(scan_file)
    person.press("Save")
    due = describe_day(letter_day + timedelta(days=30))
    assert f"Due {due}" in person.main_text()

    # The progress page shows it, before everything else.
    bar_link(person, "Your progress")
    progress = person.main_text()
    assert "Next due" in progress and due in progress
    assert progress.index(due) < progress.index("Your answers")

    # The update letter carries the reference number and the date sent.
    bar_link(person, "After you send it")
    letter = download(person, "link", "Asking for an update", downloads, exact=False)
    assert letter.startswith(b"%PDF-")
    text = squash(pdf_text(letter))
    assert squash(REFERENCE) in text and squash(describe_day(sent)) in text

    # Export, delete, import: it all comes back.
    bar_link(person, "\u201cGreen folder\u201d")
    person.click_link("Save a copy to move to another computer")
    case_file = tmp_path / "green.chcase"
    case_file.write_bytes(download(person, "button", "Download the case file", downloads))
    bar_link(person, "\u201cGreen folder\u201d")
    person.click_link("Delete this case")
    page.get_by_label("To confirm, type the word", exact=False).fill("delete")
    person.press("Delete the case")
    assert "Green folder" not in person.main_text()
    person.click_link("Open a case file")
    page.get_by_label("Case file").set_input_files(case_file)
    person.press("Continue")
    page.get_by_label("Passphrase", exact=True).fill(PASSPHRASE)
    person.press("Open the file")
    person.open_case("Green folder")
    bar_link(person, "After you send it")
    restored = person.main_text()
    for expected in (REFERENCE, INVESTIGATOR, "916 555 0100", f"Due {due}", "records release"):
        assert expected in restored, expected
    person.click("link", "Change what happened next", exact=False)
    assert download(person, "link", "Download", downloads, exact=False) == SCAN
