"""The `complaint-helper` command: help, plain errors with exit code 2, and a real server start."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from complaint_helper.cli import main
from tests.conftest import HANG_GUARD_SECONDS

REPO = Path(__file__).resolve().parent.parent


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "complaint_helper", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        timeout=HANG_GUARD_SECONDS,
    )


def test_help_describes_the_tool() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "licensing board" in result.stdout


def test_serve_help_lists_its_options() -> None:
    result = run_cli("serve", "--help")
    assert result.returncode == 0
    for option in ("--port", "--data-dir", "--no-browser"):
        assert option in result.stdout


@pytest.mark.parametrize(
    "args",
    [("--port", "not-a-number"), ("--port", "70000"), ("serve", "--bogus"), ("frobnicate",)],
)
def test_bad_arguments_give_one_plain_line_and_exit_2(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_port_out_of_range_in_process_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["serve", "--port", "-5"])
    assert raised.value.code == 2


def open_launch_url(url: str) -> str:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    with opener.open(url, timeout=HANG_GUARD_SECONDS) as response:
        return str(response.read().decode())


def stop_with_ctrl_c(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Ctrl-C, then wait for the process to end (the event). The guard only turns a hang into a
    failure, and a process that did not stop is killed rather than left behind."""
    process.send_signal(signal.SIGINT)
    try:
        return process.communicate(timeout=HANG_GUARD_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail("the app did not stop on Ctrl-C")


@pytest.mark.parametrize("sigint", ["default", "inherited as ignored"])
def test_serve_prints_one_url_serves_the_welcome_page_and_stops_cleanly(
    tmp_path: Path, sigint: str
) -> None:
    """Started from a non-interactive shell in the background, a process inherits SIGINT ignored;
    Ctrl-C must stop the app all the same (it once hung the whole suite run that way)."""
    data_dir = tmp_path / "data"

    def ignore_sigint() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    process = subprocess.Popen(
        [sys.executable, "-m", "complaint_helper", "--no-browser", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        preexec_fn=ignore_sigint if sigint != "default" else None,
    )
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+/launch\?token=[\w-]+)", first_line)
        assert found, first_line
        assert first_line.count("http://") == 1
        page = open_launch_url(found.group(1))
        assert "Prepare a complaint about a therapist" in page
        assert data_dir.is_dir()
        assert (data_dir.stat().st_mode & 0o777) == 0o700
    finally:
        out, err = stop_with_ctrl_c(process)
    assert process.returncode == 0
    assert "Traceback" not in err
    assert "stopped" in out


def test_data_dir_from_environment(tmp_path: Path) -> None:
    from complaint_helper.settings import load_settings

    settings = load_settings({"COMPLAINT_HELPER_DATA_DIR": str(tmp_path / "env-dir")})
    assert settings.data_dir == tmp_path / "env-dir"
    explicit = load_settings(
        {"COMPLAINT_HELPER_DATA_DIR": str(tmp_path / "env-dir")}, data_dir=str(tmp_path / "flag")
    )
    assert explicit.data_dir == tmp_path / "flag"


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"COMPLAINT_HELPER_IDLE_LOCK_MINUTES": "soon"}, "number of minutes"),
        ({"COMPLAINT_HELPER_IDLE_LOCK_MINUTES": "0"}, "between 1 and 1440"),
        ({"COMPLAINT_HELPER_EXIT_URL": "http://example.com"}, "https://"),
    ],
)
def test_bad_environment_values_are_explained(env: dict[str, str], fragment: str) -> None:
    from complaint_helper.settings import SettingsError, load_settings

    with pytest.raises(SettingsError, match=fragment):
        load_settings(env)


def test_unusable_data_dir_gives_one_plain_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    result = run_cli("--no-browser", "--data-dir", str(blocker / "data"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args", [("boards", "--list"), ("boards", "--state", "CA", "--profession", "psychologist")]
)
def test_boards_into_a_closed_pipe_stops_quietly(args: tuple[str, ...]) -> None:
    """`complaint-helper boards --list | head` ends without a BrokenPipeError traceback: here the
    reader is gone before the command writes anything, so every write finds the pipe closed."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "complaint_helper", *args],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            timeout=HANG_GUARD_SECONDS,
        )
    finally:
        os.close(writer)
    assert result.stderr == ""
    assert result.returncode == 0


def test_boards_lang_es_from_the_command_line() -> None:
    result = run_cli("boards", "--state", "CA", "--profession", "psychologist", "--lang", "es")
    assert result.returncode == 0 and result.stderr == ""
    assert "Por qué: Usted estaba en California durante las sesiones." in result.stdout
    assert "Why:" not in result.stdout
