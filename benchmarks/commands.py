"""Whole commands as a user runs them: each one a new process, timed from start to exit.

For each corpus size a folder of plain ``.txt`` files without a catalogue (the
synthetic resolutions of ``synth.py``, hard-linked, so generating them is paid
once) is opened by the real command line. Every command is run against the
bundled corpus in the same run, and its time is shown as a multiple of that.
Reported: median wall time of ``reps`` runs after one warm-up run, and the peak
resident memory of the process (``wait4``'s ``ru_maxrss``, the command itself;
parsing workers are measured in the first-build row, where they run).

Python may write its bytecode cache here (an installed program has one); the
environment variable that forbids it would add the compile time of every
module to every start.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import synth

ROOT = Path(__file__).resolve().parents[1]
# A phrase planted in the synthetic corpora (about 18 hits in 1,000 documents, 185 in 10,000, none in
# the bundled five): a query of the size an analyst asks, so the rows time start-up, not printing.
PHRASE = "the use of mobile payments to lower the cost of sending remittances"


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    rss: int  # bytes, peak resident set of the process (and of the workers it waited for)
    out: str
    err: str
    code: int
    cpu: float = 0.0  # seconds of CPU, the process and the workers it waited for (wait4)


def plain_folder(n: int, seed: int, work: Path) -> tuple[Path, float]:
    """``n`` synthetic resolutions as a folder of ``.txt`` files only; (folder, seconds to generate)."""
    folder = work / f"plain-seed{seed}-n{n}"
    if folder.is_dir():
        return folder, 0.0
    started = time.perf_counter()
    corpus = synth.generate(n, seed, work)
    tmp = Path(tempfile.mkdtemp(prefix=".plain-", dir=work))
    for doc in corpus.docs:
        src = corpus.folder / doc.file
        try:
            os.link(src, tmp / doc.file)
        except OSError:
            shutil.copy2(src, tmp / doc.file)
    os.replace(tmp, folder)
    return folder, time.perf_counter() - started


def environment(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["RESOLUTION_READER_CACHE"] = str(cache)
    env["READER_SETTINGS"] = str(cache / "settings.ini")  # the reader's saved folders stay out of it
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def run_command(args: Sequence[str], env: dict[str, str]) -> Run:
    """``resolution-reader ARGS`` in a new process: wall time, peak memory, output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "reader", *args], stdout=out, stderr=err, env=env, cwd=ROOT
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            wall,
            usage.ru_maxrss * 1024,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            proc.returncode,
            usage.ru_utime + usage.ru_stime,
        )


def timed(args: Sequence[str], env: dict[str, str], reps: int) -> Run:
    """One warm-up run, then the median wall time and the largest peak memory of ``reps`` runs."""
    first = run_command(args, env)
    if first.code != 0:
        raise RuntimeError(f"`{' '.join(args)}` failed: {first.err.strip()[-300:]}")
    runs = [run_command(args, env) for _ in range(reps)]
    return Run(
        statistics.median(r.wall for r in runs),
        max(r.rss for r in runs),
        runs[-1].out,
        runs[-1].err,
        max(r.code for r in runs),
    )


def change_one_file(folder: Path, k: int) -> Path:
    """Give one file a new paragraph (a new file replaces the link, so the cached corpus stays as it was)."""
    files = sorted(folder.glob("*.txt"))
    path = files[(k * 7919) % len(files)]
    text = path.read_text(encoding="utf-8")
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(
        text.rstrip() + f"\n\n{90 + k}. Decides to remain seized of the matter number {k};\n", "utf-8"
    )
    os.replace(tmp, path)
    return path


def add_one_file(folder: Path, k: int) -> Path:
    """A copy of one file under a new name that sorts right after it (a file added between two)."""
    files = sorted(folder.glob("*.txt"))
    source = files[(k * 7919 + 13) % len(files)]
    path = source.with_name(f"{source.stem}-added{k}.txt")
    tmp = path.with_name(f".{path.name}.tmp")
    shutil.copyfile(source, tmp)
    os.replace(tmp, path)
    return path


def remove_one_file(folder: Path, k: int) -> Path:
    """Remove one file (``restore`` links it back from the generated corpus)."""
    files = sorted(folder.glob("*.txt"))
    path = files[(k * 7919 + 29) % len(files)]
    path.unlink()
    return path


def restore(folder: Path, source: Path, changed: Sequence[Path]) -> None:
    for path in changed:
        tmp = path.with_name(f".{path.name}.tmp")
        os.link(source / path.name, tmp)
        os.replace(tmp, path)
