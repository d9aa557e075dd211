"""The ONLY code in complaint_helper that opens files in the data dir or talks to SQLite.

It stores opaque bytes — wrapped keys, record envelopes, encrypted attachment files — and knows
nothing about keys or plaintext (that is crypto.py and case.py).

Layout of a data dir (folders 0700, files 0600)::

    <data_dir>/cases.db        SQLite: WAL, synchronous=FULL, foreign_keys, secure_delete
                               cases: id, nickname, start date, KDF header, sealed manifest
                               sealed_records: (case, 16-byte record tag, padded envelope)
                               sealed_attachments: (case, 16-byte tag, file name)
                               records / attachments: schema-1 rows (kind and id in clear),
                               emptied for a case when it is first unlocked (case.py)
    <data_dir>/attachments/    one encrypted file per attachment, named by a random token
                               (`<32 hex>.chblob`); temporary files start with `.tmp-`

Durability: every change is one `BEGIN IMMEDIATE ... COMMIT` transaction, so after a crash the
database holds the last committed state. Attachment files are written to a temporary file in the
attachments folder, fsynced, renamed into place and the folder fsynced *before* the row that
points to them commits; a file without a row (a crash in between) is swept at the next start.
A passphrase change rewrites one row in one transaction, so after a kill at any moment exactly
one of the old and new passphrase opens the case.

Thread-safety: the server answers requests on several threads. One connection is shared, opened with
`check_same_thread=False`, and every use of it (and every multi-step file operation) holds
`CaseStore.lock`, an RLock; the vault's operations are short, so serialising them costs little.

Disk full, read-only or I/O errors become `StorageUnavailable` with the transaction rolled back,
so the previous state stays intact.

Schema versions live in `schema_migrations`; `MIGRATIONS[i]` brings the schema to version i+1.
Version 2 (issue 15) adds the tagged tables and the manifest column. SQL alone cannot compute a
keyed tag, so a case's schema-1 rows move to the tagged tables when its key is next known: at
its first unlock, in one transaction, followed by a scrub (`convert_legacy_case`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Final

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from complaint_helper.vault.errors import (
    CaseAlreadyExists,
    CaseNotFound,
    StorageUnavailable,
    VaultError,
)

DB_NAME: Final = "cases.db"
ATTACHMENTS_DIR: Final = "attachments"
BLOB_SUFFIX: Final = ".chblob"
TEMP_PREFIX: Final = ".tmp-"
# Temporary and orphaned attachment files older than this are swept at start-up; younger ones
# may belong to another process writing into the same data dir right now.
SWEEP_AGE_SECONDS: Final = 600

_BLOB_NAME = re.compile(r"^[0-9a-f]{32}\.chblob$")

MIGRATIONS: Final[tuple[str, ...]] = (
    """
    CREATE TABLE cases (
        case_id        TEXT PRIMARY KEY,
        nickname       TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        kdf_algorithm  TEXT NOT NULL,
        kdf_memory_kib INTEGER NOT NULL,
        kdf_iterations INTEGER NOT NULL,
        kdf_lanes      INTEGER NOT NULL,
        kdf_salt       BLOB NOT NULL,
        wrapped_key    BLOB NOT NULL
    );
    CREATE INDEX cases_by_created ON cases (created_at DESC);
    CREATE TABLE records (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id   TEXT NOT NULL REFERENCES cases (case_id) ON DELETE CASCADE,
        kind      TEXT NOT NULL,
        record_id TEXT NOT NULL,
        envelope  BLOB NOT NULL,
        UNIQUE (case_id, kind, record_id)
    );
    CREATE TABLE attachments (
        case_id       TEXT NOT NULL REFERENCES cases (case_id) ON DELETE CASCADE,
        attachment_id TEXT NOT NULL,
        blob_name     TEXT NOT NULL UNIQUE,
        PRIMARY KEY (case_id, attachment_id)
    );
    """,
    """
    ALTER TABLE cases ADD COLUMN manifest BLOB;
    CREATE TABLE sealed_records (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id    TEXT NOT NULL REFERENCES cases (case_id) ON DELETE CASCADE,
        record_tag BLOB NOT NULL,
        envelope   BLOB NOT NULL,
        UNIQUE (case_id, record_tag)
    );
    CREATE TABLE sealed_attachments (
        case_id        TEXT NOT NULL REFERENCES cases (case_id) ON DELETE CASCADE,
        attachment_tag BLOB NOT NULL,
        blob_name      TEXT NOT NULL UNIQUE,
        PRIMARY KEY (case_id, attachment_tag)
    );
    """,
)
# Tags per query: well below SQLite's smallest limit on bound parameters (999).
TAGS_PER_QUERY: Final = 500

_STORAGE_ERRNOS: Final = frozenset(
    {errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EACCES, errno.EPERM}
)
_STORAGE_SQLITE_PHRASES: Final = (
    "disk is full",
    "readonly database",
    "read-only",
    "disk i/o error",
    "unable to open database",
    "database is locked",
)


@dataclass(frozen=True)
class CaseRow:
    case_id: str
    nickname: str
    created_at: str


@dataclass(frozen=True)
class KeyHeader:
    """Everything needed to turn a passphrase into the case key, as stored (no secrets)."""

    kdf_algorithm: str
    kdf_memory_kib: int
    kdf_iterations: int
    kdf_lanes: int
    kdf_salt: bytes
    wrapped_key: bytes


@dataclass(frozen=True)
class RecordRow:
    """A schema-1 record: kind and id in clear (read only to convert it)."""

    kind: str
    record_id: str
    envelope: bytes


@dataclass(frozen=True)
class TaggedRow:
    """A record as stored since schema 2: an opaque tag and a padded envelope."""

    record_tag: bytes
    envelope: bytes


@contextlib.contextmanager
def storage_errors() -> Iterator[None]:
    """Turn disk-full / read-only / I/O failures into StorageUnavailable (no paths shown)."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if any(phrase in text for phrase in _STORAGE_SQLITE_PHRASES):
            raise StorageUnavailable() from exc
        raise VaultError() from exc
    except sqlite3.DatabaseError as exc:
        raise VaultError(
            "The file that holds your cases could not be read properly. "
            "Please don't delete anything; a backup or export may help."
        ) from exc
    except OSError as exc:
        if exc.errno in _STORAGE_ERRNOS:
            raise StorageUnavailable() from exc
        raise


