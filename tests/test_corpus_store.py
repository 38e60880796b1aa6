"""A corpus opened from its store: the same documents as parsing, only what changed is parsed again."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from benchmarks import synth
from reader.core.corpus import collection, store, sync
from reader.core.corpus.collection import Corpus
from reader.core.corpus.store import posting_lists, reader_connection
from reader.core.corpus.sync import open_corpus, store_path
from reader.core.ingest import parse
from reader.core.paths import bundled_corpus_dir
from reader.core.progress import ConsoleProgress, bar_line
from reader.core.search.index import CorpusIndex
from reader.core.search.trace import trace
from tests.edits import edit_keeping_size
from tests.saved_snapshot import assert_traced_from_saved_snapshot

PHRASES = (
    "not as a substitute for but rather as a complement to",
    "the Voluntary Trust Fund for the Promotion of South-South Cooperation",
    "requests the Secretary-General to submit a comprehensive report",
)


def _plain_copy(folder: Path, n: int, tmp_path: Path) -> Path:
    """``n`` synthetic resolutions as a folder of plain text files (no catalogue)."""
    return synth.generate(n, seed=3, out_dir=tmp_path / "synth").copy_texts(folder)


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(bundled_corpus_dir(), folder)
    (folder / "catalogue.json").unlink()  # a folder described by its texts, as an analyst's
    return folder


def _same_hits(corpus: Corpus, folder: Path) -> None:
    """The index of the opened corpus answers as a full scan of the freshly parsed folder."""
    docs = list(Corpus.load([folder]).documents())
    index = CorpusIndex.for_corpus(corpus)
    index.update(corpus)
    for phrase in PHRASES:
        assert index.trace(phrase) == trace(phrase, docs), phrase
        assert index.trace_once(phrase) == trace(phrase, docs), phrase
    index.close()


def test_opened_corpus_equals_the_parsed_one_and_is_not_parsed_again(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for folder in (bundled_copy, bundled_corpus_dir()):  # without and with a catalogue
        first, stats = open_corpus([folder])
        assert stats.parsed == stats.added == len(first.entries) == 5
        parsed = Corpus.load([folder])
        assert first.entries == parsed.entries
        for entry in parsed.entries:
            assert first.document(entry.id) == parsed.document(entry.id)
        first.close()

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a stored document was parsed again")

    monkeypatch.setattr(parse, "load_document", no_parsing)
    again, stats = open_corpus([bundled_copy])
    assert (stats.parsed, stats.unchanged) == (0, 5)
    assert again.document("ga-60-212-south-south-cooperation-2005").metadata.symbol == "60/212"
    monkeypatch.undo()  # the full scan below parses, as it should
    _same_hits(again, bundled_copy)


def test_a_command_needing_two_documents_reads_two(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_corpus([bundled_copy])[0].close()
    corpus, _ = open_corpus([bundled_copy])
    store = corpus.store
    assert isinstance(store, sync.StoredDocuments)
    read: list[str] = []
    original = sync.StoredDocuments.load

    def counting(self: sync.StoredDocuments, entry: collection.CorpusEntry) -> object:
        read.append(entry.id)
        return original(self, entry)

    monkeypatch.setattr(sync.StoredDocuments, "load", counting)
    corpus.load_ref("60/212")
    corpus.load_ref("62/209")
    corpus.load_ref("60/212")  # kept once read
    assert len(read) == 2


def test_only_new_changed_and_removed_files_are_worked_on(bundled_copy: Path) -> None:
    open_corpus([bundled_copy])[0].close()
    names = sorted(p.name for p in bundled_copy.glob("*.txt"))
    changed = bundled_copy / names[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n9. Decides to remain seized of the matter;\n")
    (bundled_copy / names[1]).unlink()
    shutil.copy2(bundled_corpus_dir() / names[1], bundled_copy / "new-copy.txt")
    touched = bundled_copy / names[2]
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    corpus, stats = open_corpus([bundled_copy])
    assert (stats.parsed, stats.added, stats.updated, stats.removed) == (2, 1, 1, 1)
    assert stats.unchanged == 3  # two untouched, one touched with the same content (hash)
    assert "remain seized" in corpus.document(changed.stem).paragraphs[-1].text
    assert [e.id for e in corpus.entries] == [e.id for e in Corpus.load([bundled_copy]).entries]
    _same_hits(corpus, bundled_copy)
    assert open_corpus([bundled_copy])[1].parsed == 0


def test_parallel_first_build_equals_parsing_each_file(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    _plain_copy(folder, 60, tmp_path)
    corpus, stats = open_corpus([folder], workers=2)
    assert stats.parsed == 60 and not corpus.problems
    parsed = Corpus.load([folder])
    assert corpus.entries == parsed.entries
    for entry in parsed.entries[::7]:
        assert corpus.document(entry.id) == parsed.document(entry.id)
    docs = list(parsed.documents())
    index = CorpusIndex.for_corpus(corpus)
    assert index.update(corpus).unchanged == 60  # the opening indexed it: nothing left to do
    for phrase in synth.PLANTED_PHRASES[:4]:
        query = synth.query_of(phrase)
        assert index.trace(query) == trace(query, docs)
    index.close()


def test_cancel_keeps_what_was_stored_and_the_next_run_continues(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    _plain_copy(folder, 30, tmp_path)
    monkeypatch.setattr(sync, "BATCH_FILES", 10)
    corpus, stats = open_corpus([folder], progress=lambda done, total: done < 25, workers=1)
    assert stats.cancelled and stats.parsed == 20 and stats.pending == 10  # two whole batches kept
    corpus.close()
    corpus, stats = open_corpus([folder])
    assert (stats.parsed, stats.unchanged, stats.files) == (10, 20, 30)
    _same_hits(corpus, folder)


def test_files_that_turn_unreadable_or_vanish_leave_the_index(bundled_copy: Path) -> None:
    open_corpus([bundled_copy])[0].close()
    names = sorted(p.name for p in bundled_copy.glob("*.txt"))
    broken = bundled_copy / names[0]
    broken.unlink()
    broken.symlink_to(bundled_copy / "nowhere.txt")  # the name stays, the file cannot be read
    garbled = bundled_copy / names[1]
    garbled.write_bytes(bytes(range(256)) * 64)
    corpus, _ = open_corpus([bundled_copy])
    assert len(corpus.entries) == 3
    assert any(names[0] in p and "cannot be read" in p for p in corpus.problems)
    assert any(names[1] in p for p in corpus.problems)
    _same_hits(corpus, bundled_copy)
    with sqlite3.connect(store_path([bundled_copy])) as conn:
        assert conn.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 3


def test_nothing_is_written_into_the_corpus_folder(bundled_copy: Path) -> None:
    before = {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in bundled_copy.iterdir()}
    bundled_copy.chmod(0o555)
    try:
        corpus, stats = open_corpus([bundled_copy])
        assert stats.files == 5 and not stats.in_memory
        _same_hits(corpus, bundled_copy)
    finally:
        bundled_copy.chmod(0o755)
    assert {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in bundled_copy.iterdir()} == before


def test_an_unusable_cache_folder_keeps_the_store_in_memory(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("RESOLUTION_READER_CACHE", str(blocker / "cache"))
    corpus, stats = open_corpus([bundled_copy])
    assert "kept in memory" in stats.in_memory and stats.files == 5
    _same_hits(corpus, bundled_copy)


def test_a_vanished_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    corpus, stats = open_corpus([tmp_path / "gone"])
    assert stats.files == 0 and corpus.problems == [f"{tmp_path / 'gone'}: not a folder; skipped"]


def test_two_updates_at_once_store_each_file_once(tmp_path: Path) -> None:
    import threading

    folder = tmp_path / "plain"
    folder.mkdir()
    _plain_copy(folder, 24, tmp_path)
    results: list[int] = []

    def open_it() -> None:
        corpus, stats = open_corpus([folder], workers=1)
        results.append(stats.files)
        corpus.close()

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [24, 24]
    with sqlite3.connect(store_path([folder])) as conn:
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT path) FROM files").fetchone() == (24, 24)
    corpus, stats = open_corpus([folder])
    assert stats.parsed == 0
    _same_hits(corpus, folder)


def test_console_progress_draws_a_bar_on_a_terminal_and_one_line_elsewhere() -> None:
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    term = Terminal()
    progress = ConsoleProgress(term, every=0.0)
    for done in range(0, 101, 10):
        assert progress(done, 100)
    progress.finish(100, 100, 2.0)
    assert "100/100 files" in term.getvalue() and term.getvalue().endswith("\n")
    assert "left" in bar_line("Reading", 50, 100, 5.0) and "10/s" in bar_line("Reading", 50, 100, 5.0)
    pipe = io.StringIO()
    progress = ConsoleProgress(pipe)
    progress(0, 40)
    progress(40, 40)
    progress.finish(40, 42, 2.0)
    said = "Reading the corpus: parsed 40 new or changed files in 2.0 s (20 files/s); 42 documents\n"
    assert pipe.getvalue() == said
    few = io.StringIO()
    ConsoleProgress(few).finish(5, 5, 0.2)  # the bundled corpus on a first run: nothing to say
    assert few.getvalue() == ""
    quiet = io.StringIO()
    progress = ConsoleProgress(quiet, quiet=True)
    progress(10, 10)
    progress.finish(10, 12, 2.0)
    assert quiet.getvalue() == ""


def test_an_unchanged_folder_opens_from_the_saved_listing_and_any_change_is_still_seen(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = open_corpus([bundled_copy])
    first.close()

    def no_rows(conn: sqlite3.Connection) -> object:
        raise AssertionError("the store's rows were read for an unchanged folder")

    with monkeypatch.context() as patched:
        patched.setattr(sync, "_read_rows", no_rows)
        again, stats = open_corpus([bundled_copy])
    assert (stats.parsed, stats.unchanged, stats.files) == (0, 5, 5)
    assert again.entries == first.entries == Corpus.load([bundled_copy]).entries
    assert again.synced is not None
    _same_hits(again, bundled_copy)
    again.close()

    # Same size, another mtime and other words: the listing no longer matches, the file is parsed.
    names = sorted(p.name for p in bundled_copy.glob("*.txt"))
    changed = bundled_copy / names[0]
    edit_keeping_size(changed, "Assembly", "Asembly,")
    corpus, stats = open_corpus([bundled_copy])
    assert (stats.parsed, stats.updated) == (1, 1)
    assert "Asembly," in "\n".join(p.text for p in corpus.document(changed.stem).paragraphs)
    _same_hits(corpus, bundled_copy)
    corpus.close()

    # Another program changed the store since the listing was saved: its rows are read again.
    with sqlite3.connect(store_path([bundled_copy])) as conn:
        conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
    read: list[list[str] | None] = []
    original = sync._read_rows

    def counting(conn: sqlite3.Connection, paths: list[str] | None = None) -> object:
        read.append(None if paths is None else [Path(p).name for p in paths])
        return original(conn, paths)

    monkeypatch.setattr(sync, "_read_rows", counting)
    assert open_corpus([bundled_copy])[1].unchanged == 5 and read == [None]
    # Files removed and added since the listing was saved: only the added file's rows are read.
    (bundled_copy / names[1]).unlink()  # removed
    shutil.copy2(bundled_corpus_dir() / names[1], bundled_copy / "added.txt")
    corpus, stats = open_corpus([bundled_copy])
    assert (stats.added, stats.removed, stats.files) == (1, 1, 5) and read == [None, ["added.txt"]]
    assert [e.id for e in corpus.entries] == [e.id for e in Corpus.load([bundled_copy]).entries]
    _same_hits(corpus, bundled_copy)
    corpus.close()


def test_trace_from_the_store_makes_no_entry_and_a_damaged_listing_is_only_slower(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A corpus opened from an unchanged folder defers its entries: ``trace`` asks only the store.
    The saved listing's entries are checked against their digest: cut or damaged, the folder is
    compared with the store's rows as if there were no listing, and the entries are right."""
    from reader.core.search.index import open_updated

    open_corpus([bundled_copy])[0].close()  # built; the listing saved

    def no_entry(*args: object) -> None:
        raise AssertionError("an entry was made for a trace")

    docs = list(Corpus.load([bundled_copy]).documents())
    with monkeypatch.context() as patched:
        patched.setattr(sync, "CorpusEntry", no_entry)
        corpus, stats = open_corpus([bundled_copy])
        assert (stats.files, corpus.size) == (5, 5)
        index, _ = open_updated(corpus)
        for phrase in PHRASES:
            assert index.trace_once(phrase) == trace(phrase, docs), phrase
        index.close()
    assert [e.id for e in corpus.entries] == [e.id for e in Corpus.load([bundled_copy]).entries]
    assert corpus.size == 5
    corpus.close()

    listing = sync.listing_path(store_path([bundled_copy]))
    data = listing.read_bytes()
    original = sync._read_rows
    for damaged in (data[:-7], data[:-20] + b"\x00" * 20):
        listing.write_bytes(damaged)
        read: list[int] = []

        def counting(conn: sqlite3.Connection, paths: object = None, read: list[int] = read) -> object:
            read.append(1)
            return original(conn, paths)

        with monkeypatch.context() as patched:
            patched.setattr(sync, "_read_rows", counting)
            corpus, stats = open_corpus([bundled_copy])
        assert read == [1] and (stats.parsed, stats.unchanged) == (0, 5)
        assert corpus.entries == Corpus.load([bundled_copy]).entries
        corpus.close()
        with monkeypatch.context() as patched:  # written again, whole: the next open needs no rows
            patched.setattr(sync, "_read_rows", no_entry)
            again, _ = open_corpus([bundled_copy])
        assert again.entries == corpus.entries
        again.close()


