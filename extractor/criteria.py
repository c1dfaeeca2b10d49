"""Criteria: the lines of an eligibility list turned into a tree of criteria, with spans only.

Bullets and numbering start items, indentation nests them, continuation lines extend them,
"one of the following:" parents say how their children combine, trailing "AND"/"OR" connect
siblings, "Note:" items annotate their parent, and page furniture ("See 5 more") is dropped.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .lines import MARKER_RE, cues, heading_key, iter_lines, line_end, says_empty
from .resources import load_rules

_CONNECTOR_RE = re.compile(r"[\s,;]+(?:(?:and|AND|And)\s*/\s*)?(AND|OR|and|or|And|Or)\s*$")
_CONNECTOR_LINE = re.compile(r"\s*(?:and|or|and/or)\s*", re.IGNORECASE)
_TERMINAL_CHARS = frozenset(".;!?:")   # a line ending in one ends its sentence
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


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

    @property
    def label(self) -> bool:
        """An unmarked line ending in a colon ("Hematopoietic:"), which heads the items below it."""
        return self.marker is None


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


def parse_list(text: str, start: int, end: int, section: int, kind: str, items: list[Item]) -> None:
    """Append the criteria found in text[start:end] to `items` (indices are global to `items`)."""
    c = cues()
    first = len(items)
    stack: list[int] = []          # open items, outermost first
    blank = True
    cur: int | None = None
    # how long a line must be to have been wrapped (see _short_line): most of the list's widest
    # line, where the text is hard-wrapped its lines fill close to it; and where no line of the
    # list stops on a word no criterion ends with ("... of", "... the"), no text is wrapped
    # narrower than _NARROW, however narrow the list ("having covid-19" / "age>50 years" / "male")
    width = max((le - ls for ls, le in iter_lines(text, start, end)), default=0)
    wrap = max(_SHORT_SHARE * width, 0 if _shows_wrapping(text, start, end) else _NARROW)
    opened = _OpenBrackets()
    bare = _bare_numbered(text, start, end)
    glued = _glued_lower(text, start, end)
    translated = _translated_markers(text, start, end)
    lifted = _lost_indent(text, start, end)
    doubled = _doubled_styles(text, start, end)
    labels = _group_labels(text, start, end)
    for ls, le in iter_lines(text, start, end):
        raw = text[ls:le]
        if not raw.strip():
            blank = True
            continue
        lead = len(raw) - len(raw.lstrip())
        body = raw[lead:]
        if body.rstrip() in _BARE_BULLETS:
            # a bullet with no words: legacy XML's "-" alone on a line, and the bullet before a
            # heading ("-  INCLUSION CRITERIA:", the heading a section of its own): no criterion
            blank = True
            continue
        indent = _column(raw) if lifted is None or ls != lifted[0] else lifted[1]
        heads_list = ls == start and start > 0 and text[start - 1] != "\n" and _introduces(raw.rstrip())
        if heads_list:
            # the list opens after a heading on the same line with a sentence introducing the
            # items ("Inclusion criteria: Patients who meet all of the following:"): it stands
            # at the heading line's column, so the items below at that column are its children,
            # across blank lines too ("Inclusion Criteria:Fulfilling all the following criteria"
            # / "" / "Aged between 18 and 60 years, male or female." / ...)
            indent = _column(text[text.rfind("\n", 0, start) + 1:start])
        m = (MARKER_RE.match(body) or (_BARE_NUMBER.match(body) if ls in bare else None)
             or (_GLUED_LOWER.match(body) if ls in glued else None)
             or (_TRANSLATED.match(body) if ls in translated else None))
        marker = None
        cstart = ls + lead
        if m and m.start() == 0 and body[m.end():].strip():
            marker = m.group("marker") if m.group("marker") else m.group(0)
            if ls in translated and m.re is _TRANSLATED:
                marker = translated[ls]  # "to." stands for "a.": the list's style goes on
            rest = body[m.end():]
            # a bullet doubling the marker ("- • Normal healthy volunteer", "6. •\tIf ...")
            rest = _DOUBLED.sub("", rest, count=1)
            inner = _INNER.match(rest) if marker.strip() in _BARE_BULLETS and doubled else None
            if inner and any(st in doubled for st, _ in _counts(inner.group("inner"))):
                # a bullet before the item's own number ("* i. High risk ALL ...", "-  1. Age
                # =18", "* (2) with mouth opening pain"): the number is the marker, as Markdown
                # renders a numbered list the export put in bullets
                marker, rest = inner.group("inner"), rest[inner.end():]
            cstart = ls + len(raw) - len(rest.lstrip()) if rest.strip() else cstart
        if marker is not None and cur is not None and not blank and _inline_sequel(text, items[cur], marker, indent):
            # "5. ... including but not limited to: (a)" / "myocardial infarction ...;" / "(b)
            # uncontrolled angina ...; (c) ...": the item lists (a), (b), ... in its own words, and
            # the hard wrap put "(b)" at the start of a line under the item's text
            marker, cstart = None, ls + lead
        cend = ls + len(raw.rstrip())
        if (marker is not None and cur is not None and marker.strip() in _BARE_BULLETS
                and text[cstart:cstart + 1].islower() and opened(text, items[cur])[0] > 0
                and text.count(")", cstart, cend) > text.count("(", cstart, cend)):
            # "- ... a stable entry hemoglobin level of 12 (plus or minus 1 g/dL" / "- range 11-13
            # g/dL)": legacy XML made a bullet of what stood after a ";" or ":" inside a bracket;
            # the words that close the bracket go on with the item that opened it
            items[cur].end = cend
            blank = False
            continue
        if cur is not None and not blank and _wrapped_value(body, m) and _ends_in_comparator(text, items[cur]):
            # hard-wrapped text ("Platelet count at least" / "100,000/uL", "no greater than" /
            # "2.0 mg/dL"): a number after a comparator cue is its value, not a new item or a
            # "2.0" section number
            items[cur].end = cend
            continue
        if c.non_criteria.fullmatch(heading_key(text[cstart:cend])):
            blank = True
            continue
        if cur is not None and _continues(text, items[cur], marker, indent, blank, cstart, wrap, start, opened):
            items[cur].end = cend
            blank = False
            continue
        if cur is not None and _CONNECTOR_LINE.fullmatch(text, cstart, cend):
            # "OR" alone on its line between two items joins them as a trailing "OR" does: it
            # is the connector of the item before, not a criterion
            items[cur].connector = "or" if "or" in text[cstart:cend].lower() else "and"
            continue
        if cur is not None:
            _split_inline(text, items, cur, stack)
        item = Item(start=cstart, end=cend, indent=indent, marker=marker, kind=kind, section=section,
                    blank_before=blank, heads_list=heads_list, group_label=ls in labels)
        _add(text, items, item, stack)
        cur = len(items) - 1
        blank = False
    if cur is not None:
        _split_inline(text, items, cur, stack)
    _finish(text, items, first)
    if kind == "unspecified" and c.side_sentences:
        _sides_named(text, items, first)
    kept = [k for k in range(first, len(items)) if items[k].section >= 0]
    if len(kept) == 1 and not items[kept[0]].children and says_empty(text[items[kept[0]].start:items[kept[0]].end]):
        # "Exclusion Criteria:" / "None": the list holds no criterion (sections.json "empty_lists")
        items[kept[0]].section = -1


_BARE_BULLETS = frozenset("-*•·‣◦▪▫●○■□–—")
_GROUP_LABEL = re.compile(r"[A-Z][^:.;,]{2,60}[^\s:.;,]")


def _group_labels(text: str, start: int, end: int) -> set[int]:
    """Starts of the lines that name a group of bullets with no colon ("Patients with symptomatic
    CDDD" / "" / "* Age >= 18 years" / ... / "Healthy participants" / "" / "* ..."): an unmarked
    line of at most seven words opening with a capital and ending in no punctuation, a blank line
    and a bullet after it, where two or more lines of the list are so. One such line alone may be
    a criterion of its own above a list."""
    lines = [(ls, le) for ls, le in iter_lines(text, start, end)]
    found = []
    for k, (ls, le) in enumerate(lines[:-2]):
        body = text[ls:le].strip()
        nxt = text[lines[k + 2][0]:lines[k + 2][1]].lstrip()
        if (_GROUP_LABEL.fullmatch(body) and len(body.split()) <= 7 and not MARKER_RE.match(body)
                and not text[lines[k + 1][0]:lines[k + 1][1]].strip() and nxt[:1] in _BARE_BULLETS
                and nxt[1:2].isspace()):
            found.append(ls)
    return set(found) if len(found) >= 2 else set()


def _doubled_styles(text: str, start: int, end: int) -> set[str]:
    """The numbering styles that two or more lines of the list write after a bullet ("* i.",
    "* ii.", "-  1.", "-  2."): one such line alone ("* a) BMI >= 27 ... or b) BMI >= 35") is
    an enumeration of the item's own words."""
    seen: Counter = Counter()
    for ls, le in iter_lines(text, start, end):
        body = text[ls:le].lstrip()
        if body[:1] in _BARE_BULLETS:
            m = _INNER.match(body, 1)
            if m and body[1:2].isspace():
                # (a single i, v or x counts as a letter and as a roman numeral)
                seen.update({st for st, _ in _counts(m.group("inner"))})
    return {st for st, n in seen.items() if n >= 2}


_INNER = re.compile(r"\s*(?P<inner>\(?(?:\d{1,2}|[a-z]|[ivx]{2,5})[.)]|\(\d{1,2}\))(?=\s+\S)")


def _sides_named(text: str, items: list[Item], first: int) -> None:
    """In a list of no side, a top-level criterion whose sentence names its side as it opens
    ("Exclusion criteria included primary depression, ...") takes that side, and so do the
    items under it (sections.json "side_sentences")."""
    for idx in range(first, len(items)):
        it = items[idx]
        if it.parent is not None or it.section < 0:
            continue
        side = next((s for s, pat in cues().side_sentences if pat.match(text, it.start, it.end)), None)
        if side is None:
            continue
        todo = [idx]
        while todo:
            k = todo.pop()
            items[k].kind = side
            todo.extend(items[k].children)


def _lost_indent(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The list's first line, at column 0 and opened by a marker, where every other line opened
    by a marker of its style stands at one deeper column: (its start, that column). Legacy
    ClinicalTrials.gov XML writes a textblock's first line at the block's own indentation, so a
    list with no heading above it loses its first item's indentation ("-  Previous participant
    ..." / "  -  Generally healthy ..."), and the items after it were read as its children. Not
    for an item that introduces the lines below it ("- Adults with:" / "  - ...")."""
    lines = [(ls, le) for ls, le in iter_lines(text, start, end) if text[ls:le].strip()]
    if len(lines) < 2:
        return None
    ls, le = lines[0]
    m = MARKER_RE.match(text, ls, le)
    line = text[ls:le].rstrip()
    if m is None or m.start() != ls or not text[m.end():le].strip() or _introduces(line) or _FOLLOWING.search(line):
        return None
    style = _style(m.group("marker") or m.group(0))
    gap = _gap(text[m.end():le])
    cols = set()
    for ls2, le2 in lines[1:]:
        raw = text[ls2:le2]
        body = raw.lstrip()
        m2 = MARKER_RE.match(body)
        if m2 and _style(m2.group("marker") or m2.group(0)) == style:
            if _gap(body[m2.end():]) != gap:
                return None  # "- Recipient" over "  -  Patients with ...": a label the list spaces apart
            cols.add(_column(raw))
    return (ls, min(cols)) if cols and min(cols) > 0 else None


_FOLLOWING = re.compile(r"\bfollowing\b", re.IGNORECASE)


def _gap(rest: str) -> int:
    """The spaces between a marker and its words."""
    return len(rest) - len(rest.lstrip(" \t"))
_SEQUEL = re.compile(r"(\(?)([a-z]|\d{1,2})\)")


def _inline_sequel(text: str, cur: Item, marker: str, indent: int) -> bool:
    """Is `marker` ("(b)", "b)", "(2)") the next of an enumeration the current item writes in its
    own words ("... including: (a) myocardial infarction ...;"), on a line at the item's wrapped
    text column? Only under a marked item, at a column deeper than its marker (a sub-item of its
    own stands deeper still or opens the enumeration with "(a)")."""
    m = _SEQUEL.fullmatch(marker)
    if m is None or cur.marker is None or indent <= cur.indent:
        return False
    body = m.group(2)
    if body.isdigit():
        if body in ("0", "1"):
            return False
        before = str(int(body) - 1)
    else:
        if body == "a":
            return False
        before = chr(ord(body) - 1)
    prev = f"{m.group(1)}{before})"
    at = text.find(prev, cur.start + 1, cur.end)
    # the enumeration's last marker before this one is inline (after a space), not a line's start
    return at > cur.start and text[at - 1] in " \t" and text[text.rfind("\n", 0, at) + 1:at].strip() != ""


# A word of two to four lower-case letters and a point opening a line ("to. Presence of ...")
_TRANSLATED = re.compile(r"(?P<marker>[a-z]{2,4}\.)(?=\s+\S)")
# (the same word at a line's start, tested once over a list before its lines are)
_TRANSLATED_LINE = re.compile(r"(?<![^\n])[^\S\n]*[a-z]{2,4}\.\s+\S")


def _translated_markers(text: str, start: int, end: int) -> dict[int, str]:
    """Starts of the lines whose marker a machine translation turned into a word (the EU CTR's
    Spanish "a." / "vi." exported in English as "to." / "saw.", the French "a." as "at."): where
    the next line's marker is the second of a lettered or roman list ("b.") and no line above
    opened that list, or the line between two markers of one list one apart ("v." / "saw." /
    "vii."). Without it the line was words of the item above. Each start maps to the marker the
    word stands for ("a.", "vi."), so that the list's style goes on."""
    found: dict[int, str] = {}
    if not _TRANSLATED_LINE.search(text, text.rfind("\n", 0, start) + 1, end):
        return found  # (most lists: no line opens with such a word)
    lines = [(ls, text[ls:le].lstrip()) for ls, le in iter_lines(text, start, end) if text[ls:le].strip()]
    for k, (ls, body) in enumerate(lines):
        if k + 1 == len(lines) or not _TRANSLATED.match(body) or MARKER_RE.match(body):
            continue
        nxt = MARKER_RE.match(lines[k + 1][1])
        prev = MARKER_RE.match(lines[k - 1][1]) if k else None
        before = _counts(prev.group(0)) if prev else set()
        for style, n in _counts(nxt.group(0) if nxt else None):
            if style.strip("().") not in ("a", "A", "i", "I"):
                continue
            if (style, n - 2) in before or n == 2 and not any(st == style for st, _ in before):
                found[ls] = style.replace(style.strip("().")[0], _numeral(n - 1, style.strip("().")[0]))
    return found


def _numeral(n: int, kind: str) -> str:
    """n written as a letter ("a") or a roman numeral ("i") of the case of `kind`."""
    if kind in "aA":
        out = chr(ord("a") + n - 1)
    else:
        out = ""
        for value, digits in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            while n >= value:
                out, n = out + digits, n - value
    return out.upper() if kind.isupper() else out


# A number with no point or bracket before a capital ("1 Patient who has participated ...")
_BARE_NUMBER = re.compile(r"(?P<marker>\d{1,2})(?= +[A-Z][a-z])")


def _bare_numbered(text: str, start: int, end: int) -> set[int]:
    """Starts of the lines numbered with no point or bracket ("1 Patient who ...", "2 Patient
    with ...", as some registry exports write a list): only where such lines run 1, 2, ... or
    three numbers in order, so that a line opening with a count ("2 Weeks ...") stays text."""
    found = []
    for ls, le in iter_lines(text, start, end):
        body = text[ls:le].lstrip()
        m = _BARE_NUMBER.match(body)
        if m and not MARKER_RE.match(body):
            found.append((ls, int(m.group())))
    out: set[int] = set()
    run: list[tuple[int, int]] = []
    for ls, n in found + [(-1, -1)]:
        if run and n == run[-1][1] + 1:
            run.append((ls, n))
            continue
        if len(run) >= 3 or len(run) == 2 and run[0][1] == 1:
            out.update(x for x, _ in run)
        run = [(ls, n)]
    return out


# A dash or a number glued to a criterion opening in lower case ("-patients on lithium", "2.refuse
# to ...") or in capitals ("-ALT/AST>5 times ULN"): a marker only where another line of the list
# opens with a marker of that style, and a dash only after a line that ends a sentence or where
# two lines open so, so that a hyphenated word wrapped onto a line ("anti" / "-inflammatory")
# stays text.
_GLUED_LOWER = re.compile(r"(?P<marker>-|\d{1,2}[.)])(?=[^\W\d_]{2})")
# a bullet doubling the marker ("- • Normal healthy volunteer"), or a point typed twice ("2. .
# Nasopharyngeal swab ...")
_DOUBLED = re.compile(r"^\s*[•·▪●■◦‣.](?=\s)")


def _glued_lower(text: str, start: int, end: int) -> set[int]:
    """Starts of the lines whose glued dash or number is a marker (see _GLUED_LOWER)."""
    found: list[tuple[int, str, str]] = []
    styles: dict[str, int] = {}
    glued: dict[str, int] = {}
    last = ""
    for ls, le in iter_lines(text, start, end):
        body = text[ls:le].strip()
        if not body:
            continue
        m = MARKER_RE.match(body)
        g = None if m else _GLUED_LOWER.match(body)
        if m and body[m.end():].strip():
            key = _style((m.group("marker") or m.group(0)).strip())
            styles[key] = styles.get(key, 0) + 1
        elif g:
            key = _style(g.group("marker"))
            found.append((ls, key, last))
            styles[key] = styles.get(key, 0) + 1
            glued[key] = glued.get(key, 0) + 1
        last = body[-1]
    return {ls for ls, key, before in found
            if styles[key] >= 2 and (key != "-" or glued[key] >= 2 or before in _TERMINAL_CHARS)}


def _add(text: str, items: list[Item], item: Item, stack: list[int]) -> None:
    """Append `item`, under its parent: the nearest open item indented less, or a same-indent
    item that heads the items below it ("... one of the following:" or a "Label:" line) with no
    gap between."""
    idx = len(items)
    items.append(item)
    number = _ordinal(item.marker)
    if number is not None:
        # "5." at the column of an open "4." closes what "4." opened ("4. ...:" / "(2) ...:" /
        # "4) ...:" / "International normalized ratio ..." / "5. ..."): it is "4."'s next sibling
        # (a sub-list numbered in the same style starts again at 1 and is not)
        style = _style(item.marker)
        for depth in range(len(stack) - 1, -1, -1):
            open_ = items[stack[depth]]
            if (open_.indent == item.indent and open_.marker is not None and _style(open_.marker) == style
                    and _ordinal(open_.marker) == number - 1):
                del stack[depth + 1:]
                break
    if _SUB_NUMBERED.fullmatch(item.marker or ""):
        # "4.c." goes under the open "4." and "4.c.i." under "4.c." whatever came between
        # ("4.a." / "4. b." / "4.c. ...:" / "4.c.i. ..."): the marker names its item
        name = _marker_name(item.marker)
        above = name.rsplit(".", 1)[0] if "." in name else name.rstrip("abcdefghijklmnopqrstuvwxyz")
        for depth in range(len(stack) - 1, -1, -1):
            open_ = items[stack[depth]]
            if open_.marker is not None and _marker_name(open_.marker) == above and open_.indent <= item.indent:
                del stack[depth + 1:]
                break
    while stack and not _may_parent(text, items[stack[-1]], item, items):
        stack.pop()
    if stack:
        item.parent = stack[-1]
        items[stack[-1]].children.append(idx)
    stack.append(idx)


# A number opening a criterion inside a line, after the end of the one before ("1. Anemia. 2.
# Patients with ...", "... two months.  2. Patients with ...", "...; 6. Female", "a, (3) b") or,
# weaker, right after a word and before a capital ("1. Anemia 2. Patients with ..."). A number
# after a colon opens a list inside the criterion ("one of the following: 1) ...").
_INLINE_NUMBER = re.compile(
    r"(?:(?<=[.;,])|(?<=\S)(?=\s{2}))\s+\(?(?P<strong>\d{1,2})(?:\.(?:\s+|(?=[A-Z]))|\)\s*)(?=\S)"
    r"|(?<=\w) \(?(?P<weak>\d{1,2})[.)] +(?=[A-Z])"
    r"|(?<=:)\s*\(?(?P<sub>\d{1,2})[.)]\s*(?=\S)")
_NUMBERED = re.compile(r"\(?(\d{1,2})[.)]")


def _split_inline(text: str, items: list[Item], idx: int, stack: list[int]) -> None:
    """A numbered criterion that holds the next numbers of its list inside its text (registries
    export whole lists on one line: "1. Anemia 2. Patients with contraindications ... 3. ...")
    becomes one criterion per number, as the lines of a list would. Only the numbers that follow
    the criterion's own in order, each after a sentence's end or a gap of spaces, split it, and
    only a criterion that heads nothing (the last one read) and holds no list of its own (a
    number after a colon, or one not above its own)."""
    it = items[idx]
    m = _NUMBERED.fullmatch(it.marker or "")
    if m is None or it.children or idx != len(items) - 1:
        return
    own = int(m.group(1))
    want = own + 1
    cuts = []
    for hit in _INLINE_NUMBER.finditer(text, it.start, it.end):
        number = int(hit.group("strong") or hit.group("weak") or hit.group("sub"))
        if number <= own or hit.group("sub"):
            return  # a list of its own inside the criterion ("... following: 1) ..., 2) ...")
        if number == want:
            cuts.append(hit)
            want += 1
    # a number after a bare word ("Anemia 2. Patients") only within a run of two or more
    if not cuts or len(cuts) < 2 and cuts[0].group("weak"):
        return
    ends = [c.start() for c in cuts] + [it.end]
    it.end = ends[0]
    for k, hit in enumerate(cuts):
        body = hit.end()
        marker = text[hit.start():body].strip()
        _add(text, items, Item(start=body, end=ends[k + 1], indent=it.indent, marker=marker, kind=it.kind,
                               section=it.section, blank_before=False), stack)
    for part in items[idx:]:
        part.end = part.start + len(text[part.start:part.end].rstrip())


@lru_cache(maxsize=1)
def _comparator_end() -> re.Pattern:
    """A comparator cue of models/comparators.json that a value must follow ("at least",
    "no greater than", "<"), ending a line."""
    cues_ = load_rules("comparators.json", "rules/comparators.schema.json")["cues"]
    phrases = sorted((c["pattern"] for c in cues_ if c["position"] == "before"), key=len, reverse=True)
    alt = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(rf"(?:^|(?<=[\s(]))(?:{alt})$", re.IGNORECASE)


# a decimal read as a section number ("2.0 mg/dL"), unlike "2." or "2.1." that number items
_DECIMAL_MARKER = re.compile(r"\d{1,3}\.\d{1,3}")
_TAG_END = re.compile(r"<[^<>\n]{0,12}>$")   # "<br/ >": markup, not a '>' cue


def _wrapped_value(body: str, marker: re.Match | None) -> bool:
    """A line that opens with a number and no list marker, or with a decimal only a section
    number's pattern took for one."""
    if not body[:1].isdigit():
        return False
    return marker is None or marker.start() != 0 or _DECIMAL_MARKER.fullmatch(marker.group(0)) is not None


def _ends_in_comparator(text: str, cur: Item) -> bool:
    prev = text[cur.start:cur.end].rstrip()[-40:]
    return _comparator_end().search(prev) is not None and not _TAG_END.search(prev)


class _OpenBrackets:
    """How many more "(" than ")" (and "[" than "]") an item's text holds, counted once per
    character as the item grows line by line: counting its whole text again at every line made
    a list of thousands of lines take time growing with the square of its length."""

    def __init__(self):
        self._seen: dict[int, tuple[int, int, int]] = {}   # item start -> (counted up to, round, square)

    def __call__(self, text: str, item: Item) -> tuple[int, int]:
        upto, rnd, sqr = self._seen.get(item.start, (item.start, 0, 0))
        if upto < item.end:
            chunk = text[upto:item.end]
            rnd += chunk.count("(") - chunk.count(")")
            sqr += chunk.count("[") - chunk.count("]")
            self._seen[item.start] = (item.end, rnd, sqr)
        return rnd, sqr


def _last_char(text: str, start: int, end: int) -> str:
    """The last character of text[start:end] that is not a space ("" if none)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return text[end - 1] if end > start else ""


def _continues(text: str, cur: Item, marker: str | None, indent: int, blank: bool, cstart: int,
               wrap: float, list_start: int, opened: _OpenBrackets) -> bool:
    """Is this unmarked line more words of the current item rather than a new criterion?"""
    if marker is not None:
        return False
    if cur.marker is not None and indent > cur.indent:
        return True  # wrapped text indented under its bullet
    if blank:
        return False
    line = text[cstart:line_end(text, cstart)]
    if (cur.parent is None and _NUMBERED.fullmatch(cur.marker or "") and indent == cur.indent
            and _last_char(text, cur.start, cur.end) != ":" and _prose_sentence(line)):
        # "7. Written informed consent. ..." / "When circumstances so allow, participants should
        # sign the consent form.": a whole sentence at the number's column, under a numbered item
        # of the list's top level with no line between, is more of that item (registries export a
        # criterion's paragraphs one a line), not a criterion of its own; an item ending in a
        # colon has sub-items instead
        return True
    if _last_char(text, cur.start, cur.end) in _TERMINAL_CHARS:
        return False
    wrapped = cues().wrapped_after
    if wrapped is not None and wrapped.search(text, max(cur.start, cur.end - 20), cur.end):
        # "... as determined with the" / "Kaufman Brief Intelligence Test": the line before
        # stops on a word no criterion ends with, so this line goes on with it in any case
        return True
    if line.startswith("(") or opened(text, cur)[0] > 0 and ")" in line:
        # "... an investigational product" / "(drug/biologic/device) within 45 days ...", and a
        # bracket the line closes ("... (4 months in Japan" / "3 months in the UK), in a ...")
        return True
    if not line[:1].islower() or _MIXED_CASE.match(line):
        # a capital opens a criterion, and so does an abbreviation written in lower case first
        # ("eGFR< 50 mL/min", "hCG positive", "pH < 7.2")
        return False
    # in a marked list a new criterion has its own marker: there a short line is wrapped too
    return cur.marker is not None or not _short_line(text, cur, cstart, wrap, list_start, opened)


_MIXED_CASE = re.compile(r"[a-z][A-Z]{2,}[A-Za-z0-9]*(?![/\w])")


# A sentence of its own: a capital opening it, at least five words and a full stop ending it
# (a list's short items, "Dementia.", and lines that introduce items, "... include:", are not)
_PROSE = re.compile(r"[A-Z]\S*\s+(?:\S+\s+){3,}\S*\.")


def _prose_sentence(line: str) -> bool:
    line = line.rstrip()
    return _PROSE.fullmatch(line) is not None and not cues().note.fullmatch(line)


# A line ends before the wrap width only at the end of a criterion, unless its last word asks
# for more ("... and", "... of", "(") or a bracket is still open. Texts wrapped at uneven widths
# (the EU CTR's, from word processors) break lines of 60 and more characters mid-sentence, so a
# line only this long can be a whole criterion. Texts are wrapped at 44 characters and narrower
# too (a registry's narrow text box: "disease OR moderate): SpO2 >= 90% on room" / "air with
# presence of clinical features of"), but such a list shows it: some line stops on a word no
# criterion ends with.
_SHORT_SHARE = 0.6
_SHORT_MAX = 40
_NARROW = 45


def _shows_wrapping(text: str, start: int, end: int) -> bool:
    """Does a line of text[start:end] (the last one aside) stop on a word no criterion ends
    with (sections.json "wrapped_after")? One scan of the list, not one per line."""
    pat = cues().wrapped_line_end
    if pat is None:
        return False
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    last = text.rfind("\n", start, stop)
    return last > start and pat.search(text, start, last) is not None
_FIRST_WORD = re.compile(r"\s*(\S+)")


def _bare_heading(prefix: str) -> bool:
    """A heading of at most three words that sections.json reads as one side's ("Inclusion
    criteria:")."""
    key = heading_key(prefix)
    return len(key.split()) <= 3 and any(pat.fullmatch(key) for _, kind, umbrella, pat in cues().headings
                                         if not umbrella and kind != "unspecified")


def _short_line(text: str, cur: Item, cstart: int, wrap: float, list_start: int, opened: _OpenBrackets) -> bool:
    """Registries export one criterion a line with no marker and no full stop, many in lower
    case ("fever" / "pulmonary involvement" / "normal or reduced cbc"): a line so short that the
    next line's first word would have fitted well within the list's width (`wrap`, see
    parse_list) was not wrapped."""
    # the whole line as wrapped, with a heading the list opened after on it ("The inclusion
    # criteria for the healthy controls are: aged 18-55 years; ii) otherwise" / "healthy and ..."),
    # less a bare side heading ("Exclusion criteria: pregnancy", as registry exports prefix a field)
    ls = text.rfind("\n", 0, cur.end) + 1
    if ls < list_start <= cur.start and _bare_heading(text[ls:list_start]):
        ls = list_start
    line = text[ls:cur.end].strip()
    first = _FIRST_WORD.match(text, cstart)
    word = first.group(1) if first else ""
    if len(line) > _SHORT_MAX or len(line) + 1 + len(word) > wrap or cues().goes_on.search(line):
        return False
    if _CONNECTOR_LINE.fullmatch(text, cstart, line_end(text, cstart)):
        return False  # "or" alone on its line joins the criteria around it
    rnd, sqr = opened(text, cur)
    return rnd <= 0 and sqr <= 0


def _may_parent(text: str, parent: Item, child: Item, items: list[Item]) -> bool:
    if parent.indent < child.indent or parent.heads_list and parent.indent == child.indent:
        return True
    if parent.indent == child.indent and _stars(parent.marker) and _stars(child.marker) > _stars(parent.marker):
        # "* Cohort A. Acute lymphoblastic leukemia" then "** B-cell phenotype: ..." at the same
        # column (NCI CTS writes sub-bullets so): more stars, one level deeper
        return True
    if any(items[k].indent > parent.indent for k in parent.children):
        return False  # its children are indented under it: a same-column item is a sibling
    if parent.indent != child.indent:
        return False
    if child.blank_before and not (
            child.marker is not None and (parent.marker is None or _style(parent.marker) != _style(child.marker))
            and (text[parent.start:parent.end].rstrip().endswith(":") or parent.group_label)
            and all(items[k].marker is not None and _style(items[k].marker) == _style(child.marker)
                    for k in parent.children)):
        # a label's colon introduces the bullets below it across blank lines too ("For
        # adolescent participants:" / "" / "* Enrolled as a student ...", as Markdown writes a
        # list after a paragraph, and a loose list with a blank line between its items), and so
        # does a numbered item's colon the items of another marker ("5. Study drug-specific
        # exclusion criteria:" / "" / "• For Aprotinin:"); any other item after a gap starts afresh
        return False
    last = items[parent.children[-1]].marker if parent.children else None
    if last is not None and child.marker is not None and _style(last) != _style(child.marker) and not any(
            (st, n + 1) in _counts(child.marker) for st, n in _counts(last)):
        # the sub-list at this column was "(1) (2)": "7." after it goes on the list above ("ii."
        # after "i." goes on the sub-list: a single i is a letter and a roman numeral)
        return False
    head = text[parent.start:parent.end].rstrip()
    other_style = parent.marker is not None and child.marker is not None and _style(parent.marker) != _style(child.marker)
    if not _introduces(head) and not (other_style and _cue_inside(head)) and not parent.group_label:
        # "3) Patients who meet all of the following criteria 1), 2), and 3) at the time of
        # enrolment" then "o ..." at the same column: a logic cue inside the item introduces a
        # list of another style as its colon would
        return False
    if parent.marker is None and child.marker is not None:
        return True  # "Hematopoietic:" followed by its bullets at the same column
    if parent.marker is not None and child.marker is None and head.endswith(":") and not any(
            items[k].marker for k in parent.children):
        # "8. Female participants should be:" then "at least 5 years post-menopausal ..." at the
        # same column: the unmarked lines an item's colon introduces are its sub-items
        return True
    if parent.marker is not None and child.marker is not None and _style(parent.marker) != _style(child.marker):
        # "8. ... any of the following:" then "(1) ...", "a. ...", "- ..." at the same column: a
        # list of another numbering under the item that introduces it (registries export flat)
        return True
    # A flattened rendering: "... one of the following criteria:" then its items at the same level;
    # not where the item's colon took the unmarked lines below it as its items ("- Respiratory
    # failure ... requiring at least one of the following:" / "Endotracheal intubation ..." /
    # "- Shock ...": "- Shock" is the next of its own list)
    return (parent.marker == child.marker and _logic_cue(head) is not None and not child.label
            and not any(items[k].marker is None for k in parent.children))


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


def _nest_resumed(items: list[Item], first: int) -> None:
    """A run of siblings numbered in another style from its first number ("1.", "2.", ...)
    between two consecutive items of a list ("iv. Concomitant serious medical condition" /
    "1. ICC" / ... / "11. Neoplasia in active cancer treatment" / "v. Inability to take oral
    medication"), all at one column, is the sub-list of the item before it: the list above
    resumes after it. Registries export sub-lists flat, and an item with no colon gave no sign of
    them until its list went on."""
    groups: dict[int | None, list[int]] = {}
    for idx in range(first, len(items)):
        if items[idx].section >= 0:
            groups.setdefault(items[idx].parent, []).append(idx)
    for parent, kids in groups.items():
        k = 0
        while k < len(kids):
            head = items[kids[k]]
            counts = _counts(head.marker)
            # a bullet ("* Positive pre-transplant evaluation" / "i." ... "viii." / "* Women of
            # ..."): the list resumes at the next item with that bullet
            bullet = head.marker is not None and not counts and head.marker.strip() in _BARE_BULLETS
            j = k + 1
            run_style = None
            if (counts or bullet) and j < len(kids):
                run = sorted((st, n) for st, n in _counts(items[kids[j]].marker) if n == 1)
                run_style = next((st for st, _ in run if all(st != hs for hs, _ in counts)), None)
            if run_style is None:
                k += 1
                continue
            end = j
            while end < len(kids) and items[kids[end]].indent == head.indent and \
                    (run_style, end - j + 1) in _counts(items[kids[end]].marker):
                end += 1
            nxt = items[kids[end]] if end < len(kids) else None
            resumes = nxt is not None and nxt.indent == head.indent and (any(
                (st, n + 1) in _counts(nxt.marker) for st, n in counts) or bullet and nxt.marker == head.marker)
            if end - j < 2 or not resumes or head.children:
                k += 1
                continue
            for idx in kids[j:end]:
                items[idx].parent = kids[k]
                head.children.append(idx)
                if parent is not None:
                    items[parent].children.remove(idx)
            del kids[j:end]
            k += 1


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


_LISTED_AFTER = re.compile(r":\s*[^\W_]")


def _cue_inside(head: str) -> bool:
    """A logic cue ("all of the following") inside an item's text with no list of its own after
    it ("... at least one of the following: Lactate dehydrogenase > normal range, ..." lists
    what it introduces in the item itself)."""
    for pat, _, _ in cues().logic:
        m = pat.search(head)
        if m and not _LISTED_AFTER.search(head, m.end()):
            return True
    return False


def _logic_cue(words: str) -> tuple[str, int | None, str] | None:
    for i, (pat, logic, counted) in enumerate(cues().logic):
        m = pat.search(words)
        if m:
            count = None
            if counted:
                g = m.group(1).lower()
                count = _NUMBER_WORDS.get(g) or int(g)
            return logic, count, f"logic.{i}"
    return None


def _finish(text: str, items: list[Item], first: int) -> None:
    """Notes, connectors and logic, once the tree of one list is known."""
    note = cues().note
    _nest_resumed(items, first)
    for idx in range(first, len(items)):
        it = items[idx]
        m = _CONNECTOR_RE.search(text, it.start, it.end)
        if m and m.start() > it.start:
            it.connector = m.group(1).lower()
            it.end = m.start()
    # "Note: ..." items annotate the criterion they sit under (or follow), they are not criteria.
    for idx in range(first, len(items)):
        it = items[idx]
        if it.children or not note.fullmatch(text[it.start:it.end]):
            continue
        host = it.parent if it.parent is not None else _previous_top(items, first, idx)
        if host is None:
            continue
        items[host].notes.append((it.start, it.end))
        if it.parent is not None:
            items[it.parent].children.remove(idx)
        it.section = -1  # marked for removal
    # A footnote ("* In case there is a lack of laboratory tests ...", "**At the time of
    # recruitment ...") explains a term its stars mark in a criterion above ("... positive
    # laboratory test for SARS-CoV-2*"): it is a note of that criterion, not a criterion. Only a
    # run of stars that opens no other line of the list: where "*" is the list's bullet, a line
    # it opens is an item.
    stars = {idx: run for idx in range(first, len(items)) if (run := _star_run(text, items[idx]))}
    runs = Counter(stars.values())
    for idx, run in stars.items():
        it = items[idx]
        if runs[run] > 1 or it.children or it.section < 0:
            continue
        # the stars right after the term, or two or more after a space ("(anti HCV positive)
        # **"; a lone "*" after a space multiplies: "< 3 * the institutional upper limit")
        after = r"(?:(?<=[\w)\]])|(?<=[\w)\]] ))" if len(run) > 1 else r"(?<=[\w)\]])"
        ref = re.compile(after + re.escape(run) + r"(?!\*)")
        host = next((k for k in range(idx - 1, first - 1, -1)
                     if items[k].section >= 0 and ref.search(text, items[k].start, items[k].end)), None)
        if host is None:
            continue
        items[host].notes.append((it.start, it.end))
        if it.parent is not None:
            items[it.parent].children.remove(idx)
        it.section = -1
    for idx in range(first, len(items)):
        it = items[idx]
        if not it.children:
            continue
        cue = _logic_cue(text[it.start:it.end])
        if cue is not None:
            it.logic, it.min_children, it.logic_rule = cue
        elif [items[k].connector for k in it.children[:-1]] and all(
                items[k].connector == "or" for k in it.children[:-1]):
            it.logic, it.logic_rule = "any", "connector.or"
        else:
            it.logic, it.logic_rule = "all", "default.all"


_STARS = re.compile(r"\*+(?=\s*[^\W\d_])")


def _stars(marker: str | None) -> int:
    """How many stars a bullet of stars ("*", "**") has; 0 for any other marker."""
    return len(marker) if marker and marker.strip("*") == "" else 0


def _star_run(text: str, item: Item) -> str | None:
    """The stars opening an item's line: its "*" or "**" marker, or stars before its words."""
    if _stars(item.marker):
        return item.marker
    if item.marker is None and text.startswith("*", item.start):
        m = _STARS.match(text, item.start, item.end)
        return m.group() if m else None
    return None


def _previous_top(items: list[Item], first: int, idx: int) -> int | None:
    for k in range(idx - 1, first - 1, -1):
        if items[k].parent is None and items[k].section >= 0:
            return k
    return None


def _unnamed_inclusion(items: list[Item]) -> None:
    """A document that names only its exclusion side ("Eligibility criteria:" or no heading over
    a list, then "Exclusion criteria:") lists its inclusion criteria first: the criteria of no
    side before its first exclusion criterion are inclusion criteria. Not where any criterion
    is an inclusion criterion already (the list of no side is then something else)."""
    kinds = [it.kind for it in items if it.section >= 0]
    if "inclusion" in kinds or "exclusion" not in kinds:
        return
    for it in items:
        if it.kind == "exclusion" and it.section >= 0:
            break
        if it.kind == "unspecified":
            it.kind = "inclusion"


def build_tree(text: str, ranges: list[tuple[int, int, int, str]]) -> list[Item]:
    """All criteria of a document, in document order, from its list ranges."""
    items: list[Item] = []
    for start, end, section, kind in ranges:
        parse_list(text, start, end, section, kind, items)
    _unnamed_inclusion(items)
    keep = [i for i, it in enumerate(items) if it.section >= 0]
    remap = {old: new for new, old in enumerate(keep)}
    out = []
    for old in keep:
        it = items[old]
        it.parent = remap.get(it.parent) if it.parent is not None else None
        it.children = [remap[k] for k in it.children if k in remap]
        out.append(it)
    return out
