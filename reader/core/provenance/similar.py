"""Paragraphs like a given one, from the corpus index: provenance's candidates without a full scan.

``provenance`` needs, for every paragraph of a draft, each earlier paragraph
whose ``compare`` score reaches ``min_score``, and every five-word run it shares
verbatim. Scoring all of a 10,000-document corpus for forty paragraphs is
millions of comparisons; two sound filters leave only paragraphs that can
still qualify, and those are scored exactly as the full scan scores them:

1. Score bound. The score of word lists of lengths ``a`` and ``b`` with longest
   common subsequence ``L`` is ``50 * 2L / (a + b) + 50 * L / min(a, b)``,
   rising with ``L``. ``L`` is at most the number of the draft paragraph's
   scoring words (with repeats) that the candidate has at all, which the
   postings give for every paragraph at once (numpy ``bincount``); a paragraph
   whose bound misses ``min_score`` cannot qualify. Scoring words stem the
   leading verb ("Recognizing" -> "recogniz"); a paragraph whose own leading
   verb stems to a draft word is counted through a per-stem list, so the
   bound stays an upper bound.
2. Verbatim runs. A paragraph holding a five-word run of the draft holds that
   run's rarest word: only those words' postings are read, and the candidates'
   five-word runs are hashed (numpy) and checked word by word.

Paragraphs with the same scoring words (copies abound in a corpus) are scored
once. "The same words" (``agreed``) is decided by ``classify`` on texts; the
finder names the candidates, those with the same multiset of letters
(``letters_hash``, summed from the words), and classify reads only the texts
the result shows.

The scoring words of every stored paragraph, its letters sum and its first
copy are derived once per index generation from its stored word ids, kept with
the snapshot and saved beside the index file (``similar_cache``) for the next
process.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from reader.core.compare.align import STOPWORDS, scores_of
from reader.core.corpus.store import posting_lists
from reader.core.provenance import similar_cache
from reader.core.provenance.earlier import Earlier
from reader.core.provenance.finder import DraftWords, Found, agreed_key, substantial
from reader.core.provenance.phrases import KEY_BASE, MIN_WORDS, Hits, runs_by_paragraph
from reader.core.search.index import CorpusIndex
from reader.core.search.query import Snapshot, chunks
from reader.core.textnorm import _LEAD_ADVERBS, verb_stem

I64 = np.ndarray[Any, np.dtype[np.int64]]
_MULT = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5, 0xFF51AFD7ED558CCD]
)
_MULT = _MULT.astype(np.uint64)


@dataclass
class _Tables:
    """Per index generation: every stored paragraph's scoring words and where it belongs."""

    snapshot: Snapshot
    stems: dict[str, int]  # stems the index has no term for -> their ids (from ``n_terms`` on)
    n_terms: int
    sbounds: I64  # where each row's scoring words stand in ``stext``
    slen: I64
    stem_rows: dict[int, I64]  # stem id -> rows whose leading verb became that stem (a word they lack)
    file_of: I64  # per row
    idx_of: I64  # per row
    file_ids: I64  # every indexed file's id ...
    doc_ids: list[str]  # ... and its document id
    plen: I64  # posting length per term id
    letters: np.ndarray[Any, np.dtype[np.uint64]]  # per row: ``letters_hash`` of its words
    canon: I64  # per row: the first row with the same scoring words (itself when none before)
    row_of_pid: I64  # paragraph id -> row
    stext: str  # every row's scoring word ids, row after row, as characters (``_encode``)
    n_ids: int  # word ids in use (terms and stems); unknown draft words get ids from here on

    _known: dict[str, int] = field(default_factory=dict)  # word -> id, as asked of the terms table

    def word_ids(self, conn: sqlite3.Connection, words: Iterable[str]) -> dict[str, int]:
        """Ids of these words that the index or the stems know (a dict of every term took longer
        to build in a new process than the few hundred look-ups a draft needs)."""
        known = self._known
        need = sorted({w for w in words if w not in known} - self.stems.keys())
        for at in range(0, len(need), 900):  # SQLite takes at most 999 parameters in one statement
            chunk = need[at : at + 900]
            q = f"SELECT term, id FROM terms WHERE term IN ({','.join('?' * len(chunk))})"
            known.update(conn.execute(q, chunk).fetchall())
        for w in need:
            known.setdefault(w, -1)
        out = {w: i for w, i in known.items() if i >= 0}
        out.update(self.stems)
        return out

    def scoring_texts(self, rows: I64) -> list[str]:
        """The scoring words of these rows, one character per word (see ``_encode``)."""
        text = self.stext
        return [
            text[a:b]
            for a, b in zip(self.sbounds[rows].tolist(), self.sbounds[rows + 1].tolist(), strict=True)
        ]


