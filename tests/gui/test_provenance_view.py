"""Check a draft in the reader: worker, view, source with diff, status bar, legend, report, bad input."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from gui_helpers import run_on_xvfb
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QTextCharFormat

from reader.core.corpus.collection import Corpus
from reader.core.provenance.check import check_draft
from reader.core.provenance.style import STATUS_COLOUR
from reader.gui.main_window import MainWindow

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))
from provenance_drafts import compose  # noqa: E402


@pytest.fixture
def draft_file(tmp_path: Path) -> Path:
    compose(Corpus.bundled(), tmp_path)
    return tmp_path / "draft.txt"


def _check(qtbot, window: MainWindow, path: Path) -> None:  # type: ignore[no-untyped-def]
    job = window.provenance.check_path(str(path))
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass


def _underlines(window: MainWindow, paragraph: int) -> list[tuple[str, str]]:
    """(text, underline colour) of the underlined fragments of a draft paragraph as shown."""
    block = window.provenance.view.draft.document().findBlockByNumber(paragraph)
    out = []
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        fmt: QTextCharFormat = frag.charFormat()
        if fmt.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline:
            out.append((frag.text(), fmt.underlineColor().name()))
        it += 1
    return out


def test_check_a_draft_shows_marks_phrases_and_the_summary(
    qtbot, window: MainWindow, draft_file: Path
) -> None:  # type: ignore[no-untyped-def]
    expected = check_draft(window.session.load(str(draft_file)), window.session.corpus)
    _check(qtbot, window, draft_file)
    mode = window.provenance
    assert mode.active and mode.result == expected
    assert window.summary_label.text() == expected.summary.sentence()
    assert window.summary_label.text().startswith("7 paragraphs: 2 agreed, 3 adapted, 2 new; ")
    draft = mode.view.draft
    assert draft.document().blockCount() == len(expected.paragraphs)
    for i, p in enumerate(expected.paragraphs):
        assert draft.document().findBlockByNumber(i).text() == p.text
        assert [t for t, _ in _underlines(window, i)] == [p.text[ph.start : ph.end] for ph in p.phrases]
    # Phrases first used in different years are underlined in different colours.
    colours = {c for i in range(len(expected.paragraphs)) for _, c in _underlines(window, i)}
    years = {ph.doc.year for p in expected.paragraphs for ph in p.phrases}
    assert len(colours) == len(years) == 2
    # The margin draws each status in its colour and shape: a disc, a half disc, a ring.
    image = draft._margin.grab().toImage()
    inked: dict[str, list[int]] = {"agreed": [], "adapted": [], "new": []}
    for i, p in enumerate(expected.paragraphs):
        top, _ = draft.paragraph_range(i)
        y0 = int(top - draft.verticalScrollBar().value())
        if y0 >= 0 and y0 + 30 < image.height():
            n = sum(
                _close(image.pixelColor(x, y).name(), STATUS_COLOUR[p.status])
                for x in range(2, 28)
                for y in range(y0, y0 + 30)
            )
            inked[p.status].append(n)
    assert all(inked.values())
    assert min(inked["agreed"]) > max(inked["adapted"]) > 0
    assert min(inked["adapted"]) > max(inked["new"]) > 0


def _close(a: str, b: str) -> bool:
    ca, cb = (int(a[k : k + 2], 16) for k in (1, 3, 5)), (int(b[k : k + 2], 16) for k in (1, 3, 5))
    return sum(abs(x - y) for x, y in zip(ca, cb, strict=True)) < 60


def test_clicking_a_paragraph_opens_its_source_at_that_paragraph_with_the_diff(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, draft_file: Path
) -> None:
    _check(qtbot, window, draft_file)
    view = window.provenance.view
    result = view.result
    assert result is not None
    i = next(k for k, p in enumerate(result.paragraphs) if p.label == "OP3")  # edited from 591(XXIX) OP6(e)
    top, _ = view.draft.paragraph_range(i)
    view.draft.verticalScrollBar().setValue(int(top) - 10)
    y = int(top - view.draft.verticalScrollBar().value()) + 8
    qtbot.mouseClick(view.draft.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(200, y))
    assert view.draft.selected == i
    source = view.source
    assert source.source_doc is not None and source.source_doc.metadata.symbol == "591(XXIX)"
    assert source.source_doc.paragraphs[source.source_paragraph or 0].label == "OP6(e)"
    assert "591(XXIX) OP6(e)" in source.heading.text()
    assert "more source" not in source.heading.text()  # its only source
    # The heading counts the sources it does not show; the margin's tip lists them.
    k = next(k for k, p in enumerate(result.paragraphs) if p.source_count > 2)
    view.show_paragraph(k)
    assert source.heading.text().endswith(f"; {result.paragraphs[k].source_count - 1} more sources")
    tip = view.draft.margin_tip(k).split("<br>")
    assert [line.split(",")[0] for line in tip[1 : 1 + len(result.paragraphs[k].sources)]] == [
        f"{s.doc.name} {s.label} ({s.doc.year})" for s in result.paragraphs[k].sources
    ]
    view.show_paragraph(i)
    assert source.diff.toPlainText() == "".join(t for _, t in result.paragraphs[i].diff)
    struck = []
    it = source.diff.document().begin().begin()
    while not it.atEnd():
        if it.fragment().charFormat().fontStrikeOut():
            struck.append(it.fragment().text())
        it += 1
    assert "best practices" in "".join(struck)
    cursor = source.document_view.textCursor()
    assert cursor.block().text().startswith("OP6(e)  Strengthen the exchange")
    # A new paragraph has no source to open.
    new = next(k for k, p in enumerate(result.paragraphs) if p.status == "new")
    view.show_paragraph(new)
    assert source.source_doc is None and "is new" in source.heading.text()
    view.close_button.click()
    assert not window.provenance.active
    assert "pairs" in window.summary_label.text()


def test_check_left_document_leaves_itself_out_and_says_so(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.open_side("left", "62/209")
    job = window.provenance.check_left_document()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    result = window.provenance.result
    assert result is not None and result.left_out == (
        "62/209 is the draft itself and was left out of the comparison.",
    )
    assert window.statusBar().currentMessage() == result.left_out[0]


@pytest.mark.parametrize(
    ("content", "reason"),
    [("", "is empty"), ("Shopping list\n\nEggs and milk.\n", "no resolution paragraphs")],
)
def test_bad_drafts_are_a_message_and_change_nothing(  # type: ignore[no-untyped-def]
    window: MainWindow, tmp_path: Path, content: str, reason: str
) -> None:
    before = window.comparison
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    assert window.provenance.check_path(str(path)) is None
    assert reason in window.banner.text and window.banner.text.startswith("Could not check")
    assert window.comparison is before and not window.provenance.active


def test_nothing_older_is_a_message_from_the_worker(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.open_side("left", "591(XXIX)")
    job = window.provenance.check_left_document()
    assert job is not None
    with qtbot.waitSignal(job.failed, timeout=30_000):
        pass
    assert window.banner.text == (
        "Could not check the draft: 591(XXIX): the corpus has no document adopted before it (2002-05)"
    )
    assert not window.provenance.active


def test_legend_explains_marks_and_year_scale_and_report_exports(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, draft_file: Path, tmp_path: Path
) -> None:
    _check(qtbot, window, draft_file)
    legend = window.legend_html()
    for status in ("agreed", "adapted", "new"):
        assert f"<b>{status}</b>" in legend and STATUS_COLOUR[status] in legend
    assert "2002" in legend and "2005" in legend
    out = tmp_path / "report.html"
    assert window.provenance.export_to(str(out))
    assert "provenance report" in out.read_text(encoding="utf-8")
    assert not window.provenance.export_to(str(out))  # never over a file without asking
    assert "already exists" in window.banner.text


SCRIPT = """
import sys
sys.path.insert(0, sys.argv[3])
import reader.gui
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from reader.gui.main_window import MainWindow
from reader.gui.settings import AppSettings

