"""The command line: one module per command (``parse``, ``compare``, ``trace``, ``corpus``, ``provenance``,
``history``, ``find``, ``gui``), what they share in ``options`` (arguments), ``opening`` (the corpus and
its index) and ``output`` (the one way a result, a note or a warning is printed); ``app`` parses and runs.

``main`` is the ``resolution-reader`` entry point (pyproject.toml, ``python -m reader``, build.spec).
"""

from reader.cli.app import EXIT_BAD_INPUT, EXIT_INTERNAL, build_parser, main

__all__ = ["EXIT_BAD_INPUT", "EXIT_INTERNAL", "build_parser", "main"]
