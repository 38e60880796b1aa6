"""Entry script of the packaged app: the bundled ``resolution-reader`` executable runs this.

It only hands over to the command line, exactly as ``python -m reader`` does, so the
bundle and the source tree behave the same.
"""

from __future__ import annotations

import multiprocessing


def run() -> int:
    """Start the command line (no arguments: the reader window on the bundled corpus)."""
    # A frozen program must let multiprocessing children re-enter here harmlessly.
    multiprocessing.freeze_support()
    from reader.cli import main

    return main()


if __name__ == "__main__":
    raise SystemExit(run())
