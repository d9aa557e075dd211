"""Disk full and read-only disks give StorageUnavailable and leave the previous state intact.

How this is simulated (we run as root, so chmod cannot make a folder read-only):
- everywhere: a child process lowers RLIMIT_FSIZE so the kernel refuses writes past a size
  (EFBIG, the way a full disk refuses them with ENOSPC), and saves through the real vault;
- where `mount` is allowed (root in this container): a real 2 MiB tmpfs filled to the brim, and
  the same tmpfs remounted read-only. Skipped, not faked, where mounting is not allowed.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from complaint_helper.vault import KDF_FLOOR, StorageUnavailable, Vault
from tests.conftest import HANG_GUARD_SECONDS
from tests.vault.conftest import PASSPHRASE

REPO = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import io, json, resource, signal, sys
    from pathlib import Path
    from complaint_helper.vault import KDF_FLOOR, StorageUnavailable, Vault

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    vault = Vault(Path(sys.argv[1]), kdf=KDF_FLOOR)
    case = vault.create_case("Case", "marble-kettle-orchid-lantern")
    case.put("answers", "kept", {"text": "saved before the disk filled"})
    limit = 4 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    outcome = {"case_id": case.case_id}
    try:
        case.put("answers", "big", {"text": "x" * (8 * 1024 * 1024)})
        outcome["record"] = "saved"
    except StorageUnavailable as exc:
        outcome["record"] = exc.user_message
    try:
        case.add_attachment(io.BytesIO(b"y" * (8 * 1024 * 1024)), filename="big.bin",
                            media_type="application/octet-stream")
        outcome["attachment"] = "saved"
    except StorageUnavailable as exc:
        outcome["attachment"] = exc.user_message
    try:
        case.put("answers", "kept", {"text": "small change after the failure"})
        outcome["small"] = "saved"
    except StorageUnavailable:
        outcome["small"] = "refused"
    print(json.dumps(outcome))
    """
)


def test_file_size_limit_gives_storage_unavailable_and_keeps_old_state(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    import json

    outcome = json.loads(out.stdout)
    assert outcome["record"] == StorageUnavailable().user_message
    assert outcome["attachment"] == StorageUnavailable().user_message
    vault = Vault(data_dir)
    case = vault.unlock(outcome["case_id"], PASSPHRASE)
    assert vault.integrity_check() == "ok"
    assert case.get("answers", "big") is None
    assert case.attachments() == []
    expected = (
        "small change after the failure"
        if outcome["small"] == "saved"
        else "saved before the disk filled"
    )
    assert case.get("answers", "kept") == {"text": expected}
    assert [p.name for p in (data_dir / "attachments").iterdir()] == []
    vault.close()


@contextlib.contextmanager
def tiny_tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_full_disk_gives_storage_unavailable_and_keeps_old_state(tmp_path: Path) -> None:
    with tiny_tmpfs(tmp_path / "disk", "2m") as disk:
        data_dir = disk / "data"
        vault = Vault(data_dir, kdf=KDF_FLOOR)
        case = vault.create_case("Case", PASSPHRASE)
        case.put("answers", "kept", {"text": "saved before the disk filled"})
        with pytest.raises(StorageUnavailable):
            case.put("answers", "big", {"text": "x" * (4 * 1024 * 1024)})
        with pytest.raises(StorageUnavailable):
            case.add_attachment(
                io.BytesIO(b"y" * (4 * 1024 * 1024)),
                filename="b",
                media_type="application/octet-stream",
            )
        assert [p.name for p in (data_dir / "attachments").iterdir()] == []
        assert case.get("answers", "kept") == {"text": "saved before the disk filled"}
        vault.close()
        reopened = Vault(data_dir, kdf=KDF_FLOOR)
        assert reopened.integrity_check() == "ok"
        again = reopened.unlock(case.case_id, PASSPHRASE)
        assert again.get("answers", "kept") == {"text": "saved before the disk filled"}
        assert again.get("answers", "big") is None
        reopened.close()


def test_read_only_disk_gives_storage_unavailable_and_keeps_data(tmp_path: Path) -> None:
    """A data dir on a read-only disk is refused with the plain message; nothing is lost."""
    with tiny_tmpfs(tmp_path / "disk", "8m") as disk:
        data_dir = disk / "data"
        vault = Vault(data_dir, kdf=KDF_FLOOR)
        case = vault.create_case("Case", PASSPHRASE)
        case.put("answers", "kept", {"text": "saved before"})
        vault.close()
        remount = subprocess.run(
            ["mount", "-o", "remount,ro", str(disk)], capture_output=True, check=False
        )
        if remount.returncode != 0:
            pytest.skip("remounting read-only is not allowed here")
        with pytest.raises(StorageUnavailable) as raised:
            Vault(data_dir, kdf=KDF_FLOOR)
        assert "read-only" in raised.value.user_message
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        reopened = Vault(data_dir, kdf=KDF_FLOOR)
        assert reopened.unlock(case.case_id, PASSPHRASE).get("answers", "kept") == {
            "text": "saved before"
        }
        reopened.close()
