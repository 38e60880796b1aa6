"""Agreed phrases inside a draft paragraph: spans of 5+ words found verbatim in earlier documents.

Both ways of finding candidates (the corpus index, the full scan) report the
same raw facts, "draft paragraph ``i`` word ``j`` starts a five-word run that
paragraph ``key`` has at word ``p``" (a key orders paragraphs oldest first),
and this module turns those hits into phrases, so the two ways cannot differ in
how they choose.

Choosing: from the paragraph's first word on, the longest run starting there
that some earlier paragraph has verbatim becomes a phrase, and the search goes
on after it (leftmost, then longest: phrases never overlap). Each phrase names
the oldest paragraph that has all of its words in a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

MIN_WORDS = 5  # a phrase is at least this many words in a row

IntArray = np.ndarray[Any, np.dtype[np.int64]]


@dataclass(frozen=True)
class Hits:
    """Five-word matches: draft paragraph, its word, the earlier paragraph's key, its word."""

    para: IntArray
    word: IntArray
    key: IntArray
    pos: IntArray

    @staticmethod
    def empty() -> Hits:
        z = np.zeros(0, dtype=np.int64)
        return Hits(z, z, z, z)

    @staticmethod
    def join(parts: Sequence[Hits]) -> Hits:
        if not parts:
            return Hits.empty()
        return Hits(*(np.concatenate([getattr(h, f) for h in parts]) for f in ("para", "word", "key", "pos")))


Run = tuple[int, int, int]  # (first word, end word, paragraph key): words first..end-1 verbatim there


def runs_by_paragraph(hits: Hits, n_paras: int) -> list[list[Run]]:
    """Maximal verbatim runs per draft paragraph, each (first, end) pair once with its oldest key."""
    out: list[list[Run]] = [[] for _ in range(n_paras)]
    if not len(hits.para):
        return out
    diag = hits.pos - hits.word
    order = np.lexsort((hits.word, diag, hits.key, hits.para))
    para, word, key, dg = hits.para[order], hits.word[order], hits.key[order], diag[order]
    new = np.ones(len(para), dtype=bool)
    new[1:] = (para[1:] != para[:-1]) | (key[1:] != key[:-1]) | (dg[1:] != dg[:-1]) | (word[1:] != word[:-1] + 1)
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], len(para)) - 1
    s_para, s_first, s_end, s_key = para[starts], word[starts], word[ends] + MIN_WORDS, key[starts]
    # Oldest key per (paragraph, first, end).
    order = np.lexsort((s_key, s_end, s_first, s_para))
    s_para, s_first, s_end, s_key = s_para[order], s_first[order], s_end[order], s_key[order]
    keep = np.ones(len(s_para), dtype=bool)
    keep[1:] = (s_para[1:] != s_para[:-1]) | (s_first[1:] != s_first[:-1]) | (s_end[1:] != s_end[:-1])
    for p, f, e, k in zip(
        s_para[keep].tolist(), s_first[keep].tolist(), s_end[keep].tolist(), s_key[keep].tolist(), strict=True
    ):
        out[p].append((f, e, k))
    return out


def choose(runs: Sequence[Run], n_words: int) -> list[Run]:
    """Leftmost-longest phrases, each with the oldest paragraph holding all of its words in a row."""
    chosen: list[Run] = []
    i = 0
    while i + MIN_WORDS <= n_words:
        length = max((e - i for f, e, _ in runs if f <= i and e - i >= MIN_WORDS), default=0)
        if not length:
            i += 1
            continue
        end = i + length
        key = min(k for f, e, k in runs if f <= i and e >= end)
        chosen.append((i, end, key))
        i = end
    return chosen
