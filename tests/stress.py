"""`make test-stress`: the whole `make test`, N times in a row, while a CPU hog keeps one core busy.

A suite that only passes on a quiet machine blocks good work from landing, so this is how the
suite proves it does not flake: every run must pass while another process competes for the CPU.
Bounded and self-stopping: each run has a time limit (a hang guard), the hog stops at the end, and
the hog also stops by itself when its deadline passes or its parent is gone (so a killed driver
leaves no busy process behind). Prints one line per run and a summary, keeps each run's output in
.stress-run-N.log, and exits 1 if any run failed. PYTEST_ARGS passes through to every run.

    python -m tests.stress [--runs 5] [--run-minutes 20]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# The hog: a busy loop on one core that ends at its deadline or when its parent has gone.
HOG = """
import os, sys, time
deadline = time.monotonic() + float(sys.argv[1])
parent = os.getppid()
while time.monotonic() < deadline and os.getppid() == parent:
    for _ in range(200_000):
        pass
"""


def summary_line(output: str) -> str:
    """pytest's last "N passed, M failed in T s" line, or the last line of output."""
    found = re.findall(r"^=*\s*(\d+ (?:passed|failed).*?)\s*=*$", output, re.MULTILINE)
    if found:
        return str(found[-1])
    lines = [line for line in output.splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def run_make_test(make: str, guard_seconds: float) -> tuple[bool, str]:
    """One `make test` in its own process group, so that a hang or an interrupt stops all of it."""
    process = subprocess.Popen(
        [make, "test"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=guard_seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        return False, output + f"\ndid not finish within {guard_seconds / 60:g} minutes"
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    return process.returncode == 0, output


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run `make test` N times beside a CPU hog.")
    parser.add_argument("--runs", type=int, default=5, help="how many times (default 5)")
    parser.add_argument(
        "--run-minutes", type=float, default=40.0, help="hang guard per run (default 40)"
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.run_minutes <= 0:
        parser.error("--runs must be at least 1 and --run-minutes above 0")

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # runs the clean-up below: the make group and the hog stop

    signal.signal(signal.SIGTERM, stop)
    # Started in the background from a script, this process inherits SIGINT ignored, and so would
    # every test process: make it the default again, as in a terminal.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    make = os.environ.get("MAKE", "make")
    hog = subprocess.Popen(
        [sys.executable, "-c", HOG, str(args.runs * args.run_minutes * 60)], cwd=REPO
    )
    results: list[tuple[int, bool, float, str]] = []
    try:
        for run in range(1, args.runs + 1):
            started = time.monotonic()
            passed, output = run_make_test(make, args.run_minutes * 60)
            line = summary_line(output)
            (REPO / f".stress-run-{run}.log").write_text(output)
            seconds = time.monotonic() - started
            results.append((run, passed, seconds, line))
            verdict = "ok  " if passed else "FAIL"
            print(f"run {run}/{args.runs}: {verdict} {seconds:6.0f} s  {line}", flush=True)
    except KeyboardInterrupt:
        print(f"stopped after {len(results)} finished run(s)", flush=True)
        return 130
    finally:
        hog.kill()
        hog.wait()
    failed = [run for run, passed, _, _ in results if not passed]
    print(
        f"{len(results) - len(failed)} of {len(results)} runs of `make test` passed beside a "
        f"CPU hog on one core{f'; failed: {failed}' if failed else ''} (output: .stress-run-N.log)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
