"""Find agreed language (Ctrl+Shift+F): results follow typing off the GUI thread, open beside, copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication, QKeySequence

from reader.core.find.finder import FindResult
from reader.gui.find_panel import FAMILY_ROLE, OCCURRENCE_ROLE
from reader.gui.main_window import MainWindow
from reader.gui.trace_panel import HTML_ROLE

QUERY = "South-South cooperation is no substitute for North-South cooperation but complements it"
REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


def test_typing_shows_families_with_counts_years_and_diff_then_opens_and_copies(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    output_dir: Path,
) -> None:
    action = window.actions_.find_language
    assert action.shortcut() == QKeySequence("Ctrl+Shift+F")
    action.trigger()
    assert window.find_dock.isVisible()
    panel = window.find_panel
    results: list[FindResult] = []
    panel.finished.connect(results.append)
    with qtbot.waitSignal(panel.finished, timeout=60000):
        for n in range(10, len(QUERY) + 1, 10):  # typing: one search once the typing pauses
            panel.edit.setPlainText(QUERY[:n])
        panel.edit.setPlainText(QUERY)
    qtbot.wait(400)
    assert len(results) == 1 and results[0].query == QUERY
    top = panel.tree.topLevelItem(0)
    assert top is not None
    found = top.data(0, FAMILY_ROLE)
    assert found.family.first.symbol == "62/209" and "not a substitute for" in found.text
    shown = str(top.data(0, HTML_ROLE))
    assert "62/209 OP4 (2007)" in shown and "1\u00d7" in shown and "line-through" in shown
    assert top.childCount() == found.family.count
    assert "families of adopted wording" in panel.status.text()
    panel.resize(520, 700)
    panel.grab().save(str(output_dir / "find_panel.png"))
    # the same view as a report
    out = output_dir / "find_panel_report.html"
    assert panel.export(str(out), force=True) == ""
    assert "62/209 OP4 (2007)" in out.read_text(encoding="utf-8")
    assert "already exists" in panel.export(str(out))
    # copy the adopted wording
    assert panel.copy_text() == found.text
    assert QGuiApplication.clipboard().text() == found.text
    # open beside the current document: 62/209 is already on the right, so it is selected there
    second = panel.tree.topLevelItem(1)
    assert second is not None
    fam2 = second.data(0, FAMILY_ROLE)
    panel.tree.setCurrentItem(second)
    panel.open_button.click()
    c = window.comparison
    assert c is not None and fam2.family.last.id in (c.left.id, c.right.id)


def test_a_paragraph_finds_its_own_family_and_an_adoption_opens_on_the_right(
    make_window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    window = make_window(corpus_dirs=[REAL], left="A_HRC_RES_52_6", right="A_HRC_RES_49_5")
    doc = window.session.left
    assert doc is not None
    para = next(p for p in doc.paragraphs if p.text.startswith("Condemns all forms of violence"))
    panel = window.find_panel
    with qtbot.waitSignal(panel.finished, timeout=60000) as sig:
        window.find_agreed_language(para.text)  # what the context menu's entry does
    result = sig.args[0]
    best = result.results[0]
    assert best.score == 100.0 and best.family.count == 4
    assert [o.year for o in best.family.occurrences] == [2019, 2021, 2022, 2023]
    # the 2019 adoption, a child of the family, opens on the right at its paragraph
    top = panel.tree.topLevelItem(0)
    assert top is not None
    child = next(
        top.child(i) for i in range(top.childCount()) if top.child(i).data(0, OCCURRENCE_ROLE).year == 2019
    )
    panel.tree.itemDoubleClicked.emit(child, 0)
    c = window.comparison
    assert c is not None and c.right.id == "A_HRC_RES_40_10"
    label = child.data(0, OCCURRENCE_ROLE).label
    index = next(i for i, p in enumerate(c.right.paragraphs) if p.label == label)
    assert window.view.right.textCursor().selectedText() == c.right.paragraphs[index].text
