"""The board data format: the Python model of a licensing board and the strict state-file parser.

This module re-exports the shared vocabulary (profession keys, their plain labels and the 51 state
codes, defined once in `complaint_helper.vocabulary`) and owns the rules every
`data/states/<xx>.json` file must follow (board-schema.md). A file that breaks a rule is rejected as
a whole with a message naming the file, the board id and the field, so a reviewer can fix it;
nothing is silently dropped or guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any, Literal
from urllib.parse import urlsplit

from complaint_helper.i18n import _, lazy_gettext
from complaint_helper.vocabulary import (
    DEGREES,
    PROFESSION_BY_KEY,
    PROFESSIONS,
    STATES,
    Profession,
)

# The vocabulary is defined once, in complaint_helper.vocabulary; the board format re-exports it.
PROFESSION_LABELS: dict[str, str] = {key: PROFESSION_BY_KEY[key].described for key in PROFESSIONS}
__all__ = ["DEGREES", "PROFESSIONS", "PROFESSION_LABELS", "STATES", "Profession"]

FactKind = Literal["text", "titles", "url", "bool"]


@dataclass(frozen=True)
class BoardFact:
    """One fact about a board, defined once for everything that reads or shows it.

    - `name`: the key in the state files and the `Board` field; `kind`: how the parser checks it
      (non-empty text, a profession → license titles map, an https address on an official domain,
      or true/false).
    - `label`: how the boards page and the advocates' CLI name it.
    - `confirm`: what "How to file" asks the person to confirm on the board's website when the
      fact is unknown ("" = not asked).
    - `requirement`: for a filing requirement, what the board asks for when it is true
      ("This board asks for …"); "" = not a requirement.
    - `required`: never null (name and professions); every other fact may be unknown.
    - `on_page`: shown as its own row (the board's own words on anonymous complaints are shown
      inside that row, and the name is the card's heading).
    """

    name: str
    kind: FactKind
    label: str
    confirm: str = ""
    requirement: str = ""
    required: bool = False
    on_page: bool = True


# Every fact, when not null, must name the page that showed it. The order is the state files' key
# order (board-schema.md), the order of `Board.to_json` and the order the page and CLI show them.
BOARD_FACTS: tuple[BoardFact, ...] = (
    BoardFact("name", "text", lazy_gettext("Name"), required=True, on_page=False),
    BoardFact("professions", "titles", lazy_gettext("License titles it covers"), required=True),
    BoardFact(
        "mailing_address",
        "text",
        lazy_gettext("Complaint mailing address"),
        confirm=lazy_gettext("the complaint mailing address"),
    ),
    BoardFact("phone", "text", lazy_gettext("Phone")),
    BoardFact("email", "text", lazy_gettext("Email")),
    BoardFact(
        "complaint_url",
        "url",
        lazy_gettext("Complaint page"),
        confirm=lazy_gettext("the complaint page"),
    ),
    # A page on the board's own website that was read, for when no complaint page is known: the
    # person can always reach the board from it.
    BoardFact("website", "url", lazy_gettext("Board's website")),
    BoardFact(
        "online_filing",
        "bool",
        lazy_gettext("Online filing"),
        confirm=lazy_gettext("whether you can file online"),
    ),
    BoardFact("license_lookup_url", "url", lazy_gettext("License look-up")),
    BoardFact("anonymous_complaints", "bool", lazy_gettext("Anonymous complaints")),
    BoardFact(
        "anonymous_complaints_words",
        "text",
        lazy_gettext("In the board's words, on anonymous complaints"),
        on_page=False,
    ),
    BoardFact("time_limit", "text", lazy_gettext("Time limit for complaints")),
    BoardFact(
        "requires_own_form",
        "bool",
        lazy_gettext("Needs its own complaint form"),
        confirm=lazy_gettext("whether it needs its own complaint form"),
        requirement=lazy_gettext("complaints on its own form"),
    ),
    BoardFact(
        "requires_records_release",
        "bool",
        lazy_gettext("Needs a signed release of your treatment records"),
        confirm=lazy_gettext("whether it needs a signed release of your treatment records"),
        requirement=lazy_gettext("a signed release of your treatment records"),
    ),
    BoardFact(
        "requires_notarization",
        "bool",
        lazy_gettext("Needs the complaint notarised"),
        confirm=lazy_gettext("whether the complaint must be notarised"),
        requirement=lazy_gettext("the complaint to be signed in front of a notary"),
    ),
)
FACT_BY_NAME: dict[str, BoardFact] = {fact.name: fact for fact in BOARD_FACTS}
FACTS: tuple[str, ...] = tuple(fact.name for fact in BOARD_FACTS)
# The facts a board may leave unknown; name and professions are always required.
OPTIONAL_FACTS: tuple[str, ...] = tuple(fact.name for fact in BOARD_FACTS if not fact.required)
# What the boards page shows as rows, and what "How to file" asks to confirm or lists as needed.
PAGE_FACTS: tuple[BoardFact, ...] = tuple(fact for fact in BOARD_FACTS if fact.on_page)
CONFIRM_FACTS: tuple[BoardFact, ...] = tuple(fact for fact in BOARD_FACTS if fact.confirm)
REQUIREMENT_FACTS: tuple[BoardFact, ...] = tuple(fact for fact in BOARD_FACTS if fact.requirement)

# A board record's keys in the documented order: identity, the facts, then sources and notes.
BOARD_KEYS: tuple[str, ...] = (
    "id",
    *FACTS[:2],
    "degrees",
    "official_domains",
    *OPTIONAL_FACTS,
    "sources",
    "notes",
)
FILE_KEYS: tuple[str, ...] = ("state", "state_name", "boards")

_ID = re.compile(r"^([a-z]{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class BoardDataError(ValueError):
    """A state data file breaks the board data format; the message names file, board and field."""


@dataclass(frozen=True)
class Source:
    """The page that showed a fact, and the day someone read it there."""

    url: str
    checked_on: date

    def to_json(self) -> dict[str, str]:
        return {"url": self.url, "checked_on": self.checked_on.isoformat()}


@dataclass(frozen=True)
class Board:
    """One licensing board (or umbrella office) that takes complaints about some professions.

    The fields from `name` to `requires_notarization` are the facts of `BOARD_FACTS`, in its order,
    typed here so code reads `board.phone` with a checked type; the parser fills them from the
    table and a test holds the two in step.
    """

    id: str
    state: str
    state_name: str
    name: str
    professions: Mapping[str, tuple[str, ...]]
    degrees: tuple[str, ...] | None
    official_domains: tuple[str, ...]
    mailing_address: str | None
    phone: str | None
    email: str | None
    complaint_url: str | None
    website: str | None
    online_filing: bool | None
    license_lookup_url: str | None
    anonymous_complaints: bool | None
    anonymous_complaints_words: str | None
    time_limit: str | None
    requires_own_form: bool | None
    requires_records_release: bool | None
    requires_notarization: bool | None
    sources: Mapping[str, Source]
    notes: str | None

    # The mapping fields are read-only proxies and cannot be hashed; the id is unique and stable.
    def __hash__(self) -> int:
        return hash(self.id)

    def covers(self) -> list[str]:
        """The license titles this board handles, in the order the data lists them."""
        titles: list[str] = []
        for profession_titles in self.professions.values():
            for title in profession_titles:
                if title not in titles:
                    titles.append(title)
        return titles

    def source_for(self, fact: str) -> Source | None:
        return self.sources.get(fact)

    def describe(self, fact: str) -> str:
        """A fact in plain words for the boards page and the CLI; "" when it is unknown."""
        value = getattr(self, FACT_BY_NAME[fact].name)
        if value is None:
            return ""
        if fact == "professions":
            return ", ".join(self.covers())
        if fact == "anonymous_complaints":
            words = self.anonymous_complaints_words
            verdict = _("Accepted") if value else _("Not accepted")
            if not words:
                return verdict
            return _(
                "%(verdict)s. In the board's words: \u201c%(words)s\u201d",
                verdict=verdict,
                words=words,
            )
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return str(value)

    @property
    def start_url(self) -> str | None:
        """Where the person can reach the board: the complaint page, else a page of its site."""
        return self.complaint_url or self.website or self.license_lookup_url

    def unknown_facts(self) -> list[str]:
        """The optional facts nobody could check on the board's own pages.

        The website is only the way in when no complaint page is known, so it is not missing then.
        """
        return [
            fact
            for fact in OPTIONAL_FACTS
            if getattr(self, fact) is None and not self.shows_no(fact)
        ]

    def shows_no(self, fact: str) -> bool:
        """True for a fact not worth a row for this board (the website beside a complaint page)."""
        return fact == "website" and self.complaint_url is not None

    def checked_facts(self) -> list[str]:
        return [fact for fact in FACTS if fact in self.sources]

    def to_json(self) -> dict[str, Any]:
        """The design.md board shape (without the routing reason), unknown facts as null."""
        return {
            "id": self.id,
            "state": self.state,
            "state_name": self.state_name,
            "name": self.name,
            "covers": self.covers(),
            "professions": {key: list(titles) for key, titles in self.professions.items()},
            "degrees": None if self.degrees is None else list(self.degrees),
            **{fact: getattr(self, fact) for fact in OPTIONAL_FACTS},
            "sources": {fact: source.to_json() for fact, source in self.sources.items()},
        }


def parse_state_document(document: Any, file_name: str) -> tuple[Board, ...]:
    """Validate one parsed state file and build its boards; raise BoardDataError on any breach."""
    where = file_name
    if not isinstance(document, dict):
        raise BoardDataError(f"{where}: the file must hold one JSON object")
    _reject_unknown_keys(document, FILE_KEYS, where)
    for key in FILE_KEYS:
        if key not in document:
            raise BoardDataError(f"{where}: missing field '{key}'")
    state = document["state"]
    if not isinstance(state, str) or state not in STATES:
        raise BoardDataError(f"{where}: field 'state' is not a US state code: {state!r}")
    expected_file = f"{state.lower()}.json"
    if file_name.rsplit("/", 1)[-1] != expected_file:
        raise BoardDataError(f"{where}: state {state} belongs in a file named {expected_file}")
    if document["state_name"] != STATES[state]:
        raise BoardDataError(
            f"{where}: field 'state_name' should be {STATES[state]!r}, "
            f"not {document['state_name']!r}"
        )
    records = document["boards"]
    if not isinstance(records, list):
        raise BoardDataError(f"{where}: field 'boards' must be a list")
    boards: list[Board] = []
    seen: set[str] = set()
    for index, record in enumerate(records):
        board = _parse_board(record, state, f"{where} boards[{index}]")
        if board.id in seen:
            raise BoardDataError(f"{where} board {board.id}: duplicate id")
        seen.add(board.id)
        boards.append(board)
    return tuple(boards)


def _parse_board(record: Any, state: str, where: str) -> Board:
    if not isinstance(record, dict):
        raise BoardDataError(f"{where}: each board must be a JSON object")
    board_id = record.get("id")
    if not isinstance(board_id, str):
        raise BoardDataError(f"{where}: field 'id' must be a string like '{state.lower()}-board'")
    match = _ID.match(board_id)
    if match is None or match.group(1) != state.lower():
        raise BoardDataError(
            f"{where}: field 'id' {board_id!r} must look like '{state.lower()}-short-slug'"
        )
    where = f"{where.split(' boards[')[0]} board {board_id}"
    _reject_unknown_keys(record, BOARD_KEYS, where)
    missing = [key for key in BOARD_KEYS if key not in record]
    if missing:
        raise BoardDataError(
            f"{where}: missing field(s) {', '.join(missing)} (use null if unknown)"
        )

    domains = _domains(record, where)
    facts: dict[str, Any] = {
        fact.name: _fact_value(record, fact, domains, where) for fact in BOARD_FACTS
    }
    degrees = _degrees(record, facts["professions"], where)
    if facts["anonymous_complaints"] is not None and facts["anonymous_complaints_words"] is None:
        raise BoardDataError(
            f"{where}: field 'anonymous_complaints' is set, so 'anonymous_complaints_words' must "
            "quote the board's own words"
        )
    notes = record["notes"]
    if notes is not None and not isinstance(notes, str):
        raise BoardDataError(f"{where}: field 'notes' must be text or null")
    sources = _sources(record, facts, domains, where)
    facts["professions"] = MappingProxyType(facts["professions"])
    return Board(
        id=board_id,
        state=state,
        state_name=STATES[state],
        degrees=degrees,
        official_domains=domains,
        sources=MappingProxyType(sources),
        notes=notes,
        **facts,
    )


def _fact_value(
    record: dict[str, Any], fact: BoardFact, domains: tuple[str, ...], where: str
) -> Any:
    """One fact checked by its kind: the value, or None when unknown (never for a required one)."""
    key = fact.name
    if fact.kind == "text":
        return _text(record, key, where, required=fact.required)
    if fact.kind == "titles":
        return _professions(record, where)
    if fact.kind == "url":
        return _url(record[key], domains, f"{where}: field '{key}'")
    value = record[key]
    if value is not None and not isinstance(value, bool):
        raise BoardDataError(f"{where}: field '{key}' must be true, false or null")
    return value


def _reject_unknown_keys(mapping: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
    unknown = sorted(str(key) for key in mapping if key not in allowed)
    if unknown:
        raise BoardDataError(f"{where}: unknown field(s) {', '.join(unknown)}")


def _text(record: dict[str, Any], key: str, where: str, *, required: bool) -> Any:
    value = record[key]
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        kind = "non-empty text" if required else "non-empty text or null"
        raise BoardDataError(f"{where}: field '{key}' must be {kind}")
    return value


def _domains(record: dict[str, Any], where: str) -> tuple[str, ...]:
    domains = record["official_domains"]
    if not isinstance(domains, list) or not domains:
        raise BoardDataError(f"{where}: field 'official_domains' must be a non-empty list")
    for domain in domains:
        if not isinstance(domain, str) or not _DOMAIN.match(domain):
            raise BoardDataError(
                f"{where}: field 'official_domains' holds {domain!r}, not a bare lower-case host"
            )
    return tuple(domains)


def _professions(record: dict[str, Any], where: str) -> dict[str, tuple[str, ...]]:
    professions = record["professions"]
    if not isinstance(professions, dict) or not professions:
        raise BoardDataError(f"{where}: field 'professions' must map profession keys to titles")
    parsed: dict[str, tuple[str, ...]] = {}
    for key, titles in professions.items():
        if key not in PROFESSIONS:
            raise BoardDataError(
                f"{where}: field 'professions' has unknown profession key {key!r} "
                f"(allowed: {', '.join(PROFESSIONS)})"
            )
        if (
            not isinstance(titles, list)
            or not titles
            or not all(isinstance(title, str) and title.strip() for title in titles)
        ):
            raise BoardDataError(
                f"{where}: field 'professions.{key}' must be a non-empty list of license titles"
            )
        parsed[key] = tuple(titles)
    return parsed


def _degrees(
    record: dict[str, Any], professions: dict[str, tuple[str, ...]], where: str
) -> tuple[str, ...] | None:
    degrees = record["degrees"]
    if degrees is None:
        return None
    if "psychiatrist" not in professions:
        raise BoardDataError(
            f"{where}: field 'degrees' is only for physician (psychiatrist) boards"
        )
    if (
        not isinstance(degrees, list)
        or not degrees
        or any(degree not in DEGREES for degree in degrees)
        or len(set(degrees)) != len(degrees)
    ):
        raise BoardDataError(f'{where}: field \'degrees\' must be ["md"], ["do"] or null')
    return tuple(degrees)


def _url(value: Any, domains: tuple[str, ...], where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise BoardDataError(f"{where} must be an https:// address or null")
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname:
        raise BoardDataError(f"{where} must be an https:// address: {value!r}")
    host = parts.hostname.lower()
    if not any(host == domain or host.endswith("." + domain) for domain in domains):
        raise BoardDataError(
            f"{where} points to {host}, which is not one of official_domains ({', '.join(domains)})"
        )
    return value


def _sources(
    record: dict[str, Any], facts: dict[str, Any], domains: tuple[str, ...], where: str
) -> dict[str, Source]:
    raw = record["sources"]
    if not isinstance(raw, dict):
        raise BoardDataError(f"{where}: field 'sources' must map fact names to sources")
    unknown = sorted(str(key) for key in raw if key not in FACTS)
    if unknown:
        raise BoardDataError(f"{where}: field 'sources' names unknown fact(s) {', '.join(unknown)}")
    for fact in FACTS:
        if facts[fact] is not None and fact not in raw:
            raise BoardDataError(
                f"{where}: field '{fact}' has a value but no entry in 'sources' "
                "(record the page and date, or set the fact to null)"
            )
        if facts[fact] is None and fact in raw:
            raise BoardDataError(
                f"{where}: field 'sources.{fact}' has a source but the fact is null"
            )
    sources: dict[str, Source] = {}
    for fact in FACTS:
        if fact not in raw:
            continue
        entry = raw[fact]
        here = f"{where}: field 'sources.{fact}'"
        if not isinstance(entry, dict) or set(entry) != {"url", "checked_on"}:
            raise BoardDataError(f'{here} must be {{"url": ..., "checked_on": "YYYY-MM-DD"}}')
        url = _url(entry["url"], domains, f"{here}.url")
        if url is None:
            raise BoardDataError(f"{here}.url must be an https:// address")
        sources[fact] = Source(url=url, checked_on=_checked_on(entry["checked_on"], here))
    return sources


def _checked_on(value: Any, where: str) -> date:
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise BoardDataError(f"{where}.checked_on must be a date written YYYY-MM-DD: {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BoardDataError(f"{where}.checked_on is not a real date: {value!r}") from None
