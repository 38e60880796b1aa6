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
2. ``trace``'s own LCS filter (one ``rapidfuzz`` ``cdist`` over the stored words);
3. a window bound: the run ``score_paragraph`` scores starts with one word and
   continues with words starting inside a ``partial_ratio`` window no longer
   than the phrase, so its word half is bounded by the densest run of phrase
   words of that extent (see :func:`_window_can_reach`).

The survivors are scored with ``score_paragraph`` and sorted as ``trace`` sorts
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
import threading
import time
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from reader.core.errors import InputError
from reader.core.model import Document, TraceHit
from reader.core.textnorm import tokens
from reader.core.trace import DEFAULT_TRACE_SCORE, min_shared_words, normalize_phrase, score_paragraph

SCHEMA_VERSION = 2
CACHE_ENV = "RESOLUTION_READER_CACHE"
APP_NAME = "resolution-reader"

Progress = Callable[[int, int], bool]
"""``progress(done, total)``; return False to cancel the update."""


class CorpusLike(Protocol):
    """What the index needs from :class:`reader.core.corpus.Corpus`."""

    @property
    def entries(self) -> Sequence[Any]: ...

    def document(self, entry: Any) -> Document: ...


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
    scored: int = 0  # paragraphs passing every filter, scored exactly


@dataclass
class _Row:
    file_id: int
    size: int
    mtime_ns: int
    sha256: str
    meta: str


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
    folders = sorted({str(Path(e.path).resolve().parent) for e in corpus.entries})
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
        data: Any = dataclasses.asdict(entry)
    else:
        data = dict(getattr(entry, "__dict__", {})) or repr(entry)
    return json.dumps(data, sort_keys=True, default=str)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --------------------------------------------------------------------------- the index


