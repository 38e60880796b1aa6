"""The reader on a folder too large to read before showing: pair at once, the rest in the background."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from benchmarks import synth
from reader.gui import corpus_loading
from reader.gui.corpus_panel import CorpusPanel
from reader.gui.main_window import MainWindow


@pytest.fixture
def plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """30 synthetic resolutions, plain files; from 10 new files on, the window reads in the background."""
    monkeypatch.setattr(corpus_loading, "SYNC_NOW_BELOW", 10)
    return synth.generate(30, seed=7, out_dir=tmp_path / "synth").copy_texts(tmp_path / "plain")


def test_the_pair_shows_at_once_and_the_folder_is_read_behind_it(
    make_window: Callable[..., MainWindow], plain: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    files = sorted(plain.glob("*.txt"))
    window = make_window(left=str(files[0]), right=str(files[1]), corpus_dirs=[plain])
    assert window.comparison is not None  # painted before any file of the folder was parsed
    assert window.corpus_panel.refs() == []
    qtbot.waitUntil(lambda: window._index_job is not None, timeout=5000)
    assert window.index_progress.isVisible()
    assert window.corpus_panel.reading_label.text().startswith("Reading 30 new file(s)")
    qtbot.waitUntil(lambda: window._index_job is None, timeout=60000)
    assert not window.index_progress.isVisible() and not window.corpus_panel.reading_label.isVisible()
    assert len(window.corpus_panel.refs()) == 30
    assert window.session.tracer().ready
    window.close()
    again = make_window(left=str(files[0]), right=str(files[1]), corpus_dirs=[plain])
    assert len(again.corpus_panel.refs()) == 30  # from the store, at once
    assert again._pending == 0


def test_cancel_stops_reading_and_the_next_start_continues(
    make_window: Callable[..., MainWindow], plain: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    files = sorted(plain.glob("*.txt"))
    window = make_window(left=str(files[0]), right=str(files[1]), corpus_dirs=[plain])
    qtbot.waitUntil(lambda: window._index_job is not None, timeout=5000)
    window.index_progress.cancel_button.click()
    qtbot.waitUntil(lambda: window._index_job is None, timeout=60000)
    assert "cancelled" in window.statusBar().currentMessage()
    assert not window.index_progress.isVisible()
    assert window.comparison is not None  # what is on screen stays
    window.close()
    _, stats = corpus_loading.open_now([plain])
    assert stats.pending + stats.unchanged == 30


def test_corpus_list_filters_and_sorts_ten_thousand_rows(qtbot) -> None:  # type: ignore[no-untyped-def]
    entries = [
        SimpleNamespace(
            id=f"doc-{i}",
            symbol=f"{i % 80}/{i}",
            body="General Assembly" if i % 3 else "ECLAC",
            title=f"Topic {i % 97} and cooperation",
            date=f"{1970 + i % 50}-01-0{1 + i % 9}",
            path=Path(f"/corpus/doc-{i}.txt"),
        )
        for i in range(10_000)
    ]
    panel = CorpusPanel()
    qtbot.addWidget(panel)
    panel.set_entries(entries)
    assert len(panel.refs()) == 10_000
    first = panel.proxy.index(0, 1).data()
    assert first == "1970"  # sorted by year
    panel.filter_edit.setText("eclac")
    assert len(panel.refs()) == 3334
    panel.filter_edit.setText("topic 96 ")
    assert set(panel.refs()) == {f"doc-{i}" for i in range(10_000) if i % 97 == 96}
    panel.filter_edit.setText("")
    panel.tree.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert panel.proxy.index(0, 1).data() == "2019"
    assert panel.proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).endswith(".txt")


def test_a_large_corpus_is_listed_after_the_window_paints_and_says_it_is_loading(
    make_window: Callable[..., MainWindow], plain: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Above ``FILL_NOW_BELOW`` entries the list is made by a worker once the window has painted:
    until then it says it is loading; then it holds every document, sorted as the header says,
    and filters as before. The pair is opened without making every entry."""
    from reader.core.corpus.sync import open_corpus
    from reader.gui import corpus_panel, tracing

    open_corpus([plain], workers=1)[0].close()  # the store holds the folder
    monkeypatch.setattr(corpus_panel, "FILL_NOW_BELOW", 5)
    monkeypatch.setattr(tracing, "INDEX_FROM", 5)  # "also in" from the index, as at 100,000
    shown: list[tuple[bool, bool, str, bool]] = []
    original = MainWindow.showEvent

    def first_show(self: MainWindow, event: object) -> None:  # the window as it is first shown
        panel = self.corpus_panel
        label = panel.loading_label
        shown.append((panel.loading, label.isVisibleTo(self), label.text(), not panel.refs()))
        shown.append((self.session.corpus._entries is None,) * 4)  # type: ignore[arg-type]
        original(self, event)  # type: ignore[arg-type]

    monkeypatch.setattr(MainWindow, "showEvent", first_show)
    ids = sorted(p.stem for p in plain.glob("*.txt"))
    window = make_window(left=ids[0], right=ids[1], corpus_dirs=[plain])
    panel = window.corpus_panel
    assert window.comparison is not None and window._pending == 0
    loading, label_shown, text, empty = shown[0]
    assert loading and label_shown and empty and text == "Loading the list of 30 documents\u2026"
    assert shown[1][0]  # the pair was opened without making every entry
    qtbot.waitUntil(lambda: not panel.loading, timeout=20000)
    assert not panel.loading_label.isVisible()
    assert sorted(panel.refs()) == sorted(e.id for e in window.session.corpus.entries)
    years = [panel.proxy.index(r, 1).data() for r in range(panel.proxy.rowCount())]
    assert years == sorted(years) and len(years) == 30
    entry = window.session.corpus.entries[3]
    panel.filter_edit.setText(entry.title)
    assert entry.id in panel.refs()
    window.close()
