"""An embedded corpus index (SQLite) that makes trace instant on large corpora.

A full trace looks at every paragraph of every document, and without an index
every document must first be parsed; at tens of thousands of resolutions that
takes seconds to minutes. The index keeps, in one SQLite file in the user's
cache folder (never in the corpus):

- every parsed paragraph (original text and normalised words) with its
  document's id, symbol and year, so nothing is parsed at query time;
- an inverted word index: for each normalised word, the sorted ids of the
  paragraphs that contain it (one uint32 blob per word, counted with numpy);
- for each corpus file its path, size, mtime, SHA-256 and catalogue entry, so
  an update parses only the files that changed, appeared or disappeared.

Same hits as the full scan, by construction. ``trace.score_paragraph`` scores a
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

Every update runs in one SQLite transaction: cancelled or crashed, the file
keeps the previous complete index. A file SQLite cannot read, or one written by
another version of the parser, is deleted and rebuilt.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sqlite3
import sys
import threading
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, TextIO

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from reader.core.errors import InputError
from reader.core.model import Document, TraceHit
from reader.core.textnorm import WORD, fold_word
from reader.core.trace import DEFAULT_TRACE_SCORE, min_shared_words, normalize_phrase, score_words
from reader.core.wordcache import join_words

SCHEMA_VERSION = 3
CACHE_ENV = "RESOLUTION_READER_CACHE"
_BUSY_TIMEOUT = 30.0  # seconds to wait for another program (GUI, CLI) writing the same index
APP_NAME = "resolution-reader"

Progress = Callable[[int, int], bool]
"""``progress(done, total)``; return False to cancel the update."""


class CorpusLike(Protocol):
    """What the index needs from :class:`reader.core.corpus.Corpus`."""

    @property
    def entries(self) -> Sequence[Any]: ...

    def document(self, entry: Any, *, keep: bool = True) -> Document: ...


@dataclass(frozen=True)
class IndexStats:
    """What one :meth:`CorpusIndex.update` did."""

    files: int = 0  # corpus entries seen
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    paragraphs: int = 0  # paragraphs in the index afterwards
    seconds: float = 0.0
    db_bytes: int = 0
    cancelled: bool = False
    problems: tuple[str, ...] = ()  # files that could not be read (left out of the index)


@dataclass(frozen=True)
class QueryPlan:
    """How the last trace was answered (for benchmarks and the curious)."""

    mode: str  # "index", or "scan" when min_score gives no bound
    min_words: int = 0  # phrase words a paragraph must contain to be a hit
    candidates: int = 0  # paragraphs passing the word count
    windows: int = 0  # of those, paragraphs with a run of phrase words dense enough for a hit
    scored: int = 0  # paragraphs passing every filter, scored exactly


@dataclass
class _Row:
    file_id: int
    size: int
    mtime_ns: int
    sha256: str
    meta: str
    order: int


# --------------------------------------------------------------------------- locations


def cache_dir(override: str | Path | None = None) -> Path:
    """The index folder: ``override``, else $RESOLUTION_READER_CACHE, else the user cache folder."""
    if override is not None:
        return Path(override)
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME))


def default_db_path(corpus: CorpusLike, cache: str | Path | None = None) -> Path:
    """One index file per set of corpus folders, so switching corpora does not thrash one index."""
    resolve = _Resolver()
    folders = sorted({os.path.dirname(resolve(e.path)) for e in corpus.entries})
    key = hashlib.sha256("\n".join(folders).encode("utf-8")).hexdigest()[:16]
    return cache_dir(cache) / f"index-{key}.sqlite3"


def _parser_fingerprint() -> str:
    """Changes whenever the parser or tokeniser changes, so stale paragraphs are never served."""
    import reader
    from reader.core import trace as trace_mod

    core = Path(trace_mod.__file__).parent
    h = hashlib.sha256(str(getattr(reader, "__version__", "")).encode())
    for name in sorted(os.listdir(core)) if core.is_dir() else []:
        if name.endswith(".py") and name.startswith(("ingest", "decode", "corpus", "textnorm")):
            with contextlib.suppress(OSError):
                h.update(name.encode() + (core / name).read_bytes())
    return h.hexdigest()[:16]


def _meta_fingerprint(entry: Any) -> str:
    """What the catalogue says about a file: a change there re-parses it like a changed text."""
    if dataclasses.is_dataclass(entry) and not isinstance(entry, type):
        data: Any = {f.name: getattr(entry, f.name) for f in dataclasses.fields(entry)}  # asdict deep-copies
    else:
        data = dict(getattr(entry, "__dict__", {})) or repr(entry)
    return json.dumps(data, sort_keys=True, default=str)


class _Resolver:
    """``str(Path.resolve())`` for many files in few folders: each folder is resolved once.

    Resolving every one of ten thousand paths took over a second of each update
    (each an lstat per path component); a file that is itself a link is resolved whole.
    """

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: str | os.PathLike[str]) -> str:
        name = os.fspath(path)
        if os.path.islink(name):
            return os.path.realpath(name)
        parent, base = os.path.split(name)
        folder = self._folders.get(parent)
        if folder is None:
            folder = self._folders[parent] = os.path.realpath(parent or ".")
        return os.path.join(folder, base)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def console_progress(
    stream: TextIO | None = None, label: str = "indexing the corpus", every: float = 0.2
) -> Progress:
    """A ``progress`` callback for the command line: "label: 1234/10000 files" on one line.

    Writes only when ``stream`` is a terminal (so JSON output and pipes stay
    clean), at most every ``every`` seconds, and ends the line when done.
    Never cancels; Ctrl-C interrupts the update, which then rolls back.
    """
    out = stream if stream is not None else sys.stderr
    live = bool(getattr(out, "isatty", lambda: False)())
    last = [0.0]

    def report(done: int, total: int) -> bool:
        if not live or total == 0:
            return True
        now = time.monotonic()
        if done < total and now - last[0] < every:
            return True
        last[0] = now
        end = "\n" if done >= total else ""
        out.write(f"\r{label}: {done}/{total} files{end}")
        out.flush()
        return True

    return report


def open_updated(
    corpus: CorpusLike, *, cache: str | Path | None = None, progress: Progress | None = None
) -> tuple[CorpusIndex, IndexStats]:
    """The corpus's index, opened from the cache folder and brought up to date (what ``trace`` needs)."""
    index = CorpusIndex.for_corpus(corpus, cache)
    try:
        stats = index.update(corpus, progress)
    except BaseException:
        index.close()
        raise
    return index, stats


