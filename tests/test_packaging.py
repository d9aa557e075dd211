"""A non-editable install must serve pages: the wheel carries templates/, static/ and board data."""

from __future__ import annotations

import re
import site
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.conftest import HANG_GUARD_SECONDS

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        timeout=300,
    )
    return next(out.glob("complaint_helper-*.whl"))


@pytest.mark.slow
def test_wheel_carries_templates_static_and_board_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "complaint_helper/templates/base.html" in names
    assert "complaint_helper/static/css/app.css" in names
    assert "complaint_helper/static/js/app.js" in names
    assert "complaint_helper/boards/data/states/ca.json" in names


@pytest.mark.slow
def test_installed_wheel_serves_the_welcome_page(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120
    )
    python = venv / "bin" / "python"
    # Dependencies come from this test environment (appended after the new venv's own packages,
    # so the installed wheel, not the checkout, provides complaint_helper).
    target = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (target / "zz_test_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        timeout=300,
    )
    where = subprocess.run(
        [str(python), "-c", "import complaint_helper; print(complaint_helper.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert str(venv) in where.stdout, where.stdout + where.stderr
    process = subprocess.Popen(
        [str(python), "-m", "complaint_helper", "--no-browser", "--data-dir", str(tmp_path / "d")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,  # not the checkout: templates must come from the installed package
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+/launch\?token=[\w-]+)", line)
        assert found, line
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with opener.open(found.group(1), timeout=HANG_GUARD_SECONDS) as response:
            assert "Prepare a complaint about a therapist" in response.read().decode()
        base = found.group(1).split("/launch")[0]
        with opener.open(base + "/static/css/app.css", timeout=HANG_GUARD_SECONDS) as response:
            assert response.status == 200
    finally:
        process.terminate()
        process.communicate(timeout=HANG_GUARD_SECONDS)
