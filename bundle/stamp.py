"""The build stamp: one hash of everything that goes into the bundle.

build.spec writes it into the finished bundle as its very last step; tests/test_dist.py
rebuilds only when the stamp in ``dist/`` differs from the sources' current hash. Both
load this file by path (it is build tooling, not part of the ``reader`` package).
"""

from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path

#: Folders (relative to the project root) whose files end up in, or shape, the bundle.
SOURCE_DIRS = ("reader", "resources", "corpus", "bundle")
#: Single files that shape the bundle.
SOURCE_FILES = ("build.spec", "pyproject.toml")
#: Installed distributions whose version changes what is bundled.
DISTRIBUTIONS = (
    "PySide6-Essentials",
    "shiboken6",
    "pyinstaller",
    "pyinstaller-hooks-contrib",
    "Jinja2",
    "MarkupSafe",
    "rapidfuzz",
    "numpy",
    "diff-match-patch",
    "platformdirs",
)
#: The stamp's file name inside ``dist/resolution-reader/``.
STAMP_NAME = "build-stamp.txt"


def _wanted(path: Path, root: Path) -> bool:
    """Skip caches and hidden files: they change without changing the program."""
    parts = path.relative_to(root).parts
    if any(part.startswith(".") or part == "__pycache__" for part in parts):
        return False
    return path.is_file() and path.suffix not in {".pyc", ".pyo"}


def source_files(root: Path) -> list[Path]:
    """Every input file of the bundle, in a stable order."""
    found = [root / name for name in SOURCE_FILES if (root / name).is_file()]
    for folder in SOURCE_DIRS:
        base = root / folder
        if base.is_dir():
            found += [path for path in base.rglob("*") if _wanted(path, root)]
    return sorted(found)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


def source_hash(root: Path) -> str:
    """SHA-256 over the input files' paths and contents, the Python and dependency versions."""
    digest = hashlib.sha256()
    digest.update(f"python {sys.version}\n".encode())
    for dist in DISTRIBUTIONS:
        digest.update(f"{dist} {_version(dist)}\n".encode())
    for path in source_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
