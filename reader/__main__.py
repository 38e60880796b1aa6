"""``python -m reader``: the command line; with no arguments, the reader window."""

from reader.cli import main

raise SystemExit(main())
