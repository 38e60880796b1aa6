"""Part of a long comparison's "also in" looked for in a second process (the command line, Linux).

Comparing two long real resolutions over a corpus of thousands asks where each of
a hundred shared phrases recurs: about 0.2 s of one core, every part of it
Python (candidate paragraphs, reworded scoring), so threads would take turns. A
process forked once the phrases' words and postings are read starts with them
and looks for about half the phrases; it sends back what it found as arrays
with the few facts (place, label, document) of those paragraphs, and this
process makes every occurrence as it would have. The answer is the same either
way (tests compare the two).

Only where no other thread runs (forking copies one thread only) and the work is
worth a process: ``SHARED_FROM`` phrases or more, in a corpus of
``PARAGRAPHS_FROM`` paragraphs or more. The other process reads its own
connection to the same store and gives up (this process then does its phrases
itself) if the store has moved on meanwhile, or on any failure.
"""

from __future__ import annotations

import marshal
import threading
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from reader.core import forked
from reader.core.corpus.store import generation, reader_connection

if TYPE_CHECKING:
    from reader.core.search.recurrence import Found, RecurrenceSearch

SHARED_FROM = 24  # phrases: fewer cost less than starting a process (a few milliseconds)
PARAGRAPHS_FROM = 20_000  # about 400 resolutions
SHARE = 0.42  # of the estimated work, to the other process (it runs slower; this one makes every occurrence)


def share(search: RecurrenceSearch, words_of: Sequence[list[str]]) -> list[int]:
    """Which phrases (their places in ``words_of``) the other process looks for; none when not worth it.

    Each phrase's work is estimated by the paragraphs holding its rarest word (what its search
    reads and compares) and a fixed part; the largest go first to the side with less so far.
    """
    if (
        len(words_of) < SHARED_FROM
        or search.snap.paragraphs.count < PARAGRAPHS_FROM
        or not forked.available()
        or not _alone()
    ):
        return []
    work = [search.estimate(words) for words in words_of]
    total = sum(work)
    theirs: list[int] = []
    given = 0.0
    for k in sorted(range(len(work)), key=lambda k: -work[k]):
        if given + work[k] <= SHARE * total:
            theirs.append(k)
            given += work[k]
    return sorted(theirs)


def _alone() -> bool:
    """No other Python thread runs here: a fork copies only this one, and a lock another held
    would never be released in the copy."""
    return threading.active_count() == 1


class Helper:
    """The other process looking for its phrases."""

    def __init__(self, child: forked.Child, search: RecurrenceSearch) -> None:
        self._child = child
        self._search = search

    @property
    def pid(self) -> int:
        return self._child.pid

    def close(self) -> None:
        """Give up on its answer (this process failed)."""
        self._child.close()

    def wait(self) -> list[Found] | None:
        """Its phrases' recurrences, their facts added to the search's; None if it failed."""
        try:
            return _unpacked(self._child.result(), self._search)
        except (ValueError, EOFError, TypeError):
            return None


def start(
    search: RecurrenceSearch,
    store: Path | None,
    phrases_norm: Sequence[str],
    words_of: Sequence[list[str]],
    theirs: Sequence[int],
    skip_docs: Collection[str],
) -> Helper | None:
    """Start the other process on phrases ``theirs``; None when none could be started."""
    if store is None:
        return None
    state = generation(search.conn)
    phrases, words = [phrases_norm[i] for i in theirs], [words_of[i] for i in theirs]
    child = forked.start(lambda: _searched(search, store, state, phrases, words, skip_docs))
    return Helper(child, search) if child is not None else None


def _searched(
    search: RecurrenceSearch,
    store: Path,
    state: str,
    phrases_norm: list[str],
    words_of: list[list[str]],
    skip_docs: Collection[str],
) -> bytes:
    """The other process's answer: its phrases' recurrences as arrays, and the facts of their paragraphs."""
    conn = reader_connection(store)  # never the parent's: SQLite connections do not survive a fork
    conn.execute("BEGIN")
    if generation(conn) != state:
        raise ValueError("the store changed")
    search.conn = conn  # this process's copy of the search
    found = search.found(phrases_norm, words_of, skip_docs)
    pids = np.unique(
        np.concatenate([np.zeros(0, dtype=np.int64), *(f.same for f in found), *(f.reworded for f in found)])
    )
    items = [(f.same.tobytes(), f.reworded.tobytes(), f.scores.tobytes(), f.known) for f in found]
    return marshal.dumps((search.facts_rows(pids), items))


def _unpacked(data: bytes, search: RecurrenceSearch) -> list[Found]:
    from reader.core.search.recurrence import Found

    rows, items = marshal.loads(data)
    search.add_facts(rows)
    return [
        Found(
            np.frombuffer(same, dtype=np.int64),
            np.frombuffer(reworded, dtype=np.int64),
            np.frombuffer(scores, dtype=np.float64),
            bool(known),
        )
        for same, reworded, scores, known in items
    ]
