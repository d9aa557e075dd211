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

from babel.dates import format_date, format_skeleton

from complaint_helper.boards.law import StateLawFacts, TimeLimit, law_for
from complaint_helper.boards.schema import STATES, Board, Source
from complaint_helper.i18n import (
    DEFAULT_LANGUAGE,
    PSEUDO_CLOSE,
    PSEUDO_LANGUAGE,
    PSEUDO_OPEN,
    _,
    babel_locale,
    current_language,
    lazy_gettext,
    ngettext,
)
from complaint_helper.interview.dates import ApproxDate


@dataclass(frozen=True)
class SupportService:
    """One support service. `name` and `what` are lazy strings (text in the language current where
    they are shown); `in_spanish` says how to reach the service in Spanish, only where the
    service's own page says so (`spanish_source_url`, read on `spanish_checked_on`)."""

    name: str
    what: str
    url: str | None
    phone: str | None
    phone_href: str | None
    source_url: str
    checked_on: date
    in_spanish: str | None = None
    spanish_source_url: str | None = None
    spanish_checked_on: date | None = None


SUPPORT_SERVICES: tuple[SupportService, ...] = (
    SupportService(
        name=lazy_gettext("TELL (Therapy Exploitation Link Line)"),
        what=lazy_gettext(
            "Support and resources for people exploited by a therapist or other health worker."
        ),
        # The stored copy of TELL's own site was served over http; no https copy was seen. No
        # page of TELL's seen says whether it offers support in Spanish: not claimed.
        url="http://therapyabuse.org/",
        phone=None,
        phone_href=None,
        source_url="http://therapyabuse.org/about_us.htm",
        checked_on=date(2026, 11, 22),
    ),
    SupportService(
        name=lazy_gettext("RAINN National Sexual Assault Hotline"),
        what=lazy_gettext(
            "Free, confidential support, day and night, from a local sexual assault service."
        ),
        url="https://rainn.org/get-help/national-sexual-assault-hotline",
        phone="800-656-4673 (800-656-HOPE)",
        phone_href="tel:+18006564673",
        source_url="https://rainn.org/get-help/national-sexual-assault-hotline",
        checked_on=date(2026, 11, 22),
        # RAINN's own news page, in Spanish, describes its hotline's Spanish-language service
        # (La Línea de Ayuda de Abuso Sexual). It names no separate Spanish number or menu
        # option, so none is given (checked in a stored copy of the page).
        in_spanish=lazy_gettext("RAINN says its hotline also offers support in Spanish."),
        spanish_source_url="https://rainn.org/news-category/about-rainn?page=3",
        spanish_checked_on=date(2026, 12, 4),
    ),
    SupportService(
        name=lazy_gettext("988 Suicide & Crisis Lifeline"),
        what=lazy_gettext(
            "Call or text 988, or chat on its website, to reach a trained crisis counselor."
        ),
        url="https://988lifeline.org/",
        phone="988",
        phone_href="tel:988",
        source_url="https://988lifeline.org/get-help/what-to-expect",
        checked_on=date(2026, 12, 4),
        # The Lifeline's own "what to expect" page: calls offer Spanish-language service by
        # pressing 2; texts to 988 reach its Spanish-language service with the word AYUDA; its
        # text and chat services are available in Spanish (checked in a stored copy of the page).
        in_spanish=lazy_gettext(
            "In Spanish: call 988 and press 2, or text AYUDA to 988; its chat is also offered in "
            "Spanish."
        ),
        spanish_source_url="https://988lifeline.org/get-help/what-to-expect",
        spanish_checked_on=date(2026, 12, 4),
    ),
)


