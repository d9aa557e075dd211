"""The case screens: the list of cases, start a new case, unlock, change passphrase, delete,
export to a `.chcase` file and import one; and, for a forgotten passphrase, remove a locked case
from this computer (nobody can recover a passphrase, so nothing else can be offered).

Every page is server-rendered and works without JavaScript; every POST carries the CSRF field
(`csrf_field()` from create_app) and passes the foundation's Origin check. Passphrases travel only
in POST bodies, are never echoed back into a page, and use `autocomplete="one-time-code"`, which
keeps browsers' password managers from storing them or the nickname (templates/cases/_macros.html).
An unlocked case lives only in the server-side browser session (web.session); locking, deleting or
replacing a case locks it in every browser that had it open.

Importing a `.chcase` file takes three pages: choose the file (its clear header is checked: it
holds only the lock settings), type its passphrase (a file locked with costlier settings than this
app's own says how long and how much memory checking it takes, and needs a tick first), and, only
when the case is already here, keep or replace — that page shows the nickname and dates read from
the file once its passphrase opened it. The upload streams into an encrypted spool (docs/uploads.md)
and is read from it as a stream, never held whole in memory. Between the pages that spool and then
the opened, checked import are held for this browser session only (dropped once answered, when
another file is chosen, or after 15 minutes).

Unlocking a case removes files an upload stored but whose evidence item was never saved (a crash
between the two).
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, BinaryIO, Generic, TypeVar, cast

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from complaint_helper.i18n import current_language, ngettext
from complaint_helper.i18n import gettext as _
from complaint_helper.interview import filing, repository
from complaint_helper.vault import (
    CaseAlreadyExists,
    CaseId,
    CaseNotFound,
    CostlyCaseFile,
    DamagedRecord,
    EncryptedSpool,
    ImportRefused,
    InvalidNickname,
    PreparedImport,
    UnlockedCase,
    Vault,
    VaultError,
    WeakPassphrase,
    WrongPassphrase,
    check_passphrase_strength,
    generate_passphrase,
)
from complaint_helper.web.app_state import state_of
from complaint_helper.web.language import adopt_case_language, long_date, remember_in_case
from complaint_helper.web.session import (
    browser_session,
    current_case,
    get_vault,
    lock_session,
    open_case_in_session,
    registry,
    require_case,
    unlock_throttle,
)


def delete_word() -> str:
    """The word a person types to confirm deleting a case, in the page's language."""
    return _("delete")


def _mismatch() -> str:
    return _("The two passphrases are not the same. Please type them again.")


# Where a person lands once a case is open (created or unlocked): their progress, with "Start" or
# "Continue where you left off".
CASE_HOME = "interview.progress"

Errors = list[tuple[str, str]]
# Answers that hold a name someone who knows the person would try in a passphrase: (step, question).
NAME_ANSWERS = (
    ("professional", "name"),
    ("professional", "practice_name"),
    ("about-you", "name"),
    ("about-you", "email"),
)


def _names_in_case(case: UnlockedCase) -> list[str]:
    """The case nickname and the names typed in the case (for the passphrase check)."""
    answers = repository.load_answers(case).answers
    names = [case.nickname, *(answers.text(step, name) for step, name in NAME_ANSWERS)]
    names.extend(person.name for person in answers.people)
    return [name for name in names if name]


Held = TypeVar("Held")


