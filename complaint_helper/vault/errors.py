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

NICKNAME_MAX_CHARS: Final = 80


class VaultError(Exception):
    """Base of every error the vault raises on purpose."""

    default_message = "Something went wrong with this case. Your saved work has not been changed."

    def __init__(self, user_message: str | None = None) -> None:
        self.user_message = user_message or self.default_message
        super().__init__(self.user_message)


class WrongPassphrase(VaultError):
    default_message = "That passphrase doesn't open this case. Check caps lock and try again."


class CaseNotFound(VaultError):
    default_message = "We couldn't find that case on this computer. It may have been deleted."


class DamagedRecord(VaultError):
    default_message = (
        "Part of this case could not be read because the file holding it is damaged. "
        "The rest of your case is still here."
    )


class DamagedAttachment(VaultError):
    default_message = (
        "This attached file is damaged and can't be opened in full. "
        "The rest of your case is still here."
    )


class StorageUnavailable(VaultError):
    default_message = (
        "We couldn't save to this computer's disk: it may be full or read-only. "
        "Nothing you saved before has been lost. Free some space, then try again."
    )


class ImportRefused(VaultError):
    default_message = (
        "This file can't be opened as a case. It may be damaged, incomplete, or not a case file "
        "from this tool. Nothing on this computer has been changed."
    )


class CostlyCaseFile(VaultError):
    """A case file asks for a costlier key derivation than this app's own: confirm first."""

    def __init__(self, seconds: int, memory_mb: int) -> None:
        self.seconds = seconds
        self.memory_mb = memory_mb
        super().__init__(
            "This file is locked with heavier settings than this app uses. Checking its "
            f"passphrase will take about {seconds} second{'s' if seconds != 1 else ''} and "
            f"about {memory_mb:,} MB of this computer's memory, once; after that the case "
            "opens like your other cases. Only go on if you trust where the file came from."
        )


class CaseAlreadyExists(VaultError):
    default_message = (
        "This case is already on this computer. You can keep the one you have, "
        "or replace it with the one from the file."
    )


class WeakPassphrase(VaultError):
    default_message = (
        "Please choose a longer passphrase that is harder to guess. "
        "A few unrelated words work well."
    )


class CaseLocked(VaultError):
    default_message = "This case is locked. Open it again with your passphrase to carry on."


class AttachmentNotFound(VaultError):
    default_message = "That file is no longer in this case."


class AttachmentTooLarge(VaultError):
    default_message = (
        "This file is larger than the app can keep. Please choose a smaller file, "
        "or a few pages or a shorter clip of it."
    )


class InvalidNickname(VaultError):
    default_message = (
        f"Please give the case a short nickname (up to {NICKNAME_MAX_CHARS} characters). "
        "Anyone using this computer can see it, so a made-up name is a good idea."
    )
