"""Passes over a list's lines before its tree is built, each telling parse_list how this list
writes its markers: group labels with no colon, bullets doubled by a numbering, a first line
whose indent an export lost, markers a machine translation turned into words, bare numbers,
markers glued to their words."""
from __future__ import annotations

import re
from collections import Counter

from .lines import MARKER_RE, iter_lines
from .criteria_items import _TERMINAL_CHARS, _column, _counts, _introduces, _style


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
