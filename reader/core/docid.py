"""A document's id when one file holds several texts (a volume page): ``<file's id>#<n>``.

Kept apart from the parser so that naming a part, or reading one from a reference
("A_RES_32_40#2"), costs no import of the parser in a command that parses nothing.
"""

from __future__ import annotations

PART_SEPARATOR = "#"  # a part's id: the file's id, "#", its place in the file ("A_RES_32_40#2")


def part_id(doc_id: str, number: int) -> str:
    """The id of the ``number``-th text (from 1) of a file whose id is ``doc_id``."""
    return f"{doc_id}{PART_SEPARATOR}{number}"


def split_part(ref: str) -> tuple[str, int]:
    """ "vol.txt#2" → ("vol.txt", 2); any other reference → (ref, 0)."""
    head, sep, tail = ref.rpartition(PART_SEPARATOR)
    if sep and head and tail.isdigit() and int(tail) > 0:
        return head, int(tail)
    return ref, 0