# --------------------------------------------------------------------------- the index


class CorpusIndex:
    """A corpus index in one SQLite file, safe to share between a GUI thread and a worker.

    Updates write through one connection; traces read through another, each in
    its own read transaction, so a trace runs during an update and sees the
    last committed index (one connection, one lock, for an in-memory index).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self._conn = conn
        self._lock = threading.RLock()  # updates
        self.path = path
        self._read = _reader(path) if path is not None else conn
        self._read_lock = threading.RLock() if path is not None else self._lock
        self.last_plan: QueryPlan | None = None
        self._snapshot: _Snapshot | None = None  # loaded on demand, for the index generation read

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, db_path: str | Path | None = None) -> CorpusIndex:
        """Open (or create) the index at ``db_path``; ``None`` keeps it in memory.

        A file that is not a readable index of this version is deleted and
        created afresh: the index is a cache, so it is rebuilt, never a crash.
        """
        path = Path(db_path) if db_path is not None else None
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InputError(path.parent, f"cannot create the index folder ({exc.strerror})") from exc
        try:
            try:
                return cls(_connect(path), path)
            except (sqlite3.DatabaseError, _Stale) as exc:
                if path is None or not _is_damage(exc):
                    raise
                _delete_db(path)
                return cls(_connect(path), path)
        except sqlite3.Error as exc:  # unwritable folder, read-only file, locked: say so in one line
            raise InputError(path or ":memory:", f"cannot open the corpus index ({exc})") from exc

    @classmethod
    def for_corpus(cls, corpus: CorpusLike, cache: str | Path | None = None) -> CorpusIndex:
        """Open the default index file of ``corpus`` (call :meth:`update` before tracing)."""
        return cls.open(default_db_path(corpus, cache))

    def close(self) -> None:
        with self._lock, self._read_lock:
            if self._read is not self._conn:
                self._read.close()
            self._conn.close()

    def __enter__(self) -> CorpusIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ updating

    def update(self, corpus: CorpusLike, progress: Progress | None = None) -> IndexStats:
        """Bring the index in line with ``corpus``: parse new and changed files, drop vanished ones.

        ``progress(done, total)`` is called before each file and once at the
        end; returning False cancels: the transaction is rolled back and the
        index stays exactly as it was (``IndexStats.cancelled``).
        """
        started = time.perf_counter()
        entries = list(corpus.entries)
        total = len(entries)
        with self._lock:
            try:
                try:
                    stats = self._transaction(corpus, entries, progress)
                except sqlite3.DatabaseError as exc:
                    if self.path is None or not _is_damage(exc):
                        raise
                    # A damaged file: the index is only a cache, so start again from nothing.
                    self._reset()
                    stats = self._transaction(corpus, entries, progress)
            except sqlite3.Error as exc:  # locked for too long by another program, read-only, disk full
                raise InputError(self.path or ":memory:", f"cannot update the corpus index ({exc})") from exc
        if stats.cancelled:
            return dataclasses.replace(stats, files=total, seconds=time.perf_counter() - started)
        if progress is not None:
            progress(total, total)
        return dataclasses.replace(stats, seconds=time.perf_counter() - started, db_bytes=self.size_bytes())

    def _transaction(self, corpus: CorpusLike, entries: list[Any], progress: Progress | None) -> IndexStats:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            stats = self._update(conn, corpus, entries, progress)
        except _Cancelled:
            conn.execute("ROLLBACK")
            return IndexStats(cancelled=True)
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        if self.path is not None:
            # Fold the write-ahead log into the file, so the file alone is the index.
            with contextlib.suppress(sqlite3.Error):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return stats

    def _reset(self) -> None:
        """Delete the index file and open an empty one in its place."""
        assert self.path is not None
        with self._read_lock:
            for conn in (self._read, self._conn):
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            _delete_db(self.path)
            self._conn = _connect(self.path)
            self._read = _reader(self.path)

    def _update(
        self, conn: sqlite3.Connection, corpus: CorpusLike, entries: list[Any], progress: Progress | None
    ) -> IndexStats:
        known: dict[str, _Row] = {
            r[0]: _Row(r[1], r[2], r[3], r[4], r[5], r[6])
            for r in conn.execute("SELECT path, id, size, mtime_ns, sha256, meta, ord FROM files")
        }
        added = updated = unchanged = 0
        problems: list[str] = []
        seen: set[str] = set()
        postings = _PostingChanges()
        vocab = _Vocabulary(conn)
        resolve = _Resolver()
        for order, entry in enumerate(entries):
            if progress is not None and not progress(order, len(entries)):
                raise _Cancelled
            key = resolve(entry.path)
            path = Path(key)
            if key in seen:
                continue
            seen.add(key)
            row = known.get(key)
            meta = _meta_fingerprint(entry)
            try:
                st = os.stat(key)
                same_stat = row is not None and (row.size, row.mtime_ns) == (st.st_size, st.st_mtime_ns)
                sha = "" if same_stat else _sha256(path)
            except OSError as exc:
                problems.append(f"{entry.path}: cannot be read ({exc.strerror})")
                seen.discard(key)  # dropped from the index below, like a vanished file
                continue
            if row is not None and row.meta == meta and (same_stat or row.sha256 == sha):
                if not same_stat or row.order != order:  # touched, or moved in the corpus order
                    conn.execute(
                        "UPDATE files SET ord=?, size=?, mtime_ns=? WHERE id=?",
                        (order, st.st_size, st.st_mtime_ns, row.file_id),
                    )
                unchanged += 1
                continue
            sha = sha or _sha256(path)
            try:
                doc = corpus.document(entry, keep=False)
            except InputError as exc:
                problems.append(str(exc))
                seen.discard(key)
                continue
            if row is not None:
                _remove_file(conn, row.file_id, postings)
                updated += 1
            else:
                added += 1
            _add_file(conn, key, order, st, sha, meta, doc, vocab, postings)
        removed = 0
        for key, row in known.items():
            if key not in seen:
                _remove_file(conn, row.file_id, postings)
                removed += 1
        vocab.write(conn)
        postings.write(conn)
        conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
        paragraphs = conn.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0]
        return IndexStats(
            files=len(entries),
            added=added,
            updated=updated,
            removed=removed,
            unchanged=unchanged,
            paragraphs=paragraphs,
            problems=tuple(problems),
        )

    # ------------------------------------------------------------------ querying

    def trace(self, phrase: str, *, min_score: float = DEFAULT_TRACE_SCORE) -> list[TraceHit]:
        """The hits :func:`reader.core.trace.trace` gives on the indexed corpus, from the index."""
        phrase_norm = normalize_phrase(phrase)
        if not phrase_norm:
            return []
        with self._reading() as conn:
            return self._trace(conn, phrase_norm, min_score)

    def preload(self) -> None:
        """Read what queries need into memory now (a worker's job): the first trace is then as quick."""
        with self._reading() as conn:
            self._loaded(conn)

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """The read connection in one snapshot of the index, even while an update commits."""
        with self._read_lock:
            conn = self._read
            if conn.in_transaction:  # in memory, called back from inside an update
                yield conn
                return
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.execute("COMMIT")

    def _trace(self, conn: sqlite3.Connection, phrase_norm: str, min_score: float) -> list[TraceHit]:
        snap = self._loaded(conn)
        query = _Query.of(conn, phrase_norm, min_score)
        if query.need <= 0:
            words = snap.paragraphs
            plan = QueryPlan("scan", candidates=words.count, windows=words.count)
        else:
            words = snap.paragraphs.take(_count_filter(conn, query))
            plan = QueryPlan("index", min_words=max(query.need, query.need_run), candidates=words.count)
            words = words.select(_window_rows(query, words, snap.lens))
            plan = dataclasses.replace(plan, windows=words.count)
        hits, scored = _score(conn, query, words, snap)
        self.last_plan = dataclasses.replace(plan, scored=scored)
        return hits

    def tracer(self, *, min_score: float = DEFAULT_TRACE_SCORE) -> Callable[[str], list[TraceHit]]:
        """A ``phrase -> hits`` callable for ``compare(..., tracer=...)`` ("also occurs in")."""

        def run(phrase: str) -> list[TraceHit]:
            return self.trace(phrase, min_score=min_score)

        return run

    def _loaded(self, conn: sqlite3.Connection) -> _Snapshot:
        """The words and paragraphs queries read, loaded once per index generation.

        A generation is the update count and the file's creation stamp: a file
        rebuilt from nothing (after damage, by this or another program) counts
        its updates from 0 again and must not be taken for the one in memory.
        """
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('generation', 'created')"))
        generation = f"{meta.get('created', '')}:{meta['generation']}"
        if self._snapshot is None or self._snapshot.generation != generation:
            self._snapshot = None  # let the old one go before loading the new one
            self._snapshot = _Snapshot.load(conn, generation)
        return self._snapshot

    # ------------------------------------------------------------------ facts

    def size_bytes(self) -> int:
        if self.path is None:
            return 0
        return sum(p.stat().st_size for p in _db_files(self.path) if p.exists())

    def document_count(self) -> int:
        with self._read_lock:
            return int(self._read.execute("SELECT COUNT(*) FROM files").fetchone()[0])

    def paragraph_count(self) -> int:
        with self._read_lock:
            return int(self._read.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0])


