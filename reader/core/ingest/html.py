"""Read a web page saved from a browser: the resolution's text without the site around it.

Parser: **lxml.html** (libxml2's HTML parser). It reads real-world, broken
markup as browsers do, honours the page's declared encoding, and is already in
the bundle as python-docx's XML engine, so it costs nothing more. The stdlib
``html.parser`` gives only a stream of tags: rebuilding the tree (implicitly
closed ``<p>`` and ``<li>``, stray end tags) would be hand-writing what lxml
does; BeautifulSoup would add a layer over the same parser; selectolax would
add a second HTML engine to the bundle for no gain at the size of one page.

What is kept: the main content (``<main>``, ``<article>``, ``role="main"``, or
else the body) without navigation, banners, footers, sidebars, forms, scripts
and styles; one paragraph per block element (a ``<br>`` is a line break inside
it, joined by the parser as in hard-wrapped text); ``<sup>`` numbers as
footnote markers; ``<ol>`` items with the numbers the browser draws; footnote
lists (an ``<ol>``/``<ul>`` whose items are the targets of the markers' links,
or a block marked as footnotes) after a rule at the end. A page that is a text
file in a ``<pre>`` is that text file.
"""

from __future__ import annotations

import re
from typing import Any

from reader.core.errors import InputError
from reader.core.ingest.shape import Converted, compose, literal, marker

_DROP = (
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "textarea", "iframe", "svg", "canvas", "object", "embed", "menu", "dialog",
)  # fmt: skip
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar", "toolbar"}
_BLOCK = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article",
    "main", "dd", "dt", "pre", "address", "center", "table", "ul", "ol", "dl", "figure", "figcaption",
    "td", "th", "body", "hr",
}  # fmt: skip
_NOTES_HINT = re.compile(r"foot-?notes?|endnotes?|\bnotes\b|fn-?list", re.I)
_BR = "\u2028"  # a <br> while blocks are collected: a line break inside the block
_BACKLINK = re.compile(r"^\s*(?:↩|↑|\^|⤴|back|return)\s*\ufe0e?$", re.I)


def _drop_chrome(root: Any) -> None:
    for el in list(root.iter()):
        if not isinstance(el.tag, str):  # comments, processing instructions: their tails stay
            if el.getparent() is not None:
                el.drop_tree()
            continue
        role = (el.get("role") or "").lower()
        hidden = el.get("hidden") is not None or el.get("aria-hidden") == "true"
        if (el.tag in _DROP or role in _DROP_ROLES or hidden) and el.getparent() is not None:
            el.drop_tree()


def _main(root: Any) -> Any:
    for path in ("//main", "//*[@role='main']", "//article"):
        found = root.xpath(path)
        if found:
            return max(found, key=lambda e: len(e.text_content()))
    body = root.find("body")
    return body if body is not None else root


def _note_lists(main: Any) -> list[Any]:
    """Lists that hold the footnotes: items the markers link to, or a list inside a "footnotes" block."""
    targets = {a.get("href", "")[1:] for a in main.iter("a") if a.get("href", "").startswith("#")}
    found = []
    for lst in main.iter("ol", "ul"):
        items = [li for li in lst if li.tag == "li"]
        if not items:
            continue
        linked = sum(
            1 for li in items if li.get("id") in targets or any(a.get("id") in targets for a in li.iter("a"))
        )
        hinted = any(
            _NOTES_HINT.search(" ".join(filter(None, (a.get("class"), a.get("id")))))
            for a in (lst, *lst.iterancestors())
        )
        if linked * 2 > len(items) or hinted:
            found.append(lst)
    return found


def _list_label(n: int, kind: str) -> str:
    """What a browser prints before the n-th item of ``<ol type=kind>``, as a resolution prints it."""
    if kind in ("a", "A"):
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return f"({letters if kind == 'a' else letters.upper()})"
    if kind in ("i", "I"):
        numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
        out, rest = "", n
        for value, letters in numerals:
            while rest >= value:
                out, rest = out + letters, rest - value
        return f"({out if kind == 'i' else out.upper()})"
    return f"{n}."


def _number_lists(main: Any) -> None:
    """Write the numbers a browser draws for ``<ol>`` items into their text: operative
    paragraphs and sub-paragraphs are often such lists, their numbers not in the text."""
    for ol in main.iter("ol"):
        kind = ol.get("type") or "1"
        start = ol.get("start") or "1"
        n = int(start) if start.lstrip("-").isdigit() else 1
        for li in (c for c in ol if c.tag == "li"):
            value = li.get("value") or ""
            if value.isdigit():
                n = int(value)
            li.text = f"{_list_label(n, li.get('type') or kind)} {li.text or ''}"
            n += 1


