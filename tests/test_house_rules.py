"""House rules that keep the code base honest, read from the source (ast), none able to pass empty.

- The layer matrix (design.md, docs/architecture.md): which part of the package may import which,
  with relative, lazy (inside a function) and `importlib` imports all counted.
- Which module alone may import a library (reportlab, cryptography, sqlite3, logging, the web
  stack), and no import cycle between the package's modules.
- The documents read only (step, question) pairs the step table defines.
- Module docstrings; templates with no inline script, style or handlers and nothing loaded from
  another host.

Every scanned list is asserted non-empty, and the scanners are tested on a violation, so a moved
folder or a broken scanner fails here instead of checking nothing.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from complaint_helper.interview.steps import STEP_BY_SLUG

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "complaint_helper"
MODULES = sorted(PACKAGE.rglob("*.py"))
TEMPLATE_FILES = sorted((REPO / "templates").rglob("*.html"))
STATIC_FILES = sorted(p for p in (REPO / "static").rglob("*") if p.suffix in (".css", ".js"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(tree: ast.AST) -> set[int]:
    """ids of the nodes inside `if TYPE_CHECKING:` blocks (imported for annotations only)."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for statement in node.body:
                inside.update(id(child) for child in ast.walk(statement))
    return inside


def imports_in(
    source: str, name: str, *, is_package: bool = False, runtime_only: bool = False
) -> set[str]:
    """Every module `source` (the module `name`) imports, as absolute names.

    `from a import b` yields both `a` and `a.b` (b may be a module); relative imports are resolved
    against the module's package; `importlib.import_module("x")` and `__import__("x")` count.
    `runtime_only` leaves out imports under `if TYPE_CHECKING:` (they never run).
    """
    package = name.split(".") if is_package else name.split(".")[:-1]
    tree = ast.parse(source)
    skipped = _type_checking_only(tree) if runtime_only else set()
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if called in ("import_module", "__import__") and isinstance(first, ast.Constant):
                found.add(str(first.value))
    return {module for module in found if module}


def imports_of(path: Path, *, runtime_only: bool = False) -> set[str]:
    return imports_in(
        path.read_text(encoding="utf-8"),
        module_name(path),
        is_package=path.name == "__init__.py",
        runtime_only=runtime_only,
    )


