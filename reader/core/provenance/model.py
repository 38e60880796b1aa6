"""The provenance result: one object the command line, the reader and the report all render."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

from reader.core.model import DiffOp, Document

Status = Literal["agreed", "adapted", "new"]


class DocRef(NamedTuple):
    """An earlier corpus document, as provenance cites it.

    A named tuple, not a frozen dataclass: a check makes one per corpus
    document (10,000 and more), and a frozen dataclass is several times slower to build.
    """

    id: str
    symbol: str
    date: str  # ISO, possibly only year-month; "" when unknown
    year: int | None
    order: int  # position in the corpus (breaks ties between documents of one date)

    @property
    def name(self) -> str:
        return self.symbol or self.id


@dataclass(frozen=True)
class Source:
    """The best-matching paragraph of one earlier document."""

    doc: DocRef
    index: int  # paragraph index in that document
    label: str
    text: str
    score: float  # 0-100, the paragraph score of ``compare`` (rounded to 0.1)
    agreed: bool  # the same words as the draft paragraph


@dataclass(frozen=True)
class PhraseOrigin:
    """A span of a draft paragraph (5+ words) found verbatim in an earlier document, and its oldest place."""

    start: int  # character offsets in the draft paragraph's text
    end: int
    words: int
    doc: DocRef
    label: str


@dataclass(frozen=True)
class ParagraphProvenance:
    index: int  # in the draft
    label: str
    text: str
    status: Status
    sources: tuple[Source, ...]  # best first, ties: earliest first
    earliest: Source | None
    diff: tuple[DiffOp, ...]  # from sources[0] to this paragraph; () for new
    phrases: tuple[PhraseOrigin, ...]
    words: int  # word count of the paragraph
    agreed_words: int  # words that are agreed language (whole agreed paragraph, or inside phrases)
    source_count: int  # earlier documents reaching the score (``sources`` may list only the best)

    @property
    def best(self) -> Source | None:
        return self.sources[0] if self.sources else None


@dataclass(frozen=True)
class Summary:
    agreed: int
    adapted: int
    new: int
    words: int
    agreed_words: int
    oldest_year: int | None  # of any agreed language found
    words_by_year: tuple[tuple[int, int], ...]  # (year, agreed words whose oldest use is that year)

    @property
    def paragraphs(self) -> int:
        return self.agreed + self.adapted + self.new

    @property
    def agreed_word_share(self) -> float:
        return self.agreed_words / self.words if self.words else 0.0

    def sentence(self) -> str:
        """The one-line summary the status bar and the command line print."""
        n = self.paragraphs
        counts = f"{self.agreed} agreed, {self.adapted} adapted, {self.new} new"
        head = f"{n} paragraph{'s' if n != 1 else ''}: {counts}"
        share = f"{round(100 * self.agreed_word_share)} % of the words are agreed language"
        oldest = f", oldest {self.oldest_year}" if self.oldest_year is not None else ""
        return f"{head}; {share}{oldest}"


@dataclass(frozen=True)
class Provenance:
    draft: Document
    paragraphs: tuple[ParagraphProvenance, ...]
    summary: Summary
    min_score: float
    compared: int  # earlier documents the draft was compared with
    left_out: tuple[str, ...]  # sentences: documents left out because they are the draft itself
