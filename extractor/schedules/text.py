"""Where instructions can be: the document's text cut into blocks (paragraphs, list items) and
sentences, each block with the label it opens with ("Stable disease:", "Induction therapy:",
"Group I:") and each sentence knowing whether it lies in the eligibility criteria.

Every piece is a pair of offsets into the one text; nothing is rewritten.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# A block ends at a blank line, or where a line starts with a list marker.
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]*(?:[-•*·▪◦‣]|\d{1,2}[.)]|[a-z][.)])[ \t]+)")
_MARKER = re.compile(r"[ \t]*(?:[-•*·▪◦‣]|\d{1,2}[.)]|[a-z][.)])[ \t]+")
# "Stable disease: ...": a label opens a block and holds no sentence end; it may wrap once.
_LABEL = re.compile(r"(?P<label>[^.:;\n]{2,160}?(?:\n[^.:;\n]{1,160}?)?)[ \t]*:(?=\s)")
# A sentence ends at ., ! or ? before a capital or an opening bracket; these abbreviations end
# no sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[])|\n(?=[ \t]*[A-Z])")
_ABBREV = re.compile(r"(?:\b(?:vs|e\.g|i\.e|approx|Dr|No|Fig|al|p\.o|i\.v|s\.c|i\.m|b\.i\.d|t\.i\.d|q\.d|Ph|St)\.)$")


@dataclass(frozen=True)
class Label:
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    label: Label | None
    in_criteria: bool


def _spans(text: str, start: int, end: int, breaks: re.Pattern) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in breaks.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _sentences_of(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out, pos = [], s
    for m in _SENTENCE_END.finditer(text, s, e):
        before = text[pos:m.start()]
        if m.group(0).startswith("\n"):
            # A line break ends a sentence only after a short line (a heading, a table cell),
            # not inside a paragraph wrapped at a fixed width.
            line_start = text.rfind("\n", pos, m.start()) + 1 or pos
            if m.start() - max(line_start, pos) >= 60 or not before.strip():
                continue
        elif _ABBREV.search(before):
            continue
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, e))
    return [p for p in (_strip(text, a, b) for a, b in out) if p[1] > p[0]]


def sentences(text: str, eligibility: list[tuple[int, int]], windows: list[tuple[int, int]]) -> list[Sentence]:
    """The sentences of the blocks that overlap any of `windows` (the places worth reading)."""
    out: list[Sentence] = []
    for bs, be in _blocks_near(text, windows):
        m = _MARKER.match(text, bs, be)
        body = m.end() if m else bs
        label = None
        lm = _LABEL.match(text, body, be)
        if lm and not re.search(r"\d", lm.group("label")):
            label = Label(*_strip(text, lm.start("label"), lm.end("label")))
            body = lm.end()
        for s, e in _sentences_of(text, body, be):
            inside = any(a <= s < b for a, b in eligibility)
            out.append(Sentence(s, e, label, inside))
    return out


def _blocks_near(text: str, windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The blocks that hold a window, in text order."""
    blocks = _spans(text, 0, len(text), _BLOCK_BREAK)
    starts = [b[0] for b in blocks]
    keep: set[int] = set()
    for ws, we in windows:
        i = max(bisect_right(starts, ws) - 1, 0)
        while i < len(blocks) and blocks[i][0] < we:
            if blocks[i][1] > ws:
                keep.add(i)
            i += 1
    return [blocks[i] for i in sorted(keep)]
