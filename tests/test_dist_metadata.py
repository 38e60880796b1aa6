"""The app's names, version, icons and .desktop file agree with each other and with the package.

Fast checks of the packaging inputs; tests/test_dist.py checks the built bundle.
"""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import tomllib
from pathlib import Path

import pytest

import reader
from reader.core import appinfo, paths

REPO = Path(__file__).resolve().parents[1]
DESKTOP = paths.resource_path("app", f"{appinfo.APP_ID}.desktop")


def png_size(blob: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (no image library needed)."""
    assert blob[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert blob[12:16] == b"IHDR"
    width, height = struct.unpack(">II", blob[16:24])
    return width, height


def desktop_entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_version_is_the_same_in_package_and_pyproject() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == reader.__version__ == appinfo.VERSION
    assert appinfo.APP_ID in project["scripts"]


def test_version_tuple_pads_to_four_numbers() -> None:
    numbers = tuple(int(part) for part in reader.__version__.split("."))
    assert appinfo.version_tuple()[: len(numbers)] == numbers
    assert len(appinfo.version_tuple()) == 4


def test_every_png_icon_exists_at_its_size() -> None:
    pngs = appinfo.icon_pngs()
    assert [p.name for p in pngs] == [f"icon-{s}.png" for s in appinfo.ICON_SIZES]
    for size, path in zip(appinfo.ICON_SIZES, pngs, strict=True):
        assert png_size(path.read_bytes()) == (size, size)
    with pytest.raises(ValueError, match="no 17px icon"):
        appinfo.icon_png(17)


def test_ico_lists_every_size_as_an_embedded_png() -> None:
    blob = paths.resource_path("app", "icon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", blob[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", blob[6 + 16 * index : 22 + 16 * index]
        )
        embedded = png_size(blob[offset : offset + length])
        assert embedded == (width or 256, height or 256)
        sizes.append(embedded[0])
    assert sizes == list(appinfo.ICON_SIZES)


def test_icns_entries_are_pngs_of_their_declared_size() -> None:
    blob = paths.resource_path("app", "icon.icns").read_bytes()
    assert blob[:4] == b"icns"
    assert struct.unpack(">I", blob[4:8])[0] == len(blob)
    declared = {b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256}
    seen, at = [], 8
    while at < len(blob):
        kind, length = blob[at : at + 4], struct.unpack(">I", blob[at + 4 : at + 8])[0]
        assert png_size(blob[at + 8 : at + length]) == (declared[kind], declared[kind])
        seen.append(declared[kind])
        at += length
    assert seen == [16, 32, 64, 128, 256]


def test_desktop_file_names_the_app_as_appinfo_does() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == appinfo.APP_NAME
    assert entry["GenericName"] == appinfo.GENERIC_NAME
    assert entry["Comment"] == appinfo.DESCRIPTION
    assert entry["Exec"].split()[0] == appinfo.APP_ID
    assert entry["Icon"] == appinfo.APP_ID
    assert {"Office", "Viewer"} <= set(entry["Categories"].rstrip(";").split(";"))
    # "Version" is the desktop-entry spec's version; the program's own version is X-AppVersion.
    assert entry["X-AppVersion"] == reader.__version__


def test_desktop_file_passes_desktop_file_validate() -> None:
    tool = shutil.which("desktop-file-validate")
    assert tool, "desktop-file-validate is missing: apt-get install desktop-file-utils (see .ci/run)"
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


def test_committed_pngs_are_in_step_with_icon_svg(tmp_path: Path) -> None:
    """Re-rendering icon.svg gives the committed PNGs (run make_icon.py after editing the SVG)."""
    import importlib.util

    from PySide6.QtGui import QGuiApplication, QImage
    from PySide6.QtSvg import QSvgRenderer

    spec = importlib.util.spec_from_file_location("make_icon", paths.resource_path("app", "make_icon.py"))
    assert spec and spec.loader
    make_icon = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icon)

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(paths.resource_path("app", "icon.svg")))
    assert renderer.isValid()
    for size in appinfo.ICON_SIZES:
        fresh = QImage()
        assert fresh.loadFromData(make_icon.render_png(renderer, size, tmp_path / f"{size}.png"))
        committed = QImage(str(appinfo.icon_png(size)))
        fresh = fresh.convertToFormat(QImage.Format.Format_ARGB32)
        committed = committed.convertToFormat(QImage.Format.Format_ARGB32)
        assert (fresh.width(), fresh.height()) == (committed.width(), committed.height()) == (size, size)
        worst = max(
            abs((fresh.pixel(x, y) >> shift & 0xFF) - (committed.pixel(x, y) >> shift & 0xFF))
            for x in range(size)
            for y in range(size)
            for shift in (0, 8, 16, 24)
        )
        assert worst <= 16, f"icon-{size}.png differs from icon.svg; run resources/app/make_icon.py"
