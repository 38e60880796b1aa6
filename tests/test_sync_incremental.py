"""An opened folder brought up to date file by file equals the same folder built from nothing.

Real UN documents are copied into a folder, built once, then changed, added to and removed
from a step at a time. After each step the store (files, their order, paragraphs, postings),
the listing saved beside it and the saved word ids (whole, or whole plus the changes since)
must be what a first build of the folder as it is makes, and a trace from the saved word ids
must find what the full scan finds.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from reader.core.corpus import sync
from reader.core.corpus.collection import Corpus
from reader.core.corpus.store import generation, reader_connection
from reader.core.corpus.sync import open_corpus, store_path
from reader.core.search import query as search_query
from reader.core.search import sidecar
from reader.core.search.index import CorpusIndex
from reader.core.search.query import Snapshot, saved_snapshot
from reader.core.search.trace import trace
from tests.edits import edit_keeping_size

REAL = Path("/work/shared/real/un-documents")
NEW_PARAGRAPH = "Decides to remain seized of the matter of mobile payments for remittances;"


def _real_files() -> list[Path]:
    """Every 40th General Assembly resolution of the real folder, and a report that is no resolution."""
    names = sorted(p for p in REAL.glob("A_RES_*.txt"))
    return [*names[::40], REAL / "A_71_755.txt"]


def _phrases(folder: Path) -> list[str]:
    """Phrases of the folder's own texts (ten words of a few paragraphs), and the paragraph added."""
    docs = list(Corpus.load([folder]).documents())
    out = [NEW_PARAGRAPH]
    for doc in docs[::7]:
        for para in doc.paragraphs[1:3]:
            words = para.text.split()
            if len(words) >= 14:
                out.append(" ".join(words[2:12]))
    return out


def _state(db: Path) -> dict[str, Any]:
    """The store's contents, in terms that do not depend on the ids it gave (rows, paragraphs, words)."""
    with contextlib.closing(reader_connection(db)) as conn:
        conn.execute("BEGIN")
        files = conn.execute(
            "SELECT id, path, part, ord, size, mtime_ns, sha256, meta, doc_id, symbol, year FROM files"
        ).fetchall()
        where = {r[0]: (r[1], r[2]) for r in files}
        terms = dict(conn.execute("SELECT id, term FROM terms").fetchall())
        paras: dict[int, tuple[Any, ...]] = {}
        for pid, fid, idx, label, ids in conn.execute("SELECT id, file_id, idx, label, ids FROM paragraphs"):
            words = tuple(terms[t] for t in np.frombuffer(ids, dtype="<u4").tolist())
            paras[pid] = (where[fid], idx, label, words)
        postings = {}
        for tid, ids in conn.execute("SELECT term_id, ids FROM postings").fetchall():
            found = sorted(paras[p][:2] for p in np.frombuffer(ids, dtype="<u4").tolist())
            if found:
                postings[terms[tid]] = found
        current = generation(conn)
        conn.execute("COMMIT")
    ords = [r[3] for r in sorted(files, key=lambda r: (r[3], r[2]))]
    return {
        "files": sorted(r[1:3] + r[4:] for r in files),
        "order": [(r[1], r[2]) for r in sorted(files, key=lambda r: (r[3], r[2]))],
        "ords increase by file": ords == sorted(ords),
        "paragraphs": sorted(paras.values()),
        "postings": postings,
        "generation": current,
        "by id": paras,
    }


def _listing(db: Path, current: str) -> tuple[Any, Any]:
    known = sync._saved_listing(db, current)
    assert known is not None, "no listing saved for the store as it is"
    saved = known.decode()
    assert saved is not None
    ranks = [row[3] for row in saved.files if not row[5]]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)
    files = [row[:3] + row[4:] for row in saved.files]  # the places may differ; their order may not
    return [saved.docs(k) for k in range(len(files))], files, saved.orders


