"""``corpus list`` and ``corpus index``: the documents of the corpus (or the files skipped), its index."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from reader.cli.opening import open_corpus, open_index
from reader.cli.options import ArgParser, corpus_option, json_option
from reader.cli.output import emit, note
from reader.core.errors import InputError


def add_parser(sub: Any) -> None:
    p = sub.add_parser("corpus", help="corpus commands")
    csub = p.add_subparsers(dest="corpus_command", metavar="ACTION", parser_class=ArgParser)
    lp = csub.add_parser("list", help="list the corpus documents")
    json_option(lp, "print JSON")
    lp.add_argument(
        "--skipped",
        action="store_true",
        help="list the files that were skipped as not resolutions (reports, rules, budgets), with why",
    )
    corpus_option(lp, action=True)
    ip = csub.add_parser("index", help="build or update the search index of the corpus (Ctrl+C cancels)")
    json_option(ip, "print what was done as JSON")
    corpus_option(ip, action=True)
    corpus_option(p)
    p.set_defaults(run=run, json=False)


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.corpus_command not in ("list", "index"):
        raise InputError("corpus", "say what to do: `corpus list` or `corpus index`")
    corpus, opened = open_corpus(args.corpus, args.quiet)
    if args.corpus_command == "index":
        return _index(args, out, corpus, opened)
    if args.skipped:
        skipped = [{"path": path, "why": why.removeprefix(f"{path}: ")} for path, why in corpus.skipped]
        return emit(args, out, data=lambda: skipped, table=lambda o: _print_skipped(skipped, o))
    rows = [
        {
            "id": e.id,
            "symbol": e.symbol,
            "body": e.body,
            "title": e.title,
            "date": e.date,
            "path": str(e.path),
        }
        for e in corpus.entries
    ]
    return emit(args, out, data=lambda: rows, table=lambda o: _print_rows(rows, o))


def _index(args: argparse.Namespace, out: TextIO, corpus: Any, opened: Any) -> int:
    """Bring the index up to date; what was done goes to stderr (or stdout as JSON with --json)."""
    index, stats = open_index(corpus, args.quiet)
    index.preload()  # saves what a trace in a new process maps instead of reading from SQLite
    paragraphs = index.paragraph_count()
    index.close()
    stats = replace(
        stats,
        added=opened.added,
        updated=opened.updated,
        removed=opened.removed,
        seconds=opened.seconds,
        paragraphs=paragraphs,
    )
    said = (
        f"index up to date: {stats.files} documents "
        f"({stats.added} added, {stats.updated} updated, {stats.removed} removed, "
        f"{stats.paragraphs} paragraphs) in {stats.seconds:.1f} s"
    )
    fields = ("files", "added", "updated", "removed", "paragraphs", "seconds")
    return emit(
        args,
        out,
        data=lambda: {name: getattr(stats, name) for name in fields},
        table=lambda _: note(args, said, prefix=""),  # stdout stays empty: the index is the result
    )


def _print_skipped(skipped: list[dict[str, str]], out: TextIO) -> None:
    for s in skipped:
        out.write(f"{s['path']}  ({s['why']})\n")


def _print_rows(rows: list[dict[str, str]], out: TextIO) -> None:
    for r in rows:  # a document without a symbol (a draft) is named by its file
        name = r["symbol"] or Path(r["path"]).name
        out.write(f"{name:<12} {r['body']:<18} {r['date']:<11} {r['title']}\n")
