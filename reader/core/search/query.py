"""The index's query planner: trace hits from stored word ids, identical to the full scan.

``trace.score_paragraph`` scores a
run of words as ``0.5 * chars + 50 * words`` where ``words = 2 * LCS / (P + W)``
over the phrase's P and the run's W words. Three sound filters, each of which
only drops paragraphs that cannot reach ``min_score``, come before that exact
scoring:

1. counting (numpy ``bincount`` over the postings of the phrase's words): a
   paragraph must contain ``trace.min_shared_words`` of them;
2. a window bound: the run ``score_paragraph`` scores starts with one word and
   continues with words starting inside a ``partial_ratio`` window no longer
   than the phrase, so its word half is bounded by the densest run of phrase
   words of that extent (see :func:`_window_rows`; numpy, over all candidates);
3. ``trace``'s own LCS filter (one ``rapidfuzz`` ``cdist`` over the stored words).

The survivors are scored on their stored words with ``trace.score_words`` (the
core of ``score_paragraph``) and sorted as ``trace`` sorts
(best first, ties in corpus order). Only ``min_score <= 50`` (no bound) falls
back to scoring every stored paragraph.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from reader.core.corpus.store import generation, posting_lists, stored_word_ids
from reader.core.model import TraceHit
from reader.core.search import sidecar
from reader.core.search.trace import min_shared_words, score_words
from reader.core.textnorm import WORD

T = TypeVar("T")


@dataclass(frozen=True)
class QueryPlan:
    """How the last trace was answered (for benchmarks and the curious)."""

    mode: str  # "index", or "scan" when min_score gives no bound
    min_words: int = 0  # phrase words a paragraph must contain to be a hit
    candidates: int = 0  # paragraphs passing the word count
    windows: int = 0  # of those, paragraphs with a run of phrase words dense enough for a hit
    scored: int = 0  # paragraphs passing every filter, scored exactly


@dataclass(frozen=True)
class _Paragraphs:
    """Some paragraphs' word ids, end to end: filters run on all of them at once (numpy)."""

    pids: np.ndarray[Any, np.dtype[np.int64]]  # paragraph ids, ascending
    words: np.ndarray[Any, np.dtype[np.uint32]]  # their word ids, paragraph after paragraph
    bounds: np.ndarray[Any, np.dtype[np.int64]]  # paragraph k's words are words[bounds[k]:bounds[k + 1]]

    @property
    def count(self) -> int:
        return len(self.pids)

    def ids(self, k: int) -> list[int]:
        """Paragraph ``k``'s word ids."""
        return self.words[self.bounds[k] : self.bounds[k + 1]].tolist()

    def rows(self, rows: np.ndarray[Any, np.dtype[np.int64]]) -> _Paragraphs:
        """Paragraphs ``rows`` (ascending) of these."""
        rows = rows[self.bounds[rows + 1] > self.bounds[rows]]  # paragraphs without words cannot match
        begin = self.bounds[rows]
        counts = self.bounds[rows + 1] - begin
        bounds = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(counts, out=bounds[1:])
        # Word positions to copy: runs of consecutive positions, one per paragraph, as a running sum
        # of steps of 1 that jump at each paragraph's first word (faster than np.repeat).
        jumps = np.ones(int(bounds[-1]), dtype=np.int64)
        if len(rows):
            jumps[0] = begin[0]
            jumps[bounds[1:-1]] = begin[1:] - (begin[:-1] + counts[:-1]) + 1
        return _Paragraphs(self.pids[rows], self.words[np.cumsum(jumps)], bounds)

    def rows_of(self, pids: np.ndarray[Any, np.dtype[np.int64]]) -> np.ndarray[Any, np.dtype[np.int64]]:
        """Where the paragraphs with ids ``pids`` (ascending) are, leaving out those without words."""
        rows = np.searchsorted(self.pids, pids)
        found = rows < self.count
        rows, pids = rows[found], pids[found]
        rows = rows[self.pids[rows] == pids]
        return rows[self.bounds[rows + 1] > self.bounds[rows]]


def _subset(paras: _Paragraphs, rows: np.ndarray[Any, np.dtype[np.int64]]) -> _Paragraphs:
    """Paragraphs ``rows`` (ascending), empty ones kept (``_Paragraphs.rows`` leaves them out)."""
    begin = paras.bounds[rows]
    counts = paras.bounds[rows + 1] - begin
    bounds = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(counts, out=bounds[1:])
    at = np.repeat(begin - bounds[:-1], counts) + np.arange(int(bounds[-1]), dtype=np.int64)
    return _Paragraphs(paras.pids[rows], paras.words[at], bounds)


