"""Passphrase advice: a plain strength verdict, and a generated five-word passphrase.

The verdict refuses what is cheap to guess (under 10 characters, a common password or phrase,
one character repeated, a keyboard or number run) and otherwise explains in one plain sentence.
Generated passphrases take words from the EFF large list with `secrets`, so five words carry
about 64 bits (7,772 words without a hyphen: log2(7772**5) ~ 64.6).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Final

from complaint_helper.vault._common_passphrases import COMMON_PASSPHRASES
from complaint_helper.vault._eff_words import WORDS

MIN_LENGTH: Final = 10
# Four EFF words contain a hyphen ("t-shirt"); leaving them out keeps "-" an unambiguous separator.
_PLAIN_WORDS: Final = tuple(word for word in WORDS if word.isalpha())
_RUNS: Final = (
    "abcdefghijklmnopqrstuvwxyz",
    "01234567890",
    "qwertyuiopasdfghjklzxcvbnm",
    "qazwsxedcrfvtgbyhnujmikolp",
)


@dataclass(frozen=True)
class PassphraseVerdict:
    """Whether a passphrase may be used, and a sentence to show beside the field."""

    acceptable: bool
    feedback: str


def _folded(passphrase: str) -> str:
    return re.sub(r"[\W_]+", "", passphrase.casefold())


def _is_run(folded: str) -> bool:
    if len(set(folded)) <= 2:
        return True
    return any(folded in run or folded in run[::-1] or folded in run * 3 for run in _RUNS)


def check_passphrase_strength(passphrase: str) -> PassphraseVerdict:
    """Refuse short or common passphrases; plain feedback text either way."""
    if len(passphrase) < MIN_LENGTH:
        return PassphraseVerdict(
            False,
            f"Please use at least {MIN_LENGTH} characters. A few unrelated words are easy "
            "to remember and hard to guess.",
        )
    folded = _folded(passphrase)
    without_trailing = re.sub(r"\d+$", "", folded)
    if (
        folded in COMMON_PASSPHRASES
        or without_trailing in COMMON_PASSPHRASES
        or not folded
        or _is_run(folded)
    ):
        return PassphraseVerdict(
            False,
            "This passphrase is one that many people use, so it would be easy to guess. "
            "Please choose something else — a few unrelated words work well.",
        )
    words = [w for w in re.split(r"[\W_]+", passphrase.casefold()) if w]
    if len(words) >= 4 or len(passphrase) >= 20:
        return PassphraseVerdict(True, "This is a strong passphrase.")
    return PassphraseVerdict(
        True,
        "This passphrase can be used. Adding another word or two makes it stronger.",
    )


def generate_passphrase(words: int = 5) -> str:
    """`words` words from the EFF large list, chosen with `secrets`, joined by hyphens."""
    if words < 1:
        raise ValueError("a passphrase needs at least one word")
    return "-".join(secrets.choice(_PLAIN_WORDS) for _ in range(words))
