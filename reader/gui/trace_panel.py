"""Phrase trace: where a phrase occurs across the corpus, by year, with a timeline.

The search runs in a job thread; the panel only shows progress, offers Cancel
and lists the hits. The first screen's snippets come with the result; the
others are filled in afterwards, a few documents at a time, in the list's
order (a common phrase can have thousands of hits). Double-clicking a hit asks
the window to open that document on the right, scrolled to the paragraph.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.model import Document, TraceHit
from reader.gui.theme import LIGHT, Theme
from reader.gui.timeline_chart import TimelineChart
from reader.gui.tracing import CorpusTracer, by_year
from reader.gui.workers import Job, TraceResult, documents_job, trace_job

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
SNIPPET_CONTEXT = 60
FIRST_SCREEN = 40  # hits whose snippets come with the result; more than a tall panel shows
SNIPPET_BATCH = 60  # documents read per step when filling in the other snippets
ITEMS_NOW = 120  # hits listed with the result; the others are added a batch per turn of the event loop
ITEM_BATCH = 200  # hits added per turn (each is measured as rich text: 2,000 at once took a second)


def snippet_html(doc: Document | None, hit: TraceHit, mark_colour: str) -> str:
    """Escaped context around the hit with the matched words in bold on a tint."""
    if doc is None or not 0 <= hit.paragraph < len(doc.paragraphs):
        return f"<b>{html.escape(hit.text)}</b>"
    raw = doc.paragraphs[hit.paragraph].text  # hit offsets refer to it; emphasis marks dropped after cutting
    start, end = max(0, hit.start), min(len(raw), hit.end)
    before = raw[max(0, start - SNIPPET_CONTEXT) : start]
    if start > SNIPPET_CONTEXT and " " in before:
        before = before[before.index(" ") + 1 :]  # start at a whole word
    after = raw[end : end + SNIPPET_CONTEXT]
    if end + SNIPPET_CONTEXT < len(raw) and " " in after:
        after = after[: after.rindex(" ")]
    before, match, after = (x.replace("*", "") for x in (before, raw[start:end], after))
    lead = "\u2026" if start > SNIPPET_CONTEXT else ""
    tail = "\u2026" if end + SNIPPET_CONTEXT < len(raw) else ""
    return (
        f"{lead}{html.escape(before)}<span style='background:{mark_colour}; font-weight:600'>"
        f"{html.escape(match)}</span>{html.escape(after)}{tail}"
    )


def hit_html(hit: TraceHit, doc: Document | None, theme: Theme) -> str:
    """Two lines for one hit: document, label and score, then the snippet."""
    name = html.escape(hit.symbol or hit.doc_id)
    head = (
        f"<b>{name}</b>&nbsp;&nbsp;{html.escape(hit.label)}"
        f"&nbsp;&nbsp;<span style='color:{theme.muted}'>score {hit.score:.0f}</span>"
    )
    return f"{head}<br>{snippet_html(doc, hit, theme.find_bg)}"


class HtmlDelegate(QStyledItemDelegate):
    """Paints the snippet column as rich text (already escaped)."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        markup = index.data(HTML_ROLE)
        if not markup:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(2)
        doc.setHtml(str(markup))
        doc.setTextWidth(opt.rect.width())
        painter.save()
        if opt.state & QStyle.StateFlag.State_Selected:
            ctx_colour = opt.palette.color(QPalette.ColorRole.HighlightedText)
        else:
            ctx_colour = opt.palette.color(QPalette.ColorRole.Text)
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, opt.rect.width(), opt.rect.height()))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, ctx_colour)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        markup = index.data(HTML_ROLE)
        if not markup:
            return base
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(2)
        doc.setHtml(str(markup))
        view = self.parent()
        width = option.rect.width()
        if isinstance(view, QTreeWidget):
            width = view.viewport().width() - view.indentation() * 2 - 4
        doc.setTextWidth(max(120, width))
        return QSize(base.width(), int(doc.size().height()) + 2)