def _sup_number(el: Any) -> int | None:
    digits = re.sub(r"[\s\[\]()]", "", el.text_content())
    return int(digits) if digits.isdigit() and len(digits) <= 3 else None


def _inline(el: Any, out: list[str]) -> None:
    """Text of ``el`` and its inline children; block children start new lines (``\\n``)."""
    if el.tag == "br":
        out.append(_BR)
    elif el.tag == "sup":
        number = _sup_number(el)
        if number is not None:
            out.append(marker(number))
        else:
            out.append(literal(el.text_content()))
        out.append(literal(el.tail or ""))
        return
    elif el.tag == "a" and _BACKLINK.match(el.text_content() or ""):
        out.append(literal(el.tail or ""))
        return
    block = el.tag in _BLOCK
    if block:
        out.append("\n")
    out.append(literal(el.text or ""))
    for child in el:
        if isinstance(child.tag, str):
            _inline(child, out)
        else:
            out.append(literal(child.tail or ""))
    if block:
        out.append("\n")
    out.append(literal(el.tail or ""))


def _lines(el: Any) -> list[str]:
    """The blocks of ``el``, one string each; a ``<br>`` inside a block is a line break in it."""
    out: list[str] = []
    _inline(el, out)
    return [block.replace(_BR, "\n") for block in "".join(out).split("\n") if block.replace(_BR, "").strip()]


def _preformatted(main: Any) -> str | None:
    """The text of a page that is a text file in a ``<pre>`` (a plain-text copy saved from a browser)."""
    pres = list(main.iter("pre"))
    if not pres:
        return None
    longest = max(pres, key=lambda e: len(e.text_content()))
    text: str = longest.text_content()
    return text if len(text.strip()) > 0.6 * len(main.text_content().strip()) else None


def _notes(lists: list[Any]) -> list[tuple[int, str]]:
    notes: list[tuple[int, str]] = []
    for lst in lists:
        start = int(lst.get("start") or 1) if (lst.get("start") or "1").isdigit() else 1
        n = start
        for li in (c for c in lst if c.tag == "li"):
            if (li.get("value") or "").isdigit():
                n = int(li.get("value"))
            text = " ".join(_lines(li))
            own = re.match(r"^\s*<sup>(\d{1,3})</sup>\s*(.*)$", text) or re.match(
                r"^\s*(\d{1,3})[.)]?\s+(.*)$", text
            )
            if own and lst.tag == "ul":
                notes.append((int(own.group(1)), own.group(2)))
            else:
                notes.append((n, text))
            n += 1
    return notes


_DECLARED = re.compile(
    rb"<meta[^>]{0,200}charset|<\?xml[^>]{0,100}encoding|^\xef\xbb\xbf|^\xff\xfe|^\xfe\xff", re.I
)


def _encoding(data: bytes) -> str | None:
    """The page's encoding when it does not declare one: UTF-8 if it is valid UTF-8, else Windows-1252
    (libxml2 would assume Latin-1, and "Pérez" would come out as "PÃ©rez")."""
    if _DECLARED.search(data[:4096]):
        return None  # the page says; lxml honours it
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "windows-1252"
    return "utf-8"


def html_to_text(data: bytes, source: str) -> Converted:
    """The resolution in a saved web page as parser text (see the module docstring)."""
    import lxml.html
    from lxml.etree import ParserError

    from reader.core.reportmark import HEAD_BYTES, is_report_head

    if is_report_head(data[:HEAD_BYTES]):  # the corpus listing skips these; given by name, say why
        raise InputError(source, "is a report written by Resolution Reader, not a resolution")
    try:
        root = lxml.html.document_fromstring(data, parser=lxml.html.HTMLParser(encoding=_encoding(data)))
    except (ParserError, ValueError) as exc:
        raise InputError(source, "is a web page that cannot be read (no HTML content)") from exc
    _drop_chrome(root)
    main = _main(root)
    pre = _preformatted(main)
    if pre is not None:  # a text file shown as a page: the text parser reads it as the file
        return Converted(pre.replace("\r\n", "\n"))
    lists = _note_lists(main)
    notes = _notes(lists)
    for lst in lists:
        lst.drop_tree()
    _number_lists(main)
    lines = _lines(main)
    if not lines:
        raise InputError(source, "is a web page with no text in it")
    return Converted(compose(lines, notes))
