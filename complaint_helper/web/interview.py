"""The interview screens: one page per step of the step table, the lists, and "Check your answers".

Every page is drawn from `interview.steps` through one field macro; every post goes through
`interview.validation` and is saved with `interview.repository` into the unlocked case. The pages
work fully without JavaScript; static/js/autosave.js adds saving while typing (the autosave
endpoints) and static/js/counter.js character counts.

Buttons on a step page post an `action`:
- ``continue`` saves and goes on (or back to "Check your answers" when the person came from there);
- ``back`` saves and goes to the previous page, so Back never loses what was typed;
- ``later`` saves and locks the case ("Save and come back later").

A step's answers and its progress state are saved in one transaction (`repository.saved_together`).
Answers kept aside from a switched-off branch can be deleted from `/<slug>/set-aside` (a confirm
page, then a POST); answers in force cannot be deleted there.

URLs carry only step slugs and random item ids, never anything the person wrote.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, BinaryIO, cast

from babel.lists import format_list
from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response as BaseResponse

from complaint_helper.boards import BoardDataError, load_directory
from complaint_helper.i18n import babel_locale, gettext, lazy_gettext, ngettext
from complaint_helper.interview import flow, items, repository
from complaint_helper.interview.evidence_files import (
    ACCEPT_ATTRIBUTE,
    ACCEPTED_EXTENSIONS,
    REFUSED_TYPE,
    SNIFF_BYTES,
    accepted_kind,
    describe_size,
)
from complaint_helper.interview.model import (
    Answers,
    AnswerValue,
    EvidenceFile,
    EvidenceItem,
    StepState,
)
from complaint_helper.interview.repository import Item, LoadedAnswers, RecordStore
from complaint_helper.interview.review import review_sections
from complaint_helper.interview.steps import (
    STATE_CHOICES,
    STEP_BY_SLUG,
    Choice,
    ItemWords,
    Question,
    Step,
)
from complaint_helper.interview.validation import (
    FieldError,
    FieldValue,
    Submission,
    read_questions,
)
from complaint_helper.settings import Settings
from complaint_helper.support import avenue_lines
from complaint_helper.vault import (
    AttachmentTooLarge,
    StorageUnavailable,
    UnlockedCase,
    VaultError,
)
from complaint_helper.web import tracker
from complaint_helper.web.app_state import current_settings, state_of
from complaint_helper.web.forms import error_list, field_views, posted
from complaint_helper.web.page_form import header_action, locked
from complaint_helper.web.session import lock_session, require_case

# Item ids are random hex from repository.new_item_id(); stored ids from older data may be short
# words. Anything else in the URL is not an item.
ITEM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
DAMAGED_NOTICE = lazy_gettext(
    "Part of your case could not be read, because the file holding it on this computer is "
    "damaged. Everything else is here. If you exported your case earlier, that copy may still "
    "hold the missing part."
)


def make_blueprint() -> Blueprint:
    bp = Blueprint("interview", __name__, url_prefix="/case/interview")

    @bp.record_once
    def allow_uploads(state: Any) -> None:
        # Evidence uploads may be far larger than a form; security.py raises the cap for these.
        state_of(state.app).large_body_endpoints.add("interview.save_item")

    # -- pages -----------------------------------------------------------------------------------
    @bp.get("/")
    def progress() -> str:
        case = require_case()
        loaded = _load(case)
        answers = loaded.answers
        return render_template(
            "interview/progress.html",
            tasks=flow.task_list(answers),
            labels=flow.STATE_LABELS,
            summary=flow.completeness(answers),
            resume=flow.resume_step(answers),
            boards_ready=flow.can_choose_board(answers),
            boards_chosen=bool(answers.chosen_boards),
            damaged=bool(loaded.damaged),
            damaged_notice=DAMAGED_NOTICE,
            due_soon=tracker.due_soon(case),
        )

    @bp.get("/<page:slug>")
    def show_step(slug: str) -> str:
        step = _step_or_404(slug)
        loaded = _load(require_case(), step)
        return _render_step(step, loaded, submission=None)

    @bp.post("/<page:slug>")
    def save_step(slug: str) -> BaseResponse | str:
        step = _step_or_404(slug)
        case = require_case()
        loaded = _load(case, step)
        answers = loaded.answers
        action = request.form.get("action", "continue")
        if (answer := header_action(action, lambda: _save_what_reads(step, case))) is not None:
            return answer
        if step.kind == "questions":
            submission = _read_posted_step(step)
            if not submission.ok:
                return _render_step(step, loaded, submission=submission)
            answers.values[step.slug] = dict(submission.values)
        if step.kind == "review" and action == "continue":
            repository.save_state(case, answers, step.slug, "done")
            return redirect(url_for("documents.boards"), code=303)
        if action in ("back", "later"):
            state = flow.state_after_save(answers, step)
        else:
            state = flow.state_after_continue(answers, step)
        # The answers and the step's state are one transaction: a crash cannot leave the
        # progress list disagreeing with what is saved.
        try:
            with repository.saved_together(case) as store:
                if step.kind == "questions":
                    repository.save_step(store, answers, step.slug)
                _set_state(store, answers, step, state)
        except StorageUnavailable as problem:
            # A full or read-only disk: show the page again with every word as typed.
            typed = submission.fields if step.kind == "questions" else {}
            return _render_step(step, loaded, submission=_not_saved(typed, problem))
        return _after_save(answers, step, action)

    @bp.post("/<page:slug>/autosave")
    @_then_lock_on_quick_exit
    def autosave(slug: str) -> Response:
        step = _step_or_404(slug)
        if step.kind != "questions":
            abort(404)
        problems = _save_what_reads(step, require_case())
        return jsonify(saved=True, problems=problems)

    # -- answers kept aside from a switched-off branch ---------------------------------------------
    @bp.get("/<page:slug>/set-aside")
    def confirm_discard(slug: str) -> str:
        step = _step_or_404(slug)
        _set_aside_or_404(step, _load(require_case(), step).answers)
        return render_template("interview/discard_step.html", step=step)

    @bp.post("/<page:slug>/set-aside")
    def discard(slug: str) -> BaseResponse:
        step = _step_or_404(slug)
        case = require_case()
        answers = _load(case, step).answers
        _set_aside_or_404(step, answers)
        repository.discard_step(case, answers, step.slug)
        flash(
            gettext("Your answers on \u201c%(title)s\u201d were deleted.", title=step.title),
            "success",
        )
        return redirect(url_for(".show_step", slug=flow.REVIEW_SLUG), code=303)

    # -- list steps: timeline, evidence, people --------------------------------------------------
    @bp.get("/<page:slug>/items/<item_id>")
    def show_item(slug: str, item_id: str) -> str:
        step, kind = _list_step_or_404(slug, item_id)
        answers = _load(require_case()).answers
        item = repository.find_item(answers, kind, item_id)
        return _render_item(step, answers, item_id, item, submission=None)

    @bp.post("/<page:slug>/items/<item_id>")
    def save_item(slug: str, item_id: str) -> BaseResponse | str:
        step, kind = _list_step_or_404(slug, item_id)
        case = require_case()
        action = request.form.get("action", "save")
        if (
            answer := header_action(
                action, lambda: _save_item_as_it_reads(step, kind, item_id, case)
            )
        ) is not None:
            return answer
        answers = _load(case).answers
        old = repository.find_item(answers, kind, item_id)
        submission = _read_posted_item(step, answers)
        uploads = _posted_files() if step.kind == "evidence" else []
        if not submission.ok:
            if uploads:
                submission.errors.append(_choose_again())
            return _render_item(step, answers, item_id, old, submission=submission)
        item = _item_from(step, item_id, submission.values, old)
        if old is None and not uploads and not submission.values:
            # Nothing was written: adding an empty item would only clutter the list.
            if request.form.get("action") == "later":
                return locked()
            return redirect(_list_url(step), code=303)
        if uploads and isinstance(item, EvidenceItem):
            problem = _attach_all(case, item, uploads, current_settings())
            if problem:
                kept: Item | None = old
                if old is not None or submission.values or item.files:
                    repository.save_item(case, answers, item)  # keep what was typed
                    kept = item
                failed = _only_error(submission.fields, _file_error(problem))
                return _render_item(step, answers, item_id, kept, submission=failed)
        try:
            with repository.saved_together(case) as store:
                repository.save_item(store, answers, item)
                _set_state(store, answers, step, flow.state_after_save(answers, step))
        except StorageUnavailable as problem:
            failed = _not_saved(submission.fields, problem)
            return _render_item(step, answers, item_id, old, submission=failed)
        if request.form.get("action") == "later":
            return locked()
        if _returning_to_review():
            return redirect(_review_url(step), code=303)
        return redirect(_list_url(step), code=303)

    @bp.post("/<page:slug>/items/<item_id>/autosave")
    @_then_lock_on_quick_exit
    def autosave_item(slug: str, item_id: str) -> Response:
        step, kind = _list_step_or_404(slug, item_id)
        saved, problems = _save_item_as_it_reads(step, kind, item_id, require_case())
        return jsonify(saved=saved, problems=problems)

    @bp.get("/<page:slug>/items/<item_id>/delete")
    def confirm_delete(slug: str, item_id: str) -> str:
        step, kind = _list_step_or_404(slug, item_id)
        answers = _load(require_case()).answers
        if repository.find_item(answers, kind, item_id) is None:
            abort(404)
        return render_template("interview/delete_item.html", step=step, item_id=item_id)

    @bp.post("/<page:slug>/items/<item_id>/delete")
    def delete_item(slug: str, item_id: str) -> BaseResponse:
        step, kind = _list_step_or_404(slug, item_id)
        case = require_case()
        answers = _load(case).answers
        item = repository.find_item(answers, kind, item_id)
        if item is None:
            abort(404)
        repository.delete_item(case, answers, kind, item_id)
        for attached in items.files_of(item):
            _delete_attachment_quietly(case, attached.attachment_id)
        flash(str(_item_words(step).deleted), "success")
        return redirect(_list_url(step), code=303)

    @bp.post("/<page:slug>/items/<item_id>/files/<attachment_id>/remove")
    def remove_file(slug: str, item_id: str, attachment_id: str) -> BaseResponse:
        case, answers, item, attached = _attached_or_404(slug, item_id, attachment_id)
        # The item stops pointing at the file first: a crash in between leaves an orphan that the
        # vault sweeps, never an item naming a file that is gone.
        item.files.remove(attached)
        repository.save_item(case, answers, item)
        _delete_attachment_quietly(case, attachment_id)
        flash(gettext("The attached copy was removed. Your description is still here."), "success")
        return redirect(url_for(".show_item", slug="evidence", item_id=item_id), code=303)

    @bp.get("/<page:slug>/items/<item_id>/files/<attachment_id>")
    def download_file(slug: str, item_id: str, attachment_id: str) -> Response:
        case, _, _, attached = _attached_or_404(slug, item_id, attachment_id)
        chunks = case.read_attachment(attached.attachment_id)
        response = Response(
            stream_with_context(chunks),
            mimetype=attached.media_type or "application/octet-stream",
        )
        # The person's file name stays out of the header: only a known extension is used.
        extension = attached.filename.rpartition(".")[2].lower()
        if extension not in ACCEPTED_EXTENSIONS:
            extension = "bin"
        response.headers["Content-Disposition"] = f"attachment; filename=evidence-copy.{extension}"
        return response

    return bp


# -- quick exit and lock --------------------------------------------------------------------------
QUICK_EXIT_FIELD = "quick_exit"


def _save_what_reads(step: Step, case: UnlockedCase) -> int:
    """Autosave of a question page: every answer that reads cleanly; returns the problems left.

    Pages without questions (information, lists, review) hold no words: nothing to save.
    """
    if step.kind != "questions":
        return 0
    answers = _load(case, step).answers
    submission = _read_posted_step(step)
    values = _merge_valid(step.questions, answers.values.get(step.slug, {}), submission)
    with repository.saved_together(case) as store:
        repository.save_step_values(store, answers, step.slug, values)
        _set_state(store, answers, step, flow.state_after_save(answers, step))
    return len(submission.errors)


def _save_item_as_it_reads(
    step: Step, kind: str, item_id: str, case: UnlockedCase
) -> tuple[bool, int]:
    """Autosave of an item: (whether anything was saved, problems left). A chosen file is only
    attached by the Save button."""
    answers = _load(case).answers
    old = repository.find_item(answers, kind, item_id)
    submission = _read_posted_item(step, answers)
    old_values = _item_values(old) if old is not None else {}
    values = _merge_valid(step.item_questions, old_values, submission)
    if old is None and not values:
        return False, len(submission.errors)
    with repository.saved_together(case) as store:
        repository.save_item(store, answers, _item_from(step, item_id, values, old))
        _set_state(store, answers, step, flow.state_after_save(answers, step))
    return True, len(submission.errors)


def _then_lock_on_quick_exit(view: Callable[..., Response]) -> Callable[..., Response]:
    """An autosave sent by quick exit saves the last words, then locks, in one request.

    Two separate requests (save, then lock) could reach the server in either order, and a lock
    that wins the race loses the words typed just before the exit. Locks even when the save fails.
    """

    @functools.wraps(view)
    def saving_then_locking(*args: Any, **kwargs: Any) -> Response:
        if request.form.get(QUICK_EXIT_FIELD) != "1":
            return view(*args, **kwargs)
        try:
            view(*args, **kwargs)
        finally:
            lock_session(quick_exit=True)
        return Response(status=204)

    return saving_then_locking


# -- rendering ------------------------------------------------------------------------------------
def _render_step(step: Step, loaded: LoadedAnswers, *, submission: Submission | None) -> str:
    answers = loaded.answers
    context: dict[str, Any] = {
        "step": step,
        "number": flow.step_number(step),
        "total": len(flow.NUMBERED_STEPS),
        "returning": _returning_to_review(),
        "back_available": flow.previous_step(answers, step.slug) is not None,
        "errors": error_list(submission),
    }
    if step.kind == "questions":
        context["avenues"] = _other_avenues(answers.choice("therapy", "state"))
        context["fields"] = field_views(
            step.questions, values=answers.values.get(step.slug, {}), submission=submission
        )
        return render_template("interview/step.html", **context)
    if step.kind == "info":
        state = answers.choice("therapy", "state")
        context["state_name"] = _state_name(state)
        context["lookups"] = license_lookups([state, answers.choice("therapy", "therapist_state")])
        return render_template(f"interview/{step.slug.replace('-', '_')}.html", **context)
    if step.kind == "review":
        context["sections"] = review_sections(answers)
        context["set_aside"] = [
            (aside, flow.BRANCH_OFF_REASONS[aside.branch]) for aside in flow.set_aside(answers)
        ]
        context["summary"] = flow.completeness(answers)
        context["damaged"] = bool(loaded.damaged)
        context["damaged_notice"] = DAMAGED_NOTICE
        return render_template("interview/check_answers.html", **context)
    context["rows"] = _list_rows(step, answers)
    context["new_item_id"] = repository.new_item_id()
    return render_template("interview/list.html", **context)


def _render_item(
    step: Step,
    answers: Answers,
    item_id: str,
    item: Item | None,
    *,
    submission: Submission | None,
) -> str:
    values = _item_values(item) if item is not None else {}
    fields = field_views(
        step.item_questions,
        values=values,
        submission=submission,
        options=_item_options(step, answers),
        heading_when_single=False,
    )
    evidence = item if isinstance(item, EvidenceItem) else None
    return render_template(
        "interview/item.html",
        step=step,
        item_id=item_id,
        is_new=item is None,
        fields=fields,
        errors=error_list(submission),
        file_error=submission.error_for("file") if submission is not None else None,
        returning=_returning_to_review(),
        evidence=evidence,
        sizes={f.attachment_id: describe_size(f.size or 0) for f in evidence.files}
        if evidence
        else {},
        accept=ACCEPT_ATTRIBUTE,
        max_upload=describe_size(current_settings().max_upload_bytes),
        max_upload_bytes=current_settings().max_upload_bytes,
    )


def _list_rows(step: Step, answers: Answers) -> list[tuple[str, str, str]]:
    """(heading, summary, item id) for each item on a list page."""
    section = next((s for s in review_sections(answers) if s.step.slug == step.slug), None)
    if section is None:
        return []
    return [(row.label, row.value, row.item_id) for row in section.rows if row.item_id]


def license_lookups(states: Sequence[str]) -> list[tuple[str, str]]:
    """(board name, look-up URL) for every board in these states that has a license look-up."""
    found: list[tuple[str, str]] = []
    try:
        directory = load_directory()
        for state in dict.fromkeys(s for s in states if s):
            for board in directory.boards_in(state):
                url = board.license_lookup_url
                if url and all(url != seen for _, seen in found):
                    found.append((f"{board.name} ({board.state_name})", url))
    except (BoardDataError, KeyError, ValueError):
        # Board data that fails its own checks is not shown; the general advice still is.
        return []
    return found


def _other_avenues(state: str) -> tuple[str, ...]:
    """Help besides the board (complaint_helper.support), for the person's state when known."""
    try:
        return avenue_lines(state or None)
    except (BoardDataError, KeyError, ValueError):
        # A law file that fails its own checks is not shown; the general words still are.
        return avenue_lines(None)