def _fsync(fd: int) -> None:
    """Flush a file to the disk itself; on macOS plain fsync stops at the drive's cache."""
    full_fsync = getattr(fcntl, "F_FULLFSYNC", None) if fcntl is not None else None
    if full_fsync is not None and fcntl is not None:
        try:
            fcntl.fcntl(fd, full_fsync)
            return
        except OSError:
            pass  # not supported by this file system: fall back to fsync
    os.fsync(fd)


def _fsync_dir(path: Path) -> None:
    """Make a rename durable. Windows cannot open a folder to sync it (and needs no such step)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        _fsync(fd)
    finally:
        os.close(fd)


def _make_private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)


WRITE_BACK_BYTES = 16 * 1024 * 1024


class BlobWriter:
    """A new encrypted attachment file: written to a temp file, then `commit()` renames it in place.

    Leaving the `with` block without `commit()` (an error, a size limit) removes the temp file.
    """

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self.blob_name = secrets.token_hex(16) + BLOB_SUFFIX
        self._temp = folder / (TEMP_PREFIX + secrets.token_hex(16))
        fd = os.open(
            self._temp,
            os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
            0o600,
        )
        self._file: BinaryIO = os.fdopen(fd, "wb")
        self.bytes_written = 0
        self._written_back = 0
        self._committed = False

    def write(self, data: bytes) -> None:
        with storage_errors():
            self._file.write(data)
            self.bytes_written += len(data)
            if self.bytes_written - self._written_back >= WRITE_BACK_BYTES:
                self._start_write_back()

    def _start_write_back(self) -> None:
        # Ask the kernel to start writing what is already here, so the fsync in commit() finds
        # little left to do (measured: encrypting 200 MB ~25% faster). Only ciphertext is written.
        self._file.flush()
        if hasattr(os, "posix_fadvise"):
            length = self.bytes_written - self._written_back
            os.posix_fadvise(
                self._file.fileno(), self._written_back, length, os.POSIX_FADV_DONTNEED
            )
        self._written_back = self.bytes_written

    def commit(self) -> str:
        """Flush, fsync, rename into place and fsync the folder; returns the blob name."""
        with storage_errors():
            self._file.flush()
            _fsync(self._file.fileno())
            self._file.close()
            os.replace(self._temp, self._folder / self.blob_name)
            _fsync_dir(self._folder)
        self._committed = True
        return self.blob_name

    def discard(self) -> None:
        if not self._file.closed:
            # Closing flushes the buffer, which fails again on a full disk; the file is being
            # thrown away, so that second failure does not matter.
            with contextlib.suppress(OSError):
                self._file.close()
        if not self._committed:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._temp)

    def __enter__(self) -> BlobWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.discard()


class CaseStore:
    """SQLite database plus attachments folder of one data dir."""

    def __init__(self, data_dir: Path) -> None:
        self.lock = threading.RLock()
        self.data_dir = data_dir
        self.attachments_dir = data_dir / ATTACHMENTS_DIR
        try:
            with storage_errors():
                _make_private_dir(data_dir)
                _make_private_dir(self.attachments_dir)
        except OSError as exc:  # e.g. a file where the folder should be, or no permission
            raise VaultError(
                "The folder for your cases can't be used. Choose another folder with --data-dir, "
                "or check that this one is a folder you can write to."
            ) from exc
        with storage_errors():
            self._conn = self._connect(data_dir / DB_NAME)
            self._migrate()
            self._sweep_orphans()

    # -- connection and schema -------------------------------------------------------------

    @staticmethod
    def _connect(db_path: Path) -> sqlite3.Connection:
        # SQLite creates -wal and -shm with the database file's mode; make sure that is 0600
        # and that nothing is ever created wider than that while we connect.
        old_umask = os.umask(0o077)
        try:
            if not db_path.exists():
                os.close(os.open(db_path, os.O_WRONLY | os.O_CREAT, 0o600))
            os.chmod(db_path, 0o600)
            conn = sqlite3.connect(
                db_path, isolation_level=None, check_same_thread=False, timeout=5.0
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA fullfsync=ON")  # macOS: reach the platter, not the drive cache
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA secure_delete=ON")
            # After each checkpoint the WAL is cut back to nothing, so earlier versions of edited
            # records do not linger in its unused tail.
            conn.execute("PRAGMA journal_size_limit=0")
            conn.execute("PRAGMA trusted_schema=OFF")
            # Creates the -wal/-shm files now, under our umask.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            os.umask(old_umask)
        for suffix in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():
                os.chmod(side, 0o600)
        return conn

    def schema_version(self) -> int:
        with self.lock:
            row = self._conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        with self.lock:
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            current = self.schema_version()
            if current > len(MIGRATIONS):
                raise VaultError(
                    "These cases were saved by a newer version of complaint-helper. "
                    "Please update the app to open them."
                )
            for version in range(current + 1, len(MIGRATIONS) + 1):
                self._conn.executescript(
                    "BEGIN IMMEDIATE;\n"
                    + MIGRATIONS[version - 1]
                    + f"\nINSERT INTO schema_migrations VALUES ({version}, datetime('now'));"
                    + "\nCOMMIT;"
                )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic change: BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        with self.lock, storage_errors():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                # A failed COMMIT (disk full) can leave the transaction open: roll it back so
                # the database keeps the previous state and the connection stays usable.
                if self._conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self._conn.execute("ROLLBACK")
                raise

    def integrity_check(self) -> str:
        with self.lock, storage_errors():
            return str(self._conn.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        with self.lock:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn.close()

    # -- cases -------------------------------------------------------------------------------

    def list_cases(self) -> list[CaseRow]:
        with self.lock, storage_errors():
            rows = self._conn.execute(
                "SELECT case_id, nickname, created_at FROM cases "
                "ORDER BY created_at DESC, rowid DESC"
            ).fetchall()
        return [CaseRow(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    def case_row(self, case_id: str) -> CaseRow:
        with self.lock, storage_errors():
            row = self._conn.execute(
                "SELECT case_id, nickname, created_at FROM cases WHERE case_id = ?", (case_id,)
            ).fetchone()
        if row is None:
            raise CaseNotFound()
        return CaseRow(str(row[0]), str(row[1]), str(row[2]))

    def key_header(self, case_id: str) -> KeyHeader:
        with self.lock, storage_errors():
            row = self._conn.execute(
                "SELECT kdf_algorithm, kdf_memory_kib, kdf_iterations, kdf_lanes, kdf_salt, "
                "wrapped_key FROM cases WHERE case_id = ?",
                (case_id,),
            ).fetchone()
        if row is None:
            raise CaseNotFound()
        return KeyHeader(
            str(row[0]), int(row[1]), int(row[2]), int(row[3]), bytes(row[4]), bytes(row[5])
        )

    @staticmethod
    def _insert_case(conn: sqlite3.Connection, row: CaseRow, header: KeyHeader) -> None:
        try:
            conn.execute(
                "INSERT INTO cases (case_id, nickname, created_at, kdf_algorithm, kdf_memory_kib, "
                "kdf_iterations, kdf_lanes, kdf_salt, wrapped_key) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    row.case_id,
                    row.nickname,
                    row.created_at,
                    header.kdf_algorithm,
                    header.kdf_memory_kib,
                    header.kdf_iterations,
                    header.kdf_lanes,
                    header.kdf_salt,
                    header.wrapped_key,
                ),
            )
        except sqlite3.IntegrityError as exc:
            raise CaseAlreadyExists() from exc

    def insert_case(self, row: CaseRow, header: KeyHeader, manifest: bytes) -> None:
        with self.transaction() as conn:
            self._insert_case(conn, row, header)
            self._set_manifest(conn, row.case_id, manifest)

    def replace_key_header(self, case_id: str, header: KeyHeader) -> None:
        """The passphrase change: one UPDATE of one row, atomic under a crash."""
        with self.transaction() as conn:
            cur = conn.execute(
                "UPDATE cases SET kdf_algorithm = ?, kdf_memory_kib = ?, kdf_iterations = ?, "
                "kdf_lanes = ?, kdf_salt = ?, wrapped_key = ? WHERE case_id = ?",
                (
                    header.kdf_algorithm,
                    header.kdf_memory_kib,
                    header.kdf_iterations,
                    header.kdf_lanes,
                    header.kdf_salt,
                    header.wrapped_key,
                    case_id,
                ),
            )
            if cur.rowcount != 1:
                raise CaseNotFound()
        # The old wrapped key opens with the old passphrase, which someone else may know: push
        # its page image out of the WAL now rather than at the next automatic checkpoint.
        self.checkpoint()

    def checkpoint(self) -> None:
        """Copy the WAL into the database and truncate it, so old page images leave the disk.

        With secure_delete on, the space the old versions used in the database is zeroed too.
        """
        with self.lock, storage_errors():
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def delete_case(self, case_id: str) -> None:
        """Crypto-shred, then remove every trace: key, rows, WAL, free pages, files.

        One transaction deletes the case row (its wrapped key and salt: without them nothing of
        the case can be decrypted again) with all its records, so a crash leaves the case either
        whole or gone, never listed but unopenable. secure_delete zeroes the freed space, the
        checkpoints and VACUUM push old page images out of the WAL and free list, and only then
        are the attachment files unlinked (a crash in between leaves orphans swept at start-up).
        """
        with self.lock:
            blob_names = self._blob_names(case_id)
            with self.transaction() as conn:
                if not self._delete_case_rows(conn, case_id):
                    raise CaseNotFound()
            self.scrub()
            for name in blob_names:
                self.remove_blob(name)

    @staticmethod
    def _delete_case_rows(conn: sqlite3.Connection, case_id: str) -> bool:
        """Delete a case row; its records and attachment rows go with it (ON DELETE CASCADE)."""
        return conn.execute("DELETE FROM cases WHERE case_id = ?", (case_id,)).rowcount == 1

    def scrub(self) -> None:
        """Push deleted pages out of the WAL and the free list (secure_delete zeroes them)."""
        with self.lock, storage_errors():
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn.execute("VACUUM")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- records ---------------------------------------------------------------------------------

    @staticmethod
    def _check_case_exists(conn: sqlite3.Connection, case_id: str) -> None:
        if conn.execute("SELECT 1 FROM cases WHERE case_id = ?", (case_id,)).fetchone() is None:
            raise CaseNotFound()

    @staticmethod
    def _set_manifest(conn: sqlite3.Connection, case_id: str, manifest: bytes) -> None:
        cur = conn.execute("UPDATE cases SET manifest = ? WHERE case_id = ?", (manifest, case_id))
        if cur.rowcount != 1:
            raise CaseNotFound()

    def manifest(self, case_id: str) -> bytes | None:
        """The case's sealed manifest; None before its first unlock under schema 2."""
        with self.lock, storage_errors():
            row = self._conn.execute(
                "SELECT manifest FROM cases WHERE case_id = ?", (case_id,)
            ).fetchone()
        if row is None:
            raise CaseNotFound()
        return None if row[0] is None else bytes(row[0])

    def put_records(self, case_id: str, rows: Sequence[TaggedRow], manifest: bytes) -> None:
        """Insert or replace several records and the manifest in ONE transaction: after a
        crash either all of them are on disk or none is."""
        with self.transaction() as conn:
            self._set_manifest(conn, case_id, manifest)
            conn.executemany(
                "INSERT INTO sealed_records (case_id, record_tag, envelope) VALUES (?,?,?) "
                "ON CONFLICT (case_id, record_tag) DO UPDATE SET envelope = excluded.envelope",
                [(case_id, r.record_tag, r.envelope) for r in rows],
            )

    def get_record(self, case_id: str, record_tag: bytes) -> bytes | None:
        with self.lock, storage_errors():
            row = self._conn.execute(
                "SELECT envelope FROM sealed_records WHERE case_id = ? AND record_tag = ?",
                (case_id, record_tag),
            ).fetchone()
        return None if row is None else bytes(row[0])

    def get_records(self, case_id: str, record_tags: Sequence[bytes]) -> dict[bytes, bytes]:
        """Envelopes by tag for the tags given (missing ones are left out)."""
        found: dict[bytes, bytes] = {}
        with self.lock, storage_errors():
            for start in range(0, len(record_tags), TAGS_PER_QUERY):
                batch = list(record_tags[start : start + TAGS_PER_QUERY])
                marks = ",".join("?" * len(batch))
                rows = self._conn.execute(
                    "SELECT record_tag, envelope FROM sealed_records "  # noqa: S608 (only "?")
                    f"WHERE case_id = ? AND record_tag IN ({marks})",
                    (case_id, *batch),
                ).fetchall()
                found.update((bytes(r[0]), bytes(r[1])) for r in rows)
        return found

    def all_records(self, case_id: str) -> list[TaggedRow]:
        with self.lock, storage_errors():
            rows = self._conn.execute(
                "SELECT record_tag, envelope FROM sealed_records WHERE case_id = ? ORDER BY id",
                (case_id,),
            ).fetchall()
        return [TaggedRow(bytes(r[0]), bytes(r[1])) for r in rows]

    def delete_record(self, case_id: str, record_tag: bytes, manifest: bytes) -> None:
        with self.transaction() as conn:
            self._set_manifest(conn, case_id, manifest)
            conn.execute(
                "DELETE FROM sealed_records WHERE case_id = ? AND record_tag = ?",
                (case_id, record_tag),
            )
        # Deleted means gone from the disk, not only from the table (secure_delete + checkpoint).
        self.checkpoint()

    # -- schema-1 rows, converted at a case's first unlock ----------------------------------

    def legacy_records(self, case_id: str) -> list[RecordRow]:
        with self.lock, storage_errors():
            rows = self._conn.execute(
                "SELECT kind, record_id, envelope FROM records WHERE case_id = ? ORDER BY id",
                (case_id,),
            ).fetchall()
        return [RecordRow(str(r[0]), str(r[1]), bytes(r[2])) for r in rows]

    def legacy_attachments(self, case_id: str) -> list[tuple[str, str]]:
        """(attachment_id, blob_name) of a case's schema-1 attachment rows."""
        with self.lock, storage_errors():
            rows = self._conn.execute(
                "SELECT attachment_id, blob_name FROM attachments WHERE case_id = ? ORDER BY rowid",
                (case_id,),
            ).fetchall()
        return [(str(r[0]), str(r[1])) for r in rows]

    def convert_legacy_case(
        self,
        case_id: str,
        rows: Sequence[TaggedRow],
        attachments: Sequence[tuple[bytes, str]],
        manifest: bytes,
    ) -> None:
        """Replace a case's schema-1 rows by tagged ones in one transaction, then scrub the old
        clear kinds and ids out of the WAL and the free pages."""
        with self.lock:
            with self.transaction() as conn:
                conn.execute("DELETE FROM attachments WHERE case_id = ?", (case_id,))
                conn.execute("DELETE FROM records WHERE case_id = ?", (case_id,))
                self._insert_tagged(conn, case_id, rows, attachments)
                self._set_manifest(conn, case_id, manifest)
            self.scrub()

    @staticmethod
    def _insert_tagged(
        conn: sqlite3.Connection,
        case_id: str,
        rows: Sequence[TaggedRow],
        attachments: Sequence[tuple[bytes, str]],
    ) -> None:
        conn.executemany(
            "INSERT INTO sealed_records (case_id, record_tag, envelope) VALUES (?,?,?)",
            [(case_id, r.record_tag, r.envelope) for r in rows],
        )
        conn.executemany(
            "INSERT INTO sealed_attachments (case_id, attachment_tag, blob_name) VALUES (?,?,?)",
            [(case_id, tag, name) for tag, name in attachments],
        )

    # -- attachment files --------------------------------------------------------------------

    def new_blob(self) -> BlobWriter:
        with storage_errors():
            return BlobWriter(self.attachments_dir)

    def spool_file(self) -> BinaryIO:
        """A read-write file in the attachments folder that has no name (O_TMPFILE on Linux,
        unlinked at once elsewhere on POSIX, deleted on close on Windows), for ciphertext a
        request holds only while it runs (`attachments.EncryptedSpool`). It is gone when closed,
        and a crash leaves nothing to sweep."""
        with storage_errors():
            return tempfile.TemporaryFile(dir=self.attachments_dir, prefix=TEMP_PREFIX)

    def _blob_path(self, blob_name: str) -> Path:
        if not _BLOB_NAME.match(blob_name):
            raise ValueError("not an attachment file name")
        return self.attachments_dir / blob_name

    def add_attachment(
        self, case_id: str, attachment_tag: bytes, blob_name: str, meta: TaggedRow, manifest: bytes
    ) -> None:
        """Point the case at an already committed blob, with its encrypted metadata record."""
        with self.transaction() as conn:
            self._set_manifest(conn, case_id, manifest)
            self._insert_tagged(conn, case_id, [meta], [(attachment_tag, blob_name)])

    def blob_name(self, case_id: str, attachment_tag: bytes) -> str | None:
        with self.lock, storage_errors():
            row = self._conn.execute(
                "SELECT blob_name FROM sealed_attachments WHERE case_id = ? AND attachment_tag = ?",
                (case_id, attachment_tag),
            ).fetchone()
        return None if row is None else str(row[0])

    def _blob_names(self, case_id: str) -> list[str]:
        with self.lock, storage_errors():
            rows = self._conn.execute(
                "SELECT blob_name FROM sealed_attachments WHERE case_id = ? "
                "UNION ALL SELECT blob_name FROM attachments WHERE case_id = ?",
                (case_id, case_id),
            ).fetchall()
        return [str(r[0]) for r in rows]

    def blob_size(self, blob_name: str) -> int | None:
        try:
            return self._blob_path(blob_name).stat().st_size
        except FileNotFoundError:
            return None

    def open_blob(self, blob_name: str) -> BinaryIO:
        """Open an attachment file for reading; FileNotFoundError if it is gone."""
        with storage_errors():
            fd = os.open(self._blob_path(blob_name), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            return os.fdopen(fd, "rb")

    def remove_attachment(
        self, case_id: str, attachment_tag: bytes, meta_tag: bytes, manifest: bytes
    ) -> None:
        with self.lock:
            name = self.blob_name(case_id, attachment_tag)
            with self.transaction() as conn:
                self._set_manifest(conn, case_id, manifest)
                conn.execute(
                    "DELETE FROM sealed_attachments WHERE case_id = ? AND attachment_tag = ?",
                    (case_id, attachment_tag),
                )
                conn.execute(
                    "DELETE FROM sealed_records WHERE case_id = ? AND record_tag = ?",
                    (case_id, meta_tag),
                )
            self.checkpoint()
            if name is not None:
                self.remove_blob(name)

    def remove_blob(self, blob_name: str) -> None:
        with storage_errors(), contextlib.suppress(FileNotFoundError):
            os.unlink(self._blob_path(blob_name))

    def attachment_rows(self, case_id: str) -> list[tuple[bytes, str]]:
        """(attachment tag, blob_name) of a case, oldest first."""
        with self.lock, storage_errors():
            rows = self._conn.execute(
                "SELECT attachment_tag, blob_name FROM sealed_attachments WHERE case_id = ? "
                "ORDER BY rowid",
                (case_id,),
            ).fetchall()
        return [(bytes(r[0]), str(r[1])) for r in rows]

    def case_exists(self, case_id: str) -> bool:
        with self.lock, storage_errors():
            return (
                self._conn.execute("SELECT 1 FROM cases WHERE case_id = ?", (case_id,)).fetchone()
                is not None
            )

    def replace_whole_case(
        self,
        row: CaseRow,
        header: KeyHeader,
        manifest: bytes | None,
        records: Sequence[TaggedRow],
        attachments: Sequence[tuple[bytes, str]],
        legacy_records: Sequence[RecordRow] = (),
        legacy_attachments: Sequence[tuple[str, str]] = (),
        *,
        replace: bool,
    ) -> None:
        """Insert an imported case (records and committed blobs) in one transaction.

        With `replace`, an existing case of the same id is removed in the same transaction and
        its files afterwards; without it, an existing case raises CaseAlreadyExists. A case from
        a format-1 file arrives as schema-1 rows, converted at its first unlock like any other.
        """
        with self.lock:
            old_blobs = self._blob_names(row.case_id)
            with self.transaction() as conn:
                exists = conn.execute(
                    "SELECT 1 FROM cases WHERE case_id = ?", (row.case_id,)
                ).fetchone()
                if exists is not None:
                    if not replace:
                        raise CaseAlreadyExists()
                    self._delete_case_rows(conn, row.case_id)
                self._insert_case(conn, row, header)
                if manifest is not None:
                    self._set_manifest(conn, row.case_id, manifest)
                self._insert_tagged(conn, row.case_id, records, attachments)
                conn.executemany(
                    "INSERT INTO records (case_id, kind, record_id, envelope) VALUES (?,?,?,?)",
                    [(row.case_id, r.kind, r.record_id, r.envelope) for r in legacy_records],
                )
                conn.executemany(
                    "INSERT INTO attachments (case_id, attachment_id, blob_name) VALUES (?,?,?)",
                    [(row.case_id, aid, name) for aid, name in legacy_attachments],
                )
            if exists is not None:
                for name in old_blobs:
                    self.remove_blob(name)
                self.scrub()

    def _sweep_orphans(self) -> None:
        """Remove temp files and files no row points to, left by a crash (and old enough)."""
        with self.lock:
            known = {
                str(r[0])
                for r in self._conn.execute(
                    "SELECT blob_name FROM attachments "
                    "UNION SELECT blob_name FROM sealed_attachments"
                )
            }
            cutoff = time.time() - SWEEP_AGE_SECONDS
            for entry in os.scandir(self.attachments_dir):
                if not entry.is_file(follow_symlinks=False):
                    continue
                is_temp = entry.name.startswith(TEMP_PREFIX)
                is_orphan = _BLOB_NAME.match(entry.name) is not None and entry.name not in known
                if (is_temp or is_orphan) and entry.stat().st_mtime < cutoff:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.path)
