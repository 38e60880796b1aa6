"""The History view: a series' paragraphs across the years, in a window of its own.

A grid (one row per lineage, one column per document) over the selected row's
versions, stacked oldest first with the word changes between consecutive ones.
Double-clicking a cell opens that version and the previous one side by side in
the main window. The series is found and linked off the GUI thread (a ``Job``)
with a Cancel button; the window holds no matching logic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import InputError
from reader.core.history.model import History
from reader.core.history.series import SeriesSearch
from reader.core.model import Document
from reader.core.progress import Progress, check_progress
from reader.gui.history_model import LINEAGE_ROLE, ChangedOnlyFilter, HistoryModel, versions_html
from reader.gui.theme import Theme
from reader.gui.tracing import CorpusTracer
from reader.gui.workers import Job

if TYPE_CHECKING:
    from reader.core.corpus.collection import Corpus


class HistoryWindow(QWidget):
    """The grid and the versions of the selected lineage."""

    pairRequested = Signal(object, object, int, int)  # older doc, newer doc, paragraph in each
    cancelRequested = Signal()
    seriesChosen = Signal(object, object)  # ids of the documents ticked, refs typed to add

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("HistoryWindow")
        self.setWindowTitle("History — Resolution Reader")
        self.theme = theme
        self.history: History | None = None
        self.search: SeriesSearch | None = None
        self.model: HistoryModel | None = None
        self.proxy = ChangedOnlyFilter()

        self.title = QLabel(self)
        self.title.setObjectName("HistoryTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.RichText)
        self.changed_only = QCheckBox("Changed only", self)
        self.changed_only.setToolTip("Hide paragraphs that are word for word the same in every document")
        self.changed_only.toggled.connect(self._changed_only)
        self.export_button = QPushButton("Export HTML\u2026", self)
        self.export_button.setToolTip("Save the grid and every paragraph's versions as an HTML report")
        self.export_button.clicked.connect(self._export_dialog)
        self.busy = QLabel(self)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.set_busy("")
        self.close_button = QPushButton("Close", self)
        self.close_button.setToolTip("Close the History window (Esc, Ctrl+W)")
        self.close_button.clicked.connect(self.close)
        # Esc and Ctrl+W (and the platform's own Close key, Ctrl+F4 on Windows) close it too.
        keys = [QKeySequence(Qt.Key.Key_Escape), QKeySequence("Ctrl+W")]
        keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Close) if k not in keys]
        self.shortcuts = [
            QShortcut(key, self, self.close, context=Qt.ShortcutContext.WindowShortcut) for key in keys
        ]

        # Which documents make the series: ticked ones are used; the user may drop or add one.
        self.series_list = QListWidget(self)
        self.series_list.setObjectName("SeriesDocuments")
        self.series_list.setMaximumHeight(130)
        self.series_list.setToolTip(
            "Documents of the series: untick one to drop it, tick a left-out one to add it"
        )
        self.add_edit = QLineEdit(self)
        self.add_edit.setPlaceholderText("Add a document: symbol or id, e.g. 60/212")
        self.add_edit.returnPressed.connect(self._apply_series)
        self.apply_button = QPushButton("Update series", self)
        self.apply_button.setToolTip("Link the ticked documents (and the one typed) again")
        self.apply_button.clicked.connect(self._apply_series)
        self.series_box = QWidget(self)
        series_lay = QVBoxLayout(self.series_box)
        series_lay.setContentsMargins(0, 0, 0, 0)
        series_lay.addWidget(self.series_list)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_edit, 1)
        add_row.addWidget(self.apply_button)
        series_lay.addLayout(add_row)
        self.series_box.setVisible(False)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(90)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setToolTip("Double-click a cell to open that version and the one before side by side")
        self.table.doubleClicked.connect(self._double_clicked)
        self.versions = QTextBrowser(self)
        self.versions.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.versions)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        bar = QHBoxLayout()
        bar.addWidget(self.changed_only)
        bar.addStretch(1)
        bar.addWidget(self.busy)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.about)
        lay.addWidget(self.series_box)
        lay.addLayout(bar)
        lay.addWidget(split, 1)
        self.resize(1100, 700)  # within a 1,280 x 800 screen, title bar and panel included

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing while the series is being found stops that work too."""
        if self.cancel_button.isVisible():
            self.cancelRequested.emit()
        super().closeEvent(event)

    # ----- state ---------------------------------------------------------------------------------
    def set_busy(self, message: str) -> None:
        self.busy.setText(message)
        self.busy.setVisible(bool(message))
        self.cancel_button.setVisible(bool(message))

    def show_message(self, message: str) -> None:
        self.about.setText(f"<span style='color:{self.theme.kind_line['removed']}'>{_esc(message)}</span>")

    def set_history(self, history: History, search: SeriesSearch | None) -> None:
        self.history, self.search = history, search
        self.model = HistoryModel(history, self.theme)
        self.proxy.setSourceModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        names = " \u2192 ".join(_esc(d.display_name) for d in history.documents)
        changed = sum(1 for lin in history.lineages if lin.changed)
        self.title.setText(
            f"<h2 style='margin:0'>History: {names}</h2>"
            f"<span>{len(history.lineages)} paragraphs across {len(history.documents)} documents, "
            f"{changed} changed</span>"
        )
        lines = []
        if search is not None:
            found = "; ".join(
                f"<b>{_esc(f.document.display_name)}</b> ({_esc(', '.join(f.reasons))})"
                for f in search.members
            )
            lines.append(f"Series of {_esc(search.target.display_name)} found in the corpus: {found}")
            lines += [
                f"Left out {_esc(f.document.display_name)}: {_esc('; '.join(f.reasons))}"
                for f in search.left_out
            ]
        lines += [_esc(n) for n in history.notes]
        self.about.setText("<br>".join(lines))
        self._fill_series(search)
        self.versions.setHtml("<p>Select a row to see that paragraph's versions.</p>")
        arrow = " \u2192 "
        self.setWindowTitle(f"History: {arrow.join(d.display_name for d in history.documents)}")

    def _fill_series(self, search: SeriesSearch | None) -> None:
        """One row per document found (ticked) or left out (not ticked), with the reasons as a tip."""
        self.series_list.clear()
        self.series_box.setVisible(search is not None)
        if search is None:
            return
        rows: list[tuple[Document, tuple[str, ...], bool, bool]] = [
            (search.target, ("the document asked about",), True, False)
        ]
        rows += [(f.document, f.reasons, True, True) for f in search.members]
        rows += [(f.document, f.reasons, False, bool(f.document.paragraphs)) for f in search.left_out]
        for doc, reasons, ticked, editable in rows:
            md = doc.metadata
            item = QListWidgetItem(f"{doc.display_name}  {md.date or 'no date'}  {md.title}")
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            item.setToolTip("; ".join(reasons))
            flags = Qt.ItemFlag.ItemIsEnabled | (
                Qt.ItemFlag.ItemIsUserCheckable if editable else Qt.ItemFlag(0)
            )
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.series_list.addItem(item)

    def ticked(self) -> list[str]:
        """Ids of the documents ticked in the series list (the target always is)."""
        out = []
        for row in range(self.series_list.count()):
            item = self.series_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def _apply_series(self) -> None:
        refs = [r for r in self.add_edit.text().replace(",", " ").split() if r]
        self.add_edit.clear()
        self.seriesChosen.emit(self.ticked(), refs)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        if self.model is not None:
            self.model.set_theme(theme)
            self._row_changed(self.table.currentIndex())

    def select_lineage(self, lineage: int) -> None:
        if self.model is None:
            return
        if self.changed_only.isChecked() and not self.model.lineage(lineage).changed:
            self.changed_only.setChecked(False)
        index = self.proxy.mapFromSource(self.model.index(lineage, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def selected_lineage(self) -> int | None:
        index = self.table.currentIndex()
        return None if not index.isValid() else int(self.proxy.data(index, LINEAGE_ROLE))

    # ----- reactions -----------------------------------------------------------------------------
    def _changed_only(self, on: bool) -> None:
        self.proxy.set_changed_only(on)

    def _row_changed(self, index: QModelIndex) -> None:
        if self.history is None or not index.isValid():
            return
        n = int(self.proxy.data(index, LINEAGE_ROLE))
        self.versions.setHtml(versions_html(self.history, n, self.theme))

    def pair_for(self, lineage: int, column: int) -> tuple[Document, Document, int, int] | None:
        """The version in ``column`` and the one before it (or after it, for the first one)."""
        if self.history is None:
            return None
        versions = self.history.lineages[lineage].versions
        present = [k for k, v in enumerate(versions) if v is not None]
        if len(present) < 2:
            return None
        here = column if versions[column] is not None else min(present, key=lambda k: abs(k - column))
        before = [k for k in present if k < here]
        old, new = (before[-1], here) if before else (here, next(k for k in present if k > here))
        vo, vn = versions[old], versions[new]
        assert vo is not None and vn is not None
        docs = self.history.documents
        return docs[old], docs[new], vo.paragraphs[0], vn.paragraphs[0]

    def _double_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        pair = self.pair_for(int(self.proxy.data(index, LINEAGE_ROLE)), index.column())
        if pair is None:
            self.show_message("This paragraph is in one document only: there is nothing to compare it with.")
            return
        self.pairRequested.emit(*pair)

    def _export_dialog(self) -> None:
        if self.history is None:
            return
        name = "history-" + "-".join(d.display_name for d in self.history.documents) + ".html"
        safe = "".join(c if c.isalnum() or c in "-_.()" else "-" for c in name)
        path, _ = QFileDialog.getSaveFileName(self, "Export history report", safe, "HTML (*.html)")
        if path:
            self.export_to(path, force=True)

    def export_to(self, path: str, *, force: bool = False) -> bool:
        from reader.core.report.history import write_history_report

        if self.history is None:
            return False
        try:
            write_history_report(path, self.history, self.search, force=force)
        except InputError as exc:
            self.show_message(f"Could not save the report: {exc}")
            return False
        self.set_busy("")
        return True


def _esc(text: str) -> str:
    import html

    return html.escape(text)


def history_job(
    corpus: Corpus, target: Document, fallback: list[Document], tracer: CorpusTracer | None = None
) -> Job:
    """Find ``target``'s series in the corpus and link it; ``fallback`` (the documents on screen) when
    the corpus holds no other document of its series. ``tracer``: the session's, whose corpus index
    answers the look-up on a large corpus (a small one is scanned)."""
    from reader.core.history.order import build_history
    from reader.core.history.series import find_series

    def run(progress: Progress) -> tuple[History, SeriesSearch | None]:
        check_progress(progress, 0, 2)
        index = None
        if tracer is not None and tracer.uses_index:
            index = tracer._ready_index(lambda done, total: progress(0, 2))
        search = find_series(corpus, target, index=index)
        check_progress(progress, 1, 2)
        if search.members:
            return build_history(search.documents), search
        return build_history(fallback), None

    return Job(run)


def rechosen_job(corpus: Corpus, search: SeriesSearch, ids: list[str], refs: list[str]) -> Job:
    """Link the series again as the user chose it: ticked documents, plus those typed (corpus refs)."""
    from reader.core.history.order import build_history

    def run(progress: Progress) -> tuple[History, SeriesSearch | None]:
        check_progress(progress, 0, 2)
        extra = [corpus.document(ref) for ref in refs]  # InputError: one sentence in the window
        chosen = search.chosen(ids, extra)
        check_progress(progress, 1, 2)
        return build_history(chosen.documents), chosen

    return Job(run)


class HistoryController(QObject):
    """Opens the History window for a document (or one of its paragraphs) and runs the work."""

    def __init__(
        self,
        parent: QWidget,
        corpus: Callable[[], Corpus],
        open_pair: Callable[[Document, Document, int, int], None],
        theme: Callable[[], Theme],
        tracer: Callable[[], CorpusTracer] | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._corpus = corpus
        self._tracer = tracer
        self._open_pair = open_pair
        self._theme = theme
        self.window: HistoryWindow | None = None
        self.job: Job | None = None
        self._want: tuple[str, int] | None = None  # (document id, paragraph) to select when done

    def _window(self) -> HistoryWindow:
        if self.window is None:
            self.window = HistoryWindow(self._theme(), self._parent)
            self.window.pairRequested.connect(self._open_pair)
            self.window.cancelRequested.connect(self.cancel)
            self.window.seriesChosen.connect(self.rechoose)
        return self.window

    def show_history(self, target: Document, others: list[Document], paragraph: int | None = None) -> None:
        """Find the series of ``target`` and show it; ``paragraph`` of ``target`` is selected."""
        win = self._window()
        win.show()
        win.raise_()
        self.cancel()
        self._want = None if paragraph is None else (target.id, paragraph)
        fallback = [target, *(d for d in others if d.id != target.id)]
        tracer = self._tracer() if self._tracer is not None else None
        job = history_job(self._corpus(), target, fallback, tracer)
        job.finished.connect(self._done)
        job.failed.connect(self._failed)
        job.cancelled.connect(lambda: self._ended("History cancelled."))
        steps = (f"Finding the series of {target.display_name}\u2026", "Linking its paragraphs\u2026")
        job.progress.connect(lambda done, total: win.set_busy(f"{steps[min(done, 1)]} ({done + 1}/{total})"))
        self.job = job
        win.set_busy(steps[0])
        job.start()

    def rechoose(self, ids: list[str], refs: list[str]) -> None:
        """Link the documents the user ticked in the series list (and those typed) again."""
        win = self._window()
        search = win.search
        if search is None:
            return
        self.cancel()
        self._want = None
        job = rechosen_job(self._corpus(), search, list(ids), list(refs))
        job.finished.connect(self._done)
        job.failed.connect(self._failed)
        job.cancelled.connect(lambda: self._ended("History cancelled."))
        self.job = job
        win.set_busy("Linking the chosen documents…")
        job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.wait()
            self.job = None
            if self.window is not None:
                self.window.set_busy("")

    def _done(self, result: object) -> None:
        self.job = None
        win = self._window()
        win.set_busy("")
        assert isinstance(result, tuple)
        history: History = result[0]
        search: SeriesSearch | None = result[1]
        win.set_history(history, search)
        if self._want is not None:
            doc_id, paragraph = self._want
            for k, d in enumerate(history.documents):
                if d.id == doc_id:
                    win.select_lineage(history.lineage_of(k, paragraph))
                    break
        elif history.lineages:
            win.select_lineage(0)

    def _failed(self, message: str) -> None:
        self._ended(message)

    def _ended(self, message: str) -> None:
        self.job = None
        win = self._window()
        win.set_busy("")
        win.show_message(message)

    def set_theme(self, theme: Theme) -> None:
        if self.window is not None:
            self.window.set_theme(theme)
