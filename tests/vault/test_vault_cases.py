"""Creating, listing, unlocking, re-keying, locking and deleting cases through `Vault`."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from complaint_helper.vault import (
    KDF_FLOOR,
    PRODUCTION_KDF,
    CaseId,
    CaseLocked,
    CaseNotFound,
    DamagedRecord,
    InvalidNickname,
    UnlockedCase,
    Vault,
    VaultError,
    WeakPassphrase,
    WrongPassphrase,
)
from complaint_helper.vault import case as case_module
from complaint_helper.vault import crypto as crypto_module
from tests.vault.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.vault.rows import envelope_of, set_envelope


def forbid_key_derivation_and_decryption(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any Argon2id derive or AES-GCM use fail the test: what follows must need neither."""

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("a key was derived or a record decrypted")

    monkeypatch.setattr(crypto_module, "Argon2id", forbidden)
    monkeypatch.setattr(crypto_module, "AESGCM", forbidden)


def db(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(data_dir / "cases.db")


def test_new_case_opens_with_its_passphrase(vault: Vault, case: UnlockedCase) -> None:
    case.put("answers", "therapy", {"started": "2021-03"})
    case.lock()
    again = vault.unlock(case.case_id, PASSPHRASE)
    assert again.get("answers", "therapy") == {"started": "2021-03"}
    assert again.nickname == "Blue notebook"


@pytest.mark.parametrize(
    "attempt",
    [
        "",
        "marble-kettle-orchid-lanterN",
        "MARBLE-KETTLE-ORCHID-LANTERN",
        "marble-kettle-orchid-lantern ",
        "wrong entirely",
    ],
)
def test_wrong_passphrase_is_refused_kindly(vault: Vault, case: UnlockedCase, attempt: str) -> None:
    with pytest.raises(WrongPassphrase) as raised:
        vault.unlock(case.case_id, attempt)
    assert raised.value.user_message == (
        "That passphrase doesn't open this case. Check caps lock and try again."
    )


def test_wrong_passphrase_changes_nothing(vault: Vault, case: UnlockedCase, data_dir: Path) -> None:
    case.put("answers", "a", {"x": 1})
    query = "SELECT * FROM cases JOIN records USING (case_id)"
    with db(data_dir) as conn:
        before = conn.execute(query).fetchall()
    with pytest.raises(WrongPassphrase):
        vault.unlock(case.case_id, OTHER_PASSPHRASE)
    with db(data_dir) as conn:
        assert conn.execute(query).fetchall() == before
    assert vault.unlock(case.case_id, PASSPHRASE).get("answers", "a") == {"x": 1}


def test_list_is_newest_first_and_needs_no_passphrase(vault: Vault) -> None:
    first = vault.create_case("First", PASSPHRASE)
    second = vault.create_case("Second", OTHER_PASSPHRASE)
    listed = vault.list_cases()
    assert [c.case_id for c in listed] == [second.case_id, first.case_id]
    assert [c.nickname for c in listed] == ["Second", "First"]
    created = [c.created_at for c in listed]
    assert all(at is not None and at.tzinfo is not None for at in created)
    assert created[0] is not None
    assert abs((datetime.now(UTC) - created[0]).total_seconds()) < 60


def test_thousand_cases_list_without_deriving_or_decrypting_anything(
    vault: Vault, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An advocate's office: the list reads only plain-text columns, so it stays quick whatever
    the number of cases (the timing itself is a `make bench` figure, not a test budget)."""
    template = vault.create_case("Template", PASSPHRASE)
    with db(data_dir) as conn:
        row = conn.execute("SELECT * FROM cases WHERE case_id = ?", (template.case_id,)).fetchone()
        conn.executemany(
            "INSERT INTO cases VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    f"{i:032x}",
                    f"Client {i}",
                    f"2025-01-01T00:{i // 60 % 60:02d}:{i % 60:02d}+00:00",
                    *row[3:],
                )
                for i in range(1, 1000)
            ],
        )
    forbid_key_derivation_and_decryption(monkeypatch)
    listed = vault.list_cases()
    assert len(listed) == 1000


@pytest.mark.parametrize(
    "weak",
    [
        "short",
        "password123",
        "1234567890",
        "qwertyuiop",
        "aaaaaaaaaaaa",
        "Correct Horse Battery Staple",
    ],
)
def test_weak_passphrase_creates_nothing(vault: Vault, weak: str) -> None:
    with pytest.raises(WeakPassphrase):
        vault.create_case("Case", weak)
    assert vault.list_cases() == []


@pytest.mark.parametrize("nickname", ["", "   ", "x" * 81, "tab\x07bell"])
def test_bad_nickname_is_refused(vault: Vault, nickname: str) -> None:
    with pytest.raises(InvalidNickname):
        vault.create_case(nickname, PASSPHRASE)


def test_nickname_whitespace_is_tidied(vault: Vault) -> None:
    assert vault.create_case("  Maya   case ", PASSPHRASE).nickname == "Maya case"


def test_change_passphrase_swaps_which_opens(vault: Vault, case: UnlockedCase) -> None:
    case.put("answers", "a", {"x": "kept"})
    vault.change_passphrase(case.case_id, PASSPHRASE, OTHER_PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        vault.unlock(case.case_id, PASSPHRASE)
    assert vault.unlock(case.case_id, OTHER_PASSPHRASE).get("answers", "a") == {"x": "kept"}


def test_change_passphrase_leaves_record_ciphertexts_byte_identical(
    vault: Vault, case: UnlockedCase, data_dir: Path
) -> None:
    for i in range(5):
        case.put("timeline", f"e{i}", {"what": f"event {i}"})
    query = "SELECT envelope FROM sealed_records ORDER BY id"
    with db(data_dir) as conn:
        before = conn.execute(query).fetchall()
        salt_before = conn.execute("SELECT kdf_salt FROM cases").fetchone()
    vault.change_passphrase(case.case_id, PASSPHRASE, OTHER_PASSPHRASE)
    with db(data_dir) as conn:
        assert conn.execute(query).fetchall() == before
        assert conn.execute("SELECT kdf_salt FROM cases").fetchone() != salt_before


def test_change_passphrase_with_wrong_old_changes_nothing(vault: Vault, case: UnlockedCase) -> None:
    with pytest.raises(WrongPassphrase):
        vault.change_passphrase(case.case_id, "not-the-right-one", OTHER_PASSPHRASE)
    vault.unlock(case.case_id, PASSPHRASE)


def test_change_to_weak_passphrase_is_refused(vault: Vault, case: UnlockedCase) -> None:
    with pytest.raises(WeakPassphrase):
        vault.change_passphrase(case.case_id, PASSPHRASE, "short")
    vault.unlock(case.case_id, PASSPHRASE)


def test_locked_case_refuses_every_call(case: UnlockedCase) -> None:
    case.put("answers", "a", {"x": 1})
    case.lock()
    assert case.is_locked
    for call in (
        lambda: case.get("answers", "a"),
        lambda: case.put("answers", "a", {}),
        lambda: case.all("answers"),
        lambda: case.delete("answers", "a"),
        case.attachments,
    ):
        with pytest.raises(CaseLocked):
            call()
    assert isinstance(CaseLocked(), VaultError)


def test_lock_overwrites_the_key_buffer(case: UnlockedCase) -> None:
    key = case._key
    assert key is not None
    buffer = key._buf
    case.lock()
    assert bytes(buffer) == b""


def test_close_locks_every_open_case(data_dir: Path) -> None:
    v = Vault(data_dir)
    c = v.create_case("Case", PASSPHRASE)
    v.close()
    assert c.is_locked


def test_unknown_case_is_not_found(vault: Vault) -> None:
    for case_id in ("0" * 32, "../../etc/passwd", ""):
        with pytest.raises(CaseNotFound):
            vault.unlock(CaseId(case_id), PASSPHRASE)


def test_records_keep_insertion_order_across_updates(case: UnlockedCase) -> None:
    for name in ("c", "a", "b"):
        case.put("people", name, {"n": name})
    case.put("people", "c", {"n": "c2"})
    assert [(r.record_id, r.value) for r in case.all("people")] == [
        ("c", {"n": "c2"}),
        ("a", {"n": "a"}),
        ("b", {"n": "b"}),
    ]


def test_records_survive_arbitrary_unicode(case: UnlockedCase) -> None:
    value = {"text": "Ελένη \u0000 \u202e ñ 😊 <script>alert(1)</script> " + "x" * 1_000_000}
    case.put("answers", "account", value)
    assert case.get("answers", "account") == value


def test_non_json_values_are_refused(case: UnlockedCase) -> None:
    with pytest.raises((TypeError, ValueError)):
        case.put("answers", "a", {"when": datetime.now(UTC)})
    with pytest.raises(ValueError, match="reserved"):
        case.put("vault.attachment", "a", {})
    with pytest.raises(ValueError):
        case.put("answers", "has spaces and a name", {})


def test_delete_record(case: UnlockedCase) -> None:
    case.put("people", "sister", {"n": 1})
    case.delete("people", "sister")
    assert case.get("people", "sister") is None
    assert case.all("people") == []


def test_damaged_record_is_marked_and_the_rest_opens(
    vault: Vault, case: UnlockedCase, data_dir: Path
) -> None:
    for name in ("a", "b", "c"):
        case.put("timeline", name, {"n": name})
    envelope = bytearray(envelope_of(data_dir, case, "timeline", "b"))
    envelope[-5] ^= 0x40
    set_envelope(data_dir, case, "timeline", "b", bytes(envelope))
    reopened = vault.unlock(case.case_id, PASSPHRASE)
    records = reopened.all("timeline")
    assert [(r.record_id, r.damaged) for r in records] == [("a", False), ("b", True), ("c", False)]
    assert records[1].value is None
    with pytest.raises(DamagedRecord):
        reopened.get("timeline", "b")


def test_ciphertext_swapped_between_records_is_damaged_not_wrong_text(
    case: UnlockedCase, data_dir: Path
) -> None:
    case.put("answers", "one", {"text": "first"})
    case.put("answers", "two", {"text": "second"})
    one, two = (envelope_of(data_dir, case, "answers", r) for r in ("one", "two"))
    set_envelope(data_dir, case, "answers", "one", two)
    set_envelope(data_dir, case, "answers", "two", one)
    with pytest.raises(DamagedRecord):
        case.get("answers", "one")
    assert all(r.damaged for r in case.all("answers"))


def test_ciphertext_swapped_between_cases_is_damaged(vault: Vault, data_dir: Path) -> None:
    first = vault.create_case("One", PASSPHRASE)
    second = vault.create_case("Two", PASSPHRASE)
    first.put("answers", "a", {"text": "first case"})
    second.put("answers", "a", {"text": "second case"})
    env = envelope_of(data_dir, first, "answers", "a")
    set_envelope(data_dir, second, "answers", "a", env)
    with pytest.raises(DamagedRecord):
        second.get("answers", "a")


def test_tampered_kdf_params_refuse_to_unlock(
    vault: Vault, case: UnlockedCase, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A huge memory cost must not be attempted; a tiny one must not be accepted."""
    for memory in (64 * 1024 * 1024, 8):
        with db(data_dir) as conn:
            conn.execute("UPDATE cases SET kdf_memory_kib = ?", (memory,))
        with monkeypatch.context() as patched:
            forbid_key_derivation_and_decryption(patched)  # refused before Argon2id runs
            with pytest.raises(DamagedRecord):
                vault.unlock(case.case_id, PASSPHRASE)


def test_delete_case_removes_rows_files_and_locks_it(
    vault: Vault, case: UnlockedCase, data_dir: Path
) -> None:
    import io

    case.put("answers", "a", {"x": 1})
    case.add_attachment(io.BytesIO(b"photo"), filename="p.jpg", media_type="image/jpeg")
    vault.delete_case(case.case_id)
    assert case.is_locked
    assert vault.list_cases() == []
    assert list((data_dir / "attachments").iterdir()) == []
    with db(data_dir) as conn:
        for table in ("cases", "records", "attachments"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0  # noqa: S608
    with pytest.raises(CaseNotFound):
        vault.unlock(case.case_id, PASSPHRASE)


def test_delete_leaves_other_cases_alone(vault: Vault) -> None:
    keep = vault.create_case("Keep", PASSPHRASE)
    keep.put("answers", "a", {"x": "kept"})
    gone = vault.create_case("Gone", OTHER_PASSPHRASE)
    vault.delete_case(gone.case_id)
    assert [c.nickname for c in vault.list_cases()] == ["Keep"]
    assert vault.unlock(keep.case_id, PASSPHRASE).get("answers", "a") == {"x": "kept"}


def test_vault_without_params_uses_production_params(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the tests' cheap default undone, `Vault(data_dir)` is the production vault."""
    assert case_module.DEFAULT_KDF == KDF_FLOOR  # the autouse fixture is in force...
    monkeypatch.undo()  # ...until undone
    vault = Vault(tmp_path / "prod")
    assert vault.kdf == PRODUCTION_KDF
    vault.close()


@pytest.mark.slow
def test_production_unlock_derives_with_the_production_cost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A case made with production parameters is unlocked with them (its cost in seconds is the
    `make bench` unlock figure, not a test budget: a busy machine is not a failure)."""
    used: list[tuple[int, int, int]] = []

    def recording(**kwargs: Any) -> Argon2id:
        used.append((int(kwargs["memory_cost"]), int(kwargs["iterations"]), int(kwargs["lanes"])))
        return Argon2id(**kwargs)

    v = Vault(tmp_path / "prod", kdf=PRODUCTION_KDF)
    c = v.create_case("Case", PASSPHRASE)
    monkeypatch.setattr(crypto_module, "Argon2id", recording)
    v.unlock(c.case_id, PASSPHRASE)
    v.close()
    production = (PRODUCTION_KDF.memory_kib, PRODUCTION_KDF.iterations, PRODUCTION_KDF.lanes)
    assert used == [production]


def test_old_wrapped_key_is_gone_from_disk_after_passphrase_change(
    vault: Vault, case: UnlockedCase, data_dir: Path
) -> None:
    """Someone who learned the old passphrase must not find the old wrapped key in the WAL."""
    with db(data_dir) as conn:
        old_wrapped, old_salt = conn.execute("SELECT wrapped_key, kdf_salt FROM cases").fetchone()
    vault.change_passphrase(case.case_id, PASSPHRASE, OTHER_PASSPHRASE)
    for path in data_dir.glob("cases.db*"):
        content = path.read_bytes()
        assert old_wrapped not in content, path.name
        assert old_salt not in content, path.name


def test_deleted_record_leaves_no_ciphertext_on_disk(
    vault: Vault, case: UnlockedCase, data_dir: Path
) -> None:
    case.put("answers", "gone", {"text": "delete me"})
    envelope = envelope_of(data_dir, case, "answers", "gone")
    case.delete("answers", "gone")
    for path in data_dir.glob("cases.db*"):
        assert envelope not in path.read_bytes(), path.name


def test_errors_carry_no_plaintext_or_key(vault: Vault, case: UnlockedCase, data_dir: Path) -> None:
    secret = "Whitcombe kissed me on 14 June"
    case.put("answers", "a", {"text": secret})
    key = case._key
    assert key is not None
    key_hex = key.material().hex()
    with db(data_dir) as conn:
        conn.execute("UPDATE sealed_records SET envelope = X'00' || envelope")
    caught: list[BaseException] = []
    for attempt in (
        lambda: case.get("answers", "a"),
        lambda: vault.unlock(case.case_id, "not the passphrase"),
        lambda: case.put("answers", "b", {"when": datetime.now(UTC), "text": secret}),
    ):
        try:
            attempt()
        except Exception as exc:
            caught.append(exc)
    assert len(caught) == 3
    for error in caught:
        chain: BaseException | None = error
        while chain is not None:
            shown = f"{chain!s} {chain!r} {getattr(chain, 'user_message', '')}"
            assert secret not in shown and key_hex not in shown
            assert secret.encode() not in repr(vars(chain)).encode()
            chain = chain.__cause__ or chain.__context__


def test_deleted_case_leaves_no_key_or_ciphertext_on_disk(
    vault: Vault, case: UnlockedCase, data_dir: Path
) -> None:
    keep = vault.create_case("Keep", OTHER_PASSPHRASE)
    keep.put("answers", "a", {"text": "kept"})
    case.put("answers", "a", {"text": "to be shredded " * 50})
    with db(data_dir) as conn:
        wrapped, salt = conn.execute(
            "SELECT wrapped_key, kdf_salt FROM cases WHERE case_id = ?", (case.case_id,)
        ).fetchone()
        (envelope,) = conn.execute(
            "SELECT envelope FROM sealed_records WHERE case_id = ?", (case.case_id,)
        ).fetchone()
    vault.delete_case(case.case_id)
    for path in data_dir.glob("cases.db*"):
        content = path.read_bytes()
        for trace in (wrapped, salt, envelope, envelope[16:48], case.case_id.encode()):
            assert trace not in content, path.name
    assert vault.unlock(keep.case_id, OTHER_PASSPHRASE).get("answers", "a") == {"text": "kept"}
