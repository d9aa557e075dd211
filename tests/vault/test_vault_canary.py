"""Canary: distinctive words, a passphrase, a key and an attachment never reach the disk readable.

Every byte of the data dir (db, -wal, -shm, attachments, temp files) and of the system temp dir
is scanned for each canary in UTF-8, UTF-16 (LE/BE), base64 (all three alignments) and
JSON-escaped form. The nickname is excluded on purpose: it is the one plain-text field, and the
screens say so.
"""

from __future__ import annotations

import base64
import io
import json
import os
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from complaint_helper.vault import Vault

MAX_SCAN_BYTES = 400 * 1024 * 1024


def encodings(text: str) -> set[bytes]:
    forms = {
        text.encode("utf-8"),
        text.encode("utf-16-le"),
        text.encode("utf-16-be"),
        json.dumps(text).strip('"').encode("ascii"),
        json.dumps(text, ensure_ascii=False).strip('"').encode("utf-8"),
    }
    raw = text.encode("utf-8")
    for offset in range(3):
        part = raw[offset:]
        part = part[: len(part) - len(part) % 3]
        if len(part) >= 12:
            forms.add(base64.b64encode(part))
            forms.add(base64.urlsafe_b64encode(part))
    return forms


def files_under(root: Path) -> Iterator[Path]:
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                yield path


def found_in(path: Path, needles: set[bytes]) -> set[bytes]:
    longest = max(len(n) for n in needles)
    hits: set[bytes] = set()
    tail = b""
    try:
        with path.open("rb") as handle:
            read = 0
            while read < MAX_SCAN_BYTES and (block := handle.read(4 * 1024 * 1024)):
                read += len(block)
                window = tail + block
                hits |= {n for n in needles if n in window}
                tail = window[-longest:]
    except OSError:
        pass
    return hits


@pytest.mark.slow
def test_canaries_appear_nowhere_on_disk(data_dir: Path) -> None:
    token = secrets.token_hex(6)
    # Random per run, so it cannot match this test's own source (the checkout may be in /tmp).
    passphrase = f"canary-{token}-marble-kettle"
    canaries = {
        "narrative": f"Whitcombe-kissed-{token}-Ελένη-ñ",
        "timeline": f"Sacramento office 7pm {token} 😊",
        "attachment": f"screenshot-of-texts-{token}",
        "filename": f"texts-from-dr-{token}.png",
        "passphrase": passphrase,
    }
    vault = Vault(data_dir)
    case = vault.create_case("Blue notebook", passphrase)
    case.put("answers", "account", {"text": canaries["narrative"] * 3})
    case.put("timeline", "event-1", {"what": canaries["timeline"]})
    body = (canaries["attachment"] + "\n") * 20_000
    case.add_attachment(
        io.BytesIO(body.encode("utf-8")), filename=canaries["filename"], media_type="image/png"
    )
    case.put("answers", "account", {"text": canaries["narrative"] + " edited"})
    key = case._key
    assert key is not None
    key_material = key.material()
    needles = {form: name for name, text in canaries.items() for form in encodings(text)}
    needles.update(
        {
            key_material: "case key",
            key_material.hex().encode(): "case key hex",
            base64.b64encode(key_material): "case key base64",
        }
    )
    vault.change_passphrase(case.case_id, passphrase, f"violet-{token}-pencil-meadow")
    case.lock()
    vault.close()

    scanned = 0
    hits: dict[str, list[str]] = {}
    for root in (data_dir, Path(tempfile.gettempdir())):
        for path in files_under(root):
            scanned += 1
            for needle in found_in(path, set(needles)):
                hits.setdefault(needles[needle], []).append(str(path))
    assert scanned >= 3
    assert hits == {}
