"""Single instance and getting back in: a second start asks the running app for a fresh one-time
link instead of starting a second server; nobody but the same OS user can get one."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from complaint_helper.instance import LOCK_NAME, RECORD_NAME, ControlServer, read_record
from tests.conftest import HANG_GUARD_SECONDS
from tests.fake_browser import install_fake_browser, read_report

REPO = Path(__file__).resolve().parent.parent
LINK = re.compile(r"(http://127\.0\.0\.1:\d+/launch\?token=[\w-]+)")
WELCOME = "Prepare a complaint about a therapist"


@dataclass
class Running:
    process: subprocess.Popen[str]
    url: str
    data_dir: Path


def start(data_dir: Path, *extra: str, env: dict[str, str] | None = None) -> Running:
    process = subprocess.Popen(
        [sys.executable, "-m", "complaint_helper", "--data-dir", str(data_dir), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, **(env or {})},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    found = LINK.search(line)
    assert found, line + (process.stderr.read() if process.stderr else "")
    return Running(process, found.group(1), data_dir)


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    app = start(tmp_path / "data", "--no-browser")
    yield app
    app.process.send_signal(signal.SIGINT)
    out, _err = app.process.communicate(timeout=HANG_GUARD_SECONDS)
    assert app.process.returncode == 0
    assert "stopped" in out
    # The record is gone with the app; the next start is a first start again.
    assert not (app.data_dir / RECORD_NAME).exists()


def browser() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor())


def fetch(client: urllib.request.OpenerDirector, url: str) -> tuple[int, str]:
    try:
        with client.open(url, timeout=HANG_GUARD_SECONDS) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def again(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "complaint_helper", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=HANG_GUARD_SECONDS,
    )


def test_second_start_prints_a_fresh_link_that_works_once_and_the_first_keeps_serving(
    running: Running,
) -> None:
    person = browser()
    status, page = fetch(person, running.url)
    assert status == 200 and WELCOME in page
    base = running.url.split("/launch")[0]

    second = again(running.data_dir, "--no-browser")
    assert second.returncode == 0, second.stderr
    assert "already running" in second.stdout
    links = LINK.findall(second.stdout)
    assert len(links) == 1
    fresh = links[0]
    assert fresh.startswith(base + "/launch?token=")  # the running server, not a second one
    assert fresh != running.url

    newcomer = browser()
    status, page = fetch(newcomer, fresh)
    assert status == 200 and WELCOME in page
    assert fetch(browser(), fresh)[0] == 403  # once only
    # The first browser's session still works: the first server still serves.
    status, page = fetch(person, base + "/")
    assert status == 200 and WELCOME in page

    # `complaint-helper open` does the same, and each link differs.
    opened = again(running.data_dir, "open", "--no-browser")
    assert opened.returncode == 0, opened.stderr
    (third,) = LINK.findall(opened.stdout)
    assert third not in (fresh, running.url)
    assert fetch(browser(), third)[0] == 200
    # No second server was left behind.
    assert second.stdout.count("stopped") == 0


@pytest.mark.slow
def test_second_start_has_the_running_app_open_the_browser(tmp_path: Path) -> None:
    fake, report = install_fake_browser(tmp_path, stop_app=False)
    app = start(tmp_path / "data", "--no-browser", env={"BROWSER": str(fake)})
    second: subprocess.Popen[str] | None = None
    try:
        second = subprocess.Popen(
            [sys.executable, "-m", "complaint_helper", "--data-dir", str(app.data_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        result = read_report(report)
        out, err = second.communicate(timeout=HANG_GUARD_SECONDS)
        assert second.returncode == 0, err
        assert "opened a new window in your browser" in out
        assert LINK.search(out) is None  # opened, so no link printed
        assert result.get("processes_with_token") == [], result
        assert result["welcome"] is True
    finally:
        if second is not None and second.poll() is None:
            second.kill()  # it should have exited by itself; never leave it behind
            second.communicate()
        app.process.send_signal(signal.SIGINT)
        app.process.communicate(timeout=HANG_GUARD_SECONDS)
    assert not Path(result["page"]).parent.exists()


def test_record_and_lock_are_private_and_the_folder_is_this_users(running: Running) -> None:
    assert stat.S_IMODE(running.data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((running.data_dir / RECORD_NAME).stat().st_mode) == 0o600
    assert stat.S_IMODE((running.data_dir / LOCK_NAME).stat().st_mode) == 0o600
    record = read_record(running.data_dir)
    assert record is not None and record.pid == running.process.pid
    assert len(record.secret) == 64
    # The secret is not in the link, nor printed.
    assert record.secret not in running.url


def ask_raw(port: int, line: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=HANG_GUARD_SECONDS) as conn:
        conn.sendall(line)
        return conn.recv(1024)


def test_control_socket_answers_only_the_secret(tmp_path: Path) -> None:
    tmp_path.chmod(0o700)
    control = ControlServer(tmp_path, {"link": lambda: "a-link"})
    control.start()
    try:
        port, secret = control.record.control_port, control.record.secret
        assert ask_raw(port, f"{secret} link\n".encode()) == b"ok a-link\n"
        wrong = secret[:-1] + ("1" if secret.endswith("0") else "0")
        assert ask_raw(port, f"{wrong} link\n".encode()) == b"no\n"
        assert ask_raw(port, b" link\n") == b"no\n"
        assert ask_raw(port, f"{secret} other\n".encode()) == b"no\n"
        assert ask_raw(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") == b"no\n"
    finally:
        control.close()
    assert not (tmp_path / RECORD_NAME).exists()


OTHER_USER_SCRIPT = r"""
import json, socket, sys
record_file, port = sys.argv[1], int(sys.argv[2])
result = {}
try:
    open(record_file).read()
    result["read_record"] = True
