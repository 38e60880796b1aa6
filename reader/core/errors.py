"""The one error type for bad input: a file or reference the reader cannot use."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input from the user: one clear sentence naming the thing and the reason."""

    def __init__(self, source: str | Path, reason: str) -> None:
        self.source = str(source)
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")