@dataclass(frozen=True)
class _Joined:
    """The paragraphs saved whole for an earlier state less those dropped since, then those added
    since (their ids above every saved one), read as one ``_Paragraphs`` without being joined in
    memory: the saved ones are a mapped file of hundreds of megabytes, a changed file a few
    paragraphs. Rows are numbered as the joined paragraphs would be."""

    base: _Paragraphs
    base_generation: str  # the state ``base`` was saved for
    dropped: np.ndarray[Any, np.dtype[np.int64]]  # rows of ``base`` no longer in the index, ascending
    added: _Paragraphs

    @property
    def count(self) -> int:
        return self._live + self.added.count

    @property
    def _live(self) -> int:
        return self.base.count - len(self.dropped)

    def _base_rows(self, rows: np.ndarray[Any, np.dtype[np.int64]]) -> np.ndarray[Any, np.dtype[np.int64]]:
        """Where joined rows ``rows`` (below ``_live``) are in ``base``: past the dropped rows before them."""
        if not len(self.dropped):
            return rows
        shift = self.dropped - np.arange(len(self.dropped), dtype=np.int64)
        return rows + np.searchsorted(shift, rows, side="right")

    def ids(self, k: int) -> list[int]:
        if k < self._live:
            return self.base.ids(int(self._base_rows(np.array([k], dtype=np.int64))[0]))
        return self.added.ids(k - self._live)

    def rows(self, rows: np.ndarray[Any, np.dtype[np.int64]]) -> _Paragraphs:
        cut = int(np.searchsorted(rows, self._live))
        a = self.base.rows(self._base_rows(rows[:cut]))
        b = self.added.rows(rows[cut:] - self._live)
        bounds = np.concatenate([a.bounds, b.bounds[1:] + a.bounds[-1]])
        return _Paragraphs(np.concatenate([a.pids, b.pids]), np.concatenate([a.words, b.words]), bounds)

    def rows_of(self, pids: np.ndarray[Any, np.dtype[np.int64]]) -> np.ndarray[Any, np.dtype[np.int64]]:
        top = int(self.base.pids[-1]) if self.base.count else -1
        cut = int(np.searchsorted(pids, top, side="right"))
        base = self.base.rows_of(pids[:cut])
        if len(self.dropped):
            base = base[~np.isin(base, self.dropped)]
            base = base - np.searchsorted(self.dropped, base)
        return np.concatenate([base, self.added.rows_of(pids[cut:]) + self._live])

    @cached_property
    def pids(self) -> np.ndarray[Any, np.dtype[np.int64]]:
        return np.concatenate([np.delete(self.base.pids, self.dropped), self.added.pids])

    def pieces(self) -> tuple[np.ndarray[Any, np.dtype[np.int64]], sidecar.Pieces]:
        """The joined bounds, and the words as pieces of the saved ones and the added ones (not copied)."""
        b = self.base.bounds
        keep = np.ones(self.base.count, dtype=bool)
        keep[self.dropped] = False
        counts = np.concatenate([np.diff(b)[keep], np.diff(self.added.bounds)])
        bounds = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=bounds[1:])
        cuts = [0, *[int(x) for g in self.dropped.tolist() for x in (b[g], b[g + 1])], len(self.base.words)]
        words = [self.base.words[a:z] for a, z in zip(cuts[::2], cuts[1::2], strict=True)]
        return bounds, sidecar.Pieces((*words, self.added.words))

    @cached_property
    def _whole(self) -> _Paragraphs:
        """Joined in memory: for the few readers of every paragraph (a trace without a bound, ``similar``)."""
        bounds, words = self.pieces()
        return _Paragraphs(self.pids, np.concatenate(words.parts).astype(np.uint32, copy=False), bounds)

    @property
    def words(self) -> np.ndarray[Any, np.dtype[np.uint32]]:
        return self._whole.words

    @property
    def bounds(self) -> np.ndarray[Any, np.dtype[np.int64]]:
        return self._whole.bounds


@dataclass(frozen=True)
class Snapshot:
    """One index generation in memory: its words by id and every paragraph's word ids.

    Reading a few thousand candidate paragraphs row by row from SQLite cost more
    than all the filtering; the whole corpus's word ids take 4 bytes a word (about
    40 MB for 10,000 resolutions) and load in a fraction of a second.
    """

    generation: str
    terms: list[str]
    lens: np.ndarray[Any, np.dtype[np.int64]]
    paragraphs: _Paragraphs | _Joined

    @classmethod
    def load(cls, conn: sqlite3.Connection, generation: str) -> Snapshot:
        terms, lens = _terms(conn)
        pids, counts, words = stored_word_ids(conn)  # one blob a file, in one read transaction
        bounds = np.zeros(len(pids) + 1, dtype=np.int64)
        np.cumsum(counts, out=bounds[1:])
        return cls(generation, terms, lens, _Paragraphs(pids, words.astype(np.uint32, copy=False), bounds))

    ARRAYS = ("pids", "words", "bounds", "lens", "terms")  # what :meth:`arrays` saves

    def arrays(self) -> dict[str, np.ndarray[Any, Any]]:
        """The snapshot as flat arrays (``sidecar``); the words as one UTF-8 text, a word a line."""
        p = self.paragraphs
        text = "\n".join(self.terms).encode("utf-8")  # a word never holds a line break
        return {
            "pids": p.pids,
            "words": p.words.astype(word_dtype(len(self.terms)), copy=False),
            "bounds": p.bounds,
            "lens": self.lens,
            "terms": np.frombuffer(text, dtype=np.uint8),
        }

    @classmethod
    def of_arrays(cls, generation: str, arrays: dict[str, np.ndarray[Any, Any]]) -> Snapshot:
        """The snapshot :meth:`arrays` saved for this generation (mapped: only pages used are read)."""
        terms = arrays["terms"].tobytes().decode("utf-8").split("\n")
        return cls(
            generation,
            terms,
            arrays["lens"].astype(np.int64, copy=False),
            _Paragraphs(
                arrays["pids"].astype(np.int64, copy=False),
                arrays["words"],  # as saved (``word_dtype``): a wider copy would be read whole
                arrays["bounds"].astype(np.int64, copy=False),
            ),
        )

    @classmethod
    def load_some(
        cls, conn: sqlite3.Connection, generation: str, pids: np.ndarray[Any, np.dtype[np.int64]]
    ) -> Snapshot:
        """Only paragraphs ``pids`` (ascending): one query answered without reading the whole corpus.

        One statement for all of them (the ids as a JSON array, joined on the rowid), streamed
        into arrays: a statement per 900 ids and a list of rows cost twice as much.
        """
        terms, lens = _terms(conn)
        n = len(pids)
        counts = np.empty(n, dtype=np.int64)
        found = np.empty(n, dtype=np.int64)
        blobs: list[bytes] = []
        k = 0
        cursor = conn.execute(
            "SELECT p.id, p.ids FROM json_each(?) j JOIN paragraphs p ON p.id = j.value",
            ("[" + ",".join(map(str, pids.tolist())) + "]",),
        )
        while rows := cursor.fetchmany(8192):
            found[k : k + len(rows)] = [r[0] for r in rows]
            counts[k : k + len(rows)] = [len(r[1]) for r in rows]
            blobs += [r[1] for r in rows]
            k += len(rows)
        found, counts = found[:k], counts[:k] // 4
        order = np.argsort(found, kind="stable")
        if not np.all(order[:-1] < order[1:]):  # json_each gave them out of order: sort them
            blobs = [blobs[i] for i in order.tolist()]
            found, counts = found[order], counts[order]
        bounds = np.zeros(k + 1, dtype=np.int64)
        np.cumsum(counts, out=bounds[1:])
        words = np.frombuffer(b"".join(blobs), dtype="<u4").astype(np.uint32, copy=False)
        return cls(generation, terms, lens, _Paragraphs(found, words, bounds))


