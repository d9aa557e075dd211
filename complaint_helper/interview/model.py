"""The answer model: everything a person has told the interview, as plain dataclasses.

Single answers live in `Answers.values[step][field]`, keyed by the ids in `interview.steps` (the one
declarative definition of every question). Repeating things — timeline events, evidence items,
people who know — are lists of their own dataclasses. Nothing here knows about Flask or about
encryption; the repository module maps these to vault records and back.

Every value may be missing: skipping is always allowed, and a missing answer is not an error
anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from complaint_helper.interview.dates import ApproxDate

StepState = Literal["not_started", "in_progress", "done", "skipped"]
STEP_STATES: tuple[StepState, ...] = ("not_started", "in_progress", "done", "skipped")

# A single stored answer: free text, one choice, several choices, or an approximate date.
AnswerValue = str | list[str] | ApproxDate


@dataclass
class TimelineEvent:
    """One thing that happened, at a time remembered as precisely as the person can."""

    event_id: str
    when: ApproxDate = field(default_factory=ApproxDate)
    what: str = ""
    where: str = ""
    who_else: str = ""
    evidence_ids: list[str] = field(default_factory=list)


@dataclass
class EvidenceFile:
    """One encrypted copy attached to an evidence item (a screenshot, a recording, a PDF …).

    `filename` is the name the file had on the person's computer: it is shown to them, never put
    in a download name. `sha256` is the fingerprint of the original bytes, recorded when stored.
    """

    attachment_id: str
    filename: str = ""
    media_type: str = ""
    size: int | None = None
    sha256: str = ""


@dataclass
class EvidenceItem:
    """Something that shows what happened, described; with any number of encrypted copies
    attached (Dana has 600 screenshots of one conversation), in the order they were added."""

    evidence_id: str
    kind: str = ""  # a key of steps.EVIDENCE_KINDS
    description: str = ""
    when: ApproxDate = field(default_factory=ApproxDate)
    original_kept: str = ""  # where the original is kept
    files: list[EvidenceFile] = field(default_factory=list)

    def file(self, attachment_id: str) -> EvidenceFile | None:
        """The attached file with this attachment id, or None."""
        return next((f for f in self.files if f.attachment_id == attachment_id), None)


@dataclass
class PersonWhoKnows:
    """A witness, someone told at the time, or a later therapist. The name is optional."""

    person_id: str
    name: str = ""
    relation: str = ""  # a key of steps.PERSON_RELATIONS
    when_told: str = ""
    what_they_know: str = ""
    contact: str = ""


@dataclass
class Answers:
    """The whole interview for one case, as far as the person has gone."""

    values: dict[str, dict[str, AnswerValue]] = field(default_factory=dict)
    timeline: list[TimelineEvent] = field(default_factory=list)
    evidence: list[EvidenceItem] = field(default_factory=list)
    people: list[PersonWhoKnows] = field(default_factory=list)
    progress: dict[str, StepState] = field(default_factory=dict)
    chosen_boards: list[str] = field(default_factory=list)

    # Typed reads used by the review page and the document; all tolerate missing answers.
    def text(self, step: str, name: str) -> str:
        value = self.values.get(step, {}).get(name)
        return value if isinstance(value, str) else ""

    def choice(self, step: str, name: str) -> str:
        return self.text(step, name)

    def choices(self, step: str, name: str) -> list[str]:
        value = self.values.get(step, {}).get(name)
        return list(value) if isinstance(value, list) else []

    def date(self, step: str, name: str) -> ApproxDate:
        value = self.values.get(step, {}).get(name)
        return value if isinstance(value, ApproxDate) else ApproxDate()

    def set(self, step: str, name: str, value: AnswerValue) -> None:
        self.values.setdefault(step, {})[name] = value

    def state_of(self, step: str) -> StepState:
        return self.progress.get(step, "not_started")

    def sorted_timeline(self) -> list[TimelineEvent]:
        """Events in time order; events with no remembered date keep their order, at the end."""
        return sorted(self.timeline, key=lambda event: event.when.sort_key())


def value_to_json(value: AnswerValue) -> Any:
    """A stored answer as JSON-ready data (dates become tagged dicts)."""
    if isinstance(value, ApproxDate):
        return {"$date": value.to_dict()}
    return value


def value_from_json(data: Any) -> AnswerValue | None:
    """Inverse of `value_to_json`; unknown shapes are dropped (None) rather than trusted."""
    if isinstance(data, str):
        return data
    if isinstance(data, list) and all(isinstance(item, str) for item in data):
        return list(data)
    if isinstance(data, dict) and "$date" in data:
        return ApproxDate.from_dict(data["$date"])
    return None