def _state_name(code: str) -> str:
    return next((c.label for c in STATE_CHOICES if c.key == code), "")


# -- saving ---------------------------------------------------------------------------------------
def _load(case: UnlockedCase, step: Step | None = None) -> LoadedAnswers:
    """The answers a page needs: a question or info page skips the (possibly long) item lists."""
    needs_items = step is None or step.kind not in ("questions", "info")
    return repository.load_answers(case, with_items=needs_items)


def _set_state(store: RecordStore, answers: Answers, step: Step, state: StepState) -> None:
    if answers.state_of(step.slug) != state:
        repository.save_state(store, answers, step.slug, state)


def _after_save(answers: Answers, step: Step, action: str) -> BaseResponse:
    """Where a step's buttons go once everything is saved."""
    if action == "later":
        return locked()
    if action == "back":
        previous = flow.previous_step(answers, step.slug)
        target = previous.slug if previous else step.slug
        return redirect(url_for(".show_step", slug=target), code=303)
    following = flow.next_step(answers, step.slug)
    if _returning_to_review():
        # A change that opens a branch (say, "a relationship after therapy") asks its questions
        # before returning to the review.
        if (
            following is not None
            and following.branch
            and answers.state_of(following.slug) == "not_started"
        ):
            return redirect(_step_url(following.slug, returning=True), code=303)
        return redirect(_review_url(step), code=303)
    if following is None:
        return redirect(url_for(".show_step", slug=flow.REVIEW_SLUG), code=303)
    return redirect(url_for(".show_step", slug=following.slug), code=303)


