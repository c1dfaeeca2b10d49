"""Spans of time read with the words around them: the time between two events ("from X to Y"), a
prognosis that expects the span ("life expectancy < 3 months"), a measure in seconds."""
from __future__ import annotations

import re
from functools import lru_cache

from ...normalize.resources import load
from ..patterns import word_alternation
from .common import _LEADING_ARTICLE, _MAX_SUBJECT, _WS, lookback
from .subject import _last_break
from .anchors import _event_name
from .history import _steps


_TIME_FROM_TO = re.compile(r"\b(?:time|interval|period|duration)\s+(?:from|between|since)\s+(?P<subject>[^;:.<>≤≥=\d]{3,60}?)"
                           r"\s+(?:to|and|until|till)\s+(?P<event>[^;:.<>≤≥=\d]{3,60}?)\s*(?:[:,(]|is\b|was\b|were\b|of\b|must\b|should\b|"
                           r"within\b|<|>|≤|≥|=|$)",
                           re.IGNORECASE)
# What may stand between such a clause and its number: a verb ("was within 7 days").
_INTERVAL_VERBS = frozenset({"", "is", "of", "must be", "should be", "was", "were", "be", "has been", "shall be",
                             "should", "must", "shall"})  # "should not exceed 5 days": the bound's own words follow


def interval_window(g, text: str, start: int) -> dict | None:
    """A bound on the time between two events written before it ("Time from symptom onset to
    randomization ≤ 10 days"): a window placing the first (the subject) before the second (the
    anchor). Returns {"subject", "event"} or None."""
    _, at = _last_break(text, max(0, start - 3 * _MAX_SUBJECT), start)
    m = _TIME_FROM_TO.search(text, at, start)
    if not m or _WS.sub(" ", text[m.end("event"):start].strip(" :,(<>≤≥=").strip().lower()) not in _INTERVAL_VERBS:
        return None
    es, ee = m.span("event")
    written = text[es:ee]
    name = _event_name(g, written.lower()) or _WS.sub(" ", _LEADING_ARTICLE.sub("", written.lower()))
    ss, se = m.span("subject")
    return {"subject": {"text": text[ss:se], "span": [ss, se]},
            "event": {"text": written, "span": [es, ee], "name": name}}


# A prognosis written before a span of time: the span is how long the patient is expected to
# live, a value of that measure, not how long the subject lasts ("would limit life expectancy
# to less than 6 months", "survival prognosis of > 5 years", "not expected to survive 48 hours").
# A survival free of something ("disease-free survival for at least 5 years") is how long that
# lasted, not a prognosis. The words are 'prognosis_words' of models/time_events.json.
@lru_cache(maxsize=1)
def _prognosis_before() -> re.Pattern:
    words = word_alternation(load("time_events")["prognosis_words"], space=r"[\s-]+")  # "life-expectancy"
    return re.compile(r"(?<![\w-])(?<!free\s)(?P<word>" + words + r")(?![\w-])"
                      r"(?:(?!free\b)(?:i\.e\.|e\.g\.|[^.;\d<>≤≥=])){0,45}$", re.IGNORECASE)


def prognosis_before(text: str, start: int) -> bool:
    """Whether the span of time at `start` is a survival the clause before it expects."""
    return _prognosis_before().search(text, lookback(text, start, 70), start) is not None


@lru_cache(maxsize=1)
def _prognosis_lead() -> re.Pattern:
    leads = word_alternation(load("time_events")["prognosis_subject_leads"])
    return re.compile(r"(?<![\w-])" + leads + r"\s+$", re.IGNORECASE)


def prognosis_subject(text: str, start: int) -> dict | None:
    """The prognosis word a span at `start` is a value of ("survival of 3 months": survival;
    "not expected to survive 48 hours": expected to survive), as the subject of that value; None
    where none stands before it (prognosis_before is false)."""
    m = _prognosis_before().search(text, lookback(text, start, 70), start)
    if m is None:
        return None
    ws, we = m.span("word")
    lead = _prognosis_lead().search(text, lookback(text, ws, 20), ws)
    if lead:
        ws = lead.start()
    return {"text": text[ws:we], "span": [ws, we]}


# A survival horizon: a singular or hyphenated span right before survival words ('horizon_words'
# of models/time_events.json: "making 180 day survival unlikely", "an anticipated 3-month
# survival") is how long the patient is expected to live, read as a life expectancy is. It is
# part of a name instead where the survival is a measure whose value is written elsewhere: a
# 'horizon_name_words' noun after it ("5-year survival rate of at least 50%"), a percentage in
# its clause ("2-year survival greater than 50%", "less than 50% 1-year survival"), or an
# outcome the study describes ('horizon_outcome_cues': "the primary endpoint is 1-year survival").
@lru_cache(maxsize=1)
def _horizon() -> tuple:
    data = load("time_events")
    words = word_alternation(data["horizon_words"], space=r"[\s-]+")
    names = word_alternation(data["horizon_name_words"], space=r"[\s-]+")
    cues = word_alternation(data["horizon_outcome_cues"], space=r"[\s-]+")
    denials = word_alternation(data["horizon_denials"])
    # ("2 years survival after diagnosis", "5 years survival without recurrence": counted from
    # an event or free of one, how long the patient has lived so, no horizon)
    after = re.compile(r"[^\S\n]*-?[^\S\n]*(?P<words>" + words + r")(?![\w-])"
                       r"(?:(?P<name>[\s-]+" + names + r"(?![\w-]))|(?!\s+" + denials + r"(?![\w-])))", re.IGNORECASE)
    outcome = re.compile(r"(?<![\w-])" + cues + r"(?![\w-])[^.;:]{0,80}$", re.IGNORECASE)
    # the screen: the first letters of each horizon word, looked for before any pattern is tried
    stems = frozenset(w.split()[0][:5] for w in data["horizon_words"])
    return stems, after, outcome