class PendingImports(Generic[Held]):
    """One import step's state per browser: the uploaded file, or the opened import.

    A locked browser gets a new session id, so an answer may never come: entries older than
    `max_age` seconds are dropped whenever another is held, and never handed out. `release`
    is called for every entry dropped unanswered (an opened import removes its files).
    """

    def __init__(
        self, max_age: float = 15 * 60, release: Callable[[Held], None] | None = None
    ) -> None:
        self._held: dict[str, tuple[float, Held]] = {}
        self._lock = threading.Lock()
        self._max_age = max_age
        self._release = release

    def _released(self, entries: list[Held]) -> None:
        if self._release is not None:
            for entry in entries:
                self._release(entry)

    def hold(self, session_id: str, value: Held) -> None:
        now = time.monotonic()
        with self._lock:
            stale = [
                held[1]
                for sid, held in self._held.items()
                if sid == session_id or now - held[0] >= self._max_age
            ]
            self._held = {
                sid: held
                for sid, held in self._held.items()
                if sid != session_id and now - held[0] < self._max_age
            }
            self._held[session_id] = (now, value)
        self._released(stale)

    def peek(self, session_id: str) -> Held | None:
        with self._lock:
            held = self._held.get(session_id)
        if held is None or time.monotonic() - held[0] >= self._max_age:
            return None
        return held[1]

    def take(self, session_id: str) -> Held | None:
        with self._lock:
            held = self._held.pop(session_id, None)
        if held is None:
            return None
        if time.monotonic() - held[0] >= self._max_age:
            self._released([held[1]])
            return None
        return held[1]

    def drop(self, session_id: str) -> None:
        with self._lock:
            held = self._held.pop(session_id, None)
        if held is not None:
            self._released([held[1]])


def _date(value: datetime | None) -> str:
    """A date for the page in local time; every stored value is already inside the sane window."""
    return long_date(value)


def _from_start(spool: EncryptedSpool) -> BinaryIO:
    """The uploaded case file, to be read again from its first byte."""
    spool.seek(0)
    return cast(BinaryIO, spool)


def _sweep_unreferenced_files(vault: Vault, case: UnlockedCase) -> None:
    """Remove the files an upload stored whose evidence item was never saved (a crash between
    the two); not while another browser has the case open (it may be mid-upload). A disk that
    refuses the deletes leaves them for the next unlock."""
    if not vault.unlocked_elsewhere(case):
        with contextlib.suppress(VaultError):
            # The tracker's scans of letters are listed by its own records (interview.filing);
            # if one of those cannot be read, nothing is removed.
            scans = filing.listed_attachments(case)
            if scans is not None:
                repository.sweep_unreferenced_files(case, also_listed=scans)


def _wait_message(seconds: int) -> str:
    """Why an unlock must wait, and for how long, in plain words."""
    if seconds >= 90:
        return ngettext(
            "To keep your case safe after a few passphrases that did not fit, please wait about "
            "%(num)d minute before trying again.",
            "To keep your case safe after a few passphrases that did not fit, please wait about "
            "%(num)d minutes before trying again.",
            math.ceil(seconds / 60),
        )
    return ngettext(
        "To keep your case safe after a few passphrases that did not fit, please wait "
        "%(num)d second before trying again.",
        "To keep your case safe after a few passphrases that did not fit, please wait "
        "%(num)d seconds before trying again.",
        seconds,
    )


def _render(template: str, http_status: int = 200, **context: Any) -> tuple[str, int]:
    return render_template(template, **context), http_status


