"""A large folder listed in another process, and a trace answered from the store while it is listed.

The listing that comes back through the pipe must be the one this process would make (every
file's fields, the problems, the digest the saved listing is checked against), its files made
only when asked for; a listing process that fails leaves the listing to this process. The early
trace must be kept only when the store did not change, and the answer must always be the
trace of the folder as it is now.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from reader.core.corpus import listing_aside
from reader.core.corpus.listing_aside import list_aside
from reader.core.corpus.sources import list_sources
from reader.core.corpus.sync import StoreChanges, listing_path, open_corpus, store_path
from reader.core.search.early import answer_while_checking
from reader.core.search.index import CorpusIndex, open_updated
from reader.core.search.query import Placed
from reader.core.search.trace import trace
from tests.edits import edit_keeping_size

REAL = Path("/work/shared/real/un-documents")
SEEDS = Path(__file__).resolve().parent.parent / "corpus"
NAMES = ("A_RES_76_129.txt", "A_RES_77_153.txt", "A_RES_78_137.txt", "A_HRC_RES_43_11.txt", "A_71_755.txt")
PHRASE = "the 2030 Agenda for Sustainable Development"

linux = pytest.mark.skipif(sys.platform != "linux", reason="the listing is made aside only where fork is")


@pytest.fixture
def folders(tmp_path: Path) -> list[Path]:
    """A folder of real files (one of them no resolution, one a link, one unreadable name) and a
    folder described by its catalogue."""
    plain = tmp_path / "plain"
    plain.mkdir()
    for name in NAMES:
        shutil.copy(REAL / name, plain / name)
    (plain / "linked.txt").symlink_to(plain / NAMES[0])
    (plain / "gone.txt").symlink_to(plain / "nothing-here.txt")  # a problem line
    catalogued = tmp_path / "catalogued"
    shutil.copytree(SEEDS, catalogued)
    return [plain, catalogued]


def _always_aside(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing_aside, "ASIDE_FROM", 0)


def _a_saved_listing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A saved listing (its size is all that is looked at), every folder listed aside."""
    _always_aside(monkeypatch)
    saved = tmp_path / "saved.listing"
    saved.write_bytes(b"x")
    return saved


