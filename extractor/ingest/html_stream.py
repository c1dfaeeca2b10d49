"""HTML read without a document tree: for pages the lxml tree loses text on.

libxml2 stops at 256 nested elements (and at a 10 MB text node) and drops everything after that
point, so a page nested deeper reads as empty. This reader never builds a tree: the standard
library's `html.parser.HTMLParser` tokenises in a loop, and a list of open elements (no
recursion, so any depth is fine) says what is dropped, where lines break, and how list items are
bulleted - the same rules as `html.Renderer`. Text goes straight into a `Builder` with its
offsets in the decoded page (entities decoded through the offset map; see `html_line`).

Left out, since they need a tree: site adapters, and the first <h1> as a title when the page has
no <title>.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from .builder import Builder
from .html_line import Line
from .html_tags import BLOCK, DROP, DROP_ROLES, HEADINGS
from .mapped import Mapped, html_unescape

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
        "source", "track", "wbr"}
# What may sit in <head>; any other start tag (or text) means the body began without </head>.
HEAD_CONTENT = {"title", "meta", "link", "base", "style", "script", "noscript", "template"}
# Elements whose end tag HTML lets a page leave out: a start tag in the key closes these when
# they are the innermost open element (as libxml2 does for the usual cases). Only the innermost:
# a search down the open list could be quadratic on a hostile page.
_CLOSES = {"li": {"p", "li"}, "dt": {"p", "dt", "dd"}, "dd": {"p", "dt", "dd"},
           "tr": {"p", "td", "th", "tr"}, "td": {"p", "td", "th"}, "th": {"p", "td", "th"}}
_CLOSES_BLOCK = {"p"}
_LISTS = {"li", "ul", "ol"}
# Lists nested thousands deep would otherwise indent every line by thousands of spaces (text
# quadratic in the depth); no real list goes 16 levels deep.
MAX_INDENT = 32
_RESTORES = {"li", "ul", "ol", "dd", "blockquote"}

_OG_CONTENT = re.compile(r"""\bcontent\s*=\s*["']?""", re.I)


