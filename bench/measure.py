"""Timing, statistics and the record of one figure (what the table prints and the JSON holds).

Every figure is a median of repeated runs, next to a baseline measured in the same run, so a slow
or busy machine shows up in both and the ratio stays meaningful. Targets are tracked, not
tested: a missed target is reported (`met: false`), never raised.
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any


def time_once(action: Callable[[], object]) -> float:
    """Seconds one call takes (perf_counter; garbage collection left on, as in the real app)."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def time_runs(action: Callable[[], object], repeats: int, *, warmup: int = 1) -> list[float]:
    """Seconds per call for `repeats` calls, after `warmup` unmeasured calls."""
    for _ in range(warmup):
        action()
    gc.collect()
    return [time_once(action) for _ in range(repeats)]


def time_interleaved(
    actions: Mapping[str, Callable[[], object]], repeats: int, *, warmup: int = 1
) -> dict[str, list[float]]:
    """Seconds per call for each action, taking turns (A, B, A, B ...).

    Taking turns means a figure and its baseline see the same background load on a shared
    machine, so their ratio stays honest even when the absolute numbers wobble.
    """
    for _ in range(warmup):
        for action in actions.values():
            action()
    gc.collect()
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeats):
        for name, action in actions.items():
            times[name].append(time_once(action))
    return times


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation between closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    position = (len(ordered) - 1) * q / 100.0
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def fit_exponent(sizes: Sequence[float], seconds: Sequence[float]) -> float:
    """Slope of log(seconds) against log(size) by least squares: 1.0 is linear growth."""
    if len(sizes) != len(seconds) or len(sizes) < 2:
        raise ValueError("need at least two (size, seconds) points")
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in seconds]
    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


@dataclass
class Figure:
    """One line of the table.

    `value` is the median (or the figure's single summary number) in `unit`; `baseline` is the
    comparison measured in the same run, in the same unit. `not_measured` holds the reason when
    the figure could not be taken (for example a screen that has not landed yet); then `value`
    is None. `how` says what exactly was timed, so nobody mistakes a library call for a request.
    """

    key: str
    title: str
    unit: str
    how: str
    value: float | None = None
    baseline: float | None = None
    baseline_label: str = ""
    target: str = ""
    met: bool | None = None
    samples: int = 0
    p95: float | None = None
    not_measured: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def not_measured(key: str, title: str, unit: str, target: str, reason: str) -> Figure:
    """A figure that cannot be taken yet; it is reported with its reason, never invented."""
    return Figure(key=key, title=title, unit=unit, how="", target=target, not_measured=reason)
