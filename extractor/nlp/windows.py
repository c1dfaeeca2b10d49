"""Time windows and durations (CONTRACT "Time"): where a number with a time unit places the
criterion's subject, against which anchor, and what that subject is.

- A window places the subject relative to an anchor: `event` is the anchor, None for the present;
  `direction` the side of the anchor the subject lies on (None when the text allows either side).
- "since X" and "ago" put the subject before the present: X is the subject, never the anchor.
- A bare "within N" lies before the present unless a future cue precedes it in the clause
  ("to be performed within 3 months", "transfer expected within 72 hours").
- The subject of a window or a duration is the text that the window bounds: the clause before
  the number ("Myocardial infarction within 6 months"), else the one after it.

Plain text in, plain dicts out; offsets relative to the text.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..normalize.resources import load
from .patterns import folded_regex, phrase_regex

_WS = re.compile(r"\s+")
_TRAILING_THE = re.compile(r"\s+the$")
_ARTICLE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_EVENT_FALLBACK = re.compile(r"(?:the\s+)?[A-Za-z][\w\-]*(?:\s+(?!and\b|or\b|with\b|for\b|in\b)[A-Za-z][\w\-]*){0,4}")
# Where a clause ends, looking back from a number or on from a "since".
_BREAK_BEFORE = re.compile(r"[;:•\n\[]|\.\s|\((?![^()]*\))")
_BREAK_AFTER = re.compile(r"[;:•\n()\[\]]|\.(?:\s|$)|,\s+(?:and|or|but)\b")
# Another quantity earlier in the clause ends the subject ("agent within 5 half-lives or 4 weeks").
_OTHER_QUANTITY = re.compile(r"(?:\b(?:within|at least|more than|less than|greater than|over|under|up to)\s+|[<>≤≥=]\s*)\d",
                             re.IGNORECASE)
_EDGE_PUNCT = " \t,-–—/*"
_MAX_SUBJECT = 120


@lru_cache(maxsize=1)
def _cues():
    data = load("time_events")
    future = re.compile("|".join(phrase_regex(p) for p in sorted(data["future_cues"], key=len, reverse=True)),
                        re.IGNORECASE)
    lead = sorted(data["subject_lead"], key=len, reverse=True)
    trail = sorted(data["subject_trail"], key=len, reverse=True)
    lead_rx = re.compile(r"(?:" + "|".join(phrase_regex(w) for w in lead) + r")(?:\s+|$)", re.IGNORECASE)
    trail_rx = re.compile(r"(?:^|\s+)(?:" + "|".join(phrase_regex(w) for w in trail) + r")$", re.IGNORECASE)
    return future, lead_rx, trail_rx


def relation_event(g, text: str, pos: int, limit: int):
    """A relation ('prior to') and event ('registration') right after a time atom; a closing
    parenthesis may stand between them ("(≤ 3 years) prior to registration")."""
    m = g.relation.match(text, pos)
    if not m and text[pos:pos + 1] == ")":
        m = g.relation.match(text, pos + 1)
    if not m:
        return None
    word = _TRAILING_THE.sub("", _WS.sub(" ", m.group().strip().lower()))
    info = g.relation_info.get(word)
    if info is None:
        return None
    at = m.end()
    if info["id"] == "rel.ago":
        return {"relation": info, "end": at, "event": None}
    if info.get("names") == "subject":
        subject = _clause_after(text, at)
        return {"relation": info, "end": subject["span"][1] if subject else at, "event": None,
                "subject": subject}
    em = g.event.match(text, at)
    if em and em.end() <= limit:
        name = next((n for rx, n, _ in g.event_forms if rx.fullmatch(em.group())), None)
        return {"relation": info, "end": em.end(), "event": _event(text, pos, at, em.end(), name)}
    if info["id"] in ("rel.of", "rel.from", "rel.prior"):
        return None  # too vague without a known event ("3 months of therapy")
    fm = _EVENT_FALLBACK.match(text, at)
    if fm and fm.end() <= limit:
        event = _event(text, pos, at, fm.end(), None)
        event["name"] = _WS.sub(" ", _LEADING_ARTICLE.sub("", event["text"].lower()))
        return {"relation": info, "end": fm.end(), "event": event}
    return {"relation": info, "end": at, "event": None}


def _event(text: str, pos: int, at: int, end: int, name):
    start = at
    art = _ARTICLE_BEFORE.search(text[pos:at])  # keep a leading article: "the start of lenalidomide"
    if art:
        start = pos + art.start()
    return {"text": text[start:end], "span": [start, end], "name": name}


def time_fields(g, text: str, atom, limit: int) -> dict | None:
    """direction, event and subject of a time atom, or None when nothing makes it a window.
    "_rules" lists the rule ids; "_end" is where the window's words end."""
    rel = relation_event(g, text, atom.end, limit)
    if atom.window is None and rel is None:
        return None
    rules = ([atom.window["id"]] if atom.window else []) + ([rel["relation"]["id"]] if rel else [])
    if rel is not None:
        direction = rel["relation"]["direction"]
    else:
        direction = atom.window["direction"]
        if atom.window["id"] == "win.within" and _future_before(text, atom.start):
            direction = "after"
            rules.append("win.future_cue")
    out = {"direction": direction, "event": rel["event"] if rel else None, "_rules": rules,
           "_end": rel["end"] if rel else atom.end}
    if rel and rel.get("subject"):
        out["subject"] = rel["subject"]
        rules.append("subject.since")
    return out


