"""Which reader a file needs: text, PDF, Word or web page, told by its first bytes.

The extension is only a hint (a PDF saved as ``.txt`` is still a PDF; a web
page may be saved as ``.htm``, ``.html`` or without an extension), so the
bytes decide: ``%PDF`` is a PDF, a ZIP holding ``word/document.xml`` is a Word
document, an OLE container is an old binary Office file, and a file that opens
with ``<!DOCTYPE html>`` or ``<html>`` (or is named ``.html``/``.htm`` and
holds markup) is a web page. Everything else is text for ``decode``.

``DOCUMENT_SUFFIXES`` is the one list of file names the reader offers and a
corpus folder picks up.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from reader.core.errors import InputError
from reader.core.ingest.decode import MAX_BYTES, decode_bytes, read_bytes
from reader.core.ingest.shape import Converted, Progress

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
DOCUMENT_SUFFIXES = (*TEXT_SUFFIXES, ".pdf", ".docx", ".html", ".htm")
MAX_DOCUMENT_BYTES = 200 * 1024 * 1024  # a PDF of several hundred pages with fonts and images

_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S
)
_MARKUP = re.compile(rb"<(?:head|body|p|div|article|main|table|h[1-6])[\s>]", re.I)


def kind_of(data: bytes, suffix: str = "") -> str:
    """ "pdf", "docx", "doc", "odt", "zip", "html" or "text", from the bytes (the suffix breaks ties)."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return "docx" if suffix == ".docx" else "zip"
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names:
            return "odt"
        return "docx" if suffix == ".docx" else "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # "Unicode" as Windows saves it: UTF-16
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    if _HTML_START.match(head) or (suffix in (".html", ".htm", ".xhtml") and _MARKUP.search(head)):
        return "html"
    return "text"


def _read(path: Path) -> bytes:
    def limit(head: bytes) -> int:
        return MAX_DOCUMENT_BYTES if kind_of(head, path.suffix.lower()) in ("pdf", "docx") else MAX_BYTES

    return read_bytes(path, limit)


def convert(data: bytes, source: str | Path, suffix: str = "", progress: Progress | None = None) -> Converted:
    """The document in ``data`` as parser text; InputError with the reason when it cannot be."""
    src = str(source)
    kind = kind_of(data, suffix)
    if kind == "pdf":
        from reader.core.ingest.pdf import pdf_to_text

        return pdf_to_text(data, src, progress)
    if kind == "docx":
        from reader.core.ingest.docx import docx_to_text

        return docx_to_text(data, src)
    if kind == "html":
        from reader.core.ingest.html import html_to_text

        return html_to_text(data, src)
    if kind == "doc":
        raise InputError(src, "is an old binary Word (.doc) file; open it in Word and save it as .docx")
    if kind == "odt":
        raise InputError(src, "is an OpenDocument text (.odt); save it as .docx, PDF or plain text")
    if kind == "zip":
        raise InputError(src, "is a ZIP archive, not a document; unpack it and open the file inside")
    return Converted(decode_bytes(data, src))


def read_document(path: str | Path, progress: Progress | None = None) -> Converted:
    """Read any supported file (text, PDF, Word, web page) into parser text."""
    p = Path(path)
    return convert(_read(p), p, p.suffix.lower(), progress)
