"""The provenance report: self-contained, escaped, drawn and printed by headless Chromium."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from provenance_drafts import compose
from test_report import parse
from test_report_browser import OUTPUT, chromium, png_size

from reader.core.corpus.collection import Corpus
from reader.core.errors import InputError
from reader.core.provenance.check import check_draft
from reader.core.provenance.model import Provenance
from reader.core.report.provenance import render_provenance_html, write_provenance_report

WHEN = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
HOSTILE = '<script>document.title="pwned"</script><pwned-marker> R&D < 5 % &amp; "q" > 2'


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Provenance:
    corpus = Corpus.bundled()
    draft, _ = compose(corpus, tmp_path_factory.mktemp("draft"))
    return check_draft(draft, corpus)


def test_report_holds_summary_chart_and_every_paragraph(result: Provenance) -> None:
    html = render_provenance_html(result, generated=WHEN)
    dom = parse(html)
    assert not {e.tag for e in dom.iter()} & {"script", "img", "link", "iframe"}
    assert result.summary.sentence() in dom.find("p", "sentence").text()
    articles = dom.find_all("article", "para")
    assert [a.attrs["data-status"] for a in articles] == [p.status for p in result.paragraphs]
    bars = dom.find("svg", "chart").find_all("rect")
    assert [b.find("title").text() for b in bars] == [
        f"{y}: {n} words" for y, n in result.summary.words_by_year
    ]
    for art, p in zip(articles, result.paragraphs, strict=True):
        assert art.find("p", "tx").text() == p.text  # underlines do not change the words
        phrases = [s.text() for s in art.find("p", "tx").find_all("span", "ph")]
        assert phrases == [p.text[ph.start : ph.end] for ph in p.phrases]
        if p.status == "adapted":
            diff = art.find("p", "diff")
            kept = "".join(t for t in (c.text() if not isinstance(c, str) else c for c in diff.children[1:]))
            assert kept.replace("\n", "") != ""
            assert "".join(e.text() for e in diff.find_all("ins")) == "".join(
                t for k, t in p.diff if k == "insert"
            )
        if p.status == "new":
            assert not art.find_all("p", "src")


def test_hostile_corpus_text_is_shown_as_text_and_runs_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    para = f"Recalling {HOSTILE} the importance of cooperation among developing countries for development,"
    op = (
        f"Requests the Secretary-General {HOSTILE} to report on the implementation of the present resolution;"
    )
    (folder / "old.txt").write_text(
        f"Resolution 1/1 of 2001\n\nThe General Assembly,\n\n{para}\n\n1. {op}\n", encoding="utf-8"
    )
    draft_path = tmp_path / "draft.txt"
    draft_path.write_text(
        f"Draft {HOSTILE}\n\nThe General Assembly,\n\n{para}\n\n1. {op}\n", encoding="utf-8"
    )
    corpus = Corpus.load([folder])
    r = check_draft(corpus.load_ref(str(draft_path)), corpus)
    assert r.summary.agreed == 2
    page = tmp_path / "hostile.html"
    write_provenance_report(page, r, generated=WHEN)
    dom = parse(chromium(page, tmp_path / "profile", "--dump-dom").stdout)
    assert not {e.tag for e in dom.iter()} & {"pwned-marker", "script"}
    body = dom.find("body").text()
    texts = [p.text for p in r.paragraphs]
    assert all('R&D < 5 % & "q" > 2' in t for t in texts)  # what the parser kept of it
    assert all(t in body for t in texts)  # shown as the very characters


def test_report_renders_and_prints_in_chromium(tmp_path: Path, result: Provenance) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page = OUTPUT / "provenance.html"
    write_provenance_report(page, result, force=True, generated=WHEN)
    profile = tmp_path / "profile"
    dom = parse(chromium(page, profile, "--dump-dom").stdout)
    assert len(dom.find_all("article", "para")) == len(result.paragraphs)
    shot = OUTPUT / "provenance.png"
    shot.unlink(missing_ok=True)
    chromium(page, profile, f"--screenshot={shot}", "--window-size=1300,1800")
    assert png_size(shot) == (1300, 1800)
    assert shot.stat().st_size > 50_000
    pdf = OUTPUT / "provenance.pdf"
    pdf.unlink(missing_ok=True)
    chromium(page, profile, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 2


def test_report_is_never_written_over_a_file_without_force(tmp_path: Path, result: Provenance) -> None:
    page = tmp_path / "r.html"
    page.write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        write_provenance_report(page, result)
    assert page.read_text(encoding="utf-8") == "keep me"
    with pytest.raises(InputError, match="is a folder"):
        write_provenance_report(tmp_path, result)
    write_provenance_report(page, result, force=True)
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_says_how_many_sources_it_does_not_list(tmp_path: Path) -> None:
    corpus = Corpus.bundled()
    draft, _ = compose(corpus, tmp_path)
    one = check_draft(draft, corpus, max_sources=1)  # as if the corpus had more than the report lists
    counted = [p for p in one.paragraphs if p.source_count > 1]
    assert counted
    articles = parse(render_provenance_html(one, generated=WHEN)).find_all("article", "para")
    for art, p in zip(articles, one.paragraphs, strict=True):
        more = [m.text() for m in art.find_all("span", "more")]
        n = p.source_count - 1
        assert more == ([f"and {n:,} more source{'s' if n != 1 else ''}"] if n > 0 else [])


def test_chart_years_are_written_where_they_do_not_run_into_each_other() -> None:
    """Twenty-eight consecutive years of agreed words (a large corpus): every year has its bar, and the
    years written under them stand at least a label's width apart, the first year always written."""
    from itertools import pairwise

    from reader.core.report.provenance import _YEAR_LABEL_W, _bars

    words = tuple((year, 10 + year % 7) for year in range(1990, 2018))
    bars, top = _bars(words, 1990, 2017)
    assert [b.year for b in bars] == list(range(1990, 2018)) and top == max(n for _, n in words)
    written = [b for b in bars if b.tick]
    assert written[0].year == 1990 and 5 < len(written) < len(bars)
    assert all(b.label_x - a.label_x >= _YEAR_LABEL_W for a, b in pairwise(written))
    few, _ = _bars(((2002, 5), (2005, 9), (2007, 3)), 2002, 2007)  # wide slots: every year written
    assert all(b.tick for b in few)


def test_a_large_comparison_is_counted_with_a_thousands_separator(result: Provenance) -> None:
    import dataclasses

    html = render_provenance_html(dataclasses.replace(result, compared=10000))
    assert "Compared with 10,000 documents adopted before the draft" in html
