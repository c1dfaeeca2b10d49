"""Criteria: the lines of an eligibility list turned into a tree of criteria, with spans only.

Bullets and numbering start items, indentation nests them, continuation lines extend them,
"one of the following:" parents say how their children combine, trailing "AND"/"OR" connect
siblings, "Note:" items annotate their parent, and page furniture ("See 5 more") is dropped.

The tree is built here (parse_list, build_tree); what a marker says is in criteria_items.py, the
passes over a list's lines before it in criteria_passes.py, and whether a line continues the
criterion before it in criteria_continuation.py.
"""
from __future__ import annotations

import re
from collections import Counter

from .lines import MARKER_RE, cues, group_of, heading_key, iter_lines, line_end, says_empty
from .criteria_items import (Item, _CONNECTOR_LINE, _NUMBERED, _SUB_NUMBERED, _column, _counts, _introduces,
                             _skip_left, children_summary, trailing_connector,
                             _logic_cue, _marker_name, _ordinal, _style)
from .criteria_passes import (_BARE_BULLETS, _BARE_NUMBER, _DOUBLED, _GLUED_LOWER, _INNER, _TRANSLATED, _bare_numbered,
                              _doubled_styles, _glued_lower, _group_labels, _lost_indent, _translated_markers)
from .criteria_continuation import (_NARROW, _OpenBrackets, _SHORT_SHARE, _closes_numeral, _continues, _ends_in_comparator,
                                    _ends_before_value, _ends_wrapped, _inline_sequel, _marker_wrapped, _restates_word,
                                    _shows_wrapping, _wrapped_value)


_CLOSING_NUMBER = re.compile(r"\s*\d{1,3}\)\s*")


def _closing_number(m) -> bool:
    """Whether a line's marker match is a number and a closing bracket ("7)")."""
    return m is not None and _CLOSING_NUMBER.fullmatch(m.group(0)) is not None


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
    wraps = _shows_wrapping(text, start, end)
    wrap = max(_SHORT_SHARE * width, 0 if wraps else _NARROW)
    opened = _OpenBrackets()
    bare = _bare_numbered(text, start, end)
    glued = _glued_lower(text, start, end)
    translated = _translated_markers(text, start, end)
    lifted = _lost_indent(text, start, end)
    doubled = _doubled_styles(text, start, end)
    labels = _group_labels(text, start, end)
    flowed = _flowed_group(text, start, end)
    for ls, le in iter_lines(text, start, end) if flowed is None else ():
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
        if marker is not None and cur is not None and not blank and _restates_word(text, items[cur], marker):
            items[cur].end = cend   # "... stable for three" / "(3) months.": the words go on
            continue
        if cur is not None and not blank and _closes_numeral(text, items[cur], m):
            items[cur].end = cend   # "... enrollment (Stage" / "I)/randomization (Stage II)": the numeral goes on
            continue
        if (wraps and marker is not None and cur is not None and not blank and items[cur].marker is not None
                and indent > items[cur].indent and _marker_wrapped(text, items[cur], body, width)):
            # "-  Has an Android or iOS based compatible smartphone (iOS 9.0 or above; Android" /
            # "   4.4 or above)", "... of which 1" / "2 are obligatory": in a hard-wrapped list a
            # number or letter under the item's text, right after a line it did not fit on, goes
            # on with the item's sentence (a sub-list stands after a colon or a line of its own)
            items[cur].end = cend
            continue
        if (marker is not None and cur is not None and marker.strip() in _BARE_BULLETS
                and text[cstart:cstart + 1].islower() and opened(text, items[cur])[0] > 0
                and text.count(")", cstart, cend) > text.count("(", cstart, cend)):
            # "- ... a stable entry hemoglobin level of 12 (plus or minus 1 g/dL" / "- range 11-13
            # g/dL)": legacy XML made a bullet of what stood after a ";" or ":" inside a bracket;
            # the words that close the bracket go on with the item that opened it
            items[cur].end = cend
            blank = False
            continue
        value_line = cur is not None and not blank and _wrapped_value(body, m)
        if cur is not None and not blank and (
                (value_line or _closing_number(m) and opened(text, items[cur])[0] > 0)
                and _ends_in_comparator(text, items[cur])
                or value_line and (_ends_wrapped(text, items[cur]) or _ends_before_value(text, items[cur]))):
            # hard-wrapped text ("Platelet count at least" / "100,000/uL", "no greater than" /
            # "2.0 mg/dL"): a number after a comparator cue is its value, not a new item or a
            # "2.0" section number; so is "7)" closing a bracket the item opened ("High (More
            # than or equal to" / "7) NEWS score"), and a number after a word no criterion ends
            # with ("reference vessel diameter from" / "2.25 to 4.0 mm"), and a value after a
            # scale's or an age's word ("No grade" / "2 or 3 A-V block", "Under age" / "2 (CNS ...")
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
    for s_, e_, gap in flowed or ():
        _add(text, items, Item(start=s_, end=e_, indent=0, marker=None, kind=kind, section=section,
                               blank_before=gap), stack)
        if not _is_note(text, items[-1]):
            _split_marked(text, items, len(items) - 1, stack)
    _finish(text, items, first)
    if kind == "unspecified" and c.side_sentences:
        _sides_named(text, items, first)
    kept = [k for k in range(first, len(items)) if items[k].section >= 0]
    if len(kept) == 1 and not items[kept[0]].children and says_empty(text[items[kept[0]].start:items[kept[0]].end]):
        # "Exclusion Criteria:" / "None": the list holds no criterion (sections.json "empty_lists")
        items[kept[0]].section = -1


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n\s*")
_WRAPPED_SHARE = 0.6   # of the widest line, the least a line of a hard-wrapped paragraph runs to


