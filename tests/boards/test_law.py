"""The per-state law files: every state has one, every fact was read at an official source."""

from __future__ import annotations

import copy
import json
from datetime import date
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import pytest

from complaint_helper.boards import STATES, BoardDataError, load_directory
from complaint_helper.boards.citations import is_crime_in
from complaint_helper.boards.law import law_for, load_law, parse_law_document


def _shipped(code: str) -> dict[str, Any]:
    text = (
        resources.files("complaint_helper.boards")
        .joinpath("data", "law", f"{code.lower()}.json")
        .read_text(encoding="utf-8")
    )
    document: dict[str, Any] = json.loads(text)
    return document


def test_every_state_has_a_law_entry() -> None:
    law = load_law()
    assert sorted(law) == sorted(STATES)
    for code, facts in law.items():
        assert facts.state == code
        assert facts.state_name == STATES[code]


def test_every_known_fact_was_read_on_a_government_site_over_https() -> None:
    checked = 0
    for facts in load_law().values():
        for source in facts.sources():
            parts = urlsplit(source.url)
            assert parts.scheme == "https", source.url
            assert parts.hostname is not None
            assert parts.hostname.endswith((".gov", ".us")), source.url
            assert source.checked_on <= date.today()
            checked += 1
    assert checked >= 6


def test_a_state_is_marked_criminal_only_on_its_statute() -> None:
    wisconsin = law_for("WI")
    assert wisconsin.crime is not None
    assert wisconsin.crime.is_crime is True
    assert wisconsin.crime.consent_is_defence is False
    assert "940.22" in wisconsin.crime.statute
    assert is_crime_in("WI") is True
    # Seen only in secondary copies: stays unknown, with the lead in the notes.
    assert law_for("CA").crime is None
    assert is_crime_in("CA") is None
    assert "729" in (law_for("CA").notes or "")


def test_board_limits_quote_the_board_record_word_for_word() -> None:
    """A board limit is the board's own time-limit fact in years: one wording, one source."""
    directory = load_directory()
    board_limits = [
        limit for facts in load_law().values() for limit in facts.limits if limit.kind == "board"
    ]
    assert board_limits
    for limit in board_limits:
        assert limit.board_id is not None
        board = directory.board(limit.board_id)
        assert board.time_limit == limit.words
        board_source = board.source_for("time_limit")
        assert board_source is not None and board_source.url == limit.source.url


def test_a_limit_runs_from_the_end_of_services() -> None:
    (limit,) = law_for("TX").limits_for(["tx-bhec"])
    assert limit.years == 7 and limit.sexual_misconduct
    assert limit.runs_to(date(2021, 5, 10)) == date(2028, 5, 10)
    assert limit.runs_to(date(2020, 2, 29)) == date(2027, 2, 28)
    assert law_for("TX").limits_for(["tx-medical"]) == ()
    (maryland,) = law_for("MD").limits
    assert maryland.no_limit and maryland.runs_to(date(2021, 5, 10)) is None


def _wisconsin() -> dict[str, Any]:
    return copy.deepcopy(_shipped("WI"))


def _break(change: str) -> dict[str, Any]:
    document = _wisconsin()
    if change == "http":
        document["crime"]["source"]["url"] = "http://docs.legis.wisconsin.gov/statutes/940.22"
    elif change == "mirror":
        document["crime"]["source"]["url"] = "https://law.justia.com/codes/wisconsin/940.22"
    elif change == "private-domain":
        document["official_domains"].append("justia.com")
    elif change == "missing-field":
        del document["crime"]["consent_is_defence"]
    elif change == "unknown-field":
        document["crime"]["guess"] = True
    elif change == "bad-date":
        document["civil"]["source"]["checked_on"] = "2026-02-30"
    elif change == "crime-not-bool":
        document["crime"]["is_crime"] = "yes"
    elif change == "limit-kind":
        document["limits"] = [{**_shipped("TX")["limits"][0], "kind": "police"}]
    return document


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ("http", "https"),
        ("mirror", "official_domains"),
        ("private-domain", "government hosts"),
        ("missing-field", "consent_is_defence"),
        ("unknown-field", "guess"),
        ("bad-date", "not a real date"),
        ("crime-not-bool", "is_crime"),
        ("limit-kind", "kind"),
    ],
)
def test_the_loader_rejects_a_broken_file_naming_the_field(change: str, words: str) -> None:
    with pytest.raises(BoardDataError, match=words):
        parse_law_document(_break(change), "law/wi.json")


def test_the_shipped_wisconsin_file_parses() -> None:
    assert parse_law_document(_wisconsin(), "law/wi.json").crime is not None


def test_every_fact_was_read_on_one_of_its_own_files_official_hosts() -> None:
    """Each group's source is on a host the file itself lists, read on a real day this year."""
    for code in STATES:
        document = _shipped(code)
        domains = document["official_domains"]
        groups = [document[key] for key in ("crime", "civil", "later_therapist")]
        for group in [*groups, *document["limits"]]:
            if group is None:
                continue
            host = urlsplit(group["source"]["url"]).hostname or ""
            assert any(host == d or host.endswith("." + d) for d in domains), (code, host)
            checked = date.fromisoformat(group["source"]["checked_on"])
            assert date(2026, 1, 1) <= checked <= date.today(), (code, checked)


def test_a_state_marked_criminal_names_its_statute_whom_and_when_it_covers() -> None:
    criminal = [facts for facts in load_law().values() if facts.is_crime]
    assert criminal
    for facts in criminal:
        crime = facts.crime
        assert crime is not None
        assert any(character.isdigit() for character in crime.statute), facts.state
        assert crime.covers, facts.state
        assert crime.summary.strip(), facts.state
        assert crime.former_clients, facts.state  # says whether former clients are covered


# Statutes this project looked for at the official code sites and could not read there: the
# state's record keeps them as leads, so the next reader knows what was searched.
LOOKED_FOR = {
    "CA": "729",
    "FL": "491.0112",
    "MN": "609.344",
    "CO": "18-3-405.5",
    "NY": "130.05",
    "TX": "22.011",
    "OH": "2907.03",
    "AZ": "32-3224",
    "IA": "709.15",
    "ND": "12.1-20-06.1",
    "SD": "22-22-28",
    "IL": "section 6",
    "MI": "750.520e",
    "ME": "253",
    "RI": "5-63.1-2",
    "VA": "54.1-2400.4",
}


@pytest.mark.parametrize(("state", "statute"), sorted(LOOKED_FOR.items()))
def test_a_statute_not_read_at_its_source_stays_a_lead_in_the_notes(
    state: str, statute: str
) -> None:
    facts = law_for(state)
    assert statute in (facts.notes or ""), state
    assert "recorded" in (facts.notes or ""), state  # and says it is not recorded as a fact


def test_new_york_is_never_told_that_consent_cannot_matter() -> None:
    """Penal Law 130.10 lets consent after an express warning be a defence in a narrow case, so
    New York's record may never say consent is no defence (its notes say why)."""
    new_york = law_for("NY")
    assert new_york.crime is None or new_york.crime.consent_is_defence is not False
    assert "130.10" in (new_york.notes or "")