except PermissionError:
    result["read_record"] = False
try:
    with socket.create_connection(("127.0.0.1", port), timeout=120) as conn:
        conn.sendall(b"0" * 64 + b" link\n")
        result["answer"] = conn.recv(1024).decode()
except OSError as error:
    result["answer"] = repr(error)
print(json.dumps(result))
"""


@pytest.fixture
def running_in_reach(tmp_path: Path) -> Iterator[Running]:
    """A running app whose data folder's parent every user may pass through (only the data
    folder's own modes keep others out)."""
    parent = Path(tempfile.mkdtemp(prefix="ch-instance-"))
    parent.chmod(0o711)
    app = start(parent / "data", "--no-browser")
    yield app
    app.process.send_signal(signal.SIGINT)
    app.process.communicate(timeout=HANG_GUARD_SECONDS)
    shutil.rmtree(parent)


def test_another_os_user_cannot_get_a_link(running_in_reach: Running) -> None:
    """`nobody` stands in for another person on the computer: it cannot read the record (0600 in
    a 0700 folder), and without the secret the control socket gives it nothing."""
    if os.geteuid() != 0 or shutil.which("runuser") is None:
        pytest.skip("needs root and runuser to act as another user")
    running = running_in_reach
    system_python = shutil.which("python3", path="/usr/bin:/bin")
    assert system_python, "a system python3 readable by other users"
    record = read_record(running.data_dir)
    assert record is not None
    result = subprocess.run(
        [
            "runuser",
            "-u",
            "nobody",
            "--",
            system_python,
            "-c",
            OTHER_USER_SCRIPT,
            str(running.data_dir / RECORD_NAME),
            str(record.control_port),
        ],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        cwd="/",
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen == {"read_record": False, "answer": "no\n"}


def test_open_when_nothing_runs_says_so_plainly(tmp_path: Path) -> None:
    result = again(tmp_path / "nothing-here", "open", "--no-browser")
    assert result.returncode == 1
    assert "not running" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