DELTA_ARRAYS = ("base", "dropped", "pids", "words", "bounds", "lens", "terms")
# The saved changes are folded into a whole snapshot once they add an eighth of its words or drop an
# eighth of its paragraphs: reading them costs more than mapping one file beyond that.
DELTA_SHARE = 8


def saved_snapshot(index_path: Path | None, current: str) -> Snapshot | None:
    """The snapshot saved for index state ``current`` (mapped: only pages used are read), or None.

    Saved whole (``<index>.snapshot.arrays``), or as the whole one of an earlier state and the
    changes since (``<index>.delta.arrays``: the paragraphs dropped from it, those added after
    it, every word), so that one changed file does not rewrite the whole (393 MB at 100,000
    documents) after every update.
    """
    found = sidecar.read(index_path, "snapshot", [current], Snapshot.ARRAYS)
    if found is not None:
        return Snapshot.of_arrays(current, found)
    delta = sidecar.read(index_path, "delta", [current], DELTA_ARRAYS)
    if delta is None:
        return None
    with contextlib.suppress(UnicodeDecodeError):
        at = delta["base"].tobytes().decode("utf-8")
        base = sidecar.read(index_path, "snapshot", [at], ("pids", "words", "bounds"))
        if base is None:
            return None
        saved = _Paragraphs(
            base["pids"].astype(np.int64, copy=False),
            base["words"],
            base["bounds"].astype(np.int64, copy=False),
        )
        dropped = delta["dropped"].astype(np.int64)
        rows = np.searchsorted(saved.pids, dropped)
        if np.any(rows >= saved.count) or not np.array_equal(
            saved.pids[np.minimum(rows, saved.count - 1)], dropped
        ):
            return None  # not the paragraphs this delta was made from
        added = _Paragraphs(
            delta["pids"].astype(np.int64), np.array(delta["words"]), delta["bounds"].astype(np.int64)
        )
        whole = Snapshot.of_arrays(
            current, {**delta, "pids": saved.pids, "words": saved.words, "bounds": saved.bounds}
        )
        return Snapshot(current, whole.terms, whole.lens, _Joined(saved, at, rows, added))
    return None


def word_dtype(terms: int) -> np.dtype[Any]:
    """The narrowest unsigned integer that numbers ``terms`` words: the saved word ids are the
    largest file beside the index (90 million words at 100,000 documents), and a corpus of fewer
    than 65,536 distinct words (a few thousand real resolutions hold about 37,000) halves it."""
    return np.dtype(np.uint16) if terms <= 1 << 16 else np.dtype(np.uint32)


def save_snapshot(conn: sqlite3.Connection, index_path: Path | None, current: str) -> Snapshot:
    """Every paragraph's word ids at index state ``current`` (``conn`` reads it), saved beside the
    index for the next process (``sidecar``)."""
    snap = Snapshot.load(conn, current)
    if index_path is not None:
        sidecar.write(index_path, "snapshot", [current], snap.arrays())
    return snap


