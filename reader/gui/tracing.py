"""The one place the GUI traces phrases across the corpus (no Qt here).

Small corpora are searched directly with ``reader.core.search.trace.trace``. From
``INDEX_FROM`` documents on, the embedded index (``reader.core.search.index``, a cache
file outside the corpus) answers instead: same hits, without parsing every
document for every phrase. The session uses ``CorpusTracer.trace`` for the
"also in" of shared phrases, the trace worker uses ``search`` (with progress
and cancel).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from reader.core.model import Document, TraceHit
from reader.core.progress import Cancelled, Progress, check_progress

if TYPE_CHECKING:
    from reader.core.compare.phrases import Tracer

INDEX_FROM = 40  # documents; below this a direct search is instant


def by_year(hits: Sequence[TraceHit]) -> list[tuple[int | None, list[TraceHit]]]:
    """Hits as the trace panel lists them: oldest year first (undated last), best first within a year."""
    groups: dict[int | None, list[TraceHit]] = {}
    for h in hits:
        groups.setdefault(h.year, []).append(h)
    return [
        (year, sorted(groups[year], key=lambda h: (-h.score, h.symbol, h.paragraph)))
        for year in sorted(groups, key=lambda y: (y is None, y or 0))
    ]


def run_trace(phrase: str, documents: Sequence[Document]) -> list[TraceHit]:
    from reader.core.search.trace import trace

    return list(trace(phrase, list(documents)))


class CorpusTracer:
    """Phrase search over one corpus, remembered per phrase; thread-safe."""

    def __init__(self, corpus: Any, index_from: int | None = None) -> None:
        self.corpus = corpus
        self._index_from = INDEX_FROM if index_from is None else index_from
        self._lock = threading.RLock()
        self._docs: list[Document] | None = None
        self._index: Any = None
        self._cache: dict[str, list[TraceHit]] = {}
        # Set while no search of the user's runs: the "also in" look-ups wait for it between phrases.
        self._idle = threading.Event()
        self._idle.set()
        self._searching = 0

    @property
    def uses_index(self) -> bool:
        return int(self.corpus.size) >= self._index_from  # (counted without making the entries)

    def documents(self) -> list[Document]:
        with self._lock:
            if self._docs is None:
                self._docs = list(self.corpus.documents())
            return self._docs

    @property
    def ready(self) -> bool:
        """True when a search needs no long preparation (small corpus, or the index is built)."""
        return not self.uses_index or self._index is not None

    def prepare(self, progress: Progress | None = None) -> None:
        """Build or refresh the index now (large corpora); meant for a worker thread."""
        if self.uses_index:
            self._ready_index(progress)

    def _ready_index(self, progress: Progress | None) -> Any:
        from reader.core.search.index import CorpusIndex

        with self._lock:
            if self._index is None:
                index = CorpusIndex.for_corpus(self.corpus)
                stats = index.update(self.corpus, progress)
                if stats.cancelled:
                    index.close()
                    raise Cancelled
                index.preload()  # here on the worker, not in the first look-up on the GUI thread
                self._index = index
            return self._index

    def search(self, phrase: str, progress: Progress | None = None) -> list[TraceHit]:
        """Every occurrence of ``phrase``; ``progress`` may cancel (raises ``Cancelled``)."""
        key = " ".join(phrase.split())
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        if self.uses_index:
            with self._first():
                hits = list(self._ready_index(progress).trace(key))
        else:
            docs = self.documents()
            total = len(docs)
            step = max(1, total // 20)
            hits = []
            for i in range(0, total, step):
                check_progress(progress, i, total)
                hits.extend(run_trace(key, docs[i : i + step]))
            if progress is not None:
                progress(total, total)
        with self._lock:
            self._cache[key] = hits
        return hits

    @contextlib.contextmanager
    def _first(self) -> Iterator[None]:
        """The user's search goes before the "also in" look-ups a worker runs after the index loads:
        they pause at their next phrase until it is done (at 100,000 documents they take seconds
        of Python, and sharing the interpreter made the trace panel's first screen wait 2 s)."""
        with self._lock:
            self._searching += 1
            self._idle.clear()
        try:
            yield
        finally:
            with self._lock:
                self._searching -= 1
                if not self._searching:
                    self._idle.set()

    def _after_searches(self) -> None:
        self._idle.wait()

    def trace(self, phrase: str) -> Sequence[TraceHit]:
        """The ``tracer`` that ``compare`` wants for each shared phrase's "also in"."""
        return self.search(phrase)

    def compare_tracer(self) -> Tracer | None:
        """What ``compare`` asks for each shared phrase's "also in"; None while a large corpus is indexed.

        A small corpus is searched directly (``trace``); a large one through the index's bounded
        recurrence search (``CorpusIndex.tracer``), never a full trace per phrase.
        """
        if not self.ready:
            return None
        if self.uses_index:
            with self._lock:
                index = self._index
            if index is not None:
                tracer: Tracer = index.tracer(pause=self._after_searches)
                return tracer
        return self.trace

    def document(self, doc_id: str) -> Document | None:
        try:
            doc: Document = self.corpus.document(doc_id)
            return doc
        except Exception:
            return None

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None