class TracePanel(QWidget):
    openHit = Signal(str, int, int, int)  # doc id, paragraph, start, end
    finished = Signal(object)  # TraceResult, after the list is filled
    snippetsFilled = Signal()  # every hit's snippet shown (after ``finished``)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme: Theme = LIGHT
        self._source: Callable[[], CorpusTracer] | None = None
        self.job: Job | None = None
        self.result: TraceResult | None = None
        self._filling: Job | None = None
        self._unread: list[str] = []  # documents whose hits still show no snippet, in list order
        self._items: dict[str, list[QTreeWidgetItem]] = {}  # hit items by document id
        self._pending: list[tuple[QTreeWidgetItem, TraceHit]] = []  # hits not listed yet (heading, hit)
        self._docs_read = True  # every document of ``_unread`` read (``snippetsFilled`` once listed too)
        self._adding = QTimer(self)  # adds ``_pending`` a batch at a time
        self._adding.setSingleShot(True)
        self._adding.setInterval(0)
        self._adding.timeout.connect(self._add_pending)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Phrase to trace (or select text and press Ctrl+T)")
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip("A phrase to look for in every document of the corpus")
        self.trace_button = QPushButton("Trace", self)
        self.trace_button.setToolTip("Trace the phrase across the corpus (Ctrl+T traces the selected text)")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop the running trace")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.setVisible(False)
        self.progress.setToolTip("Tracing progress")
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.chart = TimelineChart(self)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(1)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(14)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setItemDelegate(HtmlDelegate(self.tree))
        self.tree.setToolTip("Occurrences grouped by year; double-click one to open it on the right")
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.trace_button)
        row.addWidget(self.cancel_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(row)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addWidget(self.chart)
        lay.addWidget(self.tree, 1)
        self.edit.returnPressed.connect(self.start)
        self.trace_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.tree.itemDoubleClicked.connect(self._double_clicked)

    def set_source(self, source: Callable[[], CorpusTracer]) -> None:
        """Where to search: called at each trace, so a changed corpus is picked up."""
        self._source = source

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        if self.result is not None:
            self._show(self.result)
            self._fill_next()

    @property
    def running(self) -> bool:
        return self.job is not None

    def trace(self, phrase: str) -> None:
        self.edit.setText(" ".join(phrase.split()))
        self.start()

    def start(self) -> None:
        phrase = " ".join(self.edit.text().split())
        if not phrase or self._source is None:
            self.status.setText("Type a phrase (or select text in a pane) to trace it.")
            return
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
            self.job = None
        self._stop_filling()
        self.tree.clear()
        self.status.setText(f"Tracing \u201c{phrase}\u201d\u2026")
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.trace_button.setEnabled(False)
        job = trace_job(phrase, self._source(), FIRST_SCREEN)
        job.progress.connect(self._on_progress)
        job.finished.connect(self._on_finished)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)
        self.job = job
        job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText("Cancelling\u2026")

    def shutdown(self) -> None:
        if self.job is not None:
            self.job.wait()
            self.job = None
        self._stop_filling()

    def _stop_filling(self) -> None:
        self._unread = []
        self._pending = []
        self._adding.stop()
        self._docs_read = False  # (no ``snippetsFilled`` for a list that was replaced)
        if self._filling is not None:
            self._filling.wait()
            self._filling = None

    def _fill_next(self) -> None:
        """Read the next few documents whose hits show no snippet yet; emits ``snippetsFilled`` at the end
        (once every hit is listed too)."""
        if not self._unread or self._source is None:
            self._filling = None
            self._docs_read = True
            self._maybe_filled()
            return
        batch, self._unread = self._unread[:SNIPPET_BATCH], self._unread[SNIPPET_BATCH:]
        job = documents_job(self._source(), batch)
        job.finished.connect(self._on_documents)
        job.failed.connect(lambda _message: self._stop_filling())  # the match text stays shown
        self._filling = job
        job.start()

    def _on_documents(self, docs: object) -> None:
        assert isinstance(docs, dict)
        if self.result is None:
            return  # (hits listed later take their snippets from ``result.documents``)
        self.result.documents.update(docs)
        for doc_id, doc in docs.items():
            for item in self._items.get(doc_id, ()):
                hit = item.data(0, HIT_ROLE)
                item.setData(0, HTML_ROLE, hit_html(hit, doc, self.theme))
        self._fill_next()

    def _idle(self) -> None:
        self.job = None
        self.progress.setVisible(False)
        self.cancel_button.setEnabled(False)
        self.trace_button.setEnabled(True)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _on_failed(self, message: str) -> None:
        self._idle()
        self.status.setText(message)
        self.failed.emit(message)

    def _on_cancelled(self) -> None:
        self._idle()
        self.status.setText("Trace cancelled.")

    def _on_finished(self, result: object) -> None:
        self._idle()
        assert isinstance(result, TraceResult)
        self.result = result
        self._show(result)
        self.finished.emit(result)
        self._fill_next()

    def _maybe_filled(self) -> None:
        if self._docs_read and not self._pending:
            self._docs_read = False
            self.snippetsFilled.emit()

    def _add_pending(self) -> None:
        """List the next batch of hits not listed yet (their snippets if their documents were read)."""
        batch, self._pending = self._pending[:ITEM_BATCH], self._pending[ITEM_BATCH:]
        documents = self.result.documents if self.result is not None else {}
        for top, hit in batch:
            self._add_hit(top, hit, documents.get(hit.doc_id))
        if self._pending:
            self._adding.start()
        else:
            self._maybe_filled()

    def _add_hit(self, top: QTreeWidgetItem, h: TraceHit, doc: Document | None) -> None:
        name = h.symbol or h.doc_id
        item = QTreeWidgetItem([f"{name} {h.label} {h.score:.0f}: {h.text}"])
        item.setData(0, HIT_ROLE, h)
        item.setData(0, HTML_ROLE, hit_html(h, doc, self.theme))
        item.setToolTip(0, f"{name} {h.label}, score {h.score:.0f}. Double-click to open it on the right.")
        top.addChild(item)
        self._items.setdefault(h.doc_id, []).append(item)

    def _show(self, result: TraceResult) -> None:
        """The result: every year's heading with its count, the first ``ITEMS_NOW`` hits now, the rest
        a batch per turn of the event loop (in list order)."""
        self.tree.clear()
        hits = result.hits
        docs = {h.doc_id for h in hits}
        years = sorted({h.year for h in hits if h.year is not None})
        self.status.setText(
            f"\u201c{result.phrase}\u201d: {len(hits)} occurrence(s) in {len(docs)} document(s)"
            + (f", {years[0]}\u2013{years[-1]}" if len(years) > 1 else (f", {years[0]}" if years else ""))
            if hits
            else f"\u201c{result.phrase}\u201d was not found in the corpus."
        )
        self.chart.set_years([h.year for h in hits], self.theme)
        self._stop_filling()
        self._items = {}
        listed: list[tuple[QTreeWidgetItem, TraceHit]] = []
        for year, group in by_year(hits):
            heading = f"{year or 'Undated'} \u2014 {len(group)} occurrence{'s' if len(group) != 1 else ''}"
            top = QTreeWidgetItem([heading])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setToolTip(0, f"Occurrences in {year or 'undated documents'}")
            self.tree.addTopLevelItem(top)
            listed += [(top, h) for h in group]
            top.setExpanded(True)
        for top, h in listed[:ITEMS_NOW]:
            self._add_hit(top, h, result.documents.get(h.doc_id))
        self._pending = listed[ITEMS_NOW:]
        if self._pending:
            self._adding.start()
        order = dict.fromkeys(h.doc_id for _, h in listed)  # documents in list order, once each
        self._unread = [d for d in order if d not in result.documents]

    def hit_items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None:
                    out.append(child)
        return out

    def _double_clicked(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        hit = item.data(0, HIT_ROLE)
        if isinstance(hit, TraceHit):
            self.openHit.emit(hit.doc_id, hit.paragraph, hit.start, hit.end)
