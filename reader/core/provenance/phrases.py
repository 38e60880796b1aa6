"""Agreed phrases inside a draft paragraph: spans of 5+ words found verbatim in earlier documents.

Both ways of finding candidates (the corpus index, the full scan) report the
same raw facts, "draft paragraph ``i`` word ``j`` starts a five-word run that
paragraph ``key`` has at word ``p``" (a key orders paragraphs oldest first),
and this module turns those hits into phrases, so the two ways cannot differ in
how they choose.

Choosing: each word belongs to the oldest run that covers it, and a stretch of
five or more words belonging to one run is a phrase, named by that run's
paragraph: so a phrase a 2005 resolution took from a 2002 one is credited to
2002, even where the 2005 text has a longer run. Phrases never overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from reader.core.textnorm import FUNCTION_WORDS

MIN_WORDS = 5  # a phrase is at least this many words in a row
MIN_CONTENT_WORDS = 3  # of which at least this many are not function words
KEY_BASE = 1 << 20  # paragraph keys: age * KEY_BASE + index (see ``finder``)
STOP = FUNCTION_WORDS | {"but", "into"}

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


def oldest_only(hits: Hits) -> Hits:
    """Of the places holding each five-word run of the draft, those in its oldest document.

    Only the oldest document of a run can own its words (see ``oldest_runs``),
    and this lets the index stop looking for a run once an older document has
    it; every finder reports through here, so all count alike.
    """
    if not len(hits.para):
        return hits
    age = hits.key // KEY_BASE
    order = np.lexsort((age, hits.word, hits.para))
    para, word, a = hits.para[order], hits.word[order], age[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (para[1:] != para[:-1]) | (word[1:] != word[:-1])
    group = np.cumsum(first) - 1
    keep = np.zeros(len(order), dtype=bool)
    keep[order[a == a[first][group]]] = True
    return Hits(hits.para[keep], hits.word[keep], hits.key[keep], hits.pos[keep])


def runs_by_paragraph(hits: Hits, n_paras: int) -> list[list[Run]]:
    """Maximal verbatim runs per draft paragraph (from each run's oldest documents), with their keys."""
    out: list[list[Run]] = [[] for _ in range(n_paras)]
    hits = oldest_only(hits)
    if not len(hits.para):
        return out
    diag = hits.pos - hits.word
    order = np.lexsort((hits.word, diag, hits.key, hits.para))
    para, word, key, dg = hits.para[order], hits.word[order], hits.key[order], diag[order]
    new = np.ones(len(para), dtype=bool)
    new[1:] = (
        (para[1:] != para[:-1]) | (key[1:] != key[:-1]) | (dg[1:] != dg[:-1]) | (word[1:] != word[:-1] + 1)
    )
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


def telling(runs: Sequence[Run], words: Sequence[str]) -> list[Run]:
    """The runs with at least ``MIN_CONTENT_WORDS`` words that are not function words.

    "to support the efforts of" is five words in a row in many resolutions,
    but it is grammar, not agreed language (``compare``'s phrases ask the same).
    """
    return [r for r in runs if sum(w not in STOP for w in words[r[0] : r[1]]) >= MIN_CONTENT_WORDS]


def oldest_runs(runs: Sequence[Run], n_words: int) -> list[int]:
    """For each word, the index in ``runs`` of the oldest run covering it (-1: none).

    Oldest = from the oldest document; between runs of one document the
    longer, then the earlier one (a document's paragraph order says nothing
    about age).
    """
    best = [-1] * n_words
    rank: list[tuple[int, int, int]] = [(k // KEY_BASE, f - e, k) for f, e, k in runs]
    for r, (f, e, _) in enumerate(runs):
        for w in range(max(f, 0), min(e, n_words)):
            if best[w] < 0 or rank[r] < rank[best[w]]:
                best[w] = r
    return best


def choose(runs: Sequence[Run], n_words: int) -> list[Run]:
    """The phrases: stretches of words whose oldest covering run is one and the same, 5+ words long.

    Each phrase lies inside one run, so it stands verbatim in that run's
    paragraph, the oldest place any of its words was found. A stretch shorter
    than five words (where an older run begins inside a newer one) is agreed
    language too, but not listed as a phrase.
    """
    owner = oldest_runs(runs, n_words)
    chosen: list[Run] = []
    w = 0
    while w < n_words:
        r = owner[w]
        end = w + 1
        while end < n_words and owner[end] == r:
            end += 1
        if r >= 0 and end - w >= MIN_WORDS:
            chosen.append((w, end, runs[r][2]))
        w = end
    return chosen
