"""Uploads through the real server, in a process of its own: a 200 MB evidence upload and a 200 MB
case import grow the server by at most 64 MB, and no plaintext byte of an upload reaches any file
— not the data dir, not the temp dir, not any file the server opens while it works (read through
/proc/<pid>/fd as it is written). Bodies that cannot be valid are refused from their headers,
before the body is read; none, hostile or not, reaches the temp dir. A crash between storing an
upload and saving its evidence item leaves no file behind once the case is opened again.

Linux only (it reads /proc); the CI machine is Linux.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.web.live_process import (
    MIB,
    HttpBrowser,
    OpenFileWatch,
    PeakMemory,
    ServerProcess,
    UploadedFile,
    canary_file,
    case_file_with_attachment,
    file_chunks,
    files_holding,
    server_process,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc"),
]

SIZE = 200 * MIB
HOSTILE_SIZE = 250 * MIB
MEMORY_BOUND = 64 * 1000 * 1000  # "at most 64 MB"
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00"
PNG_HEAD = b"\x89PNG\r\n\x1a\n"
FILE_LINK = re.compile(r'href="(/case/interview/[^/"]+/items/[^/"]+/files/[0-9a-f]+)"')


def a_canary() -> bytes:
    return b"CANARY-" + hashlib.sha256(str(id(object())).encode()).hexdigest()[:24].encode()


def digest(file: UploadedFile) -> str:
    hashed = hashlib.sha256()
    for chunk in file.chunks():
        hashed.update(chunk)
    return hashed.hexdigest()


def evidence_items(browser: HttpBrowser) -> str:
    """Where evidence items live in this start of the app (found by link, as a browser would)."""
    return browser.step_address("evidence") + "/items"


def open_new_case(browser: HttpBrowser, server: ServerProcess, nickname: str = "Stream") -> None:
    browser.launch(server.url)
    created = browser.post_form(
        "/cases/new",
        {"nickname": nickname, "passphrase": PASSPHRASE, "passphrase_confirm": PASSPHRASE},
    )
    assert created.status == 303, created.text


def download_sha256(browser: HttpBrowser, path: str) -> str:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", browser.port, timeout=600)
    cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{browser.port}", "Cookie": cookie})
    response = connection.getresponse()
    assert response.status == 200
    hashed = hashlib.sha256()
    while chunk := response.read(MIB):
        hashed.update(chunk)
    connection.close()
    return hashed.hexdigest()


def assert_nothing_readable(
    watch: OpenFileWatch, canary: bytes, data_dir: Path, temp_dir: Path
) -> None:
    assert watch.found_in == set(), "plaintext reached a file the server had open"
    assert watch.bytes_read > 0  # the watch did read the server's files
    assert [p for p in watch.paths if p.startswith(str(temp_dir))] == []
    assert list(temp_dir.iterdir()) == []
    assert files_holding(data_dir, canary) == []


def test_a_200_mb_upload_of_several_files_streams_into_the_vault(tmp_path: Path) -> None:
    data_dir, temp_dir = tmp_path / "data", tmp_path / "tmp"
    canary = a_canary()
    big = UploadedFile("file", "screen recording.mp4", SIZE, canary_file(canary, SIZE, MP4_HEAD))
    small = UploadedFile("file", "texts.png", 300_000, canary_file(canary, 300_000, PNG_HEAD))
    with server_process(data_dir, temp_dir) as server:
        browser = HttpBrowser(server.port)
        open_new_case(browser, server)
        items = evidence_items(browser)
        warm = browser.post_files(f"{items}/warm1", {"description": "warm-up"}, [small])
        assert warm.status == 303, warm.text
        memory = PeakMemory(server.pid)
        memory.reset()
        with OpenFileWatch(server.pid, canary) as watch:
            saved = browser.post_files(
                f"{items}/big1", {"description": "A call and texts"}, [big, small]
            )
        growth = memory.growth_bytes()
        assert saved.status == 303, saved.text
        print(f"evidence upload of {SIZE / MIB:.0f} MiB: server grew {growth / MIB:.1f} MiB")
        assert growth <= MEMORY_BOUND
        assert_nothing_readable(watch, canary, data_dir, temp_dir)
        # Both files are on the item, and each reads back exactly.
        page = browser.request("GET", f"{items}/big1").text
        links = FILE_LINK.findall(page)
        assert len(links) == 2
        assert [download_sha256(browser, link) for link in links] == [digest(big), digest(small)]


def test_a_200_mb_case_import_streams_into_the_vault(tmp_path: Path) -> None:
    data_dir, temp_dir = tmp_path / "data", tmp_path / "tmp"
    canary = a_canary()
    case_file, sha256 = case_file_with_attachment(tmp_path, canary, SIZE, MP4_HEAD)
    upload = UploadedFile(
        "case_file", "notes.chcase", case_file.stat().st_size, lambda: file_chunks(case_file)
    )
    with server_process(data_dir, temp_dir) as server:
        browser = HttpBrowser(server.port)
        browser.launch(server.url)
        memory = PeakMemory(server.pid)
        memory.reset()
        with OpenFileWatch(server.pid, canary) as watch:
            chosen = browser.post_files("/cases/import", {}, [upload])
            assert chosen.status == 303, chosen.text
            # The file is opened with its passphrase, checked whole and added.
            imported = browser.post_form("/cases/import/passphrase", {"passphrase": PASSPHRASE})
        growth = memory.growth_bytes()
        assert imported.status == 303, imported.text
        print(f"import of {upload.size / MIB:.0f} MiB: server grew {growth / MIB:.1f} MiB")
        assert growth <= MEMORY_BOUND
        assert_nothing_readable(watch, canary, data_dir, temp_dir)
        # The imported case opens, and its file reads back exactly.
        case_id = re.search(r"/cases/([0-9a-f]{32})/unlock", browser.request("GET", "/cases").text)
        assert case_id is not None
        unlocked = browser.post_form(
            f"/cases/{case_id.group(1)}/unlock", {"passphrase": PASSPHRASE}
        )
        assert unlocked.status == 303
        items = evidence_items(browser)
        (link,) = FILE_LINK.findall(browser.request("GET", f"{items}/ev1").text)
        assert download_sha256(browser, link) == sha256


# -- bodies that are too large or cannot be valid -------------------------------------------
def send_body(port: int, head: bytes, body: Iterator[bytes], *, chunked: bool) -> tuple[int, int]:
    """Send a request with a large body on a raw socket while reading the answer; returns the
    status and the bytes of body sent before the server answered (the server may close early)."""
    sent = 0
    answered = threading.Event()
    with socket.create_connection(("127.0.0.1", port), timeout=600) as sock:

        def sending() -> None:
            nonlocal sent
            try:
                sock.sendall(head)
                for chunk in body:
                    if answered.is_set():
                        return
                    sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
                    sent += len(chunk)
                if chunked:
                    sock.sendall(b"0\r\n\r\n")
            except OSError:
                return

        sender = threading.Thread(target=sending, daemon=True)
        sender.start()
        received = b""
        try:
            while b"\r\n" not in received and (chunk := sock.recv(65536)):
                received += chunk
        except ConnectionResetError:
            pass
        answered.set()
        sent_before_answer = sent
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
    sender.join()
    assert received, "no answer from the server"
    return int(received.split(b" ", 2)[1]), sent_before_answer


def io_read_bytes(pid: int) -> int:
    """Bytes the process has read from anything, sockets included (/proc/<pid>/io rchar)."""
    for line in Path(f"/proc/{pid}/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise KeyError("rchar")


@dataclass(frozen=True)
class Hostile:
    """A 250 MiB body and what the server must answer, and whether it may read the body."""

    open_case: bool
    chunked: bool
    status: int
    host: str = ""  # "" = the right one
    path: str = ""  # "" = an evidence item: this start's address with a case open, else a guess
    reads_body: bool = False


HOSTILE = {
    "no cookie, Content-Length": Hostile(open_case=False, chunked=False, status=413),
    "no cookie, chunked": Hostile(open_case=False, chunked=True, status=403),
    "open case, Content-Length": Hostile(open_case=True, chunked=False, status=413),
    # Nothing in the headers says it is too large: the app reads up to its limit (into an
    # encrypted spool), then refuses.
    "open case, chunked": Hostile(open_case=True, chunked=True, status=413, reads_body=True),
    "wrong Host, chunked": Hostile(open_case=True, chunked=True, status=400, host="evil.test"),
    "unknown path, chunked": Hostile(
        open_case=True, chunked=True, status=404, path="/case/no-such-page"
    ),
}


@pytest.mark.parametrize("hostile", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_250_mib_body_is_refused_without_spilling(tmp_path: Path, hostile: Hostile) -> None:
    data_dir, temp_dir = tmp_path / "data", tmp_path / "tmp"
    canary = a_canary()
    with server_process(data_dir, temp_dir) as server:
        browser = HttpBrowser(server.port)
        if hostile.open_case:
            open_new_case(browser, server)
        cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
        host = hostile.host or f"127.0.0.1:{server.port}"
        # Without a cookie no page can be found; a guessed address reaches the same endpoint.
        items = evidence_items(browser) if hostile.open_case else "/case/interview/evidence/items"
        path = hostile.path or f"{items}/big1"
        framing = (
            "Transfer-Encoding: chunked" if hostile.chunked else f"Content-Length: {HOSTILE_SIZE}"
        )
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {host}\r\n"
            f"Origin: http://127.0.0.1:{server.port}\r\nCookie: {cookie}\r\n"
            f"Content-Type: multipart/form-data; boundary=xx\r\n{framing}\r\n\r\n"
        ).encode()
        body = b'--xx\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n\r\n'
        chunks = canary_file(canary, HOSTILE_SIZE - len(body), b"RIFF\x00\x00\x00\x00WAVE")
        memory = PeakMemory(server.pid)
        memory.reset()
        read_before = io_read_bytes(server.pid)
        with OpenFileWatch(server.pid, canary) as watch:
            sent = itertools.chain([body], chunks())
            status, _ = send_body(server.port, head, sent, chunked=hostile.chunked)
        read = io_read_bytes(server.pid) - read_before
        growth = memory.growth_bytes()
        assert status == hostile.status
        assert growth <= MEMORY_BOUND
        assert_nothing_readable(watch, canary, data_dir, temp_dir)
        if not hostile.reads_body:
            # Refused from the headers: (almost) none of the body was read.
            assert read < 4 * MIB, read
        # The server still answers afterwards.
        assert browser.request("GET", "/static/css/app.css").status == 200


# -- an upload stored, its item never saved --------------------------------------------------
def test_a_file_stored_before_a_crash_is_removed_when_the_case_is_opened_again(
    tmp_path: Path,
) -> None:
    data_dir, temp_dir = tmp_path / "data", tmp_path / "tmp"
    attachments = data_dir / "attachments"
    canary = a_canary()
    photo = UploadedFile("file", "photo.png", 200_000, canary_file(canary, 200_000, PNG_HEAD))
    with server_process(data_dir, temp_dir, "--stop-before-item-save") as server:
        browser = HttpBrowser(server.port)
        open_new_case(browser, server)
        items = evidence_items(browser)
        uploading = threading.Thread(
            target=lambda: _quietly(browser, f"{items}/ev1", photo), daemon=True
        )
        uploading.start()
        assert server.wait_for_line() == "stored"  # the file is stored, its item not yet saved
        server.kill()
        uploading.join()
    assert len(list(attachments.glob("*.chblob"))) == 1
    with server_process(data_dir, temp_dir) as server:
        browser = HttpBrowser(server.port)
        browser.launch(server.url)
        case_id = re.search(r"/cases/([0-9a-f]{32})/unlock", browser.request("GET", "/cases").text)
        assert case_id is not None
        unlocked = browser.post_form(
            f"/cases/{case_id.group(1)}/unlock", {"passphrase": PASSPHRASE}
        )
        assert unlocked.status == 303
        assert list(attachments.glob("*.chblob")) == []
        assert list(attachments.iterdir()) == []
        assert browser.request("GET", f"{evidence_items(browser)}/ev1").status == 200


def _quietly(browser: HttpBrowser, address: str, upload: UploadedFile) -> None:
    try:
        browser.post_files(address, {"description": "Photo"}, [upload])
    except OSError:
        return  # the server was killed mid-request
