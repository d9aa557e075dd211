"""Shipped citations: verified ones point at the rule's own publisher or state, and scope is kept.

A citation marked verified is printed as "checked" in the complaint document, so its source must
be the code's publisher or the state's official code site, never a mirror or a law-firm page.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from complaint_helper.boards import citations_for
from complaint_helper.boards.citations import Citation, is_crime_in, load_citations

# Hosts that publish the rule itself (the publisher of an ethics code, or a state's own code site).
PRIMARY_HOSTS = {
    "American Medical Association": ("code-medical-ethics.ama-assn.org",),
    "National Association of Social Workers": ("www.socialworkers.org",),
    "Ohio": ("codes.ohio.gov",),
    "Illinois": ("ilga.gov",),
    "Wisconsin": ("docs.legis.wisconsin.gov",),
    "California": ("leginfo.legislature.ca.gov",),
    "Texas": ("statutes.capitol.texas.gov",),
    "American Psychological Association": ("www.apa.org",),
    "American Counseling Association": ("www.counseling.org",),
    "American Association for Marriage and Family Therapy": ("www.aamft.org",),
}


def _all_citations() -> list[Citation]:
    book = load_citations()
    found = [citation for entries in book.professions.values() for citation in entries]
    found += [citation for law in book.states.values() for citation, _ in law.citations]
    return found


def _allowed_hosts(authority: str) -> tuple[str, ...]:
    return next(
        (hosts for name, hosts in PRIMARY_HOSTS.items() if authority.startswith(name)),
        (),
    )


def test_every_verified_citation_was_read_on_its_publishers_own_site() -> None:
    verified = [citation for citation in _all_citations() if citation.verified]
    assert verified
    for citation in verified:
        assert citation.source is not None
        host = urlsplit(citation.source.url).hostname
        assert host in _allowed_hosts(citation.authority), (citation.authority, host)


def test_unverified_state_laws_carry_no_source() -> None:
    """A law seen only in a secondary source is never shown with a check date."""
    for law in load_citations().states.values():
        for citation, _ in law.citations:
            if not citation.verified:
                assert citation.source is None, citation.rule


def test_wisconsin_is_marked_criminal_on_its_verified_statute() -> None:
    assert is_crime_in("WI") is True
    rules = [c.rule for c in citations_for("counselor", "WI") if c.verified]
    assert any("940.22" in rule for rule in rules)


def test_states_without_a_verified_criminal_statute_stay_unknown() -> None:
    for state in ("CA", "OH", "TX", "IL"):
        assert is_crime_in(state) is None


def test_ohio_medical_board_rule_reaches_psychiatrists_only() -> None:
    psychiatrist = [c.rule for c in citations_for("psychiatrist", "OH")]
    counselor = [c.rule for c in citations_for("counselor", "OH")]
    assert "Rule 4731-26-02" in psychiatrist
    assert "Rule 4731-26-02" not in counselor


def test_california_psychology_rule_reaches_psychologists_only() -> None:
    psychologist = [c.rule for c in citations_for("psychologist", "CA")]
    mft = [c.rule for c in citations_for("mft", "CA")]
    assert any(rule.startswith("Section 2960") for rule in psychologist)
    assert not any(rule.startswith("Section 2960") for rule in mft)


def test_counselor_standards_use_the_2014_numbering() -> None:
    rules = [c.rule for c in citations_for("counselor", None)]
    assert rules == ["Standard A.5.a", "Standard A.5.c"]


def test_social_worker_citations_include_the_checked_harassment_standard() -> None:
    by_rule = {c.rule: c for c in citations_for("social_worker", None)}
    assert by_rule["Standard 1.11"].verified
    assert "electronic" in by_rule["Standard 1.11"].summary


def test_no_citation_was_checked_after_today() -> None:
    """A check date in the future would mean the date was typed, not the day the page was read."""
    for citation in _all_citations():
        if citation.source is not None:
            assert citation.source.checked_on <= date.today(), citation.rule


def test_california_sexual_exploitation_summary_keeps_the_referral_exception() -> None:
    """Section 729 reaches a former client only when no independent referral was made first."""
    (section_729,) = [c for c in citations_for("psychologist", "CA") if c.rule == "Section 729"]
    assert "referred" in section_729.summary
    assert "mainly for that purpose" in section_729.summary


def test_mft_unprofessional_conduct_rule_names_no_unconfirmed_subdivision() -> None:
    """Section 4982 was amended in 2021 and 2025; its subdivision letter was not confirmed."""
    rules = [c.rule for c in citations_for("mft", "CA") if c.rule.startswith("Section 4982")]
    assert rules == ["Section 4982 (unprofessional conduct)"]


def test_readme_states_the_shipped_citation_counts() -> None:
    readme = (
        Path(__file__).resolve().parents[2] / "complaint_helper" / "boards" / "README.md"
    ).read_text(encoding="utf-8")
    match = re.search(r"(\d+) of the (\d+) citations were checked", readme)
    assert match is not None
    citations = _all_citations()
    assert int(match.group(1)) == sum(1 for c in citations if c.verified)
    assert int(match.group(2)) == len(citations)