def _merge_valid(
    questions: Sequence[Question],
    old: dict[str, AnswerValue],
    submission: Submission,
) -> dict[str, AnswerValue]:
    """Autosave: take every answer that read cleanly; keep the stored one where there was a
    problem (the page still shows what was typed, and Continue will explain the problem)."""
    merged: dict[str, AnswerValue] = {}
    for question in questions:
        if submission.error_for(question.name) is not None:
            if question.name in old:
                merged[question.name] = old[question.name]
        elif question.name in submission.values:
            merged[question.name] = submission.values[question.name]
    return merged


def _returning_to_review() -> bool:
    return (request.values.get("return") or "") == "review"


def _review_url(step: Step) -> str:
    return url_for(".show_step", slug=flow.REVIEW_SLUG) + f"#section-{step.slug}"


def _step_url(slug: str, *, returning: bool = False) -> str:
    url = url_for(".show_step", slug=slug)
    return f"{url}?return=review" if returning else url


def _list_url(step: Step) -> str:
    return url_for(".show_step", slug=step.slug)


def _step_or_404(slug: str) -> Step:
    step = STEP_BY_SLUG.get(slug)
    if step is None:
        abort(404)
    return step


def _set_aside_or_404(step: Step, answers: Answers) -> None:
    """Only answers kept aside can be deleted this way, never the answers in force."""
    if step.kind != "questions" or step not in flow.set_aside(answers):
        abort(404)


