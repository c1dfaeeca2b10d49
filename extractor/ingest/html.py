"""HTML pages: keep the block structure (headings, paragraphs, nested lists as indented bullets,
table rows as lines), drop page furniture (script, style, nav, header, footer, forms).

lxml.html parses; BeautifulSoup is the fallback for markup lxml cannot make a tree of. Site
adapters (`html_sites`) drop duplicates or other-language copies and mark the eligibility
blocks a site's structure identifies. Segment offsets point into the decoded file.

When the tree loses text (libxml2 stops at a resource limit, such as 256 nested elements, and
drops the rest of the page; or the tree shows no text at all), the page is read again by the
streaming reader (`html_stream`), and the record's warnings say so and why.
"""
from __future__ import annotations

import re
from typing import Any

import lxml.html
from lxml import etree

from ..errors import EmptyInput
from . import facts_text, html_sites, html_stream
from .builder import Builder, make_source, sha256
from .html_tags import BLOCK, DROP, DROP_ROLES, HEADINGS
from .html_view import Locator, visible
from .limits import DEFAULT_LIMITS, Limits
from .source import Source
from .text import decode_bytes, decode_warnings

_BR = object()


def parse(text: str):
    """lxml first; BeautifulSoup (html.parser) when lxml gives up on the markup.

    Returns the root and, when libxml2 stopped at one of its limits (it then drops everything
    after that point), its message; None otherwise."""
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
        if root is not None and len(root):
            return root, _limit_hit(parser)
    except (etree.ParserError, ValueError):
        pass
    from lxml.html import soupparser
    return soupparser.fromstring(text), None


def _limit_hit(parser) -> str | None:
    for e in parser.error_log:
        if e.type_name == "ERR_RESOURCE_LIMIT":
            return _HUGE_HINT.sub("", e.message.strip())
    return None


_HUGE_HINT = re.compile(r",?\s*(?:use|try) XML_PARSE_HUGE.*$")     # an lxml option, no help to a reader


class Renderer:
    """Walks the tree; lines are (indent, bullet, text) with element line ranges for hints."""

    def __init__(self, dropped: set) -> None:
        self.lines: list[tuple[int, str, str]] = []
        self.cur: list[Any] = []
        self.indent = 0
        self.bullet = ""
        self.dropped = dropped
        self.ranges: dict[Any, tuple[int, int]] = {}
        self.ordinals: dict[Any, dict[Any, int]] = {}

    def flush(self, continuation: bool = False) -> None:
        text = " ".join("".join(p for p in self.cur if p is not _BR).split())
        self.cur = []
        if text:
            self.lines.append((self.indent + (2 if continuation and self.bullet_used else 0),
                               "" if continuation and self.bullet_used else self.bullet, text))
            self.bullet_used = bool(self.bullet)
            if not continuation:
                self.bullet = ""

    bullet_used = False

    def blank(self) -> None:
        self.flush()
        if self.lines and self.lines[-1][2]:
            self.lines.append((0, "", ""))

    def walk(self, el) -> None:
        if not isinstance(el.tag, str):                       # comments, processing instructions
            return
        tag = el.tag.lower()
        if tag in DROP or el in self.dropped or el.get("role") in DROP_ROLES or el.get("hidden") is not None \
                or el.get("aria-hidden") == "true":
            return
        if tag == "br":
            self.flush(continuation=True)
            return
        block = tag in BLOCK
        if block:
            self.flush()
        if tag in HEADINGS:
            self.blank()
        start = len(self.lines)
        saved = (self.indent, self.bullet, self.bullet_used)
        if tag == "li":
            parent = el.getparent()
            ordered = parent is not None and parent.tag == "ol"
            self.bullet = f"{self._ordinal(el, parent)}. " if ordered else "- "
            self.bullet_used = False
        elif tag in ("ul", "ol", "dd", "blockquote") and self._inside_list(el):
            self.indent += 2
        if el.text:
            self.cur.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self.cur.append(child.tail)
        if block:
            self.flush()
        if tag in HEADINGS or tag in ("p", "table", "ul", "ol") and not self._inside_list(el):
            self.blank()
        if tag in ("li", "ul", "ol", "dd", "blockquote"):
            self.indent, self.bullet, self.bullet_used = saved
        self.ranges[el] = (start, len(self.lines))

    def _ordinal(self, el, parent) -> int:
        """1 + the items before `el` in its list, counted once for the whole list (counted again
        for each item, a list of thousands took time quadratic in its length)."""
        numbers = self.ordinals.get(parent)
        if numbers is None:
            numbers = self.ordinals[parent] = {c: n for n, c in enumerate((c for c in parent if c.tag == "li"), 1)}
        return numbers[el]

    @staticmethod
    def _inside_list(el) -> bool:
        return any(a.tag in ("li", "ul", "ol") for a in el.iterancestors())