def carry_snapshot(
    conn: sqlite3.Connection,
    index_path: Path,
    start: str,
    end: str,
    dropped: Sequence[int],
    added: Sequence[int],
) -> bool:
    """Save the snapshot of index state ``end``, made from the one saved for ``start`` and the changes.

    ``dropped`` and ``added`` are every paragraph id removed and inserted
    between the two states (by one program: nothing else wrote in between).
    Paragraphs are never changed in place, so the new state is the old one's
    paragraphs less the dropped ones plus the added ones, read from ``conn``
    (at ``end``). A trace after a changed file then maps the saved ids as
    before the change, instead of reading its candidates from SQLite. The
    whole snapshot saved is kept and the changes since are saved beside it
    (``saved_snapshot``) until they grow to ``1 / DELTA_SHARE`` of it; then the
    whole is written again, from pieces of the mapped old file (nothing large is
    copied in memory). False when there was no snapshot saved for ``start``.
    """
    old = saved_snapshot(index_path, start)
    if old is None:
        return False
    conn.execute("BEGIN")  # the new rows and the words as of one state
    try:
        if generation(conn) != end:
            return False  # written again since: that program saves its own
        new = Snapshot.load_some(conn, end, np.unique(np.asarray(added, dtype=np.int64)))
    finally:
        conn.execute("COMMIT")
    paras = old.paragraphs
    if isinstance(paras, _Joined):
        base, at, gone, since = paras.base, paras.base_generation, paras.dropped, paras.added
    else:
        empty = np.zeros(0, dtype=np.int64)
        base, at, gone = paras, start, empty
        since = _Paragraphs(empty, paras.words[:0], np.zeros(1, dtype=np.int64))
    dropped_ids = np.unique(np.asarray(dropped, dtype=np.int64))
    rows = np.searchsorted(base.pids, dropped_ids)
    hit = rows < base.count
    hit[hit] = base.pids[rows[hit]] == dropped_ids[hit]
    gone = np.union1d(gone, rows[hit]).astype(np.int64)
    since = _subset(since, np.flatnonzero(~np.isin(since.pids, dropped_ids)))
    fresh = new.paragraphs
    assert isinstance(fresh, _Paragraphs)
    top = max(int(base.pids[-1]) if base.count else 0, int(since.pids[-1]) if since.count else 0)
    if fresh.count and int(fresh.pids[0]) <= top:
        return False  # SQLite numbers a new row after every row there is; if not, nothing is carried
    since = _Paragraphs(
        np.concatenate([since.pids, fresh.pids]),
        np.concatenate([since.words, fresh.words]),
        np.concatenate([since.bounds, fresh.bounds[1:] + since.bounds[-1]]),
    )
    joined = _Joined(base, at, gone, since)
    text = np.frombuffer("\n".join(new.terms).encode("utf-8"), dtype=np.uint8)
    if len(since.words) * DELTA_SHARE <= len(base.words) and len(gone) * DELTA_SHARE <= base.count:
        changes = {"base": np.frombuffer(at.encode("utf-8"), dtype=np.uint8), "dropped": base.pids[gone]}
        narrow = since.words.astype(word_dtype(len(new.terms)), copy=False)
        changes.update(pids=since.pids, words=narrow, bounds=since.bounds, lens=new.lens, terms=text)
        sidecar.write(index_path, "delta", [end], changes)
        return True
    bounds, pieces = joined.pieces()
    # One width for every piece: the saved ones', unless the words added since need a wider one.
    width = word_dtype(len(new.terms))
    words = sidecar.Pieces(tuple(p.astype(width, copy=False) for p in pieces.parts))
    arrays: dict[str, Any] = {"pids": joined.pids, "words": words, "bounds": bounds, "lens": new.lens}
    sidecar.write(index_path, "snapshot", [end], {**arrays, "terms": text})
    return True


def _terms(conn: sqlite3.Connection) -> tuple[list[str], np.ndarray[Any, np.dtype[np.int64]]]:
    """Every word by id, and each word's length."""
    rows = conn.execute("SELECT id, term FROM terms").fetchall()
    terms = [""] * (max((r[0] for r in rows), default=0) + 1)
    for tid, term in rows:
        terms[tid] = term
    lens = np.fromiter((len(w) for w in terms), dtype=np.int64, count=len(terms))
    return terms, lens


def candidates(
    conn: sqlite3.Connection, phrase_norm: str, min_score: float
) -> np.ndarray[Any, np.dtype[np.int64]] | None:
    """The paragraphs the word count lets through (ascending ids), or None when there is no bound."""
    query = Query.of(conn, phrase_norm, min_score)
    if query.need <= 0:
        return None
    return _count_filter(conn, query)


def _count_filter(
    conn: sqlite3.Connection, query: Query, paras: _Paragraphs | _Joined | None = None
) -> np.ndarray[Any, np.dtype[np.int64]]:
    """Paragraphs holding at least ``need`` of the phrase's words (counted with repeats).

    A paragraph's count is the sum of the phrase's repeats of each word it holds.
    "the", "of" and "to" are in most paragraphs (millions of ids at 100,000
    documents), a phrase's telling words in a few thousand; the commonest words
    (``_common_words``) add up to less than ``need``, so a paragraph that counts
    ``need`` holds the rarer ones often enough to make up the difference. Those
    are counted first; the common words' lists are then read only to check the
    paragraphs that passed (by binary search), and only when that is worth it:
    with ``paras`` (the saved word ids), a sample of the passed paragraphs says
    how many the common words would drop, and when few, the later filters (the
    window bound, then trace's count of the longest common run of words) drop
    them at less cost than reading the lists. The answer is the same either way.
    """
    known = [(tid, n) for tid, n in query.mult.items() if tid >= 0]
    need = max(query.need, query.need_run)  # trace's own filter, and what one run of words needs
    if sum(n for _, n in known) < need:
        return np.zeros(0, dtype=np.int64)
    common = _common_words(conn, dict(known), need)
    rare = [t for t, _ in known if t not in common]
    passed, counts = _weighted_count(conn, query, rare, need - sum(query.mult[t] for t in common))
    if not common or not len(passed):
        return passed
    if paras is not None and not _worth_checking(query, paras, passed, counts, common, need):
        return passed
    for t, ids in _postings(conn, list(common)):
        if len(ids):
            at = np.minimum(np.searchsorted(ids, passed), len(ids) - 1)
            counts += np.where(ids[at] == passed, query.mult[t], 0).astype(np.int32)
    return passed[counts >= need]


def _weighted_count(
    conn: sqlite3.Connection, query: Query, words: Sequence[int], need: int
) -> tuple[np.ndarray[Any, np.dtype[np.int64]], np.ndarray[Any, np.dtype[np.int32]]]:
    """Paragraphs whose count over ``words`` reaches ``need``, and that count."""
    rows = _postings(conn, words)
    # One count per multiplicity (integer counts: weighted ones are float and slower), then summed.
    by_mult: dict[int, list[np.ndarray[Any, np.dtype[np.uint32]]]] = {}
    for t, ids in rows:
        by_mult.setdefault(query.mult[t], []).append(ids)
    top = max((int(a[-1]) for arrays in by_mult.values() for a in arrays if len(a)), default=-1)
    counts = np.zeros(top + 1, dtype=np.int32)
    for mult, arrays in by_mult.items():
        counts += np.bincount(np.concatenate(arrays), minlength=top + 1).astype(np.int32) * mult
    passed = np.flatnonzero(counts >= need)
    return passed, counts[passed]


