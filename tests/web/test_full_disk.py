"""A full disk while the person writes: the page comes back with every word they typed and the
vault's kind sentence; once there is room again, the same press of Continue saves it.

The disk is a real 2 MiB tmpfs, filled to the brim (skipped where mounting is not allowed)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from complaint_helper.interview import repository
from complaint_helper.settings import Settings
from complaint_helper.vault import StorageUnavailable
from tests.conftest import AppClient
from tests.vault.test_vault_storage_full import tiny_tmpfs

ACCOUNT = "It started in the spring <of 2021> & I kept a diary. " * 2000  # about 100 KB


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Iterator[Settings]:
    with tiny_tmpfs(tmp_path / "disk", "2m") as disk:
        yield replace(settings, data_dir=disk / "data")


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as out:  # unbuffered: closing must not flush again
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
    return filler


def test_full_disk_keeps_the_typed_account_and_says_what_to_do(
    case_client: AppClient, settings: Settings
) -> None:
    filler = fill(settings.data_dir.parent)
    response = case_client.submit(
        "/case/interview/your-account", {"account": ACCOUNT, "action": "continue"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert StorageUnavailable().user_message.replace("'", "&#39;") in page
    assert html.escape(ACCOUNT, quote=False) in page  # every word, escaped, in the box
    assert (
        repository.load_answers(case_client.case).answers.values.get(  # type: ignore[attr-defined]
            "your-account"
        )
        is None
    )

    filler.unlink()
    again = case_client.submit(
        "/case/interview/your-account", {"account": ACCOUNT, "action": "continue"}
    )
    assert again.status_code == 303
    saved = repository.load_answers(case_client.case).answers  # type: ignore[attr-defined]
    assert saved.text("your-account", "account") == ACCOUNT


def test_full_disk_keeps_a_typed_timeline_event(case_client: AppClient, settings: Settings) -> None:
    what = "He texted me at night & said <nobody> would understand. " * 500  # about 28 KB
    filler = fill(settings.data_dir.parent)
    url = "/case/interview/timeline/items/" + repository.new_item_id()
    response = case_client.submit(url, {"what": what, "where": "By text"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "it may be full or read-only" in page
    assert html.escape(what, quote=False) in page
    assert 'value="By text"' in page

    filler.unlink()
    assert case_client.submit(url, {"what": what, "where": "By text"}).status_code == 303
    saved = repository.load_answers(case_client.case).answers  # type: ignore[attr-defined]
    assert [event.what for event in saved.timeline] == [what]
