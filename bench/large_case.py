"""The synthetic large case: answers as a survivor with a long history might give them.

Deterministic (a seeded `random.Random`), fictional (a composite like tests/stories.py: no real
person, obviously invented names), and realistic in shape: approximate dates of every precision,
sentences of ordinary length, some lines in Spanish and Greek and an emoji, as in Priya's story,
so the PDF's font fallback is exercised. `write_case` saves it into an unlocked vault case the
way the interview does, one record per step or item, attachments streamed through the vault.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from complaint_helper.boards import route_to_boards
from complaint_helper.interview import repository
from complaint_helper.interview.dates import SEASONS, ApproxDate
from complaint_helper.interview.model import (
    Answers,
    EvidenceFile,
    EvidenceItem,
    PersonWhoKnows,
    TimelineEvent,
)
from complaint_helper.interview.steps import EVIDENCE_KINDS, STEPS
from complaint_helper.vault import UnlockedCase
from tests.stories import make_maya

SEED = 20261122
# A fictional passphrase for the synthetic cases (same words as the test suite uses).
PASSPHRASE = "lantern orchard velvet harbor"  # noqa: S105


@dataclass(frozen=True)
class CaseSize:
    """How large the case is: the issue's large case is `CaseSize()`."""

    events: int = 300
    evidence: int = 100
    account_words: int = 50_000
    attachments: int = 20
    attachment_bytes: int = 5 * 1024 * 1024
    people: int = 12


EMPTY = CaseSize(events=0, evidence=0, account_words=0, attachments=0, people=0)

_SENTENCES = (
    "He told me I was not like his other clients.",
    "The sessions moved to the last slot of the evening and ran long.",
    "I remember the room, the lamp by the window and how quiet the building was.",
    "He stopped charging me after the fourth month and said it was because I was special.",
    "He started texting me late at night, at first about appointments and then not.",
    "At the end of each session he hugged me, and the hugs became longer.",
    "He talked about his unhappy marriage and said his wife did not understand him.",
    "I did not know whether this was normal, and I had no one to ask.",
    "He said what happened in the room was ours and nobody else would understand it.",
    "I told myself it was my fault for going back every week.",
    "I wrote it down in my journal that night so I would not forget the date.",
    "He commented on what I was wearing and said I looked tired without him.",
    "He asked me not to mention our messages to my sister.",
    "I felt frozen and could not find the words to say no.",
    "He suggested we meet at a café near his office instead of the clinic.",
    "Afterwards he behaved as if nothing had happened and charged the session as usual.",
    "I stopped going, and I did not see a therapist again for a long time.",
    "My current therapist helped me understand that the responsibility was his.",
)
_OTHER_LANGUAGES = (
    "No recuerdo la fecha exacta; él se llamaba Σωκράτης, creo. 🌧️",
    "Mi hermana dijo que no era culpa mía.",
)
_EVENTS = (
    "He texted me after midnight",
    "Session moved to 7 pm",
    "He waived the fee again",
    "Long hug at the end of the session",
    "He talked about his marriage",
    "Comment about my body",
    "He asked to meet outside the office",
    "Kiss at the end of the session",
    "Sexual contact in his office",
    "I cancelled and he called me at home",
    "He gave me a card",
    "I told my sister",
)
_PLACES = ("His office", "By text", "A café near the clinic", "By video", "On the phone", "")
_EVIDENCE = (
    "Screenshots of text messages from him",
    "Bank statements showing the payments stopped",
    "A birthday card he gave me",
    "My journal from that year",
    "Emails about moving the session time",
    "Appointment reminders from the clinic's portal",
    "Photos of the gifts he left",
    "Insurance statements for the sessions",
)
_RELATIONS = ("witness", "told_at_time", "later_therapist", "other")


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.04:
        return rng.choice(_OTHER_LANGUAGES)
    return rng.choice(_SENTENCES)


def account_text(rng: random.Random, words: int) -> str:
    """About `words` words of first-person account in paragraphs of three to eight sentences."""
    paragraphs: list[str] = []
    count = 0
    while count < words:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(3, 8)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


