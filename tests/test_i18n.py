"""The translation module: the current language, placeholders, plurals, lazy strings, templates.

The Spanish catalogs are tested for completeness elsewhere (tests/web); these tests hold the
mechanism every layer relies on, including the test-only pseudo-language that marks each string
that passed through gettext.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po
from flask import Flask

from complaint_helper import i18n
from complaint_helper.i18n import gettext as _


def test_the_default_language_returns_the_message_with_its_placeholders_filled() -> None:
    assert i18n.current_language() == "en"
    assert _("Hello %(name)s", name="Sam") == "Hello Sam"
    assert _("100% yours") == "100% yours"  # no variables: no formatting, a bare % is safe


def test_use_language_nests_and_restores() -> None:
    with i18n.use_language("es") as outer:
        assert outer == "es"
        with i18n.use_language("xx"):
            assert i18n.current_language() == "xx"
        assert i18n.current_language() == "es"
    assert i18n.current_language() == "en"


def test_an_unknown_language_means_the_default() -> None:
    with i18n.use_language("fr"):
        assert i18n.current_language() == "en"
    with i18n.use_language(None):
        assert i18n.current_language() == "en"


def test_the_pseudo_language_wraps_every_translated_string() -> None:
    with i18n.use_language(i18n.PSEUDO_LANGUAGE):
        assert _("Your progress") == "⟦Your progress⟧"
        assert _("Hello %(name)s", name="Sam") == "⟦Hello Sam⟧"
        assert i18n.ngettext("%(num)d file", "%(num)d files", 3) == "⟦3 files⟧"
        assert i18n.pgettext("month", "May") == "⟦May⟧"


def test_plurals_follow_the_number() -> None:
    assert i18n.ngettext("%(num)d file", "%(num)d files", 1) == "1 file"
    assert i18n.ngettext("%(num)d file", "%(num)d files", 2) == "2 files"


def test_a_lazy_string_is_translated_when_used_not_when_defined() -> None:
    label = i18n.lazy_gettext("Your progress")
    assert str(label) == "Your progress"
    with i18n.use_language(i18n.PSEUDO_LANGUAGE):
        assert str(label) == "⟦Your progress⟧"
        assert f"{label}!" == "⟦Your progress⟧!"
    assert str(label) == "Your progress"


def test_the_language_is_per_thread_of_work() -> None:
    seen: list[str] = []

    def other() -> None:
        seen.append(i18n.current_language())

    with i18n.use_language("es"):
        worker = threading.Thread(target=other)
        worker.start()
        worker.join()
    assert seen == ["en"]  # a new thread starts in the default, never in another request's language


def test_babel_locale_follows_the_language() -> None:
    with i18n.use_language("es"):
        assert str(i18n.babel_locale()) == "es"
    with i18n.use_language(i18n.PSEUDO_LANGUAGE):
        assert str(i18n.babel_locale()) == "en"


def test_every_domain_has_a_spanish_catalog_and_a_map() -> None:
    maps = i18n.TRANSLATIONS_DIR.parent.parent / "catalogs"
    for domain in i18n.DOMAINS:
        assert (i18n.TRANSLATIONS_DIR / "es" / "LC_MESSAGES" / f"{domain}.po").is_file(), domain
        assert (maps / f"{domain}.cfg").is_file(), domain


def test_templates_translate_through_the_same_module(app: Flask) -> None:
    template = app.jinja_env.from_string('{{ _("Hello %(name)s", name=who) }}')
    with app.test_request_context("/"):
        assert template.render(who="<b>") == "Hello &lt;b&gt;"  # the variable is escaped
        with i18n.use_language(i18n.PSEUDO_LANGUAGE):
            assert template.render(who="Sam") == "⟦Hello Sam⟧"


def test_spanish_is_read_from_the_po_when_no_fresh_mo_exists_and_from_the_mo_after_compiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalog = Catalog(locale="es", domain="web")
    catalog.add("Your progress", "Su progreso")
    catalog.add("Old words", "Palabras viejas", flags=("fuzzy",))  # a guess is never shown
    catalog.add(
        ("%(num)d file", "%(num)d files"),
        ("%(num)d archivo", "%(num)d archivos", "%(num)d archivos"),
    )
    with (folder / "web.po").open("wb") as handle:
        write_po(handle, catalog)
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    i18n._translations.cache_clear()
    try:
        with i18n.use_language("es"):
            assert _("Your progress") == "Su progreso"
            assert _("Old words") == "Old words"
            assert i18n.ngettext("%(num)d file", "%(num)d files", 2) == "2 archivos"
            assert _("Not translated yet") == "Not translated yet"
        message = catalog.get("Your progress")
        assert message is not None
        message.string = "Lo que lleva hecho"
        with (folder / "web.mo").open("wb") as handle:
            write_mo(handle, catalog)
        i18n._translations.cache_clear()
        with i18n.use_language("es"):
            assert _("Your progress") == "Lo que lleva hecho"  # the compiled catalog, as fresh
    finally:
        i18n._translations.cache_clear()
