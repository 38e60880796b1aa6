"""The full scan: every paragraph of every earlier document, parsed and scored. No index needed.

The reference the corpus index must equal (tests compare them), and what
works on a corpus that has no index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from reader.core.compare.align import scoring_words, similarity_matrix
from reader.core.corpus.collection import Corpus
from reader.core.errors import InputError
from reader.core.model import Document
from reader.core.provenance.earlier import Earlier
from reader.core.provenance.finder import DraftWords, Found, agreed_key, key_of, split_key, substantial
from reader.core.provenance.phrases import MIN_WORDS, Hits, runs_by_paragraph
from reader.core.wordcache import cached_words


class ScanFinder:
    """Provenance by parsing and scoring every earlier document."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._entries = {e.id: e for e in corpus.entries}

    def _document(self, doc_id: str) -> Document | None:
        try:
            return self.corpus.document(self._entries[doc_id])
        except (InputError, KeyError):
            return None

    def find(
        self, draft: DraftWords, earlier: Earlier, min_score: float, *, fragments: bool = False
    ) -> Found:
        n = len(draft.words)
        live = [i for i in range(n) if draft.scoring[i]]
        keys = [agreed_key(t) for t in draft.texts]
        queries = [list(draft.scoring[i]) for i in live]
        grams: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
        for i, ws in enumerate(draft.words):
            for j in range(len(ws) - MIN_WORDS + 1):
                grams[ws[j : j + MIN_WORDS]].append((i, j))
        scored: list[list[tuple[int, float]]] = [[] for _ in range(n)]
        agreed: list[set[int]] = [set() for _ in range(n)]
        hits: list[tuple[int, int, int, int]] = []
        for age, ref in enumerate(earlier.docs):
            doc = self._document(ref.id)
            if doc is None:
                continue
            idxs = [k for k, p in enumerate(doc.paragraphs) if cached_words(p.text)]
            cands = [scoring_words(doc.paragraphs[k].text) for k in idxs]
            sim = similarity_matrix(queries, cands)
            sizes = substantial(
                np.array([len(q) for q in queries], dtype=np.float64)[:, None],
                np.array([len(c) for c in cands], dtype=np.float64)[None, :],
            )
            for row, col in zip(*np.nonzero((sim >= min_score) & (sizes | fragments)), strict=True):
                i, key = live[row], key_of(age, idxs[col])
                scored[i].append((key, float(sim[row, col])))
                if agreed_key(doc.paragraphs[idxs[col]].text) == keys[i]:
                    agreed[i].add(key)
            for k in idxs:
                ws = cached_words(doc.paragraphs[k].text)
                for p in range(len(ws) - MIN_WORDS + 1):
                    for i, j in grams.get(ws[p : p + MIN_WORDS], ()):
                        hits.append((i, j, key_of(age, k), p))
        found = (
            Hits(*(np.array(col, dtype=np.int64) for col in zip(*hits, strict=True)))
            if hits
            else Hits.empty()
        )
        return Found.of(scored, agreed, runs_by_paragraph(found, n))

    def paragraphs(self, keys: Iterable[int], earlier: Earlier) -> dict[int, tuple[str, str]]:
        out: dict[int, tuple[str, str]] = {}
        for key in keys:
            age, idx = split_key(key)
            doc = self._document(earlier.docs[age].id)
            if doc is not None:
                p = doc.paragraphs[idx]
                out[key] = (p.label, p.text)
        return out
