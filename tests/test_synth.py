"""The synthetic corpus must be reproducible, parse as written, and hold what it claims to hold."""

from __future__ import annotations

import re
from pathlib import Path

from benchmarks import synth
from reader.core.corpus.collection import Corpus
from reader.core.ingest.parse import parse_text


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    a = synth.generate(25, seed=3, out_dir=tmp_path / "a")
    b = synth.generate(25, seed=3, out_dir=tmp_path / "b")
    c = synth.generate(25, seed=4, out_dir=tmp_path / "c")
    assert _files(a.folder) == _files(b.folder)
    assert _files(a.folder).keys() == _files(c.folder).keys()  # names come from the index alone
    assert _files(a.folder) != _files(c.folder)
    # Document i does not depend on N: a small corpus is the start of a larger one.
    small = synth.generate(10, seed=3, out_dir=tmp_path / "small")
    assert small.docs == a.docs[:10]
    # A cached corpus is reused as it is.
    assert synth.generate(25, seed=3, out_dir=tmp_path / "a") == a


def test_generated_documents_parse_to_the_paragraphs_written(tmp_path: Path) -> None:
    generated = synth.generate(40, seed=11, out_dir=tmp_path)
    corpus = Corpus.load([generated.folder])
    assert corpus.problems == []
    assert [e.id for e in corpus.entries] == [d.id for d in generated.docs]
    bodies = set()
    for expected in generated.docs:
        doc = corpus.document(expected.id)
        assert [(p.label, p.text) for p in doc.paragraphs] == [(p.label, p.text) for p in expected.paragraphs]
        assert (doc.metadata.symbol, doc.metadata.date) == (expected.symbol, expected.date)
        assert 1990 <= (doc.metadata.year or 0) <= 2025
        bodies.add(doc.metadata.body)
        assert any(p.label.startswith("PP") for p in doc.paragraphs)
        assert any(p.label.startswith("OP") for p in doc.paragraphs)
    assert bodies == {"General Assembly", "ECLAC"}
    symbols = [d.symbol for d in generated.docs]
    assert len(set(symbols)) == len(symbols)


def test_planted_phrases_are_where_the_ground_truth_says(tmp_path: Path) -> None:
    generated = synth.generate(60, seed=5, out_dir=tmp_path)
    corpus = Corpus.load([generated.folder])
    total = exact = 0
    for planting in generated.planted:
        canonical = next(p for p in synth.PLANTED_PHRASES if synth.query_of(p) == planting.phrase)
        for doc_id, label, variant in planting.where:
            doc = corpus.document(doc_id)
            para = doc.paragraphs[doc.index_of(label)]
            body = variant.split(" ", 1)[1]  # the leading verb may be lower-cased when appended
            assert _squash(body) in _squash(para.text), (doc_id, label)
            total += 1
            exact += variant == canonical
            # A variant differs from the canonical phrase by at most two words.
            assert abs(len(variant.split()) - len(canonical.split())) <= 2
    assert total >= 30
    assert 0 < exact < total  # both exact and fuzzy plantings


def test_long_pair_is_two_versions_of_one_long_text() -> None:
    left_text, right_text = synth.long_pair(60, seed=2)
    left, right = parse_text(left_text), parse_text(right_text)
    assert len(left.paragraphs) == 60
    assert 45 <= len(right.paragraphs) <= 75
    assert synth.long_pair(60, seed=2) == (left_text, right_text)
    same = {p.text for p in left.paragraphs} & {p.text for p in right.paragraphs}
    assert 0.5 * len(left.paragraphs) <= len(same) < len(left.paragraphs)
