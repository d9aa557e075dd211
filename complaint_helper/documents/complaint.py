"""The complaint as a plain document model: the person's answers and the chosen board(s) in, a tree
of sections, paragraphs, key/value blocks and tables out. No reportlab here (pdf.py renders it).

The six parts (issue #5), in order: a cover letter per board, the complaint statement, standards
that may be relevant, the exhibit index, the signature block, and "How to file" — the last one for
the person, not the board, on its own pages and marked so.

Decisions, and why:
- Several chosen boards (for example telehealth across two states) give ONE document with one cover
  letter per board, each naming the other boards: the statement, exhibits and signature are the
  same for every board, so the person prints and signs once and puts one letter in each envelope.
  "How to file" lists every board.
- Standards: every citation the directory gives for this profession and state is listed, checked
  ones first; those nobody could check against the original text (`verified` false) sit under
  their own heading, "Not yet checked against the original text", and each says so. Labelled
  rather than omitted because the rule numbers are how an investigator finds the rule in seconds,
  and the person loses the pointer if it is dropped; the label keeps the document from claiming
  more than was checked. A citation is never worded as a finding, only "may be relevant".
- Variants: "board" is complete (the complainant block is left blank when the person chose to add
  their details later); "advocate" replaces the complainant's identity and contact details and the
  names and contacts of people who know with "[withheld]", wherever they appear — in the person's
  own words too, because a name in the account would undo the redaction; "anonymous" leaves the
  complainant's blocks as blanks to fill in by hand and removes their name from the free text.
- Missing answers never break anything: each part says plainly what is not known, in words that
  would not embarrass the person in front of a board.
- Only answers in force are used (`interview.flow.answers_in_force`): the answers of a branch the
  person switched off stay stored in the case but never reach any variant of the document, and an
  end date left over from before the therapy was marked as still going on is not printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from complaint_helper.boards import STATES, Board, Citation
from complaint_helper.documents.exhibits import numbered_exhibits
from complaint_helper.interview import steps
from complaint_helper.interview.dates import MONTH_NAMES, ApproxDate
from complaint_helper.interview.flow import answers_in_force
from complaint_helper.interview.model import Answers

Variant = Literal["board", "advocate", "anonymous"]
VARIANTS: tuple[Variant, ...] = ("board", "advocate", "anonymous")
WITHHELD = "[withheld]"
BLANK = "_" * 32
DECLARATION = (
    "I declare that the information above is true and correct to the best of my knowledge."
)

# ------------------------------------------------------------------------------------------------
# The document model

ParagraphStyle = Literal["body", "own_words", "note", "small", "letter_line", "heading"]


@dataclass(frozen=True)
class Paragraph:
    """Plain text (never markup). `own_words` is the person's text, printed unedited."""

    text: str
    style: ParagraphStyle = "body"


@dataclass(frozen=True)
class Notice:
    """Something the person must act on before sending, printed in a visible box."""

    text: str


@dataclass(frozen=True)
class KeyValues:
    """Label/value rows, such as the professional's details or one exhibit's facts."""

    rows: tuple[tuple[str, str], ...]
    title: str = ""


