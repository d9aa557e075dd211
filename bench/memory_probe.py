"""Peak memory growth of one attachment encrypt and one decrypt, in a fresh process.

Run by the attachments figure as `python -m bench.memory_probe SOURCE DATA_DIR`; prints one
JSON object. A fresh process matters: in the bench's own process the allocator's free lists
are already full from earlier figures, so the resident size would not grow even if the vault
held whole chunks it should not — the figure would flatter the code.

Resident size (Linux VmRSS/VmHWM, the peak reset through /proc/self/clear_refs) sees memory
allocated by C and Rust too; tracemalloc sees Python's allocator only. Both are reported.
"""

from __future__ import annotations

import gc
import json
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from bench.large_case import PASSPHRASE
from complaint_helper.vault import KDF_FLOOR, UnlockedCase, Vault

MB = 1024 * 1024


def _status_kib(field_name: str) -> int | None:
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    return None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def rss_growth_mb(action: Callable[[], object]) -> float | None:
    """Peak resident size during `action` minus the size before it, or None off Linux."""
    gc.collect()
    before = _status_kib("VmRSS")
    if before is None or not _reset_peak():
        action()
        return None
    action()
    peak = _status_kib("VmHWM")
    return None if peak is None else max(0, peak - before) / 1024


def traced_peak_mb(action: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / MB


class AttachmentRoundTrip:
    """Store `source` as an attachment, read it back, forget it: the work that both the speed
    figures (bench/figures.py) and the memory probe measure."""

    def __init__(self, case: UnlockedCase, source: Path) -> None:
        self._case = case
        self._source = source
        self._size = source.stat().st_size
        self._stored: list[str] = []

    def encrypt(self) -> None:
        with self._source.open("rb") as handle:
            info = self._case.add_attachment(
                handle, filename="recording.m4a", media_type="audio/mp4", max_bytes=self._size
            )
        self._stored.append(info.attachment_id)

    def decrypt(self) -> None:
        for _chunk in self._case.read_attachment(self._stored[-1]):
            pass

    def forget(self) -> None:
        while self._stored:
            self._case.delete_attachment(self._stored.pop())


def probe(source: Path, data_dir: Path) -> dict[str, float | None]:
    vault = Vault(data_dir, kdf=KDF_FLOOR)
    round_trip = AttachmentRoundTrip(vault.create_case("Memory", PASSPHRASE), source)
    encrypt, decrypt, forget = round_trip.encrypt, round_trip.decrypt, round_trip.forget

    results: dict[str, float | None] = {}
    results["encrypt_rss_mb"] = rss_growth_mb(encrypt)
    results["decrypt_rss_mb"] = rss_growth_mb(decrypt)
    forget()
    results["encrypt_tracemalloc_mb"] = traced_peak_mb(encrypt)
    results["decrypt_tracemalloc_mb"] = traced_peak_mb(decrypt)
    forget()
    vault.close()
    return results


def main(argv: list[str]) -> int:
    source, data_dir = Path(argv[0]), Path(argv[1])
    print(json.dumps(probe(source, data_dir)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
