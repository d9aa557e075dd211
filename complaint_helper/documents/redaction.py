"""The one way a document builder reads the person's answers: a reader that knows the variant.

Every free-text answer and every text field of a list item (timeline event, evidence item and its
files, person who knows) reaches a builder only through `AnswerReader`, which normalises line
breaks of every kind and applies the variant's redaction. List items are copied field by field
over `dataclasses.fields` (nested items and lists too), so a text field added to a model later is
redacted without anyone remembering to: it cannot leak into a redacted copy. Choices and dates
(keys and numbers from the step table, never typed text) pass through unchanged.

Redaction by roles, not by words (the advocate copy and the anonymous draft):
- each person is replaced by their role ("[someone I told at the time]"); the person's own name
  becomes "[my name]"; the professional stays named;
- every contact detail is dropped: the person's and every listed person's email, phone and
  address wherever they appear, and any email address or US-style phone number in free text;
- a word typed capitalised into a name field ("Dana") is withheld in any case; a word typed in
  lower case ("son", "grief") only where the text writes it as a name: "son" or "grief" in a name
  field never blanks "my son" or "grief counselling" in a sentence.

Only answers in force are read (`interview.flow.answers_in_force`): the answers of a branch the
person switched off stay stored in the case but never reach any variant of a document.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from complaint_helper.documents.model import VARIANTS, Variant
from complaint_helper.i18n import _, gettext, lazy_gettext
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.flow import answers_in_force
from complaint_helper.interview.items import EVIDENCE, PERSON, TIMELINE
from complaint_helper.interview.model import Answers, EvidenceItem, PersonWhoKnows, TimelineEvent

# The marks a redacted copy prints, as lazy strings: each is text in the language current where it
# is used (a document is built under its language), so `str(WITHHELD)` or an f-string gives it.
WITHHELD = lazy_gettext("[withheld]")
MY_NAME = lazy_gettext("[my name]")
CONTACT_REMOVED = lazy_gettext("[contact details removed]")

# How a redacted copy names a person who knows, by their relation (keys of steps.PERSON_RELATIONS).
PERSON_ROLES: dict[str, str] = {
    "witness": lazy_gettext("someone who saw or heard something"),
    "told_at_time": lazy_gettext("someone I told at the time"),
    "later_therapist": lazy_gettext("a later therapist or doctor"),
    "other": lazy_gettext("someone who knows"),
}
_UNKNOWN_ROLE = lazy_gettext("someone I listed")

# Titles and small words in a name field that identify no one.
_NOT_NAMES = frozenset(
    {
        "dr",
        "mr",
        "mrs",
        "ms",
        "mx",
        "miss",
        "jr",
        "sr",
        "prof",
        "the",
        "and",
        "of",
        "my",
        "her",
        "his",
        "their",
        "a",
        "an",
        "de",
        "la",
        "le",
        "van",
        "von",
        "der",
        "del",
        "da",
        "di",
    }
)
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W\d_])?")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_US_PHONE = re.compile(
    r"(?<!\w)(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?!\w)"
    r"|(?<!\w)\d{3}[\s.-]\d{4}(?!\w)"
)
_NEWLINES = re.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")

Item = TypeVar("Item", TimelineEvent, EvidenceItem, PersonWhoKnows)


def normalise_newlines(text: str) -> str:
    """Line breaks of every kind (CR LF, CR, NEL, line and paragraph separators) as "\\n"."""
    return _NEWLINES.sub("\n", text)


def _digits_pattern(digits: str) -> str:
    return r"(?<!\d)" + r"[\s().+-]*".join(re.escape(digit) for digit in digits) + r"(?!\d)"


@dataclass
class Redactor:
    """Replaces names with roles and contact details with a mark, in any text.

    Whole phrases (a full name as typed, a name word typed capitalised, an address line, an
    email) match in any case; name words typed in lower case match only where written as a name
    (capitalised or in capitals); phone numbers match by their digits whatever the punctuation.
    `keep` phrases (the professional's name) are never replaced."""

    _phrases: dict[str, str] = field(default_factory=dict)  # casefolded phrase → replacement
    _words: dict[str, str] = field(default_factory=dict)  # exact word → replacement
    _digits: dict[str, str] = field(default_factory=dict)  # digits → replacement
    _keep: set[str] = field(default_factory=set)
    _pattern: re.Pattern[str] | None = None

    def add_name(self, name: str, replacement: str) -> None:
        name = " ".join(normalise_newlines(name).split())
        if not name:
            return
        words = [word for word in _TOKEN.findall(name) if word.casefold() not in _NOT_NAMES]
        if len(words) > 1 or name != name.casefold():
            self._add(self._phrases, name.casefold(), replacement)
        for word in words:
            for part in {word, *word.split("-")}:
                part = part.strip(".'’")
                if len(part) < 2 or part.casefold() in _NOT_NAMES:
                    continue
                if part[:1].isupper():
                    # Typed as a name in the name field: withheld in any case ("dana", "DANA").
                    self._add(self._phrases, part.casefold(), replacement)
                    continue
                # Typed in lower case ("son", "leader"): an ordinary word, withheld only where
                # the text writes it as a name.
                for form in (part[:1].upper() + part[1:], part.upper()):
                    self._add(self._words, form, replacement)

    def add_contact(self, contact: str, replacement: str = "") -> None:
        replacement = replacement or str(CONTACT_REMOVED)
        contact = normalise_newlines(contact)
        for line in [contact, *contact.split("\n")]:
            line = " ".join(line.split()).strip(" ,;")
            if len(line) < 3:
                continue
            self._add(self._phrases, line.casefold(), replacement)
            digits = re.sub(r"\D", "", line)
            if len(digits) >= 7 and len(digits) * 2 >= len(re.sub(r"\s", "", line)):
                # With and without the country code, and the local number alone.
                for tail in (digits, digits[-10:], digits[-7:]):
                    self._add(self._digits, tail, replacement)

    def keep(self, phrase: str) -> None:
        phrase = " ".join(normalise_newlines(phrase).split())
        if phrase:
            self._keep.add(phrase.casefold())
            self._pattern = None

    def _add(self, table: dict[str, str], key: str, replacement: str) -> None:
        if key and key not in table:
            table[key] = replacement
            self._pattern = None

    def _compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            alternatives: list[tuple[int, str]] = []
            for phrase in (*self._phrases, *self._keep):
                words = [re.escape(word) for word in phrase.split(" ")]
                alternatives.append((len(phrase), "(?i:" + r"\s+".join(words) + ")"))
            alternatives.extend((len(word), re.escape(word)) for word in self._words)
            alternatives.extend((len(digits), _digits_pattern(digits)) for digits in self._digits)
            alternatives.sort(key=lambda pair: pair[0], reverse=True)
            body = "|".join(pattern for _, pattern in alternatives) or r"(?!x)x"
            self._pattern = re.compile(
                rf"(?<!\w)(?:{body})(?!\w)|{_EMAIL.pattern}|"
                rf"{_US_PHONE.pattern}"
            )
        return self._pattern

    def _replacement(self, match: re.Match[str]) -> str:
        found = match.group(0)
        folded = " ".join(found.split()).casefold()
        if folded in self._keep:
            return found
        if folded in self._phrases:
            return self._phrases[folded]
        if found in self._words:
            return self._words[found]
        digits = re.sub(r"\D", "", found)
        if digits in self._digits:
            return self._digits[digits]
        return str(CONTACT_REMOVED)

    def __call__(self, text: str) -> str:
        if not text:
            return text
        return self._compiled().sub(self._replacement, text)


_ABOUT_YOU = "about-you"


def person_roles(people: list[PersonWhoKnows]) -> list[str]:
    """How a redacted copy names each person: their role, numbered when two share one."""
    roles = [str(PERSON_ROLES.get(person.relation, _UNKNOWN_ROLE)) for person in people]
    return [
        gettext("%(role)s (person %(number)s)", role=role, number=number)
        if roles.count(role) > 1
        else role
        for number, role in enumerate(roles, start=1)
    ]


class AnswerReader:
    """The answers in force, read as this variant may print them."""

    def __init__(self, answers: Answers, variant: Variant) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"unknown variant {variant!r}")
        self.variant: Variant = variant
        self._answers = answers_in_force(answers)
        self._roles = person_roles(self._answers.people)
        self._redact = self._redactor()

    def _redactor(self) -> Redactor | None:
        if self.variant == "board":
            return None
        a = self._answers
        redactor = Redactor()
        # The professional stays named.
        redactor.keep(a.text("professional", "name"))
        redactor.add_name(a.text(_ABOUT_YOU, "name"), str(MY_NAME))
        for question in ("email", "phone", "address", "contact_notes"):
            redactor.add_contact(a.text(_ABOUT_YOU, question))
        for person, role in zip(a.people, self._roles, strict=True):
            redactor.add_name(person.name, f"[{role}]")
            redactor.add_contact(person.contact)
        return redactor

    @property
    def redacts(self) -> bool:
        """True for the copies that withhold the identity of the person and the people listed."""
        return self._redact is not None

    def redact(self, text: str) -> str:
        """Any text as this variant may print it (line breaks normalised in every variant)."""
        text = normalise_newlines(text)
        return self._redact(text) if self._redact is not None else text

    # -- single answers ------------------------------------------------------------------------
    def text(self, step: str, question: str) -> str:
        """A free-text answer, stripped and redacted for this variant."""
        return self.redact(self._answers.text(step, question)).strip()

    def long_text(self, step: str, question: str) -> str:
        """A long free-text answer (an account), redacted but otherwise exactly as written."""
        return self.redact(self._answers.text(step, question))

    def choice(self, step: str, question: str) -> str:
        """A choice key from the step table (never typed text)."""
        return self._answers.choice(step, question)

    def choices(self, step: str, question: str) -> list[str]:
        return self._answers.choices(step, question)

    def date(self, step: str, question: str) -> ApproxDate:
        return self._answers.date(step, question)

    # -- list items ----------------------------------------------------------------------------
    def _value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.redact(value).strip()
        if isinstance(value, list):
            return [self._value(each) for each in value]
        if dataclasses.is_dataclass(value) and not isinstance(value, type | ApproxDate):
            return self._item(value)
        return value

    def _item(self, item: Any) -> Any:
        """A copy of a list item with every text field (nested ones too) stripped and redacted."""
        changes = {
            each.name: self._value(getattr(item, each.name)) for each in dataclasses.fields(item)
        }
        return dataclasses.replace(item, **changes)

    def timeline(self) -> list[TimelineEvent]:
        """Events in time order (undated ones at the end, in the order given)."""
        events = sorted(self._answers.timeline, key=lambda event: event.when.sort_key())
        return [self._item(event) for event in events]

    def evidence(self) -> list[EvidenceItem]:
        return [self._item(item) for item in self._answers.evidence]

    def people(self) -> list[PersonWhoKnows]:
        """The people who know; in a redacted copy, with no name and no contact (see `role`)."""
        people = [self._item(person) for person in self._answers.people]
        if self.redacts:
            people = [dataclasses.replace(person, name="", contact="") for person in people]
        return people

    def items(self, kind: str) -> list[Any]:
        """The items of one list (`interview.items` record kind), as the methods above give
        them."""
        lists: dict[str, Callable[[], list[Any]]] = {
            TIMELINE: self.timeline,
            EVIDENCE: self.evidence,
            PERSON: self.people,
        }
        return lists[kind]()

    def role(self, index: int) -> str:
        """How a redacted copy names the person at this index of the people list."""
        return self._roles[index]