def _future_before(text: str, start: int) -> bool:
    future, _, _ = _cues()
    clause = _BREAK_BEFORE.split(text[:start])[-1]
    return future.search(clause) is not None


def subject_before(text: str, start: int, end: int) -> dict | None:
    """The subject of the window or duration written at [start, end): the clause before it, or
    when nothing stands there, the clause after it."""
    found = _clause_before(text, start)
    if found is None:
        found = _clause_after(text, end)
    return found


def _clause_before(text: str, start: int) -> dict | None:
    head = text[:start]
    breaks = list(_BREAK_BEFORE.finditer(head))
    at = breaks[-1].end() if breaks else 0
    other = _OTHER_QUANTITY.search(text, at, start)
    found = _trim(text, at, other.start() if other and other.start() > at else start)
    if found is None and breaks and breaks[-1].group() == "(":
        # "Other active malignancy (≤ 3 years)": the subject stands before the parenthesis
        return _clause_before(text, breaks[-1].start())
    return found


def _clause_after(text: str, pos: int) -> dict | None:
    m = _BREAK_AFTER.search(text, pos)
    return _trim(text, pos, m.start() if m else len(text))


def _trim(text: str, start: int, end: int) -> dict | None:
    """[start, end) less lead and trail words and edge punctuation, at most _MAX_SUBJECT long."""
    _, lead, trail = _cues()
    while True:
        while start < end and (text[start] in _EDGE_PUNCT or text[start].isspace()):
            start += 1
        m = lead.match(text, start, end)
        if not m or m.end() == start:
            break
        start = m.end()
    while True:
        while end > start and (text[end - 1] in _EDGE_PUNCT + "(" or text[end - 1].isspace()):
            end -= 1
        m = trail.search(text, start, end)
        if not m or m.start() == end:
            break
        end = m.start()
    if end - start > _MAX_SUBJECT:
        cut = text.find(" ", end - _MAX_SUBJECT, end)
        start = cut + 1 if cut != -1 else end - _MAX_SUBJECT
    if end <= start or not any(ch.isalpha() for ch in text[start:end]):
        return None
    return {"text": text[start:end], "span": [start, end]}


_IMPLICIT_UNITS = {"year": "a", "month": "mo", "week": "wk", "day": "d", "hour": "h"}
IMPLICIT_WORDS = frozenset(_IMPLICIT_UNITS)
_IMPLICIT_WINDOW_IDS = frozenset({"win.past", "win.last", "win.previous", "win.preceding", "win.recent",
                                  "win.prior", "win.next", "win.first"})


@lru_cache(maxsize=1)
def _implicit_one():
    """'within the past month', 'in the last year', 'within a week': a window over one unit."""
    windows = [w for w in load("time_events")["windows"] if w["id"] not in _IMPLICIT_WINDOW_IDS]
    alt = "|".join(phrase_regex(w["pattern"].lower()) for w in sorted(windows, key=lambda w: -len(w["pattern"])))
    info = {w["pattern"].lower(): w for w in windows}
    rx = folded_regex(rf"(?P<win>{alt})\s+(?:(?P<one>a|an|one)\s+)?(?P<unit>year|month|week|day|hour)(?![\w\-])")
    return rx, info


def implicit_windows(g, text: str, taken: list[tuple[int, int]]) -> list[dict]:
    """Windows with no number: value 1 of the unit named ("within the past month": <= 1 mo)."""
    rx, info = _implicit_one()
    out = []
    low = text.lower() if text.isascii() else text
    pattern = rx.folded if text.isascii() else rx.pattern
    for m in pattern.finditer(low):
        if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in taken):
            continue
        window = info.get(_WS.sub(" ", m.group("win").lower()))
        if window is None:
            continue
        if window["id"] in ("win.within", "win.in_the_following") and m.group("one") is None:
            continue  # "within the month of ..." is not a window of one month
        ucum = _IMPLICIT_UNITS[m.group("unit").lower()]
        out.append({"start": m.start(), "end": m.end(), "window": window, "ucum": ucum,
                    "unit_span": [m.start("unit"), m.end("unit")]})
    return out
