"""Error pages: every failure is a plain page with a sentence a person can act on, never a
traceback.
"""

from __future__ import annotations

from flask import Flask, flash, redirect, render_template, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from complaint_helper.failure_log import log_failure
from complaint_helper.i18n import gettext as _
from complaint_helper.i18n import lazy_gettext
from complaint_helper.vault import CaseLocked, StorageUnavailable, VaultError

MESSAGES: dict[int, tuple[str, str]] = {
    400: (
        lazy_gettext("Something in that request could not be read"),
        lazy_gettext("Go back and try again."),
    ),
    403: (
        lazy_gettext("This page isn't available"),
        lazy_gettext("Go back to the start page and try again."),
    ),
    404: (
        lazy_gettext("Page not found"),
        lazy_gettext("Check the address, or go back to the start page."),
    ),
    405: (
        lazy_gettext("That action isn't available here"),
        lazy_gettext("Go back and use the buttons on the page."),
    ),
    413: (
        lazy_gettext("That was too large to send"),
        lazy_gettext("Nothing was saved from that attempt. Try a smaller file, or split the text."),
    ),
    500: (
        lazy_gettext("Something went wrong on this computer"),
        lazy_gettext("Your earlier answers are safe. Go back and try again."),
    ),
}


def render_error(status: int, heading: str | None = None, advice: str | None = None) -> str:
    default_heading, default_advice = MESSAGES.get(status, MESSAGES[500])
    return render_template(
        "errors/error.html",
        status=status,
        heading=heading or default_heading,
        advice=advice or default_advice,
    )


def install(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return (
            render_error(
                400,
                _("This page was out of date"),
                _("Nothing was changed. Go back, reload the page and try again."),
            ),
            400,
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
        status = error.code or 500
        if error.response is not None:  # abort(redirect(...)) from require_case
            return error
        return render_error(status), status

    @app.errorhandler(CaseLocked)
    def case_locked(error: CaseLocked) -> Response:
        # The idle lock or quick exit (another thread) locked the case while this request ran.
        flash(_("Your case is locked. Open it again with your passphrase to carry on."), "info")
        return redirect(url_for("cases.index"), code=303)

    @app.errorhandler(VaultError)
    def vault_error(error: VaultError) -> tuple[str, int]:
        # The vault's own sentence (disk full, damaged record …) says what happened and what to do.
        status = 503 if isinstance(error, StorageUnavailable) else 500
        return render_error(status, _("That didn't work"), error.user_message), status

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int]:
        log_failure(error, "request")
        return render_error(500), 500
