"""Read the official PDF of a resolution: text, superscript markers, page-foot footnotes.

Library: **pypdfium2** (Google's PDFium, the engine of Chromium's PDF viewer),
chosen over pdfplumber and pypdf on the fixtures of
``tests/fixtures/make_fixtures.py`` (``benchmarks/formats.py``; figures in
``benchmarks/formats.md`` and the README, "PDF, Word and web pages"):

- speed: this whole reader takes 0.3 s for the 24-page fixture, where
  pdfplumber's text extraction alone takes 4.5 s and pypdf's 3 s;
- what it tells: each character's font size and baseline, which is what sets a
  superscript footnote marker and a page-foot footnote apart from body text,
  and a mark on line-end hyphens. pypdf returns text only (markers glued to
  words, "Countries,1", and words broken by stray spaces, "partne rshi");
  pdfplumber has the sizes too, at fifteen times the time;
- size: 8.5 MB installed, one shared library and no dependencies; pypdf is
  smaller (1.9 MB) but cannot do the job; pdfplumber brings pdfminer.six,
  Pillow and pypdfium2 itself (52 MB).

How a page is read:

1. characters are grouped into lines by baseline; a smaller character raised
   above its line's baseline is a superscript (a footnote marker);
2. the header and footer bands lose their furniture (running symbol, page
   number, job number "07-47339 (E)", bar code); the first page's header stays,
   it is the cover and states symbol, date and session;
3. the run of small-print lines at the foot of the page is its footnotes, each
   opened by its number;
4. body lines become paragraphs where the vertical gap or a first-line indent
   says so; a paragraph cut by a page turn is joined again; hyphens at line ends
   are dropped unless they belong to the word ("South-South", "multi-stakeholder").
"""

from __future__ import annotations

import ctypes
import itertools
import re
import threading
from collections import Counter
from dataclasses import dataclass, field

from reader.core.errors import InputError
from reader.core.ingest.shape import Converted, Progress, check_progress, compose, literal, marker
from reader.core.lang import ENGLISH as LANG
from reader.core.model import Metadata

MAX_PAGES = 2000  # a 500-page volume is read (with progress); beyond this it is surely not one document

_LINE_END_HYPHEN = "\ufffe"  # PDFium's mark for a hyphen at the end of a line
_SOFT = "\u00ad\u0002" + _LINE_END_HYPHEN
_FURNITURE = re.compile(
    r"""^(?:
        (?:Page|page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?        # Page 3, Page 3 of 9
      | [-–—]?\s*\d{1,4}\s*[-–—]?                                  # a page number
      | \d{1,4}\s?/\s?\d{1,4}                                        # page 2/5
      | (?:[A-Z0-9/.()-]{1,40}\s+)?                                # "2 07-47339", "A/RES/62/209 07-47339"
        \d{2}-\d{5}\s*(?:\([A-Z]\))?(?:\s+\d{6}){0,2}               # job number 07-47339 (E) 050208
        (?:\s*\*\d{7}\*)?(?:\s*Please\s+recycle\W{0,3})?             # bar code, recycling note
      | \*\d{7}\*                                                  # bar code text
      | Please\s+recycle\W{0,3}                                     # the recycling note
    )$""",
    re.X,
)
# The running header: a symbol alone (A/RES/60/212, E/CN.4/2005/L.10), printed at body size or
# larger (a footnote's last line may be a symbol too, in small print).
_SYMBOL_LINE = re.compile(r"^(?:[A-Z]{1,6}(?:\.\d{1,3})?/)+[A-Z0-9][\w.()/-]*(?:\s*\*)?$")
_LABEL_START = re.compile(r"^(?:\d{1,3}\s?\.|\([a-z]{1,5}\)|\([ivxlc]{1,6}\))(?:\s|$)")
_NOTE_START = re.compile(r"^(?:<sup>(\d{1,3})</sup>|(\d{1,3})(?=\s))\s*(.*)$")
# Words that keep their hyphen at a line end ("multi-\nstakeholder").
_KEEP_HYPHEN_PREFIXES = LANG.pdf_hyphen_prefixes


