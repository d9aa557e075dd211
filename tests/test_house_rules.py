"""House rules that keep the code base honest: layer boundaries and template hygiene."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "complaint_helper"
LOWER_LAYERS = ("interview", "vault", "boards", "documents")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", LOWER_LAYERS)
def test_lower_layers_know_nothing_of_the_web(layer: str) -> None:
    for path in (PACKAGE / layer).rglob("*.py"):
        for name in imported_modules(path):
            top = name.split(".")[0]
            assert top not in ("flask", "flask_wtf", "wtforms", "werkzeug", "waitress"), (
                f"{path.relative_to(REPO)} imports {name}"
            )
            assert not name.startswith("complaint_helper.web"), f"{path} imports {name}"


def test_only_pdf_module_imports_reportlab() -> None:
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "documents" / "pdf.py":
            continue
        for name in imported_modules(path):
            assert name.split(".")[0] != "reportlab", f"{path.relative_to(REPO)} imports {name}"


def test_every_module_has_a_docstring() -> None:
    for path in PACKAGE.rglob("*.py"):
        if path.name.startswith("_") and path.name != "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path.relative_to(REPO)} has no module docstring"


TEMPLATE_FILES = sorted((REPO / "templates").rglob("*.html"))


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_templates_have_no_inline_script_style_or_handlers(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
    assert not re.search(r"<style\b", text), "<style> element"
    assert not re.search(r"\sstyle\s*=", text), "style= attribute"
    assert not re.search(r"\son[a-z]+\s*=", text), "on*= handler attribute"


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_templates_load_nothing_from_another_host(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for found in re.finditer(r'(?:src|href)\s*=\s*"((?:https?:)?//[^"]+)"', text):
        tag_start = text.rfind("<", 0, found.start())
        tag = text[tag_start : found.start()]
        # Links a person chooses to follow are fine; nothing may be *loaded* from elsewhere.
        assert tag.startswith("<a "), f"{found.group(1)} loaded by {tag!r}"


def test_static_files_load_nothing_from_another_host() -> None:
    for path in (REPO / "static").rglob("*"):
        if path.suffix in (".css", ".js"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text), path
            assert not re.search(r"(?:fetch|XMLHttpRequest)\([^)]*https?://", text), path
