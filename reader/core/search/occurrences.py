"""Where else a phrase occurs, said in one line: the report, the command line and the reader share it.

A phrase of agreed language may recur in hundreds of resolutions of a large
corpus; a list of all of them is a wall of symbols in a table cell, a tooltip or
a terminal line. The first documents (in the tracer's order, best first) are
named with their paragraph labels and the rest are counted; the JSON output
keeps every occurrence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.model import Occurrence

DEFAULT_LIMIT = 12  # documents named before "and N more"
# Said of a phrase whose recurrences were listed word for word only (``Recurrence.word_for_word``).
WORD_FOR_WORD = "word for word"


@dataclass(frozen=True)
class Places:
    """The documents a phrase also occurs in, grouped: the first ``limit`` named, the rest counted."""

    named: tuple[str, ...]  # "57/263 (2002) PP2, OP4", one per document
    more: int  # documents left unnamed

    def text(self, sep: str = "; ") -> str:
        """ "57/263 (2002) PP2; 60/212 (2005) OP4; and 3 more documents"."""
        if not self.more:
            return sep.join(self.named)
        rest = f"and {self.more} more document{'s' if self.more != 1 else ''}"
        return sep.join((*self.named, rest))


def places(
    occurrences: Iterable[Occurrence], limit: int | None = DEFAULT_LIMIT, *, labels: bool = True
) -> Places:
    """One entry per document, in the order of first occurrence; ``limit=None`` names them all."""
    names: dict[str, str] = {}
    found: dict[str, list[str]] = {}
    for o in occurrences:
        if o.doc_id not in found:
            name = o.symbol or o.doc_id
            names[o.doc_id] = f"{name} ({o.year})" if o.year is not None else name
            found[o.doc_id] = []
        if labels and o.label and o.label not in found[o.doc_id]:
            found[o.doc_id].append(o.label)
    entries = [f"{names[d]} {', '.join(found[d])}".strip() for d in found]
    shown = entries if limit is None else entries[:limit]
    return Places(tuple(shown), len(entries) - len(shown))


def also_in_text(
    occurrences: Iterable[Occurrence], word_for_word: bool, limit: int | None = DEFAULT_LIMIT
) -> str:
    """``places(...).text()``, saying when only word-for-word recurrences were listed."""
    text = places(occurrences, limit).text()
    return f"{text} ({WORD_FOR_WORD})" if text and word_for_word else text
