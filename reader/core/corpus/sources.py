"""What a corpus folder holds, found without parsing a file: names, catalogue entries, sizes, mtimes.

Listing ten thousand files and their sizes takes a few tens of milliseconds;
the store then says which of them it already holds parsed (same size and
mtime). The rules are those of ``Corpus.load``: a folder with a
``catalogue.json`` is described by it, any other folder by its ``*.txt`` and
``*.md`` files; a broken entry or file is one line in ``problems``.
"""

from __future__ import annotations

import errno
import hashlib
import json
import marshal
import os
import stat
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from reader.core.corpus.fields import META_FIELDS
from reader.core.ingest.formats import DOCUMENT_SUFFIXES  # text, PDF, Word and web pages
from reader.core.reportmark import HTML_SUFFIXES, is_own_report

CATALOGUE = "catalogue.json"


class Source(NamedTuple):
    """One corpus file as listed: where it is, what the catalogue says of it, its size and mtime.

    A named tuple: ten thousand of them are made on every start, and a frozen
    dataclass costs several times as much to build.
    """

    folder: Path  # the corpus folder, as the corpus names it
    name: str  # the file's name in it (a catalogue's path relative to it)
    key: str  # the resolved path: the store's key
    wanted: str  # the id asked for: the catalogue's, else the file's stem
    meta: tuple[str, ...] | None  # the catalogue's META_FIELDS; None: described by its own text
    size: int
    mtime_ns: int

    @property
    def path(self) -> Path:
        """folder / name: made when asked for (a command that only asks the store never does)."""
        if "/" in self.name or os.sep in self.name:  # a catalogue's path into a subfolder
            return self.folder / self.name
        return _child(self.folder, self.name)


def _child(folder: Path, name: str) -> Path:
    """``folder / name`` for a plain file name, the way ``Path.iterdir`` names a folder's children.

    pathlib's own shortcut (no parsing of the name: a third of the cost of ``/``,
    a second for 100,000 entries) where this Python has it, else ``/``.
    """
    make = getattr(folder, "_make_child_relpath", None)
    return make(name) if make is not None else folder / name


@dataclass(frozen=True)
class Columns:
    """A listing's files as columns, one entry per file: how a listing is made (100,000 tuples
    made while listing cost a tenth of a second), what its digest is made of, and what another
    process sends (``listing_aside``)."""

    folders: array[int]  # each file's folder, as its place in the folders listed
    names: list[str]
    keys: list[str]
    wanted: list[str]
    metas: list[tuple[str, ...] | None]
    sizes: array[int]
    mtimes: array[int]

    @classmethod
    def empty(cls) -> Columns:
        return cls(array("H"), [], [], [], [], array("q"), array("q"))

    def __len__(self) -> int:
        return len(self.names)

    def source(self, k: int, folders: Sequence[Path]) -> Source:
        return Source(
            folders[self.folders[k]],
            self.names[k],
            self.keys[k],
            self.wanted[k],
            self.metas[k],
            self.sizes[k],
            self.mtimes[k],
        )

    def sources(self, folders: Sequence[Path]) -> list[Source]:
        new = tuple.__new__  # ``Source(...)`` goes through a Python-level ``__new__``
        rows = zip(
            self.folders, self.names, self.keys, self.wanted, self.metas, self.sizes, self.mtimes, strict=True
        )
        return [new(Source, (folders[k], n, key, w, m, size, t)) for k, n, key, w, m, size, t in rows]

    def digest(self, problems: list[str]) -> bytes:
        """What decides a plan besides the store: every file's key, id, catalogue fields, size and
        mtime, and the problems met. A column at a time (marshal format 2 has no back-references,
        so equal listings give equal bytes): a tuple of each file's fields marshalled took three
        times as long."""
        h = hashlib.blake2b(digest_size=32)
        h.update(marshal.dumps(self.keys, 2))  # from ``key`` on: not the path as spelt
        h.update(marshal.dumps(self.wanted, 2))
        h.update(marshal.dumps(self.metas, 2))
        h.update(self.sizes.tobytes())
        h.update(self.mtimes.tobytes())
        h.update(marshal.dumps(problems, 2))
        return h.digest()


