"""``ProvenanceMode`` built alone, as ``HistoryController`` is: given the corpus, a tracer, a loader and
where messages go, without a ``MainWindow`` (issue 24)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QWidget

from reader.core.corpus.collection import Corpus
from reader.core.provenance.check import check_draft
from reader.gui.provenance_mode import ProvenanceMode
from reader.gui.theme import THEMES
from reader.gui.tracing import CorpusTracer

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))
from provenance_drafts import compose  # noqa: E402


def test_the_mode_checks_a_draft_shows_it_and_says_what_went_wrong_without_a_window(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    corpus = Corpus.bundled()
    compose(corpus, tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    errors: list[str] = []
    status: list[str] = []
    left: list[object] = [None]
    mode = ProvenanceMode(
        parent,
        corpus=lambda: corpus,
        tracer=lambda: CorpusTracer(corpus),
        load=corpus.load_ref,
        left=lambda: left[0],  # type: ignore[arg-type,return-value]
        theme=lambda: THEMES["light"],
        point_size=lambda: 11.0,
        show_error=errors.append,
        show_status=lambda message, _ms: status.append(message),
    )

    assert mode.check_left_document() is None  # nothing on the left yet
    assert errors == ["Open a draft on the left first."] and not mode.active
    assert mode.check_path(str(tmp_path / "no-such-draft.txt")) is None
    assert len(errors) == 2 and errors[1].startswith("Could not check ")

    draft = corpus.load_ref(str(tmp_path / "draft.txt"))
    left[0] = draft
    expected = check_draft(draft, corpus)
    with qtbot.waitSignal(mode.opened, timeout=30_000) as shown:
        job = mode.check_left_document()
        assert job is not None
    assert shown.args == [expected] and mode.result == expected and mode.active
    assert mode.view.draft.document().blockCount() == len(expected.paragraphs)
    assert len(errors) == 2  # nothing more went wrong

    out = tmp_path / "provenance.html"
    assert mode.export_to(str(out)) and "provenance report" in out.read_text(encoding="utf-8")
    assert status == [f"Report saved to {out}"]
    assert not mode.export_to(str(out)) and "exists" in errors[-1]  # never over a file unasked
    with qtbot.waitSignal(mode.closed, timeout=1000):
        mode.view.closeRequested.emit()
    assert not mode.active
    assert "Check a draft" in mode.legend_html()
