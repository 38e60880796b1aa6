"""The index's store: one SQLite file per corpus in the user's cache folder, never in the corpus.

It keeps each corpus file's parsed document (``doccodec``: a later run reads
it instead of parsing the file again), every parsed paragraph (original text and normalised word ids) with its
document's id, symbol and year; an inverted word index (for each word, the sorted
ids of the paragraphs holding it, one uint32 blob); and for each corpus file its
path, size, mtime, SHA-256 and catalogue entry, so an update parses only the
files that changed, appeared or disappeared. ``apply_update`` is one
transaction; ``sync`` (opening a folder) commits in batches, each leaving a
consistent store. numpy is imported only where postings are rewritten, so
listing a corpus never loads it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sqlite3
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
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

SCHEMA_VERSION = 6  # 4: files.doc holds the parsed document; 5: skipped files remembered; 6: parts
CACHE_ENV = "RESOLUTION_READER_CACHE"
_BUSY_TIMEOUT = 30.0  # seconds to wait for another program (GUI, CLI) writing the same index
APP_NAME = "resolution-reader"


class CorpusLike(Protocol):
    """What the index needs from :class:`reader.core.corpus.collection.Corpus`."""

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


def read_files(conn: sqlite3.Connection) -> dict[str, StoredFile]:
    """Every stored file by path, its metadata decoded in one go (ten thousand ``json.loads`` cost more)."""
    rows = conn.execute(
        "SELECT path, id, size, mtime_ns, sha256, meta, ord, part FROM files ORDER BY part"
    ).fetchall()
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


def default_db_path(corpus: CorpusLike, cache: str | Path | None = None) -> Path:
    """One index file per set of corpus folders, so switching corpora does not thrash one index."""
    opened = getattr(corpus, "db_path", None)
    if opened is not None:
        return Path(opened)  # opened from its store: indexed there
    resolve = _Resolver()
    folders = sorted({os.path.dirname(resolve(e.path)) for e in corpus.entries})
    key = hashlib.sha256("\n".join(folders).encode("utf-8")).hexdigest()[:16]
    return cache_dir(cache) / f"index-{key}.sqlite3"


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
    return sqlite3.connect(str(path), timeout=_BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)


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
            id INTEGER PRIMARY KEY, path TEXT NOT NULL, part INTEGER NOT NULL DEFAULT 0,
            ord INTEGER NOT NULL,
            size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL, meta TEXT NOT NULL,
            doc_id TEXT NOT NULL, symbol TEXT NOT NULL, year INTEGER, doc BLOB NOT NULL,
            UNIQUE(path, part));
        CREATE TABLE paragraphs(
            id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, idx INTEGER NOT NULL,
            label TEXT NOT NULL, text TEXT NOT NULL, ids BLOB NOT NULL);
        CREATE INDEX paragraphs_by_file ON paragraphs(file_id);
        CREATE TABLE terms(term TEXT PRIMARY KEY, id INTEGER NOT NULL UNIQUE) WITHOUT ROWID;
        CREATE TABLE postings(term_id INTEGER PRIMARY KEY, ids BLOB NOT NULL);
        CREATE TABLE skipped(
            path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, why TEXT NOT NULL);
        COMMIT;
        """
    )
    conn.executemany(
        "INSERT INTO meta(key, value) VALUES (?, ?)",
        [("fingerprint", fingerprint), ("generation", "0"), ("created", os.urandom(8).hex())],
    )


class Vocabulary:
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

    def follow(self, conn: sqlite3.Connection) -> None:
        """Reload the words if another program numbered new ones since (call inside a transaction)."""
        top = conn.execute("SELECT MAX(id) FROM terms").fetchone()[0] or 0
        if top != self._next - 1 - len(self._new):
            self.__init__(conn)  # type: ignore[misc]


