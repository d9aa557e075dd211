"""The "How to file" guide states the law and each known time limit against the person's dates.

Every story of tests/stories.py is routed and built into the guide PDF, read back as text: each
limit the law files know for the story's state and boards is stated as support.py words it from
the story's own dates; where none is known the guide says so and urges asking early. What the
person ticked on *What you would like to do* comes first, for their state.
"""

from __future__ import annotations

from datetime import date

import pytest

from complaint_helper.boards import load_directory
from complaint_helper.documents.downloads import routing_for
from complaint_helper.documents.filing_guide import build_filing_guide
from complaint_helper.documents.pdf import render_complaint_pdf
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import Answers
from complaint_helper.support import avenues_for_wishes, time_limit_notes
from tests.documents.conftest import pdf_text, squash
from tests.stories import make_jordan, make_maya, make_priya, make_sam

TODAY = date(2026, 12, 4)


def _guide_text(answers: Answers) -> str:
    directory = load_directory()
    boards = [directory.board(board_id) for board_id in answers.chosen_boards]
    guide = build_filing_guide(answers, boards, "board", today=TODAY, citations=())
    return squash(pdf_text(render_complaint_pdf(guide)))


def _routed(answers: Answers) -> Answers:
    """The story with the boards its answers route to chosen, as the board page would."""
    routing = routing_for(answers)
    answers.chosen_boards = [item.board.id for item in routing.boards] if routing else []
    return answers


@pytest.mark.parametrize("make", [make_maya, make_sam, make_jordan, make_priya])
def test_every_story_guide_states_each_known_limit_against_its_dates(make: object) -> None:
    answers = _routed(make())  # type: ignore[operator]
    text = _guide_text(answers)
    directory = load_directory()
    notes = time_limit_notes(
        answers.choice("therapy", "state"),
        [directory.board(board_id) for board_id in answers.chosen_boards],
        answers.date("therapy", "ended"),
        ongoing=answers.choice("therapy", "status") == "ongoing",
        today=TODAY,
    )
    assert notes
    for note in notes:
        assert squash(note.text) in text, note.heading
        if note.source is not None:
            assert squash(note.source.url) in text
    assert "toolate" not in text.lower()
    assert squash("It helps to ask early.") in text


def test_a_texas_counselor_guide_counts_the_seven_years_from_the_end_of_sessions() -> None:
    answers = Answers()
    answers.set("therapy", "state", "TX")
    answers.set("therapy", "status", "ended")
    answers.set("therapy", "ended", ApproxDate.of_month(2021, 5, circa=True))
    answers.set("professional", "profession", "counselor")
    answers.chosen_boards = ["tx-bhec"]
    text = _guide_text(answers)
    assert squash("Counted from your dates, it runs to about May 2028.") in text
    assert squash("https://bhec.texas.gov/complaints-enforcement-faqs") in text
    assert squash("Please confirm with the board") in text


def test_the_guide_gives_what_the_person_asked_for_first_for_their_state() -> None:
    answers = Answers()
    answers.set("therapy", "state", "WI")
    answers.set("what-you-want", "wishes", ["board_complaint", "police", "attorney"])
    text = _guide_text(answers)
    asked, _ = avenues_for_wishes("WI", ["police", "attorney"])
    start = text.index(squash("What you asked about"))
    for avenue in asked:
        assert text.index(squash(avenue.text)) > start
    assert (
        squash(
            "a criminal law covers sexual contact between a therapist and a client: "
            "Wisconsin Statutes 940.22(2)"
        )
        in text
    )
    assert squash("does not matter whether you agreed at the time") in text
    assert squash("Wisconsin Statutes 895.441") in text
    assert "withoutconsent" not in text
