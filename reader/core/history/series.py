"""Find a document's series in a corpus: what an analyst would pull from the shelf.

A series is the same body's resolutions under the same agenda item (title)
across sessions, plus the earlier resolutions its paragraphs cite as its own
("Recalling its resolutions 57/270 B, 60/212 and 62/209"). Not every document
that shares boilerplate with it: every General Assembly resolution shares
"Decides to include in the provisional agenda ..." with hundreds of others.

How (``evidence`` has the measures):

1. Every paragraph of the target is looked up in the whole corpus once
   (the provenance finder: the corpus index, or a scan of a small corpus
   without one), scored as ``compare`` scores paragraphs, at least
   ``SHARE_SCORE``. A paragraph weighs 1 / the number of different series
   (body, title) holding it, so boilerplate weighs next to nothing.
2. A candidate is a document of the same body with evidence: a title like the
   target's, a citation of it by the target as its own resolution, or a
   citation of the target in it (read only for documents that share text).
3. It joins when it also shares distinctive text: at least ``MIN_SHARE`` of the
   target's weighted text; or ``CITED_SHARE`` and one paragraph held by at
   most two series, when the target cites it, it cites the target under a
   like title, or it has the very same title and two such paragraphs.
   Candidates with evidence but not enough distinctive text are listed as
   left out, with the reason.
4. Members are ranked (distinctive share first, then title and citation) and
   the best ``limit`` kept; the rest are left out "beyond the limit".

The cost does not grow with the corpus beyond the one index look-up: only
candidates with evidence, or sharing text, are opened.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.errors import InputError
from reader.core.history.evidence import (
    TITLE_MATCH,
    citations,
    document_key,
    is_title,
    paragraph_weights,
    series_of,
    shared_with,
    title_score,
)
from reader.core.model import Document
from reader.core.provenance.earlier import Earlier
from reader.core.provenance.finder import DraftWords, Finder, split_key
from reader.core.provenance.model import DocRef
from reader.core.textnorm import fold

if TYPE_CHECKING:
    from reader.core.corpus.collection import Corpus, CorpusEntry

# Re-exported: the public names of this module before ``evidence`` was split off.
__all__ = ["TITLE_MATCH", "Found", "SeriesSearch", "citations", "find_series", "title_score"]

# A paragraph counts as shared from this score (compare's paragraph score). Measured on 68/158 against the
# real corpus: its series' paragraphs score 56-100 against their counterparts; at 45 loosely related
# "Recalling ..." paragraphs of other items join the count and make every paragraph look common.
SHARE_SCORE: float = 50.0
# Weighted share of the target's text a candidate with a similar title must hold. Measured on the real corpus
# (68/158, 72/204, 68/134): members hold 0.35-0.95; other documents of the same body at most 0.06, whatever
# their title (they share only the corpus's common paragraphs).
MIN_SHARE: float = 0.15
# ... or this much, with at least one distinctive paragraph, for a document the target cites as its own (a
# predecessor, perhaps under an older title) or one under a like title that cites the target: an item's text
# changes over the years (62/228 "Administration of justice at the United Nations" set up the system; 76/242
# cites it and shares 7%, held by no other item); or one under the very same title holding two distinctive
# paragraphs ("Rights of the child" changes its theme every year: 78/187 shares 12% of 69/157, with three
# paragraphs no other item holds). A later document citing the target under another title
# needs MIN_SHARE: 75/131 cites 68/134 ("Follow-up to the Second World Assembly on Ageing"), another item, 6%.
CITED_SHARE: float = 0.05
# Members kept, best ranked first (``history --series-limit``).
DEFAULT_LIMIT: int = 20


@dataclass(frozen=True)
class Found:
    """A document of the series and why it was taken (or left out)."""

    document: Document
    reasons: tuple[str, ...]
    share: float = 0.0  # weighted share of the target's distinctive text it holds (0-1)
    rank: float = 0.0  # higher first: share, then title and citation evidence


@dataclass(frozen=True)
class SeriesSearch:
    target: Document
    members: tuple[Found, ...]  # the other documents taken, date order
    left_out: tuple[Found, ...]  # with some evidence but not taken (reasons say why)
    problems: tuple[str, ...] = ()  # documents that could not be read

    @property
    def documents(self) -> tuple[Document, ...]:
        return (self.target, *(f.document for f in self.members))

    def adjusted(self, add: Sequence[Document] = (), drop: Sequence[str] = ()) -> SeriesSearch:
        """The same search with documents added or dropped by hand (ids in ``drop``).

        A dropped member goes to ``left_out`` ("dropped by hand"); an added
        document leaves ``left_out`` and joins ("added by hand"). The target stays.
        """
        gone = set(drop)
        members = [f for f in self.members if f.document.id not in gone]
        left = [f for f in self.left_out if f.document.id not in {d.id for d in add}]
        left += [
            replace(f, reasons=("dropped by hand", *f.reasons)) for f in self.members if f.document.id in gone
        ]
        have = {f.document.id for f in members} | {self.target.id}
        for doc in add:
            if doc.id not in have:
                members.append(Found(doc, ("added by hand",)))
                have.add(doc.id)
        return replace(self, members=_by_date(members), left_out=_by_date(left))

    def chosen(self, ids: Sequence[str], extra: Sequence[Document] = ()) -> SeriesSearch:
        """The series as the user ticked it: members and left-out documents whose ids are in ``ids``,
        plus ``extra`` documents picked from the corpus (the reader's History window)."""
        keep = set(ids)
        drop = [f.document.id for f in self.members if f.document.id not in keep]
        add = [f.document for f in self.left_out if f.document.id in keep and f.document.paragraphs]
        return self.adjusted(add=[*add, *extra], drop=drop)


def _by_date(found: Sequence[Found]) -> tuple[Found, ...]:
    return tuple(sorted(found, key=lambda f: (not f.document.metadata.date, f.document.metadata.date)))


def _is_target(entry: CorpusEntry, target: Document, target_key: str) -> bool:
    """The target's own entry: same id or symbol, or the same file (asked of the disk only for its name)."""
    if entry.id == target.id:
        return True
    if target_key and document_key(entry.symbol, entry.id) == target_key:
        return fold(entry.body) == fold(target.metadata.body)  # HRC 36/9 is not GA 36/9
    if not target.path or entry.path.name != Path(target.path).name:
        return False
    try:
        return os.path.samefile(entry.path, target.path)
    except (OSError, ValueError):
        return False


def _finder(corpus: Corpus, index: Any | None) -> Finder:
    if index is not None:
        from reader.core.provenance.similar import IndexFinder

        return IndexFinder(index)
    from reader.core.provenance.scan import ScanFinder

    return ScanFinder(corpus)


def _best_scores(
    target: Document, entries: Sequence[CorpusEntry], finder: Finder
) -> tuple[dict[int, dict[int, float]], list[float]]:
    """Per other document (position in ``entries``): target paragraph -> its best score; and the weights."""
    earlier = Earlier(tuple(DocRef(e.id, e.symbol, e.date, e.year, n) for n, e in enumerate(entries)), ())
    words = DraftWords.of(target)
    # No words for the five-word runs: a series needs the scores only, and the runs cost as much again.
    found = finder.find(
        DraftWords(tuple(() for _ in words.words), words.scoring, words.texts),
        earlier,
        SHARE_SCORE,
        fragments=True,  # a fragment of boilerplate held elsewhere still marks the paragraph as common
    )
    best: dict[int, dict[int, float]] = defaultdict(dict)
    holders: list[set[tuple[str, str]]] = []
    series: dict[int, tuple[str, str]] = {}
    for p, (keys, scores) in enumerate(zip(found.keys, found.scores, strict=True)):
        held: set[tuple[str, str]] = set()
        for key, score in zip(keys.tolist(), scores.tolist(), strict=True):
            n = split_key(key)[0]
            row = best[n]
            if score > row.get(p, 0.0):
                row[p] = score
            one = series.get(n)
            if one is None:
                e = entries[n]
                one = series[n] = series_of(e.body, e.title) if is_title(e.title) else (e.body, e.id)
            held.add(one)
        holders.append(held)
    return best, paragraph_weights(holders)


def find_series(
    corpus: Corpus,
    target: Document,
    *,
    index: Any | None = None,
    limit: int = DEFAULT_LIMIT,
) -> SeriesSearch:
    """The documents of ``target``'s series in ``corpus`` (see the module docstring).

    ``index``: the corpus index (a ``CorpusIndex`` up to date with ``corpus``);
    without one every document is scanned, which suits a small corpus only.
    ``limit``: members kept, best ranked first (the others are left out, and said so).
    """
    target_key = document_key(target.metadata.symbol, target.id)
    entries = [e for e in corpus.entries if not _is_target(e, target, target_key)]
    body = fold(target.metadata.body)
    problems: list[str] = []
    if not entries or not target.paragraphs:
        return SeriesSearch(target, (), (), ())
    best, weights = _best_scores(target, entries, _finder(corpus, index))
    mine = citations(target)

    def doc_of(entry: CorpusEntry) -> Document | None:
        try:
            return corpus.document(entry)
        except InputError as exc:
            problems.append(str(exc))
            return None

    taken: list[Found] = []
    pending: list[tuple[float, CorpusEntry, tuple[str, ...]]] = []  # left out: opened only if shown
    name = target.display_name
    for n, entry in enumerate(entries):
        if body and series_of(entry.body, "")[0] != body:
            continue  # another body's resolution is not this series, whatever its title
        score = title_score(target.metadata.title, entry.title)
        key = document_key(entry.symbol, entry.id)
        cited = mine.get(key) if key else None
        row = best.get(n, {})
        if score < TITLE_MATCH and cited is None and not row:
            continue
        shared = shared_with(row, weights)
        reasons: list[str] = []
        if score >= TITLE_MATCH:
            reasons.append(f"same title as {name}" if score >= 100 else f"title like {name}'s ({score:.0f})")
        if cited is not None:
            reasons.append(f"cited by {name} ({cited})")
        cites = None
        if target_key and shared.distinctive and not cited:
            doc = doc_of(entry)
            cites = citations(doc).get(target_key) if doc is not None else None
            if cites is not None:
                reasons.append(f"cites {name} ({cites})")
        if not reasons:
            continue
        strong = (
            cited is not None
            or (cites is not None and score >= TITLE_MATCH)
            or (score >= 100 and shared.distinctive >= 2)
        )
        enough = shared.share >= MIN_SHARE or (
            strong and shared.distinctive > 0 and shared.share >= CITED_SHARE
        )
        what = f"shares {shared.share:.0%} of its distinctive text ({shared.paragraphs} paragraphs)"
        if not enough:
            if shared.distinctive:
                why = f"but shares only {shared.share:.0%} of its distinctive text"
            elif shared.paragraphs:
                why = "but shares only common paragraphs"
            else:
                why = "but shares no paragraph"
            pending.append((shared.share, entry, (*reasons, f"{why} with {name}")))
            continue
        doc = doc_of(entry)
        if doc is None:
            continue
        rank = shared.share + (0.2 if score >= TITLE_MATCH else 0.0) + (0.2 if cited or cites else 0.0)
        taken.append(Found(doc, (*reasons, what), shared.share, rank))
    taken.sort(key=lambda f: -f.rank)
    kept, beyond = taken[:limit], taken[limit:]
    left = [replace(f, reasons=(*f.reasons, f"beyond the limit of {limit}")) for f in beyond]
    pending.sort(key=lambda t: -t[0])
    for share, entry, said in pending[: max(0, LEFT_OUT_SHOWN - len(left))]:
        left.append(Found(_lazy(entry, doc_of), said, share))
    return SeriesSearch(target, _by_date(kept), _by_date(left), tuple(problems))


# Left-out candidates listed (best share first): a common title ("Oceans and the law of the sea") may have
# dozens of documents that share nothing.
LEFT_OUT_SHOWN: int = 12


def _lazy(entry: CorpusEntry, doc_of: Any) -> Document:
    """A left-out candidate as a document: its stored text when readable, else its catalogue facts."""
    doc = doc_of(entry)
    if doc is not None:
        return doc
    return Document(entry.id, str(entry.path), entry.metadata, ())
