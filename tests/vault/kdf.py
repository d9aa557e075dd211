"""Cheap Argon2id parameters for tests: reuse `cheap_kdf(monkeypatch)` in any test suite.

Production unlocks cost ~0.5 s and 256 MiB on purpose; tests derive hundreds of keys, so they use
the floor (19 MiB, t=2, p=1: ~25 ms). `cheap_kdf` lowers the default for every `Vault` built
without explicit parameters and returns the params for code that takes them explicitly.
"""

from __future__ import annotations

import pytest

from complaint_helper.vault import KDF_FLOOR, KdfParams
from complaint_helper.vault import case as case_module


def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> KdfParams:
    monkeypatch.setattr(case_module, "DEFAULT_KDF", KDF_FLOOR)
    return KDF_FLOOR
