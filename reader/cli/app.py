"""The command line's entry (DESIGN.md contract): the parser of every command, and what a failure prints.

Bad input is one sentence on stderr and exit code 2; an internal fault is exit
code 1. Each command is a module of this package with ``add_parser(sub)``, which
sets ``run(args, out)``; Qt is imported only when the window is asked for.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from typing import TextIO

from reader import __version__
from reader.cli import compare, corpus, find, gui, history, parse, provenance, trace
from reader.cli.options import ArgParser
from reader.core.errors import InputError

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1

COMMANDS = (gui, parse, compare, trace, provenance, corpus, history, find)  # in the order --help lists them


def build_parser() -> argparse.ArgumentParser:
    parser = ArgParser(
        prog="resolution-reader",
        description="Compare resolutions side by side: aligned paragraphs, word-level changes, "
        "recurring agreed language. With no command, opens the reader window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgParser)
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    stdout = out or sys.stdout
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:  # no command: the window, on the bundled corpus
            args = argparse.Namespace(left=None, right=None, smoke=False, corpus=None, quiet=False)
            return gui.run(args, stdout)
        code: int = args.run(args, stdout)
        return code
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # an internal fault: one line, not a traceback
        if os.environ.get("RESOLUTION_READER_DEBUG"):
            traceback.print_exc()
        print(f"internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
