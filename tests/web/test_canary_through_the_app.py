"""Canary through the web app: words typed into pages and a file uploaded as evidence appear
nowhere on disk — not in the data dir (db, -wal, -shm, attachments) and not in the system temp dir —
in any encoding the app uses."""

from __future__ import annotations

import io
import secrets
import tempfile
from pathlib import Path

import pytest
from flask import Flask

from complaint_helper.web.app_state import state_of
from tests.conftest import AppClient
from tests.vault.test_vault_canary import encodings, files_under, found_in


@pytest.mark.slow
def test_words_and_files_sent_through_the_app_never_reach_the_disk_readable(
    app: Flask, case_client: AppClient, settings: object
) -> None:
    token = secrets.token_hex(6)
    canaries = {
        "account": f"Whitcombe-kissed-{token}-Ελένη-ñ",
        "name": f"Dr Canary {token} Ωμέγα",
        "event": f"Sacramento office 7pm {token} 😊",
        "file": f"screenshot-of-texts-{token}",
        "filename": f"texts-from-dr-{token}.png",
    }
    assert (
        case_client.submit(
            "/case/interview/your-account",
            {"account": canaries["account"] * 50, "action": "continue"},
        ).status_code
        == 303
    )
    assert (
        case_client.submit(
            "/case/interview/professional", {"name": canaries["name"], "action": "continue"}
        ).status_code
        == 303
    )
    assert (
        case_client.submit(
            "/case/interview/timeline/items/ev1", {"what": canaries["event"], "action": "save"}
        ).status_code
        == 303
    )
    body = b"\x89PNG\r\n\x1a\n" + (canaries["file"] + "\n").encode() * 50_000  # ~1.5 MB
    response = case_client.submit(
        "/case/interview/evidence/items/file1",
        {
            "kind": "messages",
            "description": "Texts",
            "action": "save",
            "file": (io.BytesIO(body), canaries["filename"]),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    attachments = case_client.case.attachments()  # type: ignore[attr-defined]
    assert [a.size for a in attachments] == [len(body)]
    # The app shows it all back to the person who unlocked the case ...
    page = case_client.get("/case/interview/check-answers").get_data(as_text=True)
    assert canaries["name"] in page
    # ... and then everything is locked and scanned.
    case_client.submit("/lock")
    state_of(app).vault.close()

    needles = {form: name for name, text in canaries.items() for form in encodings(text)}
    hits: dict[str, list[str]] = {}
    scanned = 0
    data_dir: Path = settings.data_dir  # type: ignore[attr-defined]
    for root in (data_dir, Path(tempfile.gettempdir())):
        for path in files_under(root):
            scanned += 1
            for needle in found_in(path, set(needles)):
                hits.setdefault(needles[needle], []).append(str(path))
    assert scanned >= 3
    assert hits == {}
