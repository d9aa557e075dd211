"""The bench must not rot: `bench/run.py --quick` runs end to end and writes results of the
agreed shape; the statistics it reports are right."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.measure import fit_exponent, percentile

ROOT = Path(__file__).resolve().parents[2]
GROUPS = ("unlock", "interview", "document", "attachments", "start", "office")
FIGURE_FIELDS = {
    "key",
    "title",
    "unit",
    "how",
    "value",
    "baseline",
    "baseline_label",
    "ratio",
    "target",
    "met",
    "samples",
    "p95",
    "not_measured",
    "details",
}
# Only a hang fails: how long the quick run takes is a figure `make bench` reports, never a test
# budget (CI runs on a busy machine).
HANG_GUARD_SECONDS = 900


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("bench") / "results.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        cwd=ROOT,
        check=False,
    )
    return {
        "returncode": done.returncode,
        "stdout": done.stdout,
        "stderr": done.stderr,
        "results": json.loads(out.read_text(encoding="utf-8")) if out.exists() else None,
    }


@pytest.mark.slow
def test_quick_run_exits_cleanly_and_prints_the_table(quick_run: dict[str, Any]) -> None:
    assert quick_run["returncode"] == 0, quick_run["stderr"][-2000:]
    assert "figure" in quick_run["stdout"] and "target" in quick_run["stdout"]
    assert quick_run["results"]["errors"] == []


@pytest.mark.slow
def test_quick_run_records_the_machine(quick_run: dict[str, Any]) -> None:
    results = quick_run["results"]
    assert results["schema"] == 1 and results["mode"] == "quick"
    machine = results["machine"]
    assert isinstance(machine["cpu_count"], int) and machine["cpu_count"] >= 1
    assert machine["python"].count(".") == 2
    assert machine["date"].startswith("20")
    assert "cpu_model" in machine


@pytest.mark.slow
def test_every_group_reports_figures_of_the_agreed_shape(quick_run: dict[str, Any]) -> None:
    figures = quick_run["results"]["figures"]
    for group in GROUPS:
        assert any(f["key"].startswith(group + ".") for f in figures), group
    for figure in figures:
        assert set(figure) == FIGURE_FIELDS, figure["key"]


@pytest.mark.slow
def test_each_figure_is_measured_or_says_why_not(quick_run: dict[str, Any]) -> None:
    for figure in quick_run["results"]["figures"]:
        if figure["not_measured"] is not None:
            assert figure["value"] is None and figure["not_measured"].strip(), figure["key"]
        else:
            assert isinstance(figure["value"], float) and math.isfinite(figure["value"])
            assert figure["how"].strip(), figure["key"]
            assert figure["samples"] >= 1


@pytest.mark.slow
def test_quick_run_reports_how_long_it_took(quick_run: dict[str, Any]) -> None:
    duration = quick_run["results"]["duration_seconds"]
    assert isinstance(duration, float) and duration > 0


@pytest.mark.parametrize("power", [1.0, 2.0, 0.5])
def test_fit_exponent_recovers_the_power_of_growth(power: float) -> None:
    sizes = [10.0, 100.0, 1000.0]
    assert fit_exponent(sizes, [3e-4 * n**power for n in sizes]) == pytest.approx(power)


def test_percentile_interpolates_between_ranks() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)
    assert percentile([7.0], 95) == 7.0
