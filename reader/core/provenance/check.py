"""Check a draft against the corpus: the entry point the command line, the reader and the report use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.core.errors import InputError
from reader.core.model import Document
from reader.core.provenance.classify import classify
from reader.core.provenance.earlier import Earlier, earlier_documents
from reader.core.provenance.finder import DraftWords, Finder
from reader.core.provenance.model import Provenance

# Measured on the seed corpus (62/209 and 60/212 against the older seeds):
# rewritten paragraphs that kept their core ("Recognizes the need to mobilize
# additional resources for enhancing South-South cooperation ...", 57/263 OP10
# -> 62/209 OP10) score 47-100; the best paragraph of an unrelated kind
# ("Recalling its resolution ... on ...") scores up to 44. compare pairs two
# known versions at 40; across a whole corpus that bar calls boilerplate
# "adapted".
DEFAULT_MIN_SCORE: float = 45.0

# Sources kept per paragraph by the reader and for the command line's HTML report (0: every one;
# ``provenance --json`` lists every one, DESIGN.md). On a large corpus a common paragraph has
# thousands; the count, the statuses and the oldest source always consider all of them.
DEFAULT_MAX_SOURCES: int = 50


def check_draft(
    draft: Document,
    corpus: Any,
    *,
    index: Any | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    max_sources: int = 0,
    earlier: Earlier | None = None,
) -> Provenance:
    """Where each paragraph of ``draft`` comes from, among the corpus documents adopted before it.

    With ``index`` (a ``CorpusIndex`` up to date with ``corpus``) candidates come
    from the index; without, every earlier document is parsed and scanned. Both
    give the same result. InputError (one sentence) for a draft without body
    paragraphs or a corpus with nothing to compare it with. ``max_sources`` > 0
    lists only that many best sources per paragraph (see ``classify``).
    ``earlier``: ``earlier_documents(draft, corpus.entries)`` when the caller
    has it already (it asked first, to say "nothing to compare with" before indexing).
    """
    if not 0 <= min_score <= 100:
        raise InputError("--min-score", f"must be between 0 and 100, not {min_score:g}")
    if not draft.paragraphs:
        raise InputError(Path(draft.path).name or draft.id, "has no resolution paragraphs to check")
    if earlier is None:
        earlier = earlier_documents(draft, corpus.entries)
    finder: Finder
    if index is None:
        from reader.core.provenance.scan import ScanFinder

        finder = ScanFinder(corpus)
    else:
        from reader.core.provenance.similar import IndexFinder

        finder = IndexFinder(index)
    words = DraftWords.of(draft)
    found = finder.find(words, earlier, min_score)
    return classify(draft, words, earlier, found, finder, min_score, max_sources)