class PostingChanges:
    """Paragraph ids to add to and drop from each word's posting list, written once per update.

    Rewriting a word's sorted id blob once per update (not once per file) keeps
    a first build of ten thousand documents to one write per distinct word.
    """

    def __init__(self) -> None:
        self.added: defaultdict[int, array[int]] = defaultdict(lambda: array("I"))
        self.dropped: defaultdict[int, array[int]] = defaultdict(lambda: array("I"))
        self.paragraphs_added: list[int] = []  # every paragraph id added and dropped (the snapshot's
        self.paragraphs_dropped: list[int] = []  # saved word ids follow them: ``query.carry_snapshot``)

    def add(self, pid: int, word_ids: Iterable[int]) -> None:
        self.paragraphs_added.append(pid)
        for w in set(word_ids):
            self.added[w].append(pid)

    def drop(self, pid: int, word_ids: Iterable[int]) -> None:
        self.paragraphs_dropped.append(pid)
        for w in set(word_ids):
            self.dropped[w].append(pid)

    def write(self, conn: sqlite3.Connection) -> None:
        import numpy as np

        for tid in sorted(set(self.added) | set(self.dropped)):
            row = conn.execute("SELECT ids FROM postings WHERE term_id=?", (tid,)).fetchone()
            ids = np.frombuffer(row[0], dtype="<u4") if row is not None else np.empty(0, dtype="<u4")
            # Stored lists are sorted, and new paragraph ids are above every stored one: dropping is a
            # binary search and adding an append, not a sort of a list of 200,000 ids per word.
            if tid in self.dropped:
                drop = np.unique(np.frombuffer(self.dropped[tid], dtype=np.uint32))
                pos = np.searchsorted(ids, drop)
                inside = pos < len(ids)
                pos = pos[inside][ids[pos[inside]] == drop[inside]]
                ids = np.delete(ids, pos)
            if tid in self.added:
                add = np.unique(np.frombuffer(self.added[tid], dtype=np.uint32)).astype("<u4")
                if len(ids) and len(add) and add[0] <= ids[-1]:
                    ids = np.unique(np.concatenate([ids, add])).astype("<u4")
                else:
                    ids = np.concatenate([ids, add])
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
    vocab: Vocabulary,
    postings: PostingChanges,
    part: int = 0,
) -> None:
    file_id = insert_file(
        conn,
        (key, order, st.st_size, st.st_mtime_ns, sha, meta, doc.id, doc.metadata.symbol, doc.metadata.year),
        doccodec.encode(doc),
        part,
    )
    add_paragraphs(
        conn,
        file_id,
        [(p.label, p.text) for p in doc.paragraphs],
        [_words(p.text) for p in doc.paragraphs],
        vocab,
        postings,
    )


def insert_file(conn: sqlite3.Connection, row: tuple[object, ...], doc_blob: bytes, part: int = 0) -> int:
    """One ``files`` row: (path, ord, size, mtime_ns, sha256, meta, doc_id, symbol, year) and the
    encoded document (``part``: which text of the file, 0 for a file of one); its paragraphs
    follow with :func:`add_paragraphs`."""
    cur = conn.execute(
        "INSERT INTO files(path, ord, size, mtime_ns, sha256, meta, doc_id, symbol, year, doc, part)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (*row, doc_blob, part),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def add_paragraphs(
    conn: sqlite3.Connection,
    file_id: int,
    paragraphs: Sequence[tuple[str, str]],
    words: Sequence[Sequence[str]],
    vocab: Vocabulary,
    postings: PostingChanges,
) -> None:
    """Store one file's paragraphs (label, text) with their words' ids, and post those ids."""
    for idx, ((label, text), para_words) in enumerate(zip(paragraphs, words, strict=True)):
        ids = vocab.ids(para_words)
        cur = conn.execute(
            "INSERT INTO paragraphs(file_id, idx, label, text, ids) VALUES (?,?,?,?,?)",
            (file_id, idx, label, text, ids.tobytes()),
        )
        assert cur.lastrowid is not None
        postings.add(cur.lastrowid, ids)


def remove_file(conn: sqlite3.Connection, file_id: int, postings: PostingChanges) -> None:
    """Drop a file, its paragraphs and their postings."""
    for pid, blob in conn.execute("SELECT id, ids FROM paragraphs WHERE file_id=?", (file_id,)).fetchall():
        ids = array("I")
        ids.frombytes(blob)
        if sys.byteorder != "little":
            ids.byteswap()
        postings.drop(pid, ids)
    conn.execute("DELETE FROM paragraphs WHERE file_id=?", (file_id,))
    conn.execute("DELETE FROM files WHERE id=?", (file_id,))


_fold_cached = lru_cache(maxsize=1 << 16)(fold_word)


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
    """Delete the index file, its log, and the arrays saved beside it (``sidecar``)."""
    from reader.core.corpus.sidecar import path_of

    derived = [path_of(path, kind) for kind in ("snapshot", "scoring")]
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