def read(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Source]:
    limits.check_bytes(data, path)
    decoded, encoding = decode_bytes(data, path)
    root = None
    try:
        root, limit = parse(decoded)
        if limit is None:
            return [_from_tree(root, decoded, data, path, encoding)]
        why = f"libxml2 stopped at a limit ({limit}) and dropped the rest of the page"
    except RecursionError:
        why = "the page is nested too deeply to walk as a tree"
    except EmptyInput as empty:
        try:
            return [_from_stream(root, decoded, data, path, encoding, "the parsed tree has no visible text")]
        except EmptyInput:
            raise empty from None
    return [_from_stream(root, decoded, data, path, encoding, why)]


def _from_tree(root, decoded: str, data: bytes, path: str, encoding: str | None) -> Source:
    site = html_sites.detect_site(root, decoded, path)
    adapter = html_sites.ADAPTERS.get(site or "", html_sites.Adapter())
    dropped = adapter.drop(root)
    body = root.find("body")
    r = Renderer(dropped)
    r.walk(body if body is not None else root)
    r.flush()
    loc = Locator(visible(decoded))
    b = Builder()
    title = html_sites.title_of(root)
    body_start = 0
    if title:
        b.copy_chars(title, loc.map_line(title), {})
        loc.cursor = 0                    # the <title> sits before the body: search again from the top
        b.text("\n\n")
        body_start = b.pos
    line_start: list[int] = []
    for indent, bullet, text in r.lines:
        line_start.append(b.pos)
        if text:
            b.text(" " * indent + bullet)
            b.copy_chars(text, loc.map_line(text), {})
        b.text("\n")
    line_start.append(b.pos)
    if not b.pos or not b.build().strip():
        raise EmptyInput("the HTML page has no visible text", path)
    for el, kind in adapter.hints(root):
        a, z = r.ranges.get(el, (0, 0))
        if z > a:
            b.hint(line_start[a], line_start[z], kind)
    text = b.build()
    study, doc_id = facts_text.extract(text)
    study.update(adapter.study(root))
    return make_source(b, fmt="html", path=path, data_sha=sha256(data), study=study, doc_id=doc_id,
                       site=site, encoding=encoding, languages=adapter.languages(root),
                       warnings=decode_warnings(encoding), body_start=body_start)


def _from_stream(root, decoded: str, data: bytes, path: str, encoding: str | None, why: str) -> Source:
    """The page without a tree; the partial tree, if any, still serves to recognise the site."""
    b = html_stream.render(decoded)
    text = b.build()
    if not text.strip():
        raise EmptyInput("the HTML page has no visible text", path)
    study, doc_id = facts_text.extract(text)
    warning = f"HTML read by the streaming reader (no document tree, so no site-specific structure): {why}"
    return make_source(b, fmt="html", path=path, data_sha=sha256(data), study=study, doc_id=doc_id,
                       site=html_sites.detect_site(root, decoded, path), encoding=encoding,
                       warnings=decode_warnings(encoding) + [warning])
