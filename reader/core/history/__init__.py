"""A resolution's history: every paragraph's versions across a series of documents (DESIGN.md "A series
across years"). ``lineage`` links the paragraphs, ``series`` finds a series in a corpus, ``order`` puts
documents in date order, ``export`` gives the JSON shape."""
