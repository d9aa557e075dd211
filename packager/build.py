"""`make dist`: build the packaged app with PyInstaller from packager/complaint-helper.spec, put it
in one archive in dist/, and print the archive's path and SHA-256.

    python packager/build.py        (the same command on Linux, macOS and Windows)

The app folder is dist/complaint-helper/ (the program inside is `complaint-helper`, or
`complaint-helper.exe`); the archive beside it is what a person downloads: a .tar.gz on Linux and
macOS (it keeps the program's execute bit), a .zip on Windows.
"""

from __future__ import annotations

import hashlib
import platform
import shutil
import subprocess
import sys
import tarfile
import zipfile
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packager" / "complaint-helper.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
NAME = "complaint-helper"


def os_name() -> str:
    return {"darwin": "macos", "win32": "windows"}.get(sys.platform, sys.platform)


def machine() -> str:
    arch = platform.machine().lower()
    return {"amd64": "x86_64", "aarch64": "arm64"}.get(arch, arch)


def app_folder() -> Path:
    return DIST / NAME


def program() -> Path:
    return app_folder() / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def archive_path() -> Path:
    suffix = "zip" if sys.platform == "win32" else "tar.gz"
    return DIST / f"{NAME}-{version(NAME)}-{os_name()}-{machine()}.{suffix}"


def build() -> None:
    subprocess.run(  # noqa: S603 - our own interpreter running PyInstaller on our spec
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(SPEC),
        ],
        check=True,
        cwd=ROOT,
    )


def archive(folder: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    if target.suffix == ".zip":
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as bundle:
            for path in sorted(folder.rglob("*")):
                bundle.write(path, path.relative_to(folder.parent).as_posix())
    else:
        with tarfile.open(target, "w:gz") as bundle:
            bundle.add(folder, arcname=folder.name)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main() -> int:
    for old in DIST.glob(f"{NAME}-*"):
        old.unlink()
    if app_folder().exists():
        shutil.rmtree(app_folder())
    build()
    if not program().is_file():
        print(f"build/{NAME}: PyInstaller made no {program()}", file=sys.stderr)
        return 1
    target = archive_path()
    archive(app_folder(), target)
    digest = sha256(target)
    (DIST / f"{target.name}.sha256").write_text(f"{digest}  {target.name}\n", encoding="utf-8")
    size = target.stat().st_size / 2**20
    print(f"Packaged app: {program()}")
    print(f"Archive:      {target} ({size:.1f} MB)")
    print(f"SHA-256:      {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
