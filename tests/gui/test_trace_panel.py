"""Phrase trace: results by year from the real corpus, timeline, open a hit, cancel."""

from __future__ import annotations

import threading

from PySide6.QtGui import QTextCursor

from reader.core.model import Document, TraceHit
from reader.gui.main_window import MainWindow
from reader.gui.trace_panel import HIT_ROLE, HTML_ROLE
from reader.gui.tracing import CorpusTracer
from reader.gui.workers import TraceResult

PHRASE = "not as a substitute for but rather as a complement to"


def test_trace_lists_occurrences_by_year_and_opens_one(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.trace_panel
    with qtbot.waitSignal(panel.finished, timeout=30000) as sig:
        panel.trace(PHRASE)
        assert panel.running or panel.result is not None
    result = sig.args[0]
    assert isinstance(result, TraceResult)
    found = {(h.symbol, h.year, h.label) for h in result.hits}
    assert {("57/263", 2002, "PP2"), ("60/212", 2005, "OP4"), ("62/209", 2007, "OP4")} <= found
    # grouped by year, oldest first, each hit with document, label, score and snippet
    tops = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    years = [t.text(0)[:4] for t in tops if t is not None]
    assert years == sorted(years) and {"2002", "2005", "2007"} <= set(years)
    items = panel.hit_items()
    assert len(items) == len(result.hits)
    by_symbol = {item.data(0, HIT_ROLE).symbol: item for item in items}
    item_62 = by_symbol["62/209"]
    shown = str(item_62.data(0, HTML_ROLE))
    hit_62 = item_62.data(0, HIT_ROLE)
    assert hit_62.label == "OP4" and 80 <= hit_62.score < 100
    assert "<b>62/209</b>" in shown and "OP4" in shown and f"score {hit_62.score:.0f}" in shown
    assert "not a substitute for, but rather a complement to</span>" in shown
    assert item_62.parent().text(0).startswith("2007")  # type: ignore[union-attr]
    assert panel.chart.counts[2002] >= 1 and panel.chart.counts[2005] >= 1 and panel.chart.counts[2007] >= 1
    assert "occurrence" in panel.status.text()
    # a hit in a document already on screen is shown where it is
    hit_60 = by_symbol["60/212"].data(0, HIT_ROLE)
    before = window.comparison
    panel.tree.itemDoubleClicked.emit(by_symbol["60/212"], 0)
    assert window.comparison is before
    assert (
        window.view.left.textCursor().selectedText()
        == before.left.paragraphs[hit_60.paragraph].text[  # type: ignore[union-attr]
            hit_60.start : hit_60.end
        ]
    )
    # double-click: 57/263 opens on the right, scrolled to the paragraph, the words selected
    item_57 = by_symbol["57/263"]
    hit = item_57.data(0, HIT_ROLE)
    assert isinstance(hit, TraceHit)
    panel.tree.itemDoubleClicked.emit(item_57, 0)
    c = window.comparison
    assert c is not None and c.right.metadata.symbol == "57/263" and c.left.metadata.symbol == "60/212"
    right = window.view.right
    assert right.textCursor().selectedText() == c.right.paragraphs[hit.paragraph].text[hit.start : hit.end]
    rng = right.paragraph_range(hit.paragraph)
    assert rng is not None and 0 <= right.to_viewport(rng[0]) < right.viewport().height()


def test_trace_selected_text_and_cancel(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.comparison
    assert c is not None
    left = window.view.left
    op4 = c.left.index_of("OP4")
    start = c.left.paragraphs[op4].text.index(PHRASE)
    assert left.rendered is not None
    cur = QTextCursor(left.document())
    cur.setPosition(left.rendered.position(op4, start))
    cur.setPosition(left.rendered.position(op4, start + len(PHRASE)), QTextCursor.MoveMode.KeepAnchor)
    left.setTextCursor(cur)
    panel = window.trace_panel
    assert window.actions_.trace_selection.shortcut().toString() == "Ctrl+T"
    with qtbot.waitSignal(panel.finished, timeout=30000):
        window.actions_.trace_selection.trigger()
    assert panel.edit.text() == PHRASE
    # Cancel: the search stops at its next progress report and the panel is idle again
    gate = threading.Event()

    class GatedTracer(CorpusTracer):
        def documents(self) -> list[Document]:
            gate.wait(10)  # holds the search until Cancel has been pressed
            return super().documents()

    gated = GatedTracer(window.session.corpus)
    panel.set_source(lambda: gated)
    panel.trace("South-South cooperation")
    assert panel.running
    panel.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: not panel.running, timeout=10000)
    assert panel.status.text() == "Trace cancelled."
    assert panel.trace_button.isEnabled() and not panel.cancel_button.isEnabled()


def test_snippets_beyond_the_first_screen_are_filled_in_afterwards(
    window: MainWindow, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from reader.gui import trace_panel

    monkeypatch.setattr(trace_panel, "FIRST_SCREEN", 1)
    monkeypatch.setattr(trace_panel, "SNIPPET_BATCH", 1)
    panel = window.trace_panel
    with qtbot.waitSignal(panel.finished, timeout=30000) as sig:
        panel.trace(PHRASE)
    result = sig.args[0]
    items = panel.hit_items()
    shown = [str(item.data(0, HTML_ROLE)) for item in items]
    first_doc = items[0].data(0, HIT_ROLE).doc_id
    assert set(result.documents) == {first_doc}  # only the first hit's document was read with the result
    assert "<span style='background:" in shown[0]
    waiting = [item for item in items if item.data(0, HIT_ROLE).doc_id != first_doc]
    assert len({item.data(0, HIT_ROLE).doc_id for item in waiting}) >= 2
    assert all(str(item.data(0, HTML_ROLE)).endswith("</b>") for item in waiting)  # the match alone
    with qtbot.waitSignal(panel.snippetsFilled, timeout=30000):
        pass
    assert {item.data(0, HIT_ROLE).doc_id for item in items} == set(result.documents)
    for item in items:  # every hit now shows its context, the match marked
        hit = item.data(0, HIT_ROLE)
        paragraph = result.documents[hit.doc_id].paragraphs[hit.paragraph].text
        assert "<span style='background:" in str(item.data(0, HTML_ROLE))
        assert paragraph[hit.start : hit.end].replace("*", "") in str(item.data(0, HTML_ROLE))


def test_a_long_result_lists_its_first_hits_at_once_and_the_others_after(
    window: MainWindow, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Thousands of hits at 100,000 documents: the first ``ITEMS_NOW`` are listed with the result, the
    others a batch per turn of the event loop, in the same order, each with its snippet by the end;
    every year's heading says its full count from the start."""
    from reader.gui import trace_panel

    monkeypatch.setattr(trace_panel, "ITEMS_NOW", 1)
    monkeypatch.setattr(trace_panel, "ITEM_BATCH", 1)
    monkeypatch.setattr(trace_panel, "FIRST_SCREEN", 1)
    panel = window.trace_panel
    panel._adding.setInterval(60_000)  # the next batch held back while the first screen is checked
    with qtbot.waitSignal(panel.finished, timeout=30000) as sig:
        panel.trace(PHRASE)
    result = sig.args[0]
    assert len(result.hits) == 3
    listed = [item.data(0, HIT_ROLE) for item in panel.hit_items()]
    assert len(listed) == 1
    counts = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]  # type: ignore[union-attr]
    assert sum(int(c.split("\u2014 ")[1].split()[0]) for c in counts) == len(result.hits)
    panel._adding.setInterval(0)
    with qtbot.waitSignal(panel.snippetsFilled, timeout=30000):
        panel._adding.start()
    items = panel.hit_items()
    assert [item.data(0, HIT_ROLE) for item in items][:1] == listed
    assert len(items) == len(result.hits) and {i.data(0, HIT_ROLE) for i in items} == set(result.hits)
    for item in items:
        assert "<span style='background:" in str(item.data(0, HTML_ROLE))
