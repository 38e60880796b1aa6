"""``trace "PHRASE"``: the phrase, found fuzzily, in every corpus document (by the corpus index)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from reader.cli.opening import corpus_store_path, open_corpus, open_index, start_listing
from reader.cli.options import corpus_option, json_option
from reader.cli.output import emit
from reader.core.errors import InputError


def add_parser(sub: Any) -> None:
    p = sub.add_parser("trace", help="find a phrase, fuzzily, in every corpus document")
    p.add_argument("phrase", metavar="PHRASE")
    json_option(p)
    p.add_argument("--min-score", type=float, metavar="N", help="lowest score 0-100 to report")
    corpus_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    from reader.core.jsonout import trace_json
    from reader.core.search.early import answer_while_checking

    phrase = " ".join(args.phrase.split())
    if len(phrase.split()) < 2:
        raise InputError("PHRASE", "give at least two words to trace")
    if args.min_score is not None and not 0 <= args.min_score <= 100:
        raise InputError("--min-score", f"must be between 0 and 100, not {args.min_score:g}")
    kwargs = {} if args.min_score is None else {"min_score": args.min_score}
    listed = start_listing(args.corpus)
    store = corpus_store_path(args.corpus)

    def fresh() -> tuple[Any, Any]:
        corpus, stats = open_corpus(args.corpus, args.quiet, listed)
        return open_index(corpus, args.quiet)[0], stats.changes

    def ask(index: Any) -> Any:
        return index.trace_placed(phrase, **kwargs)

    def catch_up(index: Any, earlier: Any, changes: Any) -> Any:
        return index.trace_after(earlier, changes.dropped, changes.added, phrase, **kwargs)

    answered = answer_while_checking(store, ask, fresh, catch_up)
    hits = [hit for _, _, hit in answered.answer]
    answered.index.close()
    return emit(args, out, data=lambda: trace_json(phrase, hits), table=lambda o: print_hits(phrase, hits, o))


def print_hits(phrase: str, hits: Any, out: TextIO) -> None:
    if not hits:
        out.write(f"“{phrase}” was not found in the corpus.\n")
    for h in hits:
        out.write(f"{h.symbol:<12} {h.year or '':<6} {h.label:<8} {h.score:5.1f}  {h.text}\n")
