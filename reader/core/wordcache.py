"""Memoised word tokens of paragraph texts.

Alignment, shared phrases, trace and the summary all need the normalised words
of the same paragraphs, and the GUI re-runs them on every threshold change;
tokenising (Unicode folding per word) was the largest single cost of a
comparison. Texts are immutable strings, so caching by text is safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reader.core.textnorm import Token, matching_form_of, tokens

_SIZE = 16384


@lru_cache(maxsize=_SIZE)
def cached_tokens(text: str) -> tuple[Token, ...]:
    """``textnorm.tokens(text)`` as a tuple, computed once per distinct text."""
    return tuple(tokens(text))


@lru_cache(maxsize=_SIZE)
def cached_words(text: str) -> tuple[str, ...]:
    """The normalised words of ``text``."""
    return tuple(t.norm for t in cached_tokens(text))


@lru_cache(maxsize=_SIZE)
def cached_norm(text: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """The normalised words joined by one space, and where each word starts and ends in it."""
    return join_words(cached_words(text))


def join_words(words: Sequence[str]) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """``words`` joined by one space, and where each word starts and ends in the result.

    Uncached: a corpus index scores stored words of paragraphs it has no text for.
    """
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for w in words:
        starts.append(pos)
        ends.append(pos + len(w))
        pos += len(w) + 1
    return " ".join(words), tuple(starts), tuple(ends)


@lru_cache(maxsize=_SIZE)
def cached_matching_form(text: str) -> str:
    """``textnorm.matching_form(text)``, computed once per distinct text (from its cached words)."""
    return matching_form_of(list(cached_words(text)))