# --------------------------------------------------------------------------- filters


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

    def select(self, keep: np.ndarray[Any, np.dtype[np.bool_]]) -> _Paragraphs:
        """The paragraphs where ``keep`` is True."""
        return self.rows(np.flatnonzero(keep))

    def take(self, pids: np.ndarray[Any, np.dtype[np.int64]]) -> _Paragraphs:
        """The paragraphs with ids ``pids`` (ascending)."""
        rows = np.searchsorted(self.pids, pids)
        found = rows < self.count
        rows, pids = rows[found], pids[found]
        return self.rows(rows[self.pids[rows] == pids])


@dataclass(frozen=True)
class _Snapshot:
    """One index generation in memory: its words by id and every paragraph's word ids.

    Reading a few thousand candidate paragraphs row by row from SQLite cost more
    than all the filtering; the whole corpus's word ids take 4 bytes a word (about
    40 MB for 10,000 resolutions) and load in a fraction of a second.
    """

    generation: str
    terms: list[str]
    lens: np.ndarray[Any, np.dtype[np.int64]]
    paragraphs: _Paragraphs

    @classmethod
    def load(cls, conn: sqlite3.Connection, generation: str) -> _Snapshot:
        rows = conn.execute("SELECT id, term FROM terms").fetchall()
        terms = [""] * (max((r[0] for r in rows), default=0) + 1)
        for tid, term in rows:
            terms[tid] = term
        lens = np.fromiter((len(w) for w in terms), dtype=np.int64, count=len(terms))
        rows = conn.execute("SELECT id, ids FROM paragraphs ORDER BY id").fetchall()
        counts = np.fromiter((len(blob) // 4 for _, blob in rows), dtype=np.int64, count=len(rows))
        bounds = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(counts, out=bounds[1:])
        words = np.frombuffer(b"".join(blob for _, blob in rows), dtype="<u4").astype(np.uint32, copy=False)
        pids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        return cls(generation, terms, lens, _Paragraphs(pids, words, bounds))


def _count_filter(conn: sqlite3.Connection, query: _Query) -> np.ndarray[Any, np.dtype[np.int64]]:
    """Paragraphs holding at least ``need`` of the phrase's words (counted with repeats)."""
    known = [(tid, n) for tid, n in query.mult.items() if tid >= 0]
    need = max(query.need, query.need_run)  # trace's own filter, and what one run of words needs
    if sum(n for _, n in known) < need:
        return np.zeros(0, dtype=np.int64)
    qmarks = ",".join("?" * len(known))
    rows = conn.execute(
        f"SELECT term_id, ids FROM postings WHERE term_id IN ({qmarks})", [t for t, _ in known]
    ).fetchall()
    arrays = [np.frombuffer(blob, dtype="<u4") for _, blob in rows]
    weights = [np.full(len(a), query.mult[t], dtype=np.int32) for (t, _), a in zip(rows, arrays, strict=True)]
    counts = np.bincount(np.concatenate(arrays), weights=np.concatenate(weights))
    return np.flatnonzero(counts >= need)


def _window_rows(
    query: _Query, paras: _Paragraphs, lens: np.ndarray[Any, np.dtype[np.int64]]
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
    mult = np.zeros(len(lens), dtype=np.int64)
    for t in known:
        mult[t] = query.mult[t]
    hit = np.flatnonzero(mult[paras.words] > 0)  # positions of phrase words
    if not len(hit):
        return keep
    # Where each word starts, counting characters and a space per word through all the paragraphs,
    # with a gap longer than the phrase after each paragraph: no window reaches the next one.
    step = lens[paras.words] + 1
    step[paras.bounds[1:] - 1] += span + 1
    starts = np.zeros(len(step), dtype=np.int64)
    np.cumsum(step[:-1], out=starts[1:])
    start = starts[hit]
    word = paras.words[hit]
    size = lens[word] + 1  # each phrase word's characters and a space
    # prior[t]: the hit holding the same word mult[word] occurrences earlier (-1: none).
    prior = np.full(len(hit), -1, dtype=np.int64)
    for t in known:
        same = np.flatnonzero(word == t)
        back = query.mult[t]
        prior[same[back:]] = same[: len(same) - back]
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
    d = 0
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


def _score(
    conn: sqlite3.Connection, query: _Query, paras: _Paragraphs, snap: _Snapshot
) -> tuple[list[TraceHit], int]:
    """Run trace's own filter and scoring on the candidate paragraphs, sorted as trace sorts.

    Scoring runs on the stored words (``trace.score_words``); only the hits'
    texts are read, to map their first and last word back to the original.
    """
    para_ids = [paras.ids(k) for k in range(paras.count)]
    keep = _lcs_filter(query, para_ids)
    found: dict[int, tuple[float, int, int]] = {}
    for k in keep:
        words = [snap.terms[i] for i in para_ids[k]]
        scored = score_words(query.phrase_norm, words, *join_words(words))
        if scored is not None and scored[0] >= query.min_score:
            found[int(paras.pids[k])] = scored
    select = (
        "SELECT p.id, p.idx, p.label, p.text, f.ord, f.doc_id, f.symbol, f.year"
        " FROM paragraphs p JOIN files f ON f.id = p.file_id"
    )
    hits: list[tuple[int, int, TraceHit]] = []
    for chunk in _chunks(sorted(found), 900):
        q = f"{select} WHERE p.id IN ({','.join('?' * len(chunk))})"
        for pid, idx, label, text, order, doc_id, symbol, year in conn.execute(q, chunk):
            score, first, last = found[pid]
            start, end = _word_span(text, first, last)
            hit = TraceHit(doc_id, symbol, year, label, score, text[start:end], idx, start, end)
            hits.append((order, idx, hit))
    hits.sort(key=lambda h: (-h[2].score, h[0], h[1]))
    return [h[2] for h in hits], len(keep)


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
class _Query:
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
    def of(cls, conn: sqlite3.Connection, phrase_norm: str, min_score: float) -> _Query:
        words = phrase_norm.split()
        distinct = sorted(set(words))
        qmarks = ",".join("?" * len(distinct))
        known = dict(
            conn.execute(f"SELECT term, id FROM terms WHERE term IN ({qmarks})", distinct).fetchall()
        )
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


def _lcs_filter(query: _Query, para_ids: Sequence[Sequence[int]]) -> list[int]:
    """``trace.candidates`` on stored word ids (no re-tokenising): the same sound LCS filter."""
    if query.need == 0 or not para_ids:
        return list(range(len(para_ids)))
    dist = process.cdist([list(query.ids)], para_ids, scorer=Indel.distance, dtype=np.int32)[0]
    lens = np.array([len(w) for w in para_ids])
    lcs = (len(query.ids) + lens - dist) // 2
    return [int(k) for k in np.nonzero(lcs >= query.need)[0]]


# --------------------------------------------------------------------------- storage


class _Cancelled(Exception):
    pass


class _Stale(Exception):
    """The file is an index of another schema or parser version."""


def _is_damage(exc: BaseException) -> bool:
    """A file that is not (or no longer) a sound index, as opposed to a locked or read-only one."""
    if isinstance(exc, _Stale):
        return True
    name = getattr(exc, "sqlite_errorname", "")
    return name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or type(exc) is sqlite3.DatabaseError


def _reader(path: Path) -> sqlite3.Connection:
    """A second connection to the same file, for traces."""
    return sqlite3.connect(str(path), timeout=_BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)


def _connect(path: Path | None) -> sqlite3.Connection:
    """Open the SQLite file, creating the schema, or raise if it is not our index."""
    conn = sqlite3.connect(
        str(path) if path is not None else ":memory:",
        timeout=_BUSY_TIMEOUT,
        isolation_level=None,  # explicit BEGIN/COMMIT: one transaction per update
        check_same_thread=False,  # one index shared by the GUI thread and a worker, behind a lock
    )
    try:
        conn.execute("PRAGMA journal_mode=WAL" if path is not None else "PRAGMA journal_mode=MEMORY")
        conn.execute("PRAGMA synchronous=NORMAL")
        fingerprint = f"{SCHEMA_VERSION}:{_parser_fingerprint()}"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" in tables:
            stored = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if stored.get("fingerprint") != fingerprint:
                raise _Stale
        else:
            if tables:
                raise _Stale  # some other database: not ours to keep
            _create_schema(conn, fingerprint)
        return conn
    except BaseException:
        conn.close()
        raise


def _create_schema(conn: sqlite3.Connection, fingerprint: str) -> None:
    conn.executescript(
        """
        BEGIN;
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE files(
            id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, ord INTEGER NOT NULL,
            size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL, meta TEXT NOT NULL,
            doc_id TEXT NOT NULL, symbol TEXT NOT NULL, year INTEGER);
        CREATE TABLE paragraphs(
            id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, idx INTEGER NOT NULL,
            label TEXT NOT NULL, text TEXT NOT NULL, ids BLOB NOT NULL);
        CREATE INDEX paragraphs_by_file ON paragraphs(file_id);
        CREATE TABLE terms(term TEXT PRIMARY KEY, id INTEGER NOT NULL UNIQUE) WITHOUT ROWID;
        CREATE TABLE postings(term_id INTEGER PRIMARY KEY, ids BLOB NOT NULL);
        COMMIT;
        """
    )
    conn.executemany(
        "INSERT INTO meta(key, value) VALUES (?, ?)",
        [("fingerprint", fingerprint), ("generation", "0"), ("created", os.urandom(8).hex())],
    )


class _Vocabulary:
    """Word ids, new words numbered as they come and written at the end of the update."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._ids: dict[str, int] = dict(conn.execute("SELECT term, id FROM terms").fetchall())
        self._next = max(self._ids.values(), default=0) + 1
        self._new: list[tuple[str, int]] = []

    def ids(self, words: Sequence[str]) -> array[int]:
        out = array("I")
        for w in words:
            tid = self._ids.get(w)
            if tid is None:
                tid = self._ids[w] = self._next
                self._next += 1
                self._new.append((w, tid))
            out.append(tid)
        return out

    def write(self, conn: sqlite3.Connection) -> None:
        conn.executemany("INSERT INTO terms(term, id) VALUES (?, ?)", self._new)
        self._new = []


class _PostingChanges:
    """Paragraph ids to add to and drop from each word's posting list, written once per update.

    Rewriting a word's sorted id blob once per update (not once per file) keeps
    a first build of ten thousand documents to one write per distinct word.
    """

    def __init__(self) -> None:
        self.added: defaultdict[int, array[int]] = defaultdict(lambda: array("I"))
        self.dropped: defaultdict[int, array[int]] = defaultdict(lambda: array("I"))

    def add(self, pid: int, word_ids: Iterable[int]) -> None:
        for w in set(word_ids):
            self.added[w].append(pid)

    def drop(self, pid: int, word_ids: Iterable[int]) -> None:
        for w in set(word_ids):
            self.dropped[w].append(pid)

    def write(self, conn: sqlite3.Connection) -> None:
        for tid in sorted(set(self.added) | set(self.dropped)):
            row = conn.execute("SELECT ids FROM postings WHERE term_id=?", (tid,)).fetchone()
            ids = np.frombuffer(row[0], dtype="<u4") if row is not None else np.empty(0, dtype="<u4")
            if tid in self.dropped:
                ids = ids[~np.isin(ids, np.frombuffer(self.dropped[tid], dtype=np.uint32))]
            if tid in self.added:
                ids = np.concatenate([ids, np.frombuffer(self.added[tid], dtype=np.uint32).astype("<u4")])
            ids = np.unique(ids).astype("<u4")
            if len(ids):
                conn.execute(
                    "INSERT OR REPLACE INTO postings(term_id, ids) VALUES (?, ?)", (tid, ids.tobytes())
                )
            else:
                conn.execute("DELETE FROM postings WHERE term_id=?", (tid,))
        self.added.clear()
        self.dropped.clear()


def _add_file(
    conn: sqlite3.Connection,
    key: str,
    order: int,
    st: os.stat_result,
    sha: str,
    meta: str,
    doc: Document,
    vocab: _Vocabulary,
    postings: _PostingChanges,
) -> None:
    cur = conn.execute(
        "INSERT INTO files(path, ord, size, mtime_ns, sha256, meta, doc_id, symbol, year)"
        " VALUES (?,?,?,?,?,?,?,?,?)",
        (key, order, st.st_size, st.st_mtime_ns, sha, meta, doc.id, doc.metadata.symbol, doc.metadata.year),
    )
    file_id = cur.lastrowid
    for idx, para in enumerate(doc.paragraphs):
        ids = vocab.ids(_words(para.text))
        cur = conn.execute(
            "INSERT INTO paragraphs(file_id, idx, label, text, ids) VALUES (?,?,?,?,?)",
            (file_id, idx, para.label, para.text, ids.tobytes()),
        )
        assert cur.lastrowid is not None
        postings.add(cur.lastrowid, ids)


def _remove_file(conn: sqlite3.Connection, file_id: int, postings: _PostingChanges) -> None:
    for pid, blob in conn.execute("SELECT id, ids FROM paragraphs WHERE file_id=?", (file_id,)).fetchall():
        postings.drop(pid, np.frombuffer(blob, dtype="<u4").tolist())
    conn.execute("DELETE FROM paragraphs WHERE file_id=?", (file_id,))
    conn.execute("DELETE FROM files WHERE id=?", (file_id,))


_fold_cached = lru_cache(maxsize=1 << 16)(fold_word)


def _words(text: str) -> list[str]:
    """``[t.norm for t in textnorm.tokens(text)]``, folding each distinct word once.

    The same regular expression and folding as ``tokens``, but a corpus repeats
    its words: memoising the fold makes a large first build a third faster.
    """
    return [_fold_cached(m.group()) for m in WORD.finditer(text)]


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _db_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _delete_db(path: Path) -> None:
    for p in _db_files(path):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
