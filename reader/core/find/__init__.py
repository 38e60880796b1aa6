"""Agreed language on demand (``find``): the adopted wordings closest to what a drafter types.

``engine`` holds the retrieval index (tantivy, BM25 with stemming) built from the
corpus store, one document per family of identical wording; ``lexicon`` the UN
abbreviations and spelling variants applied to a query; ``finder.find`` the
entry point, whose ``FindResult`` the command line, the reader and the HTML
report all render. Pure Python: no Qt.
"""