def _check(
    folder: Path, tmp_path: Path, step: str, monkeypatch: pytest.MonkeyPatch, *, carried: bool = True
) -> str:
    """Bring the store up to date and compare it with a first build of the folder; how the word ids
    were saved (``carried``: they were saved for the state before, so they follow the store)."""
    corpus, _ = open_corpus([folder])
    if not carried:
        with CorpusIndex.for_corpus(corpus) as index:
            index.preload()
    db = store_path([folder])
    state = _state(db)
    scratch_cache = tmp_path / f"scratch-{step}"
    fresh, _ = open_corpus([folder], cache=scratch_cache)
    fresh.close()
    scratch = _state(store_path([folder], scratch_cache))
    for key in ("files", "order", "paragraphs", "postings"):
        assert state[key] == scratch[key], (step, key)
    assert state["ords increase by file"], step
    listed = _listing(store_path([folder], scratch_cache), scratch["generation"])
    assert _listing(db, state["generation"]) == listed, step

    # A new process opening the folder as it is: its entries from the saved listing alone.
    def no_rows(*args: object) -> None:
        raise AssertionError("the store's rows were read for a folder as the listing saved it")

    with monkeypatch.context() as patched:
        patched.setattr(sync, "_read_rows", no_rows)
        again, stats = open_corpus([folder])
    assert again.entries == Corpus.load([folder]).entries and stats.parsed == 0, step
    assert [path for path, _ in again.skipped] == [str(folder / "A_71_755.txt")], step
    again.close()

    # The saved word ids: those of the store's own paragraphs, read whole from SQLite.
    saved = saved_snapshot(db, state["generation"])
    assert saved is not None, step
    with contextlib.closing(reader_connection(db)) as conn:
        conn.execute("BEGIN")
        full = Snapshot.load(conn, state["generation"])
        conn.execute("COMMIT")
    assert saved.terms == full.terms, step
    assert saved.lens.tolist() == full.lens.tolist(), step
    p, q = saved.paragraphs, full.paragraphs
    assert p.count == q.count and p.pids.tolist() == q.pids.tolist(), step
    for k in range(q.count):
        assert p.ids(k) == q.ids(k), (step, k)
    rows = np.arange(q.count, dtype=np.int64)[::3]
    got, want = p.rows(rows), q.rows(rows)
    assert got.pids.tolist() == want.pids.tolist() and got.words.tolist() == want.words.tolist(), step
    assert got.bounds.tolist() == want.bounds.tolist(), step
    assert p.rows_of(q.pids[::2]).tolist() == q.rows_of(q.pids[::2]).tolist(), step
    assert p.words.tolist() == q.words.tolist() and p.bounds.tolist() == q.bounds.tolist(), step

    # A trace in a new process answers from the saved word ids alone, as the full scan does.
    docs = list(Corpus.load([folder]).documents())

    def not_read(*args: object) -> None:
        raise AssertionError("word ids read from SQLite although they are saved for this state")

    with monkeypatch.context() as patched:
        patched.setattr(Snapshot, "load", not_read)
        patched.setattr(Snapshot, "load_some", not_read)
        # The word count's sample of passed paragraphs taken from these saved ids (whole or joined
        # with the changes since) even in a folder this small.
        patched.setattr(search_query, "CHECK_SAMPLE", 2)
        for phrase in _phrases(folder):
            with CorpusIndex.for_corpus(corpus) as index:
                assert index.trace_once(phrase) == trace(phrase, docs), (step, phrase)
    corpus.close()
    whole = sidecar.read(db, "snapshot", [state["generation"]], ("pids",)) is not None
    return "whole" if whole else "changes"


