"""Which language a stretch of text is in, by the small words it uses.

Bilingual printed volumes interleave English and French pages of the same resolution; the
parser keeps the text's own language and sets the other aside. Telling them apart needs
only each language's most common words, not a whole ``Language``.
"""

from __future__ import annotations

import re
from collections import Counter

COMMON_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(str.split("the of and to in that its on for with by which this are be")),
    "fr": frozenset(str.split("le la les des du et de une dans que qui sur par pour au aux est sont")),
}
_WORD = re.compile(r"[^\W\d_]+")


def language_of(text: str, span: int = 400) -> str:
    """ "en" or "fr" by the common words of ``text``'s first ``span`` characters; "" when too
    short or mixed to tell."""
    counts = Counter(_WORD.findall(text[:span].lower()))
    en = sum(counts[w] for w in COMMON_WORDS["en"])
    fr = sum(counts[w] for w in COMMON_WORDS["fr"])
    if en + fr < 2:
        return ""
    return "fr" if fr > 2 * en else "en" if en > 2 * fr else ""
