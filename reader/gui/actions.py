"""Every command of the window as a QAction: text, shortcut, tooltip in one place.

Menus and the toolbar both use these, so shortcuts show in the menus and
tooltips name the shortcut.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def _action(
    parent: QWidget,
    text: str,
    tip: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    *,
    checkable: bool = False,
) -> QAction:
    act = QAction(text, parent)
    if shortcut is not None:
        seq = QKeySequence(shortcut)
        act.setShortcut(seq)
        tip = f"{tip} ({seq.toString(QKeySequence.SequenceFormat.NativeText)})"
    act.setToolTip(tip)
    act.setStatusTip(tip)
    act.setCheckable(checkable)
    return act


@dataclass
class Actions:
    open_left: QAction
    open_right: QAction
    export_report: QAction
    quit: QAction
    copy: QAction
    find: QAction
    find_next: QAction
    find_prev: QAction
    trace_selection: QAction
    next_change: QAction
    prev_change: QAction
    swap: QAction
    changes_only: QAction
    show_phrases: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    theme_light: QAction
    theme_dark: QAction
    add_folder: QAction
    refresh_corpus: QAction
    forget_folders: QAction
    about: QAction
    legend: QAction
    history: QAction
    find_language: QAction

    @classmethod
    def create(cls, parent: QWidget) -> Actions:
        a = cls(
            open_left=_action(parent, "Open &Left\u2026", "Open a file in the left pane", "Ctrl+O"),
            open_right=_action(parent, "Open &Right\u2026", "Open a file in the right pane", "Ctrl+Shift+O"),
            export_report=_action(
                parent, "&Export Report\u2026", "Save this comparison as an HTML report", "Ctrl+E"
            ),
            quit=_action(parent, "&Quit", "Close the reader", QKeySequence.StandardKey.Quit),
            copy=_action(parent, "&Copy", "Copy the selected text", QKeySequence.StandardKey.Copy),
            find=_action(parent, "&Find\u2026", "Find text in both documents", QKeySequence.StandardKey.Find),
            find_next=_action(parent, "Find &Next", "Next match", "F3"),
            find_prev=_action(parent, "Find Pre&vious", "Previous match", "Shift+F3"),
            trace_selection=_action(
                parent,
                "&Trace Across Corpus",
                "Trace the selected text (or the trace box) across the corpus",
                "Ctrl+T",
            ),
            next_change=_action(parent, "&Next Change", "Go to the next changed paragraph", "F7"),
            prev_change=_action(
                parent, "&Previous Change", "Go to the previous changed paragraph", "Shift+F7"
            ),
            swap=_action(
                parent, "&Swap Sides", "Put the left document on the right and vice versa", "Ctrl+Shift+X"
            ),
            changes_only=_action(
                parent, "Show &Changes Only", "Hide identical paragraphs", "Ctrl+Shift+C", checkable=True
            ),
            show_phrases=_action(
                parent,
                "Show &Recurring Language",
                "Underline the language both documents share (hover it to see where else it occurs)",
                "Ctrl+Shift+R",
                checkable=True,
            ),
            zoom_in=_action(parent, "Zoom &In", "Larger text", QKeySequence.StandardKey.ZoomIn),
            zoom_out=_action(parent, "Zoom &Out", "Smaller text", QKeySequence.StandardKey.ZoomOut),
            zoom_reset=_action(parent, "&Actual Size", "Default text size", "Ctrl+0"),
            theme_light=_action(parent, "&Light", "Light colours", checkable=True),
            theme_dark=_action(parent, "&Dark", "Dark colours", checkable=True),
            add_folder=_action(
                parent, "&Add Folder\u2026", "Add a folder of your own resolutions to the corpus"
            ),
            refresh_corpus=_action(
                parent,
                "&Refresh Corpus",
                "Read the files added, changed or removed in the corpus folders since they were read",
                QKeySequence.StandardKey.Refresh,
            ),
            forget_folders=_action(parent, "&Forget Added Folders", "Use only the bundled corpus again"),
            about=_action(parent, "&About Resolution Reader", "Version and credits"),
            legend=_action(parent, "&Legend", "What the colours and marks mean", "F1"),
            history=_action(
                parent,
                "&History of the Series\u2026",
                "Every paragraph's versions across the series of the right-hand document",
                "Ctrl+H",
            ),
            find_language=_action(
                parent,
                "Find &Agreed Language\u2026",
                "The adopted wordings closest to what you type, or to the selected text",
                "Ctrl+Shift+F",
            ),
        )
        # Ctrl+= as well as Ctrl++ so zooming in works without Shift on most keyboards
        a.zoom_in.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
        a.show_phrases.setChecked(True)
        return a

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]
