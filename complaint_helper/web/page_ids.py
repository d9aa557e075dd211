"""Neutral addresses: interview pages are reached by an opaque id made up at each start, never by
their name, so the address bar and the browser history show `/case/interview/Xk3v9QpL2aM`,
not `/case/interview/what-happened`.

Routes take `<page:slug>`; views and `url_for` keep working with step slugs, and the converter
swaps a slug for its id on the way out and back on the way in. An id from an earlier start (or
any other text, a slug included) is no page: the views answer 404.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from flask import Flask
from werkzeug.routing import BaseConverter, Map

PAGE_ID_BYTES = 8  # 64 bits: unguessable, short enough to read aloud if ever needed


class PageIds:
    """A random id for each page name, for the life of one app."""

    def __init__(self, names: Iterable[str]) -> None:
        self._ids = {name: secrets.token_urlsafe(PAGE_ID_BYTES) for name in names}
        self._names = {page_id: name for name, page_id in self._ids.items()}

    def id_of(self, name: str) -> str:
        return self._ids[name]

    def name_of(self, page_id: str) -> str:
        return self._names[page_id]

    def known(self, page_id: str) -> bool:
        return page_id in self._names


def install(app: Flask, ids: PageIds) -> None:
    """Register the `page` URL converter for these ids (before any route uses it)."""

    class PageConverter(BaseConverter):
        regex = r"[A-Za-z0-9_-]+"

        def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
            super().__init__(url_map, *args, **kwargs)

        def to_python(self, value: str) -> str:
            # Not an id of this start: "", which no page is called, so the view answers as for
            # any unknown page (a plain 404; a quick exit's last autosave still locks).
            return ids.name_of(value) if ids.known(value) else ""

        def to_url(self, value: str) -> str:
            return ids.id_of(value)

    app.url_map.converters["page"] = PageConverter
