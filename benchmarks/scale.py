"""Issue 21's tables: what a user waits for at each corpus size, against the bundled corpus in the same run.

One table per size (1,000, 10,000, 100,000 documents: folders of plain ``.txt`` files made from the
synthetic resolutions of ``synth.py``). Every row is a whole command from a new process
(``commands.py``), or the reader itself (``reader_probe.py``: from start to a painted window, and the
trace panel from a phrase to its first screen), and the same on the bundled corpus in the same run.
Where issue 21 sets a target for that size, the row says it and whether it is met.

The first build runs into an empty cache folder unless ``keep_stores`` keeps the stores in
``WORK/stores-<docs>`` between runs (a first build of 100,000 documents takes minutes): a kept store
is brought up to date by the first row, which then says so.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import commands

ROOT = Path(__file__).resolve().parents[1]
MB = 1e6
GB = 1e9


@dataclass(frozen=True)
class Measured:
    """One row's measurement on one corpus."""

    seconds: float
    peak: int = 0  # bytes: peak resident memory of the process (0: not measured)
    size: int = 0  # bytes: the store on disk (first build only)
    note: str = ""
    kept: bool = False  # the first row on a store kept from an earlier run (not a first build)
    over: float | None = None  # seconds over the bundled corpus: median of interleaved rounds' differences

    def more_than(self, base: Measured) -> float:
        return self.over if self.over is not None else self.seconds - base.seconds


@dataclass(frozen=True)
class Target:
    text: str
    met: Callable[[Measured, Measured | None], bool]  # (this size, the bundled corpus)


def _within(extra: float, below: float) -> Target:
    return Target(
        f"≤ bundled + {extra:.1f} s and < {below:g} s",
        lambda m, base: base is not None and m.more_than(base) <= extra and m.seconds < below,
    )


def _under(seconds: float, peak_mb: float | None = None) -> Target:
    text = f"< {seconds:g} s" + (f" and < {peak_mb:g} MB" if peak_mb else "")
    return Target(text, lambda m, _base: m.seconds < seconds and (peak_mb is None or m.peak < peak_mb * MB))


# Issue 21's targets, by corpus size and row.
TARGETS: dict[int, dict[str, Target]] = {
    10_000: {
        "trace": _within(0.2, 1.0),
        "list": _within(0.2, 1.0),
        "parse": _within(0.2, 1.0),
        "compare": _within(0.2, 1.0),
        "provenance": _under(1.5),
    },
    100_000: {
        "build": Target("< 300 s and a store < 1 GB", lambda m, _b: m.seconds < 300 and m.size < GB),
        "trace": _under(1.0),
        "changed": _under(2.0),
        "added": _under(2.0),
        "removed": _under(2.0),
        "gui": _under(2.0, 500),
        "panel": _under(0.5),
    },
}

HEADER = ["what the user waits for", "bundled", "difference", "peak MB", "target", "", "notes"]
ROWS = {
    "build": "first build (`corpus index`, empty store)",
    "trace": "`trace PHRASE`, warm",
    "list": "`corpus list`, warm",
    "parse": "`parse DOC`, warm",
    "compare": "`compare A B`, warm",
    "provenance": "`provenance DRAFT`, warm (40 paragraphs, every document compared)",
    "gui": "the reader from launching to a painted pair (`gui A B --smoke`)",
    "painted": "the reader's window made to a painted pair (reader_probe, in-process)",
    "panel": "trace panel: phrase to its first screen listed",
    "panel_all": "trace panel: every snippet filled in",
    "changed": "`trace PHRASE` after one file changed",
    "added": "`trace PHRASE` after one file added",
    "removed": "`trace PHRASE` after one file removed",
}


def bench_scale(
    n_docs: Sequence[int], work: Path, seed: int, reps: int, *, keep_stores: bool = False
) -> list[Any]:
    """A table per size in ``n_docs``, each against the bundled corpus in the same run (the commands
    with a target relative to it alternating with it)."""
    from reader.core.paths import bundled_corpus_dir

    drafts: dict[int, Path] = {}
    folders: dict[int, Path] = {}
    for n in n_docs:
        folders[n], _ = commands.plain_folder(n, seed, work)
        source = next(work.glob(f"synth-*-seed{seed}-n{n}"))
        drafts[n] = _draft(source, seed, work / f"draft-{seed}-{n}.txt")
    bundled_pair = ("60/212", "62/209")
    # The bundled corpus's store stays for the whole run: each size's commands alternate with it.
    twin_cache = work / "stores-bundled" if keep_stores else Path(tempfile.mkdtemp(prefix="cache-", dir=work))
    twin_cache.mkdir(exist_ok=True)
    try:
        bundled = _measure_in(
            twin_cache, bundled_corpus_dir(), bundled_pair, drafts[n_docs[0]], reps, source=None
        )
        twin = _Twin(commands.environment(twin_cache), bundled_pair)
        tables = [
            _size_table(n, folders[n], drafts[n], work, seed, reps, keep_stores, bundled, twin)
            for n in n_docs
        ]
    finally:
        if not keep_stores:
            shutil.rmtree(twin_cache, ignore_errors=True)
    return tables


