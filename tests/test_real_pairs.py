"""Compare never fails on real input: consecutive versions of the real series in ``../shared/real``.

Each pair is compared as an analyst keeps it (a folder of the two files) and within the whole real
folder (its store, with "also in" from 2,700 other documents), in-process, and the result must be
complete: every paragraph of both documents in exactly one pair, each pair's word diff giving back both
texts, every shared phrase's spans in the text, the JSON of the contract written. CI runs a fixed
sample (``REAL_PAIRS`` pairs, 150 unless set; ``REAL_PAIRS=all`` runs every one of the 849).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from benchmarks.real_pairs import DOCS, sample, series_pairs
from reader.core.compare.comparison import compare
from reader.core.compare.phrases import shared_phrases
from reader.core.corpus.collection import Corpus
from reader.core.corpus.sync import open_corpus
from reader.core.jsonout import comparison_json
from reader.core.model import CompareOptions, Comparison, Document
from reader.core.search import recurrence_aside
from reader.core.search.index import CorpusIndex, open_updated
from reader.core.search.recurrence import RecurrenceSearch
from reader.core.search.trace import DEFAULT_TRACE_SCORE, normalize_phrase
from tests.recurrence_reference import ReferenceSearch

CI_SAMPLE = 150


def _pairs() -> list[tuple[str, str]]:
    assert DOCS.is_dir(), f"the real corpus is missing: {DOCS} (shared/real beside the repository)"
    pairs = series_pairs()
    wanted = os.environ.get("REAL_PAIRS", str(CI_SAMPLE))
    return pairs if wanted == "all" else sample(pairs, int(wanted))


def assert_complete(c: Comparison) -> None:
    """What a comparison owes its reader, whatever the documents."""
    for doc, side in ((c.left, "left"), (c.right, "right")):
        used = sorted(i for p in c.alignment.pairs for i in getattr(p, side))
        assert used == list(range(len(doc.paragraphs))), f"{doc.id}: {side} paragraphs not each in one pair"
        labels = [p.label for p in doc.paragraphs]
        assert len(set(labels)) == len(labels), f"{doc.id}: labels repeat"
    for pair, ops in zip(c.alignment.pairs, c.diffs, strict=True):
        left = "\n".join(c.left.paragraphs[i].text for i in pair.left)
        right = "\n".join(c.right.paragraphs[i].text for i in pair.right)
        assert "".join(t for tag, t in ops if tag != "insert") == left
        assert "".join(t for tag, t in ops if tag != "delete") == right
        assert 0 <= pair.score <= 100
    for ph in c.shared_phrases:
        for doc, spans in ((c.left, ph.left), (c.right, ph.right)):
            for s in spans:
                assert 0 <= s.start < s.end <= len(doc.paragraphs[s.paragraph].text)
        assert all(o.doc_id not in (c.left.id, c.right.id) for o in ph.also_in)
    assert orjson.loads(orjson.dumps(comparison_json(c)))["pairs"]


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Corpus, CorpusIndex]]:
    """The whole real folder opened from its store (built once for this module)."""
    cache = tmp_path_factory.mktemp("real-cache")
    old = os.environ.get("RESOLUTION_READER_CACHE")
    os.environ["RESOLUTION_READER_CACHE"] = str(cache)
    try:
        corpus, _ = open_corpus([DOCS])
        index, _ = open_updated(corpus)
        yield corpus, index
        index.close()
        corpus.close()
    finally:
        if old is None:
            os.environ.pop("RESOLUTION_READER_CACHE", None)
        else:
            os.environ["RESOLUTION_READER_CACHE"] = old


@pytest.mark.slow
def test_every_real_pair_compares_completely_in_a_folder_of_its_own(tmp_path: Path) -> None:
    pairs = _pairs()
    for n, (a, b) in enumerate(pairs):
        folder = tmp_path / str(n)
        folder.mkdir()
        for name in (a, b):
            shutil.copy(DOCS / name, folder / name)
        corpus = Corpus.load([folder])
        left, right = corpus.load_ref(str(folder / a)), corpus.load_ref(str(folder / b))
        with CorpusIndex.open(None) as index:
            index.update(corpus)
            comparison = compare(left, right, CompareOptions(), tracer=index.tracer())
        assert_complete(comparison)
        assert all(ph.also_in == () for ph in comparison.shared_phrases)  # nothing else in the folder
        corpus.close()


@pytest.mark.slow
def test_every_real_pair_compares_completely_within_the_whole_real_folder(
    real_store: tuple[Corpus, CorpusIndex],
) -> None:
    corpus, index = real_store
    recurring = 0
    for a, b in _pairs():
        left: Document = corpus.load_ref(str(DOCS / a))
        right: Document = corpus.load_ref(str(DOCS / b))
        comparison = compare(left, right, CompareOptions(), tracer=index.tracer())
        assert_complete(comparison)
        recurring += any(ph.also_in for ph in comparison.shared_phrases)
    assert recurring > len(_pairs()) // 2  # real series share language with the rest of the corpus


# Pairs whose "also in" is checked against the per-phrase search: the long GA pair, an HRC pair and a
# short GA pair the benchmark times, and a fixed sample of the other real pairs.
RECURRENCE_PAIRS = (
    ("A_RES_77_153.txt", "A_RES_78_137.txt"),
    ("A_HRC_RES_40_7.txt", "A_HRC_RES_43_11.txt"),
    ("A_RES_76_135.txt", "A_RES_78_175.txt"),
)


@pytest.mark.slow
def test_also_in_answered_together_is_what_each_phrase_alone_gives(
    real_store: tuple[Corpus, CorpusIndex],
) -> None:
    """``find_many`` (every phrase of a pair at once, the compared documents not scored) must give,
    phrase by phrase, the per-phrase search's occurrences less those in the compared documents, in
    the same order with the same scores, and say "word for word" of the same phrases."""
    corpus, index = real_store
    pairs = [*RECURRENCE_PAIRS, *sample(series_pairs(), 30, seed=21)]
    phrases = reworded = 0
    for a, b in pairs:
        left: Document = corpus.load_ref(str(DOCS / a))
        right: Document = corpus.load_ref(str(DOCS / b))
        skip = {left.id, right.id}
        norms = [normalize_phrase(ph.text) for ph in shared_phrases(left, right)]
        with index.reading() as (conn, snap):
            together = RecurrenceSearch(conn, snap, DEFAULT_TRACE_SCORE).find_many(norms, skip)
            alone = ReferenceSearch(conn, snap, DEFAULT_TRACE_SCORE)
            for phrase, got in zip(norms, together, strict=True):
                want = alone.find(phrase)
                assert got.word_for_word == want.word_for_word, (a, b, phrase)
                assert got.occurrences == tuple(o for o in want.occurrences if o.doc_id not in skip), (
                    a,
                    b,
                    phrase,
                )
                phrases += 1
                reworded += any(o.score < 100 for o in got.occurrences)
    assert phrases > 1000 and reworded > 50  # many phrases, reworded recurrences among them


def test_compare_lists_the_same_also_in_through_the_index_tracer_as_phrase_by_phrase(
    real_store: tuple[Corpus, CorpusIndex],
) -> None:
    """The command line's path (``IndexTracer.many`` from ``shared_phrases``) against the per-phrase
    reference asked one phrase at a time: the same "also in" on the long real pair."""
    corpus, index = real_store
    a, b = RECURRENCE_PAIRS[0]
    left, right = corpus.load_ref(str(DOCS / a)), corpus.load_ref(str(DOCS / b))
    by_index = compare(left, right, CompareOptions(), tracer=index.tracer())
    with index.reading() as (conn, snap):
        alone = ReferenceSearch(conn, snap, DEFAULT_TRACE_SCORE)
        one_by_one = compare(left, right, CompareOptions(), tracer=lambda p: alone.find(normalize_phrase(p)))
    assert by_index.shared_phrases == one_by_one.shared_phrases
    assert sum(len(ph.also_in) for ph in by_index.shared_phrases) > 1000


def test_also_in_shared_with_a_second_process_is_what_one_process_finds(
    real_store: tuple[Corpus, CorpusIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line looks for part of a long comparison's phrases in a forked process
    (``recurrence_aside``): the same recurrences, in the same order, as one process alone, and the
    other process really did its part. pytest may have run Qt threads earlier, which the command
    line never has: the one-thread check is told so here and tested on its own below."""
    monkeypatch.setattr(recurrence_aside, "_alone", lambda: True)
    helpers: list[recurrence_aside.Helper | None] = []
    start = recurrence_aside.start

    def counted(*args: Any) -> recurrence_aside.Helper | None:
        helper = start(*args)
        helpers.append(helper)
        return helper

    monkeypatch.setattr(recurrence_aside, "start", counted)
    corpus, index = real_store
    for a, b in RECURRENCE_PAIRS:
        left, right = corpus.load_ref(str(DOCS / a)), corpus.load_ref(str(DOCS / b))
        skip = {left.id, right.id}
        norms = [normalize_phrase(ph.text) for ph in shared_phrases(left, right)]
        with index.reading() as (conn, snap):
            alone = RecurrenceSearch(conn, snap, DEFAULT_TRACE_SCORE).find_many(norms, skip)
            shared = RecurrenceSearch(conn, snap, DEFAULT_TRACE_SCORE).find_many(
                norms, skip, aside=index.path
            )
        assert shared == alone, (a, b)
    assert helpers and all(h is not None for h in helpers)  # each pair shared its phrases


