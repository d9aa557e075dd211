"""A request for your own records to the practice, clinic or hospital (HIPAA right of access).

The letter asks for a copy and says nothing about what happened: it may well be read by the
professional, and a person has no need to give a reason. Each legal sentence says "may" and names
the rule and the hhs.gov page it was read on (right_of_access.RIGHT_OF_ACCESS, the one place those
facts live). The state law data holds nothing about records access yet, so no state rule is
claimed; when it does, a stronger state rule belongs in `state_rule_blocks`.
"""

from __future__ import annotations

from datetime import date

from complaint_helper.documents.letters.letter import (
    LetterContext,
    before_you_send,
    date_and_sender,
    letter_context,
    letter_document,
    place_name,
    signature,
    source_line,
)
from complaint_helper.documents.letters.right_of_access import RIGHT_OF_ACCESS, FactKey
from complaint_helper.documents.model import Block, Document, KeyValues, Paragraph, Section
from complaint_helper.documents.redaction import BLANK
from complaint_helper.i18n import gettext as _
from complaint_helper.interview.model import Answers

_PRO = "professional"


def records_request_applies(answers: Answers) -> bool:
    """Offered when there is somewhere to send it: a practice, a place or a professional named."""
    return bool(
        answers.text(_PRO, "practice_name").strip()
        or answers.text(_PRO, "practice_address").strip()
        or answers.text(_PRO, "name").strip()
        or answers.choice("therapy", "setting") not in ("", "not_sure", "other")
    )


def _rule(key: FactKey) -> str:
    return RIGHT_OF_ACCESS[key].rule


def _recipient(context: LetterContext) -> KeyValues:
    r = context.reader
    rows: list[tuple[str, str]] = []
    place = place_name(context)
    if place:
        rows.append((_("Name"), _("The records office, %(place)s", place=place)))
    else:
        rows.append(
            (_("Name"), _("The records office of %(who)s", who=context.parts.professional_phrase()))
        )
    address = r.text(_PRO, "practice_address")
    rows.append((_("Address"), address or BLANK))
    return KeyValues(tuple(rows), title=_("To"))


def _letter(context: LetterContext) -> Section:
    parts = context.parts
    blocks: list[Block] = [*date_and_sender(context), _recipient(context)]
    blocks.append(Paragraph(_("Subject: Request for a copy of my health records"), "heading"))
    blocks.append(KeyValues(((_("Date of birth"), BLANK),), title=_("To help you find my records")))
    blocks.append(Paragraph(_("To the records office:")))
    period = parts.treatment_period()
    who = parts.professional_phrase()
    blocks.append(
        Paragraph(
            _(
                "I am asking for a copy of my health records from my treatment with %(who)s, "
                "%(period)s.",
                who=who,
                period=period,
            )
            if period
            else _(
                "I am asking for a copy of my health records from my treatment with %(who)s.",
                who=who,
            )
        )
    )
    blocks.append(
        Paragraph(
            _(
                "I am making this request under the HIPAA right of access (%(rule)s), which may "
                "give me the right to a copy of the health information about me in your records, "
                "including clinical notes, appointment records and billing records.",
                rule=_rule("right"),
            )
        )
    )
    blocks.append(
        Paragraph(
            _(
                "Please send the copy in this form: %(blank)s (for example, a PDF file by email, "
                "or paper copies by post). I understand I may ask for the form and format I "
                "choose where you can readily produce it (%(rule)s).",
                blank=BLANK,
                rule=_rule("form_and_format"),
            )
        )
    )
    blocks.append(
        Paragraph(
            _(
                "I understand you may charge only a reasonable, cost-based fee for the copy "
                "(%(rule)s). Please tell me the fee before you make the copy.",
                rule=_rule("fee"),
            )
        )
    )
    blocks.append(
        Paragraph(
            _(
                "I understand you may take 30 days to respond (%(rule)s).",
                rule=_rule("thirty_days"),
            )
        )
    )
    blocks.append(
        Paragraph(
            _(
                "I understand that psychotherapy notes kept separately from the rest of my record "
                "may not be part of this right (%(rule)s). I ask for everything else in full, and "
                "ask you to tell me whether any such notes exist.",
                rule=_rule("psychotherapy_notes"),
            )
        )
    )
    blocks.append(
        Paragraph(
            _("Please send the copy to me at the address above.")
            if parts.complainant.mode == "details"
            else _("Please send the copy to me at this address: %(blank)s", blank=BLANK)
        )
    )
    blocks.extend(signature(context, _("Thank you,")))
    blocks.append(Paragraph(_("Where these rules come from"), "heading"))
    cited: tuple[FactKey, ...] = (
        "right",
        "form_and_format",
        "fee",
        "thirty_days",
        "psychotherapy_notes",
    )
    for key in cited:
        fact = RIGHT_OF_ACCESS[key]
        blocks.append(Paragraph(f"{fact.rule}. {source_line(fact.source)}", "small"))
    return Section(key="letter", title=_("Request for my records"), blocks=tuple(blocks))


def _advice(context: LetterContext) -> Section:
    why = RIGHT_OF_ACCESS["why"]
    notes = RIGHT_OF_ACCESS["psychotherapy_notes"]
    advice = [
        _(
            "This letter asks only for your records. It says nothing about what happened, and "
            "you do not have to give a reason: HHS says people asking for their records are not "
            "required to say why (%(source)s).",
            source=source_line(why.source),
        ),
        _(
            "If this is the professional's own practice, they may read this letter. Think about "
            "whether you want to send it yourself, or ask an advocate to help."
        ),
        _(
            "Psychotherapy notes are a therapist's own notes about what was said in sessions, kept "
            "apart from the rest of the record. The right of access may not cover them, so the "
            "practice may refuse those notes while giving you the rest (%(source)s).",
            source=source_line(notes.source),
        ),
        _(
            "Fill in the blank lines: how you want the copy, and anything the letter could not "
            "fill in from your answers. Check the address: many practices and hospitals have a "
            "records or privacy office."
        ),
        _("Keep a copy of the letter and write down the day you sent it."),
    ]
    return before_you_send("before-you-send", _("Before you send this"), advice)


def build_records_request(answers: Answers, *, today: date) -> Document:
    """The request for records, and the person's own page before it is sent.

    One variant: the letter goes to the person's own provider, who needs to know whose records
    to send; with no name given (or "add my details later") the sender lines are blank."""
    context = letter_context(answers, "board", today)
    return letter_document(
        context.variant, (_letter(context), _advice(context)), _("Request for my records — draft")
    )
