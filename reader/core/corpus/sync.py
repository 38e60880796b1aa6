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
import itertools
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
from reader.core.atomic import atomic_write_parts
from reader.core.corpus import doccodec
from reader.core.corpus.collection import Corpus, CorpusEntry
from reader.core.corpus.fields import META_FIELDS
from reader.core.corpus.sources import Listing, Source, list_sources
from reader.core.corpus.store import (
    PostingChanges,
    StoredFile,
    Vocabulary,
    _meta_fingerprint,
    add_file,
    bump_generation,
    compact_postings,
    file_ids,
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
# Between the stored places (``files.ord``) of neighbouring files: a file added between two takes a place
# between theirs, so adding or removing one file rewrites no other file's row.
RANK_GAP = 1 << 20


@dataclass(frozen=True)
class StoreChanges:
    """What one opening changed in the store, alone (no other program wrote meanwhile): from state
    ``start`` to state ``end`` (``store.generation``), these paragraphs dropped and added. An
    answer found at ``start`` follows to ``end`` from them (``CorpusIndex.trace_after``)."""

    start: str
    end: str
    dropped: tuple[int, ...]
    added: tuple[int, ...]


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
    changes: StoreChanges | None = None  # what it wrote, when it wrote alone


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
    relabel: bool = False  # fresh, but its row records another id, path, place or mtime
    was: int | None = None  # fresh: its place in corpus order as stored (``files.ord``)
    rank: int = -1  # its place as stored from now on (``_rank``): increasing in listing order
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


LISTING_VERSION = 8  # of the listing file beside the store (see ``_save_listing``); 6: parts of a file;
# 8: each file's size, mtime and stored place, so a changed folder is planned without the store's rows


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
    listed: Callable[[], Listing] | None = None,
) -> tuple[Corpus, SyncStats]:
    """The corpus of ``dirs``, read from its store and (``update``) brought up to date.

    ``listed``: gives the folders' listing when it was started elsewhere (``listing_aside``).

    Without ``update`` nothing is parsed or written: the corpus holds what the
    store has (and catalogue entries, parsed on demand); ``SyncStats.pending``
    says how many files a later update will parse (the reader does that in the
    background). Never raises for a bad folder or file (they are ``problems``);
    a store that cannot be used at all is replaced by one in memory.
    """
    started = time.perf_counter()
    folders = [Path(d) for d in dirs]
    with collector.paused():
        listing = list_sources(folders) if listed is None else listed()
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
    items = _listed(listing)
    for item in items:
        _judge(item, rows.get(item.source.key), skipped, problems, check_hash=check_hash)
    if not _rank(items, []):
        _renumber(items)
    return items


def _listed(listing: Listing) -> list[_Item]:
    """Each listed file once (the same file named twice is one document), with its entry id."""
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
        items.append(_Item(s, order, uid, None, s.meta))
    return items


def _judge(
    item: _Item,
    row: StoredFile | None,
    skipped: dict[str, tuple[int, int, str]],
    problems: list[str],
    *,
    check_hash: bool,
) -> None:
    """Whether the store holds ``item``'s file as it is now (``row``: its stored rows, if any)."""
    s, uid = item.source, item.uid
    item.row = row
    stored = _stored_fields(row.fields) if row is not None else None
    item.fields = s.meta if s.meta is not None else stored
    known = skipped.get(s.key) if row is None else None
    if known is not None and known[:2] == (s.size, s.mtime_ns):
        item.failed, item.why = True, known[2]
        return
    if row is None or stored is None or (s.meta is not None and s.meta != stored):
        return  # new, unreadable row, or the catalogue says something else: parse
    if len(row.parts) > 1 or row.part:
        parts = _stored_parts(uid, row)
        if parts is None:
            return  # a row that cannot be read: parse
        item.more = parts
    if (row.size, row.mtime_ns) == (s.size, s.mtime_ns):
        item.fresh, item.was = True, row.order
        # The path as spelt (relative or not) is left as stored: the key is the resolved path,
        # and rewriting ten thousand rows whenever the folder is named another way cost a second.
        item.relabel = any(
            not isinstance(r.fields, dict) or r.fields.get("id") != part_uid
            for r, (part_uid, _, _) in zip(row.parts, item.docs(), strict=True)
        )
    elif check_hash:
        try:
            same = sha256_of(s.path) == row.sha256
        except OSError as exc:
            problems.append(f"{s.path}: cannot be read ({exc.strerror}); skipped")
            item.failed = True
            return
        item.fresh = item.touched = item.relabel = same
        item.was = row.order if same else None


