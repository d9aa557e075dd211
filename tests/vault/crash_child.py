"""Child process for test_crash.py: saves in a loop and reports each acknowledged save.

Usage: python -m tests.vault.crash_child DATA_DIR CASE_ID RUN
Prints "ready", then for every save that returned: "ack <record id>" (records),
"att <attachment id> <sha256>" (attachments), and around passphrase changes
"pass-begin <to>" / "pass-ack <to>" where <to> is "a" or "b". Runs until killed.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from complaint_helper.vault import KDF_FLOOR, CaseId, Vault, WrongPassphrase

PASSPHRASES = {"a": "marble-kettle-orchid-lantern", "b": "violet-harbour-pencil-meadow"}


def main() -> None:
    data_dir, case_id, run = Path(sys.argv[1]), CaseId(sys.argv[2]), sys.argv[3]
    vault = Vault(data_dir, kdf=KDF_FLOOR)
    try:
        vault.unlock(case_id, PASSPHRASES["a"])
        current = "a"
    except WrongPassphrase:
        vault.unlock(case_id, PASSPHRASES["b"])
        current = "b"
    case = vault.unlock(case_id, PASSPHRASES[current])
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        record_id = f"r{run}-{n}"
        case.put("saves", record_id, {"run": run, "n": n, "text": "é" * (n % 50) + "✓"})
        print(f"ack {record_id}", flush=True)
        if n % 7 == 0:
            content = os.urandom(40_000 + n)
            import hashlib

            info = case.add_attachment(
                io.BytesIO(content),
                filename=f"{record_id}.bin",
                media_type="application/octet-stream",
            )
            print(f"att {info.attachment_id} {hashlib.sha256(content).hexdigest()}", flush=True)
        if n % 20 == 0:
            target = "b" if current == "a" else "a"
            print(f"pass-begin {target}", flush=True)
            vault.change_passphrase(case_id, PASSPHRASES[current], PASSPHRASES[target])
            current = target
            print(f"pass-ack {target}", flush=True)


if __name__ == "__main__":
    main()
