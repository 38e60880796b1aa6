"""Parser speed: ``parse_text`` per document against reading and tokenising the same text.

Usage (from the repository root)::

    python benchmarks/parse_speed.py             # print the table
    python benchmarks/parse_speed.py --docs 200  # fewer synthetic documents

The baseline is the least any reader of the file must do, timed in the same
run on the same text: decode its bytes (``decode_bytes``) and split it into
word tokens (``textnorm.tokens``). Parse time as a multiple of that baseline
can be compared across machines and runs; milliseconds alone cannot. Rows:
each bundled resolution, a sample of synthetic ones (``benchmarks/synth.py``,
the shape of the 10,000-document corpus), and long documents of growing size
with the growth exponent (a parser linear in the text's length gives n^1.0).

``BEFORE`` keeps the figures this script measured on the parser before it was
made fast (commit 51fe494), so a later run still shows what changed.
"""

from __future__ import annotations

import argparse
import gc
import math
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `reader` and `benchmarks` importable
    sys.path.insert(0, str(ROOT))

from benchmarks import synth  # noqa: E402
from reader.core.ingest.decode import decode_bytes  # noqa: E402
from reader.core.ingest.parse import parse_text  # noqa: E402
from reader.core.paths import bundled_corpus_dir  # noqa: E402
from reader.core.textnorm import tokens  # noqa: E402

# CPU time of this process: the machine is shared (other programs' load would show in wall time).
_clock = time.process_time
TITLE = "Parser speed: parse_text against decoding + tokenising the same text"
LONG_SIZES = (100, 400, 1600)

# Parse ms (CPU) and parse/baseline ratio measured by this script on commit 51fe494, the parser
# before the speed work: 2026-11-30 05:15 UTC, the shared 2-core machine at load average 5-7,
# median of three runs alternated with runs of the new parser (benchmarks/results.md).
BEFORE: dict[str, tuple[float, float]] = {
    "seeds (median of the five)": (4.28, 3.6),
    "synthetic, per document": (5.17, 3.3),
    "long 1600 paragraphs": (394.8, 2.8),
}


def _median_time(fn: Callable[[], object], reps: int) -> float:
    times = []
    for _ in range(reps):
        t = _clock()
        fn()
        times.append(_clock() - t)
    return statistics.median(times)


def _baseline(data: bytes) -> None:
    tokens(decode_bytes(data))


def _ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:.2f}" if ms < 10 else f"{ms:.1f}" if ms < 1000 else f"{ms:,.0f}"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}×" if b > 0 else "-"


def _exponent(xs: Sequence[float], ys: Sequence[float]) -> float:
    lx = [math.log(x) for x in xs]
    ly = [math.log(max(y, 1e-12)) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    den = sum((a - mx) ** 2 for a in lx)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / den if den else float("nan")


def _row(name: str, text: str, reps: int) -> tuple[list[str], float, float]:
    data = text.encode("utf-8")
    doc = parse_text(text)
    parse = _median_time(lambda: parse_text(text), reps)
    base = _median_time(lambda: _baseline(data), reps)
    row = [name, f"{len(text):,}", str(len(doc.paragraphs)), _ms(parse), _ms(base), _ratio(parse, base)]
    return row, parse, base


def synthetic_texts(n_docs: int, seed: int = 1) -> list[str]:
    """``n_docs`` documents as benchmarks/synth.py writes them (half hard-wrapped)."""
    texts = []
    for i in range(n_docs):
        doc, _ = synth.make_doc(seed, i)
        _, _, _, meeting = synth._identity(i)
        texts.append(synth.render(doc, meeting, None if i % 2 else 78 + i % 11))
    return texts


def measure(reps: int = 15, n_docs: int = 1000) -> tuple[str, list[str], list[list[str]], list[str]]:
    """The table: title, header, rows, notes (the shape of benchmarks/run.py's Table)."""
    gc.collect()
    header = ["document", "chars", "paragraphs", "parse ms", "baseline ms", "parse/baseline"]
    rows: list[list[str]] = []
    seed_parse: list[float] = []
    seed_ratio: list[float] = []
    for path in sorted(bundled_corpus_dir().iterdir()):
        if path.suffix not in (".txt", ".md"):
            continue
        row, parse, base = _row(path.stem, path.read_text(encoding="utf-8"), reps)
        rows.append(row)
        seed_parse.append(parse)
        seed_ratio.append(parse / base)

    texts = synthetic_texts(n_docs)
    per_doc: list[float] = []
    base_total = 0.0
    for text in texts:
        data = text.encode("utf-8")
        t = _clock()
        parse_text(text)
        per_doc.append(_clock() - t)
        t = _clock()
        _baseline(data)
        base_total += _clock() - t
    parse_mean = statistics.fmean(per_doc)
    base_mean = base_total / len(texts)
    chars = sum(map(len, texts)) // len(texts)
    mean = [_ms(parse_mean), _ms(base_mean), _ratio(parse_mean, base_mean)]
    rows.append([f"synthetic, mean of {n_docs:,}", f"{chars:,}", "", *mean])
    p95 = sorted(per_doc)[int(0.95 * (len(per_doc) - 1))]
    rows.append([f"synthetic, p95 of {n_docs:,}", "", "", _ms(p95), "", ""])

    long_parse: list[float] = []
    long_ratio = 0.0
    for n in LONG_SIZES:
        text, _ = synth.long_pair(n)
        row, parse, base = _row(f"long, {n} paragraphs", text, max(3, reps // 5))
        rows.append(row)
        long_parse.append(parse)
        long_ratio = parse / base
    rows.append(["exponent (long)", "", "", f"n^{_exponent(LONG_SIZES, long_parse):.2f}", "", ""])

    now = {
        "seeds (median of the five)": (statistics.median(seed_parse) * 1000, statistics.median(seed_ratio)),
        "synthetic, per document": (parse_mean * 1000, parse_mean / base_mean),
        f"long {LONG_SIZES[-1]} paragraphs": (long_parse[-1] * 1000, long_ratio),
    }
    changes = "; ".join(
        f"{k}: {before[0]:.2f} ms ({before[1]:.1f}× baseline) -> {now[k][0]:.2f} ms ({now[k][1]:.1f}×)"
        for k, before in BEFORE.items()
        if k in now
    )
    notes = [
        f"CPU time of the process (time.process_time); parse ms: median of {reps} runs (long documents: "
        f"{max(3, reps // 5)}); synthetic: each document parsed once, in the shape of "
        f"benchmarks/synth.py; 10,000 such documents: {parse_mean * 10_000:.0f} s of parsing on one core.",
        "baseline: decode_bytes + textnorm.tokens of the same text in the same run (reading and "
        "tokenising, the least any reader does); parse/baseline compares across machines and loads.",
        f"before the speed work (commit 51fe494, recorded 2026-11-30) -> this run: {changes}.",
        "Target (issue 11): <= 2 ms for a seed-sized document.",
    ]
    return TITLE, header, rows, notes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=TITLE)
    parser.add_argument("--reps", type=int, default=15, help="runs per document (median)")
    parser.add_argument("--docs", type=int, default=1000, help="synthetic documents")
    args = parser.parse_args(argv)
    title, header, rows, notes = measure(args.reps, args.docs)
    print(f"### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
