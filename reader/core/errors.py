"""The one error type for bad input: a file or reference the reader cannot use."""

from __future__ import annotations

from pathlib import Path

# Why a file that holds no adopted text (a report, rules of procedure, a budget) is skipped.
NOT_ADOPTED_TEXT = "no resolution paragraphs found (is this a resolution?)"


def is_not_adopted_text(why: str) -> bool:
    """Whether a file's one-line reason for being skipped says it holds no adopted text."""
    return why.endswith(NOT_ADOPTED_TEXT)


class InputError(Exception):
    """Bad input from the user: one clear sentence naming the thing and the reason."""

    def __init__(self, source: str | Path, reason: str) -> None:
        self.source = str(source)
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")
