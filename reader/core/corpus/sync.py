"""Opening a corpus from its store: what is stored is read, only new or changed files are parsed.

A folder is listed (``sources``), the store's rows are read in one query, and
each file is either fresh (same size and mtime, or same SHA-256 when those
differ), new or changed. New and changed files are parsed in worker processes
(``parsepool``) and stored in batches, one transaction each: a batch holds whole
files with their paragraphs and postings, so a store killed or cancelled
between batches is consistent and the next run parses only what is still
missing. Files that vanished are dropped. The ``Corpus`` returned reads a
document from the store when asked for it, so a command that needs two
documents of ten thousand reads two.

Nothing is ever written into a corpus folder; the store lives in the cache folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core import collector
from reader.core.atomic import atomic_write_bytes
from reader.core.corpus import doccodec
from reader.core.corpus.collection import Corpus, CorpusEntry
from reader.core.corpus.sources import META_FIELDS, Listing, Source, list_sources
from reader.core.corpus.store import (
    PostingChanges,
    StoredFile,
    Vocabulary,
    _meta_fingerprint,
    add_file,
    bump_generation,
    compact_postings,
    generation,
    open_db,
    pending_merge,
    read_skipped,
    reader_connection,
    remove_file,
    sha256_of,
    store_file,
    touch_file,
    update_files,
    write_skipped,
)
from reader.core.corpus.store import read_files as _read_rows  # a name of its own: tests watch it
from reader.core.docid import part_id
from reader.core.errors import InputError, is_not_adopted_text
from reader.core.model import Document, year_of
from reader.core.progress import Cancelled, Progress

if TYPE_CHECKING:  # the parse workers are imported when there is something to parse
    from reader.core.corpus.parsepool import Parsed

BATCH_FILES = 1000  # parsed files per transaction at most
BATCH_SECONDS = 8.0  # and at most this long between commits


@dataclass(frozen=True)
class SyncStats:
    """What opening a corpus did."""

    files: int = 0  # documents in the corpus afterwards
    parsed: int = 0  # files parsed in this run
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    pending: int = 0  # new or changed files not parsed (opened without updating, or cancelled)
    seconds: float = 0.0
    cancelled: bool = False
    in_memory: str = ""  # why the store is in memory for this run (the cache folder is unusable)


@dataclass(slots=True)
class _Item:
    """One listed file and what to do with it."""

    source: Source
    order: int
    uid: str
    row: StoredFile | None
    fields: tuple[str, ...] | None  # the entry's metadata when known without parsing
    fresh: bool = False  # the store holds this file's document as it is now
    touched: bool = False  # same content, new size/mtime to record
    parsed: Parsed | None = None  # between parsing and storing only (a batch at a time in memory)
    stored: bool = False  # parsed and committed in this run
    failed: bool = False
    why: str = ""  # why a failed file could not be read as a document (remembered until it changes)
    relabel: bool = False  # fresh, but its row records another id, path, order or mtime
    # The documents of a file that holds several texts (a volume page): (id, fields, part) each;
    # empty for a file of one document (``uid`` and ``fields``).
    more: list[tuple[str, tuple[str, ...], int]] = field(default_factory=list)

    def docs(self) -> list[tuple[str, tuple[str, ...], int]]:
        """(id, fields, part) of each document the file makes."""
        if self.more:
            return self.more
        assert self.fields is not None
        return [(self.uid, self.fields, 0)]

    def entries(self) -> list[tuple[CorpusEntry, int]]:
        return [(_entry(uid, f, self.source.path, part), part) for uid, f, part in self.docs()]


def _entry(uid: str, f: tuple[str, ...], path: Path, part: int = 0) -> CorpusEntry:
    """The corpus entry of a document from its ``META_FIELDS`` (positional: 100,000 are made at a time)."""
    if part:
        return CorpusEntry(uid, f[0], f[1], f[2], f[3], path, f[4], f[5], part)
    return CorpusEntry(uid, f[0], f[1], f[2], f[3], path, f[4], f[5])


LISTING_VERSION = 6  # of the listing file beside the store (see ``_save_listing``); 6: parts of a file


def store_path(dirs: Sequence[Path], cache: str | Path | None = None) -> Path:
    """One store per list of corpus folders, in the cache folder.

    Folders are keyed as resolved, each once: "../real" given to a command and
    "/work/real" remembered by the reader (or a folder named twice) are one
    folder, so the command line and the reader open one and the same store.
    """
    return store_file([os.path.realpath(d) for d in dirs], cache)


def open_corpus(
    dirs: Sequence[Path | str],
    *,
    cache: str | Path | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    update: bool = True,
) -> tuple[Corpus, SyncStats]:
    """The corpus of ``dirs``, read from its store and (``update``) brought up to date.

    Without ``update`` nothing is parsed or written: the corpus holds what the
    store has (and catalogue entries, parsed on demand); ``SyncStats.pending``
    says how many files a later update will parse (the reader does that in the
    background). Never raises for a bad folder or file (they are ``problems``);
    a store that cannot be used at all is replaced by one in memory.
    """
    started = time.perf_counter()
    folders = [Path(d) for d in dirs]
    with collector.paused():
        listing = list_sources(folders)
    path: Path | None = store_path(folders, cache)
    in_memory = ""
    try:
        conn = open_db(path)
    except InputError as exc:
        in_memory = f"{exc}; the index is kept in memory for this run"
        path, conn = None, open_db(None)
    try:
        corpus, stats = _open(conn, path, folders, listing, progress, workers, update)
    except BaseException:
        conn.close()
        raise
    if path is not None:
        conn.close()
    return corpus, _with(stats, seconds=time.perf_counter() - started, in_memory=in_memory)


def _with(stats: SyncStats, **changes: object) -> SyncStats:
    import dataclasses

    return dataclasses.replace(stats, **changes)  # type: ignore[arg-type]


def _stored_fields(data: object) -> tuple[str, ...] | None:
    if not isinstance(data, dict):
        return None
    return tuple(str(data.get(k) or "") for k in META_FIELDS)


def _plan(
    listing: Listing,
    rows: dict[str, StoredFile],
    skipped: dict[str, tuple[int, int, str]],
    problems: list[str],
    *,
    check_hash: bool,
) -> list[_Item]:
    """Each listed file once, with its entry id and whether the store holds it as it is now.

    A file the store remembers as not a document (``skipped``), unchanged since,
    is failed again with its reason and not parsed: a folder of 3,000 real
    documents holds hundreds of reports and budgets, parsed on every start before.
    """
    items: list[_Item] = []
    taken: set[str] = set()
    seen: set[str] = set()
    for order, s in enumerate(listing.sources):
        if s.key in seen:
            continue  # the same file named twice (two folders, or a catalogue): one document
        seen.add(s.key)
        uid, n = s.wanted, 2
        while uid in taken:
            uid, n = f"{s.wanted}-{n}", n + 1
        taken.add(uid)
        row = rows.get(s.key)
        stored = _stored_fields(row.fields) if row is not None else None
        fields = s.meta if s.meta is not None else stored
        item = _Item(s, order, uid, row, fields)
        items.append(item)
        known = skipped.get(s.key) if row is None else None
        if known is not None and known[:2] == (s.size, s.mtime_ns):
            item.failed, item.why = True, known[2]
            continue
        if row is None or stored is None or (s.meta is not None and s.meta != stored):
            continue  # new, unreadable row, or the catalogue says something else: parse
        if len(row.parts) > 1 or row.part:
            parts = _stored_parts(uid, row)
            if parts is None:
                continue  # a row that cannot be read: parse
            item.more = parts
        if (row.size, row.mtime_ns) == (s.size, s.mtime_ns):
            item.fresh = True
            # The path as spelt (relative or not) is left as stored: the key is the resolved path,
            # and rewriting ten thousand rows whenever the folder is named another way cost a second.
            item.relabel = order != row.order or any(
                not isinstance(r.fields, dict) or r.fields.get("id") != part_uid
                for r, (part_uid, _, _) in zip(row.parts, item.docs(), strict=True)
            )
        elif check_hash:
            try:
                same = sha256_of(s.path) == row.sha256
            except OSError as exc:
                problems.append(f"{s.path}: cannot be read ({exc.strerror}); skipped")
                item.failed = True
                continue
            item.fresh = item.touched = item.relabel = same
    return items


def _stored_parts(uid: str, row: StoredFile) -> list[tuple[str, tuple[str, ...], int]] | None:
    """(id, fields, part) of each stored text of a file that holds several; None if one is unreadable."""

    out: list[tuple[str, tuple[str, ...], int]] = []
    for r in row.parts:
        fields = _stored_fields(r.fields)
        if fields is None:
            return None
        out.append((part_id(uid, r.part), fields, r.part))
    return out


def _open(
    conn: sqlite3.Connection,
    path: Path | None,
    folders: list[Path],
    listing: Listing,
    progress: Progress | None,
    workers: int | None,
    update: bool,
) -> tuple[Corpus, SyncStats]:
    problems = list(listing.problems)
    listed_as = _listing_key(listing)  # what decides whether the saved listing still holds
    known = _known_listing(conn, path, listing, listed_as)
    if known is not None:  # the folder is as the store last saw it: nothing to compare or do
        # ... and so the entries match the store, updating or not
        corpus = _corpus(conn, path, folders, known.unfold(listing), known.count, problems, True)
        _report_failed(corpus, [(str(listing.sources[order].path), why) for order, why in known.skipped])
        return corpus, SyncStats(files=known.count, unchanged=known.count)
    with collector.paused():
        rows = _read_rows(conn)
        skipped = read_skipped(conn)
        items = _plan(listing, rows, skipped, problems, check_hash=update)
    todo = [i for i in items if not i.fresh and not i.failed]
    cancelled = False
    added = updated = removed = 0
    if update:
        writes = _Writes()
        removed = _settle(conn, items, rows, writes)
        try:
            added, updated = _parse_and_store(conn, todo, progress, workers, writes)
        except Cancelled:
            cancelled = True
        if not cancelled:
            removed += _drop_failed(conn, [i for i in todo if i.failed], writes)
            _remember_skipped(conn, items, skipped)
        if path is not None and (removed or todo):
            # Fold the write-ahead log into the file, so the file alone is the store.
            with contextlib.suppress(sqlite3.Error):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        writes.carry(path)
    listed = [i for i in items if not i.failed and i.fields is not None]
    synced = update and not cancelled
    count = sum(len(i.docs()) for i in listed)
    corpus = _corpus(conn, path, folders, _unfold_items(listed), count, problems, synced)
    _report_failed(corpus, [(str(i.source.path), i.why) for i in items if i.failed and i.why])
    pending = sum(1 for i in todo if not i.stored and not i.failed)
    if update and not cancelled and not pending and not any(i.failed and not i.why for i in items):
        _save_listing(conn, path, listed_as, items)
    stats = SyncStats(
        files=count,
        parsed=sum(1 for i in todo if i.stored),
        added=added,
        updated=updated,
        removed=removed,
        unchanged=sum(1 for i in items if i.fresh),
        pending=pending,
        cancelled=cancelled,
    )
    return corpus, stats


def _listing_path(path: Path) -> Path:
    return path.with_name(path.name + ".listing")


def _listing_key(listing: Listing) -> bytes:
    """What decides the plan besides the store: every file's key, id, catalogue fields, size and mtime.

    A digest of them (marshal format 2 has no back-references, so equal listings give equal bytes).
    """
    data: Any = ([s[2:] for s in listing.sources], listing.problems)  # from ``key`` on: not the path as spelt
    return hashlib.blake2b(marshal.dumps(data, 2), digest_size=32).digest()


def _save_listing(conn: sqlite3.Connection, path: Path | None, key: bytes, items: list[_Item]) -> None:
    """Remember the listing (``key``: its digest) that matches the store as it is now, with each entry.

    The next open that lists the same files (same sizes and mtimes) at the same
    store generation needs neither the store's rows nor a comparison: ``_plan``
    would find every file fresh. The file is a short head (version, generation,
    listing digest, entry count) before the entries, so that check reads no
    entry; a file that cannot be written costs only speed.
    """
    if path is None:
        return
    entries: Any = [(i.order, uid, f, part) for i in items if not i.failed for uid, f, part in i.docs()]
    skipped = tuple((i.order, i.why) for i in items if i.failed)
    try:
        body = marshal.dumps(entries)
        stamp = (LISTING_VERSION, generation(conn), key, len(entries), _digest(body), skipped)
        head = marshal.dumps(stamp)
        atomic_write_bytes(_listing_path(path), len(head).to_bytes(4, "little") + head + body)
    except (OSError, ValueError, sqlite3.Error):
        with contextlib.suppress(OSError):
            _listing_path(path).unlink()


def _digest(body: bytes | memoryview) -> bytes:
    return hashlib.blake2b(body, digest_size=16).digest()


@dataclass(frozen=True)
class _Known:
    """A saved listing that matches the folder and the store: its entries, decoded when needed."""

    count: int
    body: memoryview  # marshal of [(order, uid, fields, part), ...] (a view: 100,000 entries are 14 MB)
    skipped: tuple[tuple[int, str], ...]  # (order, why) of each listed file that is not a document

    def unfold(self, listing: Listing) -> Callable[[], Iterator[_Listed]]:
        def rows() -> Iterator[_Listed]:
            sources = listing.sources
            for order, uid, fields, part in marshal.loads(self.body):
                yield uid, fields, sources[order], True, part

        return rows


def _known_listing(
    conn: sqlite3.Connection, path: Path | None, listing: Listing, listed_as: bytes
) -> _Known | None:
    """The saved listing when the store and the folder are as it says (``listed_as``: the listing's
    digest, ``_listing_key``); else None."""
    if path is None:
        return None
    try:
        data = _listing_path(path).read_bytes()
        size = int.from_bytes(data[:4], "little")
        version, stamp, key, count, digest, skipped = marshal.loads(data[4 : 4 + size])
        if version != LISTING_VERSION or key != listed_as or stamp != generation(conn):
            return None
        body = memoryview(data)[4 + size :]
        if not isinstance(count, int) or count < 0 or digest != _digest(body):
            return None  # cut short or damaged: the entries are made from the store's rows instead
        return _Known(count, body, skipped)
    except (OSError, ValueError, TypeError, EOFError, sqlite3.Error):
        return None


@contextlib.contextmanager
def _transaction(
    conn: sqlite3.Connection, writes: _Writes, *, check: bool = True
) -> Iterator[PostingChanges]:
    """One transaction, its posting changes written at the end and recorded in ``writes`` once committed.

    ``check``: merge the posting segments of words that have many (see ``PostingChanges``).
    """
    conn.execute("BEGIN IMMEDIATE")
    postings = PostingChanges(check=check)
    try:
        before = generation(conn)
        yield postings
        postings.write(conn)
        bump_generation(conn)
        after = generation(conn)
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    writes.committed(before, after, postings)


@dataclass
class _Writes:
    """What one opening wrote to the store, so the saved word ids can follow (``query.carry_snapshot``)."""

    start: str = ""  # the store's generation before the first write
    end: str = ""  # after the last
    others: bool = False  # another program wrote in between: nothing can be carried over
    dropped: list[int] = field(default_factory=list)  # paragraph ids
    added: list[int] = field(default_factory=list)

    def committed(self, before: str, after: str, postings: PostingChanges) -> None:
        if not self.start:
            self.start = before
        elif before != self.end:
            self.others = True
        self.end = after
        self.dropped += postings.paragraphs_dropped
        self.added += postings.paragraphs_added

    def carry(self, path: Path | None) -> None:
        """Save the word ids of the new state from those saved for the old one, when there are some."""
        if path is None or not self.end or self.others:
            return
        from reader.core.search import sidecar  # the searches' saved word ids, kept up with the store

        if not sidecar.path_of(path, "snapshot").exists():
            return
        from reader.core.search.query import carry_snapshot

        with (
            contextlib.suppress(sqlite3.Error, OSError, ValueError),
            contextlib.closing(reader_connection(path)) as read,
        ):
            carry_snapshot(read, path, self.start, self.end, self.dropped, self.added)


def _settle(
    conn: sqlite3.Connection, items: list[_Item], rows: dict[str, StoredFile], writes: _Writes
) -> int:
    """Record moved, renamed or touched fresh files and drop the vanished ones; files removed."""
    keep = {i.source.key for i in items if not i.failed}
    changes: list[tuple[object, ...]] = []
    for i in items:
        if i.fresh and i.relabel:
            s = i.source
            for entry, part in i.entries():
                changes.append((s.size, s.mtime_ns, _meta_fingerprint(entry), i.order, entry.id, s.key, part))
    if not changes and all(key in keep for key in rows):
        return 0
    with _transaction(conn, writes) as postings:
        stored = conn.execute("SELECT path, id FROM files").fetchall()  # as it is now, under the lock
        gone = [file_id for key, file_id in stored if key not in keep]
        update_files(conn, changes)
        for file_id in gone:
            remove_file(conn, file_id, postings)
    return len(gone)


def _drop_failed(conn: sqlite3.Connection, failed: list[_Item], writes: _Writes) -> int:
    """Files that no longer parse leave the index (they are reported, not served stale)."""
    ids = [r.file_id for i in failed if i.row is not None for r in i.row.parts]
    if not ids:
        return 0
    with _transaction(conn, writes) as postings:
        for file_id in ids:
            if conn.execute("SELECT 1 FROM files WHERE id=?", (file_id,)).fetchone():
                remove_file(conn, file_id, postings)
    return len(ids)


def _remember_skipped(
    conn: sqlite3.Connection, items: list[_Item], stored: dict[str, tuple[int, int, str]]
) -> None:
    """Remember the files that are not documents, as they are now; forget those that are gone or read.

    Not an update of the documents (the generation stays): what a trace or a
    saved listing depends on is unchanged.
    """
    rows = [(i.source.key, i.source.size, i.source.mtime_ns, i.why) for i in items if i.failed and i.why]
    keep = {r[0] for r in rows}
    gone = [(key,) for key in stored if key not in keep]
    new = [r for r in rows if stored.get(r[0]) != r[1:]]
    if not gone and not new:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        write_skipped(conn, gone, new)
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _report_failed(corpus: Corpus, failed: list[tuple[str, str]]) -> None:
    """Files that hold no adopted text are ``skipped`` (one summary line); any other reason is a problem."""
    for path, why in failed:
        if is_not_adopted_text(why):
            corpus.skipped.append((path, why))
        else:
            corpus.problems.append(why)


def _parse_and_store(
    conn: sqlite3.Connection,
    todo: list[_Item],
    progress: Progress | None,
    workers: int | None,
    writes: _Writes,
) -> tuple[int, int]:
    """Parse ``todo`` (in parallel) and store it in batches; (added, updated)."""
    if not todo:
        return 0, 0
    total = len(todo)
    if progress is not None and not progress(0, total):
        raise Cancelled
    from reader.core.corpus.parsepool import ParseJob, parse_many

    jobs = [ParseJob(str(i.source.path), i.uid, i.source.meta) for i in todo]
    bulk = total > BATCH_FILES  # many batches: their posting segments are merged once, at the end
    vocab: Vocabulary | None = None
    batch: list[_Item] = []
    counts = [0, 0]
    last = time.monotonic()
    results = parse_many(jobs, workers)
    try:
        for done, (item, result) in enumerate(zip(todo, results, strict=True), start=1):
            if isinstance(result, str):
                item.failed, item.why = True, result
            else:
                item.parsed = result
                if item.source.meta is None:
                    item.fields = result.meta
                several = len(result.docs) > 1
                item.more = [(d.id, d.meta, d.part) for d in result.docs] if several else []
                batch.append(item)
            if progress is not None and not progress(done, total):
                raise Cancelled
            if batch and (len(batch) >= BATCH_FILES or time.monotonic() - last >= BATCH_SECONDS):
                vocab = _store_batch(conn, batch, vocab, counts, writes, check=not bulk)
                batch, last = [], time.monotonic()
        if batch:
            _store_batch(conn, batch, vocab, counts, writes, check=not bulk)
        if bulk or pending_merge(conn):
            _compact(conn)
    except BaseException:
        for item in batch:  # rolled back or never written: still to do
            item.parsed = None
        raise
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
    return counts[0], counts[1]


def _compact(conn: sqlite3.Connection) -> None:
    """Merge the posting segments a build of many batches left (one transaction; nothing else changes).

    A build cut short leaves its segments (and says so in the store); the next run that
    stores anything merges them.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        compact_postings(conn)
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _store_batch(
    conn: sqlite3.Connection,
    batch: list[_Item],
    vocab: Vocabulary | None,
    counts: list[int],
    writes: _Writes,
    *,
    check: bool = True,
) -> Vocabulary:
    """One transaction: each parsed file replaces its old row, with paragraphs and postings."""
    with _transaction(conn, writes, check=check) as postings:
        if vocab is None:
            vocab = Vocabulary(conn)
        else:
            vocab.follow(conn)
        for item in batch:
            parsed = item.parsed
            assert parsed is not None
            s = item.source
            entries = item.entries()
            metas = [(_meta_fingerprint(entry), part) for entry, part in entries]
            rows = conn.execute(
                "SELECT id, sha256, meta, part FROM files WHERE path=? ORDER BY part", (s.key,)
            )
            stored = rows.fetchall()
            if stored:
                if [(r[1], r[2], r[3]) for r in stored] == [(parsed.sha256, m, p) for m, p in metas]:
                    touch_file(conn, s.key, s.size, s.mtime_ns, item.order)  # another program stored it
                    continue
                for r in stored:
                    remove_file(conn, r[0], postings)
            counts[0 if item.row is None else 1] += 1
            for d, (entry, part), (meta, _) in zip(parsed.docs, entries, metas, strict=True):
                symbol, year = d.meta[0], year_of(d.meta[3])
                add_file(
                    conn,
                    (s.key, item.order, s.size, s.mtime_ns, parsed.sha256, meta, entry.id, symbol, year),
                    d.doc,
                    d.labels,
                    d.words,
                    vocab,
                    postings,
                    part,
                )
        vocab.write(conn)
    for item in batch:  # committed: let the parsed text go (ten thousand of them are gigabytes)
        item.stored, item.parsed = True, None
    return vocab


