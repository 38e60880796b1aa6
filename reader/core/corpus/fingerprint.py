"""What a stored document depends on, found by following the parser's own imports.

A store keeps parsed documents; when the code that makes them changes, every stored
document must be made again, and when only the code that reads them changes, none
must (a new reader of the same documents must not cost a first build of 100,000
files). The modules that make a stored document are the parse workers, the document
codec and everything of this package they import, directly or lazily; they are found
by reading their import statements, so a module the parser comes to use (a new
language in ``reader.core.lang``) is covered without a list to keep up to date.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

import reader

# Where a stored document is made: the parse workers (which parse and tokenise) and its encoding.
ROOTS = ("reader.core.corpus.parsepool", "reader.core.corpus.doccodec")
# The store's own module is versioned by its SCHEMA_VERSION (a change to how it tokenises
# stored words bumps it); following its imports would make every reader change a rebuild.
VERSIONED_APART = frozenset({"reader.core.corpus.store"})

_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(reader(?:\.\w+)*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]+)"  # from reader.x import a
    r"|import[ \t]+(reader(?:\.\w+)+))",  # import reader.x.y
    re.M,
)
_PACKAGE_ROOT = Path(reader.__file__).resolve().parent.parent
# Paths below are strings: every command that opens a store computes the fingerprint, and making a
# Path for each name imported cost most of it.


def _source(module: str) -> str | None:
    base = os.path.join(_PACKAGE_ROOT, *module.split("."))
    for path in (base + ".py", os.path.join(base, "__init__.py")):
        if os.path.isfile(path):
            return path
    return None  # a name imported from a module (a class, a function), not a module itself


def _is_package(module: str) -> bool:
    return os.path.isdir(os.path.join(_PACKAGE_ROOT, *module.split(".")))


def modules_used(roots: tuple[str, ...] = ROOTS) -> dict[str, bytes]:
    """Every module of the package that ``roots`` import, directly or not, with its source."""
    found: dict[str, bytes] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in found or name in VERSIONED_APART:
            continue
        path = _source(name)
        if path is None:
            continue
        with open(path, "rb") as fh:
            found[name] = source = fh.read()
        parts = name.split(".")
        todo.extend(".".join(parts[:i]) for i in range(2, len(parts)))  # its packages' __init__
        for m in _IMPORT.finditer(source.decode("utf-8")):
            if m.group(3):
                todo.append(m.group(3))
                continue
            package = m.group(1)
            todo.append(package)
            if _is_package(package):  # names imported from a module file are not modules
                todo.extend(f"{package}.{n}" for n in re.findall(r"\b\w+\b", m.group(2)) if n != "as")
    return found


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """A short hash of the program's version and every module that makes a stored document."""
    h = hashlib.sha256(str(getattr(reader, "__version__", "")).encode())
    for name, source in sorted(modules_used().items()):
        h.update(name.encode() + b"\0" + source)
    return h.hexdigest()[:16]