# A decimal number and a unit or a word in lower case open a wrapped line, not an item
# numbered "1.5" ("Renal: Creatinine no greater than" / "1.5 mg/dL Creatinine clearance ...").
_WRAPPED_DECIMAL = re.compile(r"\d+\.\d+\s+[a-zµμ%/]")


def _opens_with_marker(line: str) -> bool:
    return MARKER_RE.match(line) is not None and _WRAPPED_DECIMAL.match(line) is None


def _flowed_group(text: str, start: int, end: int) -> list[tuple[int, int, bool]] | None:
    """The criteria of a PDQ group that a registry exported as hard-wrapped paragraphs after
    its heading ("PATIENT CHARACTERISTICS: Age: Any age Performance status: Not specified Life
    expectancy:" / "Not severely limited by disease Hematopoietic: ..."), as (start, end, after a
    blank line): its lines break wherever the width ran out, so a line is no criterion of its own;
    a paragraph, each field label in it and each opener of a field's criteria (sections.json
    "pdq_fields": "... function No ischemic disease ...") open one. None where the
    text after the heading starts on a line of its own, or a line opens with a list marker: the
    group is a list of lines, read as any list is."""
    ls = text.rfind("\n", 0, start) + 1
    head = text[ls:start]
    c = cues()
    if not text[start:line_end(text, start)].strip():
        return None  # the heading alone on its line: a list of lines
    if not head.rstrip().endswith(":") or c.pdq_field is None or group_of(heading_key(head), True) is None:
        return None
    first_end = line_end(text, start)
    lines = [(ls, first_end)] + [(s_, e_) for s_, e_ in iter_lines(text, first_end, end) if s_ > first_end]
    if any(_opens_with_marker(text[s_:e_].lstrip()) for s_, e_ in lines[1:]):
        return None
    # hard-wrapped: a line that another line of its paragraph follows runs close to the widest
    # line ("PATIENT CHARACTERISTICS: Age 18+" / "ECOG 0-1" / "No prior therapy" is a list of lines)
    widest = max(e_ - s_ for s_, e_ in lines)
    for (s_, e_), (n_, ne_) in zip(lines, lines[1:]):
        if text[n_:ne_].strip() and text[s_:e_].strip() and e_ - s_ < _WRAPPED_SHARE * widest:
            return None
    out: list[tuple[int, int, bool]] = []
    pos, gap = start, False
    for brk in list(_PARAGRAPH_BREAK.finditer(text, start, end)) + [None]:
        stop = brk.start() if brk else end
        cuts = [pos] + [m.start() for m in c.pdq_field.finditer(text, pos, stop)]
        if c.pdq_opener is not None:
            cuts += [m.end() for m in c.pdq_opener.finditer(text, pos, stop)]
        cuts = sorted(set(cuts)) + [stop]
        for a, b in zip(cuts, cuts[1:]):
            while a < b and text[a].isspace():
                a += 1
            b = _skip_left(text, a, b)
            if a < b:
                out.append((a, b, gap))
                gap = False
        if brk:
            pos, gap = brk.end(), True
    return out


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
# Patients with ...", "... two months.  2. Patients with ...", "...; 6. Female", "a, (3) b",
# "abstinent? 2. Are you", "remission。 3. Eastern") or, weaker, right after a word or a
# bracket and before a capital ("1. Anemia 2. Patients with ...", "(by MRI) 11. The patient",
# "1.Age ≥80 years 2.Brain metastasis"). A number after a colon opens a list inside the
# criterion ("one of the following: 1) ...").
_INLINE_NUMBER = re.compile(
    r"(?:(?<=[.;,?!\u3002\uff1b\uff0c])|(?<=\S)(?=\s{2}))\s+\(?(?P<strong>\d{1,2})(?:\.(?:\s+|(?=[A-Z]))|\)\s*)(?=\S)"
    r"|(?<=[\w)\]]) \(?(?P<weak>\d{1,2})(?:[.)] +|\.)(?=[A-Z])"
    r"|(?<=:)\s*\(?(?P<sub>\d{1,2})[.)]\s*(?=\S)")
