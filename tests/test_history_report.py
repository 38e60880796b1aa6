"""``history --html``: the grid and every lineage's versions, escaped, self-contained, and what
headless Chromium builds, draws and prints from it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_report import El, parse
from test_report_browser import OUTPUT, chromium, png_size

from reader.core.compare.diff import old_text
from reader.core.corpus.collection import Corpus
from reader.core.errors import InputError
from reader.core.history.model import KIND_MARKS, History
from reader.core.history.order import build_history
from reader.core.history.series import find_series
from reader.core.model import Document, Metadata, Paragraph
from reader.core.report.history import render_history_html, write_history_report

WHEN = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
HOSTILE = '<script>document.title="pwned"</script><img src=x onerror=alert(1)> & “quotes”'


@pytest.fixture(scope="module")
def series() -> History:
    corpus = Corpus.bundled()
    return build_history([corpus.document(s) for s in ("57/263", "60/212", "62/209")])


def hostile_series() -> History:
    def doc(n: int, extra: str) -> Document:
        pp = Paragraph("PP1", "Recalling its resolution on cooperation among developing countries " + HOSTILE)
        op = Paragraph("OP1", "Requests the Secretary-General to report on implementation" + extra)
        meta = Metadata(symbol=f"{n}/1<pwned-marker>", title=HOSTILE, date=f"200{n}")
        return Document(f"h{n}", f"h{n}.txt", meta, (pp, op))

    return build_history([doc(1, "."), doc(2, " </p></td><b>bold</b>.")])


def grid_rows(dom: El) -> list[El]:
    return [tr for tr in dom.find("table", "grid").find("tbody").find_all("tr")]


def test_grid_has_a_row_per_lineage_and_a_cell_per_document(series: History) -> None:
    dom = parse(render_history_html(series, generated=WHEN))
    rows = grid_rows(dom)
    assert len(rows) == len(series.lineages)
    heads = [th.text() for th in dom.find("table", "grid").find("thead").find_all("th")][1:-1]
    assert heads == ["57/2632002", "60/2122005", "62/2092007"]
    assert dom.find("input", "toggle").attrs["type"] == "checkbox"  # "changed only", without script
    for tr, lin in zip(rows, series.lineages, strict=True):
        assert ("changed" if lin.changed else "same") in tr.classes
        cells = [td for td in tr.find_all("td") if "cell" in td.classes]
        assert len(cells) == 3
        for td, v in zip(cells, lin.versions, strict=True):
            if v is None:
                assert "k-absent" in td.classes and td.text() == KIND_MARKS["absent"]
            else:
                assert f"k-{v.kind}" in td.classes
                assert td.text() == f"{', '.join(v.labels)} {KIND_MARKS[v.kind]}"


def test_every_version_is_shown_with_exactly_its_diff(series: History) -> None:
    dom = parse(render_history_html(series, generated=WHEN))
    articles = dom.find_all("article", "lineage")
    assert len(articles) == len(series.lineages)
    for art, lin in zip(articles, series.lineages, strict=True):
        shown = art.find_all("div", "version")
        assert len(shown) == len(lin.present)
        for div, v in zip(shown, lin.present, strict=True):
            tx = div.find("p", "tx")
            assert tx.text(skip={"ins"}) == (old_text(v.diff) if v.diff else v.text)
            assert tx.text(skip={"del"}) == v.text
    pp2 = [v is not None and v.labels == ("PP2",) for v in (lin.versions[0] for lin in series.lineages)]
    first = articles[pp2.index(True)]
    assert first.find("h3").text().endswith("first appeared in 57/263 (2002) as PP2")


def test_series_found_and_notes_are_stated() -> None:
    corpus = Corpus.bundled()
    search = find_series(corpus, corpus.document("62/209"))
    draft = Document("draft", "draft.txt", Metadata(), corpus.document("62/209").paragraphs[:4])
    h = build_history([*search.documents, draft])
    dom = parse(render_history_html(h, search, generated=WHEN))
    found = [li.text() for li in dom.find("ul", "found").find_all("li")]
    assert found == [
        "57/263: cited by 62/209 (OP10); shares 15% of its distinctive text (4 paragraphs)",
        "60/212: same title as 62/209; cited by 62/209 (PP2); "
        "shares 86% of its distinctive text (11 paragraphs)",
    ]
    notes = [li.text() for li in dom.find("ul", "notes").find_all("li")]
    assert any("draft has no date" in n for n in notes)


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    html = render_history_html(hostile_series(), generated=WHEN)
    dom = parse(html)
    tags = {e.tag for e in dom.iter()}
    assert not tags & {"script", "img", "b", "pwned-marker"}
    assert HOSTILE in dom.find("table", "docs").text()


def test_write_refuses_to_overwrite_and_bad_places(tmp_path: Path, series: History) -> None:
    out = tmp_path / "h.html"
    write_history_report(out, series, generated=WHEN)
    with pytest.raises(InputError, match="already exists"):
        write_history_report(out, series)
    write_history_report(out, series, force=True)
    with pytest.raises(InputError, match="is a folder"):
        write_history_report(tmp_path, series)
    with pytest.raises(InputError, match="does not exist"):
        write_history_report(tmp_path / "no" / "h.html", series)
    assert [p.name for p in tmp_path.iterdir()] == ["h.html"]  # no temporary file left behind


@pytest.mark.slow
def test_hostile_history_runs_nothing_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    write_history_report(page, hostile_series(), generated=WHEN)
    dom = parse(chromium(page, tmp_path / "profile", "--dump-dom").stdout)
    assert not {e.tag for e in dom.iter()} & {"pwned-marker", "script", "img", "b"}
    assert dom.find("title").text().startswith("1/1<pwned-marker> → 2/1<pwned-marker>")
    assert len(grid_rows(dom)) == 2


@pytest.mark.slow
def test_seed_history_renders_screenshots_and_prints(tmp_path: Path, series: History) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page = OUTPUT / "history.html"
    write_history_report(page, series, force=True, generated=WHEN)
    profile = tmp_path / "profile"
    dom = parse(chromium(page, profile, "--dump-dom").stdout)
    assert len(grid_rows(dom)) == len(series.lineages)
    assert len(dom.find_all("div", "version")) == sum(len(lin.present) for lin in series.lineages)
    shot = OUTPUT / "history.png"
    shot.unlink(missing_ok=True)
    chromium(page, profile, f"--screenshot={shot}", "--window-size=1300,1400")
    assert png_size(shot) == (1300, 1400)
    assert shot.stat().st_size > 50_000  # a drawn page, not a blank one
    pdf = OUTPUT / "history.pdf"
    pdf.unlink(missing_ok=True)
    chromium(page, profile, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 3
