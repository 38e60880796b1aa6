"""Consecutive versions of the real series in ``../shared/real``: the pairs an analyst compares.

A series is the documents the index gives one title (the symbol prefix and spacing aside); each pair
is one of them and the next by year. Shared by the test that every pair compares completely and by
the benchmark that times ``compare`` on them.
"""

from __future__ import annotations

import csv
import random
import re
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real"
DOCS = REAL / "un-documents"
_SYMBOL_PREFIX = re.compile(r"^\s*[\d/ .A-Z]*?\d+/\d+\s*\.?\s*")


def series_pairs(real: Path = REAL) -> list[tuple[str, str]]:
    """Every (earlier file, next file) of every real series, in a fixed order."""
    with open(real / "un-documents-index.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_title: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in rows:
        title = " ".join(_SYMBOL_PREFIX.sub("", r["title"] or "").split()).lower()
        if len(title) > 10:
            by_title[title].append((r["year"] or "0", r["file"]))
    pairs: list[tuple[str, str]] = []
    for title in sorted(by_title):
        docs = sorted(by_title[title])
        pairs += [(a[1], b[1]) for a, b in pairwise(docs)]
    return pairs


def sample(pairs: list[tuple[str, str]], n: int, seed: int = 26) -> list[tuple[str, str]]:
    """A fixed sample of ``n`` pairs (the same on every run and machine)."""
    if n >= len(pairs):
        return list(pairs)
    return sorted(random.Random(seed).sample(pairs, n))
