"""Everything the reader remembers between runs, in QSettings.

Tests (and ``READER_SETTINGS=/path/file.ini``) point it at an INI file so no
run touches the user's real settings.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from reader.core.appinfo import APP_NAME, ORG_NAME
from reader.core.compare.keywords import Keyword
from reader.gui.keyword_store import KeywordEntry

ORGANISATION = ORG_NAME
APPLICATION = APP_NAME
MAX_RECENT = 8


class AppSettings:
    def __init__(self, path: str | Path | None = None) -> None:
        path = path or os.environ.get("READER_SETTINGS")
        if path:
            self.q = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self.q = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
            )

    def sync(self) -> None:
        self.q.sync()

    # -- raw Qt state ---------------------------------------------------------------------
    def _bytes(self, key: str) -> QByteArray | None:
        v = self.q.value(key)
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_geometry(self, data: QByteArray) -> None:
        self.q.setValue("window/geometry", data)

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def set_window_state(self, data: QByteArray) -> None:
        self.q.setValue("window/state", data)

    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    def set_splitter(self, data: QByteArray) -> None:
        self.q.setValue("window/splitter", data)

    # -- plain values -------------------------------------------------------------------------
    def _json(self, key: str, default: object) -> object:
        raw = self.q.value(key)
        if not isinstance(raw, str):
            return default
        try:
            return json.loads(raw)
        except ValueError:
            return default

    def last_pair(self) -> tuple[str, str] | None:
        v = self._json("session/last_pair", None)
        if isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v):
            return v[0], v[1]
        return None

    def set_last_pair(self, left: str, right: str) -> None:
        self.q.setValue("session/last_pair", json.dumps([left, right]))

    def recent_pairs(self) -> list[tuple[str, str]]:
        v = self._json("session/recent", [])
        out: list[tuple[str, str]] = []
        if isinstance(v, list):
            for item in v:
                if isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item):
                    out.append((item[0], item[1]))
        return out

    def add_recent_pair(self, left: str, right: str) -> list[tuple[str, str]]:
        pairs = [p for p in self.recent_pairs() if p != (left, right)]
        pairs.insert(0, (left, right))
        pairs = pairs[:MAX_RECENT]
        self.q.setValue("session/recent", json.dumps([list(p) for p in pairs]))
        return pairs

    def threshold(self, default: float) -> float:
        v = self.q.value("compare/threshold")
        try:
            return float(v) if v is not None else default
        except (TypeError, ValueError):
            return default

    def set_threshold(self, value: float) -> None:
        self.q.setValue("compare/threshold", float(value))

    def keywords(self) -> list[KeywordEntry]:
        v = self._json("keywords/list", [])
        out: list[KeywordEntry] = []
        if isinstance(v, list):
            for item in v:
                if isinstance(item, dict) and isinstance(item.get("text"), str):
                    out.append(
                        KeywordEntry(
                            Keyword(
                                text=item["text"],
                                fuzzy=bool(item.get("fuzzy", False)),
                                whole_word=bool(item.get("whole_word", True)),
                                case_sensitive=bool(item.get("case_sensitive", False)),
                            ),
                            colour=str(item.get("colour", "#ffd43b")),
                        )
                    )
        return out

    def set_keywords(self, entries: list[KeywordEntry]) -> None:
        data = [
            {
                "text": e.keyword.text,
                "fuzzy": e.keyword.fuzzy,
                "whole_word": e.keyword.whole_word,
                "case_sensitive": e.keyword.case_sensitive,
                "colour": e.colour,
            }
            for e in entries
        ]
        self.q.setValue("keywords/list", json.dumps(data))

    def folders(self) -> list[str]:
        v = self._json("corpus/folders", [])
        return [x for x in v if isinstance(x, str)] if isinstance(v, list) else []

    def set_folders(self, folders: list[str]) -> None:
        self.q.setValue("corpus/folders", json.dumps(folders))

    def theme(self) -> str:
        v = self.q.value("view/theme")
        return v if isinstance(v, str) and v in ("light", "dark") else "light"

    def set_theme(self, name: str) -> None:
        self.q.setValue("view/theme", name)

    def point_size(self, default: float) -> float:
        v = self.q.value("view/point_size")
        try:
            return float(v) if v is not None else default
        except (TypeError, ValueError):
            return default

    def set_point_size(self, value: float) -> None:
        self.q.setValue("view/point_size", float(value))

    def changes_only(self) -> bool:
        return str(self.q.value("view/changes_only", "false")).lower() == "true"

    def set_changes_only(self, on: bool) -> None:
        self.q.setValue("view/changes_only", "true" if on else "false")
