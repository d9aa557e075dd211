"""The person's language for each request: Flask-Babel's selector, Jinja's gettext, the context.

`install` wires three things to the one translation module, `complaint_helper.i18n`:
- Flask-Babel, with a locale selector that answers the language chosen for this request (its
  `get_locale()` and date/number formatting then agree with the words);
- Jinja's i18n extension (newstyle), with i18n's raw lookups as its callables, so a template's
  `{{ _("…") }}` and the Python code's `_("…")` read the same catalogs, pseudo-language included;
- a before/teardown pair that makes the request's language current for everything the request
  calls (documents built for a download, board texts, flashes).

Which language a request gets is `language_for_request` (the default until a choice exists).
"""

from __future__ import annotations

from contextvars import Token

from flask import Flask, g
from flask_babel import Babel

from complaint_helper import i18n


def language_for_request() -> str:
    """The language this request is answered in."""
    return i18n.DEFAULT_LANGUAGE


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
    )

    @app.before_request
    def _activate_language() -> None:
        g.language_token = i18n.activate(language_for_request())

    @app.teardown_request
    def _deactivate_language(_exc: BaseException | None) -> None:
        token: Token[str] | None = g.pop("language_token", None)
        if token is not None:
            i18n.deactivate(token)
