"""Which (paragraph, old version) pairs could reach a score at all, before scoring any of them.

The look-back for dropped-and-restored paragraphs compares every unpaired
paragraph of a document with the last version of every dropped lineage; in a
long series that is thousands of versions per document, almost all of them
unrelated. A pair's score (``align.similarity_matrix``) grows with the longest
common word subsequence, which is at most the number of the old version's words
that occur in the paragraph at all (and at most either length). That bound,
from a word-id table, is cheap for all pairs at once; only pairs whose bound
reaches the bar are scored, so the result is exactly that of scoring all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

I64 = np.ndarray[Any, np.dtype[np.int64]]
Mask = np.ndarray[Any, np.dtype[np.bool_]]


class WordIds:
    """Words to small integers, shared by every version of one series."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def of(self, words: Sequence[str]) -> I64:
        ids = self._ids
        return np.fromiter((ids.setdefault(w, len(ids)) for w in words), dtype=np.int64, count=len(words))


def reachable(rows: Sequence[I64], cols: Sequence[I64], threshold: float) -> Mask:
    """Per column: can any row score at least ``threshold`` against it (``similarity_matrix``'s score)?"""
    n = len(cols)
    keep = np.zeros(n, dtype=bool)
    if not n or not rows:
        return keep
    lens = np.fromiter((len(c) for c in cols), dtype=np.int64, count=n)
    if not lens.sum():
        return keep
    flat = np.concatenate(cols)
    owner = np.repeat(np.arange(n, dtype=np.int64), lens)
    order = np.argsort(flat, kind="stable")
    words, owners = flat[order], owner[order]
    lb = lens.astype(np.float64)
    for row in rows:
        if not len(row):
            continue
        uniq = np.unique(row)
        lo = np.searchsorted(words, uniq, "left")
        hi = np.searchsorted(words, uniq, "right")
        parts = [owners[a:b] for a, b in zip(lo.tolist(), hi.tolist(), strict=True) if b > a]
        if not parts:
            continue
        # Occurrences in the column of words the row has: at least the common subsequence.
        shared = np.bincount(np.concatenate(parts), minlength=n).astype(np.float64)
        la = float(len(row))
        lcs = np.minimum(np.minimum(shared, la), lb)
        bound = 100.0 * lcs / np.maximum(la + lb, 1.0) + 50.0 * lcs / np.maximum(np.minimum(la, lb), 1.0)
        keep |= bound >= threshold - 1e-9
    return keep
