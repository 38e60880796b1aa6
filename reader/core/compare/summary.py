"""Headline numbers of a comparison: how many pairs of each kind, how much text was reused."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from reader.core.model import PAIR_KINDS, Comparison
from reader.core.wordcache import cached_tokens


@dataclass
class Summary:
    """Counts per pair kind (all five present) and the share of reused text.

    ``reused_share`` is the share of the right (newer) document's words that come
    from the left one: words inside the ``equal`` pieces of identical, modified
    or moved pairs' diffs, or inside a shared phrase's right span (which also
    catches language reused in a paragraph that was not aligned). 0.0 for a right
    document without words.
    """

    counts: dict[str, int]
    reused_share: float
    left_paragraphs: int
    right_paragraphs: int
    right_words: int
    reused_words: int


def _covered_ranges(c: Comparison) -> dict[int, list[tuple[int, int]]]:
    """Character ranges of right paragraphs that count as reused, per paragraph."""
    ranges: dict[int, list[tuple[int, int]]] = {}
    for pair, ops in zip(c.alignment.pairs, c.diffs, strict=True):
        if not pair.left or not pair.right:
            continue
        # Offsets of each right paragraph inside the pair's joined right text.
        bounds: list[int] = []
        pos = 0
        for j in pair.right:
            bounds.append(pos)
            pos += len(c.right.paragraphs[j].text) + 1
        pos = 0
        for tag, text in ops:
            if tag == "delete":
                continue
            if tag == "equal":
                start, end = pos, pos + len(text)
                k = bisect.bisect_right(bounds, start) - 1
                while k < len(bounds) and bounds[k] < end:
                    j = pair.right[k]
                    lo = max(start, bounds[k]) - bounds[k]
                    hi = min(end, bounds[k] + len(c.right.paragraphs[j].text)) - bounds[k]
                    if hi > lo:
                        ranges.setdefault(j, []).append((lo, hi))
                    k += 1
            pos += len(text)
    for ph in c.shared_phrases:
        for span in ph.right:
            ranges.setdefault(span.paragraph, []).append((span.start, span.end))
    return ranges


def summarize(c: Comparison) -> Summary:
    """Counts and reused share of one comparison (see ``Summary``)."""
    counts: dict[str, int] = dict.fromkeys(PAIR_KINDS, 0)
    for pair in c.alignment.pairs:
        counts[pair.kind] += 1
    ranges = _covered_ranges(c)
    total = reused = 0
    for j, para in enumerate(c.right.paragraphs):
        spans = ranges.get(j, [])
        for tok in cached_tokens(para.text):
            total += 1
            if any(lo <= tok.start and tok.end <= hi for lo, hi in spans):
                reused += 1
    return Summary(
        counts=counts,
        reused_share=reused / total if total else 0.0,
        left_paragraphs=len(c.left.paragraphs),
        right_paragraphs=len(c.right.paragraphs),
        right_words=total,
        reused_words=reused,
    )
