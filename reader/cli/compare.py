"""``compare LEFT RIGHT``: two documents aligned, every aligned pair diffed, the language they share."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any, TextIO

from reader.cli.opening import load_corpus, open_index, page_progress, start_listing
from reader.cli.options import corpus_option, html_options, json_option
from reader.cli.output import emit, print_warnings
from reader.core.errors import InputError
from reader.core.model import CompareOptions
from reader.core.search.occurrences import also_in_text


def add_parser(sub: Any) -> None:
    p = sub.add_parser("compare", help="align two documents and diff every aligned pair")
    p.add_argument("left", metavar="LEFT", help="file path or corpus id/symbol")
    p.add_argument("right", metavar="RIGHT", help="file path or corpus id/symbol")
    json_option(p, "print the comparison as JSON")
    html_options(p)
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
    corpus_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    from reader.core import collector

    if args.threshold is not None and not 0 <= args.threshold <= 100:
        raise InputError("--threshold", f"must be between 0 and 100, not {args.threshold:g}")
    # Two documents, their comparison and what it prints: many objects, no cycle (``collector``).
    with collector.paused():
        return _compare(args, out)


def _compare(args: argparse.Namespace, out: TextIO) -> int:
    listed = start_listing(args.corpus)  # (a large folder is listed while the comparer is imported)
    from reader.core.compare.comparison import compare

    corpus = load_corpus(args.corpus, args.quiet, listed)
    left = corpus.load_ref(args.left, page_progress(args))
    right = corpus.load_ref(args.right, page_progress(args))
    print_warnings(args, left, right)
    options = CompareOptions(keywords=tuple(args.keyword))
    if args.threshold is not None:
        options = replace(options, threshold=args.threshold)
    index, _ = open_index(corpus, args.quiet)
    comparison = compare(left, right, options, tracer=index.tracer(aside=True))
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
        table=lambda o: print_compare_text(comparison, o),
    )


def print_compare_text(c: Any, out: TextIO) -> None:
    from reader.cli.diff import diff_text, has_changes, use_colour
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