@dataclass(frozen=True)
class _Twin:
    """The bundled corpus's command each size's command alternates with (``_measure_in``)."""

    env: dict[str, str]
    pair: tuple[str, str]

    def of(self, key: str) -> list[str] | None:
        a, b = self.pair
        return {
            "trace": ["trace", commands.PHRASE],
            "list": ["corpus", "list"],
            "parse": ["parse", a],
            "compare": ["compare", a, b],
        }.get(key)


def _size_table(
    n: int,
    folder: Path,
    draft: Path,
    work: Path,
    seed: int,
    reps: int,
    keep_stores: bool,
    bundled: dict[str, Measured],
    twin: _Twin,
) -> Any:
    from benchmarks.run import Table

    names = sorted(p.stem for p in folder.glob("*.txt"))
    source = next(work.glob(f"synth-*-seed{seed}-n{n}"))
    here = _measure(
        f"{n}", folder, (names[0], names[1]), draft, work, reps, keep_stores, source=source, twin=twin
    )
    targets = TARGETS.get(n, {})
    rows = []
    for key, what in ROWS.items():
        m = here.get(key)
        if m is None:
            continue
        base = bundled.get(key)
        target = targets.get(key)
        if key == "build" and m.kept:
            target = None  # brought up to date, not built: the first build's target does not apply
        verdict = ("met" if target.met(m, base) else "**missed**") if target else ""
        rows.append(
            [
                what,
                _seconds(base) if base else "—",
                _seconds(m),
                f"{m.more_than(base):+.2f} s" if base else "",
                f"{m.peak / MB:,.0f}" if m.peak else "",
                target.text if target else "",
                verdict,
                m.note,
            ]
        )
    return Table(
        f"Scale: {n:,} documents against the bundled corpus (issue 21)",
        [*HEADER[:2], f"{n:,} docs", *HEADER[2:]],
        rows,
        [
            f"Whole commands: `python -m reader ...` in a new process, median of {reps} runs after "
            "one warm-up run; `trace`, `corpus list`, `parse` and `compare` alternate with the same "
            "command on the bundled corpus, and their difference is the median of the rounds' "
            "differences (this virtual machine's speed drifts over minutes); the reader rows: "
            f"benchmarks/reader_probe.py (offscreen Qt), median of {max(1, reps // 2)}; 'after one file "
            "changed/added/removed': a new paragraph in another file (a copy under a new name; a file "
            f"deleted) before each of {reps} runs, the folder restored afterwards.",
            "Peak MB: the process's own peak resident memory (wait4); parse workers of a first "
            "build are not included. Folders: plain .txt files without a catalogue. MB and GB: "
            "10^6 and 10^9 bytes.",
        ],
    )


def _draft(source: Path, seed: int, out: Path) -> Path:
    """``make_draft`` in a process of its own: it reads the whole synthetic corpus's paragraphs (gigabytes
    at 100,000 documents), and Linux counts a parent's memory at the fork in every command's peak."""
    code = "import sys; from pathlib import Path; from benchmarks.provenance import make_draft; "
    code += "make_draft(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))"
    subprocess.run([sys.executable, "-c", code, str(source), str(seed), str(out)], check=True, cwd=ROOT)
    return out


def _seconds(m: Measured) -> str:
    return f"{m.seconds:,.2f} s"


def _measure(
    label: str,
    folder: Path,
    pair: tuple[str, str],
    draft: Path,
    work: Path,
    reps: int,
    keep_stores: bool,
    *,
    source: Path | None = None,
    twin: _Twin | None = None,
) -> dict[str, Measured]:
    kept = work / f"stores-{label}"
    if keep_stores:
        kept.mkdir(exist_ok=True)
    cache = kept if keep_stores else Path(tempfile.mkdtemp(prefix="cache-", dir=work))
    try:
        return _measure_in(cache, folder, pair, draft, reps, source=source, twin=twin)
    finally:
        if not keep_stores:
            shutil.rmtree(cache, ignore_errors=True)


