"""Read and rebuild `.chcase` files section by section, as a careless or hostile tool would."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from complaint_helper.vault import KdfParams, UnlockedCase
from complaint_helper.vault.case_file import MAGIC
from complaint_helper.vault.crypto import case_file_associated_data


def sections(data: bytes) -> tuple[int, list[tuple[bytes, bytes]]]:
    version, offset, found = data[len(MAGIC)], len(MAGIC) + 1, []
    while offset < len(data):
        tag, length = data[offset : offset + 1], int.from_bytes(data[offset + 1 : offset + 9])
        found.append((tag, data[offset + 9 : offset + 9 + length]))
        offset += 9 + length
    return version, found


def assemble(version: int, parts: list[tuple[bytes, bytes]]) -> bytes:
    """Sections in order with a fresh end hash (drops any E given)."""
    body = MAGIC + bytes([version])
    for tag, payload in parts:
        if tag != b"E":
            body += tag + len(payload).to_bytes(8, "big") + payload
    return body + b"E" + (32).to_bytes(8, "big") + hashlib.sha256(body).digest()


def with_header(data: bytes, change: dict[str, Any]) -> bytes:
    version, parts = sections(data)
    head = json.loads(parts[0][1])
    head.update(change)
    return assemble(version, [(b"H", json.dumps(head).encode()), *parts[1:]])


def with_description(data: bytes, case: UnlockedCase, change: dict[str, Any]) -> bytes:
    """A file whose sealed description was rewritten by someone holding the case key (the
    passphrase): only the checks after decryption can stop it."""
    version, parts = sections(data)
    clear = parts[0][1]
    description = {
        "case_id": case.case_id,
        "nickname": "Blue notebook",
        "created_at": "2026-11-02T09:00:00+00:00",
        "exported_at": "2026-12-01T09:00:00+00:00",
        "records": sum(1 for tag, _ in parts if tag == b"R"),
        "attachments": sum(1 for tag, _ in parts if tag == b"A"),
        **change,
    }
    sealed = case.seal_for_case_file(
        case_file_associated_data(clear), json.dumps(description).encode()
    )
    return assemble(version, [(t, sealed if t == b"D" else p) for t, p in parts])


def with_kdf(data: bytes, params: KdfParams) -> bytes:
    """The same file claiming other Argon2id settings (its passphrase no longer opens it)."""
    head = json.loads(sections(data)[1][0][1])
    kdf = {
        "algorithm": "argon2id",
        "memory_kib": params.memory_kib,
        "iterations": params.iterations,
        "lanes": params.lanes,
    }
    return with_header(data, {"kdf": kdf, "salt": head["salt"]})