_Listed = tuple[str, tuple[str, ...], Source, bool, int]
"""An entry to be: its id, its ``META_FIELDS``, its file, whether the store holds it as it is,
and which text of the file it is (0: the file is one document)."""


def _unfold_items(items: list[_Item]) -> Callable[[], Iterator[_Listed]]:
    def rows() -> Iterator[_Listed]:
        for i in items:
            for uid, fields, part in i.docs():
                yield uid, fields, i.source, i.fresh or i.stored, part

    return rows


def _corpus(
    conn: sqlite3.Connection,
    path: Path | None,
    folders: list[Path],
    rows: Callable[[], Iterator[_Listed]],
    count: int,
    problems: list[str],
    synced: bool,
) -> Corpus:
    """The corpus of ``count`` entries made by ``rows`` when first asked for (``Corpus.defer_entries``)."""
    corpus = Corpus(dirs=folders)
    corpus.problems = problems
    read = reader_connection(path) if path is not None else conn
    store = StoredDocuments(read, {}, own=path is not None)

    # The rows as ``find`` read them (the saved listing decoded once: a tenth of a second at
    # 100,000), until ``unfold`` makes every entry from them.
    listed: list[list[_Listed]] = []
    lock = threading.Lock()

    def rows_once() -> list[_Listed]:
        with lock:
            if not listed:
                with collector.paused():
                    listed.append(list(rows()))
            return listed[0]

    def unfold() -> tuple[list[CorpusEntry], dict[str, CorpusEntry]]:
        entries: list[CorpusEntry] = []
        by_path: dict[str, CorpusEntry] = {}
        keys = store.keys
        with lock:
            made = listed.pop() if listed else None
        with collector.paused():
            for uid, f, source, current, part in rows() if made is None else made:
                key = source.key
                entry = _entry(uid, f, source.path, part)
                entries.append(entry)
                by_path.setdefault(key, entry)  # a file of several texts: its first
                if current:
                    keys[uid] = (key, part)
        return entries, by_path

    corpus.attach_store(store, db_path=path, synced=generation(conn) if synced else None)
    corpus.defer_entries(unfold, count, _Finder(rows_once, store))
    return corpus


