"""The one place words are translated: Babel catalogs, the current language, lazy strings.

Every person-facing string goes through `gettext` (alias `_`), `ngettext` or `pgettext` here, or
through `lazy_gettext` for module-level tables (the interview steps, the filing guide), which turn
into text in whatever language is current when they are str()'d. Variables use `%(name)s`, like
Flask-Babel, so a whole sentence is one message and Spanish word order works.

The current language lives in a context variable: the web layer activates the person's language
for each request, the document builders and the CLI wrap their work in `use_language(code)`. This
module is a leaf (Babel and the standard library only), so every layer may import it.

Catalogs: one gettext domain per part of the project (`DOMAINS`; the files each covers are listed
in `catalogs/<domain>.cfg`), all merged into one lookup per language. `make catalogs` compiles the
`.po` files to `.mo`; a checkout whose `.mo` is missing or older than its `.po` reads the `.po`
directly, so a translation is never silently stale. `PSEUDO_LANGUAGE` ("xx") is for tests only: it
returns every translated string wrapped in ⟦…⟧, so a test can find text that never passed through
gettext. docs/translating.md says how to add a language or update strings.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from pathlib import Path
from typing import Any, Final, cast

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import LazyProxy, NullTranslations, Translations

LANGUAGES: Final[dict[str, str]] = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGE: Final = "en"
PSEUDO_LANGUAGE: Final = "xx"
PSEUDO_OPEN: Final = "⟦"
PSEUDO_CLOSE: Final = "⟧"

# One catalog per part of the project, so people translating in parallel never edit one file.
DOMAINS: Final = ("web", "interview", "documents", "downloads", "letters")
TRANSLATIONS_DIR: Final = Path(__file__).resolve().parent / "translations"

_current: ContextVar[str] = ContextVar("complaint_helper_language", default=DEFAULT_LANGUAGE)


def known_language(code: str | None) -> str:
    """`code` if this app speaks it (or it is the test pseudo-language), else the default."""
    if code is not None and (code in LANGUAGES or code == PSEUDO_LANGUAGE):
        return code
    return DEFAULT_LANGUAGE


def current_language() -> str:
    """The language words are translated into right now ("en", "es", or "xx" in tests)."""
    return _current.get()


def activate(code: str | None) -> Token[str]:
    """Make `code` current until `deactivate(token)`, for per-request hooks; else `use_language`."""
    return _current.set(known_language(code))


def deactivate(token: Token[str]) -> None:
    """Undo `activate`; back to the default if the token belongs to another context."""
    try:
        _current.reset(token)
    except ValueError:
        _current.set(DEFAULT_LANGUAGE)


@contextmanager
def use_language(code: str | None) -> Iterator[str]:
    """Translate into `code` inside the block (nests; unknown codes mean the default language)."""
    token = activate(code)
    try:
        yield current_language()
    finally:
        deactivate(token)


def babel_locale() -> Locale:
    """The Babel locale for dates and numbers in the current language (English for "xx")."""
    language = current_language()
    return Locale.parse(language if language in LANGUAGES else DEFAULT_LANGUAGE)


def _domain_catalog(language: str, domain: str) -> Translations | None:
    folder = TRANSLATIONS_DIR / language / "LC_MESSAGES"
    po_file, mo_file = folder / f"{domain}.po", folder / f"{domain}.mo"
    if mo_file.is_file() and (
        not po_file.is_file() or mo_file.stat().st_mtime >= po_file.stat().st_mtime
    ):
        with mo_file.open("rb") as handle:
            return Translations(handle, domain=domain)
    if not po_file.is_file():
        return None
    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=domain)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=domain)


@functools.cache
def _translations(language: str) -> NullTranslations:
    """Every domain's catalog for `language`, merged into one lookup (read once per process)."""
    merged: Translations | None = None
    for domain in DOMAINS:
        catalog = _domain_catalog(language, domain)
        if catalog is None:
            continue
        if merged is None:
            merged = catalog
        else:
            merged.merge(catalog)
    return merged if merged is not None else NullTranslations()


def _pseudo(text: str) -> str:
    return f"{PSEUDO_OPEN}{text}{PSEUDO_CLOSE}"


# --- raw lookups: the translated message, not yet formatted (Jinja's newstyle gettext formats) ---


def translate(message: str) -> str:
    """The translation of `message` in the current language, placeholders left in place."""
    language = current_language()
    if language == PSEUDO_LANGUAGE:
        return _pseudo(message)
    if language == DEFAULT_LANGUAGE:
        return message
    return _translations(language).gettext(message)


def translate_plural(singular: str, plural: str, num: int) -> str:
    language = current_language()
    if language == PSEUDO_LANGUAGE:
        return _pseudo(singular if num == 1 else plural)
    if language == DEFAULT_LANGUAGE:
        return singular if num == 1 else plural
    return _translations(language).ngettext(singular, plural, num)


def translate_in_context(context: str, message: str) -> str:
    language = current_language()
    if language == PSEUDO_LANGUAGE:
        return _pseudo(message)
    if language == DEFAULT_LANGUAGE:
        return message
    return str(_translations(language).pgettext(context, message))


# --- what the code calls ---


def gettext(message: str, **variables: Any) -> str:
    """`message` in the current language; `%(name)s` placeholders filled from `variables`."""
    text = translate(message)
    return text % variables if variables else text


_ = gettext


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    """The singular or plural form for `num`; `%(num)d` is always available."""
    variables.setdefault("num", num)
    return translate_plural(singular, plural, num) % variables


def pgettext(context: str, message: str, **variables: Any) -> str:
    """`message` as meant in `context` (the same English word translated two ways)."""
    text = translate_in_context(context, message)
    return text % variables if variables else text


def lazy_gettext(message: str, **variables: Any) -> str:
    """A string that is translated each time it is used: for module-level tables.

    It behaves as a `str` (formatting, joining, Jinja output); call `str()` on it before using it as
    a dict key, comparing it with `isinstance`, or storing it. Typed as `str` so tables stay simple.
    """
    return cast(str, LazyProxy(gettext, message, enable_cache=False, **variables))


def lazy_pgettext(context: str, message: str, **variables: Any) -> str:
    """`lazy_gettext` with a context (see `pgettext`)."""
    return cast(str, LazyProxy(pgettext, context, message, enable_cache=False, **variables))
