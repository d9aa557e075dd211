"""The law around a complaint, per state: crime or not, civil claims, time limits, later therapists.

Each of the 51 jurisdictions has a file `data/law/<xx>.json`. A file holds up to three statutes
(the criminal one, the civil one, and a later therapist's duty) and a list of time limits. Every
group carries the page it was read on (the state's own code site or the board's own page) and the
day it was read; a group nobody could read at its primary source is `null`, and the app then says
plainly that it could not be confirmed. Nothing here is guessed from a secondary source: those go
into `notes`, as leads, never into a fact.

The loader is strict in the same way as the board files: unknown or missing fields, wrong types,
a source that is not `https://` or not on one of the file's `official_domains` (each a government
host: `.gov` or `.us`), a bad date or a state without its file all raise `BoardDataError` naming
the file and the field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal
from urllib.parse import urlsplit

from complaint_helper.boards.schema import STATES, BoardDataError, Source

LimitKind = Literal["board", "civil", "criminal"]
LIMIT_KINDS: tuple[LimitKind, ...] = ("board", "civil", "criminal")
# What a limit counts from. Only "services_ended" can be computed from the person's own dates.
RUNS_FROM: tuple[str, ...] = ("services_ended", "other")

FILE_KEYS = (
    "state", "state_name", "official_domains", "crime", "civil", "later_therapist", "limits",
    "notes",
)  # fmt: skip
CRIME_KEYS = (
    "statute",
    "is_crime",
    "covers",
    "consent_is_defence",
    "former_clients",
    "summary",
    "source",
)
CIVIL_KEYS = ("statute", "covers", "consent_is_defence", "former_clients", "summary", "source")
LATER_KEYS = ("statute", "duty", "source")
LIMIT_KEYS = (
    "kind",
    "about",
    "board_id",
    "years",
    "no_limit",
    "runs_from",
    "sexual_misconduct",
    "words",
    "source",
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:gov|us)$")


@dataclass(frozen=True)
class CriminalLaw:
    """A statute that makes sexual contact between a psychotherapist and a client a crime."""

    statute: str
    is_crime: bool
    covers: str | None
    consent_is_defence: bool | None
    former_clients: str | None
    summary: str
    source: Source


@dataclass(frozen=True)
class CivilLaw:
    """A civil cause of action specific to sexual exploitation by a therapist."""

    statute: str
    covers: str | None
    consent_is_defence: bool | None
    former_clients: str | None
    summary: str
    source: Source


@dataclass(frozen=True)
class LaterTherapistDuty:
    """What a later therapist must do when a client tells them about an earlier therapist."""

    statute: str
    duty: str
    source: Source


@dataclass(frozen=True)
class TimeLimit:
    """A time limit in the source's own words, and in years when the source states a number."""

    kind: LimitKind
    about: str
    board_id: str | None
    years: int | None
    no_limit: bool
    runs_from: str | None
    sexual_misconduct: bool
    words: str
    source: Source

    def runs_to(self, ended: date) -> date | None:
        """The day the limit runs to when counted from `ended`; None when it cannot be counted."""
        if self.no_limit or self.years is None or self.runs_from != "services_ended":
            return None
        try:
            return ended.replace(year=ended.year + self.years)
        except ValueError:  # 29 February counted to a year without one
            return ended.replace(year=ended.year + self.years, day=28)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "about": self.about,
            "board_id": self.board_id,
            "years": self.years,
            "no_limit": self.no_limit,
            "runs_from": self.runs_from,
            "sexual_misconduct": self.sexual_misconduct,
            "words": self.words,
            "source": self.source.to_json(),
        }


@dataclass(frozen=True)
class StateLawFacts:
    """Everything checked about one state's law; None where it could not be confirmed."""

    state: str
    state_name: str
    crime: CriminalLaw | None
    civil: CivilLaw | None
    later_therapist: LaterTherapistDuty | None
    limits: tuple[TimeLimit, ...]
    notes: str | None

    @property
    def is_crime(self) -> bool | None:
        return None if self.crime is None else self.crime.is_crime

    def limits_for(self, board_ids: tuple[str, ...] | list[str]) -> tuple[TimeLimit, ...]:
        """Civil and criminal limits, and the board limits of these boards only."""
        return tuple(
            limit for limit in self.limits if limit.kind != "board" or limit.board_id in board_ids
        )

    def sources(self) -> list[Source]:
        found: list[Source] = []
        for group in (self.crime, self.civil, self.later_therapist, *self.limits):
            if group is not None and group.source not in found:
                found.append(group.source)
        return found

    def to_json(self) -> dict[str, Any]:
        """The law facts with their sources, unknown groups as null (for `boards --json`)."""

        def group(value: CriminalLaw | CivilLaw | LaterTherapistDuty | None) -> Any:
            if value is None:
                return None
            out = {key: getattr(value, key) for key in value.__dataclass_fields__}
            out["source"] = value.source.to_json()
            return out

        return {
            "state": self.state,
            "crime": group(self.crime),
            "civil": group(self.civil),
            "later_therapist": group(self.later_therapist),
            "limits": [limit.to_json() for limit in self.limits],
        }