class CorpusIndex:
    """A corpus index in one SQLite file. Safe to share between a GUI thread and a worker."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self.last_plan: QueryPlan | None = None

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
            return cls(_connect(path), path)
        except (sqlite3.DatabaseError, _Stale):
            if path is None:
                raise
            _delete_db(path)
            return cls(_connect(path), path)

    @classmethod
    def for_corpus(cls, corpus: CorpusLike, cache: str | Path | None = None) -> CorpusIndex:
        """Open the default index file of ``corpus`` (call :meth:`update` before tracing)."""
        return cls.open(default_db_path(corpus, cache))

    def close(self) -> None:
        with self._lock:
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
                stats = self._transaction(corpus, entries, progress)
            except sqlite3.DatabaseError:
                if self.path is None:
                    raise
                # A damaged file: the index is only a cache, so start again from nothing.
                self._reset()
                stats = self._transaction(corpus, entries, progress)
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
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()
        _delete_db(self.path)
        self._conn = _connect(self.path)

    def _update(
        self, conn: sqlite3.Connection, corpus: CorpusLike, entries: list[Any], progress: Progress | None
    ) -> IndexStats:
        known: dict[str, _Row] = {
            r[0]: _Row(r[1], r[2], r[3], r[4], r[5])
            for r in conn.execute("SELECT path, id, size, mtime_ns, sha256, meta FROM files")
        }
        added = updated = unchanged = 0
        problems: list[str] = []
        seen: set[str] = set()
        postings = _PostingChanges()
        for order, entry in enumerate(entries):
            if progress is not None and not progress(order, len(entries)):
                raise _Cancelled
            path = Path(entry.path).resolve()
            key = str(path)
            if key in seen:
                continue
            seen.add(key)
            row = known.get(key)
            meta = _meta_fingerprint(entry)
            try:
                st = path.stat()
                same_stat = row is not None and (row.size, row.mtime_ns) == (st.st_size, st.st_mtime_ns)
                sha = "" if same_stat else _sha256(path)
            except OSError as exc:
                problems.append(f"{entry.path}: cannot be read ({exc.strerror})")
                seen.discard(key)  # dropped from the index below, like a vanished file
                continue
            if row is not None and row.meta == meta and (same_stat or row.sha256 == sha):
                conn.execute(
                    "UPDATE files SET ord=?, size=?, mtime_ns=? WHERE id=?",
                    (order, st.st_size, st.st_mtime_ns, row.file_id),
                )
                unchanged += 1
                continue
            sha = sha or _sha256(path)
            try:
                doc = _parse(corpus, entry)
            except InputError as exc:
                problems.append(str(exc))
                seen.discard(key)
                continue
            if row is not None:
                _remove_file(conn, row.file_id, postings)
                updated += 1
            else:
                added += 1
            _add_file(conn, key, order, st, sha, meta, doc, postings)
        removed = 0
        for key, row in known.items():
            if key not in seen:
                _remove_file(conn, row.file_id, postings)
                removed += 1
        postings.write(conn)
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
        with self._lock:
            need = min_shared_words(phrase_norm, min_score)
            if need <= 0:
                ids = [r[0] for r in self._conn.execute("SELECT id FROM paragraphs")]
                plan = QueryPlan("scan", candidates=len(ids))
            else:
                ids = self._count_filter(phrase_norm, need)
                plan = QueryPlan("index", min_words=need, candidates=len(ids))
            hits, scored = self._score(phrase_norm, ids, min_score)
            self.last_plan = dataclasses.replace(plan, scored=scored)
        return hits

    def tracer(self, *, min_score: float = DEFAULT_TRACE_SCORE) -> Callable[[str], list[TraceHit]]:
        """A ``phrase -> hits`` callable for ``compare(..., tracer=...)`` ("also occurs in")."""

        def run(phrase: str) -> list[TraceHit]:
            return self.trace(phrase, min_score=min_score)

        return run

    def _count_filter(self, phrase_norm: str, need: int) -> list[int]:
        """Paragraphs holding at least ``need`` of the phrase's words (counted with repeats)."""
        mult = Counter(phrase_norm.split())
        qmarks = ",".join("?" * len(mult))
        rows = self._conn.execute(
            "SELECT t.term, p.ids FROM terms t JOIN postings p ON p.term_id = t.id"
            f" WHERE t.term IN ({qmarks})",
            list(mult),
        ).fetchall()
        if sum(mult[t] for t, _ in rows) < need:
            return []
        arrays = [np.frombuffer(blob, dtype="<u4") for _, blob in rows]
        weights = [np.full(len(a), mult[t], dtype=np.int32) for (t, _), a in zip(rows, arrays, strict=True)]
        ids = np.concatenate(arrays)
        counts = np.bincount(ids, weights=np.concatenate(weights))
        return [int(i) for i in np.nonzero(counts >= need)[0]]

    def _score(self, phrase_norm: str, cands: Sequence[int], min_score: float) -> tuple[list[TraceHit], int]:
        """Run trace's own filter and scoring on the candidate paragraphs, sorted as trace sorts."""
        conn = self._conn
        rows: list[tuple[int, str]] = []
        for chunk in _chunks(sorted(cands), 500):
            q = f"SELECT id, words FROM paragraphs WHERE id IN ({','.join('?' * len(chunk))})"
            rows += conn.execute(q, chunk).fetchall()
        para_words = [tuple(w.split(_SEP)) if w else () for _, w in rows]
        keep = _lcs_filter(phrase_norm, para_words, min_score)
        keep = [k for k in keep if _window_can_reach(phrase_norm, para_words[k], min_score)]
        ids = [rows[k][0] for k in keep]
        select = (
            "SELECT p.idx, p.label, p.text, f.ord, f.doc_id, f.symbol, f.year"
            " FROM paragraphs p JOIN files f ON f.id = p.file_id"
        )
        hits: list[tuple[int, int, TraceHit]] = []
        for chunk in _chunks(ids, 500):
            q = f"{select} WHERE p.id IN ({','.join('?' * len(chunk))})"
            for idx, label, text, order, doc_id, symbol, year in conn.execute(q, chunk):
                found = score_paragraph(phrase_norm, text)
                if found is None or found[0] < min_score:
                    continue
                score, start, end = found
                hit = TraceHit(doc_id, symbol, year, label, score, text[start:end], idx, start, end)
                hits.append((order, idx, hit))
        hits.sort(key=lambda h: (-h[2].score, h[0], h[1]))
        return [h[2] for h in hits], len(keep)

    # ------------------------------------------------------------------ facts

    def size_bytes(self) -> int:
        if self.path is None:
            return 0
        return sum(p.stat().st_size for p in _db_files(self.path) if p.exists())

    def document_count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM files").fetchone()[0])

    def paragraph_count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0])


# --------------------------------------------------------------------------- filters