def _encode(ids: np.ndarray[Any, Any]) -> str:
    """Word ids as one character each: rapidfuzz compares strings far faster than lists of ints,
    and equal characters are exactly equal words, so the Indel distance is the same."""
    return _codes(ids).tobytes().decode("utf-32-le")


def _codes(ids: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.uint32]]:
    """The code points ``_encode`` gives these word ids."""
    codes = ids.astype(np.int64) + 1
    codes = np.where(codes >= 0xD800, codes + 0x800, codes)  # no surrogates: they are not text
    return codes.astype("<u4")


_cache: list[_Tables] = []  # the tables of the last snapshot seen (one index generation)
_cache_lock = threading.Lock()  # a reader's worker and its window may ask at once


def _tables(conn: sqlite3.Connection, snap: Snapshot, path: Path | None = None) -> _Tables:
    """The tables of ``snap``: in memory, else from the file beside the index ``path``, else derived."""
    with _cache_lock:
        if _cache and _cache[0].snapshot is snap:
            return _cache[0]
        _cache.clear()
        derived = similar_cache.load(path, snap.generation, len(snap.terms))
        if derived is None:
            derived = _derive(conn, snap)
            similar_cache.save(path, snap.generation, len(snap.terms), derived)
        tables = _assemble(conn, snap, derived)
        _cache.append(tables)
        return tables


def _counts(mask: np.ndarray[Any, Any], bounds: I64) -> I64:
    """How many True of ``mask`` each paragraph (``bounds``) holds."""
    cs = np.zeros(len(mask) + 1, dtype=np.int64)
    np.cumsum(mask, out=cs[1:])
    return cs[bounds[1:]] - cs[bounds[:-1]]


