"""A shared phrase's words as printed in each document.

Shared phrases are found on normalised words ("Recognizing" ~ "Recognizes", case, quotes and
dashes aside, a dropped "the"), so the two documents may print one phrase differently. Whatever
shows a phrase in quotation marks quotes the words of one document exactly, and says so when the
other prints them otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.model import Document, SharedPhrase, Span


def printed(doc: Document, spans: Sequence[Span]) -> tuple[str, ...]:
    """The distinct texts of ``spans`` in ``doc``, in order (each exactly as the paragraph has it)."""
    seen: dict[str, None] = {}
    for s in spans:
        if 0 <= s.paragraph < len(doc.paragraphs):
            seen.setdefault(doc.paragraphs[s.paragraph].text[s.start : s.end], None)
    return tuple(seen)


def right_wordings(left: Document, right: Document, phrase: SharedPhrase) -> tuple[str, ...]:
    """How the right document prints the phrase where that differs from the left's words
    (``phrase.text``, as printed in the left); empty when both print it alike."""
    same = {*printed(left, phrase.left), phrase.text}
    return tuple(t for t in printed(right, phrase.right) if t not in same)
