"""Progress of long work, one protocol for every caller; and the console's reporter.

Long work (reading a corpus, indexing it, reading a long PDF, tracing) takes a
:class:`Progress`, ``progress(done, total)``, and stops with :class:`Cancelled`
when it answers False. Two reporters implement it: :class:`ConsoleProgress`
here for the command line, and the worker's in ``reader.gui.workers`` for the
window (a signal to the progress bar, False once Cancel was pressed).

On a terminal the console bar is redrawn at most a few times a second with the
count, the rate and the time left. Written to a pipe or a file it stays silent
while working and says once what was done when it was more than a few files (so
logs and JSON output stay clean); ``quiet`` silences both.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Protocol, TextIO


class Progress(Protocol):
    """``progress(done, total)``: report how far the work is; return False to stop it (Cancel).

    ``progress(0, 0)`` asks only whether to go on, between steps that count nothing.
    """

    def __call__(self, done: int, total: int, /) -> bool: ...


class Cancelled(Exception):
    """The work was stopped because its progress said so (Cancel pressed); nothing half-done is kept."""


def check_progress(progress: Progress | None, done: int, total: int) -> None:
    """Report progress; raise :class:`Cancelled` when the caller says stop."""
    if progress is not None and not progress(done, total):
        raise Cancelled


BAR = 24
SUMMARY_FROM = 20  # files parsed; fewer (the bundled corpus on a first run) take a moment and go unsaid


def eta(seconds: float) -> str:
    """12 s, 3 min 05 s, 1 h 02 min."""
    s = max(0, round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


def bar_line(label: str, done: int, total: int, elapsed: float, unit: str = "files") -> str:
    """``label [#####-----] 1,234/10,000 files  310/s  28 s left``."""
    share = done / total if total else 1.0
    filled = round(BAR * share)
    rate = done / elapsed if elapsed > 0 else 0.0
    left = f"{eta((total - done) / rate)} left" if rate > 0 and done < total else ""
    speed = f"{rate:,.0f}/s" if rate > 0 else ""
    parts = [f"{label} [{'#' * filled}{'-' * (BAR - filled)}] {done:,}/{total:,} {unit}", speed, left]
    return "  ".join(p for p in parts if p)


@dataclass
class ConsoleProgress:
    """The command line's :class:`Progress` (reading the corpus, indexing it, the pages of a long PDF);
    never cancels (Ctrl+C does, and the update rolls back)."""

    stream: TextIO | None = None
    label: str = "Reading the corpus"
    quiet: bool = False
    unit: str = "files"  # what is counted: files of a corpus, pages of a long PDF
    every: float = 0.2
    _started: float = field(default=0.0, init=False)
    _last: float = field(default=0.0, init=False)
    _drawn: bool = field(default=False, init=False)

    @property
    def out(self) -> TextIO:
        return self.stream if self.stream is not None else sys.stderr

    @property
    def live(self) -> bool:
        return not self.quiet and bool(getattr(self.out, "isatty", lambda: False)())

    def __call__(self, done: int, total: int) -> bool:
        now = time.monotonic()
        if done == 0 or not self._started:
            self._started = now
        if not self.live or total == 0 or (done < total and now - self._last < self.every):
            return True
        self._last = now
        self.out.write("\r" + bar_line(self.label, done, total, now - self._started, self.unit) + "\x1b[K")
        self._drawn = True
        if done >= total:
            self.out.write("\n")
            self._drawn = False
        self.out.flush()
        return True

    def finish(self, parsed: int, documents: int, seconds: float) -> None:
        """End the bar; off a terminal, say once what was read (nothing when little or nothing was)."""
        if self.quiet:
            return
        if self._drawn:
            self.out.write("\n")
            self._drawn = False
        if parsed >= SUMMARY_FROM and not self.live:
            rate = parsed / seconds if seconds > 0 else 0.0
            self.out.write(
                f"{self.label}: parsed {parsed:,} new or changed files in {seconds:.1f} s "
                f"({rate:,.0f} files/s); {documents:,} documents\n"
            )
            self.out.flush()
