"""The corpus list: symbol, year, body, title, with a filter box; sets the left or right pane.

A table model over the corpus entries (no item or widget per row) behind a
filter proxy: ten thousand documents fill the list at once and filter as you
type (each row's text to match is made once, lower-cased, when the list is filled).
A larger corpus (``FILL_NOW_BELOW``) is listed after the window is on screen:
its rows are made and sorted by a worker while the list says it is loading.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.core.progress import Progress, check_progress
from reader.gui.workers import Job

REF_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
HEADERS = ("Symbol", "Year", "Body", "Title")
_Index = QModelIndex | QPersistentModelIndex


@lru_cache(maxsize=256)  # a corpus has few bodies and many documents
def short_body(body: str) -> str:
    """'General Assembly' -> 'GA' so the title keeps room; short names (ECLAC) stay."""
    words = body.split()
    if len(body) <= 10 or len(words) < 2:
        return body
    return "".join(w[0] for w in words if w[:1].isupper()) or body


SKIPPED_NAMED = 40  # files named in the tooltip of the skipped-files line
FILL_NOW_BELOW = 20_000  # entries listed before the window shows; a larger corpus is listed after
START_UNSEEN_MS = 1500  # a large list not painted (its panel closed) is made after this anyway


@dataclass(frozen=True)
class Rows:
    """The list's rows, made away from the window (``make_rows``): entries, cells, filter texts."""

    entries: list[Any]
    cells: list[tuple[str, str, str, str]]
    haystacks: list[str]  # per row: everything the filter matches, lower-cased


def make_rows(
    entries: Sequence[Any], column: int = -1, descending: bool = False, progress: Progress | None = None
) -> Rows:
    """The rows of ``entries``, sorted by ``column`` (none: corpus order); no Qt object is touched.

    ``progress`` may stop it (``Cancelled``) between slices of rows: the window closing.
    """
    listed = list(entries)
    cells: list[tuple[str, str, str, str]] = []
    for at in range(0, len(listed), 10_000):
        check_progress(progress, at, len(listed))
        cells += [
            (e.symbol or e.id, e.date[:4] if e.date else "", short_body(e.body), e.title)
            for e in listed[at : at + 10_000]
        ]
    check_progress(progress, len(listed), len(listed))
    haystacks = ["\n".join((*c, e.body, e.id)).casefold() for e, c in zip(listed, cells, strict=True)]
    if not 0 <= column < len(HEADERS):
        return Rows(listed, cells, haystacks)
    perm = sorted(range(len(cells)), key=lambda i: cells[i][column].casefold(), reverse=descending)
    return Rows([listed[i] for i in perm], [cells[i] for i in perm], [haystacks[i] for i in perm])


