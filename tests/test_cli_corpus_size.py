"""The command line at corpus size: lazy start-up, progress, and faults (kill, two programs, bad folders)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from benchmarks import synth
from reader.core.corpus.collection import Corpus
from reader.core.corpus.store import pending_merge
from reader.core.corpus.sync import store_path
from reader.core.paths import bundled_corpus_dir
from reader.core.search.trace import trace

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("numpy", "rapidfuzz", "reader.core.search.index", "reader.core.search.query", "PySide6")


def _env(cache: Path) -> dict[str, str]:
    return dict(os.environ, RESOLUTION_READER_CACHE=str(cache))


def run(cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=_env(cache),
        cwd=ROOT,
        timeout=300,
        check=False,
    )


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    """40 synthetic resolutions as plain text files (no catalogue)."""
    return synth.generate(40, seed=5, out_dir=tmp_path / "synth").copy_texts(tmp_path / "plain")


@pytest.mark.parametrize(
    "args", [["--help"], ["corpus", "list"], ["parse", "60/212"], ["parse", "60/212", "--json"]]
)
def test_listing_and_parsing_do_not_import_the_index(tmp_path: Path, args: list[str]) -> None:
    """Once the store holds the corpus (a first build imports numpy to write the word postings)."""
    assert run(tmp_path, "corpus", "list").returncode == 0
    code = textwrap.dedent(
        f"""
        import atexit, io, json, sys
        atexit.register(lambda: print(json.dumps(sorted(
            m for m in sys.modules if m.split(".")[0] in ("numpy", "rapidfuzz", "PySide6")
            or m in ("reader.core.search.index", "reader.core.search.query")))))
        sys.stdout = io.StringIO()  # the command's own output
        from reader.cli import main
        try:
            main({args!r})
        finally:
            sys.stdout = sys.__stdout__
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
        check=False,
    )
    imported = json.loads(proc.stdout.strip().splitlines()[-1])
    assert imported == [], imported
    assert all(not any(m == h or m.startswith(h + ".") for h in HEAVY) for m in imported)


def test_trace_does_import_the_index(tmp_path: Path) -> None:
    proc = run(tmp_path, "trace", "South-South cooperation", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["hits"]


def test_progress_is_one_summary_line_off_a_terminal_and_quiet_silences_it(
    tmp_path: Path, plain: Path
) -> None:
    first = run(tmp_path / "c1", "corpus", "list", "--corpus", str(plain))
    assert first.returncode == 0, first.stderr
    lines = first.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Reading the corpus: parsed 40 new or changed files in ")
    assert len(first.stdout.splitlines()) == 40
    again = run(tmp_path / "c1", "corpus", "list", "--corpus", str(plain))
    assert again.returncode == 0 and again.stderr == ""  # nothing parsed, nothing said
    quiet = run(tmp_path / "c2", "trace", "South-South cooperation", "--corpus", str(plain), "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_a_killed_first_build_keeps_whole_batches_and_the_next_run_finishes(
    tmp_path: Path, plain: Path
) -> None:
    cache = tmp_path / "cache"
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from reader.core.corpus import sync
        sync.BATCH_FILES = 10

        def progress(done, total):
            if done == 25:
                os.kill(os.getpid(), signal.SIGKILL)  # as a user's kill -9, mid-batch
            return True

        sync.open_corpus([Path({str(plain)!r})], progress=progress, workers=1)
        """
    )
    killed = subprocess.run(
        [sys.executable, "-c", script],
        env=_env(cache),
        cwd=ROOT,
        timeout=120,
        check=False,
        capture_output=True,
    )
    assert killed.returncode == -9
    db = store_path([plain], cache)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 20  # two whole batches
        assert pending_merge(conn)  # its posting segments, left to merge
    proc = run(cache, "corpus", "index", "--corpus", str(plain))
    assert proc.returncode == 0, proc.stderr
    assert "parsed 20 new or changed files" in proc.stderr  # what was missing, not everything
    with sqlite3.connect(db) as conn:
        assert not pending_merge(conn)
        segments, words = conn.execute("SELECT COUNT(*), COUNT(DISTINCT term_id) FROM posts").fetchone()
        assert segments == words  # one segment a word
    _trace_matches_full_scan(cache, plain)


def test_two_programs_updating_one_store_at_once(tmp_path: Path, plain: Path) -> None:
    cache = tmp_path / "cache"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "reader", "corpus", "index", "--corpus", str(plain)],
            env=_env(cache),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert "Traceback" not in err
    with sqlite3.connect(store_path([plain], cache)) as conn:
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT path) FROM files").fetchone() == (40, 40)
    _trace_matches_full_scan(cache, plain)


def test_a_folder_that_vanished_between_runs_is_one_sentence(tmp_path: Path, plain: Path) -> None:
    cache = tmp_path / "cache"
    assert run(cache, "corpus", "index", "--corpus", str(plain)).returncode == 0
    shutil.rmtree(plain)
    proc = run(cache, "trace", "South-South cooperation", "--corpus", str(plain))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"error: {plain}: is not a folder"


def test_an_unusable_cache_folder_is_one_warning_and_correct_results(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    proc = run(blocker / "cache", "trace", "not as a substitute for but rather as a complement to", "--json")
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "kept in memory" in warnings[0]
    hits = json.loads(proc.stdout)["hits"]
    assert {h["symbol"] for h in hits} == {"57/263", "60/212", "62/209"}


def _trace_matches_full_scan(cache: Path, folder: Path) -> None:
    docs = list(Corpus.load([folder]).documents())
    for planted in synth.PLANTED_PHRASES:  # the first planted phrase this small corpus holds
        phrase = synth.query_of(planted)
        expected = [(h.symbol, h.label, round(h.score, 1)) for h in trace(phrase, docs)]
        if expected:
            break
    assert expected
    proc = run(cache, "trace", phrase, "--corpus", str(folder), "--json")
    assert proc.returncode == 0, proc.stderr
    got = [(h["symbol"], h["label"], round(h["score"], 1)) for h in json.loads(proc.stdout)["hits"]]
    assert got == expected


def test_bundled_corpus_is_opened_from_the_store(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert run(cache, "corpus", "list").returncode == 0
    assert store_path([bundled_corpus_dir()], cache).is_file()