@dataclass(frozen=True)
class Table:
    """A table with a header row; `widths` are relative column widths."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class SignatureLines:
    """Lines to fill in by hand: (label, prefilled value or "" for a blank line)."""

    lines: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Paragraph | Notice | KeyValues | Table | BulletList | SignatureLines | PageBreak


@dataclass(frozen=True)
class Section:
    """One part of the document. `key` is stable (tests and the renderer use it)."""

    key: str
    title: str
    blocks: tuple[Block, ...]
    new_page: bool = True


@dataclass(frozen=True)
class ComplaintDocument:
    variant: Variant
    sections: tuple[Section, ...]
    # Printed at the top of every page: the person reviews a draft, and it is private.
    running_header: str = "Draft — confidential"

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def plain_text(self) -> str:
        """Every word of the document in reading order (for checks and for the text preview)."""
        out: list[str] = []
        for section in self.sections:
            out.append(section.title)
            for block in section.blocks:
                out.extend(_block_text(block))
        return "\n".join(out)


def _block_text(block: Block) -> list[str]:
    if isinstance(block, Paragraph | Notice):
        return [block.text]
    if isinstance(block, KeyValues):
        return [block.title, *(f"{key}: {value}" for key, value in block.rows)]
    if isinstance(block, Table):
        return [" | ".join(block.header), *(" | ".join(row) for row in block.rows)]
    if isinstance(block, BulletList):
        return list(block.items)
    if isinstance(block, SignatureLines):
        return [f"{label}: {value}" for label, value in block.lines]
    return []


# ------------------------------------------------------------------------------------------------
# Words for the checklist: one plain factual sentence per conduct choice (keys from steps.py).

CONDUCT_SENTENCES: dict[str, str] = {
    "sexual_contact": "The professional engaged in sexual contact with me.",
    "sexual_comments": (
        "The professional made sexual comments or asked me about sex in ways that had nothing "
        "to do with my treatment."
    ),
    "body_comments": "The professional made comments about my body or my looks.",
    "touching": "The professional touched or hugged me.",
    "special_treatment": (
        "The professional singled me out for special treatment or favours, such as telling me I "
        "was special, longer sessions, waived fees or gifts."
    ),
    "outside_meetings": (
        "The professional changed how and where we met, such as late sessions, meetings away "
        "from the office, or sessions that felt like a date."
    ),
    "contact_between_sessions": (
        "The professional contacted me between sessions about things other than appointments "
        "(texts, messages, calls or social media)."
    ),
    "own_intimate_life": (
        "The professional talked to me about their own romantic or sexual life, disappointments "
        "or longings."
    ),
    "disparaging_partner": "The professional put down my partner.",
    "relationship_after": "The professional began a relationship with me after the therapy ended.",
    "something_else": "Something else happened, which I describe below.",
}

# Short phrases for the cover letter's one-sentence statement.
_CONDUCT_PHRASES: dict[str, str] = {
    "sexual_contact": "sexual contact with me",
    "relationship_after": "a relationship with me after ending the therapy",
    "sexual_comments": "sexual comments and questions unrelated to my treatment",
}

_STEP_THERAPY = "therapy"
_STEP_PRO = "professional"
_STEP_YOU = "about-you"


def _label(step_slug: str, question: str, key: str) -> str:
    """A choice's label from the step table (the one definition of every answer's wording)."""
    if not key:
        return ""
    return steps.step(step_slug).question(question).choice_label(key)


def _format_day(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _has(value: ApproxDate) -> bool:
    return value.is_known or (value.until is not None and value.until.is_known)


# ------------------------------------------------------------------------------------------------
# Redaction (advocate and anonymous copies)

_TOKEN_SPLIT = re.compile(r"[\s,;]+")


@dataclass
class Redactor:
    """Replaces chosen strings (and the words of chosen names) with "[withheld]" in any text."""

    phrases: list[str] = field(default_factory=list)
    _pattern: re.Pattern[str] | None = None

    def add_name(self, name: str) -> None:
        name = name.strip()
        if not name:
            return
        self.add_phrase(name)
        for token in _TOKEN_SPLIT.split(name):
            for part in {token, *token.split("-")}:
                part = part.strip(".'\"()")
                # Two-letter words are titles and initials ("Dr", "Jr"); they identify no one.
                if len(part) >= 3:
                    self.add_phrase(part)

    def add_phrase(self, phrase: str) -> None:
        phrase = phrase.strip()
        if phrase and phrase not in self.phrases:
            self.phrases.append(phrase)
            self._pattern = None
        for line in phrase.splitlines():
            line = line.strip()
            if line and line != phrase and line not in self.phrases:
                self.phrases.append(line)
                self._pattern = None

    def __call__(self, text: str) -> str:
        if not self.phrases or not text:
            return text
        if self._pattern is None:
            ordered = sorted(self.phrases, key=len, reverse=True)
            alternatives = "|".join(re.escape(phrase) for phrase in ordered)
            self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        return self._pattern.sub(WITHHELD, text)


def _identity(text: str) -> str:
    return text


# ------------------------------------------------------------------------------------------------
# The builder


@dataclass(frozen=True)
class _Complainant:
    """What the complainant blocks show: real details, "[withheld]", or blanks."""

    mode: Literal["details", "withheld", "blank"]
    name: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    contact_notes: str = ""

    def rows(self) -> tuple[tuple[str, str], ...]:
        if self.mode == "withheld":
            return (("Name", WITHHELD), ("Address", WITHHELD), ("Email", WITHHELD),
                    ("Phone", WITHHELD))
        if self.mode == "blank":
            return (("Name", BLANK), ("Address", BLANK), ("", BLANK), ("Email", BLANK),
                    ("Phone", BLANK))
        rows = [("Name", self.name or BLANK)]
        rows.append(("Address", self.address or BLANK))
        if self.email:
            rows.append(("Email", self.email))
        if self.phone:
            rows.append(("Phone", self.phone))
        if self.contact_notes:
            rows.append(("About contacting me", self.contact_notes))
        return tuple(rows)

    @property
    def signature_name(self) -> str:
        if self.mode == "withheld":
            return WITHHELD
        if self.mode == "blank":
            return ""
        return self.name


class _Builder:
    def __init__(
        self,
        answers: Answers,
        boards: Sequence[Board],
        variant: Variant,
        today: date,
        citations: Sequence[Citation],
    ) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"unknown variant {variant!r}")
        self.a = answers_in_force(answers)
        self.boards = list(boards)
        self.variant = variant
        self.today = today
        self.citations = list(citations)
        self.redact: Callable[[str], str] = _identity
        self.complainant = self._complainant()

    # -- who is complaining -------------------------------------------------------------------
    def _complainant(self) -> _Complainant:
        a = self.a
        name = a.text(_STEP_YOU, "name").strip()
        email = a.text(_STEP_YOU, "email").strip()
        phone = a.text(_STEP_YOU, "phone").strip()
        address = a.text(_STEP_YOU, "address").strip()
        notes = a.text(_STEP_YOU, "contact_notes").strip()
        if self.variant in ("advocate", "anonymous"):
            redactor = Redactor()
            redactor.add_name(name)
            for phrase in (email, phone, address):
                redactor.add_phrase(phrase)
            if self.variant == "advocate":
                for person in a.people:
                    redactor.add_name(person.name)
                    redactor.add_phrase(person.contact)
            self.redact = redactor
            if self.variant == "advocate":
                return _Complainant("withheld")
            return _Complainant("blank")
        wants_details = a.choice(_STEP_YOU, "identity") != "later"
        if not wants_details or not (name or email or phone or address):
            return _Complainant("blank")
        return _Complainant("details", name, address, email, phone, notes)

    def t(self, step_slug: str, question: str) -> str:
        """An answer's text, redacted for this variant."""
        return self.redact(self.a.text(step_slug, question).strip())

    # -- facts used in several parts ----------------------------------------------------------
    @property
    def professional_name(self) -> str:
        return self.t(_STEP_PRO, "name")

    @property
    def profession_label(self) -> str:
        key = self.a.choice(_STEP_PRO, "profession")
        if key in ("", "not_sure", "other"):
            return ""
        label = _label(_STEP_PRO, "profession", key)
        return label.split(" (")[0].lower() if label else ""

    def professional_phrase(self) -> str:
        """How the letter names them: "Dr. A (psychologist)" or "a professional at X"."""
        name = self.professional_name
        profession = self.profession_label
        practice = self.t(_STEP_PRO, "practice_name")
        if name and profession:
            return f"{name}, {_article(profession)} {profession}"
        if name:
            return name
        if profession and practice:
            return f"{_article(profession)} {profession} at {practice} (name not known)"
        if practice:
            return f"a mental-health professional at {practice} (name not known)"
        return "a mental-health professional whose name I do not know"

    @staticmethod
    def state_name(code: str) -> str:
        return STATES.get(code.upper(), code)

    def treatment_period(self) -> str:
        started = self.a.date(_STEP_THERAPY, "started")
        ended = self.a.date(_STEP_THERAPY, "ended")
        ongoing = self.a.choice(_STEP_THERAPY, "status") == "ongoing"
        if ongoing:
            # An end date typed before the therapy was marked as still going on is stale.
            return f"from {started.describe()} until now" if _has(started) else ""
        if _has(started) and _has(ended):
            return f"from {started.describe()} to {ended.describe()}"
        if _has(started):
            return f"starting {started.describe()}"
        if _has(ended):
            return f"until {ended.describe()}"
        return ""

    def conduct_keys(self) -> list[str]:
        return self.a.choices("what-happened", "conduct")

    # -- parts --------------------------------------------------------------------------------
    def build(self) -> ComplaintDocument:
        sections: list[Section] = []
        letters: list[Board | None] = [*self.boards] or [None]
        for index, board in enumerate(letters):
            sections.append(self.cover_letter(board, index))
        sections.append(self.statement())
        sections.append(self.standards())
        sections.append(self.exhibit_index())
        sections.append(self.signature())
        sections.append(self.how_to_file())
        return ComplaintDocument(variant=self.variant, sections=tuple(sections))

    def cover_letter(self, board: Board | None, index: int) -> Section:
        blocks: list[Block] = []
        blocks.append(Paragraph(_format_day(self.today), "letter_line"))
        blocks.append(KeyValues(self.complainant.rows(), title="From"))
        to_lines: list[tuple[str, str]] = []
        if board is None:
            to_lines.append(("Board", "The licensing board (to be confirmed)"))
            blocks.append(KeyValues(tuple(to_lines), title="To"))
            blocks.append(
                Notice(
                    "Confirm which licensing board handles this professional and its complaint "
                    "address before you send this letter. The app's board page shows how to "
                    "look up the license."
                )
            )
        else:
            to_lines.append(("Board", board.name))
            if board.mailing_address:
                to_lines.append(("Address", board.mailing_address))
            blocks.append(KeyValues(tuple(to_lines), title="To"))
            if not board.mailing_address:
                where = board.complaint_url or board.license_lookup_url
                blocks.append(
                    Notice(
                        f"Confirm the address at {where} before you send this letter."
                        if where
                        else "Confirm the board's complaint address on its website before you "
                        "send this letter."
                    )
                )
        license_number = self.t(_STEP_PRO, "license_number")
        subject = f"Complaint about {self.professional_phrase()}"
        subject += f", license number {license_number}" if license_number else (
            ", license number not known"
        )
        blocks.append(Paragraph(f"Subject: {subject}", "heading"))
        greeting = f"To the {board.name}:" if board is not None else "To the licensing board:"
        blocks.append(Paragraph(greeting))
        blocks.append(Paragraph(self.short_statement()))
        others = [other for other in self.boards if board is not None and other.id != board.id]
        if others:
            names = _join([other.name for other in others])
            blocks.append(
                Paragraph(
                    f"I am also sending this complaint to the {names}, because the professional "
                    "may be licensed there too."
                )
            )
        blocks.append(
            Paragraph(
                "I ask the board to investigate. I am willing to answer questions; please contact "
                "me using the details above."
                if self.complainant.mode == "details"
                else "I ask the board to investigate."
            )
        )
        blocks.append(Paragraph("Enclosures:", "heading"))
        blocks.append(BulletList(tuple(self.enclosures())))
        blocks.append(Paragraph("Sincerely,", "letter_line"))
        blocks.append(
            SignatureLines((("Signature", ""), ("Name", self.complainant.signature_name)))
        )
        title = "Cover letter" if len(self.boards) <= 1 else f"Cover letter {index + 1}"
        return Section(key=f"cover-letter-{index + 1}", title=title, blocks=tuple(blocks))

    def short_statement(self) -> str:
        period = self.treatment_period()
        state = self.a.choice(_STEP_THERAPY, "state")
        sentence = f"I am filing a complaint about {self.professional_phrase()}"
        if period:
            sentence += f", whom I saw for therapy {period}"
        if state:
            sentence += f", while I was in {self.state_name(state)}"
        sentence += "."
        keys = self.conduct_keys()
        phrases = [_CONDUCT_PHRASES[key] for key in _CONDUCT_PHRASES if key in keys]
        if phrases:
            sentence += f" The professional engaged in {_join(phrases)}"
            if len(keys) > len(phrases):
                sentence += ", and crossed other professional boundaries"
            sentence += "."
        elif keys:
            sentence += " The professional crossed professional boundaries with me."
        sentence += (
            " The enclosed statement describes what happened, in my own words, with a timeline "
            "and a list of evidence."
        )
        return sentence

    def enclosures(self) -> list[str]:
        items = ["Complaint statement, with a timeline and people who know"]
        if self.citations:
            items.append("Standards that may be relevant")
        exhibits = numbered_exhibits(self.a)
        if exhibits:
            items.append(f"Exhibit index ({len(exhibits)} exhibits)")
            items.append(
                "Copies of the exhibits I can provide (I keep the originals)"
                if len(exhibits) > 1
                else "A copy of the exhibit, if I can provide it (I keep the original)"
            )
        items.append("Signed declaration")
        return items

    def statement(self) -> Section:
        a = self.a
        blocks: list[Block] = []
        blocks.append(Paragraph("The complainant", "heading"))
        blocks.append(KeyValues(self.complainant.rows()))

        blocks.append(Paragraph("The professional", "heading"))
        pro_rows: list[tuple[str, str]] = [("Name", self.professional_name or "Not known")]
        profession_key = a.choice(_STEP_PRO, "profession")
        if profession_key:
            pro_rows.append(("Profession", _label(_STEP_PRO, "profession", profession_key)))
        degree = a.choice(_STEP_PRO, "degree")
        if degree and profession_key == "psychiatrist":
            pro_rows.append(("Degree", _label(_STEP_PRO, "degree", degree)))
        pro_rows.append(("License number", self.t(_STEP_PRO, "license_number") or "Not known"))
        for question, label in (
            ("practice_name", "Practice or clinic"),
            ("practice_address", "Address"),
            ("phone", "Phone"),
            ("other_states", "Other states they may be licensed in"),
        ):
            value = self.t(_STEP_PRO, question)
            if value:
                pro_rows.append((label, value))
        blocks.append(KeyValues(tuple(pro_rows)))

        blocks.append(Paragraph("The treatment", "heading"))
        blocks.append(KeyValues(tuple(self.treatment_rows())))

        blocks.append(Paragraph("What happened, in summary", "heading"))
        blocks.extend(self.conduct_summary())

        blocks.append(Paragraph("What happened, in my own words", "heading"))
        account = a.text("your-account", "account")
        if account.strip():
            blocks.append(
                Paragraph(
                    "The account below is in my own words, as I wrote it.", "note"
                )
            )
            blocks.extend(
                Paragraph(part, "own_words") for part in _paragraphs(self.redact(account))
            )
        else:
            blocks.append(
                Paragraph(
                    "I have not written a full account in this draft. I can describe what "
                    "happened when the board contacts me."
                )
            )

        blocks.append(Paragraph("Timeline", "heading"))
        blocks.append(self.timeline_block())

        blocks.append(Paragraph("People who know about this", "heading"))
        blocks.extend(self.people_blocks())

        impact = a.text("impact", "impact")
        if impact.strip():
            blocks.append(Paragraph("How this has affected me", "heading"))
            blocks.extend(Paragraph(part, "own_words") for part in _paragraphs(self.redact(impact)))

        blocks.append(Paragraph("What I am asking the board to do", "heading"))
        blocks.append(
            Paragraph(
                "I ask the board to investigate this complaint and to take the action it finds "
                "necessary to protect me and other clients."
            )
        )
        requested = a.text("what-you-want", "requested")
        if requested.strip():
            blocks.extend(
                Paragraph(part, "own_words") for part in _paragraphs(self.redact(requested))
            )
        return Section(key="statement", title="Complaint statement", blocks=tuple(blocks))

    def treatment_rows(self) -> list[tuple[str, str]]:
        a = self.a
        rows: list[tuple[str, str]] = []
        # "Not known", like the other rows: a skipped date must not read as "I don't remember".
        started = a.date(_STEP_THERAPY, "started")
        rows.append(("Started", _date_or_not_known(started)))
        status = a.choice(_STEP_THERAPY, "status")
        if status == "ongoing":
            rows.append(("Ended", "The therapy is still going on"))
        else:
            ended = a.date(_STEP_THERAPY, "ended")
            rows.append(("Ended", _date_or_not_known(ended)))
        for question, label in (("frequency", "How often"), ("setting", "Setting"),
                                ("telehealth", "Video or phone sessions")):
            key = a.choice(_STEP_THERAPY, question)
            if key:
                rows.append((label, _label(_STEP_THERAPY, question, key)))
        state = a.choice(_STEP_THERAPY, "state")
        if state:
            rows.append(("Where I was during sessions", self.state_name(state)))
        therapist_state = a.choice(_STEP_THERAPY, "therapist_state")
        if therapist_state and therapist_state != state:
            rows.append(("Where the professional was", self.state_name(therapist_state)))
        return rows

    def conduct_summary(self) -> list[Block]:
        a = self.a
        keys = self.conduct_keys()
        if not keys:
            return [
                Paragraph(
                    "The account in my own words, below, describes what happened."
                )
            ]
        sentences = [CONDUCT_SENTENCES.get(key, _label("what-happened", "conduct", key))
                     for key in keys]
        blocks: list[Block] = [BulletList(tuple(sentences))]
        if "relationship_after" in keys:
            after: list[str] = []
            ended = a.date(_STEP_THERAPY, "ended")
            began = a.date("after-therapy", "relationship_began")
            finished = a.date("after-therapy", "relationship_ended")
            if a.choice("after-therapy", "ended_by_therapist") == "yes":
                after.append("The professional ended the therapy before the relationship began.")
            if _has(ended) and a.choice(_STEP_THERAPY, "status") != "ongoing":
                after.append(f"The therapy ended {ended.describe()}.")
            if _has(began):
                after.append(f"The relationship began {began.describe()}.")
            if _has(finished):
                after.append(f"It ended {finished.describe()}.")
            if after:
                blocks.append(Paragraph(" ".join(after)))
            said = self.t("after-therapy", "what_they_said")
            if said:
                blocks.append(
                    Paragraph("About why the therapy was ending, the professional said:", "small")
                )
                blocks.extend(Paragraph(part, "own_words") for part in _paragraphs(said))
        something_else = a.text("what-happened", "something_else")
        if something_else.strip():
            blocks.append(Paragraph("Something else that happened, in my own words:", "small"))
            blocks.extend(
                Paragraph(part, "own_words") for part in _paragraphs(self.redact(something_else))
            )
        return blocks

    def timeline_block(self) -> Block:
        events = self.a.sorted_timeline()
        if not events:
            return Paragraph("I have not added a timeline in this draft.")
        rows = tuple(
            (
                event.when.describe(),
                self.redact(event.what.strip()),
                self.redact(event.where.strip()),
                self.redact(event.who_else.strip()),
            )
            for event in events
        )
        return Table(("When", "What happened", "Where", "Others present"), rows, (2, 4, 2, 2))

    def people_blocks(self) -> list[Block]:
        if not self.a.people:
            return [Paragraph("I have not listed anyone in this draft.")]
        blocks: list[Block] = []
        for number, person in enumerate(self.a.people, start=1):
            rows: list[tuple[str, str]] = []
            if self.variant == "advocate":
                rows.append(("Name", WITHHELD))
            else:
                rows.append(("Name", self.redact(person.name.strip()) or "Not given"))
            if person.relation:
                rows.append(("Who they are", _label_person(person.relation)))
            if person.when_told.strip():
                rows.append(("When they learned of it", self.redact(person.when_told.strip())))
            if person.what_they_know.strip():
                rows.append(("What they know", self.redact(person.what_they_know.strip())))
            if person.contact.strip():
                contact = WITHHELD if self.variant == "advocate" else person.contact.strip()
                rows.append(("Contact", self.redact(contact)))
            blocks.append(KeyValues(tuple(rows), title=f"Person {number}"))
        return blocks

    def standards(self) -> Section:
        blocks: list[Block] = [
            Paragraph(
                "The standards below may be relevant to what I have described. I am not drawing "
                "a legal conclusion: the board will decide which of its rules apply."
            )
        ]
        if not self.citations:
            blocks.append(
                Paragraph(
                    "No standard is cited in this draft. The board knows the rules that apply "
                    "to the professionals it licenses."
                )
            )
        checked = [citation for citation in self.citations if citation.verified]
        unchecked = [citation for citation in self.citations if not citation.verified]
        blocks.extend(self.citation_block(citation) for citation in checked)
        if unchecked:
            blocks.append(Paragraph("Not yet checked against the original text", "heading"))
            blocks.append(
                Paragraph(
                    "The summaries below come from secondary sources; their wording has not "
                    "been checked against the original code or statute. Please check the "
                    "current text.",
                    "small",
                )
            )
            blocks.extend(self.citation_block(citation) for citation in unchecked)
        return Section(
            key="standards", title="Standards that may be relevant", blocks=tuple(blocks)
        )

    @staticmethod
    def citation_block(citation: Citation) -> KeyValues:
        rows: list[tuple[str, str]] = [
            ("What it says", citation.summary),
            ("Who it applies to", citation.applies_to),
        ]
        if citation.source is not None:
            day = _format_day(citation.source.checked_on)
            rows.append(("Source", f"{citation.source.url} (checked {day})"))
        if not citation.verified:
            rows.append(("Checked", "Not checked against the original text"))
        return KeyValues(tuple(rows), title=f"{citation.authority}, {citation.rule}")

    def exhibit_index(self) -> Section:
        exhibits = numbered_exhibits(self.a)
        blocks: list[Block] = []
        if not exhibits:
            blocks.append(
                Paragraph(
                    "No exhibits are listed in this draft. I can provide documents if the board "
                    "asks for them."
                )
            )
        else:
            blocks.append(
                Paragraph(
                    "Each exhibit is a copy; I keep the originals. For files, the SHA-256 "
                    "fingerprint lets the board check that a copy matches the file listed here."
                )
            )
        for exhibit in exhibits:
            item = exhibit.item
            rows: list[tuple[str, str]] = []
            rows.append(("Description", self.redact(item.description.strip()) or "Not described"))
            rows.append(("Date", item.when.describe()))
            if item.kind:
                rows.append(("Type", _label_evidence(item.kind)))
            if item.original_kept.strip():
                rows.append(("Original kept", self.redact(item.original_kept.strip())))
            for position, attached in enumerate(item.files, start=1):
                suffix = f" {position}" if len(item.files) > 1 else ""
                rows.append(
                    (f"File{suffix}", self.redact(attached.filename.strip()) or "Attached file")
                )
                if attached.size is not None:
                    rows.append(("Size", _format_size(attached.size)))
                if attached.sha256:
                    rows.append(("SHA-256", attached.sha256.lower()))
            if not item.files:
                rows.append(("File", "No file attached in the app"))
            blocks.append(KeyValues(tuple(rows), title=exhibit.label))
        return Section(key="exhibits", title="Exhibit index", blocks=tuple(blocks))

    def signature(self) -> Section:
        blocks: list[Block] = [Paragraph(DECLARATION)]
        blocks.append(
            SignatureLines(
                (
                    ("Signature", ""),
                    ("Name", self.complainant.signature_name),
                    ("Date", ""),
                    ("Place", ""),
                )
            )
        )
        notes: list[str] = []
        for board in self.boards:
            if board.requires_own_form:
                notes.append(
                    f"The {board.name} asks for complaints on its own form. Fill in that form "
                    "as well; where it asks for details you can write \"see attached statement\"."
                )
            if board.requires_records_release:
                notes.append(
                    f"The {board.name} asks for a signed release of your treatment records. "
                    "Its form for this is on its website."
                )
            if board.requires_notarization:
                notes.append(
                    f"The {board.name} asks for the complaint to be signed in front of a notary."
                )
        if notes:
            blocks.append(Paragraph("Before you sign:", "heading"))
            blocks.append(BulletList(tuple(notes)))
        return Section(key="signature", title="Declaration and signature", blocks=tuple(blocks))

    def how_to_file(self) -> Section:
        blocks: list[Block] = [
            Notice(
                "These pages are for you, not for the board. Keep them; do not send them."
            ),
        ]
        if not self.boards:
            blocks.append(
                Paragraph(
                    "No board is chosen yet. The app's board page shows which board handles "
                    "this professional, or how to look up their license."
                )
            )
        for board in self.boards:
            blocks.extend(self.board_guide(board))
        blocks.append(Paragraph("What to send", "heading"))
        sends = [
            "The cover letter addressed to that board, and the complaint statement.",
            "Sign and date the declaration.",
            "Copies of your evidence, never the originals. Keep the originals somewhere safe.",
        ]
        if len(self.boards) > 1:
            sends.append(
                "This draft has one cover letter for each board. Send each board its own letter "
                "with a copy of the statement and the exhibits."
            )
        if self.variant == "advocate":
            sends.append(
                "This is the advocate copy: names and contact details are withheld. Send the "
                "board draft, not this copy."
            )
        blocks.append(BulletList(tuple(sends)))
        blocks.append(Paragraph("Keep copies", "heading"))
        blocks.append(
            Paragraph(
                "Keep a copy of everything you send and write down the date you sent it and "
                "how. If you file online, save or print the confirmation."
            )
        )
        blocks.append(Paragraph("What usually happens next", "heading"))
        blocks.append(
            BulletList(
                (
                    "The board usually confirms that it received your complaint.",
                    "The professional is usually told about the complaint, may see it, and may "
                    "respond to it.",
                    "An investigator may contact you to ask questions. You can ask for a "
                    "support person to be with you.",
                    "It can take months, sometimes longer. The board decides what happens; "
                    "no one can promise an outcome.",
                )
            )
        )
        blocks.append(Paragraph("Time limits", "heading"))
        blocks.append(
            Paragraph(
                "Most time limits restrict when a board may act, not when you may complain. If "
                "you are unsure whether a limit applies to you, file and ask the board. It is "
                "not for you to decide it is too late."
            )
        )
        blocks.append(Paragraph("Support while you wait", "heading"))
        blocks.append(
            BulletList(
                (
                    "What happened was not your fault. Keeping the boundary was always the "
                    "professional's responsibility.",
                    "TELL, the Therapy Exploitation Link Line, supports people who were "
                    "exploited by a therapist.",
                    "A local rape crisis centre or victim advocate can help you through the "
                    "process, including talking to the board.",
                    "A new therapist can support you while the complaint goes on.",
                )
            )
        )
        return Section(key="how-to-file", title="How to file", blocks=tuple(blocks))

    def board_guide(self, board: Board) -> list[Block]:
        blocks: list[Block] = [Paragraph(board.name, "heading")]
        ways: list[tuple[str, str]] = []
        if board.online_filing and board.complaint_url:
            ways.append(("Online", board.complaint_url))
        elif board.complaint_url:
            ways.append(("Complaint page", board.complaint_url))
        if board.mailing_address:
            ways.append(("By mail", board.mailing_address))
        if board.email:
            ways.append(("By email", board.email))
        if board.phone:
            ways.append(("Phone", board.phone))
        if board.license_lookup_url:
            ways.append(("License look-up", board.license_lookup_url))
        if ways:
            blocks.append(KeyValues(tuple(ways)))
        needs = [label for fact, label in _REQUIREMENTS if getattr(board, fact)]
        if needs:
            blocks.append(Paragraph("This board asks for " + _join(needs) + "."))
        unknown = [label for fact, label in _GUIDE_FACTS if getattr(board, fact) is None]
        if unknown:
            where = board.complaint_url or board.license_lookup_url
            text = "Confirm on the board's website: " + ", ".join(unknown) + "."
            if where:
                text += f" Start at {where}"
            blocks.append(Notice(text))
        if self.variant == "anonymous" or self.complainant.mode == "blank":
            if board.anonymous_complaints is not None and board.anonymous_complaints_words:
                verdict = (
                    "accepts anonymous complaints"
                    if board.anonymous_complaints
                    else "does not accept anonymous complaints"
                )
                blocks.append(
                    Paragraph(
                        f"The board {verdict}. In its words: \"{board.anonymous_complaints_words}\""
                    )
                )
            blocks.append(
                Paragraph(
                    "Boards that accept anonymous complaints often say they may not be able to "
                    "investigate without a way to reach you. You can decide later to add your "
                    "name."
                )
            )
        if board.time_limit:
            blocks.append(
                Paragraph(
                    f"The board states a time limit: \"{board.time_limit}\". If you are unsure "
                    "whether it applies to you, file and ask. It is not for you to decide it is "
                    "too late."
                )
            )
        checked = sorted({(source.url, source.checked_on) for source in board.sources.values()})
        if checked:
            blocks.append(
                Paragraph(
                    "Where these facts come from: "
                    + "; ".join(f"{url} (checked {_format_day(day)})" for url, day in checked),
                    "small",
                )
            )
        return blocks