@dataclass
class _Line:
    """One printed line: its text (markers as <sup>n</sup>), baseline, font size, horizontal extent."""

    y: float
    size: float
    x0: float
    x1: float
    parts: list[tuple[str, bool]] = field(default_factory=list)  # (char, superscript)
    _text: str | None = field(default=None, repr=False)  # text(), once the line is complete

    def plain(self) -> str:
        """The characters as printed, superscripts included, nothing escaped."""
        return re.sub(r"\s+", " ", "".join(ch for ch, _ in self.parts)).strip()

    def text(self) -> str:
        """The line as parser text: markup characters escaped, superscript numbers as markers."""
        if self._text is None:
            out: list[str] = []
            plain, run = "", ""
            for ch, sup in self.parts:
                if sup and ch.isdigit():
                    run += ch
                    continue
                if run:
                    out += [literal(plain), marker(int(run))]
                    plain, run = "", ""
                plain += ch
            out.append(literal(plain))
            if run:
                out.append(marker(int(run)))
            self._text = re.sub(r"\s+", " ", "".join(out)).strip()
        return self._text


@dataclass
class _Page:
    number: int
    height: float
    lines: list[_Line]


def _open(data: bytes, source: str) -> object:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise InputError(
                source, "is an encrypted PDF (it needs a password); save an unprotected copy and open that"
            ) from exc
        raise InputError(source, "is a damaged PDF file that cannot be read") from exc


def _read_lines(textpage: object) -> list[_Line]:
    """Group a page's characters into lines; mark raised small characters as superscripts."""
    import pypdfium2.raw as raw

    count = raw.FPDFText_CountChars(textpage)
    # The page's text in one call: one UTF-16 unit per character index (generated spaces and
    # line breaks included); then two calls per printed character, not four.
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    chars = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
    if len(chars) != count:  # characters outside the BMP: fall back to one call per character
        chars = "".join(chr(raw.FPDFText_GetUnicode(textpage, i) or 32) for i in range(count))
    font_size, origin = raw.FPDFText_GetFontSize, raw.FPDFText_GetCharOrigin
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.byref(x), ctypes.byref(y)
    lines: list[_Line] = []
    cur: _Line | None = None
    for i, ch in enumerate(chars):
        if ch in "\r\n\x00":
            continue
        if ch.isspace():  # printed or generated by PDFium between words: position not needed
            if cur is not None:
                cur.parts.append((" ", False))
            continue
        size = font_size(textpage, i)
        origin(textpage, i, px, py)
        cx, cy = x.value, y.value
        if cur is not None:
            rise = cy - cur.y
            if abs(rise) <= 0.3 * cur.size:
                cur.parts.append((ch, size < 0.8 * cur.size and rise > 0.1 * cur.size))
                cur.x1 = max(cur.x1, cx)
                continue
            if size < 0.8 * cur.size and 0 < rise < 0.9 * cur.size:
                cur.parts.append((ch, True))  # a superscript marker in this line
                cur.x1 = max(cur.x1, cx)
                continue
            opened = all(c.isdigit() for c, _ in cur.parts if c != " ") and len(cur.parts) <= 4
            if opened and size > 1.2 * cur.size and 0 < cur.y - cy < 0.9 * size and cx - cur.x1 < 2 * size:
                # the line opened with a raised number ("¹ See resolution 60/1."): same line
                cur.parts = [(c, True) for c, _ in cur.parts]
                cur.y, cur.size = cy, size
                cur.parts.append((ch, False))
                cur.x1 = max(cur.x1, cx)
                continue
        cur = _Line(y=cy, size=size, x0=cx, x1=cx, parts=[(ch, False)])
        lines.append(cur)
    for line in lines:
        while line.parts and line.parts[-1][0] == " ":
            line.parts.pop()
    return [line for line in lines if line.parts]


def _pages(doc: object, source: str, progress: Progress | None) -> list[_Page]:
    n = len(doc)  # type: ignore[arg-type]
    if n > MAX_PAGES:
        raise InputError(
            source, f"is a PDF of {n} pages; a resolution has far fewer (at most {MAX_PAGES} are read)"
        )
    pages: list[_Page] = []
    for i in range(n):
        check_progress(progress, i, n)
        page = doc[i]  # type: ignore[index]
        try:
            textpage = page.get_textpage()
            try:
                pages.append(_Page(i + 1, page.get_height(), _read_lines(textpage.raw)))
            finally:
                textpage.close()
        finally:
            page.close()
    check_progress(progress, n, n)
    return pages


