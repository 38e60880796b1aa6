"""Benchmarks: every table measures the reader against a baseline in the same run.

Usage (from the repository root)::

    python benchmarks/run.py                 # full run; writes benchmarks/results.md
    python benchmarks/run.py --quick         # small sizes, a minute or less
    python benchmarks/run.py --sizes 50,100,200 --docs 1000

Tables:

1. align + diff + shared phrases for the seed pairs, against a difflib
   ``SequenceMatcher`` paragraph aligner with difflib word diffs;
2. two long documents (50-800 paragraphs): time and peak memory per size and the
   growth exponent fitted on a log-log scale, for both;
3. trace over synthetic corpora: index build time and size, query median and
   p95 over the planted phrases, against the full scan (``trace.trace`` over
   every paragraph, documents already parsed) and a plain rapidfuzz
   ``partial_ratio`` scan, with the recall of the planted phrases for each;
4. the reader window opening a pair until painted (offscreen Qt), and the HTML
   report against ``difflib.HtmlDiff().make_file`` on the same pair;
5. parser speed (benchmarks/parse_speed.py): parse_text per document against
   decoding and tokenising the same text.
6. whole commands from a new process (``benchmarks/commands.py``) on folders of
   plain files, each against the same command on the bundled corpus: first
   build of the store, warm ``trace``, ``corpus list``, ``parse``, ``gui --smoke``,
   and ``trace`` right after one file changed, added or removed.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `reader` and `benchmarks` importable
    sys.path.insert(0, str(ROOT))

from benchmarks import commands, parse_speed, synth  # noqa: E402
from reader.core.atomic import atomic_write_text  # noqa: E402
from reader.core.compare.comparison import compare  # noqa: E402
from reader.core.corpus.collection import Corpus  # noqa: E402
from reader.core.ingest.parse import parse_text  # noqa: E402
from reader.core.model import CompareOptions, Comparison, Document  # noqa: E402
from reader.core.textnorm import words  # noqa: E402

SEED_PAIRS = (("60/212", "62/209"), ("57/263", "60/212"), ("591(XXIX)", "620(XXXI)"))
# A phrase of mostly common words: it makes the index check windows over every word (numpy pass).
COMMON_WORD_PHRASE = (
    "the need for the international community to support the efforts of the developing countries"
)


# --------------------------------------------------------------------------- tables


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]
    notes: list[str]

    def text(self) -> str:
        """Plain text with aligned columns (numbers right-aligned)."""
        widths = [max(len(r[i]) for r in [self.header, *self.rows]) for i in range(len(self.header))]

        def line(cells: list[str]) -> str:
            out = []
            for i, c in enumerate(cells):
                numeric = i > 0 and _numeric(c)
                out.append(c.rjust(widths[i]) if numeric else c.ljust(widths[i]))
            return "  ".join(out).rstrip()

        rule = "  ".join("-" * w for w in widths)
        body = [self.title, "=" * len(self.title), line(self.header), rule, *(line(r) for r in self.rows)]
        return "\n".join(body + [f"  {n}" for n in self.notes]) + "\n"

    def markdown(self) -> str:
        out = [f"### {self.title}", "", "| " + " | ".join(self.header) + " |"]
        out.append(
            "|"
            + "|".join("---:" if i and self._numeric_col(i) else "---" for i in range(len(self.header)))
            + "|"
        )
        out += ["| " + " | ".join(r) + " |" for r in self.rows]
        if self.notes:
            out += [""] + [f"- {n}" for n in self.notes]
        return "\n".join(out) + "\n"

    def _numeric_col(self, i: int) -> bool:
        return all(_numeric(r[i]) for r in self.rows if r[i] not in ("", "-"))


def _numeric(cell: str) -> bool:
    c = cell.replace(",", "").replace("×", "").replace("%", "").replace("ms", "").replace("MB", "").strip()
    try:
        float(c.split()[0] if c else "x")
        return True
    except ValueError:
        return False


def _ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:.2f}" if ms < 10 else f"{ms:.1f}" if ms < 1000 else f"{ms:,.0f}"


def _mb(n_bytes: float) -> str:
    return f"{n_bytes / 1e6:.1f}"


def _x(a: float, b: float) -> str:
    return f"{a / b:.1f}×" if b > 0 else "-"


def _p95(values: Sequence[float]) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, math.ceil(0.95 * len(s)) - 1)]


def _fit_exponent(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Least-squares slope of log y against log x: y ~ x^k."""
    lx = [math.log(x) for x in xs]
    ly = [math.log(max(y, 1e-12)) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    den = sum((a - mx) ** 2 for a in lx)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / den if den else float("nan")


def _clear_word_caches() -> None:
    """Forget memoised tokens so a timing includes the tokenising a fresh comparison pays."""
    from reader.core import wordcache

    for name in dir(wordcache):
        fn = getattr(wordcache, name)
        if hasattr(fn, "cache_clear"):
            fn.cache_clear()


def _time(fn: Callable[[], Any], reps: int, *, cold: bool = True) -> tuple[float, Any]:
    """Median wall time of ``fn`` over ``reps`` runs (word caches cleared first when ``cold``)."""
    times = []
    result = None
    for _ in range(reps):
        if cold:
            _clear_word_caches()
        gc.collect()
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def _peak_memory(fn: Callable[[], Any]) -> int:
    _clear_word_caches()
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --------------------------------------------------------------------------- the difflib baseline


@dataclass
class DifflibResult:
    pairs: list[tuple[list[int], list[int]]]
    diffs: list[list[tuple[Any, int, int, int, int]]]
    shared: list[tuple[int, int, int]]


def difflib_compare(left: Document, right: Document) -> DifflibResult:
    """The obvious standard-library approach: align paragraphs, diff words, find common runs.

    Paragraphs: ``SequenceMatcher`` over the paragraph texts; inside a replaced
    block each left paragraph takes the most similar unused right paragraph
    (ratio >= 0.5). Words: ``SequenceMatcher`` opcodes per pair. Shared
    phrases: matching blocks of at least five words over the whole texts.
    """
    lt = [p.text for p in left.paragraphs]
    rt = [p.text for p in right.paragraphs]
    lw = [words(t) for t in lt]
    rw = [words(t) for t in rt]
    pairs: list[tuple[list[int], list[int]]] = []
    sm = difflib.SequenceMatcher(None, lt, rt, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            pairs += [([i1 + k], [j1 + k]) for k in range(i2 - i1)]
            continue
        free = set(range(j1, j2))
        for i in range(i1, i2):
            best, best_j = 0.0, -1
            for j in free:
                m = difflib.SequenceMatcher(None, lw[i], rw[j], autojunk=False)
                if m.real_quick_ratio() >= 0.5 and m.quick_ratio() >= 0.5 and (r := m.ratio()) > best:
                    best, best_j = r, j
            if best >= 0.5:
                free.discard(best_j)
                pairs.append(([i], [best_j]))
            else:
                pairs.append(([i], []))
        pairs += [([], [j]) for j in sorted(free)]
    diffs = []
    for li, ri in pairs:
        a = [w for i in li for w in lw[i]]
        b = [w for j in ri for w in rw[j]]
        diffs.append(difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
    all_l = [w for ws in lw for w in ws]
    all_r = [w for ws in rw for w in ws]
    blocks = difflib.SequenceMatcher(None, all_l, all_r, autojunk=False).get_matching_blocks()
    shared = [(b.a, b.b, b.size) for b in blocks if b.size >= 5]
    return DifflibResult(pairs, diffs, shared)


# --------------------------------------------------------------------------- 1. seed pairs


def bench_seed_pairs(reps: int) -> Table:
    corpus = Corpus.bundled()
    rows = []
    for a, b in SEED_PAIRS:
        left, right = corpus.load_ref(a), corpus.load_ref(b)
        cold, c = _time(partial(compare, left, right, CompareOptions()), reps)
        warm, _ = _time(partial(compare, left, right, CompareOptions()), reps, cold=False)
        base, d = _time(partial(difflib_compare, left, right), reps)
        matched = sum(1 for p in c.alignment.pairs if p.left and p.right)
        moved = sum(1 for p in c.alignment.pairs if p.kind == "moved")
        d_matched = sum(1 for li, ri in d.pairs if li and ri)
        rows.append(
            [
                f"{a} ↔ {b}",
                f"{len(left.paragraphs)}/{len(right.paragraphs)}",
                _ms(cold),
                _ms(warm),
                str(matched),
                str(moved),
                str(len(c.shared_phrases)),
                _ms(base),
                str(d_matched),
                str(len(d.shared)),
            ]
        )
    return Table(
        "Seed pairs: align + word diff + shared phrases",
        ["pair", "paras L/R", "ours ms", "ours warm ms", "paired", "moved", "phrases",
         "difflib ms", "difflib paired", "difflib runs"],
        rows,
        [
            f"median of {reps} runs; 'ours' clears the word caches before each run (a fresh comparison), "
            "'warm' keeps them (the GUI re-comparing at another threshold). Target: < 20 ms per pair.",
            "difflib: SequenceMatcher over paragraphs, best-ratio pairing inside replaced blocks, "
            "SequenceMatcher word opcodes per pair, matching blocks of >= 5 words as shared runs. "
            "It finds no moves and no split/merged paragraphs.",
        ],
    )  # fmt: skip


# --------------------------------------------------------------------------- 2. long documents


def bench_long(sizes: Sequence[int], reps: int) -> Table:
    rows = []
    ours_t: list[float] = []
    base_t: list[float] = []
    ours_m: list[float] = []
    base_m: list[float] = []
    for n in sizes:
        lt, rt = synth.long_pair(n, seed=1)
        left, right = parse_text(lt, doc_id="long-left"), parse_text(rt, doc_id="long-right")
        t, c = _time(partial(compare, left, right, CompareOptions()), reps)
        m = _peak_memory(partial(compare, left, right, CompareOptions()))
        bt, _ = _time(partial(difflib_compare, left, right), reps)
        bm = _peak_memory(partial(difflib_compare, left, right))
        ours_t.append(t)
        base_t.append(bt)
        ours_m.append(m)
        base_m.append(bm)
        rows.append(
            [
                str(n),
                f"{len(left.paragraphs)}/{len(right.paragraphs)}",
                _ms(t),
                _mb(m),
                str(len(c.alignment.pairs)),
                _ms(bt),
                _mb(bm),
                _x(bt, t),
            ]
        )
    xs = [float(n) for n in sizes]
    rows.append(
        [
            "exponent",
            "",
            f"n^{_fit_exponent(xs, ours_t):.2f}",
            f"n^{_fit_exponent(xs, ours_m):.2f}",
            "",
            f"n^{_fit_exponent(xs, base_t):.2f}",
            f"n^{_fit_exponent(xs, base_m):.2f}",
            "",
        ]
    )
    return Table(
        "Long documents: time and peak memory by size",
        [
            "paragraphs",
            "paras L/R",
            "ours ms",
            "ours MB",
            "pairs",
            "difflib ms",
            "difflib MB",
            "difflib/ours",
        ],
        rows,
        [
            "two versions of one synthetic resolution (benchmarks/synth.py long_pair); "
            f"time: median of {reps} cold runs; memory: tracemalloc peak in a separate run; "
            "exponent: log-log least squares over the sizes.",
        ],
    )


# --------------------------------------------------------------------------- 3. trace at scale


def bench_trace(n_docs: Sequence[int], work: Path, seed: int, max_queries: int) -> Table:
    from rapidfuzz import fuzz, process

    from reader.core.search.index import CorpusIndex
    from reader.core.search.trace import DEFAULT_TRACE_SCORE, normalize_phrase, trace

    rows = []
    notes = []
    for n in n_docs:
        t = time.perf_counter()
        generated = synth.generate(n, seed=seed, out_dir=work)
        gen_s = time.perf_counter() - t
        corpus = Corpus.load([generated.folder])
        db = work / f"index-{seed}-{n}.sqlite3"
        for p in db.parent.glob(db.name + "*"):
            p.unlink()
        plantings = [p for p in generated.planted if p.where][:max_queries]
        truth = [{(d, lab) for d, lab, _ in p.where} for p in plantings]
        with CorpusIndex.open(db) as index:
            stats = index.update(corpus)
            # The index first, in the state a program using it is in: no parsed corpus in memory (the
            # full scan below needs every document parsed, a heap that slows everything in the process).
            # Untimed first queries, so the median pays no one-off warm-up; reported below.
            t = time.perf_counter()
            index.trace(synth.query_of(synth.PLANTED_PHRASES[0]))
            first_query = time.perf_counter() - t
            t = time.perf_counter()
            common_hits = len(index.trace(COMMON_WORD_PHRASE))
            common_query = time.perf_counter() - t
            idx_t, idx_hits = [], []
            for k, planting in enumerate(plantings):
                print(f"  trace, {n:,} docs: index query {k + 1}/{len(plantings)}", end="\r", file=sys.stderr)
                t = time.perf_counter()
                idx_hits.append(index.trace(planting.phrase))
                idx_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        docs = list(corpus.documents())
        parse_s = time.perf_counter() - t
        full_t, rf_t = [], []
        idx_found = full_found = rf_found = 0
        same = 0
        texts = [(d.id, p.label, " ".join(words(p.text))) for d in docs for p in d.paragraphs]
        norms = [x[2] for x in texts]
        warm = normalize_phrase(COMMON_WORD_PHRASE)  # untimed: trace's word caches, rapidfuzz's first call
        trace(warm, docs)
        process.extract(warm, norms, scorer=fuzz.partial_ratio, score_cutoff=DEFAULT_TRACE_SCORE, limit=None)
        for k, (planting, want, hits) in enumerate(zip(plantings, truth, idx_hits, strict=True)):
            print(
                f"  trace, {n:,} docs: scan query {k + 1}/{len(plantings)}",
                end="\r",
                file=sys.stderr,
                flush=True,
            )
            t = time.perf_counter()
            full = trace(planting.phrase, docs)
            full_t.append(time.perf_counter() - t)
            q = normalize_phrase(planting.phrase)
            t = time.perf_counter()
            rf = process.extract(
                q, norms, scorer=fuzz.partial_ratio, score_cutoff=DEFAULT_TRACE_SCORE, limit=None
            )
            rf_t.append(time.perf_counter() - t)
            same += hits == full
            idx_found += len(want & {(h.doc_id, h.label) for h in hits})
            full_found += len(want & {(h.doc_id, h.label) for h in full})
            rf_found += len(want & {(texts[k][0], texts[k][1]) for _, _, k in rf})
        total = sum(len(w) for w in truth)
        paragraphs = stats.paragraphs
        med_i, med_f, med_r = statistics.median(idx_t), statistics.median(full_t), statistics.median(rf_t)
        size = [f"{n:,}", f"{paragraphs:,}"]
        rows.append([*size, "index", _ms(med_i), _ms(_p95(idx_t)), f"{idx_found / total:.1%}",
                     "1.0×", f"{stats.seconds:.1f} s", _mb(stats.db_bytes)])  # fmt: skip
        rows.append([*size, "full scan (trace)", _ms(med_f), _ms(_p95(full_t)), f"{full_found / total:.1%}",
                     _x(med_f, med_i), f"parse {parse_s:.1f} s", "-"])  # fmt: skip
        rows.append([*size, "rapidfuzz partial_ratio scan", _ms(med_r), _ms(_p95(rf_t)),
                     f"{rf_found / total:.1%}", _x(med_r, med_i), "", "-"])  # fmt: skip
        notes.append(
            f"{n:,} docs: {len(plantings)} planted phrases as queries, {total} planted places; "
            f"index hits identical to the full scan for {same}/{len(plantings)} queries; "
            f"corpus generated/loaded in {gen_s:.1f} s; "
            f"the index's first query after opening took {first_query:.2f} s (it loads the corpus's word "
            f"ids into memory); a phrase of common words ('{COMMON_WORD_PHRASE[:40]}…', "
            f"{common_hits:,} hits) took {common_query:.2f} s."
        )
    notes += [
        "build: first full index build (parsing every file) into an empty SQLite file; "
        "size: the file on disk.",
        "index: every query timed before the corpus is parsed for the scans, as in a program that uses the "
        "index (ten thousand parsed documents in the same process slow every allocation in it).",
        "full scan: reader.core.search.trace.trace over every paragraph of the already parsed documents "
        "(parse time shown once, paid by every run without an index); speed-up columns are scan time / "
        "index time.",
        "rapidfuzz scan: process.extract(partial_ratio, score_cutoff=80) over every paragraph's normalised "
        "words; character similarity only, so it reports other hits than trace (recall shown).",
        "Targets: < 100 ms per query at 10,000 documents and >= 50× the brute-force scan.",
    ]
    return Table(
        "Trace over a synthetic corpus",
        ["docs", "paragraphs", "method", "median ms", "p95 ms", "recall", "speed-up", "build", "size MB"],
        rows,
        notes,
    )


# --------------------------------------------------------------------------- 4. GUI and HTML


def _pair_comparison(a: str, b: str) -> Comparison:
    corpus = Corpus.bundled()
    return compare(corpus.load_ref(a), corpus.load_ref(b), CompareOptions())


def bench_html(reps: int) -> list[list[str]]:
    from reader.core.report import render_html

    rows = []
    for a, b in SEED_PAIRS[:1]:
        c = _pair_comparison(a, b)
        t, page = _time(partial(render_html, c), reps)
        left_lines = [f"{p.label} {p.text}" for p in c.left.paragraphs]
        right_lines = [f"{p.label} {p.text}" for p in c.right.paragraphs]
        bt, base = _time(partial(difflib.HtmlDiff(wrapcolumn=80).make_file, left_lines, right_lines), reps)
        rows.append([f"HTML report {a} ↔ {b}", _ms(t), f"{len(page) / 1000:.0f} kB",
                     "difflib.HtmlDiff().make_file", _ms(bt), f"{len(base) / 1000:.0f} kB"])  # fmt: skip
    return rows


def gui_probe() -> dict[str, float]:
    """Open the reader window on a seed pair offscreen and time it until painted (run in a child)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from reader.gui.main_window import MainWindow
    from reader.gui.settings import AppSettings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    t_import = time.perf_counter() - t0
    times = []
    for _ in range(3):
        t = time.perf_counter()
        window = MainWindow(AppSettings(), left=SEED_PAIRS[0][0], right=SEED_PAIRS[0][1], persist=False)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        image = window.grab()
        times.append(time.perf_counter() - t)
        if window.comparison is None or image.isNull():
            raise RuntimeError("the window did not show the pair")
        window.close()
        window.deleteLater()
        app.processEvents()
    return {"import": t_import, "first": times[0], "median": statistics.median(times)}


def bench_gui_and_html(reps: int) -> Table:
    rows: list[list[str]] = []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--gui-probe"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    wall = time.perf_counter() - t
    if proc.returncode == 0:
        probe = json.loads(proc.stdout.strip().splitlines()[-1])
        pair = f"{SEED_PAIRS[0][0]} ↔ {SEED_PAIRS[0][1]}"
        rows.append([f"reader window {pair}, first open", _ms(probe["first"]), "", "", "", ""])
        rows.append([f"reader window {pair}, next opens", _ms(probe["median"]), "", "", "", ""])
        rows.append(["new process: Qt + reader imports", _ms(probe["import"]), "", "", "", ""])
        rows.append(["new process: start to exit (3 opens)", _ms(wall), "", "", "", ""])
    else:
        rows.append(
            [
                "reader window",
                "failed",
                proc.stderr.strip().splitlines()[-1][:60] if proc.stderr else "",
                "",
                "",
                "",
            ]
        )
    rows += bench_html(reps)
    return Table(
        "Reader window and HTML report",
        ["what", "ours ms", "size", "baseline", "baseline ms", "baseline size"],
        rows,
        [
            "window: MainWindow built on the pair, shown at 1280×800 offscreen, events processed and grabbed "
            "(painted); includes parsing, comparing and laying out both documents.",
            f"HTML: render_html of the comparison (median of {reps}) "
            "vs difflib.HtmlDiff on the same paragraphs.",
        ],
    )


# --------------------------------------------------------------------------- whole commands


def bench_commands(
    n_docs: Sequence[int],
    work: Path,
    seed: int,
    reps: int,
    *,
    keep_stores: bool = False,
    skip: frozenset[str] = frozenset(),
) -> Table:
    """Every command a user waits for, new process each time, against the bundled corpus.

    ``keep_stores``: each corpus's store is kept in ``work/stores-<docs>`` for the next run
    (a first build of 100,000 documents takes minutes); a kept store is brought up to date
    by the first row instead of being built, and the row says so. ``skip``: commands left out
    ("compare", "gui").
    """
    from reader.core.paths import bundled_corpus_dir

    rows: list[list[str]] = []
    notes: list[str] = []
    base: dict[str, float] = {}
    bundled = bundled_corpus_dir()
    corpora: list[tuple[str, Path, tuple[str, str]]] = [("bundled", bundled, ("60/212", "62/209"))]
    for n in n_docs:
        folder, generated = commands.plain_folder(n, seed, work)
        names = sorted(p.stem for p in folder.glob("*.txt"))
        corpora.append((f"{n:,}", folder, (names[0], names[1])))
        if generated:
            notes.append(
                f"{n:,} documents generated in {generated:.0f} s (cached in {work.name}/ afterwards)."
            )
    for label, folder, (a, b) in corpora:
        kept = work / f"stores-{label.replace(',', '')}"
        if keep_stores:
            kept.mkdir(exist_ok=True)
        cache = kept if keep_stores else Path(tempfile.mkdtemp(prefix="cache-", dir=work))
        built = any(cache.glob("*.sqlite3"))
        env = commands.environment(cache)
        where = ["--corpus", str(folder)]
        first = commands.run_command(["corpus", "index", *where], env)
        if first.code != 0:
            raise RuntimeError(f"corpus index failed on {label}: {first.err.strip()[-300:]}")
        size = sum(p.stat().st_size for p in cache.glob("*.sqlite3*"))
        what = (
            "`corpus index` on a store kept from an earlier run"
            if built
            else "first build (`corpus index`, empty store)"
        )
        parts = {p.name.rsplit(".", 1)[-1] if p.suffix != ".sqlite3" else "store": p.stat().st_size
                 for p in cache.glob("*.sqlite3*")}  # fmt: skip
        layout = ", ".join(f"{k} {v / 1e6:,.1f}" for k, v in sorted(parts.items()))
        measured = [
            (
                what,
                first,
                f"{size / 1e6:,.1f} MB on disk ({layout}); CPU {first.cpu:,.0f} s with the workers",
            ),
            ("`trace PHRASE`, warm", commands.timed(["trace", commands.PHRASE, *where], env, reps), ""),
            ("`corpus list`, warm", commands.timed(["corpus", "list", *where], env, reps), ""),
            ("`parse DOC`, warm", commands.timed(["parse", a, *where], env, reps), ""),
        ]
        if "compare" not in skip:
            measured.append(("`compare A B`, warm", commands.timed(["compare", a, b, *where], env, reps), ""))
        if "gui" not in skip:
            measured.append(
                ("`gui A B --smoke`, warm", commands.timed(["gui", a, b, "--smoke", *where], env, reps), "")
            )
        if folder != bundled:
            source = next(work.glob(f"synth-*-seed{seed}-n{label.replace(',', '')}"))
            trace = ["trace", commands.PHRASE, *where]
            for what, alter in (
                ("changed", commands.change_one_file),
                ("added", commands.add_one_file),
                ("removed", commands.remove_one_file),
            ):
                one = _after_one_file(folder, source, trace, env, reps, alter)
                measured.append((f"`trace PHRASE` after one file {what}", one, ""))
        for what, run, extra in measured:
            key = what
            if label == "bundled":
                base[key] = run.wall
            ratio = (
                f"{_x(run.wall, base[key])} ({run.wall - base[key]:+.2f} s)"
                if label != "bundled" and base.get(key)
                else ""
            )
            rows.append([what, label, f"{run.wall:,.2f}", _mb(run.rss), ratio, extra])
        if not keep_stores:
            shutil.rmtree(cache, ignore_errors=True)
    notes += [
        f"Each command is `python -m reader ...` in a new process; warm rows: median of {reps} runs "
        "after one warm-up run; first build: one run into an empty store; 'after one file changed': "
        f"a new paragraph in a different file before each of {reps} runs ('added': a copy of a file "
        "under a name next to it; 'removed': a file deleted; the folder is restored afterwards).",
        "Corpora: folders of plain .txt files without a catalogue (benchmarks/synth.py resolutions); "
        "bundled: the program's own corpus folder. × bundled = this time / the same command on the "
        "bundled corpus.",
        "Peak MB: the command's own process (wait4 ru_maxrss); parsing workers of a first build are not "
        "included.",
        "Targets (issue 21): every warm command over 10,000 documents <= the bundled corpus's + 0.2 s "
        "and < 1 s; 100,000 documents: first build < 300 s on 2 cores and a store < 1 GB, one changed "
        "file answered by the next command in < 2 s, warm trace < 1 s.",
        "The first build's notes: its files on disk (the SQLite store, its listing and saved word ids) "
        "and the CPU seconds of the command with its parse workers (the wall time depends on what else "
        "the machine runs; on two idle cores it is about half the CPU time).",
    ]
    return Table(
        "Whole commands from a new process",
        ["command", "docs", "wall s", "peak MB", "× bundled", "notes"],
        rows,
        notes,
    )


def _after_one_file(
    folder: Path,
    source: Path,
    args: list[str],
    env: dict[str, str],
    reps: int,
    alter: Callable[[Path, int], Path],
) -> commands.Run:
    """``args`` run right after ``alter`` changed, added or removed one file, a different one each
    of ``reps`` times (median wall time); the folder is as generated again afterwards."""
    touched: list[Path] = []
    walls: list[float] = []
    try:
        for k in range(reps):
            touched.append(alter(folder, k))
            run = commands.run_command(args, env)
            walls.append(run.wall)
    finally:
        for path in touched:
            if (source / path.name).exists():
                commands.restore(folder, source, [path])
            else:
                path.unlink(missing_ok=True)  # a file added
    return commands.Run(statistics.median(walls), run.rss, run.out, run.err, run.code)


# --------------------------------------------------------------------------- main


def _bench_history(reps: int) -> Table:
    from benchmarks.bench_history import bench_history

    return bench_history(reps)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load average {os.getloadavg()[0]:.1f} at start"
    return (
        f"{cpu}, {os.cpu_count()} logical cores{load}; Python {platform.python_version()} "
        f"({platform.python_implementation()}) on {platform.system()} {platform.release()}"
    )


def _bench_provenance(docs: list[int], work: Path, seed: int) -> Table:
    from benchmarks.provenance import bench_provenance

    made: Any = bench_provenance(docs, work, seed)
    # Run as a script, this module is __main__ and its Table another class than benchmarks.run.Table.
    return Table(made.title, made.header, made.rows, made.notes)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    parser.add_argument("--sizes", help="paragraph counts for the long-document table, e.g. 50,100,200")
    parser.add_argument("--docs", help="corpus sizes for the trace table, e.g. 1000,10000")
    parser.add_argument("--seed", type=int, default=1, help="synthetic corpus seed")
    parser.add_argument(
        "--work", type=Path, default=synth.OUT_DIR, help="folder for generated corpora and indexes"
    )
    parser.add_argument("--results", type=Path, help="markdown file to write (default benchmarks/results.md; "
                        "with --quick, WORK/results-quick.md)")  # fmt: skip
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated tables to skip: pairs,long,trace,gui,history,parse,provenance,commands; "
        "compare: that command in the commands table",
    )
    parser.add_argument("--queries", type=int, help="planted phrases to trace per corpus size (default 30)")
    parser.add_argument(
        "--keep-stores",
        action="store_true",
        help="keep each corpus's store in WORK/stores-<docs> for the next run (the commands table)",
    )
    parser.add_argument("--gui-probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.gui_probe:
        print(json.dumps(gui_probe()))
        return 0

    def ints(text: str | None, default: list[int]) -> list[int]:
        return [int(x.replace("_", "")) for x in text.split(",")] if text else default

    sizes = ints(args.sizes, [25, 50, 100] if args.quick else [50, 100, 200, 400, 800])
    docs = ints(args.docs, [100] if args.quick else [1000, 10000])
    reps = 3 if args.quick else 15
    skip = set(filter(None, args.skip.split(",")))
    results = args.results or (
        args.work / "results-quick.md" if args.quick else ROOT / "benchmarks" / "results.md"
    )
    args.work.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    about = machine()
    print(f"Machine: {about}\n", flush=True)
    tables: list[Table] = []
    steps: list[tuple[str, Callable[[], Table]]] = [
        ("pairs", lambda: bench_seed_pairs(reps)),
        ("long", lambda: bench_long(sizes, max(3, reps // 3))),
        (
            "trace",
            lambda: bench_trace(docs, args.work, args.seed, args.queries or (10 if args.quick else 30)),
        ),
        ("gui", lambda: bench_gui_and_html(reps)),
        ("history", lambda: _bench_history(reps)),
        ("parse", lambda: Table(*parse_speed.measure(reps, 100 if args.quick else 1000))),
        ("provenance", lambda: _bench_provenance(docs, args.work, args.seed)),
        (
            "commands",
            lambda: bench_commands(
                docs,
                args.work,
                args.seed,
                2 if args.quick else 5,
                keep_stores=args.keep_stores,
                skip=frozenset(skip & {"compare"}),
            ),
        ),
    ]
    for name, step in steps:
        if name in skip:
            continue
        table = step()
        tables.append(table)
        print(table.text(), flush=True)
    took = time.perf_counter() - started
    command = (
        "python benchmarks/run.py" + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
    )
    md = [
        "# Benchmark results",
        "",
        f"Machine: {about}.  ",
        f"Run: `{command}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {took:.0f} s in all.  ",
        "Reproduce: `make bench` (or `python benchmarks/run.py`; `--quick` for a short run). "
        "Synthetic corpora are cached in `benchmarks/out/`.",
        "",
        *(t.markdown() for t in tables),
    ]
    results.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(results, "\n".join(md))
    print(f"results written to {results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
