"""The shared vocabulary: the 51 state codes, the profession keys and the physician degrees.

One definition, read by every layer: the board data format (`boards.schema` re-exports it and
checks the state files against it), routing and the advocates' CLI, and the interview's choice
questions, which key their options from these tables and keep their person-facing labels here too.
It is a leaf module: it imports nothing of the package but the translation leaf
(`complaint_helper.i18n`), so every layer may read it without crossing a layer boundary
(tests/test_house_rules.py holds it to that). Keys and state names never change with the language
(board files are checked against the state names as boards publish them); the interview's labels
and explanations are lazy translations, said in the language current when they are used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from complaint_helper.i18n import lazy_gettext

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
        return str(self.summary or self.label)


Profession = Literal[
    "psychologist", "counselor", "social_worker", "mft", "psychiatrist", "psychiatric_nurse"
]

# In the order the interview offers them; the licensed ones first, as the board data lists them.
PROFESSION_TERMS: Final[tuple[ProfessionTerms, ...]] = (
    ProfessionTerms(
        "psychologist",
        lazy_gettext("Psychologist"),
        "psychologist",
        lazy_gettext("Often has a PhD or PsyD and is called Dr."),
        short="Psych",
    ),
    ProfessionTerms(
        "counselor",
        lazy_gettext("Counselor (LPC, LPCC, LMHC, LCPC or similar)"),
        "counselor",
        short="Couns",
    ),
    ProfessionTerms(
        "social_worker",
        lazy_gettext("Social worker (LCSW, LICSW or similar)"),
        "social worker",
        short="SocWk",
    ),
    ProfessionTerms(
        "mft",
        lazy_gettext("Marriage and family therapist (LMFT)"),
        "marriage and family therapist",
        short="MFT",
    ),
    ProfessionTerms(
        "psychiatrist",
        lazy_gettext("Psychiatrist"),
        "psychiatrist",
        lazy_gettext("A medical doctor (MD or DO) who may prescribe medication."),
        short="Phys",
        summary=lazy_gettext("Psychiatrist (a medical doctor, MD or DO)"),
    ),
    ProfessionTerms(
        "psychiatric_nurse",
        lazy_gettext("Psychiatric nurse practitioner (PMHNP, APRN)"),
        "psychiatric nurse practitioner",
        short="Nurse",
    ),
    ProfessionTerms(
        "other",
        lazy_gettext("Something else"),
        "professional",
        summary=lazy_gettext("another kind of professional"),
    ),
    ProfessionTerms(
        "not_sure",
        lazy_gettext("I'm not sure"),
        "professional",
        lazy_gettext("That's fine. We'll show you how to look up their license."),
        summary=lazy_gettext("not sure of their license"),
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
    """A physician's degree: the choice label, and the words for it inside a routing sentence
    ("an MD (doctor of medicine)"), each a whole phrase so a language can give it its own
    article."""

    key: str
    label: str
    words: str


DEGREE_TERMS: Final[tuple[DegreeTerms, ...]] = (
    DegreeTerms(
        "md", lazy_gettext("MD (doctor of medicine)"), lazy_gettext("an MD (doctor of medicine)")
    ),
    DegreeTerms(
        "do",
        lazy_gettext("DO (doctor of osteopathic medicine)"),
        lazy_gettext("a DO (doctor of osteopathic medicine)"),
    ),
)
DEGREE_BY_KEY: Final[dict[str, DegreeTerms]] = {d.key: d for d in DEGREE_TERMS}
DEGREES: Final[tuple[str, ...]] = tuple(d.key for d in DEGREE_TERMS)
