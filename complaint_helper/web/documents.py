"""The board page and the document page: choosing the board(s), and downloading the drafts.

- GET  /case/boards   the board(s) the answers route to, every fact with its source and check
                       date, unknown facts flagged; checkboxes to choose which board(s) to address.
- POST /case/boards   saves the choice (only ids the routing offered) and goes to the documents.
- GET  /case/document the documents that apply to this case (the kind table in
                       documents.downloads, in its order), each with its versions (board draft,
                       advocate copy, anonymous draft) and a PDF / Word choice; the exhibit bundles.
- GET  /case/document/download?kind=…&variant=…&format=pdf|docx   one download. GET changes
                       nothing; the response is `no-store`, an attachment, with a neutral file
                       name (never case text).

Documents are made in memory on each download and never stored. A failure to build one gives the
document page again with a kind sentence (status 500), never a traceback. The exhibit bundle is
streamed from the vault; a damaged file aborts the stream (see documents.exhibits).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from babel.lists import format_list
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

from complaint_helper.boards import STATES, Board
from complaint_helper.boards.schema import PAGE_FACTS
from complaint_helper.documents.bundle_pdf import build_exhibit_bundle_pdf
from complaint_helper.documents.cleaning import MAX_CLEAN_BYTES, can_clean
from complaint_helper.documents.downloads import (
    DOWNLOAD_BY_KIND,
    FORMATS,
    build_download,
    chosen_boards,
    has_unprintable_text,
    offered,
    render,
    routing_for,
)
from complaint_helper.documents.exhibits import (
    bundle_name,
    file_kind,
    numbered_exhibits,
    stream_exhibit_bundle,
)
from complaint_helper.documents.follow_up import WITH_HISTORY, with_filing_history
from complaint_helper.failure_log import log_failure
from complaint_helper.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    babel_locale,
    current_language,
    lazy_gettext,
)
from complaint_helper.interview import filing, repository
from complaint_helper.interview.model import Answers
from complaint_helper.support import avenue_lines
from complaint_helper.vault import UnlockedCase
from complaint_helper.web.language import long_date
from complaint_helper.web.session import require_case
from complaint_helper.web.tracker import place_names


class DownloadAbortedError(Exception):
    """A streamed download stopped part-way; it carries no text (the server logs it)."""


@dataclass(frozen=True)
class BundleDownload:
    """The exhibit bundle: streamed from the vault, so it has no document builder."""

    kind: str
    label: str
    filename: str
    hint: str


EXHIBITS = BundleDownload(
    "exhibits",
    lazy_gettext("Exhibit bundle"),
    "attachments.zip",
    lazy_gettext(
        "A ZIP file with a copy of each file you attached, named by exhibit number only. Photos "
        "and PDFs are copied without the hidden details they carry (where and when a photo was "
        "taken, the phone or camera, the author's name); your originals stay as they are."
    ),
)
EXHIBITS_PDF = BundleDownload(
    "exhibits-pdf",
    lazy_gettext("Printable exhibits"),
    "attachments.pdf",
    lazy_gettext(
        "One PDF to print: a contents page, a cover sheet for each exhibit with the fingerprint "
        "of each copy, then each photo or PDF page. Recordings get a cover sheet that says what "
        "they are."
    ),
)

CHOOSE_A_DOWNLOAD = lazy_gettext("Choose one of the downloads below.")
GENERATION_FAILED = lazy_gettext(
    "We couldn't make that document just now. Your answers are safe. Please try again; if it "
    "keeps happening, try the other downloads or shorten a very long answer."
)
EXHIBITS_FAILED = lazy_gettext(
    "We couldn't read one of your files, so the exhibit bundle was not made. Your answers are "
    "safe. The evidence page shows which file needs attention."
)
# The languages a letter to a board can be written in, the default (English) first; each is
# named in its own language on the page.
LETTER_LANGUAGES: dict[str, str] = {
    DEFAULT_LANGUAGE: LANGUAGES[DEFAULT_LANGUAGE],
    **{code: name for code, name in LANGUAGES.items() if code != DEFAULT_LANGUAGE},
}


@dataclass(frozen=True)
class FactRow:
    """One board fact as the page shows it: value (or unknown) and where it was checked."""

    label: str
    value: str
    is_url: bool
    known: bool
    source_url: str | None
    checked_on: str | None
    # The board's own words as it publishes them (English), not a sentence of ours: marked so.
    published: bool = False


def fact_rows(board: Board) -> list[FactRow]:
    """The board's facts as the page shows them, in the fact table's order with its labels."""
    rows = []
    for fact in PAGE_FACTS:
        if board.shows_no(fact.name):
            continue
        source = board.source_for(fact.name)
        value = board.describe(fact.name)
        rows.append(
            FactRow(
                fact.label,
                value,
                fact.kind == "url",
                bool(value),
                source.url if source and value else None,
                long_date(source.checked_on) if source and value else None,
                fact.name != "anonymous_complaints"
                and not isinstance(getattr(board, fact.name, None), bool),
            )
        )
    return rows


def _state(answers: Answers) -> str | None:
    state = answers.choice("therapy", "state").upper()
    return state if state in STATES else None


def _load(case: UnlockedCase) -> Answers:
    return repository.load_answers(case).answers


def _attachment_headers(filename: str) -> dict[str, str]:
    return {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }


def make_blueprint() -> Blueprint:
    bp = Blueprint("documents", __name__, url_prefix="/case")

    def document_page(error: object = None, status: int = 200) -> tuple[str, int]:
        answers = _load(require_case())
        boards = chosen_boards(answers)
        downloads = offered(answers)
        exhibits = numbered_exhibits(answers)
        has_files = any(exhibit.has_file for exhibit in exhibits)
        # Files the bundle leaves out because their hidden details cannot be removed: said here
        # before any download, as in the exhibit index, never left out silently.
        left_out = [
            f"{bundle_name(exhibit, attached)} ({file_kind(attached.media_type)})"
            for exhibit in exhibits
            for attached in exhibit.item.files
            if not can_clean(attached.media_type) or (attached.size or 0) > MAX_CLEAN_BYTES
        ]
        return (
            render_template(
                "documents/document.html",
                downloads=downloads,
                letter_language_kinds={
                    download.kind
                    for download in downloads
                    if any(version.reader == "board" for version in download.versions)
                },
                letter_languages=LETTER_LANGUAGES,
                exhibits=EXHIBITS if has_files else None,
                exhibits_pdf=EXHIBITS_PDF if has_files else None,
                boards=format_list([board.name for board in boards], locale=babel_locale()),
                error=error,
                unprintable=has_unprintable_text(answers),
                left_out=", ".join(left_out),
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
            avenues=avenue_lines(_state(answers)),
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
        if kind == EXHIBITS.kind:
            case = require_case()
            return _exhibit_bundle(case, _load(case))
        if kind == EXHIBITS_PDF.kind:
            case = require_case()
            language = request.args.get("language") or DEFAULT_LANGUAGE
            if language not in LETTER_LANGUAGES:
                return document_page(CHOOSE_A_DOWNLOAD, 400)
            try:
                printable = build_exhibit_bundle_pdf(
                    _load(case), case.read_attachment, language=language
                )
            except Exception as error:  # a damaged file, or one that cannot be laid out
                log_failure(error, "printable exhibit bundle")
                return document_page(EXHIBITS_FAILED, 500)
            return Response(
                printable,
                mimetype="application/pdf",
                headers=_attachment_headers(EXHIBITS_PDF.filename),
            )
        chosen = DOWNLOAD_BY_KIND.get(kind)
        if chosen is None:
            return document_page(CHOOSE_A_DOWNLOAD, 400)
        case = require_case()
        answers = _load(case)
        extension = request.args.get("format") or "pdf"
        letter_language = request.args.get("language") or DEFAULT_LANGUAGE
        try:
            version = chosen.version(request.args.get("variant"))
        except KeyError:
            return document_page(CHOOSE_A_DOWNLOAD, 400)
        if (
            extension not in chosen.formats
            or letter_language not in LANGUAGES
            or not chosen.applies(answers)
        ):
            return document_page(CHOOSE_A_DOWNLOAD, 400)
        try:
            document = build_download(
                kind,
                answers,
                date.today(),
                case.read_attachment,
                variant=version.variant,
                case_language=current_language(),
                letter_language=letter_language,
            )
            if kind in WITH_HISTORY:  # the filing history (web/tracker.py), as the variant allows
                history = filing.load_history(case)
                names = place_names(history, answers.chosen_boards)
                document = with_filing_history(document, answers, history, names)
            data = render(document, extension)
        except Exception as error:  # any failure gets the same kind sentence; its type is logged
            log_failure(error, f"document generation ({chosen.kind}, {extension})")
            return document_page(GENERATION_FAILED, 500)
        return Response(
            data,
            mimetype=FORMATS[extension],
            headers=_attachment_headers(chosen.filename(version.variant, extension)),
        )

    def _exhibit_bundle(case: UnlockedCase, answers: Answers) -> BaseResponse | tuple[str, int]:
        chunks = stream_exhibit_bundle(answers, case.read_attachment)
        # Read the first piece before answering, so a file that is missing or damaged from its
        # start gets a page with a sentence rather than a broken download.
        try:
            first = next(chunks, b"")
        except Exception as error:
            log_failure(error, "exhibit bundle before streaming")
            return document_page(EXHIBITS_FAILED, 500)

        def body() -> Iterator[bytes]:
            yield first
            # A damaged file later on raises here: the server drops the connection, so the
            # browser reports a failed download instead of saving a partial ZIP. The server logs
            # what is raised with its traceback, so only a message-less error leaves this body.
            try:
                yield from chunks
            except Exception as error:
                log_failure(error, "exhibit bundle while streaming")
                raise DownloadAbortedError() from None

        return Response(
            stream_with_context(body()),
            mimetype="application/zip",
            headers=_attachment_headers(EXHIBITS.filename),
            direct_passthrough=True,
        )

    return bp