def _lcs_filter(phrase_norm: str, para_words: Sequence[tuple[str, ...]], min_score: float) -> list[int]:
    """``trace.candidates`` on stored word lists (no re-tokenising): the same sound LCS filter."""
    need = min_shared_words(phrase_norm, min_score)
    if need == 0 or not para_words:
        return list(range(len(para_words)))
    phrase_words = phrase_norm.split()
    dist = process.cdist([phrase_words], para_words, scorer=Indel.distance, dtype=np.int32)[0]
    lens = np.array([len(w) for w in para_words])
    lcs = (len(phrase_words) + lens - dist) // 2
    return [int(k) for k in np.nonzero(lcs >= need)[0]]


def _window_can_reach(phrase_norm: str, para_words: Sequence[str], min_score: float) -> bool:
    """False only when no window ``score_paragraph`` may pick can reach ``min_score``.

    ``score_paragraph`` scores a run of whole words ``f..l`` whose words after
    the first start inside the ``partial_ratio`` window, which is no longer than
    the phrase. Its word half is ``50 * 2 * LCS / (P + W)`` for a run of W words,
    and LCS is at most the run's count k of phrase words; trimming the run to
    its first and last phrase word only raises ``2k / (P + W)``. So the best
    run between two phrase words bounds the word half, and the character half
    is at most 50. The score is rounded to 0.1, hence the 0.05 of slack.
    """
    target = (min_score - 0.05 - 1e-6 - 50.0) / 50.0  # the word similarity a hit needs
    if target <= 0:
        return True
    phrase_words = phrase_norm.split()
    wanted = set(phrase_words)
    hits = [n for n, w in enumerate(para_words) if w in wanted]
    # Fewer phrase words than 2k / (P + k) >= target allows: no run can do.
    if 2.0 * len(hits) < target * (len(phrase_words) + len(hits)):
        return False
    span = len(phrase_norm)
    cum = list(accumulate(map(len, para_words), initial=0))  # word n starts at cum[n] + n
    starts = [cum[n] + n for n in range(len(cum))]
    # A run from phrase word hits[a] to hits[b] qualifies when
    # 2(b - a + 1) / (P + hits[b] - hits[a] + 1) >= target, i.e. g(b) - g(a) >= c
    # with g(x) = 2x - target * hits[x]: keep the smallest g(a) over the runs
    # that fit in the window (a sliding-window minimum), so the test is linear.
    c = target * (len(phrase_words) + 1) - 2.0 - 1e-9
    g = [2.0 * x - target * h for x, h in enumerate(hits)]
    window: deque[int] = deque()
    lo = 0
    for b, h in enumerate(hits):
        while window and g[window[-1]] >= g[b]:
            window.pop()
        window.append(b)
        while lo < b and starts[h] - starts[hits[lo] + 1] >= span:
            lo += 1
        while window[0] < lo:
            window.popleft()
        if g[b] - g[window[0]] >= c:
            return _capped_run_can_reach(phrase_words, para_words, hits, starts, span, target)
    return False


def _capped_run_can_reach(
    phrase_words: Sequence[str],
    para_words: Sequence[str],
    hits: Sequence[int],
    starts: Sequence[int],
    span: int,
    target: float,
) -> bool:
    """The same bound with each word counted at most as often as the phrase has it.

    "of the countries of the" holds five phrase words but can match only one
    "of" and one "the" of "the recognition of ... countries". Quadratic in the
    phrase words found, so it only runs where the linear bound let a paragraph through.
    """
    mult = Counter(phrase_words)
    n_phrase = len(phrase_words)
    for a, i in enumerate(hits):
        used: Counter[str] = Counter()
        k = 0
        for b in range(a, len(hits)):
            j = hits[b]
            if j > i and starts[j] - starts[i + 1] >= span:
                break
            w = para_words[j]
            if used[w] < mult[w]:
                used[w] += 1
                k += 1
                if 2.0 * k >= target * (n_phrase + j - i + 1):
                    return True
    return False


# --------------------------------------------------------------------------- storage

_SEP = "\x1f"  # joins a paragraph's words in storage; never part of a word


class _Cancelled(Exception):
    pass


class _Stale(Exception):
    """The file is an index of another schema or parser version."""


