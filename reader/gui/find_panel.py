"""Find agreed language: type or paste what a paragraph should say, see the adopted wordings for it.

The panel renders ``reader.core.find`` results and nothing more: the search runs
in a ``Job`` thread a moment after typing pauses (a newer query replaces one not
yet started), each family of wording is one row (closeness, how many times, the
years, the first and latest adoption, and the word changes from it to your text),
its adoptions are its children. Double-click (or *Open Beside*) opens an adoption
on the right at that paragraph; *Copy Text* copies the adopted wording.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.find.engine import Occurrence
from reader.core.find.finder import FindResult, FoundFamily
from reader.core.find.service import AgreedLanguage
from reader.core.report.find import place, year_span
from reader.gui.theme import LIGHT, Theme
from reader.gui.trace_panel import HTML_ROLE, HtmlDelegate
from reader.gui.workers import Job

FAMILY_ROLE = Qt.ItemDataRole.UserRole + 3
OCCURRENCE_ROLE = Qt.ItemDataRole.UserRole + 4
DEBOUNCE_MS = 250
SHOWN = 15  # families listed (the command line's --limit)


def diff_html(f: FoundFamily, theme: Theme) -> str:
    """The adopted wording with the changes that turn it into the query: struck and underlined."""
    out = []
    for tag, text in f.diff:
        t = html.escape(text)
        if tag == "delete":
            out.append(
                f"<span style='background:{theme.delete_bg}; color:{theme.delete_fg}; "
                f"text-decoration:line-through'>{t}</span>"
            )
        elif tag == "insert":
            out.append(f"<span style='background:{theme.insert_bg}; text-decoration:underline'>{t}</span>")
        else:
            out.append(t)
    return "".join(out)


def family_html(n: int, f: FoundFamily, theme: Theme) -> str:
    fam = f.family
    where = place(fam.first) if fam.count == 1 else f"{place(fam.first)} \u2026 {place(fam.last)}"
    head = (
        f"<span style='color:{theme.muted}'>{n}.</span> <b>{f.score:.1f}</b>&nbsp;&nbsp;"
        f"<b>{fam.count}\u00d7</b>&nbsp;&nbsp;{html.escape(year_span(f))}&nbsp;&nbsp;"
        f"<span style='color:{theme.muted}'>{html.escape(where)}</span>"
    )
    return f"{head}<br>{diff_html(f, theme)}"


class _CachedHtmlDelegate(HtmlDelegate):
    """The trace panel's rich-text rows, with each row's height laid out once per width."""

    def __init__(self, parent: QTreeWidget) -> None:
        super().__init__(parent)
        self._sizes: dict[tuple[str, int], QSize] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        markup = index.data(HTML_ROLE)
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QTreeWidget) else option.rect.width()
        if not markup:
            return super().sizeHint(option, index)
        key = (str(markup), width)
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) > 2000:
                self._sizes.clear()
            size = self._sizes[key] = super().sizeHint(option, index)
        return size


class FindPanel(QWidget):
    """The "Find agreed language" dock (Ctrl+Shift+F)."""

    openOccurrence = Signal(str, str)  # document id, paragraph label
    finished = Signal(object)  # FindResult, once shown
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme: Theme = LIGHT
        self.service: AgreedLanguage | None = None
        self.job: Job | None = None
        self._queued = False
        self.result: FindResult | None = None
        self.edit = QPlainTextEdit(self)
        self.edit.setPlaceholderText(
            "Type or paste what the paragraph should say: a rough sentence, keywords or a draft paragraph"
        )
        self.edit.setToolTip(
            "Results follow as you type (UN abbreviations such as SG, LDCs, SIDS are understood)"
        )
        self.edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.open_button = QPushButton("Open Beside", self)
        self.open_button.setToolTip("Open the selected adoption on the right, at its paragraph")
        self.copy_button = QPushButton("Copy Text", self)
        self.copy_button.setToolTip("Copy the selected adopted wording")
        self.export_button = QPushButton("Report\u2026", self)
        self.export_button.setToolTip("Save these results as an HTML report (what find --html writes)")
        for b in (self.open_button, self.copy_button, self.export_button):
            b.setEnabled(False)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(1)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(14)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setItemDelegate(_CachedHtmlDelegate(self.tree))
        self.tree.setToolTip(
            "Families of adopted wording, closest first: score, times adopted, years, first and latest "
            "adoption, and the changes from it to your text. Expand a family for every adoption; "
            "double-click to open one beside the current document."
        )
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.copy_button)
        row.addWidget(self.export_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addWidget(self.edit)
        lay.addLayout(row)
        lay.addWidget(self.tree, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.start)
        self.edit.textChanged.connect(self.timer.start)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self._open(item))
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.open_button.clicked.connect(lambda: self._open(self.tree.currentItem()))
        self.copy_button.clicked.connect(self.copy_text)
        self.export_button.clicked.connect(self._export_dialog)

    def set_source(self, corpus: Callable[[], Any]) -> None:
        """Where to search: ``corpus()`` is asked at each query, so a changed corpus is picked up."""
        self.service = AgreedLanguage(corpus)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        if self.result is not None:
            self._show(self.result)

    def query(self) -> str:
        return " ".join(self.edit.toPlainText().split())

    def search(self, text: str) -> None:
        """Search for ``text`` now (the context menu's "Find Agreed Language for This")."""
        self.edit.blockSignals(True)
        self.edit.setPlainText(text)
        self.edit.blockSignals(False)
        self.start()

    def start(self) -> None:
        self.timer.stop()
        text = self.query()
        if not text or self.service is None:
            self.status.setText("Type what the paragraph should say.")
            return
        if self.job is not None:
            self._queued = True  # searched again when the running one ends: typing never waits on it
            return
        service = self.service
        if service._index is None:
            self.status.setText("Opening the find index (the first time for a corpus it is built)\u2026")
        job = Job(lambda _progress: service.find(text, limit=SHOWN))
        job.finished.connect(self._done)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._next)
        self.job = job
        job.start()

    def _next(self) -> None:
        """The job ended: search again if the text changed meanwhile."""
        self.job = None
        if self._queued:
            self._queued = False
            self.start()

    def _done(self, result: object) -> None:
        assert isinstance(result, FindResult)
        if result.query == self.query():  # an answer to older text is dropped: the newer one follows
            self._show(result)
            self.finished.emit(result)
        self._next()

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.failed.emit(message)
        self._next()

    def _show(self, r: FindResult) -> None:
        self.result = r
        self.tree.clear()
        for n, f in enumerate(r.results, 1):
            item = QTreeWidgetItem(self.tree)
            item.setData(0, HTML_ROLE, family_html(n, f, self.theme))
            item.setData(0, FAMILY_ROLE, f)
            item.setToolTip(0, f.text)
            for o in reversed(f.family.occurrences):  # latest first
                child = QTreeWidgetItem(item)
                child.setText(0, f"{place(o)}  {o.body}".rstrip())
                child.setData(0, OCCURRENCE_ROLE, o)
        if r.results:
            first = self.tree.topLevelItem(0)
            if first is not None:
                self.tree.setCurrentItem(first)
            best = r.results[0]
            self.status.setText(
                f"{len(r.results)} families of adopted wording, closest first "
                f"(best {best.score:.0f}, adopted {best.family.count}\u00d7); {r.seconds * 1000:.0f} ms"
            )
        else:
            self.status.setText("No adopted wording found for this text.")
        self._selection_changed()

    def export(self, path: str, *, force: bool = False) -> str:
        """Write the results on screen as the find report; '' on success, else why not (one sentence)."""
        from reader.core.report.find import write_find_report
        from reader.gui.report_export import written

        result = self.result
        if result is None:
            return "Nothing to export: search first."
        return written(path, lambda: write_find_report(path, result, force=force))

    def _export_dialog(self) -> None:
        from reader.gui.report_export import ask_path

        found = ask_path(self, "agreed-language.html", "HTML report (*.html)", "")
        if found is None:
            return
        path, _, force = found
        message = self.export(path, force=force)
        self.status.setText(message or f"Report written to {path}")
        if message:
            self.failed.emit(message)

    def _selected(self, item: QTreeWidgetItem | None = None) -> tuple[FoundFamily | None, Occurrence | None]:
        """The family and adoption of ``item`` (the current row by default; a family: its latest)."""
        item = item or self.tree.currentItem()
        if item is None:
            return None, None
        occ = item.data(0, OCCURRENCE_ROLE)
        parent = item.parent() if occ is not None else item
        fam = parent.data(0, FAMILY_ROLE) if parent is not None else None
        if occ is None and fam is not None:
            occ = fam.family.last
        return fam, occ

    def _selection_changed(self) -> None:
        fam, occ = self._selected()
        self.open_button.setEnabled(occ is not None)
        self.copy_button.setEnabled(fam is not None)
        self.export_button.setEnabled(self.result is not None)

    def _open(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        _fam, occ = self._selected(item)
        if occ is not None:
            self.openOccurrence.emit(occ.id, occ.label)

    def copy_text(self) -> str:
        fam, _ = self._selected()
        if fam is None:
            return ""
        QGuiApplication.clipboard().setText(fam.text)
        self.status.setText("Copied the adopted wording.")
        return fam.text

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self.tree.doItemsLayout()  # rows wrap to the new width: their heights follow it

    def shutdown(self) -> None:
        self.timer.stop()
        self._queued = False
        if self.job is not None:
            self.job.wait()
            self.job = None