def _measure_in(
    cache: Path,
    folder: Path,
    pair: tuple[str, str],
    draft: Path,
    reps: int,
    *,
    source: Path | None,
    twin: _Twin | None = None,
) -> dict[str, Measured]:
    env = commands.environment(cache)
    where = ["--corpus", str(folder)]
    kept = any(cache.glob("*.sqlite3"))
    first = commands.run_command(["corpus", "index", *where], env)
    if first.code != 0:
        raise RuntimeError(f"corpus index failed on {folder}: {first.err.strip()[-300:]}")
    files = {p.name: p.stat().st_size for p in cache.glob("*.sqlite3*")}
    size = sum(files.values())
    parts: dict[str, int] = {}
    for name, n in files.items():  # the store, and what is saved beside it (derived from it)
        kind = "SQLite store" if name.endswith(".sqlite3") else name.split(".sqlite3.", 1)[-1]
        parts[kind] = parts.get(kind, 0) + n
    layout = f"{size / MB:,.0f} MB on disk: " + ", ".join(
        f"{k} {v / MB:,.0f}" for k, v in sorted(parts.items(), key=lambda kv: -kv[1])
    )
    out: dict[str, Measured] = {
        "build": Measured(
            first.wall,
            first.rss,
            size,
            f"{layout}; CPU {first.cpu:,.0f} s with the parse workers"
            + ("; a kept store brought up to date, not a first build" if kept else ""),
            kept,
        )
    }

    def timed(key: str, args: list[str]) -> None:
        other = twin.of(key) if twin is not None else None
        if twin is None or other is None:
            run = commands.timed(args, env, reps)
            out[key] = Measured(run.wall, run.rss)
            return
        walls, over, peak = [], [], 0
        for round_ in range(reps + 1):  # the first round warms the caches
            runs = [commands.run_command(args, env), commands.run_command(other, twin.env)]
            if any(r.code for r in runs):
                raise RuntimeError(f"`{' '.join(args)}` failed: {runs[0].err.strip()[-300:]}")
            if round_:
                walls.append(runs[0].wall)
                over.append(runs[0].wall - runs[1].wall)
                peak = max(peak, runs[0].rss)
        out[key] = Measured(statistics.median(walls), peak, over=statistics.median(over))

    a, b = pair
    timed("trace", ["trace", commands.PHRASE, *where])
    timed("list", ["corpus", "list", *where])
    timed("parse", ["parse", a, *where])
    timed("compare", ["compare", a, b, *where])
    timed("provenance", ["provenance", str(draft), *where])
    out["gui"] = _painted(["gui", a, b, "--smoke", *where], env, reps)
    probes = [_probe(folder, a, b, env) for _ in range(max(1, reps // 2))]
    out["painted"] = Measured(
        statistics.median(p["painted"] for p in probes), max(int(p["peak"]) for p in probes)
    )
    out["panel"] = Measured(statistics.median(p["first_screen"] for p in probes))
    out["panel_all"] = Measured(statistics.median(p["all_snippets"] for p in probes))
    if source is not None:
        out["changed"] = _after(folder, source, env, where, reps, commands.change_one_file)
        out["added"] = _after(folder, source, env, where, reps, commands.add_one_file)
        out["removed"] = _after(folder, source, env, where, reps, commands.remove_one_file)
    return out


def _painted(args: list[str], env: dict[str, str], reps: int) -> Measured:
    """The reader from launching to its pair painted (``--smoke`` says when, on stderr), median of
    ``reps`` runs after a warm-up; the whole command, closing included, in the note."""
    commands.run_command(args, env)
    runs = [commands.run_command(args, env) for _ in range(reps)]
    painted = []
    for run in runs:
        found = re.search(r"^painted ([\d.]+) s after the program started", run.err, re.MULTILINE)
        if run.code != 0 or found is None:
            raise RuntimeError(f"`{' '.join(args)}` failed: {run.err.strip()[-300:]}")
        painted.append(float(found.group(1)))
    whole = statistics.median(r.wall for r in runs)
    return Measured(statistics.median(painted), max(r.rss for r in runs), note=f"whole command {whole:.2f} s")


def _probe(folder: Path, left: str, right: str, env: dict[str, str]) -> dict[str, float]:
    script = ROOT / "benchmarks" / "reader_probe.py"
    done = subprocess.run(
        [sys.executable, str(script), str(folder), left, right, "--json"],
        capture_output=True,
        text=True,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
        timeout=1800,
    )
    if done.returncode != 0:
        raise RuntimeError(f"reader_probe failed: {done.stderr.strip()[-500:]}")
    found: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def _after(
    folder: Path,
    source: Path,
    env: dict[str, str],
    where: list[str],
    reps: int,
    change: Callable[[Path, int], Path],
) -> Measured:
    """``trace`` right after ``change`` changed, added or removed a file, another one before each
    run; the folder is as generated again afterwards (and the store brought back to it, untimed)."""
    touched: list[Path] = []
    runs = []
    try:
        for k in range(reps):
            touched.append(change(folder, k))
            runs.append(commands.run_command(["trace", commands.PHRASE, *where], env))
    finally:
        added = [p for p in touched if not (source / p.name).exists()]
        for path in added:
            path.unlink(missing_ok=True)
        commands.restore(folder, source, [p for p in touched if p not in added])
        commands.run_command(["corpus", "index", *where], env)
    return Measured(statistics.median(r.wall for r in runs), max(r.rss for r in runs))
