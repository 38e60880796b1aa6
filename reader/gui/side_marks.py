"""What each pane must mark, read off a core Comparison (no Qt, no matching).

A pair's diff is a list of (tag, text) pieces over the side's paragraphs joined
by one newline. The panes need the same information per paragraph: which
characters were deleted or inserted, which belong to recurring language, and
which pair (and kind) each paragraph is in. This module only re-indexes the
core result; it decides nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from reader.core.model import Comparison, Document, PairKind, SharedPhrase
from reader.core.search.occurrences import WORD_FOR_WORD, places

Side = Literal["left", "right"]


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: Literal["insert", "delete", "phrase"]
    ref: int = -1  # phrase index for "phrase" marks


@dataclass
class SideMarks:
    """Per-paragraph marks for one side of a comparison."""

    side: Side
    document: Document
    pair_of: dict[int, int] = field(default_factory=dict)  # paragraph -> pair index
    kind_of: dict[int, PairKind] = field(default_factory=dict)  # paragraph -> pair kind
    marks: dict[int, list[Mark]] = field(default_factory=dict)  # paragraph -> marks, sorted

    def marks_in(self, paragraph: int, kind: str | None = None) -> list[Mark]:
        ms = self.marks.get(paragraph, [])
        return [m for m in ms if kind is None or m.kind == kind]


def _split_joined(
    doc: Document, indices: tuple[int, ...], start: int, end: int
) -> list[tuple[int, int, int]]:
    """Map a [start, end) range of the newline-joined texts to (paragraph, start, end) pieces."""
    out: list[tuple[int, int, int]] = []
    base = 0
    for idx in indices:
        length = len(doc.paragraphs[idx].text)
        lo, hi = max(start, base), min(end, base + length)
        if lo < hi:
            out.append((idx, lo - base, hi - base))
        base += length + 1
    return out


def _phrase_marks(phrases: tuple[SharedPhrase, ...], side: Side) -> dict[int, list[Mark]]:
    out: dict[int, list[Mark]] = {}
    for i, ph in enumerate(phrases):
        for span in ph.left if side == "left" else ph.right:
            out.setdefault(span.paragraph, []).append(Mark(span.start, span.end, "phrase", i))
    return out


def side_marks(comparison: Comparison, side: Side) -> SideMarks:
    """Collect one side's diff marks, phrase marks and pair membership."""
    doc = comparison.left if side == "left" else comparison.right
    result = SideMarks(side=side, document=doc)
    own_tag = "delete" if side == "left" else "insert"
    for k, pair in enumerate(comparison.alignment.pairs):
        indices = pair.left if side == "left" else pair.right
        for idx in indices:
            result.pair_of[idx] = k
            result.kind_of[idx] = pair.kind
        if pair.kind not in ("modified", "moved") or not indices:
            continue
        offset = 0
        for tag, text in comparison.diffs[k]:
            if tag != "equal" and tag != own_tag:
                continue
            if tag != "equal":
                mark_kind: Literal["insert", "delete"] = "delete" if side == "left" else "insert"
                for p, s, e in _split_joined(doc, indices, offset, offset + len(text)):
                    if doc.paragraphs[p].text[s:e].strip():
                        result.marks.setdefault(p, []).append(Mark(s, e, mark_kind))
            offset += len(text)
    for p, ms in _phrase_marks(comparison.shared_phrases, side).items():
        result.marks.setdefault(p, []).extend(ms)
    for ms in result.marks.values():
        ms.sort(key=lambda m: (m.start, m.end))
    return result


def phrase_tooltip(phrase: SharedPhrase, limit: int = 8) -> str:
    """'Recurring language — also in 57/263 (2002), …' for a hover tooltip."""
    where = places(phrase.also_in, limit, labels=False)
    if not where.named:
        return "Recurring language: shared by both documents, not found elsewhere in the corpus."
    more = f", and {where.more} more" if where.more else ""
    wording = f"\n({WORD_FOR_WORD})" if phrase.word_for_word else ""
    return "Recurring language: also in " + ", ".join(where.named) + more + wording


def insertion_points(comparison: Comparison, side: Side) -> dict[int, int]:
    """For pairs empty on ``side``: the paragraph index after which the gap sits (-1: before all).

    The gutter draws an added/removed link to this point so the reader sees where
    the missing text would have been.
    """
    out: dict[int, int] = {}
    last = -1
    for k, pair in enumerate(comparison.alignment.pairs):
        indices = pair.left if side == "left" else pair.right
        if indices:
            if pair.kind != "moved":
                last = max(last, *indices)
        else:
            out[k] = last
    return out
