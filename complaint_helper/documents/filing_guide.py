"""The person's "How to file" guide: where and how to send the complaint, what usually happens
next, and support while waiting. For the person, never for the board.

The guide is a list of sections, each built by one function of `GUIDE_SECTIONS` from one
`GuideContext` (the variant-aware reader, the chosen boards, what the complainant blocks show,
the citations). A new part of the guide — for example the state's law or "what you asked for" —
is one more function in that tuple; `build_filing_guide` and the complaint both read it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from complaint_helper.boards import STATES, Board, Citation, Source
from complaint_helper.boards.schema import CONFIRM_FACTS, FACT_BY_NAME, REQUIREMENT_FACTS
from complaint_helper.documents.model import (
    Block,
    BulletList,
    ComplaintDocument,
    KeyValues,
    Notice,
    Paragraph,
    Section,
    Variant,
)
from complaint_helper.documents.redaction import AnswerReader, Complainant, complainant_for
from complaint_helper.documents.wording import format_day, join
from complaint_helper.i18n import _, current_language, lazy_gettext
from complaint_helper.interview.model import Answers
from complaint_helper.support import (
    ASK_EARLY,
    NOT_ADVICE,
    avenues_for_wishes,
    spanish_support_lines,
    time_limit_notes,
)


@dataclass(frozen=True)
class GuideContext:
    """Everything a part of the guide may read."""

    reader: AnswerReader
    boards: Sequence[Board]
    complainant: Complainant
    citations: Sequence[Citation]
    today: date | None = None  # for time limits counted from the person's dates

    @property
    def variant(self) -> Variant:
        return self.reader.variant


def how_to_file(context: GuideContext) -> Section:
    blocks: list[Block] = [
        Notice(
            _(
                "This guide is for you, not for the board. It is not part of the complaint: keep "
                "it, and send the board only the complaint and copies of your exhibits."
            )
        ),
    ]
    if not context.boards:
        blocks.append(
            Paragraph(
                _(
                    "No board is chosen yet. The app's board page shows which board handles "
                    "this professional, or how to look up their license."
                )
            )
        )
    for board in context.boards:
        blocks.extend(board_guide(context, board))
    blocks.append(Paragraph(_("What to send"), "heading"))
    sends = [
        _("The cover letter addressed to that board, and the complaint statement."),
        _("Sign and date the declaration."),
        _("Copies of your evidence, never the originals. Keep the originals somewhere safe."),
    ]
    if len(context.boards) > 1:
        sends.append(
            _(
                "This draft has one cover letter for each board. Send each board its own letter "
                "with a copy of the statement and the exhibits."
            )
        )
    if context.variant == "advocate":
        sends.append(
            _(
                "This is the advocate copy: names and contact details are withheld. Send the "
                "board draft, not this copy."
            )
        )
    blocks.append(BulletList(tuple(sends)))
    blocks.append(Paragraph(_("Keep copies"), "heading"))
    blocks.append(
        Paragraph(
            _(
                "Keep a copy of everything you send and write down the date you sent it and "
                "how. If you file online, save or print the confirmation."
            )
        )
    )
    blocks.append(Paragraph(_("What usually happens next"), "heading"))
    blocks.append(
        BulletList(
            (
                _("The board usually confirms that it received your complaint."),
                _(
                    "The professional is usually told about the complaint, may see it, and may "
                    "respond to it."
                ),
                _(
                    "An investigator may contact you to ask questions. You can ask for a "
                    "support person to be with you."
                ),
                _(
                    "It can take months, sometimes longer. The board decides what happens; "
                    "no one can promise an outcome."
                ),
            )
        )
    )
    blocks.append(Paragraph(_("Time limits"), "heading"))
    blocks.extend(time_limit_blocks(context))
    blocks.append(Paragraph(_("Support while you wait"), "heading"))
    blocks.append(
        BulletList(
            (
                _(
                    "What happened was not your fault. Keeping the boundary was always the "
                    "professional's responsibility."
                ),
                _(
                    "TELL, the Therapy Exploitation Link Line, supports people who were "
                    "exploited by a therapist."
                ),
                _(
                    "A local rape crisis centre or victim advocate can help you through the "
                    "process, including talking to the board."
                ),
                _("A new therapist can support you while the complaint goes on."),
                *spanish_support_lines(),
            )
        )
    )
    return Section(key="how-to-file", title=_("How to file"), blocks=tuple(blocks))


def _label(fact: str) -> str:
    """A board fact's label, as the boards page and the CLI name it (boards.schema.BOARD_FACTS)."""
    return str(FACT_BY_NAME[fact].label)


