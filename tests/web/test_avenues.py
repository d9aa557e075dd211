"""The "Other places that can help" page through the real app and a real vault case."""

from __future__ import annotations

from typing import Any

from complaint_helper.interview import repository
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import Answers
from tests.stories import make_maya


def _save(client: Any, answers: Answers) -> None:
    repository.save_answers(client.case, answers)


def test_the_boards_page_links_to_the_avenues_page(case_client: Any) -> None:
    _save(case_client, make_maya())
    page = case_client.get("/case/boards").get_data(as_text=True)
    assert 'href="/case/other-avenues"' in page
    assert "without consent" not in page


def test_what_the_person_asked_for_comes_first_for_their_state(case_client: Any) -> None:
    answers = Answers()
    answers.set("therapy", "state", "WI")
    answers.set("therapy", "status", "ended")
    answers.set("therapy", "ended", ApproxDate.of_month(2023, 4))
    answers.set("what-you-want", "wishes", ["police", "attorney"])
    _save(case_client, answers)
    response = case_client.get("/case/other-avenues")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    asked = page.index("What you asked about")
    police = page.index(
        "a criminal law covers sexual contact between a therapist and a client: "
        "Wisconsin Statutes 940.22(2)"
    )
    lawyer = page.index("Wisconsin Statutes 895.441")
    others = page.index(">Other places<")
    assert asked < police < others and asked < lawyer < others
    assert "https://docs.legis.wisconsin.gov/document/statutes/2001/940.22(4)(d)" in page
    assert "checked 4 December 2026" in page
    assert "information, not legal advice" in page
    assert "too late" not in page.lower()


def test_time_limits_are_counted_from_the_persons_dates(case_client: Any) -> None:
    answers = Answers()
    answers.set("therapy", "state", "TX")
    answers.set("therapy", "status", "ended")
    answers.set("therapy", "ended", ApproxDate.of_month(2021, 5))
    answers.set("professional", "profession", "counselor")
    answers.chosen_boards = ["tx-bhec"]
    _save(case_client, answers)
    page = case_client.get("/case/other-avenues").get_data(as_text=True)
    assert "runs to about May 2028" in page
    assert "https://bhec.texas.gov/complaints-enforcement-faqs" in page


def test_without_a_state_the_page_gives_the_general_words(case_client: Any) -> None:
    page = case_client.get("/case/other-avenues").get_data(as_text=True)
    assert "In many states sexual contact between a therapist and a client is a crime" in page
    assert "without consent" not in page
