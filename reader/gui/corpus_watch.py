"""When the corpus folders may have changed while the reader is open: a nudge to read them again.

A file added, removed or renamed in a corpus folder changes the folder, which
``QFileSystemWatcher`` reports (an editor that saves by writing a new file and
renaming it over the old one does that too). A file edited in place changes no
folder, so the reader also looks again when the user comes back to it from
another program, as editors do. Either way it is only a nudge: the window reads
the folders in the background, and an unchanged folder costs a ``stat`` per
file and nothing else. Several nudges in a short time make one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

SETTLE_MS = 800  # a copy of many files is one change, read once it has settled


class CorpusWatch(QObject):
    """Emits ``changed`` a moment after a corpus folder changed or the reader became active again."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, settle_ms: int = SETTLE_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._soon)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settle_ms)
        self._timer.timeout.connect(self.changed.emit)
        self._away = False
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)

    def watch(self, folders: Sequence[Path]) -> None:
        """Watch these folders from now on (and no others)."""
        old = self._watcher.directories()
        if old:
            self._watcher.removePaths(old)
        present = [str(f) for f in folders if f.is_dir()]
        if present:
            self._watcher.addPaths(present)

    def folders(self) -> list[str]:
        return list(self._watcher.directories())

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            if self._away:
                self._soon()
            self._away = False
        else:
            self._away = True

    def _soon(self, *_: object) -> None:
        self._timer.start()  # restarted by every nudge until they stop for a moment