class StreamRenderer(HTMLParser):
    """Feeds a whole decoded page once; `builder` then holds the title and the visible text."""

    def __init__(self, decoded: str) -> None:
        super().__init__(convert_charrefs=True)
        self.decoded = decoded
        self.builder = Builder()
        self.tags: list[str] = []          # open elements, outermost first
        self.open: dict[str, int] = {}     # how many of each are open (an end tag of none is ignored)
        self.saved: dict[int, tuple] = {}  # depth -> layout to restore when that element ends
        self.lis: dict[int, int] = {}      # depth -> list items seen in that element (for "n. ")
        self.lists = 0                     # open li / ul / ol
        self.skip = -1                     # depth of the dropped element being skipped
        self.title_at = -1                 # depth of the <title> being read
        self.cur = Line()
        self.indent = 0
        self.bullet = ""
        self.bullet_used = False
        self.last: str | None = None       # None, "text" or "blank": the last line written
        self.title = Line()
        self.og_title: Line | None = None
        self.title_written = False
        self._pending: tuple[int, str, Line] | None = None
        self._lineno = 1
        self._line_start = 0

    def run(self) -> Builder:
        self.feed(self.decoded)
        self.close()
        return self.builder

    # -- positions --------------------------------------------------------------------------
    def _pos(self) -> int:
        """Offset in the page of the event being handled (getpos() counts lines and columns)."""
        lineno, col = self.getpos()
        while self._lineno < lineno:
            self._line_start = self.decoded.index("\n", self._line_start) + 1
            self._lineno += 1
        return self._line_start + col

    def _event(self) -> None:
        """Every event first maps the text handed over before it: that text ends where it starts."""
        if self._pending is not None:
            self._resolve(self._pos())

    def _resolve(self, end: int) -> None:
        pos, data, line = self._pending
        self._pending = None
        if self.decoded.startswith(data, pos):
            line.add(data, range(pos, pos + len(data) + 1))
            return
        m = html_unescape(Mapped.identity(self.decoded[pos:end], pos))
        # The parser decodes a few forms `html_unescape` leaves (`&gt` without `;`...): then the
        # text is kept without a place in the source rather than with a wrong one.
        line.add(data, m.offsets if m.text == data else None)

    # -- parser events ----------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        self._event()
        if self.title_at >= 0:
            self._pending = (self._pos(), data, self.title)
            return
        if self.tags and self.tags[-1] == "head" and data.strip():
            self._pop()                    # text in <head>: the body began without </head>
        if self.skip >= 0:
            return
        if data.isspace():
            self.cur.space()               # the usual newline between tags: nothing to map
            return
        self._pending = (self._pos(), data, self.cur)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._event()
        if tag == "meta" and self.og_title is None:
            self._og_title(attrs)
        if self.tags and self.tags[-1] == "head" and tag not in HEAD_CONTENT:
            self._pop()
        if tag == "body" and self.open.get("head"):
            self._pop_to("head")
        if tag in VOID:
            if tag == "br" and self.skip < 0 and not _hidden(attrs):
                self._flush(continuation=True)
            return
        closes = _CLOSES.get(tag, _CLOSES_BLOCK if tag in BLOCK else ())
        while self.tags and self.tags[-1] in closes:
            self._pop()
        self._push(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._event()
        if self.open.get(tag):
            self._pop_to(tag)

    def handle_comment(self, data: str) -> None:
        self._event()

    def handle_decl(self, decl: str) -> None:
        self._event()

    def handle_pi(self, data: str) -> None:
        self._event()

    def unknown_decl(self, data: str) -> None:
        self._event()

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # Before Python 3.13 an unknown keyword (`<![foo[`) raises AssertionError; browsers read
        # such markup as a bogus comment, and so does this.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i)

    def close(self) -> None:
        super().close()
        if self._pending is not None:
            self._resolve(len(self.decoded))
        while self.tags:
            self._pop()
        self._flush()
        self._write_title()

    # -- open elements ----------------------------------------------------------------------
    def _push(self, tag: str, attrs: list) -> None:
        depth = len(self.tags)
        self.tags.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        if tag == "title" and self.title_at < 0:
            self.title_at = depth
        if self.skip >= 0:
            return
        if tag == "li":
            self.lis[depth - 1] = n = self.lis.get(depth - 1, 0) + 1
        if tag in DROP or tag == "title" or _hidden(attrs):
            self.skip = depth
            return
        if tag in BLOCK:
            self._flush()
        if tag in HEADINGS:
            self._blank()
        if tag in _RESTORES:
            self.saved[depth] = (self.indent, self.bullet, self.bullet_used)
        if tag == "li":
            ordered = depth > 0 and self.tags[depth - 1] == "ol"
            self.bullet = f"{n}. " if ordered else "- "
            self.bullet_used = False
        elif tag in ("ul", "ol", "dd", "blockquote") and self.lists:
            self.indent += 2
        if tag in _LISTS:
            self.lists += 1

    def _pop(self) -> None:
        depth = len(self.tags) - 1
        tag = self.tags.pop()
        self.open[tag] -= 1
        if depth == self.title_at:
            self.title_at = -1
        if self.skip >= 0:
            if depth == self.skip:
                self.skip = -1
            return
        self.lis.pop(depth, None)
        saved = self.saved.pop(depth, None)
        if tag in _LISTS:
            self.lists -= 1
        if tag in BLOCK:
            self._flush()
        if tag in HEADINGS or tag in ("p", "table", "ul", "ol") and not self.lists:
            self._blank()
        if saved is not None:
            self.indent, self.bullet, self.bullet_used = saved

    def _pop_to(self, tag: str) -> None:
        while self.tags:
            top = self.tags[-1]
            self._pop()
            if top == tag:
                return

    # -- output -----------------------------------------------------------------------------
    def _flush(self, continuation: bool = False) -> None:
        if not self.cur:
            return
        runs = self.cur.finish()
        self.cur = Line()
        cont = continuation and self.bullet_used
        self._write(self.indent + (2 if cont else 0), "" if cont else self.bullet, runs)
        self.bullet_used = bool(self.bullet)
        if not continuation:
            self.bullet = ""

    def _blank(self) -> None:
        self._flush()
        if self.last == "text":
            self.builder.text("\n")
            self.last = "blank"

    def _write(self, indent: int, bullet: str, runs) -> None:
        self._write_title()
        b = self.builder
        b.text(" " * min(indent, MAX_INDENT) + bullet)
        _copy(b, runs)
        b.text("\n")
        self.last = "text"

    def _write_title(self) -> None:
        """The title goes first (canonical layout): written when the first line is, or at the end."""
        if self.title_written:
            return
        self.title_written = True
        runs = (self.og_title or self.title).finish()
        if runs:
            _copy(self.builder, runs)
            self.builder.text("\n\n")

    def _og_title(self, attrs: list) -> None:
        a = dict(attrs)
        value = a.get("content")
        if a.get("property") != "og:title" or not value or not value.strip():
            return
        # Attribute values come decoded; map the value where the tag holds it verbatim.
        tag_text = self.get_starttag_text() or ""
        m = _OG_CONTENT.search(tag_text)
        line = Line()
        if m and tag_text.startswith(value, m.end()):
            start = self._pos() + m.end()
            line.add(value, range(start, start + len(value) + 1))
        else:
            line.add(value, None)
        self.og_title = line


def _hidden(attrs: list) -> bool:
    for k, v in attrs:
        if k == "hidden" or k == "aria-hidden" and v == "true" or k == "role" and v in DROP_ROLES:
            return True
    return False


def _copy(b: Builder, runs) -> None:
    for text, start, offsets in runs:
        if start is None:
            b.text(text)
        else:
            b.copy_at(text, start, offsets, {})


def render(decoded: str) -> Builder:
    """Title and visible text of a decoded page, with segments into it."""
    return StreamRenderer(decoded).run()
