"""Windows with no number written ("in the past year", "within the last month": one unit), and
the ids of the windows that bound how long something lasts."""
from __future__ import annotations

import re
from functools import lru_cache

from ...normalize.resources import load
from .common import _WS, lookback
from .anchors import relation_event


_IMPLICIT_UNITS = {"year": "a", "month": "mo", "week": "wk", "day": "d", "hour": "h"}
IMPLICIT_WORDS = frozenset(_IMPLICIT_UNITS)
# Window cues that name no span of their own ("last month" alone, "during the month of
# screening"): a one-unit window needs a fuller cue.
_IMPLICIT_WINDOW_IDS = frozenset({"win.past", "win.last", "win.previous", "win.preceding", "win.recent",
                                  "win.prior", "win.next", "win.first", "win.in_the", "win.during_the",
                                  "win.over_the", "win.the_following", "win.coming", "win.upcoming",
                                  "win.subsequent", "win.ensuing"})


# Where a 'bracketed_implicit_windows' cue opens a bracket that closes right after its unit
_OPEN_BEFORE = re.compile(r"\(\s*$")
_CLOSE_AFTER = re.compile(r"\s*\)")
_UNIT_WORD = re.compile(r"(?<![\w\-])(?:year|month|week|day|hour)(?![\w\-])", re.IGNORECASE)
_ONE_BEFORE = re.compile(r"(?:^|\s)(?:(?P<half>half\s+(?:of\s+)?an?|an?\s+half)|a|an|one)\s+$", re.IGNORECASE)
# "a year and a half", "a month and a half": half a unit more than the one named
AND_A_HALF = re.compile(r"\s+and\s+a\s+half(?![\w-])", re.IGNORECASE)


def _window_ids(key: str) -> frozenset:
    """The list `key` of models/time_events.json, each an id of one of its 'windows' (checked)."""
    data = load("time_events")
    unknown = sorted(set(data[key]) - {w["id"] for w in data["windows"]})
    if unknown:
        raise ValueError(f"models/time_events.json: {key} names no window: {', '.join(unknown)}")
    return frozenset(data[key])


@lru_cache(maxsize=1)
def _relation_implicit() -> frozenset:
    """'relation_implicit_windows' of models/time_events.json, each the id of one of its 'windows'."""
    return _window_ids("relation_implicit_windows")


@lru_cache(maxsize=1)
def _bracketed_implicit() -> frozenset:
    """'bracketed_implicit_windows' of models/time_events.json, each the id of one of its 'windows':
    a bare cue back in time with its unit alone in brackets ("current (past year) AUD") is a
    window of one unit, as "within the past year" is; bare ("past year") it names none."""
    return _window_ids("bracketed_implicit_windows")


@lru_cache(maxsize=1)
def bounded_lasting_windows() -> frozenset:
    """'bounded_lasting_windows' of models/time_events.json, each the id of one of its 'windows':
    after 'for', a comparator cue and 'the' ("for at least the past 6 weeks") the span is how long
    the subject has lasted."""
    return _window_ids("bounded_lasting_windows")


# "the day before surgery", "the hour after dosing" name a point in time, not a window up to it
_LONG_UNITS = frozenset({"year", "month", "week"})


def _relation_after(g, text: str, pos: int) -> bool:
    """A relation with a side and a named event right after a unit word ("month prior to entry
    into the study"); "the month of screening" has none."""
    rel = relation_event(g, text, pos, len(text))
    return bool(rel and rel["event"] and rel["relation"]["direction"])


# "for (at least) the" before "first": how long something lasted ("hospitalized for at least the
# first week after surgery"), which a number would make a duration, no window of one unit
_FOR_THE_BEFORE = re.compile(r"(?<![\w-])for\s+(?:(?:at\s+least|at\s+most|more\s+than|less\s+than|no\s+more\s+than|"
                             r"no\s+less\s+than|up\s+to|over|under)\s+)?(?:the\s+)?$", re.IGNORECASE)


