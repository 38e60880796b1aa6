"""``find "TEXT"``: agreed language on demand, the adopted wordings closest to TEXT (issue 22)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from reader.cli.opening import open_corpus
from reader.cli.options import corpus_option, html_options, json_option
from reader.cli.output import emit, note


def add_parser(sub: Any) -> None:
    """The ``find`` subcommand's arguments."""
    p = sub.add_parser(
        "find", help="agreed language: the adopted wordings closest to TEXT, grouped and dated"
    )
    p.add_argument("text", metavar="TEXT", help="a sentence in your own words, a few keywords or a paragraph")
    json_option(p, "print JSON")
    html_options(p)
    p.add_argument(
        "--limit", type=int, metavar="N", default=10, help="how many families to show (default 10)"
    )
    p.add_argument(
        "--body", metavar="B", help="only wording adopted by this body (name, part of it or GA, HRC...)"
    )
    p.add_argument("--since", type=int, metavar="YEAR", help="only adoptions in YEAR or later")
    p.add_argument("--until", type=int, metavar="YEAR", help="only adoptions in YEAR or earlier")
    corpus_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    from reader.core.errors import InputError
    from reader.core.find.engine import open_for_corpus
    from reader.core.find.finder import find, parse_filters

    text = " ".join(args.text.split())
    if not text:
        raise InputError("TEXT", "is empty: give the words to find (a sentence, keywords or a paragraph)")
    if not 1 <= args.limit <= 1000:
        raise InputError("--limit", f"must be between 1 and 1000, not {args.limit}")
    corpus, _ = open_corpus(args.corpus, args.quiet)  # which says what it skipped, as for every command
    index, built = open_for_corpus(corpus)
    if built:
        note(args, f"find index built: {index.families:,} families of wording", prefix="")
    filters = parse_filters(index, args.body, args.since, args.until)
    result = find(index, text, limit=args.limit, filters=filters)
    from reader.core.find.jsonout import find_json
    from reader.core.report.find import write_find_report

    return emit(
        args,
        out,
        report=lambda path, force: write_find_report(path, result, force=force),
        data=lambda: find_json(result),
        table=lambda o: print_table(result, o),
    )


def _place(o: Any) -> str:
    return f"{o.symbol or o.id} {o.label}"


def print_table(r: Any, out: TextIO) -> None:
    if not r.results:
        out.write(f"No adopted wording found for “{r.query}”.\n")
        return
    for n, f in enumerate(r.results, 1):
        fam = f.family
        first, last = fam.first, fam.last
        years = (
            f"{first.year or '?'}" if first.year == last.year else f"{first.year or '?'}–{last.year or '?'}"
        )
        times = f"{fam.count}×"
        where = _place(first) if fam.count == 1 else f"{_place(first)} … {_place(last)}"
        out.write(f"{n:>2}. {f.score:5.1f}  {times:>5}  {years:<9}  {where}\n")
        out.write(f"    {f.text}\n\n")