# The number a bulleted criterion opens with, when a list was exported under one bullet
# ("• 1. The patient has ... 2. The patient has ...").
_LEAD_NUMBER = re.compile(r"\(?(\d{1,2})(?:[.)]\s*|\.(?=[A-Z]))(?=\S)")


def _after_sentence(text: str, at: int) -> bool:
    """Whether the last character before `at` that is no space ends a sentence or a clause."""
    j = _skip_left(text, 0, at)
    return j > 0 and text[j - 1] in ".;?!\u3002\uff1b"


_RUN_UNMARKED = 3   # numbers in a row that split a criterion with no number of its own
_DOT_NUMBER = re.compile(r"\d{1,2}\.")


def _numbered_run(hits: list, least: int) -> list:
    """The first run of `least` or more numbers that follow each other (6, 7, 8, ...) among the
    inline numbers `hits` ((number, match) in text order), as matches; [] if there is none."""
    for i, (first, _) in enumerate(hits):
        run, want = [], first
        for number, hit in hits[i:]:
            if number == want:
                run.append(hit)
                want += 1
        if len(run) >= least:
            return run
    return []


# A list written on its criterion's line after a colon, in bullets ("... as defined below: •\tA
# child who ... •\tThe definition ...") or in dashes before capitals ("... if any of the
# following criteria are met: - Known immunodeficiency ... - Active RSV infection ...").
# A dash may be glued to the word it opens, as old NCI texts flattened their sub-items ("one of
# the following diseases: -Acute myelogenous leukemia ... -Chronic myelogenous leukemia"), but
# not to a letter alone ("HLA -A, -B, -C").
_MARKS_AFTER_COLON = re.compile(r":[ \t]*(?P<mark>•|-(?=[ \t]+[A-Z]|[A-Z][a-z]))[ \t]*(?=\S)")
_NEXT_MARK = {"•": re.compile(r"(?<=\s)•(?=\s)"), "-": re.compile(r"(?<=\s)-(?=[ \t]+[A-Z]|[A-Z][a-z])")}


# A list lettered from "a" after a criterion's colon ("as defined by: a) recurrent hypoglycemic
# events ..., b) disruption in quality of life"; "IVIG: (a) prior serious reaction; (b) known IgA
# deficiency"; "cardiac disease: a. A history of myocardial infarction ... b. ..."): each next
# letter after a space or a clause mark, in the first one's style.
_LETTER_AFTER_COLON = re.compile(r":[ \t]*(?P<mark>\(?a(?:\)|\.(?=\s)))\s*(?=\S)")
_NEXT_LETTER = re.compile(r"(?:(?<=\s)|(?<=[;,]))\(?(?P<letter>[b-z])(?:\)|\.(?=\s))")