def _postings(
    conn: sqlite3.Connection, words: Sequence[int]
) -> list[tuple[int, np.ndarray[Any, np.dtype[np.uint32]]]]:
    """(word id, its sorted paragraph ids) of each of ``words`` that some paragraph holds."""
    return [found for chunk in chunks(list(words)) for found in posting_lists(conn, chunk)]


CHECK_SAMPLE = 512  # paragraphs ``_worth_checking`` looks at


def _worth_checking(
    query: Query,
    paras: _Paragraphs | _Joined,
    passed: np.ndarray[Any, np.dtype[np.int64]],
    counts: np.ndarray[Any, np.dtype[np.int32]],
    common: set[int],
    need: int,
) -> bool:
    """Whether reading the common words' lists would drop a tenth or more of the ``passed`` paragraphs.

    Judged on an even sample of them, counted from their saved word ids. Below
    a few thousand paragraphs, reading lists of millions of ids never pays.
    """
    if len(passed) < 8 * CHECK_SAMPLE:
        return False
    if len(common) > 62:
        return True  # more words than bits of a flag
    pick = np.linspace(0, len(passed) - 1, CHECK_SAMPLE).astype(np.int64)
    rows = paras.rows_of(passed[pick])
    if len(rows) < len(pick):
        return True  # paragraphs the saved ids do not know: read the lists
    sample = paras.rows(rows)
    flags = np.zeros(int(max(common)) + 1, dtype=np.int64)
    bits = sorted(common)
    for i, t in enumerate(bits):
        flags[t] = 1 << i
    words = sample.words[sample.words < len(flags)]
    where = np.searchsorted(sample.bounds, np.flatnonzero(sample.words < len(flags)), side="right") - 1
    held = np.zeros(sample.count, dtype=np.int64)
    np.bitwise_or.at(held, where, flags[words])
    total = counts[pick].astype(np.int64)
    for i, t in enumerate(bits):
        total += ((held >> i) & 1) * query.mult[t]
    return bool(np.count_nonzero(total < need) * 10 >= len(pick))


def _common_words(conn: sqlite3.Connection, mult: dict[int, int], need: int) -> set[int]:
    """The phrase's commonest words (by the paragraphs holding them) whose repeats add up to below ``need``.

    Taken commonest first while their sum stays below ``need``; a word held by
    fewer paragraphs than a tenth of the commonest's is never worth leaving out
    (its list is short, and counting it keeps the candidates few).
    """
    if need <= 1:
        return set()
    qmarks = ",".join("?" * len(mult))
    sizes = dict(conn.execute(f"SELECT term_id, n FROM posting_counts WHERE term_id IN ({qmarks})", [*mult]))
    left, common = need - 1, set()
    largest = max(sizes.values(), default=0)
    for t in sorted(mult, key=lambda t: (-sizes.get(t, 0), t)):
        if sizes.get(t, 0) * 10 < largest:
            break
        if mult[t] <= left:
            common.add(t)
            left -= mult[t]
    return common


AT_ONCE = 1 << 20  # elements compared in one numpy call, at most (beyond, a loop keeps memory small)


def _prior(word: np.ndarray[Any, Any], mult: Mapping[int, int]) -> np.ndarray[Any, np.dtype[np.int64]]:
    """For each hit, the hit holding the same word ``mult[word]`` occurrences earlier (-1: none).

    The hits sorted by word (stably, so each word's hits stay in order): a hit's earlier
    occurrence is ``mult`` places before it in its word's group. One sort instead of a pass
    over the hits per phrase word (a long shared paragraph has a hundred).
    """
    prior = np.full(len(word), -1, dtype=np.int64)
    if not len(word):
        return prior
    keys = np.array(sorted(t for t in mult if t >= 0), dtype=np.int64)
    backs = np.array([mult[int(t)] for t in keys], dtype=np.int64)
    order = np.argsort(word, kind="stable")
    grouped = word[order].astype(np.int64)
    place = np.arange(len(order)) - np.searchsorted(grouped, grouped, side="left")  # within its word
    back = backs[np.searchsorted(keys, grouped)]
    ok = np.flatnonzero(place >= back)
    prior[order[ok]] = order[ok - back[ok]]
    return prior