def board_guide(context: GuideContext, board: Board) -> list[Block]:
    """One board's part of the guide. The board's own facts (name, address, its words) stay as
    the board published them; only the labels and the sentences around them are translated."""
    blocks: list[Block] = [Paragraph(board.name, "heading")]
    ways: list[tuple[str, str]] = []
    if board.online_filing and board.complaint_url:
        ways.append((_("Online"), board.complaint_url))
    elif board.complaint_url:
        ways.append((_label("complaint_url"), board.complaint_url))
    elif board.website:
        ways.append((_label("website"), board.website))
    if board.mailing_address:
        ways.append((_("By mail"), board.mailing_address))
    if board.email:
        ways.append((_("By email"), board.email))
    if board.phone:
        ways.append((_label("phone"), board.phone))
    if board.license_lookup_url:
        ways.append((_label("license_lookup_url"), board.license_lookup_url))
    if ways:
        blocks.append(KeyValues(tuple(ways)))
    needs = [str(fact.requirement) for fact in REQUIREMENT_FACTS if getattr(board, fact.name)]
    if needs:
        blocks.append(Paragraph(_("This board asks for %(needs)s.", needs=join(needs))))
    unknown = [str(fact.confirm) for fact in CONFIRM_FACTS if getattr(board, fact.name) is None]
    if unknown:
        where = board.start_url
        facts = ", ".join(unknown)
        text = (
            _(
                "Confirm on the board's website: %(facts)s. Start at %(url)s",
                facts=facts,
                url=where,
            )
            if where
            else _("Confirm on the board's website: %(facts)s.", facts=facts)
        )
        blocks.append(Notice(text))
    if context.variant == "anonymous" or context.complainant.mode == "blank":
        if board.anonymous_complaints is not None and board.anonymous_complaints_words:
            words = board.anonymous_complaints_words
            blocks.append(
                Paragraph(
                    _(
                        'The board accepts anonymous complaints. In its words: "%(words)s"',
                        words=words,
                    )
                    if board.anonymous_complaints
                    else _(
                        'The board does not accept anonymous complaints. In its words: "%(words)s"',
                        words=words,
                    )
                )
            )
        blocks.append(
            Paragraph(
                _(
                    "Boards that accept anonymous complaints often say they may not be able to "
                    "investigate without a way to reach you. You can decide later to add your "
                    "name."
                )
            )
        )
    if board.time_limit:
        blocks.append(
            Paragraph(
                _(
                    'The board states a time limit: "%(limit)s". If you are not sure '
                    "whether it applies to you, you can still file and ask the board.",
                    limit=board.time_limit,
                )
            )
        )
    checked = sorted({(source.url, source.checked_on) for source in board.sources.values()})
    if checked:
        blocks.append(
            Paragraph(
                _(
                    "Where these facts come from: %(sources)s",
                    sources="; ".join(checked_line(url, day) for url, day in checked),
                ),
                "small",
            )
        )
    return blocks


def checked_line(url: str, day: date) -> str:
    """ "https://… (checked 22 November 2026)", in the current language."""
    return _("%(url)s (checked %(day)s)", url=url, day=format_day(day))


def _state(context: GuideContext) -> str | None:
    code = context.reader.choice("therapy", "state").upper()
    return code if code in STATES else None


