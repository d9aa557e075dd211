"""The data dir on disk: SQLite settings, schema versions, permissions, crash leftovers."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest

from complaint_helper.vault import UnlockedCase, Vault, VaultError
from complaint_helper.vault.store import MIGRATIONS, CaseStore


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_sqlite_runs_in_wal_with_full_sync_fk_and_secure_delete(data_dir: Path) -> None:
    store = CaseStore(data_dir)
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    store.close()


def test_schema_is_versioned_from_the_first_release(data_dir: Path) -> None:
    CaseStore(data_dir).close()
    with sqlite3.connect(data_dir / "cases.db") as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    assert versions == list(range(1, len(MIGRATIONS) + 1))


def test_reopening_does_not_reapply_migrations(data_dir: Path) -> None:
    CaseStore(data_dir).close()
    store = CaseStore(data_dir)
    assert store.schema_version() == len(MIGRATIONS)
    store.close()


def test_newer_schema_is_refused_plainly(data_dir: Path) -> None:
    CaseStore(data_dir).close()
    with sqlite3.connect(data_dir / "cases.db") as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (999, 'future')")
    with pytest.raises(VaultError, match="newer version"):
        CaseStore(data_dir)


def test_folders_are_0700_and_files_0600(vault: Vault, case: UnlockedCase, data_dir: Path) -> None:
    import io

    case.put("answers", "a", {"x": 1})
    case.add_attachment(io.BytesIO(b"x" * 100), filename="a.txt", media_type="text/plain")
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "attachments") == 0o700
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"cases.db", "cases.db-wal", "cases.db-shm"}
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_files_stay_private_under_a_permissive_umask(data_dir: Path) -> None:
    old = os.umask(0)
    try:
        v = Vault(data_dir)
        v.create_case("Case", "marble-kettle-orchid-lantern").put("a", "b", {"c": 1})
    finally:
        os.umask(old)
    assert all(mode(p) & 0o077 == 0 for p in data_dir.rglob("*"))
    v.close()


def test_existing_wide_data_dir_is_tightened(tmp_path: Path) -> None:
    data_dir = tmp_path / "wide"
    data_dir.mkdir(mode=0o755)
    os.chmod(data_dir, 0o755)  # noqa: S103 - the point of the test
    Vault(data_dir).close()
    assert mode(data_dir) == 0o700


def test_integrity_check_is_ok(vault: Vault, case: UnlockedCase) -> None:
    case.put("answers", "a", {"x": 1})
    assert vault.integrity_check() == "ok"


def test_old_temp_and_orphan_files_are_swept_at_start(data_dir: Path) -> None:
    Vault(data_dir).close()
    folder = data_dir / "attachments"
    leftovers = [folder / ".tmp-0123", folder / ("ab" * 16 + ".chblob")]
    fresh = folder / ".tmp-fresh"
    for path in [*leftovers, fresh]:
        path.write_bytes(b"partial")
    old = time.time() - 3600
    for path in leftovers:
        os.utime(path, (old, old))
    Vault(data_dir).close()
    assert not any(p.exists() for p in leftovers)
    assert fresh.exists(), "a young temp file may belong to another running process"


def test_referenced_attachment_files_are_not_swept(
    vault: Vault, case: UnlockedCase, data_dir: Path
) -> None:
    import io

    info = case.add_attachment(io.BytesIO(b"keep me"), filename="k.txt", media_type="text/plain")
    old = time.time() - 3600
    for path in (data_dir / "attachments").iterdir():
        os.utime(path, (old, old))
    again = Vault(data_dir)
    opened = again.unlock(case.case_id, "marble-kettle-orchid-lantern")
    assert b"".join(opened.read_attachment(info.attachment_id)) == b"keep me"
    again.close()
