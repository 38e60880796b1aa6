"""The collection of resolutions the reader works on: the bundled corpus and the analyst's folders.

A folder with a ``catalogue.json`` is described by it (the bundled corpus: the
catalogue states what the texts do not, e.g. 57/263's own number). A folder
without one is the analyst's own: each text, PDF, Word or web-page file is parsed and
described by what its text states. Nothing here ever writes into a corpus
folder. A broken file or catalogue entry becomes a one-line message in
``Corpus.problems``; the rest still loads.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Protocol

from reader.core.docid import part_id, split_part
from reader.core.errors import InputError
from reader.core.model import Document, Metadata
from reader.core.paths import bundled_corpus_dir

if TYPE_CHECKING:
    from reader.core.ingest.shape import Progress

# The parser is imported when a file is parsed, not with the corpus: a corpus opened from its
# store answers ``trace`` without parsing anything, and the parser's import is a tenth of that run.


@dataclass(frozen=True)
class CorpusEntry:
    id: str
    symbol: str
    body: str
    title: str
    date: str  # ISO: "2005-12-22" or "2006-03"
    path: Path
    session: str = ""
    meeting: str = ""
    part: int = 0  # which text of its file (1, 2, …) when the file holds several (a volume page)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if len(self.date) >= 4 and self.date[:4].isdigit() else None

    @property
    def metadata(self) -> Metadata:
        return Metadata(self.symbol, self.body, self.title, self.date, self.session, self.meeting)

    @property
    def display_name(self) -> str:
        return self.symbol or self.id


def _ref_key(ref: str) -> str:
    """ "A/RES/60/212" / "resolution 60/212" / " 591 (xxix) " -> comparable keys."""
    key = re.sub(r"\s+", "", ref.strip()).casefold()
    key = re.sub(r"^(?:resolution|res\.?)", "", key)
    return re.sub(r"^[a-z]/res/", "", key)


class DocumentStore(Protocol):
    """Where a corpus opened from its store reads parsed documents (``sync.StoredDocuments``)."""

    def load(self, entry: CorpusEntry) -> Document | None: ...

    def connection(self) -> sqlite3.Connection: ...

    def close(self) -> None: ...


Unfold = Callable[[], tuple[list[CorpusEntry], dict[str, CorpusEntry]]]
"""Makes a store-opened corpus's entries and its entries by resolved path, when first asked for."""


class Finder(Protocol):
    """A store-opened corpus's entries, found without making the others (in corpus order)."""

    def matching(self, test: Callable[[str, str, str], bool]) -> list[CorpusEntry]:
        """Those whose (id, symbol, file name) pass ``test``."""
        ...

    def with_id(self, key: str) -> list[CorpusEntry]:
        """Those whose id, casefolded, is ``key``."""
        ...

    def with_path(self, resolved: str) -> list[CorpusEntry]:
        """Those read from the file at ``resolved`` (its resolved path): one per text it holds."""
        ...


