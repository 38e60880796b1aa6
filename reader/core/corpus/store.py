"""The index's store: one SQLite file per corpus in the user's cache folder, never in the corpus.

It keeps each corpus file's parsed document (``doccodec``: a later run reads
it instead of parsing the file again; the paragraph texts are kept there only),
each file's paragraphs' normalised word ids (one compressed blob per file), a
row per paragraph (its file, place and label), an inverted word index (for each
word, the sorted ids of the paragraphs holding it, delta-encoded and compressed,
in segments: an update adds a small segment instead of rewriting a list of two
million ids, and segments are merged when they pile up), and for each corpus
file its path, size, mtime, SHA-256 and catalogue entry, so an update parses
only the files that changed, appeared or disappeared.

Readers see the stored layout through two views made on every connection
(:func:`attach_views`): ``paragraphs(id, file_id, idx, label, text, ids)`` and
``postings(term_id, ids)``, the ids as little-endian uint32 bytes, as before.
This module is the only writer of the store (``sync`` calls it); everything
else reads. ``apply_update`` is one transaction; ``sync`` (opening a folder)
commits in batches, each leaving a consistent store. numpy is imported only
where postings are written or read, so listing a corpus never loads it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import glob
import hashlib
import json
import os
import sqlite3
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from reader.core.corpus import doccodec
from reader.core.corpus.sources import Resolver
from reader.core.errors import InputError
from reader.core.model import Document
from reader.core.progress import Cancelled, Progress
from reader.core.textnorm import WORD, fold_word

SCHEMA_VERSION = 8  # 4: files.doc holds the parsed document; 5: skipped files remembered; 6: parts;
# 7: texts once, word ids a blob a file, postings compressed in segments; 8: each segment's id count
MAX_SEGMENTS = 8  # posting segments of one word before its newer ones are merged
CACHE_ENV = "RESOLUTION_READER_CACHE"
_BUSY_TIMEOUT = 30.0  # seconds to wait for another program (GUI, CLI) writing the same index
APP_NAME = "resolution-reader"


class CorpusLike(Protocol):
    """What the index needs from :class:`reader.core.corpus.collection.Corpus`.

    A corpus opened from its store (``sync``) says which (``db_path``, or ``store`` when it is
    kept in memory) and at which state (``synced``, the store's generation); one made in
    memory has None for all three.
    """

    db_path: Path | None
    synced: str | None

    @property
    def entries(self) -> Sequence[Any]: ...

    @property
    def size(self) -> int: ...

    @property
    def store(self) -> Any: ...  # collection.DocumentStore | None

    def document(self, entry: Any, *, keep: bool = True) -> Document: ...


@dataclass(frozen=True)
class IndexStats:
    """What one :meth:`CorpusIndex.update` did."""

    files: int = 0  # corpus entries seen
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    paragraphs: int = 0  # paragraphs in the index after an update (not counted when there was none to do)
    seconds: float = 0.0
    db_bytes: int = 0
    cancelled: bool = False
    problems: tuple[str, ...] = ()  # files that could not be read (left out of the index)


@dataclass
class StoredFile:
    """A row of the ``files`` table, as an update compares it with the file on disk.

    A row is one document: a file holding several texts (a volume page) has a row per text,
    ``part`` 1, 2, … (0: the file is one document). ``read_files`` gives the file's first row,
    with every row of the file in ``parts``.
    """

    file_id: int
    size: int
    mtime_ns: int
    sha256: str
    meta: str
    order: int
    fields: object  # ``meta`` decoded (None: not readable)
    part: int = 0
    parts: list[StoredFile] = field(default_factory=list)  # every row of the file, in part order


def read_files(conn: sqlite3.Connection, paths: Sequence[str] | None = None) -> dict[str, StoredFile]:
    """Every stored file by path (or those of ``paths`` only), its metadata decoded in one go
    (ten thousand ``json.loads`` cost more)."""
    select = "SELECT path, id, size, mtime_ns, sha256, meta, ord, part FROM files"
    if paths is None:
        rows = conn.execute(f"{select} ORDER BY part").fetchall()
    else:
        rows = []
        for i in range(0, len(paths), 900):  # SQLite takes at most 999 parameters in one statement
            chunk = paths[i : i + 900]
            rows += conn.execute(f"{select} WHERE path IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        rows.sort(key=lambda r: r[7])
    try:
        metas = json.loads("[" + ",".join(r[5] for r in rows) + "]")
    except ValueError:
        metas = [_load_meta(r[5]) for r in rows]
    out: dict[str, StoredFile] = {}
    for r, m in zip(rows, metas, strict=True):
        row = StoredFile(r[1], r[2], r[3], r[4], r[5], r[6], m, r[7])
        first = out.setdefault(r[0], row)
        first.parts.append(row)
    return out


def read_skipped(conn: sqlite3.Connection) -> dict[str, tuple[int, int, str]]:
    """Files found not to be documents, by path: (size, mtime_ns, why); parsed again only once changed."""
    return {r[0]: (r[1], r[2], r[3]) for r in conn.execute("SELECT path, size, mtime_ns, why FROM skipped")}


def _load_meta(meta: str) -> object:
    try:
        return json.loads(meta)
    except ValueError:
        return None


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


def store_file(folders: Sequence[str], cache: str | Path | None = None) -> Path:
    """The one store of a list of corpus folders (resolved paths, each once), in the cache folder.

    Named the same however the folders were opened (``sync.store_path`` for folders listed,
    ``default_db_path`` for a corpus made in memory from their files), so one folder has one store.
    """
    key = hashlib.sha256("\n".join(dict.fromkeys(folders)).encode("utf-8")).hexdigest()[:16]
    return cache_dir(cache) / f"corpus-{key}.sqlite3"


def default_db_path(corpus: CorpusLike, cache: str | Path | None = None) -> Path:
    """The store of the folders a corpus's files are in, so switching corpora does not thrash one."""
    if corpus.db_path is not None:
        return Path(corpus.db_path)  # opened from its store: indexed there
    resolve = _Resolver()
    return store_file(sorted({os.path.dirname(resolve(e.path)) for e in corpus.entries}), cache)


def _parser_fingerprint() -> str:
    """Changes whenever what makes a stored document changes, so stale paragraphs are never served.

    ``fingerprint.parser_fingerprint`` hashes the modules the parse workers use; ``words_of``
    below is versioned apart: changing it means a new ``SCHEMA_VERSION``.
    """
    from reader.core.corpus.fingerprint import parser_fingerprint

    return parser_fingerprint()


def _meta_fingerprint(entry: Any) -> str:
    """What the catalogue says about a file: a change there re-parses it like a changed text."""
    if dataclasses.is_dataclass(entry) and not isinstance(entry, type):
        data: Any = {f.name: getattr(entry, f.name) for f in dataclasses.fields(entry)}  # asdict deep-copies
    else:
        data = dict(getattr(entry, "__dict__", {})) or repr(entry)
    return json.dumps(data, sort_keys=True, default=str)


_Resolver = Resolver  # one folder resolved once for many files (see sources.Resolver)


def sha256_of(path: Path) -> str:
    """The file's content hash, read a megabyte at a time (decides a changed file when its mtime moved)."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --------------------------------------------------------------------------- storage


class Stale(Exception):
    """The file is an index of another schema or parser version."""


def is_damage(exc: BaseException) -> bool:
    """A file that is not (or no longer) a sound index, as opposed to a locked or read-only one."""
    if isinstance(exc, Stale):
        return True
    name = getattr(exc, "sqlite_errorname", "")
    return name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or type(exc) is sqlite3.DatabaseError


def reader_connection(path: Path) -> sqlite3.Connection:
    """A second connection to the same file, for traces."""
    conn = sqlite3.connect(str(path), timeout=_BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
    attach_views(conn)
    return conn


def open_db(path: Path | None) -> sqlite3.Connection:
    """Open (or create) the store at ``path``; ``None`` keeps it in memory.

    A file that is not a readable store of this version is deleted and created
    afresh: the store is a cache, so it is rebuilt, never a crash. A folder or
    file that cannot be written is an ``InputError`` in one sentence.
    """
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(path.parent, f"cannot create the index folder ({exc.strerror})") from exc
    try:
        try:
            return connect(path)
        except (sqlite3.DatabaseError, Stale) as exc:
            if path is None or not is_damage(exc):
                raise
            delete_db(path)
            return connect(path)
    except sqlite3.Error as exc:  # unwritable folder, read-only file, locked: say so in one line
        raise InputError(path or ":memory:", f"cannot open the corpus index ({exc})") from exc


def generation(conn: sqlite3.Connection) -> str:
    """Which state of the store this is: its creation stamp and update count."""
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('generation', 'created')"))
    return f"{meta.get('created', '')}:{meta.get('generation', '')}"


def connect(path: Path | None) -> sqlite3.Connection:
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
        conn.execute("PRAGMA cache_size=-32768")  # 32 MB: a build's inserts touch many pages
        fingerprint = f"{SCHEMA_VERSION}:{_parser_fingerprint()}"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" in tables:
            stored = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if stored.get("fingerprint") != fingerprint:
                raise Stale
        else:
            if tables:
                raise Stale  # some other database: not ours to keep
            _create_schema(conn, fingerprint)
        attach_views(conn)
        return conn
    except BaseException:
        conn.close()
        raise


def _create_schema(conn: sqlite3.Connection, fingerprint: str) -> None:
    # The blobs (``docs``) apart from the files' facts, so reading every file's facts reads no blob.
    # Paragraph ids are never reused (AUTOINCREMENT): a posting segment can say "these ids left"
    # without saying which list they were in, and saved word ids follow the store by id.
    conn.executescript(
        """
        BEGIN;
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE files(
            id INTEGER PRIMARY KEY, path TEXT NOT NULL, part INTEGER NOT NULL DEFAULT 0,
            ord INTEGER NOT NULL,
            size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL, meta TEXT NOT NULL,
            doc_id TEXT NOT NULL, symbol TEXT NOT NULL, year INTEGER, UNIQUE(path, part));
        CREATE TABLE docs(file_id INTEGER PRIMARY KEY, doc BLOB NOT NULL, words BLOB NOT NULL);
        CREATE TABLE paras(
            id INTEGER PRIMARY KEY AUTOINCREMENT, file_id INTEGER NOT NULL, idx INTEGER NOT NULL,
            label TEXT NOT NULL);
        CREATE INDEX paras_by_file ON paras(file_id);
        CREATE TABLE terms(term TEXT PRIMARY KEY, id INTEGER NOT NULL UNIQUE) WITHOUT ROWID;
        CREATE TABLE posts(
            term_id INTEGER NOT NULL, seg INTEGER NOT NULL, kind INTEGER NOT NULL, n INTEGER NOT NULL,
            ids BLOB NOT NULL, PRIMARY KEY(term_id, seg, kind)) WITHOUT ROWID;
        CREATE TABLE skipped(
            path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, why TEXT NOT NULL);
        COMMIT;
        """
    )
    conn.executemany(
        "INSERT INTO meta(key, value) VALUES (?, ?)",
        [("fingerprint", fingerprint), ("generation", "0"), ("created", os.urandom(8).hex()), ("seg", "0")],
    )


# --------------------------------------------------------------------------- encodings and views


def encode_postings(ids: Any) -> bytes:
    """Sorted paragraph ids (numpy uint32) as bytes: the width of the largest gap, then the gaps, zlib'd.

    The lists of common words are dense (gaps of 1 to 3): a byte a gap, then
    compressed, instead of four bytes an id.
    """
    import numpy as np

    gaps = np.diff(ids.astype(np.int64), prepend=0)
    top = int(gaps.max()) if len(gaps) else 0
    return _gaps(gaps, top)


def _gaps(gaps: Any, top: int) -> bytes:
    """The gaps, each in the fewest bytes that hold ``top``: compressed, unless a few (zlib's set-up
    costs more than it saves there: the width's high bit says so)."""
    width = 1 if top < 1 << 8 else 2 if top < 1 << 16 else 4
    raw = gaps.astype(f"<u{width}").tobytes()
    if len(raw) < _RAW_BELOW:
        return bytes([width | 0x80]) + raw
    return bytes([width]) + zlib.compress(raw, 1)


_RAW_BELOW = 64  # bytes of gaps stored as they are


def decode_postings(blob: bytes) -> Any:
    """The sorted ids :func:`encode_postings` was given (numpy uint32)."""
    import numpy as np

    width = blob[0]
    raw = blob[1:] if width & 0x80 else zlib.decompress(blob[1:])
    return np.cumsum(np.frombuffer(raw, dtype=f"<u{width & 0x7F}"), dtype=np.uint32)


@dataclass(frozen=True)
class FileWords:
    """A file's paragraphs' normalised words, numbered within the file (a parse worker makes it).

    The process writing the store then looks up each distinct word once per
    file, not every word of every paragraph.
    """

    distinct: tuple[str, ...]  # the file's words, each once
    counts: bytes  # uint32 (native order): each paragraph's number of words
    local: bytes  # uint32 (native order): every paragraph's words, as indexes into ``distinct``


def file_words(texts: Iterable[str]) -> FileWords:
    """The words of paragraphs ``texts`` (``words_of``), numbered within the file."""
    local: dict[str, int] = {}
    counts = array("I")
    ids = array("I")
    for text in texts:
        words = words_of(text)
        counts.append(len(words))
        ids.extend([local.setdefault(w, len(local)) for w in words])
    return FileWords(tuple(local), counts.tobytes(), ids.tobytes())


def encode_words(counts: Any, ids: Any) -> bytes:
    """A file's paragraphs' word ids (numpy): the count, each paragraph's length, then the ids
    (little-endian uint32), zlib'd."""
    head = len(counts).to_bytes(4, "little")
    return zlib.compress(head + counts.astype("<u4").tobytes() + ids.astype("<u4").tobytes(), 1)


def decode_words(blob: bytes) -> tuple[bytes, list[int]]:
    """(every word id of the file as little-endian uint32 bytes, offsets): paragraph k's ids are
    the bytes ``[4 * offsets[k], 4 * offsets[k + 1])``."""
    raw = zlib.decompress(blob)
    n = int.from_bytes(raw[:4], "little")
    lens = array("I")
    lens.frombytes(raw[4 : 4 + 4 * n])
    if sys.byteorder != "little":
        lens.byteswap()
    offsets = [0] * (n + 1)
    total = 0
    for k, m in enumerate(lens):
        total += m
        offsets[k + 1] = total
    return raw[4 + 4 * n :], offsets


def stored_word_ids(conn: sqlite3.Connection) -> tuple[Any, Any, Any]:
    """Every paragraph's word ids: (paragraph ids ascending, word counts, the ids end to end), numpy.

    One blob per file decoded (a file's paragraphs have consecutive ids), not a
    row per paragraph: what a new snapshot of the index (``query.Snapshot``) reads.
    """
    import numpy as np

    files = conn.execute(
        "SELECT file_id, MIN(id), COUNT(*), MAX(id) FROM paras GROUP BY file_id ORDER BY MIN(id)"
    ).fetchall()
    pids = np.empty(sum(r[2] for r in files), dtype=np.int64)
    counts = np.empty(len(pids), dtype=np.int64)
    words = bytearray()
    k = 0
    blob_of = "SELECT words FROM docs WHERE file_id=?"
    for file_id, first, n, last in files:
        if last - first + 1 != n:
            raise ValueError("a file's paragraphs are not numbered one after another")
        raw = zlib.decompress(conn.execute(blob_of, (file_id,)).fetchone()[0])
        if int.from_bytes(raw[:4], "little") != n:
            raise ValueError("a file's word ids do not match its paragraphs")
        pids[k : k + n] = np.arange(first, first + n)
        counts[k : k + n] = np.frombuffer(raw, dtype="<u4", count=n, offset=4)
        words += memoryview(raw)[4 + 4 * n :]
        k += n
    return pids, counts, np.frombuffer(words, dtype="<u4")


class _Recent:
    """The last few blobs decoded (a view's rows of one file come one after another)."""

    def __init__(self, decode: Callable[[bytes], Any], size: int = 32) -> None:
        self.decode = decode
        self.size = size
        self.items: dict[bytes, Any] = {}

    def __call__(self, blob: bytes) -> Any:
        found = self.items.get(blob)
        if found is None:
            found = self.decode(blob)
            if len(self.items) >= self.size:
                self.items.pop(next(iter(self.items)))
            self.items[blob] = found
        return found


class _MergePostings:
    """SQL aggregate: a word's posting segments (seg, kind, ids) as one sorted uint32 list."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, int, bytes]] = []

    def step(self, seg: int, kind: int, blob: bytes) -> None:
        self.rows.append((seg, kind, blob))

    def finalize(self) -> bytes:
        result: bytes = merge_segments(self.rows).astype("<u4").tobytes()
        return result


def posting_lists(conn: sqlite3.Connection, term_ids: Sequence[int]) -> Iterator[tuple[int, Any]]:
    """(word id, its sorted paragraph ids as numpy uint32) for each of ``term_ids`` some paragraph
    holds (at most 900 of them: one statement).

    What the ``postings`` view gives, without its SQL aggregate: a word's segments come in order and
    most words have one, decoded as it is (``compare`` reads a thousand of them at once).
    """
    marks = ",".join("?" * len(term_ids))
    q = f"SELECT term_id, seg, kind, ids FROM posts WHERE term_id IN ({marks}) ORDER BY term_id, seg, kind"
    rows = conn.execute(q, list(term_ids)).fetchall()
    start = 0
    while start < len(rows):
        tid = rows[start][0]
        end = start + 1
        while end < len(rows) and rows[end][0] == tid:
            end += 1
        if end == start + 1 and rows[start][2] == 0:
            yield tid, decode_postings(rows[start][3])
        else:
            yield tid, merge_segments([r[1:] for r in rows[start:end]])
        start = end


def merge_segments(rows: Sequence[tuple[int, int, bytes]]) -> Any:
    """The ids the segments (seg, kind 0 added / 1 dropped, blob) leave, sorted (numpy uint32).

    Paragraph ids are never reused, so the list is every id added less every id dropped.
    """
    import numpy as np

    rows = sorted(rows, key=lambda r: (r[0], r[1]))
    added = [decode_postings(b) for _, kind, b in rows if kind == 0]
    dropped = [decode_postings(b) for _, kind, b in rows if kind == 1]
    if not added:
        return np.empty(0, dtype=np.uint32)
    ids = added[0] if len(added) == 1 else np.concatenate(added)
    if len(added) > 1 and np.any(ids[1:] <= ids[:-1]):
        ids = np.unique(ids)
    if dropped:
        ids = _without(ids, np.concatenate(dropped))
    return ids


def _without(ids: Any, drop: Any) -> Any:
    """Sorted ``ids`` less those in ``drop`` (a binary search, not a set of millions)."""
    import numpy as np

    if not len(drop) or not len(ids):
        return ids
    pos = np.searchsorted(ids, drop)
    inside = pos < len(ids)
    pos = pos[inside][ids[pos[inside]] == drop[inside]]
    return np.delete(ids, pos)


def attach_views(conn: sqlite3.Connection) -> None:
    """The views readers query (``paragraphs``, ``postings``) on this connection (temporary ones).

    ``paragraphs(id, file_id, idx, label, text, ids)``: the text from the file's
    document, the ids (uint32 bytes) from the file's word ids; ``postings(term_id,
    ids)``: a word's segments merged; ``posting_counts(term_id, n)``: how many
    paragraphs hold the word, without merging. A file's blob is decoded once for its rows.
    """
    from reader.core.corpus.doccodec import paragraph_texts

    texts = _Recent(paragraph_texts)
    words = _Recent(decode_words)

    def text_of(doc: bytes, idx: int) -> str:
        found: list[str] = texts(doc)
        return found[idx]

    def ids_of(blob: bytes, idx: int) -> bytes:
        raw, offsets = words(blob)
        result: bytes = raw[4 * offsets[idx] : 4 * offsets[idx + 1]]
        return result

    conn.create_function("rr_text", 2, text_of, deterministic=True)
    conn.create_function("rr_ids", 2, ids_of, deterministic=True)
    conn.create_aggregate("rr_merge", 3, _MergePostings)  # type: ignore[arg-type]  # three arguments
    conn.executescript(
        """
        CREATE TEMP VIEW IF NOT EXISTS paragraphs AS SELECT p.id AS id, p.file_id AS file_id,
            p.idx AS idx, p.label AS label,
            (SELECT rr_text(d.doc, p.idx) FROM main.docs d WHERE d.file_id = p.file_id) AS text,
            (SELECT rr_ids(d.words, p.idx) FROM main.docs d WHERE d.file_id = p.file_id) AS ids
            FROM main.paras p;
        CREATE TEMP VIEW IF NOT EXISTS postings AS
            SELECT term_id, rr_merge(seg, kind, ids) AS ids FROM main.posts GROUP BY term_id;
        CREATE TEMP VIEW IF NOT EXISTS posting_counts AS
            SELECT term_id, SUM(CASE kind WHEN 0 THEN n ELSE -n END) AS n FROM main.posts GROUP BY term_id;
        """
    )


class Vocabulary:
    """Word ids, new words numbered as they come and written at the end of the update.

    Words are looked up in the store as files bring them (and remembered), not
    all read at the start: an update of one file in a corpus of a million words
    reads the few hundred it needs.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._ids: dict[str, int] = {}
        self._next = (conn.execute("SELECT MAX(id) FROM terms").fetchone()[0] or 0) + 1
        self._new: list[tuple[str, int]] = []

    def ids(self, words: Sequence[str]) -> array[int]:
        """The ids of ``words`` (numbering the new ones)."""
        known = self._ids
        missing = [w for w in words if w not in known]
        if missing:
            self._look_up(list(dict.fromkeys(missing)))
        return array("I", [known[w] for w in words])

    def _look_up(self, words: list[str]) -> None:
        for i in range(0, len(words), 900):
            chunk = words[i : i + 900]
            q = f"SELECT term, id FROM terms WHERE term IN ({','.join('?' * len(chunk))})"
            self._ids.update(self._conn.execute(q, chunk).fetchall())
        for w in words:
            if w not in self._ids:
                self._ids[w] = self._next
                self._new.append((w, self._next))
                self._next += 1

    def write(self, conn: sqlite3.Connection) -> None:
        conn.executemany("INSERT INTO terms(term, id) VALUES (?, ?)", self._new)
        self._new = []

    def follow(self, conn: sqlite3.Connection) -> None:
        """Start a new transaction's numbering (call inside it).

        When the store's words are not those this one numbered (another program
        added some, or a transaction rolled back), what is remembered is dropped
        and looked up again.
        """
        self._conn = conn
        top = conn.execute("SELECT MAX(id) FROM terms").fetchone()[0] or 0
        if top != self._next - 1 - len(self._new):
            self._ids, self._new, self._next = {}, [], top + 1


class PostingChanges:
    """Paragraph ids to add to and drop from each word's posting list, written once per transaction.

    Each transaction writes one new segment per word it touched (the ids added,
    and those dropped), never reading or rewriting the word's older segments.
    With ``check``, a word with more than ``MAX_SEGMENTS`` segments has its newer
    ones merged (and all of them once those outweigh a quarter of the oldest);
    a build of many batches leaves that to :func:`compact_postings` at its end.
    The lists are made with numpy from every (word, paragraph) pair at once.
    """

    def __init__(self, *, check: bool = True) -> None:
        # Added and dropped: each file's paragraph ids, their word counts and word ids (numpy).
        self._files: tuple[list[tuple[Any, Any, Any]], list[tuple[Any, Any, Any]]] = ([], [])
        self.paragraphs_added: list[int] = []  # every paragraph id added and dropped (the snapshot's
        self.paragraphs_dropped: list[int] = []  # saved word ids follow them: ``query.carry_snapshot``)
        self.check = check

    def add(self, pids: Any, counts: Any, ids: Any) -> None:
        """Paragraphs ``pids`` (numpy) were added with ``counts[k]`` words each, ``ids`` end to end."""
        self.paragraphs_added += pids.tolist()
        self._files[0].append((pids, counts, ids))

    def drop(self, pids: Any, counts: Any, ids: Any) -> None:
        """Paragraphs ``pids`` were dropped (as :meth:`add`)."""
        self.paragraphs_dropped += pids.tolist()
        self._files[1].append((pids, counts, ids))

    def write(self, conn: sqlite3.Connection) -> None:
        if not self._files[0] and not self._files[1]:
            return
        seg = _next_segment(conn)
        touched: set[int] = set()
        for kind in (0, 1):
            rows = [(tid, seg, kind, n, blob) for tid, n, blob in self._lists(kind)]
            touched.update(r[0] for r in rows)
            conn.executemany("INSERT INTO posts(term_id, seg, kind, n, ids) VALUES (?, ?, ?, ?, ?)", rows)
            self._files[kind].clear()
        if self.check:
            _compact(conn, sorted(touched), full=False)
        else:  # left for ``compact_postings``, even if this build is cut short
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('merge', '1')")

    def _lists(self, kind: int) -> Iterator[tuple[int, int, bytes]]:
        """(word id, how many ids, its encoded sorted paragraph ids) for every word of the paragraphs
        of ``kind``."""
        import numpy as np

        files = self._files[kind]
        if not files:
            return
        words = np.concatenate([f[2] for f in files]).astype(np.uint64)
        pids = np.repeat(np.concatenate([f[0] for f in files]), np.concatenate([f[1] for f in files]))
        pairs = (words << np.uint64(32)) | pids.astype(np.uint64)
        pairs.sort()  # by word, then paragraph
        pairs = pairs[np.flatnonzero(np.diff(pairs, prepend=np.uint64(0)) != 0)] if len(pairs) else pairs
        word = (pairs >> np.uint64(32)).astype(np.int64)
        pid = (pairs & np.uint64(0xFFFFFFFF)).astype(np.int64)
        starts = np.flatnonzero(np.diff(word, prepend=-1))
        ends = np.append(starts[1:], len(pid))
        gaps = np.diff(pid, prepend=0)
        gaps[starts] = pid[starts]  # each list's first gap is its first id
        tops = np.maximum.reduceat(gaps, starts)
        for tid, a, b, top in zip(
            word[starts].tolist(), starts.tolist(), ends.tolist(), tops.tolist(), strict=True
        ):
            yield tid, b - a, _gaps(gaps[a:b], top)


def _next_segment(conn: sqlite3.Connection) -> int:
    conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'seg'")
    return int(conn.execute("SELECT value FROM meta WHERE key = 'seg'").fetchone()[0])


def compact_postings(conn: sqlite3.Connection) -> None:
    """Merge every word's segments into one (inside the caller's transaction; the lists stay the same)."""
    many = [r[0] for r in conn.execute("SELECT term_id FROM posts GROUP BY term_id HAVING COUNT(*) > 1")]
    _compact(conn, many, full=True)
    conn.execute("DELETE FROM meta WHERE key = 'merge'")


def pending_merge(conn: sqlite3.Connection) -> bool:
    """Whether a build of many batches left posting segments to merge (it was cut short)."""
    return conn.execute("SELECT 1 FROM meta WHERE key = 'merge'").fetchone() is not None


def _compact(conn: sqlite3.Connection, term_ids: Sequence[int], *, full: bool) -> None:
    """Merge the segments of ``term_ids``: all of them (``full``), else of words over ``MAX_SEGMENTS``.

    Not ``full``: the newer segments become one (ids added, ids dropped), and all
    of them one once those outweigh a quarter of the oldest, so a long list is
    rewritten after its word gained a quarter of its size, not after every update.
    """
    import numpy as np

    if not full:
        counts: dict[int, int] = {}
        for i in range(0, len(term_ids), 900):
            chunk = term_ids[i : i + 900]
            marks = ",".join("?" * len(chunk))
            q = f"SELECT term_id, COUNT(*) FROM posts WHERE term_id IN ({marks}) GROUP BY term_id"
            counts.update(conn.execute(q, chunk).fetchall())
        term_ids = [t for t in term_ids if counts.get(t, 0) > MAX_SEGMENTS]
    for tid in term_ids:
        q = "SELECT seg, kind, n, ids FROM posts WHERE term_id=? ORDER BY seg, kind"
        found = conn.execute(q, (tid,)).fetchall()
        if len(found) <= 1:
            continue
        rows = [(seg, kind, ids) for seg, kind, _, ids in found]
        base = rows[0]
        newer = rows[1:]
        whole = full or base[1] != 0 or sum(len(r[2]) for r in newer) * 4 > len(base[2])
        conn.execute("DELETE FROM posts WHERE term_id=?", (tid,))
        if whole:
            ids = merge_segments(rows)
            if len(ids):
                conn.execute(
                    "INSERT INTO posts(term_id, seg, kind, n, ids) VALUES (?, ?, 0, ?, ?)",
                    (tid, base[0], len(ids), encode_postings(ids)),
                )
            continue
        # The newer segments as one list of ids added and one of ids dropped from the oldest.
        added = merge_segments([r for r in newer if r[1] == 0])
        drops = [decode_postings(r[2]) for r in newer if r[1] == 1]
        dropped = np.unique(np.concatenate(drops)) if drops else np.empty(0, dtype=np.uint32)
        left = _without(added, dropped)
        dropped = dropped[~np.isin(dropped, added)]
        seg = newer[-1][0]
        keep = [(tid, *found[0])]
        if len(left):
            keep.append((tid, seg, 0, len(left), encode_postings(left)))
        if len(dropped):
            keep.append((tid, seg, 1, len(dropped), encode_postings(dropped)))
        conn.executemany("INSERT INTO posts(term_id, seg, kind, n, ids) VALUES (?, ?, ?, ?, ?)", keep)


def _add_file(
    conn: sqlite3.Connection,
    key: str,
    order: int,
    st: os.stat_result,
    sha: str,
    meta: str,
    doc: Document,
    vocab: Vocabulary,
    postings: PostingChanges,
    part: int = 0,
) -> None:
    add_file(
        conn,
        (key, order, st.st_size, st.st_mtime_ns, sha, meta, doc.id, doc.metadata.symbol, doc.metadata.year),
        doccodec.encode(doc),
        [p.label for p in doc.paragraphs],
        file_words(p.text for p in doc.paragraphs),
        vocab,
        postings,
        part,
    )


def add_file(
    conn: sqlite3.Connection,
    row: tuple[object, ...],
    doc_blob: bytes,
    labels: Sequence[str],
    words: FileWords,
    vocab: Vocabulary,
    postings: PostingChanges,
    part: int = 0,
) -> int:
    """Store one document of a file and post its words; its row's id.

    ``row``: (path, ord, size, mtime_ns, sha256, meta, doc_id, symbol, year);
    ``doc_blob``: the encoded document (``doccodec``); then each paragraph's
    label and the document's words; ``part``: which text of the file (0 for a
    file of one). A document's paragraphs get consecutive ids.
    """
    import numpy as np

    table = np.frombuffer(vocab.ids(words.distinct), dtype=np.uint32)
    ids = table[np.frombuffer(words.local, dtype=np.uint32)] if len(table) else np.empty(0, dtype=np.uint32)
    counts = np.frombuffer(words.counts, dtype=np.uint32)
    if len(counts) != len(labels) or int(counts.sum()) != len(ids):
        raise ValueError("a file's words do not match its paragraphs")
    cur = conn.execute(
        "INSERT INTO files(path, ord, size, mtime_ns, sha256, meta, doc_id, symbol, year, part)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        (*row, part),
    )
    file_id = cur.lastrowid
    assert file_id is not None
    conn.execute(
        "INSERT INTO docs(file_id, doc, words) VALUES (?,?,?)", (file_id, doc_blob, encode_words(counts, ids))
    )
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'paras'").fetchone()
    first = (seq[0] if seq is not None else 0) + 1
    conn.executemany(
        "INSERT INTO paras(id, file_id, idx, label) VALUES (?,?,?,?)",
        [(first + k, file_id, k, label) for k, label in enumerate(labels)],
    )
    postings.add(np.arange(first, first + len(labels), dtype=np.int64), counts, ids)
    return file_id


def remove_file(conn: sqlite3.Connection, file_id: int, postings: PostingChanges) -> None:
    """Drop a file, its paragraphs and their postings."""
    import numpy as np

    pids = np.array(
        [r[0] for r in conn.execute("SELECT id FROM paras WHERE file_id=? ORDER BY idx", (file_id,))],
        dtype=np.int64,
    )
    row = conn.execute("SELECT words FROM docs WHERE file_id=?", (file_id,)).fetchone()
    if row is not None:
        raw, offsets = decode_words(row[0])
        if len(offsets) - 1 != len(pids):
            raise ValueError("a file's word ids do not match its paragraphs")
        postings.drop(pids, np.diff(np.asarray(offsets, dtype=np.int64)), np.frombuffer(raw, dtype="<u4"))
    conn.execute("DELETE FROM paras WHERE file_id=?", (file_id,))
    conn.execute("DELETE FROM docs WHERE file_id=?", (file_id,))
    conn.execute("DELETE FROM files WHERE id=?", (file_id,))


_fold_cached = lru_cache(maxsize=1 << 16)(fold_word)


def bump_generation(conn: sqlite3.Connection) -> None:
    """A new state of the store: readers holding the previous one's snapshot know it is stale."""
    conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")


def file_ids(conn: sqlite3.Connection, paths: Sequence[str] | None = None) -> list[tuple[str, int]]:
    """(path, row id) of every row of the stored files (or of ``paths`` only)."""
    if paths is None:
        return conn.execute("SELECT path, id FROM files").fetchall()
    out: list[tuple[str, int]] = []
    for i in range(0, len(paths), 900):
        chunk = paths[i : i + 900]
        out += conn.execute(f"SELECT path, id FROM files WHERE path IN ({','.join('?' * len(chunk))})", chunk)
    return out


def update_files(conn: sqlite3.Connection, changes: Iterable[tuple[object, ...]]) -> None:
    """Files unchanged in content whose fields moved on: (size, mtime_ns, meta, ord, doc_id, path, part)."""
    conn.executemany(
        "UPDATE files SET size=?, mtime_ns=?, meta=?, ord=?, doc_id=? WHERE path=? AND part=?", changes
    )


def touch_file(conn: sqlite3.Connection, path: str, size: int, mtime_ns: int, order: int) -> None:
    """Another program stored this very file meanwhile: take its new size, time and place."""
    conn.execute("UPDATE files SET size=?, mtime_ns=?, ord=? WHERE path=?", (size, mtime_ns, order, path))


def write_skipped(
    conn: sqlite3.Connection, gone: Iterable[tuple[str]], new: Iterable[tuple[str, int, int, str]]
) -> None:
    """Files found not to be resolutions: forget ``gone``, remember ``new`` (path, size, time, why)."""
    conn.executemany("DELETE FROM skipped WHERE path=?", gone)
    conn.executemany("INSERT OR REPLACE INTO skipped(path, size, mtime_ns, why) VALUES (?, ?, ?, ?)", new)


def words_of(text: str) -> list[str]:
    """``[t.norm for t in textnorm.tokens(text)]``, folding each distinct word once.

    The same regular expression and folding as ``tokens``, but a corpus repeats
    its words: memoising the fold makes a large first build a third faster.
    """
    return [_fold_cached(m.group()) for m in WORD.finditer(text)]


_words = words_of


def db_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def delete_db(path: Path) -> None:
    """Delete the index file, its log, and the arrays the searches saved beside it (``search.sidecar``)."""
    derived = list(path.parent.glob(f"{glob.escape(path.name)}.*.arrays"))
    for p in [*db_files(path), *derived]:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def apply_update(
    conn: sqlite3.Connection, corpus: CorpusLike, entries: list[Any], progress: Progress | None
) -> IndexStats:
    """Parse new and changed files of ``corpus`` into ``conn`` (inside the caller's transaction).

    An entry is one document: one of several texts of a file is the row of its ``part``.
    """
    known = {(key, row.part): row for key, first in read_files(conn).items() for row in first.parts}
    added = updated = unchanged = 0
    problems: list[str] = []
    seen: set[tuple[str, int]] = set()
    postings = PostingChanges()
    vocab = Vocabulary(conn)
    resolve = _Resolver()
    for order, entry in enumerate(entries):
        if progress is not None and not progress(order, len(entries)):
            raise Cancelled
        key = resolve(entry.path)
        path = Path(key)
        at = (key, int(getattr(entry, "part", 0)))
        if at in seen:
            continue
        seen.add(at)
        row = known.get(at)
        meta = _meta_fingerprint(entry)
        try:
            st = os.stat(key)
            same_stat = row is not None and (row.size, row.mtime_ns) == (st.st_size, st.st_mtime_ns)
            sha = "" if same_stat else sha256_of(path)
        except OSError as exc:
            problems.append(f"{entry.path}: cannot be read ({exc.strerror})")
            seen.discard(at)  # dropped from the index below, like a vanished file
            continue
        if row is not None and row.meta == meta and (same_stat or row.sha256 == sha):
            if not same_stat or row.order != order:  # touched, or moved in the corpus order
                conn.execute(
                    "UPDATE files SET ord=?, size=?, mtime_ns=? WHERE id=?",
                    (order, st.st_size, st.st_mtime_ns, row.file_id),
                )
            unchanged += 1
            continue
        sha = sha or sha256_of(path)
        try:
            doc = corpus.document(entry, keep=False)
        except InputError as exc:
            problems.append(str(exc))
            seen.discard(at)
            continue
        if row is not None:
            remove_file(conn, row.file_id, postings)
            updated += 1
        else:
            added += 1
        _add_file(conn, key, order, st, sha, meta, doc, vocab, postings, at[1])
    removed = 0
    for at, row in known.items():
        if at not in seen:
            remove_file(conn, row.file_id, postings)
            removed += 1
    vocab.write(conn)
    postings.write(conn)
    conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
    paragraphs = conn.execute("SELECT COUNT(*) FROM paras").fetchone()[0]
    return IndexStats(
        files=len(entries),
        added=added,
        updated=updated,
        removed=removed,
        unchanged=unchanged,
        paragraphs=paragraphs,
        problems=tuple(problems),
    )
