"""An agreed paragraph is shown with a source in its own words, first, everywhere (issue 20).

62/209 OP3 "Stresses that South-South cooperation ..." is word for word 60/212 OP3 (2005); 57/263 PP1
(2002) "Stressing that South-South cooperation ..." scores 100 against it too and is older, and used to
be shown first: the table, the JSON, the report and the reader's margin named a source in other words.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_report import parse

from reader.core.corpus.collection import Corpus
from reader.core.provenance.check import check_draft
from reader.core.provenance.finder import agreed_key
from reader.core.provenance.model import Provenance
from reader.core.report.provenance import render_provenance_html

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.bundled()


@pytest.fixture(scope="module")
def result(corpus: Corpus) -> Provenance:
    return check_draft(corpus.document("62/209"), corpus)


def test_the_agreed_stresses_paragraph_is_shown_with_its_own_words(result: Provenance) -> None:
    op3 = next(p for p in result.paragraphs if p.label == "OP3")
    assert op3.status == "agreed"
    assert [(s.doc.symbol, s.label, s.agreed) for s in op3.sources[:2]] == [
        ("60/212", "OP3", True),
        ("57/263", "PP1", False),  # still listed: same score, other words
    ]
    assert op3.earliest is op3.sources[0]
    assert op3.diff == (("equal", op3.text),)  # the diff from the shown source: nothing changed


@pytest.mark.parametrize("draft", ["60/212", "62/209", "620(XXXI)"])
def test_every_agreed_paragraph_shows_a_same_words_source_first(corpus: Corpus, draft: str) -> None:
    r = check_draft(corpus.document(draft), corpus)
    agreed = [p for p in r.paragraphs if p.status == "agreed"]
    for p in agreed:
        assert p.best is not None and p.earliest is not None
        assert agreed_key(p.best.text) == agreed_key(p.text), p.label
        assert agreed_key(p.earliest.text) == agreed_key(p.text), p.label
    for p in r.paragraphs:  # and otherwise still best first, ties: same words, then the older
        keys = [(-s.score, not s.agreed, s.doc.date, s.doc.order) for s in p.sources]
        assert keys == sorted(keys)


def test_only_one_source_listed_is_the_same_words_one(corpus: Corpus) -> None:
    r = check_draft(corpus.document("62/209"), corpus, max_sources=1)
    op3 = next(p for p in r.paragraphs if p.label == "OP3")
    assert [(s.doc.symbol, s.label) for s in op3.sources] == [("60/212", "OP3")]
    assert op3.source_count == 2


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


def test_table_and_json_name_the_same_words_source() -> None:
    table = _cli("provenance", "62/209")
    assert table.returncode == 0, table.stderr
    row = next(line.split() for line in table.stdout.splitlines() if line.startswith("OP3 "))
    assert row[:4] == ["OP3", "agreed", "60/212", "OP3"]
    data = json.loads(_cli("provenance", "62/209", "--json").stdout)
    op3 = next(p for p in data["paragraphs"] if p["label"] == "OP3")
    first = op3["sources"][0]
    assert (first["symbol"], first["label"], first["agreed"]) == ("60/212", "OP3", True)
    assert op3["earliest"]["symbol"] == "60/212" and op3["earliest"]["label"] == "OP3"


def test_report_lists_the_same_words_source_first(result: Provenance) -> None:
    dom = parse(render_provenance_html(result))
    art = next(a for a in dom.find_all("article", "para") if a.find("span", "lbl").text() == "OP3")
    spans = art.find("p", "src").find_all("span")
    first = next(s for s in spans if "s" in s.attrs.get("class", "").split())
    assert first.text().startswith("60/212 OP3 (2005)")
    assert "agreed" in first.attrs["class"] and "earliest" in first.attrs["class"]


REAL = Path(__file__).parent / "fixtures" / "real"


def test_on_real_resolutions_agreed_paragraphs_show_their_own_words(tmp_path: Path) -> None:
    """Real text (tests/fixtures/real without 66/125): a draft's "Takes note of the report of the
    Secretary-General;" is 71/216 OP1 and 72/204 OP1 word for word, and 68/134 PP3 (2013, older) "Taking
    note of the report of the Secretary-General," scores 100 too: the table must not name 68/134."""
    import shutil

    from reader.core.model import Document, Metadata, Paragraph

    for f in REAL.glob("*.txt"):
        if f.name != "A_RES_66_125.txt":
            shutil.copy(f, tmp_path / f.name)
    corpus = Corpus.load([tmp_path])
    real = corpus.document("72/204")
    draft = Document(
        "draft",
        str(tmp_path / "draft.txt"),
        Metadata(),
        (Paragraph("OP1", real.paragraphs[real.index_of("OP1")].text),),
    )
    p = check_draft(draft, corpus).paragraphs[0]
    assert p.status == "agreed"
    same = [s for s in p.sources if s.agreed]
    assert [s.doc.symbol for s in same][:2] == ["71/216", "72/204"]  # the same words, oldest first
    assert list(p.sources[: len(same)]) == same  # ... before any source with other words
    older = [s for s in p.sources if s.doc.symbol == "68/134"]
    assert [(s.label, s.agreed, s.score) for s in older] == [("PP3", False, 100.0)]
    assert p.earliest is p.sources[0]
    for ref in ("68/158", "72/204"):  # and every agreed paragraph of two real resolutions
        for q in check_draft(corpus.document(ref), corpus).paragraphs:
            if q.status == "agreed":
                assert q.best is not None and q.earliest is not None
                assert agreed_key(q.best.text) == agreed_key(q.text) == agreed_key(q.earliest.text)
