"""A short note for a new therapist: what happened in brief, what the person wants from therapy now,
and, where the state's law file records it, what the law may ask of a later therapist (in
California, Business and Professions Code 728: the state brochure).

The person's own note, in the first person; it names the earlier professional, and the Word copy
lets the person take out anything they would rather say in the room. One variant.
"""

from __future__ import annotations

from datetime import date

from complaint_helper.documents.letters.letter import (
    LetterContext,
    before_you_send,
    has_story,
    language_note,
    letter_context,
    letter_document,
    source_line,
)
from complaint_helper.documents.model import Block, Document, Paragraph, Section
from complaint_helper.i18n import gettext as _
from complaint_helper.interview.model import Answers


def new_therapist_note_applies(answers: Answers) -> bool:
    """Offered once the person has said anything about what happened."""
    return has_story(answers)


def _note(context: LetterContext) -> Section:
    parts = context.parts
    period = parts.treatment_period()
    who = parts.professional_phrase()
    blocks: list[Block] = [
        Paragraph(
            _(
                "I would like you to know about something that happened in an earlier therapy. "
                "It can be hard to say out loud, so I have written it down."
            )
        ),
        *language_note(context),
        Paragraph(_("What happened, in brief"), "heading"),
        Paragraph(
            _("It happened with %(who)s, whom I saw %(period)s.", who=who, period=period)
            if period
            else _("It happened with %(who)s.", who=who)
        ),
        *parts.conduct_summary(),
    ]
    impact = parts.own_words("impact", "impact")
    if impact:
        blocks.append(Paragraph(_("How this has affected me"), "heading"))
        blocks.extend(impact)
    wanted = parts.own_words("what-you-want", "from_therapy_now")
    if wanted:
        blocks.append(Paragraph(_("What I would like from therapy now"), "heading"))
        blocks.extend(wanted)
    duty = context.law.later_therapist if context.law is not None else None
    if duty is not None:
        blocks.append(Paragraph(_("What the law may ask of you"), "heading"))
        blocks.append(
            Paragraph(
                _(
                    "In %(state)s, the law may say what a therapist should do when a client "
                    "tells them about this (%(statute)s): %(duty)s",
                    state=context.state_name,
                    statute=duty.statute,
                    duty=duty.duty,
                )
            )
        )
        blocks.append(Paragraph(source_line(duty.source), "small"))
    return Section(key="note", title=_("A note for my new therapist"), blocks=tuple(blocks))


def _advice() -> Section:
    advice = [
        _(
            "You decide how much to share, and when. You can give this note, read from it, or "
            "keep it until you are ready."
        ),
        _(
            "The note names the earlier professional. Take out anything you would rather say in "
            "person, or not at all."
        ),
        _(
            "A new therapist can support you while you decide what to do, and while a complaint "
            "goes on."
        ),
    ]
    return before_you_send("before-you-give-this", _("Before you give this"), advice)


def build_new_therapist_note(
    answers: Answers, *, today: date, words_language: str | None = None
) -> Document:
    """The note for a new therapist, and the person's own page."""
    context = letter_context(answers, "board", today, words_language=words_language)
    return letter_document(
        "board", (_note(context), _advice()), _("A note for my new therapist — private")
    )