class CorpusModel(QAbstractTableModel):
    """The corpus entries as rows; cells are computed when the view asks for them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Any] = []
        self._cells: list[tuple[str, str, str, str]] = []
        self.haystacks: list[str] = []  # per row: everything the filter matches, lower-cased

    def set_entries(self, entries: Sequence[Any]) -> None:
        self.set_rows(make_rows(entries))

    def set_rows(self, rows: Rows) -> None:
        self.beginResetModel()
        self._entries, self._cells, self.haystacks = rows.entries, rows.cells, rows.haystacks
        self.endResetModel()

    def entry(self, row: int) -> Any:
        return self._entries[row]

    def widest(self, column: int, count: int = 24) -> list[str]:
        """The longest texts of ``column`` (to size it without measuring every row)."""
        return sorted((c[column] for c in self._cells), key=len, reverse=True)[:count]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows here, in one Python sort (a proxy would ask for two cells per comparison)."""
        if not 0 <= column < len(HEADERS) or not self._entries:
            return
        self.layoutAboutToBeChanged.emit()
        cells = self._cells
        perm = sorted(
            range(len(cells)),
            key=lambda i: cells[i][column].casefold(),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._entries = [self._entries[i] for i in perm]
        self._cells = [cells[i] for i in perm]
        self.haystacks = [self.haystacks[i] for i in perm]
        new_row = {old: new for new, old in enumerate(perm)}
        before = self.persistentIndexList()
        after = [self.index(new_row[i.row()], i.column()) for i in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][col]
        if role == REF_ROLE:
            return self._entries[row].id
        if role == FILTER_ROLE:
            return self._entries[row].body if col == 2 else None
        if role == Qt.ItemDataRole.ToolTipRole:
            e = self._entries[row]
            part = getattr(e, "part", 0)  # (a CorpusEntry; tests give plainer objects)
            where = f"{e.path}, text {part} of the file ({e.id})" if part else str(e.path)
            return f"{e.symbol or e.id} \u2014 {e.title}\n{e.body}, {e.date}\n{where}"
        return None


class _Filter(QSortFilterProxyModel):
    """Matches the filter text against every column, including the full body name.

    Sorting is the source model's (``CorpusModel.sort``); the proxy keeps its order.
    """

    needle = ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def set_needle(self, text: str) -> None:
        self.needle = text.strip().casefold()
        self.setFilterFixedString(self.needle)  # re-runs filterAcceptsRow

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        needle = self.needle
        if not needle:
            return True
        model = self.sourceModel()
        if isinstance(model, CorpusModel):
            return needle in model.haystacks[row]
        return False


class CorpusPanel(QWidget):
    openRequested = Signal(str, str)  # ref, side ("left" / "right")
    addFolderRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter by symbol, body, year or title")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setToolTip("Type to show only the documents whose symbol, body, year or title match")
        self.model = CorpusModel(self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # titles elide instead
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setToolTip("Double-click to open on the right; right-click to choose left or right")
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # sized in set_entries
        self.left_button = QPushButton("Open left", self)
        self.left_button.setToolTip("Show the selected document in the left pane")
        self.right_button = QPushButton("Open right", self)
        self.right_button.setToolTip("Show the selected document in the right pane")
        self.folder_button = QPushButton("Add folder\u2026", self)
        self.folder_button.setToolTip("Add a folder of your own resolutions to the corpus (it is only read)")
        self.loading_label = QLabel("", self)
        self.loading_label.setWordWrap(True)
        self.loading_label.setVisible(False)
        self.reading_label = QLabel("", self)
        self.reading_label.setWordWrap(True)
        self.reading_label.setVisible(False)
        self.problems_label = QLabel("", self)
        self.problems_label.setWordWrap(True)
        self.problems_label.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.left_button)
        buttons.addWidget(self.right_button)
        buttons.addStretch(1)
        buttons.addWidget(self.folder_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addWidget(self.filter_edit)
        lay.addWidget(self.loading_label)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.reading_label)
        lay.addWidget(self.problems_label)
        lay.addLayout(buttons)
        self.filter_edit.textChanged.connect(self.proxy.set_needle)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.left_button.clicked.connect(lambda: self._open_selected("left"))
        self.right_button.clicked.connect(lambda: self._open_selected("right"))
        self.folder_button.clicked.connect(self.addFolderRequested.emit)
        self._filling: Job | None = None  # a large corpus's rows, made by a worker (``fill``)
        self._fill_started = False  # whether the worker of ``_filling`` runs

    def set_entries(
        self, entries: Sequence[Any], problems: Sequence[object] = (), skipped: Sequence[tuple[str, str]] = ()
    ) -> None:
        """Fill the list from ``Corpus.entries`` (id, symbol, body, title, date, path).

        ``problems``: files that could not be read; ``skipped``: (path, why) of files that are not
        resolutions (reports, rules, budgets), said in one line with their names in the tooltip.
        """
        self._stop_filling()
        header = self.tree.header()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        self._show_rows(make_rows(entries, column, order == Qt.SortOrder.DescendingOrder), problems, skipped)

    def fill(
        self,
        size: int,
        entries: Callable[[], Sequence[Any]],
        problems: Sequence[object] = (),
        skipped: Sequence[tuple[str, str]] = (),
    ) -> None:
        """``set_entries`` for a corpus of ``size`` entries, made by ``entries()`` when it is called.

        Up to ``FILL_NOW_BELOW`` entries, at once. A larger corpus is listed once
        the window has painted: the list says it is loading, a worker makes and
        sorts the rows (a second's work at 100,000 documents), and the list shows
        them when they are ready. A later ``set_entries`` or ``fill`` wins.
        """
        if size < FILL_NOW_BELOW:
            self.set_entries(entries(), problems, skipped)
            return
        self._stop_filling()
        self.model.set_rows(Rows([], [], []))
        self.loading_label.setText(f"Loading the list of {size:,} documents\u2026")
        self.loading_label.setVisible(True)
        header = self.tree.header()
        column, descending = header.sortIndicatorSection(), header.sortIndicatorOrder()
        reverse = descending == Qt.SortOrder.DescendingOrder
        job = Job(lambda progress: make_rows(entries(), column, reverse, progress))
        job.finished.connect(lambda rows: self._filled(job, rows, problems, skipped, (column, descending)))
        job.failed.connect(lambda message: self._fill_failed(job, message))
        job.cancelled.connect(lambda: self._fill_failed(job, ""))
        self._filling, self._fill_started = job, False
        # Started once the list has painted (the window with it): a worker making rows shares the
        # interpreter with the painting. A list not on screen (its panel closed) starts after a while.
        self.tree.viewport().installEventFilter(self)
        QTimer.singleShot(START_UNSEEN_MS, lambda: self._start_filling(job))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.tree.viewport():
            watched.removeEventFilter(self)
            job = self._filling
            QTimer.singleShot(0, lambda: self._start_filling(job))
        return super().eventFilter(watched, event)

    @property
    def loading(self) -> bool:
        """Whether the list is still being made (``fill``)."""
        return self._filling is not None

    def shutdown(self) -> None:
        """Stop making the list (the window is closing)."""
        self._stop_filling()

    def _start_filling(self, job: Job | None) -> None:
        if job is not None and job is self._filling and not self._fill_started:
            self._fill_started = True
            job.start()

    def _filled(
        self,
        job: Job,
        rows: object,
        problems: Sequence[object],
        skipped: Sequence[tuple[str, str]],
        made: tuple[int, Qt.SortOrder],
    ) -> None:
        """Show the rows a worker made (sorted as ``made``: column, order), unless replaced meanwhile."""
        if job is not self._filling or not isinstance(rows, Rows):
            return
        self._filling = None
        self._show_rows(rows, problems, skipped)
        header = self.tree.header()
        now = (header.sortIndicatorSection(), header.sortIndicatorOrder())
        if now != made:  # the analyst sorted by another column while the list was loading
            self.model.sort(*now)

    def _fill_failed(self, job: Job, message: str) -> None:
        if job is self._filling and message:
            self._filling = None
            self.loading_label.setText(f"The list could not be made: {message}")

    def _stop_filling(self) -> None:
        job, self._filling = self._filling, None
        if job is not None:
            job.wait()
        self.loading_label.setVisible(False)

    def _show_rows(self, rows: Rows, problems: Sequence[object], skipped: Sequence[tuple[str, str]]) -> None:
        self.loading_label.setVisible(False)
        self.model.set_rows(rows)
        self._fit_columns()
        lines: list[str] = []
        tips: list[str] = [str(p) for p in problems]
        if problems:
            lines.append(f"{len(problems):,} file(s) could not be read")
        if skipped:
            n = len(skipped)
            lines.append("1 file is not a resolution" if n == 1 else f"{n:,} files are not resolutions")
            names = [Path(path).name for path, _ in skipped]
            more = f"\n… and {n - SKIPPED_NAMED:,} more" if n > SKIPPED_NAMED else ""
            tips.append("Not resolutions: " + ", ".join(names[:SKIPPED_NAMED]) + more)
        self.problems_label.setText("; ".join(lines) + (" (hover for details)" if lines else ""))
        self.problems_label.setToolTip("\n".join(tips))
        self.problems_label.setVisible(bool(lines))

    def _fit_columns(self) -> None:
        """Symbol, year and body as wide as their longest text (measured on the longest few only)."""
        metrics = self.tree.fontMetrics()
        header = self.tree.header()
        for column, cap in enumerate((140, 64, 100)):  # the title takes the rest; "S/RES/2537 (2020)" fits
            texts = [HEADERS[column], *self.model.widest(column)]
            width = max(metrics.horizontalAdvance(t) for t in texts) + 18
            header.resizeSection(column, min(width, cap))

    def set_reading(self, files: int) -> None:
        """Say that ``files`` new files are being read (they join the list when read); 0 clears it."""
        self.reading_label.setText(
            f"Reading {files:,} new file(s) of the corpus; they appear here when read." if files else ""
        )
        self.reading_label.setVisible(bool(files))

    def refs(self) -> list[str]:
        return [str(self.proxy.index(r, 0).data(REF_ROLE)) for r in range(self.proxy.rowCount())]

    def _ref(self, index: QModelIndex) -> str | None:
        if not index.isValid():
            return None
        v = index.data(REF_ROLE)
        return str(v) if v is not None else None

    def _double_clicked(self, index: QModelIndex) -> None:
        ref = self._ref(index)
        if ref:
            self.openRequested.emit(ref, "right")

    def _open_selected(self, side: str) -> None:
        ref = self._ref(self.tree.currentIndex())
        if ref:
            self.openRequested.emit(ref, side)

    def _context_menu(self, pos: QPoint) -> None:
        ref = self._ref(self.tree.indexAt(pos))
        if not ref:
            return
        menu = QMenu(self)
        menu.addAction("Open on the left", lambda: self.openRequested.emit(ref, "left"))
        menu.addAction("Open on the right", lambda: self.openRequested.emit(ref, "right"))
        menu.exec(self.tree.viewport().mapToGlobal(pos))
