"""Child process for test_crash.py's import/delete test: ONE import or deletion, then it waits.

Usage: python -m tests.vault.churn_child DATA_DIR CASE_FILE RUN OPERATION
OPERATION is "import" (adding the case, or replacing it if it is there) or "delete". Prints
"ready" once the vault is open, "begin" just before the operation and "done <seconds>" once it
returned, then blocks reading stdin until it is killed. So a kill lands inside the operation
under test or after it, never in another one (issue 15: the test used to loop, and a kill landing
in the *next* import made a finished deletion look undone).
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

from complaint_helper.vault import KDF_FLOOR, CaseAlreadyExists, Vault
from tests.vault.crash_child import PASSPHRASES


def main() -> None:
    data_dir, case_file, operation = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[4]
    data = case_file.read_bytes()
    vault = Vault(data_dir, kdf=KDF_FLOOR)
    print("ready", flush=True)
    print("begin", flush=True)
    started = time.perf_counter()
    if operation == "import":
        try:
            vault.import_case(io.BytesIO(data), PASSPHRASES["a"])
        except CaseAlreadyExists:
            vault.import_case(io.BytesIO(data), PASSPHRASES["a"], replace=True)
    else:
        [summary] = vault.list_cases()
        vault.delete_case(summary.case_id)
    print(f"done {time.perf_counter() - started:.4f}", flush=True)
    sys.stdin.read()  # wait for the kill: nothing else may run after the operation


if __name__ == "__main__":
    main()
