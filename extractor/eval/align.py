"""Carry gold offsets (into the file as annotated) over to a record's canonical text.

The extractor may normalise text at ingest (line endings, odd spaces); gold offsets count
characters of the file as written. When both texts are equal the map is the identity; when
only line endings differ (Chia's CRLF files) it is computed directly; otherwise a character diff pairs equal stretches and every other position takes the canonical
position of the next paired character, which keeps the map monotonic.
"""
from __future__ import annotations

from difflib import SequenceMatcher


class OffsetMap:
    def __init__(self, raw: str, canonical: str):
        self.identity = raw == canonical
        if self.identity:
            self._map: list[int] | None = None
            return
        if raw.replace("\r\n", "\n").replace("\r", "\n") == canonical:
            self._map = _newline_map(raw)
            return
        table = [-1] * (len(raw) + 1)
        matcher = SequenceMatcher(None, raw, canonical, autojunk=False)
        for block in matcher.get_matching_blocks():
            for k in range(block.size + (1 if block.size else 0)):
                if block.a + k <= len(raw):
                    table[block.a + k] = block.b + k
        table[len(raw)] = len(canonical)
        nxt = len(canonical)
        for i in range(len(raw), -1, -1):
            if table[i] < 0:
                table[i] = nxt
            nxt = table[i]
        self._map = table

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self._map is None:
            return start, end
        s, e = self._map[start], self._map[end]
        return s, max(s, e)


def _newline_map(raw: str) -> list[int]:
    """Offsets after CRLF/CR -> LF: the CR of a CRLF pair maps onto the LF that replaces it."""
    table, pos, i = [], 0, 0
    while i < len(raw):
        if raw[i] == "\r" and raw[i + 1:i + 2] == "\n":
            table.extend((pos, pos))
            i += 2
        else:
            table.append(pos)
            i += 1
        pos += 1
    table.append(pos)
    return table