def _window_rows(
    query: Query,
    paras: _Paragraphs,
    lens: np.ndarray[Any, np.dtype[np.int64]],
    code: np.ndarray[Any, np.dtype[np.int32]] | None = None,
) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """Paragraphs where some run of words may reach ``min_score``: False only where none can.

    ``score_paragraph`` scores a run of whole words ``f..l`` whose words after
    the first start inside the ``partial_ratio`` window, which is no longer than
    the phrase. Its word half is ``50 * 2 * LCS / (P + W)`` for a run of W words,
    and LCS is at most the run's count k of phrase words, each word counted at
    most as often as the phrase has it ("of the countries of the" can match only
    one "of" and one "the" of "the recognition of ... countries"). Its character
    half is ``fuzz.ratio`` of the phrase (p characters) and the run's L
    characters, at most ``50 * c(L)`` with ``c(L) = 2 min(p, L) / (p + L)``.

    So every run is a run between two phrase words (k words, W long, L
    characters) plus e >= 0 other words at its ends. With e = 0 its score is at
    most ``50 c(L) + 100 k / (P + W)``; with e >= 1 at most
    ``50 c(L + 2) + 100 k / (P + W + 1)`` (each added word brings at least one
    character and a space; c(L + 2) read as 1 while L + 2 <= p, since longer
    added words may bring the run up to p characters). A paragraph is kept when
    one of its runs can reach ``min_score``; the score is rounded to 0.1, hence
    the 0.05 of slack. Short phrases gain most: "cooperation" alone can never
    score 80 against "South-South cooperation".

    Every run of every candidate is checked at once (numpy): a phrase word at
    hit ``t`` counts in the run starting at hit ``a`` when the occurrence of the
    same word ``mult`` places before it lies before ``a``.
    """
    keep = np.zeros(paras.count, dtype=bool)
    known = [t for t in query.mult if t >= 0]
    if query.target <= 0 or query.need_run <= 0:
        keep[:] = True
        return keep
    if not known or not paras.count:
        return keep
    span = len(query.phrase_norm)
    # Each word's characters and a space (``code & _SIZE``), with a flag for the phrase's words: one
    # lookup per word of the candidates for both, then a running sum over them (int32 where it fits).
    coded = (_word_codes(query, lens) if code is None else code)[paras.words]
    hit = np.flatnonzero(coded >= _PHRASE_WORD)  # positions of phrase words
    if not len(hit):
        return keep
    # Where each phrase word starts, counting characters and a space per word through all the
    # paragraphs, with a gap longer than the phrase after each paragraph: no window reaches the next.
    step = coded & _SIZE
    step[paras.bounds[1:] - 1] += span + 1
    # int32 sums while they cannot overflow: every word is at most as long as the longest, and so is a gap.
    longest = int(lens.max(initial=0)) + span + 2
    wide = np.int32 if int(paras.bounds[-1]) * longest < 2**31 else np.int64
    start = np.cumsum(step, dtype=wide)[hit].astype(np.int64) - step[hit]
    size = (coded[hit] & _SIZE).astype(np.int64)  # each phrase word's characters and a space
    word = paras.words[hit]
    # prior[t]: the hit holding the same word mult[word] occurrences earlier (-1: none).
    prior = _prior(word, query.mult)
    end = start + size + span  # phrase words starting before this may join a run starting here
    # Runs worth a look: need_run phrase words start inside the window (checked without a search).
    reach = query.need_run - 1
    first = np.flatnonzero(start[reach:] < end[: len(hit) - reach]) if reach < len(hit) else hit[:0]
    if not len(first):
        return keep
    n_phrase = len(query.ids)
    # Runs still open: their first hit, where they stop, their paragraph, their count so far.
    run, stop = first, np.searchsorted(start, end[first], side="left")
    row = np.searchsorted(paras.bounds, hit[first], side="right") - 1
    count = np.zeros(len(first), dtype=np.int64)
    # A run of fewer than need_run counted words cannot reach the floor (``_run_need``), and a run
    # counts at most one word per hit: its first ``reach`` hits are only counted, not checked (every
    # run has them: ``first``). A long phrase needs dozens of words, each a pass over every run.
    if len(run) * reach <= AT_ONCE:
        count += (prior[run[:, None] + np.arange(reach)] < run[:, None]).sum(axis=1)
    else:
        for d in range(reach):
            count += prior[run + d] < run
    d = reach
    while len(run):
        j = run + d
        count += prior[j] < run
        width = hit[j] - hit[run] + 1  # W: words from the run's first to this one
        chars = start[j] + size[j] - 1 - start[run]  # L: its characters, spaces included
        bare = 100.0 * np.minimum(chars, span) / (chars + span) + 100.0 * count / (n_phrase + width)
        wider = np.where(chars + 2 <= span, 50.0, 100.0 * span / (chars + 2 + span))
        wider += 100.0 * count / (n_phrase + width + 1)
        reached = np.maximum(bare, wider) >= query.floor - 1e-9
        keep[row[reached]] = True
        d += 1
        # Go on with runs that have more phrase words ahead, in paragraphs not yet kept, and that
        # could still reach the floor with every one of them: k' words then span W + k' - k.
        most = np.minimum(count + stop - run - d, n_phrase)
        could = 50.0 + 100.0 * most / (n_phrase + width + most - count) >= query.floor - 1e-9
        go = ~reached & (run + d < stop) & could & ~keep[row]
        run, stop, row, count = run[go], stop[go], row[go], count[go]
    return keep


_PHRASE_WORD = 1 << 30  # the flag of a phrase word in ``_window_rows``'s word codes
_SIZE = _PHRASE_WORD - 1


def _word_codes(query: Query, lens: np.ndarray[Any, np.dtype[np.int64]]) -> np.ndarray[Any, Any]:
    """Each word's length and a space, flagged ``_PHRASE_WORD`` for the phrase's words (by word id)."""
    code = np.minimum(lens + 1, _SIZE).astype(np.int32)
    code[[t for t in query.mult if t >= 0]] |= _PHRASE_WORD
    return code


WINDOW_ROWS = 4096  # candidate paragraphs checked together by ``_window_rows``


def dense_rows(
    query: Query,
    paras: _Paragraphs | _Joined,
    rows: np.ndarray[Any, np.dtype[np.int64]],
    lens: np.ndarray[Any, np.dtype[np.int64]],
) -> np.ndarray[Any, np.dtype[np.int64]]:
    """The ``rows`` of ``paras`` with a run of phrase words dense enough for a hit (``_window_rows``).

    A slice of candidates at a time: a phrase of common words lets a tenth of
    100,000 documents' paragraphs through the count, and their words at once
    (tens of millions) cost more in fresh memory than in arithmetic.
    """
    code = _word_codes(query, lens)
    kept = [
        part[_window_rows(query, paras.rows(part), lens, code)]
        for part in (rows[i : i + WINDOW_ROWS] for i in range(0, len(rows), WINDOW_ROWS))
    ]
    return np.concatenate(kept) if kept else rows[:0]