def _is_note(text: str, it: Item) -> bool:
    """A note ("Remarks: (1) ... (2) ..."), which keeps whatever it lists: a note of the criterion
    above, not a criterion with children."""
    return cues().note.fullmatch(text[it.start:it.end]) is not None


def _nest_inline(text: str, items: list[Item], idx: int, stack: list[int], head_end: int,
                 marks: list[tuple[int, int]]) -> None:
    """Items[idx] ends at `head_end` (its words up to its colon) and heads one inline item per
    mark ((marker start, words start), in text order), each running to the next mark."""
    it = items[idx]
    ends = [at for at, _ in marks[1:]] + [it.end]
    it.end = _skip_left(text, it.start, head_end)
    for (at, body), stop in zip(marks, ends):
        if text.startswith(".", body):  # "1). Poorly differentiated": the dot is the marker's
            body += 1
        while body < stop and text[body].isspace():
            body += 1
        end = _skip_left(text, body, stop)
        if end > body:  # "• •": an empty bullet holds no criterion
            _add(text, items, Item(start=body, end=end, indent=it.indent + 1, marker=text[at:body].strip(),
                                   kind=it.kind, section=it.section, blank_before=False, inline=True), stack)


def _split_marked(text: str, items: list[Item], idx: int, stack: list[int]) -> bool:
    """A criterion whose own list of two or more items follows its colon on the line, in
    bullets, dashes or letters, heads them as a line's list would (the words up to the colon
    the criterion, each item one criterion under it); whether it did."""
    it = items[idx]
    m = _MARKS_AFTER_COLON.search(text, it.start, it.end)
    if m is not None and "•" not in text[it.start:m.start()]:
        marks = [m.start("mark")] + [x.start() for x in _NEXT_MARK[m.group("mark")].finditer(text, m.end(), it.end)]
        if len(marks) >= 2:
            _nest_inline(text, items, idx, stack, m.start() + 1, [(at, at + 1) for at in marks])
            return True
    m = _LETTER_AFTER_COLON.search(text, it.start, it.end)
    if m is None:
        return False
    style, want, marks = _mark_style(m.group("mark")), "b", [(m.start("mark"), m.end("mark"))]
    for x in _NEXT_LETTER.finditer(text, m.end(), it.end):
        if x.group("letter") == want and _mark_style(x.group()) == style:
            marks.append(x.span())
            want = chr(ord(want) + 1)
    if len(marks) < 2:
        return False
    _nest_inline(text, items, idx, stack, m.start() + 1, marks)
    return True


def _mark_style(mark: str) -> tuple[bool, str]:
    """How an inline number or letter is written: bracketed or not, and the mark after it ("(1)",
    "1)", "1.", "(a)", "a.")."""
    mark = mark.strip()
    return mark.startswith("("), ")" if ")" in mark else "."


def _split_sublist(text: str, items: list[Item], idx: int, stack: list[int], first) -> None:
    """A criterion that lists its own items after a colon, numbered from 1 in one style on its
    line ("Meet one of the following: (1) respiratory rate >= 30/min; (2) SpO2 <= 93%"; "defined
    below: 1) Total bilirubin ...; 2) ALT ..."), heads them as a line's list would: its words up
    to the colon are the criterion, each number's words one criterion under it."""
    it = items[idx]
    style, run, want = _mark_style(first.group()), [first], 2
    for hit in _INLINE_NUMBER.finditer(text, first.end(), it.end):
        number = int(hit.group("strong") or hit.group("weak") or hit.group("sub"))
        if number == want and not hit.group("sub") and _mark_style(hit.group()) == style:
            run.append(hit)
            want += 1
    if len(run) >= 2:
        _nest_inline(text, items, idx, stack, run[0].start(), [(h.start(), h.end()) for h in run])


