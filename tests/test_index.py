"""The corpus index must give exactly the hits of the full trace, and survive change, cancel and damage."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest

from benchmarks import synth
from reader.core.compare.comparison import compare
from reader.core.compare.phrases import shared_phrases
from reader.core.corpus.collection import Corpus
from reader.core.corpus.store import CACHE_ENV, cache_dir, default_db_path
from reader.core.model import CompareOptions
from reader.core.paths import bundled_corpus_dir
from reader.core.progress import ConsoleProgress
from reader.core.search.index import CorpusIndex, open_updated
from reader.core.search.recurrence import RecurrenceSearch
from reader.core.search.trace import DEFAULT_TRACE_SCORE, normalize_phrase, trace
from tests.recurrence_reference import ReferenceSearch
from tests.saved_snapshot import assert_traced_from_saved_snapshot

SUBSTITUTE = "not as a substitute for but rather as a complement to"
PHRASES = (
    SUBSTITUTE,
    "the Voluntary Trust Fund for the Promotion of South-South Cooperation",
    "Buenos Aires Plan of Action for Promoting and Implementing Technical Cooperation",
    "requests the Secretary-General to submit a comprehensive report",
    "South-South cooperation",
    "the High-level Committee on South-South Cooperation",
    "a focal point for South-South cooperation in the United Nations system",
    "penguins migrate across the frozen sea",
)


def _fresh(folder: Path) -> Corpus:
    """A new Corpus object, as a new run of the program would load it."""
    return Corpus.load([folder])


def _assert_same_hits(
    index: CorpusIndex, corpus: Corpus, phrases: tuple[str, ...], scores: tuple[float, ...]
) -> int:
    docs = list(corpus.documents())
    total = 0
    for phrase in phrases:
        for min_score in scores:
            expected = trace(phrase, docs, min_score=min_score)
            assert index.trace(phrase, min_score=min_score) == expected, (phrase, min_score)
            total += len(expected)
    return total


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus (the bundled one is never touched)."""
    folder = tmp_path / "corpus"
    shutil.copytree(bundled_corpus_dir(), folder)
    return folder


def test_index_gives_the_full_trace_hits_on_the_bundled_corpus(tmp_path: Path) -> None:
    corpus = Corpus.bundled()
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        stats = index.update(corpus)
        assert (stats.added, stats.problems, stats.cancelled) == (5, (), False)
        assert stats.paragraphs == sum(len(d.paragraphs) for d in corpus.documents())
        found = _assert_same_hits(index, corpus, PHRASES, (80.0, 70.0, 90.0, 60.0, 40.0))
        assert found > 100
        hits = {(h.symbol, h.label) for h in index.trace(SUBSTITUTE)}
        assert hits == {("57/263", "PP2"), ("60/212", "OP4"), ("62/209", "OP4")}
        assert index.trace("penguins migrate across the frozen sea") == []
        assert index.last_plan is not None and index.last_plan.mode == "index"


def test_index_gives_the_full_trace_hits_on_a_synthetic_corpus(tmp_path: Path) -> None:
    generated = synth.generate(40, seed=7, out_dir=tmp_path / "synth")
    corpus = _fresh(generated.folder)
    queries = tuple(p.phrase for p in generated.planted if p.where)
    assert len(queries) >= 15
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(corpus)
        found = _assert_same_hits(index, corpus, (*queries, SUBSTITUTE), (80.0,))
        found += _assert_same_hits(index, corpus, (*queries[:6], SUBSTITUTE), (65.0,))
        assert found > 40
        # Planted wordings (exact or one edit) are found by the index at the default score.
        planted = {(d, lab) for p in generated.planted for d, lab, _ in p.where}
        hit = {(h.doc_id, h.label) for q in queries for h in index.trace(q)}
        assert len(planted & hit) >= 0.9 * len(planted)


