"""The encrypted case vault: every word and file a person saves, encrypted before it touches disk.

Modules: crypto.py (the only importer of `cryptography`), store.py (the only code that opens
files in the data dir or SQLite), attachments.py (streaming file encryption), sealing.py (key
header, tagged and padded records, the manifest), case.py (`Vault`, `UnlockedCase`), case_file.py
(the portable `.chcase` export), ids.py (ids, nicknames, the case list's summary), passphrase.py
(strength verdict and generated passphrases), errors.py. No Flask here: the web layer calls this
API.
"""

from __future__ import annotations

from complaint_helper.vault.attachments import EncryptedSpool
from complaint_helper.vault.case import (
    AttachmentInfo,
    StoredRecord,
    UnlockedCase,
    Vault,
)
from complaint_helper.vault.case_file import PreparedImport
from complaint_helper.vault.crypto import (
    KDF_FLOOR,
    PRODUCTION_KDF,
    KdfParams,
    disable_core_dumps,
)
from complaint_helper.vault.errors import (
    AttachmentNotFound,
    AttachmentTooLarge,
    CaseAlreadyExists,
    CaseLocked,
    CaseNotFound,
    CostlyCaseFile,
    DamagedAttachment,
    DamagedRecord,
    ImportRefused,
    InvalidNickname,
    StorageUnavailable,
    VaultError,
    WeakPassphrase,
    WrongPassphrase,
)
from complaint_helper.vault.ids import CaseId, CaseSummary
from complaint_helper.vault.passphrase import (
    PassphraseVerdict,
    check_passphrase_strength,
    generate_passphrase,
)

__all__ = [
    "KDF_FLOOR",
    "PRODUCTION_KDF",
    "AttachmentInfo",
    "AttachmentNotFound",
    "AttachmentTooLarge",
    "CaseAlreadyExists",
    "CaseId",
    "CaseLocked",
    "CaseNotFound",
    "CaseSummary",
    "CostlyCaseFile",
    "DamagedAttachment",
    "DamagedRecord",
    "EncryptedSpool",
    "ImportRefused",
    "InvalidNickname",
    "KdfParams",
    "PassphraseVerdict",
    "PreparedImport",
    "StorageUnavailable",
    "StoredRecord",
    "UnlockedCase",
    "Vault",
    "VaultError",
    "WeakPassphrase",
    "WrongPassphrase",
    "check_passphrase_strength",
    "disable_core_dumps",
    "generate_passphrase",
]
