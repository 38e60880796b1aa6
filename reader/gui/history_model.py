"""The History grid's Qt model (one row per lineage, one column per document) and the words around it.

It only shows a core ``History``: the lineages, kinds and diffs come from
``reader.core.history``. A kind is told by its mark (shape), its tint (colour)
and its type style (origin bold, moved italic), never by colour alone.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from reader.core.history.model import KIND_MARKS, KIND_MEANINGS, History, Lineage, Version
from reader.gui.theme import Theme

_Index = QModelIndex | QPersistentModelIndex

# Theme colours per history kind: an origin is new text (the "added" colours), absence is muted.
_THEME_KIND = {"origin": "added", "identical": "identical", "modified": "modified", "moved": "moved"}
LINEAGE_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's lineage index in History.lineages


def kind_of(v: Version | None) -> str:
    return "absent" if v is None else v.kind


def doc_heading(history: History, k: int) -> str:
    d = history.documents[k]
    return f"{d.display_name}\n{d.metadata.year or 'no date'}"


def cell_text(v: Version | None) -> str:
    return KIND_MARKS["absent"] if v is None else f"{', '.join(v.labels)}  {KIND_MARKS[v.kind]}"


class HistoryModel(QAbstractTableModel):
    def __init__(self, history: History, theme: Theme) -> None:
        super().__init__()
        self.history = history
        self.theme = theme

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.history.lineages)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.history.documents)

    def lineage(self, row: int) -> Lineage:
        return self.history.lineages[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        v = self.history.lineages[index.row()].versions[index.column()]
        kind = kind_of(v)
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(v)
        if role == Qt.ItemDataRole.BackgroundRole:
            if v is None:
                return QColor(self.theme.base)
            return QColor(
                self.theme.kind_tint[_THEME_KIND[kind]] if kind != "identical" else self.theme.alt_base
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            if v is None:
                return QColor(self.theme.muted)
            # origin and moved in their strong colour; the amber of "modified" is too pale for text
            strong = kind in ("origin", "moved")
            return QColor(self.theme.kind_line[_THEME_KIND[kind]] if strong else self.theme.text)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(kind == "origin")
            font.setItalic(kind == "moved")
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            doc = self.history.documents[index.column()].display_name
            if v is None:
                return f"Not in {doc}"
            score = "" if v.kind == "origin" else f" (score {v.score:.0f})"
            return f"{', '.join(v.labels)} in {doc}: {v.kind}{score}, {KIND_MEANINGS[v.kind]}"
        if role == LINEAGE_ROLE:
            return index.row()
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return doc_heading(self.history, section)
            return str(section + 1)
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            d = self.history.documents[section]
            return f"{d.display_name}: {d.metadata.title} ({d.metadata.date or 'no date'})"
        return None


class ChangedOnlyFilter(QSortFilterProxyModel):
    """Hides lineages present word for word in every document ("changed only")."""

    def __init__(self) -> None:
        super().__init__()
        self.changed_only = False

    def set_changed_only(self, on: bool) -> None:
        self.beginFilterChange()
        self.changed_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        model = self.sourceModel()
        if not self.changed_only or not isinstance(model, HistoryModel):
            return True
        return model.lineage(row).changed


def versions_html(history: History, n: int, theme: Theme) -> str:
    """Lineage ``n``'s versions stacked oldest first, each with its word changes from the one before."""
    lin = history.lineages[n]
    first = lin.first
    d0 = history.documents[first.document]
    out = [
        f"<h3 style='margin:0'>{html.escape(', '.join(first.labels))} &mdash; first appeared in "
        f"{html.escape(d0.display_name)} ({d0.metadata.year or 'no date'})</h3>"
    ]
    for v in lin.present:
        doc = history.documents[v.document]
        colour = theme.kind_line[_THEME_KIND[v.kind]]
        head = (
            f"<b>{html.escape(doc.display_name)}</b> {doc.metadata.year or ''} &nbsp; "
            f"<b style='color:{theme.accent}'>{html.escape(', '.join(v.labels))}</b> &nbsp; "
            f"<span style='color:{colour}'><b>{KIND_MARKS[v.kind]} {v.kind}</b></span>"
        )
        if v.previous is not None:
            prev = history.documents[v.previous]
            head += f" &nbsp; score {v.score:.0f} from {html.escape(prev.display_name)}"
            if v.document - v.previous > 1:
                gone = ", ".join(history.documents[k].display_name for k in range(v.previous + 1, v.document))
                head += f" &nbsp; <i>restored (not in {html.escape(gone)})</i>"
        if v.split_from is not None:
            head += f" &nbsp; <i>split off from row {v.split_from + 1}</i>"
        if v.merged_from:
            head += " &nbsp; <i>merged with row " + ", ".join(str(m + 1) for m in v.merged_from) + "</i>"
        runs = v.diff or (("equal", v.text),)
        body = "".join(
            f"<span style='background:{theme.insert_bg}'>{html.escape(t)}</span>"
            if tag == "insert"
            else f"<span style='background:{theme.delete_bg}; color:{theme.delete_fg}; "
            f"text-decoration:line-through'>{html.escape(t)}</span>"
            if tag == "delete"
            else html.escape(t)
            for tag, t in runs
        ).replace("\n", "<br>")
        out.append(
            f"<table width='100%' cellspacing='0' cellpadding='6' style='margin-top:8px'><tr>"
            f"<td width='5' style='background:{colour}'></td>"
            f"<td style='background:{theme.alt_base}'>{head}<br>{body}</td></tr></table>"
        )
    return "".join(out)


def history_legend_html(t: Theme) -> str:
    """The History grid's kinds for Help → Legend: mark (shape), tint (colour) and type style."""
    rows = []
    for kind, mark in KIND_MARKS.items():
        if kind == "absent":
            style = f"background:{t.base}; color:{t.muted}"
        else:
            tint = t.alt_base if kind == "identical" else t.kind_tint[_THEME_KIND[kind]]
            fg = t.kind_line[_THEME_KIND[kind]] if kind in ("origin", "moved") else t.text
            style = f"background:{tint}; color:{fg}"
            style += (
                "; font-weight:bold" if kind == "origin" else "; font-style:italic" if kind == "moved" else ""
            )
        rows.append(
            f"<tr><td style='{style}; padding:3px 8px'>OP4 {mark}</td>"
            f"<td style='padding:3px 8px'>{kind}: {KIND_MEANINGS[kind]}</td></tr>"
        )
    return (
        "<p><b>History grid</b> (one row per paragraph, one column per document; the mark and the "
        "type style tell the kind, not only the colour)</p>" + f"<table>{''.join(rows)}</table>"
    )
