"""Hypothesis: whatever is posted, validation answers without crashing; text survives exactly."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaint_helper.interview.model import Answers
from complaint_helper.interview.repository import load_answers, save_step_values
from complaint_helper.interview.steps import STEPS, Question, Step
from complaint_helper.interview.validation import input_names, read_questions
from tests.interview.conftest import CountingStore

TODAY = date(2026, 11, 22)
QUESTION_STEPS = [s for s in STEPS if s.questions or s.item_questions]

# Everything a person (or a broken browser) might send: any Unicode (surrogates cannot arrive in
# a decoded form post), control characters, markup, and very long text.
nasty_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F)),
    st.sampled_from(
        ["<script>alert(1)</script>", "\"'><img src=x onerror=alert(1)>", "{{ 7*7 }}", "\u202e"]
    ),
)


def questions_of(step: Step) -> tuple[Question, ...]:
    return step.questions or step.item_questions


@st.composite
def posts(draw: st.DrawFn) -> tuple[Step, dict[str, list[str]]]:
    page = draw(st.sampled_from(QUESTION_STEPS))
    names = [n for q in questions_of(page) for n in input_names(q)] + ["junk", ""]
    form = draw(
        st.dictionaries(st.sampled_from(names), st.lists(nasty_text, max_size=3), max_size=12)
    )
    return page, form


@given(posts())
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_any_post_gives_values_or_sentences_never_a_crash(
    post: tuple[Step, dict[str, list[str]]],
) -> None:
    page, form = post
    result = read_questions(questions_of(page), form, today=TODAY)
    for error in result.errors:
        assert error.message and error.message[0].isupper()
    for name, sent in result.fields.items():
        assert sent == (form[name] if isinstance(sent, list) else (form[name] or [""])[0])


@given(text=nasty_text)
@settings(max_examples=150, deadline=None)
def test_text_is_stored_and_loaded_back_exactly(shared_store: CountingStore, text: str) -> None:
    account = next(s for s in STEPS if s.slug == "your-account")
    result = read_questions(account.questions, {"account": [text]}, today=TODAY)
    if text == "":
        assert result.values == {}
        return
    assert result.values == {"account": text}
    save_step_values(shared_store, Answers(), "your-account", result.values)
    assert load_answers(shared_store).answers.text("your-account", "account") == text


def test_a_megabyte_of_text_round_trips(record_store: CountingStore) -> None:
    text = ("Ω<script>\x00 é 🌧️\r\n" * 70_000)[:1_000_000]
    account = next(s for s in STEPS if s.slug == "your-account")
    result = read_questions(account.questions, {"account": [text]}, today=TODAY)
    save_step_values(record_store, Answers(), "your-account", result.values)
    assert load_answers(record_store).answers.text("your-account", "account") == text


def test_a_megabyte_in_a_short_field_is_refused_with_the_text_kept() -> None:
    text = "a" * 1_000_000
    professional = next(s for s in STEPS if s.slug == "professional")
    result = read_questions(professional.questions, {"name": [text]}, today=TODAY)
    assert not result.ok
    assert result.fields["name"] == text
