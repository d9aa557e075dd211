"""Help beyond the board, and time limits from the person's own dates: the one definition.

Every page, the `boards` command and the "How to file" guide read this module, so the police,
lawyer, employer, later-therapist and support paragraphs are written once. The law in them comes
from the state's law file (boards.law): the police paragraph says a state makes it a crime only
where the statute was read at its source, and says consent is no defence only where that statute
says so. Where the law could not be confirmed the words say so, and never suggest that a client's
"yes" decides anything.

Time limits are counted from the person's own dates, approximate ones included ("from your dates,
about May 2028"), always with the source and "confirm with the board"; never "too late", never
advice. Each support service carries where it was checked and when.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from complaint_helper.boards.law import StateLawFacts, TimeLimit, law_for
from complaint_helper.boards.schema import STATES, Board, Source
from complaint_helper.interview.dates import MONTH_NAMES, ApproxDate


@dataclass(frozen=True)
class SupportService:
    name: str
    what: str
    url: str | None
    phone: str | None
    phone_href: str | None
    source_url: str
    checked_on: date


SUPPORT_SERVICES: tuple[SupportService, ...] = (
    SupportService(
        name="TELL (Therapy Exploitation Link Line)",
        what="Support and resources for people exploited by a therapist or other health worker.",
        # The stored copy of TELL's own site was served over http; no https copy was seen.
        url="http://therapyabuse.org/",
        phone=None,
        phone_href=None,
        source_url="http://therapyabuse.org/about_us.htm",
        checked_on=date(2026, 11, 22),
    ),
    SupportService(
        name="RAINN National Sexual Assault Hotline",
        what="Free, confidential support, day and night, from a local sexual assault service.",
        url="https://rainn.org/get-help/national-sexual-assault-hotline",
        phone="800-656-4673 (800-656-HOPE)",
        phone_href="tel:+18006564673",
        source_url="https://rainn.org/get-help/national-sexual-assault-hotline",
        checked_on=date(2026, 11, 22),
    ),
)

# The avenues, in the order they are offered; `WISH_AVENUES` maps a "What you would like to do"
# choice to the avenues it asks about.
AVENUE_KEYS: tuple[str, ...] = (
    "employer", "police", "lawyer", "later_therapist", "ethics_committee", "support",
)  # fmt: skip
WISH_AVENUES: dict[str, tuple[str, ...]] = {
    "police": ("police",),
    "attorney": ("lawyer",),
    "ethics_committee": ("ethics_committee",),
    "support": ("support", "later_therapist"),
}
NOT_ADVICE = "This is information, not legal advice."


@dataclass(frozen=True)
class Avenue:
    """One place besides the board: a title, a plain paragraph, and the pages its law came from."""

    key: str
    title: str
    text: str
    sources: tuple[Source, ...] = ()

    @property
    def line(self) -> str:
        """The avenue as one line, for lists (the boards page, the command)."""
        return f"{self.title}: {self.text}"


def other_avenues(state: str | None) -> tuple[Avenue, ...]:
    """Every avenue for the person's state (general words where the state is not known)."""
    facts = _facts(state)
    return (
        Avenue(
            "employer",
            "The clinic, practice or employer",
            "Many have their own complaints process, and they may be able to stop the "
            "professional seeing clients while they look into it.",
        ),
        _police(facts),
        _lawyer(facts),
        _later_therapist(facts),
        Avenue(
            "ethics_committee",
            "A professional association's ethics committee",
            "If the professional is a member of a professional association, its ethics "
            "committee may take a complaint too.",
        ),
        Avenue(
            "support",
            "Support for you",
            " ".join(f"{service.name}: {service.what}" for service in SUPPORT_SERVICES)
            + " A local rape crisis centre or victim advocate can also help, including with "
            "the board.",
        ),
    )