def part_of(module: str) -> str:
    """The package part a module belongs to: "boards", "vocabulary", "" for the package root."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


# ---- the layer matrix --------------------------------------------------------------------------

# Leaf modules import nothing of the package, so every layer may read them.
LEAVES = ("vocabulary", "failure_log", "i18n")
# What each lower layer may import of the package (itself included); everything else is refused.
MAY_IMPORT: dict[str, set[str]] = {
    "interview": {"interview", *LEAVES},
    "vault": {"vault", *LEAVES},
    "boards": {"boards", *LEAVES},
    # documents: the answers, the boards and the support list; never the vault or the web.
    "documents": {"documents", "interview", "boards", "support", *LEAVES},
    # support.py (other avenues and support services) reads the state law and the person's dates.
    "support": {"support", "boards", "interview", *LEAVES},
    **{leaf: set() for leaf in LEAVES},
    # The vocabulary's interview labels are lazy translations: it may read the translation leaf.
    "vocabulary": {"i18n"},
}
# The one named exception: the advocates' `complaint-helper boards` command lives beside the data
# it prints and prints the other avenues after the boards, as the pages do.
MODULE_MAY_ALSO_IMPORT: dict[str, set[str]] = {"complaint_helper.boards.command": {"support"}}
WEB_STACK = (
    "flask", "flask_wtf", "flask_babel", "wtforms", "werkzeug", "waitress", "cheroot", "jinja2",
    "markupsafe",
)  # fmt: skip


def package_imports(path: Path, *, runtime_only: bool = False) -> set[str]:
    return {
        m
        for m in imports_of(path, runtime_only=runtime_only)
        if m == "complaint_helper" or m.startswith("complaint_")
    }


def layer_cases() -> Iterator[tuple[str, Path]]:
    for layer in MAY_IMPORT:
        folder = PACKAGE / layer
        paths = sorted(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{layer}.py"]
        for path in paths:
            yield layer, path


LAYER_CASES = list(layer_cases())


def test_every_layer_of_the_matrix_has_modules_to_check() -> None:
    seen = {layer for layer, path in LAYER_CASES if path.is_file()}
    assert seen == set(MAY_IMPORT), set(MAY_IMPORT) - seen
    assert len(LAYER_CASES) > 30


@pytest.mark.parametrize(
    ("layer", "path"), LAYER_CASES, ids=[str(p.relative_to(PACKAGE)) for _, p in LAYER_CASES]
)
def test_layer_matrix(layer: str, path: Path) -> None:
    # `from complaint_helper import vocabulary` names the root too; the module after it counts.
    allowed = MAY_IMPORT[layer] | MODULE_MAY_ALSO_IMPORT.get(module_name(path), set())
    for module in package_imports(path) - {"complaint_helper"}:
        assert part_of(module) in allowed, f"{path.relative_to(REPO)} imports {module}"
    for module in imports_of(path):
        assert module.split(".")[0] not in WEB_STACK, f"{path.relative_to(REPO)} imports {module}"


def test_the_import_scanner_catches_relative_lazy_and_dynamic_imports() -> None:
    source = (
        "from .. import vault\n"
        "from ..web.session import x\n"
        "from . import steps\n"
        "def later():\n"
        "    import complaint_helper.documents.pdf\n"
        "    importlib.import_module('complaint_helper.boards')\n"
    )
    found = imports_in(source, "complaint_helper.interview.flow")
    assert {
        "complaint_helper.vault",
        "complaint_helper.web.session",
        "complaint_helper.interview.steps",
        "complaint_helper.documents.pdf",
        "complaint_helper.boards",
    } <= found
    assert {part_of(m) for m in found} - MAY_IMPORT["interview"] - {""} == {
        "vault",
        "web",
        "documents",
        "boards",
    }
    assert imports_in("from . import schema\n", "complaint_helper.boards", is_package=True) >= {
        "complaint_helper.boards.schema"
    }


# ---- who alone may import what -------------------------------------------------------------------

ONLY_IMPORTER: dict[str, tuple[Path, ...]] = {
    # One document model, two renderers (issue #17): each library behind one module.
    "reportlab": (PACKAGE / "documents" / "pdf.py",),
    "docx": (PACKAGE / "documents" / "docx.py",),
    "cryptography": (PACKAGE / "vault" / "crypto.py",),
    "sqlite3": (PACKAGE / "vault" / "store.py",),
    # One server set-up for the CLI and the tests (docs/uploads.md).
    "cheroot": (PACKAGE / "server.py",),
    # The logging promise: failures are logged by type only, through failure_log.log_failure.
    "logging": (PACKAGE / "failure_log.py",),
}


@pytest.mark.parametrize("library", sorted(ONLY_IMPORTER))
def test_only_one_module_imports(library: str) -> None:
    importers = [p for p in MODULES if library in {m.split(".")[0] for m in imports_of(p)}]
    assert importers, f"nothing imports {library}: the rule would check nothing"
    assert set(importers) <= set(ONLY_IMPORTER[library]), [str(p) for p in importers]


def test_nothing_logs_an_exception_with_its_text() -> None:
    """No `.exception(...)`, no `exc_info=`/`stack_info=`: use failure_log.log_failure."""
    calls = 0
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                calls += 1
                func = node.func
                if isinstance(func, ast.Attribute) and func.attr == "exception":
                    pytest.fail(f"{path.relative_to(REPO)}:{node.lineno} logs a traceback")
                for keyword in node.keywords:
                    assert keyword.arg not in ("exc_info", "stack_info"), (
                        f"{path.relative_to(REPO)}:{node.lineno} logs a traceback"
                    )
    assert calls > 1000


def test_no_import_cycle_between_modules() -> None:
    """At run time: an import under `if TYPE_CHECKING:` (annotations only) is no cycle."""
    names = {module_name(path): path for path in MODULES}
    graph = {
        name: {m for m in package_imports(path, runtime_only=True) if m in names and m != name}
        for name, path in names.items()
    }
    # A package's __init__ re-exporting its modules is not a cycle with them.
    for name in graph:
        graph[name] = {m for m in graph[name] if not name.startswith(m + ".")}
    assert sum(len(edges) for edges in graph.values()) > 50
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                cycle = [*trail[trail.index(other) :], other] if other in trail else [name, other]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if other not in state:
                visit(other, [*trail, other])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


# ---- the documents read only questions the step table defines ----------------------------------

READERS = {"text", "long_text", "choice", "choices", "date", "own_words", "set"}


def step_question_reads(path: Path) -> list[tuple[str, str, int]]:
    """(step, question, line) of each reader call given two literal strings or module constants."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }

    def literal(node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return constants.get(node.id)
        return None

    reads: list[tuple[str, str, int]] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in READERS
            and len(node.args) >= 2
        ):
            step, question = literal(node.args[0]), literal(node.args[1])
            if step is not None and question is not None:
                reads.append((step, question, node.lineno))
    return reads


