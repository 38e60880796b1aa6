"""The status bar's progress for reading a large corpus: what, a bar with count and time left, Cancel."""

from __future__ import annotations

import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from reader.core.progress import eta


class IndexProgress(QWidget):
    """Hidden until a job reports; Cancel asks the job to stop (it keeps what it stored)."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel("Reading the corpus", self)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(True)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip(
            "Stop reading the corpus; what was read so far is kept and the next start continues"
        )
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 6, 0)
        lay.setSpacing(6)
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        lay.addWidget(self.cancel_button)
        self.cancel_button.clicked.connect(self.cancelRequested.emit)
        self._started = 0.0
        self.setVisible(False)

    def start(self, what: str) -> None:
        self.label.setText(what)
        self.bar.setRange(0, 0)  # busy until the first count
        self.cancel_button.setEnabled(True)
        self._started = time.monotonic()
        self.setVisible(True)

    def report(self, done: int, total: int) -> None:
        if total <= 0:
            return
        if done == 0:
            self._started = time.monotonic()
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        elapsed = time.monotonic() - self._started
        left = ""
        if 0 < done < total and elapsed > 0.5:
            left = f", {eta((total - done) * elapsed / done)} left"
        self.bar.setFormat(f"{done:,}/{total:,}")
        self.bar.setToolTip(f"{done:,} of {total:,} files{left}")
        self.label.setText(f"Reading the corpus{left}")

    def cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText("Stopping\u2026")

    def stop(self) -> None:
        self.setVisible(False)
