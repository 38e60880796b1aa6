"""Command line (DESIGN.md contract): gui, parse, compare, trace, corpus list.

Bad input is one sentence on stderr and exit code 2; an internal fault is exit
code 1. Qt is imported only when the window is asked for.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from reader import __version__
from reader.core.corpus.occurrences import also_in_text
from reader.core.errors import InputError
from reader.core.model import CompareOptions

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one sentence (exit 2) like every other bad input."""

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        raise InputError(self.prog, message)


def _corpus_option(p: argparse.ArgumentParser, *, action: bool = False) -> None:
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
        help="no progress or summary while reading the corpus",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="resolution-reader",
        description="Compare resolutions side by side: aligned paragraphs, word-level changes, "
        "recurring agreed language. With no command, opens the reader window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("gui", help="open the reader window (optionally on LEFT and RIGHT)")
    p.add_argument("left", nargs="?", metavar="LEFT", help="file path or corpus id/symbol, e.g. 60/212")
    p.add_argument("right", nargs="?", metavar="RIGHT", help="file path or corpus id/symbol, e.g. 62/209")
    p.add_argument("--smoke", action="store_true", help="open the pair, paint it once and exit (self-test)")
    _corpus_option(p)

    p = sub.add_parser("parse", help="show a document's metadata, labelled paragraphs and footnotes")
    p.add_argument("doc", metavar="DOC", help="file path or corpus id/symbol")
    p.add_argument("--json", action="store_true", help="print JSON (the shape in docs/json.md)")
    _corpus_option(p)

    p = sub.add_parser("compare", help="align two documents and diff every aligned pair")
    p.add_argument("left", metavar="LEFT", help="file path or corpus id/symbol")
    p.add_argument("right", metavar="RIGHT", help="file path or corpus id/symbol")
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    p.add_argument("--html", metavar="OUT", type=Path, help="write a self-contained HTML report to OUT")
    p.add_argument("--force", action="store_true", help="replace OUT if it already exists")
    p.add_argument("--redline", action="store_true", help="single-column redline layout for --html")
    p.add_argument(
        "--keyword", "-k", metavar="K", action="append", default=[], help="highlight K (repeatable)"
    )
    p.add_argument(
        "--threshold",
        type=float,
        metavar="N",
        help=f"similarity threshold 0-100 (default {CompareOptions().threshold:g}): "
        "a pair scoring below it is shown as removed + added, but for a paragraph that kept its "
        "place, paired a little below it (from 28 at 40, 52 at 60, 88 at 90, 100 at 100)",
    )
    _corpus_option(p)

    p = sub.add_parser("trace", help="find a phrase, fuzzily, in every corpus document")
    p.add_argument("phrase", metavar="PHRASE")
    p.add_argument("--json", action="store_true", help="print JSON (the shape in docs/json.md)")
    p.add_argument("--min-score", type=float, metavar="N", help="lowest score 0-100 to report")
    _corpus_option(p)

    from reader.cli_provenance import add_parser as add_provenance_parser

    add_provenance_parser(sub, _corpus_option)

    p = sub.add_parser("corpus", help="corpus commands")
    csub = p.add_subparsers(dest="corpus_command", metavar="ACTION", parser_class=_Parser)
    lp = csub.add_parser("list", help="list the corpus documents")
    lp.add_argument("--json", action="store_true", help="print JSON")
    lp.add_argument(
        "--skipped",
        action="store_true",
        help="list the files that were skipped as not resolutions (reports, rules, budgets), with why",
    )
    _corpus_option(lp, action=True)
    ip = csub.add_parser("index", help="build or update the search index of the corpus (Ctrl+C cancels)")
    _corpus_option(ip, action=True)
    _corpus_option(p)

    from reader.cli_history import add_history_parser

    add_history_parser(sub, _corpus_option)

    from reader.cli_find import add_parser as add_find_parser

    add_find_parser(sub, _corpus_option)
    return parser


def _load_corpus(dirs: Sequence[Path] | None, quiet: bool = False) -> Any:
    return _open_corpus(dirs, quiet)[0]


def _open_corpus(dirs: Sequence[Path] | None, quiet: bool = False) -> tuple[Any, Any]:
    """The corpus from its store: only new or changed files are parsed (in parallel, with progress)."""
    from reader.core.corpus.progress import ConsoleProgress
    from reader.core.corpus.sync import open_corpus
    from reader.core.paths import bundled_corpus_dir

    for d in dirs or ():
        if not d.is_dir():
            raise InputError(d, "is not a folder")
    progress = ConsoleProgress(quiet=quiet)
    corpus, stats = open_corpus(list(dirs) if dirs else [bundled_corpus_dir()], progress=progress)
    progress.finish(stats.parsed, stats.files, stats.seconds)
    if not quiet:
        if stats.in_memory:
            print(f"warning: {stats.in_memory}", file=sys.stderr)
        _report_problems(corpus)
    return corpus, stats


