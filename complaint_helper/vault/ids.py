"""The vault's ids and names: record kinds and ids, case and attachment ids, and nicknames.

Both the case (`vault.case`) and the portable case file (`vault.case_file`) check ids against
these patterns; they live here, on their own, so that neither module has to import the other to
read them (an import cycle the house rules refuse).
"""

from __future__ import annotations

import re
from typing import Final

from complaint_helper.vault.errors import NICKNAME_MAX_CHARS, InvalidNickname

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
