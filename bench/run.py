"""`make bench`: build a synthetic large case in a temporary data dir, measure the six figures
of issue #6 next to their baselines, print the table and write `bench/results.json`.

    python bench/run.py [--quick] [--out PATH] [--only unlock,interview,...]

It exits non-zero only when something errs (a request fails, a figure raises); a missed target
is reported in the table and the JSON (`met: false`), never as a failure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout (`python bench/run.py`)
    sys.path.insert(0, str(ROOT))

from bench.figures import FULL, QUICK, Plan, prepare  # noqa: E402
from bench.figures import GROUPS as FIGURE_GROUPS  # noqa: E402
from bench.measure import Figure  # noqa: E402
from bench.packaged import packaged_figures  # noqa: E402

GROUPS = {**FIGURE_GROUPS, "packaged": packaged_figures}

DEFAULT_OUT = ROOT / "bench" / "results.json"
SCHEMA = 1


def machine() -> dict[str, Any]:
    model = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": model or platform.processor() or None,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_average_at_start": load,
        "commit": _commit(),
    }


def _commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
            timeout=5,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.1f} ms" if value >= 1 else f"{value:.3f} ms"
    if unit in ("MB/s", "MB"):
        return f"{value:,.0f} {unit}" if value >= 100 else f"{value:.1f} {unit}"
    return f"{value:.2f}"


def table(figures: Sequence[Figure]) -> str:
    rows = [("figure", "value", "baseline", "ratio", "target", "met?")]
    for f in figures:
        if f.not_measured is not None:
            rows.append((f.title, "not measured", "", "", f.target, f"({f.not_measured})"))
            continue
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else ""
        met = "" if f.met is None else ("yes" if f.met else "NO")
        baseline = _number(f.baseline, f.unit)
        if f.baseline_label:
            baseline += f" · {f.baseline_label}"
        rows.append((f.title, _number(f.value, f.unit), baseline, ratio, f.target, met))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[i].ljust(widths[i]) for i in range(5)] + [row[5]]
        lines.append(" | ".join(cells).rstrip())
        if index == 0:
            lines.append("-+-".join("-" * w for w in [*widths, 4]))
    return "\n".join(lines)


def run(plan: Plan, groups: Sequence[str], out: Path) -> int:
    started = time.perf_counter()
    figures: list[Figure] = []
    errors: list[dict[str, str]] = []
    info = machine()
    print(
        f"complaint-helper bench ({plan.name}) on {info['cpu_count']} × {info['cpu_model']}, "
        f"Python {info['python']}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="ch-bench-") as temporary:
        root = Path(temporary)
        print("building the synthetic case ...", flush=True)
        workspace = prepare(plan, root)
        print(f"  built in {workspace.setup_seconds:.1f} s", flush=True)
        try:
            for name in groups:
                print(f"measuring {name} ...", flush=True)
                group_started = time.perf_counter()
                try:
                    figures.extend(GROUPS[name](plan, workspace))
                except Exception as error:  # one broken figure must not hide the others
                    errors.append(
                        {"group": name, "error": repr(error), "traceback": traceback.format_exc()}
                    )
                    print(f"  ERROR in {name}: {error!r}", file=sys.stderr, flush=True)
                else:
                    print(f"  done in {time.perf_counter() - group_started:.1f} s", flush=True)
        finally:
            workspace.vault.close()
    results = {
        "schema": SCHEMA,
        "mode": plan.name,
        "machine": info,
        "units": {"MB": "2^20 bytes"},
        "sizes": {
            "timeline_events": plan.case.events,
            "evidence_items": plan.case.evidence,
            "account_words": plan.case.account_words,
            "attachments": plan.case.attachments,
            "attachment_bytes": plan.case.attachment_bytes,
            "people": plan.case.people,
            "large_attachment_bytes": plan.attachment_bytes,
            "office_cases": plan.office_cases,
            "document_curve_events": list(plan.curve),
        },
        "setup_seconds": workspace.setup_seconds,
        "duration_seconds": time.perf_counter() - started,
        "figures": [figure.to_json() for figure in figures],
        "errors": errors,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print()
    print(table(figures))
    print()
    print(f"{len(figures)} figures in {results['duration_seconds']:.0f} s; written to {out}")
    if errors:
        print(f"{len(errors)} error(s): see 'errors' in {out}", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small, fast run (< 30 s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSON")
    parser.add_argument(
        "--only",
        default=",".join(GROUPS),
        help=f"comma-separated groups to run (default all: {','.join(GROUPS)})",
    )
    args = parser.parse_args(argv)
    groups = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in groups if name not in GROUPS]
    if unknown:
        parser.error(f"unknown group(s): {', '.join(unknown)}")
    return run(QUICK if args.quick else FULL, groups, args.out)


if __name__ == "__main__":
    raise SystemExit(main())
