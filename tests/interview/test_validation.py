"""Reading posted pages: values as typed, errors only where they protect the person."""

from __future__ import annotations

from datetime import date

import pytest

from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import AnswerValue
from complaint_helper.interview.steps import TIMELINE_QUESTIONS, Question, step
from complaint_helper.interview.validation import (
    fields_for,
    fields_for_values,
    read_questions,
)

TODAY = date(2026, 11, 22)
THERAPY = step("therapy").questions
PROFESSIONAL = step("professional").questions


def read(questions: tuple[Question, ...], form: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    return read_questions(questions, form, today=TODAY)


def test_text_is_stored_exactly_as_typed_including_spaces_and_control_characters() -> None:
    typed = "  Dr. Ève\x00\x07 <b>O'Neil</b>\r\n\t "
    result = read(PROFESSIONAL, {"name": [typed]})
    assert result.ok
    assert result.values["name"] == typed


def test_blank_answers_are_simply_not_stored() -> None:
    result = read(PROFESSIONAL, {"name": [""], "profession": [""], "license_number": []})
    assert result.ok
    assert result.values == {}


def test_text_over_the_limit_is_an_error_and_the_text_comes_back() -> None:
    typed = "x" * 2_001
    result = read(PROFESSIONAL, {"name": [typed]})
    assert not result.ok
    assert result.errors[0].field_id == "name"
    assert "2,001 characters" in result.errors[0].message
    assert result.fields["name"] == typed
    assert "name" not in result.values


def test_a_known_choice_is_stored_and_an_unknown_one_is_an_error() -> None:
    assert read(PROFESSIONAL, {"profession": ["counselor"]}).values == {"profession": "counselor"}
    result = read(PROFESSIONAL, {"profession": ["wizard"]})
    assert [e.field_id for e in result.errors] == ["profession"]


def test_state_must_be_one_of_the_fifty_states_or_dc() -> None:
    assert read(THERAPY, {"state": ["DC"]}).values == {"state": "DC"}
    assert read(THERAPY, {"state": ["ZZ"]}).errors[0].message == "Choose a state from the list."


def test_several_choices_keep_page_order_once_each() -> None:
    questions = step("what-happened").questions
    result = read(questions, {"conduct": ["touching", "sexual_contact", "touching", ""]})
    assert result.values == {"conduct": ["sexual_contact", "touching"]}


def test_an_unknown_choice_among_several_is_an_error() -> None:
    questions = step("what-happened").questions
    assert not read(questions, {"conduct": ["touching", "<script>"]}).ok


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"started-day": ["14"], "started-month": ["6"], "started-year": ["2022"]},
         ApproxDate.exact(2022, 6, 14)),
        ({"started-month": ["3"], "started-year": ["2021"]}, ApproxDate.of_month(2021, 3)),
        ({"started-season": ["summer"], "started-year": ["2021"], "started-circa": ["1"]},
         ApproxDate.of_season(2021, "summer", circa=True)),
        ({"started-year": [" 2016 "], "started-circa": ["1"]},
         ApproxDate.of_year(2016, circa=True)),
        ({"started-unknown": ["1"]}, ApproxDate()),
        ({"started-month": ["3"]}, ApproxDate(granularity="month", month=3)),
        ({"started-season": ["summer"], "started-circa": ["1"]},
         ApproxDate(granularity="season", season="summer", circa=True)),
        ({"started-day": ["29"], "started-month": ["2"]},
         ApproxDate(granularity="exact", month=2, day=29)),
    ],
)  # fmt: skip
def test_date_precision_follows_what_was_filled_in(
    form: dict[str, list[str]], expected: ApproxDate
) -> None:
    result = read(THERAPY, form)
    assert result.ok, result.errors
    assert result.values["started"] == expected


def test_a_blank_date_is_not_an_answer() -> None:
    result = read(THERAPY, {"started-day": [""], "started-year": [""], "started-month": [""]})
    assert result.ok
    assert "started" not in result.values


@pytest.mark.parametrize(
    ("form", "field_id"),
    [
        ({"started-year": ["2099"]}, "started-year"),
        ({"started-day": ["30"], "started-month": ["2"]}, "started-day"),
        ({"started-year": ["twenty"]}, "started-year"),
        ({"started-year": ["1850"]}, "started-year"),
        ({"started-day": ["31"], "started-month": ["2"], "started-year": ["2021"]}, "started-day"),
        ({"started-day": ["3"], "started-year": ["2021"]}, "started-month"),
        ({"started-month": ["13"], "started-year": ["2021"]}, "started-month"),
        ({"started-month": ["3"], "started-season": ["summer"], "started-year": ["2021"]},
         "started-month"),
        ({"started-season": ["monsoon"], "started-year": ["2021"]}, "started-season"),
        ({"started-unknown": ["1"], "started-year": ["2021"]}, "started-unknown"),
    ],
)  # fmt: skip
def test_a_date_that_cannot_be_right_points_at_the_box_to_fix(
    form: dict[str, list[str]], field_id: str
) -> None:
    result = read(THERAPY, form)
    assert [e.field_id for e in result.errors] == [field_id]
    assert result.errors[0].message.endswith(".")
    assert "started" not in result.values


