"""Citations: the shipped file validates; verified means a source was read; bad entries fail."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from complaint_helper.boards import PROFESSIONS, BoardDataError, citations_for
from complaint_helper.boards.citations import is_crime_in, load_citations, parse_citations

GOOD: dict[str, Any] = {
    "professions": {
        "psychologist": [
            {
                "authority": "Example Code",
                "rule": "1.1",
                "summary": "No sexual contact with clients.",
                "applies_to": "current clients",
                "source": {"url": "https://example.org/code", "checked_on": "2026-11-22"},
                "verified": True,
            }
        ]
    },
    "states": {
        "WY": {
            "citations": [
                {
                    "authority": "Example Statutes",
                    "rule": "1-2-3",
                    "summary": "A crime.",
                    "applies_to": "psychotherapists",
                    "source": {"url": "https://example.wy.gov/1-2-3", "checked_on": "2026-11-22"},
                    "verified": True,
                    "professions": ["psychologist"],
                }
            ],
        }
    },
}


def test_shipped_citations_validate() -> None:
    book = load_citations()
    assert set(book.professions) <= set(PROFESSIONS)


def test_every_verified_citation_has_a_dated_https_source() -> None:
    book = load_citations()
    citations = [c for entries in book.professions.values() for c in entries]
    citations += [c for law in book.states.values() for c, _ in law.citations]
    assert citations
    for citation in citations:
        if citation.verified:
            assert citation.source is not None
            assert citation.source.url.startswith("https://")


def test_unverified_citations_carry_no_check_date() -> None:
    """Secondary material is marked unverified and never presented as checked at the source."""
    book = load_citations()
    for entries in book.professions.values():
        for citation in entries:
            if not citation.verified:
                assert citation.source is None


def test_citations_for_psychiatrist_include_the_ama_opinion() -> None:
    rules = [citation.rule for citation in citations_for("psychiatrist", None)]
    assert any("9.1.1" in rule for rule in rules)


def test_state_citations_follow_their_profession_scope() -> None:
    mft_rules = [c.rule for c in citations_for("mft", "CA")]
    psychologist_rules = [c.rule for c in citations_for("psychologist", "CA")]
    assert any(rule.startswith("Section 4982") for rule in mft_rules)
    assert not any(rule.startswith("Section 4982") for rule in psychologist_rules)
    assert "Section 729" in psychologist_rules


def test_unknown_profession_gets_only_state_wide_citations() -> None:
    assert all(
        c.authority != "American Medical Association, Code of Medical Ethics"
        for c in citations_for("other", "OH")
    )


def test_unknown_state_crime_status_is_unknown() -> None:
    assert is_crime_in("WY") is None


def test_good_example_parses() -> None:
    book = parse_citations(copy.deepcopy(GOOD))
    assert len(book.states["WY"].citations) == 1


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["professions"]["psychologist"][0].update(source=None), "needs its source"),
        (lambda d: d["professions"].update(therapist=[]), "unknown profession"),
        (lambda d: d["states"].update(XX={"citations": []}), "state code"),
        (lambda d: d["states"]["WY"].update(criminal=True), "exactly 'citations'"),
        (
            lambda d: d["professions"]["psychologist"][0]["source"].update(url="http://x.org"),
            "https",
        ),
        (
            lambda d: d["professions"]["psychologist"][0]["source"].update(checked_on="soon"),
            "YYYY-MM-DD",
        ),
        (lambda d: d["professions"]["psychologist"][0].update(extra=1), "exactly the fields"),
        (
            lambda d: d["states"]["WY"]["citations"][0].update(professions=["nurse"]),
            "profession keys",
        ),
    ],
    ids=[
        "verified-without-source",
        "bad-profession",
        "bad-state",
        "crime-belongs-to-the-law-files",
        "http-source",
        "bad-date",
        "extra-field",
        "bad-scope",
    ],
)
def test_parser_rejects_broken_citations(mutate: Any, message: str) -> None:
    document = copy.deepcopy(GOOD)
    mutate(document)
    with pytest.raises(BoardDataError, match=message):
        parse_citations(document)
