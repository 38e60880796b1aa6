"""Benchmark tables on the real corpus (``../shared/real/un-documents``): series and provenance (issue 20).

    python -m benchmarks.bench_real [--folder DIR] [--cache DIR] [--reps 5]

Whole commands as a user runs them (``benchmarks.commands``: each a new process,
one warm-up run, then the median of ``reps``): ``history DOC`` of three real
series, with the documents it chose, and ``provenance DRAFT`` of three real
resolutions taken as drafts, with the statuses and a check that every agreed
paragraph's first source and oldest source have the draft's words. A first row
times ``corpus list`` on the same folder: what opening the folder costs every
command. A last table times the lineage step alone on the longest series
(in-process, the documents already parsed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks import synth
from benchmarks.commands import environment, run_command, timed
from benchmarks.run import Table, _time
from reader.core.atomic import atomic_write_text

REAL = Path(__file__).resolve().parents[2] / "shared" / "real" / "un-documents"
# Three yearly General Assembly series (the Human Rights Council has a "The right to development" series too:
# it must not be chosen) and, as drafts, the newest resolution of each.
SERIES: tuple[str, ...] = ("68/158", "72/204", "68/134")
DRAFTS: tuple[str, ...] = ("79/170", "79/197", "79/147")
TARGET_S = 2.0


def _listing(out: str) -> list[str]:
    """The symbols of the documents ``history DOC`` chose (the lines above the table)."""
    head = out.split("\n\n", 1)[0].splitlines()[1:]
    return [line.split()[0] for line in head if line.startswith("  ") and not line.startswith("  left out")]


def bench_history(folder: Path, env: dict[str, str], reps: int) -> Table:
    rows = []
    for ref in SERIES:
        run = timed(["history", ref, "--corpus", str(folder)], env, reps)
        chosen = _listing(run.out)
        rows.append(
            [
                f"history {ref}",
                str(len(chosen) + 1),
                " ".join(sorted([ref, *chosen], key=lambda s: int(s.split("/")[0]))),
                f"{run.wall:.2f}",
                f"< {TARGET_S:g}",
                "yes" if run.wall < TARGET_S else "NO",
            ]
        )
    return Table(
        "History of real series (whole command, new process)",
        ["command", "docs chosen", "documents", "wall s", "target s", "met"],
        rows,
        [
            f"median of {reps} runs after one warm-up, `--corpus {folder}`; 'docs chosen' counts the "
            "document asked about. Before this work the first of them was still running after 120 s "
            "(it chose hundreds of documents sharing boilerplate, then linked them).",
        ],
    )


def _agreed_check(out: str) -> tuple[int, int]:
    """(agreed paragraphs whose first and oldest source have the draft's words, agreed paragraphs)."""
    from reader.core.provenance.finder import agreed_key

    data = json.loads(out)
    agreed = [p for p in data["paragraphs"] if p["status"] == "agreed"]
    ok = 0
    for p in agreed:
        first = p["sources"][0]
        earliest = next(
            (
                s
                for s in p["sources"]
                if s["symbol"] == p["earliest"]["symbol"] and s["label"] == p["earliest"]["label"]
            ),
            None,
        )
        same = agreed_key(first["text"]) == agreed_key(p["text"])
        oldest = earliest is None or agreed_key(earliest["text"]) == agreed_key(p["text"])
        ok += same and oldest and first["agreed"]
    return ok, len(agreed)


def bench_provenance(folder: Path, env: dict[str, str], reps: int) -> Table:
    rows = []
    for ref in DRAFTS:
        run = timed(["provenance", ref, "--corpus", str(folder)], env, reps)
        whole = run_command(["provenance", ref, "--corpus", str(folder), "--json"], env)
        data = json.loads(whole.out)
        s = data["summary"]
        ok, agreed = _agreed_check(whole.out)
        rows.append(
            [
                f"provenance {ref}",
                f"{data['compared']:,}",
                str(len(data["paragraphs"])),
                f"{s['agreed']}/{s['adapted']}/{s['new']}",
                f"{ok}/{agreed}",
                f"{run.wall:.2f}",
                f"< {TARGET_S:g}",
                "yes" if run.wall < TARGET_S else "NO",
            ]
        )
    return Table(
        "Provenance of real resolutions as drafts (whole command, new process)",
        ["command", "compared", "paragraphs", "agreed/adapted/new", "same words first", "wall s", "target s",
         "met"],
        rows,
        [
            f"median of {reps} runs after one warm-up (the table), `--corpus {folder}`; the draft is the "
            "corpus document itself, compared with everything adopted before it.",
            "'same words first': agreed paragraphs whose first source and oldest source (`--json`) have "
            "the draft paragraph's words, of all agreed paragraphs.",
        ],
    )  # fmt: skip


def bench_open(folder: Path, env: dict[str, str], reps: int) -> Table:
    run = timed(["corpus", "list", "--corpus", str(folder)], env, reps)
    problems = sum(1 for line in run.err.splitlines() if line.startswith("warning:"))
    return Table(
        "Opening the real folder (the floor of every command)",
        ["command", "files", "warnings", "wall s"],
        [["corpus list", f"{len(run.out.splitlines()):,}", str(problems), f"{run.wall:.2f}"]],
        [
            f"median of {reps} runs after one warm-up. Files that are not resolutions (reports, rules, "
            "budgets) are one note on stderr (none under --quiet: 'warnings' counts other problems); the "
            "store remembers them until they change, so an unchanged folder opens from its saved listing.",
        ],
    )


def bench_lineage(folder: Path, reps: int) -> Table:
    """The lineage step alone: a synthetic 20 x 80 series and the longest real series found."""
    from reader.core.history.order import build_history

    rows = []
    s = synth.series(20, 80, seed=1)
    took, h = _time(lambda: build_history(s.docs), reps)
    rows.append(["synthetic 20 × 80", "20", f"{sum(len(d.paragraphs) for d in s.docs):,}", f"{took:.2f}",
                 str(len(h.lineages)), "< 5"])  # fmt: skip
    from reader.cli.opening import load_corpus, open_index
    from reader.core.history.series import find_series

    real = load_corpus([folder], quiet=True)
    index, _ = open_index(real, quiet=True)
    try:
        search = find_series(real, real.load_ref("60/30"), index=index)
    finally:
        index.close()
    docs = list(search.documents)
    took, h = _time(lambda: build_history(docs), reps)
    paragraphs = f"{sum(len(d.paragraphs) for d in docs):,}"
    name = "real: 60/30 'Oceans and the law of the sea'"
    rows.append([name, str(len(docs)), paragraphs, f"{took:.2f}", str(len(h.lineages)), "< 5"])
    return Table(
        "Linking a long series (lineage step only, in process)",
        ["series", "docs", "paragraphs", "seconds", "lineages", "target s"],
        rows,
        [f"median of {reps} runs, word caches cleared before each."],
    )


def resolutions_only(folder: Path, warnings: str, work: Path) -> Path:
    """A copy of ``folder`` without the files the store warns about (not resolutions): what every
    command costs once the store stops parsing those again at each opening."""
    skipped = {
        Path(line.split(": ", 2)[1]).name
        for line in warnings.splitlines()
        if line.startswith("warning: ") and line.count(": ") >= 2
    }
    out = work / f"{folder.name}-resolutions-only"
    if out.is_dir():
        return out
    tmp = Path(tempfile.mkdtemp(prefix=".copy-", dir=work))
    for f in folder.iterdir():
        if f.is_file() and f.name not in skipped:
            try:
                os.link(f, tmp / f.name)
            except OSError:
                shutil.copy2(f, tmp / f.name)
    os.replace(tmp, out)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folder", type=Path, default=REAL, help="the real corpus folder")
    parser.add_argument(
        "--cache", type=Path, help="store folder (default: RESOLUTION_READER_CACHE or a temp one)"
    )
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--results", type=Path, help="also write the tables as Markdown to this file")
    parser.add_argument(
        "--resolutions-only",
        action="store_true",
        help="also run the command tables on a copy of the folder without the files that are not "
        "resolutions (made in the cache folder)",
    )
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder} is not a folder", file=sys.stderr)
        return 2
    cache = args.cache or Path(
        os.environ.get("RESOLUTION_READER_CACHE") or tempfile.mkdtemp(prefix="bench-real-")
    )
    env = environment(cache)
    os.environ["RESOLUTION_READER_CACHE"] = str(cache)  # the in-process table opens the same store
    started = time.perf_counter()
    first = run_command(["corpus", "list", "--corpus", str(args.folder)], env)  # builds the store if new
    print(f"store ready in {time.perf_counter() - started:.1f} s (exit {first.code})\n", flush=True)
    folders = [args.folder]
    if args.resolutions_only:
        folders.append(resolutions_only(args.folder, first.err, cache))
        run_command(["corpus", "list", "--corpus", str(folders[-1])], env)  # its store
    tables: list[Table] = []
    for folder in folders:
        for step in (bench_open, bench_history, bench_provenance):
            tables.append(step(folder, env, args.reps))
            print(tables[-1].text(), flush=True)
    tables.append(bench_lineage(args.folder, args.reps))
    print(tables[-1].text(), flush=True)
    if args.results is not None:
        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        load = os.getloadavg()[0]
        head = [
            "# Benchmark results on the real corpus",
            "",
            f"Run: `python -m benchmarks.bench_real {' '.join(argv if argv is not None else sys.argv[1:])}` "
            f"on {when}; load average {load:.1f} on {os.cpu_count()} cores at the end (other work ran).",
            "",
        ]
        atomic_write_text(args.results, "\n".join(head + [t.markdown() for t in tables]))
        print(f"results written to {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