def _body_size(pages: list[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size, 1)] += len(line.parts)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _strip_furniture(page: _Page, body: float) -> list[_Line]:
    """Lines without running header, page number, job number and bar code."""
    band = 0.1 * page.height
    kept = []
    for line in page.lines:
        in_band = line.y > page.height - band or line.y < band
        plain = line.plain()
        furniture = _FURNITURE.match(plain) or (_SYMBOL_LINE.match(plain) and line.size >= 0.9 * body)
        if in_band and furniture and not (page.number == 1 and line.y > page.height - band):
            continue
        kept.append(line)
    return kept


def _split_notes(lines: list[_Line], body: float) -> tuple[list[_Line], list[_Line]]:
    """The page's body lines and the small-print footnote lines at its foot."""
    end = len(lines)
    while end > 0 and lines[end - 1].size < 0.92 * body:
        end -= 1
    notes = lines[end:]
    # Footnotes begin with their number (the first lines may finish a note begun on the page
    # before); small print with no number at all (a caption) stays body text.
    if not any(_NOTE_START.match(line.text()) for line in notes):
        return lines, []
    return lines[:end], notes


def _join(prev: str, nxt: str, vocab: set[str], hyphens: set[str]) -> str:
    """Join two lines of one paragraph; a line-end hyphen goes unless it belongs to the word."""
    if not prev:
        return nxt
    if prev[-1] in _SOFT or prev[-1] in "-\u2010":
        head = prev[:-1]
        first = re.split(r"[\s,;:.)]", nxt, maxsplit=1)[0]
        last = re.split(r"[\s(]", head)[-1]
        keep = (
            first[:1].isupper()
            or first[:1].isdigit()
            or f"{last}-{first}".lower() in hyphens
            or (last.lower() in _KEEP_HYPHEN_PREFIXES and f"{last}{first}".lower() not in vocab)
        )
        if f"{last}{first}".lower() in vocab and f"{last}-{first}".lower() not in hyphens:
            keep = False
        return f"{head}-{nxt}" if keep else f"{head}{nxt}"
    if prev[-1] in "–—" and not prev[-2:-1].isspace():  # "30 August–" / "12 September 1978"
        return f"{prev}{nxt}"
    return f"{prev} {nxt}"


def _starts_label(text: str) -> bool:
    return _LABEL_START.match(text) is not None


@dataclass
class _Para:
    lines: list[str]
    first: _Line
    last: _Line