def page_progress(args: argparse.Namespace) -> Any:
    """A progress bar for the pages of a long PDF given as a file (on a terminal; Ctrl+C cancels)."""
    from reader.core.corpus.progress import ConsoleProgress

    return ConsoleProgress(label="Reading", unit="pages", quiet=getattr(args, "quiet", False))


def emit(
    args: argparse.Namespace,
    out: TextIO,
    *,
    report: Callable[[Path, bool], object],
    data: Callable[[], Any],
    table: Callable[[TextIO], object],
) -> int:
    """What a command that makes a result prints: the report with ``--html OUT`` (``report(OUT,
    force)``), its JSON with ``--json`` (``data()``), else its table; one place for all of them."""
    if args.html is not None:
        report(args.html, args.force)
        if not args.json:
            print(f"report written to {args.html}", file=sys.stderr)
    if args.json:
        _print_json(data(), out)
    elif args.html is None:
        table(out)
    return 0


def _print_json(data: Any, out: TextIO) -> None:
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


def _print_warnings(args: argparse.Namespace, *docs: Any) -> None:
    """A parser's doubts about each document, one line each on stderr; none under --quiet."""
    if getattr(args, "quiet", False):
        return
    for doc in docs:
        for warning in doc.warnings:
            print(f"warning: {doc.display_name}: {warning}", file=sys.stderr)


def _cmd_parse(args: argparse.Namespace, out: TextIO) -> int:
    from reader.core.jsonout import document_json

    doc = _load_corpus(args.corpus, args.quiet).load_ref(args.doc, page_progress(args))
    _print_warnings(args, doc)
    if args.json:
        _print_json(document_json(doc, full=True), out)
        return 0
    md = doc.metadata
    out.write(f"{md.symbol or doc.id}  {md.body}  {md.date}\n{md.title}\n")
    out.write(f"({md.notes})\n\n" if md.notes else "\n")
    for p in doc.paragraphs:
        out.write(f"{p.label:>8}  {p.text}\n")
    if doc.footnotes:
        out.write("\nFootnotes\n")
        for f in doc.footnotes:
            out.write(f"{f.number:>8}  [{f.label or '-'}] {f.text}\n")
    return 0


def _cmd_compare(args: argparse.Namespace, out: TextIO) -> int:
    from reader.core import collector

    if args.threshold is not None and not 0 <= args.threshold <= 100:
        raise InputError("--threshold", f"must be between 0 and 100, not {args.threshold:g}")
    # Two documents, their comparison and what it prints: many objects, no cycle (``collector``).
    with collector.paused():
        return _compare(args, out)


def _compare(args: argparse.Namespace, out: TextIO) -> int:
    from reader.core.compare.comparison import compare

    corpus = _load_corpus(args.corpus, args.quiet)
    left = corpus.load_ref(args.left, page_progress(args))
    right = corpus.load_ref(args.right, page_progress(args))
    _print_warnings(args, left, right)
    options = CompareOptions(keywords=tuple(args.keyword))
    if args.threshold is not None:
        options = replace(options, threshold=args.threshold)
    index, _ = _open_index(corpus)
    comparison = compare(left, right, options, tracer=index.tracer())
    index.close()
    from reader.core.compare.keywords import Keyword
    from reader.core.jsonout import comparison_json
    from reader.core.report import Layout, write_report

    layout: Layout = "redline" if args.redline else "side-by-side"
    return emit(
        args,
        out,
        report=lambda path, force: write_report(
            path, comparison, force=force, layout=layout, keywords=[Keyword(k) for k in args.keyword]
        ),
        data=lambda: comparison_json(comparison),
        table=lambda o: _print_compare_text(comparison, o),
    )


def _print_compare_text(c: Any, out: TextIO) -> None:
    from reader.cli_diff import diff_text, has_changes, use_colour
    from reader.core.compare.summary import summarize

    colour = use_colour(out)
    left, right = c.left, c.right
    out.write(f"{left.display_name}  ⟷  {right.display_name}   (threshold {c.options.threshold:g})\n\n")
    for pair, ops in zip(c.alignment.pairs, c.diffs, strict=True):
        ll = ",".join(left.paragraphs[i].label for i in pair.left) or "-"
        rl = ",".join(right.paragraphs[i].label for i in pair.right) or "-"
        out.write(f"{ll:>14}  {rl:<14} {pair.kind:<10} {pair.score:5.1f}\n")
        if has_changes(ops):  # the word changes under the row (the whole text of an added or removed one)
            out.write(_indented(diff_text(ops, colour)))
    s = summarize(c)
    counts = ", ".join(f"{k} {v}" for k, v in s.counts.items())
    out.write(f"\n{counts}; reused text {s.reused_share:.0%}\n")
    if c.shared_phrases:
        from reader.core.compare.printed import right_wordings

        out.write(f"\nRecurring language (as printed in {left.display_name})\n")
        for ph in c.shared_phrases:
            also = also_in_text(ph.also_in, ph.word_for_word)
            out.write(f"  “{ph.text}”" + (f"  also in {also}" if also else "") + "\n")
            for other in right_wordings(left, right, ph):  # quotes hold one document's words only
                out.write(f"      {right.display_name} prints: “{other}”\n")


