"""Benchmark table: linking a series (``history``) against the pair alignments it builds on."""

from __future__ import annotations

import itertools
from functools import partial

from benchmarks import synth
from benchmarks.run import Table, _ms, _time, _x
from reader.core.compare.align import align
from reader.core.history.order import build_history
from reader.core.model import Document

# (documents, paragraphs per document, target ms) from issues 13 and 20 (a long series: bounded, not
# exponential, in its paragraphs).
SERIES_SIZES: tuple[tuple[int, int, float], ...] = ((10, 30, 300.0), (30, 30, 2000.0), (20, 80, 5000.0))


def _consecutive(docs: tuple[Document, ...]) -> int:
    """The baseline: the pair alignment of each document with the next, nothing more."""
    return sum(len(align(a, b).pairs) for a, b in itertools.pairwise(docs))


def bench_history(reps: int, sizes: tuple[tuple[int, int, float], ...] = SERIES_SIZES) -> Table:
    rows = []
    for n_docs, n_paras, target in sizes:
        s = synth.series(n_docs, n_paras, seed=1)
        ours, h = _time(partial(build_history, s.docs), reps)
        base, _ = _time(partial(_consecutive, s.docs), reps)
        restored = sum(1 for lin in h.lineages if lin.restored)
        rows.append(
            [
                f"{n_docs}×{n_paras}",
                str(sum(len(d.paragraphs) for d in s.docs)),
                _ms(ours),
                _ms(base),
                _x(ours, base),
                f"< {target:,.0f}",
                "yes" if ours * 1000 < target else "NO",
                str(len(h.lineages)),
                str(restored),
            ]
        )
    return Table(
        "History of a series: n-way lineage vs consecutive pair alignments",
        ["series (docs × paras)", "paragraphs", "history ms", "pairs only ms", "ratio", "target ms", "met",
         "lineages", "restored"],
        rows,
        [
            f"median of {reps} runs, word caches cleared before each. 'history' = date order, pair "
            "alignment of neighbours, look-back for dropped-and-restored paragraphs, word diff of every "
            "version; 'pairs only' = align() between consecutive documents and nothing else.",
            "Series from benchmarks/synth.py series(): paragraphs kept, reworded, dropped, restored, "
            "moved from the preamble into the operative part, reordered, added.",
        ],
    )  # fmt: skip
