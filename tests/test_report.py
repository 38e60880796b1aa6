"""The HTML report, read back with an HTML parser: rows, diffs, links, highlights, escaping, writing.

Every check parses the produced page into a tree (html.parser) and inspects
elements and their text, never the raw string, on the real seeds run through the
real compare engine.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader import __version__
from reader.core.compare.comparison import compare
from reader.core.compare.keywords import Keyword, find_keyword
from reader.core.compare.summary import summarize
from reader.core.corpus.collection import Corpus
from reader.core.errors import InputError
from reader.core.model import (
    CompareOptions,
    Comparison,
    DiffTag,
    Document,
    Footnote,
    FootnoteMarker,
    Metadata,
    Paragraph,
    TraceHit,
)
from reader.core.report import Layout, render_html, suggested_filename, write_report
from reader.core.report.segments import Mark, OpRange, cut

# -- a small DOM built with the standard library's HTML parser --------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class El:
    tag: str
    attrs: dict[str, str]
    children: list[El | str] = field(default_factory=list)
    parent: El | None = None

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[El]:
        yield self
        for c in self.children:
            if isinstance(c, El):
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[El]:
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag) and (cls is None or cls in e.classes) and e is not self
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> El:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}> under <{self.tag}>"
        return found[0]

    def text(self, skip: frozenset[str] | set[str] = frozenset()) -> str:
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif not (c.classes & skip or c.tag in skip):
                out.append(c.text(skip))
        return "".join(out)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = El("#document", {})
        self.cur = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = El(tag, {k: v or "" for k, v in attrs}, parent=self.cur)
        self.cur.children.append(el)
        if tag not in VOID:
            self.cur = el

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.cur.children.append(El(tag, {k: v or "" for k, v in attrs}, parent=self.cur))

    def handle_endtag(self, tag: str) -> None:
        el: El | None = self.cur
        while el is not None and el.tag != tag:
            el = el.parent
        assert el is not None and el.parent is not None, f"stray </{tag}>"
        assert el is self.cur, f"</{tag}> closes <{self.cur.tag}>: tags do not nest"
        self.cur = el.parent

    def handle_data(self, data: str) -> None:
        self.cur.children.append(data)


def parse(html: str) -> El:
    b = _Builder()
    b.feed(html)
    b.close()
    assert b.cur is b.root, f"<{b.cur.tag}> left open"
    return b.root


def pair_rows(dom: El) -> list[El]:
    return [tr for tr in dom.find_all("tr", "pair")]


def cells(tr: El) -> list[El]:
    return [c for c in tr.children if isinstance(c, El) and c.tag == "td"]


# -- fixtures: the real corpus, the real engine --------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.bundled()


@pytest.fixture(scope="module")
def seeds(corpus: Corpus) -> Comparison:
    left = corpus.load_ref("60/212")
    right = corpus.load_ref("62/209")
    return compare(left, right, CompareOptions(keywords=("South-South", "triangular")))


@pytest.fixture(scope="module")
def seeds_dom(seeds: Comparison) -> El:
    return parse(render_html(seeds, generated=datetime(2026, 1, 2, 3, 4, tzinfo=UTC)))


WHEN = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)


# -- rows ------------------------------------------------------------------------------------------


def test_one_row_per_pair_with_both_labels_kind_and_score(seeds: Comparison, seeds_dom: El) -> None:
    rows = pair_rows(seeds_dom)
    assert len(rows) == len(seeds.alignment.pairs) > 20
    for tr, pair in zip(rows, seeds.alignment.pairs, strict=True):
        left, meta, right = cells(tr)
        assert [e.text() for e in left.find_all("span", "lbl")] == [
            seeds.left.paragraphs[i].label for i in pair.left
        ]
        assert [e.text() for e in right.find_all("span", "lbl")] == [
            seeds.right.paragraphs[i].label for i in pair.right
        ]
        assert tr.attrs["data-kind"] == pair.kind
        assert meta.find("span", "badge").text() == pair.kind
        if pair.kind in ("added", "removed"):
            assert not (pair.left and pair.right)
        else:
            assert meta.find("span", "score").text() == f"{pair.score:.1f}"


def test_every_paragraph_is_shown_once_in_reading_order(seeds: Comparison, seeds_dom: El) -> None:
    for side, doc in (("L", seeds.left), ("R", seeds.right)):
        shown = [e.attrs["id"] for e in seeds_dom.find_all("div", "para") if e.attrs["id"].startswith(side)]
        assert sorted(shown) == sorted(f"{side}{i}" for i in range(len(doc.paragraphs)))


def _joined(ops: tuple[tuple[str, str], ...], tags: set[str]) -> str:
    return "".join(text for tag, text in ops if tag in tags).replace("\n", "")


def test_side_by_side_ins_and_del_are_exactly_the_diff(seeds: Comparison, seeds_dom: El) -> None:
    changed = 0
    for tr, pair, ops in zip(pair_rows(seeds_dom), seeds.alignment.pairs, seeds.diffs, strict=True):
        left, _, right = cells(tr)
        skip = {"lbl", "fn", "sep", "absent"}
        assert "".join(e.text(skip) for e in left.find_all("del") if "sep" not in e.classes) == _joined(
            ops, {"delete"}
        )
        assert "".join(e.text(skip) for e in right.find_all("ins") if "sep" not in e.classes) == _joined(
            ops, {"insert"}
        )
        assert not left.find_all("ins") and not right.find_all("del")
        # the whole text of each side is there, markers aside
        assert left.text(skip) == "".join(seeds.left.paragraphs[i].text for i in pair.left)
        assert right.text(skip) == "".join(seeds.right.paragraphs[i].text for i in pair.right)
        changed += any(tag != "equal" for tag, _ in ops)
    assert changed > 5


def test_redline_interleaves_the_diff_in_order(seeds: Comparison) -> None:
    dom = parse(render_html(seeds, layout="redline", generated=WHEN))
    rows = pair_rows(dom)
    assert len(rows) == len(seeds.alignment.pairs)
    assert dom.find("table", "redline") and not dom.find_all("table", "side-by-side")
    for tr, pair, ops in zip(rows, seeds.alignment.pairs, seeds.diffs, strict=True):
        labels, _, text = cells(tr)
        assert [e.text() for e in labels.find_all("span", "old")] == [
            seeds.left.paragraphs[i].label for i in pair.left
        ]
        assert [e.text() for e in labels.find_all("span", "new")] == [
            seeds.right.paragraphs[i].label for i in pair.right
        ]
        got: list[tuple[str, str]] = []
        for node in text.find("p", "tx").children:
            if isinstance(node, str):
                tag, piece = "equal", node
            elif node.tag in ("del", "ins") and "sep" in node.classes:
                tag, piece = ("delete" if node.tag == "del" else "insert"), "\n"
            elif node.tag in ("del", "ins"):
                tag, piece = ("delete" if node.tag == "del" else "insert"), node.text()
            elif node.tag in ("sup", "br"):
                continue
            elif "sep" in node.classes:
                tag, piece = "equal", "\n"
            else:
                tag, piece = "equal", node.text()
            if got and got[-1][0] == tag:
                got[-1] = (tag, got[-1][1] + piece)
            else:
                got.append((tag, piece))
        want: list[tuple[str, str]] = []
        for tag, piece in ops:
            if want and want[-1][0] == tag:
                want[-1] = (tag, want[-1][1] + piece)
            elif piece:
                want.append((tag, piece))
        assert got == want


def test_footnote_markers_link_to_each_documents_footnote_list(seeds: Comparison, seeds_dom: El) -> None:
    ids = {e.attrs["id"] for e in seeds_dom.iter() if "id" in e.attrs}
    for side, doc in (("L", seeds.left), ("R", seeds.right)):
        items = [li for li in seeds_dom.find_all("li") if li.attrs.get("id", "").startswith(f"fn-{side}-")]
        assert [li.find("span", "fn-text").text() for li in items] == [f.text for f in doc.footnotes]
        assert len(items) >= 4
        markers = [
            a
            for sup in seeds_dom.find_all("sup", "fn")
            for a in sup.find_all("a")
            if a.attrs["href"].startswith(f"#fn-{side}-")
        ]
        assert len(markers) == sum(len(p.markers) for p in doc.paragraphs)
        assert all(a.attrs["href"][1:] in ids for a in markers)
        for li, note in zip(items, doc.footnotes, strict=True):
            cite = li.find_all("a")
            if note.label is not None:
                assert cite and cite[0].text() == note.label and cite[0].attrs["href"][1:] in ids


def test_moved_rows_and_their_markers_link_both_ways(corpus: Corpus) -> None:
    base = corpus.load_ref("60/212")
    ops = [p for p in base.paragraphs if p.part == "operative" and "(" not in p.label]
    moved = ops[1]  # OP2 goes to the end of the operative part
    order = [p for p in base.paragraphs if p is not moved] + [moved]
    n = 0
    renumbered = []
    for p in order:
        if p.part == "operative" and "(" not in p.label:
            n += 1
            renumbered.append(replace(p, label=f"OP{n}"))
        elif p.part == "operative":
            renumbered.append(replace(p, label=f"OP{n}{p.label[p.label.index('(') :]}"))
        else:
            renumbered.append(p)
    later = replace(base, id="reordered", paragraphs=tuple(renumbered))
    c = compare(base, later, CompareOptions())
    assert any(p.kind == "moved" for p in c.alignment.pairs)
    dom = parse(render_html(c, generated=WHEN))
    by_id = {e.attrs["id"]: e for e in dom.iter() if "id" in e.attrs}
    moved_rows = [tr for tr in pair_rows(dom) if tr.attrs["data-kind"] == "moved"]
    assert moved_rows
    for tr in moved_rows:
        jump = cells(tr)[1].find("a", "jump")
        ghost = by_id[jump.attrs["href"][1:]]
        assert "ghost" in ghost.classes
        back = ghost.find("a", "jump")
        assert back.attrs["href"] == f"#{tr.attrs['id']}"
        note = ghost.find("p", "ghost-note").text()
        assert tr.attrs["data-left"] in note or tr.attrs["data-right"] in note


def test_a_pair_of_several_paragraphs_keeps_each_label_and_marks_the_join(corpus: Corpus) -> None:
    left = corpus.load_ref("60/212")
    paras = list(left.paragraphs)
    i, j = left.index_of("OP3"), left.index_of("OP4")
    second = paras[j].text
    joined = Paragraph("OP3", paras[i].text.rstrip(";") + ", and " + second[0].lower() + second[1:])
    right = replace(left, id="joined", paragraphs=(*paras[:i], joined, *paras[j + 1 :]))
    c = compare(left, right, CompareOptions())
    number = next(n for n, p in enumerate(c.alignment.pairs) if p.left == (i, j))
    row = pair_rows(parse(render_html(c, generated=WHEN)))[number]
    left_cell, _, right_cell = cells(row)
    assert [d.find("span", "lbl").text() for d in left_cell.find_all("div", "para")] == ["OP3", "OP4"]
    assert [d.find("span", "lbl").text() for d in right_cell.find_all("div", "para")] == ["OP3"]
    assert "Recognizes" in "".join(e.text() for e in left_cell.find_all("del"))
    red = pair_rows(parse(render_html(c, layout="redline", generated=WHEN)))[number]
    joins = cells(red)[2].find_all("del", "sep")
    assert len(joins) == 1  # the paragraph break itself is shown as deleted


def test_a_bare_comparison_renders_without_optional_parts() -> None:
    def doc(name: str, text: str) -> Document:
        return Document(name, "", Metadata(), (Paragraph("OP1", text),))

    c = compare(
        doc("a", "Decides to remain actively seized of the matter;"),
        doc("b", "Decides to close its consideration of the item."),
    )
    dom = parse(render_html(c, generated=WHEN))
    assert [tr.attrs["data-kind"] for tr in pair_rows(dom)] == [p.kind for p in c.alignment.pairs]
    assert not dom.find_all("section", "phrases")
    assert [p.text() for p in dom.find("section", "footnotes").find_all("p", "none")] == ["No footnotes."] * 2
    assert dom.find("h1").text() == "a → b"
    assert dom.find("section", "settings").find_all("dd")[4].text() == "none"


# -- header, summary, legend, highlights ----------------------------------------------------------


def test_metadata_settings_and_version_are_stated(seeds: Comparison, seeds_dom: El) -> None:
    h1 = seeds_dom.find("h1").text()
    assert "60/212" in h1 and "62/209" in h1
    head = seeds_dom.find("table", "pairs").find("thead").text()
    assert "60/212" in head and "62/209" in head
    docs = seeds_dom.find("table", "docs")
    assert [th.text() for th in docs.find("thead").find_all("th")[1:]] == [
        "Earlier text60/212",
        "Later text62/209",
    ]
    rows = {
        tr.find("th").text(): [td.text() for td in tr.find_all("td")]
        for tr in docs.find("tbody").find_all("tr")
    }
    assert rows["Date"] == ["2005-12-22", "2007-12-19"]
    assert rows["Title"] == [seeds.left.metadata.title, seeds.right.metadata.title]
    assert rows["Footnotes"] == [str(len(seeds.left.footnotes)), str(len(seeds.right.footnotes))]
    settings = seeds_dom.find("section", "settings")
    text = settings.text()
    assert f"Resolution Reader {__version__}" in text
    assert f"{seeds.alignment.threshold:g} / 100" in text
    assert [m.text() for m in settings.find_all("mark")] == ["South-South", "triangular"]
    assert settings.find("time").attrs["datetime"] == "2026-01-02T03:04:00+00:00"


def test_summary_counts_and_chart_match_summarize(seeds: Comparison, seeds_dom: El) -> None:
    summary = summarize(seeds)
    items = seeds_dom.find("ul", "kinds").find_all("li")
    got = {li.attrs["data-kind"]: int(li.find("strong").text()) for li in items}
    assert got == summary.counts
    assert sum(got.values()) == len(seeds.alignment.pairs)
    reused = seeds_dom.find("p", "reused-line").text()
    assert f"{summary.reused_share * 100:.1f}%" in reused
    svg = seeds_dom.find("svg", "chart")
    bars = [r for r in svg.find_all("rect") if any(c.startswith("c-") for c in r.classes)]
    assert len(bars) == sum(1 for v in got.values() if v)
    assert sum(float(r.attrs["width"]) for r in bars) == pytest.approx(600, abs=0.1)


def test_keywords_are_highlighted_where_find_keyword_finds_them(seeds: Comparison, seeds_dom: El) -> None:
    kw = Keyword("triangular")
    hits = 0
    for div in seeds_dom.find("table", "pairs").find_all("div", "para"):
        side, index = div.attrs["id"][0], int(div.attrs["id"][1:])
        text = (seeds.left if side == "L" else seeds.right).paragraphs[index].text
        spans = find_keyword(text, kw)
        # a highlight may be cut in pieces by a change or a phrase; its text is the hits' text
        assert "".join(m.text() for m in div.find_all("mark", "kw1")) == "".join(text[a:b] for a, b in spans)
        hits += len(spans)
    assert hits > 0
    legend = seeds_dom.find("section", "legend").text()
    assert "triangular" in legend


def test_shared_phrases_are_highlighted_and_listed(seeds: Comparison, seeds_dom: El) -> None:
    assert seeds.shared_phrases
    table = seeds_dom.find("table", "pairs")
    highlighted = "".join(e.text() for e in table.find_all("span", "ph"))
    for phrase in seeds.shared_phrases[:10]:
        span = phrase.left[0]
        assert seeds.left.paragraphs[span.paragraph].text[span.start : span.end] in highlighted
    listed = seeds_dom.find("section", "phrases").find("tbody").find_all("tr")
    assert len(listed) == len(seeds.shared_phrases)


def test_the_phrase_list_gives_the_right_documents_own_words_where_they_differ(corpus: Corpus) -> None:
    """A phrase is matched on normalised words: the list quotes the left's words and, under them,
    how the right prints it when that differs (never a wording neither document has)."""
    c = compare(corpus.load_ref("57/263"), corpus.load_ref("60/212"))
    rows = parse(render_html(c, generated=WHEN)).find("section", "phrases").find("tbody").find_all("tr")
    cells = {row.find_all("td")[1].find("span", "ph").text(): row.find_all("td")[1] for row in rows}
    other = cells["support the efforts of the developing countries"].find_all("span", "ph-other")
    assert [e.text() for e in other] == ["60/212 prints: support the efforts of developing countries"]
    alike = cells["Takes note of the report of the Secretary-General"].find_all("span", "ph-other")
    assert alike == []
    for cell in cells.values():
        for e in cell.find_all("span", "ph-other"):
            words = e.text().split(": ", 1)[1]
            assert any(words in p.text for p in c.right.paragraphs)


def test_earlier_and_later_only_when_the_dates_say_so(corpus: Corpus, tmp_path: Path) -> None:
    """An undated draft was labelled "Earlier text" for being on the left."""

    def heads(c: Comparison) -> tuple[list[str], str]:
        page = render_html(c, generated=WHEN)
        return [e.text() for e in parse(page).find("table", "docs").find_all("span", "which")], page

    older, newer = corpus.load_ref("60/212"), corpus.load_ref("62/209")
    assert heads(compare(older, newer))[0] == ["Earlier text", "Later text"]
    roles, page = heads(compare(newer, older))
    assert roles == ["Later text", "Earlier text"]
    assert "⇅ new place" in page or "⇅ old place" in page
    draft_file = tmp_path / "my-draft.txt"
    draft_file.write_text(
        "The General Assembly,\n\nRecalling its resolution 62/209,\n\n"
        "1. Stresses that South-South cooperation is not a substitute for North-South cooperation;\n",
        encoding="utf-8",
    )
    draft = corpus.load_ref(str(draft_file))
    roles, page = heads(compare(draft, newer))
    assert roles == ["Draft", "2007-12-19"]
    assert "Earlier" not in page and "Later text" not in page and "later text" not in page
    assert heads(compare(newer, draft))[0] == ["2007-12-19", "Draft"]
    undated = replace(older, metadata=replace(older.metadata, date=""))
    roles, page = heads(compare(undated, newer))
    assert roles == ["Left text", "2007-12-19"] and "⇅ old place" not in page


def test_the_page_is_self_contained(seeds_dom: El) -> None:
    ids = [e.attrs["id"] for e in seeds_dom.iter() if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    links = [e.attrs["href"] for e in seeds_dom.iter() if "href" in e.attrs]
    assert len(links) > 30 and {h[1:] for h in links} <= set(ids)  # every link lands in the page
    for el in seeds_dom.iter():
        assert el.tag not in ("script", "link", "iframe", "object", "embed", "img", "base")
        assert "src" not in el.attrs
        if "href" in el.attrs:
            assert el.attrs["href"].startswith("#"), el.attrs
        assert not any(a.startswith("on") for a in el.attrs)
    css = seeds_dom.find("style").text()
    assert "@import" not in css and "url(" not in css
    assert "landscape" in css and "print-color-adjust: exact" in css and "break-inside: avoid" in css
    csp = [m for m in seeds_dom.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0].attrs["content"]


# -- hostile text -----------------------------------------------------------------------------------

HOSTILE = [
    '<script>document.title="pwned"</script>',
    "<img src=x onerror=\"document.body.appendChild(document.createElement('pwned-marker'))\">",
    "</style><style>body{display:none}</style>",
    '" onmouseover="alert(1)" x="',
    "' autofocus onfocus='alert(2)",
    "</textarea></title><pwned-marker></pwned-marker>",
    "<!-- unclosed comment",
    "&lt;already escaped&gt; &amp; <b>bold</b>",
    "]]><![CDATA[ <svg onload=alert(3)>",
]


EVIL_DOC = 'x"><pwned-marker>'
EVIL_SYMBOL = '" onmouseover="alert(1)'


def hostile_comparison(keyword: str = '"><pwned-marker>') -> Comparison:
    def doc(name: str, extra: str) -> Document:
        paras = [
            Paragraph("PP1", "Recalling its resolution 58/220 of 23 December 2003, " + HOSTILE[0]),
            Paragraph(
                "PP2", f"Recalling also {HOSTILE[1]} the 2005 World Summit Outcome,", (FootnoteMarker(20, 1),)
            ),
            Paragraph("OP1", "Stresses that South-South cooperation " + " ".join(HOSTILE[2:5]) + extra),
            Paragraph("OP2", "Invites <pwned-marker> all States " + " ".join(HOSTILE[5:]) + " " + keyword),
        ]
        return Document(
            id=name + HOSTILE[3],
            path=f"/tmp/{name}<script>.txt",
            metadata=Metadata(
                symbol=name + "</title><pwned-marker>",
                body="General <b>Assembly</b>",
                title="South-South " + HOSTILE[2],
                date="2005-12-22",
                session=HOSTILE[4],
                meeting=HOSTILE[1],
            ),
            paragraphs=tuple(paras),
            footnotes=(Footnote(1, "See " + HOSTILE[0], "PP2"),),
        )

    def tracer(phrase: str) -> list[TraceHit]:
        return [TraceHit(EVIL_DOC, EVIL_SYMBOL, 1999, "OP1<script>", 91.0, phrase, 0, 0, len(phrase))]

    left = doc("60/212", ";")
    right = doc("62/209", " <i>further</i> & more;")
    return compare(left, right, CompareOptions(keywords=(keyword, "<script>")), tracer=tracer)


def test_hostile_document_text_stays_text(tmp_path: Path) -> None:
    c = hostile_comparison()
    layouts: tuple[Layout, ...] = ("side-by-side", "redline")
    for layout in layouts:
        dom = parse(render_html(c, layout=layout, generated=WHEN))
        tags = {e.tag for e in dom.iter()}
        assert "pwned-marker" not in tags and "script" not in tags and "img" not in tags
        assert "b" not in tags and "i" not in tags and "textarea" not in tags
        assert len(dom.find_all("style")) == 1
        assert len(dom.find_all("svg")) == 1
        for el in dom.iter():
            assert not any(a.startswith("on") or a == "autofocus" for a in el.attrs), el.attrs
        assert dom.find("title").text().startswith("60/212</title><pwned-marker> → 62/209")
        page = dom.text()
        for bad in HOSTILE:
            assert bad in page, bad
        assert len(pair_rows(dom)) == len(c.alignment.pairs)
        # the hostile keyword is highlighted as the text it is
        marked = "".join(m.text() for m in dom.find("table", "pairs").find_all("mark"))
        # a phrase found elsewhere says where, in its tooltip, as plain text
        titles = {e.attrs["title"] for e in dom.find("table", "pairs").find_all("span", "ph")}
        assert titles == {f"Also in {EVIL_SYMBOL} (1999) OP1<script>"}
        shown = 2 if layout == "side-by-side" else 1  # the redline shows unchanged text once
        assert marked.count('"><pwned-marker>') == shown and marked.count("<script>") == shown


def test_hostile_labels_and_keywords_do_not_break_attributes() -> None:
    c = hostile_comparison()
    evil_label = '1" onclick="alert(1)'
    left = replace(
        c.left, paragraphs=(replace(c.left.paragraphs[0], label="PP" + evil_label), *c.left.paragraphs[1:])
    )
    c2 = compare(left, c.right, c.options)
    dom = parse(render_html(c2, generated=WHEN))
    row = pair_rows(dom)[0]
    assert set(row.attrs) == {"class", "id", "data-kind", "data-left", "data-right", "data-score"}
    assert row.attrs["data-left"] == "PP" + evil_label


# -- segments --------------------------------------------------------------------------------------


@given(
    text=st.text(alphabet="ab <&>\"'\n", max_size=40),
    cuts=st.lists(st.integers(0, 40), max_size=6),
    marks=st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 40), st.sampled_from(["phrase", "keyword"])), max_size=5
    ),
    markers=st.lists(st.integers(0, 40), max_size=3),
)
def test_cut_covers_the_text_and_marks_each_run_exactly(
    text: str, cuts: list[int], marks: list[tuple[int, int, str]], markers: list[int]
) -> None:
    n = len(text)
    points = sorted({0, n, *(min(c, n) for c in cuts)})
    tags: list[DiffTag] = ["equal", "delete"]
    ops = [OpRange(a, b, tags[i % 2]) for i, (a, b) in enumerate(itertools.pairwise(points)) if a < b]
    mk = [Mark(min(a, b), max(a, b), kind, i) for i, (a, b, kind) in enumerate(marks)]
    runs = cut(text, ops, mk, [(min(m, n), k) for k, m in enumerate(markers)])
    assert "".join(r.text for r in runs) == text
    assert sum(1 for r in runs if r.footnote is not None) == len(markers)
    pos = 0
    for r in runs:
        if not r.text:
            continue
        for i in range(pos, pos + len(r.text)):
            want_ph = {m.ref for m in mk if m.kind == "phrase" and m.start <= i < m.end and m.start < m.end}
            want_kw = {m.ref for m in mk if m.kind == "keyword" and m.start <= i < m.end and m.start < m.end}
            assert set(r.phrases) == want_ph and set(r.keywords) == want_kw
            op = next((o.tag for o in ops if o.start <= i < o.end), "equal")
            assert r.op == op
        # a run never straddles two ops, even two of the same kind
        assert not ops or any(o.start <= pos and pos + len(r.text) <= o.end for o in ops)
        pos += len(r.text)


# -- writing ---------------------------------------------------------------------------------------


def test_write_report_writes_atomically_and_replaces_only_with_force(
    tmp_path: Path, seeds: Comparison
) -> None:
    out = tmp_path / "report.html"
    write_report(out, seeds, generated=WHEN)
    first = out.read_text(encoding="utf-8")
    assert len(pair_rows(parse(first))) == len(seeds.alignment.pairs)
    out.write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="already exists; use --force to replace it"):
        write_report(out, seeds)
    assert out.read_text(encoding="utf-8") == "keep me"
    write_report(out, seeds, force=True, layout="redline", keywords=[Keyword("cooperation")])
    html = out.read_text(encoding="utf-8")
    assert parse(html).find("table", "redline")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_write_report_refuses_folders_and_missing_parents(tmp_path: Path, seeds: Comparison) -> None:
    with pytest.raises(InputError, match="is a folder"):
        write_report(tmp_path, seeds, force=True)
    missing = tmp_path / "nowhere" / "report.html"
    with pytest.raises(InputError, match="does not exist"):
        write_report(missing, seeds)
    assert not missing.parent.exists()
    assert list(tmp_path.iterdir()) == []
    afile = tmp_path / "notes.txt"
    afile.write_text("x")
    with pytest.raises(InputError, match="is a file, not a folder"):
        write_report(afile / "report.html", seeds)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_unknown_layout_is_refused(seeds: Comparison) -> None:
    with pytest.raises(ValueError, match="unknown layout"):
        render_html(seeds, layout="three-column")  # type: ignore[arg-type]


def test_generated_time_defaults_to_now(seeds: Comparison) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    dom = parse(render_html(seeds))
    stamp = datetime.fromisoformat(dom.find("time").attrs["datetime"])
    assert before <= stamp <= datetime.now(UTC)
    assert re.fullmatch(r"\d{2} \w+ \d{4}, \d{2}:\d{2} UTC", dom.find("time").text())


def test_suggested_filename_names_both_documents_safely(seeds: Comparison) -> None:
    assert suggested_filename(seeds) == "60-212_vs_62-209.html"
    assert suggested_filename(seeds, layout="redline") == "60-212_vs_62-209_redline.html"
    hostile = hostile_comparison()
    name = suggested_filename(hostile)
    assert re.fullmatch(r"[0-9A-Za-z()_.-]+\.html", name) and name.startswith("60-212-title-pwned-marker")


def test_a_documents_warnings_and_set_aside_words_are_in_the_report() -> None:
    """A numbering gap (OP1, OP2, OP5) is said under the documents, where the user looks, not only on
    the command line's stderr; a text that read cleanly says nothing."""
    from reader.core.ingest.parse import parse_text

    gap = parse_text(
        "The General Assembly,\n\nRecalling its resolution 60/212,\n\n"
        "1. Decides to act;\n\n2. Requests the Secretary-General to report;\n\n"
        "5. Decides to remain seized;\n",
        source="gap.txt",
        doc_id="gap",
    )
    clean = parse_text(
        "The General Assembly,\n\nRecalling its resolution 60/212,\n\n1. Decides to act;\n",
        source="clean.txt",
        doc_id="clean",
    )
    assert gap.warnings and not clean.warnings
    html = render_html(compare(clean, gap))
    for w in gap.warnings:
        assert f"&#9888; {w}" in html or f"⚠ {w}" in html
    assert html.count("<li>&#9888;") == len(gap.warnings)
    assert "Check</th>" in html
    quiet = render_html(compare(clean, clean))
    assert "Check</th>" not in quiet