def _indented(text: str, margin: str = " " * 16) -> str:
    """``text`` under a table row, every line of it indented, then a blank line."""
    return "".join(f"{margin}{line}\n" for line in text.splitlines()) + "\n"


def _open_index(corpus: Any) -> tuple[Any, Any]:
    """The corpus index, brought up to date; progress on a terminal; Ctrl+C rolls back cleanly."""
    from reader.core.corpus.index import CorpusIndex, open_updated
    from reader.core.corpus.store import console_progress

    try:
        index, stats = open_updated(corpus, progress=console_progress())
    except InputError as exc:  # no usable cache folder: index in memory for this run
        print(f"warning: {exc}; indexing in memory", file=sys.stderr)
        index = CorpusIndex.open(None)
        stats = index.update(corpus, console_progress())
    for problem in stats.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return index, stats


def _cmd_trace(args: argparse.Namespace, out: TextIO) -> int:
    from reader.core.jsonout import trace_json

    phrase = " ".join(args.phrase.split())
    if len(phrase.split()) < 2:
        raise InputError("PHRASE", "give at least two words to trace")
    if args.min_score is not None and not 0 <= args.min_score <= 100:
        raise InputError("--min-score", f"must be between 0 and 100, not {args.min_score:g}")
    corpus = _load_corpus(args.corpus, args.quiet)
    index, _ = _open_index(corpus)
    kwargs = {} if args.min_score is None else {"min_score": args.min_score}
    hits = index.trace_once(phrase, **kwargs)
    index.close()
    if args.json:
        _print_json(trace_json(phrase, hits), out)
        return 0
    if not hits:
        out.write(f"“{phrase}” was not found in the corpus.\n")
    for h in hits:
        out.write(f"{h.symbol:<12} {h.year or '':<6} {h.label:<8} {h.score:5.1f}  {h.text}\n")
    return 0


def _cmd_corpus(args: argparse.Namespace, out: TextIO) -> int:
    if args.corpus_command not in ("list", "index"):
        raise InputError("corpus", "say what to do: `corpus list` or `corpus index`")
    corpus, opened = _open_corpus(args.corpus, args.quiet)
    if args.corpus_command == "index":
        index, stats = _open_index(corpus)
        index.preload()  # saves what a trace in a new process maps instead of reading from SQLite
        index.close()
        stats = replace(
            stats, added=opened.added, updated=opened.updated, removed=opened.removed, seconds=opened.seconds
        )
        print(
            f"index up to date: {stats.files} documents "
            f"({stats.added} added, {stats.updated} updated, {stats.removed} removed, "
            f"{stats.paragraphs} paragraphs) in {stats.seconds:.1f} s",
            file=sys.stderr,
        )
        return 0
    if args.skipped:
        skipped = [{"path": path, "why": why.removeprefix(f"{path}: ")} for path, why in corpus.skipped]
        if args.json:
            _print_json(skipped, out)
        for s in [] if args.json else skipped:
            out.write(f"{s['path']}  ({s['why']})\n")
        return 0
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
    if args.json:
        _print_json(rows, out)
        return 0
    for r in rows:  # a document without a symbol (a draft) is named by its file
        name = r["symbol"] or Path(r["path"]).name
        out.write(f"{name:<12} {r['body']:<18} {r['date']:<11} {r['title']}\n")
    return 0


def _report_problems(corpus: Any) -> None:
    """Each problem with a file on its own line; the files that are not resolutions in one line."""
    for problem in corpus.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if corpus.skipped:
        n = len(corpus.skipped)
        files = f"{n:,} files are" if n != 1 else "1 file is"
        print(f"note: {files} not resolutions; `corpus list --skipped` names them", file=sys.stderr)


def _cmd_history(args: argparse.Namespace, out: TextIO) -> int:
    from reader.cli_history import run_history

    return run_history(args, out, _load_corpus(args.corpus, args.quiet))


def _cmd_gui(args: argparse.Namespace) -> int:
    if (args.left is None) != (args.right is None):
        raise InputError("gui", "give both LEFT and RIGHT, or neither")
    from reader.gui.app import run_gui

    return run_gui(args.left, args.right, corpus_dirs=args.corpus, smoke=args.smoke)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    stdout = out or sys.stdout
    try:
        args = build_parser().parse_args(argv)
        if args.command in (None, "gui"):
            if args.command is None:
                args = argparse.Namespace(left=None, right=None, smoke=False, corpus=None)
            return _cmd_gui(args)
        handler = {"parse": _cmd_parse, "compare": _cmd_compare, "trace": _cmd_trace, "corpus": _cmd_corpus}
        handler["history"] = _cmd_history
        if args.command == "provenance":
            from reader.cli_provenance import run as run_provenance

            return run_provenance(args, stdout)
        if args.command == "find":
            from reader.cli_find import run as run_find

            return run_find(args, stdout)
        return handler[args.command](args, stdout)
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