def test_update_follows_changed_new_and_deleted_files(corpus_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "cache" / "index.sqlite3"
    with CorpusIndex.open(db) as index:
        assert index.update(_fresh(corpus_copy)).added == 5

        # Unchanged, and touched without a change of content: nothing is parsed again.
        path = corpus_copy / "ga-62-209-south-south-cooperation-2007.txt"
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
        stats = index.update(_fresh(corpus_copy))
        assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (0, 0, 0, 5)

        # A changed file: 62/209 loses its variant of the agreed phrase.
        text = path.read_text(encoding="utf-8")
        assert "is not a substitute for, but\nrather a complement to" in text
        path.write_text(text.replace("not a substitute for, but\nrather a complement to", "an addition to"))
        corpus = _fresh(corpus_copy)
        stats = index.update(corpus)
        assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (0, 1, 0, 4)
        assert {h.symbol for h in index.trace(SUBSTITUTE)} == {"57/263", "60/212"}
        _assert_same_hits(index, corpus, PHRASES, (80.0,))

        # A new file with its catalogue entry.
        catalogue = json.loads((corpus_copy / "catalogue.json").read_text(encoding="utf-8"))
        shutil.copy(corpus_copy / "ga-60-212-south-south-cooperation-2005.md", corpus_copy / "draft.md")
        catalogue["documents"].append(
            {"id": "draft", "path": "draft.md", "symbol": "A/C.2/61/L.99", "body": "General Assembly",
             "title": "South-South cooperation (draft)", "date": "2006-11-01"}
        )  # fmt: skip
        (corpus_copy / "catalogue.json").write_text(json.dumps(catalogue), encoding="utf-8")
        corpus = _fresh(corpus_copy)
        stats = index.update(corpus)
        assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (1, 0, 0, 5)
        assert {h.doc_id for h in index.trace(SUBSTITUTE)} == {"ga-57-263", "ga-60-212", "draft"}
        _assert_same_hits(index, corpus, PHRASES, (80.0,))

        # A deleted file and its entry.
        (corpus_copy / "ga-57-263-economic-and-technical-cooperation-2002.txt").unlink()
        catalogue["documents"] = [e for e in catalogue["documents"] if e["id"] != "ga-57-263"]
        (corpus_copy / "catalogue.json").write_text(json.dumps(catalogue), encoding="utf-8")
        corpus = _fresh(corpus_copy)
        stats = index.update(corpus)
        assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (0, 0, 1, 5)
        assert {h.doc_id for h in index.trace(SUBSTITUTE)} == {"ga-60-212", "draft"}
        _assert_same_hits(index, corpus, PHRASES, (80.0, 60.0))
    # The corpus folder holds only what we put there: the index lives elsewhere.
    assert sorted(p.name for p in corpus_copy.iterdir()) == sorted(
        ["catalogue.json", "draft.md", "eclac-591-xxix-cooperation-among-developing-countries-2002.txt",
         "eclac-620-xxxi-south-south-cooperation-2006.txt", "ga-60-212-south-south-cooperation-2005.md",
         "ga-62-209-south-south-cooperation-2007.txt"]
    )  # fmt: skip


def test_catalogue_change_alone_updates_the_metadata(corpus_copy: Path, tmp_path: Path) -> None:
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(_fresh(corpus_copy))
        catalogue = json.loads((corpus_copy / "catalogue.json").read_text(encoding="utf-8"))
        catalogue["documents"][0]["symbol"] = "57/999"
        (corpus_copy / "catalogue.json").write_text(json.dumps(catalogue), encoding="utf-8")
        corpus = _fresh(corpus_copy)
        assert index.update(corpus).updated == 1
        assert "57/999" in {h.symbol for h in index.trace(SUBSTITUTE)}
        _assert_same_hits(index, corpus, (SUBSTITUTE,), (80.0,))


def test_reordered_catalogue_reorders_ties_without_parsing_again(corpus_copy: Path, tmp_path: Path) -> None:
    """Equal scores are listed in corpus order; a catalogue listing the same files in another order
    changes that order in the index too, though no file is parsed again."""
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(_fresh(corpus_copy))
        first = [h.symbol for h in index.trace(SUBSTITUTE)]
        assert first[:2] == ["57/263", "60/212"]  # both score 100: corpus order
        catalogue = json.loads((corpus_copy / "catalogue.json").read_text(encoding="utf-8"))
        catalogue["documents"].reverse()
        (corpus_copy / "catalogue.json").write_text(json.dumps(catalogue), encoding="utf-8")
        corpus = _fresh(corpus_copy)
        stats = index.update(corpus)
        assert (stats.unchanged, stats.updated, stats.added) == (5, 0, 0)
        assert [h.symbol for h in index.trace(SUBSTITUTE)][:2] == ["60/212", "57/263"]
        _assert_same_hits(index, corpus, (SUBSTITUTE,), (80.0,))


def test_cancelled_update_leaves_the_previous_index(corpus_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "index.sqlite3"
    calls: list[tuple[int, int]] = []

    def stop_after_two(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 2

    with CorpusIndex.open(db) as index:
        stats = index.update(_fresh(corpus_copy), progress=stop_after_two)
        assert stats.cancelled
        assert calls == [(0, 5), (1, 5), (2, 5)]
        assert index.document_count() == 0  # the first build was rolled back whole
        assert index.update(_fresh(corpus_copy)).added == 5
        before = index.trace(SUBSTITUTE)

        path = corpus_copy / "ga-60-212-south-south-cooperation-2005.md"
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "a substitute for but rather as a complement to", "an alternative to"
            )
        )
        assert index.update(_fresh(corpus_copy), progress=lambda done, total: False).cancelled
        assert index.trace(SUBSTITUTE) == before  # still the old, complete index

    with CorpusIndex.open(db) as index:  # and so it is on disk
        assert index.trace(SUBSTITUTE) == before
        seen: list[tuple[int, int]] = []
        stats = index.update(_fresh(corpus_copy), progress=lambda d, t: seen.append((d, t)) is None)
        assert (stats.updated, stats.unchanged, stats.cancelled) == (1, 4, False)
        assert seen[-1] == (5, 5)
        _assert_same_hits(index, _fresh(corpus_copy), (SUBSTITUTE,), (80.0, 60.0))


def test_trace_during_an_update_sees_the_last_committed_index(corpus_copy: Path, tmp_path: Path) -> None:
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(_fresh(corpus_copy))
        before = index.trace(SUBSTITUTE)
        path = corpus_copy / "ga-60-212-south-south-cooperation-2005.md"
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "a substitute for but rather as a complement to", "an alternative to"
            )
        )
        during: list[list[object]] = []

        def look(done: int, total: int) -> bool:
            if done == 3:  # 60/212 is already re-indexed in the open transaction
                during.append(list(index.trace(SUBSTITUTE)))
            return True

        assert index.update(_fresh(corpus_copy), progress=look).updated == 1
        assert during == [before]
        assert {h.symbol for h in index.trace(SUBSTITUTE)} == {"57/263", "62/209"}


