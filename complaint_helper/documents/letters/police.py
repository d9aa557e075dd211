"""A summary for the police, offered only where the state's law file says it is a crime there.

The facts come in the order an officer reads them: who, what happened, when and where, then the
evidence and the people who know. The statute, its summary and whether consent matters come from
the state's law file (boards.law) with the page they were read on; a state whose criminal law was
not confirmed gets no police summary (the "How to file" guide says what is known instead).

Offered when the person's state makes it a crime and what they described is the kind of conduct
such a law is about (sexual contact, touching, a relationship after therapy), or when they have not
ticked anything yet: a summary that names a sexual-contact statute is not offered for comments
alone. Variants: the board copy, and the advocate copy (names and contact details withheld).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from complaint_helper.boards.law import CriminalLaw
from complaint_helper.documents.exhibits import SentFile
from complaint_helper.documents.letters.letter import (
    LetterContext,
    before_you_send,
    checked,
    evidence_and_people,
    has_story,
    language_note,
    law_of,
    letter_context,
    letter_document,
    source_line,
)
from complaint_helper.documents.model import Block, Document, KeyValues, Paragraph, Section, Variant
from complaint_helper.i18n import gettext as _
from complaint_helper.interview.model import Answers

# Conduct a law on sexual contact between a therapist and a client may be about.
PHYSICAL_CONDUCT = frozenset({"sexual_contact", "touching", "relationship_after"})


def crime_in_state(answers: Answers) -> CriminalLaw | None:
    """The statute when the person's state's law file says it is a crime there, else None."""
    law = law_of(answers)
    crime = law.crime if law is not None else None
    return crime if crime is not None and crime.is_crime else None


def police_summary_applies(answers: Answers) -> bool:
    conduct = set(answers.choices("what-happened", "conduct"))
    return (
        crime_in_state(answers) is not None
        and has_story(answers)
        and (not conduct or bool(conduct & PHYSICAL_CONDUCT))
    )


def _summary(context: LetterContext, crime: CriminalLaw) -> Section:
    parts = context.parts
    who = parts.professional_phrase()
    blocks: list[Block] = [
        Paragraph(
            _(
                "I want to report the conduct of %(who)s. These are the facts as I remember them.",
                who=who,
            )
        ),
        *language_note(context),
        Paragraph(_("Who"), "heading"),
        KeyValues(parts.complainant.rows(), title=_("Me")),
        KeyValues(tuple(parts.professional_rows()), title=_("The professional")),
        Paragraph(_("What happened"), "heading"),
        *parts.conduct_summary(),
    ]
    account = parts.own_words("your-account", "account")
    if account:
        blocks.append(Paragraph(_("In my own words:"), "small"))
        blocks.extend(account)
    blocks.append(Paragraph(_("When and where"), "heading"))
    blocks.append(KeyValues(tuple(parts.treatment_rows())))
    blocks.append(parts.timeline_block())
    blocks.append(Paragraph(_("The law that may apply"), "heading"))
    rows = [(_("What it says"), crime.summary)]
    if crime.consent_is_defence is False:
        rows.append((_("Consent"), _("Under this law, consent may not be a defence.")))
    rows.append((_("Source"), checked(crime.source)))
    blocks.append(
        Paragraph(
            _(
                "This may be a crime in %(state)s under %(statute)s. I am not drawing a legal "
                "conclusion.",
                state=context.state_name,
                statute=crime.statute,
            )
        )
    )
    blocks.append(KeyValues(tuple(rows), title=crime.statute))
    blocks.extend(evidence_and_people(context))
    return Section(key="summary", title=_("Summary for the police"), blocks=tuple(blocks))


def _advice(context: LetterContext) -> Section:
    advice = [
        _(
            "You can take a victim advocate or someone you trust with you, and you can ask to "
            "speak to an officer trained for sexual offences."
        ),
        _("Take copies of your evidence, not the originals."),
        _(
            "You do not have to remember every date. \u201cI don\u2019t remember\u201d is an "
            "honest answer."
        ),
        _(
            "Reporting to the police is separate from a complaint to the licensing board. You "
            "can do one, both or neither."
        ),
    ]
    limits = context.law.limits if context.law is not None else ()
    for limit in limits:
        if limit.kind == "criminal":
            advice.append(
                _(
                    "A time limit that may apply to a criminal case, in its own words: "
                    "\u201c%(words)s\u201d %(source)s",
                    words=limit.words,
                    source=source_line(limit.source),
                )
            )
    return before_you_send("before-you-go", _("Before you go"), advice)


def build_police_summary(
    answers: Answers,
    variant: Variant,
    *,
    today: date,
    sent: Mapping[str, SentFile] | None = None,
    words_language: str | None = None,
) -> Document:
    """The police summary in this variant; ValueError where the state's law is not a crime."""
    crime = crime_in_state(answers)
    if crime is None:
        raise ValueError("no confirmed criminal statute for this state")
    context = letter_context(answers, variant, today, sent, words_language)
    return letter_document(
        variant,
        (_summary(context, crime), _advice(context)),
        _("Summary for the police — confidential"),
    )
