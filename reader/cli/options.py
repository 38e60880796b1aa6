"""What every command's arguments share: one-sentence usage errors, ``--corpus``/``--quiet``, ``--json``,
``--html``/``--force``; so each command module only adds its own."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.core.errors import InputError

JSON_HELP = "print JSON (the shape in docs/json.md)"


class ArgParser(argparse.ArgumentParser):
    """argparse that reports usage errors as one sentence (exit 2) like every other bad input."""

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        raise InputError(self.prog, message)


def corpus_option(p: argparse.ArgumentParser, *, action: bool = False) -> None:
    """``--corpus`` and ``--quiet``; ``action``: on ``corpus ACTION``, where they may also come
    before the action (``corpus --corpus DIR index``), so an absent one must not reset it."""
    unset: Any = argparse.SUPPRESS if action else None
    p.add_argument(
        "--corpus",
        metavar="DIR",
        action="append",
        type=Path,
        default=unset,
        help="corpus folder to use instead of the bundled corpus (repeat to combine folders)",
    )
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=unset if action else False,
        help="no progress, notes or warnings on stderr (errors only)",
    )


def json_option(p: argparse.ArgumentParser, help: str = JSON_HELP) -> None:
    p.add_argument("--json", action="store_true", help=help)


def html_options(p: argparse.ArgumentParser) -> None:
    """``--html OUT`` and ``--force``, for a command that writes a report."""
    p.add_argument("--html", metavar="OUT", type=Path, help="write a self-contained HTML report to OUT")
    p.add_argument("--force", action="store_true", help="replace OUT if it already exists")
