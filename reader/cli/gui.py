"""``gui [LEFT RIGHT]``: the reader window (also what no command at all opens); Qt is imported only here."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from reader.cli.options import corpus_option
from reader.core.errors import InputError


def add_parser(sub: Any) -> None:
    p = sub.add_parser("gui", help="open the reader window (optionally on LEFT and RIGHT)")
    p.add_argument("left", nargs="?", metavar="LEFT", help="file path or corpus id/symbol, e.g. 60/212")
    p.add_argument("right", nargs="?", metavar="RIGHT", help="file path or corpus id/symbol, e.g. 62/209")
    p.add_argument("--smoke", action="store_true", help="open the pair, paint it once and exit (self-test)")
    corpus_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    if (args.left is None) != (args.right is None):
        raise InputError("gui", "give both LEFT and RIGHT, or neither")
    from reader.gui.app import run_gui

    return run_gui(args.left, args.right, corpus_dirs=args.corpus, smoke=args.smoke)
