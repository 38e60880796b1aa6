"""What a way of finding a draft's sources must report (the full scan and the corpus index both do).

An earlier paragraph is named by one integer key, ``age * KEY_BASE + index``:
``age`` is its document's rank in ``Earlier.docs`` (oldest first), ``index``
the paragraph's place in that document, so a smaller key is an older place.
The score is ``compare``'s paragraph score (``align.similarity_matrix`` over
``align.scoring_words``), so 71.5 here means what 71.5 means in a comparison.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from reader.core.compare.align import scoring_words
from reader.core.model import Document
from reader.core.provenance.earlier import Earlier
from reader.core.provenance.phrases import KEY_BASE, Run
from reader.core.wordcache import cached_words

# A source is a paragraph with some of the draft paragraph's substance, not a fragment it contains:
# "“The General Assembly,", "Requests the Secretary-General:" or "of the United Nations." lies
# wholly inside many long paragraphs, and the score's containment half then gave it 50 points and
# more, so it was named as the source (and the oldest: 1946) of paragraphs it has nothing of.
MIN_SOURCE_WORDS = 3  # scoring words, unless the draft paragraph itself has fewer
MIN_SOURCE_SHARE = 0.25  # of the draft paragraph's scoring words


def substantial(draft_words: Any, source_words: Any) -> Any:
    """Which sources (their scoring word counts) are long enough to be one for a draft paragraph
    of ``draft_words`` scoring words (numpy, broadcast)."""
    need = np.minimum(draft_words, np.maximum(MIN_SOURCE_WORDS, MIN_SOURCE_SHARE * np.asarray(draft_words)))
    return np.asarray(source_words) >= need - 1e-9


def key_of(age: int, index: int) -> int:
    return age * KEY_BASE + index


def split_key(key: int) -> tuple[int, int]:
    return divmod(key, KEY_BASE)


@dataclass(frozen=True)
class DraftWords:
    """The draft's paragraphs as both finders read them."""

    words: tuple[tuple[str, ...], ...]  # normalised words (textnorm.tokens), per paragraph
    scoring: tuple[tuple[str, ...], ...]  # the words compare scores on; () for a paragraph without words
    texts: tuple[str, ...]  # as printed

    @classmethod
    def of(cls, draft: Document) -> DraftWords:
        words = tuple(cached_words(p.text) for p in draft.paragraphs)
        scoring = tuple(
            tuple(scoring_words(p.text)) if w else () for p, w in zip(draft.paragraphs, words, strict=True)
        )
        return cls(words, scoring, tuple(p.text for p in draft.paragraphs))


Keys = np.ndarray[Any, np.dtype[np.int64]]
Scores = np.ndarray[Any, np.dtype[np.float64]]


@dataclass(frozen=True, eq=False)
class Found:
    """Per draft paragraph: every earlier paragraph reaching the score, and the verbatim runs.

    Arrays, not tuples: a common paragraph of a large corpus has tens of
    thousands of sources, and classify sorts them per document with numpy.
    """

    keys: tuple[Keys, ...]  # keys of the paragraphs reaching the score, any order
    scores: tuple[Scores, ...]  # their scores, aligned with ``keys``
    alike: tuple[Keys, ...]  # keys (sorted) of those that may have the same words (``agreed_key``):
    # every one that does, perhaps more; ``classify`` reads the texts it needs and decides
    runs: tuple[tuple[Run, ...], ...]  # phrases.runs_by_paragraph

    @staticmethod
    def of(scored: list[list[tuple[int, float]]], alike: list[set[int]], runs: list[list[Run]]) -> Found:
        """From per-paragraph lists (the full scan's way of collecting)."""
        keys = tuple(np.array([k for k, _ in s], dtype=np.int64) for s in scored)
        scores = tuple(np.array([v for _, v in s], dtype=np.float64) for s in scored)
        alike_arr = tuple(np.array(sorted(a), dtype=np.int64) for a in alike)
        return Found(keys, scores, alike_arr, tuple(tuple(r) for r in runs))


class Finder(Protocol):
    def find(
        self, draft: DraftWords, earlier: Earlier, min_score: float, *, fragments: bool = False
    ) -> Found:
        """Scores and runs against every paragraph (with words) of ``earlier.docs``; ``fragments``:
        also paragraphs too short to be a source (``substantial``), which a series counts as the
        boilerplate they are."""
        ...

    def paragraphs(self, keys: Iterable[int], earlier: Earlier) -> dict[int, tuple[str, str]]:
        """(label, text) of the paragraphs with these keys."""
        ...


_WORD_CHARS = re.compile(r"[^\W_]+")


def agreed_key(text: str) -> str:
    """What "the same words" compares: letters and digits in runs, case folded.

    Spacing, quotes, dashes (so "South-South" = "South–South" = "South South"),
    apostrophes and other punctuation fall away; footnote markers are already
    out of the parsed text. One regular expression over the text, so checking
    thousands of sources stays cheap.
    """
    t = text if text.isascii() else unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return " ".join(_WORD_CHARS.findall(t.casefold()))
