"""Smoke test of the BUILT app (`make dist`), not the source tree: it starts with a PATH that has
no Python, a person follows the printed link in Chromium, creates a case, answers one step and
downloads the board draft as PDF and as Word (which proves the templates, fonts, board data and
python-docx's blank document are inside the bundle); Ctrl-C and SIGTERM each stop it with every
case locked, leaving no process and no file in the temp folder.

Skipped unless COMPLAINT_HELPER_DIST_APP names the built program; `.ci/run` builds it and runs this
file on its own (`-m dist`), so there it passes or fails, never skips.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSPHRASE
from tests.documents.conftest import docx_paragraphs, pdf_text

APP_ENV = "COMPLAINT_HELPER_DIST_APP"
LINK = re.compile(r"(http://127\.0\.0\.1:\d+/launch\?token=[\w-]+)")
NICKNAME = "Blue notebook"

pytestmark = [pytest.mark.dist, pytest.mark.browser]

WINDOWS = sys.platform == "win32"
# How each stop is asked for: Ctrl-C and SIGTERM; on Windows (the release workflow) Ctrl-Break,
# which the app handles like Ctrl-C (SIGTERM there is a hard kill that no program can handle).
STOPS: tuple[int, int] = (
    (signal.CTRL_BREAK_EVENT, signal.CTRL_BREAK_EVENT)  # type: ignore[attr-defined,unused-ignore]
    if WINDOWS
    else (signal.SIGINT, signal.SIGTERM)
)


@pytest.fixture(scope="module")
def program() -> Path:
    named = os.environ.get(APP_ENV)
    if not named:
        pytest.skip(f"no packaged app to test: build it with `make dist` and set {APP_ENV}")
    path = Path(named).resolve()
    assert path.is_file(), f"{APP_ENV}={named}, but there is no such program"
    return path


@dataclass
class Started:
    process: subprocess.Popen[str]
    link: str
    temp: Path
    banner: str  # what the console window says while the app runs


@pytest.fixture
def place(tmp_path: Path) -> Path:
    """A home, a temp folder and an empty PATH folder for the app: nothing else to lean on."""
    for name in ("home", "tmp", "bin"):
        (tmp_path / name).mkdir()
    return tmp_path


def start(program: Path, place: Path, *, own_data_dir: bool = True) -> Started:
    temp, home = str(place / "tmp"), str(place / "home")
    env = {
        "PATH": str(place / "bin"),  # no python, no anything
        "HOME": home,
        "TMPDIR": temp,
        "LANG": "C.UTF-8",
    }
    if WINDOWS:  # the runtime needs SYSTEMROOT; TEMP and USERPROFILE are the temp folder and home
        env |= {"SYSTEMROOT": os.environ["SYSTEMROOT"], "TEMP": temp, "TMP": temp}
        env |= {"USERPROFILE": home}
    assert shutil.which("python3", path=env["PATH"]) is None
    assert shutil.which("python", path=env["PATH"]) is None
    process = subprocess.Popen(
        [
            str(program),
            "--no-browser",
            *(["--data-dir", str(place / "data")] if own_data_dir else []),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=place / "home",
        creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) if WINDOWS else 0,
    )
    assert process.stdout is not None
    banner = [process.stdout.readline()]
    found = LINK.search(banner[0])
    if not found:
        process.kill()
        pytest.fail(f"no link printed: {banner!r} {process.communicate(timeout=30)}")
    while banner[-1] and "To open the app again" not in banner[-1]:  # printed all at once
        banner.append(process.stdout.readline())
    return Started(process, found.group(1), place / "tmp", "".join(banner))


def stop(started: Started, signum: int, program: Path) -> str:
    started.process.send_signal(signum)
    out, err = started.process.communicate(timeout=60)
    assert started.process.returncode == 0, err
    assert "Traceback" not in err
    assert "stopped. Your cases are locked." in out
    assert running_copies(program) == []
    assert list(started.temp.iterdir()) == []  # nothing left in the temp folder
    return out


def running_copies(program: Path) -> list[int]:
    """Processes running `program` (Linux; elsewhere the exit code above stands for it)."""
    found: list[int] = []
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                if Path(os.readlink(entry / "exe")) == program:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True)
    yield context.new_page()
    context.close()


def heading(page: Any) -> str:
    return str(page.locator("h1").first.inner_text()).strip()


def click(page: Any, role: str, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()


def test_packaged_app_serves_a_whole_small_journey_and_stops_locked(
    program: Path, place: Path, page: Any
) -> None:
    app = start(program, place)
    try:
        page.goto(app.link)
        assert "Prepare a complaint about a therapist" in heading(page)
        click(page, "link", "Start or open a case")
        page.click("text=Start a new case")
        page.fill("#nickname", NICKNAME)
        page.fill("#passphrase", PASSPHRASE)
        page.fill("#passphrase_confirm", PASSPHRASE)
        click(page, "button", "Create the case")
        click(page, "link", "Start")
        assert heading(page) == "Before you start"
        click(page, "button", "Start")
        assert heading(page) == "The therapy"
        page.get_by_label("Which state were you in during your sessions?").select_option(
            label="California"
        )
        click(page, "button", "Save and continue")
        assert heading(page) == "The professional"
        click(page, "link", "Your documents")
        with page.expect_download() as info:
            page.click("button:has-text('Download')")
        target = place / "draft.pdf"
        info.value.save_as(target)
        pdf = target.read_bytes()
        assert pdf.startswith(b"%PDF")
        assert b"DejaVu" in pdf  # the bundled font is embedded
        assert "California" in pdf_text(pdf)  # the answer and the board data made it in
        # The same draft as Word: python-docx's blank template is inside the bundle too.
        page.check("#format-board-docx")
        with page.expect_download() as info:
            page.get_by_role("button", name="Download: Complaint to the board").click()
        target = place / "draft.docx"
        info.value.save_as(target)
        assert "California" in "\n".join(docx_paragraphs(target.read_bytes()))
    finally:
        stop(app, STOPS[0], program)
    assert list((place / "home").iterdir()) == []  # nothing written outside data and temp
    # The console window says plainly what closing it does, and how to open the app again.
    assert "Closing it (or pressing Ctrl-C) locks every case and stops the app." in app.banner
    assert "To open the app again later" in app.banner

    # Started again on the same data: the case is there, and locked (it asks for the passphrase).
    again = start(program, place)
    try:
        page.goto(again.link)
        click(page, "link", "Start or open a case")
        page.click(f"tr:has-text('{NICKNAME}') >> text=Open")
        assert page.locator("#passphrase").count() == 1
    finally:
        stop(again, STOPS[1], program)


def test_packaged_app_keeps_data_where_the_source_does(
    program: Path, place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --data-dir, the packaged app and `make run` use the same per-user folder."""
    from complaint_helper.settings import default_data_dir

    if WINDOWS:
        pytest.skip("Windows finds the folder through a system call, not an environment variable")

    for name in ("XDG_DATA_HOME", "COMPLAINT_HELPER_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(place / "home"))
    expected = default_data_dir()
    app = start(program, place, own_data_dir=False)
    stop(app, STOPS[0], program)
    assert f"Your cases are kept, encrypted, in: {expected}\n" in app.banner
    assert expected.is_dir() and expected.is_relative_to(place / "home")
