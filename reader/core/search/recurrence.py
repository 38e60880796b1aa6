"""Where the phrases two documents share recur in the corpus: ``compare``'s "also occurs in", bounded.

A comparison of two real resolutions shares a hundred phrases or more (a thousand for two years of
the law of the sea), and a full corpus trace per phrase cost 0.2 s each on 3,000 real documents: half
a minute before the pair was shown. Here each phrase costs what its rarest words cost, whatever the
size of the corpus:

1. Word for word (case, punctuation and spacing aside): the rarest phrase
   words' postings give the candidates and one vectorised comparison per
   phrase word over their stored words confirms the run. Every such paragraph
   is a trace hit at 100.
2. A phrase found word for word in ``ESTABLISHED`` or more other documents is
   established language: those are its recurrences (``Recurrence.word_for_word``),
   from "the 2030 Agenda for Sustainable Development" to a paragraph a yearly
   series repeats. Reworded variants matter where a phrase is rare.
3. Any other phrase of ``MIN_REWORDED_WORDS`` words or more is also looked for
   reworded: among the paragraphs that keep its ``RARE_WORDS`` rarest telling
   words, all but one when it has more of them (a spelling variant: "Perez"
   for "Pérez"); reworded agreed language keeps "substitute", "complement",
   "rather" while its small words come and go; scored exactly as ``trace``
   scores. When those words are so common that more than ``MOST_CANDIDATES``
   paragraphs hold them, or more than ``MOST_WINDOWS`` of those hold a run of
   its words dense enough for a hit, the phrase is named by its word-for-word
   recurrences too. A shorter phrase is not looked for reworded: "the World
   Bank and the International Monetary Fund" turned round is a name, not
   agreed language.

All the phrases of a comparison are answered together (:meth:`RecurrenceSearch.find_many`): their
words, postings and paragraph facts are read in one statement each, not one per phrase, and the
paragraphs of the two compared documents, which ``compare`` never lists, are not scored. What is
read stays for the next phrases of the same index state.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from reader.core.corpus.store import posting_lists
from reader.core.model import Occurrence, Recurrence
from reader.core.search import recurrence_aside
from reader.core.search.query import AT_ONCE, Query, Snapshot, chunks, dense_rows, scored_paragraphs
from reader.core.textnorm import FUNCTION_WORDS

ESTABLISHED = 3  # other documents holding a phrase word for word that make it established language
MOST_CANDIDATES = 1500
MOST_WINDOWS = 250
MIN_REWORDED_WORDS = 8
RARE_WORDS = 3
# Word for word, the candidates hold up to this many of the phrase's rarest words, fewer once they
# are FEW paragraphs: each more posting list read costs more than the words of a few paragraphs.
VERBATIM_LISTS = 4
FEW = 32
FIXED_WORK = 700  # a phrase's own work, in paragraphs compared (``estimate``)
WORK_PER_WORD = 30

T = TypeVar("T")
_Ids = np.ndarray[Any, np.dtype[np.int64]]


def _go_on() -> None:
    """No pause between phrases (the command line's searches)."""


_NONE: _Ids = np.zeros(0, dtype=np.int64)
FactRow = tuple[
    int, int, str, int, str, str, int | None
]  # paragraph id, idx, label, file ord, doc, symbol, year


@dataclass(frozen=True)
class Found:
    """One phrase's recurrences before they are made occurrences."""

    same: _Ids  # paragraphs holding it word for word (ascending ids)
    reworded: _Ids  # paragraphs holding it reworded
    scores: np.ndarray[Any, np.dtype[np.float64]]  # their trace scores
    known: bool  # established language (``Recurrence.word_for_word``)


class _Facts:
    """What ``compare`` shows of the paragraphs read so far, as arrays sorted by paragraph id.

    A common phrase recurs in thousands of paragraphs: their order is found with numpy and each
    paragraph's occurrence at 100 is made once and shared by every phrase found there word for word.
    """

    def __init__(self) -> None:
        self.pids = _NONE
        self.order = _NONE  # the file's place in the corpus
        self.idx = _NONE  # the paragraph's place in its file
        self.doc = _NONE  # the document, as a number (``docs``)
        self.at_100: list[Occurrence] = []
        self.docs: dict[str, int] = {}

    def add(self, rows: Iterable[FactRow]) -> None:
        """Rows of (id, idx, label, ord, doc_id, symbol, year) not read before."""
        new = list(rows)
        if not new:
            return
        pid, idx, label, order, doc_id, symbol, year = zip(*new, strict=True)
        code = self.docs
        doc = [code.setdefault(d, len(code)) for d in doc_id]
        occ = list(map(Occurrence, doc_id, symbol, year, label, [100.0] * len(new)))
        by_id = np.argsort(np.concatenate([self.pids, np.array(pid, dtype=np.int64)]), kind="stable")
        self.pids = np.concatenate([self.pids, np.array(pid, dtype=np.int64)])[by_id]
        self.idx = np.concatenate([self.idx, np.array(idx, dtype=np.int64)])[by_id]
        self.order = np.concatenate([self.order, np.array(order, dtype=np.int64)])[by_id]
        self.doc = np.concatenate([self.doc, np.array(doc, dtype=np.int64)])[by_id]
        every = self.at_100 + occ
        self.at_100 = [every[i] for i in by_id.tolist()]

    def missing(self, pids: _Ids) -> _Ids:
        return pids[~np.isin(pids, self.pids)]

    def rows(self, pids: _Ids) -> list[FactRow]:
        """Paragraphs ``pids`` (all read) as the rows ``add`` takes."""
        at, _ = self.where(pids)
        out: list[FactRow] = []
        for pid, k in zip(pids.tolist(), at.tolist(), strict=True):
            o = self.at_100[k]
            out.append((pid, int(self.idx[k]), o.label, int(self.order[k]), o.doc_id, o.symbol, o.year))
        return out

    def where(self, pids: _Ids) -> tuple[_Ids, np.ndarray[Any, np.dtype[np.bool_]]]:
        """Each paragraph's row here, and whether it was read (a paragraph always is)."""
        at = np.searchsorted(self.pids, pids)
        found = at < len(self.pids)
        found[found] = self.pids[at[found]] == pids[found]
        return np.where(found, at, 0), found


class RecurrenceSearch:
    """The recurrences of many phrases in one state of the index (one read transaction's snapshot)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        snap: Snapshot,
        min_score: float,
        pause: Callable[[], None] | None = None,
    ) -> None:
        self.conn = conn
        self.snap = snap
        self.min_score = min_score
        # Called before each phrase's own work: the reader's "also in" worker waits there while the
        # user's trace runs (both are Python; sharing one interpreter, the trace took four times longer).
        self._pause = pause or _go_on
        self._terms: dict[str, int] = {}
        self._counts: dict[int, int] = {}  # term id -> paragraphs holding it
        self._postings: dict[int, _Ids] = {}
        self._facts = _Facts()

    def find(self, phrase_norm: str) -> Recurrence:
        """Where ``phrase_norm`` (already normalised) recurs: occurrences best first, ties in corpus order."""
        return self.find_many([phrase_norm])[0]

    def find_many(
        self, phrases_norm: Sequence[str], skip_docs: Collection[str] = (), *, aside: Path | None = None
    ) -> list[Recurrence]:
        """:meth:`find` of each phrase, read together; occurrences in ``skip_docs`` left out.

        ``skip_docs`` are the compared documents: ``compare`` lists where *else* a phrase occurs,
        so their paragraphs are not scored for a reworded recurrence (they still count when a
        phrase is told established: it is looked for in them as in every other document).
        ``aside``: the store's file, when a process with no other thread (the command line) may
        look for part of a long comparison's phrases in a second process (``recurrence_aside``).
        """
        words_of = [p.split() for p in phrases_norm]
        self._prepare(words_of)
        helped = recurrence_aside.share(self, words_of) if aside is not None else []
        helper = (
            recurrence_aside.start(self, aside, phrases_norm, words_of, helped, skip_docs) if helped else None
        )
        theirs = set(helped)
        mine = [i for i in range(len(words_of)) if i not in theirs]
        try:
            ours = self.found([phrases_norm[i] for i in mine], [words_of[i] for i in mine], skip_docs)
        except BaseException:
            if helper is not None:
                helper.close()
            raise
        found = dict(zip(mine, ours, strict=True))
        if helper is not None:
            sent = helper.wait()
            if sent is None:  # the other process failed: its phrases are looked for here
                sent = self.found([phrases_norm[i] for i in helped], [words_of[i] for i in helped], skip_docs)
            found.update(zip(helped, sent, strict=True))
        skip = {self._facts.docs[d] for d in skip_docs if d in self._facts.docs}
        out: list[Recurrence] = []
        for k in range(len(words_of)):
            f = found[k]
            pids = np.concatenate([f.same, f.reworded])
            scores = np.concatenate([np.full(len(f.same), 100.0), f.scores])
            out.append(Recurrence(self._occurrences(pids, scores, skip), word_for_word=f.known))
        return out

    def found(
        self, phrases_norm: Sequence[str], words_of: Sequence[list[str]], skip_docs: Collection[str]
    ) -> list[Found]:
        """Each phrase's paragraphs word for word and reworded, with the facts of them all read
        (``_prepare`` done for these phrases)."""
        verbatim = [self._word_for_word(words) for words in self._paced(words_of)]
        self._read_facts(verbatim)
        # Which phrases are looked for reworded, and among which paragraphs (None: not looked for).
        established: list[bool] = []
        candidates: list[tuple[Query, _Ids] | None] = []
        for phrase_norm, words, same in self._paced(list(zip(phrases_norm, words_of, verbatim, strict=True))):
            # Counted with the two compared documents, which usually hold it: ESTABLISHED others and them.
            known = self._documents(same) >= ESTABLISHED + 2
            found = self._reworded_candidates(phrase_norm, words, same) if words and not known else None
            established.append(known or found is False)
            candidates.append(found if isinstance(found, tuple) else None)
        self._read_facts([self.snap.paragraphs.pids[c[1]] for c in candidates if c is not None])
        skip = {self._facts.docs[d] for d in skip_docs if d in self._facts.docs}
        out: list[Found] = []
        for same, found, known in self._paced(list(zip(verbatim, candidates, established, strict=True))):
            # None held word for word is scored: that scores 100 either way.
            reworded = self._scored(*found, skip) if found is not None else {}
            pids = np.fromiter(reworded, dtype=np.int64, count=len(reworded))
            out.append(
                Found(same, pids, np.fromiter(reworded.values(), dtype=np.float64, count=len(pids)), known)
            )
        return out

    def facts_rows(self, pids: _Ids) -> list[FactRow]:
        """The facts of paragraphs ``pids`` (read before), as the store gives them."""
        return self._facts.rows(pids)

    def add_facts(self, rows: Iterable[FactRow]) -> None:
        """Facts read elsewhere (by the other process), those not known here."""
        rows = list(rows)
        new = set(self._facts.missing(np.array([row[0] for row in rows], dtype=np.int64)).tolist())
        self._facts.add(row for row in rows if row[0] in new)

    def _paced(self, items: Sequence[T]) -> Iterator[T]:
        for item in items:
            self._pause()
            yield item

    # ------------------------------------------------------------------ the two searches

    def _word_for_word(self, words: list[str]) -> _Ids:
        """Paragraphs holding every word of the phrase in a row (ascending ids).

        The candidates hold the phrase's rarest words (any of its words would do: a paragraph
        holding the run holds them all); their stored words confirm the run.
        """
        if not words or any(w not in self._terms for w in words):
            return _NONE  # a word the corpus lacks
        ids = np.array([self._terms[w] for w in words], dtype=np.uint32)
        rarest = self._rarest(set(ids.tolist()))
        pids = self._posting(rarest[0])
        for t in rarest[1:VERBATIM_LISTS]:
            if len(pids) <= FEW:
                break
            pids = _intersect(pids, self._posting(t))
        paras = self.snap.paragraphs.rows(self.snap.paragraphs.rows_of(pids))
        n, w = len(ids), paras.words
        if len(w) < n:
            return _NONE
        # Anchored on the rarest word: the other words are compared where it stands, not everywhere.
        r = int(np.flatnonzero(ids == rarest[0])[0])
        starts = np.flatnonzero(w[r : len(w) - n + 1 + r] == ids[r])
        if len(starts) * n <= AT_ONCE:
            # Every word of every start in one comparison: a word at a time was a numpy call per
            # word, most of the time for a long shared paragraph.
            starts = starts[(w[starts[:, None] + np.arange(n)] == ids).all(axis=1)]
        else:
            for k in range(n):
                if k != r and len(starts):
                    starts = starts[w[starts + k] == ids[k]]
        row = np.searchsorted(paras.bounds, starts, side="right") - 1
        row = row[starts + n <= paras.bounds[row + 1]]  # the run ends in the paragraph it starts in
        # ``row`` ascends with ``starts``: a paragraph's repeats of the run are neighbours.
        return paras.pids[row[np.diff(row, prepend=-1) != 0]]

    def _reworded_candidates(
        self, phrase_norm: str, words: list[str], verbatim: _Ids
    ) -> tuple[Query, _Ids] | bool:
        """The query and the snapshot rows to score for a reworded recurrence; False: too common;
        True: nothing to score.

        Paragraphs in ``verbatim`` hold the phrase word for word and score 100: not scored again
        (most recurrences of a long shared passage are such copies, and scoring one costs milliseconds).
        """
        if len(words) < MIN_REWORDED_WORDS:
            return True
        telling = sorted({self._terms[w] for w in words if w not in FUNCTION_WORDS and w in self._terms})
        if not telling:
            return True  # small words only, or none the corpus has: nothing telling to recur
        pids = self._holding(telling, RARE_WORDS, spare=1 if len(telling) > RARE_WORDS else 0)
        if len(pids) > MOST_CANDIDATES:
            return False
        query = Query.with_terms(phrase_norm, self.min_score, self._terms)  # the words looked up once
        paras = self.snap.paragraphs
        if len(verbatim):
            pids = pids[~np.isin(pids, verbatim)]
        rows = paras.rows_of(pids)
        if query.need > 0:
            rows = dense_rows(query, paras, rows, self.snap.lens)
        if len(rows) > MOST_WINDOWS:
            return False
        return query, rows

    def _scored(self, query: Query, rows: _Ids, skip: set[int]) -> dict[int, float]:
        """Trace's hits among snapshot ``rows``, leaving out the documents numbered ``skip``."""
        paras = self.snap.paragraphs
        if skip:
            at, found = self._facts.where(paras.pids[rows])
            rows = rows[~(found & np.isin(self._facts.doc[at], list(skip)))]
        found_hits, _ = scored_paragraphs(query, paras.rows(rows), self.snap)
        return {pid: hit[0] for pid, hit in found_hits.items()}

    # ------------------------------------------------------------------ shared reads

    def _prepare(self, words_of: Sequence[list[str]]) -> None:
        """Read, in one statement each, the phrases' word ids, how common each is, and the
        postings of the rarest ones (the candidates of both searches)."""
        self._learn_terms(w for words in words_of for w in words)
        ids = [sorted({self._terms[w] for w in words if w in self._terms}) for words in words_of]
        self._learn_counts(t for i in ids for t in i)
        wanted: set[int] = set()
        for words, distinct in zip(words_of, ids, strict=True):
            if all(w in self._terms for w in words):
                wanted.update(self._rarest(distinct)[:VERBATIM_LISTS])
            if len(words) >= MIN_REWORDED_WORDS:
                telling = {self._terms[w] for w in words if w not in FUNCTION_WORDS and w in self._terms}
                wanted.update(self._rarest(telling)[:RARE_WORDS])
        self._read_postings(wanted)

    def _learn_terms(self, words: Iterable[str]) -> None:
        new = sorted({w for w in words if w not in self._terms})
        for chunk in chunks(new):
            qmarks = ",".join("?" * len(chunk))
            self._terms.update(
                self.conn.execute(f"SELECT term, id FROM terms WHERE term IN ({qmarks})", chunk)
            )

    def _learn_counts(self, term_ids: Iterable[int]) -> None:
        """How many paragraphs hold each word (its postings' length; their ids are not read)."""
        new = sorted({t for t in term_ids if t not in self._counts})
        for chunk in chunks(new):
            qmarks = ",".join("?" * len(chunk))
            q = f"SELECT term_id, n FROM posting_counts WHERE term_id IN ({qmarks})"
            self._counts.update(self.conn.execute(q, chunk))
        for t in new:
            self._counts.setdefault(t, 0)

    def estimate(self, words: list[str]) -> int:
        """A phrase's work, roughly, in paragraphs compared: those holding its rarest word, a part
        for each of its words (a long phrase's reworded scoring) and a fixed part (fitted on the
        phrases of real comparisons: about 0.7 microseconds a paragraph)."""
        ids = {self._terms[w] for w in words if w in self._terms}
        holding = len(self._posting(self._rarest(ids)[0])) if ids else 0
        return holding + WORK_PER_WORD * len(words) + FIXED_WORK

    def _rarest(self, term_ids: Iterable[int]) -> list[int]:
        """``term_ids`` from the rarest word to the most common; of words as rare, the first by id."""
        return sorted(sorted(term_ids), key=self._counts.__getitem__)

    def _read_postings(self, term_ids: Iterable[int]) -> None:
        missing = sorted(t for t in set(term_ids) if t not in self._postings)
        for chunk in chunks(missing):
            for tid, ids in posting_lists(self.conn, chunk):
                self._postings[tid] = ids.astype(np.int64)
        for t in missing:
            self._postings.setdefault(t, _NONE)

    def _posting(self, term_id: int) -> _Ids:
        if term_id not in self._postings:
            self._read_postings([term_id])
        return self._postings[term_id]

    def _holding(self, term_ids: list[int], rarest: int, *, spare: int = 0) -> _Ids:
        """Paragraphs holding the ``rarest`` rarest of ``term_ids``, or all but ``spare`` of them.

        ``spare`` lets one telling word be spelt another way ("Perez-Guerrero" for
        "Pérez-Guerrero") in a reworded recurrence.
        """
        self._learn_counts(term_ids)
        lists = [self._posting(t) for t in self._rarest(term_ids)[:rarest]]
        need = max(1, len(lists) - spare)
        if need == len(lists):
            pids = lists[0]
            for more in lists[1:]:
                pids = _intersect(pids, more)
            return pids
        pids, counts = np.unique(np.concatenate(lists), return_counts=True)
        return pids[counts >= need]

    def _read_facts(self, pids: Iterable[_Ids]) -> None:
        """Read the facts of paragraphs ``pids`` not read yet, in one statement."""
        missing = self._facts.missing(np.unique(np.concatenate([_NONE, *pids])))
        if not len(missing):
            return
        q = (
            "SELECT p.id, p.idx, p.label, f.ord, f.doc_id, f.symbol, f.year"
            " FROM json_each(?) j JOIN paragraphs p ON p.id = j.value JOIN files f ON f.id = p.file_id"
        )
        self._facts.add(self.conn.execute(q, ("[" + ",".join(map(str, missing.tolist())) + "]",)))

    def _documents(self, pids: _Ids) -> int:
        """How many documents hold paragraphs ``pids``."""
        at, found = self._facts.where(pids)
        return len(np.unique(self._facts.doc[at[found]]))

    def _occurrences(
        self, pids: _Ids, scores: np.ndarray[Any, np.dtype[np.float64]], skip: set[int]
    ) -> tuple[Occurrence, ...]:
        """The paragraphs outside documents ``skip`` as occurrences, sorted as trace sorts (best
        first, ties in corpus order)."""
        f = self._facts
        at, found = f.where(pids)
        if skip:
            found &= ~np.isin(f.doc[at], list(skip))
        at, scores = at[found], scores[found]
        ranked = np.lexsort((f.idx[at], f.order[at], -scores))
        out: list[Occurrence] = []
        for k in ranked.tolist():
            o, score = f.at_100[int(at[k])], float(scores[k])
            out.append(o if score == 100.0 else Occurrence(o.doc_id, o.symbol, o.year, o.label, score))
        return tuple(out)


def _intersect(a: _Ids, b: _Ids) -> _Ids:
    """The ids in both ascending arrays of distinct ids.

    A short list is looked up in the long one (binary search); two long ones meet in a table of
    flags, one pass over each (a common word's list holds most of the corpus's paragraphs).
    """
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return _NONE
    if len(a) * 16 < len(b):
        at = np.searchsorted(b, a)
        at[at == len(b)] = 0
        return a[b[at] == a]
    flags = np.zeros(int(max(a[-1], b[-1])) + 1, dtype=bool)
    flags[b] = True
    return a[flags[a]]