def test_index_reopens_from_disk_without_parsing(tmp_path: Path) -> None:
    db = tmp_path / "index.sqlite3"
    corpus = Corpus.bundled()
    with CorpusIndex.open(db) as index:
        index.update(corpus)
        expected = index.trace(SUBSTITUTE)
    with CorpusIndex.open(db) as index:
        assert index.trace(SUBSTITUTE) == expected
        assert index.update(Corpus.bundled()).unchanged == 5


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign"])
def test_a_damaged_index_file_is_rebuilt_not_a_crash(tmp_path: Path, damage: str) -> None:
    db = tmp_path / "index.sqlite3"
    corpus = Corpus.bundled()
    with CorpusIndex.open(db) as index:
        index.update(corpus)
    if damage == "garbage":
        db.write_bytes(b"this is not a database at all\n" * 500)
    elif damage == "truncated":
        data = db.read_bytes()
        db.write_bytes(data[: len(data) // 3])
    else:
        import sqlite3

        db.unlink()
        with sqlite3.connect(db) as conn:
            conn.execute("CREATE TABLE notes(x)")
    with CorpusIndex.open(db) as index:
        stats = index.update(Corpus.bundled())
        assert stats.paragraphs == sum(len(d.paragraphs) for d in corpus.documents())
        _assert_same_hits(index, corpus, (SUBSTITUTE, "South-South cooperation"), (80.0,))


def test_tracer_fills_also_occurs_in_from_the_full_traces_hits(tmp_path: Path) -> None:
    corpus = Corpus.bundled()
    left, right = corpus.load_ref("60/212"), corpus.load_ref("62/209")
    docs = list(corpus.documents())
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(corpus)
        by_index = compare(left, right, CompareOptions(), tracer=index.tracer())
    by_scan = compare(left, right, CompareOptions(), tracer=lambda phrase: trace(phrase, docs))
    assert [ph.text for ph in by_index.shared_phrases] == [ph.text for ph in by_scan.shared_phrases]
    for ours, full in zip(by_index.shared_phrases, by_scan.shared_phrases, strict=True):
        found = {(o.doc_id, o.label) for o in ours.also_in}
        assert found <= {(o.doc_id, o.label) for o in full.also_in}, ours.text  # no false recurrence
        assert {(o.doc_id, o.label) for o in full.also_in if o.score == 100} <= found  # every copy
        if len(ours.text.split()) >= 8:  # looked for reworded too: the trace's own hits
            assert ours.also_in == full.also_in, ours.text
    also = {o.symbol for ph in by_index.shared_phrases for o in ph.also_in}
    assert "57/263" in also
    # A pause between phrases (the reader lets the user's search go first) changes nothing found.
    paused: list[int] = []
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        with_pauses = compare(
            left, right, CompareOptions(), tracer=index.tracer(pause=lambda: paused.append(1))
        )
    assert with_pauses.shared_phrases == by_index.shared_phrases
    assert len(paused) == 3 * len(
        by_index.shared_phrases
    )  # before each phrase's turn in each of three passes


def test_index_location_follows_argument_then_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "env-cache"))
    assert cache_dir() == tmp_path / "env-cache"
    assert cache_dir(tmp_path / "arg") == tmp_path / "arg"
    corpus = Corpus.bundled()
    path = default_db_path(corpus)
    assert path.parent == tmp_path / "env-cache" and path.suffix == ".sqlite3"
    assert default_db_path(corpus) == path  # stable for the same folders
    with CorpusIndex.for_corpus(corpus) as index:
        index.update(corpus)
        assert index.size_bytes() > 0
    assert path.is_file()
    assert not any(p.suffix == ".sqlite3" for p in bundled_corpus_dir().iterdir())


