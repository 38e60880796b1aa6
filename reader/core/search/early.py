"""A question answered from the store as saved while the folder is checked, kept if nothing changed.

A command over a folder of 100,000 documents first lists the folder (one
``lstat`` per file: about half a second) to know whether the store still
matches it, then asks the index. The two need not wait for each other: the
folder is listed in another process (``corpus.listing_aside``) while this one
answers from the store as last saved; then the store is brought up to date
from that listing as always. The store's generation (creation stamp and update
count) says which state a read saw: when the up-to-date store is still at the
generation the early answer was read from, nothing changed and the answer
stands. Otherwise, when this process made the changes (the listing found a file changed,
added or removed), the answer is caught up from them: a trace drops the hits in the dropped
paragraphs and traces the added ones alone. Only when neither holds is the question asked
again of the fresh index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

if TYPE_CHECKING:
    from reader.core.corpus.sync import StoreChanges
    from reader.core.search.index import CorpusIndex

# The index (numpy, the store) is imported when first asked: the folder is listed meanwhile.

T = TypeVar("T")


@dataclass(frozen=True)
class Answered(Generic[T]):
    """The answer, the up-to-date index it holds for (the caller closes it), and how it was found:
    ``kept`` (the early answer, the store unchanged), ``caught up`` (the early answer brought up to
    date from what changed), ``asked`` (of the up-to-date index)."""

    answer: T
    index: CorpusIndex
    how: Literal["kept", "caught up", "asked"]


def answer_while_checking(
    db_path: Path | None,
    ask: Callable[[CorpusIndex], T],
    fresh: Callable[[], tuple[CorpusIndex, StoreChanges | None]],
    catch_up: Callable[[CorpusIndex, T, StoreChanges], T | None] | None = None,
) -> Answered[T]:
    """``ask`` of the index ``fresh()`` opens up to date, answered first from the store at ``db_path``.

    Call it with the folder's listing already started aside (``fresh`` waits for it). When the
    store changed meanwhile and ``fresh`` says how (only it wrote, from the state the early answer
    saw), ``catch_up`` may bring that answer up to date from the changes; else (or when it cannot:
    None) the question is asked again. The early answer is never shown for another state, nor
    when the store could not be read as it was (none yet, another version, damaged). ``fresh``'s
    errors are this call's.
    """
    early = _early(db_path, ask)
    index, changes = fresh()
    try:
        if early is not None:
            seen, answer = early
            now = index.generation()
            if now == seen:
                return Answered(answer, index, "kept")
            if catch_up is not None and changes is not None and (changes.start, changes.end) == (seen, now):
                caught = catch_up(index, answer, changes)
                if caught is not None:
                    return Answered(caught, index, "caught up")
        return Answered(ask(index), index, "asked")
    except BaseException:
        index.close()
        raise


def _early(db_path: Path | None, ask: Callable[[CorpusIndex], T]) -> tuple[str, T] | None:
    """(generation, answer) from the store as saved; None when it cannot be read as it is.

    The generation is read before the question and again after it: a store updated in between
    (by another program: the reader updates in the background) is another state, and its answer
    is not kept.
    """
    if db_path is None or not db_path.is_file():
        return None
    from reader.core.corpus.store import generation, reader_connection
    from reader.core.search.index import CorpusIndex

    try:
        conn = reader_connection(db_path)
    except sqlite3.Error:
        return None
    index = CorpusIndex(conn, db_path)
    try:
        before = generation(conn)
        answer = ask(index)
        return (before, answer) if generation(conn) == before else None
    except Exception:  # an early look only: the fresh index answers instead
        return None
    finally:
        index.close()