class _Finder:
    """A few entries of a corpus whose entries are not made yet (``Corpus.defer_entries``)."""

    def __init__(self, rows: Callable[[], list[_Listed]], store: StoredDocuments) -> None:
        self._rows = rows
        self._store = store
        self._ids: dict[str, list[int]] | None = None  # casefolded id -> rows, made on first use

    def matching(self, test: Callable[[str, str, str], bool]) -> list[CorpusEntry]:
        """The entries whose (id, symbol, file name) pass ``test``, in corpus order."""
        rows = self._rows()
        return self._made(
            rows, [k for k, r in enumerate(rows) if test(r[0], r[1][0], os.path.basename(r[2].name))]
        )

    def with_id(self, key: str) -> list[CorpusEntry]:
        """The entries whose id, casefolded, is ``key`` (a table, made once: the trace panel asks
        for the documents of a thousand hits)."""
        rows = self._rows()
        if self._ids is None:
            ids: dict[str, list[int]] = {}
            for k, r in enumerate(rows):
                ids.setdefault(r[0].casefold(), []).append(k)
            self._ids = ids
        return self._made(rows, self._ids.get(key, []))

    def _made(self, rows: list[_Listed], picked: list[int]) -> list[CorpusEntry]:
        found: list[CorpusEntry] = []
        keys = self._store.keys
        for k in picked:
            uid, f, source, current, part = rows[k]
            found.append(_entry(uid, f, source.path, part))
            if current:
                keys[uid] = (source.key, part)
        return found


@dataclass
class StoredDocuments:
    """Parsed documents read from the store on demand (thread-safe; one read connection)."""

    conn: sqlite3.Connection
    keys: dict[str, tuple[str, int]]  # entry id -> (store key, part), where the stored document is current
    own: bool = True  # close the connection with the corpus
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def load(self, entry: CorpusEntry) -> Document | None:
        at = self.keys.get(entry.id)
        if at is None:
            return None
        try:
            with self._lock:
                q = "SELECT d.doc FROM files f JOIN docs d ON d.file_id = f.id WHERE f.path=? AND f.part=?"
                row = self.conn.execute(q, at).fetchone()
        except sqlite3.Error:
            return None  # the store went away: the file is parsed instead
        if row is None:
            return None
        return doccodec.decode(row[0], entry.id, str(entry.path))

    def connection(self) -> sqlite3.Connection:
        return self.conn

    def close(self) -> None:
        if self.own:
            with self._lock, contextlib.suppress(sqlite3.Error):
                self.conn.close()