app = QApplication(sys.argv[:1])
window = MainWindow(AppSettings(sys.argv[1]), persist=False)
window.setGeometry(0, 0, 1600, 1000)
window.show()

def go():
    job = window.provenance.check_path(sys.argv[4])
    job.finished.connect(lambda _r: QTimer.singleShot(300, click))

def click():
    window.provenance.view.show_paragraph(4)
    QTimer.singleShot(400, shoot)

def shoot():
    app.processEvents()
    shot = app.primaryScreen().grabWindow(0)
    print("saved" if shot.save(sys.argv[2]) else "not saved", shot.width(), shot.height())
    app.quit()

QTimer.singleShot(800, go)
app.exec()
"""


def test_provenance_view_on_xvfb(tmp_path: Path, output_dir: Path, draft_file: Path) -> None:
    out = output_dir / "provenance-xvfb-1600x1000.png"
    out.unlink(missing_ok=True)
    result = run_on_xvfb(SCRIPT, str(tmp_path / "s.ini"), str(out), str(TESTS), str(draft_file))
    assert "saved 1600 1000" in result.stdout, result.stdout + result.stderr[-2000:]
    image = QImage(str(out))
    # a painted window: marks, year-coloured phrases and diff tints across the page
    colours = {image.pixel(x, y) for x in range(0, 1600, 4) for y in range(100, 900, 40)}
    assert len(colours) > 100


def test_the_draft_dialog_offers_word_pdf_and_web_pages_and_checks_a_word_draft(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, draft_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx

    from reader.gui import provenance_mode

    word = docx.Document()
    for para in draft_file.read_text(encoding="utf-8").split("\n\n"):
        word.add_paragraph(" ".join(para.split()))
    path = draft_file.with_suffix(".docx")
    word.save(str(path))
    asked: list[str] = []

    def pick(parent: object, title: str, folder: str, filters: str) -> tuple[str, str]:
        asked.append(filters)
        return str(path), filters.split(";;")[0]

    monkeypatch.setattr(provenance_mode.QFileDialog, "getOpenFileName", staticmethod(pick))
    window.provenance.check_file.trigger()
    first = asked[0].split(";;")[0]
    assert all(f"*{s}" in first for s in (".txt", ".md", ".docx", ".pdf", ".html", ".htm"))
    job = window.provenance.job
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    assert window.provenance.active
    assert window.summary_label.text().startswith("7 paragraphs: 2 agreed, 3 adapted, 2 new; ")


def test_every_view_fits_a_1280_by_800_screen(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Check a Draft made the window at least 1,548 px wide (its title on one line), clipping
    "Back to Comparison" on a laptop screen."""
    compose(Corpus.bundled(), tmp_path)
    long_name = tmp_path / "draft resolution on south-south cooperation, second revision (clean).txt"
    (tmp_path / "draft.txt").rename(long_name)
    window = make_window(size=(1280, 800))
    assert window.minimumSizeHint().width() <= 1280 and window.minimumSizeHint().height() <= 800
    _check(qtbot, window, long_name)
    assert window.provenance.active and long_name.name in window.provenance.view.title.text()
    for w in (window, window.provenance.view):
        hint = w.minimumSizeHint().expandedTo(w.minimumSize())
        assert hint.width() <= 1280 and hint.height() <= 800, (type(w).__name__, hint)
    assert window.width() == 1280 and window.height() == 800
    button = window.provenance.view.close_button
    right = button.mapTo(window, button.rect().topRight()).x()
    assert button.isVisible() and right < window.width()
    window.show_history("right", None)
    qtbot.waitUntil(lambda: window.history.job is None, timeout=20_000)
    history = window.history.window
    assert history is not None
    assert history.width() <= 1280 and history.height() <= 760  # room for a title bar and a panel


