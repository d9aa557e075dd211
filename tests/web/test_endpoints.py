"""Every link names a real endpoint: a wrong name fails here, never hides a link.

Reads every template and every module of the app and the bench (as text, not by rendering, so a
link on a page no test opens is checked too): each `url_for("...")`, and each string that looks
like an endpoint name of one of the app's blueprints, must be an endpoint of the real app. No code
may probe the app for an endpoint and fall back quietly (`view_functions`), and no template may
write an address of the app by hand instead of through `url_for`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from flask import Flask

from complaint_helper.paths import templates_dir

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = (ROOT / "complaint_helper", ROOT / "bench")
# Where endpoint names are written as plain strings too (lower layers know nothing of the web).
NAMING_DIRS = (ROOT / "complaint_helper" / "web", ROOT / "bench")
URL_FOR = re.compile(r"""url_for\(\s*['"]([^'"]+)['"]""")
BLUEPRINT = re.compile(r"""Blueprint\(\s*['"](\w+)['"]""")
# href="/…", action="/…", src="/…" (but not "//…"): an address of the app written by hand.
HAND_WRITTEN = re.compile(r"""\b(?:href|action|src|formaction)=["']/(?!/)""")


def templates() -> list[Path]:
    return sorted(templates_dir().rglob("*.html"))


def modules() -> list[Path]:
    return sorted(path for folder in CODE_DIRS for path in folder.rglob("*.py"))


def named_endpoints(app: Flask, path: Path, text: str) -> list[str]:
    """Endpoint names in a file: url_for arguments (".x" resolved against the file's
    blueprint) and, in Python, any string literal "<blueprint>.<name>"."""
    blueprint = BLUEPRINT.search(text)
    names = []
    for name in URL_FOR.findall(text):
        if name.startswith("."):
            assert blueprint, f"{path}: url_for({name!r}) outside a blueprint module"
            name = blueprint.group(1) + name
        names.append(name)
    if path.suffix == ".py" and any(path.is_relative_to(folder) for folder in NAMING_DIRS):
        prefixes = tuple(f"{bp}." for bp in app.blueprints)
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if value.startswith(prefixes) and re.fullmatch(r"\w+\.\w+", value):
                    names.append(value)
    return names


def test_the_scan_finds_the_links_it_checks(app: Flask) -> None:
    found = {
        name
        for path in (*templates(), *modules())
        for name in named_endpoints(app, path, path.read_text(encoding="utf-8"))
    }
    # Guards the guard: a scan that found nothing would pass whatever the code said.
    assert {"interview.progress", "documents.boards", "cases.unlock", "general.lock"} <= found


def test_every_endpoint_named_in_a_template_or_module_exists(app: Flask) -> None:
    missing = []
    for path in (*templates(), *modules()):
        for name in named_endpoints(app, path, path.read_text(encoding="utf-8")):
            if name not in app.view_functions:
                missing.append(f"{path.relative_to(ROOT)}: {name}")
    assert missing == []


def test_no_code_probes_for_an_endpoint_and_falls_back() -> None:
    probing = [
        str(path.relative_to(ROOT))
        for path in modules()
        if "view_functions" in path.read_text(encoding="utf-8")
    ]
    assert probing == []


def test_no_template_writes_an_address_of_the_app_by_hand() -> None:
    by_hand = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if HAND_WRITTEN.search(line)
    ]
    assert by_hand == []
