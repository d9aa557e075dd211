"""Every word a page shows went through gettext: the pseudo-language crawl.

With the test-only pseudo-language `xx` (complaint_helper.i18n.PSEUDO_LANGUAGE), every translated
string comes back wrapped in ⟦…⟧. This browser's session is put in `xx` (the language choice offers
only real languages; nothing in the app can choose `xx`), a case holding a full story is open, and
the link-graph crawl (test_link_graph.crawl) reads every page it reaches from the welcome page.
On each page the visible words — text, the title, option and button labels, and the attributes a
person reads or hears (aria-label, title, placeholder, alt, value of buttons, the words scripts
show) — must all lie inside ⟦…⟧, except what is data:
- the person's own words and the case's facts (every string of the story, the nickname, file
  names), board and support-service names and phone numbers as published, state names;
- the app's name, a passphrase it suggests, numbers, dates (month names come from Babel's CLDR
  data, not gettext), addresses (http…, e-mail), and text marked with a `lang` other than the
  page's (each language is offered in its own words).
A string added later without gettext fails here, on the page that shows it.

Pages whose words belong to parts not translated yet are listed in PENDING with their owner: an
explicit list that only shrinks. A page listed there that has become clean fails the test too, so
the list cannot outlive the work.

The second test puts the same check on what only a posted form shows in the web layer's own
pages: error messages, the passphrase advice, flashes, the expired page after a quick exit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from babel import Locale
from flask import Flask

from complaint_helper import i18n
from complaint_helper.boards import STATES
from complaint_helper.interview.filing import load_history
from complaint_helper.support import SUPPORT_SERVICES
from complaint_helper.vault import UnlockedCase
from complaint_helper.web.app_state import state_of
from tests.conftest import PASSPHRASE, AppClient
from tests.web.test_link_graph import crawl, full_story

# Endpoints whose pages still show words of a part not yet translated (owner: what is missing).
# Remove an entry when its part lands; the test fails while an entry is no longer needed.
PENDING: dict[str, str] = {}

OPEN, CLOSE = i18n.PSEUDO_OPEN, i18n.PSEUDO_CLOSE
WRAPPED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
# Attributes a person reads or hears, and those holding words a script shows (base.html,
# macros/fields.html). A new script sentence passed in a data- attribute belongs here too.
READ_ATTRIBUTES = frozenset({"title", "aria-label", "placeholder", "alt"})
SCRIPT_WORDS = frozenset(
    {
        "data-away-title",
        "data-remaining",
        "data-too-many",
        "data-saved",  # templates/interview/_autosave_status.html
        "data-not-saved",
        "data-too-large",  # templates/interview/item.html (static/js/upload-limit.js)
    }
)
NOT_SHOWN = frozenset({"script", "style", "template"})
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
ADDRESSES = re.compile(r"https?://\S+|mailto:\S+|[\w.+-]+@[\w-]+\.[\w.-]+|tel:\S+")
APP_NAME = "complaint-helper"


@dataclass
class VisibleWords(HTMLParser):
    """The words a page shows: its text in order (one string) and each read attribute."""

    text: list[str] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    page_language: str = ""
    _hidden_depth: int = 0
    _other_language_depth: int = 0
    _stack: list[tuple[str, bool, bool]] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.page_language = found.get("lang", "")
            return
        other = "lang" in found and found["lang"] != self.page_language
        not_shown = tag in NOT_SHOWN
        if not (self._hidden_depth or self._other_language_depth or other):
            for name, value in found.items():
                if name in READ_ATTRIBUTES | SCRIPT_WORDS:
                    self.attributes.append(value)
            button = tag == "input" and found.get("type") in ("submit", "button", "reset")
            if button and found.get("aria-hidden") != "true":
                self.attributes.append(found.get("value", ""))
        if tag in VOID:
            return
        self._stack.append((tag, not_shown, other))
        self._hidden_depth += not_shown
        self._other_language_depth += other

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            name, not_shown, other = self._stack.pop()
            self._hidden_depth -= not_shown
            self._other_language_depth -= other
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if not (self._hidden_depth or self._other_language_depth):
            self.text.append(data)


def strings_in(value: Any) -> Iterator[str]:
    """Every string inside a value: the person's answers, items and files, however nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from strings_in(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for each in fields(value):
            yield from strings_in(getattr(value, each.name))


def month_names() -> set[str]:
    names: set[str] = set()
    for language in (*i18n.LANGUAGES, "en"):
        months = Locale.parse(language).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                names.update(str(name) for name in months[context][width].values())
    return names


def always_data() -> set[str]:
    """What any page may show as it is: names, not words of the app."""
    words = {APP_NAME, *STATES.values(), *month_names(), *i18n.LANGUAGES.values()}
    for service in SUPPORT_SERVICES:
        words.update(str(value) for value in (service.name, service.phone) if value)
    return words


def longest_first(words: Iterable[str]) -> list[str]:
    return sorted((word for word in set(words) if word.strip()), key=len, reverse=True)


def data_words(case: UnlockedCase, story: Any) -> list[str]:
    """What the crawl's pages may show as it is: data, never words of the app."""
    # The story's answers and what was tracked after sending it (its reference numbers too).
    words = {case.nickname, *strings_in(story), *strings_in(load_history(case)), *always_data()}
    # A text box shows the person's words line by line, as typed.
    words.update(line for word in list(words) for line in word.splitlines())
    words.update(attachment.filename for attachment in case.attachments())
    return longest_first(words)


