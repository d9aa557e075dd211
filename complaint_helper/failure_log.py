"""The one way the app logs a failure: what failed and the kind of error, never its text.

An exception's message and traceback can carry a person's words (a line of their account inside a
`ValueError`, a file name in an `OSError`), and a log is a file nobody encrypts. So the app never
calls `log.exception`, never passes `exc_info` and never formats an exception into a log line:
it calls `log_failure(exc, "what was being done")`, which records the exception's type (and the
types of the exceptions chained to it) and nothing else. tests/test_house_rules.py holds every
module to this, and a test makes document generation fail on a canary answer and looks for the
canary in every log record. A leaf module: it imports nothing of the package.
"""

from __future__ import annotations

import logging
from typing import Final

LOGGER_NAME: Final = "complaint_helper"
_log = logging.getLogger(LOGGER_NAME)


def error_types(exc: BaseException) -> str:
    """ "ValueError" or, with its causes, "RuntimeError <- OSError": type names only."""
    names: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(names) < 5:
        seen.add(id(current))
        names.append(type(current).__qualname__)
        current = current.__cause__ or current.__context__
    return " <- ".join(names)


def log_failure(exc: BaseException, during: str) -> None:
    """Log that `during` (a fixed phrase written in the code) failed, with the error's type only."""
    _log.error("%s failed: %s", during, error_types(exc))