def _item_words(step: Step) -> ItemWords:
    """What a list step's pages say about an item (every list step has them)."""
    if step.item_words is None:
        abort(404)
    return step.item_words


def _list_step_or_404(slug: str, item_id: str) -> tuple[Step, str]:
    step = _step_or_404(slug)
    record = items.RECORD_BY_STEP.get(step.slug)
    if record is None or not ITEM_ID.match(item_id):
        abort(404)
    return step, record.kind


# -- items ----------------------------------------------------------------------------------------
def _attached_or_404(
    slug: str, item_id: str, attachment_id: str
) -> tuple[UnlockedCase, Answers, EvidenceItem, EvidenceFile]:
    """The open case, its answers, the evidence item and its attached file named in the URL."""
    if slug != "evidence":
        abort(404)
    _, kind = _list_step_or_404(slug, item_id)
    case = require_case()
    answers = _load(case).answers
    item = repository.find_item(answers, kind, item_id)
    attached = item.file(attachment_id) if isinstance(item, EvidenceItem) else None
    if not isinstance(item, EvidenceItem) or attached is None:
        abort(404)
    return case, answers, item, attached


def _item_options(step: Step, answers: Answers) -> dict[str, tuple[Choice, ...]]:
    return items.options(
        items.RECORD_BY_STEP[step.slug], lambda kind: items.items_of(answers, kind)
    )


