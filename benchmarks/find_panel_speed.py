"""The reader's Find Agreed Language panel: time to lay out and paint one answer (offscreen Qt).

Each evaluation query is searched (not timed), then the panel shows the families and is
painted (timed): what a keystroke costs on the GUI thread once the search thread answers.

    python benchmarks/find_panel_speed.py [--corpus DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    import reader.gui  # noqa: F401 - qt_compat first
    from benchmarks.find_eval import REAL, load_items
    from reader.core.corpus.sync import open_corpus
    from reader.core.find.engine import open_for_corpus
    from reader.core.find.finder import find
    from reader.gui.find_panel import SHOWN, FindPanel

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REAL)
    args = ap.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    corpus, _ = open_corpus([args.corpus])
    index, _ = open_for_corpus(corpus)
    panel = FindPanel()
    panel.resize(500, 900)
    panel.show()
    times = []
    for item in load_items():
        result = find(index, item["query"], limit=SHOWN)
        started = time.perf_counter()
        panel._show(result)
        app.processEvents()
        panel.grab()
        times.append(time.perf_counter() - started)
    times.sort()
    print(
        f"{len(times)} answers of {SHOWN} families: median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {times[int(0.95 * (len(times) - 1))] * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms "
        f"(load average {os.getloadavg()[0]:.1f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
