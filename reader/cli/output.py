"""The one way a command prints: its result on stdout (the report with ``--html``, JSON with ``--json``,
else its table), and notes and warnings on stderr, none under ``--quiet``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO


def emit(
    args: argparse.Namespace,
    out: TextIO,
    *,
    data: Callable[[], Any],
    table: Callable[[TextIO], object],
    report: Callable[[Path, bool], object] | None = None,
) -> int:
    """What a command that makes a result prints: the report with ``--html OUT`` (``report(OUT,
    force)``), its JSON with ``--json`` (``data()``), else its table; one place for all of them."""
    html = getattr(args, "html", None) if report is not None else None
    if html is not None and report is not None:
        report(html, args.force)
        if not args.json:
            note(args, f"report written to {html}", prefix="")
    if args.json:
        print_json(data(), out)
    elif html is None:
        table(out)
    return 0


def note(args: argparse.Namespace | None, text: str, prefix: str = "note: ") -> None:
    """One line on stderr (``note: …``, ``warning: …``), unless ``--quiet``."""
    if args is not None and getattr(args, "quiet", False):
        return
    print(f"{prefix}{text}", file=sys.stderr)


def warn(args: argparse.Namespace | None, text: str) -> None:
    note(args, text, prefix="warning: ")


def print_warnings(args: argparse.Namespace, *docs: Any) -> None:
    """A parser's doubts about each document, one line each on stderr; none under --quiet."""
    for doc in docs:
        for warning in doc.warnings:
            warn(args, f"{doc.display_name}: {warning}")


def print_json(data: Any, out: TextIO) -> None:
    """The text ``json.dumps(data, ensure_ascii=False, indent=2)`` gives, and a newline, from orjson.

    Floats aside (shortest round-trip either way: 1e-7 here, 1e-07 there), it is the same text; every
    source of a 10,000-document provenance check is 60 MB of JSON, which the standard library indents
    in seconds. Keys that are not strings are written as ``json`` writes them.
    """
    import orjson

    options = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_NON_STR_KEYS
    data_bytes = orjson.dumps(data, option=options)
    buffer = getattr(out, "buffer", None)
    if buffer is not None and (getattr(out, "encoding", "") or "").lower().replace("-", "") == "utf8":
        out.flush()
        buffer.write(data_bytes)  # already UTF-8: no decoding and encoding again
        buffer.flush()
    else:
        out.write(data_bytes.decode("utf-8"))
