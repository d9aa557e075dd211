"""Hypothesis at every interview step: never a 500, text back exactly as typed, always escaped."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from complaint_helper.interview.repository import load_answers
from complaint_helper.interview.steps import STEPS, Question
from complaint_helper.interview.validation import input_names
from complaint_helper.web.app_state import state_of
from tests.conftest import PASSPHRASE, open_case_for

BASE = "/case/interview"
PAGES = [s for s in STEPS if s.questions or s.item_questions]
SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What a browser can send: decoded form text never holds lone surrogates (werkzeug replaces
# undecodable bytes), so those are left out; everything else, control characters included, is in.
form_text = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=40),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "</textarea><script>alert(1)</script>",
            "{{ config }}",
            "\u202eevil",
        ]
    ),
)


def url_for_page(slug: str) -> str:
    step = next(s for s in STEPS if s.slug == slug)
    return f"{BASE}/{slug}/items/hyp1" if step.item_questions else f"{BASE}/{slug}"


def questions(slug: str) -> tuple[Question, ...]:
    step = next(s for s in STEPS if s.slug == slug)
    return step.questions or step.item_questions


@st.composite
def posts(draw: st.DrawFn) -> tuple[str, dict[str, list[str]]]:
    """A post to any page: a step, a list page, or an item of a list."""
    step = draw(st.sampled_from(STEPS))
    url = f"{BASE}/{step.slug}"
    to_an_item: bool = draw(st.booleans())
    if step.item_questions and to_an_item:
        url += "/items/hyp1"
    names = [n for q in questions(step.slug) for n in input_names(q)] + ["return", "junk"]
    form = draw(st.dictionaries(st.sampled_from(names), st.lists(form_text, max_size=3)))
    action = draw(st.sampled_from(["continue", "back", "later", "save", "", "\x00nonsense"]))
    if action:
        form["action"] = [action]
    return url, form


@given(post=posts())
@SETTINGS
def test_any_post_to_any_step_never_fails_and_never_echoes_markup(
    case_client: Any, post: tuple[str, dict[str, list[str]]]
) -> None:
    url, form = post
    response = case_client.submit(url, form)
    assert response.status_code in (200, 303), response.status_code
    if response.status_code == 200:
        text = response.get_data(as_text=True)
        assert "<script>alert" not in text
        assert "onerror=alert" not in text.replace("onerror=alert(1)&gt;", "")
    if form.get("action") == ["later"] and response.status_code == 303:
        # Saved and locked: unlock the case again for the next example.
        case_client.case = state_of(case_client.application).vault.unlock(
            case_client.case.case_id, PASSPHRASE
        )
        open_case_for(case_client.application, case_client.session_id(), case_client.case)


TEXT_QUESTIONS = [
    (step.slug, question)
    for step in PAGES
    for question in (step.questions or step.item_questions)
    if question.kind in ("text", "textarea")
]


@given(where=st.sampled_from(TEXT_QUESTIONS), text=form_text.filter(lambda t: t != ""))
@SETTINGS
def test_every_text_question_keeps_text_exactly_and_shows_it_escaped(
    case_client: Any, where: tuple[str, Question], text: str
) -> None:
    slug, question = where
    url = url_for_page(slug)
    assert case_client.submit(url, {question.name: text}).status_code == 303
    answers = load_answers(case_client.case).answers
    if "/items/" in url:
        items: list[Any] = (
            answers.timeline
            if slug == "timeline"
            else answers.evidence
            if slug == "evidence"
            else answers.people
        )
        assert getattr(items[-1], question.name) == text
    else:
        assert answers.text(slug, question.name) == text
    shown = case_client.get(url).get_data(as_text=True)
    if question.kind == "textarea":
        assert f">\n{escape(text)}</textarea>" in shown
    else:
        assert f'value="{escape(text)}"' in shown


@given(text=form_text.filter(lambda t: t != ""))
@SETTINGS
def test_text_comes_back_exactly_as_typed_and_escaped(case_client: Any, text: str) -> None:
    case_client.submit(f"{BASE}/your-account", {"account": text})
    assert load_answers(case_client.case).answers.text("your-account", "account") == text
    shown = case_client.get(f"{BASE}/your-account").get_data(as_text=True)
    assert f">\n{escape(text)}</textarea>" in shown


@given(text=form_text.filter(lambda t: t != ""))
@SETTINGS
def test_text_with_an_error_on_the_page_is_shown_back_exactly(case_client: Any, text: str) -> None:
    response = case_client.submit(f"{BASE}/professional", {"name": text, "phone": "9" * 2_001})
    assert response.status_code == 200
    assert f'value="{escape(text)}"' in response.get_data(as_text=True)


def test_a_megabyte_account_is_saved_and_shown_back(case_client: Any) -> None:
    text = ("Ω <b>bold</b> \x0b é 🌧️\n" * 50_000)[:1_000_000]
    response = case_client.submit(f"{BASE}/your-account", {"account": text})
    assert response.status_code == 303
    assert load_answers(case_client.case).answers.text("your-account", "account") == text
    assert str(escape(text)) in case_client.get(f"{BASE}/your-account").get_data(as_text=True)


def test_malformed_bodies_get_a_clear_answer_not_a_500(case_client: Any) -> None:
    token = case_client.csrf_token()
    for body, content_type in [
        (b"\xff\xfe\x00garbage=%%%&&&==", "application/x-www-form-urlencoded"),
        (b"--x\r\nbroken", "multipart/form-data; boundary=x"),
        (b"{}", "application/json"),
    ]:
        response = case_client.post(
            f"{BASE}/therapy",
            data=body,
            content_type=content_type,
            headers={"X-CSRFToken": token},
        )
        # The CSRF header is valid, so the body reaches the view: it reads as an empty page.
        assert response.status_code == 303
