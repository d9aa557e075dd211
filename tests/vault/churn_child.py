"""Child process for test_crash.py's import/delete test: replaces and deletes a case in a loop.

Usage: python -m tests.vault.churn_child DATA_DIR CASE_FILE RUN
Prints "ready", then "imported" after each acknowledged import, "ack <record id>" after each
acknowledged save, "delete-begin" before and "deleted" after each deletion. Runs until killed.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from complaint_helper.vault import KDF_FLOOR, CaseAlreadyExists, Vault
from tests.vault.crash_child import PASSPHRASES


def main() -> None:
    data_dir, case_file, run = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    data = case_file.read_bytes()
    vault = Vault(data_dir, kdf=KDF_FLOOR)
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        try:
            summary = vault.import_case(io.BytesIO(data))
        except CaseAlreadyExists:
            summary = vault.import_case(io.BytesIO(data), replace=True)
        print("imported", flush=True)
        if n % 4 == 1:  # unlocking costs a key derivation: keep most of the time in import/delete
            case = vault.unlock(summary.case_id, PASSPHRASES["a"])
            record_id = f"extra-{run}-{n}"
            case.put("extras", record_id, {"n": n})
            print(f"ack {record_id}", flush=True)
        if n % 3 == 0:
            print("delete-begin", flush=True)
            vault.delete_case(summary.case_id)
            print("deleted", flush=True)


if __name__ == "__main__":
    main()
