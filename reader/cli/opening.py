"""How a command opens what it reads: the corpus from its store, its index, a long PDF given as a file;
with progress on a terminal, and what went wrong with a file as one warning line (none under --quiet)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader.cli.output import note, warn
from reader.core.errors import InputError


def load_corpus(dirs: Sequence[Path] | None, quiet: bool = False, listed: Any = None) -> Any:
    return open_corpus(dirs, quiet, listed)[0]


def open_corpus(dirs: Sequence[Path] | None, quiet: bool = False, listed: Any = None) -> tuple[Any, Any]:
    """The corpus from its store: only new or changed files are parsed (in parallel, with progress).

    ``listed``: the folders' listing, started aside (``list_aside``)."""
    from reader.core.corpus.sync import open_corpus as open_store
    from reader.core.progress import ConsoleProgress

    check_folders(dirs)
    progress = ConsoleProgress(quiet=quiet)
    corpus, stats = open_store(corpus_dirs(dirs), progress=progress, listed=listed)
    progress.finish(stats.parsed, stats.files, stats.seconds)
    if not quiet:
        if stats.in_memory:
            warn(None, stats.in_memory)
        report_problems(corpus)
    return corpus, stats


def start_listing(dirs: Sequence[Path] | None) -> Any:
    """The folders' listing, started in another process when they are large (``list_aside``): call
    it before a command's own imports and work, and give it to :func:`open_corpus`."""
    from reader.core.corpus.listing_aside import list_aside
    from reader.core.corpus.sync import listing_path

    check_folders(dirs)
    store = corpus_store_path(dirs)
    return list_aside(corpus_dirs(dirs), listing_path(store) if store is not None else None)


def check_folders(dirs: Sequence[Path] | None) -> None:
    for d in dirs or ():
        if not d.is_dir():
            raise InputError(d, "is not a folder")


def corpus_dirs(dirs: Sequence[Path] | None) -> list[Path]:
    """The folders a command reads: those given, else the bundled corpus."""
    from reader.core.paths import bundled_corpus_dir

    return list(dirs) if dirs else [bundled_corpus_dir()]


def corpus_store_path(dirs: Sequence[Path] | None) -> Path | None:
    """The store ``open_corpus`` opens for ``dirs`` (None: no usable cache folder)."""
    from reader.core.corpus.sync import store_path

    try:
        return store_path(corpus_dirs(dirs))
    except (OSError, InputError):
        return None


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
