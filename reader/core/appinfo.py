"""The program's names, version and icon files: one place for the GUI, the CLI and the packager.

The GUI passes these to ``QApplication`` (application name, version, organisation,
desktop file name); build.spec reads them for the bundle's name, icon and macOS
Info.plist; resources/app/resolution-reader.desktop repeats them and a test keeps it
in step. No Qt here: reader.core stays importable without it.
"""

from __future__ import annotations

from pathlib import Path

from reader import __version__
from reader.core.paths import resource_path

#: Human-readable name: window titles, About box, macOS menu bar.
APP_NAME = "Resolution Reader"
#: Machine name: the executable, the .desktop file and the icon theme name.
APP_ID = "resolution-reader"
#: ``QCoreApplication.organizationName``: settings live under this folder (no space: a clean path).
ORG_NAME = "ResolutionReader"
#: ``QCoreApplication.organizationDomain`` (used by Qt on macOS for settings).
ORG_DOMAIN = "resolution-reader.org"
#: Reverse-DNS identifier for the macOS bundle.
BUNDLE_ID = "org.resolution-reader.ResolutionReader"
#: One line on what the program does (.desktop Comment, Windows file description).
DESCRIPTION = "Compare resolutions and their drafts side by side, offline"
#: .desktop GenericName: what kind of program this is.
GENERIC_NAME = "Resolution Comparison Reader"
VERSION = __version__

#: Square sizes of the PNG icons in resources/app/ (icon-<n>.png).
ICON_SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256)


def icon_png(size: int) -> Path:
    """The PNG icon of one size, e.g. ``icon_png(48)`` -> resources/app/icon-48.png."""
    if size not in ICON_SIZES:
        raise ValueError(f"no {size}px icon; sizes are {ICON_SIZES}")
    return resource_path("app", f"icon-{size}.png")


def icon_pngs() -> list[Path]:
    """Every PNG icon, smallest first: add each to one QIcon so Qt picks the sharpest."""
    return [icon_png(size) for size in ICON_SIZES]


def version_tuple() -> tuple[int, int, int, int]:
    """The version as four integers, as Windows version resources want it (``0.1.0`` -> 0,1,0,0)."""
    numbers = [int(part) for part in VERSION.split(".")[:4] if part.isdigit()]
    padded = [*numbers, 0, 0, 0, 0]
    return (padded[0], padded[1], padded[2], padded[3])