@dataclass
class Corpus:
    problems: list[str] = field(default_factory=list)  # one line per file or entry that was skipped
    # Files that hold no adopted text (reports, rules, budgets): (path, why), said in one summary line.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    dirs: list[Path] = field(default_factory=list)  # the folders it was loaded from, in order
    _entries: list[CorpusEntry] | None = field(default=None, repr=False, compare=False, init=False)
    _unfold: Unfold | None = field(default=None, repr=False, compare=False, init=False)
    _find: Finder | None = field(default=None, repr=False, compare=False, init=False)
    # Made entries by casefolded id (``resolve`` by id: the trace panel asks for a thousand documents).
    _ids: dict[str, CorpusEntry] = field(default_factory=dict, repr=False, compare=False, init=False)
    _ids_of: int = field(default=-1, repr=False, compare=False, init=False)  # how many entries _ids holds
    _size: int = field(default=0, repr=False, compare=False, init=False)
    _unfolding: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False, init=False)
    _cache: dict[str, Document] = field(default_factory=dict, repr=False, compare=False, init=False)
    # Entries of a folder without a catalogue were parsed while loading: keep those documents.
    _parsed: dict[str, Document] = field(default_factory=dict, repr=False, compare=False, init=False)
    _taken: set[str] = field(default_factory=set, repr=False, compare=False, init=False)  # entry ids
    # Opened from the store (``reader.core.corpus.sync``): documents are read from it, not parsed.
    _store: DocumentStore | None = field(default=None, repr=False, compare=False, init=False)
    db_path: Path | None = field(default=None, repr=False, compare=False, init=False)
    synced: str | None = field(default=None, repr=False, compare=False, init=False)  # store generation
    _by_path: dict[str, CorpusEntry] = field(default_factory=dict, repr=False, compare=False, init=False)

    @classmethod
    def open(cls, dirs: Sequence[Path | str], **options: Any) -> Corpus:
        """The corpus of ``dirs`` from its store, parsing only new or changed files (``sync.open_corpus``)."""
        from reader.core.corpus.sync import open_corpus

        return open_corpus(dirs, **options)[0]

    @property
    def entries(self) -> list[CorpusEntry]:
        """The documents in corpus order (a store-opened corpus makes them when first asked for)."""
        if self._entries is None:
            with self._unfolding:
                if self._entries is None:
                    unfold, self._unfold = self._unfold, None
                    entries, self._by_path = unfold() if unfold is not None else ([], {})
                    self._entries = entries
        return self._entries

    @property
    def size(self) -> int:
        """How many entries there are, without making them (``trace`` needs the store, not the entries)."""
        return len(self._entries) if self._entries is not None else self._size

    def attach_store(self, store: DocumentStore, *, db_path: Path | None, synced: str | None) -> None:
        """Read documents from ``store``; ``synced`` is the store generation the entries match."""
        self._store, self.db_path, self.synced = store, db_path, synced

    def defer_entries(self, unfold: Unfold, size: int, find: Finder | None = None) -> None:
        """Make the ``size`` entries with ``unfold`` when first asked for.

        ``unfold`` also gives the entries by resolved file path, so opening a file of
        a large corpus by its path finds its entry without resolving every other path.
        A command that only asks the store (``trace``) never makes ten thousand entries.
        ``find``: the entries that pass a test, alone: a reference (``resolve``) is then
        looked up without making every entry (the reader opens a pair of 100,000 that way).
        """
        self._entries, self._unfold, self._size, self._find = None, unfold, size, find

    @property
    def store(self) -> DocumentStore | None:
        return self._store

    def close(self) -> None:
        """Let go of the store (documents already read stay available)."""
        if self._store is not None:
            self._store.close()

    # --- loading -----------------------------------------------------------------

    @classmethod
    def load(cls, dirs: Sequence[Path | str]) -> Corpus:
        """Parse every file of ``dirs`` in memory, without a store (``open`` is the everyday way).

        The files and the catalogues' facts are those the store lists (``sources.list_sources``);
        never raises for a bad folder, file or entry.
        """
        from reader.core.corpus.fields import META_FIELDS, meta_fields
        from reader.core.corpus.sources import list_sources

        corpus = cls(dirs=[Path(d) for d in dirs])
        listing = list_sources(corpus.dirs)
        corpus.problems.extend(listing.problems)
        for source in listing.sources:
            if source.meta is not None:  # described by its catalogue: parsed when asked for
                meta: dict[str, Any] = dict(zip(META_FIELDS, source.meta, strict=True))
                corpus.entries.append(
                    CorpusEntry(id=corpus._unique_id(source.wanted), path=source.path, **meta)
                )
                continue
            try:  # described by its own text: parsed now (a volume page: a document per text)
                docs = _parse_parts(source.path)
            except InputError as exc:
                corpus.problems.append(str(exc))
                continue
            uid = corpus._unique_id(source.wanted)
            for k, doc in enumerate(docs, start=1):
                part = k if len(docs) > 1 else 0
                meta = dict(zip(META_FIELDS, meta_fields(doc.metadata), strict=True))
                entry_id = part_id(uid, part) if part else uid
                entry = CorpusEntry(id=entry_id, path=source.path, part=part, **meta)
                corpus.entries.append(entry)
                corpus._taken.add(entry_id)
                corpus._parsed[entry.id] = doc
        return corpus

    @classmethod
    def bundled(cls) -> Corpus:
        return cls.load([bundled_corpus_dir()])

    def _unique_id(self, wanted: str) -> str:
        """``wanted``, or ``wanted-2``, ``-3``… when taken (the ids taken are kept, not recounted:
        rebuilding them for every entry made loading ten thousand files take seconds)."""
        taken = self._taken
        if len(taken) != len(self.entries):  # entries given or changed from outside
            taken.clear()
            taken.update(e.id for e in self.entries)
        chosen, n = wanted, 2
        while chosen in taken:
            chosen, n = f"{wanted}-{n}", n + 1
        taken.add(chosen)
        return chosen

    # --- lookup ------------------------------------------------------------------

    def resolve(self, ref: str) -> CorpusEntry | None:
        """The entry for an id, a symbol ("60/212", "A/RES/60/212", "591(XXIX)") or a file name."""
        key = _ref_key(ref)
        if not key:
            return None
        find = self._find if self._entries is None else None
        if find is not None:
            return self._find_ref(find, key)
        entries = self.entries
        if self._ids_of != len(entries):  # made, or entries added since (``load``)
            ids: dict[str, CorpusEntry] = {}
            for e in entries:
                ids.setdefault(e.id.casefold(), e)
            self._ids, self._ids_of = ids, len(entries)
        by_id = self._ids.get(key)
        if by_id is not None and not by_id.part:  # (the texts of a volume page: chosen among them below)
            return by_id
        for match in (
            lambda e: e.id.casefold() == key,
            lambda e: bool(e.symbol) and _ref_key(e.symbol) == key,
            # "32/40" for "32/40 A", the first of the resolutions adopted under that number
            lambda e: bool(e.symbol) and _LETTERED.sub("", _ref_key(e.symbol)) == key,
            lambda e: e.path.name.casefold() == key or e.path.stem.casefold() == key,
        ):
            found = [entry for entry in self.entries if match(entry)]
            if found:
                return _named_part(found)
        return None

    @staticmethod
    def _find_ref(find: Finder, key: str) -> CorpusEntry | None:
        """``resolve``'s matches, in its order, on each entry's id, symbol and file name (``find``)."""

        def by_name(name: str) -> bool:
            folded = name.casefold()
            return folded == key or (folded.startswith(key) and PurePath(name).stem.casefold() == key)

        found = find.with_id(key)
        if found:
            return _named_part(found)
        for match in (
            lambda uid, symbol, name: bool(symbol) and _ref_key(symbol) == key,
            lambda uid, symbol, name: bool(symbol) and _LETTERED.sub("", _ref_key(symbol)) == key,
            lambda uid, symbol, name: by_name(name),
        ):
            found = find.matching(match)
            if found:
                return _named_part(found)
        return None

    def prepare_lookup(self) -> None:
        """Make what finding a document by its id needs, now (a worker's job): the reader's trace
        panel then reads its first hits' documents at once."""
        find = self._find if self._entries is None else None
        if find is not None:
            find.with_id("")
        else:
            self.resolve(self.entries[0].id if self.entries else "")

    def holds(self, entry_id: str) -> bool:
        """Whether an entry has the id ``entry_id`` (without making every entry when they are deferred)."""
        find = self._find if self._entries is None else None
        if find is not None:
            return any(e.id == entry_id for e in find.with_id(entry_id.casefold()))
        return any(e.id == entry_id for e in self.entries)

    def document(self, entry_or_ref: CorpusEntry | str, *, keep: bool = True) -> Document:
        """The parsed document; its id is the entry id, catalogue metadata wins.

        Parsed documents are kept for the next call; ``keep=False`` does not
        keep a newly parsed one (indexing walks a whole corpus once, and keeping
        every document would cost hundreds of megabytes on a large corpus).
        """
        entry: CorpusEntry | None = (
            entry_or_ref if isinstance(entry_or_ref, CorpusEntry) else self.resolve(entry_or_ref)
        )
        if entry is None:
            raise InputError(str(entry_or_ref), "is not a document in the corpus")
        cached = self._cache.get(entry.id)
        if cached is not None:
            return cached
        parsed = self._parsed.get(entry.id)
        stored = self._store.load(entry) if parsed is None and self._store is not None else None
        if stored is not None:
            doc = stored
        elif parsed is None and entry.part:  # one text of a volume page: the text's own metadata
            doc = _parse(entry.path, doc_id=entry.id, part=entry.part)
        elif parsed is None:
            doc = _parse(entry.path, doc_id=entry.id, metadata=entry.metadata)
        else:
            doc = replace(parsed, id=entry.id, metadata=_merge(parsed.metadata, entry.metadata))
        if keep:
            self._cache[entry.id] = doc
        return doc

    def documents(self) -> Iterator[Document]:
        """Every document that parses; the others are recorded in ``problems`` once."""
        for entry in self.entries:
            try:
                yield self.document(entry)
            except InputError as exc:
                message = str(exc)
                if message not in self.problems:
                    self.problems.append(message)

    def _load_file(self, path: Path, part: int, progress: Progress | None) -> Document:
        """A file by its path (``part``: its n-th text, 0: the file): its corpus entry when the
        corpus holds it, else parsed. A file of several texts opened whole gives the one it is
        named for, with a warning that names the others."""
        resolved = path.resolve()
        find = self._find if self._entries is None else None
        if find is not None:  # opened from the store, entries not made yet: look up this file's alone
            same, known = find.with_path(str(resolved)), None
        else:
            entries = self.entries
            known = self._by_path.get(str(resolved))  # opened from the store: every file's resolved path
            same = [e for e in entries if e.path == known.path] if known is not None else []
            if known is None and not self._by_path:  # loaded in memory: compare resolved paths
                same = [e for e in entries if e.path.resolve() == resolved]
        if same:
            if part:
                chosen = next((e for e in same if e.part == part), None)
                if chosen is None:
                    raise InputError(
                        f"{path}#{part}", f"the file holds {len(same)} text(s): there is no text {part}"
                    )
                return self.document(chosen)
            if len(same) == 1:
                return self.document(same[0])
            from reader.core.ingest.parse import named_part, parts_note

            docs = [self.document(e) for e in same]
            k = named_part([e.symbol for e in same], path.stem)
            return replace(docs[k], warnings=(*docs[k].warnings, parts_note(docs, k, str(path))))
        if part:
            return _parse(path, progress=progress, part=part, doc_id=f"{path.stem}#{part}")
        from reader.core.ingest.parse import load_ref_file

        return load_ref_file(path, progress)

    def load_ref(self, ref: str, progress: Progress | None = None) -> Document:
        """A document from a corpus ref or a file path; InputError with the reason otherwise.

        ``progress(done, total)`` hears about the pages of a long PDF read from outside the corpus.
        """
        path, part = Path(ref).expanduser(), 0
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
            if not (is_dir or is_file):  # "volume.txt#2": the second text of a volume page
                head, part = split_part(ref)
                path = Path(head).expanduser()
                is_file = bool(part) and path.is_file()
        except (OSError, ValueError):
            is_dir = is_file = False
        if is_dir:
            raise InputError(ref, "is a folder, not a resolution file")
        if is_file:
            return self._load_file(path, part, progress)
        found = self.resolve(ref)
        if found is not None:
            return self.document(found)
        raise InputError(ref, "is neither a file nor a document in the corpus")


