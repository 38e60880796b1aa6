"""A check shared by the store and index tests: traces answered from the saved snapshot alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import pytest

from reader.core.model import Document
from reader.core.search.index import CorpusIndex
from reader.core.search.query import Snapshot
from reader.core.search.trace import trace


def assert_traced_from_saved_snapshot(
    open_index: Callable[[], CorpusIndex],
    phrases: Iterable[str],
    docs: Sequence[Document],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each phrase, traced by a newly opened index (a new process), gives the full scan's hits while
    reading word ids from SQLite is forbidden: the snapshot saved beside the index answered."""

    def not_read(*args: object) -> None:
        raise AssertionError("word ids read from SQLite although a snapshot is saved for this index")

    with monkeypatch.context() as patched:
        patched.setattr(Snapshot, "load", not_read)
        patched.setattr(Snapshot, "load_some", not_read)
        for phrase in phrases:
            with open_index() as index:
                assert index.trace_once(phrase) == trace(phrase, docs), phrase
