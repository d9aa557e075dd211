"""The encrypted spool an upload passes through: what is written is ciphertext under a key only
the spool holds, it reads back exactly (and again after a rewind), and it leaves no file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from complaint_helper.vault import Vault

CANARY = b"SPOOL-CANARY-" + os.urandom(8).hex().encode()


def spooled_bytes(size: int) -> bytes:
    return (CANARY + os.urandom(1000)) * (size // (len(CANARY) + 1000) + 1)


def open_descriptors_under(folder: Path) -> list[str]:
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(f"/proc/self/fd/{fd}")
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_spool_holds_only_ciphertext_reads_back_and_leaves_nothing(vault: Vault) -> None:
    attachments = vault.data_dir / "attachments"
    data = spooled_bytes(3 * 1024 * 1024)
    spool = vault.spool()
    for start in range(0, len(data), 65536):  # as the form parser writes: piece by piece
        spool.write(data[start : start + 65536])
    # On disk: no name in the folder, and the bytes behind the descriptor are not the upload's.
    assert list(attachments.iterdir()) == []
    (link,) = open_descriptors_under(attachments)
    spool.seek(0)
    with open(link, "rb") as file:
        written = file.read()
    assert len(written) > len(data) and CANARY not in written
    # Read back exactly, in pieces of any size, and again after a rewind.
    assert spool.read(10) + spool.read(100_000) + spool.read() == data
    spool.seek(0)
    assert spool.read() == data
    assert spool.size == len(data)
    spool.close()
    assert spool.closed
    assert open_descriptors_under(attachments) == []
    assert list(attachments.iterdir()) == []


def test_a_detached_spool_outlives_the_request_that_made_it(vault: Vault) -> None:
    spool = vault.spool()
    spool.write(b"a case file")
    spool.seek(0)
    kept = spool.detach()
    spool.close()  # what the end of the request does: nothing happens to the kept one
    assert kept.read() == b"a case file"
    kept.close()
    assert kept.closed
