"""Shared fixtures for the GUI tests: offscreen Qt, settings in tmp_path, a main window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import reader.gui  # noqa: F401 - applies qt_compat before any Qt call
from reader.gui import main_thread_gc
from reader.gui.main_window import MainWindow
from reader.gui.settings import AppSettings

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "gui"


@pytest.fixture(scope="session", autouse=True)
def _collect_on_gui_thread(qapp) -> None:  # type: ignore[no-untyped-def]
    """As ``run_gui`` does: cycles are collected on the GUI thread only (``main_thread_gc``)."""
    main_thread_gc.install(qapp)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the user's real settings, even through AppSettings()."""
    monkeypatch.setenv("READER_SETTINGS", str(tmp_path / "env-settings.ini"))


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def make_window(qtbot, settings_path: Path) -> Iterator[Callable[..., MainWindow]]:  # type: ignore[no-untyped-def]
    """Open a main window (its settings in tmp_path); every one is closed after the test."""
    windows: list[MainWindow] = []

    def make(size: tuple[int, int] | None = (1400, 900), **kwargs: object) -> MainWindow:
        w = MainWindow(AppSettings(settings_path), **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(w)
        if size is not None:
            w.resize(*size)
        w.show()
        qtbot.waitExposed(w)
        windows.append(w)
        return w

    yield make
    for w in windows:
        if w.isVisible():
            w.close()


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()


@pytest.fixture
def output_dir() -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT
