"""The complaint: a cover letter per board and the statement that goes with it, as a `Document`.

The parts, in order: a cover letter per board, the complaint statement, standards that may be
relevant, the exhibit index and the signature block. Only what goes to the board is in it: "How to
file" is the person's own download (filing_guide.py), and so are the standards nobody has checked
against the original text (issue #13).

Decisions, and why:
- Several chosen boards (for example telehealth across two states) give ONE document with one cover
  letter per board, each naming the other boards: the statement, exhibits and signature are the
  same for every board, so the person prints and signs once and puts one letter in each envelope.
- Standards: only citations checked against the original text (`verified`) are in a document a
  board may see; the section is left out when there are none. The others go to the person's
  guide as "you may want to look at". A citation is never worded as a finding, only "may be
  relevant".
- Variants: every answer is read through `redaction.AnswerReader`, which knows the variant; the
  complainant blocks come from `redaction.complainant_for`. Each variant says what it is at the
  top of every page (`RUNNING_HEADERS`).
- Missing answers never break anything: each part says plainly what is not known, in words that
  would not embarrass the person in front of a board.
- Question labels come from the step table (`Question.short_label`), so the document and "Check
  your answers" say the same thing; the rows of timeline events, evidence and people come from
  their records (`interview.items`), under the labels the records give a board's copy.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from complaint_helper.boards import STATES, Board, Citation
from complaint_helper.boards.routing import PROFESSION_PHRASES
from complaint_helper.documents import filing_guide
from complaint_helper.documents.exhibits import SentFile, bundle_name, file_kind, number_items
from complaint_helper.documents.item_rows import item_rows, item_table
from complaint_helper.documents.model import (
    VARIANTS,
    Block,
    BulletList,
    ComplaintDocument,
    KeyValues,
    Notice,
    PageBreak,
    Paragraph,
    Section,
    SignatureLines,
    Table,
    Variant,
)
from complaint_helper.documents.redaction import (
    BLANK,
    WITHHELD,
    AnswerReader,
    Redactor,
    complainant_for,
)
from complaint_helper.documents.wording import (
    date_or_not_known,
    format_day,
    has_date,
    join,
    label,
    language_name,
    question_label,
    size,
)
from complaint_helper.i18n import LANGUAGES, _, current_language, lazy_gettext, ngettext
from complaint_helper.interview.items import EVIDENCE_RECORD, PERSON_RECORD, TIMELINE_RECORD
from complaint_helper.interview.model import Answers

__all__ = [
    "BLANK",
    "CONDUCT_SENTENCES",
    "DECLARATION",
    "VARIANTS",
    "WITHHELD",
    "BulletList",
    "ComplaintDocument",
    "KeyValues",
    "Notice",
    "PageBreak",
    "Paragraph",
    "Redactor",
    "Section",
    "SignatureLines",
    "Table",
    "Variant",
    "build_complaint",
    "build_filing_guide",
]

# What every page of each variant says it is.
RUNNING_HEADERS: dict[Variant, str] = {
    "board": lazy_gettext("Complaint to the licensing board — confidential"),
    "advocate": lazy_gettext("Advocate copy — not for filing"),
    "anonymous": lazy_gettext("Anonymous draft — fill in the blanks before filing"),
}
DECLARATION = lazy_gettext(
    "I declare that the information above is true and correct to the best of my knowledge."
)
build_filing_guide = filing_guide.build_filing_guide

# ------------------------------------------------------------------------------------------------
# Words for the checklist: one plain factual sentence per conduct choice (keys from steps.py).

CONDUCT_SENTENCES: dict[str, str] = {
    "sexual_contact": lazy_gettext("The professional engaged in sexual contact with me."),
    "sexual_comments": lazy_gettext(
        "The professional made sexual comments or asked me about sex in ways that had nothing "
        "to do with my treatment."
    ),
    "body_comments": lazy_gettext("The professional made comments about my body or my looks."),
    "touching": lazy_gettext("The professional touched or hugged me."),
    "special_treatment": lazy_gettext(
        "The professional singled me out for special treatment or favours, such as telling me I "
        "was special, longer sessions, waived fees or gifts."
    ),
    "outside_meetings": lazy_gettext(
        "The professional changed how and where we met, such as late sessions, meetings away "
        "from the office, or sessions that felt like a date."
    ),
    "contact_between_sessions": lazy_gettext(
        "The professional contacted me between sessions about things other than appointments "
        "(texts, messages, calls or social media)."
    ),
    "own_intimate_life": lazy_gettext(
        "The professional talked to me about their own romantic or sexual life, disappointments "
        "or longings."
    ),
    "disparaging_partner": lazy_gettext("The professional put down my partner."),
    "relationship_after": lazy_gettext(
        "The professional began a relationship with me after the therapy ended."
    ),
    "something_else": lazy_gettext("Something else happened, which I describe below."),
}

# Short phrases for the cover letter's one-sentence statement.
_CONDUCT_PHRASES: dict[str, str] = {
    "sexual_contact": lazy_gettext("sexual contact with me"),
    "relationship_after": lazy_gettext("a relationship with me after ending the therapy"),
    "sexual_comments": lazy_gettext("sexual comments and questions unrelated to my treatment"),
}


# Professionals a person may have seen for medication rather than talking therapy.
_PRESCRIBERS = frozenset({"psychiatrist", "psychiatric_nurse"})

_STEP_THERAPY = "therapy"
_STEP_YOU = "about-you"
_STEP_PRO = "professional"


def paragraphs(text: str) -> list[str]:
    """The person's text split at blank lines; single line breaks are kept inside a paragraph."""
    parts = re.split(r"\n[ \t\r\f\v]*\n", text.replace("\r\n", "\n").strip("\n"))
    return [part for part in parts if part.strip()]


