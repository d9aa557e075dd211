"""A complaint to the employer: the clinic, agency, hospital, school or online platform.

Offered only when the interview's setting says there was such a place (`EMPLOYER_SETTINGS`); a
private practice has nobody above the professional to write to. The letter gives the summary of
what happened and the timeline, worded as in the board complaint, and not the full account: the
person decides whether the employer sees more. Variants as the board draft: the advocate copy
withholds names and contact details, the anonymous draft leaves them blank.
"""

from __future__ import annotations

from datetime import date

from complaint_helper.documents.letters.letter import (
    EMPLOYER_SETTINGS,
    LetterContext,
    before_you_send,
    conduct_and_timeline,
    date_and_sender,
    language_note,
    letter_context,
    letter_document,
    signature,
)
from complaint_helper.documents.model import Block, Document, KeyValues, Paragraph, Section, Variant
from complaint_helper.documents.redaction import BLANK
from complaint_helper.i18n import gettext as _
from complaint_helper.interview.model import Answers

_PRO = "professional"
_THERAPY = "therapy"


def employer_complaint_applies(answers: Answers) -> bool:
    """Only when the setting says there was a clinic, hospital, school or platform."""
    return answers.choice(_THERAPY, "setting") in EMPLOYER_SETTINGS


def _place(context: LetterContext) -> str:
    """The place by name, or by its kind ("the online therapy platform")."""
    name = context.reader.text(_PRO, "practice_name")
    if name:
        return name
    kinds = {
        "clinic": _("the clinic or agency"),
        "hospital": _("the hospital"),
        "school": _("the school, college or university"),
        "online_platform": _("the online therapy platform"),
    }
    return kinds.get(context.reader.choice(_THERAPY, "setting"), _("the organisation"))


def _letter(context: LetterContext) -> Section:
    parts = context.parts
    r = context.reader
    place = _place(context)
    blocks: list[Block] = [*date_and_sender(context)]
    to_rows = [(_("Name"), _("The person who handles complaints, %(place)s", place=place))]
    to_rows.append((_("Address"), r.text(_PRO, "practice_address") or BLANK))
    blocks.append(KeyValues(tuple(to_rows), title=_("To")))
    who = parts.professional_phrase()
    blocks.append(Paragraph(_("Subject: Complaint about %(who)s", who=who), "heading"))
    blocks.append(Paragraph(_("To the person who handles complaints:")))
    period = parts.treatment_period()
    blocks.append(
        Paragraph(
            _(
                "I am writing to complain about %(who)s, whom I saw for therapy through %(place)s, "
                "%(period)s.",
                who=who,
                place=place,
                period=period,
            )
            if period
            else _(
                "I am writing to complain about %(who)s, whom I saw for therapy through %(place)s.",
                who=who,
                place=place,
            )
        )
    )
    blocks.append(
        Paragraph(
            _(
                "I am telling you because you may be responsible for the professionals who work "
                "through you, and you may be able to act to protect other clients."
            )
        )
    )
    blocks.extend(language_note(context))
    blocks.extend(conduct_and_timeline(context))
    if r.long_text("your-account", "account").strip():
        blocks.append(
            Paragraph(_("I have written a fuller account of what happened, which I can share."))
        )
    blocks.append(Paragraph(_("What I am asking you to do"), "heading"))
    blocks.append(
        Paragraph(
            _(
                "I ask you to look into this complaint, to tell me in writing what you will do, "
                "and to take the action needed to protect me and other clients."
            )
        )
    )
    blocks.append(
        Paragraph(
            _("Please reply to me in writing at the address above.")
            if parts.complainant.mode == "details"
            else _("Please reply to me in writing.")
        )
    )
    helped = parts.advocate_sentence()
    if helped:
        blocks.append(Paragraph(helped))
    blocks.extend(signature(context, _("Sincerely,")))
    return Section(key="letter", title=_("Complaint to the employer"), blocks=tuple(blocks))


def _advice(context: LetterContext) -> Section:
    advice = [
        _(
            "Find out who handles complaints there: many clinics, hospitals, schools and "
            "platforms have a complaints, patient relations or compliance office. Put their name "
            "and address on the letter."
        ),
    ]
    if context.reader.choice(_THERAPY, "status") == "ongoing":
        advice.append(
            _(
                "You are still seeing this professional. The employer may tell them about your "
                "complaint, so think about your safety and your care first. You can stop seeing "
                "them at any time."
            )
        )
    advice += [
        _(
            "A complaint to the employer and a complaint to the licensing board are separate. "
            "You can make one, both or neither, in any order."
        ),
        _(
            "The letter gives the summary and the timeline from your answers, not your full "
            "account. Read it again and take out anything you do not want them to see."
        ),
        _("Keep a copy of the letter and write down the day you sent it."),
    ]
    return before_you_send("before-you-send", _("Before you send this"), advice)


def build_employer_complaint(
    answers: Answers, variant: Variant, *, today: date, words_language: str | None = None
) -> Document:
    """The complaint to the employer in this variant, and the person's own page."""
    context = letter_context(answers, variant, today, words_language=words_language)
    return letter_document(
        variant, (_letter(context), _advice(context)), _("Complaint to the employer — confidential")
    )
