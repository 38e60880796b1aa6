"""The layers of DESIGN.md hold: core and command line never load Qt; the GUI matches nothing itself."""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import reader.core

ROOT = Path(__file__).resolve().parent.parent


def _core_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(reader.core.__path__, "reader.core."))


def test_core_is_a_package_per_stage() -> None:
    names = set(_core_modules())
    for package in ("ingest", "compare", "corpus", "report"):
        assert f"reader.core.{package}" in names
    assert {"reader.core.corpus.store", "reader.core.search.query", "reader.core.search.index"} <= names


def test_importing_every_core_module_and_the_cli_loads_no_qt() -> None:
    modules = [*_core_modules(), "reader.cli"]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]", out.stdout
    assert len(modules) > 20  # the walk found the core, not an empty package


def test_gui_modules_import_no_matching_library() -> None:
    """Alignment, diffing and fuzzy matching live in reader.core; the GUI renders their results."""
    banned = {"rapidfuzz", "diff_match_patch", "difflib"}
    offenders = []
    for path in sorted((ROOT / "reader" / "gui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in banned]
    assert offenders == []


def test_one_module_writes_the_store_and_search_only_reads_it() -> None:
    """SQL that changes a store is written in ``corpus/store.py`` alone; ``search`` reads."""
    writes = re.compile(r"\b(?:INSERT|UPDATE|DELETE\s+FROM|CREATE\s+(?:TABLE|INDEX|VIEW|TEMP)|DROP)\b")
    writers = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "reader").rglob("*.py")
        if writes.search(path.read_text(encoding="utf-8"))
    )
    assert writers == ["reader/core/corpus/store.py"]
    search = ROOT / "reader" / "core" / "search"
    imported = {
        node.module
        for path in search.glob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module
    }
    forbidden = ("reader.core.compare", "reader.core.report", "reader.gui")
    assert not {m for m in imported if m.startswith(forbidden)}
