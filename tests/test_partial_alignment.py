"""The fast partial alignment gives rapidfuzz's own answer: the same score, the same window.

Trace and compare's "also in" snap that window to whole words and score it, so a
different window (even one as good) would change their hits. Checked on every
paragraph of real consecutive resolutions against the next year's versions about
as long, and on random strings built to hit the tie rules (two-letter alphabets,
equal lengths, mutated copies).
"""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from benchmarks.real_pairs import DOCS
from reader.core.ingest.parse import load_document
from reader.core.search import partial
from reader.core.search.trace import normalize_phrase

REAL_PAIRS = (
    ("A_RES_77_153.txt", "A_RES_78_137.txt"),
    ("A_HRC_RES_40_7.txt", "A_HRC_RES_43_11.txt"),
    ("A_RES_78_132.txt", "A_RES_79_194.txt"),
)


def _rapidfuzz(needle: str, haystack: str) -> partial.Window:
    al = fuzz.partial_ratio_alignment(needle, haystack)
    assert al is not None
    return al.score, al.dest_start, al.dest_end


def _fast_case(needle: str, haystack: str) -> bool:
    return partial.SHORTEST <= len(needle) <= len(haystack) <= len(needle) * (1 + partial.LONGER_BY)


@pytest.mark.parametrize(("left", "right"), REAL_PAIRS)
def test_real_paragraphs_align_as_rapidfuzz_aligns_them(left: str, right: str) -> None:
    texts = [
        [normalize_phrase(p.text) for p in load_document(DOCS / name).paragraphs] for name in (left, right)
    ]
    fast = 0
    for needle in texts[0]:
        # The next year's paragraphs nearest in length (the likely versions of it), up to twice as long.
        longer = sorted((h for h in texts[1] if len(needle) <= len(h) <= len(needle) * 2.2), key=len)
        for haystack in longer[:6]:
            assert partial.partial_alignment(needle, haystack) == _rapidfuzz(needle, haystack)
            fast += _fast_case(needle, haystack)
    assert fast >= 20  # the bit-parallel path ran, not only the fallback


def test_random_strings_align_as_rapidfuzz_aligns_them() -> None:
    rng = random.Random(20261206)
    fast = 0
    for trial in range(3000):
        alphabet = ("ab", "abcde ", "abcdefghijklmnopqrstuvwxyz  ")[trial % 3]
        n = rng.randint(60, 180)
        needle = "".join(rng.choice(alphabet) for _ in range(n))
        if trial % 4 == 0:  # unrelated
            haystack = "".join(rng.choice(alphabet) for _ in range(n + rng.randint(0, n // 3)))
        else:  # a reworded copy: letters changed, inserted, some not in the needle at all
            chars = list(needle)
            for _ in range(rng.randint(0, 20)):
                k = rng.randrange(len(chars))
                roll = rng.random()
                if roll < 0.4:
                    chars.insert(k, rng.choice(alphabet))
                elif roll < 0.7:
                    chars[k] = rng.choice(alphabet)
                else:
                    chars.insert(k, rng.choice("xyz"))
            haystack = "".join(chars).ljust(n, "q")
            if trial % 4 == 3:
                haystack = haystack[:n]  # equal lengths: rapidfuzz also aligns them the other way
            elif trial % 8 == 2:  # the copy inside a longer paragraph: the middle windows matter
                around = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, n)))
                cut = rng.randint(0, len(around))
                haystack = around[:cut] + haystack + around[cut:]
        assert partial.partial_alignment(needle, haystack) == _rapidfuzz(needle, haystack), (needle, haystack)
        fast += _fast_case(needle, haystack)
    assert fast > 1500