@linux
def test_a_listing_made_aside_is_the_listing_made_here(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = _a_saved_listing(tmp_path, monkeypatch)
    here = list_sources(folders)
    aside = list_aside(folders, saved)()
    assert aside._sources is None and type(aside).__name__ == "_Sent"  # from the other process
    assert aside.problems == here.problems and any("gone.txt" in p for p in aside.problems)
    assert aside.digest() == here.digest() == aside.columns.digest(here.problems)
    assert [aside.source(k) for k in range(len(here.sources))] == here.sources
    assert aside._sources is None  # one file made at a time
    assert aside.sources == here.sources
    assert {s.folder for s in aside.sources} == set(folders)
    assert all(s.folder is folders[0] or s.folder is folders[1] for s in aside.sources)


@linux
def test_a_listing_process_that_fails_leaves_the_listing_to_this_one(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = _a_saved_listing(tmp_path, monkeypatch)

    def broken(*args: object) -> None:
        raise RuntimeError("the listing process broke")

    monkeypatch.setattr(listing_aside.Listing, "digest", broken)  # (the forked process has it too)
    listing = list_aside(folders, saved)()
    assert type(listing).__name__ == "Listing" and listing.sources == list_sources(folders).sources


def test_a_small_or_new_folder_is_listed_here(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core import forked

    def no_process(*args: object) -> None:
        raise AssertionError("a process was started to list a small folder")

    monkeypatch.setattr(forked, "start", no_process)
    small = tmp_path / "small.listing"
    small.write_bytes(b"x" * 100)
    for saved in (None, tmp_path / "none-yet.listing", small):
        listing = list_aside(folders, saved)()
        assert type(listing).__name__ == "Listing" and listing.sources == list_sources(folders).sources


def _hits(folder: Path, cache: Path) -> list[object]:
    corpus, _ = open_corpus([folder], cache=cache)
    index, _ = open_updated(corpus, cache=cache)
    try:
        return list(index.trace(PHRASE))
    finally:
        index.close()
        corpus.close()


@linux
def test_the_early_trace_is_kept_caught_up_or_asked_again_and_always_the_trace_of_now(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Steps on two folders of real files; after each, the answer must be the full scan's trace of
    the folders as they are: kept while nothing changed, caught up from a changed, added or
    removed file (and from a file whose id changed because another took it), asked again with
    no store to answer from early."""
    _always_aside(monkeypatch)
    first, second = folders[0], tmp_path / "second"
    second.mkdir()
    shutil.copy(REAL / "A_RES_79_197.txt", second / NAMES[1])  # an id the first folder's file takes
    dirs, cache = [first, second], tmp_path / "cache"
    db = store_path(dirs, cache)
    asked: list[CorpusIndex] = []

    def ask(index: CorpusIndex) -> list[Placed]:
        asked.append(index)
        return index.trace_placed(PHRASE)

    def catch_up(index: CorpusIndex, earlier: list[Placed], changes: StoreChanges) -> list[Placed] | None:
        return index.trace_after(earlier, changes.dropped, changes.added, PHRASE)

    def step() -> str:
        listed = list_aside(dirs, listing_path(db))

        def fresh() -> tuple[CorpusIndex, StoreChanges | None]:
            corpus, stats = open_corpus(dirs, cache=cache, listed=listed)
            return open_updated(corpus, cache=cache)[0], stats.changes

        got = answer_while_checking(db, ask, fresh, catch_up)
        got.index.close()
        corpus, stats = open_corpus(dirs, cache=cache)  # the corpus as it is now (nothing to update)
        assert stats.parsed == 0
        assert [h for _, _, h in got.answer] == trace(PHRASE, list(corpus.documents())), got.how
        corpus.close()
        return got.how

    assert step() == "asked" and len(asked) == 1  # no store yet
    assert step() == "kept" and len(asked) == 2  # (asked early, kept)
    path = first / NAMES[1]  # same size, same mtime second: only its content says it changed
    assert PHRASE[4:] in path.read_text(encoding="utf-8")
    edit_keeping_size(path, PHRASE[4:], PHRASE[4:-1] + "x")
    assert step() == "caught up"
    shutil.copy(REAL / "A_RES_76_135.txt", first / "A_RES_76_135.txt")
    assert step() == "caught up"
    (first / NAMES[2]).unlink()
    assert step() == "caught up"
    (first / NAMES[1]).unlink()  # the second folder's file takes the id back: its row is relabelled
    assert step() == "caught up"
    assert len(asked) == 6  # every step asked early once, none asked again


@linux
def test_a_damaged_store_gives_no_early_answer_and_the_right_one(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _always_aside(monkeypatch)
    folder, cache = folders[0], tmp_path / "cache"
    expected = _hits(folder, cache)
    db = store_path([folder], cache)
    db.write_bytes(b"not a store" * 1000)
    listed = list_aside([folder], listing_path(db))

    def fresh() -> tuple[CorpusIndex, StoreChanges | None]:
        corpus, stats = open_corpus([folder], cache=cache, listed=listed)
        return open_updated(corpus, cache=cache)[0], stats.changes

    got = answer_while_checking(db, lambda index: list(index.trace_once(PHRASE)), fresh)
    got.index.close()
    assert got.how == "asked" and got.answer == expected


def test_the_trace_command_answers_early_and_as_before(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``trace`` from the command line, with the folder listed aside: the same JSON as the trace of
    the folder, before and after a file changes."""
    from reader.cli.app import main

    _always_aside(monkeypatch)
    folder = folders[0]
    monkeypatch.setenv("RESOLUTION_READER_CACHE", str(tmp_path / "cache"))
    outputs = []
    for step in range(3):
        if step == 2:
            (folder / NAMES[2]).unlink()
        assert main(["trace", PHRASE, "--corpus", str(folder), "--json", "--quiet"]) == 0
        outputs.append(json.loads(capsys.readouterr().out))
    docs = list(open_corpus([folder], cache=tmp_path / "cache")[0].documents())
    assert outputs[0] == outputs[1] and outputs[2] != outputs[1]
    assert [(h["id"], h["label"], h["score"]) for h in outputs[2]["hits"]] == [
        (h.doc_id, h.label, h.score) for h in trace(PHRASE, docs)
    ]


def test_the_compare_command_over_a_folder_listed_aside(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``compare`` starts the folder's listing before importing the comparer: the same JSON whether
    the folder was listed aside or here, and the same after a file of the folder changed."""
    from reader.cli.app import main

    folder = folders[0]
    left, right = str(folder / NAMES[1]), str(folder / NAMES[2])
    monkeypatch.setenv("RESOLUTION_READER_CACHE", str(tmp_path / "cache"))

    def compared(aside: bool) -> object:
        monkeypatch.setattr(listing_aside, "ASIDE_FROM", 0 if aside else 1 << 60)
        assert main(["compare", left, right, "--corpus", str(folder), "--json", "--quiet"]) == 0
        return json.loads(capsys.readouterr().out)

    here = compared(False)
    assert compared(True) == here
    shutil.copy(REAL / "A_RES_79_197.txt", folder / "A_RES_79_197.txt")  # another "also in"
    after = compared(True)
    assert after != here and after == compared(False)


@linux
def test_an_update_that_adds_most_of_the_corpus_is_traced_again_not_caught_up(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catching up scores the added paragraphs one by one, without trace's bounds: when they are
    most of the corpus (a folder that doubled), the question is asked again instead."""
    from reader.core.search import index as search_index

    _always_aside(monkeypatch)
    monkeypatch.setattr(search_index, "CAUGHT_UP_MOST", 0)
    folder, cache = folders[0], tmp_path / "cache"
    db = store_path([folder], cache)

    def answered() -> tuple[list[Placed], str]:
        listed = list_aside([folder], listing_path(db))

        def fresh() -> tuple[CorpusIndex, StoreChanges | None]:
            corpus, stats = open_corpus([folder], cache=cache, listed=listed)
            return open_updated(corpus, cache=cache)[0], stats.changes

        got = answer_while_checking(
            db,
            lambda index: index.trace_placed(PHRASE),
            fresh,
            lambda index, earlier, changes: index.trace_after(
                earlier, changes.dropped, changes.added, PHRASE
            ),
        )
        got.index.close()
        return got.answer, got.how

    answered()
    for name in ("A_RES_79_197.txt", "A_RES_76_135.txt", "A_RES_78_175.txt", "A_HRC_RES_40_7.txt"):
        shutil.copy(REAL / name, folder / name)
    hits, how = answered()
    assert how == "asked"
    corpus, _ = open_corpus([folder], cache=cache)
    assert [h for _, _, h in hits] == trace(PHRASE, list(corpus.documents()))
    corpus.close()