def test_the_saved_word_ids_follow_added_changed_and_removed_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an update the snapshot saved for the old state is carried to the new one: exactly the arrays
    a full load gives, so a trace in a new process maps them instead of reading SQLite."""
    from reader.core.corpus.store import generation
    from reader.core.search.query import Snapshot, saved_snapshot

    folder = tmp_path / "plain"
    folder.mkdir()
    _plain_copy(folder, 30, tmp_path)
    corpus, _ = open_corpus([folder])
    index = CorpusIndex.for_corpus(corpus)
    index.preload()  # saved for this state, as `corpus index` and the reader do
    index.close()
    corpus.close()
    db = store_path([folder])

    names = sorted(p.name for p in folder.glob("*.txt"))
    last = folder / names[-1]  # its paragraphs have the highest ids: deleted, their ids are not given again
    last.write_text(last.read_text("utf-8").rstrip() + "\n\n99. Decides to remain seized of the matter;\n")
    (folder / names[3]).unlink()
    shutil.copy2(folder / names[5], folder / "zz-new.txt")
    corpus, stats = open_corpus([folder])
    assert (stats.added, stats.updated, stats.removed) == (1, 1, 1)
    with contextlib.closing(reader_connection(db)) as conn:
        current = generation(conn)
        expected = Snapshot.load(conn, current).arrays()
    saved = saved_snapshot(db, current)
    assert saved is not None
    carried = _arrays(saved)
    for name in Snapshot.ARRAYS:
        assert carried[name].tolist() == expected[name].tolist(), name

    docs = list(Corpus.load([folder]).documents())
    phrases = (*PHRASES, "Decides to remain seized of the matter")
    assert_traced_from_saved_snapshot(lambda: CorpusIndex.for_corpus(corpus), phrases, docs, monkeypatch)
    corpus.close()


def _arrays(snap: object) -> dict[str, Any]:
    """A snapshot's arrays as ``Snapshot.arrays`` gives them, its paragraphs joined when saved in two."""
    import numpy as np

    from reader.core.search.query import Snapshot

    assert isinstance(snap, Snapshot)
    p = snap.paragraphs
    text = "\n".join(snap.terms).encode("utf-8")
    terms = np.frombuffer(text, dtype=np.uint8)
    return {"pids": p.pids, "words": p.words, "bounds": p.bounds, "lens": snap.lens, "terms": terms}


