"""The one way a document builder reads the person's answers: a reader that knows the variant.

Every free-text answer and every text field of a list item (timeline event, evidence item, person
who knows) reaches a builder only through `AnswerReader`, which applies the variant's redaction.
List items are copied field by field over `dataclasses.fields`, so a text field added to a model
later is redacted without anyone remembering to: it cannot leak into a redacted copy. Choices and
dates (keys and numbers from the step table, never typed text) pass through unchanged.

Only answers in force are read (`interview.flow.answers_in_force`): the answers of a branch the
person switched off stay stored in the case but never reach any variant of a document.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from complaint_helper.documents.model import VARIANTS, Variant
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.flow import answers_in_force
from complaint_helper.interview.model import Answers, EvidenceItem, PersonWhoKnows, TimelineEvent

WITHHELD = "[withheld]"

_TOKEN_SPLIT = re.compile(r"[\s,;]+")

Item = TypeVar("Item", TimelineEvent, EvidenceItem, PersonWhoKnows)


@dataclass
class Redactor:
    """Replaces chosen strings (and the words of chosen names) with "[withheld]" in any text."""

    phrases: list[str] = field(default_factory=list)
    _pattern: re.Pattern[str] | None = None

    def add_name(self, name: str) -> None:
        name = name.strip()
        if not name:
            return
        self.add_phrase(name)
        for token in _TOKEN_SPLIT.split(name):
            for part in {token, *token.split("-")}:
                part = part.strip(".'\"()")
                # Two-letter words are titles and initials ("Dr", "Jr"); they identify no one.
                if len(part) >= 3:
                    self.add_phrase(part)

    def add_phrase(self, phrase: str) -> None:
        phrase = phrase.strip()
        if phrase and phrase not in self.phrases:
            self.phrases.append(phrase)
            self._pattern = None
        for line in phrase.splitlines():
            line = line.strip()
            if line and line != phrase and line not in self.phrases:
                self.phrases.append(line)
                self._pattern = None

    def __call__(self, text: str) -> str:
        if not self.phrases or not text:
            return text
        if self._pattern is None:
            ordered = sorted(self.phrases, key=len, reverse=True)
            alternatives = "|".join(re.escape(phrase) for phrase in ordered)
            self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        return self._pattern.sub(WITHHELD, text)


def _identity(text: str) -> str:
    return text


_ABOUT_YOU = "about-you"


class AnswerReader:
    """The answers in force, read as this variant may print them."""

    def __init__(self, answers: Answers, variant: Variant) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"unknown variant {variant!r}")
        self.variant: Variant = variant
        self._answers = answers_in_force(answers)
        self._redact = self._redactor()

    def _redactor(self) -> Redactor | None:
        if self.variant == "board":
            return None
        a = self._answers
        redactor = Redactor()
        redactor.add_name(a.text(_ABOUT_YOU, "name"))
        for question in ("email", "phone", "address"):
            redactor.add_phrase(a.text(_ABOUT_YOU, question))
        if self.variant == "advocate":
            for person in a.people:
                redactor.add_name(person.name)
                redactor.add_phrase(person.contact)
        return redactor

    @property
    def redacts(self) -> bool:
        """True for the copies that withhold the person's identity."""
        return self._redact is not None

    def redact(self, text: str) -> str:
        """Any text as this variant may print it."""
        return self._redact(text) if self._redact is not None else text

    # -- single answers ------------------------------------------------------------------------
    def text(self, step: str, question: str) -> str:
        """A free-text answer, stripped and redacted for this variant."""
        return self.redact(self._answers.text(step, question).strip())

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
    def _item(self, item: Item) -> Item:
        """A copy of a list item with every text field stripped and redacted."""
        changes: dict[str, Any] = {
            each.name: self.redact(value.strip())
            for each in dataclasses.fields(item)
            if isinstance(value := getattr(item, each.name), str)
        }
        return dataclasses.replace(item, **changes)

    def timeline(self) -> list[TimelineEvent]:
        """Events in time order (undated ones at the end, in the order given)."""
        events = sorted(self._answers.timeline, key=lambda event: event.when.sort_key())
        return [self._item(event) for event in events]

    def evidence(self) -> list[EvidenceItem]:
        return [self._item(item) for item in self._answers.evidence]

    def people(self) -> list[PersonWhoKnows]:
        people = [self._item(person) for person in self._answers.people]
        if self.variant == "advocate":
            people = [
                dataclasses.replace(
                    person,
                    name=WITHHELD,
                    contact=WITHHELD if person.contact else "",
                )
                for person in people
            ]
        return people


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
        if self.mode == "withheld":
            return (("Name", WITHHELD), ("Address", WITHHELD), ("Email", WITHHELD),
                    ("Phone", WITHHELD))
        if self.mode == "blank":
            return (("Name", BLANK), ("Address", BLANK), ("", BLANK), ("Email", BLANK),
                    ("Phone", BLANK))
        rows = [("Name", self.name or BLANK)]
        rows.append(("Address", self.address or BLANK))
        if self.email:
            rows.append(("Email", self.email))
        if self.phone:
            rows.append(("Phone", self.phone))
        if self.contact_notes:
            rows.append(("About contacting me", self.contact_notes))
        return tuple(rows)

    @property
    def signature_name(self) -> str:
        if self.mode == "withheld":
            return WITHHELD
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