def test_a_second_process_that_finds_the_store_changed_leaves_its_phrases_to_the_first(
    real_store: tuple[Corpus, CorpusIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other process opens the store again: if it sees another state than this process reads
    (an update committed in between), it answers nothing and this process does its phrases too."""
    monkeypatch.setattr(recurrence_aside, "_alone", lambda: True)
    monkeypatch.setattr(recurrence_aside, "generation", lambda conn: f"state seen by {os.getpid()}")
    answers: list[object] = []
    wait = recurrence_aside.Helper.wait

    def watched(self: recurrence_aside.Helper) -> object:
        answers.append(wait(self))
        return answers[-1]

    monkeypatch.setattr(recurrence_aside.Helper, "wait", watched)
    corpus, index = real_store
    a, b = RECURRENCE_PAIRS[0]
    left, right = corpus.load_ref(str(DOCS / a)), corpus.load_ref(str(DOCS / b))
    norms = [normalize_phrase(ph.text) for ph in shared_phrases(left, right)]
    with index.reading() as (conn, snap):
        alone = RecurrenceSearch(conn, snap, DEFAULT_TRACE_SCORE).find_many(norms, {left.id, right.id})
        shared = RecurrenceSearch(conn, snap, DEFAULT_TRACE_SCORE).find_many(
            norms, {left.id, right.id}, aside=index.path
        )
    assert answers == [None]
    assert shared == alone


def test_phrases_are_shared_only_when_it_is_worth_a_process(
    real_store: tuple[Corpus, CorpusIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index = real_store
    a, b = RECURRENCE_PAIRS[0]
    left, right = corpus.load_ref(str(DOCS / a)), corpus.load_ref(str(DOCS / b))
    words_of = [normalize_phrase(ph.text).split() for ph in shared_phrases(left, right)]
    monkeypatch.setattr(recurrence_aside, "_alone", lambda: True)
    with index.reading() as (conn, snap):
        search = RecurrenceSearch(conn, snap, DEFAULT_TRACE_SCORE)
        search.find_many([" ".join(w) for w in words_of])  # words and postings read
        theirs = recurrence_aside.share(search, words_of)
        work = [search.estimate(w) for w in words_of]
        assert 0 < len(theirs) < len(words_of)
        given = sum(work[k] for k in theirs) / sum(work)
        assert 0.3 < given <= recurrence_aside.SHARE
        assert recurrence_aside.share(search, words_of[: recurrence_aside.SHARED_FROM - 1]) == []
    monkeypatch.undo()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not recurrence_aside._alone()  # forking copies one thread: never with another running
    finally:
        stop.set()
        other.join()


def test_a_failure_here_ends_the_second_process_too(
    real_store: tuple[Corpus, CorpusIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When this process's part fails (an internal error), the other process is not left waiting
    to be read: it is ended and reaped, and the error goes on."""
    monkeypatch.setattr(recurrence_aside, "_alone", lambda: True)
    helpers: list[recurrence_aside.Helper | None] = []
    start = recurrence_aside.start

    def counted(*args: Any) -> recurrence_aside.Helper | None:
        helpers.append(start(*args))
        return helpers[-1]

    def broken(*args: Any) -> list[Any]:
        raise RuntimeError("this process's part failed")

    monkeypatch.setattr(recurrence_aside, "start", counted)
    corpus, index = real_store
    a, b = RECURRENCE_PAIRS[0]
    left, right = corpus.load_ref(str(DOCS / a)), corpus.load_ref(str(DOCS / b))
    norms = [normalize_phrase(ph.text) for ph in shared_phrases(left, right)]
    with index.reading() as (conn, snap):
        search = RecurrenceSearch(conn, snap, DEFAULT_TRACE_SCORE)
        monkeypatch.setattr(search, "found", broken)
        with pytest.raises(RuntimeError, match="part failed"):
            search.find_many(norms, {left.id, right.id}, aside=index.path)
    assert len(helpers) == 1 and helpers[0] is not None
    with pytest.raises(ChildProcessError):  # already reaped: no process left behind
        os.waitpid(helpers[0].pid, os.WNOHANG)
