"""A window on both sides of one anchor (CONTRACT "Time"): "between 7 days before and 30 days
after surgery", "from 14 days before to 7 days after randomization", "day -10 pre- to day +30
post-transplant", "from day -7 to day +28 of transplant".

Such a window is two `time` constraints on the same subject and the same anchor, `<=` the first
span before it and `<=` the second after it: the subject lies on one side or the other, so where
they are the criterion's only constraints, they combine as "any". One span written for both sides
("within 3 days before or after the first dose") stays one constraint with direction null (a
relation of its own). The words are 'both_sides' of models/time_events.json.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...normalize.durations import iso_duration
from ...normalize.resources import load
from ..patterns import word_alternation
from .anchors import _anchor_words, event_fallback, _event, _event_name
from .common import _LEADING_ARTICLE, _WS
from .subject import subject_before


class _Words:
    """The patterns built from 'both_sides' of models/time_events.json."""

    def __init__(self, data: dict):
        opener = word_alternation(data["openers"])
        before = word_alternation(data["before_words"], space=r"\s+")
        joiner = word_alternation(data["joiners"], space=r"\s*")
        # The words between a first span read "before" its (unnamed) anchor and a second span
        # read "after" the anchor named after it: "7 days [before and ]30 days after surgery".
        # a word screen: the first word of each 'before_words' phrase ("prior" of "prior to")
        self.before_first = frozenset(w.split()[0] for w in data["before_words"])
        self.gap = re.compile(r"\s*(?P<before>" + before + r")-?\s*" + joiner + r"\s+", re.IGNORECASE)
        # The opener right before the first span: "between", "from" (no comparator of its own).
        self.opener = re.compile(r"(?<![\w-])" + opener + r"\s+$", re.IGNORECASE)
        # Study days on both sides of a named anchor: a negative day, a joiner, a day after it
        # ("+30" or "30"), then a relation that names the anchor.
        day = r"(?:(?:study\s+)?days?|(?-i:D))"  # "D-7 to D+30 of transplant" as well
        relation = word_alternation(data["study_day_relations"], space=r"\s+")
        # an anchor that a treatment's schedule counts its days in ("of Cycle 1", "of each cycle")
        self.schedule = re.compile(r"(?:the\s+)?" + word_alternation(data["schedule_anchors"]) + r"(?![\w-])",
                                   re.IGNORECASE)
        self.days = re.compile(
            r"(?<![\w-])(?:(?P<open>" + opener + r")\s+)?(?P<day1>" + day + r")\s*[-−–]\s*(?P<n1>\d{1,3})"
            r"(?![\d.,])(?P<pre>\s*" + before + r"-?)?\s*(?:" + joiner + r"|[-–])\s*(?P<day2>" + day + r")\s*\+?\s*"
            r"(?P<n2>\d{1,3})(?![\d.,])\s*\(?\s*(?P<rel>" + relation + r")(?:\s*-\s*|\s+)(?=[A-Za-z])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _words() -> _Words:
    return _Words(load("time_events")["both_sides"])


def both_sides(g, text: str, words: set[str], out: list[dict], masked: list[tuple[int, int]]) -> bool:
    """Read the windows on both sides of one anchor in `out` (a criterion's constraints, sorted
    by span; changed in place). Returns True when `out` is nothing but such a window: its two
    constraints combine as "any"."""
    pairs = []
    if "day" in words or "days" in words or "d" in words:
        pairs += _study_days(g, text, out, masked)
    if not out:
        return False  # most criteria: nothing found to read
    if len(out) > 1 and not _words().before_first.isdisjoint(words):
        pairs += _spans(text, out)
    if "±" in text or "+/" in text or "+-" in text or "plus" in words:
        _plus_minus(text, out)
    return len(pairs) == 1 and len(out) == 2


# A sign for either side right before a window's span ("within ±3 days of", "+/- 7 days of"),
# "within" before it; not after another number, whose tolerance it writes ("24 h +/- 4 h after",
# "9 months (±2 weeks) of age")
_PLUS_MINUS = re.compile(r"(?:(?<![\w-])within\s+)?(?:±|\+\s*/\s*-|\+-|plus\s*(?:or|/)\s*minus)\s*$", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"\d[^\d;:.]{0,12}$")


def _plus_minus(text: str, out: list[dict]) -> None:
    """A window written with a sign for either side before its span ("Vaccination within ±3
    days of the first dose", "+/- 7 days of randomization"): one span for both sides, `<=` with
    direction null, as "within 3 days before or after" is."""
    for c in out:
        if c["type"] != "time" or not c.get("event") or c["comparator"] not in ("=", "<="):
            continue
        m = _PLUS_MINUS.search(text, max(0, c["span"][0] - 25), c["span"][0])
        if not m or _NUMBER_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue
        c["text"], c["span"] = text[m.start():c["span"][1]], [m.start(), c["span"][1]]
        c.update(comparator="<=", direction=None)
        c["rules"] = [r for r in c["rules"] if r != "cmp.implicit.eq"] + ["win.plus_minus"]
        c["subject"] = subject_before(text, m.start(), c["event"]["span"][1])


def _spans(text: str, out: list[dict]) -> list[tuple[dict, dict]]:
    """A span before an anchor, a joiner and a span after it, opened by "between", "from" or a
    window of its own ("within 30 days before and 30 days after the first dose"): both bound the
    distance from the anchor written after the second (`<=`), the subject the first's. A first
    span before a bare "pre-" or "prior", read as how long something lasted for want of an
    anchor ("7 days pre- and 30 days post-surgery", "from 3 days prior through 7 days
    post-vaccination"), lies before the second's anchor as well; without an opener both keep the
    comparator written ("=", as "2 hours before or 2 hours after taking ddI" does)."""
    w = _words()
    found = []
    for a, b in zip(out, out[1:]):
        if a["type"] not in ("time", "duration") or b["type"] != "time" or b.get("direction") != "after" \
                or not b.get("event") or a["span"][1] > b["span"][0]:
            continue
        gap = w.gap.fullmatch(text, a["span"][1], b["span"][0])
        if not gap:
            continue
        if a["type"] == "duration":
            if "time.duration" not in a["rules"] or not _BARE_BEFORE.match(gap.group("before")):
                continue
            a.update(type="time", direction="before")
            a["rules"] = [r for r in a["rules"] if r != "time.duration"] + ["rel.before.bare"]
        elif a.get("direction") != "before":
            continue
        a["event"] = dict(b["event"], span=list(b["event"]["span"]))
        sa, sb = a.get("subject"), b.get("subject")
        if sa and (sb is None or sb["span"][1] > a["span"][0]):
            # the second span's subject ran over the first ("Transfusion 7 days pre"): one subject
            b["subject"] = dict(sa, span=list(sa["span"]))
        opener = w.opener.search(text, max(0, a["span"][0] - 12), a["span"][0])
        if a["comparator"] == "=" and "cmp.implicit.eq" in a["rules"] and opener:
            a["text"], a["span"] = text[opener.start():a["span"][1]], [opener.start(), a["span"][1]]
        elif a["comparator"] != "<=":
            continue  # "at least 2 hours before and 6 hours after each dose": outside the window
        for c in (a, b):
            if c["comparator"] == "=" and "cmp.implicit.eq" in c["rules"]:
                c["comparator"] = "<="
                c["rules"] = [r for r in c["rules"] if r != "cmp.implicit.eq"]
            c["rules"] = c["rules"] + ["time.both_sides"]
        found.append((a, b))
    return found


_BARE_BEFORE = re.compile(r"(?:pre|prior)\b", re.IGNORECASE)  # no event of their own after them
_DAY_MINUS = re.compile(r"[Dd](?:[Aa][Yy][Ss]?)?\s*[-−–]\s*\d")


def _study_days(g, text: str, out: list[dict], masked) -> list[tuple[dict, dict]]:
    """Study days on both sides of a named anchor ("day -10 pre- to day +30 post-allogeneic
    HCT", "between day -14 and day +7 of randomization"): a day with no anchor word ("Day -30 to
    Day 1") or a treatment's schedule ("on day 1 and day 8 of each cycle") is no window."""
    if not _DAY_MINUS.search(text):
        return []  # most criteria: no day written with a minus sign
    found = []
    for m in _words().days.finditer(text):
        event = _anchor(g, text, m.end())
        if event is None or any(s < event["span"][1] and m.start() < e for s, e in masked):
            continue
        if _words().schedule.match(event["text"]):
            continue  # "from Day -1 to Day 2 of Cycle 1", "of each cycle": a treatment's schedule
        start = m.start("open") if m.group("open") else m.start("day1")
        first_end = m.end("pre") if m.group("pre") else m.end("n1")  # "day -10 pre-"
        subject = subject_before(text, start, m.end("n2"))
        if subject and subject["span"][0] >= start:
            # "Patients who are day -10 pre- to day +30 post-allogeneic HCT (AHCT) from any
            # donor": the words after the anchor say which anchor, the patients are the subject
            subject = None
        pair = []
        for (s, e), (ds, de), n, side in (((start, first_end), m.span("day1"), m.group("n1"), "before"),
                                          ((m.start("day2"), m.end("n2")), m.span("day2"), m.group("n2"), "after")):
            value = int(n)
            pair.append({
                "type": "time", "subject": dict(subject, span=list(subject["span"])) if subject else None,
                "comparator": "<=", "value": value,
                "unit": {"text": text[ds:de], "ucum": "d", "span": [ds, de]}, "reference": None,
                "normalized": {"duration": iso_duration(value, "d")}, "direction": side,
                "event": dict(event, span=list(event["span"])), "text": text[s:e], "span": [s, e],
                "rules": ["num.digits", "time.study_day", "time.both_sides"]})
        # the numbers were read as a schedule's days before: what overlaps the window gives way
        out[:] = [c for c in out if c["span"][1] <= start or c["span"][0] >= m.end("n2")]
        out.extend(pair)
        out.sort(key=lambda c: c["span"][0])
        found.append(tuple(pair))
    return found


def _anchor(g, text: str, at: int) -> dict | None:
    """The anchor named at `at`: a known event ("transplant", "randomization"), else the words
    of an event no pattern names ("allogeneic hematopoietic cell transplant (AHCT)" up to the
    bracket), or None."""
    em = g.event_at.match(text, at)
    if em:
        return _event(text, at, at, em.end(), _event_name(g, em.group().lower()))
    fm = event_fallback().match(text, at)
    if not fm:
        return None
    end = at + len(_anchor_words().trailing.sub("", text[at:fm.end()]))
    if end <= at:
        return None
    event = _event(text, at, at, end, None)
    written = _WS.sub(" ", _LEADING_ARTICLE.sub("", event["text"].lower()))
    event["name"] = _event_name(g, written) or written
    return event