def _derive(conn: sqlite3.Connection, snap: Snapshot) -> similar_cache.Derived:
    """Every stored paragraph's scoring words, letters and place (the costly part, saved per generation)."""
    terms = snap.terms
    n_terms = len(terms)
    ids = {t: i for i, t in enumerate(terms) if t}
    paras = snap.paragraphs
    words, bounds = paras.words, paras.bounds
    n_rows = paras.count
    lens = np.diff(bounds)
    # textnorm.matching_form: the first of the first three words that is not a lead adverb is stemmed.
    adverb = np.zeros(n_terms, dtype=bool)
    for a in _LEAD_ADVERBS:
        if a in ids:
            adverb[ids[a]] = True
    at = np.full(n_rows, -1, dtype=np.int64)
    open_rows = lens > 0
    for off in range(3):
        rows = np.flatnonzero(open_rows & (lens > off))
        pos = bounds[rows] + off
        done = rows[~adverb[words[pos]]]
        at[done] = bounds[done] + off
        open_rows[done] = False
    stemmed_rows = np.flatnonzero(at >= 0)
    pos = at[stemmed_rows]
    raw = words[pos].astype(np.int64)
    uniq, where = np.unique(raw, return_inverse=True)
    stem_ids = []
    next_id = n_terms
    for tid in uniq.tolist():
        stem = verb_stem(terms[tid])
        if stem not in ids:
            ids[stem] = next_id
            next_id += 1
        stem_ids.append(ids[stem])
    mapped = np.array(stem_ids, dtype=np.int64)[where] if len(uniq) else raw
    stemmed = words.astype(np.uint32, copy=True)
    stemmed[pos] = mapped
    n_ids = next_id
    stop = np.zeros(n_ids, dtype=bool)
    for w in STOPWORDS:
        if w in ids:
            stop[ids[w]] = True
    keep = ~stop[stemmed]
    content = _counts(keep, bounds)
    for r in np.flatnonzero((content == 0) & (lens > 0)).tolist():  # only small words: scored on all of them
        keep[bounds[r] : bounds[r + 1]] = True
    sbounds = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(_counts(keep, bounds), out=sbounds[1:])
    sids = stemmed[keep]
    del stemmed, keep
    changed = mapped != raw
    stem_rows: dict[int, I64] = {}
    if changed.any():
        c_ids, c_rows = mapped[changed], stemmed_rows[changed]
        order = np.argsort(c_ids, kind="stable")
        c_ids, c_rows = c_ids[order], c_rows[order]
        firsts = np.flatnonzero(np.r_[True, c_ids[1:] != c_ids[:-1]])
        for lo, hi in zip(firsts.tolist(), [*firsts[1:].tolist(), len(c_ids)], strict=True):
            stem_rows[int(c_ids[lo])] = c_rows[lo:hi]
    places = conn.execute("SELECT file_id, idx FROM paragraphs ORDER BY id").fetchall()
    file_of = np.fromiter((r[0] for r in places), dtype=np.int64, count=len(places))
    idx_of = np.fromiter((r[1] for r in places), dtype=np.int64, count=len(places))
    plen = np.zeros(n_terms, dtype=np.int64)
    for tid, n in conn.execute("SELECT term_id, n FROM posting_counts"):
        if tid < n_terms:
            plen[tid] = n
    per_term = np.fromiter((letters_hash(agreed_key(w)) for w in terms), dtype=np.uint64, count=n_terms)
    cs = np.zeros(len(words) + 1, dtype=np.uint64)
    np.cumsum(per_term[words], out=cs[1:])  # wraps around, as the sum in ``letters_hash`` does
    letters = cs[bounds[1:]] - cs[bounds[:-1]]
    stems = [""] * (n_ids - n_terms)
    for w, i in ids.items():
        if i >= n_terms:
            stems[i - n_terms] = w
    stem_keys, stem_bounds, stem_flat = similar_cache.Derived.pack_stem_rows(stem_rows)
    scodes = _codes(sids)
    joined = scodes.tobytes().decode("utf-32-le")
    first: dict[str, int] = {}
    sb = sbounds.tolist()
    canon = np.fromiter(
        (first.setdefault(joined[a:b], r) for r, (a, b) in enumerate(itertools.pairwise(sb))),
        dtype=np.int64,
        count=n_rows,
    )
    del joined, first
    files = conn.execute("SELECT id, doc_id FROM files ORDER BY id").fetchall()
    file_ids = np.array([f[0] for f in files], dtype=np.int64)
    doc_ids = np.array([f[1] for f in files], dtype=str)
    return similar_cache.Derived(
        stems,
        scodes,
        sbounds,
        stem_keys,
        stem_bounds,
        stem_flat,
        file_of,
        idx_of,
        plen,
        letters,
        canon,
        file_ids,
        doc_ids,
    )


def _assemble(conn: sqlite3.Connection, snap: Snapshot, d: similar_cache.Derived) -> _Tables:
    """The query tables from the derived ones (quick: no pass over every word in Python)."""
    n_terms = len(snap.terms)
    stems = {stem: n_terms + k for k, stem in enumerate(d.stems)}
    pids = snap.paragraphs.pids
    row_of_pid = np.full(int(pids.max()) + 1 if len(pids) else 0, -1, dtype=np.int64)
    row_of_pid[pids] = np.arange(len(pids))
    scodes = d.scodes.astype("<u4", copy=False)
    return _Tables(
        snap,
        stems,
        n_terms,
        d.sbounds,
        np.diff(d.sbounds),
        d.stem_rows(),
        d.file_of,
        d.idx_of,
        d.file_ids,
        [str(x) for x in d.doc_ids.tolist()],
        d.plen,
        d.letters,
        d.canon,
        row_of_pid,
        scodes.tobytes().decode("utf-32-le"),
        n_terms + len(d.stems),
    )


