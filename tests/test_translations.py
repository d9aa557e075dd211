"""The translation catalogs: complete, checked, and in step with the code, one domain at a time.

For every gettext domain (complaint_helper.i18n.DOMAINS) and every language besides English:
- every message has a translation (each plural form too), none is fuzzy;
- a translation has exactly the placeholders of its English (`%(name)s`), so no sentence loses or
  invents a value; Babel's own checkers and GNU `msgfmt --check` agree;
- the committed .po holds every message the code has now: strings are extracted from the files
  catalogs/<domain>.cfg maps, with the keywords the Makefile's `make messages` uses, and each must
  be in the .po. A string added without `make messages DOMAIN=…` fails here.
Parametrized per domain, so each part's status is its own line. Domains whose translation is still
under way are in PENDING, for completeness only (strict xfail): the list only shrinks, and a domain
that is finished while still listed fails until it is taken off. Placeholders, msgfmt and being
in step with the code hold for every domain at all times (SYNC_PENDING names the catalogs that are
behind the code on main right now, each with who runs `make messages`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po

from complaint_helper import i18n
from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = tuple(code for code in i18n.LANGUAGES if code != i18n.DEFAULT_LANGUAGE)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")
# Domains still being translated (owner). Remove a domain once its catalog is complete.
PENDING: dict[str, str] = {}


# Domains whose committed .po lacks messages the code already has (owner: what to run). Not strict:
# it flips while people work; take an entry off once `make messages DOMAIN=…` has been landed.
SYNC_PENDING: dict[str, str] = {}


@dataclass(frozen=True)
class Entry:
    context: str | None
    msgid: str


def marks(domain: str) -> list[pytest.MarkDecorator]:
    if domain in PENDING:
        return [pytest.mark.xfail(reason=f"translation under way ({PENDING[domain]})", strict=True)]
    return []


# Completeness waits for the domains under way; correctness and being in step with the code don't.
CASES = [
    pytest.param(domain, language, marks=marks(domain), id=f"{domain}-{language}")
    for domain in i18n.DOMAINS
    for language in TRANSLATED
]
ALL = [
    pytest.param(domain, language, id=f"{domain}-{language}")
    for domain in i18n.DOMAINS
    for language in TRANSLATED
]
IN_STEP = [
    pytest.param(
        domain,
        language,
        id=f"{domain}-{language}",
        marks=[pytest.mark.xfail(reason=SYNC_PENDING[domain], strict=False)]
        if domain in SYNC_PENDING
        else [],
    )
    for domain in i18n.DOMAINS
    for language in TRANSLATED
]


def po_path(domain: str, language: str) -> Path:
    return i18n.TRANSLATIONS_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def catalog(domain: str, language: str) -> Catalog:
    with po_path(domain, language).open("rb") as handle:
        return read_po(handle, locale=language, domain=domain)


def forms(message: Message) -> tuple[list[str], list[str]]:
    """(English forms, translated forms) of a message: one each, or the plural forms."""
    ids = (
        [str(text) for text in message.id] if isinstance(message.id, list | tuple) else [message.id]
    )
    strings = message.string if isinstance(message.string, list | tuple) else [message.string]
    return ids, [text or "" for text in strings]


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@cache
def makefile_keywords() -> tuple[str, ...]:
    """The extraction keywords `make messages` passes (one definition: the Makefile's)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(r"^EXTRACT_KEYWORDS\s*:=\s*((?:.*\\\n)*.*)$", makefile, re.MULTILINE)
    assert found, "the Makefile names no EXTRACT_KEYWORDS"
    return tuple(re.findall(r"-k\s+(\S+)", found.group(1).replace("\\\n", " ")))


@cache
def extracted(domain: str) -> frozenset[Entry]:
    """Every message the code holds now for `domain`, as `make messages` would extract it."""
    with (ROOT / "catalogs" / f"{domain}.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)  # type: ignore[no-untyped-call]
    keywords = parse_keywords(list(makefile_keywords()))
    entries = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords={**DEFAULT_KEYWORDS, **keywords}
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        entries.add(Entry(context, msgid))
    return frozenset(entries)


@pytest.mark.parametrize(("domain", "language"), CASES)
def test_every_message_is_translated_and_none_is_fuzzy(domain: str, language: str) -> None:
    messages = [message for message in catalog(domain, language) if message.id]
    assert messages, "no message in the catalog yet"
    untranslated, fuzzy = [], []
    for message in messages:
        _ids, strings = forms(message)
        if not all(strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert untranslated == [], f"{len(untranslated)} messages without a translation"
    assert fuzzy == []


@pytest.mark.parametrize(("domain", "language"), ALL)
def test_translations_keep_the_placeholders(domain: str, language: str) -> None:
    current = catalog(domain, language)
    wrong = []
    for message in current:
        if not message.id:
            continue
        ids, strings = forms(message)
        for index, string in enumerate(strings):
            english = ids[min(index, len(ids) - 1)]
            if string and placeholders(string) != placeholders(english):
                wrong.append((english, string))
    assert wrong == []
    checked = [
        (message.id, [str(error) for error in errors])
        for message, errors in current.check()
        if errors and message.string
    ]
    assert checked == []


@pytest.mark.parametrize(("domain", "language"), ALL)
def test_gnu_msgfmt_accepts_the_catalog(domain: str, language: str) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        if IN_CI:
            pytest.fail("msgfmt is missing under CI=true: .ci/run must install gettext")
        pytest.skip("no msgfmt (Debian's gettext package)")
    result = subprocess.run(
        [msgfmt, "--check", "--output-file=/dev/null", str(po_path(domain, language))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("domain", "language"), IN_STEP)
def test_the_catalog_holds_every_message_in_the_code(domain: str, language: str) -> None:
    in_po = {
        Entry(message.context, forms(message)[0][0])
        for message in catalog(domain, language)
        if message.id
    }
    missing = sorted(
        (entry.msgid for entry in extracted(domain) - in_po),
    )
    assert missing == [], f"run `make messages DOMAIN={domain}` and translate these"


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogs_agree_where_they_share_a_message(language: str) -> None:
    """All catalogs are merged into one lookup (i18n._translations), so when two domains hold the
    same English (same context) with different translations, one silently wins at run time and the
    other part of the app says something its translator never wrote. Differing meanings need a
    context (`pgettext`), not a second translation."""
    seen: dict[tuple[str | None, str], tuple[str, list[str]]] = {}
    disagreements: list[str] = []
    for domain in i18n.DOMAINS:
        for message in catalog(domain, language):
            if not message.id:
                continue
            ids, strings = forms(message)
            key = (message.context, ids[0])
            if key in seen and seen[key][1] != strings:
                first_domain, first_strings = seen[key]
                disagreements.append(
                    f"{ids[0]!r} (context {message.context!r}): {first_domain} says "
                    f"{first_strings!r}, {domain} says {strings!r}"
                )
            seen.setdefault(key, (domain, strings))
    assert not disagreements, "\n".join(disagreements)