def _append(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(path.read_text(encoding="utf-8").rstrip() + f"\n\n{text}\n", encoding="utf-8")
    os.replace(tmp, path)


def _saved_width(db: Path) -> np.dtype[Any]:
    with contextlib.closing(reader_connection(db)) as conn:
        at = generation(conn)
    whole = sidecar.read(db, "snapshot", [at], ("words",))
    if whole is None:
        delta = sidecar.read(db, "delta", [at], ("words",))
        assert delta is not None
        return np.dtype(delta["words"].dtype)
    return np.dtype(whole["words"].dtype)


@pytest.mark.parametrize("widen", [False, True], ids=["16-bit ids", "ids outgrowing 16 bits"])
def test_changed_added_and_removed_files_leave_the_store_as_a_first_build_makes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, widen: bool
) -> None:
    """Also with the saved word ids' width: 16 bits for these 37 real files; and, where 16 bits are
    made to hold only the words of the first build, the words added later widen the saved ids
    (the changes saved beside them, then the whole) without a trace finding anything else."""
    files = _real_files()
    folder = tmp_path / "corpus"
    folder.mkdir()
    spare = files[-8:-1]  # resolutions added later
    for path in [*files[:-8], files[-1]]:
        shutil.copy2(path, folder / path.name)
    corpus, stats = open_corpus([folder])
    assert stats.parsed > 30 and len(corpus.skipped) >= 1  # the report is skipped, remembered
    with CorpusIndex.for_corpus(corpus) as index:
        index.preload()  # the word ids saved whole, as `corpus index` and the reader do
    corpus.close()
    assert _saved_width(store_path([folder])) == np.uint16
    if widen:
        with contextlib.closing(reader_connection(store_path([folder]))) as conn:
            first = int(conn.execute("SELECT COUNT(*) FROM terms").fetchone()[0])
        wide, narrow = np.dtype(np.uint32), np.dtype(np.uint16)
        monkeypatch.setattr(search_query, "word_dtype", lambda terms: narrow if terms <= first else wide)
    names = sorted(p.name for p in folder.glob("A_RES_*.txt"))
    saved_as: dict[str, str] = {}

    _append(folder / names[len(names) // 2], "99. " + NEW_PARAGRAPH)
    saved_as["one changed"] = _check(folder, tmp_path, "changed", monkeypatch)

    added = spare[0]
    shutil.copy2(added, folder / (names[5][:-4] + "_zz.txt"))  # between two files of the folder
    saved_as["one added"] = _check(folder, tmp_path, "added", monkeypatch)

    (folder / names[7]).unlink()
    saved_as["one removed"] = _check(folder, tmp_path, "removed", monkeypatch)

    # Same size, another text and another mtime: found by its hash.
    same = folder / names[9]
    mtime = same.stat().st_mtime_ns
    edit_keeping_size(same, "Assembly", "Assemblx")
    saved_as["same size"] = _check(folder, tmp_path, "same-size", monkeypatch)

    # Touched only (another mtime, same text), one added first and the last removed.
    os.utime(folder / names[11], ns=(mtime + 2 * 10**9, mtime + 2 * 10**9))
    shutil.copy2(spare[1], folder / "A_RES_0000_first.txt")
    (folder / names[-1]).unlink()
    saved_as["first added, last removed"] = _check(folder, tmp_path, "ends", monkeypatch)

    # Many files changed at once: the changes outgrow their share and the word ids are saved whole.
    for name in names[12:24]:
        _append(folder / name, "98. " + NEW_PARAGRAPH)
    saved_as["many changed"] = _check(folder, tmp_path, "many", monkeypatch)

    _append(folder / names[3], "97. Requests the Secretary-General to report on the matter;")
    saved_as["one more"] = _check(folder, tmp_path, "one-more", monkeypatch)

    # A store numbered by an earlier version (places 0, 1, 2, … and no listing of this version):
    # a file added between two is placed by numbering them all again, once.
    db = store_path([folder])
    with sqlite3.connect(db) as conn:
        order = [r[0] for r in conn.execute("SELECT DISTINCT ord FROM files ORDER BY ord")]
        conn.executemany("UPDATE files SET ord=? WHERE ord=?", [(k, o) for k, o in enumerate(order)])
        conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
    sync.listing_path(db).unlink()
    shutil.copy2(spare[2], folder / (names[14][:-4] + "_zz.txt"))
    _check(folder, tmp_path, "dense", monkeypatch, carried=False)  # another program wrote: not carried
    shutil.copy2(spare[3], folder / (names[16][:-4] + "_zz.txt"))
    _check(folder, tmp_path, "after-dense", monkeypatch)

    assert saved_as["one changed"] == saved_as["one added"] == saved_as["one removed"] == "changes"
    assert saved_as["many changed"] == "whole" and saved_as["one more"] == "changes"
    assert _saved_width(store_path([folder])) == (np.uint32 if widen else np.uint16)


def test_a_plan_from_the_saved_listing_reads_only_the_changed_files_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in _real_files()[:12]:
        shutil.copy2(path, folder / path.name)
    open_corpus([folder])[0].close()
    names = sorted(p.name for p in folder.glob("*.txt"))
    _append(folder / names[4], "99. " + NEW_PARAGRAPH)
    (folder / names[6]).unlink()
    read: list[list[str] | None] = []
    original = sync._read_rows

    def counting(conn: sqlite3.Connection, paths: list[str] | None = None) -> object:
        read.append(None if paths is None else sorted(Path(p).name for p in paths))
        return original(conn, paths)

    monkeypatch.setattr(sync, "_read_rows", counting)
    corpus, stats = open_corpus([folder])
    assert (stats.updated, stats.removed, stats.parsed) == (1, 1, 1)
    assert read == [[names[4]]]
    assert corpus.entries == Corpus.load([folder]).entries
    corpus.close()

    # The saved files damaged (the entries intact): the plan reads every row instead.
    listing = sync.listing_path(store_path([folder]))
    data = bytearray(listing.read_bytes())
    head = int.from_bytes(data[:4], "little")
    data[4 + head + 40] ^= 0xFF  # inside the files' section, the first after the head
    listing.write_bytes(bytes(data))
    _append(folder / names[5], "98. " + NEW_PARAGRAPH)
    corpus, stats = open_corpus([folder])
    assert (stats.updated, stats.parsed) == (1, 1) and read[1:] == [None]
    assert corpus.entries == Corpus.load([folder]).entries
    _ = [corpus.document(e.id) for e in corpus.entries]
    corpus.close()