DOCUMENT_MODULES = sorted((PACKAGE / "documents").rglob("*.py"))


def test_every_step_and_question_the_documents_read_exists() -> None:
    checked = 0
    for path in DOCUMENT_MODULES:
        for step, question, line in step_question_reads(path):
            where = f"{path.relative_to(REPO)}:{line} reads ({step!r}, {question!r})"
            assert step in STEP_BY_SLUG, where
            names = {q.name for q in STEP_BY_SLUG[step].questions}
            assert question in names, where
            checked += 1
    assert checked >= 15, f"only {checked} reads found: is the scanner still seeing the builders?"


def test_the_step_question_scanner_catches_a_misspelt_question(tmp_path: Path) -> None:
    module = tmp_path / "builder.py"
    module.write_text('_YOU = "about-you"\nr.text(_YOU, "emial")\nx.replace("a", "b")\n', "utf-8")
    assert step_question_reads(module) == [("about-you", "emial", 2)]


# ---- docstrings, templates and static files ----------------------------------------------------


def test_scanned_file_lists_are_not_empty() -> None:
    assert len(MODULES) > 40
    assert len(TEMPLATE_FILES) > 10
    assert STATIC_FILES
    assert DOCUMENT_MODULES


def test_every_module_has_a_docstring() -> None:
    for path in MODULES:
        if path.name.startswith("_") and path.name != "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path.relative_to(REPO)} has no module docstring"


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


@pytest.mark.parametrize("path", STATIC_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_static_files_load_nothing_from_another_host(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text), path
    assert not re.search(r"(?:fetch|XMLHttpRequest)\([^)]*https?://", text), path


# ---- settings and shared parts: one typed way ----------------------------------------------------

TOOL_FILES = sorted(
    [*(REPO / "tests").rglob("*.py"), *(REPO / "bench").rglob("*.py"), REPO / "docs/screenshots.py"]
)


def test_settings_and_shared_parts_are_reached_one_typed_way() -> None:
    """Through web.app_state (state_of, current_state, current_settings): no string keys into
    app.extensions, no settings in app.config keys, no `config.` settings in templates."""
    assert TOOL_FILES and TEMPLATE_FILES
    this_file = Path(__file__).resolve()
    for path in [*MODULES, *TOOL_FILES]:
        if path in (PACKAGE / "web" / "app_state.py", this_file):
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\.extensions\[", text), f"{path.relative_to(REPO)}: use state_of()"
        assert not re.search(r"config\[\s*[\"']CH_", text), f"{path.relative_to(REPO)}: app.config"
    for path in TEMPLATE_FILES:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bconfig\.CH_", text), f"{path.relative_to(REPO)}: use settings."
