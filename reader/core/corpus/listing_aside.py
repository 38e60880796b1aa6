"""A large folder listed in another process while this one gets on with its own work.

Knowing whether the store still matches a folder of 100,000 files takes one
``lstat`` per file: half a second on a slow disk or virtual machine, which a
command spent before it could start on its question. On Linux a forked process
(started at once, nothing imported again) lists the folder while this one
imports what it needs and answers from the store as last saved
(``search.early``); the listing comes back through a pipe as columns, and
``sync.open_corpus`` plans the update from it as from its own. Two threads
would not do: ``lstat`` gives up the interpreter lock for each file, and
getting it back behind a busy thread made both sides slower than one after
the other.

A small folder (its saved listing under ``ASIDE_FROM`` bytes), a first
listing, a platform without ``fork`` or a listing process that fails: the
folder is listed here when asked for, exactly as before.
"""

from __future__ import annotations

import marshal
import os
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.core import forked
from reader.core.corpus.sources import Columns, Listing, list_sources

# Bytes of saved listing from which a folder is listed aside: about 900 files (listing them here
# costs ~5 ms, starting the process ~3; the 3,107 files of the real folder, ~20 ms, 1 MB of listing).
ASIDE_FROM = 1 << 18

Lister = Callable[[], Listing]


def list_aside(dirs: Sequence[Path], saved_listing: Path | None) -> Lister:
    """A function giving the listing of ``dirs``: started now in another process when worth it."""
    folders = list(dirs)
    child = forked.start(lambda: _listing_bytes(folders)) if _worth_it(saved_listing) else None
    if child is None:
        return lambda: list_sources(folders)

    def wait() -> Listing:
        try:
            return _unpacked(child.result(), folders)
        except (ValueError, EOFError, TypeError):  # the other process failed: list here
            return list_sources(folders)

    return wait


def _worth_it(saved_listing: Path | None) -> bool:
    if not forked.available() or saved_listing is None:
        return False
    try:
        return os.stat(saved_listing).st_size >= ASIDE_FROM
    except OSError:
        return False


def _listing_bytes(folders: list[Path]) -> bytes:
    """The listing process's answer: the columns and their digest."""
    listing = list_sources(folders)
    if listing.folders != folders:
        raise ValueError("files listed from a folder not asked for")
    c = listing.columns
    head = (c.names, c.keys, c.wanted, c.metas, listing.problems, listing.digest())
    return marshal.dumps([marshal.dumps(head), c.folders.tobytes(), c.sizes.tobytes(), c.mtimes.tobytes()])


def _unpacked(data: bytes, folders: list[Path]) -> Listing:
    """The listing the other process sent, with the digest it made of it."""
    head, places, sizes, mtimes = marshal.loads(data)
    names, keys, wanted, metas, problems, digest = marshal.loads(head)
    columns = Columns(array("H", places), names, keys, wanted, metas, array("q", sizes), array("q", mtimes))
    if (
        len({len(x) for x in (names, keys, wanted, metas, columns.folders, columns.sizes, columns.mtimes)})
        != 1
    ):
        raise ValueError("a listing whose columns differ in length")
    if any(k >= len(folders) for k in set(columns.folders)):
        raise ValueError("a listing of other folders")
    return _Sent(folders, columns, problems, digest)


class _Sent(Listing):
    """A listing sent by the other process, with its digest (made there, not again here)."""

    def __init__(self, folders: list[Path], columns: Columns, problems: list[str], digest: bytes) -> None:
        super().__init__(folders, columns, problems)
        self._digest = digest

    def digest(self) -> bytes:
        return self._digest