def test_writes_of_another_program_in_between_stop_the_carry() -> None:
    from reader.core.corpus.store import PostingChanges

    writes = sync._Writes()
    mine = PostingChanges()
    mine.paragraphs_added += [7, 8]
    writes.committed("s:1", "s:2", mine)
    writes.committed("s:2", "s:3", PostingChanges())
    assert (writes.start, writes.end, writes.others, writes.added) == ("s:1", "s:3", False, [7, 8])
    writes.committed("s:4", "s:5", PostingChanges())  # someone else made s:4
    assert writes.others


def test_a_file_that_is_not_a_resolution_is_remembered_and_not_parsed_again(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real report of the Secretary-General in the folder: skipped with its reason, remembered in the
    store until it changes (a folder of 3,000 real documents parsed its 279 reports on every start)."""
    from reader.core.corpus import parsepool

    report = bundled_copy / "A_71_755.txt"
    shutil.copy(Path(__file__).parent / "fixtures" / "real" / "A_71_755.txt", report)
    first, stats = open_corpus([bundled_copy])
    assert stats.parsed == 5 and len(first.entries) == 5
    assert [path for path, _ in first.skipped] == [str(report)]
    assert first.problems == []
    first.close()

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file known not to be a resolution was parsed again")

    with monkeypatch.context() as m:
        m.setattr(parsepool, "parse_many", no_parsing)
        for _ in range(2):  # from the store's rows, then from the saved listing
            again, stats = open_corpus([bundled_copy])
            assert stats.parsed == 0 and [path for path, _ in again.skipped] == [str(report)]
            again.close()
    parsed: list[str] = []
    real_parse_many = parsepool.parse_many

    def counting(jobs: list[parsepool.ParseJob], workers: int | None = None) -> object:
        parsed.extend(Path(j.path).name for j in jobs)
        return real_parse_many(jobs, workers)

    monkeypatch.setattr(parsepool, "parse_many", counting)
    report.write_text(report.read_text(encoding="utf-8") + "\nAnnex\n", encoding="utf-8")  # it changed
    changed, _ = open_corpus([bundled_copy])
    assert parsed == ["A_71_755.txt"] and [path for path, _ in changed.skipped] == [str(report)]
    changed.close()
    report.unlink()
    gone, _ = open_corpus([bundled_copy])
    assert gone.skipped == []
    with sqlite3.connect(store_path([bundled_copy])) as conn:
        assert conn.execute("SELECT COUNT(*) FROM skipped").fetchone()[0] == 0
    gone.close()


def _postings_equal_the_stored_words(db: Path) -> int:
    """Each word's merged posting list is exactly the paragraphs whose stored words hold it;
    the number of posting segments in the store."""
    with contextlib.closing(reader_connection(db)) as conn:
        conn.execute("BEGIN")
        expected: dict[int, set[int]] = {}
        for pid, blob in conn.execute("SELECT id, ids FROM paragraphs"):
            for tid in set(memoryview(blob).cast("I").tolist()):
                expected.setdefault(tid, set()).add(pid)
        stored = {
            tid: memoryview(blob).cast("I").tolist() for tid, blob in conn.execute("SELECT * FROM postings")
        }
        counts = dict(conn.execute("SELECT term_id, n FROM posting_counts"))
        segments = conn.execute("SELECT COUNT(*) FROM posts").fetchone()[0]
        terms = sorted(stored)
        read = {
            t: ids.tolist()
            for k in range(0, len(terms), 900)
            for t, ids in posting_lists(conn, terms[k : k + 900])
        }
        conn.execute("COMMIT")
    assert read == stored  # the search's own reader gives the view's lists
    assert {t: ids for t, ids in stored.items() if ids} == {t: sorted(p) for t, p in expected.items()}
    assert counts == {t: len(ids) for t, ids in stored.items()}  # counted without merging the segments
    assert all(ids == sorted(set(ids)) for ids in stored.values())
    return int(segments)


def test_posting_segments_of_many_updates_and_batches_give_the_lists_of_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Updates add posting segments and merge them when they pile up; a build of many batches merges
    them at its end. Every state answers as a full scan and holds exactly the lists the words make."""
    folder = _plain_copy(tmp_path / "plain", 60, tmp_path)
    monkeypatch.setattr(sync, "BATCH_FILES", 7)  # a first build of nine batches
    corpus, stats = open_corpus([folder])
    assert stats.added == 60
    db = store_path([folder])
    terms = _postings_equal_the_stored_words(db)
    with contextlib.closing(reader_connection(db)) as conn:
        assert terms == conn.execute("SELECT COUNT(DISTINCT term_id) FROM posts").fetchone()[0]  # merged
        assert not store.pending_merge(conn)
    corpus.close()
    names = sorted(p.name for p in folder.glob("*.txt"))
    for k in range(2 * store.MAX_SEGMENTS + 3):  # one file changed, added or removed per update
        path = folder / names[k % 5]
        if k % 4 == 3:
            path.unlink()
        elif k % 4 == 0 and path.exists():
            text = path.read_text("utf-8").rstrip()
            path.write_text(
                f"{text}\n\n{90 + k}. Decides to remain seized of the matter number {k};\n", "utf-8"
            )
        else:
            shutil.copy2(folder / names[10 + k], folder / f"zz-{k}.txt")
        corpus, stats = open_corpus([folder])
        assert stats.added + stats.updated + stats.removed >= 1
        _postings_equal_the_stored_words(db)
        corpus.close()
    with contextlib.closing(reader_connection(db)) as conn:  # merged as they piled up, never more
        most = conn.execute(
            "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM posts GROUP BY term_id)"
        ).fetchone()
    assert 1 < most[0] <= store.MAX_SEGMENTS + 2
    corpus, _ = open_corpus([folder])
    _same_hits(corpus, folder)
    corpus.close()


def test_a_reference_is_found_without_making_every_entry_and_as_the_made_entries_find_it(
    tmp_path: Path,
) -> None:
    """A store-opened corpus finds a document by id, symbol, lettered symbol or file name without
    making its entries (the reader opens a pair of 100,000 that way), and finds the same entry,
    reading the same document, as once every entry is made."""
    folder = _plain_copy(tmp_path / "plain", 12, tmp_path)
    open_corpus([folder])[0].close()
    made, _ = open_corpus([folder])
    entries = made.entries
    refs = [e.id for e in entries[:4]] + [e.symbol for e in entries[4:8]] + [e.path.name for e in entries[8:]]
    refs += [f"A/RES/{entries[5].symbol}", f" resolution {entries[6].symbol} ", entries[9].path.stem.upper()]
    refs += ["no-such-document", "99999/1"]
    for ref in refs:
        fresh, _ = open_corpus([folder])
        if ref == refs[0]:
            fresh.prepare_lookup()  # (what the reader's worker does: ids found at once after it)
        found = fresh.resolve(ref)
        assert fresh._entries is None, ref  # nothing else made
        assert found == made.resolve(ref), ref
        if found is not None:
            assert fresh.holds(found.id) and fresh.document(ref) == made.document(ref)
            assert fresh._entries is None
        fresh.close()
    assert not made.holds("no-such-document") and made.holds(entries[3].id)
    made.close()


def test_a_first_build_saves_the_word_ids_a_trace_maps(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The opening that builds a store saves every paragraph's word ids beside it: a ``trace`` (which
    reads only its candidates' from SQLite when none are saved, and saves none) and every trace
    after it map them, from the first."""
    corpus, stats = open_corpus([bundled_copy])
    assert stats.parsed == 5
    db = corpus.db_path
    assert db is not None
    docs = list(corpus.documents())
    corpus.close()
    assert_traced_from_saved_snapshot(lambda: CorpusIndex.open(db), PHRASES, docs, monkeypatch)