def spanish_support_lines() -> tuple[str, ...]:
    """How to reach each support service in Spanish, one line each (where its own page says so);
    none when the words are in English (the person reads English)."""
    if current_language() == DEFAULT_LANGUAGE:
        return ()
    return tuple(
        _("%(service)s: %(how)s", service=service.name, how=service.in_spanish)
        for service in SUPPORT_SERVICES
        if service.in_spanish
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
NOT_ADVICE = lazy_gettext("This is information, not legal advice.")


@dataclass(frozen=True)
class Avenue:
    """One place besides the board: a title, a plain paragraph, and the pages its law came from.

    Built in the language current when `other_avenues` is called. The law's own words (a
    statute's name, the summary and time-limit words read at the source) stay as recorded."""

    key: str
    title: str
    text: str
    sources: tuple[Source, ...] = ()

    @property
    def line(self) -> str:
        """The avenue as one line, for lists (the boards page, the command)."""
        return _("%(title)s: %(text)s", title=self.title, text=self.text)


def other_avenues(state: str | None) -> tuple[Avenue, ...]:
    """Every avenue for the person's state (general words where the state is not known)."""
    facts = _facts(state)
    services = " ".join(
        _("%(service)s: %(what)s", service=service.name, what=service.what)
        for service in SUPPORT_SERVICES
    )
    return (
        Avenue(
            "employer",
            _("The clinic, practice or employer"),
            _(
                "Many have their own complaints process, and they may be able to stop the "
                "professional seeing clients while they look into it."
            ),
        ),
        _police(facts),
        _lawyer(facts),
        _later_therapist(facts),
        Avenue(
            "ethics_committee",
            _("A professional association's ethics committee"),
            _(
                "If the professional is a member of a professional association, its ethics "
                "committee may take a complaint too."
            ),
        ),
        Avenue(
            "support",
            _("Support for you"),
            _(
                "%(services)s A local rape crisis centre or victim advocate can also help, "
                "including with the board.",
                services=services,
            ),
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
    title = _("The police")
    if facts is None:
        return Avenue(
            "police",
            title,
            _(
                "In many states sexual contact between a therapist and a client is a crime in "
                "itself, even if the client agreed at the time. The police or a victim advocate "
                "can tell you what the law is where you were. You do not need to be sure before "
                "you ask."
            ),
        )
    crime = facts.crime
    if crime is None:
        return Avenue(
            "police",
            title,
            _(
                "We could not confirm whether %(state)s's law makes sexual contact between a "
                "therapist and a client a crime in itself. In many states it is, even if the "
                "client agreed at the time. The police or a victim advocate can tell you; you "
                "do not need to be sure before you ask.",
                state=facts.state_name,
            ),
        )
    if not crime.is_crime:
        return Avenue(
            "police",
            title,
            _(
                "We found no %(state)s law that makes it a crime in itself (%(statute)s). Other "
                "laws on sexual offences may still apply, and the police or a victim advocate "
                "can tell you.",
                state=facts.state_name,
                statute=crime.statute,
            ),
            (crime.source,),
        )
    parts = [
        # The summary says which acts and which professionals the statute names: some name
        # only intercourse, or only licensed professions, so this sentence claims no more.
        _(
            "In %(state)s, a criminal law covers sexual contact between a therapist and a "
            "client: %(statute)s.",
            state=facts.state_name,
            statute=crime.statute,
        ),
        crime.summary,
    ]
    if crime.consent_is_defence is False:
        parts.append(_("Under this law it does not matter whether you agreed at the time."))
    parts.append(_("You can report it to the police, and a victim advocate can go with you."))
    return Avenue("police", title, " ".join(parts), (crime.source,))


def _lawyer(facts: StateLawFacts | None) -> Avenue:
    title = _("A lawyer")
    civil = facts.civil if facts is not None else None
    if facts is None or civil is None:
        return Avenue(
            "lawyer",
            title,
            _(
                "A lawyer who handles civil claims can tell you whether you could bring a claim "
                "for the harm done to you. Claims have time limits, so it helps to ask early. "
                "Many lawyers offer a free first conversation."
            ),
        )
    parts = [
        _(
            "%(state)s has a law for claims like this: %(statute)s.",
            state=facts.state_name,
            statute=civil.statute,
        ),
        civil.summary,
    ]
    if civil.former_clients:
        parts.append(civil.former_clients)
    sources = [civil.source]
    limits = [limit for limit in facts.limits if limit.kind == "civil"]
    if limits:
        parts.extend(_("Time limit: \u201c%(words)s\u201d", words=limit.words) for limit in limits)
        sources += [limit.source for limit in limits]
    else:
        parts.append(
            _(
                "We could not confirm the time limit for such a claim; a lawyer can tell you, "
                "and it helps to ask early."
            )
        )
    parts.append(_("A lawyer who handles civil claims can tell you whether it fits what happened."))
    return Avenue("lawyer", title, " ".join(parts), tuple(sources))


def _later_therapist(facts: StateLawFacts | None) -> Avenue:
    title = _("A new therapist")
    text = _(
        "A new therapist can support you while you decide what to do and while a complaint goes "
        "on. You can tell them as much or as little as you want."
    )
    duty = facts.later_therapist if facts is not None else None
    if facts is None or duty is None:
        return Avenue("later_therapist", title, text)
    return Avenue(
        "later_therapist",
        title,
        text
        + " "
        + _(
            "In %(state)s, the law says what they must do: %(duty)s (%(statute)s).",
            state=facts.state_name,
            duty=duty.duty,
            statute=duty.statute,
        ),
        (duty.source,),
    )


# -- time limits ----------------------------------------------------------------------------------
ASK_EARLY = lazy_gettext(
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
                    _(
                        "We could not confirm a time limit for complaints to this board. Please "
                        "ask the board early. Most time limits restrict when a board may act, "
                        "not when you may complain."
                    ),
                    None,
                )
            )
        for limit in own:
            notes.append(
                LimitNote(board.name, _limit_sentence(limit, ended, ongoing, today), limit.source)
            )
    for limit in limits:
        if limit.kind != "board":
            heading = _("A civil claim") if limit.kind == "civil" else _("A criminal case")
            notes.append(
                LimitNote(heading, _limit_sentence(limit, ended, ongoing, today), limit.source)
            )
    if facts is not None and not any(limit.kind == "civil" for limit in limits):
        notes.append(
            LimitNote(
                _("A civil claim"),
                _(
                    "We could not confirm the time limit for a civil claim in %(state)s. A "
                    "lawyer can tell you; it helps to ask early.",
                    state=facts.state_name,
                ),
                None,
            )
        )
    return tuple(notes)


def _limit_sentence(limit: TimeLimit, ended: ApproxDate | None, ongoing: bool, today: date) -> str:
    words = _("In its own words: \u201c%(words)s\u201d", words=limit.words)
    confirm = (
        _("Please confirm with the board how it counts this for you.")
        if (limit.kind == "board")
        else _("A lawyer can tell you how it is counted for you.")
    )
    if limit.no_limit:
        return " ".join(
            (
                _("The board says there is no time limit for complaints of sexual misconduct."),
                words,
                confirm,
            )
        )
    opening = _limit_opening(limit)
    if ongoing:
        return " ".join(
            (
                opening,
                _("Your sessions are still going on, so this limit has not started to run."),
                words,
                confirm,
            )
        )
    start = ended.earliest() if ended is not None and ended.is_known else None
    runs_to = limit.runs_to(start) if start is not None else None
    if runs_to is None or ended is None:
        return " ".join(
            (
                opening,
                _(
                    "You did not give the date your sessions ended, so we cannot count it from "
                    "your dates."
                ),
                words,
                confirm,
                str(ASK_EARLY),
            )
        )
    when = _describe(runs_to, ended)
    if runs_to < today:
        reach = _(
            "Counted from your dates, it would have run to %(when)s. Limits often have "
            "exceptions, and only the board can say how this one applies: you can still file "
            "and ask.",
            when=when,
        )
    else:
        reach = _("Counted from your dates, it runs to %(when)s.", when=when)
    return " ".join((opening, reach, words, confirm))


def _limit_opening(limit: TimeLimit) -> str:
    """ "The limit for complaints of sexual misconduct is 5 years after services end." — one
    whole sentence per combination, so each language can order it its own way."""
    after = limit.runs_from == "services_ended"
    if limit.years:
        years = limit.years
        if limit.sexual_misconduct and after:
            return ngettext(
                "The limit for complaints of sexual misconduct is %(num)d year after services end.",
                "The limit for complaints of sexual misconduct is %(num)d years after services "
                "end.",
                years,
            )
        if limit.sexual_misconduct:
            return ngettext(
                "The limit for complaints of sexual misconduct is %(num)d year.",
                "The limit for complaints of sexual misconduct is %(num)d years.",
                years,
            )
        if after:
            return ngettext(
                "The limit is %(num)d year after services end.",
                "The limit is %(num)d years after services end.",
                years,
            )
        return ngettext("The limit is %(num)d year.", "The limit is %(num)d years.", years)
    if limit.sexual_misconduct and after:
        return _(
            "The limit for complaints of sexual misconduct is a time limit after services end."
        )
    if limit.sexual_misconduct:
        return _("The limit for complaints of sexual misconduct is a time limit.")
    if after:
        return _("The limit is a time limit after services end.")
    return _("The limit is a time limit.")


def _describe(day: date, ended: ApproxDate) -> str:
    """The date a limit runs to, only as precise as the person's own end date."""
    month_year = babel_words(format_skeleton("yMMMM", day, locale=babel_locale()))
    if ended.granularity == "year" and not ended.is_range:
        return _(
            "about %(year)s (perhaps as early as %(month_year)s)",
            year=day.year,
            month_year=month_year,
        )
    if ended.granularity != "exact" or ended.circa or ended.is_range:
        return _("about %(month_year)s", month_year=month_year)
    return format_day(day)


# English documents have always said "22 November 2026"; other languages take Babel's long form
# ("22 de noviembre de 2026").
_ENGLISH_DAY = "d MMMM y"


def format_day(day: date) -> str:
    """A calendar day in words in the current language, as every document and the guide write it:
    "22 November 2026", "22 de noviembre de 2026" (Babel's locale data)."""
    locale = babel_locale()
    pattern = _ENGLISH_DAY if locale.language == DEFAULT_LANGUAGE else "long"
    return babel_words(format_date(day, format=pattern, locale=locale))


def babel_words(text: str) -> str:
    """Words Babel wrote from its locale data (a month, a list's "and"): in the test
    pseudo-language marked like translated text, so a test looking for English that skipped
    gettext sees that these were said in the current language."""
    return f"{PSEUDO_OPEN}{text}{PSEUDO_CLOSE}" if current_language() == PSEUDO_LANGUAGE else text
