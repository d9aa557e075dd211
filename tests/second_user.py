"""Run a small stdlib-only Python script as a second OS user (`nobody`), standing in for a partner
or family member who shares the computer. Switching user needs root (as here and in CI); where it
is impossible the test skips and says why.

The script runs under a system Python with `-I` (the test venv usually lives in a private home the
other user cannot read), so it may use the standard library only.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
from functools import cache

import pytest

SECOND_USER = "nobody"


@cache
def _interpreter_for(user: str) -> str | None:
    """A Python the other user can start, or None."""
    candidates = [
        "/usr/bin/python3",
        shutil.which("python3"),
        getattr(sys, "_base_executable", None),
    ]
    for candidate in candidates:
        if not candidate or not os.path.exists(candidate):
            continue
        probe = _run(user, candidate, "pass", [])
        if probe.returncode == 0:
            return candidate
    return None


def _run(
    user: str, interpreter: str, code: str, args: list[str]
) -> subprocess.CompletedProcess[str]:
    account = pwd.getpwnam(user)
    return subprocess.run(
        [interpreter, "-I", "-c", code, *args],
        user=account.pw_uid,
        group=account.pw_gid,
        extra_groups=[],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd="/",
    )


def second_user_uid() -> int:
    return pwd.getpwnam(SECOND_USER).pw_uid


def run_as_second_user(code: str, *args: str) -> str:
    """Run `code` as the second OS user; its stdout. Skips the test where that is impossible."""
    if not hasattr(os, "getuid") or os.getuid() != 0:
        pytest.skip("running as a second OS user needs root (CI runs as root)")
    try:
        pwd.getpwnam(SECOND_USER)
    except KeyError:
        pytest.skip(f"this machine has no {SECOND_USER!r} account to act as a second user")
    interpreter = _interpreter_for(SECOND_USER)
    if interpreter is None:
        pytest.skip(f"no Python on this machine that {SECOND_USER!r} may run")
    done = _run(SECOND_USER, interpreter, code, list(args))
    assert done.returncode == 0, done.stderr
    return done.stdout


def run_as_this_user(code: str, *args: str) -> str:
    """The same script as the user running the tests (the control for `run_as_second_user`)."""
    done = subprocess.run(
        [sys.executable, "-I", "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd="/",
    )
    return done.stdout
