"""Fixtures for the interview's plain-Python tests: a real case in a real SQLite vault.

The KDF runs at the vault's floor parameters so unlocking stays quick; everything else is the
production code path (encryption, SQLite on disk under tmp_path).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from complaint_helper.vault import KDF_FLOOR, StoredRecord, UnlockedCase, Vault
from tests.vault.rows import envelope_of, set_envelope

PASSPHRASE = "quiet lantern orchard pebble 42"


class CountingStore:
    """A real unlocked case that also counts record writes (each one is one transaction)."""

    def __init__(self, case: UnlockedCase, data_dir: Path) -> None:
        self.case = case
        self.data_dir = data_dir
        self.writes = 0

    def put(self, kind: str, record_id: str, value: dict[str, Any]) -> None:
        self.case.put(kind, record_id, value)
        self.writes += 1

    def put_many(self, records: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
        self.case.put_many(records)
        self.writes += 1

    def get(self, kind: str, record_id: str) -> dict[str, Any] | None:
        return self.case.get(kind, record_id)

    def all(self, kind: str) -> list[StoredRecord]:
        return self.case.all(kind)

    def delete(self, kind: str, record_id: str) -> None:
        self.case.delete(kind, record_id)

    def damage(self, kind: str, record_id: str) -> None:
        """Flip a byte in one record's ciphertext on disk, as a failing disk would."""
        damaged = bytearray(envelope_of(self.data_dir, self.case, kind, record_id))
        damaged[-1] ^= 0x01
        set_envelope(self.data_dir, self.case, kind, record_id, bytes(damaged))


def open_store(data_dir: Path) -> Iterator[CountingStore]:
    vault = Vault(data_dir, kdf=KDF_FLOOR)
    case = vault.create_case("interview test", PASSPHRASE)
    try:
        yield CountingStore(case, data_dir)
    finally:
        vault.close()


@pytest.fixture
def record_store(tmp_path: Path) -> Iterator[CountingStore]:
    yield from open_store(tmp_path / "data")


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CountingStore]:
    """One case for many hypothesis examples (a fresh vault per example would be too slow)."""
    yield from open_store(tmp_path_factory.mktemp("data"))


def refuse_writes_of(data_dir: Path, case: UnlockedCase, kind: str, record_id: str) -> None:
    """Make the real database refuse any write of one record, as a crash at that moment would:
    SQLite aborts the statement and the transaction that holds it rolls back. (Records are
    stored under keyed tags, so the open case names the row.)"""
    tag = case.storage_tag(kind, record_id).hex()
    with sqlite3.connect(data_dir / "cases.db") as db:
        for event in ("INSERT", "UPDATE"):
            db.execute(
                f"CREATE TRIGGER refuse_{kind}_{event.lower()} BEFORE {event} ON sealed_records "
                f"WHEN NEW.record_tag = X'{tag}' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )


def allow_writes_again(data_dir: Path, kind: str) -> None:
    with sqlite3.connect(data_dir / "cases.db") as db:
        for event in ("insert", "update"):
            db.execute(f"DROP TRIGGER IF EXISTS refuse_{kind}_{event}")