def _item_values(item: Item) -> dict[str, AnswerValue]:
    return items.form_values(items.record_of(item), item)


def _item_from(step: Step, item_id: str, values: dict[str, AnswerValue], old: Item | None) -> Item:
    item: Item = items.from_values(items.RECORD_BY_STEP[step.slug], item_id, values, old)
    return item


# -- evidence files -------------------------------------------------------------------------------
def _posted_files() -> list[FileStorage]:
    """The files chosen in the evidence form (several when the person picked several)."""
    return [upload for upload in request.files.getlist("file") if upload.filename]


def _attach_all(
    case: UnlockedCase, item: EvidenceItem, uploads: list[FileStorage], settings: Settings
) -> str:
    """Encrypt each chosen file into the vault and add it to the item, in the order chosen.

    Every file that can be attached is (they are added to `item`, which the caller saves); the
    sentence returned names the ones that were not, grouped by the reason.
    """
    refused: dict[str, list[str]] = {}
    for upload in uploads:
        problem = _attach(case, item, upload, settings)
        if problem:
            refused.setdefault(problem, []).append(f"“{upload.filename}”")
    if len(uploads) == 1:
        return next(iter(refused), "")
    sentences = []
    for problem, names in refused.items():
        listed = format_list(names, locale=babel_locale())
        sentences.append(
            ngettext(
                "%(files)s was not attached. %(problem)s",
                "%(files)s were not attached. %(problem)s",
                len(names),
                files=listed,
                problem=problem,
            )
        )
    return " ".join(sentences)


