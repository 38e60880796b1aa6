"""Property tests of the series linking: for any series, every paragraph of every document belongs
to exactly one lineage, versions follow each other, and diffs are lossless."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import documents

from reader.core.compare.diff import new_text, old_text
from reader.core.history.lineage import link_series
from reader.core.history.model import VERSION_KINDS
from reader.core.model import Document

SETTINGS = settings(deadline=None, max_examples=60)


@st.composite
def series(draw: st.DrawFn) -> list[Document]:
    """Two to five documents; each later one often a revision of an earlier one (not only the last)."""
    docs = [draw(documents("d0"))]
    for k in range(1, draw(st.integers(2, 5))):
        doc = draw(documents(f"d{k}"))
        if draw(st.booleans()):
            base = docs[draw(st.integers(0, k - 1))]
            keep = draw(st.lists(st.sampled_from(base.paragraphs), max_size=12)) if base.paragraphs else []
            doc = Document(doc.id, doc.path, doc.metadata, tuple(keep) + doc.paragraphs)
        docs.append(doc)
    return docs


@SETTINGS
@given(series())
def test_every_paragraph_in_exactly_one_lineage(docs: list[Document]) -> None:
    h = link_series(docs)
    for k, doc in enumerate(docs):
        seen = [p for lin in h.lineages if (v := lin.versions[k]) is not None for p in v.paragraphs]
        assert sorted(seen) == list(range(len(doc.paragraphs)))
    for n, lin in enumerate(h.lineages):
        assert len(lin.versions) == len(docs)
        present = lin.present
        assert present, "a lineage with no version"
        assert present[0].kind == "origin" and present[0].previous is None
        for prev, v in itertools.pairwise(present):
            assert v.kind in VERSION_KINDS and v.kind != "origin"
            assert v.previous == prev.document
            assert old_text(v.diff) == prev.text and new_text(v.diff) == v.text
            assert 0.0 <= v.score <= 100.0
        for v in present:
            assert v.labels == tuple(docs[v.document].paragraphs[i].label for i in v.paragraphs)
            assert v.split_from is None or (v.split_from != n and 0 <= v.split_from < len(h.lineages))
            assert n not in v.merged_from
