"""A summary for a lawyer: the facts, dates, timeline, evidence and people, the state's civil law
and its time limit where known, and what the person wants.

Written in the first person, for the person to hand to a lawyer they choose. The civil statute and
its time limits come from the state's law file (boards.law), each with its source; where nothing
was confirmed the summary says so rather than guessing. The time limits counted from the person's
own dates (support.time_limit_notes) are on the person's own page, in words meant for them.
Variants as the board draft: the advocate copy withholds names and contact details, the anonymous
draft leaves them blank.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from complaint_helper.documents.exhibits import SentFile
from complaint_helper.documents.letters.letter import (
    LetterContext,
    before_you_send,
    checked,
    conduct_and_timeline,
    evidence_and_people,
    has_story,
    language_note,
    letter_context,
    letter_document,
    source_line,
)
from complaint_helper.documents.model import (
    Block,
    BulletList,
    Document,
    KeyValues,
    Paragraph,
    Section,
    Variant,
)
from complaint_helper.documents.wording import label
from complaint_helper.i18n import gettext as _
from complaint_helper.interview.model import Answers
from complaint_helper.support import time_limit_notes

_WANT = "what-you-want"


def lawyer_summary_applies(answers: Answers) -> bool:
    """Offered once the person has said anything about what happened."""
    return has_story(answers)


def _facts(context: LetterContext) -> Section:
    parts = context.parts
    blocks: list[Block] = [
        Paragraph(
            _(
                "I would like advice about the conduct of %(who)s. This summary sets out the "
                "facts as I remember them.",
                who=parts.professional_phrase(),
            )
        ),
        *language_note(context),
        Paragraph(_("About me"), "heading"),
        KeyValues(parts.complainant.rows()),
        Paragraph(_("The professional"), "heading"),
        KeyValues(tuple(parts.professional_rows())),
        Paragraph(_("The treatment"), "heading"),
        KeyValues(tuple(parts.treatment_rows())),
        *conduct_and_timeline(context),
        Paragraph(_("What happened, in my own words"), "heading"),
    ]
    account = parts.own_words("your-account", "account")
    blocks.extend(account or [Paragraph(_("I have not written a full account yet."))])
    impact = parts.own_words("impact", "impact")
    if impact:
        blocks.append(Paragraph(_("How this has affected me"), "heading"))
        blocks.extend(impact)
    blocks.extend(evidence_and_people(context))
    return Section(key="summary", title=_("Summary for a lawyer"), blocks=tuple(blocks))


def law_blocks(context: LetterContext) -> list[Block]:
    """The state's civil statute and civil time limits, each with its source, or plain words."""
    law = context.law
    if law is None:
        return [Paragraph(_("My answers do not say which state the therapy took place in."))]
    civil = law.civil
    if civil is None:
        return [
            Paragraph(
                _(
                    "The app could not confirm a %(state)s law written for claims like this, or "
                    "its time limit.",
                    state=law.state_name,
                )
            )
        ]
    blocks: list[Block] = [
        Paragraph(
            _(
                "The %(state)s law below may be relevant. I am not drawing a legal conclusion.",
                state=law.state_name,
            )
        )
    ]
    rows = [(_("What it says"), civil.summary)]
    if civil.former_clients:
        rows.append((_("Former clients"), civil.former_clients))
    if civil.consent_is_defence is False:
        rows.append((_("Consent"), _("Under this law, consent may not be a defence.")))
    rows.append((_("Source"), checked(civil.source)))
    blocks.append(KeyValues(tuple(rows), title=civil.statute))
    limits = [limit for limit in law.limits if limit.kind == "civil"]
    for limit in limits:
        blocks.append(
            KeyValues(
                (
                    (_("In its own words"), f"\u201c{limit.words}\u201d"),
                    (_("Source"), checked(limit.source)),
                ),
                title=_("Time limit that may apply: %(about)s", about=limit.about),
            )
        )
    if not limits:
        blocks.append(Paragraph(_("The app could not confirm the time limit for such a claim.")))
    return blocks


def _law(context: LetterContext) -> Section:
    return Section(
        key="law",
        title=_("State law that may apply"),
        blocks=tuple(law_blocks(context)),
        new_page=False,
    )


def _wants(context: LetterContext) -> Section:
    r = context.reader
    blocks: list[Block] = []
    wishes = [label(_WANT, "wishes", key) for key in r.choices(_WANT, "wishes")]
    if wishes:
        blocks.append(Paragraph(_("What I would like help with:")))
        blocks.append(BulletList(tuple(wishes)))
    asked = context.parts.own_words(_WANT, "requested")
    if asked:
        blocks.append(Paragraph(_("What I would ask the licensing board, in my own words:")))
        blocks.extend(asked)
    if not blocks:
        blocks.append(Paragraph(_("I have not yet said what I would like to happen.")))
    return Section(key="wants", title=_("What I would like"), blocks=tuple(blocks), new_page=False)


def _advice(context: LetterContext) -> Section:
    r = context.reader
    advice = [
        _(
            "Share this summary only with a lawyer you choose. Many lawyers offer a free first "
            "conversation."
        ),
        _(
            "Claims have time limits, so it helps to ask early. Bring the dates you remember; "
            "approximate ones are fine."
        ),
    ]
    state = context.law.state if context.law is not None else None
    for note in time_limit_notes(
        state,
        (),
        r.date("therapy", "ended"),
        ongoing=r.choice("therapy", "status") == "ongoing",
        today=context.today,
    ):
        # support.py words each limit for the person, counted from their own dates.
        advice.append(
            _(
                "%(limit)s: %(text)s %(source)s",
                limit=note.heading,
                text=note.text,
                source=source_line(note.source),
            )
            if note.source is not None
            else _("%(limit)s: %(text)s", limit=note.heading, text=note.text)
        )
    if context.variant != "board":
        advice.append(
            _(
                "This copy leaves out names and contact details. A lawyer you decide to work "
                "with may need them later."
            )
        )
    return before_you_send("before-you-send", _("Before you send this"), advice)


def build_lawyer_summary(
    answers: Answers,
    variant: Variant,
    *,
    today: date,
    sent: Mapping[str, SentFile] | None = None,
    words_language: str | None = None,
) -> Document:
    """The summary for a lawyer in this variant, and the person's own page."""
    context = letter_context(answers, variant, today, sent, words_language)
    return letter_document(
        variant,
        (_facts(context), _law(context), _wants(context), _advice(context)),
        _("Summary for a lawyer — confidential"),
    )
