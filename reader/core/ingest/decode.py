"""Turn a file on disk into text, whatever encoding the analyst's copy is in.

Resolutions arrive as UTF-8 (with or without a BOM), UTF-16 exported from
Word, or cp1252 from older Windows tools. The parser wants one thing: a
``str`` with ``\\n`` line ends, form feeds kept as page breaks. Anything that
cannot be such text fails here with one clear :class:`InputError`.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

from reader.core.errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # a resolution is a few dozen KB; 20 MB is surely not one
_MB = 1024 * 1024

# Magic numbers of formats an analyst may pick by mistake, named in the error.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file; save it as plain text first"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .odt?); save it as plain text first"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Office file; save it as plain text first"),
    (b"{\\rtf", "an RTF file; save it as plain text first"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"\x1f\x8b", "a gzip archive, not text"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_BAD_CONTROLS = (*(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v"), "\ufffd")


def _cp1252_bytes(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return err.object[err.start : err.end].decode("cp1252", errors="replace"), err.end


_CP1252_FALLBACK = "reader-cp1252-fallback"
codecs.register_error(_CP1252_FALLBACK, _cp1252_bytes)


def _megabytes(size: int) -> str:
    return f"{size / _MB:.1f}".rstrip("0").rstrip(".")


def read_bytes(path: Path, limit: Callable[[bytes], int] | None = None) -> bytes:
    """The file's bytes, or InputError saying why not (missing, a folder, too big, unreadable).

    ``limit(head)`` gives the size limit from the file's first 4 KiB (a PDF may be
    larger than a text); ``MAX_BYTES`` without it.
    """
    try:
        if not path.exists():
            raise InputError(path, "does not exist")
        if path.is_dir():
            raise InputError(path, "is a folder, not a file")
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4096)
            most = limit(head) if limit is not None else MAX_BYTES
            if size > most:
                raise InputError(path, f"is {_megabytes(size)} MB; the limit is {_megabytes(most)} MB")
            return head + fh.read()
    except PermissionError as exc:
        raise InputError(path, "cannot be read (permission denied)") from exc
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from exc


def _bomless_utf16(data: bytes) -> str | None:
    """Guess UTF-16 without a BOM from where the NUL bytes sit (ASCII-heavy text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, source: str | Path = "<bytes>") -> str:
    """Decode ``data`` automatically and normalise line ends; raise InputError if it is not text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(source, f"is {what}")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        bom_len = next(len(bom) for bom, enc in _BOMS if enc == encoding and data.startswith(bom))
        data = data[bom_len:]
    elif b"\x00" in data:
        encoding = _bomless_utf16(data)
        if encoding is None:
            raise InputError(source, "is a binary file, not text (it contains NUL bytes)")
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(source, f"is not valid {encoding.upper()} text") from exc
    else:
        # UTF-8, and where a byte is not valid UTF-8 it is read as Windows-1252 (curly quotes,
        # accents): a cp1252 file reads right, and so does a UTF-8 file with one stray byte.
        text = data.decode("utf-8", errors=_CP1252_FALLBACK)
    return _check_text(_normalise_newlines(text), source)


def _normalise_newlines(text: str) -> str:
    text = text.lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")


def _check_text(text: str, source: str | Path) -> str:
    if not text:
        raise InputError(source, "is empty")
    if not text.strip():
        raise InputError(source, "contains only blank space, no text")
    controls = sum(text.count(ch) for ch in _BAD_CONTROLS)
    if controls > max(3, len(text) // 100):
        raise InputError(source, "is a binary file, not text (it is full of control characters)")
    return text


def read_text(path: str | Path) -> str:
    """Read a text file in any common encoding; ``\\n`` line ends, form feeds kept."""
    p = Path(path)
    return decode_bytes(read_bytes(p), p)
