"""Reach one stored record by its kind and id, as a failing disk or an attacker with the file
would: the database holds only keyed tags, so the open case computes the tag."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from complaint_helper.vault import UnlockedCase


def envelope_of(data_dir: Path, case: UnlockedCase, kind: str, record_id: str) -> bytes:
    with sqlite3.connect(data_dir / "cases.db") as conn:
        row = conn.execute(
            "SELECT envelope FROM sealed_records WHERE case_id = ? AND record_tag = ?",
            (case.case_id, case.storage_tag(kind, record_id)),
        ).fetchone()
    assert row is not None, f"no stored record {kind}/{record_id}"
    return bytes(row[0])


def set_envelope(
    data_dir: Path, case: UnlockedCase, kind: str, record_id: str, envelope: bytes | None
) -> None:
    """Overwrite a record's stored envelope behind the app's back (None: delete its row)."""
    tag = case.storage_tag(kind, record_id)
    with sqlite3.connect(data_dir / "cases.db") as conn:
        if envelope is None:
            conn.execute(
                "DELETE FROM sealed_records WHERE case_id = ? AND record_tag = ?",
                (case.case_id, tag),
            )
        else:
            conn.execute(
                "UPDATE sealed_records SET envelope = ? WHERE case_id = ? AND record_tag = ?",
                (envelope, case.case_id, tag),
            )
