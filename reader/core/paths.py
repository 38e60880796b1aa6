"""Where the program's own files live, the same way from source and from a bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """The folder holding ``resources/`` and ``corpus/``.

    From source it is the repository root; in a PyInstaller bundle it is the
    bundle's data folder (``sys._MEIPASS``).
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return app_root() / "resources"


def bundled_corpus_dir() -> Path:
    return app_root() / "corpus"
