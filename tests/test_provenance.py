"""Provenance of drafts with known origins, and the index's answer equal to the full scan."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from provenance_drafts import Made, compose

from benchmarks import synth
from reader.core.compare.diff import new_text, old_text
from reader.core.corpus.collection import Corpus
from reader.core.errors import InputError
from reader.core.ingest.parse import load_document
from reader.core.model import Document, Metadata
from reader.core.paths import bundled_corpus_dir
from reader.core.provenance.check import DEFAULT_MIN_SCORE, check_draft
from reader.core.provenance.earlier import earlier_documents, is_before
from reader.core.provenance.finder import agreed_key
from reader.core.provenance.model import Provenance
from reader.core.search.index import CorpusIndex
from reader.core.textnorm import words


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.bundled()


@pytest.fixture(scope="module")
def index(corpus: Corpus) -> CorpusIndex:
    idx = CorpusIndex.open(None)
    idx.update(corpus)
    return idx


@pytest.fixture(scope="module")
def composed(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, list[Made]]:
    return compose(corpus, tmp_path_factory.mktemp("draft"))


@pytest.fixture(scope="module")
def result(corpus: Corpus, index: CorpusIndex, composed: tuple[Document, list[Made]]) -> Provenance:
    return check_draft(composed[0], corpus, index=index)


def _made(composed: tuple[Document, list[Made]], how: str) -> list[tuple[int, Made]]:
    return [(i, m) for i, m in enumerate(composed[1]) if m.how == how]


def test_copied_paragraphs_are_agreed_with_every_same_worded_source_and_the_oldest(
    corpus: Corpus, result: Provenance, composed: tuple[Document, list[Made]]
) -> None:
    for i, m in _made(composed, "copied"):
        p = result.paragraphs[i]
        assert p.status == "agreed"
        agreed = [s for s in p.sources if s.agreed]
        assert {(s.doc.symbol, s.label) for s in agreed} == set(m.origins)
        for s in agreed:  # the same words, and scored as identical
            assert agreed_key(s.text) == agreed_key(m.text)
            assert s.score == 100.0
        assert p.earliest is not None
        assert p.earliest.agreed
        assert p.earliest.doc.date == min(s.doc.date for s in agreed)
        assert new_text(p.diff) == m.text and old_text(p.diff) == p.sources[0].text
        assert p.agreed_words == p.words  # the whole paragraph is agreed language


def test_sources_are_best_first_and_ties_go_to_the_earlier_document(result: Provenance) -> None:
    """Ties: a source with the draft's words first (issue 20: an agreed paragraph is shown with one),
    then the earlier document."""
    seen_tie = False
    for p in result.paragraphs:
        keys = [(-s.score, not s.agreed, s.doc.date, s.doc.order) for s in p.sources]
        assert keys == sorted(keys)
        assert len({s.doc.id for s in p.sources}) == len(p.sources)  # one paragraph per document
        assert all(s.score >= DEFAULT_MIN_SCORE for s in p.sources)
        seen_tie |= any(a.score == b.score for a, b in zip(p.sources, p.sources[1:], strict=False))
    assert seen_tie  # 57/263 PP1, 60/212 OP3 and 62/209 OP3 all score 100 against the copied PP2


def test_copied_preamble_paragraph_that_later_became_operative_keeps_the_preamble_as_oldest(
    result: Provenance, composed: tuple[Document, list[Made]]
) -> None:
    (i, m), _ = _made(composed, "copied")[0], None
    p = result.paragraphs[i]
    assert (p.sources[0].doc.symbol, p.sources[0].label) == m.origins[0]
    later = [s for s in p.sources if not s.agreed]
    assert later and all(s.label.startswith("OP") and s.score == 100.0 for s in later)


def test_paragraph_moved_from_preamble_to_operative_part_is_adapted_from_the_preamble(
    result: Provenance, composed: tuple[Document, list[Made]]
) -> None:
    [(i, m)] = _made(composed, "moved")
    p = result.paragraphs[i]
    assert p.label.startswith("OP")
    assert p.status == "adapted"  # "Takes note" is not "Taking note": other words
    best = p.sources[0]
    assert (best.doc.symbol, best.label) == m.origins[0]
    assert best.label.startswith("PP") and best.score == 100.0  # compare's score stems the verb
    assert p.earliest == best
    assert ("insert", "Takes") in p.diff
    assert new_text(p.diff) == m.text and old_text(p.diff) == best.text


def test_edited_paragraph_is_adapted_with_the_word_diff_from_its_source(
    result: Provenance, composed: tuple[Document, list[Made]]
) -> None:
    [(i, m)] = _made(composed, "edited")
    p = result.paragraphs[i]
    assert p.status == "adapted"
    assert (p.sources[0].doc.symbol, p.sources[0].label) == m.origins[0]
    assert DEFAULT_MIN_SCORE <= p.sources[0].score < 100.0
    inserted = " ".join(t for tag, t in p.diff if tag == "insert")
    deleted = " ".join(t for tag, t in p.diff if tag == "delete")
    assert "lessons learned" in inserted and "best practices" in deleted
    assert new_text(p.diff) == m.text and old_text(p.diff) == p.sources[0].text
    # The untouched stretches are agreed phrases from the same paragraph.
    assert {(ph.doc.symbol, ph.label) for ph in p.phrases} == set(m.origins)
    assert 0 < p.agreed_words < p.words


def test_paragraph_joined_from_two_sources_names_both_in_its_phrases(
    result: Provenance, composed: tuple[Document, list[Made]]
) -> None:
    [(i, m)] = _made(composed, "joined")
    p = result.paragraphs[i]
    assert [(ph.doc.symbol, ph.label) for ph in p.phrases] == list(m.origins)
    first, second = p.phrases
    assert m.text[first.start : first.end].startswith("Stresses the need to move towards fuller")
    assert m.text[second.start : second.end].endswith("economies in transition")
    assert first.words >= 5 and second.words >= 5
    assert p.status in ("adapted", "new")
    assert {(s.doc.symbol, s.label) for s in p.sources} <= set(m.origins)


def test_new_paragraphs_have_no_source_no_diff_and_no_phrase(
    result: Provenance, composed: tuple[Document, list[Made]]
) -> None:
    made = _made(composed, "new")
    assert len(made) == 2
    for i, _ in made:
        p = result.paragraphs[i]
        assert (p.status, p.sources, p.earliest, p.diff, p.phrases, p.agreed_words) == (
            "new",
            (),
            None,
            (),
            (),
            0,
        )


def test_summary_counts_and_agreed_word_share(result: Provenance) -> None:
    s = result.summary
    statuses = [p.status for p in result.paragraphs]
    assert (s.agreed, s.adapted, s.new) == tuple(statuses.count(k) for k in ("agreed", "adapted", "new"))
    assert s.words == sum(len(words(p.text)) for p in result.paragraphs)
    assert s.agreed_words == sum(p.agreed_words for p in result.paragraphs)
    assert sum(n for _, n in s.words_by_year) == s.agreed_words
    assert s.oldest_year == 2002
    share = round(100 * s.agreed_word_share)
    assert s.sentence() == (
        f"7 paragraphs: {s.agreed} agreed, {s.adapted} adapted, {s.new} new; "
        f"{share} % of the words are agreed language, oldest 2002"
    )


# --------------------------------------------------------------------------- which documents


def _dated(doc: Document, date: str, symbol: str = "") -> Document:
    return dataclasses.replace(doc, metadata=dataclasses.replace(doc.metadata, date=date, symbol=symbol))


def test_only_documents_adopted_before_the_draft_are_sources(
    corpus: Corpus, index: CorpusIndex, composed: tuple[Document, list[Made]]
) -> None:
    draft = _dated(composed[0], "2006-01")
    r = check_draft(draft, corpus, index=index)
    cited = {s.doc.symbol for p in r.paragraphs for s in p.sources} | {
        ph.doc.symbol for p in r.paragraphs for ph in p.phrases
    }
    assert cited <= {"57/263", "591(XXIX)", "60/212"}
    assert r.compared == 3
    # 62/209 (2007) can no longer be a source of the copied operative paragraph.
    [(i, _)] = [(i, m) for i, m in _made(composed, "copied") if m.label == "OP2"]
    assert [(s.doc.symbol, s.label) for s in r.paragraphs[i].sources if s.agreed] == [("60/212", "OP5")]


def test_dates_compare_at_the_precision_both_have() -> None:
    assert is_before("2005-12-22", "2006-03")
    assert not is_before("2006-03", "2006-03-15")  # same month: not known to be earlier
    assert not is_before("2006-03-15", "2006-03")
    assert is_before("2006-02", "2006-03-01")
    assert not is_before("", "2006-03")  # undated documents cannot be shown to be older
    assert is_before("", "") and is_before("2010", "")  # an undated draft: everything


def test_the_draft_itself_is_left_out_and_said(corpus: Corpus, index: CorpusIndex) -> None:
    draft = corpus.load_ref("62/209")
    r = check_draft(draft, corpus, index=index)
    assert r.left_out == ("62/209 is the draft itself and was left out of the comparison.",)
    assert all(s.doc.symbol != "62/209" for p in r.paragraphs for s in p.sources)
    # The same text under its symbol from another file is the draft too.
    copy = _dated(draft, "", symbol="A/RES/62/209")
    copy = dataclasses.replace(copy, path="/elsewhere/draft.txt")
    assert earlier_documents(copy, corpus.entries).left_out == r.left_out


def test_nothing_older_than_the_draft_is_one_sentence(corpus: Corpus, index: CorpusIndex) -> None:
    draft = corpus.load_ref("591(XXIX)")  # the oldest document of the corpus
    with pytest.raises(InputError) as err:
        check_draft(draft, corpus, index=index)
    assert str(err.value) == "591(XXIX): the corpus has no document adopted before it (2002-05)"


def test_a_draft_without_paragraphs_is_refused(corpus: Corpus) -> None:
    empty = Document("x", "/tmp/x.txt", Metadata(), ())
    with pytest.raises(InputError, match="has no resolution paragraphs"):
        check_draft(empty, corpus)


# --------------------------------------------------------------------------- index = full scan


def _assert_same(draft: Document, corpus: Corpus, index: CorpusIndex, scores: tuple[float, ...]) -> int:
    found = 0
    for min_score in scores:
        scanned = check_draft(draft, corpus, min_score=min_score)
        assert check_draft(draft, corpus, index=index, min_score=min_score) == scanned, min_score
        found += sum(len(p.sources) + len(p.phrases) for p in scanned.paragraphs)
    return found


def test_index_equals_full_scan_on_the_seeds(
    corpus: Corpus, index: CorpusIndex, composed: tuple[Document, list[Made]]
) -> None:
    drafts = [composed[0], *(corpus.load_ref(s) for s in ("57/263", "60/212", "62/209", "620(XXXI)"))]
    assert sum(_assert_same(d, corpus, index, (0.0, 30.0, 45.0, 80.0, 100.0)) for d in drafts) > 0


def test_index_equals_full_scan_on_a_synthetic_corpus(tmp_path: Path) -> None:
    made = synth.generate(120, seed=7, out_dir=tmp_path / "synth")
    corpus = Corpus.load([made.folder])
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(corpus)
        total = 0
        for entry in corpus.entries[-6:]:  # late documents: many earlier ones to come from
            total += _assert_same(corpus.document(entry), corpus, index, (20.0, 45.0, 70.0))
        assert total > 100


def test_index_follows_a_changed_corpus(tmp_path: Path, composed: tuple[Document, list[Made]]) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(bundled_corpus_dir(), folder)
    corpus = Corpus.load([folder])
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        index.update(corpus)
        before = check_draft(composed[0], corpus, index=index)
        assert before.paragraphs[1].status == "agreed"
        # 57/263's PP1 rewritten: the copied paragraph is no longer the same words as any source.
        target = next(e for e in corpus.entries if e.symbol == "57/263").path
        text = target.read_text(encoding="utf-8")
        target.write_text(
            text.replace("Stressing that South-South cooperation", "Stressing that cooperation")
        )
        corpus = Corpus.load([folder])
        index.update(corpus)
        after = check_draft(composed[0], corpus, index=index)
        assert after == check_draft(composed[0], corpus)
        p = after.paragraphs[1]
        assert p.status == "adapted" and not any(s.agreed for s in p.sources)
        assert p.earliest is not None and p.earliest.doc.symbol == "57/263" and p.earliest.score < 100.0
        old = next(s for s in p.sources if s.doc.symbol == "57/263")
        assert old.text.startswith("Stressing that cooperation, as an important element")


def test_max_sources_lists_the_best_and_still_counts_every_one(
    corpus: Corpus, index: CorpusIndex, result: Provenance, composed: tuple[Document, list[Made]]
) -> None:
    short = check_draft(composed[0], corpus, index=index, max_sources=1)
    assert short.summary == result.summary
    for full, one in zip(result.paragraphs, short.paragraphs, strict=True):
        assert one.sources == full.sources[:1]
        assert one.source_count == full.source_count == len(full.sources)
        assert (one.status, one.earliest, one.diff, one.phrases) == (
            full.status,
            full.earliest,
            full.diff,
            full.phrases,
        )
    # 62/209 PP1: best source 57/263 (2002-12), oldest 591(XXIX) (2002-05), named though not listed.
    full_62 = check_draft(corpus.load_ref("62/209"), corpus, index=index)
    one_62 = check_draft(corpus.load_ref("62/209"), corpus, index=index, max_sources=1)
    p = next(p for p in one_62.paragraphs if p.source_count > 1 and p.earliest not in p.sources)
    assert p.earliest is not None and p.earliest.doc.date < p.sources[0].doc.date
    assert p.earliest in full_62.paragraphs[p.index].sources


def test_a_new_process_reads_the_saved_tables_and_follows_a_changed_corpus(
    tmp_path: Path, composed: tuple[Document, list[Made]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core.provenance import similar
    from reader.core.search import sidecar
    from reader.core.search.query import Snapshot

    folder = tmp_path / "corpus"
    shutil.copytree(bundled_corpus_dir(), folder)
    corpus = Corpus.load([folder])
    db = tmp_path / "index.sqlite3"
    with CorpusIndex.open(db) as index:
        index.update(corpus)
        first = check_draft(composed[0], corpus, index=index)
    assert first == check_draft(composed[0], corpus)
    assert sidecar.path_of(db, "snapshot").is_file() and sidecar.path_of(db, "scoring").is_file()

    def rebuilt(*args: object) -> None:
        raise AssertionError("rebuilt although saved for this generation")

    # A new process: nothing in memory, the saved arrays read instead of rebuilt, the same result.
    similar._cache.clear()
    with monkeypatch.context() as m:
        m.setattr(similar, "_derive", rebuilt)
        m.setattr(Snapshot, "load", rebuilt)
        with CorpusIndex.open(db) as index:
            assert check_draft(composed[0], corpus, index=index) == first

    # 57/263's PP1 rewritten: the saved arrays are of the previous generation and must not be used.
    target = next(e for e in corpus.entries if e.symbol == "57/263").path
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Stressing that South-South cooperation", "Stressing that cooperation"))
    corpus = Corpus.load([folder])
    similar._cache.clear()
    with CorpusIndex.open(db) as index:
        index.update(corpus)
        after = check_draft(composed[0], corpus, index=index)
    assert after == check_draft(composed[0], corpus) != first
    assert after.paragraphs[1].status == "adapted"

    # A damaged saved file is only a cache: ignored and written again.
    sidecar.path_of(db, "scoring").write_bytes(b"not an archive")
    similar._cache.clear()
    with CorpusIndex.open(db) as index:
        assert check_draft(composed[0], corpus, index=index) == after
    assert sidecar.path_of(db, "scoring").read_bytes().startswith(sidecar.MAGIC)


def test_a_fragment_a_paragraph_contains_is_not_its_source(tmp_path: Path) -> None:
    """A real corpus holds fragments ("“ The General Assembly,", "Requests the Secretary-General:")
    that lie wholly inside long paragraphs: the score's containment half gave them 50 points and more,
    so they were named as sources, and as the oldest. A source needs some of the paragraph's substance;
    a paragraph as short as the draft's own still is one."""
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "fragment.txt").write_text(
        "Resolution 1 (1950). Fragments\n\nThe General Assembly,\n\nRecalling its work,\n\n"
        "1.\tRequests the Secretary-General:\n\n2.\tDecides to remain seized of the matter.\n\n"
        "300th plenary meeting\n1 December 1950\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Draft. Reporting\n\nThe General Assembly,\n\nRecalling its work,\n\n"
        "1.\tRequests the Secretary-General to submit to the General Assembly at its next session a report "
        "on the implementation of the present resolution, including on drones and vaccines;\n\n"
        "2.\tDecides to remain seized of the matter.\n",
        encoding="utf-8",
    )
    corpus = Corpus.load([corpus_dir])
    result = check_draft(load_document(str(draft)), corpus)
    by_label = {p.label: p for p in result.paragraphs}
    assert by_label["OP1"].status == "new" and not by_label["OP1"].sources
    assert by_label["OP2"].status == "agreed"