def test_margin_labels_never_run_into_the_next_paragraph(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A one-line paragraph with a source has three margin lines (label, source, year and score):
    they were written over the next paragraph's."""
    draft = tmp_path / "short.txt"
    draft.write_text(
        "The General Assembly,\n\n"
        "Recalling also the 2005 World Summit Outcome,\n\n"
        "Recalling its resolution 58/220 of 23 December 2003,\n\n"
        "Noting the seismograph calibration workshop,\n\n"
        "1. Takes note of the report of the Secretary-General;\n\n"
        "2. Decides to remain seized of the matter.\n",
        encoding="utf-8",
    )
    for size in ((1280, 800), (1900, 800)):  # wide: every paragraph on one line
        window = make_window(size=size)
        _check(qtbot, window, draft)
        view = window.provenance.view.draft
        result = window.provenance.result
        assert result is not None and len(result.paragraphs) == 5
        assert sum(p.best is not None for p in result.paragraphs) >= 3
        line = view.margin_line_height()
        for i in range(len(result.paragraphs) - 1):
            top, _ = view.paragraph_range(i)
            next_top, _ = view.paragraph_range(i + 1)
            assert next_top >= top + 4 + view.margin_lines(i) * line, (size, i)
        # a paragraph without a source keeps the ordinary spacing
        new = next(i for i, p in enumerate(result.paragraphs) if p.best is None and i + 1 < 5)
        top, bottom = view.paragraph_range(new)
        assert bottom - top < 3 * line
        window.close()


def test_the_legend_shows_the_year_scale_in_its_colours_and_fits_the_screen(  # type: ignore[no-untyped-def]
    qtbot, make_window, draft_file: Path
) -> None:
    """The scale was written with CSS borders, which Qt's rich text does not draw: years, no colours."""
    from PySide6.QtWidgets import QTextBrowser

    from reader.core.provenance.style import year_colour

    window = make_window(size=(1280, 800))
    _check(qtbot, window, draft_file)
    window.actions_.legend.trigger()
    dialog = window.legend_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.width() <= 1280 and dialog.height() <= 700
    browser = dialog.findChild(QTextBrowser)
    browser.verticalScrollBar().setValue(browser.verticalScrollBar().maximum())  # the scale is at the end
    image = browser.viewport().grab().toImage()
    w, h = image.width(), image.height()
    seen = {image.pixelColor(x, y).name() for x in range(0, w, 2) for y in range(0, h, 2)}
    for year in (2002, 2005):  # the draft's phrases are first used in these years
        assert year_colour(year, 2002, 2005) in seen, year
    dialog.close()


def test_clicking_each_paragraph_shows_its_source_paragraph_and_keeps_the_panes_still(  # type: ignore[no-untyped-def]
    qtbot, make_window, draft_file: Path
) -> None:
    """The source document's title on one line widened its panel at every click, and the source
    paragraph could end up above the view (591(XXIX) OP6(e), 268 px above it)."""
    window = make_window(size=(1280, 800))
    _check(qtbot, window, draft_file)
    view, source = window.provenance.view, window.provenance.view.source
    result = window.provenance.result
    assert result is not None
    widths = set()
    shown = 0
    for i, p in enumerate(result.paragraphs):
        view.show_paragraph(i)
        qtbot.wait(20)
        widths.add(source.width())
        if p.best is None:
            continue
        doc = source.document_view.document()
        block = doc.findBlockByNumber(p.best.index)
        top = doc.documentLayout().blockBoundingRect(block).top()
        seen = top - source.document_view.verticalScrollBar().value()
        assert 0 <= seen <= 40, (p.label, seen)
        assert block.text().startswith(f"{p.best.label}  ")
        shown += 1
    assert shown >= 4 and len(widths) == 1


def test_the_margin_shows_an_agreed_paragraph_with_a_source_in_its_words(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow
) -> None:
    """62/209 OP3 "Stresses that ..." is 60/212 OP3 word for word; 57/263 PP1 "Stressing that ..." (older,
    same score) is not what the margin, its tip and the source pane name first (issue 20)."""
    _check(qtbot, window, Corpus.bundled().resolve("62/209").path)  # type: ignore[union-attr]
    view = window.provenance.view
    result = view.result
    assert result is not None
    i = next(k for k, p in enumerate(result.paragraphs) if p.label == "OP3")
    assert result.paragraphs[i].status == "agreed"
    tip = view.draft.margin_tip(i).split("<br>")
    assert tip[1] == "60/212 OP3 (2005), score 100.0 (same words)"
    assert tip[-1] == "oldest: 60/212 OP3 (2005)"
    view.show_paragraph(i)
    assert view.source.heading.text().startswith("OP3 agreed: best source 60/212 OP3 (2005), the same words")