def avenues_for_wishes(
    state: str | None, wishes: Sequence[str]
) -> tuple[tuple[Avenue, ...], tuple[Avenue, ...]]:
    """(the avenues the person asked about, in their order; all the others)."""
    wanted = [key for wish in wishes for key in WISH_AVENUES.get(wish, ())]
    avenues = other_avenues(state)
    asked = tuple(avenue for avenue in avenues if avenue.key in wanted)
    return asked, tuple(avenue for avenue in avenues if avenue.key not in wanted)


def avenue_lines(state: str | None) -> tuple[str, ...]:
    return tuple(avenue.line for avenue in other_avenues(state))


def _facts(state: str | None) -> StateLawFacts | None:
    code = (state or "").strip().upper()
    return law_for(code) if code in STATES else None


def _police(facts: StateLawFacts | None) -> Avenue:
    title = "The police"
    if facts is None:
        return Avenue(
            "police",
            title,
            "In many states sexual contact between a therapist and a client is a crime in "
            "itself, even if the client agreed at the time. The police or a victim advocate can "
            "tell you what the law is where you were. You do not need to be sure before you ask.",
        )
    crime = facts.crime
    if crime is None:
        return Avenue(
            "police",
            title,
            f"We could not confirm whether {facts.state_name}'s law makes sexual contact between "
            "a therapist and a client a crime in itself. In many states it is, even if the client "
            "agreed at the time. The police or a victim advocate can tell you; you do not need "
            "to be sure before you ask.",
        )
    if not crime.is_crime:
        return Avenue(
            "police",
            title,
            f"We found no {facts.state_name} law that makes it a crime in itself ({crime.statute})."
            " Other laws on sexual offences may still apply, and the police or a victim advocate "
            "can tell you.",
            (crime.source,),
        )
    text = (
        # The summary says which acts and which professionals the statute names: some name
        # only intercourse, or only licensed professions, so this sentence claims no more.
        f"In {facts.state_name}, a criminal law covers sexual contact between a therapist and "
        f"a client: {crime.statute}. {crime.summary}"
    )
    if crime.consent_is_defence is False:
        text += " Under this law it does not matter whether you agreed at the time."
    text += " You can report it to the police, and a victim advocate can go with you."
    return Avenue("police", title, text, (crime.source,))


def _lawyer(facts: StateLawFacts | None) -> Avenue:
    title = "A lawyer"
    civil = facts.civil if facts is not None else None
    if facts is None or civil is None:
        return Avenue(
            "lawyer",
            title,
            "A lawyer who handles civil claims can tell you whether you could bring a claim for "
            "the harm done to you. Claims have time limits, so it helps to ask early. Many "
            "lawyers offer a free first conversation.",
        )
    text = f"{facts.state_name} has a law for claims like this: {civil.statute}. {civil.summary}"
    if civil.former_clients:
        text += f" {civil.former_clients}"
    sources = [civil.source]
    limits = [limit for limit in facts.limits if limit.kind == "civil"]
    if limits:
        text += " " + " ".join(f"Time limit: \u201c{limit.words}\u201d" for limit in limits)
        sources += [limit.source for limit in limits]
    else:
        text += (
            " We could not confirm the time limit for such a claim; a lawyer can tell you, and "
            "it helps to ask early."
        )
    text += " A lawyer who handles civil claims can tell you whether it fits what happened."
    return Avenue("lawyer", title, text, tuple(sources))


def _later_therapist(facts: StateLawFacts | None) -> Avenue:
    title = "A new therapist"
    text = (
        "A new therapist can support you while you decide what to do and while a complaint goes "
        "on. You can tell them as much or as little as you want."
    )
    duty = facts.later_therapist if facts is not None else None
    if facts is None or duty is None:
        return Avenue("later_therapist", title, text)
    return Avenue(
        "later_therapist",
        title,
        f"{text} In {facts.state_name}, the law says what they must do: {duty.duty} "
        f"({duty.statute}).",
        (duty.source,),
    )