def parse_law_document(document: Any, file_name: str) -> StateLawFacts:
    """Validate one state's law file strictly; raise BoardDataError naming file and field."""
    where = file_name
    if not isinstance(document, dict):
        raise BoardDataError(f"{where}: the file must hold one JSON object")
    _exact_keys(document, FILE_KEYS, where)
    state = document["state"]
    if not isinstance(state, str) or state not in STATES:
        raise BoardDataError(f"{where}: field 'state' is not a US state code: {state!r}")
    if file_name.rsplit("/", 1)[-1] != f"{state.lower()}.json":
        raise BoardDataError(f"{where}: state {state} belongs in {state.lower()}.json")
    if document["state_name"] != STATES[state]:
        raise BoardDataError(f"{where}: field 'state_name' should be {STATES[state]!r}")
    domains = document["official_domains"]
    if not isinstance(domains, list) or not all(
        isinstance(d, str) and _DOMAIN.match(d) for d in domains
    ):
        raise BoardDataError(
            f"{where}: field 'official_domains' must list government hosts (.gov or .us)"
        )
    notes = document["notes"]
    if notes is not None and (not isinstance(notes, str) or not notes.strip()):
        raise BoardDataError(f"{where}: field 'notes' must be text or null")
    crime = _crime(document["crime"], domains, f"{where} crime")
    civil = _civil(document["civil"], domains, f"{where} civil")
    later = _later(document["later_therapist"], domains, f"{where} later_therapist")
    raw_limits = document["limits"]
    if not isinstance(raw_limits, list):
        raise BoardDataError(f"{where}: field 'limits' must be a list")
    limits = tuple(
        _limit(raw, domains, f"{where} limits[{index}]") for index, raw in enumerate(raw_limits)
    )
    return StateLawFacts(
        state=state,
        state_name=STATES[state],
        crime=crime,
        civil=civil,
        later_therapist=later,
        limits=limits,
        notes=notes,
    )


