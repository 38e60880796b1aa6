"""The window's menus and toolbar, built from the shared ``Actions``."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar, QWidget

from reader.gui.actions import Actions


def build_menus(window: QMainWindow, a: Actions, docks: Sequence[QDockWidget]) -> QMenu:
    """File, Edit, View, Corpus, Help; returns the (empty) Recent Pairs menu to fill."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(a.open_left)
    file_menu.addAction(a.open_right)
    recent = QMenu("Recent &Pairs", window)
    file_menu.addMenu(recent)
    file_menu.addSeparator()
    file_menu.addAction(a.export_report)
    file_menu.addSeparator()
    file_menu.addAction(a.quit)
    edit = bar.addMenu("&Edit")
    edit.addAction(a.copy)
    edit.addSeparator()
    for act in (a.find, a.find_next, a.find_prev):
        edit.addAction(act)
    edit.addSeparator()
    edit.addAction(a.trace_selection)
    edit.addAction(a.find_language)
    view = bar.addMenu("&View")
    view.addAction(a.next_change)
    view.addAction(a.prev_change)
    view.addSeparator()
    for act in (a.swap, a.changes_only, a.show_phrases):
        view.addAction(act)
    view.addAction(a.history)
    view.addSeparator()
    for act in (a.zoom_in, a.zoom_out, a.zoom_reset):
        view.addAction(act)
    view.addSeparator()
    theme_menu = view.addMenu("&Theme")
    group = QActionGroup(window)
    for act in (a.theme_light, a.theme_dark):
        group.addAction(act)
        theme_menu.addAction(act)
    panels = view.addMenu("&Panels")
    for dock in docks:
        panels.addAction(dock.toggleViewAction())
    corpus = bar.addMenu("&Corpus")
    corpus.addAction(a.add_folder)
    corpus.addAction(a.refresh_corpus)
    corpus.addAction(a.forget_folders)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a.legend)
    help_menu.addAction(a.about)
    for menu in bar.findChildren(QMenu):
        menu.setToolTipsVisible(True)
    recent.setToolTipsVisible(True)
    return recent


def build_toolbar(window: QMainWindow, a: Actions, threshold: Sequence[QWidget]) -> QToolBar:
    """One flat text toolbar; shorter labels than the menus, same actions and tooltips."""
    tb = QToolBar("Main", window)
    tb.setObjectName("MainToolBar")
    tb.setMovable(False)
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for act in (a.open_left, a.open_right, a.swap):
        tb.addAction(act)
    tb.addSeparator()
    for act in (a.prev_change, a.next_change, a.changes_only):
        tb.addAction(act)
    tb.addSeparator()
    for widget in threshold:
        tb.addWidget(widget)
    tb.addSeparator()
    for act in (a.find, a.trace_selection, a.history, a.export_report):
        tb.addAction(act)
    for act, text in (
        (a.open_left, "Open Left\u2026"),
        (a.open_right, "Open Right\u2026"),
        (a.swap, "Swap"),
        (a.prev_change, "\u25b2 Previous"),
        (a.next_change, "\u25bc Next"),
        (a.changes_only, "Changes Only"),
        (a.find, "Find"),
        (a.trace_selection, "Trace"),
        (a.history, "History"),
        (a.export_report, "Export\u2026"),
    ):
        button = tb.widgetForAction(act)
        if button is not None:
            button.setText(text)  # type: ignore[attr-defined]
            button.setToolTip(act.toolTip())
    window.addToolBar(tb)
    return tb
