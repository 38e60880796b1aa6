"""One corpus's ``find``, kept open between queries (the reader's panel asks at every pause in typing).

The index is opened (or built) at the first query and again whenever the corpus
changes (another ``Corpus`` object, or the same one synced to a new store state);
a lock lets a worker thread search while the window hands over a new corpus.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from reader.core.find.engine import Filters, FindIndex, open_for_corpus
from reader.core.find.finder import DEFAULT_LIMIT, FindResult, find


class AgreedLanguage:
    def __init__(self, corpus: Callable[[], Any]) -> None:
        self._corpus = corpus  # asked at each query: the reader swaps corpora
        self._lock = threading.Lock()
        self._index: FindIndex | None = None
        self._key: tuple[int, object, object] | None = None
        self.built = False  # the last query had to build the index first

    def index(self) -> FindIndex:
        corpus = self._corpus()
        key = (id(corpus), getattr(corpus, "db_path", None), getattr(corpus, "synced", None))
        with self._lock:
            if self._index is None or key != self._key:
                self._index, self.built = open_for_corpus(corpus)
                self._key = key
            else:
                self.built = False
            return self._index

    def find(self, text: str, *, limit: int = DEFAULT_LIMIT, filters: Filters | None = None) -> FindResult:
        return find(self.index(), text, limit=limit, filters=filters)
