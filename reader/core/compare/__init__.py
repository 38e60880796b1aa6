"""Compare: two Documents -> Comparison (aligned pairs, word diffs, shared phrases, keywords).

May import ingest and the shared core modules; never corpus internals, report or Qt.
"""