class Listing:
    """The files of corpus folders, in corpus order, and what went wrong reading them.

    Kept as columns; ``sources``, one tuple per file, are made only when asked for: a folder
    found unchanged never needs them.
    """

    def __init__(
        self, folders: Sequence[Path] = (), columns: Columns | None = None, problems: list[str] | None = None
    ) -> None:
        self.folders = list(folders)
        self.columns = Columns.empty() if columns is None else columns
        self.problems: list[str] = [] if problems is None else problems
        self._sources: list[Source] | None = None

    @property
    def sources(self) -> list[Source]:
        if self._sources is None or len(self._sources) != len(self.columns):
            self._sources = self.columns.sources(self.folders)
        return self._sources

    def source(self, k: int) -> Source:
        """``sources[k]``, without making the others."""
        return self.columns.source(k, self.folders)

    def add(
        self,
        folder: Path,
        name: str,
        key: str,
        wanted: str,
        meta: tuple[str, ...] | None,
        size: int,
        mtime_ns: int,
    ) -> None:
        c = self.columns
        c.folders.append(self._place(folder))
        c.names.append(name)
        c.keys.append(key)
        c.wanted.append(wanted)
        c.metas.append(meta)
        c.sizes.append(size)
        c.mtimes.append(mtime_ns)

    def _place(self, folder: Path) -> int:
        for k, f in enumerate(self.folders):
            if f is folder:
                return k
        self.folders.append(folder)
        return len(self.folders) - 1

    def digest(self) -> bytes:
        """``Columns.digest`` of this listing."""
        return self.columns.digest(self.problems)


class Resolver:
    """``os.path.realpath`` for many files in few folders: each folder is resolved once."""

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


def list_sources(dirs: Sequence[Path]) -> Listing:
    """Every file the corpus of ``dirs`` is made of, in corpus order; never raises for a bad folder."""
    out = Listing(dirs)
    resolve = Resolver()
    for folder in dirs:
        if not folder.is_dir():
            out.problems.append(f"{folder}: not a folder; skipped")
            continue
        if (folder / CATALOGUE).is_file():
            _list_catalogue(folder, out, resolve)
        else:
            _list_folder(folder, out, resolve)
    return out


def _add(
    out: Listing,
    resolve: Resolver,
    folder: Path,
    rel: str,
    wanted: str,
    meta: tuple[str, ...] | None,
    st: os.stat_result | None = None,
) -> None:
    """Add ``folder / rel`` (``st``: its stat, when the caller has it already) if it can be read."""
    path = folder / rel
    try:
        st = os.stat(path) if st is None else st
        readable = os.access(path, os.R_OK)
    except OSError as exc:
        out.problems.append(f"{path}: cannot be read ({exc.strerror}); skipped")
        return
    if not readable:
        out.problems.append(f"{path}: cannot be read (permission denied); skipped")
        return
    out.add(folder, rel, resolve(path), wanted, meta, st.st_size, st.st_mtime_ns)


class _Readable:
    """Whether this process may read a file, from its stat: ``os.access`` without a system call each.

    The owner, group and other read bits are what ``access`` checks (root reads
    anything); access control lists are not seen, so a file they forbid fails
    later, when it is parsed, with the same one-line message.
    """

    def __init__(self) -> None:
        self.uid = os.geteuid() if hasattr(os, "geteuid") else -1
        self.groups = set(os.getgroups()) | {os.getegid()} if hasattr(os, "getegid") else set()

    def __call__(self, st: os.stat_result) -> bool:
        if self.uid == 0 or self.uid == -1:
            return self.uid == 0 or bool(st.st_mode & stat.S_IRUSR)
        if st.st_uid == self.uid:
            return bool(st.st_mode & stat.S_IRUSR)
        if st.st_gid in self.groups:
            return bool(st.st_mode & stat.S_IRGRP)
        return bool(st.st_mode & stat.S_IROTH)


_FILE_TYPE = 0o170000  # ``stat.S_IFMT``'s mask, without its function call per file


