"""Large corpora: tracing goes through the embedded index, built off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.corpus.collection import Corpus
from reader.gui import tracing
from reader.gui.main_window import MainWindow
from reader.gui.tracing import CorpusTracer

PHRASE = "not as a substitute for but rather as a complement to"


@pytest.fixture
def index_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("RESOLUTION_READER_CACHE", str(cache))
    return cache


def test_index_and_direct_search_agree(index_cache: Path) -> None:
    corpus = Corpus.bundled()
    indexed = CorpusTracer(corpus, index_from=1)
    direct = CorpusTracer(corpus, index_from=10**9)
    assert indexed.uses_index and not indexed.ready and not direct.uses_index and direct.ready
    seen: list[tuple[int, int]] = []
    indexed.prepare(lambda done, total: seen.append((done, total)) or True)
    assert indexed.ready and seen[-1] == (len(corpus.entries), len(corpus.entries))
    assert list(index_cache.glob("*.sqlite3"))  # the cache file lives outside the corpus

    def key(h):  # type: ignore[no-untyped-def]
        return (h.symbol, h.label, round(h.score, 1), h.start, h.end)

    assert sorted(map(key, indexed.search(PHRASE))) == sorted(map(key, direct.search(PHRASE)))
    indexed.close()


def test_also_in_look_ups_wait_while_the_user_searches(index_cache: Path) -> None:
    """The "also in" worker pauses between phrases while a search of the user's runs, then goes on
    and answers as it would have; a search is never kept waiting by it."""
    import threading

    corpus = Corpus.bundled()
    tracer = CorpusTracer(corpus, index_from=1)
    tracer.prepare()
    also_in = tracer.compare_tracer()
    assert also_in is not None
    phrases = [PHRASE, "the 2030 Agenda for Sustainable Development", "South-South cooperation"]
    expected = also_in.many(phrases)  # type: ignore[attr-defined]
    answered: list[object] = []
    with tracer._first():  # a search of the user's is running
        worker = threading.Thread(target=lambda: answered.append(also_in.many(phrases)))  # type: ignore[attr-defined]
        worker.start()
        worker.join(0.5)
        assert worker.is_alive() and not answered  # waiting at its first phrase
        assert tracer.search(PHRASE)  # the user's own search is not held up
    worker.join(30)
    assert answered == [expected]
    tracer.close()


def test_window_indexes_a_large_corpus_in_the_background(
    make_window: Callable[..., MainWindow], index_cache: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(tracing, "INDEX_FROM", 3)  # the five bundled documents count as "large"
    window = make_window()
    c = window.comparison
    assert c is not None
    qtbot.waitUntil(lambda: window.session.tracer().ready and window._index_job is None, timeout=30000)
    qtbot.waitUntil(
        lambda: any(ph.also_in for ph in window.comparison.shared_phrases),  # type: ignore[union-attr]
        timeout=10000,
    )
    phrase = next(ph for ph in window.comparison.shared_phrases if "not as a substitute" in ph.text)  # type: ignore[union-attr]
    assert any(o.symbol == "57/263" for o in phrase.also_in)
