"""Arrays derived from the index, saved beside its file for the next process, keyed by generation.

A new process asking one question (``provenance DRAFT``) spent most of its
time rebuilding in-memory tables from the SQLite index: streaming every
paragraph's word ids, deriving scoring words. Those depend only on the index's
contents, so they are written once per index generation (creation stamp and
update count, ``store.generation``) to ``<index>.<kind>.npz`` and read back
with one file read. A file of another generation or format, or one that cannot
be read, is ignored and replaced: it is a cache, never a source of truth.
Nothing is pickled; every write is atomic.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from reader.core.atomic import atomic_write_bytes

FORMAT = "1"


def path_of(index_path: Path, kind: str) -> Path:
    return index_path.with_name(f"{index_path.name}.{kind}.npz")


def read(index_path: Path | None, kind: str, key: list[str], names: tuple[str, ...]) -> dict[str, Any] | None:
    """The arrays saved under ``key`` (format, generation, ...), or None when there are none."""
    if index_path is None:
        return None
    try:
        with np.load(path_of(index_path, kind), allow_pickle=False) as z:
            if [str(x) for x in z["key"].tolist()] != [FORMAT, *key]:
                return None
            return {name: z[name] for name in names}
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, EOFError):
        return None


def write(index_path: Path | None, kind: str, key: list[str], arrays: dict[str, Any]) -> None:
    """Save the arrays for the next process; a folder that cannot be written only costs speed."""
    if index_path is None:
        return
    buf = io.BytesIO()
    np.savez(buf, key=np.array([FORMAT, *key]), **arrays)
    with contextlib.suppress(OSError):
        atomic_write_bytes(path_of(index_path, kind), buf.getvalue())
