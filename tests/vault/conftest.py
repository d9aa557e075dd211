"""Fixtures for the vault tests: cheap KDF by default, a vault in tmp_path, an open case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from complaint_helper.vault import KdfParams, UnlockedCase, Vault
from tests.vault.kdf import cheap_kdf

PASSPHRASE = "marble-kettle-orchid-lantern"
OTHER_PASSPHRASE = "violet-harbour-pencil-meadow"


@pytest.fixture(autouse=True)
def _cheap_kdf_everywhere(monkeypatch: pytest.MonkeyPatch) -> KdfParams:
    return cheap_kdf(monkeypatch)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def vault(data_dir: Path) -> Iterator[Vault]:
    v = Vault(data_dir)
    yield v
    v.close()


@pytest.fixture
def case(vault: Vault) -> UnlockedCase:
    return vault.create_case("Blue notebook", PASSPHRASE)
