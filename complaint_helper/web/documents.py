"""The board page and the document page: choosing the board(s), and downloading the drafts.

- GET  /case/boards   the board(s) the answers route to, every fact with its source and check
                       date, unknown facts flagged; checkboxes to choose which board(s) to address.
- POST /case/boards   saves the choice (only ids the routing offered) and goes to the documents.
- GET  /case/document the downloads: board draft, advocate copy, anonymous draft, how to file,
                       exhibit bundle.
- GET  /case/document/download?kind=…   one download. GET changes nothing; the response is
                       `no-store`, an attachment, with a neutral file name (never case text).

Documents are made in memory on each download and never stored. A failure to build one gives the
document page again with a kind sentence (status 500), never a traceback. The exhibit bundle is
streamed from the vault; a damaged file aborts the stream (see documents.exhibits).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Final

from flask import (
    Blueprint,
    Response,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from complaint_helper.boards import (
    PROFESSIONS,
    STATES,
    Board,
    Citation,
    Routing,
    citations_for,
    load_directory,
    route_to_boards,
)
from complaint_helper.documents.complaint import (
    ComplaintDocument,
    Variant,
    build_complaint,
    build_filing_guide,
)
from complaint_helper.documents.exhibits import numbered_exhibits, stream_exhibit_bundle
from complaint_helper.documents.pdf import render_complaint_pdf
from complaint_helper.interview import repository
from complaint_helper.interview.model import Answers
from complaint_helper.settings import Settings
from complaint_helper.support import avenue_lines
from complaint_helper.vault import UnlockedCase
from complaint_helper.web.session import require_case

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Download:
    """One thing the person can download: its key in the URL, label, file name, explanation."""

    kind: str
    label: str
    filename: str
    hint: str


DOWNLOADS: Final[tuple[Download, ...]] = (
    Download(
        "board",
        "Board draft",
        "complaint-draft.pdf",
        "The full complaint to send to the board, with your name and contact details as you "
        "gave them.",
    ),
    Download(
        "advocate",
        "Advocate copy",
        "advocate-copy.pdf",
        "The same draft with your name, contact details and the names of people you listed "
        "replaced by [withheld], to show an advocate or lawyer.",
    ),
    Download(
        "anonymous",
        "Anonymous draft",
        "anonymous-draft.pdf",
        "The draft with blank lines where your name and contact details would go, to fill in "
        "by hand or leave blank.",
    ),
    Download(
        "how-to-file",
        "How to file",
        "how-to-file.pdf",
        "Where and how to send the complaint, what usually happens next, and support while "
        "you wait. This is for you, not the board.",
    ),
)
EXHIBITS = Download(
    "exhibits",
    "Exhibit bundle",
    "exhibits.zip",
    "A ZIP file with a copy of each file you attached, named by exhibit number.",
)
DOWNLOAD_BY_KIND: Final[dict[str, Download]] = {d.kind: d for d in (*DOWNLOADS, EXHIBITS)}

# The facts shown for each board, in order, with the words the page uses.
BOARD_FACTS: Final[tuple[tuple[str, str], ...]] = (
    ("mailing_address", "Complaint mailing address"),
    ("complaint_url", "Complaint page"),
    ("online_filing", "Online filing"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("license_lookup_url", "License look-up"),
    ("anonymous_complaints", "Anonymous complaints"),
    ("time_limit", "Time limit for complaints"),
    ("requires_own_form", "Needs its own complaint form"),
    ("requires_records_release", "Needs a signed release of your treatment records"),
    ("requires_notarization", "Needs the complaint notarised"),
)
URL_FACTS: Final = ("complaint_url", "license_lookup_url")

GENERATION_FAILED = (
    "We couldn't make that document just now. Your answers are safe. Please try again; if it "
    "keeps happening, try the other downloads or shorten a very long answer."
)
EXHIBITS_FAILED = (
    "We couldn't read one of your files, so the exhibit bundle was not made. Your answers are "
    "safe. The evidence page shows which file needs attention."
)


@dataclass(frozen=True)
class FactRow:
    """One board fact as the page shows it: value (or unknown) and where it was checked."""

    label: str
    value: str
    is_url: bool
    known: bool
    source_url: str | None
    checked_on: str | None


def _describe_fact(board: Board, fact: str) -> str:
    value = getattr(board, fact)
    if value is None:
        return ""
    if fact == "anonymous_complaints":
        words = board.anonymous_complaints_words
        verdict = "Accepted" if value else "Not accepted"
        return f"{verdict}. In the board's words: \u201c{words}\u201d" if words else verdict
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _day(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def fact_rows(board: Board) -> list[FactRow]:
    rows = []
    covers = board.source_for("professions")
    rows.append(
        FactRow(
            "License titles it covers",
            ", ".join(board.covers()),
            False,
            True,
            covers.url if covers else None,
            _day(covers.checked_on) if covers else None,
        )
    )
    for fact, label in BOARD_FACTS:
        source = board.source_for(fact)
        value = _describe_fact(board, fact)
        rows.append(
            FactRow(
                label,
                value,
                fact in URL_FACTS,
                bool(value),
                source.url if source and value else None,
                _day(source.checked_on) if source and value else None,
            )
        )
    return rows


def _degree(answers: Answers) -> str | None:
    degree = answers.choice("professional", "degree")
    return degree if degree in ("md", "do") else None


def routing_for(answers: Answers) -> Routing | None:
    """Route the answers; None when the state is not known yet (nothing to route on)."""
    state = answers.choice("therapy", "state").upper()
    if state not in STATES:
        return None
    profession = answers.choice("professional", "profession") or "not_sure"
    remote = answers.choice("therapy", "therapist_state").upper()
    return route_to_boards(
        state,
        profession,
        _degree(answers),
        remote if remote in STATES else None,
    )


def routing_state(answers: Answers) -> str | None:
    state = answers.choice("therapy", "state").upper()
    return state if state in STATES else None


def chosen_boards(answers: Answers) -> list[Board]:
    """The boards the person chose; ids the directory no longer has are skipped."""
    directory = load_directory()
    boards: list[Board] = []
    for board_id in answers.chosen_boards:
        try:
            boards.append(directory.board(board_id))
        except KeyError:
            continue
    return boards


def citations(answers: Answers) -> tuple[Citation, ...]:
    profession = answers.choice("professional", "profession")
    state = answers.choice("therapy", "state").upper()
    return citations_for(
        profession if profession in PROFESSIONS else "", state if state in STATES else None
    )


def build_download(kind: str, answers: Answers, today: date) -> ComplaintDocument:
    boards = chosen_boards(answers)
    if kind == "how-to-file":
        variant: Variant = "anonymous" if answers.choice("about-you", "identity") == "later" \
            else "board"
        return build_filing_guide(answers, boards, variant, today=today,
                                  citations=citations(answers))
    return build_complaint(
        answers, boards, kind, today=today, citations=citations(answers)  # type: ignore[arg-type]
    )


def _load(case: UnlockedCase) -> Answers:
    return repository.load_answers(case).answers


def _attachment_headers(filename: str) -> dict[str, str]:
    return {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }


def make_blueprint(settings: Settings) -> Blueprint:
    bp = Blueprint("documents", __name__, url_prefix="/case")

    def document_page(error: str | None = None, status: int = 200) -> tuple[str, int]:
        answers = _load(require_case())
        boards = chosen_boards(answers)
        has_files = any(exhibit.has_file for exhibit in numbered_exhibits(answers))
        return (
            render_template(
                "documents/document.html",
                downloads=DOWNLOADS,
                exhibits=EXHIBITS if has_files else None,
                boards=boards,
                error=error,
            ),
            status,
        )

    @bp.get("/boards")
    def boards() -> str:
        answers = _load(require_case())
        routing = routing_for(answers)
        routed = list(routing.boards) if routing else []
        chosen = set(answers.chosen_boards)
        if not chosen and len(routed) == 1:
            chosen = {routed[0].board.id}
        return render_template(
            "documents/boards.html",
            routing=routing,
            routed=[(item, fact_rows(item.board)) for item in routed],
            chosen=chosen,
            error=request.args.get("error") == "none-chosen",
            avenues=avenue_lines(routing_state(answers)),
        )

    @bp.post("/boards")
    def choose_boards() -> BaseResponse:
        case = require_case()
        answers = _load(case)
        routing = routing_for(answers)
        offered = [item.board.id for item in routing.boards] if routing else []
        picked = [board_id for board_id in offered if board_id in request.form.getlist("board")]
        if offered and not picked:
            return redirect(url_for("documents.boards", error="none-chosen") + "#boards", 303)
        repository.save_boards(case, answers, picked)
        return redirect(url_for("documents.document"), 303)

    @bp.get("/document")
    def document() -> tuple[str, int]:
        return document_page()

    @bp.get("/document/download")
    def download() -> BaseResponse | tuple[str, int]:
        kind = request.args.get("kind", "")
        chosen = DOWNLOAD_BY_KIND.get(kind)
        if chosen is None:
            return document_page("Choose one of the downloads below.", 400)
        case = require_case()
        answers = _load(case)
        if chosen is EXHIBITS:
            return _exhibit_bundle(case, answers)
        try:
            pdf = render_complaint_pdf(build_download(kind, answers, date.today()))
        except Exception:  # any failure gets the same kind sentence; details go to the log
            log.exception("document generation failed (kind=%s)", kind)
            return document_page(GENERATION_FAILED, 500)
        return Response(pdf, mimetype="application/pdf", headers=_attachment_headers(
            chosen.filename))

    def _exhibit_bundle(case: UnlockedCase, answers: Answers) -> BaseResponse | tuple[str, int]:
        chunks = stream_exhibit_bundle(answers, case.read_attachment)
        # Read the first piece before answering, so a file that is missing or damaged from its
        # start gets a page with a sentence rather than a broken download.
        try:
            first = next(chunks, b"")
        except Exception:
            log.exception("exhibit bundle failed before streaming")
            return document_page(EXHIBITS_FAILED, 500)

        def body() -> Iterator[bytes]:
            yield first
            # A damaged file later on raises here: the server drops the connection, so the
            # browser reports a failed download instead of saving a partial ZIP.
            yield from chunks

        return Response(
            stream_with_context(body()),
            mimetype="application/zip",
            headers=_attachment_headers(EXHIBITS.filename),
            direct_passthrough=True,
        )

    return bp

