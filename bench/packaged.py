"""The packaged app's figures for `make bench` (issue 18): start to first page of the program that
`make dist` built, next to the source start (`python -m complaint_helper`, what `make run` does)
taken in the same run, turn by turn; and the size of the archive a person downloads.

Its own module so the packaged app's figures stay apart from the others; `bench/run.py` adds the
group as `packaged`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.figures import ROOT, Plan, Workspace, start_to_first_page
from bench.measure import Figure, median, not_measured, time_interleaved, time_once

DIST = ROOT / "dist"
PROGRAM = (
    DIST
    / "complaint-helper"
    / ("complaint-helper.exe" if sys.platform == "win32" else "complaint-helper")
)
START_TARGET_S = 3.0


def archive() -> Path | None:
    found = sorted(DIST.glob("complaint-helper-*.tar.gz")) + sorted(
        DIST.glob("complaint-helper-*.zip")
    )
    return found[0] if found else None


def packaged_figures(plan: Plan, ws: Workspace) -> list[Figure]:
    start_title = "Packaged app: process start to first page"
    size_title = "Packaged app: archive size"
    if not PROGRAM.is_file():
        reason = "no packaged app in dist/: run `make dist` (make bench builds it)"
        return [
            not_measured(
                "packaged.first_page", start_title, "s", f"≤ {START_TARGET_S:g} s", reason
            ),
            not_measured("packaged.archive_mb", size_title, "MB", "", reason),
        ]
    packaged_dir = ws.root / "packaged-data"
    source_dir = ws.root / "source-data"
    # The first start after the build, before any warm-up: the coldest the files will be here.
    first = time_once(lambda: start_to_first_page(packaged_dir, [str(PROGRAM)]))
    times = time_interleaved(
        {
            "packaged": lambda: start_to_first_page(packaged_dir, [str(PROGRAM)]),
            "source": lambda: start_to_first_page(source_dir),
        },
        plan.start_repeats,
    )
    value = median(times["packaged"])
    figures = [
        Figure(
            key="packaged.first_page",
            title=start_title,
            unit="s",
            how="spawn dist/complaint-helper/complaint-helper --no-browser, read the printed URL, "
            "GET the launch URL, follow its redirect, first page 200; baseline: the same for "
            "python -m complaint_helper (make run), taking turns",
            value=value,
            baseline=median(times["source"]),
            baseline_label="python -m complaint_helper",
            target=f"≤ {START_TARGET_S:g} s",
            met=value <= START_TARGET_S,
            samples=len(times["packaged"]),
            details={"first_start_after_build_s": first},
        )
    ]
    bundle = archive()
    if bundle is None:
        figures.append(not_measured("packaged.archive_mb", size_title, "MB", "", "no archive"))
    else:
        figures.append(
            Figure(
                key="packaged.archive_mb",
                title=size_title,
                unit="MB",
                how=f"size of dist/{bundle.name}",
                value=bundle.stat().st_size / 2**20,
                samples=1,
                details={"app_folder_mb": _folder_mb(PROGRAM.parent)},
            )
        )
    return figures


def _folder_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 2**20
