"""The person's language for each request: Flask-Babel's selector, Jinja's gettext, the context.

`install` wires three things to the one translation module, `complaint_helper.i18n`:
- Flask-Babel, with a locale selector that answers the language chosen for this request (its
  `get_locale()` and date/number formatting then agree with the words);
- Jinja's i18n extension (newstyle), with i18n's raw lookups as its callables, so a template's
  `{{ _("…") }}` and the Python code's `_("…")` read the same catalogs, pseudo-language included;
- a before/teardown pair that makes the request's language current for everything the request
  calls (documents built for a download, board texts, flashes).

Which language a request gets is `language_for_request`: the one held for this browser in server
memory (web/session.py), else the default. The hook runs before the security hooks, so even the
pages they answer with (the expired page after a quick exit) are in the person's language.

The choice itself: every page (templates/base.html) and the welcome page offer the other
language as a small POST form (`language.choose`; works without JavaScript, carries the CSRF
token). It keeps the choice for this browser and, with a case open, inside the encrypted case
(interview.repository.save_language); opening a case switches to the language kept in it. The
form sends the address of the page it is on, and the answer goes back there only if it is a page
of this app (a path the app answers to GET), never anywhere else: no open redirect. The cookie
never names the language. The test-only pseudo-language cannot be chosen here. On a page with
its own form (a step, an item, a tracker page) the buttons send that form instead, with the
action "language-xx": the view keeps what reads cleanly, then `save_then_choose` switches, so a
change of language never drops words typed but not yet saved, with or without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import Token
from datetime import date, datetime
from urllib.parse import urlsplit

from babel.dates import format_date
from babel.numbers import format_decimal
from flask import Blueprint, Flask, current_app, g, redirect, request, url_for
from flask_babel import Babel
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as BaseResponse

from complaint_helper import i18n
from complaint_helper.failure_log import log_failure
from complaint_helper.interview import repository
from complaint_helper.vault import UnlockedCase
from complaint_helper.web.session import SESSION_COOKIE, browser_session, current_case, registry


def language_for_request() -> str:
    """The language this request is answered in: this browser's, else the default."""
    session = registry().get(request.cookies.get(SESSION_COOKIE))
    return session.language if session is not None else i18n.DEFAULT_LANGUAGE


def long_date(value: date | datetime | None) -> str:
    """A date as the page's language writes it ("4 December 2026", "4 de diciembre de 2026");
    a datetime in this computer's time zone. None: "Not known"."""
    if value is None:
        return i18n.gettext("Not known")
    if isinstance(value, datetime):
        value = value.astimezone()
    locale = i18n.babel_locale()
    # English keeps the house order, day first ("4 December 2026"), that every page used before.
    return format_date(
        value, format="d MMMM y" if locale.language == "en" else "long", locale=locale
    )


def number(value: int) -> str:
    """A whole number as the page's language writes it ("12,000", "12.000")."""
    return format_decimal(value, locale=i18n.babel_locale())


def offered_in(code: str) -> str:
    """The welcome page's offer of another language, in that language's own words."""
    with i18n.use_language(code):
        # Translators: shown in the language it names; say "This tool is also in <your language>."
        return i18n.gettext("This tool is also in English.")


def adopt_case_language(case: UnlockedCase) -> None:
    """A case was opened in this browser: its pages are in the language kept in the case (if
    one was ever chosen), from the next page on."""
    kept = repository.load_language(case)
    if kept in i18n.LANGUAGES:
        browser_session().language = kept


def remember_in_case(case: UnlockedCase) -> None:
    """Keep this browser's language inside a case (a new case starts in the language chosen)."""
    repository.save_language(case, browser_session().language)


def choose_language(chosen: str) -> None:
    """Pages in `chosen` from now on, for this browser and the open case (unknown: ignored)."""
    if chosen in i18n.LANGUAGES:
        browser_session().language = chosen
        case = current_case()
        if case is not None:
            repository.save_language(case, chosen)


# On a page with its own form (a step, an item, a tracker page) the header's language buttons
# submit that form with this action, so words typed but not yet saved are kept, with or without
# JavaScript, as Lock and Quick exit do (base.html's `page_form`).
LANGUAGE_ACTION_PREFIX = "language-"


def language_in_action(action: str) -> str | None:
    """The language a page form's `action` asks for ("language-es" → "es"), else None."""
    if not action.startswith(LANGUAGE_ACTION_PREFIX):
        return None
    code = action.removeprefix(LANGUAGE_ACTION_PREFIX)
    return code if code in i18n.LANGUAGES else None


def save_then_choose(code: str, save: Callable[[], object]) -> BaseResponse:
    """Keep what the page's form holds that reads cleanly, switch to `code`, show the same page
    again in that language. A save that fails is logged (type only) and never blocks the switch:
    the last autosave is kept, as on the way out."""
    try:
        save()
    except Exception as error:
        log_failure(error, "saving the page before changing the language")
    choose_language(code)
    return redirect(_page_to_return_to(this_page()), code=303)


def this_page() -> str:
    """The address of the page this request is for, with its query (the header form sends it)."""
    return request.full_path.rstrip("?")


def _page_to_return_to(address: str) -> str:
    """`address` if it is a page of this app a GET can show, else the welcome page."""
    parts = urlsplit(address)
    if (
        parts.scheme
        or parts.netloc
        or not parts.path.startswith("/")
        or parts.path.startswith("//")
        or "\\" in address
    ):
        return url_for("general.welcome")
    try:
        current_app.url_map.bind("127.0.0.1").match(parts.path, method="GET")
    except HTTPException:
        return url_for("general.welcome")
    return parts.path + (f"?{parts.query}" if parts.query else "")


def make_blueprint() -> Blueprint:
    bp = Blueprint("language", __name__)

    @bp.post("/language")
    def choose() -> BaseResponse:
        choose_language(request.form.get("language", ""))
        return redirect(_page_to_return_to(request.form.get("return_to", "")), code=303)

    return bp


def _babel_locale_name() -> str:
    return str(i18n.babel_locale())


def install(app: Flask) -> None:
    Babel(app, locale_selector=_babel_locale_name)
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.translate,
        i18n.translate_plural,
        newstyle=True,
        pgettext=i18n.translate_in_context,
    )
    app.jinja_env.globals.update(
        current_language=i18n.current_language,
        languages=i18n.LANGUAGES,
        can_choose_language=lambda: g.get("browser_session") is not None,
        this_page=this_page,
        offered_in=offered_in,
    )
    app.jinja_env.filters.update(long_date=long_date, number=number)

    @app.before_request
    def _activate_language() -> None:
        g.language_token = i18n.activate(language_for_request())

    @app.teardown_request
    def _deactivate_language(_exc: BaseException | None) -> None:
        token: Token[str] | None = g.pop("language_token", None)
        if token is not None:
            i18n.deactivate(token)
