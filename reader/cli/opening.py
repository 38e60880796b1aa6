"""How a command opens what it reads: the corpus from its store, its index, a long PDF given as a file;
with progress on a terminal, and what went wrong with a file as one warning line (none under --quiet)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader.cli.output import note, warn
from reader.core.errors import InputError


def load_corpus(dirs: Sequence[Path] | None, quiet: bool = False) -> Any:
    return open_corpus(dirs, quiet)[0]


def open_corpus(dirs: Sequence[Path] | None, quiet: bool = False) -> tuple[Any, Any]:
    """The corpus from its store: only new or changed files are parsed (in parallel, with progress)."""
    from reader.core.corpus.sync import open_corpus as open_store
    from reader.core.paths import bundled_corpus_dir
    from reader.core.progress import ConsoleProgress

    for d in dirs or ():
        if not d.is_dir():
            raise InputError(d, "is not a folder")
    progress = ConsoleProgress(quiet=quiet)
    corpus, stats = open_store(list(dirs) if dirs else [bundled_corpus_dir()], progress=progress)
    progress.finish(stats.parsed, stats.files, stats.seconds)
    if not quiet:
        if stats.in_memory:
            warn(None, stats.in_memory)
        report_problems(corpus)
    return corpus, stats


def report_problems(corpus: Any) -> None:
    """Each problem with a file on its own line; the files that are not resolutions in one line."""
    for problem in corpus.problems:
        warn(None, problem)
    if corpus.skipped:
        n = len(corpus.skipped)
        files = f"{n:,} files are" if n != 1 else "1 file is"
        note(None, f"{files} not resolutions; `corpus list --skipped` names them")


def page_progress(args: argparse.Namespace) -> Any:
    """A progress bar for the pages of a long PDF given as a file (on a terminal; Ctrl+C cancels)."""
    from reader.core.progress import ConsoleProgress

    return ConsoleProgress(label="Reading", unit="pages", quiet=getattr(args, "quiet", False))


def open_index(corpus: Any, quiet: bool = False) -> tuple[Any, Any]:
    """The corpus index, brought up to date; progress on a terminal; Ctrl+C rolls back cleanly."""
    from reader.core.progress import ConsoleProgress
    from reader.core.search.index import CorpusIndex, open_updated

    progress = ConsoleProgress(label="Indexing the corpus", quiet=quiet)
    try:
        index, stats = open_updated(corpus, progress=progress)
    except InputError as exc:  # no usable cache folder: index in memory for this run
        if not quiet:
            warn(None, f"{exc}; indexing in memory")
        index = CorpusIndex.open(None)
        stats = index.update(corpus, progress)
    for problem in () if quiet else stats.problems:
        warn(None, problem)
    return index, stats
