"""Provenance in the reader: File → Check a Draft…, the toolbar's Check Left, the view, the report.

The check runs on a worker thread (``workers.Job``) with a progress dialog that
can cancel it; a large corpus is answered by the corpus index, a small one by
the full scan. A draft the core refuses (empty, not a resolution, nothing
older) is one sentence in the window's message strip, and nothing else changes.

Like ``HistoryController``, the mode is given what it needs (the corpus, its
tracer, how to load a file, the left document, where messages go) and says when
its view should be shown or left (``opened``, ``closed``); the main window places
its actions and view. So it is built and tested without a ``MainWindow``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from reader.core.corpus.collection import Corpus
from reader.core.errors import InputError
from reader.core.model import Document
from reader.core.progress import Progress, check_progress
from reader.core.provenance.check import DEFAULT_MAX_SOURCES, check_draft
from reader.core.provenance.model import Provenance
from reader.core.provenance.style import STATUS_COLOUR, STATUS_MEANING, STATUS_SYMBOL, year_colour, year_range
from reader.gui.doc_loader import FILE_FILTER
from reader.gui.provenance_view import ProvenanceView
from reader.gui.theme import Theme
from reader.gui.tracing import CorpusTracer
from reader.gui.workers import Job


def _action(parent: QObject, text: str, tip: str) -> QAction:
    act = QAction(text, parent)
    act.setToolTip(tip)
    act.setStatusTip(tip)
    return act


class ProvenanceMode(QObject):
    """Owns the provenance actions, view and worker of one window."""

    opened = Signal(object)  # the Provenance just shown in ``view``: the window shows the view
    closed = Signal()  # the view was closed: the window shows the comparison again

    def __init__(
        self,
        parent: QWidget,
        *,
        corpus: Callable[[], Corpus],
        tracer: Callable[[], CorpusTracer],
        load: Callable[[str], Document],
        left: Callable[[], Document | None],
        theme: Callable[[], Theme],
        point_size: Callable[[], float],
        show_error: Callable[[str], None],
        show_status: Callable[[str, int], None],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._corpus = corpus
        self._tracer = tracer
        self._load = load
        self._left = left
        self._theme = theme
        self._point_size = point_size
        self._show_error = show_error
        self._show_status = show_status
        self.check_file = _action(
            parent, "Check a &Draft\u2026", "Open a draft and see where each paragraph's language comes from"
        )
        self.check_left = _action(
            parent,
            "Check Left as Draft",
            "Where each paragraph of the left document comes from: agreed, adapted or new",
        )
        self.view = ProvenanceView(self._document, parent)
        self.active = False  # the view is the one shown (between ``opened`` and ``closed``)
        self.result: Provenance | None = None
        self.job: Job | None = None
        self._dialog: QProgressDialog | None = None
        self.check_file.triggered.connect(self._check_file_dialog)
        self.check_left.triggered.connect(self.check_left_document)
        self.view.closeRequested.connect(self.leave)
        self.view.exportRequested.connect(self._export_dialog)

    # ----- running ---------------------------------------------------------------------------
    def _document(self, doc_id: str) -> Document | None:
        try:
            doc: Document = self._corpus().document(doc_id)
            return doc
        except InputError:
            return None

    def _check_file_dialog(self) -> None:
        # The filter of File -> Open: a draft is as often a Word file, a PDF or a web page as a text file.
        path, _ = QFileDialog.getOpenFileName(self._parent, "Check a draft", "", FILE_FILTER)
        if path:
            self.check_path(path)

    def check_path(self, path: str) -> Job | None:
        try:
            draft = self._load(path)
        except InputError as exc:
            self._show_error(f"Could not check {exc.source}: {exc.reason}.")
            return None
        return self.check(draft)

    def check_left_document(self) -> Job | None:
        draft = self._left()
        if draft is None:
            self._show_error("Open a draft on the left first.")
            return None
        return self.check(draft)

    def check(self, draft: Document) -> Job:
        """Check ``draft`` against the corpus on a worker; the view opens when it is done."""
        if self.job is not None:
            self.job.wait()
        tracer = self._tracer()
        corpus = self._corpus()

        def run(progress: Progress) -> Provenance:
            index: Any = tracer._ready_index(progress) if tracer.uses_index else None
            check_progress(progress, 0, 0)
            return check_draft(draft, corpus, index=index, max_sources=DEFAULT_MAX_SOURCES)

        job = Job(run)
        dialog = QProgressDialog("Checking the draft against the corpus\u2026", "Cancel", 0, 0, self._parent)
        dialog.setWindowTitle("Check a draft")
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(400)
        dialog.canceled.connect(job.cancel)
        job.progress.connect(lambda done, total: self._progress(dialog, done, total))
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        job.cancelled.connect(lambda: self._ended("Checking the draft was cancelled"))
        self.job, self._dialog = job, dialog
        job.start()
        return job

    @staticmethod
    def _progress(dialog: QProgressDialog, done: int, total: int) -> None:
        if total:
            dialog.setLabelText(f"Indexing the corpus: {done}/{total} documents")
            dialog.setRange(0, total)
            dialog.setValue(done)
        else:
            dialog.setLabelText("Comparing every paragraph with the earlier documents\u2026")
            dialog.setRange(0, 0)

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.deleteLater()
            self._dialog = None
        self.job = None

    def _finished(self, result: object) -> None:
        self._close_dialog()
        if not isinstance(result, Provenance):
            return
        self.result = result
        self.view.set_result(result, self._theme(), self._point_size())
        self.active = True
        self.opened.emit(result)

    def _failed(self, message: str) -> None:
        self._close_dialog()
        self._show_error(f"Could not check the draft: {message}")

    def _ended(self, message: str) -> None:
        self._close_dialog()
        self._show_status(message, 6000)

    def leave(self) -> None:
        self.active = False
        self.closed.emit()

    # ----- report and legend -----------------------------------------------------------------
    def _export_dialog(self) -> None:
        if self.result is None:
            return
        from reader.core.report.provenance import suggested_filename

        path, _ = QFileDialog.getSaveFileName(
            self._parent, "Export provenance report", suggested_filename(self.result), "HTML report (*.html)"
        )
        if path:
            self.export_to(path, force=True)  # the dialog asked before replacing a file

    def export_to(self, path: str, *, force: bool = False) -> bool:
        from reader.core.report.provenance import write_provenance_report

        if self.result is None:
            return False
        try:
            write_provenance_report(path, self.result, force=force)
        except InputError as exc:
            self._show_error(f"Could not save the report: {exc}")
            return False
        self._show_status(f"Report saved to {path}", 8000)
        return True

    def legend_html(self) -> str:
        """The Help → Legend part for provenance: status marks and the year scale."""
        marks = "".join(
            f"<tr><td style='color:{STATUS_COLOUR[s]}; padding:2px 8px'>{STATUS_SYMBOL[s]}</td>"
            f"<td style='padding:2px 8px'><b>{s}</b>: {STATUS_MEANING[s]}</td></tr>"
            for s in ("agreed", "adapted", "new")
        )
        years: list[int] = []
        if self.result is not None:
            years = [
                ph.doc.year for p in self.result.paragraphs for ph in p.phrases if ph.doc.year is not None
            ]
        first, last = year_range(years) if years else (1990, 2025)
        steps = sorted({first, last, *range(first, last + 1, max(1, (last - first) // 5 or 1))})
        # Qt's rich text draws no borders: each year on its colour (a background, which it draws)
        colours = [(y, year_colour(y, first, last)) for y in steps]
        scale = "".join(
            f"<td style='background-color:{c}; color:{_ink(c)}; padding:2px 6px'>{y}</td>" for y, c in colours
        )
        return (
            "<p><b>Check a draft</b> (File \u2192 Check a Draft\u2026, or Check Draft on the toolbar for the "
            "left document): a mark beside each paragraph, shape and colour alike, with its best source "
            "and year</p>"
            f"<table>{marks}</table>"
            f"<p>Agreed phrases (five or more words found in an earlier document) are underlined in the "
            f"colour of the year they were first used:</p>"
            f"<table cellspacing='2'><tr>{scale}</tr></table>"
        )


def _ink(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (#rrggbb)."""
    r, g, b = (int(background[k : k + 2], 16) for k in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#ffffff"