def _exact_keys(raw: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    unknown = sorted(str(key) for key in raw if key not in keys)
    if unknown:
        raise BoardDataError(f"{where}: unknown field(s) {', '.join(unknown)}")
    missing = [key for key in keys if key not in raw]
    if missing:
        raise BoardDataError(f"{where}: missing field(s) {', '.join(missing)} (use null)")


def _group(raw: Any, keys: tuple[str, ...], where: str) -> dict[str, Any] | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise BoardDataError(f"{where}: must be an object or null")
    _exact_keys(raw, keys, where)
    return raw


def _text(raw: dict[str, Any], key: str, where: str, *, required: bool) -> Any:
    value = raw[key]
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise BoardDataError(f"{where}: field '{key}' must be non-empty text")
    return value


def _flag(raw: dict[str, Any], key: str, where: str, *, required: bool = False) -> Any:
    value = raw[key]
    if value is None and not required:
        return None
    if not isinstance(value, bool):
        raise BoardDataError(f"{where}: field '{key}' must be true or false")
    return value


def _crime(raw: Any, domains: list[str], where: str) -> CriminalLaw | None:
    group = _group(raw, CRIME_KEYS, where)
    if group is None:
        return None
    return CriminalLaw(
        statute=_text(group, "statute", where, required=True),
        is_crime=_flag(group, "is_crime", where, required=True),
        covers=_text(group, "covers", where, required=False),
        consent_is_defence=_flag(group, "consent_is_defence", where),
        former_clients=_text(group, "former_clients", where, required=False),
        summary=_text(group, "summary", where, required=True),
        source=_source(group["source"], domains, where),
    )


def _civil(raw: Any, domains: list[str], where: str) -> CivilLaw | None:
    group = _group(raw, CIVIL_KEYS, where)
    if group is None:
        return None
    return CivilLaw(
        statute=_text(group, "statute", where, required=True),
        covers=_text(group, "covers", where, required=False),
        consent_is_defence=_flag(group, "consent_is_defence", where),
        former_clients=_text(group, "former_clients", where, required=False),
        summary=_text(group, "summary", where, required=True),
        source=_source(group["source"], domains, where),
    )


def _later(raw: Any, domains: list[str], where: str) -> LaterTherapistDuty | None:
    group = _group(raw, LATER_KEYS, where)
    if group is None:
        return None
    return LaterTherapistDuty(
        statute=_text(group, "statute", where, required=True),
        duty=_text(group, "duty", where, required=True),
        source=_source(group["source"], domains, where),
    )


def _limit(raw: Any, domains: list[str], where: str) -> TimeLimit:
    group = _group(raw, LIMIT_KEYS, where)
    if group is None:
        raise BoardDataError(f"{where}: a time limit must be an object")
    kind = group["kind"]
    if kind not in LIMIT_KINDS:
        raise BoardDataError(f"{where}: field 'kind' must be one of {', '.join(LIMIT_KINDS)}")
    board_id = _text(group, "board_id", where, required=kind == "board")
    if kind != "board" and board_id is not None:
        raise BoardDataError(f"{where}: field 'board_id' is only for board limits")
    years = group["years"]
    if years is not None and (not isinstance(years, int) or isinstance(years, bool) or years < 1):
        raise BoardDataError(f"{where}: field 'years' must be a whole number of years or null")
    no_limit = _flag(group, "no_limit", where, required=True)
    if no_limit and years is not None:
        raise BoardDataError(f"{where}: a limit with 'no_limit' true cannot have 'years'")
    runs_from = group["runs_from"]
    if runs_from is not None and runs_from not in RUNS_FROM:
        raise BoardDataError(f"{where}: field 'runs_from' must be one of {', '.join(RUNS_FROM)}")
    if years is not None and runs_from is None:
        raise BoardDataError(f"{where}: a limit in years needs 'runs_from'")
    return TimeLimit(
        kind=kind,
        about=_text(group, "about", where, required=True),
        board_id=board_id,
        years=years,
        no_limit=no_limit,
        runs_from=runs_from,
        sexual_misconduct=_flag(group, "sexual_misconduct", where, required=True),
        words=_text(group, "words", where, required=True),
        source=_source(group["source"], domains, where),
    )


def _source(raw: Any, domains: list[str], where: str) -> Source:
    if not isinstance(raw, dict) or set(raw) != {"url", "checked_on"}:
        raise BoardDataError(f"{where}: field 'source' must be {{url, checked_on}}")
    url, checked_on = raw["url"], raw["checked_on"]
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme != "https" or not parts.hostname:
        raise BoardDataError(f"{where}: field 'source.url' must be an https:// address")
    host = parts.hostname.lower()
    if not any(host == domain or host.endswith("." + domain) for domain in domains):
        raise BoardDataError(
            f"{where}: field 'source.url' points to {host}, not one of official_domains"
        )
    if not isinstance(checked_on, str) or not _ISO_DATE.match(checked_on):
        raise BoardDataError(f"{where}: field 'source.checked_on' must be YYYY-MM-DD")
    try:
        return Source(url=url, checked_on=date.fromisoformat(checked_on))
    except ValueError:
        raise BoardDataError(f"{where}: field 'source.checked_on' is not a real date") from None


@cache
def load_law() -> dict[str, StateLawFacts]:
    """Every state's law file, parsed once; a missing or broken file raises BoardDataError."""
    folder = resources.files("complaint_helper.boards").joinpath("data", "law")
    found: dict[str, StateLawFacts] = {}
    for code in STATES:
        name = f"{code.lower()}.json"
        entry = folder.joinpath(name)
        if not entry.is_file():
            raise BoardDataError(f"law/{name}: missing (every state needs its file)")
        try:
            document = json.loads(entry.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise BoardDataError(f"law/{name}: not valid JSON ({error})") from None
        found[code] = parse_law_document(document, f"law/{name}")
    return found


def law_for(state: str) -> StateLawFacts:
    """The law facts for one state code (raises KeyError for a code that is not a state)."""
    return load_law()[state.strip().upper()]