def scored_paragraphs(
    query: Query, paras: _Paragraphs | _Joined, snap: Snapshot
) -> tuple[dict[int, tuple[float, int, int]], int]:
    """Run trace's own filter and scoring on the candidate paragraphs: hit id -> (score, first, last word).

    Scoring runs on the stored words (``trace.score_words``); only the hits'
    texts are read afterwards (``_hits``), to map their words back to the original.
    Before it, a bound from the paragraph's whole text (:func:`_best_possible`)
    drops those that cannot score ``min_score``: scoring one long phrase costs
    milliseconds a paragraph.
    """
    para_ids = [paras.ids(k) for k in range(paras.count)]
    keep, word_lcs = _lcs_filter(query, para_ids)
    found: dict[int, tuple[float, int, int]] = {}
    # Boilerplate paragraphs recur word for word across a real corpus: each distinct one is scored once.
    distinct: dict[tuple[int, ...], int] = {}
    for k in keep:
        distinct.setdefault(tuple(para_ids[k]), k)
    texts = {key: " ".join([snap.terms[i] for i in key]) for key in distinct}
    possible = _best_possible(query, list(texts.values()), [word_lcs[k] for k in distinct.values()])
    known: dict[tuple[int, ...], tuple[float, int, int] | None] = {}
    for (key, k), bound in zip(distinct.items(), possible, strict=True):
        if bound < query.min_score - 0.05 - 1e-9:  # the score is rounded to 0.1
            known[key] = None
            continue
        ids = paras.words[paras.bounds[k] : paras.bounds[k + 1]]
        # Where each word starts and ends in the words joined by one space (``join_words``), from
        # the stored word lengths: a Python loop per word cost more than the scoring itself.
        lens = snap.lens[ids]
        ends = np.cumsum(lens + 1) - 1
        starts = (ends - lens).tolist()
        words = [snap.terms[i] for i in key]
        known[key] = score_words(query.phrase_norm, words, texts[key], starts, ends.tolist())
    for k in keep:
        scored = known[tuple(para_ids[k])]
        if scored is not None and scored[0] >= query.min_score:
            found[int(paras.pids[k])] = scored
    return found, len(keep)


def _best_possible(query: Query, texts: Sequence[str], word_lcs: Sequence[int]) -> list[float]:
    """The most ``score_words`` can give the phrase in each text, whatever window it picks.

    Its score is ``0.5 * ratio(phrase, window) + 50 * words`` over a run of the
    text's words. A window's longest common subsequence with the phrase, in
    characters (c) or in words (w), is at most the whole text's, C and W, so
    ``ratio = 2c / (p + L) <= 2C / (p + C)`` (c <= min(C, L); the bound grows
    with c) and ``words = 2w / (P + n) <= 2W / (P + W)`` likewise. Reworded long
    phrases share most words with paragraphs that say something else; their
    characters tell them apart.
    """
    if not texts or query.min_score <= 50.0:
        return [100.0] * len(texts)
    phrase = query.phrase_norm
    p, n = len(phrase), len(query.ids)
    dist = process.cdist([phrase], list(texts), scorer=Indel.distance, dtype=np.int64)[0]
    chars = (p + np.array([len(t) for t in texts], dtype=np.int64) - dist) // 2
    words = np.asarray(word_lcs, dtype=np.int64)
    bound = 100.0 * chars / (p + chars) + 100.0 * words / (n + words)
    return [float(b) for b in bound]


def _placed(conn: sqlite3.Connection, found: dict[int, tuple[float, int, int]]) -> list[Placed]:
    """Trace hits for paragraphs ``found`` (id -> score, first word, last word), sorted as trace sorts,
    each with its paragraph id and its file's place."""
    select = (
        "SELECT p.id, p.idx, p.label, p.text, f.ord, f.doc_id, f.symbol, f.year"
        " FROM paragraphs p JOIN files f ON f.id = p.file_id"
    )
    hits: list[Placed] = []
    for chunk in chunks(sorted(found)):
        q = f"{select} WHERE p.id IN ({','.join('?' * len(chunk))})"
        for pid, idx, label, text, order, doc_id, symbol, year in conn.execute(q, chunk):
            score, first, last = found[pid]
            start, end = _word_span(text, first, last)
            hits.append(
                (pid, order, TraceHit(doc_id, symbol, year, label, score, text[start:end], idx, start, end))
            )
    hits.sort(key=_trace_order)
    return hits


def _word_span(text: str, first: int, last: int) -> tuple[int, int]:
    """Where words ``first`` to ``last`` (as ``textnorm.tokens`` counts them) stand in ``text``."""
    start = 0
    for n, m in enumerate(WORD.finditer(text)):
        if n == first:
            start = m.start()
        if n == last:
            return start, m.end()
    raise ValueError(f"the index holds more words than its text ({last + 1})")


@dataclass(frozen=True)
class Query:
    """A phrase as word ids: words the corpus lacks get distinct negative ids that match nothing."""

    phrase_norm: str
    min_score: float
    ids: tuple[int, ...]
    mult: Counter[int]
    need: int  # trace's bound: phrase words (with repeats) a paragraph must contain
    need_run: int  # phrase words (capped) one window must hold to reach ``floor`` (see _run_need)
    target: float  # word similarity (2 LCS / (P + W)) a hit's window must reach
    floor: float  # score a hit's window must reach before rounding to 0.1

    @classmethod
    def of(cls, conn: sqlite3.Connection, phrase_norm: str, min_score: float) -> Query:
        distinct = sorted(set(phrase_norm.split()))
        qmarks = ",".join("?" * len(distinct))
        known = dict(
            conn.execute(f"SELECT term, id FROM terms WHERE term IN ({qmarks})", distinct).fetchall()
        )
        return cls.with_terms(phrase_norm, min_score, known)

    @classmethod
    def with_terms(cls, phrase_norm: str, min_score: float, known: Mapping[str, int]) -> Query:
        """The query with the corpus's word ids ``known`` (a word missing there is in no paragraph)."""
        words = phrase_norm.split()
        distinct = sorted(set(words))
        unknown = {w: -(n + 1) for n, w in enumerate(w for w in distinct if w not in known)}
        ids = tuple(int(known[w]) if w in known else unknown[w] for w in words)
        slack = min_score - 0.05 - 1e-6  # score_paragraph rounds to 0.1
        return cls(
            phrase_norm,
            min_score,
            ids,
            Counter(ids),
            min_shared_words(phrase_norm, min_score),
            max(min_shared_words(phrase_norm, slack), _run_need(words, slack)),
            (slack - 50.0) / 50.0,
            slack,
        )


