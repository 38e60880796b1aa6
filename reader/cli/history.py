"""``history DOC... [--json] [--html OUT]``: a series' paragraphs across the years (DESIGN.md).

One DOC: its series is found in the corpus and listed (with the reasons) before
the result. Several: taken as given, put in date order. Plain output is a table
with one column per document and one row per lineage.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from reader.cli.opening import load_corpus, open_index, page_progress
from reader.cli.options import corpus_option, html_options, json_option
from reader.cli.output import emit, note
from reader.core.errors import InputError


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "history",
        help="a series across years: every paragraph's versions (one DOC: find its series in the corpus)",
    )
    p.add_argument("docs", nargs="+", metavar="DOC", help="file path or corpus id/symbol, e.g. 57/263")
    json_option(p)
    html_options(p)
    p.add_argument(
        "--series-limit",
        type=int,
        metavar="N",
        help="one DOC: keep at most N other documents of the series found, best ranked (default 20)",
    )
    corpus_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    from reader.core.history.export import history_json
    from reader.core.history.order import build_history
    from reader.core.history.series import DEFAULT_LIMIT, SeriesSearch, find_series

    search: SeriesSearch | None = None
    limit = DEFAULT_LIMIT if args.series_limit is None else args.series_limit
    if limit < 1:
        raise InputError("--series-limit", f"must be 1 or more, not {limit}")
    corpus = load_corpus(args.corpus, args.quiet)
    if len(args.docs) == 1:
        target = corpus.load_ref(args.docs[0], page_progress(args))
        index, _ = open_index(corpus, args.quiet)
        try:
            search = find_series(corpus, target, index=index, limit=limit)
        finally:
            index.close()
        listing = series_listing(search)
        if not (args.json or args.html):
            out.write(listing)
        elif not args.quiet:  # the JSON or the report holds the series; the reasons are for a reader
            sys.stderr.write(listing)
        if not search.members:
            raise InputError(
                target.display_name,
                "no other document of its series was found in the corpus (same body, a similar title "
                "or a citation, and distinctive text in common); give the documents explicitly",
            )
        docs = list(search.documents)
    else:
        docs = [corpus.load_ref(ref, page_progress(args)) for ref in args.docs]
    history = build_history(docs)
    for said in history.notes:
        note(args, said)
    from reader.cli.diff import use_colour
    from reader.core.report.history import write_history_report

    def table(o: TextIO) -> None:
        o.write(history_table(history))
        o.write(history_changes(history, use_colour(o)))

    return emit(
        args,
        out,
        report=lambda path, force: write_history_report(path, history, search, force=force),
        data=lambda: history_json(history, search),
        table=table,
    )


def series_listing(search: Any) -> str:
    """What was found for a lone DOC, and why: printed before the result."""
    lines = [f"Series of {search.target.display_name} found in the corpus:"]
    for f in search.members:
        md = f.document.metadata
        lines.append(f"  {f.document.display_name:<12} {md.date or 'no date':<11} {'; '.join(f.reasons)}")
    if not search.members:
        lines.append("  (none)")
    for f in search.left_out:
        lines.append(f"  left out {f.document.display_name}: {'; '.join(f.reasons)}")
    for problem in search.problems:
        lines.append(f"  could not read {problem}")
    return "\n".join(lines) + "\n\n"


def history_table(history: Any) -> str:
    """One column per document (symbol and year), one row per lineage; cells: label and kind mark."""
    from reader.core.history.model import KIND_MARKS

    heads = [f"{d.display_name} {d.metadata.year or ''}".strip() for d in history.documents]
    rows = [
        [
            f"{','.join(v.labels)} {KIND_MARKS[v.kind]}" if v is not None else KIND_MARKS["absent"]
            for v in lin.versions
        ]
        for lin in history.lineages
    ]
    widths = [max([len(h)] + [len(r[c]) for r in rows]) for c, h in enumerate(heads)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*heads), fmt.format(*("-" * w for w in widths))]
    lines += [fmt.format(*r).rstrip() for r in rows]
    legend = "   ".join(f"{m} {k}" for k, m in KIND_MARKS.items())
    changed = sum(1 for lin in history.lineages if lin.changed)
    lines += ["", f"{len(history.lineages)} lineages, {changed} changed.   {legend}"]
    return "\n".join(lines) + "\n"


def history_changes(history: Any, colour: bool) -> str:
    """Every changed version with its word changes from the previous version, row by row of the table."""
    from reader.cli.diff import diff_text, has_changes
    from reader.core.history.model import KIND_MARKS

    docs = history.documents
    lines: list[str] = []
    for lin in history.lineages:
        for v in lin.versions:
            if v is None or v.previous is None or not has_changes(v.diff):
                continue
            before = lin.versions[v.previous]
            was = f"{','.join(before.labels)} {docs[v.previous].display_name}" if before else "?"
            now = f"{','.join(v.labels)} {docs[v.document].display_name}"
            lines.append(f"{was} → {now}  {KIND_MARKS[v.kind]} {v.kind} {v.score:.1f}")
            lines += [f"    {line}" for line in diff_text(v.diff, colour).splitlines()]
            lines.append("")
    if not lines:
        return ""
    key = "red: deleted, green: inserted" if colour else "[-deleted-]{+inserted+}"
    return f"\nWord changes ({key})\n\n" + "\n".join(lines)
