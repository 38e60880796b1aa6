"""Where the program's own files live, found the same way from source and from a bundle.

Every lookup of ``resources/`` or ``corpus/`` goes through :func:`app_root`, so a
path that works in the source tree works unchanged in the PyInstaller bundle.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: The source tree's root: ``reader/core/paths.py`` -> three levels up.
_SOURCE_ROOT = Path(__file__).resolve().parents[2]


def is_frozen() -> bool:
    """True when running from a PyInstaller (or similar) bundle, not from source."""
    return bool(getattr(sys, "frozen", False))


def app_root() -> Path:
    """The folder holding ``resources/`` and ``corpus/``.

    From source it is the repository root. In a PyInstaller one-folder bundle it is
    the bundle's data folder ``sys._MEIPASS`` (``dist/resolution-reader/_internal``),
    where build.spec puts both folders. A frozen program without ``_MEIPASS``
    (another freezer) keeps its data next to the executable.
    """
    if is_frozen():
        bundle = getattr(sys, "_MEIPASS", None)
        if bundle:
            return Path(bundle).resolve()
        return Path(sys.executable).resolve().parent
    return _SOURCE_ROOT


def resources_dir() -> Path:
    """The program's own read-only assets: icons, style sheets, app metadata."""
    return app_root() / "resources"


def resource_path(*parts: str) -> Path:
    """A file inside ``resources/``, e.g. ``resource_path("app", "icon-256.png")``.

    Refuses absolute parts and ``..`` so a caller cannot escape the folder by accident.
    """
    for part in parts:
        if not part or Path(part).is_absolute() or ".." in Path(part).parts:
            raise ValueError(f"not a relative resource path part: {part!r}")
    return resources_dir().joinpath(*parts)


def bundled_corpus_dir() -> Path:
    """The corpus shipped with the program (the default for ``--corpus``)."""
    return app_root() / "corpus"
