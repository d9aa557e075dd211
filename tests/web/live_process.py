"""The real server in a process of its own, and what the streaming tests watch it with: a small
HTTP client that streams request bodies (so the test never holds them whole either), the
server's peak memory (Linux: /proc/<pid>/status VmHWM, reset through /proc/<pid>/clear_refs),
and every file it opens (/proc/<pid>/fd, read through the descriptor while it is open).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, cast

from tests.conftest import PASSPHRASE

KIB = 1024
MIB = 1024 * KIB
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class ServerProcess:
    process: subprocess.Popen[str]
    url: str
    port: int

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_for_line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@contextlib.contextmanager
def server_process(data_dir: Path, temp_dir: Path, *flags: str) -> Iterator[ServerProcess]:
    """tests/web/server_child.py with TMPDIR pointed at `temp_dir` (so its temp files show)."""
    temp_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "TMPDIR": str(temp_dir), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.web.server_child", str(data_dir), *flags],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    if not first:
        process.wait()
        problem = process.stderr.read() if process.stderr else ""
        raise RuntimeError(f"the server did not start: {problem}")
    started = json.loads(first)
    server = ServerProcess(process, started["url"], started["port"])
    try:
        yield server
    finally:
        server.kill()


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass
class HttpBrowser:
    """Just enough of a browser for the tests: cookies, Origin, CSRF tokens, streamed bodies."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        body: Iterable[bytes] | bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        sent = {
            "Host": f"127.0.0.1:{self.port}",
            "Origin": f"http://127.0.0.1:{self.port}",
            **(
                {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
                if self.cookies
                else {}
            ),
            **(headers or {}),
        }
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data)

    def launch(self, url: str) -> None:
        answer = self.request("GET", url.split(f":{self.port}", 1)[1])
        assert answer.status == 303, answer.status

    def step_address(self, slug: str) -> str:
        """The address of an interview page as a browser finds it, by the link on the progress
        page: addresses are ids made up at each start (web/page_ids.py)."""
        page = self.request("GET", "/case/interview/").text
        found = re.search(rf'href="([^"]+)" aria-describedby="status-{re.escape(slug)}"', page)
        assert found is not None, f"no link to {slug} on the progress page"
        return found.group(1)

    def csrf(self, path: str) -> str:
        page = self.request("GET", path)
        found = CSRF.search(page.text)
        assert found is not None, f"no form on {path} ({page.status})"
        return found.group(1)

    def post_form(self, path: str, fields: dict[str, str]) -> Answer:
        from urllib.parse import urlencode

        fields = {"csrf_token": self.csrf(path), **fields}
        return self.request(
            "POST",
            path,
            urlencode(fields).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )

    def post_files(
        self, path: str, fields: dict[str, str], files: list[UploadedFile], *, form_page: str = ""
    ) -> Answer:
        fields = {"csrf_token": self.csrf(form_page or path), **fields}
        body = Multipart(fields, files)
        return self.request(
            "POST",
            path,
            body.chunks(),
            {"Content-Type": body.content_type, "Content-Length": str(body.length)},
        )


@dataclass
class UploadedFile:
    """A file part whose bytes are produced as they are sent (`chunks()` may run twice)."""

    field_name: str
    filename: str
    size: int
    chunks: Callable[[], Iterator[bytes]]
    content_type: str = "application/octet-stream"


class Multipart:
    """multipart/form-data with a known length, streamed part by part."""

    def __init__(self, fields: dict[str, str], files: list[UploadedFile]) -> None:
        self.boundary = "----chtest" + secrets.token_hex(12)
        self._fields = fields
        self._files = files

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def _field_head(self, name: str) -> bytes:
        disposition = f'Content-Disposition: form-data; name="{name}"'
        return f"--{self.boundary}\r\n{disposition}\r\n\r\n".encode()

    def _file_head(self, upload: UploadedFile) -> bytes:
        return (
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="{upload.field_name}"; '
            f'filename="{upload.filename}"\r\nContent-Type: {upload.content_type}\r\n\r\n'
        ).encode()

    @property
    def length(self) -> int:
        total = sum(len(self._field_head(n)) + len(v.encode()) + 2 for n, v in self._fields.items())
        total += sum(len(self._file_head(f)) + f.size + 2 for f in self._files)
        return total + len(f"--{self.boundary}--\r\n")

    def chunks(self) -> Iterator[bytes]:
        for name, value in self._fields.items():
            yield self._field_head(name) + value.encode() + b"\r\n"
        for upload in self._files:
            yield self._file_head(upload)
            yield from upload.chunks()
            yield b"\r\n"
        yield f"--{self.boundary}--\r\n".encode()