def test_a_date_later_this_year_is_in_the_future_but_this_month_is_not() -> None:
    assert not read(THERAPY, {"started-month": ["12"], "started-year": ["2026"]}).ok
    assert read(THERAPY, {"started-month": ["11"], "started-year": ["2026"]}).ok


def test_therapy_end_before_its_start_is_pointed_out() -> None:
    result = read(THERAPY, {"started-year": ["2022"], "ended-year": ["2021"]})
    assert [e.field_id for e in result.errors] == ["ended-year"]
    assert "before the start date" in result.errors[0].message


def test_therapy_end_in_the_same_year_as_a_later_month_start_is_fine() -> None:
    """Approximate dates overlap: "2022" may be after "October 2022"."""
    form = {"started-month": ["10"], "started-year": ["2022"], "ended-year": ["2022"]}
    assert read(THERAPY, form).ok


def test_a_timeline_range_is_read_from_the_end_fields() -> None:
    form = {"when-year": ["2021"], "when-end-month": ["10"], "when-end-year": ["2022"],
            "when-end-circa": ["1"], "what": ["texts"]}  # fmt: skip
    result = read(TIMELINE_QUESTIONS, form)
    assert result.ok
    assert result.values["when"] == ApproxDate.of_year(2021).to(
        ApproxDate.of_month(2022, 10, circa=True)
    )


def test_a_range_that_ends_before_it_starts_points_at_the_end() -> None:
    form = {"when-year": ["2022"], "when-end-year": ["2020"]}
    assert [e.field_id for e in read(TIMELINE_QUESTIONS, form).errors] == ["when-end-year"]


def test_dynamic_choices_limit_linked_evidence_to_what_exists() -> None:
    from complaint_helper.interview.steps import Choice

    choices = {"evidence_ids": (Choice("e1", "Texts"),)}
    ok = read_questions(TIMELINE_QUESTIONS, {"evidence_ids": ["e1"]}, today=TODAY,
                        choices_for=choices)  # fmt: skip
    assert ok.values == {"evidence_ids": ["e1"]}
    bad = read_questions(TIMELINE_QUESTIONS, {"evidence_ids": ["e9"]}, today=TODAY,
                         choices_for=choices)  # fmt: skip
    assert not bad.ok


def test_posted_fields_come_back_exactly_for_redisplay() -> None:
    form = {"started-year": ["20x1"], "started-month": ["3"], "state": ["CA"], "other": ["z"]}
    result = read(THERAPY, form)
    assert result.fields["started-year"] == "20x1"
    assert result.fields["started-month"] == "3"
    assert result.fields["state"] == "CA"
    assert "other" not in result.fields


def test_stored_answers_turn_back_into_the_same_fields() -> None:
    values: dict[str, AnswerValue] = {
        "state": "CA",
        "started": ApproxDate.exact(2021, 3, 2),
        "ended": ApproxDate.of_season(2022, "autumn", circa=True),
    }
    fields = fields_for_values(THERAPY, values)
    form = {name: value if isinstance(value, list) else [value] for name, value in fields.items()}
    assert read(THERAPY, form).values == values


def test_an_unremembered_date_shows_the_dont_remember_box_ticked() -> None:
    question = step("therapy").question("started")
    assert fields_for(question, ApproxDate()) == {"started-unknown": "1"}


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"started-season": ["summer"]}, "summer (year not remembered)"),
        ({"started-month": ["6"], "started-circa": ["1"]}, "around June (year not remembered)"),
        ({"started-day": ["14"], "started-month": ["6"]}, "14 June (year not remembered)"),
    ],
)
def test_a_date_remembered_without_its_year_is_kept_and_said_plainly(
    form: dict[str, list[str]], words: str
) -> None:
    """ "I don't remember the year" is an answer: the month or season is kept, not refused."""
    result = read(THERAPY, form)
    assert result.ok, result.errors
    value = result.values["started"]
    assert isinstance(value, ApproxDate)
    assert value.describe() == words
    assert ApproxDate.from_dict(value.to_dict()) == value
    shown_again = fields_for(step("therapy").question("started"), value)
    assert shown_again == {name: posted[0] for name, posted in form.items()}


def test_a_date_without_its_year_sorts_with_the_dates_not_remembered() -> None:
    summer = ApproxDate(granularity="season", season="summer")
    assert summer.sort_key() == ApproxDate().sort_key()
    assert ApproxDate.of_year(2021).sort_key() < summer.sort_key()


def test_a_stored_month_that_cannot_exist_is_read_as_not_remembered() -> None:
    assert ApproxDate.from_dict({"granularity": "month", "month": 13}) == ApproxDate()
    assert ApproxDate.from_dict({"granularity": "exact", "month": 2, "day": 30}) == ApproxDate()
