"""``provenance DRAFT``: where each paragraph of a draft comes from (agreed, adapted or new)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from reader.cli.opening import load_corpus, open_index, page_progress
from reader.cli.options import corpus_option, html_options, json_option
from reader.cli.output import emit, note


def add_parser(sub: Any) -> None:
    """The ``provenance`` subcommand's arguments."""
    p = sub.add_parser(
        "provenance", help="where each paragraph of a draft comes from: agreed, adapted or new"
    )
    p.add_argument("draft", metavar="DRAFT", help="file path or corpus id/symbol of the draft")
    json_option(p)
    html_options(p)
    p.add_argument(
        "--min-score", type=float, metavar="N", help="lowest paragraph score 0-100 for a source (default 45)"
    )
    p.add_argument(
        "--max-sources",
        type=int,
        metavar="N",
        help="list at most N sources per paragraph, best first (0: every one). Default: --json lists "
        "every source; the table shows the best, the HTML report the best 12 and how many more. "
        "source_count, the statuses and the oldest source always count them all",
    )
    corpus_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    from reader.core.errors import InputError
    from reader.core.provenance.check import DEFAULT_MAX_SOURCES, DEFAULT_MIN_SCORE, check_draft
    from reader.core.provenance.earlier import earlier_documents

    min_score = DEFAULT_MIN_SCORE if args.min_score is None else args.min_score
    if not 0 <= min_score <= 100:
        raise InputError("--min-score", f"must be between 0 and 100, not {min_score:g}")
    max_sources = _max_sources(args, DEFAULT_MAX_SOURCES)
    if max_sources < 0:
        raise InputError("--max-sources", f"must be 0 (every source) or more, not {max_sources}")
    corpus = load_corpus(args.corpus, args.quiet)
    draft = corpus.load_ref(args.draft, page_progress(args))  # a corpus file keeps its catalogue's facts
    if not draft.paragraphs:
        raise InputError(args.draft, "has no resolution paragraphs to check")
    earlier = earlier_documents(draft, corpus.entries)  # nothing to compare with: say so before indexing
    index, _ = open_index(corpus, args.quiet)
    try:
        result = check_draft(
            draft, corpus, index=index, min_score=min_score, max_sources=max_sources, earlier=earlier
        )
    finally:
        index.close()
    for left_out in result.left_out:
        note(args, left_out)
    from reader.core.provenance.jsonout import provenance_json
    from reader.core.report.provenance import write_provenance_report

    return emit(
        args,
        out,
        report=lambda path, force: write_provenance_report(path, result, force=force),
        data=lambda: provenance_json(result),
        table=lambda o: print_table(result, o),
    )


def _max_sources(args: argparse.Namespace, shown_in_report: int) -> int:
    """Sources to list per paragraph: every one for ``--json`` (DESIGN.md: "the best-matching
    paragraph of each document that reaches the threshold"), unless ``--max-sources`` says;
    the report's share otherwise, and only the best for the table, which prints no more."""
    if args.max_sources is not None:
        return int(args.max_sources)
    if args.json:
        return 0
    return shown_in_report if args.html is not None else 1


def print_table(r: Any, out: TextIO) -> None:
    md = r.draft.metadata
    name = md.symbol or r.draft.id
    n = r.compared
    out.write(f"{name}  {md.title}  {md.date}\n")
    out.write(
        f"compared with {n:,} earlier document{'s' if n != 1 else ''}; "
        f"sources score at least {r.min_score:g}\n\n"
    )
    head = f"{'label':<9} {'status':<8} {'source':<24} {'year':<5} {'score':>5} {'sources':>7}  {'earliest'}"
    out.write(head + "\n")
    for p in r.paragraphs:
        b = p.best
        src = f"{b.doc.name} {b.label}" if b else "-"
        year = str(b.doc.year or "") if b else ""
        score = f"{b.score:5.1f}" if b else "    -"
        e = p.earliest
        earliest = f"{e.doc.name} {e.label} ({e.doc.year or '?'})" if e and e is not b else ""
        count = f"{p.source_count:>7,}" if p.source_count else "      -"
        row = f"{p.label:<9} {p.status:<8} {src:<24} {year:<5} {score} {count}  {earliest}"
        out.write(row.rstrip() + "\n")
    out.write(f"\n{r.summary.sentence()}\n")
