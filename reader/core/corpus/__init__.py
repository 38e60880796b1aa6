"""Corpus: the collection of documents, its SQLite index (store and query) and phrase tracing.

May import ingest, compare and the shared core modules; never report or Qt.
"""