@dataclass(slots=True)
class _Run:
    """Files the saved listing holds as they are now, in the same order in both listings: nothing
    to do for them but list them again (100,000 files of which one changed: a few runs)."""

    first: int  # their rows in the saved listing's files, ``first`` to ``end`` (exclusive)
    end: int
    at: int  # where the first of them is in the new listing (``Listing.sources``); the others follow
    docs: int  # their documents


_Planned = _Item | _Run


@dataclass(frozen=True)
class _Saved:
    """A saved listing, its files decoded: each file's row, its place in the listing, its entries
    (decoded when asked for: copied as they are into the next saved listing)."""

    files: list[tuple[str, int, int, int, int, str, str]]  # (key, size, mtime_ns, rank, docs, why, uid)
    orders: list[int]  # where each file was in its listing (``Listing.sources``)
    offsets: list[int]  # file k's entries are ``entries[offsets[k]:offsets[k + 1]]``
    entries: memoryview  # a marshalled list of each file's [(id, META_FIELDS, part), ...] (``_entries``)

    def docs(self, k: int) -> list[tuple[str, tuple[str, ...], int]]:
        """(id, fields, part) of each document of file ``k``."""
        a, b = self.offsets[k], self.offsets[k + 1]
        docs = marshal.loads(self.entries[a:b])
        return [docs] if isinstance(docs, tuple) else docs


def _plan_saved(
    conn: sqlite3.Connection,
    listing: Listing,
    saved: _Saved,
    skipped: dict[str, tuple[int, int, str]],
    problems: list[str],
    *,
    check_hash: bool,
) -> tuple[list[_Planned], list[str]] | None:
    """``_plan`` from the listing saved for the store as it is (``saved``): a file listed there
    with the same size and mtime is as the store holds it, so only the rows of the files that
    changed or appeared are read (one changed file of 100,000 read and compared every row, and
    made an item of every file: a second), and the unchanged ones are runs of the saved listing.
    Also the files of the saved listing that are no longer listed (the store's rows to drop).

    None when this listing is not one it plans: a catalogue's, a file named twice, two files
    wanting one id, files in another order than saved, or no room for a new file's place
    (``_plan`` decides those, from every row).
    """
    sources = listing.sources
    keys = [s.key for s in sources]
    wanted = [s.wanted for s in sources]
    if len(set(keys)) != len(keys) or len(set(wanted)) != len(wanted):
        return None
    if any(s.meta is not None for s in sources):
        return None
    files = saved.files
    old_keys = [f[0] for f in files]
    if keys == old_keys:
        where: Sequence[int] = range(len(keys))
    else:
        index = {key: k for k, key in enumerate(old_keys)}
        where = [index.get(key, -1) for key in keys]
    planned: list[_Planned] = []
    unknown: list[_Item] = []
    last = -1  # the saved file kept before
    run: _Run | None = None
    for order, (s, k) in enumerate(zip(sources, where, strict=True)):
        f = files[k] if k >= 0 else None
        if f is not None and f[1] == s.size and f[2] == s.mtime_ns and not f[5] and f[6] == s.wanted:
            if k < last:
                return None  # listed in another order than saved
            last = k
            if run is not None and run.end == k and run.at + (k - run.first) == order:
                run.end += 1
                run.docs += f[4]
            else:
                run = _Run(k, k + 1, order, f[4])
                planned.append(run)
            continue
        run = None
        item = _Item(s, order, s.wanted, None, None)
        planned.append(item)
        if f is not None and f[5] and (f[1], f[2]) == (s.size, s.mtime_ns):
            item.failed, item.why = True, f[5]  # remembered as no document, unchanged since
        else:
            unknown.append(item)
    rows = _read_rows(conn, [i.source.key for i in unknown]) if unknown else {}
    for item in unknown:
        _judge(item, rows.get(item.source.key), skipped, problems, check_hash=check_hash)
    if not _rank(planned, saved.files):
        return None
    listed = set(keys)
    return planned, [f[0] for f in files if not f[5] and f[0] not in listed]


