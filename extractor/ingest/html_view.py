"""The visible text of an HTML file with the file offset of every character.

lxml does not report character offsets, so provenance is recovered by matching: the words the
renderer outputs are found, in document order, in this view of the raw file (tags, comments,
scripts and styles skipped; entities decoded through the offset map).
"""
from __future__ import annotations

import re

from .mapped import Mapped, html_unescape

_SKIP = re.compile(r"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!\[CDATA\[.*?\]\]>|<[^>]*>",
                   re.I | re.S)


def visible(decoded: str) -> Mapped:
    texts: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _SKIP.finditer(decoded):
        if m.start() > pos:
            chunk = html_unescape(Mapped.identity(decoded[pos:m.start()], pos))
            texts.append(chunk.text)
            offs.extend(chunk.offsets[:-1])
        texts.append(" ")                      # a tag separates words
        offs.append(m.start())
        pos = m.end()
    if pos < len(decoded):
        chunk = html_unescape(Mapped.identity(decoded[pos:], pos))
        texts.append(chunk.text)
        offs.extend(chunk.offsets[:-1])
    offs.append(len(decoded))
    return Mapped("".join(texts), tuple(offs))


class Locator:
    """Finds output words in the view, moving forward only."""

    WINDOW = 40000

    def __init__(self, view: Mapped) -> None:
        self.view = view
        self.cursor = 0

    def map_line(self, line: str) -> list[int | None]:
        """Source offset per character of `line` (+1 for its end); None where not found."""
        out: list[int | None] = [None] * (len(line) + 1)
        prev_end: int | None = None
        for w in re.finditer(r"\S+", line):
            word = w.group(0)
            pos = self.view.text.find(word, self.cursor, self.cursor + self.WINDOW)
            if pos < 0:
                prev_end = None
                continue
            for i in range(len(word)):
                out[w.start() + i] = self.view.offsets[pos + i]
            gap_start = w.start() - 1
            if prev_end is not None and gap_start >= 0 and out[gap_start] is None:
                for g in range(gap_start, -1, -1):        # the spaces before this word
                    if out[g] is not None:
                        break
                    out[g] = prev_end
            self.cursor = pos + len(word)
            prev_end = self.view.offsets[self.cursor]
            out[w.end()] = prev_end           # the space after it (or the line's end) starts there
        return out
