"""The reader's brain: ingest, align, diff, recurring language, corpus, report.

Nothing in this package imports Qt.
"""