class _Builder:
    def __init__(
        self,
        answers: Answers,
        boards: Sequence[Board],
        variant: Variant,
        today: date,
        citations: Sequence[Citation],
        sent: Mapping[str, SentFile] | None = None,
        words_language: str | None = None,
    ) -> None:
        self.r = AnswerReader(answers, variant)
        self.sent = sent
        self.boards = list(boards)
        self.variant = variant
        self.today = today
        # Only standards checked against the original text go in front of a board.
        self.verified = [citation for citation in citations if citation.verified]
        self.complainant = complainant_for(self.r)
        self.words_language = words_language

    # -- facts used in several parts ----------------------------------------------------------
    @property
    def professional_name(self) -> str:
        return self.r.text(_STEP_PRO, "name")

    def professional_phrase(self) -> str:
        """How the letter names them: "Dr. A, a psychologist" or "a professional at X"."""
        name = self.professional_name
        key = self.r.choice(_STEP_PRO, "profession")
        profession = str(PROFESSION_PHRASES.get(key, ""))
        practice = self.r.text(_STEP_PRO, "practice_name")
        if name and profession:
            return _("%(name)s, %(profession)s", name=name, profession=profession)
        if name:
            return name
        if profession and practice:
            return _(
                "%(profession)s at %(practice)s (name not known)",
                profession=profession,
                practice=practice,
            )
        if practice:
            return _(
                "a mental-health professional at %(practice)s (name not known)", practice=practice
            )
        return _("a mental-health professional whose name I do not know")

    @staticmethod
    def state_name(code: str) -> str:
        return STATES.get(code.upper(), code)

    def treatment_period(self) -> str:
        started = self.r.date(_STEP_THERAPY, "started")
        ended = self.r.date(_STEP_THERAPY, "ended")
        ongoing = self.r.choice(_STEP_THERAPY, "status") == "ongoing"
        if ongoing:
            # An end date typed before the therapy was marked as still going on is stale.
            return (
                _("from %(start)s until now", start=started.describe()) if has_date(started) else ""
            )
        if has_date(started) and has_date(ended):
            return _("from %(start)s to %(end)s", start=started.describe(), end=ended.describe())
        if has_date(started):
            return _("starting %(start)s", start=started.describe())
        if has_date(ended):
            return _("until %(end)s", end=ended.describe())
        return ""

    def conduct_keys(self) -> list[str]:
        return self.r.choices("what-happened", "conduct")

    # -- parts --------------------------------------------------------------------------------
    def build(self) -> ComplaintDocument:
        sections: list[Section] = []
        letters: list[Board | None] = [*self.boards] or [None]
        for index, board in enumerate(letters):
            sections.append(self.cover_letter(board, index))
        sections.append(self.statement())
        if self.verified:
            sections.append(self.standards())
        sections.append(self.exhibit_index())
        sections.append(self.signature())
        return ComplaintDocument(
            variant=self.variant,
            sections=tuple(sections),
            running_header=str(RUNNING_HEADERS[self.variant]),
            language=current_language(),
        )

    def cover_letter(self, board: Board | None, index: int) -> Section:
        blocks: list[Block] = []
        blocks.append(Paragraph(format_day(self.today), "letter_line"))
        blocks.append(KeyValues(self.complainant.rows(), title=_("From")))
        to_lines: list[tuple[str, str]] = []
        if board is None:
            to_lines.append((_("Board"), _("The licensing board (to be confirmed)")))
            blocks.append(KeyValues(tuple(to_lines), title=_("To")))
            blocks.append(
                Notice(
                    _(
                        "Confirm which licensing board handles this professional and its "
                        "complaint address before you send this letter. The app's board page "
                        "shows how to look up the license."
                    )
                )
            )
        else:
            to_lines.append((_("Board"), board.name))
            if board.mailing_address:
                to_lines.append((_("Address"), board.mailing_address))
            blocks.append(KeyValues(tuple(to_lines), title=_("To")))
            if not board.mailing_address:
                where = board.start_url
                blocks.append(
                    Notice(
                        _("Confirm the address at %(url)s before you send this letter.", url=where)
                        if where
                        else _(
                            "Confirm the board's complaint address on its website before you "
                            "send this letter."
                        )
                    )
                )
        license_number = self.r.text(_STEP_PRO, "license_number")
        professional = self.professional_phrase()
        subject = (
            _(
                "Complaint about %(professional)s, license number %(number)s",
                professional=professional,
                number=license_number,
            )
            if license_number
            else _(
                "Complaint about %(professional)s, license number not known",
                professional=professional,
            )
        )
        blocks.append(Paragraph(_("Subject: %(subject)s", subject=subject), "heading"))
        greeting = (
            _("To the %(board)s:", board=board.name)
            if board is not None
            else _("To the licensing board:")
        )
        blocks.append(Paragraph(greeting))
        blocks.append(Paragraph(self.short_statement()))
        language_note = self.language_sentence()
        if language_note:
            blocks.append(Paragraph(language_note))
        others = [other for other in self.boards if board is not None and other.id != board.id]
        if others:
            names = join([other.name for other in others])
            blocks.append(
                Paragraph(
                    _(
                        "I am also sending this complaint to the %(boards)s, because the "
                        "professional may be licensed there too.",
                        boards=names,
                    )
                )
            )
        blocks.append(
            Paragraph(
                _(
                    "I ask the board to investigate. I am willing to answer questions; please "
                    "contact me using the details above."
                )
                if self.complainant.mode == "details"
                else _("I ask the board to investigate.")
            )
        )
        helped = self.advocate_sentence()
        if helped:
            blocks.append(Paragraph(helped))
        blocks.append(Paragraph(_("Enclosures:"), "heading"))
        blocks.append(BulletList(tuple(self.enclosures())))
        blocks.append(Paragraph(_("Sincerely,"), "letter_line"))
        blocks.append(
            SignatureLines(((_("Signature"), ""), (_("Name"), self.complainant.signature_name)))
        )
        title = (
            _("Cover letter")
            if len(self.boards) <= 1
            else _("Cover letter %(number)s", number=index + 1)
        )
        return Section(key=f"cover-letter-{index + 1}", title=title, blocks=tuple(blocks))

    def language_sentence(self) -> str:
        """When the person wrote in another language than this letter's (a case in Spanish, a
        letter in English), the letter says so plainly in one sentence rather than pretending."""
        own = self.words_language
        if own is None or own == current_language() or own not in LANGUAGES:
            return ""
        return _("My statement is in %(language)s, my first language.", language=language_name(own))

    def advocate_sentence(self) -> str:
        """One sentence when the person said an advocate is helping (optional, never required);
        the letter stays in the first person."""
        if self.r.choice(_STEP_YOU, "advocate") != "yes":
            return ""
        organisation = self.r.text(_STEP_YOU, "advocate_organisation")
        if organisation:
            return _(
                "I prepared this complaint with the help of an advocate from %(organisation)s.",
                organisation=organisation,
            )
        return _("I prepared this complaint with the help of an advocate.")

    def short_statement(self) -> str:
        period = self.treatment_period()
        state = self.r.choice(_STEP_THERAPY, "state")
        professional = self.professional_phrase()
        care = (
            _("psychiatric care")
            if self.r.choice(_STEP_PRO, "profession") in _PRESCRIBERS
            else _("therapy")
        )
        where = self.state_name(state) if state else ""
        if period and where:
            sentence = _(
                "I am filing a complaint about %(professional)s, whom I saw for %(care)s "
                "%(period)s, while I was in %(state)s.",
                professional=professional,
                care=care,
                period=period,
                state=where,
            )
        elif period:
            sentence = _(
                "I am filing a complaint about %(professional)s, whom I saw for %(care)s "
                "%(period)s.",
                professional=professional,
                care=care,
                period=period,
            )
        elif where:
            sentence = _(
                "I am filing a complaint about %(professional)s, while I was in %(state)s.",
                professional=professional,
                state=where,
            )
        else:
            sentence = _(
                "I am filing a complaint about %(professional)s.", professional=professional
            )
        parts = [sentence]
        keys = self.conduct_keys()
        phrases = [str(_CONDUCT_PHRASES[key]) for key in _CONDUCT_PHRASES if key in keys]
        if phrases and len(keys) > len(phrases):
            parts.append(
                _(
                    "The professional engaged in %(conduct)s, and crossed other professional "
                    "boundaries.",
                    conduct=join(phrases),
                )
            )
        elif phrases:
            parts.append(_("The professional engaged in %(conduct)s.", conduct=join(phrases)))
        elif keys:
            parts.append(_("The professional crossed professional boundaries with me."))
        parts.append(
            _(
                "The enclosed statement describes what happened, in my own words, with a "
                "timeline and a list of evidence."
            )
        )
        return " ".join(parts)

    def enclosures(self) -> list[str]:
        items = [_("Complaint statement, with a timeline and people who know")]
        if self.verified:
            items.append(_("Standards that may be relevant"))
        exhibits = number_items(self.r.evidence())
        if exhibits:
            items.append(
                ngettext(
                    "Exhibit index (%(num)d exhibit)",
                    "Exhibit index (%(num)d exhibits)",
                    len(exhibits),
                )
            )
            items.append(
                _("Copies of the exhibits I can provide (I keep the originals)")
                if len(exhibits) > 1
                else _("A copy of the exhibit, if I can provide it (I keep the original)")
            )
        items.append(_("Signed declaration"))
        return items

    def own_words(self, step: str, question: str) -> list[Paragraph]:
        return [
            Paragraph(part, "own_words") for part in paragraphs(self.r.long_text(step, question))
        ]

    def statement(self) -> Section:
        blocks: list[Block] = []
        blocks.append(Paragraph(_("The complainant"), "heading"))
        blocks.append(KeyValues(self.complainant.rows()))

        blocks.append(Paragraph(_("The professional"), "heading"))
        blocks.append(KeyValues(tuple(self.professional_rows())))

        blocks.append(Paragraph(_("The treatment"), "heading"))
        blocks.append(KeyValues(tuple(self.treatment_rows())))

        blocks.append(Paragraph(_("What happened, in summary"), "heading"))
        blocks.extend(self.conduct_summary())

        blocks.append(Paragraph(_("What happened, in my own words"), "heading"))
        account = self.own_words("your-account", "account")
        if account:
            blocks.append(
                Paragraph(_("The account below is in my own words, as I wrote it."), "note")
            )
            blocks.extend(account)
        else:
            blocks.append(
                Paragraph(
                    _(
                        "I have not written a full account in this draft. I can describe what "
                        "happened when the board contacts me."
                    )
                )
            )

        blocks.append(Paragraph(_("Timeline"), "heading"))
        blocks.append(self.timeline_block())

        blocks.append(Paragraph(_("People who know about this"), "heading"))
        blocks.extend(self.people_blocks())

        impact = self.own_words("impact", "impact")
        if impact:
            blocks.append(Paragraph(_("How this has affected me"), "heading"))
            blocks.extend(impact)

        blocks.append(Paragraph(_("What I am asking the board to do"), "heading"))
        blocks.append(
            Paragraph(
                _(
                    "I ask the board to investigate this complaint and to take the action it "
                    "finds necessary to protect me and other clients."
                )
            )
        )
        blocks.extend(self.own_words("what-you-want", "requested"))
        return Section(key="statement", title=_("Complaint statement"), blocks=tuple(blocks))

    def professional_rows(self) -> list[tuple[str, str]]:
        r = self.r
        not_known = _("Not known")
        rows: list[tuple[str, str]] = [(_("Name"), self.professional_name or not_known)]
        profession_key = r.choice(_STEP_PRO, "profession")
        if profession_key:
            rows.append((_("Profession"), label(_STEP_PRO, "profession", profession_key)))
        degree = r.choice(_STEP_PRO, "degree")
        if degree and profession_key == "psychiatrist":
            rows.append((_("Degree"), label(_STEP_PRO, "degree", degree)))
        rows.append((_("License number"), r.text(_STEP_PRO, "license_number") or not_known))
        for question in ("practice_name", "practice_address", "phone", "other_states"):
            value = r.text(_STEP_PRO, question)
            if value:
                rows.append((question_label(_STEP_PRO, question), value))
        return rows

    def treatment_rows(self) -> list[tuple[str, str]]:
        r = self.r
        rows: list[tuple[str, str]] = []
        # "Not known", like the other rows: a skipped date must not read as "I don't remember".
        started = r.date(_STEP_THERAPY, "started")
        rows.append((_("Started"), date_or_not_known(started)))
        status = r.choice(_STEP_THERAPY, "status")
        if status == "ongoing":
            rows.append((_("Ended"), _("The therapy is still going on")))
        else:
            ended = r.date(_STEP_THERAPY, "ended")
            rows.append((_("Ended"), date_or_not_known(ended)))
        for question in ("frequency", "setting", "telehealth"):
            key = r.choice(_STEP_THERAPY, question)
            if key:
                rows.append(
                    (question_label(_STEP_THERAPY, question), label(_STEP_THERAPY, question, key))
                )
        state = r.choice(_STEP_THERAPY, "state")
        if state:
            rows.append((_("Where I was during sessions"), self.state_name(state)))
        therapist_state = r.choice(_STEP_THERAPY, "therapist_state")
        if therapist_state and therapist_state != state:
            rows.append((_("Where the professional was"), self.state_name(therapist_state)))
        return rows

    def conduct_summary(self) -> list[Block]:
        r = self.r
        keys = self.conduct_keys()
        if not keys:
            return [Paragraph(_("The account in my own words, below, describes what happened."))]
        sentences = [
            str(CONDUCT_SENTENCES.get(key) or label("what-happened", "conduct", key))
            for key in keys
        ]
        blocks: list[Block] = [BulletList(tuple(sentences))]
        if "relationship_after" in keys:
            after: list[str] = []
            ended = r.date(_STEP_THERAPY, "ended")
            began = r.date("after-therapy", "relationship_began")
            finished = r.date("after-therapy", "relationship_ended")
            if r.choice("after-therapy", "ended_by_therapist") == "yes":
                after.append(_("The professional ended the therapy before the relationship began."))
            if has_date(ended) and r.choice(_STEP_THERAPY, "status") != "ongoing":
                after.append(_("The therapy ended %(when)s.", when=ended.describe()))
            if has_date(began):
                after.append(_("The relationship began %(when)s.", when=began.describe()))
            if has_date(finished):
                after.append(_("It ended %(when)s.", when=finished.describe()))
            if after:
                blocks.append(Paragraph(" ".join(after)))
            said = self.own_words("after-therapy", "what_they_said")
            if said:
                blocks.append(
                    Paragraph(
                        _("About why the therapy was ending, the professional said:"), "small"
                    )
                )
                blocks.extend(said)
        something_else = self.own_words("what-happened", "something_else")
        if something_else:
            blocks.append(Paragraph(_("Something else that happened, in my own words:"), "small"))
            blocks.extend(something_else)
        return blocks

    def timeline_block(self) -> Block:
        events = self.r.timeline()
        if not events:
            return Paragraph(_("I have not added a timeline in this draft."))
        return item_table(TIMELINE_RECORD, events, self.r, letter=True)

    def people_blocks(self) -> list[Block]:
        people = self.r.people()
        if not people:
            return [Paragraph(_("I have not listed anyone in this draft."))]
        blocks: list[Block] = []
        for number, person in enumerate(people, start=1):
            if self.r.redacts:
                name = _(
                    "Withheld in this copy (called [%(role)s] in the text)",
                    role=self.r.role(number - 1),
                )
            else:
                name = person.name or _("Not given")
            rows = [(str(PERSON_RECORD.display("name").letter), name)]
            rows += item_rows(PERSON_RECORD, person, self.r, letter=True, leave_out=("name",))
            blocks.append(KeyValues(tuple(rows), title=PERSON_RECORD.numbered(number)))
        return blocks

    def standards(self) -> Section:
        blocks: list[Block] = [
            Paragraph(
                _(
                    "The standards below may be relevant to what I have described. I am not "
                    "drawing a legal conclusion: the board will decide which of its rules apply."
                )
            )
        ]
        blocks.extend(citation_block(citation) for citation in self.verified)
        return Section(
            key="standards",
            title=_("Standards that may be relevant"),
            blocks=tuple(blocks),
            new_page=False,
        )

    def exhibit_index(self) -> Section:
        exhibits = number_items(self.r.evidence())
        blocks: list[Block] = []
        if not exhibits:
            blocks.append(
                Paragraph(
                    _(
                        "No exhibits are listed in this draft. I can provide documents if the "
                        "board asks for them."
                    )
                )
            )
        else:
            blocks.append(
                Paragraph(
                    _(
                        "Each exhibit is a copy; I keep the originals. For files, the SHA-256 "
                        "fingerprint lets the board check that a copy matches the file listed "
                        "here."
                    )
                )
            )
        file_label, size_label = _("File"), _("Size")
        for exhibit in exhibits:
            item = exhibit.item
            rows = item_rows(EVIDENCE_RECORD, item, self.r, letter=True)
            for attached in item.files:
                # Never the uploaded file's name: the neutral name of the copy, its fingerprint.
                sent = self.sent.get(attached.attachment_id) if self.sent is not None else None
                if sent is None:
                    rows.append((file_label, bundle_name(exhibit, attached)))
                    if attached.size is not None:
                        rows.append((size_label, size(attached.size)))
                elif sent.sent:
                    rows.append((file_label, sent.name))
                    if sent.size is not None:
                        rows.append((size_label, size(sent.size)))
                    rows.append(("SHA-256", sent.sha256))
                else:
                    rows.append(
                        (
                            file_label,
                            _(
                                "%(name)s (%(kind)s)",
                                name=sent.name,
                                kind=file_kind(attached.media_type),
                            ),
                        )
                    )
                    rows.append((_("Not sent"), str(sent.note)))
            if not item.files:
                rows.append((file_label, _("No file attached in the app")))
            blocks.append(KeyValues(tuple(rows), title=exhibit.label))
        return Section(
            key="exhibits", title=_("Exhibit index"), blocks=tuple(blocks), new_page=False
        )

    def signature(self) -> Section:
        blocks: list[Block] = [Paragraph(str(DECLARATION))]
        blocks.append(
            SignatureLines(
                (
                    (_("Signature"), ""),
                    (_("Name"), self.complainant.signature_name),
                    (_("Date"), ""),
                    (_("Place"), ""),
                )
            )
        )
        notes: list[str] = []
        for board in self.boards:
            if board.requires_own_form:
                notes.append(
                    _(
                        "The %(board)s asks for complaints on its own form. Fill in that form as "
                        'well; where it asks for details you can write "see attached '
                        'statement".',
                        board=board.name,
                    )
                )
            if board.requires_records_release:
                notes.append(
                    _(
                        "The %(board)s asks for a signed release of your treatment records. Its "
                        "form for this is on its website.",
                        board=board.name,
                    )
                )
            if board.requires_notarization:
                notes.append(
                    _(
                        "The %(board)s asks for the complaint to be signed in front of a notary.",
                        board=board.name,
                    )
                )
        if notes:
            blocks.append(Paragraph(_("Before you sign:"), "heading"))
            blocks.append(BulletList(tuple(notes)))
        return Section(
            key="signature",
            title=_("Declaration and signature"),
            blocks=tuple(blocks),
            new_page=False,
        )