# -- time limits ----------------------------------------------------------------------------------
ASK_EARLY = (
    "Most time limits restrict when a board may act, not when you may complain. If you are not "
    "sure whether a limit applies to you, you can still file and ask the board. It helps to ask "
    "early."
)


@dataclass(frozen=True)
class LimitNote:
    """One time limit as the person reads it: a sentence from their dates, and its source."""

    heading: str
    text: str
    source: Source | None


def time_limit_notes(
    state: str | None,
    boards: Sequence[Board],
    ended: ApproxDate | None,
    *,
    ongoing: bool,
    today: date,
) -> tuple[LimitNote, ...]:
    """Each known limit counted from the person's own end date, or plain words where unknown."""
    facts = _facts(state)
    notes: list[LimitNote] = []
    limits = facts.limits_for([board.id for board in boards]) if facts is not None else ()
    for board in boards:
        own = [limit for limit in limits if limit.board_id == board.id]
        if not own:
            notes.append(
                LimitNote(
                    board.name,
                    "We could not confirm a time limit for complaints to this board. Please "
                    "ask the board early. " + ASK_EARLY.split(". ")[0] + ".",
                    None,
                )
            )
        for limit in own:
            notes.append(
                LimitNote(board.name, _limit_sentence(limit, ended, ongoing, today), limit.source)
            )
    for limit in limits:
        if limit.kind != "board":
            heading = "A civil claim" if limit.kind == "civil" else "A criminal case"
            notes.append(
                LimitNote(heading, _limit_sentence(limit, ended, ongoing, today), limit.source)
            )
    if facts is not None and not any(limit.kind == "civil" for limit in limits):
        notes.append(
            LimitNote(
                "A civil claim",
                f"We could not confirm the time limit for a civil claim in {facts.state_name}. "
                "A lawyer can tell you; it helps to ask early.",
                None,
            )
        )
    return tuple(notes)


def _limit_sentence(limit: TimeLimit, ended: ApproxDate | None, ongoing: bool, today: date) -> str:
    words = f"In its own words: \u201c{limit.words}\u201d"
    confirm = (
        " Please confirm with the board how it counts this for you."
        if (limit.kind == "board")
        else " A lawyer can tell you how it is counted for you."
    )
    if limit.no_limit:
        return (
            "The board says there is no time limit for complaints of sexual misconduct. "
            + words
            + confirm
        )
    what = f"{limit.years} years" if limit.years else "a time limit"
    scope = " for complaints of sexual misconduct" if limit.sexual_misconduct else ""
    counted = " after services end" if limit.runs_from == "services_ended" else ""
    opening = f"The limit{scope} is {what}{counted}."
    if ongoing:
        return (
            f"{opening} Your sessions are still going on, so this limit has not started to run. "
            + words
            + confirm
        )
    start = ended.earliest() if ended is not None and ended.is_known else None
    runs_to = limit.runs_to(start) if start is not None else None
    if runs_to is None or ended is None:
        return (
            f"{opening} You did not give the date your sessions ended, so we cannot count it "
            "from your dates. " + words + confirm + " " + ASK_EARLY
        )
    when = _describe(runs_to, ended)
    if runs_to < today:
        reach = (
            f"Counted from your dates, it would have run to {when}. Limits often have "
            "exceptions, and only the board can say how this one applies: you can still file "
            "and ask."
        )
    else:
        reach = f"Counted from your dates, it runs to {when}."
    return f"{opening} {reach} " + words + confirm


def _describe(day: date, ended: ApproxDate) -> str:
    """The date a limit runs to, only as precise as the person's own end date."""
    month = MONTH_NAMES[day.month - 1]
    if ended.granularity == "year" and not ended.is_range:
        return f"about {day.year} (perhaps as early as {month} {day.year})"
    if ended.granularity != "exact" or ended.circa or ended.is_range:
        return f"about {month} {day.year}"
    return f"{day.day} {month} {day.year}"
