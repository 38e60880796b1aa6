"""N-way alignment of a series: every paragraph of every document joins exactly one lineage.

How it works, and why:

1. Consecutive documents are aligned with the pair alignment of ``compare``
   (``reader.core.compare.align``): the same scores, threshold, split/merge
   detection, order backbone and in-gap matching, so a score in the history means
   what it means in a comparison. A paragraph paired with a paragraph of the
   previous document continues that paragraph's lineage.
2. Drop and restore. A paragraph left unpaired is compared with the last
   versions of the lineages that are absent from the previous document (they were
   dropped), going back one document at a time, most recent first; the first
   document where one of them reaches ``restore_threshold`` is its ancestor (a
   lineage is compared through its last version, the one its kind and diff are
   measured from). The
   bar is higher than the pair threshold because nothing but the words speaks for
   the link (no position, no competition from the kept paragraphs). Measured on
   the seed series: the only such candidate above 40 is 62/209 PP1 against 57/263
   OP11 (53), which share nothing but the Buenos Aires Plan's eleven-word name.
3. Splits and merges. A pair with two paragraphs on the new side (a split) is one
   version with two labels. A pair whose old side holds paragraphs of several
   lineages (a merge) continues the first of them and names the others in
   ``merged_from``; they end there. When one lineage's version is paired with
   several new groups (its two halves went separate ways), the best-scoring pair
   continues it and the others start new lineages naming it in ``split_from``.
4. Kinds compare a version with the previous non-null one: ``moved`` when the
   pair alignment says so (outside the order backbone, or preamble <-> operative)
   or, for a restored paragraph, when it changed part; else ``identical`` (same
   words, as compare judges them) or ``modified``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from reader.core.compare.align import DEFAULT_THRESHOLD, align, scoring_words, similarity_matrix
from reader.core.compare.diff import word_diff
from reader.core.history.bound import I64, WordIds, reachable
from reader.core.history.model import History, Lineage, Version, VersionKind
from reader.core.model import Document
from reader.core.textnorm import fold

# See point 2 of the module docstring.
RESTORE_THRESHOLD: float = 60.0


@dataclass
class _Draft:
    """A version while the series is being linked."""

    paragraphs: list[int]
    kind: VersionKind
    score: float
    previous: int | None
    split_from: int | None = None
    merged_from: list[int] = field(default_factory=list)


def _text(doc: Document, paragraphs: Sequence[int]) -> str:
    return "\n".join(doc.paragraphs[i].text for i in paragraphs)


def _part(doc: Document, paragraphs: Sequence[int]) -> str:
    return doc.paragraphs[paragraphs[0]].part


class _Linker:
    """Holds the lineages while documents are added one at a time, oldest first."""

    def __init__(self, docs: Sequence[Document], threshold: float, restore_threshold: float) -> None:
        self.docs = docs
        self.threshold = threshold
        self.restore_threshold = restore_threshold
        self.lineages: list[dict[int, _Draft]] = []  # lineage -> document index -> draft
        self.owner: list[list[int]] = []  # document -> paragraph -> lineage
        self.last: list[int] = []  # lineage -> document of its last version so far
        self._words: dict[tuple[int, int], tuple[list[str], I64]] = {}  # (lineage, document) -> words
        self._ids = WordIds()

    def _new(self, k: int, draft: _Draft) -> int:
        self.lineages.append({k: draft})
        self.last.append(k)
        return len(self.lineages) - 1

    def _continue(self, lin: int, k: int, draft: _Draft) -> None:
        self.lineages[lin][k] = draft
        self.last[lin] = k

    def _kind(self, k: int, prev: int, prev_paras: Sequence[int], paras: Sequence[int]) -> VersionKind:
        a, b = self.docs[prev], self.docs[k]
        if _part(a, prev_paras) != _part(b, paras):
            return "moved"
        return "identical" if fold(_text(a, prev_paras)) == fold(_text(b, paras)) else "modified"

    def first(self) -> None:
        doc = self.docs[0]
        self.owner.append(
            [self._new(0, _Draft([i], "origin", 100.0, None)) for i in range(len(doc.paragraphs))]
        )

    def add(self, k: int) -> None:
        prev_doc, doc = self.docs[k - 1], self.docs[k]
        owner = [-1] * len(doc.paragraphs)
        claimed: set[int] = set()
        pairs = [p for p in align(prev_doc, doc, self.threshold).pairs if p.left and p.right]
        for pair in sorted(pairs, key=lambda p: -p.score):
            olds: list[int] = []
            for i in pair.left:
                if self.owner[k - 1][i] not in olds:
                    olds.append(self.owner[k - 1][i])
            target = next((lin for lin in olds if lin not in claimed), None)
            paras = list(pair.right)
            if target is None:  # its lineage already continues here: a half of a split
                n = self._new(k, _Draft(paras, "origin", 100.0, None, split_from=olds[0]))
            else:
                prev_paras = self.lineages[target][k - 1].paragraphs
                kind = "moved" if pair.kind == "moved" else self._kind(k, k - 1, prev_paras, paras)
                score = 100.0 if kind == "identical" else pair.score
                merged = [lin for lin in olds if lin != target and lin not in claimed]
                self._continue(target, k, _Draft(paras, kind, score, k - 1, merged_from=merged))
                claimed.update(olds)
                n = target
            for j in paras:
                owner[j] = n
        unpaired = [j for j, n in enumerate(owner) if n < 0]
        if unpaired and k >= 2:
            for j, (lin, m, score) in self._restores(k, unpaired, claimed).items():
                prev_paras = self.lineages[lin][m].paragraphs
                kind = self._kind(k, m, prev_paras, [j])
                self._continue(lin, k, _Draft([j], kind, 100.0 if kind == "identical" else score, m))
                owner[j] = lin
        for j, n in enumerate(owner):
            if n < 0:
                owner[j] = self._new(k, _Draft([j], "origin", 100.0, None))
        self.owner.append(owner)

    def _restores(self, k: int, unpaired: list[int], claimed: set[int]) -> dict[int, tuple[int, int, float]]:
        """Unpaired paragraph -> (lineage, document, score) of its most recent dropped ancestor.

        Bounded work: each dropped lineage's last version is turned into words once
        (``_last_words``), candidates are grouped by the document of their last
        version once, and only cells at or above the bar are sorted and walked.
        Without that, a long series (hundreds of documents, thousands of dropped
        lineages) re-joined and re-scored every old version for every new
        document and scanned every candidate once per earlier document.
        """
        by_doc: dict[int, list[int]] = {}  # document of the last version -> dropped lineages
        for lin, last in enumerate(self.last):
            # Dropped: last seen before the previous document. (A lineage begun in this document, the
            # other half of a split, is not a candidate: it has a version here already.)
            if last <= k - 2 and lin not in claimed:
                by_doc.setdefault(last, []).append(lin)
        if not by_doc:
            return {}
        doc = self.docs[k]
        cands = [(lin, m) for m in sorted(by_doc, reverse=True) for lin in by_doc[m]]
        rows = [scoring_words(doc.paragraphs[j].text) for j in unpaired]
        cols = [self._last_words(lin, m) for lin, m in cands]
        live = np.flatnonzero(
            reachable([self._ids.of(r) for r in rows], [c[1] for c in cols], self.restore_threshold)
        )
        sim = np.zeros((len(rows), len(cands)))
        if len(live):
            sim[:, live] = similarity_matrix(rows, [cols[c][0] for c in live.tolist()])
        found: dict[int, tuple[int, int, float]] = {}
        taken: set[int] = set()
        start = 0
        for m in sorted(by_doc, reverse=True):  # most recent document first
            width = len(by_doc[m])
            block = sim[:, start : start + width]
            start += width
            r_idx, c_idx = np.nonzero(block >= self.restore_threshold)
            if not len(r_idx):
                continue
            vals = block[r_idx, c_idx]
            # Best first; ties in the order of the cells (row, then column), as a stable sort of the block.
            for t in np.lexsort((c_idx, r_idx, -vals)).tolist():
                r, c = int(r_idx[t]), int(c_idx[t])
                j, lin = unpaired[r], by_doc[m][c]
                if j in found or lin in taken:
                    continue
                found[j] = (lin, m, round(min(float(vals[t]), 100.0), 1))
                taken.add(lin)
        return found

    def _last_words(self, lin: int, m: int) -> tuple[list[str], I64]:
        """Scoring words (and their ids) of lineage ``lin``'s version in document ``m``; kept, since it
        is asked for again for every later document while the lineage stays dropped."""
        key = (lin, m)
        got = self._words.get(key)
        if got is None:
            words = scoring_words(_text(self.docs[m], self.lineages[lin][m].paragraphs))
            got = self._words[key] = (words, self._ids.of(words))
        return got


def order_lineages(presence: Sequence[dict[int, int]], n_docs: int) -> list[int]:
    """Reading order of lineages: each document's order, a dropped lineage kept after its predecessor.

    ``presence[l]`` maps document index -> first paragraph index of lineage ``l``
    there. Document by document, the lineages present are sorted by position and
    an absent one stays right after the lineage it followed so far (as compare
    places a removed paragraph), so the last document reads in its own order.
    """
    order: list[int] = []
    for k in range(n_docs):
        keyed: list[tuple[tuple[int, int, int], int]] = []
        anchor = -1
        for t, lin in enumerate(order):
            pos = presence[lin].get(k)
            if pos is not None:
                anchor = pos
                keyed.append(((pos, 0, t), lin))
            else:
                keyed.append(((anchor, 1, t), lin))
        known = set(order)
        keyed.extend(
            ((pos[k], 0, -1), lin) for lin, pos in enumerate(presence) if lin not in known and k in pos
        )
        keyed.sort(key=lambda kl: kl[0])
        order = [lin for _, lin in keyed]
    return order


def link_series(
    docs: Sequence[Document],
    threshold: float = DEFAULT_THRESHOLD,
    restore_threshold: float = RESTORE_THRESHOLD,
    notes: Sequence[str] = (),
) -> History:
    """Link the paragraphs of documents already in date order (see the module docstring)."""
    linker = _Linker(docs, threshold, restore_threshold)
    if docs:
        linker.first()
    for k in range(1, len(docs)):
        linker.add(k)
    drafts = linker.lineages
    order = order_lineages([{m: d.paragraphs[0] for m, d in lin.items()} for lin in drafts], len(docs))
    new_index = {old: new for new, old in enumerate(order)}
    lineages: list[Lineage] = []
    for old in order:
        versions: list[Version | None] = [None] * len(docs)
        for m, d in sorted(drafts[old].items()):
            doc = docs[m]
            text = _text(doc, d.paragraphs)
            diff = (
                ()
                if d.previous is None
                else word_diff(_text(docs[d.previous], drafts[old][d.previous].paragraphs), text)
            )
            versions[m] = Version(
                document=m,
                paragraphs=tuple(d.paragraphs),
                labels=tuple(doc.paragraphs[i].label for i in d.paragraphs),
                text=text,
                kind=d.kind,
                score=round(min(d.score, 100.0), 1),
                diff=diff,
                previous=d.previous,
                split_from=None if d.split_from is None else new_index[d.split_from],
                merged_from=tuple(sorted(new_index[x] for x in d.merged_from)),
            )
        lineages.append(Lineage(tuple(versions)))
    notes = [*notes, *_unrelated(docs, lineages)]
    return History(tuple(docs), tuple(lineages), threshold, restore_threshold, tuple(notes))


def _unrelated(docs: Sequence[Document], lineages: Sequence[Lineage]) -> list[str]:
    """A note for each document that shares no paragraph with any other document of the series."""
    if len(docs) < 2:
        return []
    shared = [False] * len(docs)
    for lin in lineages:
        present = lin.present
        if len(present) > 1 or any(v.split_from is not None or v.merged_from for v in present):
            for v in present:
                shared[v.document] = True
    bodies: dict[str, Document] = {}
    for doc in docs:
        bodies.setdefault(fold(doc.metadata.body), doc)
    bodies.pop("", None)
    notes: list[str] = []
    if len(bodies) > 1:
        named = [f"{d.display_name} ({d.metadata.body})" for d in bodies.values()]
        notes.append(
            f"{', '.join(named[:-1])} and {named[-1]} are resolutions of different bodies: "
            "they do not look like one series."
        )
    weak = _weak(docs, lineages)
    if weak:
        notes.append(
            f"Only a few paragraphs of {', '.join(weak)} continue from the earlier documents "
            f"(under {WEAK_SHARE:.0%}): it may not belong to this series."
        )
    if not any(shared):
        return [
            *notes[:1],
            "The documents share no paragraph (none reaches the similarity threshold): "
            "they do not look like one series, so every paragraph is its own lineage.",
        ]
    return notes + [
        f"{doc.display_name} shares no paragraph with the other documents: it does not look like part "
        "of this series."
        for doc, ok in zip(docs, shared, strict=True)
        if not ok and doc.paragraphs
    ]


# Below this share of continuing paragraphs a later document is said to fit the series badly. Measured
# on the seeds: 60/212 continues 7 of 19 paragraphs of 57/263 (37%), 62/209 13 of 21 (62%).
WEAK_SHARE: float = 0.25


def _weak(docs: Sequence[Document], lineages: Sequence[Lineage]) -> list[str]:
    """Later documents (that share something) with few paragraphs continuing from earlier ones."""
    cont = [0] * len(docs)
    for lin in lineages:
        for v in lin.present:
            if v.previous is not None or v.split_from is not None:
                cont[v.document] += len(v.paragraphs)
    return [
        d.display_name
        for k, d in enumerate(docs)
        if k and d.paragraphs and 0 < cont[k] < WEAK_SHARE * len(d.paragraphs)
    ]