def _when(rng: random.Random) -> ApproxDate:
    year = rng.randint(2019, 2023)
    pick = rng.random()
    if pick < 0.3:
        return ApproxDate.exact(year, rng.randint(1, 12), rng.randint(1, 28))
    if pick < 0.6:
        return ApproxDate.of_month(year, rng.randint(1, 12), circa=rng.random() < 0.3)
    if pick < 0.8:
        return ApproxDate.of_season(year, rng.choice(SEASONS), circa=rng.random() < 0.3)
    if pick < 0.95:
        return ApproxDate.of_year(year, circa=True)
    return ApproxDate()


def timeline(rng: random.Random, count: int, evidence_ids: list[str]) -> list[TimelineEvent]:
    events: list[TimelineEvent] = []
    for index in range(count):
        linked = rng.sample(evidence_ids, k=min(len(evidence_ids), rng.randint(0, 2)))
        events.append(
            TimelineEvent(
                event_id=f"ev{index:05d}",
                when=_when(rng),
                what=f"{rng.choice(_EVENTS)}. {_sentence(rng)}",
                where=rng.choice(_PLACES),
                who_else="Nobody else was there" if rng.random() < 0.2 else "",
                evidence_ids=linked,
            )
        )
    return events


def evidence(rng: random.Random, count: int) -> list[EvidenceItem]:
    kinds = [choice.key for choice in EVIDENCE_KINDS]
    return [
        EvidenceItem(
            evidence_id=f"ex{index:05d}",
            kind=rng.choice(kinds),
            description=rng.choice(_EVIDENCE),
            when=_when(rng),
            original_kept=rng.choice(("On my phone", "In a box at home", "In my email", "")),
        )
        for index in range(count)
    ]


def people(rng: random.Random, count: int) -> list[PersonWhoKnows]:
    return [
        PersonWhoKnows(
            person_id=f"pp{index:05d}",
            name=f"Example Person {index + 1}" if rng.random() < 0.7 else "",
            relation=rng.choice(_RELATIONS),
            when_told=f"{rng.choice(SEASONS).title()} {rng.randint(2020, 2024)}",
            what_they_know=_sentence(rng),
            contact="person@example.org" if rng.random() < 0.5 else "",
        )
        for index in range(count)
    ]


def make_answers(size: CaseSize, *, seed: int = SEED) -> Answers:
    """The large case's answers (attachments not included: `write_case` adds those)."""
    rng = random.Random(seed)
    if size == EMPTY:
        return Answers()
    # Maya's story (tests/stories.py), with generated text and lists of the large case's size.
    a = make_maya()
    a.set("your-account", "account", account_text(rng, size.account_words))
    a.evidence = evidence(rng, size.evidence)
    a.timeline = timeline(rng, size.events, [item.evidence_id for item in a.evidence])
    a.people = people(rng, size.people)
    a.set("impact", "impact", account_text(rng, min(600, size.account_words)))
    a.progress = {step.slug: "done" for step in STEPS if step.kind != "review"}
    a.chosen_boards = [routed.board.id for routed in route_to_boards("CA", "psychologist").boards]
    return a


def attachment_bytes(seed: int, size: int) -> bytes:
    """Incompressible bytes standing in for a photo or a screenshot."""
    return random.Random(seed).randbytes(size)


def write_case(case: UnlockedCase, size: CaseSize, *, seed: int = SEED) -> Answers:
    """Save the large case into `case` as the interview would; returns the answers written."""
    answers = make_answers(size, seed=seed)
    for index, item in enumerate(answers.evidence[: size.attachments]):
        info = case.add_attachment(
            io.BytesIO(attachment_bytes(seed + index, size.attachment_bytes)),
            filename=f"screenshot-{index + 1:02d}.png",
            media_type="image/png",
        )
        item.files = [
            EvidenceFile(info.attachment_id, info.filename, info.media_type, info.size, info.sha256)
        ]
    repository.save_answers(case, answers)
    return answers
