"""A criterion of the tree (Item) and what a list marker says: its column, style, ordinal and the
numbers it counts; the logic cues by which a line introduces a list ("one of the following")."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import cues


_CONNECTOR_WORDS = ("AND", "OR", "and", "or", "And", "Or")
_CONNECTOR_AND = ("and", "AND", "And")
_CONNECTOR_LINE = re.compile(r"\s*(?:and|or|and/or)\s*", re.IGNORECASE)
_TERMINAL_CHARS = frozenset(".;!?:")   # a line ending in one ends its sentence
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def trailing_connector(text: str, start: int, end: int) -> tuple[int, str] | None:
    """Where an item's words end in a connector ("..., or", "; and/or") that joins it to the next
    item: (where the separators before the connector begin, the connector word), else None.

    The match of r"[\\s,;]+(?:(?:and|AND|And)\\s*/\\s*)?(AND|OR|and|or|And|Or)\\s*$" searched in
    text[start:end], read from the end: searched from the start, that pattern runs through a
    long run of separators (";;;;", "; ; ; ...") from each of its characters, in time quadratic
    in the run."""
    e = _skip_left(text, start, end)
    word = next((w for w in _CONNECTOR_WORDS if text.endswith(w, start, e)), None)
    if word is None:
        return None
    w = e - len(word)
    # "and/or": the separators stand before "and", the leftmost place the match can begin
    q = _skip_left(text, start, w)
    if q > start and text[q - 1] == "/":
        r = _skip_left(text, start, q - 1) - 3
        if r >= start and text[r:r + 3] in _CONNECTOR_AND and (s := _skip_left(text, start, r, ",;")) < r:
            return s, word
    s = _skip_left(text, start, w, ",;")
    return (s, word) if s < w else None


def _skip_left(text: str, start: int, i: int, also: str = "") -> int:
    """Where the run of whitespace (and of the characters of `also`) ending at `i` begins, not
    before `start`."""
    while i > start and (text[i - 1].isspace() or text[i - 1] in also):
        i -= 1
    return i


@dataclass
class Item:
    """One criterion: its own words (children excluded) at text[start:end]."""

    start: int
    end: int
    indent: int
    marker: str | None
    kind: str
    section: int
    blank_before: bool
    parent: int | None = None
    children: list[int] = field(default_factory=list)
    logic: str | None = None
    logic_rule: str | None = None
    min_children: int | None = None
    connector: str | None = None
    notes: list[tuple[int, int]] = field(default_factory=list)
    heads_list: bool = False   # a sentence on the heading's line introducing the whole list
    group_label: bool = False  # a short line naming the group of bullets below it (no colon)
    inline: bool = False       # an item of a list written on its parent's line: it heads no line below
    # what children_summary() last read of its children (the tree's own bookkeeping, no output)
    summary: "ChildrenSummary | None" = field(default=None, repr=False, compare=False)

    @property
    def label(self) -> bool:
        """An unmarked line ending in a colon ("Hematopoietic:"), which heads the items below it."""
        return self.marker is None


@dataclass
class ChildrenSummary:
    """What the tree asks of an item's children each time a line may join them (are any indented
    under it, marked, unmarked, in which marker styles), kept up as children are appended: asked
    of every child again, a list of thousands of lines under one item took time quadratic in
    its length."""

    count: int = 0
    deeper: bool = False
    marked: bool = False
    unmarked: bool = False
    styles: set = field(default_factory=set)


def children_summary(parent: Item, items: list[Item]) -> ChildrenSummary:
    """`parent`'s summary, brought up to date. While the tree is built children are only appended
    and no item's indent or marker changes; a shorter list (an item moved away later) is read
    again whole."""
    k = parent.summary
    if k is None or k.count > len(parent.children):
        k = parent.summary = ChildrenSummary()
    for idx in parent.children[k.count:]:
        kid = items[idx]
        k.deeper = k.deeper or kid.indent > parent.indent
        k.marked = k.marked or bool(kid.marker)
        if kid.marker is None:
            k.unmarked = True
        else:
            k.styles.add(_style(kid.marker))
    k.count = len(parent.children)
    return k


def _column(line: str) -> int:
    col = 0
    for ch in line:
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        elif ch in "\u00a0\u2002\u2003\u2009":
            col += 1
        else:
            break
    return col
_NUMBERED = re.compile(r"\(?(\d{1,2})[.)]")


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _counts(marker: str | None) -> set[tuple[str, int]]:
    """The (style, number) a marker may count: "4." is ("1.", 4), "b)" ("a)", 2), "iv." ("i.",
    4); a single i, v or x counts as a letter and as a roman numeral ("v." after "iv.")."""
    if not marker:
        return set()
    core = marker.strip()
    inner = core.strip("().")
    out = set()
    if inner.isdigit():
        out.add((core.replace(inner, "1"), int(inner)))
    elif len(inner) == 1 and inner.isalpha():
        out.add((core.replace(inner, "a" if inner.islower() else "A"), ord(inner.lower()) - 96))
    if inner and all(ch in _ROMAN for ch in inner.lower()):
        vals = [_ROMAN[ch] for ch in inner.lower()]
        n = sum(-v if k + 1 < len(vals) and v < vals[k + 1] else v for k, v in enumerate(vals))
        roman = "i" if inner.islower() else "I"
        out.add((core.replace(inner, roman), n))
    return out


def _marker_name(marker: str) -> str:
    """A marker as the name of its item: "4. b." is "4.b", "(4)" and "4." are "4"."""
    return "".join(ch for ch in marker if ch not in " \t()").rstrip(".")


def _ordinal(marker: str | None) -> int | None:
    """The number a digit marker counts ("4." and "(4)" are 4), None for any other."""
    m = _NUMBERED.fullmatch(marker or "")
    return int(m.group(1)) if m else None


def _style(marker: str) -> str:
    """A marker's numbering style: digits, lower or upper letters and roman numerals stand for
    one placeholder each, the brackets and points around them are kept ("1." and "(1)" differ),
    a bullet is itself. A single i, v or x is a letter (the ninth item of a lettered list)."""
    core = marker.strip()
    inner = core.strip("().")
    if inner.isdigit():
        return core.replace(inner, "1")
    if len(inner) > 1 and all(ch in "ivxlc" for ch in inner):
        return core.replace(inner, "i")
    if len(inner) > 1 and all(ch in "IVXLC" for ch in inner):
        return core.replace(inner, "I")
    if len(inner) == 1 and inner.isalpha():
        return core.replace(inner, "a" if inner.islower() else "A")
    sub = _SUB_NUMBERED.fullmatch(core)
    if sub:
        # "5.a." and "5.b." are one style, "4.c.i." and "4.c.ii." another (under "4.c.")
        return f"1{sub['point']}a{'.i' if sub['roman'] else ''}{sub['end']}"
    return _DIGITS.sub("1", core)


_DIGITS = re.compile(r"\d+")
_SUB_NUMBERED = re.compile(r"(?P<number>\d{1,2})(?P<point>\.?) ?[a-z](?:\.(?P<roman>[ivx]{1,4}))?(?P<end>[.)]?)")


# "... with one of the following criteria", "... any of the following 12 leads": a sentence
# that introduces the items below it though the export lost its colon, also with an aside in
# brackets and a full stop after it ("... one of the following weight criteria (where permitted
# according to local law [IRB])."")
_FOLLOWING_END = re.compile(r"\bfollowing(?:\s+[\w-]+){0,3}\s*(?:\([^()]*(?:\([^()]*\)[^()]*)*\)\s*)?\.?\s*$",
                            re.IGNORECASE)


def _introduces(head: str) -> bool:
    """Does this item's text introduce the items below it (a colon, or a logic cue ending it)?"""
    return head.endswith(":") or (_FOLLOWING_END.search(head) is not None and _logic_cue(head) is not None)


def _logic_cue(words: str, nesting: bool = False) -> tuple[str, int | None, str] | None:
    """The logic a criterion's words give its children (logic, least count, rule id); with
    `nesting`, only a cue that also makes same-marker items after it its children."""
    for i, (pat, logic, counted, nests) in enumerate(cues().logic):
        if nesting and not nests:
            continue
        m = pat.search(words)
        if m:
            count = None
            if counted:
                g = m.group(1).lower()
                count = _NUMBER_WORDS.get(g) or int(g)
            return logic, count, f"logic.{i}"
    return None