def untranslated(html: str, data: Iterable[str]) -> list[str]:
    """The bits of a page's words that are neither inside ⟦…⟧ nor data."""
    page = VisibleWords()
    page.feed(html)
    # A passphrase the app made up for the person is data too (random words, not sentences).
    data = [*re.findall(r'id="suggested-passphrase">([^<]+)<', html), *data]
    left: list[str] = []
    for chunk in ["\n".join(page.text), *page.attributes]:
        previous = None
        while previous != chunk:  # nested markers: a sentence holding a translated link
            previous, chunk = chunk, WRAPPED.sub("\n", chunk)
        for line in chunk.splitlines():
            rest = ADDRESSES.sub(" ", line)
            for word in data:
                rest = rest.replace(word, " ")
            if re.search(r"[^\W\d_]", rest):
                left.append(line.strip())
    return left


def in_pseudo_language(app: Flask, client: AppClient) -> None:
    """Put this browser's session in the test-only pseudo-language (the UI never offers it)."""
    session = state_of(app).sessions.get(client.session_id())
    assert session is not None
    session.language = i18n.PSEUDO_LANGUAGE


def test_every_page_of_the_crawl_shows_only_translated_words(
    app: Flask, case_client: AppClient
) -> None:
    case: UnlockedCase = case_client.case  # type: ignore[attr-defined]
    story = full_story(case)
    in_pseudo_language(app, case_client)
    data = data_words(case, story)
    problems: dict[str, list[str]] = {}
    pending_pages: dict[str, list[str]] = {}

    def check(address: str, endpoint: str, html: str) -> None:
        assert f'<html lang="{i18n.PSEUDO_LANGUAGE}"' in html, address
        left = untranslated(html, data)
        if endpoint in PENDING:
            pending_pages.setdefault(endpoint, []).extend(left)
        elif left:
            problems[f"{endpoint} {address}"] = left

    crawl(app, case_client, on_page=check)

    assert problems == {}, "words that did not go through gettext"
    done = sorted(endpoint for endpoint in PENDING if not pending_pages.get(endpoint, ["unseen"]))
    assert done == [], "these pages are translated now: remove them from PENDING"


@pytest.fixture
def pseudo_client(app: Flask, client: AppClient) -> AppClient:
    in_pseudo_language(app, client)
    return client


def clean(html: str, *data: str) -> list[str]:
    return untranslated(html, longest_first({*always_data(), *data}))


def test_the_case_pages_messages_are_translated(app: Flask, pseudo_client: AppClient) -> None:
    """Errors, advice and flashes only a posted form shows, on the web layer's own pages."""
    client = pseudo_client
    assert clean(client.get("/cases").get_data(as_text=True)) == []  # no case yet
    new_case = {"nickname": "", "passphrase": "short", "passphrase_confirm": ""}
    assert clean(client.submit("/cases/new", new_case).get_data(as_text=True)) == []
    mismatch = {"nickname": "Blue", "passphrase": PASSPHRASE, "passphrase_confirm": "other"}
    assert clean(client.submit("/cases/new", mismatch).get_data(as_text=True), "Blue") == []
    weak = {"nickname": "Blue", "passphrase": "password123", "passphrase_confirm": "password123"}
    assert clean(client.submit("/cases/new", weak).get_data(as_text=True), "Blue") == []

    created = {"nickname": "Blue", "passphrase": PASSPHRASE, "passphrase_confirm": PASSPHRASE}
    made = client.submit("/cases/new", created, follow_redirects=False)
    assert made.status_code == 303
    # The flash with the passphrase advice shows on the next page of the web layer.
    assert clean(client.get("/cases").get_data(as_text=True), "Blue") == []
    wrong = {"confirm": "no"}
    assert clean(client.submit("/cases/open/delete", wrong).get_data(as_text=True), "Blue") == []
    old = {"old_passphrase": "not it at all", "passphrase": PASSPHRASE * 2}
    changed = client.submit("/cases/open/passphrase", {**old, "passphrase_confirm": "x"})
    assert clean(changed.get_data(as_text=True), "Blue") == []

    case_id = state_of(app).vault.list_cases()[0].case_id
    client.submit("/lock")
    for _attempt in range(5):  # wrong passphrases, then the wait
        tried = client.submit(f"/cases/{case_id}/unlock", {"passphrase": "wrong guess"})
        assert clean(tried.get_data(as_text=True), "Blue") == []
    removing = client.submit(f"/cases/{case_id}/remove", {"confirm_nickname": "Green"})
    assert clean(removing.get_data(as_text=True), "Blue") == []
    assert clean(client.submit("/cases/import", {}).get_data(as_text=True)) == []
    assert clean(client.get("/no-such-page").get_data(as_text=True)) == []
    assert clean(client.post("/lock", data={"csrf_token": "stale"}).get_data(as_text=True)) == []
    assert clean(client.get("/locked").get_data(as_text=True)) == []

    client.submit("/exit-beacon")
    expired = client.get("/cases").get_data(as_text=True)
    assert f'<html lang="{i18n.PSEUDO_LANGUAGE}"' in expired
    assert clean(expired) == []
