"""Where the templates and static files are: at the repository root in a checkout, inside the
package in an installed wheel (pyproject's force-include puts them there).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (PACKAGE_DIR / name, PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise RuntimeError(f"complaint-helper is installed without its {name}/ folder")


def templates_dir() -> Path:
    return _find("templates")


def static_dir() -> Path:
    return _find("static")
