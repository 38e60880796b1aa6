"""``python -m reader``: the command line; with no arguments, the reader window."""

from reader.cli import main

if __name__ == "__main__":  # parsing workers started by "spawn" import this module again
    raise SystemExit(main())
