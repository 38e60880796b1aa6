"""Open a PDF, Word document or saved web page off the GUI thread, with progress and Cancel.

A text file opens in a blink; a PDF of hundreds of pages takes seconds, so
files that need a format reader are read by a :class:`~reader.gui.workers.Job`
while a progress dialog counts the pages and offers Cancel. The window stays
responsive and, on failure or cancel, keeps the comparison it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from reader.core.ingest.formats import DOCUMENT_SUFFIXES, kind_of
from reader.core.ingest.parse import load_document
from reader.gui.side_marks import Side
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


@dataclass
class _Reading:
    """One document being read for one side: its job and its progress dialog."""

    job: Job
    dialog: QProgressDialog


class DocumentLoader(QObject):
    """Reads documents in the background, one per side; a new file for a side replaces the old read."""

    loaded = Signal(str, object, str)  # side, Document, the path as given
    failed = Signal(str)  # one sentence
    cancelled = Signal(str)  # the path

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._reads: dict[str, _Reading] = {}
        self._last: _Reading | None = None

    @property
    def busy(self) -> bool:
        return bool(self._reads)

    @property
    def job(self) -> Job | None:
        """The job of the read started last, while it runs."""
        return self._last.job if self._last is not None and self._last in self._reads.values() else None

    @property
    def dialog(self) -> QProgressDialog | None:
        return self._last.dialog if self._last is not None and self._last in self._reads.values() else None

    def start(self, side: Side, path: str) -> None:
        self._stop_side(side)
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
        job = Job(lambda progress: load_document(path, progress=progress))  # Cancel: core.progress.Cancelled
        reading = _Reading(job, dialog)

        def progressed(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            dialog.setLabelText(f"Reading {name}: page {done} of {total}\u2026")

        job.progress.connect(progressed)
        job.finished.connect(lambda doc: self._end(side, reading, lambda: self.loaded.emit(side, doc, path)))
        job.failed.connect(lambda message: self._end(side, reading, lambda: self.failed.emit(message)))
        job.cancelled.connect(lambda: self._end(side, reading, lambda: self.cancelled.emit(path)))
        dialog.canceled.connect(job.cancel)
        self._reads[side] = self._last = reading
        job.start()

    def cancel(self) -> None:
        for reading in self._reads.values():
            reading.job.cancel()

    def stop(self) -> None:
        """Cancel and wait for every running read (closing the window)."""
        for side in list(self._reads):
            self._stop_side(side)

    def _stop_side(self, side: str) -> None:
        reading = self._reads.pop(side, None)
        if reading is not None:
            reading.job.wait()
            _close(reading.dialog)

    def _end(self, side: str, reading: _Reading, emit: Callable[[], None]) -> None:
        if self._reads.get(side) is not reading:  # a read replaced by a newer one for its side
            return
        del self._reads[side]
        _close(reading.dialog)
        emit()


def _close(dialog: QProgressDialog) -> None:
    dialog.reset()
    dialog.hide()
    dialog.deleteLater()
