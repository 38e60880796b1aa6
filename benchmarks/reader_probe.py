"""The reader holding a large corpus: time to paint, to a loaded index, one trace, one filter; memory.

The trace is timed twice: the search alone, and the trace panel from the phrase to its first screen
listed (the result with the first snippets) and to every snippet filled in.

Usage: ``QT_QPA_PLATFORM=offscreen python benchmarks/reader_probe.py FOLDER LEFT RIGHT [--json]`` (the
folder's store already built, e.g. by ``resolution-reader corpus index --corpus FOLDER``).
Prints one line (``--json``: one JSON object, seconds and bytes); "rss" is the process's resident
memory once the index is loaded.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.commands import PHRASE  # noqa: E402


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    argv = [a for a in argv if a != "--json"]
    folder, left, right = Path(argv[0]), argv[1], argv[2]
    from PySide6.QtWidgets import QApplication

    import reader.gui  # noqa: F401 - Qt compatibility first
    from reader.gui.main_window import MainWindow
    from reader.gui.settings import AppSettings

    app = QApplication(sys.argv[:1])
    settings = AppSettings(Path(tempfile.mkdtemp()) / "settings.ini")
    t0 = time.perf_counter()
    window = MainWindow(settings, left=left, right=right, corpus_dirs=[folder], persist=False)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.grab()
    painted = time.perf_counter() - t0
    while window._index_job is not None or not window.session.tracer().ready:
        app.processEvents()
        time.sleep(0.02)
        if time.perf_counter() - t0 > 600:
            raise RuntimeError("the index was not ready after ten minutes")
    ready = time.perf_counter() - t0
    t = time.perf_counter()
    hits = window.session.tracer().search(PHRASE)
    traced = time.perf_counter() - t
    panel = window.trace_panel
    done: list[float] = []
    panel.finished.connect(lambda _result: done.append(time.perf_counter()))
    panel.snippetsFilled.connect(lambda: done.append(time.perf_counter()))
    window.session.tracer()._cache.clear()  # the panel searches again, as for a new phrase
    t = time.perf_counter()
    panel.trace(PHRASE)
    while len(done) < 2 and time.perf_counter() - t < 600:
        app.processEvents()
        time.sleep(0.005)
    first_screen, all_snippets = (done[0] - t, done[1] - t) if len(done) == 2 else (float("nan"),) * 2
    t = time.perf_counter()
    window.corpus_panel.filter_edit.setText("water")
    filtered = time.perf_counter() - t
    rss = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    if as_json:  # for benchmarks/scale.py
        print(
            json.dumps(
                {
                    "documents": len(window.session.corpus.entries),
                    "painted": painted,
                    "ready": ready,
                    "trace": traced,
                    "hits": len(hits),
                    "first_screen": first_screen,
                    "all_snippets": all_snippets,
                    "filter": filtered,
                    "rss": rss,
                    "peak": peak,
                }
            )
        )
        window.close()
        return 0
    print(
        f"{len(window.session.corpus.entries):,} documents: painted {painted:.2f} s, "
        f"index ready {ready:.2f} s, trace {traced * 1000:.0f} ms ({len(hits)} hits), "
        f"trace panel first screen {first_screen * 1000:.0f} ms, all snippets {all_snippets * 1000:.0f} ms, "
        f"filter {filtered * 1000:.0f} ms, "
        f"rss {rss / 1e6:.0f} MB (peak {peak / 1e6:.0f} MB)"
    )
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
