"""The derived scoring tables of ``similar``, saved beside the index file per index generation.

Deriving every stored paragraph's scoring words (stemmed leading verb, no
stop words), its letters count and its place took over a second on 10,000
documents: the largest cost of a ``provenance`` command in a new process.
``sidecar`` keeps them in ``<index>.scoring.arrays`` for the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from reader.core.search import sidecar

I64 = np.ndarray[Any, np.dtype[np.int64]]


@dataclass(frozen=True)
class Derived:
    """What ``similar._derive`` derives from the snapshot and the paragraph table."""

    stems: list[str]  # words with ids from ``n_terms`` on (stems the index has no term for)
    scodes: np.ndarray[Any, np.dtype[np.uint32]]  # scoring word ids as ``similar._encode`` code points
    sbounds: I64
    stem_keys: I64  # stem id per group of ``stem_rows``
    stem_bounds: I64  # group k is stem_flat[stem_bounds[k]:stem_bounds[k+1]]
    stem_flat: I64
    file_of: I64
    idx_of: I64
    plen: I64
    letters: np.ndarray[Any, np.dtype[np.uint64]]  # ``similar.letters_hash`` per row
    canon: I64  # per row: the first row with the same scoring words
    file_ids: I64  # the files table: ids ...
    doc_ids: np.ndarray[Any, Any]  # ... and document ids (str), read once instead of per process

    def stem_rows(self) -> dict[int, I64]:
        b = self.stem_bounds.tolist()
        return {k: self.stem_flat[b[i] : b[i + 1]] for i, k in enumerate(self.stem_keys.tolist())}

    @staticmethod
    def pack_stem_rows(stem_rows: dict[int, I64]) -> tuple[I64, I64, I64]:
        keys = np.array(list(stem_rows), dtype=np.int64)
        lens = np.array([len(v) for v in stem_rows.values()], dtype=np.int64)
        bounds = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum(lens, out=bounds[1:])
        flat = np.concatenate(list(stem_rows.values())) if stem_rows else np.zeros(0, dtype=np.int64)
        return keys, bounds, flat.astype(np.int64)


_ARRAYS = (
    "stems",
    "scodes",
    "sbounds",
    "stem_keys",
    "stem_bounds",
    "stem_flat",
    "file_of",
    "idx_of",
    "plen",
    "letters",
    "canon",
    "file_ids",
    "doc_ids",
)


def load(index_path: Path | None, generation: str, n_terms: int) -> Derived | None:
    """The tables saved for this generation, or None (no file, another generation, unreadable)."""
    found = sidecar.read(index_path, "scoring", ["5", generation, str(n_terms)], _ARRAYS)
    if found is None:
        return None
    found["stems"] = [str(s) for s in found["stems"].tolist()]
    return Derived(**found)


def save(index_path: Path | None, generation: str, n_terms: int, derived: Derived) -> None:
    """Write the tables for the next process (``sidecar``)."""
    arrays: dict[str, Any] = {name: getattr(derived, name) for name in _ARRAYS}
    arrays["stems"] = np.array(derived.stems, dtype=str)
    sidecar.write(index_path, "scoring", ["5", generation, str(n_terms)], arrays)
