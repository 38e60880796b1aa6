"""Work that must not freeze the window: tracing a phrase across the corpus.

The worker calls ``tracing.run_trace`` on chunks of documents to report
progress and to stop soon after Cancel.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.core.errors import InputError
from reader.core.model import Document, TraceHit
from reader.gui.tracing import run_trace


@dataclass(frozen=True)
class TraceResult:
    phrase: str
    hits: tuple[TraceHit, ...]
    documents: dict[str, Document]  # by id, for snippets and opening a hit


class TraceWorker(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # TraceResult
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, phrase: str, load_documents: Callable[[], Sequence[Document]]) -> None:
        super().__init__()
        self.phrase = phrase
        self._load = load_documents
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        try:
            docs = list(self._load())
            total = len(docs)
            self.progress.emit(0, total)
            step = max(1, total // 20)
            hits: list[TraceHit] = []
            for i in range(0, total, step):
                if self._cancel.is_set():
                    self.cancelled.emit()
                    return
                hits.extend(run_trace(self.phrase, docs[i : i + step]))
                self.progress.emit(min(total, i + step), total)
            if self._cancel.is_set():
                self.cancelled.emit()
                return
            hits.sort(key=lambda h: (-h.score, h.year or 0, h.symbol, h.paragraph))
            self.finished.emit(TraceResult(self.phrase, tuple(hits), {d.id: d for d in docs}))
        except InputError as exc:
            self.failed.emit(f"{exc.source}: {exc.reason}")
        except Exception as exc:  # an internal error must not kill the thread silently
            self.failed.emit(f"Tracing failed: {exc}")


class TraceJob(QObject):
    """Owns one worker and its thread; ends the thread whatever the outcome."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()

    def __init__(self, phrase: str, load_documents: Callable[[], Sequence[Document]]) -> None:
        super().__init__()
        self._thread = QThread()
        self.worker = TraceWorker(phrase, load_documents)
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
        self.done.emit()

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
        self.worker.cancel()
        self._thread.quit()
        self._thread.wait(ms)