def test_index_words_are_the_tokens_trace_compares() -> None:
    from reader.core.corpus.store import _words
    from reader.core.textnorm import tokens

    samples = [p.text for d in Corpus.bundled().documents() for p in d.paragraphs]
    samples.append(
        "*Recalling* the \u201cSouth\u2011South\u201d Fund \u2013 P\u00e9rez "
        "\ufb01nance Assembly\u2019s 57/263 3.5"
    )
    for text in samples:
        assert _words(text) == [t.norm for t in tokens(text)]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_console_progress_for_the_command_line(tmp_path: Path) -> None:
    """The index's progress on the command line is the corpus's one reporter, labelled for it."""
    tty, pipe = _Tty(), io.StringIO()
    bar = ConsoleProgress(tty, label="Indexing the corpus", every=0.0)
    index, stats = open_updated(Corpus.bundled(), cache=tmp_path, progress=bar)
    with index:
        assert stats.added == 5 and index.document_count() == 5
    drawn = tty.getvalue()
    assert drawn.startswith("\rIndexing the corpus [") and drawn.endswith("\x1b[K\n")
    assert "] 0/5 files" in drawn and "] 5/5 files" in drawn.splitlines()[-1]
    index, stats = open_updated(Corpus.bundled(), cache=tmp_path, progress=ConsoleProgress(pipe))
    with index:
        assert stats.unchanged == 5  # the same cache file, found again
    assert pipe.getvalue() == ""  # nothing on a pipe: JSON output stays clean


def test_locked_or_unreachable_index_is_one_clear_error_and_nothing_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from reader.core.corpus import store as index_module
    from reader.core.errors import InputError

    monkeypatch.setattr(index_module, "_BUSY_TIMEOUT", 0.1)
    db = tmp_path / "index.sqlite3"
    with CorpusIndex.open(db) as index:
        index.update(Corpus.bundled())
        expected = index.trace(SUBSTITUTE)
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # another program holds the file
        with pytest.raises(InputError, match="cannot update the corpus index"):
            index.update(Corpus.bundled())
        other.execute("ROLLBACK")
        other.close()
        assert index.update(Corpus.bundled()).unchanged == 5  # the index was kept, not rebuilt
        assert index.trace(SUBSTITUTE) == expected
    (tmp_path / "not-a-folder").write_text("x")
    with pytest.raises(InputError, match="cannot create the index folder"):
        CorpusIndex.open(tmp_path / "not-a-folder" / "index.sqlite3")


