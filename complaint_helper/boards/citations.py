"""Rules a complaint may point to: ethics-code standards per profession and state laws per state.

The data lives in data/citations.json. Each citation says whether someone read it in the primary
source (`verified`) or only saw it quoted elsewhere; the document phrases every one as "may be
relevant", never as a legal conclusion. What could not be supported is simply absent.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from complaint_helper.boards.law import law_for
from complaint_helper.boards.schema import PROFESSIONS, STATES, BoardDataError, Source

_CITATION_KEYS = ("authority", "rule", "summary", "applies_to", "source", "verified")
_STATE_CITATION_KEYS = (*_CITATION_KEYS, "professions")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Citation:
    """One rule: who made it, its number, a plain summary, whom it covers, and where it was read."""

    authority: str
    rule: str
    summary: str
    applies_to: str
    source: Source | None
    verified: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "authority": self.authority,
            "rule": self.rule,
            "summary": self.summary,
            "applies_to": self.applies_to,
            "source": None if self.source is None else self.source.to_json(),
            "verified": self.verified,
        }


@dataclass(frozen=True)
class StateLaw:
    """A state's entry: the rules a complaint may point to (whether it is a crime: boards.law)."""

    state: str
    citations: tuple[tuple[Citation, tuple[str, ...] | None], ...]


@dataclass(frozen=True)
class CitationBook:
    professions: dict[str, tuple[Citation, ...]]
    states: dict[str, StateLaw]


def parse_citations(document: Any, file_name: str = "citations.json") -> CitationBook:
    """Validate the citations file strictly; raise BoardDataError naming the entry and field."""
    if not isinstance(document, dict) or set(document) != {"professions", "states"}:
        raise BoardDataError(f"{file_name}: must hold exactly 'professions' and 'states'")
    professions: dict[str, tuple[Citation, ...]] = {}
    for profession, entries in _mapping(document["professions"], file_name, "professions").items():
        if profession not in PROFESSIONS:
            raise BoardDataError(f"{file_name}: unknown profession key {profession!r}")
        where = f"{file_name} professions.{profession}"
        professions[profession] = tuple(
            _citation(entry, f"{where}[{index}]", _CITATION_KEYS)
            for index, entry in enumerate(_list(entries, where))
        )
    states: dict[str, StateLaw] = {}
    for state, entry in _mapping(document["states"], file_name, "states").items():
        where = f"{file_name} states.{state}"
        if state not in STATES:
            raise BoardDataError(f"{where}: not a US state code")
        if not isinstance(entry, dict) or set(entry) != {"citations"}:
            raise BoardDataError(f"{where}: must hold exactly 'citations'")
        citations = []
        for index, raw in enumerate(_list(entry["citations"], where)):
            here = f"{where}.citations[{index}]"
            citation = _citation(raw, here, _STATE_CITATION_KEYS)
            scope = raw["professions"]
            if scope is not None and (
                not isinstance(scope, list) or not scope or any(p not in PROFESSIONS for p in scope)
            ):
                raise BoardDataError(
                    f"{here}: field 'professions' must list profession keys or be null"
                )
            citations.append((citation, None if scope is None else tuple(scope)))
        states[state] = StateLaw(state=state, citations=tuple(citations))
    return CitationBook(professions=professions, states=states)


def _mapping(value: Any, file_name: str, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BoardDataError(f"{file_name}: field '{key}' must be an object")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise BoardDataError(f"{where}: must be a list")
    return value


def _citation(raw: Any, where: str, keys: tuple[str, ...]) -> Citation:
    if not isinstance(raw, dict) or set(raw) != set(keys):
        raise BoardDataError(f"{where}: must hold exactly the fields {', '.join(keys)}")
    for key in ("authority", "rule", "summary", "applies_to"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise BoardDataError(f"{where}: field '{key}' must be non-empty text")
    if not isinstance(raw["verified"], bool):
        raise BoardDataError(f"{where}: field 'verified' must be true or false")
    source = _source(raw["source"], where)
    if raw["verified"] and source is None:
        raise BoardDataError(f"{where}: a verified citation needs its source")
    return Citation(
        authority=raw["authority"],
        rule=raw["rule"],
        summary=raw["summary"],
        applies_to=raw["applies_to"],
        source=source,
        verified=raw["verified"],
    )


def _source(raw: Any, where: str) -> Source | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) != {"url", "checked_on"}:
        raise BoardDataError(f"{where}: field 'source' must be {{url, checked_on}} or null")
    url, checked_on = raw["url"], raw["checked_on"]
    if not isinstance(url, str) or urlsplit(url).scheme != "https" or not urlsplit(url).hostname:
        raise BoardDataError(f"{where}: field 'source.url' must be an https:// address")
    if not isinstance(checked_on, str) or not _ISO_DATE.match(checked_on):
        raise BoardDataError(f"{where}: field 'source.checked_on' must be YYYY-MM-DD")
    try:
        return Source(url=url, checked_on=date.fromisoformat(checked_on))
    except ValueError:
        raise BoardDataError(f"{where}: field 'source.checked_on' is not a real date") from None


@cache
def load_citations() -> CitationBook:
    """The citations shipped with the app (parsed once; the data is public)."""
    text = (
        resources.files("complaint_helper.boards")
        .joinpath("data", "citations.json")
        .read_text(encoding="utf-8")
    )
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BoardDataError(f"citations.json: not valid JSON ({error})") from None
    return parse_citations(document)


def citations_for(profession: str, state: str | None) -> tuple[Citation, ...]:
    """Ethics-code rules for the profession, then the state's laws that reach that profession."""
    book = load_citations()
    found = list(book.professions.get(profession, ()))
    if state is not None and state.upper() in book.states:
        for citation, scope in book.states[state.upper()].citations:
            if scope is None or profession in scope:
                found.append(citation)
    return tuple(found)


def is_crime_in(state: str) -> bool | None:
    """True where a statute read at its source makes therapist-client sex a crime; None if unknown.

    The one definition is the state's law file (boards.law).
    """
    return law_for(state).is_crime