# (within its clause: "6-month survival unlikely, Karnofsky > 70%" keeps the horizon)
_SHARE_AFTER = re.compile(r"(?:[^.;,:\n]|\.(?=\d)){0,60}?(?:\d\s*%|\bper\s?cent\b)", re.IGNORECASE)
_SHARE_BEFORE = re.compile(r"(?:\d\s*%|\bper\s?cent)(?:\s+[a-z]+){0,3}\s+(?:an?\s+)?$", re.IGNORECASE)


def survival_horizon(text: str, start: int, end: int) -> dict | None:
    """For a span of time from `start` (its number) to `end` (its unit's end) written right before
    survival words: {"subject"} where it is a survival horizon, {"name": True} where it is part
    of the name of a measure written elsewhere; None where no survival words follow."""
    stems, after, outcome = _horizon()
    ahead = text[end:end + 12].lower()  # the words follow right after the unit, a space or a hyphen
    if not any(stem in ahead for stem in stems):
        return None
    m = after.match(text, end)
    if m is None:
        return None
    if m.group("name") or _SHARE_AFTER.match(text, m.end()) \
            or _SHARE_BEFORE.search(text, lookback(text, start, 40), start) \
            or outcome.search(text, lookback(text, start, 120), start):
        return {"name": True}
    ws, we = m.span("words")
    return {"subject": {"text": text[ws:we], "span": [ws, we]}}


@lru_cache(maxsize=1)
def _second_measure():
    words = sorted(load("time_events")["second_measures"], key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])"
                      r"[\s:(]*(?:(?:of|is|was)\b[\s:(]*)?$", re.IGNORECASE)


def measure_in_seconds(text: str, start: int) -> bool:
    """Whether a number in seconds or milliseconds at `start` is the value of a measure named
    right before it ("Q-waves of ≥0.03 sec", "salivary flow (>60 sec)"), not a duration."""
    return _second_measure().search(text, lookback(text, start, 40), start) is not None


# "An interval of at least 4 weeks between prior radiotherapy and enrollment", "more than 7 days
# between the onset of symptoms and randomization": the span bounds the time from the first event
# (the subject) to the second (the anchor).
# A bracketed aside may stand in the first event ("the onset of symptoms (fever, dysnea, and/or
# cough) and treatment administration day"), and digits glued to a name's letters in either
# ("the first dose of MLN8237"): no number of a span of its own.
def _event_text(ends: str) -> str:
    """An event's words, ended by one of the joining words `ends` (an alternation)."""
    return rf"(?:\([^()<>≤≥=\d]{{1,60}}\)|(?<=[A-Za-z])\d+|(?!\s(?:{ends})\s)[^;:.()<>≤≥=\d]){{3,60}}?"


_EVENT_TEXT = _event_text("and|or")
# the first event of "between X and Y" may be alternatives ("at least 4 weeks between prior
# radiotherapy or chemotherapy and enrollment"): "or" inside it, not "and", which ends it
_FIRST_EVENT_TEXT = _event_text("and")


@lru_cache(maxsize=1)
def _between_after() -> re.Pattern:
    """The "between X and Y" or "from X to Y" right after a span, which a noun for the span
    ('span_nouns' of models/time_events.json: "1 month interval between surgery and
    radiotherapy") and a verb of 'elapsed_words' ("2 weeks must have elapsed between the end of
    radiotherapy and study enrollment") may come before."""
    data = load("time_events")
    nouns = word_alternation(data["span_nouns"])
    elapsed = word_alternation([w for w in data["elapsed_words"] if " " not in w])
    # the verb may stand bare: "Less than 7 days passed from the onset of clinical symptoms to the
    # time of enrollment"
    return re.compile(rf"(?:\s+{nouns})?(?:\s+(?:(?:(?:must|should)\s+)?(?:have|has)\s+)?{elapsed})?"
                      rf"\s+(?:between\s+(?P<subject>{_FIRST_EVENT_TEXT})\s+and"
                      rf"|from\s+(?P<subject2>{_EVENT_TEXT})\s+(?:to|until|till))"
                      r"\s+(?P<event>(?:(?<=[A-Za-z])\d+|[^;:.()<>≤≥=\d,]){3,60}?)"
                      r"\s*(?=[;:.,()]|$|\s(?:is|are|must|should|was|were|or|and)\b)", re.IGNORECASE)


_TIME_OF = re.compile(r"^(?:the\s+)?(?:time|day|date)\s+of\s+")


def between_events(g, text: str, end: int) -> dict | None:
    """{"subject", "event", "end"} of a span followed by "between X and Y" or "from X to Y", or
    None. After "from", Y must be a known anchor ("to the chest" names no event) and neither may be
    a step of the study's own course."""
    m = _between_after().match(text, end)
    if not m:
        return None
    es, ee = m.span("event")
    written = text[es:ee]
    # "to the time of enrollment": the time of a known anchor is that anchor
    known = _event_name(g, written.lower()) or _event_name(g, _TIME_OF.sub("", written.lower()))
    name = known or _WS.sub(" ", _LEADING_ARTICLE.sub("", written.lower()))
    ss, se = m.span("subject") if m.group("subject") else m.span("subject2")
    if m.group("subject2"):
        course = _steps()[1]  # "from the first dose to the last dose": a period of the study itself
        if known is None or known in course or _event_name(g, text[ss:se].lower()) in course:
            return None
        if _event_name(g, text[ss:ee].lower()):
            return None  # "within 24 hours from admission to the ICU": one anchor, named whole
    return {"subject": {"text": text[ss:se], "span": [ss, se]},
            "event": {"text": written, "span": [es, ee], "name": name}, "end": m.end()}