_MASK64 = (1 << 64) - 1


@lru_cache(maxsize=4096)
def _char_hash(c: str) -> int:
    """A 64-bit number per character (splitmix64 of its code point): fixed, well spread."""
    z = (ord(c) + 0x9E3779B97F4A7C15) & _MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return z ^ (z >> 31)


def letters_hash(key: str) -> int:
    """The letters and digits of an ``agreed_key`` as a multiset: a sum of one number per character.

    A paragraph's sum is the sum of its words' sums, so every stored paragraph
    gets one from its word ids; paragraphs with the same words have the same
    letters, hence the same sum ("2011" and "1984" do not), and only those are
    read and compared by ``classify``.
    """
    return sum(_char_hash(c) for c in key if c != " ") & _MASK64


def _id(ids: dict[str, int], unknown: dict[str, int], word: str, first_free: int) -> int:
    """A word's id; words the index lacks get distinct ids past every stored one (they match nothing)."""
    found = ids.get(word)
    if found is None:
        found = unknown.setdefault(word, first_free + len(unknown))
    return found


def _hash(grams: np.ndarray[Any, np.dtype[np.uint64]], mult: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """One 64-bit number per row of five word ids (wrapping arithmetic; hits are checked word by word)."""
    with np.errstate(over="ignore"):
        return (grams * mult).sum(axis=1, dtype=np.uint64)


@dataclass
class IndexFinder:
    """Provenance candidates from a ``CorpusIndex`` (the same result as ``provenance.scan.ScanFinder``)."""

    index: CorpusIndex
    _lookup: tuple[I64, I64] | None = None  # keys and paragraph ids of the last find, by key
    stats: dict[str, int] = field(default_factory=dict)  # candidates scored, runs checked (benchmarks)

    def find(
        self, draft: DraftWords, earlier: Earlier, min_score: float, *, fragments: bool = False
    ) -> Found:
        with self.index.reading() as (conn, snap):
            t = _tables(conn, snap, self.index.path)
            rank = earlier.rank_of()
            file_age = np.full(int(t.file_ids.max()) + 1 if len(t.file_ids) else 0, -1, dtype=np.int64)
            file_age[t.file_ids] = np.fromiter(
                (rank.get(d, -1) for d in t.doc_ids), dtype=np.int64, count=len(t.doc_ids)
            )
            row_age = file_age[t.file_of] if len(t.file_of) else np.zeros(0, dtype=np.int64)
            allowed = (row_age >= 0) & (t.slen > 0)
            row_key = row_age * KEY_BASE + t.idx_of
            postings = _Postings(conn, snap, t)
            keys, scores, alike = self._score(
                conn, snap, draft, t, postings, allowed, row_key, min_score, fragments
            )
            hits = self._runs(conn, draft, t, snap, postings, allowed, row_age, row_key)
            # Keys to paragraph ids, sorted by key, for the few texts the result shows.
            akeys, pids = row_key[allowed], snap.paragraphs.pids[allowed]
            order = np.argsort(akeys, kind="stable")
            self._lookup = (akeys[order], pids[order])
        runs = runs_by_paragraph(hits, len(draft.words))
        return Found(tuple(keys), tuple(scores), tuple(alike), tuple(tuple(r) for r in runs))

    def _score(
        self,
        conn: sqlite3.Connection,
        snap: Snapshot,
        draft: DraftWords,
        t: _Tables,
        postings: _Postings,
        allowed: np.ndarray[Any, Any],
        row_key: I64,
        min_score: float,
        fragments: bool,
    ) -> tuple[list[I64], list[np.ndarray[Any, np.dtype[np.float64]]], list[I64]]:
        """Per draft paragraph: keys and scores of the paragraphs reaching ``min_score``, and the
        (sorted) keys of those that may have the same words (``Found.alike``)."""
        unknown: dict[str, int] = {}
        ids = t.word_ids(conn, {w for q in draft.scoring for w in q})
        queries = [[_id(ids, unknown, w, t.n_ids) for w in q] for q in draft.scoring]
        postings.load({w for q in queries for w in q if w < t.n_terms})
        n_rows = len(t.slen)
        every = np.flatnonzero(allowed)  # min_score 0: every paragraph qualifies, shared words or not
        z = np.zeros(0, dtype=np.int64)
        cands: list[I64] = []
        for q in queries:
            parts: list[I64] = []  # a row once per draft word it has (repeats counted: no weights)
            for w, c in Counter(q).items():
                for rows in (postings.rows.get(w), t.stem_rows.get(w)):
                    if rows is not None and len(rows):
                        parts.extend([rows] * c)
            la = float(len(q))
            if not q:
                cands.append(z)
            elif min_score <= 1e-9:
                cands.append(every)
            elif parts:
                # The bound only where it can be above zero: paragraphs sharing a word.
                shared = np.bincount(np.concatenate(parts), minlength=n_rows)
                touched = np.flatnonzero(shared)
                touched = touched[allowed[touched]]
                lb = t.slen[touched].astype(np.float64)
                lcs = np.minimum(np.minimum(shared[touched], la), lb)
                bound = 100.0 * lcs / np.maximum(la + lb, 1.0) + 50.0 * lcs / np.maximum(
                    np.minimum(la, lb), 1.0
                )
                cands.append(touched[bound >= min_score - 1e-9])
            else:
                cands.append(z)
        # Each candidate's scoring words are cut from the joined text once, however many draft
        # paragraphs it is a candidate for.
        # Paragraphs with the same scoring words score alike: each distinct word list is cut from
        # the joined text once, and scored once per draft paragraph (copies abound in a corpus).
        marked = np.zeros(n_rows, dtype=bool)
        for cand in cands:
            marked[t.canon[cand]] = True
        union = np.flatnonzero(marked)
        union_texts = t.scoring_texts(union)
        keys: list[I64] = []
        scores: list[np.ndarray[Any, np.dtype[np.float64]]] = []
        alike: list[I64] = []
        n_scored = n_alike = 0
        for i, (q, cand) in enumerate(zip(queries, cands, strict=True)):
            n_scored += len(cand)
            if not len(cand):
                keys.append(z)
                scores.append(np.zeros(0))
                alike.append(z)
                continue
            distinct, copy_of = np.unique(t.canon[cand], return_inverse=True)
            at = np.searchsorted(union, distinct).tolist()
            texts = [union_texts[at[0]]] if len(at) == 1 else list(itemgetter(*at)(union_texts))
            # Word ids score exactly as the words they stand for (rapidfuzz compares items for
            # equality); the word counts are known, so the distances go straight into the score.
            dist = process.cdist([_encode(np.array(q))], texts, scorer=Indel.distance)[0]
            lengths = t.slen[distinct].astype(np.float64)
            sim = scores_of(dist, float(len(q)), lengths)[copy_of]
            ok = sim >= min_score
            if not fragments:
                ok &= substantial(float(len(q)), lengths)[copy_of]
            hit = cand[ok]
            keys.append(row_key[hit])
            scores.append(sim[ok])
            # The same words have the same letters (``classify`` compares the texts it needs).
            mine = np.uint64(letters_hash(agreed_key(draft.texts[i])))
            same_letters = row_key[hit[t.letters[hit] == mine]]
            n_alike += len(same_letters)
            alike.append(np.sort(same_letters))
        self.stats["scored"] = n_scored
        self.stats["alike"] = n_alike
        return keys, scores, alike

    def _runs(
        self,
        conn: sqlite3.Connection,
        draft: DraftWords,
        t: _Tables,
        snap: Snapshot,
        postings: _Postings,
        allowed: np.ndarray[Any, Any],
        row_age: I64,
        row_key: I64,
    ) -> Hits:
        """Five-word runs of the draft in the oldest documents that hold them (``phrases.oldest_only``).

        Candidates (paragraphs holding a run's rarest word) are read oldest
        first, in growing chunks that end at a document boundary; a run found
        in a chunk is not looked for again, since later chunks are younger.
        """
        grams: dict[tuple[int, ...], list[tuple[int, int]]] = defaultdict(list)
        known = t.word_ids(conn, {w for ws in draft.words for w in ws})
        for i, ws in enumerate(draft.words):
            ids = [known.get(w, -1) for w in ws]
            ids = [w if w < t.n_terms else -1 for w in ids]
            for j in range(len(ids) - MIN_WORDS + 1):
                g = tuple(ids[j : j + MIN_WORDS])
                if min(g) >= 0:
                    grams[g].append((i, j))
        if not grams:
            return Hits.empty()
        gram_list = list(grams)
        gram_arr = np.array(gram_list, dtype=np.uint64)
        as_ids = gram_arr.astype(np.int64)
        rare = as_ids[np.arange(len(as_ids)), np.argmin(t.plen[as_ids], axis=1)]  # each run's rarest word
        postings.load(set(rare.tolist()))
        empty = np.zeros(0, dtype=np.int64)
        mask = np.zeros(len(allowed), dtype=bool)
        for w in set(rare.tolist()):
            mask[postings.rows.get(w, empty)] = True
        cand = np.flatnonzero(mask & allowed)
        cand = cand[np.argsort(row_age[cand], kind="stable")]  # oldest first
        mult = _MULT
        while True:  # two different draft runs with one hash: take other multipliers (never seen)
            g_hash = _hash(gram_arr, mult)
            sorted_hash = np.sort(g_hash)  # distinct? (np.unique would import numpy.ma: 20 ms)
            if not (sorted_hash[1:] == sorted_hash[:-1]).any():
                break
            mult = mult * np.uint64(3) + np.uint64(2)
        resolved = np.zeros(len(gram_list), dtype=bool)
        needed = np.zeros(len(allowed), dtype=bool)
        found_u: list[I64] = []
        found_row: list[I64] = []
        found_pos: list[I64] = []
        start, size, scanned = 0, 2000, 0
        stale = True
        while start < len(cand) and not resolved.all():
            stop = min(start + size, len(cand))
            while stop < len(cand) and row_age[cand[stop]] == row_age[cand[stop - 1]]:
                stop += 1  # a document is never split between chunks
            if stale:  # paragraphs holding the rarest word of a run still unfound
                needed[:] = False
                for w in set(rare[~resolved].tolist()):
                    needed[postings.rows.get(w, empty)] = True
                stale = False
            rows = np.sort(cand[start:stop][needed[cand[start:stop]]])
            start, size = stop, size * 2
            scanned += len(rows)
            open_u = np.flatnonzero(~resolved)
            u, row, pos = self._match(snap, rows, gram_arr[open_u], g_hash[open_u], mult)
            if not len(u):
                continue
            u = open_u[u]
            age = row_age[row]
            oldest = np.full(len(gram_list), np.iinfo(np.int64).max, dtype=np.int64)
            np.minimum.at(oldest, u, age)
            keep = age == oldest[u]
            found_u.append(u[keep])
            found_row.append(row[keep])
            found_pos.append(pos[keep])
            resolved[u] = True
            stale = True
        self.stats["run_candidates"] = scanned
        if not found_u:
            return Hits.empty()
        which, hit_row, hit_pos = (
            np.concatenate(found_u),
            np.concatenate(found_row),
            np.concatenate(found_pos),
        )
        # Each draft run may stand at several places of the draft.
        occ = [grams[g] for g in gram_list]
        counts = np.array([len(o) for o in occ], dtype=np.int64)
        flat = np.array([p for o in occ for p in o], dtype=np.int64).reshape(-1, 2)
        first = np.zeros(len(occ) + 1, dtype=np.int64)
        np.cumsum(counts, out=first[1:])
        reps = counts[which]
        offsets = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
        pick = flat[np.repeat(first[which], reps) + offsets]
        return Hits(
            para=pick[:, 0].astype(np.int64),
            word=pick[:, 1].astype(np.int64),
            key=np.repeat(row_key[hit_row], reps),
            pos=np.repeat(hit_pos, reps),
        )

    @staticmethod
    def _match(
        snap: Snapshot,
        rows: I64,
        gram_arr: np.ndarray[Any, np.dtype[np.uint64]],
        g_hash: np.ndarray[Any, Any],
        mult: np.ndarray[Any, Any],
    ) -> tuple[I64, I64, I64]:
        """Where the given runs stand in these rows: (run, row, word position), checked word by word."""
        z = np.zeros(0, dtype=np.int64)
        if not len(rows) or not len(gram_arr):
            return z, z, z
        sub = snap.paragraphs.rows(rows)
        words = sub.words
        n = len(words)
        if n < MIN_WORDS:
            return z, z, z
        # Only places whose every word is a run's word at that place are hashed: one lookup per
        # word of a bit per place (bit k: some run has this word k-th), then the bits of five
        # neighbours, on slices (no gathers at random places).
        top = int(max(words.max(), gram_arr.max())) + 1
        places = np.zeros(top, dtype=np.uint8)
        for k in range(MIN_WORDS):
            places[gram_arr[:, k].astype(np.int64)] |= np.uint8(1 << k)
        bits = places[words]
        m = n - MIN_WORDS + 1
        ok = bits[:m] & np.uint8(1)
        for k in range(1, MIN_WORDS):
            ok &= bits[k : m + k] >> np.uint8(k)  # bit 0 stays: "word k of a run stands k places on"
        starts = np.flatnonzero(ok)
        row = np.searchsorted(sub.bounds, starts, side="right") - 1
        inside = starts + MIN_WORDS <= sub.bounds[row + 1]
        starts, row = starts[inside], row[inside]
        if not len(starts):
            return z, z, z
        order = np.argsort(g_hash)
        sorted_hash = g_hash[order]
        w_hash = np.zeros(len(starts), dtype=np.uint64)  # ``_hash`` of each place's five words
        with np.errstate(over="ignore"):
            for k in range(MIN_WORDS):
                w_hash += words[starts + k].astype(np.uint64) * mult[k]
        at = np.minimum(np.searchsorted(sorted_hash, w_hash), len(sorted_hash) - 1)
        match = sorted_hash[at] == w_hash
        which = order[at[match]]
        found_at = np.flatnonzero(match)
        window = np.stack([words[starts[found_at] + k] for k in range(MIN_WORDS)], axis=1)
        same = (window == gram_arr[which]).all(axis=1)
        found_at, which = found_at[same], which[same]
        hit_row = row[found_at]
        return (
            which.astype(np.int64),
            rows[hit_row],
            (starts[found_at] - sub.bounds[hit_row]).astype(np.int64),
        )

    def paragraphs(self, keys: Iterable[int], earlier: Earlier) -> dict[int, tuple[str, str]]:
        assert self._lookup is not None, "paragraphs() answers for the last find()"
        sorted_keys, sorted_pids = self._lookup
        asked = np.fromiter(keys, dtype=np.int64)
        at = np.searchsorted(sorted_keys, asked)
        wanted = dict(zip(sorted_pids[at].tolist(), asked.tolist(), strict=True))
        out: dict[int, tuple[str, str]] = {}
        with self.index.reading() as (conn, _):
            for chunk in chunks(sorted(wanted)):
                q = f"SELECT id, label, text FROM paragraphs WHERE id IN ({','.join('?' * len(chunk))})"
                for pid, label, text in conn.execute(q, list(chunk)):
                    out[wanted[pid]] = (label, text)
        return out


class _Postings:
    """Posting lists read for one query, as snapshot rows."""

    def __init__(self, conn: sqlite3.Connection, snap: Snapshot, t: _Tables) -> None:
        self._conn = conn
        self._row_of = t.row_of_pid
        self.rows: dict[int, I64] = {}

    def load(self, term_ids: Iterable[int]) -> None:
        need = sorted({int(w) for w in term_ids} - set(self.rows))
        for chunk in chunks(need):
            for tid, ids in posting_lists(self._conn, chunk):
                self.rows[tid] = self._row_of[ids]
