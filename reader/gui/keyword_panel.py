"""Keyword list: add/remove words or phrases, options, colour, hit counts per side."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.compare.keywords import Keyword
from reader.core.errors import InputError
from reader.gui.keyword_store import KeywordEntry, export_keywords, import_keywords, next_colour


def swatch(colour: str, size: int = 12) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(QColor(colour))
    return QIcon(pm)


class HintTree(QTreeWidget):
    """A list that says what to do while it is empty."""

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = hint

    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        if self.topLevelItemCount() == 0:
            p = QPainter(self.viewport())
            p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            rect = self.viewport().rect().adjusted(12, 12, -12, -12)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            p.drawText(rect, int(flags), self.hint)
            p.end()


class KeywordPanel(QWidget):
    keywordsChanged = Signal()
    jumpRequested = Signal(int)  # row: go to the next hit of that keyword
    errorRaised = Signal(str)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[KeywordEntry] = []
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Word or phrase to highlight")
        self.edit.setToolTip(
            "Type a word or phrase and press Enter (or Add) to highlight it in both documents"
        )
        self.fuzzy = QCheckBox("Fuzzy", self)
        self.fuzzy.setToolTip(
            "Also match near spellings and word forms (e.g. 'cooperation' ~ 'co-operation')"
        )
        self.whole_word = QCheckBox("Whole word", self)
        self.whole_word.setChecked(True)
        self.whole_word.setToolTip("Match only whole words, not parts of longer words")
        self.case = QCheckBox("Match case", self)
        self.case.setToolTip("Distinguish upper and lower case (off by default)")
        self.add_button = QPushButton("Add", self)
        self.add_button.setToolTip("Add the keyword with the options ticked above")
        self.list = HintTree(
            "No keywords yet. Type a word or phrase above and press Enter; "
            "each keyword gets its own colour in both documents.",
            self,
        )
        self.list.setColumnCount(3)
        self.list.setHeaderLabels(["Keyword", "Left", "Right"])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setToolTip("Click a keyword to jump through its hits (left pane first, then right)")
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setToolTip("Remove the selected keyword")
        self.colour_button = QPushButton("Colour\u2026", self)
        self.colour_button.setToolTip("Choose the highlight colour of the selected keyword")
        self.import_button = QPushButton("Import\u2026", self)
        self.import_button.setToolTip("Add keywords from a plain text file (one per line)")
        self.export_button = QPushButton("Export\u2026", self)
        self.export_button.setToolTip("Save the keyword list as a plain text file")

        opts = QHBoxLayout()
        opts.addWidget(self.fuzzy)
        opts.addWidget(self.whole_word)
        opts.addWidget(self.case)
        opts.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.edit, 1)
        top.addWidget(self.add_button)
        grid = QGridLayout()
        grid.addWidget(self.remove_button, 0, 0)
        grid.addWidget(self.colour_button, 0, 1)
        grid.addWidget(self.import_button, 1, 0)
        grid.addWidget(self.export_button, 1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(top)
        lay.addLayout(opts)
        lay.addWidget(self.list, 1)
        lay.addLayout(grid)

        self.edit.returnPressed.connect(self.add_from_input)
        self.add_button.clicked.connect(self.add_from_input)
        self.remove_button.clicked.connect(self.remove_selected)
        self.colour_button.clicked.connect(self._choose_colour)
        self.import_button.clicked.connect(self._import_dialog)
        self.export_button.clicked.connect(self._export_dialog)
        self.list.itemClicked.connect(
            lambda item, _col: self.jumpRequested.emit(self.list.indexOfTopLevelItem(item))
        )
        self.list.itemDoubleClicked.connect(lambda *_: self._choose_colour())

    # ----- list --------------------------------------------------------------------------
    def set_entries(self, entries: list[KeywordEntry], *, notify: bool = True) -> None:
        self.entries = list(entries)
        self._refill()
        if notify:
            self.keywordsChanged.emit()

    def _refill(self) -> None:
        self.list.clear()
        for e in self.entries:
            item = QTreeWidgetItem([e.text, "", ""])
            item.setIcon(0, swatch(e.colour))
            item.setToolTip(0, f"{e.text} ({e.describe()})")
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
            item.setToolTip(1, "Hits in the left document")
            item.setToolTip(2, "Hits in the right document")
            self.list.addTopLevelItem(item)

    def set_counts(self, counts: list[tuple[int, int]]) -> None:
        for row, (left, right) in enumerate(counts):
            item = self.list.topLevelItem(row)
            if item is not None:
                item.setText(1, str(left))
                item.setText(2, str(right))

    def counts(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if item is not None:
                out.append((int(item.text(1) or 0), int(item.text(2) or 0)))
        return out

    def add_keyword(self, entry: KeywordEntry) -> bool:
        if not entry.text.strip():
            return False
        if any(
            e.keyword.text == entry.keyword.text and e.keyword.fuzzy == entry.keyword.fuzzy
            for e in self.entries
        ):
            self.message.emit(f"\u201c{entry.text}\u201d is already in the list")
            return False
        self.entries.append(entry)
        self._refill()
        self.keywordsChanged.emit()
        return True

    def add_from_input(self) -> None:
        text = " ".join(self.edit.text().split())
        keyword = Keyword(
            text,
            fuzzy=self.fuzzy.isChecked(),
            whole_word=self.whole_word.isChecked(),
            case_sensitive=self.case.isChecked(),
        )
        entry = KeywordEntry(keyword, colour=next_colour(self.entries))
        if self.add_keyword(entry):
            self.edit.clear()

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        row = self.list.indexOfTopLevelItem(item) if item is not None else -1
        if 0 <= row < len(self.entries):
            del self.entries[row]
            self._refill()
            self.keywordsChanged.emit()

    def set_colour(self, row: int, colour: str) -> None:
        if 0 <= row < len(self.entries):
            self.entries[row] = replace(self.entries[row], colour=colour)
            self._refill()
            self.keywordsChanged.emit()

    def _choose_colour(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        row = self.list.indexOfTopLevelItem(item)
        colour = QColorDialog.getColor(QColor(self.entries[row].colour), self, "Keyword colour")
        if colour.isValid():
            self.set_colour(row, colour.name())

    # ----- files -------------------------------------------------------------------------
    def import_from(self, path: str) -> int:
        """Add the keywords of a text file; returns how many were new (InputError if unreadable)."""
        new = 0
        for entry in import_keywords(path):
            if not any(
                e.keyword.text == entry.keyword.text and e.keyword.fuzzy == entry.keyword.fuzzy
                for e in self.entries
            ):
                self.entries.append(replace(entry, colour=next_colour(self.entries)))
                new += 1
        self._refill()
        self.keywordsChanged.emit()
        return new

    def export_to(self, path: str) -> None:
        export_keywords(path, self.entries)

    def _import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import keywords", "", "Text files (*.txt);;All files (*)"
        )
        if not path:
            return
        try:
            n = self.import_from(path)
        except InputError as exc:
            self.errorRaised.emit(f"Could not import keywords from {exc.source}: {exc.reason}")
            return
        self.message.emit(f"Imported {n} keyword(s)")

    def _export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export keywords", "keywords.txt", "Text files (*.txt)")
        if not path:
            return
        try:
            self.export_to(path)
        except OSError as exc:
            self.errorRaised.emit(f"Could not write {path}: {exc.strerror or exc}")
            return
        self.message.emit(f"Saved {len(self.entries)} keyword(s) to {path}")
