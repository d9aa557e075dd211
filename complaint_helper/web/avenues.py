"""The "Other places that can help" page: what the person asked for on *What you would like to do*.

- GET /case/other-avenues   for the person's state: the avenues they ticked (police, lawyer,
                            support, ethics committee) first and in full, then the others; then
                            time limits counted from their own dates for the board(s) they chose.
                            Every law sentence shows the page it was read on and the day.

The words are complaint_helper.support's, the one definition the boards page, the command and the
"How to file" guide also read. A law file that fails its own checks gives the general words, never
a traceback.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template

from complaint_helper.boards import STATES, BoardDataError
from complaint_helper.documents.downloads import chosen_boards
from complaint_helper.failure_log import log_failure
from complaint_helper.interview import repository
from complaint_helper.support import NOT_ADVICE, avenues_for_wishes, time_limit_notes
from complaint_helper.web.session import require_case


def make_blueprint() -> Blueprint:
    bp = Blueprint("avenues", __name__, url_prefix="/case")

    @bp.get("/other-avenues")
    def page() -> str:
        answers = repository.load_answers(require_case()).answers
        code = answers.choice("therapy", "state").upper()
        state = code if code in STATES else None
        wishes = answers.choices("what-you-want", "wishes")
        boards = chosen_boards(answers)
        ended = answers.date("therapy", "ended")
        ongoing = answers.choice("therapy", "status") == "ongoing"
        try:
            asked, others = avenues_for_wishes(state, wishes)
            limits = time_limit_notes(state, boards, ended, ongoing=ongoing, today=date.today())
        except (BoardDataError, KeyError, ValueError) as error:
            log_failure(error, "reading the law data (showing the general words)")
            asked, others = avenues_for_wishes(None, wishes)
            limits = ()
        return render_template(
            "avenues/avenues.html",
            state_name=STATES.get(state or "", ""),
            asked=asked,
            others=others,
            limits=limits,
            boards=boards,
            not_advice=NOT_ADVICE,
        )

    return bp
