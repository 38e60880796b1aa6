"""Provenance in the reader: File → Check a Draft…, the toolbar's Check Left, the view, the report.

The check runs on a worker thread (``workers.Job``) with a progress dialog that
can cancel it; a large corpus is answered by the corpus index, a small one by
the full scan. A draft the core refuses (empty, not a resolution, nothing
older) is one sentence in the window's message strip, and nothing else changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QStackedWidget

from reader.core.errors import InputError
from reader.core.model import Document
from reader.core.progress import Progress, check_progress
from reader.core.provenance.check import DEFAULT_MAX_SOURCES, check_draft
from reader.core.provenance.model import Provenance
from reader.core.provenance.style import STATUS_COLOUR, STATUS_MEANING, STATUS_SYMBOL, year_colour, year_range
from reader.gui.doc_loader import FILE_FILTER
from reader.gui.provenance_view import ProvenanceView
from reader.gui.workers import Job

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow


def _action(parent: QObject, text: str, tip: str) -> QAction:
    act = QAction(text, parent)
    act.setToolTip(tip)
    act.setStatusTip(tip)
    return act


class ProvenanceMode(QObject):
    """Owns the provenance actions, view and worker of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.check_file = _action(
            window, "Check a &Draft\u2026", "Open a draft and see where each paragraph's language comes from"
        )
        self.check_left = _action(
            window,
            "Check Left as Draft",
            "Where each paragraph of the left document comes from: agreed, adapted or new",
        )
        self.view = ProvenanceView(self._document, window)
        self.stack = QStackedWidget(window)
        self.result: Provenance | None = None
        self.job: Job | None = None
        self._dialog: QProgressDialog | None = None
        self._install()
        self.check_file.triggered.connect(self._check_file_dialog)
        self.check_left.triggered.connect(self.check_left_document)
        self.view.closeRequested.connect(self.leave)
        self.view.exportRequested.connect(self._export_dialog)

    def _install(self) -> None:
        w = self.window
        central = w.centralWidget()
        layout = central.layout() if central is not None else None
        assert layout is not None, "the window's central widget holds the comparison view in a layout"
        layout.replaceWidget(w.view, self.stack)
        self.stack.addWidget(w.view)
        self.stack.addWidget(self.view)
        menu = w.actions_.export_report.associatedObjects()
        for owner in menu:
            if hasattr(owner, "insertAction") and owner is not w.toolbar:
                owner.insertAction(w.actions_.export_report, self.check_file)
                break
        w.toolbar.addSeparator()
        w.toolbar.addAction(self.check_left)
        button = w.toolbar.widgetForAction(self.check_left)
        if button is not None:
            button.setText("Check Draft")  # type: ignore[attr-defined]

    @property
    def active(self) -> bool:
        return self.stack.currentWidget() is self.view

    # ----- running ---------------------------------------------------------------------------
    def _document(self, doc_id: str) -> Document | None:
        try:
            doc: Document = self.window.session.corpus.document(doc_id)
            return doc
        except InputError:
            return None

    def _check_file_dialog(self) -> None:
        # The filter of File -> Open: a draft is as often a Word file, a PDF or a web page as a text file.
        path, _ = QFileDialog.getOpenFileName(self.window, "Check a draft", "", FILE_FILTER)
        if path:
            self.check_path(path)

    def check_path(self, path: str) -> Job | None:
        try:
            draft = self.window.session.load(path)
        except InputError as exc:
            self.window.show_error(f"Could not check {exc.source}: {exc.reason}.")
            return None
        return self.check(draft)

    def check_left_document(self) -> Job | None:
        draft = self.window.session.left
        if draft is None:
            self.window.show_error("Open a draft on the left first.")
            return None
        return self.check(draft)

    def check(self, draft: Document) -> Job:
        """Check ``draft`` against the corpus on a worker; the view opens when it is done."""
        if self.job is not None:
            self.job.wait()
        tracer = self.window.session.tracer()
        corpus = self.window.session.corpus

        def run(progress: Progress) -> Provenance:
            index: Any = tracer._ready_index(progress) if tracer.uses_index else None
            check_progress(progress, 0, 0)
            return check_draft(draft, corpus, index=index, max_sources=DEFAULT_MAX_SOURCES)

        job = Job(run)
        dialog = QProgressDialog("Checking the draft against the corpus\u2026", "Cancel", 0, 0, self.window)
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
        w = self.window
        self.result = result
        self.view.set_result(result, w.theme, w.view.point_size)
        self.stack.setCurrentWidget(self.view)
        w.banner.hide()
        w.summary_label.setText(result.summary.sentence())
        if result.left_out:  # the summary stays on the status bar otherwise
            w.statusBar().showMessage(" ".join(result.left_out), 10000)

    def _failed(self, message: str) -> None:
        self._close_dialog()
        self.window.show_error(f"Could not check the draft: {message}")

    def _ended(self, message: str) -> None:
        self._close_dialog()
        self.window.statusBar().showMessage(message, 6000)

    def leave(self) -> None:
        self.stack.setCurrentWidget(self.window.view)
        self.window._update_summary()

    # ----- report and legend -----------------------------------------------------------------
    def _export_dialog(self) -> None:
        if self.result is None:
            return
        from reader.core.report.provenance import suggested_filename

        path, _ = QFileDialog.getSaveFileName(
            self.window, "Export provenance report", suggested_filename(self.result), "HTML report (*.html)"
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
            self.window.show_error(f"Could not save the report: {exc}")
            return False
        self.window.statusBar().showMessage(f"Report saved to {path}", 8000)
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
