"""Arrays derived from the index, saved beside its file for the next process, keyed by generation.

A new process asking one question (``trace PHRASE``, ``provenance DRAFT``)
spent most of its time rebuilding in-memory tables from the SQLite index:
streaming every paragraph's word ids, deriving scoring words. Those depend
only on the index's contents, so they are written once per index generation
(creation stamp and update count, ``store.generation``) to
``<index>.<kind>.arrays`` and mapped back into memory (``mmap``): a process
reads only the pages it touches, so a query that needs a thousand paragraphs
of a hundred thousand documents does not read the other 99,000 documents' words.

The file: a magic line, the length of a JSON header (the key, each array's
dtype, shape and offset), the header, then each array's bytes on a 64-byte
boundary. A file of another generation or format, or one that cannot be read,
is ignored and replaced: it is a cache, never a source of truth. Nothing is
pickled; every write is atomic (a process still holding the old file mapped
keeps reading the old file).
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.atomic import atomic_write_parts

# numpy is imported by ``read`` and ``write``: naming the files (``path_of``) needs none.

FORMAT = "2"
MAGIC = b"RRARRAYS\n"
_ALIGN = 64


def path_of(index_path: Path, kind: str) -> Path:
    return index_path.with_name(f"{index_path.name}.{kind}.arrays")


def read(index_path: Path | None, kind: str, key: list[str], names: tuple[str, ...]) -> dict[str, Any] | None:
    """The arrays saved under ``key`` (format, generation, ...), read-only and mapped; None when absent."""
    if index_path is None:
        return None
    try:
        with open(path_of(index_path, kind), "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size < len(MAGIC) + 8:
                return None
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        return _arrays(data, size, [FORMAT, *key], names)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _arrays(data: mmap.mmap, size: int, key: list[str], names: tuple[str, ...]) -> dict[str, Any] | None:
    import numpy as np

    if data[: len(MAGIC)] != MAGIC:
        return None
    start = len(MAGIC) + 8
    length = int.from_bytes(data[len(MAGIC) : start], "little")
    header = json.loads(bytes(data[start : start + length]).decode("utf-8"))
    if header.get("key") != key:
        return None
    found: dict[str, Any] = {}
    for name in names:
        spec = header["arrays"][name]
        dtype = np.dtype(spec["dtype"])
        if dtype.hasobject:
            return None
        shape = tuple(int(n) for n in spec["shape"])
        count = int(np.prod(shape, dtype=np.int64))
        offset = int(spec["offset"])
        if count == 0:
            found[name] = np.zeros(shape, dtype=dtype)
            continue
        if offset < start + length or offset + count * dtype.itemsize > size:
            return None  # a file cut short or written by something else
        found[name] = np.frombuffer(data, dtype=dtype, count=count, offset=offset).reshape(shape)
    return found


@dataclass(frozen=True)
class Pieces:
    """A one-dimensional array given as the pieces it is made of, written one after the other.

    Carrying a large saved array to a new state (``query.carry_snapshot``) keeps
    most of it: its pieces are views of the mapped old file, never joined in memory.
    """

    parts: tuple[Any, ...]  # one-dimensional numpy arrays of one dtype

    @property
    def dtype(self) -> Any:
        return self.parts[0].dtype

    @property
    def shape(self) -> tuple[int]:
        return (sum(len(p) for p in self.parts),)

    @property
    def nbytes(self) -> int:
        return sum(int(p.nbytes) for p in self.parts)


def write(index_path: Path | None, kind: str, key: list[str], arrays: dict[str, Any]) -> None:
    """Save the arrays (or ``Pieces``) for the next process; an unwritable folder costs only speed."""
    if index_path is None:
        return
    import numpy as np

    prepared = {
        name: a if isinstance(a, Pieces) else Pieces((np.ascontiguousarray(a).reshape(-1),))
        for name, a in arrays.items()
    }
    shapes = {name: a.shape if isinstance(a, Pieces) else np.shape(a) for name, a in arrays.items()}
    if any(a.dtype.hasobject or len({p.dtype for p in a.parts}) != 1 for a in prepared.values()):
        raise ValueError("a sidecar holds arrays of one plain dtype each")
    specs: dict[str, dict[str, Any]] = {}
    # Offsets depend on the header's length, which depends on the offsets: lay out twice.
    for _ in range(2):
        header = _header([FORMAT, *key], specs)
        offset = _aligned(len(MAGIC) + 8 + len(header))
        for name, a in prepared.items():
            specs[name] = {"dtype": a.dtype.str, "shape": list(shapes[name]), "offset": offset}
            offset = _aligned(offset + a.nbytes)
    header = _header([FORMAT, *key], specs)
    parts: list[bytes | memoryview] = [MAGIC, len(header).to_bytes(8, "little"), header]
    end = len(MAGIC) + 8 + len(header)
    for name, a in prepared.items():
        gap = specs[name]["offset"] - end
        if gap < 0:
            raise AssertionError("sidecar layout overlaps its header")
        parts.append(b"\0" * gap)
        parts += [np.ascontiguousarray(p).view(np.uint8).data for p in a.parts if len(p)]
        end += gap + a.nbytes
    with contextlib.suppress(OSError):
        atomic_write_parts(path_of(index_path, kind), parts)
    with contextlib.suppress(OSError):  # the whole-file format of earlier versions, never read now
        index_path.with_name(f"{index_path.name}.{kind}.npz").unlink()


def _header(key: list[str], specs: dict[str, dict[str, Any]]) -> bytes:
    # Offsets padded to a fixed width, so the second layout has the same length as the first.
    padded = {n: {**s, "offset": f"{s['offset']:016d}"} for n, s in specs.items()}
    return json.dumps({"key": key, "arrays": padded}, separators=(",", ":")).encode("utf-8")


def _aligned(n: int) -> int:
    return -(-n // _ALIGN) * _ALIGN
