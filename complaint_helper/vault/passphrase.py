"""Passphrase advice: a plain strength verdict, and a generated five-word passphrase.

The verdict refuses what is cheap to guess. Below 10 characters is refused outright. Then
zxcvbn (Dropbox's estimator, MIT; chosen over a longer home-made list because it models what
guessing tools try — 30,000 common passwords, English words and names, keyboard rows, sequences,
repeats, dates, l33t swaps — and its Python port is maintained: 4.5.0, 2025) must give a score of
at least 3, i.e. about 10^8 guesses; each guess costs the attacker one Argon2id derivation. A short
list of famous phrases zxcvbn rates highly ("correct horse battery staple") is refused too. Names
the person typed in the case and the case's nickname are the first things someone who knows them
would try: a passphrase that is weak once they are taken out is refused with its own sentence.

Generated passphrases take words from a list in the page's language with `secrets`, as many as
it takes for at least 64 bits: five from the EFF large list in English (7,772 words without a
hyphen: log2(7772**5) ~ 64.6), six from the Spanish list in Spanish (1,888 words, ~65.3 bits;
_es_words.py says where it comes from).

Every sentence is translated (domain `web`) in the language current when it is made; zxcvbn's own
warnings are English only, so the few it can give are listed here once and translated too, and one
it adds later is left out rather than shown untranslated.
"""

from __future__ import annotations

import math
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from zxcvbn import zxcvbn

from complaint_helper.i18n import DEFAULT_LANGUAGE, gettext, lazy_gettext
from complaint_helper.vault._common_passphrases import COMMON_PASSPHRASES
from complaint_helper.vault._eff_words import WORDS as EFF_WORDS
from complaint_helper.vault._es_words import WORDS as SPANISH_WORDS

MIN_LENGTH: Final = 10
MIN_SCORE: Final = 3  # zxcvbn: 3 = "safely unguessable", under 10^10 guesses; 4 = beyond
# zxcvbn's cost grows quickly with length; a passphrase strong in its first 72 characters is strong.
_ESTIMATED_LENGTH: Final = 72
# Name parts shorter than this ("Al", "Jo") would match inside ordinary words.
_SHORTEST_NAME_PART: Final = 3
# Four EFF words contain a hyphen ("t-shirt"); leaving them out keeps "-" an unambiguous separator.
_PLAIN_WORDS: Final = tuple(word for word in EFF_WORDS if word.isalpha())
# The words generated passphrases are made of, per language (any other language: English).
WORD_LISTS: Final[Mapping[str, tuple[str, ...]]] = {"en": _PLAIN_WORDS, "es": SPANISH_WORDS}
GENERATED_BITS: Final = 64

# zxcvbn's warnings (zxcvbn/feedback.py, 4.5), English only: each is shown in the page's language.
ZXCVBN_WARNINGS: Final[Mapping[str, str]] = {
    "Straight rows of keys are easy to guess.": lazy_gettext(
        "Straight rows of keys are easy to guess."
    ),
    "Short keyboard patterns are easy to guess.": lazy_gettext(
        "Short keyboard patterns are easy to guess."
    ),
    'Repeats like "aaa" are easy to guess.': lazy_gettext("Repeats like “aaa” are easy to guess."),
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".': lazy_gettext(
        "Repeats like “abcabcabc” are only slightly harder to guess than “abc”."
    ),
    'Sequences like "abc" or "6543" are easy to guess.': lazy_gettext(
        "Sequences like “abc” or “6543” are easy to guess."
    ),
    "Recent years are easy to guess.": lazy_gettext("Recent years are easy to guess."),
    "Dates are often easy to guess.": lazy_gettext("Dates are often easy to guess."),
    "This is a top-10 common password.": lazy_gettext(
        "This is one of the 10 passwords people use most."
    ),
    "This is a top-100 common password.": lazy_gettext(
        "This is one of the 100 passwords people use most."
    ),
    "This is a very common password.": lazy_gettext("This is a very common password."),
    "This is similar to a commonly used password.": lazy_gettext(
        "This is like a password many people use."
    ),
    "A word by itself is easy to guess.": lazy_gettext("A word by itself is easy to guess."),
    "Names and surnames by themselves are easy to guess.": lazy_gettext(
        "Names and surnames by themselves are easy to guess."
    ),
    "Common names and surnames are easy to guess.": lazy_gettext(
        "Common names and surnames are easy to guess."
    ),
}


def _advice() -> str:
    return gettext("Please choose something else — a few unrelated words work well.")


def too_short() -> str:
    return gettext(
        "Please use at least %(count)s characters. A few unrelated words are easy to remember "
        "and hard to guess.",
        count=MIN_LENGTH,
    )


def easy_to_guess() -> str:
    return gettext(
        "This passphrase would be quick for a guessing program to find. %(advice)s",
        advice=_advice(),
    )


def common() -> str:
    return gettext(
        "This passphrase is one that many people use, so it would be easy to guess. %(advice)s",
        advice=_advice(),
    )


def built_on_a_name() -> str:
    return gettext(
        "This passphrase is built on a name or the case nickname, which someone who knows you "
        "might try. %(advice)s",
        advice=_advice(),
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
        return PassphraseVerdict(False, too_short())
    folded = _folded(passphrase)
    without_trailing_digits = re.sub(r"\d+$", "", folded)
    if not folded or {folded, without_trailing_digits} & COMMON_PASSPHRASES:
        return PassphraseVerdict(False, common())
    names = _name_parts(personal)
    rest = folded
    for name in names:
        rest = "".join(rest.split(name))
    if rest != folded and (len(rest) < MIN_LENGTH or _score(rest, [])[0] < MIN_SCORE):
        return PassphraseVerdict(False, built_on_a_name())
    score, warning = _score(passphrase, names)
    if score < MIN_SCORE:
        said = ZXCVBN_WARNINGS.get(warning)
        first = f"{said} " if said is not None else ""
        return PassphraseVerdict(False, first + easy_to_guess())
    if score >= 4:
        return PassphraseVerdict(True, gettext("This is a strong passphrase."))
    return PassphraseVerdict(
        True,
        gettext("This passphrase can be used. Adding another word or two makes it stronger."),
    )


def generate_passphrase(words: int | None = None, *, language: str = DEFAULT_LANGUAGE) -> str:
    """Words from the list for `language`, chosen with `secrets`, joined by hyphens: `words` of
    them, or (None) as many as at least `GENERATED_BITS` bits take."""
    chosen_from = WORD_LISTS.get(language, WORD_LISTS[DEFAULT_LANGUAGE])
    if words is None:
        words = math.ceil(GENERATED_BITS / math.log2(len(chosen_from)))
    if words < 1:
        raise ValueError("a passphrase needs at least one word")
    return "-".join(secrets.choice(chosen_from) for _ in range(words))
