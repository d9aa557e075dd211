""" "Your answers": the person's own take-home copy of the whole record, as a plain PDF a client can
keep and read without the app (issue #13).

Every question of the step table in interview order, with its full answer (never shortened, unlike
the review page), then the timeline, the evidence and the people, every field of each under the
label its record gives (`interview.items`). The first page says plainly that
the file is private and NOT encrypted. Answers are read through `redaction.AnswerReader` (the
board variant: nothing withheld, line breaks normalised), like every other document.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from complaint_helper.boards import Board
from complaint_helper.documents.item_rows import item_rows, item_table
from complaint_helper.documents.model import (
    Block,
    Document,
    KeyValues,
    Notice,
    Paragraph,
    Section,
)
from complaint_helper.documents.redaction import AnswerReader
from complaint_helper.documents.wording import format_day, join
from complaint_helper.i18n import _, current_language, lazy_gettext, ngettext
from complaint_helper.interview.flow import visible_steps
from complaint_helper.interview.items import FILE_LINE, RECORD_BY_STEP, files_of
from complaint_helper.interview.model import Answers
from complaint_helper.interview.steps import STATE_CHOICES, Question, Step

RUNNING_HEADER = lazy_gettext("Your answers — private, not encrypted")
NOT_ANSWERED = lazy_gettext("Not answered")
PRIVATE = lazy_gettext(
    "This is your own copy of everything you told the app. It is private and NOT encrypted: "
    "anyone who opens this file can read it. Keep it somewhere only you can open, and delete it "
    "when you no longer need it. It is not a complaint and is not meant to be sent to anyone."
)


def _answer(reader: AnswerReader, step: Step, question: Question) -> str:
    if question.kind in ("text", "textarea"):
        return reader.long_text(step.slug, question.name).strip()
    if question.kind == "date":
        value = reader.date(step.slug, question.name)
        return value.describe() if value.is_known or value.is_range else ""
    if question.kind == "choices":
        return "\n".join(
            str(question.choice_label(key)) for key in reader.choices(step.slug, question.name)
        )
    key = reader.choice(step.slug, question.name)
    if question.kind == "state":
        return next((str(choice.label) for choice in STATE_CHOICES if choice.key == key), key)
    return str(question.choice_label(key)) if key else ""


def _questions(reader: AnswerReader, step: Step) -> list[Block]:
    not_answered = str(NOT_ANSWERED)
    rows = tuple(
        (str(question.short_label), _answer(reader, step, question) or not_answered)
        for question in step.questions
    )
    return [KeyValues(rows)]


def _items(reader: AnswerReader, step: Step) -> list[Block]:
    """Every field of every item, under the labels of its record (`interview.items`)."""
    record = RECORD_BY_STEP[step.slug]
    listed = reader.items(record.kind)
    if not listed:
        return [Paragraph(_("Nothing added."))]
    if record.in_a_table:
        return [item_table(record, listed, reader, letter=False)]
    blocks: list[Block] = []
    for number, item in enumerate(listed, start=1):
        rows = item_rows(record, item, reader, letter=False, not_answered=str(NOT_ANSWERED))
        rows.extend(
            (str(FILE_LINE), attached.filename or _("A file")) for attached in files_of(item)
        )
        blocks.append(KeyValues(tuple(rows), title=record.numbered(number)))
    return blocks


def build_your_answers(answers: Answers, today: date, boards: Sequence[Board] = ()) -> Document:
    """The whole record in interview order, with the board(s) chosen, for the person to keep, in
    the current language (`i18n.use_language`; the person's own words stay as written)."""
    reader = AnswerReader(answers, "board")
    names = join([board.name for board in boards])
    chosen = (
        ngettext(
            "The board you chose: %(boards)s.",
            "The boards you chose: %(boards)s.",
            len(boards),
            boards=names,
        )
        if boards
        else _("You have not chosen a board yet.")
    )
    sections: list[Section] = [
        Section(
            key="private",
            title=_("Your answers"),
            blocks=(
                Notice(str(PRIVATE)),
                Paragraph(
                    _(
                        "Made on %(day)s, from the answers in the app that day.",
                        day=format_day(today),
                    )
                ),
                Paragraph(chosen),
            ),
        )
    ]
    for step in visible_steps(answers):
        if step.kind in ("info", "review"):
            continue
        blocks = _questions(reader, step) if step.kind == "questions" else _items(reader, step)
        sections.append(
            Section(
                key=f"step-{step.slug}", title=str(step.title), blocks=tuple(blocks), new_page=False
            )
        )
    return Document(
        variant="board",
        sections=tuple(sections),
        running_header=str(RUNNING_HEADER),
        language=current_language(),
    )
