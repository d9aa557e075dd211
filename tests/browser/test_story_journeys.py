"""The four stories of shared/stories.md, each walked in real Chromium by clicking alone.

From the printed launch link a person who knows no address of the app creates a case, answers
every page of the interview from the story, reaches "Check your answers", the boards page and the
documents page, and downloads every document; the files are read back for what a person checks
(a PDF, addressed to the board they chose, holding their own words; the copy for an advocate
without their name; the exhibit bundle holding the file they attached). Maya also locks half way
("Save and come back later") and opens her case again from the case list. Along the way every
interview page shows the case bar and the same "of N" in its step count.

One live server for the module (a fresh launch link per story, as a restart would print).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from complaint_helper.interview.model import Answers
from complaint_helper.settings import Settings
from complaint_helper.vault import KDF_FLOOR
from complaint_helper.web.app_state import state_of
from tests.browser.clicking import Person
from tests.conftest import TEST_PORT, LiveServer, serving
from tests.documents.conftest import pdf_text
from tests.stories import make_jordan, make_maya, make_priya, make_sam

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def screenshot_png() -> bytes:
    """A small real picture, as a phone screenshot of the messages would be."""
    picture = Image.new("RGB", (40, 24), (200, 30, 60))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


STEP_CAPTION = re.compile(r"Step (\d+) of (\d+)")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("journeys") / "data",
        port=TEST_PORT,
        testing=True,
        open_browser=False,
        kdf=KDF_FLOOR,
    )
    with serving(settings) as live:
        yield live


@pytest.fixture
def person(browser: Any, server: LiveServer) -> Iterator[Person]:
    """A new browser at a freshly printed launch link (the only address ever typed)."""
    token = state_of(server.app).launch.renew()
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(replace_token(server.url, token))
    page.get_by_role("heading", level=1).first.wait_for()
    yield Person(page)
    context.close()


def replace_token(url: str, token: str) -> str:
    return url.split("?token=")[0] + f"?token={token}"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def walk(person: Person, story: Answers, nickname: str, files: dict[str, Path]) -> list[str]:
    """Create the case and answer every page up to "Check your answers"; the slugs seen."""
    person.start_a_case(nickname)
    person.click_link("Start")
    seen: list[str] = []
    totals: set[str] = set()
    numbers: list[int] = []
    for step in person.walk_interview(story, files):
        seen.append(step.slug)
        # The case bar on every interview page, naming the open case.
        assert f"\u201c{nickname}\u201d" in person.case_bar().inner_text()
        caption = STEP_CAPTION.search(person.main_text())
        if caption:
            numbers.append(int(caption.group(1)))
            totals.add(caption.group(2))
    assert len(totals) == 1, totals  # "of N" never jumps as branches open
    assert numbers == sorted(numbers)
    return seen


def to_documents(person: Person) -> list[str]:
    """From "Check your answers": the boards page, choose every board offered; the board names."""
    person.press("Continue to find the board")
    assert person.heading() == "Where to send your complaint"
    boxes = person.page.get_by_role("checkbox")
    names = []
    for index in range(boxes.count()):
        box = boxes.nth(index)
        box.check()
        names.append(
            str(person.page.locator(f"label[for='{box.get_attribute('id')}']").inner_text())
        )
    if names:
        person.press("Continue to your documents")
    else:
        person.click_link("Go to your documents anyway")
    assert person.heading() == "Your documents"
    return [name.strip() for name in names]


def download_everything(person: Person, folder: Path) -> dict[str, Path]:
    """Every document on the page in every version it offers, as PDF (the ZIP bundle as it
    is): choose the version and the file type, press its Download; {its label: the file}.

    A document's label is its version's ("Board draft", "Advocate copy"...) or, with one
    version, its heading."""
    cards = person.page.locator("main section.document-card")
    files: dict[str, Path] = {}
    for index in range(cards.count()):
        card = cards.nth(index)
        title = str(card.get_by_role("heading").first.inner_text()).strip()
        versions = card.get_by_role("group", name="Which version?").get_by_role("radio")
        pdf = card.get_by_role("radio", name=re.compile(r"^PDF"))
        for version in range(max(versions.count(), 1)):
            label = title
            if versions.count():
                radio = versions.nth(version)
                radio.check()
                label = str(card.locator(f"label[for='{radio.get_attribute('id')}']").inner_text())
            if pdf.count():
                pdf.check()
            with person.page.expect_download() as info:
                card.get_by_role("button", name=re.compile(r"^Download")).click()
            target = folder / f"download-{len(files)}"
            info.value.save_as(target)
            files[label.split("\n")[0].strip()] = target
    return files


def pdfs(files: dict[str, Path]) -> dict[str, str]:
    """The text of every downloaded PDF, by label; every file is a PDF or a ZIP."""
    texts = {}
    for label, path in files.items():
        data = path.read_bytes()
        assert data.startswith((b"%PDF-", b"PK\x03\x04")), label
        if data.startswith(b"%PDF-"):
            texts[label] = pdf_text(data)
    return texts


def one_labelled(texts: dict[str, str], word: str) -> str:
    found = [text for label, text in texts.items() if word in label.lower()]
    assert len(found) == 1, (word, list(texts))
    return found[0]


def check_documents(
    texts: dict[str, str], boards: list[str], own_words: str, name: str | None
) -> None:
    assert len(texts) >= 4, list(texts)
    for label, text in texts.items():
        # What goes to a board, or says how to send it, names the board(s) chosen.
        if any(word in label.lower() for word in ("draft", "advocate", "how to file")):
            for board in boards:
                assert squash(board) in squash(text), (label, board)
    board_draft = one_labelled(texts, "board")
    assert squash(own_words) in squash(board_draft)
    advocate = one_labelled(texts, "advocate")
    assert squash(own_words) in squash(advocate)
    if name:
        assert name in board_draft
        assert name not in advocate
        assert name not in one_labelled(texts, "anonymous")


# -- the four stories ------------------------------------------------------------------------------
def test_maya_by_clicking_alone(person: Person, tmp_path: Path) -> None:
    story = make_maya()
    screenshot = tmp_path / "texts.png"
    screenshot.write_bytes(screenshot_png())
    person.start_a_case("Garden notes")
    person.click_link("Start")
    # Half way, she stops ("Save and come back later") and comes back through the case list.
    for step in person.walk_interview(story, {"e1": screenshot}):
        if step.slug == "your-account":
            person.answer_step(step, story, {})
            person.press("Save and come back later")
            assert person.heading() == "Your case is locked"
            person.click_link("Open a case")
            person.open_case("Garden notes")
            person.click_link("Continue where you left off")
            assert person.heading() == "Tell what happened, in your own words"
            break
    for step in person.walk_interview(story, {"e1": screenshot}):
        assert step.slug not in ("therapy", "professional")  # already answered, not asked again
    # The progress page tells the truth: every list with entries is done.
    with person.page.expect_navigation():
        person.case_bar().get_by_role("link", name="Your progress").click()
    for title in ("Timeline", "Evidence", "People who know"):
        item = person.page.get_by_role("listitem").filter(has_text=title)
        assert "Done" in str(item.text_content()), title
    person.click_link("Check your answers")
    assert "MD or DO" not in person.main_text()  # she is a psychologist
    assert "From: from" not in person.main_text()
    boards = to_documents(person)
    assert any("Psychology" in board for board in boards)
    files = download_everything(person, tmp_path)
    check_documents(
        pdfs(files), boards, "he kissed me at the end of a session", "Maya Delgado-Reyes"
    )
    bundles = [path for path in files.values() if path.read_bytes().startswith(b"PK")]
    assert len(bundles) == 1
    with zipfile.ZipFile(bundles[0]) as bundle:
        members = [bundle.read(name) for name in bundle.namelist()]
    # Her screenshot, as a clean copy: the same picture.
    assert len(members) == 1
    with Image.open(io.BytesIO(members[0])) as sent, Image.open(screenshot) as kept:
        assert sent.size == kept.size
        assert sent.convert("RGB").tobytes() == kept.convert("RGB").tobytes()


def test_sam_by_clicking_alone(person: Person, tmp_path: Path) -> None:
    seen = walk(person, make_sam(), "Sam's notes", {})
    assert "after-therapy" in seen  # the branch for a relationship after therapy ended
    boards = to_documents(person)
    assert boards
    check_documents(
        pdfs(download_everything(person, tmp_path)),
        boards,
        "Two months later we were in a relationship.",
        None,
    )


def test_jordan_by_clicking_alone(person: Person, tmp_path: Path) -> None:
    seen = walk(person, make_jordan(), "J", {})
    assert seen.index("still-seeing") == seen.index("therapy") + 1  # the safety page first
    boards = to_documents(person)
    assert len(boards) == 2  # where Jordan was, and where the psychiatrist is licensed
    check_documents(
        pdfs(download_everything(person, tmp_path)),
        boards,
        "asked me to meet for coffee",
        "Jordan Example",
    )


def test_priya_by_clicking_alone(person: Person, tmp_path: Path) -> None:
    seen = walk(person, make_priya(words=1_500), "Notebook", {})
    assert "license-lookup" in seen  # she is not sure what kind of professional
    assert "MD or DO" not in person.main_text()
    boards = to_documents(person)
    check_documents(
        pdfs(download_everything(person, tmp_path)),
        boards,
        "I remember the room and how it felt.",
        None,
    )
