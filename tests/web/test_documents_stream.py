"""The exhibit bundle over the real server (cheroot): streamed, and cut off — never completed —
when a file turns out to be damaged part-way through.
"""

from __future__ import annotations

import http.client
import io
import os
import zipfile
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import pytest

from complaint_helper.interview import repository
from complaint_helper.interview.model import Answers, EvidenceFile
from complaint_helper.vault import UnlockedCase, Vault
from complaint_helper.web.app_state import state_of
from complaint_helper.web.session import SESSION_COOKIE
from tests.conftest import HANG_GUARD_SECONDS, PASSPHRASE, open_case_for
from tests.stories import make_maya

SIZE = 3 * 1024 * 1024  # several of the vault's 1 MB read chunks


def let_in(server: Any) -> str:
    """Exchange the launch token for a session cookie, as the browser does; return the id."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=HANG_GUARD_SECONDS)
    connection.request("GET", server.url.removeprefix(server.base))
    response = connection.getresponse()
    response.read()
    connection.close()
    cookie = SimpleCookie(response.headers["Set-Cookie"])
    return cookie[SESSION_COOKIE].value


def case_with_big_file(server: Any) -> tuple[UnlockedCase, bytes, str]:
    vault: Vault = state_of(server.app).vault
    case = vault.create_case("Stream case", PASSPHRASE)
    data = os.urandom(SIZE)
    # A text file: nothing hidden to remove, so it is streamed in pieces whatever its size.
    info = case.add_attachment(io.BytesIO(data), filename="log.txt", media_type="text/plain")
    answers = make_maya()
    item = answers.evidence[0]
    item.files = [
        EvidenceFile(
            info.attachment_id, "log.txt", "text/plain", size=info.size, sha256=info.sha256
        )
    ]
    repository.save_item(case, Answers(), item)
    session_id = let_in(server)
    open_case_for(server.app, session_id, case)
    return case, data, session_id


def fetch_bundle(server: Any, session_id: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=HANG_GUARD_SECONDS)
    connection.request(
        "GET",
        "/case/document/download?kind=exhibits",
        headers={"Cookie": f"{SESSION_COOKIE}={session_id}"},
    )
    response = connection.getresponse()
    try:
        return response.status, response.read()
    finally:
        connection.close()


def test_bundle_streams_whole_over_the_real_server(live_server: Any) -> None:
    _, data, session_id = case_with_big_file(live_server)
    status, body = fetch_bundle(live_server, session_id)
    assert status == 200
    with zipfile.ZipFile(io.BytesIO(body)) as bundle:
        assert bundle.read("Exhibit 01.txt") == data


def test_damage_part_way_through_cuts_the_download_off(live_server: Any, settings: Any) -> None:
    _, _, session_id = case_with_big_file(live_server)
    (blob,) = list((Path(settings.data_dir) / "attachments").iterdir())
    damaged = bytearray(blob.read_bytes())
    damaged[int(len(damaged) * 0.8)] ^= 0x01  # after the first chunks have gone out
    blob.write_bytes(bytes(damaged))
    with pytest.raises(http.client.IncompleteRead) as cut:
        fetch_bundle(live_server, session_id)
    # The part that did arrive is not an archive a person could mistake for the whole bundle.
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(cut.value.partial))
