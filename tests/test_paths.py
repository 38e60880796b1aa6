"""reader.core.paths finds resources/ and corpus/ the same way from source and from a bundle.

The frozen cases set the same attributes PyInstaller's bootloader sets (``sys.frozen``,
``sys._MEIPASS``); tests/test_dist.py checks the real bundle end to end.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.core import paths

REPO = Path(__file__).resolve().parents[1]


def test_from_source_the_root_is_the_repository() -> None:
    assert not paths.is_frozen()
    assert paths.app_root() == REPO
    assert (paths.app_root() / "pyproject.toml").is_file()
    assert paths.resources_dir() == REPO / "resources"
    assert paths.bundled_corpus_dir() == REPO / "corpus"


def test_from_source_the_resources_are_there() -> None:
    assert paths.resources_dir().is_dir()
    assert paths.resource_path("app", "icon-48.png").is_file()


def test_in_a_pyinstaller_bundle_the_root_is_meipass(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bundle = tmp_path / "dist" / "resolution-reader" / "_internal"
    (bundle / "resources" / "app").mkdir(parents=True)
    (bundle / "corpus").mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)

    assert paths.is_frozen()
    assert paths.app_root() == bundle
    assert paths.resources_dir() == bundle / "resources"
    assert paths.bundled_corpus_dir() == bundle / "corpus"
    assert paths.resource_path("app", "icon-48.png") == bundle / "resources" / "app" / "icon-48.png"


def test_a_frozen_program_without_meipass_looks_next_to_its_executable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    exe = tmp_path / "app" / "resolution-reader"
    exe.parent.mkdir()
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))

    assert paths.app_root() == exe.parent
    assert paths.bundled_corpus_dir() == exe.parent / "corpus"


def test_a_stray_meipass_without_frozen_does_not_move_the_source_root(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.app_root() == REPO


@pytest.mark.parametrize("parts", [("..", "pyproject.toml"), ("/etc", "passwd"), ("app", ""), ("a/../../x",)])
def test_resource_path_refuses_to_leave_resources(parts: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="not a relative resource path part"):
        paths.resource_path(*parts)