# ------------------------------------------------------------------------------------------------
# Who is complaining, as each variant shows it

BLANK = "_" * 32
_STEP_YOU = _ABOUT_YOU


@dataclass(frozen=True)
class Complainant:
    """What the complainant blocks show: real details, "[withheld]", or blanks."""

    mode: Literal["details", "withheld", "blank"]
    name: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    contact_notes: str = ""

    def rows(self) -> tuple[tuple[str, str], ...]:
        name, address, email, phone = _("Name"), _("Address"), _("Email"), _("Phone")
        if self.mode == "withheld":
            withheld = str(WITHHELD)
            return ((name, withheld), (address, withheld), (email, withheld), (phone, withheld))
        if self.mode == "blank":
            return ((name, BLANK), (address, BLANK), ("", BLANK), (email, BLANK), (phone, BLANK))
        rows = [(name, self.name or BLANK)]
        rows.append((address, self.address or BLANK))
        if self.email:
            rows.append((email, self.email))
        if self.phone:
            rows.append((phone, self.phone))
        if self.contact_notes:
            rows.append((_("About contacting me"), self.contact_notes))
        return tuple(rows)

    @property
    def signature_name(self) -> str:
        if self.mode == "withheld":
            return str(WITHHELD)
        if self.mode == "blank":
            return ""
        return self.name


def complainant_for(reader: AnswerReader) -> Complainant:
    """The advocate copy withholds the person, the anonymous draft leaves blanks to fill in by
    hand, and the board draft gives the details unless the person chose to add them later."""
    if reader.variant == "advocate":
        return Complainant("withheld")
    if reader.variant == "anonymous":
        return Complainant("blank")
    name, email, phone, address, notes = (
        reader.text(_STEP_YOU, question)
        for question in ("name", "email", "phone", "address", "contact_notes")
    )
    wants_details = reader.choice(_STEP_YOU, "identity") != "later"
    if not wants_details or not (name or email or phone or address):
        return Complainant("blank")
    return Complainant("details", name, address, email, phone, notes)
