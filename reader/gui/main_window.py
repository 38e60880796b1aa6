"""The main window: wires the comparison view, the panels, the menus and the settings.

It owns no matching logic: documents come from the corpus/ingest, comparisons
from ``reader.core.compare.comparison``, keyword spans from ``reader.core.compare.keywords``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSlider,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.core.compare.align import DEFAULT_THRESHOLD
from reader.core.compare.keywords import Keyword
from reader.core.compare.summary import summarize
from reader.core.corpus.collection import Corpus
from reader.core.corpus.sync import open_corpus
from reader.core.errors import InputError
from reader.core.model import Comparison, Document
from reader.core.provenance.model import Provenance
from reader.gui import report_export
from reader.gui.actions import Actions
from reader.gui.banner import MessageBanner
from reader.gui.compare_view import DEFAULT_POINT_SIZE, CompareView
from reader.gui.corpus_loading import Refreshed, corpus_dirs, open_now, refresh_job
from reader.gui.corpus_panel import CorpusPanel
from reader.gui.corpus_watch import CorpusWatch
from reader.gui.doc_loader import FILE_FILTER, DocumentLoader, needs_reader
from reader.gui.find_bar import FindBar
from reader.gui.find_panel import FindPanel
from reader.gui.history_model import history_legend_html
from reader.gui.history_window import HistoryController
from reader.gui.index_progress import IndexProgress
from reader.gui.keyword_hits import Hit, keyword_hits, keyword_layer
from reader.gui.keyword_panel import KeywordPanel
from reader.gui.keyword_store import KeywordEntry, next_colour
from reader.gui.provenance_mode import ProvenanceMode
from reader.gui.report_export import Layout
from reader.gui.session import DEFAULT_LEFT, DEFAULT_RIGHT, ReaderSession
from reader.gui.settings import AppSettings
from reader.gui.side_marks import Side
from reader.gui.texts import APP_TITLE, about_html, legend_html, pair_text, summary_text
from reader.gui.theme import THEMES, Theme, apply_theme
from reader.gui.trace_panel import TracePanel
from reader.gui.window_chrome import build_menus, build_toolbar
from reader.gui.workers import Job

_REALIGNING = "Re-aligning\u2026"


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
        self.legend_dialog: QDialog | None = None  # Help → Legend, once opened
        self.history = HistoryController(
            self,
            lambda: self.session.corpus,
            self._open_history_pair,
            lambda: self.theme,
            lambda: self.session.tracer(),
        )
        self.view = CompareView(self)
        self.view.set_point_size(settings.point_size(DEFAULT_POINT_SIZE))
        self.banner = MessageBanner(self)
        self.loader = DocumentLoader(self)  # PDF, Word and web pages are read off the GUI thread
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(
            lambda m: self.show_error(f"Could not open {m}. The comparison on screen is unchanged.")
        )
        self.loader.cancelled.connect(
            lambda path: self.statusBar().showMessage(f"Stopped reading {path}", 6000)
        )
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
        self.find_panel = FindPanel(self)
        self.find_panel.set_source(lambda: self.session.corpus)
        self.find_dock = self._dock("Find agreed language", "FindLanguageDock", self.find_panel)
        self.tabifyDockWidget(self.trace_dock, self.find_dock)
        self.keyword_dock.raise_()

        self.threshold_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.threshold_slider.setRange(0, 100)
        self.threshold_slider.setFixedWidth(140)
        self.threshold_slider.setValue(round(self.session.options.threshold))
        self.threshold_slider.setToolTip(
            "Similarity threshold: paragraphs less alike than this are shown as added/removed, "
            "except a paragraph that kept its place, paired a little below it (from 28 at 40, "
            "52 at 60, 88 at 90, 100 at 100). The alignment follows the slider live."
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
        self.index_progress = IndexProgress(self)
        self.statusBar().addPermanentWidget(self.index_progress)

        self.recent_menu = build_menus(
            self, self.actions_, (self.corpus_dock, self.keyword_dock, self.trace_dock, self.find_dock)
        )
        self._rebuild_recent()
        self.toolbar = build_toolbar(self, self.actions_, (self.threshold_label, self.threshold_slider))
        self._connect()
        self._update_threshold_label()
        self.keyword_panel.set_entries(settings.keywords(), notify=False)
        # The style first: applied to a list already holding 100,000 rows it re-measured every one.
        self._apply_theme(settings.theme(), save=False)
        self._list_corpus(self.session.corpus)
        self.actions_.changes_only.setChecked(settings.changes_only())
        self.view.set_changes_only(settings.changes_only())
        self._fit_to_screen()
        self._fit_docks = False
        self._restore_layout()
        self._index_job: Job | None = None
        self._realign_job: Job | None = None  # re-aligning after the threshold slider moved
        self._realign_again = False  # the slider moved again while it ran
        self._open_initial(left, right)
        # Reading new files and loading the index start once the window is on screen.
        self._index_timer = QTimer(self)
        self._index_timer.setSingleShot(True)
        self._index_timer.setInterval(400)
        self._index_timer.timeout.connect(self._prepare_index)
        self._index_timer.start()
        # Files added, changed or removed while the reader is open are read in the background too.
        self.corpus_watch = CorpusWatch(self)
        self.corpus_watch.watch(self._dirs)
        self.corpus_watch.changed.connect(self.refresh_corpus)
        self._refresh_again = False  # asked while a corpus job ran: once more after it
        self.provenance = ProvenanceMode(
            self,
            corpus=lambda: self.session.corpus,
            tracer=lambda: self.session.tracer(),
            load=lambda path: self.session.load(path),
            left=lambda: self.session.left,
            theme=lambda: self.theme,
            point_size=lambda: self.view.point_size,
            show_error=self.show_error,
            show_status=lambda message, ms: self.statusBar().showMessage(message, ms),
        )
        self._install_provenance()
        self.corpus_panel.tree.setFocus()  # no text caret blinking in a pane at start

    # ----- construction -------------------------------------------------------------------
    def _install_provenance(self) -> None:
        """The provenance view in a stack with the comparison; its actions in File and on the toolbar."""
        mode = self.provenance
        self.stack = QStackedWidget(self)
        central = self.centralWidget()
        layout = central.layout() if central is not None else None
        assert layout is not None, "the central widget holds the comparison view in a layout"
        layout.replaceWidget(self.view, self.stack)
        self.stack.addWidget(self.view)
        self.stack.addWidget(mode.view)
        for owner in self.actions_.export_report.associatedObjects():
            if hasattr(owner, "insertAction") and owner is not self.toolbar:
                owner.insertAction(self.actions_.export_report, mode.check_file)
                break
        self.toolbar.addSeparator()
        self.toolbar.addAction(mode.check_left)
        button = self.toolbar.widgetForAction(mode.check_left)
        if button is not None:
            button.setText("Check Draft")  # type: ignore[attr-defined]
        mode.opened.connect(self._provenance_shown)
        mode.closed.connect(self._provenance_left)

    def _provenance_shown(self, result: Provenance) -> None:
        self.stack.setCurrentWidget(self.provenance.view)
        self.banner.hide()
        self.summary_label.setText(result.summary.sentence())
        if result.left_out:  # the summary stays on the status bar otherwise
            self.statusBar().showMessage(" ".join(result.left_out), 10000)

    def _provenance_left(self) -> None:
        self.stack.setCurrentWidget(self.view)
        self._update_summary()

    def _load_corpus(self, folders: list[str] | None = None) -> Corpus:
        """The corpus from its store, at once; ``_prepare_index`` reads what is new in the background."""
        extra = [
            Path(f) for f in (self.settings.folders() if folders is None else folders) if Path(f).is_dir()
        ]
        self._dirs = corpus_dirs(self.corpus_dirs, extra)
        corpus, stats = open_now(self._dirs)
        self._pending = stats.pending
        if stats.in_memory:
            self.statusBar().showMessage(stats.in_memory, 8000)
        return corpus

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
        a.refresh_corpus.triggered.connect(self.refresh_corpus)
        a.forget_folders.triggered.connect(self.forget_folders)
        a.about.triggered.connect(self._about)
        a.legend.triggered.connect(self._legend)
        a.history.triggered.connect(lambda: self.show_history("right"))
        a.find_language.triggered.connect(lambda: self.find_agreed_language(self.view.selected_text()))
        self.threshold_slider.valueChanged.connect(self._threshold_moved)
        self.view.pairSelected.connect(self._pair_selected)
        for side in ("left", "right"):
            self.view.view(side).fileDropped.connect(lambda path, s=side: self.open_side(s, path))
            pane_view = self.view.view(side)
            pane_view.traceRequested.connect(self.trace_phrase)
            pane_view.keywordRequested.connect(self.add_keyword_text)
            pane_view.findRequested.connect(self.find_bar.open_bar)
            pane_view.historyRequested.connect(lambda para, s=side: self.show_history(s, para))
            pane_view.agreedLanguageRequested.connect(self.find_agreed_language)
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
        self.find_panel.openOccurrence.connect(self.open_find_occurrence)

    def _fit_to_screen(self) -> None:
        """1440×900 where the screen allows, else most of the screen (a 1280×720 laptop)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1440, 900)
            return
        avail = screen.availableGeometry()
        self.resize(min(1440, int(avail.width() * 0.96)), min(900, int(avail.height() * 0.94)))
        self.move(avail.center() - self.rect().center())

    def _restore_layout(self) -> None:
        geo = self.settings.geometry()
        if geo is not None:
            self.restoreGeometry(geo)
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is not None and not screen.availableGeometry().contains(self.frameGeometry()):
                self._fit_to_screen()  # saved on a larger screen: do not open off-screen
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
        refs: dict[Side, str] = {
            "left": left or (last[0] if last else DEFAULT_LEFT),
            "right": right or (last[1] if last else DEFAULT_RIGHT),
        }
        # A PDF, Word file or web page is read in the background (a 500-page PDF takes seconds):
        # the default document stands on its side until it is ready, and the window is never blocked.
        slow = {
            side: ref
            for side, ref in refs.items()
            if needs_reader(ref) and not self.session.is_corpus_file(ref)
        }
        if slow:
            refs.update({side: DEFAULT_LEFT if side == "left" else DEFAULT_RIGHT for side in slow})
            QTimer.singleShot(0, lambda: self._read_in_background(slow))
        want = (refs["left"], refs["right"])
        try:
            self.session.set_pair(*want)
        except InputError as exc:
            if self._read_pending_now():  # asked for by id in a folder not read yet: read it first
                self._open_initial(left, right)
                return
            self.show_error(f"Could not open {exc.source}: {exc.reason}")
            try:
                self.session.set_pair(DEFAULT_LEFT, DEFAULT_RIGHT)
            except InputError as exc2:
                self.show_error(f"Could not open the default pair: {exc2.source}: {exc2.reason}")
                return
        self._recompare(remember=False)

    def _read_in_background(self, refs: dict[Side, str]) -> None:
        for side, ref in refs.items():
            self.loader.start(side, ref)

    def _read_pending_now(self) -> bool:
        """Read the corpus's new files here and now (in parallel); False when there are none."""
        if not self._pending:
            return False
        corpus, _ = open_corpus(self._dirs)
        self._pending = 0
        self.session.set_corpus(corpus)
        self._list_corpus(corpus)
        return True

    def _list_corpus(self, corpus: Corpus) -> None:
        """The corpus panel lists ``corpus`` (a large one after the window has painted, by a worker)."""
        self.corpus_panel.fill(corpus.size, lambda: corpus.entries, corpus.problems, corpus.skipped)

    def open_side(self, side: Side, ref: str) -> bool:
        """Load ``ref`` on one side; on failure show why and leave the comparison as it was."""
        s = self.session
        if needs_reader(ref) and not s.is_corpus_file(ref):
            self.loader.start(side, ref)  # PDF, Word, web page: read in the background, then _loaded
            return True
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

    def _loaded(self, side: Side, doc: object, ref: str) -> None:
        """A document read in the background replaces one side; the pair is compared again."""
        s = self.session
        before = (s.left, s.left_ref, s.right, s.right_ref)
        s.put(side, doc, ref)  # type: ignore[arg-type]
        try:
            comparison = s.compare() if s.ready else None
        except InputError as exc:
            s.left, s.left_ref, s.right, s.right_ref = before
            self.show_error(
                f"Could not open {exc.source}: {exc.reason}. The comparison on screen is unchanged."
            )
            return
        self.banner.hide()
        if comparison is not None:
            self._show(comparison, keep_position=False, remember=True)

    def open_pair(self, left: str, right: str) -> bool:
        if any(needs_reader(r) and not self.session.is_corpus_file(r) for r in (left, right)):
            # A PDF, Word file or web page is read in the background: each side on its own.
            return all([self.open_side("left", left), self.open_side("right", right)])
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
            FILE_FILTER,
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
        self._pair_selected(self.view.current_pair)  # the status bar follows (or drops) the selection
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
        """Set the slider and re-align now, before returning (the slider re-aligns in the background)."""
        self.threshold_slider.setValue(round(value))
        self._threshold_timer.stop()
        if self._take_threshold():
            self._recompare(keep_position=True, remember=False)

    def _apply_threshold(self) -> None:
        """The slider paused: re-align on a worker, so a long pair never freezes the slider."""
        if self._take_threshold():
            self._realign()

    def _take_threshold(self) -> bool:
        """Make the slider's value the session's threshold; False when nothing changed."""
        value = float(self.threshold_slider.value())
        if value == self.session.options.threshold and self.comparison is not None:
            return False
        self.session.set_threshold(value)
        if self.persist:
            self.settings.set_threshold(value)
        return True

    def _realign(self) -> None:
        if not self.session.ready:
            return
        if self._realign_job is not None:
            self._realign_again = True  # one comparison at a time; the newest threshold goes next
            return
        comparer = self.session.comparer()
        job = Job(lambda _progress: comparer())
        job.finished.connect(self._realigned)
        job.failed.connect(self._realign_failed)
        self._realign_job = job
        self.statusBar().showMessage(_REALIGNING)
        job.start()

    def _realigned(self, comparison: object) -> None:
        self._realign_job = None
        if self.statusBar().currentMessage() == _REALIGNING:
            self.statusBar().clearMessage()
        if self._realign_again:
            self._realign_again = False
            self._realign()
        elif isinstance(comparison, Comparison) and self.session.shows(comparison):
            self._show(comparison, keep_position=True, remember=False)
        # else: the pair changed meanwhile, and what is on screen is already its comparison

    def _realign_failed(self, message: str) -> None:
        self._realign_job = None
        self._realign_again = False
        self.show_error(message)

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
        self.find_panel.set_theme(self.theme)
        self.history.set_theme(self.theme)
        self._keywords_changed(save=False)
        if save and self.persist:
            self.settings.set_theme(self.theme.name)

    def _update_summary(self) -> None:
        c = self.comparison
        self.summary_label.setText(summary_text(c, summarize(c)) if c is not None else "")

    def _pair_selected(self, k: int | None) -> None:
        c = self.comparison
        if c is None or k is None or not 0 <= k < len(c.alignment.pairs):
            self.pair_label.setText("")
        else:
            self.pair_label.setText(pair_text(c, k))

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
        layer = keyword_layer(c, entries)
        self.keyword_panel.set_counts(layer.counts)
        self.view.set_keyword_spans("left", layer.spans["left"])
        self.view.set_keyword_spans("right", layer.spans["right"])
        self._keyword_cursor = {}

    def keyword_hits(self, row: int) -> list[Hit]:
        """Every hit of keyword ``row``: left document first, then right, in reading order."""
        if self.comparison is None or not 0 <= row < len(self.keyword_panel.entries):
            return []
        return keyword_hits(self.comparison, self.keyword_panel.entries[row])

    def jump_to_keyword(self, row: int) -> Hit | None:
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
        self.keyword_panel.add_keyword(
            KeywordEntry(Keyword(text), colour=next_colour(self.keyword_panel.entries))
        )

    def open_trace_hit(self, doc_id: str, paragraph: int, start: int, end: int) -> None:
        """Show a trace hit: in the pane that already holds its document, else opened on the right."""
        for side, doc in (("left", self.session.left), ("right", self.session.right)):
            if doc is not None and doc.id == doc_id:
                self.view.jump_to_span(side, paragraph, start, end)  # type: ignore[arg-type]
                return
        if self.open_side("right", doc_id):
            self.view.jump_to_span("right", paragraph, start, end)

    # ----- agreed language ------------------------------------------------------------------------
    def find_agreed_language(self, text: str = "") -> None:
        """Show the Find Agreed Language panel; with ``text``, search for it at once."""
        self.find_dock.show()
        self.find_dock.raise_()
        self.find_panel.edit.setFocus()
        if text.strip():
            self.find_panel.search(text)

    def open_find_occurrence(self, doc_id: str, label: str) -> None:
        """Open an adoption beside the current document (on the right) at its paragraph."""
        doc = next(
            (d for d in (self.session.left, self.session.right) if d is not None and d.id == doc_id), None
        )
        side: Side = "left" if doc is not None and doc is self.session.left else "right"
        if doc is None:
            if not self.open_side("right", doc_id):
                return
            doc = self.session.right
        if doc is None:
            return
        for i, p in enumerate(doc.paragraphs):
            if p.label == label:
                self.view.jump_to_span(side, i, 0, len(p.text))
                return

    # ----- large corpora: index in the background ------------------------------------------------
    def _prepare_index(self) -> None:
        """New files of a large corpus are read, and its index loaded, off the GUI thread (with Cancel)."""
        if self._index_job is not None or (self._pending == 0 and self.session.tracer().ready):
            return
        self._start_corpus_job(refresh_job(self._dirs), self.index_progress.report)
        self.corpus_panel.set_reading(self._pending)
        self.index_progress.start(
            f"Reading {self._pending:,} new files" if self._pending else "Loading the corpus index"
        )

    def refresh_corpus(self) -> None:
        """Read what was added, changed or removed in the corpus folders since they were read.

        Asked for by Refresh Corpus (F5), a corpus folder that changed, or the
        user coming back to the reader. An unchanged folder costs a ``stat`` per
        file in the background and changes nothing on screen; the progress bar
        shows only when files are being read.
        """
        if self._index_job is not None:
            self._refresh_again = True
            return
        self._start_corpus_job(refresh_job(self._dirs, unless=self.session.corpus), self._refresh_progress)

    def _refresh_progress(self, done: int, total: int) -> None:
        if total > 0 and done < total and not self.index_progress.isVisible():
            self.index_progress.start("Reading changed files")
        if self.index_progress.isVisible():
            self.index_progress.report(done, total)

    def _start_corpus_job(self, job: Job, progress: Callable[[int, int], None]) -> None:
        job.progress.connect(progress)
        job.finished.connect(self._corpus_refreshed)
        job.failed.connect(lambda m: self._index_ended(f"Could not read the corpus: {m}"))
        job.cancelled.connect(
            lambda: self._index_ended("Reading the corpus cancelled; what was read is kept for next time")
        )
        self.index_progress.cancelRequested.connect(job.cancel)
        self.index_progress.cancelRequested.connect(self.index_progress.cancelling)
        self._index_job = job
        job.start()

    def _corpus_refreshed(self, result: object) -> None:
        self._index_end()
        if isinstance(result, Refreshed):  # None: the folders were as the reader had them
            self._take_corpus(result)
        if self._refresh_again:
            self._refresh_again = False
            self.refresh_corpus()

    def _take_corpus(self, result: Refreshed) -> None:
        stats = result.stats
        first = self._pending or not self.session.tracer().ready  # the read that follows the start
        changed = stats.parsed or stats.removed or self._pending
        self._pending = 0
        self.session.set_corpus(result.corpus, result.tracer)
        if changed:
            self._list_corpus(result.corpus)
        self._realign()  # the "also in" look-ups, in the background like the slider
        if first:
            message = "Corpus indexed: recurring language now shows where else it occurs"
        else:
            message = f"Corpus updated: {_files(stats.parsed)} read, {_files(stats.removed)} removed"
        self.statusBar().showMessage(message, 6000)

    def _index_end(self) -> None:
        if self._index_job is not None:
            self.index_progress.cancelRequested.disconnect()
        self._index_job = None
        self.index_progress.stop()
        self.corpus_panel.set_reading(0)

    def _index_ended(self, message: str) -> None:
        self._index_end()
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
        if self._index_job is not None:
            self._index_job.wait()
            self._index_end()
        try:
            corpus = self._load_corpus(folders)
        except InputError as exc:
            self.show_error(f"Could not read {exc.source}: {exc.reason}")
            return
        self.session.set_corpus(corpus)
        self._list_corpus(corpus)
        self.corpus_watch.watch(self._dirs)
        self._prepare_index()

    # ----- history of a series (reader.gui.history_window) ------------------------------------------
    def show_history(self, side: Side, paragraph: int | None = None) -> None:
        doc = self.session.right if side == "right" else self.session.left
        if doc is None:
            return
        others = [d for d in (self.session.left, self.session.right) if d is not None]
        self.history.show_history(doc, others, paragraph)

    def _open_history_pair(self, old: Document, new: Document, p_old: int, p_new: int) -> None:
        if self.open_pair(self.session.ref_for(old, old.path), self.session.ref_for(new, new.path)):
            k = self.view.pair_of("right", p_new)
            if k is not None:
                self.view.select_pair(k)
            self.raise_()
            self.activateWindow()

    # ----- export -----------------------------------------------------------------------------
    def export_report_to(self, path: str, *, layout: Layout = "side-by-side", force: bool = False) -> bool:
        """Write the HTML report of the current comparison (the core renders it)."""
        if self.comparison is None:
            return False
        keywords = tuple(e.keyword for e in self.keyword_panel.entries)
        problem = report_export.write(path, self.comparison, keywords, layout=layout, force=force)
        if problem:
            self.show_error(problem)
            return False
        self.statusBar().showMessage(f"Report saved to {path}", 8000)
        return True

    def _export_dialog(self) -> None:
        if self.comparison is None:
            return
        choice = report_export.ask(self, self.comparison)
        if choice is not None:
            self.export_report_to(choice.path, layout=choice.layout, force=choice.force)

    # ----- help --------------------------------------------------------------------------------
    def about_html(self) -> str:
        return about_html(len(self.session.corpus.entries))

    def _about(self) -> None:
        QMessageBox.about(self, f"About {APP_TITLE}", self.about_html())

    def legend_html(self) -> str:
        return legend_html(self.theme) + history_legend_html(self.theme) + self.provenance.legend_html()

    def _legend(self) -> None:
        """Help → Legend: a scrolling text, so that it fits a 1,280 x 800 screen (a message box took
        the height of all its text)."""
        dialog = QDialog(self)
        dialog.setWindowTitle("Legend")
        text = QTextBrowser(dialog)
        text.setHtml(self.legend_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        lay = QVBoxLayout(dialog)
        lay.addWidget(text, 1)
        lay.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        height = 640 if screen is None else min(640, screen.height() - 120)
        dialog.resize(500, height)
        self.legend_dialog = dialog
        dialog.open()

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
        self._index_timer.stop()
        self.trace_panel.shutdown()
        self.find_panel.shutdown()
        self.corpus_panel.shutdown()
        self.history.cancel()
        self.loader.stop()
        if self._realign_job is not None:
            self._realign_job.wait()
            self._realign_job = None
        if self._index_job is not None:
            self._index_job.wait()
            self._index_end()
        self.save_state()
        super().closeEvent(e)


def _files(n: int) -> str:
    return f"{n:,} file{'' if n == 1 else 's'}"
