"""Scale values ("ECOG 0, 1 or 2", "NYHA class III or IV", "grade 2") and the words that order a
scale ("grade 1 or better")."""
from __future__ import annotations

import re
from functools import lru_cache

from ...normalize.resources import load
from ..patterns import word_alternation
from .common import _NUMBER_WORDS, _WS, lookback
from .cues import _left_cue
from .units import _NOT_QUALIFIERS


def _scale_matches(g, text: str, low: str, present: set[str]) -> list:
    """What `g.roman_values.finditer(text)` gives, trying the pattern only where one of the
    `present` scale words starts: a match must start with one (its context phrase), and a
    scan that tries every position of the text costs more than all the other rules. Needs
    `low` to have `text`'s offsets, which holds for ASCII text; other text is scanned."""
    if not text.isascii():
        return list(g.roman_values.finditer(text))
    starts = set()
    for word in present:
        at = low.find(word)
        while at != -1:
            starts.add(at)
            at = low.find(word, at + 1)
    found, end = [], 0
    for at in sorted(starts):
        if at >= end:
            m = g.roman_values.match(text, at)
            if m:
                found.append(m)
                end = m.end()
    return found


_NAME_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z\-]*)\s*$")
# a scale's version after its name ("≤ CTCAE v3.0 grade 1", "=< CTCAE v 3.0 grade 1")
_VERSION_BEFORE = re.compile(r"(?<![\w.])(?:v|ver\.?|version)\s?\d{1,2}(?:\.\d{1,2})?\s*$", re.IGNORECASE)
_EXPANDED_NAME_BEFORE = re.compile(r"(?<![\w-])(?:[A-Z][A-Za-z\-]*\s+(?:(?:for|of|and)\s+)?){1,8}\($")


def _scale_name_cue(g, text: str, pos: int):
    """A comparator cue written before the scale's name rather than its value ("≥ NYHA
    functional classification class 2", "³CTCAE Grade 1"): up to three name words are stepped
    over, each with a version after it ("≤ CTCAE v3.0 grade 1"), never a number word or a joining
    word ("more than one prior grade 3 event"). A scale named by a bracketed abbreviation after
    its name in full ("greater than Common Terminology Criteria for Adverse Events (CTCAE) grade
    1") steps over that name: capitalised words, with 'for', 'of' or 'and' between them."""
    if text[max(0, pos - 1):pos] == "(":
        name = _EXPANDED_NAME_BEFORE.search(text, lookback(text, pos, 100), pos)
        if name:
            return _left_cue(g, text, name.start())
    for _ in range(3):
        v = _VERSION_BEFORE.search(text, lookback(text, pos, 16), pos)
        if v:
            pos = v.start()  # the version goes with the name before it: no cue of its own
        m = _NAME_WORD_BEFORE.search(text, lookback(text, pos, 30), pos)
        if not m:
            return None
        word = m.group(1).lower()
        if word in _NUMBER_WORDS or word in _NOT_QUALIFIERS:
            return None
        pos = m.start()
        cue = _left_cue(g, text, pos)
        if cue:
            return cue
    return None


@lru_cache(maxsize=1)
def _ordinal_scales():
    """models/comparators.json 'ordinal_scales': the scale words, the names of scales where a
    higher value is better, and the better/worse cues as (regex after the value, regex before the
    scale word, {cue: (comparator, rule id)})."""
    data = load("comparators")["ordinal_scales"]

    after = word_alternation([c["pattern"] for c in data["cues"] if c["position"] == "after"])
    before = word_alternation([c["pattern"] for c in data["cues"] if c["position"] == "before"])
    post = re.compile(rf"\s*,?\s*(?P<cue>{after})(?![\w-])", re.IGNORECASE)
    # searched in the few characters before the scale word: the leftmost (longest) cue wins
    pre = re.compile(rf"(?<![\w-])(?P<cue>{before})\s+(?:(?:a|an|the|ctcae|nci|common)\s+)?$", re.IGNORECASE)
    higher = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, data["higher_is_better"])) + r")(?![\w-])[^.;:]{0,30}$",
                        re.IGNORECASE)
    info = {c["pattern"].lower(): (c["comparator"], c["id"]) for c in data["cues"]}
    return frozenset(c.lower() for c in data["contexts"]), higher, post, pre, info


def _ordinal_cue(text: str, m: re.Match, last: int):
    """A better/worse cue around a scale's single value ("grade 1 or better", "no worse than grade
    2"), as (position, offset the span extends to, comparator, rule id), or None where the scale
    is not one where a lower value is better."""
    contexts, higher, post, pre, info = _ordinal_scales()
    if m.group("ctx").lower() not in contexts or higher.search(text, max(0, m.start() - 40), m.start()):
        return None
    after = post.match(text, last)
    if after:
        key = _WS.sub(" ", after.group("cue").lower())
        return ("after", after.end()) + info[key]
    before = pre.search(text, max(0, m.start() - 30), m.start())
    if before:
        key = _WS.sub(" ", before.group("cue").lower())
        return ("before", before.start("cue")) + info[key]
    return None


# a sign written before a scale's value, as a contract comparator
_SCALE_SIGNS = {"≥": ">=", "≤": "<=", ">/=": ">=", "</=": "<="}
_BOUND_NOTE = re.compile(r"\s*\(\s*(?:inclusive|included|including|exclusive|excluded|excluding)\s*\)\s*", re.IGNORECASE)
# An age's own words between the bounds of an age range ("18 years of age to 65 years", "18 years
# old to 65 years old", "between 28 weeks of gestation and 32 weeks of gestation", "between 2
# months of life and 12 months of life"): the range is joined across them.
_AGE_GAP_WORDS = re.compile(r"^\s*(?:of\s+age|old|-old|of\s+age\s+old|of\s+life|(?:of\s+)?gestation(?:al\s+age)?"
                            r"|gestational\s+age|of\s+amenorrh(?:o)?ea)(?![\w-])", re.IGNORECASE)
_ADJACENT_BOUNDS = re.compile(r"\s*(?:of\s+age\s*)?", re.IGNORECASE)
_BOUNDS_GAP = re.compile(r"[^;.\d<>≤≥=]{0,40}?\band\s+$", re.IGNORECASE)
