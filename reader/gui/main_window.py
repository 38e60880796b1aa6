"""The main window: wires the comparison view, the panels, the menus and the settings.

It owns no matching logic: documents come from the corpus/ingest, comparisons
from ``reader.core.compare``, keyword spans from ``reader.core.keywords``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QActionGroup, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSlider,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.core.align import DEFAULT_THRESHOLD
from reader.core.corpus import Corpus
from reader.core.errors import InputError
from reader.core.keywords import find_keyword
from reader.core.model import Comparison, Document
from reader.core.summary import summarize
from reader.gui.actions import Actions
from reader.gui.banner import MessageBanner
from reader.gui.compare_view import DEFAULT_POINT_SIZE, CompareView
from reader.gui.corpus_panel import CorpusPanel
from reader.gui.find_bar import FindBar
from reader.gui.keyword_panel import KeywordPanel
from reader.gui.keyword_store import KeywordEntry, next_colour
from reader.gui.session import DEFAULT_LEFT, DEFAULT_RIGHT, ReaderSession, load_corpus
from reader.gui.settings import AppSettings
from reader.gui.side_marks import Side
from reader.gui.theme import KIND_GLYPHS, THEMES, Theme, apply_theme
from reader.gui.trace_panel import TracePanel
from reader.gui.workers import Job, index_job

APP_TITLE = "Resolution Reader"
KIND_ORDER = ("identical", "modified", "moved", "added", "removed")


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: AppSettings,
        *,
        left: str | None = None,
        right: str | None = None,
        corpus_dirs: Sequence[Path] | None = None,
        persist: bool = True,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.persist = persist
        self.corpus_dirs = list(corpus_dirs or [])
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("MainWindow")
        self.comparison: Comparison | None = None
        self.session = ReaderSession(self._load_corpus())
        self.session.set_threshold(settings.threshold(DEFAULT_THRESHOLD))
        self._keyword_cursor: dict[int, int] = {}
        self.theme: Theme = THEMES[settings.theme()]

        self.actions_ = Actions.create(self)
        self.view = CompareView(self)
        self.view.set_point_size(settings.point_size(DEFAULT_POINT_SIZE))
        self.banner = MessageBanner(self)
        self.find_bar = FindBar(self)
        central = QWidget(self)
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.banner)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.find_bar)
        self.setCentralWidget(central)

        self.corpus_panel = CorpusPanel(self)
        self.keyword_panel = KeywordPanel(self)
        self.trace_panel = TracePanel(self)
        self.trace_panel.set_source(self.session.tracer)
        self.corpus_dock = self._dock("Corpus", "CorpusDock", self.corpus_panel)
        self.keyword_dock = self._dock("Keywords", "KeywordDock", self.keyword_panel)
        self.trace_dock = self._dock("Phrase trace", "TraceDock", self.trace_panel)
        # corpus list on top, keywords and phrase trace sharing the space below it
        self.splitDockWidget(self.corpus_dock, self.keyword_dock, Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.keyword_dock, self.trace_dock)
        self.keyword_dock.raise_()

        self.threshold_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.threshold_slider.setRange(0, 100)
        self.threshold_slider.setFixedWidth(140)
        self.threshold_slider.setValue(round(self.session.options.threshold))
        self.threshold_slider.setToolTip(
            "Similarity threshold: paragraphs less alike than this are shown as added/removed. "
            "The alignment follows the slider live."
        )
        self.threshold_label = QLabel(self)
        self.threshold_label.setToolTip(self.threshold_slider.toolTip())
        self.threshold_label.setMinimumWidth(92)
        self._threshold_timer = QTimer(self)
        self._threshold_timer.setSingleShot(True)
        self._threshold_timer.setInterval(150)
        self._threshold_timer.timeout.connect(self._apply_threshold)

        self.summary_label = QLabel(self)
        self.summary_label.setToolTip(
            "Pairs of each kind and the share of the right document reused from the left"
        )
        self.pair_label = QLabel(self)
        self.pair_label.setToolTip("The selected pair of paragraphs")
        self.statusBar().addWidget(self.summary_label, 1)
        self.statusBar().addPermanentWidget(self.pair_label)

        self._build_menus()
        self._build_toolbar()
        self._connect()
        self._update_threshold_label()
        self.keyword_panel.set_entries(settings.keywords(), notify=False)
        self.corpus_panel.set_entries(self.session.corpus.entries, self.session.corpus.problems)
        self._apply_theme(settings.theme(), save=False)
        self.actions_.changes_only.setChecked(settings.changes_only())
        self.view.set_changes_only(settings.changes_only())
        self.resize(1440, 900)
        self._fit_docks = False
        self._restore_layout()
        self._index_job: Job | None = None
        self._open_initial(left, right)
        self._prepare_index()
        self.corpus_panel.tree.setFocus()  # no text caret blinking in a pane at start

    # ----- construction -------------------------------------------------------------------
    def _load_corpus(self) -> Corpus:
        extra = [Path(f) for f in self.settings.folders() if Path(f).is_dir()]
        if self.corpus_dirs:
            return Corpus.load([*self.corpus_dirs, *extra])
        return load_corpus(extra)

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        dock.toggleViewAction().setToolTip(f"Show or hide the {title.lower()} panel")
        for button in dock.findChildren(QAbstractButton):
            if button.objectName() == "qt_dockwidget_floatbutton":
                button.setToolTip(f"Detach the {title.lower()} panel into its own window (or dock it back)")
            elif button.objectName() == "qt_dockwidget_closebutton":
                button.setToolTip(f"Hide the {title.lower()} panel (View \u2192 Panels shows it again)")
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        return dock

    def _build_menus(self) -> None:
        a = self.actions_
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(a.open_left)
        file_menu.addAction(a.open_right)
        self.recent_menu = QMenu("Recent &Pairs", self)
        self.recent_menu.setToolTipsVisible(True)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(a.export_report)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        edit = bar.addMenu("&Edit")
        edit.addAction(a.copy)
        edit.addSeparator()
        edit.addAction(a.find)
        edit.addAction(a.find_next)
        edit.addAction(a.find_prev)
        edit.addSeparator()
        edit.addAction(a.trace_selection)
        view = bar.addMenu("&View")
        view.addAction(a.next_change)
        view.addAction(a.prev_change)
        view.addSeparator()
        view.addAction(a.swap)
        view.addAction(a.changes_only)
        view.addAction(a.show_phrases)
        view.addSeparator()
        view.addAction(a.zoom_in)
        view.addAction(a.zoom_out)
        view.addAction(a.zoom_reset)
        view.addSeparator()
        theme_menu = view.addMenu("&Theme")
        group = QActionGroup(self)
        for act in (a.theme_light, a.theme_dark):
            group.addAction(act)
            theme_menu.addAction(act)
        panels = view.addMenu("&Panels")
        for dock in (self.corpus_dock, self.keyword_dock, self.trace_dock):
            panels.addAction(dock.toggleViewAction())
        corpus = bar.addMenu("&Corpus")
        corpus.addAction(a.add_folder)
        corpus.addAction(a.forget_folders)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(a.legend)
        help_menu.addAction(a.about)
        for menu in bar.findChildren(QMenu):
            menu.setToolTipsVisible(True)
        self._rebuild_recent()

    def _build_toolbar(self) -> None:
        a = self.actions_
        tb = QToolBar("Main", self)
        tb.setObjectName("MainToolBar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tb.addAction(a.open_left)
        tb.addAction(a.open_right)
        tb.addAction(a.swap)
        tb.addSeparator()
        tb.addAction(a.prev_change)
        tb.addAction(a.next_change)
        tb.addAction(a.changes_only)
        tb.addSeparator()
        tb.addWidget(self.threshold_label)
        tb.addWidget(self.threshold_slider)
        tb.addSeparator()
        tb.addAction(a.find)
        tb.addAction(a.trace_selection)
        tb.addAction(a.export_report)
        # shorter labels on the toolbar; the menus keep the full ones
        for act, text in (
            (a.open_left, "Open Left\u2026"),
            (a.open_right, "Open Right\u2026"),
            (a.swap, "Swap"),
            (a.prev_change, "\u25b2 Previous"),
            (a.next_change, "\u25bc Next"),
            (a.changes_only, "Changes Only"),
            (a.find, "Find"),
            (a.trace_selection, "Trace"),
            (a.export_report, "Export\u2026"),
        ):
            button = tb.widgetForAction(act)
            if button is not None:
                button.setText(text)  # type: ignore[attr-defined]
                button.setToolTip(act.toolTip())
        self.addToolBar(tb)
        self.toolbar = tb

    def _connect(self) -> None:
        a = self.actions_
        a.open_left.triggered.connect(lambda: self._open_dialog("left"))
        a.open_right.triggered.connect(lambda: self._open_dialog("right"))
        a.export_report.triggered.connect(self._export_dialog)
        a.quit.triggered.connect(self.close)
        a.copy.triggered.connect(self._copy)
        a.find.triggered.connect(lambda: self.find_bar.open_bar(self.view.selected_text()[:80]))
        a.find_next.triggered.connect(lambda: self._find_next(False))
        a.find_prev.triggered.connect(lambda: self._find_next(True))
        a.trace_selection.triggered.connect(self.trace_selection)
        a.next_change.triggered.connect(lambda: self.view.next_change(1))
        a.prev_change.triggered.connect(lambda: self.view.next_change(-1))
        a.swap.triggered.connect(self.swap_sides)
        a.changes_only.toggled.connect(self._changes_only)
        a.show_phrases.toggled.connect(self._show_phrases)
        a.zoom_in.triggered.connect(lambda: self._zoom(self.view.point_size + 1))
        a.zoom_out.triggered.connect(lambda: self._zoom(self.view.point_size - 1))
        a.zoom_reset.triggered.connect(lambda: self._zoom(DEFAULT_POINT_SIZE))
        a.theme_light.triggered.connect(lambda: self._apply_theme("light"))
        a.theme_dark.triggered.connect(lambda: self._apply_theme("dark"))
        a.add_folder.triggered.connect(self._add_folder_dialog)
        a.forget_folders.triggered.connect(self.forget_folders)
        a.about.triggered.connect(self._about)
        a.legend.triggered.connect(self._legend)
        self.threshold_slider.valueChanged.connect(self._threshold_moved)
        self.view.pairSelected.connect(self._pair_selected)
        for side in ("left", "right"):
            self.view.view(side).fileDropped.connect(lambda path, s=side: self.open_side(s, path))
            pane_view = self.view.view(side)
            pane_view.traceRequested.connect(self.trace_phrase)
            pane_view.keywordRequested.connect(self.add_keyword_text)
            pane_view.findRequested.connect(self.find_bar.open_bar)
        self.find_bar.searchChanged.connect(self._find_changed)
        self.find_bar.nextRequested.connect(self._find_next)
        self.find_bar.closed.connect(lambda: self._find_changed(""))
        self.corpus_panel.openRequested.connect(lambda ref, side: self.open_side(side, ref))
        self.corpus_panel.addFolderRequested.connect(self._add_folder_dialog)
        self.keyword_panel.keywordsChanged.connect(self._keywords_changed)
        self.keyword_panel.jumpRequested.connect(self.jump_to_keyword)
        self.keyword_panel.errorRaised.connect(self.show_error)
        self.keyword_panel.message.connect(lambda m: self.statusBar().showMessage(m, 5000))
        self.trace_panel.openHit.connect(self.open_trace_hit)
        self.trace_panel.failed.connect(self.show_error)

    def _restore_layout(self) -> None:
        geo = self.settings.geometry()
        if geo is not None:
            self.restoreGeometry(geo)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        else:
            self._fit_docks = True
        split = self.settings.splitter()
        if split is not None:
            self.view.splitter.restoreState(split)

    def showEvent(self, e: QShowEvent) -> None:
        super().showEvent(e)
        if self._fit_docks:
            # first start: a side panel about a fifth of the window, the panes share the rest
            self._fit_docks = False
            width = max(250, min(360, int(self.width() * 0.21)))
            self.resizeDocks([self.corpus_dock], [width], Qt.Orientation.Horizontal)
            self.resizeDocks(
                [self.corpus_dock, self.keyword_dock],
                [int(self.height() * 0.3), int(self.height() * 0.6)],
                Qt.Orientation.Vertical,
            )

    # ----- opening documents ----------------------------------------------------------------
    def _open_initial(self, left: str | None, right: str | None) -> None:
        last = self.settings.last_pair()
        want = (left or (last[0] if last else DEFAULT_LEFT), right or (last[1] if last else DEFAULT_RIGHT))
        try:
            self.session.set_pair(*want)
        except InputError as exc:
            self.show_error(f"Could not open {exc.source}: {exc.reason}")
            try:
                self.session.set_pair(DEFAULT_LEFT, DEFAULT_RIGHT)
            except InputError as exc2:
                self.show_error(f"Could not open the default pair: {exc2.source}: {exc2.reason}")
                return
        self._recompare(remember=False)

    def open_side(self, side: Side, ref: str) -> bool:
        """Load ``ref`` on one side; on failure show why and leave the comparison as it was."""
        s = self.session
        before = (s.left, s.left_ref, s.right, s.right_ref)
        try:
            s.set_side(side, ref)
            comparison = s.compare() if s.ready else None
        except InputError as exc:
            s.left, s.left_ref, s.right, s.right_ref = before
            self.show_error(
                f"Could not open {exc.source}: {exc.reason}. The comparison on screen is unchanged."
            )
            return False
        self.banner.hide()
        if comparison is not None:
            self._show(comparison, keep_position=False, remember=True)
        return True

    def open_pair(self, left: str, right: str) -> bool:
        before = (self.session.left, self.session.left_ref, self.session.right, self.session.right_ref)
        try:
            self.session.set_pair(left, right)
            comparison = self.session.compare()
        except InputError as exc:
            self.session.left, self.session.left_ref, self.session.right, self.session.right_ref = before
            self.show_error(
                f"Could not open {exc.source}: {exc.reason}. The comparison on screen is unchanged."
            )
            return False
        self.banner.hide()
        self._show(comparison, keep_position=False, remember=True)
        return True

    def _open_dialog(self, side: Side) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            f"Open {side} document",
            "",
            "Resolutions (*.txt *.md *.markdown *.text);;All files (*)",
        )
        if path:
            self.open_side(side, path)

    def swap_sides(self) -> None:
        if not self.session.ready:
            return
        self.session.swap()
        self._recompare(remember=True)

    def _recompare(self, *, keep_position: bool = False, remember: bool = True) -> None:
        if not self.session.ready:
            return
        try:
            comparison = self.session.compare()
        except InputError as exc:
            self.show_error(f"{exc.source}: {exc.reason}")
            return
        self._show(comparison, keep_position=keep_position, remember=remember)

    def _show(self, comparison: Comparison, *, keep_position: bool, remember: bool) -> None:
        self.comparison = comparison
        self.view.set_comparison(comparison, keep_position=keep_position)
        self._update_summary()
        self._keywords_changed(save=False)
        left, right = comparison.left, comparison.right
        self.setWindowTitle(f"{left.display_name} \u2194 {right.display_name} \u2014 {APP_TITLE}")
        if remember and self.persist:
            self.settings.set_last_pair(self.session.left_ref, self.session.right_ref)
            self.settings.add_recent_pair(self.session.left_ref, self.session.right_ref)
            self._rebuild_recent()
        elif self.persist and not self.settings.last_pair():
            self.settings.set_last_pair(self.session.left_ref, self.session.right_ref)

    def show_error(self, message: str) -> None:
        self.banner.show_error(message)
        self.statusBar().showMessage(message, 8000)

    def _ref_name(self, ref: str) -> str:
        for e in self.session.corpus.entries:
            if e.id == ref:
                return e.symbol or e.id
        return Path(ref).name

    def _rebuild_recent(self) -> None:
        self.recent_menu.clear()
        pairs = self.settings.recent_pairs()
        if not pairs:
            empty = self.recent_menu.addAction("(no recent pairs)")
            empty.setEnabled(False)
            return
        for i, (left, right) in enumerate(pairs):
            act = self.recent_menu.addAction(
                f"&{i + 1}  {self._ref_name(left)} \u2194 {self._ref_name(right)}"
            )
            act.setToolTip(f"{left}\n{right}")
            act.triggered.connect(lambda _=False, lr=(left, right): self.open_pair(*lr))

    # ----- comparison controls -------------------------------------------------------------
    def _threshold_moved(self, value: int) -> None:
        self._update_threshold_label()
        self._threshold_timer.start()

    def _update_threshold_label(self) -> None:
        self.threshold_label.setText(f"Similarity \u2265 {self.threshold_slider.value()}")

    def set_threshold(self, value: float) -> None:
        """Set the slider and re-align now (what the slider does after its short pause)."""
        self.threshold_slider.setValue(round(value))
        self._threshold_timer.stop()
        self._apply_threshold()

    def _apply_threshold(self) -> None:
        value = float(self.threshold_slider.value())
        if value == self.session.options.threshold and self.comparison is not None:
            return
        self.session.set_threshold(value)
        if self.persist:
            self.settings.set_threshold(value)
        self._recompare(keep_position=True, remember=False)

    def _changes_only(self, on: bool) -> None:
        self.view.set_changes_only(on)
        self._keywords_changed(save=False)
        if self.persist:
            self.settings.set_changes_only(on)

    def _show_phrases(self, on: bool) -> None:
        self.view.set_show_phrases(on)
        self._keywords_changed(save=False)

    def _zoom(self, size: float) -> None:
        self.view.set_point_size(size)
        self._keywords_changed(save=False)
        if self.persist:
            self.settings.set_point_size(self.view.point_size)

    def _apply_theme(self, name: str, *, save: bool = True) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.theme = apply_theme(app, name)
        else:
            self.theme = THEMES.get(name, THEMES["light"])
        self.actions_.theme_light.setChecked(self.theme.name == "light")
        self.actions_.theme_dark.setChecked(self.theme.name == "dark")
        self.view.set_theme(self.theme)
        self.trace_panel.set_theme(self.theme)
        self._keywords_changed(save=False)
        if save and self.persist:
            self.settings.set_theme(self.theme.name)

    def _update_summary(self) -> None:
        c = self.comparison
        if c is None:
            self.summary_label.setText("")
            return
        s = summarize(c)
        parts = [f"{KIND_GLYPHS[k]} {s.counts.get(k, 0)} {k}" for k in KIND_ORDER if s.counts.get(k, 0)]
        total = len(c.alignment.pairs)
        self.summary_label.setText(
            f"{total} pairs:  " + "   ".join(parts) + f"   \u2502   {s.reused_share * 100:.0f}% of "
            f"{c.right.display_name} reused from {c.left.display_name}"
            f"   \u2502   threshold {c.alignment.threshold:.0f}"
        )

    def _pair_selected(self, k: int) -> None:
        c = self.comparison
        if c is None:
            return
        pair = c.alignment.pairs[k]
        left = ", ".join(c.left.paragraphs[i].label for i in pair.left) or "\u2014"
        right = ", ".join(c.right.paragraphs[i].label for i in pair.right) or "\u2014"
        self.pair_label.setText(f"{left} \u2194 {right}  \u00b7  {pair.kind}  \u00b7  score {pair.score:.0f}")

    # ----- find & copy ------------------------------------------------------------------------
    def _find_changed(self, text: str) -> None:
        left, right = self.view.find_all(text)
        self.find_bar.set_counts(left, right)

    def _find_next(self, backward: bool) -> None:
        if not self.find_bar.isVisible():
            self.find_bar.open_bar()
            return
        side: Side = "right" if self.view.right.hasFocus() else "left"
        if not self.view.find_next(side, backward):
            other: Side = "right" if side == "left" else "left"
            self.view.find_next(other, backward)

    def _copy(self) -> None:
        for v in (self.view.left, self.view.right):
            if v.textCursor().hasSelection():
                v.copy()
                return

    # ----- keywords --------------------------------------------------------------------------
    def _keywords_changed(self, save: bool = True) -> None:
        entries = self.keyword_panel.entries
        if save and self.persist:
            self.settings.set_keywords(entries)
        self.session.set_keywords([e.text for e in entries])
        c = self.comparison
        if c is None:
            return
        counts: list[tuple[int, int]] = []
        spans: dict[Side, list[tuple[int, int, int, str]]] = {"left": [], "right": []}
        for e in entries:
            kw = e.to_core()
            per_side: list[int] = []
            for side, doc in (("left", c.left), ("right", c.right)):
                n = 0
                for i, para in enumerate(doc.paragraphs):
                    for s, t in find_keyword(para.text, kw):
                        spans[side].append((i, s, t, e.colour))  # type: ignore[index]
                        n += 1
                per_side.append(n)
            counts.append((per_side[0], per_side[1]))
        self.keyword_panel.set_counts(counts)
        self.view.set_keyword_spans("left", spans["left"])
        self.view.set_keyword_spans("right", spans["right"])
        self._keyword_cursor = {}

    def keyword_hits(self, row: int) -> list[tuple[Side, int, int, int]]:
        """Every hit of keyword ``row``: left document first, then right, in reading order."""
        c = self.comparison
        if c is None or not 0 <= row < len(self.keyword_panel.entries):
            return []
        kw = self.keyword_panel.entries[row].to_core()
        hits: list[tuple[Side, int, int, int]] = []
        for side, doc in (("left", c.left), ("right", c.right)):
            for i, para in enumerate(doc.paragraphs):
                for s, t in find_keyword(para.text, kw):
                    hits.append((side, i, s, t))  # type: ignore[arg-type]
        return hits

    def jump_to_keyword(self, row: int) -> tuple[Side, int, int, int] | None:
        hits = self.keyword_hits(row)
        if not hits:
            self.statusBar().showMessage("No hits for this keyword in either document", 4000)
            return None
        n = self._keyword_cursor.get(row, -1) + 1
        n %= len(hits)
        self._keyword_cursor[row] = n
        side, para, s, t = hits[n]
        self.view.jump_to_span(side, para, s, t)
        self.statusBar().showMessage(f"Hit {n + 1} of {len(hits)} ({side})", 4000)
        return hits[n]

    # ----- trace -----------------------------------------------------------------------------
    def trace_selection(self) -> None:
        text = self.view.selected_text()
        if text:
            self.trace_phrase(text)
        else:
            self.trace_dock.show()
            self.trace_dock.raise_()
            self.trace_panel.start()

    def trace_phrase(self, phrase: str) -> None:
        self.trace_dock.show()
        self.trace_dock.raise_()
        self.trace_panel.trace(phrase)

    def add_keyword_text(self, text: str) -> None:
        self.keyword_dock.show()
        self.keyword_dock.raise_()
        self.keyword_panel.add_keyword(KeywordEntry(text, colour=next_colour(self.keyword_panel.entries)))

    def open_trace_hit(self, doc_id: str, paragraph: int, start: int, end: int) -> None:
        if self.open_side("right", doc_id):
            self.view.jump_to_span("right", paragraph, start, end)

    # ----- large corpora: index in the background ------------------------------------------------
    def _prepare_index(self) -> None:
        """A large corpus is indexed off the GUI thread; "also in" appears when it is ready."""
        tracer = self.session.tracer()
        if tracer.ready or self._index_job is not None:
            return
        job = index_job(tracer)
        job.progress.connect(
            lambda done, total: self.statusBar().showMessage(
                f"Indexing the corpus for tracing: {done}/{total}"
            )
        )
        job.finished.connect(lambda _t: self._index_done(tracer))
        job.failed.connect(lambda m: self._index_ended(f"Could not index the corpus: {m}"))
        job.cancelled.connect(lambda: self._index_ended("Indexing cancelled"))
        self._index_job = job
        job.start()

    def _index_done(self, tracer: object) -> None:
        self._index_job = None
        if tracer is self.session.tracer():
            self.statusBar().showMessage(
                "Corpus indexed: recurring language now shows where else it occurs", 6000
            )
            self._recompare(keep_position=True, remember=False)

    def _index_ended(self, message: str) -> None:
        self._index_job = None
        self.statusBar().showMessage(message, 8000)

    # ----- corpus folders -------------------------------------------------------------------
    def _add_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of resolutions")
        if folder:
            self.add_folder(folder)

    def add_folder(self, folder: str) -> bool:
        p = Path(folder)
        if not p.is_dir():
            self.show_error(f"Could not add {folder}: it is not a folder.")
            return False
        folders = self.settings.folders()
        resolved = str(p.resolve())
        if resolved not in folders:
            folders.append(resolved)
        if self.persist:
            self.settings.set_folders(folders)
        self._reload_corpus(folders)
        added = sum(
            1 for e in self.session.corpus.entries if Path(e.path).resolve().is_relative_to(p.resolve())
        )
        self.statusBar().showMessage(f"Added {added} document(s) from {folder}", 6000)
        return True

    def forget_folders(self) -> None:
        if self.persist:
            self.settings.set_folders([])
        self._reload_corpus([])

    def _reload_corpus(self, folders: list[str]) -> None:
        extra = [Path(f) for f in folders if Path(f).is_dir()]
        try:
            corpus = Corpus.load([*self.corpus_dirs, *extra]) if self.corpus_dirs else load_corpus(extra)
        except InputError as exc:
            self.show_error(f"Could not read {exc.source}: {exc.reason}")
            return
        if self._index_job is not None:
            self._index_job.wait()
            self._index_job = None
        self.session.set_corpus(corpus)
        self.corpus_panel.set_entries(corpus.entries, corpus.problems)
        self._prepare_index()

    # ----- export -----------------------------------------------------------------------------
    def export_report_to(
        self, path: str, *, layout: Literal["side-by-side", "redline"] = "side-by-side", force: bool = False
    ) -> bool:
        """Write the HTML report of the current comparison (core renders it)."""
        if self.comparison is None:
            return False
        from reader.core.report import write_report

        try:
            write_report(
                path,
                self.comparison,
                force=force,
                layout=layout,
                keywords=tuple(e.to_core() for e in self.keyword_panel.entries),
            )
        except InputError as exc:
            self.show_error(f"Could not write the report {exc.source}: {exc.reason}")
            return False
        except OSError as exc:
            self.show_error(f"Could not write the report {path}: {exc.strerror or exc}")
            return False
        self.statusBar().showMessage(f"Report saved to {path}", 8000)
        return True

    def _export_dialog(self) -> None:
        if self.comparison is None:
            return
        c = self.comparison
        name = f"{c.left.display_name}-vs-{c.right.display_name}.html".replace("/", "-")
        side_filter = "HTML report, side by side (*.html)"
        red_filter = "HTML report, single-column redline (*.html)"
        path, chosen = QFileDialog.getSaveFileName(
            self,
            "Export report",
            name,
            f"{side_filter};;{red_filter}",
            side_filter,
            QFileDialog.Option.DontConfirmOverwrite,
        )
        if not path:
            return
        if not path.lower().endswith((".html", ".htm")):
            path += ".html"
        force = False
        if Path(path).exists():
            answer = QMessageBox.question(
                self,
                "Replace report?",
                f"{Path(path).name} already exists. Replace it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            force = True
        self.export_report_to(path, layout="redline" if chosen == red_filter else "side-by-side", force=force)

    # ----- help --------------------------------------------------------------------------------
    def about_html(self) -> str:
        return (
            f"<h3>{APP_TITLE} {__version__}</h3>"
            "<p>Compare resolutions and their drafts side by side: aligned paragraphs, "
            "word-level changes and the agreed language that recurs across years.</p>"
            f"<p>Corpus: {len(self.session.corpus.entries)} documents. "
            "Everything runs offline on this computer.</p>"
        )

    def _about(self) -> None:
        QMessageBox.about(self, f"About {APP_TITLE}", self.about_html())

    def legend_html(self) -> str:
        t = self.theme
        rows = [
            f"<tr><td style='background:{t.kind_tint[k]}; color:{t.kind_line[k]}; padding:3px 8px'>"
            f"<b>{KIND_GLYPHS[k]}</b></td><td style='padding:3px 8px'>{k}</td></tr>"
            for k in KIND_ORDER
        ]
        return (
            "<p><b>Gutter links and paragraph tints</b> (the badge and pattern tell the kind, "
            "not only the colour; added/removed links are hatched, moved links dashed and cross "
            "the others)</p>"
            f"<table>{''.join(rows)}</table>"
            f"<p><span style='background:{t.delete_bg}; text-decoration:line-through'>"
            "struck on a rose tint</span>: words deleted (left side)<br>"
            f"<span style='background:{t.insert_bg}'>green tint</span>: words inserted (right side)<br>"
            f"<span style='text-decoration:underline; color:{t.phrase}'>dotted blue-green underline</span>: "
            "recurring language shared by both (hover to see where else it occurs)<br>"
            "Bright backgrounds: your keywords. Blue superscript numbers: footnotes (hover to read).</p>"
        )

    def _legend(self) -> None:
        QMessageBox.information(self, "Legend", self.legend_html())

    # ----- closing ----------------------------------------------------------------------------
    def save_state(self) -> None:
        if not self.persist:
            return
        s = self.settings
        s.set_geometry(QByteArray(self.saveGeometry()))
        s.set_window_state(QByteArray(self.saveState()))
        s.set_splitter(QByteArray(self.view.splitter.saveState()))
        s.set_threshold(self.session.options.threshold)
        s.set_keywords(self.keyword_panel.entries)
        if self.session.ready:
            s.set_last_pair(self.session.left_ref, self.session.right_ref)
        s.sync()

    def closeEvent(self, e: QCloseEvent) -> None:
        self.trace_panel.shutdown()
        if self._index_job is not None:
            self._index_job.wait()
            self._index_job = None
        self.save_state()
        super().closeEvent(e)

    def current_documents(self) -> tuple[Document | None, Document | None]:
        return self.session.left, self.session.right
