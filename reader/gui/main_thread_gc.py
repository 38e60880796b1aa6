"""Python's cyclic garbage collector run on the GUI thread only, from a timer.

Python collects cycles in whichever thread happens to allocate when a threshold
is crossed. The reader's jobs (reading a PDF, indexing, tracing) allocate far
more than the window, so most collections ran in a worker thread: there they
freed whatever Qt objects earlier work had left in cycles (a finished ``Job`` and
the slots that hold it, a closed window), destroying objects of the GUI thread
while that thread delivered events to them. The result was a "double free" abort
now and then (the GUI tests showed it about once in five runs). Anki,
GitFourchette and OpenCue do the same as here: automatic collection off, and the
GUI thread collects, generation by generation as Python would, when its counts
pass Python's own thresholds. Memory is still freed at once by reference
counting; only cycles wait for the next tick.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

#: How often the GUI thread looks at the collector's counts (a young collection takes microseconds).
INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    """Owned by the application: turns automatic collection off and collects on its timer."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> int | None:
        """Collect the oldest generation whose count passed its threshold; the generation, or None."""
        counts = gc.get_count()
        due = [g for g in range(3) if counts[g] > self.thresholds[g]]
        if not due:
            return None
        generation = max(due)
        gc.collect(generation)
        return generation


def install(app: QCoreApplication) -> MainThreadCollector:
    """The application's collector, made on the first call (once per application)."""
    existing = app.findChild(MainThreadCollector)
    if isinstance(existing, MainThreadCollector):
        return existing
    return MainThreadCollector(app)
