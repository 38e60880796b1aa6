"""An embedded corpus index (SQLite) that makes trace instant on large corpora.

A full trace looks at every paragraph of every document, and without an index
every document must first be parsed; at tens of thousands of resolutions that
takes seconds to minutes. The index keeps
its parsed paragraphs and word postings in a SQLite store (``store``) and answers
traces through a planner of sound filters (``query``).

Every update runs in one SQLite transaction: cancelled or crashed, the file
keeps the previous complete index. A file SQLite cannot read, or one written by
another version of the parser, is deleted and rebuilt.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from reader.core.corpus.store import (
    CorpusLike,
    IndexStats,
    apply_update,
    connect,
    db_files,
    default_db_path,
    delete_db,
    generation,
    is_damage,
    open_db,
    reader_connection,
)
from reader.core.errors import InputError
from reader.core.model import Recurrence, TraceHit
from reader.core.progress import Cancelled, Progress
from reader.core.search.query import (
    Placed,
    QueryPlan,
    Snapshot,
    candidates,
    caught_up,
    placed_trace,
    run_trace,
    save_snapshot,
    saved_snapshot,
)
from reader.core.search.recurrence import RecurrenceSearch
from reader.core.search.trace import DEFAULT_TRACE_SCORE, normalize_phrase


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


CAUGHT_UP_MOST = 5000  # added paragraphs :meth:`CorpusIndex.trace_after` scores alone, at least


class CorpusIndex:
    """A corpus index in one SQLite file, safe to share between a GUI thread and a worker.

    Updates write through one connection; traces read through others, each in
    its own read transaction, so a trace runs during an update and sees the
    last committed index (one connection, one lock, for an in-memory index).
    Reads from several threads at once each take a connection of their own
    (``_reading``): the reader's trace panel does not wait for the "also in"
    look-ups a worker runs after the index is loaded (seconds at 100,000 documents).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self._conn = conn
        self._lock = threading.RLock()  # updates
        self.path = path
        self._read = reader_connection(path) if path is not None else conn
        self._read_lock = threading.RLock() if path is not None else self._lock
        self._idle: list[sqlite3.Connection] = []  # more read connections, for reads at the same time
        self._opened: list[sqlite3.Connection] = []  # every one of them, closed with the index
        self._snapshot_lock = threading.Lock()  # one thread loads a new snapshot, the others wait for it
        self.last_plan: QueryPlan | None = None
        self._snapshot: Snapshot | None = None  # loaded on demand, for the index generation read

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, db_path: str | Path | None = None) -> CorpusIndex:
        """Open (or create) the index at ``db_path``; ``None`` keeps it in memory.

        A file that is not a readable index of this version is deleted and
        created afresh: the index is a cache, so it is rebuilt, never a crash.
        """
        path = Path(db_path) if db_path is not None else None
        return cls(open_db(path), path)

    @classmethod
    def for_corpus(cls, corpus: CorpusLike, cache: str | Path | None = None) -> CorpusIndex:
        """Open the default index file of ``corpus`` (call :meth:`update` before tracing).

        A corpus opened from its store (``sync.open_corpus``) is indexed in that
        store: the same file, or the same connection when it is kept in memory.
        """
        if corpus.db_path is None and corpus.store is not None and corpus.synced is not None:
            return cls(corpus.store.connection(), None)  # a store kept in memory: the same connection
        return cls.open(default_db_path(corpus, cache))

    def close(self) -> None:
        with self._lock, self._read_lock:
            if self._read is not self._conn:
                self._read.close()
            self._conn.close()
            self._close_readers()

    def _close_readers(self) -> None:
        """Close the extra read connections (a read still running keeps its own until it ends)."""
        opened, self._opened, self._idle = self._opened, [], []
        for conn in opened:
            with contextlib.suppress(sqlite3.Error):
                conn.close()

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
        if self._is_synced(corpus):
            total = corpus.size
            if progress is not None and not progress(total, total):
                return IndexStats(files=total, cancelled=True)
            return IndexStats(
                files=total,
                unchanged=total,
                seconds=time.perf_counter() - started,
                db_bytes=self.size_bytes(),
            )
        entries = list(corpus.entries)
        total = len(entries)
        with self._lock:
            try:
                try:
                    stats = self._transaction(corpus, entries, progress)
                except sqlite3.DatabaseError as exc:
                    if self.path is None or not is_damage(exc):
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

    def _is_synced(self, corpus: CorpusLike) -> bool:
        """Whether ``corpus`` was opened from this very store, unchanged since (nothing to update)."""
        synced = corpus.synced
        if synced is None:
            return False
        if self.path is None:
            same = corpus.store is not None and corpus.store.connection() is self._conn
        else:
            same = corpus.db_path == self.path
        if not same:
            return False
        with self._read_lock:
            return bool(generation(self._read) == synced)

    def _transaction(self, corpus: CorpusLike, entries: list[Any], progress: Progress | None) -> IndexStats:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            stats = apply_update(conn, corpus, entries, progress)
        except Cancelled:
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
            self._close_readers()
            delete_db(self.path)
            self._conn = connect(self.path)
            self._read = reader_connection(self.path)

    # ------------------------------------------------------------------ querying

    def trace(self, phrase: str, *, min_score: float = DEFAULT_TRACE_SCORE) -> list[TraceHit]:
        """The hits :func:`reader.core.search.trace.trace` gives on the indexed corpus, from the index."""
        phrase_norm = normalize_phrase(phrase)
        if not phrase_norm:
            return []
        with self._reading() as conn:
            return self._trace(conn, phrase_norm, min_score)

    def trace_once(self, phrase: str, *, min_score: float = DEFAULT_TRACE_SCORE) -> list[TraceHit]:
        """:meth:`trace` for a program that asks one question (``trace`` on the command line).

        Reads only the paragraphs the word count lets through instead of every
        paragraph's words: on a large corpus that is most of the time of a run.
        Falls back to :meth:`trace` when the phrase gives no bound or most
        paragraphs pass the count.
        """
        return [hit for _, _, hit in self.trace_placed(phrase, min_score=min_score)]

    def trace_placed(self, phrase: str, *, min_score: float = DEFAULT_TRACE_SCORE) -> list[Placed]:
        """:meth:`trace_once`, each hit with its paragraph id and its file's place (:meth:`trace_after`)."""
        phrase_norm = normalize_phrase(phrase)
        if not phrase_norm:
            return []
        with self._reading() as conn:
            if self._snapshot is None:
                current = generation(conn)
                saved = self._saved_snapshot(current)
                if saved is not None:  # mapped, not read: the filters touch only the candidates' pages
                    self._snapshot = saved
                else:
                    pids = candidates(conn, phrase_norm, min_score)
                    top = _top_paragraph(conn)
                    if pids is not None and len(pids) <= top // 4:
                        some = Snapshot.load_some(conn, current, pids)
                        found, self.last_plan = placed_trace(conn, some, phrase_norm, min_score, counted=True)
                        return found
            found, self.last_plan = placed_trace(conn, self._loaded(conn), phrase_norm, min_score)
            return found

    def trace_after(
        self,
        earlier: list[Placed],
        dropped: Collection[int],
        added: Sequence[int],
        phrase: str,
        *,
        min_score: float = DEFAULT_TRACE_SCORE,
    ) -> list[Placed] | None:
        """:meth:`trace_placed` now, from its answer ``earlier`` at a state of the index that this
        one followed by dropping paragraphs ``dropped`` and adding paragraphs ``added`` (and
        nothing else): the earlier hits less the dropped ones, and the added paragraphs traced
        alone. A trace scores each paragraph on its own, so that is the same answer; one changed
        file of 100,000 then costs its own paragraphs, not a trace of the corpus. None when the
        earlier answer does not fit this state (ask again)."""
        phrase_norm = normalize_phrase(phrase)
        if not phrase_norm:
            return []
        gone = set(dropped)
        kept = [f for f in earlier if f[0] not in gone]
        with self._reading() as conn:
            top = _top_paragraph(conn)
            if len(added) > max(CAUGHT_UP_MOST, top // 8):
                return None  # most of the corpus is new: a trace with its bounds costs less
            new: list[Placed] = []
            if len(added):
                ids = np.unique(np.asarray(added, dtype=np.int64))
                # Every added paragraph is scored (``counted``: the word count is only a shortcut).
                some = Snapshot.load_some(conn, generation(conn), ids)
                new, _ = placed_trace(conn, some, phrase_norm, min_score, counted=True)
            return caught_up(conn, kept, new)

    def generation(self) -> str:
        """Which state of the store a read sees now (``store.generation``)."""
        with self._reading() as conn:
            return generation(conn)

    def preload(self) -> None:
        """Read what queries need into memory now (a worker's job): the first trace is then as quick."""
        with self._reading() as conn:
            self._loaded(conn)

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """A read connection in one snapshot of the index, even while an update commits.

        The main read connection, unless another thread reads through it (a
        file, not memory): then one of the extra ones, opened when first needed
        and kept for the next.
        """
        if self.path is not None and not self._read_lock.acquire(blocking=False):
            with self._extra_reader() as conn:
                yield conn
            return
        try:
            if self.path is None:
                self._read_lock.acquire()
            conn = self._read
            if conn.in_transaction:  # in memory, called back from inside an update (or a read)
                yield conn
                return
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.execute("COMMIT")
        finally:
            self._read_lock.release()

    @contextlib.contextmanager
    def _extra_reader(self) -> Iterator[sqlite3.Connection]:
        assert self.path is not None
        try:
            conn = self._idle.pop()  # (atomic: no lock needed)
        except IndexError:
            conn = reader_connection(self.path)
            self._opened.append(conn)
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            with contextlib.suppress(sqlite3.Error):  # closed with the index meanwhile
                conn.execute("COMMIT")
            if conn in self._opened:
                self._idle.append(conn)

    @contextlib.contextmanager
    def reading(self) -> Iterator[tuple[sqlite3.Connection, Snapshot]]:
        """One consistent read of the index and its in-memory snapshot (for other planners: ``similar``)."""
        with self._reading() as conn:
            yield conn, self._loaded(conn)

    def _trace(self, conn: sqlite3.Connection, phrase_norm: str, min_score: float) -> list[TraceHit]:
        hits, self.last_plan = run_trace(conn, self._loaded(conn), phrase_norm, min_score)
        return hits

    def tracer(
        self,
        *,
        min_score: float = DEFAULT_TRACE_SCORE,
        pause: Callable[[], None] | None = None,
        aside: bool = False,
    ) -> IndexTracer:
        """What ``compare(..., tracer=...)`` asks for "also occurs in" (see :class:`IndexTracer`);
        ``pause`` is called before each phrase's work (a caller's way to let other work go first);
        ``aside`` lets a process with one thread (the command line) share a long comparison's
        phrases with a second process (``recurrence_aside``)."""
        return IndexTracer(self, min_score, pause, aside)

    def _loaded(self, conn: sqlite3.Connection) -> Snapshot:
        """The words and paragraphs queries read, loaded once per index generation.

        A generation is the update count and the file's creation stamp: a file
        rebuilt from nothing (after damage, by this or another program) counts
        its updates from 0 again and must not be taken for the one in memory.
        """
        current = generation(conn)
        snap = self._snapshot
        if snap is not None and snap.generation == current:
            return snap
        with self._snapshot_lock:
            snap = self._snapshot
            if snap is None or snap.generation != current:
                self._snapshot = None  # let the old one go before loading the new one
                snap = self._snapshot = self._load_snapshot(conn, current)
        return snap

    def _load_snapshot(self, conn: sqlite3.Connection, current: str) -> Snapshot:
        """The snapshot from its file beside the index (``sidecar``), else from SQLite (then saved).

        Streaming every paragraph's word ids out of SQLite took most of a
        second on 10,000 documents; the same arrays read from one file take a
        few hundredths.
        """
        snap = self._saved_snapshot(current)
        return snap if snap is not None else save_snapshot(conn, self.path, current)

    def _saved_snapshot(self, current: str) -> Snapshot | None:
        return saved_snapshot(self.path, current)

    # ------------------------------------------------------------------ facts

    def size_bytes(self) -> int:
        if self.path is None:
            return 0
        return sum(p.stat().st_size for p in db_files(self.path) if p.exists())

    def document_count(self) -> int:
        with self._read_lock:
            return int(self._read.execute("SELECT COUNT(*) FROM files").fetchone()[0])

    def paragraph_count(self) -> int:
        with self._read_lock:
            return int(self._read.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0])


