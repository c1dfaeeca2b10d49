"""A span of time written as a modifier of a noun naming a period that lasts that long: "a
2-week run-in period", "a 6-week course of radiotherapy", "a 12 week exercise program" are
durations of that period (CONTRACT "Time": direction and event null), the period phrase their
subject. Rule data and what it covers: models/periods.json."""
from __future__ import annotations

import re
from functools import lru_cache

from ...normalize.resources import load
from .. import accounting
from ..patterns import word_alternation
from .common import _LETTERS


# The rule of a span of time read only because a period noun follows it: a qualifier that no other
# reading takes ("28-day cycle"), a duration of that period or nothing.
PERIOD_ONLY = "unit.period_noun"
_CONTACT_UNITS = frozenset({"h", "min"})
_TOLERANCE_BEFORE = re.compile(r"(?:±|\+/-|\+-)\s*$")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset, re.Pattern, re.Pattern]:
    """The screen (the longest letter word of each period noun: one of them must be among the
    criterion's words), the pattern of a period phrase right after a time unit, and that of the
    nouns whose span in hours is the time they hold ('contact_time_nouns')."""
    data = load("periods")
    sep = r"[\s-]+"
    nouns = word_alternation(data["period_nouns"], space=sep)
    plain = word_alternation([n for n in data["period_nouns"] if n not in data["qualified_only"]], space=sep)
    points = word_alternation(data["point_nouns"], space=sep)
    stops = word_alternation(data["modifier_stops"])
    end = r"(?![\w-])"
    word = r"[A-Za-z0-9][\w/-]*"
    modifier = rf"(?!(?:{stops}|{points}|{nouns}){end}){word}\s+"
    mods = f"(?:{modifier}){{1,{data['max_modifiers']}}}"
    # the complement's words after its first: no function word, no participle ("course of
    # therapy resulting in ...", "course of BCG followed by ...")
    more = rf"\s+(?!(?:{stops}|[A-Za-z]+ing|[A-Za-z]+ed){end}){word}"
    pattern = re.compile(
        rf"\s*-?\s*(?P<phrase>(?:{mods}{nouns}|{plain}){end}(?:{sep}{nouns}{end})*)(?![\s-]+{points}{end})"
        rf"(?P<complement>\s+(?:of|with|after|following)\s+(?:(?:the|a|an)\s+)?(?!{stops}{end}){word}(?:{more}){{0,3}})?",
        re.IGNORECASE)
    contact = re.compile(rf"(?<![\w-]){word_alternation(data['contact_time_nouns'], space=sep)}{end}", re.IGNORECASE)
    keys = frozenset(max(_LETTERS.findall(n), key=len) for n in data["period_nouns"])
    return keys, pattern, contact


def _period_at(text: str, words: set[str], num_start: int, unit: tuple[int, int], ucum: str) -> re.Match | None:
    """The period phrase after the time unit written at `unit` (its number at `num_start`)."""
    keys, pattern, contact = _lexicon()
    if keys.isdisjoint(words):
        return None
    if unit[1] - unit[0] < 2 and text[unit[0] - 1:unit[0]].isdigit():
        return None  # "3D conformal radiation therapy": a letter glued to a number is a name
    if _TOLERANCE_BEFORE.search(text, max(0, num_start - 6), num_start):
        return None  # "the 24 h ± 4 h follow-up": the tolerance of a time point
    m = pattern.match(text, unit[1])
    if m is None or ucum == "h" and accounting.pattern("name.timed_test").match(text, num_start):
        return None  # ("24-hour urine", "24-hr recall": a timed test's name)
    if ucum in _CONTACT_UNITS and contact.search(m.group("phrase")):
        return None  # "the 6-hour DSME intervention": its sessions' time together, no period
    return m


def lasting_period(text: str, words: set[str], num_start: int, unit: tuple[int, int], ucum: str) -> dict | None:
    """The period phrase after the time unit written at `unit` (the subject of its duration,
    {"text", "span"}), or None where none follows."""
    m = _period_at(text, words, num_start, unit, ucum)
    if m is None:
        return None
    start, end = m.start("phrase"), m.end("complement") if m.group("complement") else m.end("phrase")
    return {"text": text[start:end], "span": [start, end]}
