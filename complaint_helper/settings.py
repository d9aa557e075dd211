"""Settings: one frozen value built by a pure function from command-line values and the environment.

Nothing else in the package reads environment variables; everything that needs a setting is handed
this object (create_app, the blueprints, the CLI).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from complaint_helper.vault import KdfParams

DATA_DIR_ENV = "COMPLAINT_HELPER_DATA_DIR"
IDLE_LOCK_ENV = "COMPLAINT_HELPER_IDLE_LOCK_MINUTES"
EXIT_URL_ENV = "COMPLAINT_HELPER_EXIT_URL"

DEFAULT_IDLE_LOCK_SECONDS = 15 * 60
# The page quick exit lands on. Default: a neutral page bundled with the app, because the person may
# be offline; a setting may point it at any https page instead (e.g. a weather site).
DEFAULT_EXIT_URL = "/away"
MAX_FORM_BYTES = 8 * 1024 * 1024  # a 1 MB account typed in full, encoded, with room to spare
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
# Room beside the files in an upload's body: the form's own fields and the multipart framing.
UPLOAD_FORM_ALLOWANCE = 1024 * 1024


class SettingsError(ValueError):
    """A setting has a value that cannot work; the message says which and why, in one line."""


@dataclass(frozen=True)
class Settings:
    """Everything the app needs to know about how it was started."""

    data_dir: Path
    port: int = 0  # 0 = pick a free port when serving
    idle_lock_seconds: int = DEFAULT_IDLE_LOCK_SECONDS
    exit_url: str = DEFAULT_EXIT_URL
    open_browser: bool = True
    testing: bool = False
    max_form_bytes: int = MAX_FORM_BYTES
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    # Argon2id parameters for new cases; None = the vault's production parameters. Tests lower them.
    kdf: KdfParams | None = field(default=None, compare=False)

    @property
    def max_body_bytes(self) -> int:
        """The largest request body anything in the app can legitimately need: the files of one
        upload (`max_upload_bytes` in all) with their form. The server refuses anything larger
        from its headers alone, before reading a byte of it."""
        return max(self.max_form_bytes, self.max_upload_bytes + UPLOAD_FORM_ALLOWANCE)


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("complaint-helper", appauthor=False))


def load_settings(
    env: Mapping[str, str] | None = None,
    *,
    data_dir: str | None = None,
    port: int | None = None,
    open_browser: bool = True,
) -> Settings:
    """Build Settings from explicit values (the CLI's) over the environment over defaults."""
    env = os.environ if env is None else env
    chosen_dir = data_dir or env.get(DATA_DIR_ENV) or ""
    path = Path(chosen_dir).expanduser() if chosen_dir else default_data_dir()
    if port is not None and not 0 <= port <= 65535:
        raise SettingsError(f"--port must be between 0 and 65535, not {port}.")
    idle = DEFAULT_IDLE_LOCK_SECONDS
    raw_idle = env.get(IDLE_LOCK_ENV)
    if raw_idle:
        try:
            minutes = float(raw_idle)
        except ValueError:
            raise SettingsError(f"{IDLE_LOCK_ENV} must be a number of minutes.") from None
        if not 1 <= minutes <= 24 * 60:
            raise SettingsError(f"{IDLE_LOCK_ENV} must be between 1 and 1440 minutes.")
        idle = int(minutes * 60)
    exit_url = env.get(EXIT_URL_ENV) or DEFAULT_EXIT_URL
    if exit_url != DEFAULT_EXIT_URL and not exit_url.startswith("https://"):
        raise SettingsError(f"{EXIT_URL_ENV} must be an https:// address.")
    return Settings(
        data_dir=path,
        port=port or 0,
        idle_lock_seconds=idle,
        exit_url=exit_url,
        open_browser=open_browser,
    )