def test_window_pass_prunes_common_word_phrases_and_keeps_every_hit(tmp_path: Path) -> None:
    """Phrases of common words pass the word count almost everywhere; the window bound must cut
    them down without losing a hit the full scan finds."""
    generated = synth.generate(30, seed=9, out_dir=tmp_path / "synth")
    corpus = _fresh(generated.folder)
    common = "the need for the international community to support the efforts of the developing countries"
    queries = (*(p.phrase for p in generated.planted if p.where), *PHRASES, common)
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(corpus)
        assert _assert_same_hits(index, corpus, queries, (80.0, 70.0)) > 30
        index.trace(common)
        plan = index.last_plan
        assert plan is not None and plan.mode == "index"
        assert plan.candidates > 50 and plan.windows < plan.candidates / 4
        assert plan.scored <= plan.windows


def test_index_agrees_with_the_full_scan_on_phrases_cut_from_the_corpus(tmp_path: Path) -> None:
    """The index's bounds (word count, dense runs, run length in characters, repeated words) may
    only drop paragraphs that cannot score: phrases cut from real paragraphs, then shortened,
    reworded or given repeated words, at thresholds from 51 to 100, must give the full scan's hits."""
    import random

    generated = synth.generate(30, seed=11, out_dir=tmp_path / "synth")
    corpus = _fresh(generated.folder)
    docs = list(corpus.documents())
    rng = random.Random(2026)
    phrases: list[str] = []
    for _ in range(120):
        doc = rng.choice(docs)
        words = rng.choice(doc.paragraphs).text.split()
        n = rng.choice((1, 2, 2, 3, 4, 6, 9, 14))
        at = rng.randrange(max(1, len(words) - n + 1))
        cut = words[at : at + n]
        edit = rng.random()
        if edit < 0.25 and len(cut) > 2:
            del cut[rng.randrange(len(cut))]  # a word dropped
        elif edit < 0.5:
            cut.insert(rng.randrange(len(cut) + 1), rng.choice(("the", "of", "and", "regional")))
        elif edit < 0.6:
            cut = cut + cut[: max(1, len(cut) // 2)]  # words the phrase holds twice
        phrases.append(" ".join(cut))
    phrases += ["South-South", "of the of the", "the the the", "cooperation among developing countries"]
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(corpus)
        found = 0
        for k, phrase in enumerate(phrases):
            min_score = (51.0, 65.0, 80.0, 80.0, 88.5, 95.0, 100.0)[k % 7]
            expected = trace(phrase, docs, min_score=min_score)
            assert index.trace(phrase, min_score=min_score) == expected, (phrase, min_score)
            found += len(expected)
        assert found > 300


def test_a_new_process_traces_from_the_saved_snapshot_and_never_from_a_stale_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``trace_once`` (the command line's one question) reads candidates from SQLite while no snapshot
    is saved, maps the saved one when there is, and ignores one saved for an older index."""
    from reader.core.search import sidecar

    generated = synth.generate(40, seed=7, out_dir=tmp_path / "synth")
    folder = generated.copy_texts(tmp_path / "corpus")  # no catalogue: a file added later is a document
    corpus = _fresh(folder)
    docs = list(corpus.documents())
    queries = [*[p.phrase for p in generated.planted if p.where][:8], SUBSTITUTE]
    db = tmp_path / "index.sqlite3"
    with CorpusIndex.open(db) as index:
        index.update(corpus)
    assert not sidecar.path_of(db, "snapshot").exists()
    found = 0
    for q in queries:  # each a new process: nothing in memory, nothing saved
        with CorpusIndex.open(db) as index:
            assert index.trace_once(q) == trace(q, docs), q
            found += len(trace(q, docs))
    assert found > 20

    legacy = db.with_name(db.name + ".snapshot.npz")  # what an earlier version saved
    legacy.write_bytes(b"PK\x03\x04 an old archive")
    with CorpusIndex.open(db) as index:
        index.preload()  # what the reader does in the background: the snapshot is saved
    assert sidecar.path_of(db, "snapshot").read_bytes().startswith(sidecar.MAGIC)
    assert not legacy.exists()

    assert_traced_from_saved_snapshot(lambda: CorpusIndex.open(db), queries, docs, monkeypatch)

    # A new file holding a planted phrase: the saved snapshot is of the older index and must not hide it.
    planted = next(p for p in generated.planted if p.where)
    source = next(d for d in generated.docs if d.id == planted.where[0][0])
    (folder / "zz-late-copy.txt").write_text((folder / source.file).read_text(encoding="utf-8"), "utf-8")
    corpus = _fresh(folder)
    docs = list(corpus.documents())
    with CorpusIndex.open(db) as index:
        index.update(corpus)
    with CorpusIndex.open(db) as index:
        hits = index.trace_once(planted.phrase)
    assert hits == trace(planted.phrase, docs)
    assert "zz-late-copy" in {h.doc_id for h in hits}


def test_a_phrase_repeating_a_word_more_often_than_the_corpus_holds_it(tmp_path: Path) -> None:
    """Real shared phrases repeat words ("development ... development ... development"); a candidate
    slice that holds such a word fewer times than the phrase did crash the dense-run check."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "The General Assembly,\n\n"
        "Recalling its resolution 70/1 on sustainable development,\n\n"
        "1. Stresses the importance of financing for development in the least developed countries;\n",
        encoding="utf-8",
    )
    (folder / "two.txt").write_text(
        "The General Assembly,\n\n"
        "Recognizing that development finance matters,\n\n"
        "1. Decides to remain seized of the matter;\n",
        encoding="utf-8",
    )
    corpus = _fresh(folder)
    docs = list(corpus.documents())
    phrase = "development and sustainable development for development in the development agenda"
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(corpus)
        for min_score in (51.0, 60.0, 70.0, 80.0):
            assert index.trace(phrase, min_score=min_score) == trace(phrase, docs, min_score=min_score)
        assert index.trace("financing for development in the least developed countries")


def test_recurrences_answered_together_are_each_phrase_s_alone_on_a_synthetic_corpus(tmp_path: Path) -> None:
    """Planted phrases (often planted reworded), the seeds' shared phrases and phrases of common
    words, all asked at once (``find_many``), with and without documents left out: each the per-phrase
    search's answer, less the left-out documents' occurrences."""
    generated = synth.generate(200, seed=5, out_dir=tmp_path / "synth")
    corpus = _fresh(generated.folder)
    seeds = Corpus.bundled()
    shared = shared_phrases(seeds.load_ref("60/212"), seeds.load_ref("62/209"))
    phrases = [p.phrase for p in generated.planted] + [ph.text for ph in shared] + list(PHRASES)
    phrases += ["the the the", "", "of the of the", "penguins " * 9]
    norms = [normalize_phrase(p) for p in phrases]
    docs = list(corpus.documents())
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(corpus)
        with index.reading() as (conn, snap):
            alone = ReferenceSearch(conn, snap, DEFAULT_TRACE_SCORE)
            want = [alone.find(p) for p in norms]
            for skip in (set(), {docs[0].id, docs[7].id}, {d.id for d in docs[::3]}, {"no such document"}):
                got = RecurrenceSearch(conn, snap, DEFAULT_TRACE_SCORE).find_many(norms, skip)
                for phrase, g, w in zip(phrases, got, want, strict=True):
                    assert g.word_for_word == w.word_for_word, phrase
                    assert g.occurrences == tuple(o for o in w.occurrences if o.doc_id not in skip), phrase
            # Asked one at a time through the same search (what is read stays for the next phrase).
            search = RecurrenceSearch(conn, snap, DEFAULT_TRACE_SCORE)
            assert [search.find(p) for p in norms] == want
    placed = {(doc, label) for p in generated.planted for doc, label, _ in p.where}
    found = {(o.doc_id, o.label) for r in want for o in r.occurrences}
    assert len(placed) > 100 and len(placed & found) > 0.9 * len(placed)  # the planted places are hits
    assert any(o.score < 100 for r in want for o in r.occurrences)  # reworded recurrences among them


def test_one_folder_has_one_store_however_it_is_opened(tmp_path: Path) -> None:
    """A folder read into memory and indexed, then opened by the command line's path, share one
    store file; each opening after the other's writes still answers as the full scan does."""
    from reader.core.corpus.sync import open_corpus, store_path

    folder = tmp_path / "corpus"
    shutil.copytree(bundled_corpus_dir(), folder)
    in_memory = Corpus.load([folder])
    assert default_db_path(in_memory) == store_path([folder]) == store_path([tmp_path / "." / "corpus"])
    with CorpusIndex.for_corpus(in_memory) as index:
        index.update(in_memory)
        assert _assert_same_hits(index, in_memory, PHRASES, (80.0,)) > 0
    assert sorted(p.name for p in cache_dir().glob("*.sqlite3")) == [store_path([folder]).name]
    opened, _ = open_corpus([folder])
    assert getattr(opened, "db_path", None) == store_path([folder])
    with CorpusIndex.for_corpus(opened) as index:
        index.update(opened)
        assert _assert_same_hits(index, opened, PHRASES, (80.0,)) > 0
    assert sorted(p.name for p in cache_dir().glob("*.sqlite3")) == [store_path([folder]).name]


@pytest.mark.parametrize("check", ["always", "never", "sampled"])
def test_the_word_count_reads_common_words_last_and_keeps_every_paragraph_that_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, check: str
) -> None:
    """The word count reads the rarer words' lists first and checks the passed paragraphs against the
    common words' lists only when a sample says it pays: whichever way it goes, every paragraph that
    holds ``need`` of the phrase's words (counted from its own words) is kept, and trace's hits are
    the full scan's."""
    from reader.core.search import query

    generated = synth.generate(30, seed=5, out_dir=tmp_path / "synth")
    corpus = _fresh(generated.folder)
    docs = list(corpus.documents())
    if check == "sampled":
        monkeypatch.setattr(query, "CHECK_SAMPLE", 4)  # a sample of a corpus this small
    else:
        monkeypatch.setattr(query, "_worth_checking", lambda *args: check == "always")
    phrases = (
        *(p.phrase for p in generated.planted if p.where),
        "the need for the international community to support the efforts of the developing countries",
        "of the United Nations and of the States Members of the United Nations",
        SUBSTITUTE,
    )
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(corpus)
        checked = 0
        for phrase in phrases:
            for min_score in (80.0, 65.0):
                with index.reading() as (conn, snap):
                    q = query.Query.of(conn, normalize_phrase(phrase), min_score)
                    kept = set(query._count_filter(conn, q, snap.paragraphs).tolist())
                    need = max(q.need, q.need_run)
                    words = snap.paragraphs
                    for k in range(words.count):
                        held = set(words.ids(k))
                        if sum(n for t, n in q.mult.items() if t in held) >= need:
                            assert int(words.pids[k]) in kept, (phrase, min_score)
                            checked += 1
                expected = trace(phrase, docs, min_score=min_score)
                assert index.trace(phrase, min_score=min_score) == expected, (phrase, min_score, check)
        assert checked > 100


def test_a_trace_while_another_thread_reads_takes_a_connection_of_its_own(tmp_path: Path) -> None:
    """The reader's trace panel searches while a worker holds a read (the "also in" look-ups after the
    index loads): the trace does not wait for it, and both see the same index and give the scan's hits."""
    import threading

    corpus = Corpus.bundled()
    docs = list(corpus.documents())
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(corpus)
        holding, release = threading.Event(), threading.Event()
        seen: list[list[object]] = []

        def worker() -> None:
            with index.reading():  # a long read, as RecurrenceSearch's
                holding.set()
                release.wait(30)
                seen.append(list(index.trace(SUBSTITUTE)))  # nested on its own thread: same connection

        thread = threading.Thread(target=worker)
        thread.start()
        assert holding.wait(30)
        for phrase in PHRASES[:4]:  # here, while the worker holds the main read connection
            assert index.trace(phrase) == trace(phrase, docs), phrase
        release.set()
        thread.join(30)
        assert seen == [trace(SUBSTITUTE, docs)]
        assert len(index._opened) == 1 and index._idle == index._opened  # one extra, kept for the next