def _line_pitch(pages: list[_Page], body: float) -> float:
    """The distance between two lines of one paragraph (the gap between paragraphs is larger).

    Taken over the whole document: a page of one-line paragraphs has no line pitch of its own.
    """
    pitches = sorted(
        a.y - b.y
        for page in pages
        for a, b in itertools.pairwise(page.lines)
        if abs(a.size - body) < 0.05 * body
        and abs(b.size - body) < 0.05 * body
        and 0.8 * body < a.y - b.y < 3 * body
    )
    return pitches[len(pitches) // 5] if pitches else 1.2 * body


def _right_margin(pages: list[_Page], body: float) -> float:
    """Where full lines of body text end: most lines of a justified paragraph reach it."""
    ends = sorted(line.x1 for page in pages for line in page.lines if abs(line.size - body) < 0.05 * body)
    return ends[len(ends) * 3 // 4] if ends else 0.0


def _paragraphs(lines: list[_Line], pitch: float, right: float) -> list[_Para]:
    """Body lines of one page grouped into paragraphs by vertical gap and first-line indent."""
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    paras: list[_Para] = []
    prev: _Line | None = None
    for line in lines:
        text = line.text()
        new = prev is None
        if prev is not None:
            gap = prev.y - line.y
            short_before = prev.x1 < right - 3 * prev.size
            indented = line.x0 > left + 0.8 * line.size
            new = (
                gap > 1.3 * pitch
                or gap < 0  # a column or text box further up
                or (indented and short_before)
                or (_starts_label(text) and (short_before or line.x0 <= paras[-1].first.x0 + 0.5 * line.size))
            )
        if new:
            paras.append(_Para([text], line, line))
        else:
            paras[-1].lines.append(text)
            paras[-1].last = line
        prev = line
    return paras


# "78th plenary meeting", "19 December 2007": the resolution ends there, nothing runs on from it.
_CLOSING_LINE = re.compile(
    r"^(?:\d{1,3}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting|\d{1,2}\s+[A-Z][a-z]+\s+\d{4})\.?$"
)
_TERMINATED = re.compile(r"[,;:.]\W*(?:<sup>\d+</sup>)?\s*$")


def _continues(prev: _Para, nxt: _Para, left: float, indents: bool) -> bool:
    """Does the first paragraph of a page carry on the last one of the page before?"""
    first = nxt.lines[0]
    if _starts_label(first) or _CLOSING_LINE.match(prev.lines[-1]):
        return False
    if first[:1].islower():
        return True
    if indents:
        return nxt.first.x0 <= left + 0.8 * nxt.first.size
    return _TERMINATED.search(prev.lines[-1]) is None


def _notes(lines: list[_Line], notes: list[tuple[int, str]], vocab: set[str], hyphens: set[str]) -> None:
    """Add a page's footnote lines to ``notes``; a line without a number continues the last note."""
    for line in lines:
        text = line.text()
        m = _NOTE_START.match(text)
        number = int(m.group(1) or m.group(2)) if m else 0
        if m and (not notes or notes[-1][0] < number <= notes[-1][0] + 3 or number == 1):
            notes.append((number, m.group(3)))
        elif notes:
            notes[-1] = (notes[-1][0], _join(notes[-1][1], text, vocab, hyphens))


def _vocabulary(pages: list[_Page]) -> tuple[set[str], set[str]]:
    """Words and hyphenated compounds printed whole somewhere in the document."""
    words: set[str] = set()
    for page in pages:
        for line in page.lines:
            words.update(w.lower() for w in re.findall(r"[^\W\d_][\w-]*[^\W\d_]", line.text()[:-1]))
    return {w for w in words if "-" not in w}, {w for w in words if "-" in w}


# PDFium is not thread-safe (pypdfium2 says so): two documents read at once from two threads can
# crash the process. The reader reads a PDF in a worker, and a cancelled read may still be on its
# current page when the next one starts; a read waits for the other to end (or stop at a page).
# Every PDFium object is closed here, never left to the garbage collector: its finalizer would
# call PDFium from whatever thread collects it.
_PDFIUM = threading.Lock()


def pdf_to_text(data: bytes, source: str, progress: Progress | None = None) -> Converted:
    """The resolution in a PDF as parser text (see the module docstring)."""
    with _PDFIUM:
        doc = _open(data, source)
        try:
            pages = _pages(doc, source, progress)
        finally:
            doc.close()  # type: ignore[attr-defined]
    if not any(page.lines for page in pages):
        raise InputError(source, "is a PDF with no text in it (a scanned image?); run OCR on it first")
    body = _body_size(pages)
    pitch = _line_pitch(pages, body)
    right = _right_margin(pages, body)
    vocab, hyphens = _vocabulary(pages)
    paras: list[_Para] = []
    notes: list[tuple[int, str]] = []
    starts: list[tuple[_Para, float]] = []
    page_paras: list[tuple[list[_Para], float]] = []
    for page in pages:
        lines, foot = _split_notes(_strip_furniture(page, body), body)
        left = min((line.x0 for line in lines), default=0.0)
        found = _paragraphs(lines, pitch, right)
        page_paras.append((found, left))
        starts += [(p, left) for p in found if not _starts_label(p.lines[0])]
        _notes(foot, notes, vocab, hyphens)
    indented = [p.first.x0 > left + 0.8 * p.first.size for p, left in starts]
    indents = sum(indented) * 2 > len(indented)
    for found, left in page_paras:
        if paras and found and _continues(paras[-1], found[0], left, indents):
            paras[-1].lines += found[0].lines
            found = found[1:]
        paras += found
    texts = []
    for para in paras:
        joined = ""
        for line in para.lines:
            joined = _join(joined, line, vocab, hyphens)
        texts.append(joined)
    return Converted(compose(texts, notes), Metadata())
