"""The shared vocabulary: the 51 state codes, the profession keys and the physician degrees.

One definition, read by every layer: the board data format (`boards.schema` re-exports it and
checks the state files against it), routing and the advocates' CLI, and the interview's choice
questions, which key their options from these tables and keep their person-facing labels here too.
It is a leaf module: it imports nothing of the package, so every layer may read it without
crossing a layer boundary (tests/test_house_rules.py holds it to that).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

StateCode = str

STATES: Final[dict[StateCode, str]] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip


@dataclass(frozen=True)
class ProfessionTerms:
    """Everything said about one kind of professional, wherever it is said.

    `label` and `explanation` are the interview's choice (person-facing); `noun` goes inside routing
    sentences ("a board for a social worker"); `summary` is the CLI's "Professional:" line; `short`
    is the CLI coverage column (licensed professions only).
    """

    key: str
    label: str
    noun: str
    explanation: str = ""
    short: str = ""
    summary: str = ""

    @property
    def licensed(self) -> bool:
        """A license with its own boards (not "something else" or "not sure")."""
        return bool(self.short)

    @property
    def described(self) -> str:
        return self.summary or self.label


Profession = Literal[
    "psychologist", "counselor", "social_worker", "mft", "psychiatrist", "psychiatric_nurse"
]

# In the order the interview offers them; the licensed ones first, as the board data lists them.
PROFESSION_TERMS: Final[tuple[ProfessionTerms, ...]] = (
    ProfessionTerms(
        "psychologist",
        "Psychologist",
        "psychologist",
        "Often has a PhD or PsyD and is called Dr.",
        short="Psych",
    ),
    ProfessionTerms(
        "counselor",
        "Counselor (LPC, LPCC, LMHC, LCPC or similar)",
        "counselor",
        short="Couns",
    ),
    ProfessionTerms(
        "social_worker", "Social worker (LCSW, LICSW or similar)", "social worker", short="SocWk"
    ),
    ProfessionTerms(
        "mft", "Marriage and family therapist (LMFT)", "marriage and family therapist", short="MFT"
    ),
    ProfessionTerms(
        "psychiatrist",
        "Psychiatrist",
        "psychiatrist",
        "A medical doctor (MD or DO) who may prescribe medication.",
        short="Phys",
        summary="Psychiatrist (a medical doctor, MD or DO)",
    ),
    ProfessionTerms(
        "psychiatric_nurse",
        "Psychiatric nurse practitioner (PMHNP, APRN)",
        "psychiatric nurse practitioner",
        short="Nurse",
    ),
    ProfessionTerms(
        "other", "Something else", "professional", summary="another kind of professional"
    ),
    ProfessionTerms(
        "not_sure",
        "I'm not sure",
        "professional",
        "That's fine. We'll show you how to look up their license.",
        summary="not sure of their license",
    ),
)
PROFESSION_BY_KEY: Final[dict[str, ProfessionTerms]] = {p.key: p for p in PROFESSION_TERMS}
# The licensed professions: the keys a board file may list.
PROFESSIONS: Final[tuple[Profession, ...]] = tuple(
    p.key  # type: ignore[misc]
    for p in PROFESSION_TERMS
    if p.licensed
)
# Everything routing accepts: the licensed professions and the two uncertain answers.
UNCERTAIN_PROFESSIONS: Final[tuple[str, ...]] = tuple(
    p.key for p in PROFESSION_TERMS if not p.licensed
)
ROUTABLE_PROFESSIONS: Final[tuple[str, ...]] = (*PROFESSIONS, *UNCERTAIN_PROFESSIONS)


@dataclass(frozen=True)
class DegreeTerms:
    """A physician's degree: the choice label, and the label with its article for sentences."""

    key: str
    label: str
    article: str

    @property
    def words(self) -> str:
        """ "an MD (doctor of medicine)", for a routing sentence."""
        return f"{self.article} {self.label}"


DEGREE_TERMS: Final[tuple[DegreeTerms, ...]] = (
    DegreeTerms("md", "MD (doctor of medicine)", "an"),
    DegreeTerms("do", "DO (doctor of osteopathic medicine)", "a"),
)
DEGREE_BY_KEY: Final[dict[str, DegreeTerms]] = {d.key: d for d in DEGREE_TERMS}
DEGREES: Final[tuple[str, ...]] = tuple(d.key for d in DEGREE_TERMS)
