"""The corpus index's provenance tables: saved and read back, copies scored once, letters summed per word.

``reader.core.provenance.similar`` narrows the candidates with facts derived per
index generation and saved beside the index file; these tests hold those
facts to what they stand for, and the result to the full scan's.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from benchmarks import synth
from reader.core.corpus.collection import Corpus
from reader.core.ingest.parse import load_document
from reader.core.paths import bundled_corpus_dir
from reader.core.provenance import similar
from reader.core.provenance.check import check_draft
from reader.core.provenance.finder import agreed_key
from reader.core.search import sidecar
from reader.core.search.index import CorpusIndex


def _undated_draft(corpus: Corpus, folder: Path) -> Path:
    """The last document's paragraphs as a draft without date or symbol: compared with every document."""
    doc = corpus.document(corpus.entries[-1])
    pp = [p.text for p in doc.paragraphs if p.label.startswith("PP")]
    op = [p.text for p in doc.paragraphs if p.label.startswith("OP") and "(" not in p.label]
    body = "\n\n".join([*pp, *(f"{n}. {t}" for n, t in enumerate(op, start=1))])
    path = folder / "draft.txt"
    path.write_text(f"Draft resolution\n\nThe General Assembly,\n\n{body}\n", encoding="utf-8")
    return path


def test_tables_read_back_from_the_saved_file_give_the_full_scan_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = synth.generate(120, seed=7, out_dir=tmp_path / "synth")
    corpus = Corpus.load([made.folder])
    draft = load_document(_undated_draft(corpus, tmp_path))
    db = tmp_path / "index.sqlite3"
    scanned = check_draft(draft, corpus, min_score=40.0)
    assert sum(p.source_count for p in scanned.paragraphs) > 300  # copies of one paragraph abound
    with CorpusIndex.open(db) as index:
        index.update(corpus)
        derived = check_draft(draft, corpus, index=index, min_score=40.0)  # derives and saves
    assert sidecar.path_of(db, "scoring").is_file()
    similar._cache.clear()  # as in a new process: the tables come from the file, not derived
    monkeypatch.setattr(similar, "_derive", lambda *_: pytest.fail("derived again"))
    with CorpusIndex.open(db) as index:
        loaded = check_draft(draft, corpus, index=index, min_score=40.0)
    assert derived == scanned
    assert loaded == scanned


def test_paragraphs_with_the_same_scoring_words_share_their_first_copy(tmp_path: Path) -> None:
    made = synth.generate(60, seed=3, out_dir=tmp_path / "synth")
    corpus = Corpus.load([made.folder])
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(corpus)
        with index.reading() as (conn, snap):
            t = similar._tables(conn, snap, index.path)
            rows = np.arange(len(t.slen))
            texts = t.scoring_texts(rows)
    first: dict[str, int] = {}
    expected = [first.setdefault(s, r) for r, s in enumerate(texts)]
    assert t.canon.tolist() == expected
    assert len(first) < len(texts)  # the synthetic corpus repeats paragraphs, as real ones do


TRICKY = """\
Draft resolution on spelling

The General Assembly,

Recalling the “South–South” and ‘triangular’ co\u00adoperation of the States’ parties,

Noting the Secretary-General’s report A/60/212 of 22 December 2005 and its annex II,

Welcoming the ﬁnal communiqué of the Straße conference on Côte d’Ivoire (ÉTATS-UNIS),

1. Décide de poursuivre l’examen de la question à sa soixante-deuxième session;

2. Requests the Group of 77 & China — in 2006/07 — to report on items 5(a)-(c);
"""


def test_each_paragraph_letters_are_the_sum_of_its_words_letters(tmp_path: Path) -> None:
    """The narrowing of "the same words" is sound only if a stored paragraph's letters, summed
    word by word from the index, are the letters of its text as ``agreed_key`` reads them."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in bundled_corpus_dir().iterdir():
        if path.suffix == ".txt":
            (folder / path.name).write_bytes(path.read_bytes())
    (folder / "tricky.txt").write_text(TRICKY, encoding="utf-8")
    corpus = Corpus.load([folder])
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(corpus)
        with index.reading() as (conn, snap):
            t = similar._tables(conn, snap, index.path)
            pids = snap.paragraphs.pids.tolist()
            text_of = dict(conn.execute("SELECT id, text FROM paragraphs").fetchall())
    assert len(pids) > 70 and any("Straße" in text_of[pid] for pid in pids)
    for row, pid in enumerate(pids):
        text = text_of[pid]
        assert int(t.letters[row]) == similar.letters_hash(agreed_key(text)), text


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("South-South cooperation", "south–south  Cooperation", True),
        ("the “agreed” language", 'the "agreed" language', True),
        ("the 2011 World Summit", "the 1984 World Summit", False),
        ("the 1992 World Summit", "the 1929 World Summit", True),  # same letters: the texts decide
    ],
)
def test_letters_hash_is_a_multiset_of_letters(a: str, b: str, same: bool) -> None:
    assert (similar.letters_hash(agreed_key(a)) == similar.letters_hash(agreed_key(b))) is same