# Facts "How to file" asks the person to confirm when the directory does not know them.
_GUIDE_FACTS: tuple[tuple[str, str], ...] = (
    ("mailing_address", "the complaint mailing address"),
    ("complaint_url", "the complaint page"),
    ("online_filing", "whether you can file online"),
    ("requires_own_form", "whether it needs its own complaint form"),
    ("requires_records_release", "whether it needs a signed release of your treatment records"),
    ("requires_notarization", "whether the complaint must be notarised"),
)


_REQUIREMENTS: tuple[tuple[str, str], ...] = (
    ("requires_own_form", "complaints on its own form"),
    ("requires_records_release", "a signed release of your treatment records"),
    ("requires_notarization", "the complaint to be signed in front of a notary"),
)


def _label_person(key: str) -> str:
    for choice in steps.PERSON_RELATIONS:
        if choice.key == key:
            return choice.label
    return key


def _label_evidence(key: str) -> str:
    for choice in steps.EVIDENCE_KINDS:
        if choice.key == key:
            return choice.label
    return key


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _format_size(size: int) -> str:
    if size < 1024:
        return f"{size:,} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:,.1f} KB ({size:,} bytes)"
    return f"{size / (1024 * 1024):,.1f} MB ({size:,} bytes)"


def _paragraphs(text: str) -> list[str]:
    """The person's text split at blank lines; single line breaks are kept inside a paragraph."""
    parts = re.split(r"\n[ \t\r\f\v]*\n", text.replace("\r\n", "\n").strip("\n"))
    return [part for part in parts if part.strip()]


def build_complaint(
    answers: Answers,
    boards: Sequence[Board],
    variant: Variant,
    *,
    today: date,
    citations: Sequence[Citation],
) -> ComplaintDocument:
    """The whole complaint for these boards in this variant; never fails on missing answers."""
    return _Builder(answers, boards, variant, today, citations).build()


def build_filing_guide(
    answers: Answers,
    boards: Sequence[Board],
    variant: Variant,
    *,
    today: date,
    citations: Sequence[Citation],
) -> ComplaintDocument:
    """Only the "How to file" part, for the separate download."""
    builder = _Builder(answers, boards, variant, today, citations)
    return ComplaintDocument(variant=variant, sections=(builder.how_to_file(),))


def _date_or_not_known(value: ApproxDate) -> str:
    return value.describe() if _has(value) else "Not known"
