"""The vault's boundaries, checked by reading the package's source (ast), not by trusting it.

- `cryptography` is imported only by complaint_helper/vault/crypto.py, anywhere in the package;
- `sqlite3` only by complaint_helper/vault/store.py, anywhere in the package;
- inside vault/, only store.py opens, writes, renames or deletes files;
- vault/ never imports flask or complaint_helper.web.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "complaint_helper"
CRYPTO = PACKAGE / "vault" / "crypto.py"
STORE = PACKAGE / "vault" / "store.py"

FILE_CALLS = {
    "open",
    "fdopen",
    "unlink",
    "remove",
    "replace",
    "rename",
    "rmdir",
    "removedirs",
    "write_bytes",
    "write_text",
    "read_bytes",
    "read_text",
    "touch",
    "mkdir",
    "makedirs",
    "chmod",
    "truncate",
    "scandir",
    "listdir",
    "rmtree",
    "copyfile",
    "mkstemp",
    "NamedTemporaryFile",
    "TemporaryFile",
    "connect",
}
FILE_MODULES = {"sqlite3", "tempfile", "shutil", "io", "mmap", "dbm", "shelve", "pickle"}


def imported_modules(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def file_calls(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else (func.attr if isinstance(func, ast.Attribute) else "")
            )
            if name in FILE_CALLS:
                found.add(name)
    return found


def parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def package_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def roots(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_scanner_sees_the_whole_package() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in package_modules()}
    assert {"vault/crypto.py", "vault/store.py", "vault/case.py", "__init__.py"} <= names


def test_scanner_catches_a_violation() -> None:
    tree = ast.parse("import sqlite3\nfrom cryptography.fernet import Fernet\nopen('x')\n")
    assert {"sqlite3", "cryptography"} <= roots(imported_modules(tree))
    assert "open" in file_calls(tree)


@pytest.mark.parametrize("path", package_modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_only_crypto_imports_cryptography(path: Path) -> None:
    if path != CRYPTO:
        assert "cryptography" not in roots(imported_modules(parse(path)))


@pytest.mark.parametrize("path", package_modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_only_store_imports_sqlite(path: Path) -> None:
    if path != STORE:
        assert "sqlite3" not in roots(imported_modules(parse(path)))


VAULT_MODULES = sorted((PACKAGE / "vault").glob("*.py"))


@pytest.mark.parametrize("path", VAULT_MODULES, ids=lambda p: p.name)
def test_only_store_touches_files_inside_the_vault(path: Path) -> None:
    if path == STORE:
        return
    tree = parse(path)
    assert not (roots(imported_modules(tree)) & FILE_MODULES)
    assert not file_calls(tree)


@pytest.mark.parametrize("path", VAULT_MODULES, ids=lambda p: p.name)
def test_vault_knows_nothing_of_the_web(path: Path) -> None:
    modules = imported_modules(parse(path))
    assert "flask" not in roots(modules)
    assert not any(m.startswith("complaint_helper.web") for m in modules)