def _list_folder(folder: Path, out: Listing, resolve: Resolver) -> None:
    """The folder's document files by name; one directory read, one ``lstat`` per file.

    ``listdir`` and a sort of plain names, then ``lstat``, which answers "a
    regular file?", its size and its mtime at once: at 100,000 files a third of
    the time of ``scandir``'s entries, which this loop would only ask for the
    same. Links, other kinds of file and unreadable files take ``_add_odd``.
    """
    base = os.fspath(folder)
    try:
        real = os.path.realpath(base)
        names = os.listdir(base)
    except OSError as exc:
        out.problems.append(f"{folder}: cannot be read ({exc.strerror}); skipped")
        return
    sfx = DOCUMENT_SUFFIXES
    # A document type by its suffix, in any case, after a stem (".txt" alone is no document's name).
    names = sorted(n for n in names if (n.endswith(sfx) or n.lower().endswith(sfx)) and n.rfind(".") > 0)
    prefix, real_prefix = os.path.join(base, ""), os.path.join(real, "")  # "folder/": joined by "+"
    # A report this program wrote (saved into the folder) is no document: its head is read, web pages only.
    pages = {n for n in names if n.lower().endswith(HTML_SUFFIXES)}
    readable = _Readable()
    anyone = readable.uid == 0  # root reads every file: no need to look at its mode
    c, place = out.columns, out._place(folder)
    add_folder, add_name, add_key, add_wanted = (
        c.folders.append,
        c.names.append,
        c.keys.append,
        c.wanted.append,
    )
    add_meta, add_size, add_mtime = c.metas.append, c.sizes.append, c.mtimes.append
    lstat = os.lstat
    for name in names:
        try:
            st = lstat(prefix + name)
        except OSError as exc:
            out.problems.append(f"{prefix}{name}: cannot be read ({exc.strerror}); skipped")
            continue
        if st.st_mode & _FILE_TYPE == stat.S_IFREG and (anyone or readable(st)):
            if name in pages and is_own_report(prefix + name):
                continue
            add_folder(place)
            add_name(name)
            add_key(real_prefix + name)
            add_wanted(name[: name.rfind(".")])
            add_meta(None)
            add_size(st.st_size)
            add_mtime(st.st_mtime_ns)
        else:
            _add_odd(out, folder, (prefix, real_prefix), name, st, readable)


def _add_odd(
    out: Listing,
    folder: Path,
    prefixes: tuple[str, str],
    name: str,
    st: os.stat_result,
    readable: _Readable,
) -> None:
    """A listed name that is not a plain readable file: a link (followed), a folder, or unreadable.

    ``prefixes``: the folder as named and resolved, each with its separator.
    """
    path, key = prefixes[0] + name, prefixes[1] + name
    if stat.S_ISLNK(st.st_mode):
        try:
            key, st = os.path.realpath(path), os.stat(path)
        except OSError as exc:
            why = "a link to a missing file" if exc.errno == errno.ENOENT else exc.strerror
            out.problems.append(f"{path}: cannot be read ({why}); skipped")
            return
    if not stat.S_ISREG(st.st_mode):
        return  # a folder or a device named like a document
    if readable.uid != 0 and not readable(st):
        out.problems.append(f"{path}: cannot be read (permission denied); skipped")
        return
    out.add(folder, name, key, name[: name.rfind(".")], None, st.st_size, st.st_mtime_ns)


def _list_catalogue(folder: Path, out: Listing, resolve: Resolver) -> None:
    cat = folder / CATALOGUE
    try:
        data: Any = json.loads(cat.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        out.problems.append(f"{cat}: not a readable catalogue ({exc}); its folder was read file by file")
        _list_folder(folder, out, resolve)
        return
    items = data.get("documents") if isinstance(data, dict) else data
    if not isinstance(items, list):
        out.problems.append(f'{cat}: no "documents" list; its folder was read file by file')
        _list_folder(folder, out, resolve)
        return
    for n, item in enumerate(items, start=1):
        where = f"{cat} entry {n}"
        if not isinstance(item, dict):
            out.problems.append(f"{where}: not an object; skipped")
            continue
        rel = item.get("path")
        if not isinstance(rel, str) or not rel.strip():
            out.problems.append(f'{where}: no "path"; skipped')
            continue
        path = folder / rel
        try:  # one stat answers both "is it a file" and its size and time (as ``Path.is_file``)
            st: os.stat_result | None = os.stat(path)
        except (OSError, ValueError):
            st = None
        if st is None or not stat.S_ISREG(st.st_mode):
            out.problems.append(f"{where}: file {rel} does not exist; skipped")
            continue
        meta = tuple(str(item.get(k) or "") for k in META_FIELDS)
        _add(out, resolve, folder, rel, str(item.get("id") or path.stem), meta, st)
