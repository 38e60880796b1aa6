"""Parsing many corpus files on every core: worker processes parse, the caller stores.

A worker reads one file, hashes it, parses it and returns the compressed
document with each paragraph's normalised words (one string per paragraph), so
the process writing the store only numbers words and inserts rows. Results come
back in the order asked, a few chunks at a time, so memory stays flat whatever
the corpus size. Closing the iterator early (cancel, Ctrl+C) cancels the work
not yet started. Small jobs are parsed in this process: starting workers costs
more than parsing a few dozen files.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from reader.core.corpus import doccodec
from reader.core.corpus.fields import meta_fields
from reader.core.corpus.store import FileWords
from reader.core.errors import InputError

PARALLEL_FROM = 48  # files; fewer are parsed in this process
_CHUNK = 16  # files per task sent to a worker


@dataclass(frozen=True)
class ParseJob:
    path: str
    doc_id: str
    meta: tuple[str, ...] | None  # catalogue metadata, which wins over what the text states


@dataclass(frozen=True)
class ParsedDoc:
    """One document of a parsed file."""

    doc: bytes  # doccodec.encode of the document
    meta: tuple[str, ...]  # the document's metadata (symbol, body, title, date, session, meeting)
    labels: tuple[str, ...]  # each paragraph's label (the texts are in ``doc``)
    words: FileWords  # the paragraphs' normalised words, numbered within the document
    part: int = 0  # which text of the file (1, 2, …), 0 when the file is one document
    id: str = ""  # the document's id: the file's, or ``<file id>#<part>``


@dataclass(frozen=True)
class Parsed:
    """A parsed file: its hash and its documents (several for a volume page, ``parse_parts``)."""

    sha256: str
    docs: tuple[ParsedDoc, ...]

    @property
    def meta(self) -> tuple[str, ...]:
        """The first document's metadata (the file's, when it is one document)."""
        return self.docs[0].meta


Result = Parsed | str  # a string: why the file could not be read, one sentence


def parse_file(job: ParseJob) -> Result:
    """Parse one file as ``Corpus.document`` would; bad input becomes its one-line reason."""
    from reader.core.corpus.store import file_words
    from reader.core.ingest.parse import load_document, load_parts
    from reader.core.model import Metadata

    try:
        h = hashlib.sha256()
        with open(job.path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        if job.meta is not None:  # a catalogue entry describes one document
            docs = [load_document(job.path, doc_id=job.doc_id, metadata=Metadata(*job.meta))]
        else:
            docs = load_parts(job.path, doc_id=job.doc_id)
    except InputError as exc:
        return str(exc)
    except OSError as exc:
        return f"{job.path}: cannot be read ({exc.strerror})"
    several = len(docs) > 1
    return Parsed(
        h.hexdigest(),
        tuple(
            ParsedDoc(
                doccodec.encode(doc),
                meta_fields(doc.metadata),
                tuple(p.label for p in doc.paragraphs),
                file_words(p.text for p in doc.paragraphs),
                k if several else 0,
                doc.id,
            )
            for k, doc in enumerate(docs, start=1)
        ),
    )


def _parse_chunk(jobs: list[ParseJob]) -> list[Result]:
    return [parse_file(j) for j in jobs]


def _quiet_worker() -> None:
    """Ctrl+C is the parent's to handle: a worker stops when the parent closes the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def parse_many(jobs: Sequence[ParseJob], workers: int | None = None) -> Iterator[Result]:
    """The result of each job, in order; parallel when there are many jobs and more than one core."""
    n = default_workers() if workers is None else max(1, workers)
    if n == 1 or len(jobs) < PARALLEL_FROM:
        for job in jobs:
            yield parse_file(job)
        return
    yield from _parallel(jobs, n)


def _parallel(jobs: Sequence[ParseJob], workers: int) -> Iterator[Result]:
    import multiprocessing

    # Linux forks (workers start at once and re-import nothing); elsewhere a fresh interpreter per worker.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    chunks = [list(jobs[i : i + _CHUNK]) for i in range(0, len(jobs), _CHUNK)]
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_quiet_worker)
    pending: deque[Future[list[Result]]] = deque()
    try:
        todo = iter(chunks)
        for chunk in todo:
            pending.append(pool.submit(_parse_chunk, chunk))
            if len(pending) >= workers * 4:
                break
        while pending:
            results = pending.popleft().result()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(pool.submit(_parse_chunk, nxt))
            yield from results
    finally:
        pool.shutdown(wait=not pending, cancel_futures=True)