def _top_paragraph(conn: sqlite3.Connection) -> int:
    """The highest paragraph id: about how many paragraphs the index holds, without counting them."""
    return int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM paragraphs").fetchone()[0])


class IndexTracer:
    """``compare``'s "also occurs in" from an index: a ``phrase -> Recurrence`` callable, and
    :meth:`many` for every phrase of a comparison at once.

    One ``RecurrenceSearch`` serves every phrase (words, postings and paragraph
    facts read once), anew when the index has changed in between.
    """

    def __init__(
        self,
        index: CorpusIndex,
        min_score: float,
        pause: Callable[[], None] | None = None,
        aside: bool = False,
    ) -> None:
        self._index = index
        self._min_score = min_score
        self._pause = pause
        self._aside = aside  # part of a long comparison's phrases may be looked for in another process
        self._search: RecurrenceSearch | None = None

    def __call__(self, phrase: str) -> Recurrence:
        return self.many([phrase])[0]

    def many(self, phrases: Sequence[str], skip_docs: Collection[str] = ()) -> list[Recurrence]:
        """Where each of ``phrases`` recurs, leaving out documents ``skip_docs`` (the compared ones)."""
        norms = [normalize_phrase(p) for p in phrases]
        index = self._index
        with index._reading() as conn:
            snap = index._loaded(conn)
            if self._search is None or self._search.snap is not snap:
                self._search = RecurrenceSearch(conn, snap, self._min_score, self._pause)
            return self._search.find_many(norms, skip_docs, aside=index.path if self._aside else None)
