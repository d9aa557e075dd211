"""One running app per data folder, and a way back in without a terminal.

The running app holds a lock file in the data folder for as long as it runs (the operating system
lets go of it when the process ends, however it ends). Starting the app again finds the lock taken
and, instead of starting a second server, asks the running one for a fresh single-use launch link
(or asks it to open the browser) over a control socket on 127.0.0.1.

Only the same OS user can ask: the socket answers only a caller that presents the per-run secret
written to `instance.json` in the data folder, a 0600 file in a 0700 folder (on Windows the data
folder sits in the user's own profile, which other users cannot read). The secret never leaves that
file and the socket: it is in no URL, no log and no browser history. A launch link handed out this
way works once, and makes any older unused link stop working.

Standard library only: the second start asks and exits without loading the web app.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import os
import secrets
import socket
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

RECORD_NAME = "instance.json"
LOCK_NAME = "instance.lock"
SECRET_BYTES = 32
MAX_REQUEST_BYTES = 256
# A caller gets this long to send its one line; a second start waits this long for an answer.
REQUEST_SECONDS = 5.0
ANSWER_SECONDS = 30.0
# A second start that finds the lock taken but no record yet (the first is still starting) looks
# again for this long before giving up.
STARTING_SECONDS = 15.0

# What the running app does for a caller: a command name → a function giving the answer text.
Handlers = Mapping[str, Callable[[], str]]


class InstanceError(Exception):
    """The running app could not be reached or refused; the message is one plain sentence."""


@dataclass(frozen=True)
class Record:
    """What a second start needs to reach the running app."""

    pid: int
    control_port: int
    secret: str


def record_path(data_dir: Path) -> Path:
    return data_dir / RECORD_NAME


def make_private_dir(path: Path) -> None:
    """The data folder, created if missing, readable by this user only."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def acquire_lock(data_dir: Path) -> IO[bytes] | None:
    """The single-instance lock, held until the returned file is closed or the process ends; None
    if another process holds it (the app is running)."""
    fd = os.open(data_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    handle = os.fdopen(fd, "r+b", buffering=0)
    try:
        _lock(handle)
    except OSError:
        handle.close()
        return None
    return handle


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def write_record(data_dir: Path, record: Record) -> None:
    """Write the record as a 0600 file, replacing any stale one in one step."""
    final = record_path(data_dir)
    partial = final.with_name(f"{RECORD_NAME}.{os.getpid()}.tmp")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(
            {"pid": record.pid, "control_port": record.control_port, "secret": record.secret},
            handle,
        )
    os.chmod(partial, 0o600)
    os.replace(partial, final)


def read_record(data_dir: Path) -> Record | None:
    """The running app's record, or None if there is none (yet). PermissionError if this user may
    not read it."""
    try:
        raw = json.loads(record_path(data_dir).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (ValueError, UnicodeDecodeError):
        return None  # half-written by a start that was killed: treat as absent
    try:
        return Record(
            pid=int(raw["pid"]), control_port=int(raw["control_port"]), secret=str(raw["secret"])
        )
    except (KeyError, TypeError, ValueError):
        return None


class ControlServer:
    """The running app's side: answers callers that present the secret, one short line each."""

    def __init__(self, data_dir: Path, handlers: Handlers) -> None:
        self._data_dir = data_dir
        self._handlers = dict(handlers)
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)
        self.record = Record(
            pid=os.getpid(),
            control_port=self._sock.getsockname()[1],
            secret=secrets.token_hex(SECRET_BYTES),
        )
        self._thread = threading.Thread(target=self._serve, name="instance-control", daemon=True)
        self._closed = threading.Event()

    def start(self) -> None:
        write_record(self._data_dir, self.record)
        self._thread.start()

    def close(self) -> None:
        """Stop answering and remove the record (if it is still this run's)."""
        self._closed.set()
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        self._sock.close()
        with contextlib.suppress(OSError):
            if read_record(self._data_dir) == self.record:
                record_path(self._data_dir).unlink()

    def _serve(self) -> None:
        while not self._closed.is_set():
            try:
                conn, _address = self._sock.accept()
            except OSError:
                return  # closed
            with conn, contextlib.suppress(OSError):
                self._answer(conn)

    def _answer(self, conn: socket.socket) -> None:
        conn.settimeout(REQUEST_SECONDS)
        line = _read_line(conn)
        secret, _, command = line.partition(" ")
        handler = self._handlers.get(command)
        if handler is None or not hmac.compare_digest(
            secret.encode("ascii", "replace"), self.record.secret.encode("ascii")
        ):
            conn.sendall(b"no\n")
            return
        conn.sendall(f"ok {handler()}\n".encode())


def _read_line(conn: socket.socket) -> str:
    data = b""
    while b"\n" not in data and len(data) < MAX_REQUEST_BYTES:
        chunk = conn.recv(MAX_REQUEST_BYTES)
        if not chunk:
            break
        data += chunk
    return data.split(b"\n", 1)[0].decode("ascii", "replace").strip()


def ask(data_dir: Path, command: str) -> str:
    """Ask the app running on `data_dir` to do `command`; its answer. InstanceError otherwise."""
    record = _wait_for_record(data_dir)
    try:
        with socket.create_connection(
            ("127.0.0.1", record.control_port), timeout=ANSWER_SECONDS
        ) as conn:
            conn.sendall(f"{record.secret} {command}\n".encode("ascii"))
            reply = _read_line(conn)
    except OSError:
        raise InstanceError(
            "complaint-helper seems to be running but does not answer. If it is stuck, close its "
            "window (your cases lock) and start it again."
        ) from None
    status, _, text = reply.partition(" ")
    if status != "ok":
        raise InstanceError("The running complaint-helper did not accept the request.")
    return text


def _wait_for_record(data_dir: Path) -> Record:
    deadline = time.monotonic() + STARTING_SECONDS
    while True:
        try:
            record = read_record(data_dir)
        except PermissionError:
            raise InstanceError(
                "complaint-helper is running for another user of this computer; it cannot be "
                "opened from this account."
            ) from None
        if record is not None:
            return record
        if time.monotonic() > deadline:
            raise InstanceError(
                "complaint-helper is starting or stopping; please try again in a moment."
            )
        time.sleep(0.1)  # the first start writes its record within moments of taking the lock