def _rank(planned: Sequence[_Planned], files: Sequence[tuple[Any, ...]]) -> bool:
    """Each file's place in corpus order as stored (``files.ord``): a fresh file keeps its own
    while those kept stay in listing order, a new one takes a place between its neighbours'
    (``RANK_GAP`` apart when there is room), so an added or removed file moves no other row; a
    fresh file whose place changes is relabelled. Runs of the saved listing (``files``: its
    rows) keep theirs. False when there is no room between two kept places (``_renumber``)."""
    live = [p for p in planned if isinstance(p, _Run) or not p.failed]
    anchors: list[tuple[int, int, int]] = []  # (position in live, first place, last place) of each kept
    last: int | None = None
    for n, p in enumerate(live):
        if isinstance(p, _Run):
            lo, hi = files[p.first][3], files[p.end - 1][3]
            if last is not None and lo <= last:
                return False
            anchors.append((n, lo, hi))
            last = hi
        elif p.fresh and p.was is not None and (last is None or p.was > last):
            anchors.append((n, p.was, p.was))
            last = p.was
    bounds = [(-1, 0, 0), *anchors, (len(live), 0, 0)]
    for (a, _, lo), (b, hi, _) in itertools.pairwise(bounds):
        count = b - a - 1
        if not count:
            continue
        if a < 0 and b >= len(live):
            ranks = [(j + 1) * RANK_GAP for j in range(count)]
        elif a < 0:
            ranks = [hi - (count - j) * RANK_GAP for j in range(count)]
        elif b >= len(live):
            ranks = [lo + (j + 1) * RANK_GAP for j in range(count)]
        else:
            step = min((hi - lo) // (count + 1), RANK_GAP)
            if step < 1:
                return False
            ranks = [lo + (j + 1) * step for j in range(count)]
        for p, rank in zip(live[a + 1 : b], ranks, strict=True):
            assert isinstance(p, _Item)
            p.rank = rank
    for n, lo, _ in anchors:
        p = live[n]
        if isinstance(p, _Item):
            p.rank = lo
    for p in live:
        if isinstance(p, _Item) and p.fresh and p.rank != p.was:
            p.relabel = True
    return True


def _renumber(items: list[_Item]) -> None:
    """Every file a new place, ``RANK_GAP`` apart (no room was left between two)."""
    for n, i in enumerate(i for i in items if not i.failed):
        i.rank = (n + 1) * RANK_GAP
        if i.fresh and i.rank != i.was:
            i.relabel = True


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
    listed_as = listing.digest()  # what decides whether the saved listing still holds
    planned_at = generation(conn)
    known = _saved_listing(path, planned_at)
    if known is not None and known.key == listed_as:
        # The folder is as the store last saw it: nothing to compare or do
        # ... and so the entries match the store, updating or not.
        corpus = _corpus(conn, path, folders, known.unfold(listing), known.count, problems, True)
        _report_failed(corpus, [(str(listing.source(order).path), why) for order, why in known.skipped])
        return corpus, SyncStats(files=known.count, unchanged=known.count)
    with collector.paused():
        skipped = read_skipped(conn)
        saved = known.decode() if known is not None else None
        planned = None
        if saved is not None:  # some files changed since: only theirs are compared with the store
            planned = _plan_saved(conn, listing, saved, skipped, problems, check_hash=update)
        if planned is None:
            rows = _read_rows(conn)
            full: list[_Planned] = list(_plan(listing, rows, skipped, problems, check_hash=update))
            planned, saved = (full, list(rows)), None
        plan, stored_keys = planned
    items = [p for p in plan if isinstance(p, _Item)]
    runs = [p for p in plan if isinstance(p, _Run)]
    todo = [i for i in items if not i.fresh and not i.failed]
    cancelled = False
    added = updated = removed = 0
    writes = _Writes()
    if update:
        removed = _settle(conn, listing, items, stored_keys, planned_at, writes)
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
    synced = update and not cancelled
    count = sum(r.docs for r in runs) + sum(
        len(i.docs()) for i in items if not i.failed and i.fields is not None
    )
    corpus = _corpus(conn, path, folders, _unfold(plan, saved, listing), count, problems, synced)
    _report_failed(corpus, [(str(i.source.path), i.why) for i in items if i.failed and i.why])
    pending = sum(1 for i in todo if not i.stored and not i.failed)
    alone = not writes.others and writes.start in ("", planned_at)  # nobody else wrote since the plan
    if update and alone and not cancelled and not pending and not any(i.failed and not i.why for i in items):
        _save_listing(conn, path, listed_as, plan, saved, writes.end or planned_at)
    stats = SyncStats(
        files=count,
        parsed=sum(1 for i in todo if i.stored),
        added=added,
        updated=updated,
        removed=removed,
        unchanged=sum(r.end - r.first for r in runs) + sum(1 for i in items if i.fresh),
        pending=pending,
        cancelled=cancelled,
        changes=writes.changes(),
    )
    return corpus, stats


def listing_path(path: Path) -> Path:
    """The saved listing beside the store at ``path``."""
    return path.with_name(path.name + ".listing")


def _save_listing(
    conn: sqlite3.Connection,
    path: Path | None,
    key: bytes,
    plan: list[_Planned],
    saved: _Saved | None,
    state: str,
) -> None:
    """Remember the listing (``key``: its digest) that matches the store as it is now (``state``,
    its generation after this opening's writes): each document's entry, each file's size, mtime,
    stored place and id, and where each file is in the listing.

    The next open that lists the same files (same sizes and mtimes) at the same
    store generation needs neither the store's rows nor a comparison: ``_plan``
    would find every file fresh; one that lists a few other files reads only
    theirs (``_plan_saved``). Runs of files unchanged since the listing was
    saved (``saved``) are copied from it as they are. The file is a short head
    (version, generation, listing digest, entry count, lengths and digests)
    before the entries, the files and their places, so that check reads no
    entry; a file that cannot be written costs only speed. Another program that
    wrote the store meanwhile (``state`` is not its generation any more) leaves
    nothing saved.
    """
    if path is None:
        return
    blobs: list[bytes | memoryview] = []
    offsets = [_ENTRIES_HEAD]
    files: list[Any] = []
    orders: list[int] = []
    skipped: list[tuple[int, str]] = []
    for p in plan:
        if isinstance(p, _Run):
            assert saved is not None
            a, b = saved.offsets[p.first], saved.offsets[p.end]
            blobs.append(saved.entries[a:b])
            shift = offsets[-1] - a
            offsets += [o + shift for o in saved.offsets[p.first + 1 : p.end + 1]]
            files += saved.files[p.first : p.end]
            orders += range(p.at, p.at + p.end - p.first)
            continue
        s = p.source
        orders.append(p.order)
        if p.failed:
            files.append((s.key, s.size, s.mtime_ns, -1, 0, p.why, p.uid))
            skipped.append((p.order, p.why))
            blobs.append(_NO_ENTRIES)
            offsets.append(offsets[-1] + len(_NO_ENTRIES))
            continue
        docs = p.docs()
        blob = marshal.dumps(docs[0] if len(docs) == 1 else docs, 2)  # a file of one: its entry alone
        blobs.append(blob)
        offsets.append(offsets[-1] + len(blob))
        files.append((s.key, s.size, s.mtime_ns, p.rank, len(docs), "", p.uid))
    try:
        if generation(conn) != state:
            raise ValueError("the store was written by another program meanwhile")
        entries = b"[" + len(files).to_bytes(4, "little") + b"".join(blobs)
        parts = [marshal.dumps(files), marshal.dumps(offsets), entries, marshal.dumps(orders)]
        lengths = [len(b) for b in parts]
        digests = [_digest(b) for b in parts]
        count = sum(f[4] for f in files)
        stamp = (LISTING_VERSION, state, key, count, tuple(skipped), lengths, digests)
        head = marshal.dumps(stamp)
        atomic_write_parts(listing_path(path), [len(head).to_bytes(4, "little"), head, *parts])
    except (OSError, ValueError, sqlite3.Error):
        with contextlib.suppress(OSError):
            listing_path(path).unlink()


# The entries: a marshal (format 2) list of each file's list (its one entry's tuple when it holds one
# document), made by joining each file's own marshal after the list's head: format 2 has no
# back-references, so a file's bytes are the same wherever it stands, a run of unchanged files is
# copied as it is, and the whole list loads in one call.
_ENTRIES_HEAD = 5  # b"[" and the list's length
_NO_ENTRIES = marshal.dumps([], 2)  # a file that is no document


def _digest(body: bytes | memoryview) -> bytes:
    return hashlib.blake2b(body, digest_size=16).digest()


@dataclass(frozen=True)
class _Known:
    """A saved listing that matches the store: its entries, files and places, decoded when needed."""

    key: bytes  # the digest of the listing it was saved for (``Listing.digest``)
    count: int
    skipped: tuple[tuple[int, str], ...]  # (order, why) of each listed file that is not a document
    files: memoryview  # marshal of [(key, size, mtime_ns, rank, documents, why, id), ...]
    offsets: memoryview  # marshal of where each file's entries start in ``entries`` (and the end)
    entries: memoryview  # each file's [(id, fields, part), ...] marshalled (100,000 files: 14 MB)
    orders: memoryview  # marshal of [order, ...]: where each file is in the listing
    digests: tuple[bytes, bytes]  # of ``files`` and ``offsets``, checked when they are decoded

    def unfold(self, listing: Listing) -> Callable[[], Iterator[_Listed]]:
        def rows() -> Iterator[_Listed]:
            entries = marshal.loads(self.entries)  # every file's at once: 100,000 loads cost more
            orders = marshal.loads(self.orders)
            if len(entries) != len(orders):
                raise ValueError("a saved listing that read once no longer reads")
            sources = listing.sources
            for order, docs in zip(orders, entries, strict=True):
                if isinstance(docs, tuple):  # a file of one document (no list made for each)
                    yield docs[0], docs[1], sources[order], True, docs[2]
                    continue
                for uid, fields, part in docs:
                    yield uid, fields, sources[order], True, part

        return rows

    def decode(self) -> _Saved | None:
        """The files for a plan (``_plan_saved``); None when they do not read."""
        if (_digest(self.files), _digest(self.offsets)) != self.digests:
            return None
        try:
            files, orders, offsets = (marshal.loads(b) for b in (self.files, self.orders, self.offsets))
        except (ValueError, EOFError, TypeError):
            return None
        if not all(isinstance(x, list) for x in (files, orders, offsets)):
            return None
        if len(files) != len(orders) or len(offsets) != len(files) + 1 or offsets[-1] != len(self.entries):
            return None
        if self.entries[:1] != b"[" or int.from_bytes(self.entries[1:_ENTRIES_HEAD], "little") != len(files):
            return None
        return _Saved(files, orders, offsets, self.entries)


def _saved_listing(path: Path | None, state: str) -> _Known | None:
    """The listing saved for the store at generation ``state``, or None (none saved, or for another)."""
    if path is None:
        return None
    try:
        data = listing_path(path).read_bytes()
        size = int.from_bytes(data[:4], "little")
        version, stamp, key, count, skipped, lengths, digests = marshal.loads(data[4 : 4 + size])
        if version != LISTING_VERSION or stamp != state or not isinstance(count, int) or count < 0:
            return None
        view, at, parts = memoryview(data), 4 + size, []
        for length in lengths:
            parts.append(view[at : at + length])
            at += length
        if len(parts) != 4 or len(digests) != 4 or at != len(data):
            return None  # cut short
        # What every opening reads is checked now; the files, when a plan reads them (``decode``).
        if _digest(parts[2]) != digests[2] or _digest(parts[3]) != digests[3]:
            return None  # damaged: the entries are made from the store's rows instead
        files, offsets, entries, orders = parts
        return _Known(key, count, skipped, files, offsets, entries, orders, (digests[0], digests[1]))
    except (OSError, ValueError, TypeError, EOFError):
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

    def changes(self) -> StoreChanges | None:
        """What was written, when something was and nothing else wrote in between."""
        if not self.end or self.others:
            return None
        return StoreChanges(self.start, self.end, tuple(self.dropped), tuple(self.added))

    def carry(self, path: Path | None) -> None:
        """Save the word ids of the new state from those saved for the old one, or read whole from
        the store when none were saved (a first build: else the next ``trace``, which reads only
        its candidates, would leave them unsaved, and so would every one after it)."""
        changes = self.changes()
        if path is None or changes is None:
            return
        from reader.core.search import sidecar  # the searches' saved word ids, kept up with the store
        from reader.core.search.query import carry_snapshot, save_snapshot

        with (
            contextlib.suppress(sqlite3.Error, OSError, ValueError),
            contextlib.closing(reader_connection(path)) as read,
        ):
            if sidecar.path_of(path, "snapshot").exists():
                carry_snapshot(read, path, changes.start, changes.end, changes.dropped, changes.added)
                return
            read.execute("BEGIN")  # the word ids of one state
            try:
                if generation(read) == changes.end:
                    save_snapshot(read, path, changes.end)
            finally:
                read.execute("COMMIT")


def _settle(
    conn: sqlite3.Connection,
    listing: Listing,
    items: list[_Item],
    stored_keys: list[str],
    planned_at: str,
    writes: _Writes,
) -> int:
    """Record moved, renamed or touched fresh files and drop the vanished ones; files removed.

    ``stored_keys``: the files the store held when planned (at generation ``planned_at``), or at
    least those of them no longer listed.
    """
    failed = {i.source.key for i in items if i.failed}
    keep = {s.key for s in listing.sources if s.key not in failed}
    changes: list[tuple[object, ...]] = []
    for i in items:
        if i.fresh and i.relabel:
            s = i.source
            for entry, part in i.entries():
                changes.append((s.size, s.mtime_ns, _meta_fingerprint(entry), i.rank, entry.id, s.key, part))
    vanished = [key for key in stored_keys if key not in keep]
    if not changes and not vanished:
        return 0
    with _transaction(conn, writes) as postings:
        # As it is now, under the lock: only the vanished files' rows unless another program wrote since.
        stored = file_ids(conn, vanished) if generation(conn) == planned_at else file_ids(conn)
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
                    touch_file(conn, s.key, s.size, s.mtime_ns, item.rank)  # another program stored it
                    continue
                for r in stored:
                    remove_file(conn, r[0], postings)
            counts[0 if item.row is None else 1] += 1
            for d, (entry, part), (meta, _) in zip(parsed.docs, entries, metas, strict=True):
                symbol, year = d.meta[0], year_of(d.meta[3])
                add_file(
                    conn,
                    (s.key, item.rank, s.size, s.mtime_ns, parsed.sha256, meta, entry.id, symbol, year),
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


def _unfold(
    plan: Sequence[_Planned], saved: _Saved | None, listing: Listing
) -> Callable[[], Iterator[_Listed]]:
    """The entries of ``plan``'s documents in order: its runs' from the saved listing, its items'."""

    def rows() -> Iterator[_Listed]:
        sources = listing.sources
        for p in plan:
            if isinstance(p, _Item):
                if not p.failed and p.fields is not None:
                    current = p.fresh or p.stored
                    for uid, fields, part in p.docs():
                        yield uid, fields, p.source, current, part
                continue
            assert saved is not None
            for k in range(p.first, p.end):
                source = sources[p.at + k - p.first]
                for uid, fields, part in saved.docs(k):
                    yield uid, fields, source, True, part

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

    def with_path(self, resolved: str) -> list[CorpusEntry]:
        """The entries read from the file whose resolved path is ``resolved`` (a listed source's key)."""
        rows = self._rows()
        return self._made(rows, [k for k, r in enumerate(rows) if r[2].key == resolved])

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
