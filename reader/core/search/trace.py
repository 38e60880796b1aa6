"""Trace a phrase through a set of documents, fuzzily.

Agreed language drifts between years ("not as a substitute for but rather as a
complement to" becomes "not a substitute for, but rather a complement to"), so an
exact search misses it. Each paragraph is searched on its normalised words with
``rapidfuzz.fuzz.partial_ratio_alignment``; the best window is then snapped to
whole words (trying the partly covered edge words in and out) and scored again
against the phrase: half ``fuzz.ratio`` on the characters (spelling variants),
half the same ratio on whole words (``Indel`` over word lists). The word half
matters: one long shared word such as "South-South cooperation" makes unrelated
short phrases look 80 % alike by characters alone.

``score_paragraph`` (and ``score_words`` under it) are public so a corpus index
can run the very same scoring on its candidate paragraphs and return the same
hits as this brute-force search.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from reader.core.model import Document, Paragraph, TraceHit
from reader.core.search.partial import partial_alignment
from reader.core.textnorm import words
from reader.core.wordcache import cached_norm, cached_tokens, cached_words

# Measured on the seed corpus with a dozen agreed phrases: variant wordings score
# 85-100; the best window of a paragraph that lacks the phrase stays below 70.
DEFAULT_TRACE_SCORE: float = 80.0


def normalize_phrase(phrase: str) -> str:
    """The form ``score_paragraph`` expects: normalised words joined by one space."""
    return " ".join(words(phrase))


def score_paragraph(phrase_norm: str, paragraph: Paragraph | str) -> tuple[float, int, int] | None:
    """Best whole-word match of ``phrase_norm`` in a paragraph: (score 0-100, start, end).

    ``start``/``end`` are offsets in the paragraph's original text. None when the
    paragraph has no words or nothing resembling the phrase.
    """
    text = paragraph.text if isinstance(paragraph, Paragraph) else paragraph
    if not phrase_norm:
        return None
    found = score_words(phrase_norm, cached_words(text), *cached_norm(text))
    if found is None:
        return None
    score, first, last = found
    toks = cached_tokens(text)
    return score, toks[first].start, toks[last].end


def score_words(
    phrase_norm: str,
    norm_words: Sequence[str],
    norm: str,
    starts: Sequence[int],
    ends: Sequence[int],
) -> tuple[float, int, int] | None:
    """``score_paragraph`` on a paragraph's normalised words: (score, first word, last word).

    ``norm`` is ``norm_words`` joined by one space and ``starts``/``ends`` where
    each word stands in it. A corpus index stores words, not tokens, so it
    scores here and maps only its hits back to the original text.
    """
    if not phrase_norm or not norm_words:
        return None
    window = _best_window(phrase_norm, norm)
    if window is None:
        return None
    dest_start, dest_end = window
    first = bisect.bisect_right(starts, dest_start) - 1
    first = max(first, 0)
    if dest_start >= ends[first] and first + 1 < len(norm_words):
        first += 1
    last = max(bisect.bisect_left(starts, dest_end) - 1, first)
    firsts = {first} | ({first + 1} if dest_start > starts[first] and first < last else set())
    lasts = {last} | ({last - 1} if dest_end < ends[last] and last > first else set())
    phrase_words = phrase_norm.split()
    best: tuple[float, int, int] | None = None
    for f in sorted(firsts):
        for la in sorted(lasts):
            if la < f:
                continue
            chars = fuzz.ratio(phrase_norm, norm[starts[f] : ends[la]])
            score = 0.5 * chars + 50.0 * Indel.normalized_similarity(phrase_words, norm_words[f : la + 1])
            if best is None or score > best[0]:
                best = (score, f, la)
    assert best is not None
    score, f, la = best
    return round(score, 1), f, la


def _best_window(phrase_norm: str, norm: str) -> tuple[int, int] | None:
    """Where in ``norm`` the phrase aligns best (``partial_ratio_alignment``'s destination), or
    None when nothing does.

    A phrase longer than the paragraph is the longer string: rapidfuzz then aligns the
    paragraph whole inside the phrase, so the destination is the whole paragraph and its
    score is above 0 exactly when the two share a character. Skipping the search there is
    the same answer without its cost (a whole shared paragraph scored against a slightly
    shorter version of it cost milliseconds); a slightly longer version is
    :func:`partial.partial_alignment`'s case.
    """
    if len(phrase_norm) > len(norm):
        return None if set(norm).isdisjoint(phrase_norm) else (0, len(norm))
    score, start, end = partial_alignment(phrase_norm, norm)
    return (start, end) if score > 0 else None


def min_shared_words(phrase_norm: str, min_score: float) -> int:
    """How many of the phrase's words a paragraph must contain to reach ``min_score``.

    The score is half characters, half word similarity 2*LCS/(n + m), so a hit
    needs a word similarity w >= 2*min_score/100 - 1, hence an LCS (and a fortiori
    a multiset overlap) of at least w/(2 - w) of the phrase's n words. Skipping
    paragraphs below that never loses a hit; an index can use the same bound.
    """
    w = max(0.0, 2.0 * min_score / 100.0 - 1.0)
    n = len(phrase_norm.split())
    return math.ceil(n * w / (2.0 - w) - 1e-9) if w < 1.0 else n


def candidates(phrase_norm: str, texts: Sequence[str], min_score: float) -> list[int]:
    """Indices of the texts that can hold a hit of ``min_score`` (a sound filter).

    One ``cdist`` call gives the longest common word subsequence of the phrase
    with every whole paragraph, an upper bound of its LCS with any window; texts
    below ``min_shared_words`` are dropped without scoring.
    """
    need = min_shared_words(phrase_norm, min_score)
    if not texts:
        return []
    if need == 0:
        return list(range(len(texts)))
    phrase_words = phrase_norm.split()
    para_words = [cached_words(t) for t in texts]
    dist = process.cdist([phrase_words], para_words, scorer=Indel.distance, dtype=np.int32)[0]
    lens = np.array([len(w) for w in para_words])
    lcs = (len(phrase_words) + lens - dist) // 2
    return np.nonzero(lcs >= need)[0].tolist()


def trace(
    phrase: str, documents: Iterable[Document], *, min_score: float = DEFAULT_TRACE_SCORE
) -> list[TraceHit]:
    """Every paragraph of ``documents`` that contains ``phrase`` (fuzzily), best first.

    At most one hit per (document, paragraph); ties keep document order.
    """
    phrase_norm = normalize_phrase(phrase)
    if not phrase_norm:
        return []
    places = [(doc, idx, para) for doc in documents for idx, para in enumerate(doc.paragraphs)]
    keep = candidates(phrase_norm, [para.text for _, _, para in places], min_score)
    hits: list[TraceHit] = []
    for k in keep:
        doc, idx, para = places[k]
        found = score_paragraph(phrase_norm, para)
        if found is None or found[0] < min_score:
            continue
        score, start, end = found
        hits.append(
            TraceHit(
                doc_id=doc.id,
                symbol=doc.metadata.symbol,
                year=doc.metadata.year,
                label=para.label,
                score=score,
                text=para.text[start:end],
                paragraph=idx,
                start=start,
                end=end,
            )
        )
    hits.sort(key=lambda h: -h.score)
    return hits
