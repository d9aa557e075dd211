"""The vault's ids and names: record kinds and ids, case and attachment ids, nicknames, and the
summary (nickname and start date) that lists a case without its passphrase.

Both the case (`vault.case`) and the portable case file (`vault.case_file`) check ids against
these patterns; they live here, on their own, so that neither module has to import the other to
read them (an import cycle the house rules refuse).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final, NewType

from complaint_helper.vault.errors import NICKNAME_MAX_CHARS, InvalidNickname

CaseId = NewType("CaseId", str)

ATTACHMENT_KIND: Final = "vault.attachment"
RESERVED_KIND_PREFIX: Final = "vault."
NICKNAME_MAX: Final = NICKNAME_MAX_CHARS
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$")
CASE_ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")
ATTACHMENT_ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")


def clean_nickname(nickname: str) -> str:
    """Strip and check a nickname; raises InvalidNickname."""
    cleaned = " ".join(nickname.split())
    if not cleaned or len(cleaned) > NICKNAME_MAX or not cleaned.isprintable():
        raise InvalidNickname()
    return cleaned


# Dates a case may carry: nothing before this app could have existed, nothing far in the future.
EARLIEST_DATE: Final = datetime(2020, 1, 1, tzinfo=UTC)
FUTURE_SLACK: Final = timedelta(days=2)


@dataclass(frozen=True)
class CaseSummary:
    """What the case list shows. `created_at` is None when the stored date is not usable."""

    case_id: CaseId
    nickname: str
    created_at: datetime | None


def sane_date(text: object) -> datetime | None:
    """A stored or imported date as an aware datetime inside the sane window, else None.

    Any value is accepted as input (a hostile case file or an old import may hold anything);
    the result is always safe to convert to local time and format.
    """
    if not isinstance(text, str) or len(text) > 64:
        return None
    try:
        value = datetime.fromisoformat(text)
        if value.tzinfo is None or value.utcoffset() is None:
            return None
        value = value.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    if not EARLIEST_DATE <= value <= datetime.now(UTC) + FUTURE_SLACK:
        return None
    return value