def _split_inline(text: str, items: list[Item], idx: int, stack: list[int]) -> None:
    """A numbered criterion that holds the next numbers of its list inside its text (registries
    export whole lists on one line: "1. Anemia 2. Patients with contraindications ... 3. ...")
    becomes one criterion per number, as the lines of a list would. Only the numbers that follow
    the criterion's own in order, each after a sentence's end or a gap of spaces, split it, and
    only a criterion that heads nothing (the last one read) and holds no list of its own (a
    number not above its own). A list of its own after a colon, numbered from 1, lettered from
    a or marked by bullets or dashes, becomes its children, but not in a note ("Remarks: (1) ...
    (2) ...": a note of the criterion above, whatever it lists)."""
    it = items[idx]
    if it.children or idx != len(items) - 1:
        return
    note = _is_note(text, it)
    if not note and _split_marked(text, items, idx, stack):
        return
    m = _NUMBERED.fullmatch(it.marker or "")
    begin = it.start
    if m is None:
        # a bullet over a whole numbered list ("* 1. Symptomatic DDD ... 2. Reported to have
        # ..."): its first number is the criterion's own; with none, the list's first number
        # was lost ("* Participants must ...; 3. Participants must ...; 4. ...") and only a run
        # of numbers after sentence ends splits it
        lead = _LEAD_NUMBER.match(text, it.start, it.end)
        own = int(lead.group(1)) if lead else None
        begin = lead.end() if lead else it.start
    else:
        own = int(m.group(1))
    want = own + 1 if own is not None else None
    cuts = []
    hits = []
    for hit in _INLINE_NUMBER.finditer(text, begin, it.end):
        number = int(hit.group("strong") or hit.group("weak") or hit.group("sub"))
        if not hits and hit.group("sub") and number == 1:
            if not note:
                _split_sublist(text, items, idx, stack, hit)
            return
        if hit.group("sub") or own is not None and number <= own:
            return  # a list of its own inside the criterion ("... following: 1) ..., 2) ...")
        hits.append((number, hit))
        if want is None and hit.group("strong") and _after_sentence(text, hit.start()):
            want = number
        if number == want:
            cuts.append(hit)
            want += 1
    # a number after a bare word ("Anemia 2. Patients") only within a run of two or more; with
    # no number of its own, a run of two or more after sentence ends, or of three or more
    # written "N." ("... vascular disease) 6. Receipt of ... in past 30 days 7. Any other ...
    # SAB-185 8. Known IgA deficiency": a list whose lines an export ran together; "(1) HBsAg
    # (+), (2) HBV DNA (+), and (3) ..." enumerates one sentence's parts)
    if own is None and (len(cuts) < 2 or not all(c.group("strong") and _after_sentence(text, c.start()) for c in cuts)):
        cuts = _numbered_run([(n, h) for n, h in hits if _DOT_NUMBER.fullmatch(h.group().strip())], _RUN_UNMARKED)
    if not cuts or len(cuts) < 2 and cuts[0].group("weak"):
        return
    ends = [c.start() for c in cuts] + [it.end]
    it.start, it.end = begin, ends[0]  # a bullet's first number is a marker, as the next ones are
    for k, hit in enumerate(cuts):
        body = hit.end()
        marker = text[hit.start():body].strip()
        _add(text, items, Item(start=body, end=ends[k + 1], indent=it.indent, marker=marker, kind=it.kind,
                               section=it.section, blank_before=False), stack)
    for part in items[idx:]:
        part.end = part.start + len(text[part.start:part.end].rstrip())


