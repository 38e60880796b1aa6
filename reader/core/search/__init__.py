"""Search: reading the corpus store to find phrases, never writing it.

``index.CorpusIndex`` is the one object over a store; ``query`` finds candidate
paragraphs from the postings and the word ids saved beside the store (``sidecar``,
a cache of the searches, carried forward by ``corpus.sync`` after an update) and scores
them as ``trace`` scores a document; ``recurrence`` answers "also in" for every
shared phrase of a comparison at once; ``occurrences`` says them in words. The
store is written by ``corpus`` (``store``, ``sync``).

May import corpus (to open and read the store), the shared core modules; never
compare, report or Qt.
"""
