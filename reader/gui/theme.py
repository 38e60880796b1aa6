"""Light and dark palettes and the colours that carry meaning (kinds, diff marks, phrases).

Every colour the views paint comes from one ``Theme`` so the two palettes stay
consistent and a colour-blind reader gets the same information from the gutter
markers and patterns.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

KIND_GLYPHS: dict[str, str] = {
    "identical": "=",
    "modified": "~",
    "moved": "\u21c5",
    "added": "+",
    "removed": "\u2212",
}

KEYWORD_COLOURS: tuple[str, ...] = (  # bright, and away from the diff/kind colours
    "#ffd43b",
    "#74c0fc",
    "#ffa94d",
    "#e599f7",
    "#63e6be",
    "#d8f5a2",
    "#ffc9c9",
    "#bac8ff",
)


@dataclass(frozen=True)
class Theme:
    name: str
    dark: bool
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    accent: str
    border: str
    kind_line: dict[str, str]  # strong colour per kind (gutter, overview strip)
    kind_tint: dict[str, str]  # paragraph background per kind
    insert_bg: str
    delete_bg: str
    delete_fg: str
    phrase: str  # underline colour of recurring language
    phrase_bg: str
    selection_frame: str
    find_bg: str
    banner_bg: str
    banner_fg: str

    def colour(self, value: str) -> QColor:
        return QColor(value)


LIGHT = Theme(
    name="light",
    dark=False,
    window="#f3f4f6",
    base="#ffffff",
    alt_base="#f8f9fa",
    text="#1f2328",
    muted="#6b7280",
    accent="#2f6fdb",
    border="#d5d9de",
    kind_line={
        "identical": "#b8bec6",
        "modified": "#d99a00",
        "moved": "#7b61ff",
        "added": "#2f9e44",
        "removed": "#d6336c",
    },
    kind_tint={
        "identical": "#ffffff",
        "modified": "#fff7e0",
        "moved": "#f1eeff",
        "added": "#e9f7ec",
        "removed": "#fdebf1",
    },
    insert_bg="#b7e4c0",
    delete_bg="#f8c4d3",
    delete_fg="#8a1c3c",
    phrase="#0b7285",
    phrase_bg="#e3f4f7",
    selection_frame="#2f6fdb",
    find_bg="#ffe066",
    banner_bg="#fdecea",
    banner_fg="#7a1b14",
)

DARK = Theme(
    name="dark",
    dark=True,
    window="#1e2025",
    base="#25282e",
    alt_base="#2b2f36",
    text="#e4e6eb",
    muted="#9aa1ad",
    accent="#6ea8fe",
    border="#3a3f47",
    kind_line={
        "identical": "#5c636e",
        "modified": "#f0b429",
        "moved": "#9f8cff",
        "added": "#51cf66",
        "removed": "#f06595",
    },
    kind_tint={
        "identical": "#25282e",
        "modified": "#3a3322",
        "moved": "#2f2b45",
        "added": "#203a28",
        "removed": "#3f2430",
    },
    insert_bg="#2b6a3a",
    delete_bg="#7a2e45",
    delete_fg="#ffc9d6",
    phrase="#66d9e8",
    phrase_bg="#1f3b42",
    selection_frame="#6ea8fe",
    find_bg="#8a6d00",
    banner_bg="#4a2422",
    banner_fg="#ffd8d3",
)

THEMES: dict[str, Theme] = {"light": LIGHT, "dark": DARK}


def palette_for(theme: Theme) -> QPalette:
    """A full QPalette so standard widgets (lists, menus, inputs) follow the theme."""
    pal = QPalette()
    c = QColor
    pal.setColor(QPalette.ColorRole.Window, c(theme.window))
    pal.setColor(QPalette.ColorRole.WindowText, c(theme.text))
    pal.setColor(QPalette.ColorRole.Base, c(theme.base))
    pal.setColor(QPalette.ColorRole.AlternateBase, c(theme.alt_base))
    pal.setColor(QPalette.ColorRole.Text, c(theme.text))
    pal.setColor(QPalette.ColorRole.Button, c(theme.alt_base if theme.dark else "#ffffff"))
    pal.setColor(QPalette.ColorRole.ButtonText, c(theme.text))
    pal.setColor(QPalette.ColorRole.ToolTipBase, c("#2b2f36" if theme.dark else "#fffef5"))
    pal.setColor(QPalette.ColorRole.ToolTipText, c(theme.text))
    pal.setColor(QPalette.ColorRole.PlaceholderText, c(theme.muted))
    pal.setColor(QPalette.ColorRole.Highlight, c("#3d5a80" if theme.dark else "#cfe0fc"))
    pal.setColor(QPalette.ColorRole.HighlightedText, c(theme.text))
    pal.setColor(QPalette.ColorRole.Link, c(theme.accent))
    pal.setColor(QPalette.ColorRole.Mid, c(theme.border))
    pal.setColor(QPalette.ColorRole.Midlight, c(theme.border))
    pal.setColor(QPalette.ColorRole.Dark, c(theme.border))
    pal.setColor(QPalette.ColorRole.Light, c(theme.base))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, c(theme.muted))
    return pal


def stylesheet_for(theme: Theme) -> str:
    """Small, calm styling on top of the Fusion style: flat toolbar, soft borders."""
    css = f"""
QMainWindow::separator {{ background: {theme.border}; width: 1px; height: 1px; }}
QToolBar {{ border: none; border-bottom: 1px solid {theme.border}; spacing: 4px; padding: 3px 6px; }}
QToolBar QToolButton {{ padding: 4px 8px; border-radius: 4px; }}
QToolBar QToolButton:hover {{ background: {theme.alt_base}; border: 1px solid {theme.border}; }}
QToolBar QToolButton:checked {{ background: {theme.alt_base}; border: 1px solid {theme.accent}; }}
QDockWidget::title {{ padding: 6px 8px; background: {theme.window}; }}
QStatusBar {{ border-top: 1px solid {theme.border}; }}
QStatusBar QLabel {{ padding: 0 6px; }}
QTextEdit#DocumentView {{ border: none; }}
QFrame#PaneHeader {{ background: {theme.alt_base}; border-bottom: 1px solid {theme.border}; }}
QLabel#PaneSide {{ color: {theme.muted}; font-weight: 600; }}
QFrame#Banner {{ background: {theme.banner_bg}; border: 1px solid {theme.kind_line["removed"]};
  border-radius: 4px; }}
QFrame#Banner QLabel {{ color: {theme.banner_fg}; }}
QFrame#FindBar {{ border-top: 1px solid {theme.border}; }}
QTabBar::tab {{ padding: 5px 12px; }}
"""
    if theme.dark:
        # Fusion draws check boxes with a darker-than-window outline: invisible on a dark window
        css += f"""
QCheckBox::indicator {{ width: 12px; height: 12px; border: 1px solid {theme.muted}; border-radius: 2px;
  background: {theme.base}; }}
QCheckBox::indicator:checked {{ background: {theme.accent}; border: 3px solid {theme.base};
  outline: 1px solid {theme.muted}; }}
"""
    return css


def apply_theme(app: QApplication, name: str) -> Theme:
    """Apply ``name`` ("light" or "dark"; anything else means light) to the whole app."""
    theme = THEMES.get(name, LIGHT)
    if app.property("readerTheme") == theme.name:
        return theme  # already applied: restyling every widget again is slow
    app.setStyle("Fusion")
    app.setPalette(palette_for(theme))
    app.setStyleSheet(stylesheet_for(theme))
    app.setProperty("readerTheme", theme.name)
    return theme