def _connect(path: Path | None) -> sqlite3.Connection:
    """Open the SQLite file, creating the schema, or raise if it is not our index."""
    conn = sqlite3.connect(
        str(path) if path is not None else ":memory:",
        timeout=30.0,
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
            label TEXT NOT NULL, text TEXT NOT NULL, words TEXT NOT NULL);
        CREATE INDEX paragraphs_by_file ON paragraphs(file_id);
        CREATE TABLE terms(term TEXT PRIMARY KEY, id INTEGER NOT NULL UNIQUE) WITHOUT ROWID;
        CREATE TABLE postings(term_id INTEGER PRIMARY KEY, ids BLOB NOT NULL);
        COMMIT;
        """
    )
    conn.execute("INSERT INTO meta(key, value) VALUES ('fingerprint', ?)", (fingerprint,))


class _PostingChanges:
    """Paragraph ids to add to and drop from each word's posting list, written once per update.

    Rewriting a word's sorted id blob once per update (not once per file) keeps
    a first build of ten thousand documents to one write per distinct word.
    """

    def __init__(self) -> None:
        self.added: defaultdict[str, array[int]] = defaultdict(lambda: array("I"))
        self.dropped: defaultdict[str, array[int]] = defaultdict(lambda: array("I"))

    def add(self, pid: int, words: Sequence[str]) -> None:
        for w in set(words):
            self.added[w].append(pid)

    def drop(self, pid: int, words: Sequence[str]) -> None:
        for w in set(words):
            self.dropped[w].append(pid)

    def write(self, conn: sqlite3.Connection) -> None:
        changed = sorted(set(self.added) | set(self.dropped))
        ids = dict(conn.execute("SELECT term, id FROM terms").fetchall()) if changed else {}
        next_id = max(ids.values(), default=0) + 1
        new_terms: list[tuple[str, int]] = []
        for term in changed:
            tid = ids.get(term)
            old = np.empty(0, dtype="<u4")
            if tid is None:
                tid = ids[term] = next_id
                next_id += 1
                new_terms.append((term, tid))
            else:
                row = conn.execute("SELECT ids FROM postings WHERE term_id=?", (tid,)).fetchone()
                if row is not None:
                    old = np.frombuffer(row[0], dtype="<u4")
            if term in self.dropped:
                old = old[~np.isin(old, np.frombuffer(self.dropped[term], dtype=np.uint32))]
            if term in self.added:
                old = np.concatenate([old, np.frombuffer(self.added[term], dtype=np.uint32).astype("<u4")])
            old = np.unique(old)
            if len(old):
                conn.execute(
                    "INSERT OR REPLACE INTO postings(term_id, ids) VALUES (?, ?)", (tid, old.tobytes())
                )
            else:
                conn.execute("DELETE FROM postings WHERE term_id=?", (tid,))
        conn.executemany("INSERT INTO terms(term, id) VALUES (?, ?)", new_terms)
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
    postings: _PostingChanges,
) -> None:
    cur = conn.execute(
        "INSERT INTO files(path, ord, size, mtime_ns, sha256, meta, doc_id, symbol, year)"
        " VALUES (?,?,?,?,?,?,?,?,?)",
        (key, order, st.st_size, st.st_mtime_ns, sha, meta, doc.id, doc.metadata.symbol, doc.metadata.year),
    )
    file_id = cur.lastrowid
    for idx, para in enumerate(doc.paragraphs):
        words = [t.norm for t in tokens(para.text)]
        cur = conn.execute(
            "INSERT INTO paragraphs(file_id, idx, label, text, words) VALUES (?,?,?,?,?)",
            (file_id, idx, para.label, para.text, _SEP.join(words)),
        )
        assert cur.lastrowid is not None
        postings.add(cur.lastrowid, words)


def _remove_file(conn: sqlite3.Connection, file_id: int, postings: _PostingChanges) -> None:
    for pid, words in conn.execute("SELECT id, words FROM paragraphs WHERE file_id=?", (file_id,)).fetchall():
        postings.drop(pid, words.split(_SEP) if words else [])
    conn.execute("DELETE FROM paragraphs WHERE file_id=?", (file_id,))
    conn.execute("DELETE FROM files WHERE id=?", (file_id,))


def _parse(corpus: CorpusLike, entry: Any) -> Document:
    """Parse one entry without leaving it in the corpus's document cache.

    Indexing walks the whole corpus once; keeping every parsed document in
    memory would cost hundreds of megabytes on a large corpus.
    """
    cache = getattr(corpus, "_cache", None)
    was_cached = isinstance(cache, dict) and getattr(entry, "id", None) in cache
    doc = corpus.document(entry)
    if isinstance(cache, dict) and not was_cached:
        cache.pop(getattr(entry, "id", None), None)
    return doc


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _db_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _delete_db(path: Path) -> None:
    for p in _db_files(path):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
