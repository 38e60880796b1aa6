"""Open a PDF, Word document or saved web page off the GUI thread, with progress and Cancel.

A text file opens in a blink; a PDF of hundreds of pages takes seconds, so
files that need a format reader are read by a :class:`~reader.gui.workers.Job`
while a progress dialog counts the pages and offers Cancel. The window stays
responsive and, on failure or cancel, keeps the comparison it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from reader.core.ingest.formats import DOCUMENT_SUFFIXES, kind_of
from reader.core.ingest.parse import load_document
from reader.core.ingest.shape import Cancelled as ReadingCancelled
from reader.core.model import Document
from reader.gui.side_marks import Side
from reader.gui.tracing import Cancelled, Progress
from reader.gui.workers import Job

_BACKGROUND_KINDS = ("pdf", "docx", "html")

FILE_FILTER = (
    "Resolutions ("
    + " ".join(f"*{s}" for s in DOCUMENT_SUFFIXES)
    + ");;PDF (*.pdf);;Word (*.docx);;Web pages (*.html *.htm);;Text (*.txt *.md);;All files (*)"
)


def needs_reader(ref: str) -> bool:
    """Is ``ref`` a file that a format reader (PDF, Word, web page) has to read?"""
    path = Path(ref).expanduser()
    try:
        if not path.is_file():
            return False
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return kind_of(head, path.suffix.lower()) in _BACKGROUND_KINDS


def _read(path: str, progress: Progress) -> Document:
    try:
        return load_document(path, progress=progress)
    except ReadingCancelled as exc:
        raise Cancelled from exc


class DocumentLoader(QObject):
    """Reads one document at a time in the background; a new request cancels the one before."""

    loaded = Signal(str, object, str)  # side, Document, the path as given
    failed = Signal(str)  # one sentence
    cancelled = Signal(str)  # the path

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.job: Job | None = None
        self.dialog: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self, side: Side, path: str) -> None:
        self.stop()
        name = Path(path).name
        dialog = QProgressDialog(f"Reading {name}\u2026", "Cancel", 0, 0, self._parent)
        dialog.setWindowTitle("Opening a document")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # a short document opens without a flash of dialog
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(
            max(460, dialog.fontMetrics().horizontalAdvance(f"Reading {name}: page 000 of 000") + 80)
        )
        job = Job(lambda progress: _read(path, progress))

        def progressed(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            dialog.setLabelText(f"Reading {name}: page {done} of {total}\u2026")

        job.progress.connect(progressed)
        job.finished.connect(lambda doc: self._end(job, lambda: self.loaded.emit(side, doc, path)))
        job.failed.connect(lambda message: self._end(job, lambda: self.failed.emit(message)))
        job.cancelled.connect(lambda: self._end(job, lambda: self.cancelled.emit(path)))
        dialog.canceled.connect(job.cancel)
        self.job, self.dialog = job, dialog
        job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def stop(self) -> None:
        """Cancel and wait for a running read (closing the window, opening another file)."""
        if self.job is not None:
            self.job.wait()
        self._close_dialog()
        self.job = None

    def _end(self, job: Job, emit: Callable[[], None]) -> None:
        if job is not self.job:  # a read that was stopped for a newer one
            return
        self._close_dialog()
        self.job = None
        emit()

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
