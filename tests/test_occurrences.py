"""'Also in' said in one line: one entry per document, the first named, the rest counted."""

from __future__ import annotations

from pathlib import Path

from benchmarks import synth
from reader.core.compare.comparison import compare
from reader.core.corpus.collection import Corpus
from reader.core.model import CompareOptions, Occurrence
from reader.core.report import render_html
from reader.core.search.index import CorpusIndex
from reader.core.search.occurrences import places
from reader.core.search.trace import trace


def _occurrences(phrase: str, corpus: Corpus) -> list[Occurrence]:
    return [
        Occurrence(h.doc_id, h.symbol, h.year, h.label, h.score)
        for h in trace(phrase, list(corpus.documents()))
    ]


def test_one_entry_per_document_with_its_labels_in_trace_order() -> None:
    occ = _occurrences("South-South cooperation", Corpus.bundled())
    documents = list(dict.fromkeys(o.doc_id for o in occ))
    assert len(occ) > 20 and len(documents) == 4  # many paragraphs of four of the five seeds
    everything = places(occ, None)
    assert everything.more == 0
    assert len(everything.named) == len(documents)
    first = everything.named[0]
    assert first.startswith(f"{occ[0].symbol} ({occ[0].year}) {occ[0].label}")
    labels_57 = [o.label for o in occ if o.symbol == "57/263"]
    entry_57 = next(e for e in everything.named if e.startswith("57/263 (2002) "))
    assert entry_57 == "57/263 (2002) " + ", ".join(dict.fromkeys(labels_57))


def test_beyond_the_limit_documents_are_counted_not_named() -> None:
    occ = _occurrences("South-South cooperation", Corpus.bundled())
    two = places(occ, 2)
    assert len(two.named) == 2 and two.more == 2
    assert two.text().endswith("; and 2 more documents")
    assert places(occ, 3).text().endswith("; and 1 more document")
    assert "more" not in places(occ, 4).text()
    bare = places(occ, 2, labels=False)
    assert all(e.endswith(")") for e in bare.named)  # "57/263 (2002)": no labels
    assert places([], 3).text() == ""


def test_report_of_a_large_corpus_names_a_dozen_documents_per_phrase(tmp_path: Path) -> None:
    """Built from the seeds, a synthetic corpus repeats their agreed language in most documents:
    the report must stay readable and small, not list every one."""
    generated = synth.generate(60, seed=3, out_dir=tmp_path / "synth")
    corpus = Corpus.load([generated.folder])
    seeds = Corpus.bundled()
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(corpus)
        c = compare(
            seeds.load_ref("60/212"), seeds.load_ref("62/209"), CompareOptions(), tracer=index.tracer()
        )
    busiest = max(c.shared_phrases, key=lambda ph: len({o.doc_id for o in ph.also_in}))
    documents = len({o.doc_id for o in busiest.also_in})
    assert documents > 20
    html = render_html(c)
    line = places(busiest.also_in).text()
    assert f"and {documents - 12} more documents" in line
    assert line in html
    assert html.count("more documents") >= 1
    assert len(html) < 200_000