def _attach(case: UnlockedCase, item: EvidenceItem, upload: FileStorage, settings: Settings) -> str:
    """Encrypt one uploaded copy into the vault; returns a sentence if it was refused."""
    filename = upload.filename or ""
    head = upload.stream.read(SNIFF_BYTES)
    upload.stream.seek(0)
    kind = accepted_kind(filename, head)
    if kind is None:
        return str(REFUSED_TYPE)
    if not head:
        return gettext(
            "That file is empty. Choose the file again, or describe the evidence instead."
        )
    try:
        info = case.add_attachment(
            cast(BinaryIO, upload.stream),
            filename=filename,
            media_type=kind.media_type,
            max_bytes=settings.max_upload_bytes,
        )
    except AttachmentTooLarge:
        return _too_large(settings)
    except VaultError as problem:
        return str(problem)
    item.files.append(
        EvidenceFile(info.attachment_id, info.filename, info.media_type, info.size, info.sha256)
    )
    return ""


def _too_large(settings: Settings) -> str:
    return gettext(
        "That file is larger than %(size)s, the most that can be attached. You can describe it "
        "here and keep the file where it is.",
        size=describe_size(settings.max_upload_bytes),
    )


def _delete_attachment_quietly(case: UnlockedCase, attachment_id: str) -> None:
    # An attachment already gone (or damaged beyond reading) must not stop the person tidying up.
    try:
        case.delete_attachment(attachment_id)
    except VaultError:
        return


def _not_saved(fields: dict[str, FieldValue], problem: StorageUnavailable) -> Submission:
    """The page's own fields as posted, with the vault's sentence in the error summary (linked to
    the page's main content: the problem is the disk, not any one answer)."""
    return _only_error(fields, FieldError("", "main", problem.user_message))


def _only_error(fields: dict[str, FieldValue], error: FieldError) -> Submission:
    """The page's fields as posted, shown back with this one problem."""
    return Submission(fields=dict(fields), errors=[error])


def _read_posted_step(step: Step) -> Submission:
    return read_questions(step.questions, posted(request.form), today=date.today())


def _read_posted_item(step: Step, answers: Answers) -> Submission:
    return read_questions(
        step.item_questions,
        posted(request.form),
        today=date.today(),
        choices_for=_item_options(step, answers),
    )


def _file_error(message: str) -> FieldError:
    return FieldError("file", "file", message)


def _choose_again() -> FieldError:
    return FieldError(
        "file",
        "file",
        gettext(
            "Your file was not attached yet, because of the problem above. Choose it again "
            "before you save."
        ),
    )
