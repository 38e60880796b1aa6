"""Work handed to a forked process, its answer sent back as bytes (Linux).

A forked process starts at once with everything this one has read and imported,
so the command line gets a second core for work that is all Python (threads would
take turns): a large folder's listing (``corpus.listing_aside``), part of a long
comparison's "also in" (``search.recurrence_aside``). The other process ignores
Ctrl+C (the command's to handle); whatever fails there, it answers nothing, and
the caller does the work itself.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable


def available() -> bool:
    """Can work be handed to a forked process here?"""
    return sys.platform == "linux" and hasattr(os, "fork")


class Child:
    """The other process, and the pipe its answer comes through."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self._fd = fd

    def result(self) -> bytes:
        """Its answer, b"" when it failed; the process is reaped."""
        try:
            with os.fdopen(self._fd, "rb") as pipe:
                return pipe.read()
        except OSError:
            return b""
        finally:
            _reap(self.pid)

    def close(self) -> None:
        """Give up on its answer: the other process ends at its first write."""
        with contextlib.suppress(OSError):
            os.close(self._fd)
        _reap(self.pid)


def start(work: Callable[[], bytes]) -> Child | None:
    """Run ``work`` in a forked process; None when no process could be started."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the other process: never returns
        os.close(read)
        _run_and_send(work, write)
    os.close(write)
    return Child(pid, read)


def _run_and_send(work: Callable[[], bytes], write: int) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            data = work()
        except Exception:  # whatever it is, the caller's own attempt will say it
            data = b""
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