def make_blueprint() -> Blueprint:
    bp = Blueprint("cases", __name__)
    uploaded: PendingImports[EncryptedSpool] = PendingImports(release=lambda spool: spool.close())
    opened: PendingImports[PreparedImport] = PendingImports(
        release=lambda prepared: get_vault().discard_import(prepared)
    )

    @bp.record_once
    def allow_large_import(state: Any) -> None:
        # A .chcase file carries attachments, so its upload gets the larger, attachment-sized cap.
        state_of(state.app).large_body_endpoints.add("cases.import_case")

    # A VaultError escaping a view here gets the app-wide page with the vault's sentence
    # (web/errors.py).

    # ---- the list ----------------------------------------------------------------------------

    @bp.get("/cases")
    def index() -> tuple[str, int]:
        return _render(
            "cases/index.html",
            cases=get_vault().list_cases(),
            open_case=current_case(),
        )

    # ---- start a new case ----------------------------------------------------------------------

    @bp.route("/cases/new", methods=["GET", "POST"])
    def new() -> tuple[str, int] | BaseResponse:
        errors: Errors = []
        nickname = ""
        if request.method == "POST":
            nickname = request.form.get("nickname", "")
            passphrase = request.form.get("passphrase", "")
            confirm = request.form.get("passphrase_confirm", "")
            if not nickname.strip():
                errors.append(("nickname", _("Please give the case a nickname.")))
            verdict = check_passphrase_strength(passphrase, (nickname,))
            if not verdict.acceptable:
                errors.append(("passphrase", verdict.feedback))
            elif passphrase != confirm:
                errors.append(("passphrase_confirm", _mismatch()))
            if not errors:
                try:
                    case = get_vault().create_case(nickname, passphrase)
                except InvalidNickname as exc:
                    errors.append(("nickname", exc.user_message))
                except WeakPassphrase as exc:
                    errors.append(("passphrase", exc.user_message))
                else:
                    open_case_in_session(case)
                    remember_in_case(case)
                    flash(
                        _(
                            "Your case has been created and is open. %(advice)s",
                            advice=verdict.feedback,
                        ),
                        "success",
                    )
                    return redirect(url_for(CASE_HOME), code=303)
        return _render(
            "cases/new.html",
            400 if errors else 200,
            errors=errors,
            nickname=nickname,
            suggestion=generate_passphrase(language=current_language()),
        )

    # ---- open and lock ---------------------------------------------------------------------------

    @bp.route("/cases/<case_id>/unlock", methods=["GET", "POST"])
    def unlock(case_id: str) -> tuple[str, int] | BaseResponse:
        vault = get_vault()
        try:
            summary = vault.case_summary(CaseId(case_id))
        except CaseNotFound as exc:
            flash(exc.user_message, "error")
            return redirect(url_for("cases.index"), code=303)
        errors: Errors = []
        status = 200
        throttle = unlock_throttle()
        if request.method == "POST":
            status = 400
            wait = throttle.wait_seconds(summary.case_id)
            if wait:
                status = 429
                errors.append(("passphrase", _wait_message(wait)))
            else:
                try:
                    case = vault.unlock(summary.case_id, request.form.get("passphrase", ""))
                except WrongPassphrase as exc:
                    throttle.failed(summary.case_id)
                    errors.append(("passphrase", exc.user_message))
                    if wait := throttle.wait_seconds(summary.case_id):
                        errors.append(("passphrase", _wait_message(wait)))
                else:
                    throttle.succeeded(summary.case_id)
                    _sweep_unreferenced_files(vault, case)
                    open_case_in_session(case)
                    adopt_case_language(case)
                    if case.manifest_rebuilt:
                        # The list of what the case holds was missing or changed: say so kindly.
                        flash(DamagedRecord().user_message, "error")
                    return redirect(url_for(CASE_HOME), code=303)
        return _render("cases/unlock.html", status, errors=errors, summary=summary)

    # ---- a forgotten passphrase ------------------------------------------------------------------

    @bp.route("/cases/<case_id>/remove", methods=["GET", "POST"])
    def remove(case_id: str) -> tuple[str, int] | BaseResponse:
        """Remove a locked case whose passphrase is forgotten: nobody can open it, so the only
        help left is to free the computer of it. Typing the nickname confirms; the keys are
        destroyed (crypto-shred) without the passphrase."""
        vault = get_vault()
        try:
            summary = vault.case_summary(CaseId(case_id))
        except CaseNotFound as exc:
            flash(exc.user_message, "error")
            return redirect(url_for("cases.index"), code=303)
        errors: Errors = []
        if request.method == "POST":
            typed = " ".join(request.form.get("confirm_nickname", "").split())
            if typed.casefold() != summary.nickname.casefold():
                errors.append(
                    (
                        "confirm_nickname",
                        _("To remove this case, type its nickname exactly as it is shown above."),
                    )
                )
            else:
                registry().close_case_everywhere(summary.case_id)
                vault.delete_case(summary.case_id)
                flash(_("The case has been removed from this computer."), "success")
                return redirect(url_for("cases.index"), code=303)
        return _render("cases/remove.html", 400 if errors else 200, errors=errors, summary=summary)

    @bp.get("/cases/open")
    def current() -> tuple[str, int]:
        case = require_case()
        return _render("cases/open.html", case=case)

    # ---- change passphrase ----------------------------------------------------------------------

    @bp.route("/cases/open/passphrase", methods=["GET", "POST"])
    def change_passphrase() -> tuple[str, int] | BaseResponse:
        case = require_case()
        errors: Errors = []
        if request.method == "POST":
            old = request.form.get("old_passphrase", "")
            new = request.form.get("passphrase", "")
            confirm = request.form.get("passphrase_confirm", "")
            verdict = check_passphrase_strength(new, _names_in_case(case))
            if not verdict.acceptable:
                errors.append(("passphrase", verdict.feedback))
            elif new != confirm:
                errors.append(("passphrase_confirm", _mismatch()))
            if not errors:
                try:
                    get_vault().change_passphrase(case.case_id, old, new)
                except WrongPassphrase:
                    errors.append(
                        (
                            "old_passphrase",
                            _(
                                "That isn't the current passphrase for this case. "
                                "Check caps lock and try again."
                            ),
                        )
                    )
                except WeakPassphrase as exc:
                    errors.append(("passphrase", exc.user_message))
                else:
                    flash(
                        _("Your passphrase has been changed. Use the new one from now on."),
                        "success",
                    )
                    return redirect(url_for("cases.current"), code=303)
        return _render(
            "cases/passphrase.html",
            400 if errors else 200,
            errors=errors,
            suggestion=generate_passphrase(language=current_language()),
        )

    # ---- delete ------------------------------------------------------------------------------

    @bp.route("/cases/open/delete", methods=["GET", "POST"])
    def delete() -> tuple[str, int] | BaseResponse:
        case = require_case()
        errors: Errors = []
        if request.method == "POST":
            typed = request.form.get("confirm", "").strip().casefold()
            # The word in the page's language, or the English one (an advocate may type that).
            if typed not in (delete_word().casefold(), "delete"):
                errors.append(
                    (
                        "confirm",
                        _(
                            "To delete this case, type the word “%(word)s” in the box.",
                            word=delete_word(),
                        ),
                    )
                )
            else:
                case_id = case.case_id
                registry().close_case_everywhere(case_id)
                get_vault().delete_case(case_id)
                lock_session()
                flash(_("The case has been deleted from this computer."), "success")
                return redirect(url_for("cases.index"), code=303)
        return _render(
            "cases/delete.html",
            400 if errors else 200,
            errors=errors,
            case=case,
            delete_word=delete_word(),
        )

    # ---- export ------------------------------------------------------------------------------

    @bp.get("/cases/open/export")
    def export_page() -> tuple[str, int]:
        return _render("cases/export.html", case=require_case())

    @bp.post("/cases/open/export")
    def export() -> Response:
        case = require_case()
        # Streamed: a case with large attachments must not be built up in memory.
        chunks = get_vault().export_chunks(case)
        # A neutral file name: it ends up in a downloads folder others may see.
        name = f"notes-{datetime.now(UTC):%Y-%m-%d}.chcase"
        response = Response(chunks, mimetype="application/octet-stream")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        response.headers["Cache-Control"] = "no-store"
        return response

    # ---- import ------------------------------------------------------------------------------

    @bp.route("/cases/import", methods=["GET", "POST"])
    def import_case() -> tuple[str, int] | BaseResponse:
        session_id = browser_session().session_id
        errors: Errors = []
        if request.method == "POST":
            upload = request.files.get("case_file")
            # The upload arrives as an encrypted spool (SpoolingRequest), read as a stream.
            spool = upload.stream if upload is not None else None
            uploaded.drop(session_id)
            opened.drop(session_id)
            if not isinstance(spool, EncryptedSpool) or spool.size == 0:
                errors.append(("case_file", _("Please choose a case file (it ends in .chcase).")))
            else:
                try:
                    get_vault().case_file_is_costly(_from_start(spool))
                except ImportRefused as exc:
                    errors.append(("case_file", exc.user_message))
                else:
                    uploaded.hold(session_id, spool.detach())
                    return redirect(url_for("cases.import_passphrase"), code=303)
        return _render("cases/import.html", 400 if errors else 200, errors=errors)

    @bp.route("/cases/import/passphrase", methods=["GET", "POST"])
    def import_passphrase() -> tuple[str, int] | BaseResponse:
        session_id = browser_session().session_id
        spool = uploaded.peek(session_id)
        if spool is None:
            flash(_("Please choose the case file again."), "info")
            return redirect(url_for("cases.import_case"), code=303)
        vault = get_vault()
        costly = vault.case_file_is_costly(_from_start(spool))
        seconds, memory_mb = vault.case_file_cost(_from_start(spool))
        cost = CostlyCaseFile(seconds, memory_mb).user_message if costly else ""
        errors: Errors = []
        if request.method == "POST":
            allowed = request.form.get("allow_costly") == "yes"
            if costly and not allowed:
                errors.append(
                    ("allow_costly", _("To check the passphrase of this file, tick the box first."))
                )
            else:
                try:
                    prepared = vault.prepare_import(
                        _from_start(spool),
                        request.form.get("passphrase", ""),
                        allow_costly=allowed,
                    )
                except WrongPassphrase:
                    errors.append(
                        (
                            "passphrase",
                            _(
                                "That passphrase doesn't open this file. It is the passphrase "
                                "the case had when the file was saved. Check caps lock and try "
                                "again."
                            ),
                        )
                    )
                except ImportRefused as exc:
                    uploaded.drop(session_id)
                    flash(exc.user_message, "error")
                    return redirect(url_for("cases.import_case"), code=303)
                else:
                    uploaded.drop(session_id)
                    return _added_or_ask(session_id, prepared)
        return _render(
            "cases/import_passphrase.html", 400 if errors else 200, errors=errors, cost=cost
        )

    def _added_or_ask(session_id: str, prepared: PreparedImport) -> BaseResponse:
        vault = get_vault()
        try:
            vault.finish_import(prepared)
        except CaseAlreadyExists:
            opened.hold(session_id, prepared)
            return redirect(url_for("cases.import_confirm"), code=303)
        # Flash messages ride in a signed (not encrypted) cookie: no nickname in them.
        flash(_("The case has been added. Open it with its passphrase."), "success")
        return redirect(url_for("cases.index"), code=303)

    @bp.route("/cases/import/replace", methods=["GET", "POST"])
    def import_confirm() -> tuple[str, int] | BaseResponse:
        session_id = browser_session().session_id
        if request.method == "GET":
            prepared = opened.peek(session_id)
            if prepared is None:
                flash(_("Please choose the case file again."), "info")
                return redirect(url_for("cases.import_case"), code=303)
            on_computer = get_vault().case_summary(prepared.summary.case_id)
            return _render(
                "cases/import_confirm.html",
                from_file=prepared.summary,
                file_started=_date(prepared.summary.created_at),
                file_saved=_date(prepared.exported_at),
                on_computer=on_computer,
                on_computer_started=_date(on_computer.created_at),
            )
        prepared = opened.take(session_id)
        if prepared is None:
            flash(_("Please choose the case file again."), "info")
            return redirect(url_for("cases.import_case"), code=303)
        vault = get_vault()
        if request.form.get("choice") != "replace":
            vault.discard_import(prepared)
            flash(_("Nothing was changed. The case on this computer is as it was."), "info")
            return redirect(url_for("cases.index"), code=303)
        summary = vault.finish_import(prepared, replace=True)
        registry().close_case_everywhere(summary.case_id)
        flash(
            _(
                "The case has been replaced with the one from the file. "
                "Open it with that file's passphrase."
            ),
            "success",
        )
        return redirect(url_for("cases.index"), code=303)

    return bp
