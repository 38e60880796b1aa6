"""Ingest: bytes on disk -> Document (metadata, labelled paragraphs, footnotes).

May import the shared core modules (model, textnorm, errors); never compare, corpus, report or Qt.
"""
