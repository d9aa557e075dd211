"""The vault's errors: each carries `user_message`, a kind sentence a frightened person can act on.

Messages never contain a key, a passphrase, a record's text or a path inside the data dir: they
are shown on screen and may end up in logs. Technical detail for developers goes in the exception
chain (`raise ... from`) without secrets, never in `user_message`.
"""

# The public names below are fixed by the API other engineers code against (issue #3), so
# they keep their domain names rather than an "Error" suffix.
# ruff: noqa: N818

from __future__ import annotations

from typing import Final

from babel.numbers import format_decimal

from complaint_helper.i18n import babel_locale, lazy_gettext, ngettext

NICKNAME_MAX_CHARS: Final = 80


class VaultError(Exception):
    """Base of every error the vault raises on purpose."""

    default_message = lazy_gettext(
        "Something went wrong with this case. Your saved work has not been changed."
    )

    def __init__(self, user_message: str | None = None) -> None:
        # Made into text now, in the language of the request that raised it.
        self.user_message = str(user_message or self.default_message)
        super().__init__(self.user_message)


class WrongPassphrase(VaultError):
    default_message = lazy_gettext(
        "That passphrase doesn't open this case. Check caps lock and try again."
    )


class CaseNotFound(VaultError):
    default_message = lazy_gettext(
        "We couldn't find that case on this computer. It may have been deleted."
    )


class DamagedRecord(VaultError):
    default_message = lazy_gettext(
        "Part of this case could not be read because the file holding it is damaged. "
        "The rest of your case is still here."
    )


class DamagedAttachment(VaultError):
    default_message = lazy_gettext(
        "This attached file is damaged and can't be opened in full. "
        "The rest of your case is still here."
    )


class StorageUnavailable(VaultError):
    default_message = lazy_gettext(
        "We couldn't save to this computer's disk: it may be full or read-only. "
        "Nothing you saved before has been lost. Free some space, then try again."
    )


class ImportRefused(VaultError):
    default_message = lazy_gettext(
        "This file can't be opened as a case. It may be damaged, incomplete, or not a case file "
        "from this tool. Nothing on this computer has been changed."
    )


class CostlyCaseFile(VaultError):
    """A case file asks for a costlier key derivation than this app's own: confirm first."""

    def __init__(self, seconds: int, memory_mb: int) -> None:
        self.seconds = seconds
        self.memory_mb = memory_mb
        super().__init__(
            ngettext(
                "This file is locked with heavier settings than this app uses. Checking its "
                "passphrase will take about %(num)d second and about %(memory)s MB of this "
                "computer's memory, once; after that the case opens like your other cases. Only "
                "go on if you trust where the file came from.",
                "This file is locked with heavier settings than this app uses. Checking its "
                "passphrase will take about %(num)d seconds and about %(memory)s MB of this "
                "computer's memory, once; after that the case opens like your other cases. Only "
                "go on if you trust where the file came from.",
                seconds,
                memory=format_decimal(memory_mb, locale=babel_locale()),
            )
        )


class CaseAlreadyExists(VaultError):
    default_message = lazy_gettext(
        "This case is already on this computer. You can keep the one you have, "
        "or replace it with the one from the file."
    )


class WeakPassphrase(VaultError):
    default_message = lazy_gettext(
        "Please choose a longer passphrase that is harder to guess. "
        "A few unrelated words work well."
    )


class CaseLocked(VaultError):
    default_message = lazy_gettext(
        "This case is locked. Open it again with your passphrase to carry on."
    )


class AttachmentNotFound(VaultError):
    default_message = lazy_gettext("That file is no longer in this case.")


class AttachmentTooLarge(VaultError):
    default_message = lazy_gettext(
        "This file is larger than the app can keep. Please choose a smaller file, "
        "or a few pages or a shorter clip of it."
    )


class InvalidNickname(VaultError):
    default_message = lazy_gettext(
        "Please give the case a short nickname (up to %(count)s characters). "
        "Anyone using this computer can see it, so a made-up name is a good idea.",
        count=NICKNAME_MAX_CHARS,
    )