def citation_block(citation: Citation) -> KeyValues:
    """A standard's rows. The citation's own words (summary, who it applies to) stay as the
    source gave them; only the labels are translated."""
    rows: list[tuple[str, str]] = [
        (_("What it says"), citation.summary),
        (_("Who it applies to"), citation.applies_to),
    ]
    if citation.source is not None:
        rows.append((_("Source"), source_line(citation.source.url, citation.source.checked_on)))
    return KeyValues(tuple(rows), title=f"{citation.authority}, {citation.rule}")


def source_line(url: str, checked_on: date) -> str:
    """ "https://… (checked 22 November 2026)", in the current language."""
    return _("%(url)s (checked %(day)s)", url=url, day=format_day(checked_on))


def build_complaint(
    answers: Answers,
    boards: Sequence[Board],
    variant: Variant,
    *,
    today: date,
    citations: Sequence[Citation],
    sent: Mapping[str, SentFile] | None = None,
    words_language: str | None = None,
) -> ComplaintDocument:
    """The whole complaint for these boards in this variant, in the current language
    (`i18n.use_language`); never fails on missing answers.

    `sent` (exhibits.sent_files) gives the exhibit index the fingerprint of each copy actually
    sent; without it the index names each file's copy but gives no fingerprint. `words_language`
    is the language the person wrote their answers in (the case's): when it is not this
    document's, the cover letter says so in one sentence."""
    return _Builder(answers, boards, variant, today, citations, sent, words_language).build()


# The complaint's parts, one wording each, for the letters built from the same answers
# (documents/letters): the professional, the treatment, what happened, timeline, people, exhibits.
ComplaintParts = _Builder
