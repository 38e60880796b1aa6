"""The words resolutions are written with, one module per language.

The parser and the matcher name no English word themselves: they ask a ``Language``
(``language.py``: the fields), filled for English by ``en.py``. ``detect.py`` tells which
language a stretch of text is in.
"""

from reader.core.lang.en import ENGLISH
from reader.core.lang.language import Language

__all__ = ["ENGLISH", "Language"]
