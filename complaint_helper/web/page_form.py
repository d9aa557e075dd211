"""The header's buttons on a page with its own form: Quick exit, Lock, and the other language.

On a step, an item and a tracker page, base.html's `page_form` makes those buttons send the
page's own form with an `action` ("quick-exit", "lock", "language-xx"), so without JavaScript
too the words typed but not yet saved are kept. A view reads its action and hands
`header_action` its own "keep what reads cleanly" function; when the action is one of these,
the answer is made here, once for every page:
- Quick exit and Lock: save what reads, then lock whatever happens to the save (never an error
  page on the way out); the neutral exit address, or the locked page with SAVED_AND_LOCKED;
- another language: save what reads, switch (web/language.save_then_choose), the same page again.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, url_for
from werkzeug.wrappers import Response as BaseResponse

from complaint_helper.failure_log import log_failure
from complaint_helper.i18n import lazy_gettext
from complaint_helper.web.app_state import current_settings
from complaint_helper.web.language import language_in_action, save_then_choose
from complaint_helper.web.session import lock_session

QUICK_EXIT_ACTION = "quick-exit"
LOCK_ACTION = "lock"
SAVED_AND_LOCKED = lazy_gettext(
    "Everything is saved and your case is locked. Open it again with your passphrase when you "
    "are ready to carry on."
)


def header_action(action: str, save: Callable[[], object]) -> BaseResponse | None:
    """The answer to a header button sent with the page's form; None for the page's own actions."""
    if action in (QUICK_EXIT_ACTION, LOCK_ACTION):
        return _leave(action, save)
    language = language_in_action(action)
    if language is not None:
        return save_then_choose(language, save)
    return None


def locked() -> BaseResponse:
    """Lock (after the view saved everything) and show the locked page."""
    lock_session()
    flash(str(SAVED_AND_LOCKED), "success")
    return redirect(url_for("general.locked"), code=303)


def _leave(action: str, save: Callable[[], object]) -> BaseResponse:
    try:
        save()
    except Exception as error:  # leaving must never fail; the last autosave is kept
        log_failure(error, "saving the page on the way out")
    finally:
        lock_session(quick_exit=action == QUICK_EXIT_ACTION)
    if action == QUICK_EXIT_ACTION:
        return redirect(current_settings().exit_url, code=303)
    flash(str(SAVED_AND_LOCKED), "success")
    return redirect(url_for("general.locked"), code=303)
