"""Where the analyst's keywords occur in the two documents (core search, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.compare.keywords import find_keyword
from reader.core.model import Comparison, Document
from reader.gui.keyword_store import KeywordEntry
from reader.gui.side_marks import Side

Hit = tuple[Side, int, int, int]  # side, paragraph, start, end


def hits_in(doc: Document, entry: KeywordEntry) -> list[tuple[int, int, int]]:
    kw = entry.keyword
    return [(i, s, e) for i, para in enumerate(doc.paragraphs) for s, e in find_keyword(para.text, kw)]


def keyword_hits(c: Comparison, entry: KeywordEntry) -> list[Hit]:
    """Every hit of one keyword: left document first, then right, in reading order."""
    left: list[Hit] = [("left", p, s, e) for p, s, e in hits_in(c.left, entry)]
    right: list[Hit] = [("right", p, s, e) for p, s, e in hits_in(c.right, entry)]
    return left + right


@dataclass
class KeywordLayer:
    """Counts per keyword and coloured spans per side, for the panel and the panes."""

    counts: list[tuple[int, int]] = field(default_factory=list)
    spans: dict[Side, list[tuple[int, int, int, str]]] = field(
        default_factory=lambda: {"left": [], "right": []}
    )


def keyword_layer(c: Comparison, entries: list[KeywordEntry]) -> KeywordLayer:
    layer = KeywordLayer()
    for entry in entries:
        left = hits_in(c.left, entry)
        right = hits_in(c.right, entry)
        layer.counts.append((len(left), len(right)))
        layer.spans["left"].extend((p, s, e, entry.colour) for p, s, e in left)
        layer.spans["right"].extend((p, s, e, entry.colour) for p, s, e in right)
    return layer
