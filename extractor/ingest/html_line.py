"""One output line of the streaming HTML reader: text pieces of a page added in order, whitespace
collapsed as the tree renderer collapses it (`" ".join(text.split())`), and every character
keeping its offset in the decoded page."""
from __future__ import annotations

import re
from itertools import chain

# A stretch of words separated by single spaces: kept as is, so only other whitespace costs work.
_PHRASE = re.compile(r"\S+(?: \S+)*")

# A finished stretch: text, its source start (None: generated text) and, unless the stretch is
# a plain copy from that start, the source offset of every character plus its end.
Run = tuple[str, int | None, tuple[int, ...] | None]


class Line:
    """Characters are kept in runs, each to become one Segment: a run breaks only where a word
    continues across markup (`a<b>b</b>`), so a criterion on one line keeps one locator. A
    collapsed space maps to where the previous character ended and spans the whitespace (and any
    tags) up to the next word."""

    def __init__(self) -> None:
        self.runs: list[Run] = []
        self._texts: list[str] = []
        self._pieces: list = []           # offset sequences of the current run, each with its end
        self._start: int | None = None    # source offset of the current run (None: generated)
        self._end: int | None = None      # where its last character ends in the source
        self._n = 0
        self._space = False

    def __bool__(self) -> bool:
        return bool(self.runs or self._texts)

    def add(self, text: str, offsets) -> None:
        """`offsets`: len(text) + 1 source offsets, or None for text with no place in the source."""
        pos = 0
        for m in _PHRASE.finditer(text):
            a, z = m.span()
            if a > pos:
                self._space = True
            self._phrase(m.group(), None if offsets is None else offsets[a:z + 1])
            pos = z
        if pos < len(text):
            self._space = True

    def space(self) -> None:
        self._space = True

    def _phrase(self, text: str, offs) -> None:
        if self._space and self:
            if offs is not None and self._end is not None:
                self._append(" ", (self._end, offs[0]))
            else:
                self._append(" ", None)
        self._space = False
        self._append(text, offs)

    def _append(self, text: str, offs) -> None:
        mapped = offs is not None
        if self._texts and (mapped != (self._start is not None) or mapped and offs[0] != self._end):
            self._cut()
        if mapped:
            if not self._texts:
                self._start = offs[0]
            self._pieces.append(offs)
            self._end = offs[-1]
        self._texts.append(text)
        self._n += len(text)

    def _cut(self) -> None:
        text = "".join(self._texts)
        if self._start is None:
            self.runs.append((text, None, None))
        elif self._end - self._start == self._n:
            # Every character covers at least one source character, in order: a run exactly as
            # long as its source stretch is a plain copy.
            self.runs.append((text, self._start, None))
        else:
            offs = tuple(chain.from_iterable(p[:-1] for p in self._pieces)) + (self._end,)
            self.runs.append((text, self._start, offs))
        self._texts, self._pieces, self._n = [], [], 0
        self._start = self._end = None

    def finish(self) -> list[Run]:
        if self._texts:
            self._cut()
        return self.runs
