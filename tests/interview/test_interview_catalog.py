"""The `interview` catalog: complete, and read as it is written.

Every domain's catalog is merged into one lookup per language (`complaint_helper.i18n`), so the
same English words in two catalogs get one translation, whichever catalog is merged last. A page
of the interview must say what its own catalog says: a message that another catalog translates
differently needs a context (`pgettext`), as the date phrases have ("date").
"""

from __future__ import annotations

import re

from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from complaint_helper import i18n

CATALOG = i18n.TRANSLATIONS_DIR / "es" / "LC_MESSAGES" / "interview.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def messages() -> list[Message]:
    with CATALOG.open("rb") as handle:
        return [m for m in read_po(handle, locale="es") if m.id]


def texts(value: object) -> list[str]:
    """A message's id or string as a list of texts (a plural has several)."""
    return [str(v) for v in value] if isinstance(value, (tuple, list)) else [str(value or "")]


def test_every_message_is_translated_with_the_same_placeholders_and_none_is_fuzzy() -> None:
    problems = []
    for message in messages():
        ids, strings = texts(message.id), texts(message.string)
        if message.fuzzy or not all(strings):
            problems.append(f"not translated: {ids[0]!r}")
            continue
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) - wanted or (
                len(ids) == 1 and set(PLACEHOLDER.findall(string)) != wanted
            ):
                problems.append(f"placeholders differ: {ids[0]!r} -> {string!r}")
    assert problems == []


def test_no_other_catalog_changes_what_the_interview_says() -> None:
    overridden = []
    with i18n.use_language("es"):
        for message in messages():
            if isinstance(message.id, tuple):
                continue
            english = str(message.id)
            if message.context:
                found = i18n.translate_in_context(message.context, english)
            else:
                found = i18n.translate(english)
            if found != message.string:
                overridden.append((english, message.string, found))
    assert overridden == []
