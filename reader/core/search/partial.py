"""``rapidfuzz.fuzz.partial_ratio_alignment`` for a phrase about as long as the paragraph, faster.

``compare`` looks for each shared phrase reworded elsewhere in the corpus, and a
shared phrase is often a whole paragraph scored against another year's version of
it, a few characters longer. rapidfuzz then scores every prefix and every suffix
of the paragraph as long as the phrase or shorter, each from scratch: about
``len²`` windows' worth of work, 4-14 ms for a paragraph of a thousand characters.
Here the prefixes' (and, on the reversed strings, the suffixes') longest common
subsequences come from one bit-parallel pass each (Hyyrö's algorithm on Python
integers), the few middle windows from rapidfuzz, and the windows are taken in
rapidfuzz's own order with its own tie rule, so the answer is the same alignment
(tests compare both on real text and on random strings).

Only worth it when the paragraph is at most twice as long as a phrase of more
than 64 characters (measured on real pairs: a quarter longer, three times faster;
twice as long, a fifth; longer still, rapidfuzz's own middle-window search in C
wins), so elsewhere rapidfuzz is called as it is.
"""

from __future__ import annotations

import math

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

SHORTEST = 65  # a needle of one machine word or less: rapidfuzz is fast
LONGER_BY = 1.0  # the haystack at most this much longer than the needle (twice as long)

Window = tuple[float, int, int]  # score 0-100, destination start and end in the haystack


def partial_alignment(needle: str, haystack: str) -> Window:
    """(score, dest_start, dest_end) as ``fuzz.partial_ratio_alignment(needle, haystack)`` gives them,
    for ``len(needle) <= len(haystack)``."""
    if not (SHORTEST <= len(needle) <= len(haystack) <= len(needle) * (1 + LONGER_BY)):
        al = fuzz.partial_ratio_alignment(needle, haystack)
        assert al is not None  # no cutoff: always an alignment
        return al.score, al.dest_start, al.dest_end
    best = _windows(needle, haystack, 0.0)
    if best[0] != 100.0 and len(needle) == len(haystack):
        # Equal lengths: rapidfuzz also aligns the haystack inside the needle; winning, that is
        # the haystack whole.
        other = _windows(haystack, needle, best[0])
        if other[0] > best[0]:
            return other[0], 0, len(haystack)
    return best


def _windows(s1: str, s2: str, cutoff: float) -> Window:
    """rapidfuzz-cpp's ``partial_ratio_impl`` (``len(s1) <= len(s2)``): the middle windows of
    ``len(s1)``, then the prefixes, then the suffixes; a later window wins only by scoring more."""
    len1, len2 = len(s1), len(s2)
    score, start, end = 0.0, 0, len1
    if len2 > len1:
        found = _middle(s1, s2)
        if found is not None:
            middle = (1.0 - found[0] / (2 * len1)) * 100
            if middle >= cutoff:
                cutoff = score = middle
                start, end = found[1], found[1] + len1
                if found[0] == 0:
                    return 100.0, start, end
    chars = set(s1)
    # A window of k characters scores at most 2k / (len1 + k): shorter ones than ``skip`` cannot win.
    skip = min(len1 - 1, int(score * len1 / (200.0 - score) - 1e-9)) if score > 0 else 0
    prefix = _prefix_lcs(s1, s2[: len1 - 1], skip)
    for i in range(skip + 1, len1):
        if s2[i - 1] not in chars:
            continue
        total = len1 + i
        ratio = (1.0 - (total - 2 * prefix[i - skip - 1]) / total) * 100
        if ratio > score and ratio >= cutoff:
            cutoff = score = ratio
            start, end = 0, i
            if score == 100.0:
                return score, start, end
    skip = min(len1, int(score * len1 / (200.0 - score) - 1e-9)) if score > 0 else 0
    suffix = _prefix_lcs(s1[::-1], s2[::-1][:len1], skip)
    for i in range(len2 - len1, len2 - skip):
        if s2[i] not in chars:
            continue
        total = len1 + len2 - i
        ratio = (1.0 - (total - 2 * suffix[len2 - i - skip - 1]) / total) * 100
        if ratio > score and ratio >= cutoff:
            cutoff = score = ratio
            start, end = i, len2
            if score == 100.0:
                return score, start, end
    return score, start, end


def _middle(s1: str, s2: str) -> tuple[int, int] | None:
    """(distance, start) of the best window of ``len(s1)`` starting before ``len(s2) - len(s1)``,
    searched as rapidfuzz does (the ends of a range first, halves only where a better score is
    possible); None when no window shares a character."""
    len1 = len(s1)
    maximum = 2 * len1
    cutoff = math.ceil(maximum * min(1.0, 1.0 + 0.00001))  # rapidfuzz's bound for a cutoff of 0
    best: tuple[int, int] | None = None
    scores: dict[int, int] = {}
    ranges = [(0, len(s2) - len1 - 1)]
    while ranges:
        halves: list[tuple[int, int]] = []
        for first, second in ranges:
            for at in (first, second):
                if at not in scores:
                    scores[at] = dist = Indel.distance(s1, s2[at : at + len1])
                    if dist < cutoff:
                        cutoff = dist
                        best = (dist, at)
                        if dist == 0:
                            return best
            span = second - first
            if span == 1:
                continue
            known = abs(scores[first] - scores[second])
            gain = (span - known // 2) // 2 * 2
            if min(scores[first], scores[second]) - gain < cutoff:
                half = span // 2
                halves += [(first, first + half), (first + half, second)]
        ranges = halves
    return best


def _prefix_lcs(s1: str, s2: str, skip: int = 0) -> list[int]:
    """The longest common subsequence of ``s1`` with each prefix of ``s2`` longer than ``skip``:
    ``[k - skip - 1]`` for ``s2[:k]``.

    Hyyrö's bit-vector recurrence, one step per character of ``s2``: bit j of
    ``v`` cleared where ``s1[j]`` ends a longest common subsequence so far.
    """
    masks: dict[str, int] = {}
    bit = 1
    for ch in s1:
        masks[ch] = masks.get(ch, 0) | bit
        bit <<= 1
    full = bit - 1
    v = full
    n = len(s1)
    out = []
    get = masks.get
    for ch in s2[:skip]:
        u = v & get(ch, 0)
        v = ((v + u) | (v - u)) & full
    for ch in s2[skip:]:
        u = v & get(ch, 0)
        v = ((v + u) | (v - u)) & full
        out.append(n - v.bit_count())
    return out
