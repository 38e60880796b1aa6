"""The reader's corpus at any size: opened from its store at once, new files read in the background.

At start the window opens the corpus from its store without parsing anything
(``sync.open_corpus(update=False)``) and paints the pair. A few new or changed
files (``SYNC_NOW_BELOW``) are read there and then; more are read by a worker
(parallel parsing, progress bar, Cancel) that hands back a new corpus and a
tracer with its index loaded. No Qt here beyond the job.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.corpus.collection import Corpus
from reader.core.corpus.sync import SyncStats, open_corpus
from reader.core.paths import bundled_corpus_dir
from reader.core.progress import Cancelled, Progress
from reader.gui.tracing import CorpusTracer
from reader.gui.workers import Job

SYNC_NOW_BELOW = 200  # new or changed files: fewer are read before the window opens (a second or two)


def corpus_dirs(explicit: Sequence[Path], extra: Sequence[Path]) -> list[Path]:
    """The folders of the reader's corpus: ``--corpus`` folders (else the bundled one), then added ones."""
    dirs = [*explicit] if explicit else [bundled_corpus_dir()]
    seen: dict[str, Path] = {}
    for d in [*dirs, *extra]:
        seen.setdefault(os.path.realpath(d), d)  # one folder however it is spelt
    return list(seen.values())


def open_now(dirs: Sequence[Path]) -> tuple[Corpus, SyncStats]:
    """The corpus as its store holds it, brought up to date here when only a few files are new."""
    corpus, stats = open_corpus(dirs, update=False)
    if 0 < stats.pending < SYNC_NOW_BELOW:
        corpus.close()
        corpus, stats = open_corpus(dirs, workers=1)
    return corpus, stats


@dataclass(frozen=True)
class Refreshed:
    """What the background job hands back: the corpus up to date and a tracer ready to search it."""

    corpus: Corpus
    tracer: CorpusTracer
    stats: SyncStats


def refresh_job(dirs: Sequence[Path], tracer_for: Any = CorpusTracer, *, unless: Corpus | None = None) -> Job:
    """Read new and changed files (in parallel, with progress and Cancel), then load the index.

    ``unless``: the reader's corpus; when the folders and the store are still as
    they were when it was made (same store generation, nothing parsed or removed,
    the same problems), the job hands back None: nothing to show or recompute.
    """
    folders = list(dirs)

    def run(progress: Progress) -> Refreshed | None:
        corpus, stats = open_corpus(folders, progress=progress)
        if stats.cancelled or not progress(0, 0):  # Cancel pressed: no index loading either
            corpus.close()
            raise Cancelled
        if unless is not None and _same(corpus, unless) and not (stats.parsed or stats.removed):
            corpus.close()
            return None
        tracer = tracer_for(corpus)
        try:
            tracer.prepare(progress)
            corpus.prepare_lookup()  # documents by id (a trace's hits) found at once on the GUI thread
        except BaseException:
            tracer.close()
            corpus.close()
            raise
        return Refreshed(corpus, tracer, stats)

    return Job(run)


def _same(new: Corpus, old: Corpus) -> bool:
    """Made from the same store generation, with the same problems: nothing differs for the reader."""
    return old.synced is not None and new.synced == old.synced and new.problems == old.problems