def time_limit_blocks(context: GuideContext) -> list[Block]:
    """Each known limit counted from the person's own dates (support.py), with its source."""
    blocks: list[Block] = [Paragraph(str(ASK_EARLY))]
    notes = time_limit_notes(
        _state(context),
        context.boards,
        context.reader.date("therapy", "ended"),
        ongoing=context.reader.choice("therapy", "status") == "ongoing",
        today=context.today or date.today(),
    )
    for note in notes:
        blocks.append(Paragraph(_("%(heading)s. %(text)s", heading=note.heading, text=note.text)))
        if note.source is not None:
            blocks.append(Paragraph(_source_line(note.source), "small"))
    return blocks


def _source_line(source: Source) -> str:
    return _("Source: %(source)s", source=checked_line(source.url, source.checked_on))


def other_avenues_section(context: GuideContext) -> Section:
    """What the person asked for on "What you would like to do", then the other avenues."""
    wishes = context.reader.choices("what-you-want", "wishes")
    asked, others = avenues_for_wishes(_state(context), wishes)
    blocks: list[Block] = []
    if asked:
        blocks.append(Paragraph(_("What you asked about"), "heading"))
        for avenue in asked:
            blocks.append(Paragraph(avenue.title, "heading"))
            blocks.append(Paragraph(avenue.text))
            blocks.extend(Paragraph(_source_line(source), "small") for source in avenue.sources)
    blocks.append(Paragraph(_("Other places") if asked else _("Places that can help"), "heading"))
    blocks.append(BulletList(tuple(avenue.line for avenue in others)))
    sources = [source for avenue in others for source in avenue.sources]
    blocks.extend(Paragraph(_source_line(source), "small") for source in dict.fromkeys(sources))
    blocks.append(Paragraph(str(NOT_ADVICE)))
    return Section(key="other-avenues", title=_("Other places that can help"), blocks=tuple(blocks))


def standards_to_look_at(context: GuideContext) -> Section | None:
    """Standards nobody has checked against the original text: never in front of a board, but
    their rule numbers may help the person (or an advocate) find the rule."""
    unchecked = [citation for citation in context.citations if not citation.verified]
    if not unchecked:
        return None
    blocks: list[Block] = [
        Paragraph(
            _(
                "You may want to look at these standards. Their summaries come from secondary "
                "sources and have not been checked against the original code or statute, so "
                "they are not in the complaint. If one seems to fit what happened, read its "
                "current text before you mention it."
            )
        )
    ]
    for citation in unchecked:
        rows: list[tuple[str, str]] = [
            (_("What it says"), citation.summary),
            (_("Who it applies to"), citation.applies_to),
        ]
        if citation.source is not None:
            rows.append(
                (
                    _("Where it was found"),
                    checked_line(citation.source.url, citation.source.checked_on),
                )
            )
        rows.append((_("Checked"), _("Not yet checked against the original text")))
        blocks.append(KeyValues(tuple(rows), title=f"{citation.authority}, {citation.rule}"))
    return Section(
        key="standards-to-look-at",
        title=_("Standards you may want to look at"),
        blocks=tuple(blocks),
        new_page=False,
    )


# The guide's sections, in order. Each returns a Section, or None when it has nothing to say.
# A new part of the guide (the state's law, "what you asked for") is one more function here.
GUIDE_SECTIONS: tuple[Callable[[GuideContext], Section | None], ...] = (
    how_to_file,
    other_avenues_section,
    standards_to_look_at,
)

RUNNING_HEADER = lazy_gettext("How to file — for you, not for the board")


def guide_sections(context: GuideContext) -> tuple[Section, ...]:
    return tuple(section for build in GUIDE_SECTIONS if (section := build(context)) is not None)


def build_filing_guide(
    answers: Answers,
    boards: Sequence[Board],
    variant: Variant,
    *,
    today: date,
    citations: Sequence[Citation],
) -> ComplaintDocument:
    """The person's "How to file" guide, as its own download, in the current language."""
    reader = AnswerReader(answers, variant)
    context = GuideContext(
        reader, list(boards), complainant_for(reader), list(citations), today=today
    )
    return ComplaintDocument(
        variant=variant,
        sections=guide_sections(context),
        running_header=str(RUNNING_HEADER),
        language=current_language(),
    )