def _run_need(words: Sequence[str], floor: float) -> int:
    """Phrase words (each counted at most as often as the phrase has it) a run needs to score ``floor``.

    The bound of :func:`_window_rows` for a run holding k counted words: with
    no other word between them (W = k) it has at most the k longest phrase
    words' characters, so ``50 c(L) + 100 k / (P + k)``; with any other word
    it is at most ``50 + 100 k / (P + k + 1)``. Both grow with k. Phrases of
    short common words need one word more than the word half alone says
    ("of the ... the" cannot be a fifth of a long phrase's characters).
    """
    n, p = len(words), len(" ".join(words))
    longest = sorted((len(w) for w in words), reverse=True)
    for k in range(1, n + 1):
        chars = sum(longest[:k]) + k - 1
        c = 1.0 if chars >= p else 2.0 * chars / (p + chars)
        if max(50.0 * c + 100.0 * k / (n + k), 50.0 + 100.0 * k / (n + k + 1)) >= floor - 1e-9:
            return k
    return n + 1


def _lcs_filter(query: Query, para_ids: Sequence[Sequence[int]]) -> tuple[list[int], list[int]]:
    """``trace.candidates`` on stored word ids (no re-tokenising): the same sound LCS filter.

    Also each paragraph's longest common subsequence of words with the phrase (its length in
    words, or the phrase's when there is no bound).
    """
    if query.need == 0 or not para_ids:
        return list(range(len(para_ids))), [len(query.ids)] * len(para_ids)
    dist = process.cdist([list(query.ids)], para_ids, scorer=Indel.distance, dtype=np.int32)[0]
    lens = np.array([len(w) for w in para_ids])
    lcs = (len(query.ids) + lens - dist) // 2
    return [int(k) for k in np.nonzero(lcs >= query.need)[0]], lcs.tolist()


Placed = tuple[int, int, TraceHit]  # a hit with its paragraph's id and its file's place in the corpus


def _trace_order(hit: Placed) -> tuple[float, int, int]:
    """How trace sorts its hits: best first, ties in corpus order."""
    return -hit[2].score, hit[1], hit[2].paragraph


def run_trace(
    conn: sqlite3.Connection,
    snap: Snapshot,
    phrase_norm: str,
    min_score: float,
    *,
    counted: bool = False,
) -> tuple[list[TraceHit], QueryPlan]:
    """The hits of ``phrase_norm`` (already normalised) and how they were found (:func:`placed_trace`)."""
    found, plan = placed_trace(conn, snap, phrase_norm, min_score, counted=counted)
    return [hit for _, _, hit in found], plan


def placed_trace(
    conn: sqlite3.Connection, snap: Snapshot, phrase_norm: str, min_score: float, *, counted: bool = False
) -> tuple[list[Placed], QueryPlan]:
    """The hits of ``phrase_norm`` (already normalised), each with its paragraph id and file place
    (``caught_up`` needs them), and how they were found.

    ``counted``: ``snap`` holds only the paragraphs the word count lets through
    (``Snapshot.load_some`` of :func:`candidates`), so the count is not run again.
    """
    query = Query.of(conn, phrase_norm, min_score)
    if query.need <= 0:
        words = snap.paragraphs
        plan = QueryPlan("scan", candidates=words.count, windows=words.count)
    else:
        # Counted already: every paragraph of ``snap`` holds phrase words (none is empty).
        paras = snap.paragraphs
        rows = np.arange(paras.count) if counted else paras.rows_of(_count_filter(conn, query, paras))
        words = paras.rows(dense_rows(query, paras, rows, snap.lens))
        plan = QueryPlan(
            "index", min_words=max(query.need, query.need_run), candidates=len(rows), windows=words.count
        )
    found, scored = scored_paragraphs(query, words, snap)
    return _placed(conn, found), dataclasses.replace(plan, scored=scored)


def caught_up(conn: sqlite3.Connection, kept: list[Placed], new: list[Placed]) -> list[Placed] | None:
    """Hits ``kept`` from an earlier state of the index, their facts read again from this one (an
    id or place may have changed; a paragraph's text never changes in place), with hits ``new``
    found among the paragraphs added since; sorted as trace sorts. None when a kept paragraph is
    gone (it was dropped after all): only a new trace can say then."""
    ids = [pid for pid, _, _ in kept]
    facts: dict[int, tuple[int, int, str, str, str, int | None]] = {}
    q = (
        "SELECT p.id, f.ord, p.idx, p.label, f.doc_id, f.symbol, f.year"
        " FROM json_each(?) j JOIN main.paras p ON p.id = j.value JOIN main.files f ON f.id = p.file_id"
    )
    for pid, order, idx, label, doc_id, symbol, year in conn.execute(q, (json.dumps(ids),)):
        facts[pid] = (order, idx, label, doc_id, symbol, year)
    if len(facts) != len(set(ids)):
        return None
    out = list(new)
    for pid, _, hit in kept:
        order, idx, label, doc_id, symbol, year = facts[pid]
        out.append(
            (
                pid,
                order,
                dataclasses.replace(hit, doc_id=doc_id, symbol=symbol, year=year, label=label, paragraph=idx),
            )
        )
    out.sort(key=_trace_order)
    return out


def chunks(items: Sequence[T], size: int = 900) -> Iterator[Sequence[T]]:
    """``items`` in slices of ``size``: SQLite takes at most 999 parameters in one statement."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
