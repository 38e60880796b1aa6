"""``parse DOC``: a document's metadata, labelled paragraphs and footnotes, as the parser reads them."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from reader.cli.opening import load_corpus, page_progress
from reader.cli.options import corpus_option, json_option
from reader.cli.output import emit, print_warnings


def add_parser(sub: Any) -> None:
    p = sub.add_parser("parse", help="show a document's metadata, labelled paragraphs and footnotes")
    p.add_argument("doc", metavar="DOC", help="file path or corpus id/symbol")
    json_option(p)
    corpus_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    from reader.core.jsonout import document_json

    doc = load_corpus(args.corpus, args.quiet).load_ref(args.doc, page_progress(args))
    print_warnings(args, doc)
    return emit(args, out, data=lambda: document_json(doc, full=True), table=lambda o: print_document(doc, o))


def print_document(doc: Any, out: TextIO) -> None:
    md = doc.metadata
    out.write(f"{md.symbol or doc.id}  {md.body}  {md.date}\n{md.title}\n")
    out.write(f"({md.notes})\n\n" if md.notes else "\n")
    for p in doc.paragraphs:
        out.write(f"{p.label:>8}  {p.text}\n")
    if doc.footnotes:
        out.write("\nFootnotes\n")
        for f in doc.footnotes:
            out.write(f"{f.number:>8}  [{f.label or '-'}] {f.text}\n")