def _may_parent(text: str, parent: Item, child: Item, items: list[Item]) -> bool:
    if parent.inline:
        return False  # "UCD: - Coma - Encephalopathy" / "  Pregnancy-related ...": the line goes on the list
    if parent.indent < child.indent or parent.heads_list and parent.indent == child.indent:
        return True
    if parent.indent == child.indent and _stars(parent.marker) and _stars(child.marker) > _stars(parent.marker):
        # "* Cohort A. Acute lymphoblastic leukemia" then "** B-cell phenotype: ..." at the same
        # column (NCI CTS writes sub-bullets so): more stars, one level deeper
        return True
    summary = children_summary(parent, items)
    if summary.deeper:
        return False  # its children are indented under it: a same-column item is a sibling
    if parent.indent != child.indent:
        return False
    if child.blank_before and not (
            child.marker is not None and (parent.marker is None or _style(parent.marker) != _style(child.marker))
            and (text[parent.start:parent.end].rstrip().endswith(":") or parent.group_label)
            and not summary.unmarked and summary.styles <= {_style(child.marker)}):
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
    if parent.marker is not None and child.marker is None and head.endswith(":") and not summary.marked:
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
    return (parent.marker == child.marker and _logic_cue(head, nesting=True) is not None and not child.label
            and not any(items[k].marker is None for k in parent.children))


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


_LISTED_AFTER = re.compile(r":\s*[^\W_]")


def _cue_inside(head: str) -> bool:
    """A logic cue ("all of the following") inside an item's text with no list of its own after
    it ("... at least one of the following: Lactate dehydrogenase > normal range, ..." lists
    what it introduces in the item itself)."""
    for pat, _, _, nests in cues().logic:
        if not nests:
            continue
        m = pat.search(head)
        if m and not _LISTED_AFTER.search(head, m.end()):
            return True
    return False


_NOTE_LABEL = re.compile(r"\s*(?:notes?|nb|n\.\s?b\.)\s*:?\s*", re.IGNORECASE)


def _nest_label_groups(text: str, items: list[Item], first: int) -> None:
    """A label of sections.json "label_groups" that heads nothing ("Prior Medication:") heads
    the member labels after it at the top of the list ("Allowed:" / "Excluded:", each with its
    items), up to the first top-level item that is no member."""
    group, member = cues().label_group, cues().label_member
    if group is None or member is None:
        return
    host = bare = None   # the group label, and a member of it that holds no items yet
    for k in range(first, len(items)):
        it = items[k]
        if it.parent is not None or it.section < 0:
            continue
        words = text[it.start:it.end].rstrip()
        label = it.marker is None and words.endswith(":")
        if label and not it.children and group.fullmatch(words[:-1].strip()):
            host, bare = k, None
            continue
        if host is not None and label and member.fullmatch(words[:-1].strip()):
            under, bare = host, (k if not it.children else None)
        elif bare is not None and not label:
            # "Allowed:" / "" / "Vitamins if already being taken ...": its items were read as
            # lines of their own after the blank line
            under = bare
        else:
            host = bare = None
            continue
        it.parent = under
        items[under].children.append(k)


def _finish(text: str, items: list[Item], first: int) -> None:
    """Notes, connectors and logic, once the tree of one list is known."""
    note = cues().note
    _nest_resumed(items, first)
    _nest_label_groups(text, items, first)
    for idx in range(first, len(items)):
        it = items[idx]
        tail = trailing_connector(text, it.start, it.end)
        if tail and tail[0] > it.start:
            it.connector = tail[1].lower()
            it.end = tail[0]
    # "Note: ..." items annotate the criterion they sit under (or follow), they are not criteria;
    # so do the items of a bare "NOTE:" label at the top of the list ("NOTE:" / "  - There is no
    # requirement that patients have HIV infection."), notes of the criterion before the label.
    for idx in range(first, len(items)):
        it = items[idx]
        if it.section < 0:
            continue
        if not it.children and note.fullmatch(text[it.start:it.end]):
            host = it.parent if it.parent is not None else _previous_top(items, first, idx)
            if host is None:
                continue
            items[host].notes.append((it.start, it.end))
            if it.parent is not None:
                items[it.parent].children.remove(idx)
            it.section = -1  # marked for removal
        elif it.parent is None and it.children and _NOTE_LABEL.fullmatch(text, it.start, it.end) \
                and not any(items[k].children for k in it.children):
            host = _previous_top(items, first, idx)
            if host is None:
                continue
            for k in it.children:
                items[host].notes.append((items[k].start, items[k].end))
                items[k].section = -1
            it.children = []
            it.section = -1
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
