"""The per-phrase recurrence search as it was before the batched one: the reference twin in tests.

``reader.core.search.recurrence.RecurrenceSearch.find_many`` answers every phrase of a comparison at
once; it must give what this, one phrase at a time, gives (occurrences in the compared documents aside,
which ``compare`` never shows). Kept verbatim, only renamed.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import numpy as np

from reader.core.model import Occurrence, Recurrence
from reader.core.search.query import Query, Snapshot, dense_rows, scored_paragraphs
from reader.core.search.recurrence import (
    ESTABLISHED,
    MIN_REWORDED_WORDS,
    MOST_CANDIDATES,
    MOST_WINDOWS,
    RARE_WORDS,
)
from reader.core.textnorm import FUNCTION_WORDS

_Ids = np.ndarray[Any, np.dtype[np.int64]]


class ReferenceSearch:
    """The recurrences of many phrases in one state of the index (one read transaction's snapshot)."""

    def __init__(self, conn: sqlite3.Connection, snap: Snapshot, min_score: float) -> None:
        self.conn = conn
        self.snap = snap
        self.min_score = min_score
        self._terms: dict[str, int] = {}
        self._postings: dict[int, _Ids] = {}
        self._facts: dict[int, tuple[int, int, Occurrence]] = {}  # pid -> (ord, idx, occurrence at 0)

    def find(self, phrase_norm: str) -> Recurrence:
        """Where ``phrase_norm`` (already normalised) recurs: occurrences best first, ties in corpus order."""
        words = phrase_norm.split()
        if not words:
            return Recurrence(())
        self._learn_terms(words)
        scores = self._word_for_word(words)
        # Counted with the two compared documents, which usually hold it: ESTABLISHED others and them.
        established = len({self._facts[p][2].doc_id for p in self._known(scores)}) >= ESTABLISHED + 2
        if not established:
            reworded = self._reworded(phrase_norm, words, scores)
            if reworded is None:
                established = True
            else:
                scores.update(reworded)  # a word-for-word paragraph scores 100 either way
        return Recurrence(self._occurrences(scores), word_for_word=established)

    # ------------------------------------------------------------------ the two searches

    def _word_for_word(self, words: list[str]) -> dict[int, float]:
        """Paragraphs holding every word of the phrase in a row: id -> 100."""
        if any(w not in self._terms for w in words):
            return {}  # a word the corpus lacks
        ids = np.array([self._terms[w] for w in words], dtype=np.uint32)
        pids = self._holding(sorted(set(ids.tolist())), 2)
        paras = self.snap.paragraphs.rows(self.snap.paragraphs.rows_of(pids))
        n, w = len(ids), paras.words
        if len(w) < n:
            return {}
        at = w[: len(w) - n + 1] == ids[0]
        for k in range(1, n):
            at &= w[k : len(w) - n + 1 + k] == ids[k]
        starts = np.flatnonzero(at)
        row = np.searchsorted(paras.bounds, starts, side="right") - 1
        inside = starts + n <= paras.bounds[row + 1]  # the run ends in the paragraph it starts in
        return dict.fromkeys(paras.pids[np.unique(row[inside])].tolist(), 100.0)

    def _reworded(
        self, phrase_norm: str, words: list[str], verbatim: dict[int, float]
    ) -> dict[int, float] | None:
        """Trace's hits among the paragraphs holding the phrase's rarest telling words; None: too common.

        Paragraphs in ``verbatim`` hold the phrase word for word and score 100: not scored again
        (most recurrences of a long shared passage are such copies, and scoring one costs milliseconds).
        """
        if len(words) < MIN_REWORDED_WORDS:
            return {}
        telling = sorted({self._terms[w] for w in words if w not in FUNCTION_WORDS and w in self._terms})
        if not telling:
            return {}  # small words only, or none the corpus has: nothing telling to recur
        pids = self._holding(telling, RARE_WORDS, spare=1 if len(telling) > RARE_WORDS else 0)
        if len(pids) > MOST_CANDIDATES:
            return None
        query = Query.with_terms(phrase_norm, self.min_score, self._terms)  # the words looked up once
        paras = self.snap.paragraphs
        if verbatim:
            pids = pids[~np.isin(pids, np.fromiter(verbatim, dtype=np.int64, count=len(verbatim)))]
        rows = paras.rows_of(pids)
        if query.need > 0:
            rows = dense_rows(query, paras, rows, self.snap.lens)
        if len(rows) > MOST_WINDOWS:
            return None
        found, _ = scored_paragraphs(query, paras.rows(rows), self.snap)
        return {pid: hit[0] for pid, hit in found.items()}

    # ------------------------------------------------------------------ shared reads

    def _learn_terms(self, words: list[str]) -> None:
        new = sorted({w for w in words if w not in self._terms})
        if not new:
            return
        qmarks = ",".join("?" * len(new))
        self._terms.update(self.conn.execute(f"SELECT term, id FROM terms WHERE term IN ({qmarks})", new))

    def _holding(self, term_ids: list[int], rarest: int, *, spare: int = 0) -> _Ids:
        """Paragraphs holding the ``rarest`` rarest of ``term_ids``, or all but ``spare`` of them.

        ``spare`` lets one telling word be spelt another way ("Perez-Guerrero" for
        "Pérez-Guerrero") in a reworded recurrence.
        """
        missing = [t for t in term_ids if t not in self._postings]
        if missing:
            qmarks = ",".join("?" * len(missing))
            q = f"SELECT term_id, ids FROM postings WHERE term_id IN ({qmarks})"
            for tid, blob in self.conn.execute(q, missing):
                self._postings[tid] = np.frombuffer(blob, dtype="<u4").astype(np.int64)
            for t in missing:
                self._postings.setdefault(t, np.zeros(0, dtype=np.int64))
        lists = sorted((self._postings[t] for t in term_ids), key=len)[:rarest]
        need = max(1, len(lists) - spare)
        if need == len(lists):
            pids = lists[0]
            for more in lists[1:]:
                pids = np.intersect1d(pids, more, assume_unique=True)
            return pids
        pids, counts = np.unique(np.concatenate(lists), return_counts=True)
        return pids[counts >= need]

    def _known(self, scores: dict[int, float]) -> list[int]:
        """The paragraph ids of ``scores``, their facts read first where not yet known."""
        missing = [p for p in scores if p not in self._facts]
        if missing:
            q = (
                "SELECT p.id, p.idx, p.label, f.ord, f.doc_id, f.symbol, f.year"
                " FROM json_each(?) j JOIN paragraphs p ON p.id = j.value JOIN files f ON f.id = p.file_id"
            )
            arg = "[" + ",".join(map(str, missing)) + "]"
            for pid, idx, label, order, doc_id, symbol, year in self.conn.execute(q, (arg,)):
                self._facts[pid] = (order, idx, Occurrence(doc_id, symbol, year, label, 0.0))
        return [p for p in scores if p in self._facts]

    def _occurrences(self, scores: dict[int, float]) -> tuple[Occurrence, ...]:
        """The paragraphs as occurrences, sorted as trace sorts (best first, ties in corpus order)."""
        rows = []
        for pid in self._known(scores):
            order, idx, o = self._facts[pid]
            rows.append(
                (-scores[pid], order, idx, Occurrence(o.doc_id, o.symbol, o.year, o.label, scores[pid]))
            )
        rows.sort(key=lambda r: r[:3])
        return tuple(r[3] for r in rows)
