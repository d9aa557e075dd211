"""Passphrase strength verdicts and generated passphrases."""

from __future__ import annotations

import pytest

from complaint_helper.vault import check_passphrase_strength, generate_passphrase
from complaint_helper.vault._eff_words import WORDS


@pytest.mark.parametrize(
    "weak",
    [
        "",
        "abc",
        "nine char",
        "password12",
        "Password123!",
        "1234567890",
        "qwertyuiop",
        "zzzzzzzzzzzz",
        "abababababab",
        "iloveyou123",
        "correct horse battery staple",
        "CorrectHorseBatteryStaple",
        "0987654321",
        # Issue 20: accepted before zxcvbn.
        "P@ssw0rd123",
        "123456789a",
        "Summer2024!!",
        "qwerty123456",
        "monkey12345",
    ],
)
def test_weak_passphrases_are_refused_with_plain_feedback(weak: str) -> None:
    verdict = check_passphrase_strength(weak)
    assert not verdict.acceptable
    assert verdict.feedback.endswith(".")
    assert "error" not in verdict.feedback.lower()


@pytest.mark.parametrize(
    ("passphrase", "personal"),
    [
        ("Jonathan Reyes1987", ["Jonathan Reyes"]),  # the therapist's name plus digits
        ("reyes2019!!", ["Jonathan Reyes"]),
        ("Blue notebook 2026", ["Blue notebook"]),  # the case nickname
        ("bluenotebook!!!!", ["Blue notebook"]),
        ("Harbor Street Clinic 1", ["Harbor Street Clinic"]),
    ],
)
def test_names_from_the_case_are_refused_kindly(passphrase: str, personal: list[str]) -> None:
    verdict = check_passphrase_strength(passphrase, personal)
    assert not verdict.acceptable
    assert "a name or the case nickname" in verdict.feedback


def test_a_name_inside_an_otherwise_strong_passphrase_is_fine() -> None:
    verdict = check_passphrase_strength("Jonathan taught violin beside quiet rivers", ["Jonathan"])
    assert verdict.acceptable


def test_short_passphrase_feedback_names_the_minimum() -> None:
    assert "10 characters" in check_passphrase_strength("short").feedback


@pytest.mark.parametrize(
    "good",
    [
        "marble kettle orchid",
        "violet-harbour-pencil-meadow",
        "Mi gato se llama Ñoño 7",
        "Ελένη στο βουνό",
    ],
)
def test_reasonable_passphrases_are_accepted(good: str) -> None:
    assert check_passphrase_strength(good).acceptable


def test_generated_passphrase_has_five_list_words() -> None:
    passphrase = generate_passphrase()
    words = passphrase.split("-")
    assert len(words) == 5
    assert all(word in WORDS for word in words)
    assert check_passphrase_strength(passphrase).acceptable


def test_generated_passphrases_differ() -> None:
    assert len({generate_passphrase() for _ in range(50)}) == 50


def test_generated_passphrase_word_count_is_a_parameter() -> None:
    assert len(generate_passphrase(3).split("-")) == 3
    with pytest.raises(ValueError):
        generate_passphrase(0)
