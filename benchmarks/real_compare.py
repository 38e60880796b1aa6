"""``compare`` on the real corpus (``../shared/real``): whole commands, every real pair, the hand alignment.

Usage (from the repository root)::

    python -m benchmarks.real_compare                # every table; the in-process row over all 849 pairs
    python -m benchmarks.real_compare --pairs 150    # a fixed sample of the pairs in the in-process row
    python -m benchmarks.real_compare --keep DIR     # keep the real folder's store in DIR between runs

Tables:

1. the whole ``compare --json`` command from a new process, warm (the store built once before), median of
   ``--reps`` runs after a warm-up: real pairs within the whole real folder and in a folder of their own,
   against the bundled seed pair in the same run;
2. every consecutive pair of the real series compared in-process within the whole folder: failures, and
   the time per pair (mean, p95, worst);
3. the alignment against the hand-checked one of nine real pairs (``alignment_eval``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import alignment_eval, commands
from benchmarks.real_pairs import DOCS, sample, series_pairs

# Real pairs timed as whole commands: a long GA pair, an HRC pair, a short GA pair.
COMMAND_PAIRS = (
    ("A_RES_77_153.txt", "A_RES_78_137.txt"),
    ("A_HRC_RES_40_7.txt", "A_HRC_RES_43_11.txt"),
    ("A_RES_76_135.txt", "A_RES_78_175.txt"),
)


def command_table(cache: Path, reps: int) -> str:
    """Each real pair's ``compare`` against the bundled pair's, the runs interleaved (bundled, then
    every real command, ``reps`` rounds after one warm-up round) so that both see the same machine:
    what else runs on it slows a round, not one side of the difference."""
    env = commands.environment(cache)
    commands.run_command(["corpus", "index", "--corpus", str(DOCS), "--quiet"], env)  # the store, once
    rows: list[tuple[str, list[str]]] = [
        ("compare 60/212 62/209 (bundled corpus)", ["compare", "60/212", "62/209", "--json", "--quiet"])
    ]
    with tempfile.TemporaryDirectory() as own:
        for a, b in COMMAND_PAIRS:
            folder = Path(own) / a
            folder.mkdir()
            for name in (a, b):
                shutil.copy(DOCS / name, folder / name)
            for where, corpus, at in (
                ("the whole real folder", DOCS, DOCS),
                ("a folder of the two", folder, folder),
            ):
                args = ["compare", str(at / a), str(at / b), "--corpus", str(corpus), "--json", "--quiet"]
                rows.append((f"compare {a[:-4]} {b[:-4]} ({where})", args))
            commands.run_command(["corpus", "index", "--corpus", str(folder), "--quiet"], env)
        walls: list[list[float]] = [[] for _ in rows]
        peaks = [0] * len(rows)
        for round_ in range(reps + 1):
            for k, (_, args) in enumerate(rows):
                run = commands.run_command(args, env)
                if run.code != 0:
                    raise RuntimeError(f"`{' '.join(args)}` failed: {run.err.strip()[-300:]}")
                if round_:  # the first round warms the caches
                    walls[k].append(run.wall)
                    peaks[k] = max(peaks[k], run.rss)
    lines = [
        "| command | median wall | over bundled (median of the rounds' differences) | peak memory |",
        "| --- | ---: | ---: | ---: |",
    ]
    for k, (what, _) in enumerate(rows):
        over = statistics.median(w - b for w, b in zip(walls[k], walls[0], strict=True))
        lines.append(
            f"| {what} | {statistics.median(walls[k]):.2f} s | {'—' if k == 0 else f'{over:+.2f} s'} | "
            f"{peaks[k] >> 20} MB |"
        )
    return (
        "\n".join(lines) + f"\n\n{reps} interleaved rounds; load average {os.getloadavg()[0]:.1f} at the end."
    )


def pairs_table(cache: Path, n: int | None) -> str:
    os.environ["RESOLUTION_READER_CACHE"] = str(cache)
    from reader.core.compare.comparison import compare
    from reader.core.corpus.sync import open_corpus
    from reader.core.model import CompareOptions
    from reader.core.search.index import open_updated
    from tests.test_real_pairs import assert_complete

    pairs = series_pairs()
    chosen = pairs if n is None else sample(pairs, n)
    corpus, _ = open_corpus([DOCS])
    index, _ = open_updated(corpus)
    index.preload()
    times: list[float] = []
    failed: list[str] = []
    for a, b in chosen:
        started = time.perf_counter()
        try:
            left, right = corpus.load_ref(str(DOCS / a)), corpus.load_ref(str(DOCS / b))
            assert_complete(compare(left, right, CompareOptions(), tracer=index.tracer()))
        except Exception as exc:  # a benchmark names every failure instead of stopping at the first
            failed.append(f"{a} {b}: {type(exc).__name__}: {exc}"[:200])
        times.append(time.perf_counter() - started)
    index.close()
    corpus.close()
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    lines = [
        "| real pairs compared (in-process, whole folder) | failed | mean | p95 | worst |",
        "| ---: | ---: | ---: | ---: | ---: |",
        f"| {len(chosen)} of {len(pairs)} | {len(failed)} | {statistics.mean(times):.2f} s | {p95:.2f} s "
        f"| {times[-1]:.2f} s |",
    ]
    lines += [f"\nfailed: {f}" for f in failed[:20]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--pairs", type=int, default=None, help="a fixed sample of the real pairs (default: all)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the real folder's store in this folder")
    a = ap.parse_args(argv)
    work = a.keep or Path(tempfile.mkdtemp(prefix="real-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print("## compare, whole commands (warm)\n")
        print(command_table(work, a.reps))
        print("\n## every real pair\n")
        print(pairs_table(work, a.pairs))
        print("\n## alignment against the hand-checked real pairs\n")
        print(alignment_eval.table(alignment_eval.evaluate()))
    finally:
        if a.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