_LETTERED = re.compile(r"[a-h]$")  # "32/40b" (a ref key): one of several resolutions under a number


def _named_part(found: list[CorpusEntry]) -> CorpusEntry:
    """The entry a reference means among several: the one whose file is named for its symbol.

    For the texts of one volume page found by its file name, the one the file is named for
    ("A_RES_32_40" → 32/40 A, not 32/21 A); for a symbol that two documents claim, the resolution
    in the file named for it ("2022/2": E_RES_2022_2.txt, not a committee's report that cites it).
    """
    if len(found) == 1:
        return found[0]
    from reader.core.ingest.meta import file_name_symbol

    for entry in found:
        named = _ref_key(file_name_symbol(entry.path.name)[0])
        if named and _LETTERED.sub("", _ref_key(entry.symbol)) in (named, _LETTERED.sub("", named)):
            return entry
    return found[0]


def _parse_parts(path: Path) -> list[Document]:
    """``ingest.parse.load_parts``: every text of the file, imported on first use."""
    from reader.core.ingest.parse import load_parts

    return load_parts(path)


def _parse(path: Path, **options: Any) -> Document:
    """``ingest.parse.load_document``, imported on first use."""
    from reader.core.ingest.parse import load_document

    return load_document(path, **options)


def _merge(parsed: Metadata, catalogue: Metadata) -> Metadata:
    from reader.core.ingest.meta import merge

    return merge(parsed, catalogue)
