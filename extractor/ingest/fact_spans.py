"""Where a study fact stands in the canonical text: `place` gives a located fact of a structured
record its `text` and `span` where the canonical text holds a copy of those very words (the
title, most often), found through the segments' offset maps, so the span is where the value was
copied, never a look-alike elsewhere; `locate_read` gives a fact read from the canonical text
(page text) the locator of its span."""
from __future__ import annotations

import bisect
from typing import Any

from .source import Segment


def place(study: dict[str, Any], segments: list[Segment], text: str) -> None:
    """Give each located fact a `text` and `span` where the canonical text copies its words."""
    found = study.get("facts")
    if not found or not segments:
        return
    by_locator: dict[tuple, list[Segment]] = {}
    for seg in segments:
        by_locator.setdefault(_key(seg.locator), []).append(seg)
    for i, fact in enumerate(found):
        loc = fact.get("locator")
        if "span" in fact or not loc or "start" not in loc:
            continue
        for seg in by_locator.get(_key(loc), ()):
            span = _canonical(seg, loc["start"], loc["end"])
            if span is not None and span[1] > span[0]:
                s, e = span
                found[i] = {"field": fact["field"], "value": fact["value"], "text": text[s:e], "span": [s, e],
                            "locator": loc}
                break


def _key(locator: dict[str, Any]) -> tuple:
    return tuple(sorted((k, v) for k, v in locator.items() if k not in ("start", "end")))


def _canonical(seg: Segment, start: int, end: int) -> tuple[int, int] | None:
    """Canonical [s, e) of `seg` whose original is exactly [start, end), or None."""
    offs = seg.source_offsets if seg.source_offsets is not None else None
    if offs is None:
        s, e = seg.start + start - seg.source_start, seg.start + end - seg.source_start
        return (s, e) if seg.start <= s <= e <= seg.end else None
    # Offsets never decrease: the first canonical position at `start`, the last at `end`.
    i = bisect.bisect_left(offs, start)
    j = bisect.bisect_left(offs, end)
    if i >= len(offs) or j >= len(offs) or offs[i] != start or offs[j] != end:
        return None
    return seg.start + i, seg.start + j


def locate_read(src: Any) -> None:
    """Facts read from the canonical text (page text) get the locator of their span too, so
    every fact says where in the file it was read."""
    for fact in src.study.get("facts") or ():
        if "locator" not in fact and "span" in fact:
            loc = src.locate(*fact["span"])
            if loc is not None:
                fact["locator"] = loc