def implicit_windows(g, text: str, taken: list[tuple[int, int]], bound=None) -> list[dict]:
    """Windows with no number: value 1 of the unit named ("within the past month": <= 1 mo;
    "within a week"), 0.5 for "half a year", 1.5 for "a year and a half". Tried only after a
    singular unit word; the window cue is read leftwards with the same pattern as before a
    number. With `bound` (text, pos -> (start, comparator, rule) of a comparator cue ending at
    pos, or None), "a"/"an" after a bound and before a unit that a relation follows is one
    unit too ("at least a week since the last dose", "more than a year ago"): the item has no
    window and the bound's comparator."""
    out = []
    for m in _UNIT_WORD.finditer(text):
        at = m.start()
        one = _ONE_BEFORE.search(text, lookback(text, at, 14), at)
        value, end = 1, m.end()
        if one and one.group("half"):
            value = 0.5
        elif one:
            more = AND_A_HALF.match(text, m.end())
            if more:
                value, end = 1.5, more.end()
        cue_end = one.start() if one else at
        left = text[lookback(text, cue_end, 40):cue_end][::-1]
        w = g.window.match(left)
        if not w:
            cue = _implicit_bound(g, text, one, m.end(), bound) if bound else None
            if cue is None and bound and one is not None and text[m.end():m.end() + 4].lower() == " or ":
                cue, end = _for_one_post(g, text, one, m.end()) or (None, end)
            if cue and not any(s <= cue[0] < e or cue[0] <= s < m.end() for s, e in taken):
                out.append({"start": cue[0], "end": end, "value": value, "window": None, "comparator": cue[1],
                            "rule": cue[2], "ucum": _IMPLICIT_UNITS[m.group().lower()], "unit_span": [m.start(), m.end()]})
            continue
        window = g.window_info.get(_WS.sub(" ", w.group("cue")[::-1].lower()))
        if window is None:
            continue
        if one is None and window["id"] in _relation_implicit() and m.group().lower() in _LONG_UNITS \
                and _relation_after(g, text, m.end()) \
                and not _FOR_THE_BEFORE.search(text, max(0, cue_end - w.end() - 40), cue_end - w.end()):
            pass  # "in the month prior to entry": one month before a named event
        elif window["id"] in _bracketed_implicit() and _OPEN_BEFORE.search(text, max(0, cue_end - w.end() - 4), cue_end - w.end()) \
                and _CLOSE_AFTER.match(text, end):
            pass  # "Current (past year) diagnosis": the bracket holds the window alone
        elif window["id"] in _IMPLICIT_WINDOW_IDS:
            continue
        elif window["id"] in ("win.within", "win.in_the_following") and one is None:
            continue  # "within the month of ..." is not a window of one month
        start = cue_end - w.end()
        if any(s <= start < e or start <= s < m.end() for s, e in taken):
            continue
        out.append({"start": start, "end": end, "value": value, "window": window,
                    "ucum": _IMPLICIT_UNITS[m.group().lower()], "unit_span": [m.start(), m.end()]})
    return out


# what follows a unit of time when it is measured from an event: "ago", "since", "before"...
_AGO = re.compile(r"\s+ago(?![\w-])", re.IGNORECASE)
_FOR_END = re.compile(r"(?<![\w-])for\s+$", re.IGNORECASE)


def _for_one_post(g, text: str, one, unit_end: int):
    """((start, comparator, rule), end) of "for a week or more", "for a month or longer": after
    "for", "a"/"an" and a unit, a comparator cue says how long it lasted at least (or at most);
    None elsewhere."""
    lead = one.start() + (len(one.group()) - len(one.group().lstrip()))
    if one.group("half") or one.group().strip().lower() not in ("a", "an") \
            or not _FOR_END.search(text, max(0, lead - 6), lead):
        return None
    m = g.post_cue.match(text, unit_end)
    key = _WS.sub(" ", m.group().strip().lower()) if m else ""
    comparator = g.post_comparator.get(key)
    if comparator not in (">=", "<="):
        return None
    rule = ("cmp.post.ge." if comparator == ">=" else "cmp.post.le.") + key.replace(" ", "_")
    return (lead, comparator, rule), m.end()


def _implicit_bound(g, text: str, one, unit_end: int, bound):
    """The comparator cue of "at least a week since ...": only "a"/"an" (not "half a"), a bound
    right before it, and "ago" or a relation (a passing verb may stand between: "has passed
    since") right after the unit, or "for" right before the bound ("for at least a year"), so
    that "more than a week" alone stays unread."""
    if one is None or one.group("half") or one.group().strip().lower() not in ("a", "an"):
        return None
    if _AGO.match(text, unit_end) or g.relation.match(text, unit_end):
        return bound(text, one.start() + (len(one.group()) - len(one.group().lstrip())))
    # after "for" the bound says how long it lasted ("unemployed for at least a year", "for less
    # than a month"): a duration of one unit, as "for at least 1 year" is
    cue = bound(text, one.start() + (len(one.group()) - len(one.group().lstrip())))
    return cue if cue and _FOR_END.search(text, max(0, cue[0] - 6), cue[0]) else None
