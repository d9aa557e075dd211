"""After you send it: the pages of the private tracker (issue 19).

- GET /case/after-sending/: every place the complaint went, what came back, what is due; a
  "mark as sent" link per chosen board.
- GET/POST …/places/<id>: one place: when and how it was sent, tracking and reference numbers,
  the person handling it.
- GET/POST …/places/<id>/entries/<id>: one thing that happened next, with scans of letters
  (encrypted like evidence) and a due date.
- GET …/entries/<id>/files/<attachment id>: a scan, streamed back from the vault.
- GET/POST …/entries/<id>/calendar: an .ics file for that one due date, only when asked, titled
  as the person chooses.
- GET …/places/<id>/letter?kind=…: a follow-up letter (documents.follow_up).

Everything is stored through `interview.filing` in the unlocked case. Forms work without
JavaScript; CSRF covers every POST (the app's CSRFProtect). Quick exit and Lock submit the page's
form (base.html): what reads cleanly is saved, then the case locks. URLs carry only random ids.
Nothing here sends or notifies anything outside the app.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, date, datetime
from pathlib import PurePath
from typing import Any, BinaryIO, cast

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response as BaseResponse

from complaint_helper.boards import BoardDataError, load_directory
from complaint_helper.documents.downloads import FORMATS, render
from complaint_helper.documents.follow_up import FOLLOW_UP_BY_KIND, FOLLOW_UPS, build_follow_up
from complaint_helper.failure_log import log_failure
from complaint_helper.i18n import gettext, lazy_gettext
from complaint_helper.interview import filing as tracker
from complaint_helper.interview import repository
from complaint_helper.interview.calendar_file import DEFAULT_TITLE, TITLE_LIMIT, calendar_file
from complaint_helper.interview.dates import describe_day
from complaint_helper.interview.due_dates import DueItem, next_due
from complaint_helper.interview.evidence_files import (
    ACCEPT_ATTRIBUTE,
    ACCEPTED_EXTENSIONS,
    REFUSED_TYPE,
    SNIFF_BYTES,
    accepted_kind,
    describe_size,
)
from complaint_helper.interview.filing import Filing, FilingEntry, FilingHistory
from complaint_helper.interview.model import EvidenceFile
from complaint_helper.interview.validation import FieldError, Submission
from complaint_helper.settings import Settings
from complaint_helper.vault import (
    AttachmentTooLarge,
    StorageUnavailable,
    UnlockedCase,
    VaultError,
)
from complaint_helper.web.app_state import current_settings, state_of
from complaint_helper.web.forms import error_list, field_views, posted
from complaint_helper.web.page_form import header_action, locked
from complaint_helper.web.session import require_case

ITEM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
LETTER_FAILED = lazy_gettext(
    "We couldn't make that letter just now. What you saved is safe. Please try again."
)


def make_blueprint() -> Blueprint:
    bp = Blueprint("tracker", __name__, url_prefix="/case/after-sending")

    @bp.record_once
    def allow_uploads(state: Any) -> None:
        # Scans of letters may be far larger than a form; security.py raises the cap for these.
        state_of(state.app).large_body_endpoints.add("tracker.save_entry")

    @bp.get("/")
    def overview() -> str:
        case = require_case()
        answers = repository.load_answers(case).answers
        history = tracker.load_history(case)
        names = place_names(history, answers.chosen_boards)
        unsent = [
            (board_id, name)
            for board_id, name in board_names(answers.chosen_boards)
            if history.filing_for_board(board_id) is None
        ]
        return render_template(
            "tracker/overview.html",
            history=history,
            names=names,
            unsent=unsent,
            due=tracker_due(history, names),
            sent_how={c.key: c.label for c in tracker.SENT_HOW_CHOICES},
            new_id=repository.new_item_id(),
            letters=FOLLOW_UPS,
            damaged=bool(history.damaged),
        )

    # -- a place the complaint was sent ------------------------------------------------------
    @bp.get("/places/<filing_id>")
    def show_filing(filing_id: str) -> str:
        _id_or_404(filing_id)
        case = require_case()
        history = tracker.load_history(case)
        found = history.filing(filing_id)
        board_id = found.board_id if found else _board_arg(case)
        return _render_filing(filing_id, board_id, found, submission=None)

    @bp.post("/places/<filing_id>")
    def save_filing(filing_id: str) -> BaseResponse | str:
        _id_or_404(filing_id)
        case = require_case()
        history = tracker.load_history(case)
        old = history.filing(filing_id)
        board_id = old.board_id if old else _board_arg(case)
        submission = tracker.read_filing_form(posted(request.form), today=date.today())
        action = request.form.get("action", "save")
        filing = tracker.filing_from(filing_id, board_id, submission.values)
        if (
            answer := header_action(action, lambda: _keep(case, filing, submission, old))
        ) is not None:
            return answer
        if not submission.ok:
            return _render_filing(filing_id, board_id, old, submission=submission)
        try:
            tracker.save_filing(case, filing)
        except StorageUnavailable as problem:
            failed = _not_saved(submission, problem)
            return _render_filing(filing_id, board_id, old, submission=failed)
        if action == "later":
            return locked()
        flash(gettext("Saved."), "success")
        return redirect(url_for(".overview") + f"#place-{filing_id}", code=303)

    # -- what happened next ------------------------------------------------------------------
    @bp.get("/places/<filing_id>/entries/<entry_id>")
    def show_entry(filing_id: str, entry_id: str) -> str:
        filing, entry = _entry_or_404(require_case(), filing_id, entry_id)
        return _render_entry(filing, entry_id, entry, submission=None)

    @bp.post("/places/<filing_id>/entries/<entry_id>")
    def save_entry(filing_id: str, entry_id: str) -> BaseResponse | str:
        case = require_case()
        filing, old = _entry_or_404(case, filing_id, entry_id)
        submission = tracker.read_entry_form(posted(request.form), today=date.today())
        action = request.form.get("action", "save")
        entry = tracker.entry_from(entry_id, filing_id, submission.values, old)
        if (
            answer := header_action(action, lambda: _keep_entry(case, entry, submission, old))
        ) is not None:
            return answer
        uploads = [u for u in request.files.getlist("file") if u.filename]
        if not submission.ok:
            if uploads:
                submission.errors.append(
                    FieldError(
                        "file",
                        "file",
                        gettext(
                            "Your file was not attached yet, because of the problem above. "
                            "Choose it again before you save."
                        ),
                    )
                )
            return _render_entry(filing, entry_id, old, submission=submission)
        for upload in uploads:
            problem = _attach(case, entry, upload, current_settings())
            if problem:
                tracker.save_entry(case, entry)  # keep what was typed and attached so far
                failed = Submission(
                    fields=dict(submission.fields), errors=[FieldError("file", "file", problem)]
                )
                return _render_entry(filing, entry_id, entry, submission=failed)
        try:
            tracker.save_entry(case, entry)
        except StorageUnavailable as problem:
            return _render_entry(filing, entry_id, old, submission=_not_saved(submission, problem))
        if action == "later":
            return locked()
        flash(gettext("Saved."), "success")
        return redirect(url_for(".overview") + f"#place-{filing_id}", code=303)

    # -- deleting ------------------------------------------------------------------------------
    @bp.get("/places/<filing_id>/delete")
    def confirm_delete_filing(filing_id: str) -> str:
        _id_or_404(filing_id)
        history = tracker.load_history(require_case())
        if history.filing(filing_id) is None:
            abort(404)
        return render_template(
            "tracker/delete.html",
            heading=gettext("Delete this place and everything you added about it?"),
            explanation=gettext(
                "Its details, what happened next and any copies of letters you attached "
                "will be removed from your case."
            ),
            action=url_for(".delete_filing", filing_id=filing_id),
        )

    @bp.post("/places/<filing_id>/delete")
    def delete_filing(filing_id: str) -> BaseResponse:
        _id_or_404(filing_id)
        case = require_case()
        history = tracker.load_history(case)
        if history.filing(filing_id) is None:
            abort(404)
        scans = [f.attachment_id for e in history.entries_of(filing_id) for f in e.files]
        # The records go first: a crash before the files leaves orphans the unlock sweeps.
        tracker.delete_filing(case, history, filing_id)
        for attachment_id in scans:
            _delete_attachment_quietly(case, attachment_id)
        flash(gettext("The place was deleted."), "success")
        return redirect(url_for(".overview"), code=303)

    @bp.get("/places/<filing_id>/entries/<entry_id>/delete")
    def confirm_delete_entry(filing_id: str, entry_id: str) -> str:
        _, entry = _entry_or_404(require_case(), filing_id, entry_id)
        if entry is None:
            abort(404)
        return render_template(
            "tracker/delete.html",
            heading=gettext("Delete what happened next?"),
            explanation=gettext(
                "It will be removed from your case, with any copy of a letter you attached to it."
            ),
            action=url_for(".delete_entry", filing_id=filing_id, entry_id=entry_id),
        )

    @bp.post("/places/<filing_id>/entries/<entry_id>/delete")
    def delete_entry(filing_id: str, entry_id: str) -> BaseResponse:
        case = require_case()
        _, entry = _entry_or_404(case, filing_id, entry_id)
        if entry is None:
            abort(404)
        tracker.delete_entry(case, entry_id)
        for attached in entry.files:
            _delete_attachment_quietly(case, attached.attachment_id)
        flash(gettext("It was deleted."), "success")
        return redirect(url_for(".overview") + f"#place-{filing_id}", code=303)

    @bp.get("/places/<filing_id>/entries/<entry_id>/files/<attachment_id>")
    def download_file(filing_id: str, entry_id: str, attachment_id: str) -> Response:
        case = require_case()
        _, entry = _entry_or_404(case, filing_id, entry_id)
        attached = entry.file(attachment_id) if entry else None
        if attached is None:
            abort(404)
        response = Response(
            stream_with_context(case.read_attachment(attached.attachment_id)),
            mimetype=attached.media_type or "application/octet-stream",
        )
        extension = attached.filename.rpartition(".")[2].lower()
        if extension not in ACCEPTED_EXTENSIONS:
            extension = "bin"
        response.headers["Content-Disposition"] = f"attachment; filename=letter-copy.{extension}"
        response.headers["Cache-Control"] = "no-store"
        return response

    # -- one due date as a calendar file, only on request -------------------------------------
    @bp.get("/places/<filing_id>/entries/<entry_id>/calendar")
    def calendar(filing_id: str, entry_id: str) -> str:
        _, entry = _due_entry_or_404(require_case(), filing_id, entry_id)
        return _render_calendar(filing_id, entry, "", error="")

    @bp.post("/places/<filing_id>/entries/<entry_id>/calendar")
    def calendar_download(filing_id: str, entry_id: str) -> BaseResponse | str:
        _, entry = _due_entry_or_404(require_case(), filing_id, entry_id)
        title = request.form.get("title", "")
        if len(title) > TITLE_LIMIT:
            error = gettext(
                "Keep the title to %(limit)s characters or fewer.", limit=str(TITLE_LIMIT)
            )
            return _render_calendar(filing_id, entry, title, error=error)
        due = entry.due
        assert due is not None  # noqa: S101 -- _due_entry_or_404 checked it
        body = calendar_file(
            due, title, uid=f"{secrets.token_hex(16)}@localhost", stamp=datetime.now(UTC)
        )
        return Response(
            body,
            mimetype="text/calendar",
            headers={
                "Content-Disposition": 'attachment; filename="reminder.ics"',
                "Cache-Control": "no-store",
                "X-Content-Type-Options": "nosniff",
            },
        )

    # -- letters for this stage ----------------------------------------------------------------
    @bp.get("/places/<filing_id>/letter")
    def letter(filing_id: str) -> BaseResponse:
        _id_or_404(filing_id)
        case = require_case()
        history = tracker.load_history(case)
        filing = history.filing(filing_id)
        chosen = FOLLOW_UP_BY_KIND.get(request.args.get("kind", ""))
        extension = request.args.get("format", "pdf")
        if filing is None or chosen is None or extension not in FORMATS:
            abort(404)
        answers = repository.load_answers(case).answers
        try:
            board = load_directory().board(filing.board_id) if filing.board_id else None
        except (BoardDataError, KeyError):
            board = None
        try:
            data = render(
                build_follow_up(chosen.kind, answers, filing, board, today=date.today()), extension
            )
        except Exception as error:  # any failure gets the same kind sentence; its type is logged
            log_failure(error, f"follow-up letter ({chosen.kind})")
            flash(str(LETTER_FAILED), "error")
            return redirect(url_for(".overview") + f"#place-{filing_id}", code=303)
        filename = PurePath(chosen.filename).with_suffix(f".{extension}").name
        return Response(
            data,
            mimetype=FORMATS[extension],
            headers={
                "Content-Disposition": f'attachment; filename="{filename}"',
                "Cache-Control": "no-store",
                "X-Content-Type-Options": "nosniff",
            },
        )

    return bp


# -- what the progress page shows -----------------------------------------------------------------
def board_names(board_ids: list[str]) -> list[tuple[str, str]]:
    """(board id, name) for each chosen board the directory still has."""
    found: list[tuple[str, str]] = []
    try:
        directory = load_directory()
    except BoardDataError:
        return []
    for board_id in board_ids:
        try:
            found.append((board_id, directory.board(board_id).name))
        except KeyError:
            continue
    return found


def place_names(history: FilingHistory, chosen: list[str]) -> dict[str, str]:
    """Filing id → the place's name (the board's name, or what the person typed)."""
    boards = dict(board_names([f.board_id for f in history.filings if f.board_id]))
    return {
        f.filing_id: f.place.strip() or boards.get(f.board_id, "") or gettext("A place you sent it")
        for f in history.filings
    }


def tracker_due(history: FilingHistory, names: dict[str, str]) -> list[DueItem]:
    return history.due_items(names)


def due_soon(case: UnlockedCase) -> list[DueItem]:
    """The next due items for the progress page (three at most, the next first)."""
    history = tracker.load_history(case)
    answers_boards = [f.board_id for f in history.filings if f.board_id]
    return next_due(history.due_items(place_names(history, answers_boards)), date.today())


# -- helpers --------------------------------------------------------------------------------------
def _id_or_404(item_id: str) -> None:
    if not ITEM_ID.match(item_id):
        abort(404)


def _board_arg(case: UnlockedCase) -> str:
    """A new place for a chosen board (the "mark as sent" link); any other id is ignored."""
    board_id = request.values.get("board", "")
    chosen = repository.load_answers(case, with_items=False).answers.chosen_boards
    return board_id if board_id in chosen else ""


def _entry_or_404(
    case: UnlockedCase, filing_id: str, entry_id: str
) -> tuple[Filing, FilingEntry | None]:
    _id_or_404(filing_id)
    _id_or_404(entry_id)
    history = tracker.load_history(case)
    filing = history.filing(filing_id)
    if filing is None:
        abort(404)
    entry = history.entry(entry_id)
    if entry is not None and entry.filing_id != filing_id:
        abort(404)
    return filing, entry


def _due_entry_or_404(
    case: UnlockedCase, filing_id: str, entry_id: str
) -> tuple[Filing, FilingEntry]:
    filing, entry = _entry_or_404(case, filing_id, entry_id)
    if entry is None or entry.due is None:
        abort(404)
    return filing, entry


def _render_filing(
    filing_id: str, board_id: str, filing: Filing | None, *, submission: Submission | None
) -> str:
    names = dict(board_names([board_id])) if board_id else {}
    questions = tuple(q for q in tracker.FILING_QUESTIONS if not (board_id and q.name == "place"))
    return render_template(
        "tracker/filing.html",
        filing_id=filing_id,
        board_id=board_id,
        board_name=names.get(board_id, ""),
        is_new=filing is None,
        fields=field_views(
            questions,
            values=tracker.filing_values(filing) if filing else {},
            submission=submission,
            heading_when_single=False,
        ),
        errors=error_list(submission),
    )


def _render_entry(
    filing: Filing, entry_id: str, entry: FilingEntry | None, *, submission: Submission | None
) -> str:
    history_names = place_names(FilingHistory(filings=[filing]), [])
    return render_template(
        "tracker/entry.html",
        filing=filing,
        place=history_names[filing.filing_id],
        entry_id=entry_id,
        entry=entry,
        is_new=entry is None,
        fields=field_views(
            tracker.ENTRY_QUESTIONS,
            values=tracker.entry_values(entry) if entry else {},
            submission=submission,
            heading_when_single=False,
        ),
        errors=error_list(submission),
        file_error=submission.error_for("file") if submission is not None else None,
        sizes={f.attachment_id: describe_size(f.size or 0) for f in entry.files} if entry else {},
        accept=ACCEPT_ATTRIBUTE,
        max_upload=describe_size(current_settings().max_upload_bytes),
    )


def _render_calendar(filing_id: str, entry: FilingEntry, title: str, *, error: str) -> str:
    return render_template(
        "tracker/calendar.html",
        filing_id=filing_id,
        entry=entry,
        due=entry.due,
        due_day=describe_day(entry.due.earliest) if entry.due else "",
        title=title,
        default_title=str(DEFAULT_TITLE),
        title_limit=TITLE_LIMIT,
        errors=[("title", error)] if error else [],
        error=error,
    )


def _keep(case: UnlockedCase, filing: Filing, submission: Submission, old: Filing | None) -> None:
    """On the way out: save the place only when everything on the page reads cleanly."""
    if submission.ok and (old is not None or submission.values):
        tracker.save_filing(case, filing)


def _keep_entry(
    case: UnlockedCase, entry: FilingEntry, submission: Submission, old: FilingEntry | None
) -> None:
    if submission.ok and (old is not None or submission.values):
        tracker.save_entry(case, entry)


def _not_saved(submission: Submission, problem: StorageUnavailable) -> Submission:
    return Submission(
        fields=dict(submission.fields), errors=[FieldError("", "main", problem.user_message)]
    )


def _attach(case: UnlockedCase, entry: FilingEntry, upload: FileStorage, settings: Settings) -> str:
    """Encrypt one scan into the vault (the evidence step's checks); a sentence if refused."""
    filename = upload.filename or ""
    head = upload.stream.read(SNIFF_BYTES)
    upload.stream.seek(0)
    kind = accepted_kind(filename, head)
    if kind is None:
        return str(REFUSED_TYPE)
    if not head:
        return gettext("That file is empty. Choose the file again, or describe the letter instead.")
    try:
        info = case.add_attachment(
            cast(BinaryIO, upload.stream),
            filename=filename,
            media_type=kind.media_type,
            max_bytes=settings.max_upload_bytes,
        )
    except AttachmentTooLarge:
        return gettext(
            "That file is larger than %(size)s, the most that can be attached. You can describe "
            "it here and keep the file where it is.",
            size=describe_size(settings.max_upload_bytes),
        )
    except VaultError as problem:
        return str(problem)
    entry.files.append(
        EvidenceFile(info.attachment_id, info.filename, info.media_type, info.size, info.sha256)
    )
    return ""


def _delete_attachment_quietly(case: UnlockedCase, attachment_id: str) -> None:
    # A file already gone (or damaged beyond reading) must not stop the person tidying up.
    try:
        case.delete_attachment(attachment_id)
    except VaultError:
        return
