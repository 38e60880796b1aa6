"""Work that must not freeze the window, run in a QThread: tracing, indexing a large corpus.

A ``Job`` runs one function ``fn(progress) -> result`` in its own thread. Its
worker is the window's reporter of ``reader.core.progress.Progress`` (the console
has ``ConsoleProgress``): ``progress(done, total)`` goes to the window as a signal
and returns False once Cancel was pressed; the function then raises
``reader.core.progress.Cancelled``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.core.errors import InputError
from reader.core.model import Document, TraceHit
from reader.core.progress import Cancelled, Progress, check_progress
from reader.gui.tracing import CorpusTracer, by_year


@dataclass(frozen=True)
class TraceResult:
    phrase: str
    hits: tuple[TraceHit, ...]
    documents: dict[str, Document]  # the documents of the hits, by id (snippets, opening)


class _Worker(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, fn: Callable[[Progress], object]) -> None:
        super().__init__()
        self._fn = fn
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> bool:
        self.progress.emit(done, total)
        return not self._cancel.is_set()

    @Slot()
    def run(self) -> None:
        try:
            if self._cancel.is_set():
                raise Cancelled
            result = self._fn(self._progress)
        except Cancelled:
            self.cancelled.emit()
        except InputError as exc:
            self.failed.emit(f"{exc.source}: {exc.reason}")
        except Exception as exc:  # an internal error must not end the thread silently
            self.failed.emit(f"Internal error: {exc}")
        else:
            self.finished.emit(result)


class Job(QObject):
    """Owns one worker and its thread; ends the thread whatever the outcome."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, fn: Callable[[Progress], object]) -> None:
        super().__init__()
        self._thread = QThread()
        self.worker = _Worker(fn)
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        self.worker.progress.connect(self.progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    def _stop(self) -> None:
        self._thread.quit()
        self._thread.wait(5000)

    def _on_finished(self, result: object) -> None:
        self._stop()
        self.finished.emit(result)

    def _on_failed(self, message: str) -> None:
        self._stop()
        self.failed.emit(message)

    def _on_cancelled(self) -> None:
        self._stop()
        self.cancelled.emit()

    def wait(self, ms: int = 5000) -> None:
        """Cancel and wait for the thread (closing the window, starting another search).

        A step that cannot stop half-way (loading a large index) may outlast
        ``ms``: the thread is then waited for to its end, since destroying a
        running QThread aborts the program.
        """
        self.worker.cancel()
        self._thread.quit()
        if not self._thread.wait(ms):
            self._thread.wait()


def trace_job(phrase: str, tracer: CorpusTracer, first: int) -> Job:
    """A job that traces ``phrase`` and returns a ``TraceResult`` (best hits first).

    Only the documents of the ``first`` hits in the panel's order are read here (the snippets of the
    first screen): at 100,000 documents reading every hit's document took seconds. The panel asks
    ``documents_job`` for the rest once the list is shown.
    """

    def run(progress: Progress) -> TraceResult:
        hits = sorted(
            tracer.search(phrase, progress), key=lambda h: (-h.score, h.year or 0, h.symbol, h.paragraph)
        )
        shown = [h.doc_id for _, group in by_year(hits) for h in group][:first]
        return TraceResult(phrase, tuple(hits), read_documents(tracer, shown))

    return Job(run)


def documents_job(tracer: CorpusTracer, doc_ids: Sequence[str]) -> Job:
    """A job that reads ``doc_ids`` (a dict of those found), for snippets filled in after the first screen."""
    return Job(lambda progress: read_documents(tracer, doc_ids, progress))


def read_documents(
    tracer: CorpusTracer, doc_ids: Sequence[str], progress: Progress | None = None
) -> dict[str, Document]:
    docs: dict[str, Document] = {}
    for i, doc_id in enumerate(doc_ids):
        if doc_id not in docs:
            check_progress(progress, i, len(doc_ids))
            doc = tracer.document(doc_id)
            if doc is not None:
                docs[doc_id] = doc
    return docs
