"""Find in both panes: a bar under the panes with next/previous and hit counts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QFrame):
    searchChanged = Signal(str)
    nextRequested = Signal(bool)  # backward?
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FindBar")
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in both documents")
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip("Text to find in both panes (not case-sensitive); Enter = next match")
        self.prev_button = QToolButton(self)
        self.prev_button.setText("\u25b2")
        self.prev_button.setToolTip("Previous match (Shift+F3)")
        self.next_button = QToolButton(self)
        self.next_button.setText("\u25bc")
        self.next_button.setToolTip("Next match (F3)")
        self.count_label = QLabel("", self)
        self.count_label.setToolTip("Matches in the left and right documents")
        self.close_button = QToolButton(self)
        self.close_button.setText("\u2715")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Close the find bar (Esc)")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(QLabel("Find:", self))
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.prev_button)
        lay.addWidget(self.next_button)
        lay.addWidget(self.count_label)
        lay.addStretch(0)
        lay.addWidget(self.close_button)
        self.edit.textChanged.connect(self.searchChanged)
        self.edit.returnPressed.connect(lambda: self.nextRequested.emit(False))
        self.prev_button.clicked.connect(lambda: self.nextRequested.emit(True))
        self.next_button.clicked.connect(lambda: self.nextRequested.emit(False))
        self.close_button.clicked.connect(self.close_bar)
        self.hide()

    def open_bar(self, text: str = "") -> None:
        self.show()
        if text:
            self.edit.setText(text)
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def set_counts(self, left: int, right: int) -> None:
        self.count_label.setText(f"{left} left \u00b7 {right} right" if self.edit.text() else "")

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(e)