def canary_file(canary: bytes, size: int, head: bytes = b"") -> Callable[[], Iterator[bytes]]:
    """Bytes of `size` that start with `head` and carry `canary` in every MiB, so any stretch of
    them reaching a file is caught. Random filler (incompressible), same bytes on every call."""
    seed = os.urandom(MIB)

    def chunks() -> Iterator[bytes]:
        sent = 0
        index = 0
        while sent < size:
            block = (head if index == 0 else b"") + canary + b"%08d" % index + seed
            block = block[: min(MIB, size - sent)]
            sent += len(block)
            index += 1
            yield block

    return chunks


# -- what the server process holds ----------------------------------------------------------------
def _status_kib(pid: int, field_name: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    raise KeyError(field_name)


class PeakMemory:
    """Peak resident memory of a process from a moment on (Linux's VmHWM, reset by clear_refs)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.start_kib = 0

    def reset(self) -> None:
        Path(f"/proc/{self.pid}/clear_refs").write_text("5")
        self.start_kib = _status_kib(self.pid, "VmRSS")

    def growth_bytes(self) -> int:
        return (_status_kib(self.pid, "VmHWM") - self.start_kib) * KIB


class OpenFileWatch:
    """Watches every file a process has open (/proc/<pid>/fd) on a thread, and reads each one
    through its descriptor as it grows, looking for `needle`. Nameless files (O_TMPFILE, unlinked)
    are read too: the descriptor still reaches them."""

    def __init__(self, pid: int, needle: bytes) -> None:
        self.pid = pid
        self.needle = needle
        self.paths: set[str] = set()
        self.found_in: set[str] = set()
        self.bytes_read = 0
        self._offsets: dict[tuple[str, str], int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> OpenFileWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.scan_once()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.scan_once()
            self._stop.wait(0.02)

    def scan_once(self) -> None:
        folder = Path(f"/proc/{self.pid}/fd")
        try:
            descriptors = os.listdir(folder)
        except FileNotFoundError:
            return
        for fd in descriptors:
            try:
                target = os.readlink(folder / fd)
            except OSError:
                continue
            if not target.startswith("/") or target.startswith(("/dev/", "/proc/", "/sys/")):
                continue
            self.paths.add(target)
            self._read_new(folder / fd, (fd, target))

    def _read_new(self, link: Path, key: tuple[str, str]) -> None:
        start = max(0, self._offsets.get(key, 0) - len(self.needle))
        try:
            with open(link, "rb") as file:
                file.seek(start)
                found, end = _search(file, self.needle, start)
        except OSError:
            return
        self.bytes_read += end - start
        if found:
            self.found_in.add(key[1])
        self._offsets[key] = end


def _search(file: BinaryIO, needle: bytes, position: int) -> tuple[bool, int]:
    """Whether `needle` is in the rest of `file` (read in pieces), and where the file ended."""
    tail = b""
    found = False
    while chunk := file.read(8 * MIB):
        found = found or needle in tail + chunk
        tail = chunk[-len(needle) :]
        position += len(chunk)
    return found, position


def files_holding(folder: Path, needle: bytes) -> list[Path]:
    """Every file under `folder` whose bytes contain `needle`."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as file:
                if _search(file, needle, 0)[0]:
                    found.append(path)
    return found


# -- a large case file, made by the vault in the calling process ----------------------------------
def case_file_with_attachment(
    folder: Path, canary: bytes, size: int, head: bytes, passphrase: str = PASSPHRASE
) -> tuple[Path, str]:
    """A .chcase holding one case ("Imported") with one evidence item "ev1" and one attached file
    of `size` bytes (canary in every MiB); returns its path and the file's SHA-256."""
    from complaint_helper.interview import repository
    from complaint_helper.interview.model import Answers, EvidenceFile, EvidenceItem
    from complaint_helper.vault import KDF_FLOOR, Vault

    vault = Vault(folder / "source", kdf=KDF_FLOOR)
    case = vault.create_case("Imported", passphrase)
    source = _Reader(canary_file(canary, size, head)())
    info = case.add_attachment(cast(BinaryIO, source), filename="call.mp4", media_type="video/mp4")
    attached = EvidenceFile(info.attachment_id, "call.mp4", "video/mp4", info.size, info.sha256)
    item = EvidenceItem("ev1", description="A call", files=[attached])
    repository.save_item(case, Answers(), item)
    path = folder / "big.chcase"
    with path.open("wb") as out:
        vault.export_case(case, out)
    vault.close()
    return path, info.sha256


class _Reader:
    """Chunks as a file with read(n)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._rest = b""

    def read(self, size: int = -1) -> bytes:
        while len(self._rest) < size and (chunk := next(self._chunks, None)) is not None:
            self._rest += chunk
        out, self._rest = self._rest[:size], self._rest[size:]
        return out


def file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as file:
        while chunk := file.read(MIB):
            yield chunk
