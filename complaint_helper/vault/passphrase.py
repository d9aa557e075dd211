"""Passphrase advice: a plain strength verdict, and a generated five-word passphrase.

The verdict refuses what is cheap to guess. Below 10 characters is refused outright. Then
zxcvbn (Dropbox's estimator, MIT; chosen over a longer home-made list because it models what
guessing tools try — 30,000 common passwords, English words and names, keyboard rows, sequences,
repeats, dates, l33t swaps — and its Python port is maintained: 4.5.0, 2025) must give a score of
at least 3, i.e. about 10^8 guesses; each guess costs the attacker one Argon2id derivation. A short
list of famous phrases zxcvbn rates highly ("correct horse battery staple") is refused too. Names
the person typed in the case and the case's nickname are the first things someone who knows them
would try: a passphrase that is weak once they are taken out is refused with its own sentence.

Generated passphrases take words from the EFF large list with `secrets`, so five words carry
about 64 bits (7,772 words without a hyphen: log2(7772**5) ~ 64.6).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from zxcvbn import zxcvbn

from complaint_helper.vault._common_passphrases import COMMON_PASSPHRASES
from complaint_helper.vault._eff_words import WORDS

MIN_LENGTH: Final = 10
MIN_SCORE: Final = 3  # zxcvbn: 3 = "safely unguessable", under 10^10 guesses; 4 = beyond
# zxcvbn's cost grows quickly with length; a passphrase strong in its first 72 characters is strong.
_ESTIMATED_LENGTH: Final = 72
# Name parts shorter than this ("Al", "Jo") would match inside ordinary words.
_SHORTEST_NAME_PART: Final = 3
# Four EFF words contain a hyphen ("t-shirt"); leaving them out keeps "-" an unambiguous separator.
_PLAIN_WORDS: Final = tuple(word for word in WORDS if word.isalpha())

ADVICE: Final = "Please choose something else — a few unrelated words work well."
TOO_SHORT: Final = (
    f"Please use at least {MIN_LENGTH} characters. A few unrelated words are easy "
    "to remember and hard to guess."
)
EASY_TO_GUESS: Final = f"This passphrase would be quick for a guessing program to find. {ADVICE}"
COMMON: Final = (
    f"This passphrase is one that many people use, so it would be easy to guess. {ADVICE}"
)
PERSONAL: Final = (
    "This passphrase is built on a name or the case nickname, which someone who knows you "
    f"might try. {ADVICE}"
)


@dataclass(frozen=True)
class PassphraseVerdict:
    """Whether a passphrase may be used, and a sentence to show beside the field."""

    acceptable: bool
    feedback: str


def _folded(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _name_parts(personal: Iterable[str]) -> list[str]:
    """Each name or nickname, whole and word by word, folded; longest first."""
    parts: set[str] = set()
    for value in personal:
        parts.add(_folded(value))
        parts.update(_folded(word) for word in re.split(r"[\W_]+", value))
    return sorted((p for p in parts if len(p) >= _SHORTEST_NAME_PART), key=len, reverse=True)


def _score(passphrase: str, user_inputs: list[str]) -> tuple[int, str]:
    result = zxcvbn(passphrase[:_ESTIMATED_LENGTH], user_inputs=user_inputs)
    warning = str(result["feedback"]["warning"] or "")
    return int(result["score"]), warning


def check_passphrase_strength(passphrase: str, personal: Iterable[str] = ()) -> PassphraseVerdict:
    """Refuse short, common, guessable or name-based passphrases; plain feedback either way.

    `personal`: the case nickname and names typed in the case (the person's, the therapist's,
    the practice's, people who know), when known.
    """
    if len(passphrase) < MIN_LENGTH:
        return PassphraseVerdict(False, TOO_SHORT)
    folded = _folded(passphrase)
    without_trailing_digits = re.sub(r"\d+$", "", folded)
    if not folded or {folded, without_trailing_digits} & COMMON_PASSPHRASES:
        return PassphraseVerdict(False, COMMON)
    names = _name_parts(personal)
    rest = folded
    for name in names:
        rest = "".join(rest.split(name))
    if rest != folded and (len(rest) < MIN_LENGTH or _score(rest, [])[0] < MIN_SCORE):
        return PassphraseVerdict(False, PERSONAL)
    score, warning = _score(passphrase, names)
    if score < MIN_SCORE:
        first = f"{warning} " if warning.endswith(".") else ""
        return PassphraseVerdict(False, first + EASY_TO_GUESS)
    if score >= 4:
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
