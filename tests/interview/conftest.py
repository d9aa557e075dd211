"""Fixtures for the interview's plain-Python tests.

`record_store` is a small in-memory stand-in with the vault's record semantics (JSON in and out,
insertion order kept on replace, damaged records reported) used until the vault lands on main;
then it becomes a real case in a real SQLite vault under tmp_path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest


@dataclass(frozen=True)
class MemoryRecord:
    record_id: str
    value: dict[str, Any] | None
    damaged: bool


class MemoryRecordStore:
    """Records as JSON text, so anything that would not survive the vault's encoding fails here."""

    def __init__(self) -> None:
        self.records: dict[tuple[str, str], str] = {}
        self.writes = 0

    def put(self, kind: str, record_id: str, value: dict[str, Any]) -> None:
        self.records[(kind, record_id)] = json.dumps(value, ensure_ascii=False, allow_nan=False)
        self.writes += 1

    def get(self, kind: str, record_id: str) -> dict[str, Any] | None:
        text = self.records.get((kind, record_id))
        return None if text is None else dict(json.loads(text))

    def all(self, kind: str) -> list[MemoryRecord]:
        out = []
        for (k, record_id), text in self.records.items():
            if k != kind:
                continue
            try:
                out.append(MemoryRecord(record_id, dict(json.loads(text)), False))
            except ValueError:
                out.append(MemoryRecord(record_id, None, True))
        return out

    def delete(self, kind: str, record_id: str) -> None:
        self.records.pop((kind, record_id), None)

    def damage(self, kind: str, record_id: str) -> None:
        self.records[(kind, record_id)] = "\x00not json"


@pytest.fixture
def record_store() -> MemoryRecordStore:
    return MemoryRecordStore()
