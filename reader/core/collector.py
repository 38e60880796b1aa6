"""The cyclic garbage collector held off while a step makes many objects that hold no cycle.

Python's collector wakes every few hundred new objects and walks the young
ones, and now and then every object there is. Comparing two long real
resolutions makes tens of thousands of tuples, occurrences and dictionaries for
its output, none of them in a cycle, and the collector walked them again and
again: a full walk alone took a tenth of the command. Listing a folder of 100,000
files and making their entries (``corpus.sync``) was the same: a fifth of the time
of opening them. Memory is still freed as
usual (by reference counting); cycles made meanwhile wait for the next walk.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside the block (nothing changes if it was off already)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        # Every object made meanwhile counts as new: enabled as it is, the collector would walk
        # them all at the next allocation. Frozen first, they are left out of that walk and are
        # then handed back to the oldest generation, walked only with it, as the others there.
        gc.freeze()
        gc.enable()
        gc.unfreeze()
