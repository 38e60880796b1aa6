"""How fast ``find`` answers: the whole command from a new process, and the query at scale.

1. Whole command: ``python -m reader find TEXT --quiet`` from a new process (median of
   ``--runs``), on the bundled corpus and on ``shared/real`` (3,039 files), both with their
   store and find index already built (a first run builds them and is not counted). The
   issue's target: the real corpus within 0.5 s of the bundled one.
2. Query at scale: the families of ``shared/real`` copied ``--scale`` times with words
   changed (each copy a different wording, a random year), indexed by ``FindIndex.build``
   in a temporary folder, then every evaluation query run through ``find`` (retrieval,
   rerank, diffs of the ten shown): median and p95 per query, and the same for the prefixes
   a drafter types (what the reader's panel searches at each pause). The real corpus has
   about 31 families per document, so ``--scale 37`` is about 100,000 documents.

    python benchmarks/find_speed.py [--runs 5] [--scale 37] [--skip-scale]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.find_eval import REAL, load_items  # noqa: E402
from reader.core.corpus.store import reader_connection  # noqa: E402
from reader.core.corpus.sync import open_corpus  # noqa: E402
from reader.core.find.engine import Family, FindIndex, Occurrence, family_id, read_families  # noqa: E402
from reader.core.find.finder import find  # noqa: E402

QUERY = "encourage Member States to strengthen the participation of women in peace processes"


def command_seconds(argv: list[str], runs: int) -> list[float]:
    cmd = [sys.executable, "-m", "reader", "find", QUERY, "--quiet", *argv]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)  # builds what is missing
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def synthetic(fams: list[Family], scale: int, seed: int = 22) -> Iterator[Family]:
    """``scale`` wordings per real family: the original, then copies with about one word in six changed."""
    rng = random.Random(seed)
    vocab = [w for f in fams[:5000] for w in f.text.split()]
    for k in range(scale):
        for f in fams:
            if k == 0:
                yield f
                continue
            words = f.text.split()
            for _ in range(max(1, len(words) // 6)):
                words[rng.randrange(len(words))] = rng.choice(vocab)
            text = " ".join(words)
            year = rng.randint(1990, 2025)
            occ = Occurrence(f"synth-{k}-{f.fid}", "", year, str(year), "General Assembly", "OP1")
            yield Family(family_id(f"{k}:{text}"), text, (occ,))


def query_ms(index: FindIndex, queries: list[str]) -> tuple[float, float]:
    times = []
    for q in queries:
        started = time.perf_counter()
        find(index, q)
        times.append(time.perf_counter() - started)
    times.sort()
    return statistics.median(times) * 1000, times[int(0.95 * (len(times) - 1))] * 1000


def prefixes(queries: list[str]) -> list[str]:
    """What the panel searches while a query is typed: every third word boundary."""
    out = []
    for q in queries:
        words = q.split()
        out += [" ".join(words[:n]) for n in range(3, len(words) + 1, 3)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scale", type=int, default=37)
    ap.add_argument("--skip-scale", action="store_true")
    ap.add_argument("--skip-command", action="store_true")
    args = ap.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    if not args.skip_command:
        bundled = command_seconds([], args.runs)
        real = command_seconds(["--corpus", str(REAL)], args.runs)
        print()
        print("| whole command (new process) | median s | min s | max s |")
        print("|---|---:|---:|---:|")
        for name, t in (
            ("find, bundled corpus (5 files)", bundled),
            ("find, shared/real (3,039 files)", real),
        ):
            print(f"| {name} | {statistics.median(t):.2f} | {min(t):.2f} | {max(t):.2f} |")
        gap = statistics.median(real) - statistics.median(bundled)
        print(f"\nreal - bundled: {gap:+.2f} s (target < +0.50 s)")
    if args.skip_scale:
        return 0
    corpus, _ = open_corpus([REAL])
    assert corpus.db_path is not None
    with contextlib.closing(reader_connection(corpus.db_path)) as conn:  # with the store's views
        fams = list(read_families(conn))
    corpus.close()
    queries = [i["query"] for i in load_items()]
    typed = prefixes(queries)
    print()
    print("| families | documents (≈) | build s | query median ms | p95 ms | typing median ms | p95 ms |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for scale in sorted({1, max(1, round(10_000 / 2761)), args.scale}):
        work = Path(tempfile.mkdtemp(prefix="find-speed-"))
        try:
            started = time.perf_counter()
            index = FindIndex.build(synthetic(fams, scale), work / "index")
            build = time.perf_counter() - started
            find(index, "warm up")
            q_med, q_p95 = query_ms(index, queries)
            t_med, t_p95 = query_ms(index, typed)
            docs = round(index.families / (len(fams) / 2761))
            print(
                f"| {index.families:,} | {docs:,} | {build:.0f} | {q_med:.1f} | {q_p95:.1f} "
                f"| {t_med:.1f} | {t_p95:.1f} |",
                flush=True,
            )
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
