"""Find thresholds and time windows in one criterion's text (no spaCy here: plain text in,
plain dicts out, offsets relative to the text).

A number becomes a constraint only when something marks it as a threshold or a quantity: a
comparator cue, a unit, a reference (ULN...), a scale word before it ("ECOG 0", "class III"),
a range or a time window. Bare numbers (list numbering, dates, versions, "type 2", "CD38")
never do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..normalize.durations import iso_duration
from ..normalize.resources import load
from ..normalize.numbers import STANDALONE_WORDS, parse_number
from ..normalize.units import form_regex, resolve
from . import accounting, acuity
from .patterns import SCIENTIFIC, Folded, case_free, folded_regex, grammar, word_alternation
from .windows import (AND_A_HALF, BOUNDS, DAYS_IN, IMPLICIT_WORDS, between_events, bounded_lasting_windows, duration_subject, history_since, implicit_windows, in_span_direction,
                      interval_window, measure_in_seconds,
                      prognosis_before, relation_event, share_anchor, share_anchor_ahead, share_anchor_back, share_anchor_bounds, share_bounds, study_period, subject_before, time_fields,
                      washout_window)

LEFT_WINDOW = 60          # characters looked at before a number for comparator/window cues
_ALPHA_AFTER = re.compile(r"[A-Za-z]")
_HYPHEN_WORD = re.compile(r"[\-‐]\s?[A-Za-z]")
_FOLD_AFTER = re.compile(r"[\-‐]\s?folds?(?![\w-])", re.IGNORECASE)
_HALF_LIVES_AFTER = re.compile(r"[\-‐]\s?half(?:\s+|-)?li(?:fe|ves)(?![\w])", re.IGNORECASE)
# Words that number a schedule or a name before a range ("days 1-5", "CD4"); a word glued to a
# sign before the number is one too ("5-HT3"), but not a label glued to its colon ("Age:18-55
# years", "Hb:10-12 g/dL", "SpO2:85-89%"): a colon after a word names what the number measures.
# Digits before a glued colon are a ratio or a time ("1:160").
_SCHEDULE_WORDS = folded_regex(
    r"(?:\b(?:day|days|cycle|cycles|week|weeks|visit|version|v|page|table|figure|phase|step|"
    r"part|parts|cohort|cohorts|arm|arms|phases|level|dose level|section|criteria|criterion|item|appendix|gene|chromosome|"
    r"exon|codon|trisomy|monosomy|del|t|type|covid|sars-cov|hpv|hla|ca|cd|il|recist|ctcae|"
    r"iso|icd|dsm|stage|grade|class)\s*[\-:#(]?\s*|(?<!\bag)[\w)\]]\s?[\-/.]|(?<![a-z])\d\s?:)$")
# A singular or hyphenated time unit qualifies the noun after it ("24 hour urine", "28-day
# cycle"), except nouns that make it a span of time: "a 2-year history", "a 2 week period",
# "18-35-year-old".
# "from 30-days prior to randomization", "for 1-year following completion": a relation to an
# event after the hyphenated span makes it a window, not a qualifier
_RELATION_NEXT = re.compile(r" (?=[a-z])")


def _relation_next(g, text: str, pos: int) -> bool:
    """A relation word written right after `pos` ("30-days prior to"), not as a prefix glued to a
    word ("2-hour post-load glucose") and not "of", "from" or "post", which follow qualifiers too
    ("2-hour post glucose load")."""
    if not _RELATION_NEXT.match(text, pos):
        return False
    m = g.relation.match(text, pos + 1)
    return bool(m) and text[m.end():m.end() + 1] != "-" and m.group("rel").lower() not in ("of", "from", "post")
# "aged between 18- and 65-years": the unit of the first bound is suspended (written once, on the
# second); after "between" or an age word the hyphenated second bound closes a range
# "to"/"through" make a range with no cue before it ("18- to 65-year-old"); "and" only after one
_SUSPENDED_RANGE = re.compile(r"(?<![\w-])(?:(?:between|aged?|ages)\s+\d+(?:\.\d+)?\s*-\s+(?:and|to|through)"
                              r"|(?<![\d.,])\d+(?:\.\d+)?\s*-\s+(?:to|through))\s+$", re.IGNORECASE)
_SUSPENDED_FIRST = re.compile(r"\s*-\s+(?:and|to|through)\s+", re.IGNORECASE)
_SUSPENDED_GAP = re.compile(r"\s*-\s+(?=(?:and|to|through)\s)", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s*(?:[,;.()]|$)")
# (a washout too: "a 1-week washout is permitted", "a 2 week washout": a window, see windows.washout_window)
_SPAN_NOUN = folded_regex(r"\s*(?:-\s*old\b|old\b|history\b|period\b|duration\b|wash-?out\b)")
# A schedule word that names no counted unit: "cycle 21-35 days", "visit 4-7 days" are ranges
# of days, where "days 1-5" or "week 2-4" number the schedule itself.
_SCHEDULE_NOUN = folded_regex(r"\b(?:cycle|visit)\s*$")
_NOT_VALUE_BEFORE = folded_regex(r"(?:\b(?:version|v|recist|ctcae|covid|type|icd|dsm)\s*-?\s*)$")
_DATE_LIKE = re.compile(r"^\d{1,2}([/.\-])\d{1,2}\1\d{2,4}(?![\d.])|^(?:19|20)\d{2}(?![\d.,])")
_MONTHS = folded_regex(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$")
_BETWEEN = folded_regex(r"\b(?:between|from|ranging from|range of|range)(?:\s+(?:the\s+)?ages?(?:\s+of)?)?\s*$")
_OR = re.compile(r"^\s*(?:,\s*)?(?:or|and/or)\s+$", re.IGNORECASE)
# the alternative in half-lives may be bracketed whole: "within 8 weeks (or 5 half-lives of the
# drug, whichever is longer)"
_HALF_LIVES_OR = re.compile(r"^\s*(?:,\s*)?\(?\s*(?:or|and/or)\s+$", re.IGNORECASE)
# "of age" closes an earlier age ("> 60 years of age and at least 1 year of amenorrhea")
_AGE_BEFORE = folded_regex(r"\b(?:(?<!of )age[ds]?|adults?|patients?|subjects?|participants?|men|women|"
                          r"males?|females?|persons?|people|individuals?|children|volunteers?)\b[^.;\d]{0,25}$")
# "2 months (≥ 42 days and ≤ 89 days) of age": a restatement in parentheses before "of age";
# "29 weeks gestational age", "> 28 weeks of gestation", "31 weeks and 6 days gestation": a
# gestational age
_AGE_AFTER = folded_regex(r"^\s*(?:(?:\([^()]{0,40}\)|\))\s*of\s+age\b|(?:of\s+)?gestation\b|e?ga\b(?![-\d])|of\s+age|of\s+life(?!\s+(?:expectancy|quality|lost))|old|of\s+older|or\s+older|and\s+older|and\s+above|"
                         r"or\s+younger|and\s+younger|at\s+the\s+time|-old|"
                         r"(?:postnatal\s+|chronological\s+|corrected\s+|gestational\s+)?age\b(?![\-])(?!\s*(?:[:<>≤≥=]|of|is|over|under|between|from)?\s*\d))")


_DIGIT_RUN = re.compile(r"[\d½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]+")
_ASCII_DIGIT = re.compile(r"[0-9]")  # _DIGIT_RUN's start in ASCII text, without Unicode \d lookups
_LETTERS = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset(w for phrase in STANDALONE_WORDS for w in phrase.split())
# The longest word of each number phrase: a phrase can only match where its longest word is one
# of the text's words ("a", "of" alone, in almost every criterion, say nothing).
_NUMBER_KEYS = frozenset(max(phrase.split(), key=len) for phrase in STANDALONE_WORDS)
# Letters that match an ASCII letter case-insensitively but do not lower-case to it: with one
# of them the text's lower-cased words cannot rule a number word out.
_CASE_ODD = re.compile("[\u0130\u0131\u017f]")
_SPACES = re.compile(r"\s*")
# before a unit: spaces, and the line-break markup an ICTRP export leaves in a cell ("within the
# last 14 <br/ >\ndays")
_UNIT_GAP = re.compile(r"\s*(?:<br\s*/?\s*>\s*)?", re.IGNORECASE)
_REFERENCE_HINTS = ("uln", "lln", "unl", "normal", "baseline", "ulrr", "llrr")
_HINT = re.compile("|".join(_REFERENCE_HINTS))  # one scan instead of one `in` per hint
_WS = re.compile(r"\s+")
_SAMPLE_SIZE = re.compile(r"(?<![A-Za-z])[nN]\s*$")
_DIGIT_AHEAD = re.compile(r"\s*\d")
_THAN_AHEAD = folded_regex(r"\s*than\b")
_CLOCK_AFTER = re.compile(r"(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z/])", re.IGNORECASE)  # not "0.3 pm/ml"
_EVERY_BEFORE = re.compile(r"(?<![\w-])(?:every|per)\s+$", re.IGNORECASE)
_AGE_WORD = folded_regex(r"\bage[sd]?\b")  # "Aged at least 3 years": the cue's own word
_OLDER_YOUNGER = re.compile(r"or\s+(?:older|younger)|and\s+(?:older|younger)")
_OLDER_YOUNGER_THAN = re.compile(r"(?:older|younger)\s+than\b", re.IGNORECASE)
_SCALE_VALUE = re.compile(r"XII|XI|IX|X|VIII|VII|VI|V|IV|III|II|I|[\u2160-\u217f]|\d+(?:\.\d+)?")
_SCALE_RANGE_SEP = re.compile(r"\s*(?:-|–|－|~|～|to|through)\s*")
# time units a unit read after a post cue may start with ("days per week")
_SINGULAR_TIME_UCUM = frozenset({"min", "h", "d", "wk", "mo", "a"})
_SINGULAR_TIME = {"hour", "hr", "day", "week", "month", "year", "minute", "wk", "yr", "h", "d", "mo"}


@dataclass(slots=True)
class Atom:
    """One number and what directly surrounds it."""
    start: int                  # start of the whole atom (cue included)
    end: int                    # end of the whole atom (unit/reference/post cue included)
    num_start: int
    num_end: int
    value: float
    rules: list[str] = field(default_factory=list)
    comparator: str | None = None
    unit: dict | None = None
    time_unit: str | None = None
    reference: str | None = None
    window: dict | None = None   # the window cue ("within", "in the past") when one precedes
    pre_end: int | None = None   # where a preceding cue ended (or None)
    roman: bool = False
    pair: dict | None = None     # the second number of a pair ("150/90 mmHg"): start, end, value
    age: bool = False            # written as an age whatever the context ("20age old", "60(Year)")
    among: int | None = None     # N of M: "at least 4 of 6", "5 out of 6 HLA", "HLA 5/6 matched"
    weeks_days: tuple | None = None   # (weeks, days, obstetric) as written: "36+6 weeks", "23 0/7"
    warnings: list = field(default_factory=list)   # suspect text: {"text", "span", "message", "rule"}


# Cues that are also superscript digits: a '≥' from a symbol font reads '³' in Latin-1.
_EXPONENT_CUES = frozenset("³")


# A sign restating the words before it: "greater than or equal to (>=) 50", "less than (<) 30".
_RESTATED_SIGN = re.compile(r"\(\s?(?P<sign>>=|<=|>|<|≥|≤|=)\s?\)\s*$")


def _left_cue(g, text: str, pos: int):
    """Comparator cue ending at `pos` (whitespace allowed), as (start, comparator, rule id)."""
    j = pos - 1
    while j > 0 and text[j] == " ":
        j -= 1
    if j > 0 and text[j] == ")":
        sign = _RESTATED_SIGN.search(text, max(0, pos - 10), pos)
        if sign:
            words = _cue_at(g, text, sign.start())
            if words:
                return words
            key = sign.group("sign")
            return sign.start(), g.pre_comparator[key], g.pre_ids[key]
    cue = _cue_at(g, text, pos)
    if cue and cue[2] == "cmp.sym.eq" and cue[0] > 0:
        # "greater than or equal to =1": the words, then their sign damaged by an export into a
        # '='; the words say the comparator
        words = _cue_at(g, text, cue[0])
        if words and words[1] != "=":
            return words
    return cue


def _cue_at(g, text: str, pos: int):
    left = text[max(0, pos - LEFT_WINDOW):pos][::-1]
    if not left or left.isspace():
        return None  # a cue holds other characters (a third of the numbers open their text)
    m = g.pre_cue.match(left)
    if not m:
        return None
    key = _WS.sub(" ", m.group("cue")[::-1].strip().lower())
    if key not in g.pre_comparator:
        return None
    start = pos - m.end()
    not_after = g.pre_not_after.get(key)
    if not_after is not None and not_after.search(text, max(0, start - 12), start):
        return None  # "9 or more of the above 17 items": the items listed above, no bound
    if key == "=" and _SAMPLE_SIZE.search(text[max(0, start - 3):start]):
        return None  # "(n=20)" is a sample size, not a threshold
    if key in _EXPONENT_CUES and start and (text[start - 1].isalnum() or text[start - 1] in ")]"):
        return None  # "mm³ 500": an exponent of the unit before, not a damaged '≥'
    return start, g.pre_comparator[key], g.pre_ids[key]


# "within 5 half-lives or 4 weeks": the window cue before the first quantity bounds the second;
# the first number may be a word ("within five half-lives or 30 days before ..."), or joined to
# its unit by a hyphen, the unit broken over a line ("within 5-half\n lives or 30 days").
_WINDOW_OR = folded_regex(r"(?P<cue>\bwithin)\s+(?:[\d.,]+|one|two|three|four|five|six|seven|eight|nine|ten)"
                          r"\s*[\-‐]?\s*[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?\s+or\s+$")


def _left_window(g, text: str, pos: int):
    left = text[max(0, pos - LEFT_WINDOW):pos][::-1]
    if not left or left.isspace():
        return None  # a window cue holds other characters
    m = g.window.match(left)
    if not m:
        left = text[max(0, pos - LEFT_WINDOW):pos]
        # (a hard-wrapped line may break right after the "or")
        m = _WINDOW_OR.search(left) if "or" in left and "ithin" in left else None
        if m:
            return pos, g.window_info["within"]  # the span stays on the second quantity
        return None
    info = g.window_info.get(_WS.sub(" ", m.group("cue")[::-1].lower()))
    if info is None:
        return None
    return pos - m.end(), info


def _unit_at(g, text: str, pos: int):
    """Unit right after a number (whitespace allowed) as (end, unit dict, time ucum or None)."""
    at = _UNIT_GAP.match(text, pos).end()
    tm = g.time_unit.match(text, at) if g.time_unit_start is None or g.time_unit_start.match(text, at) else None
    uend = g.unit.end(text, at) if g.unit_start is None or g.unit_start.match(text, at) else None
    if uend is not None and (not tm or uend > tm.end()):
        written = text[at:uend]
        ucum = resolve(written)
        if ucum:
            return uend, {"text": written, "span": [at, uend], "ucum": ucum}, None
    if tm and tm.end() - at == 1 and _NAME_HYPHEN.match(text, tm.end()):
        return None  # "SOFA = 0 D-dimer =500": a letter of the name that follows, not days
    if tm:
        written = text[at:tm.end()]
        ucum = _time_ucum(g, written)
        return tm.end(), {"text": written, "span": [at, tm.end()], "ucum": ucum}, ucum
    return None


_NAME_HYPHEN = re.compile(r"-[A-Za-z]{2,}")
_WORD_CHAR = re.compile(r"\w")
# A range written in parentheses before its unit, as registries' forms do: "(16-24) weeks",
# "(18-65) years". Both bounds take the unit after the bracket; the low bound's atom opens at it.
_PAREN_RANGE = re.compile(r"\(\s?(\d+(?:\.\d+)?)\s?(?:-|–|to)\s?(\d+(?:\.\d+)?)\s?\)")


def _paren_range(g, text: str, s: int, e: int):
    """(atom start, unit) for a bound of a parenthesised range followed by a unit, else None."""
    m = _PAREN_RANGE.match(text, s - 1) if text[s - 1:s] == "(" else None
    if m is None or m.end(1) != e:
        m = _PAREN_RANGE.search(text, max(0, s - 16), e + 3)
        if m is None or m.span(2) != (s, e):
            return None
    unit = _unit_at(g, text, m.end())
    if unit is None or m.end() == unit[1]["span"][0]:
        return None  # a unit glued to the bracket is no unit of the range ("(1-2)mm" aside)
    return (m.start(), None) if m.start(1) == s else (s, unit)
# Weeks and days of a pregnancy: "24 + 0 weeks", "24+6 wks", "23 0/7 weeks", "23 weeks 6 days",
# "13 weeks and 6 days".
_PLUS_DAYS = re.compile(r"\s?\+\s?([0-6])\s?(?P<wk>weeks?|wks?)(?![\w])", re.IGNORECASE)
_SEVENTHS = re.compile(r"\s([0-6])/7(?:\s?(?P<wk>weeks?|wks?)(?![\w])|(?=\s?(?:-|–|to)\s?\d))", re.IGNORECASE)
# A low bound's days after '+', its unit written once after the high bound: "11+0 to 13+6 weeks",
# "24+3 and 32 weeks"
_PLUS_DAYS_BOUND = re.compile(r"\s?\+\s?([0-6])(?=\s?(?:-|–|to|and)\s?\d{1,2}(?:\s?\+\s?[0-6]\s?|\s[0-6]/7\s?|\s?)(?:weeks?|wks?)(?![\w]))",
                              re.IGNORECASE)
_WEEKS_DAYS = re.compile(r"\s(?P<wk>weeks?|wks?)(?:\s?\+|,?\s+and|\s)\s?([0-6])\s?(?:days?|d)(?![\w])", re.IGNORECASE)


def _weeks_and_days(text: str, e: int, value):
    """(unit as _unit_at gives it, value, end, (weeks, days, obstetric)) of a pregnancy's age written in
    weeks and days ("24 + 0 weeks", "36+6 wks", "16 0/7 weeks", "23 weeks 6 days"), or None.

    Whole weeks stay weeks (16 wk). With days, the value is the days in all (36+6 weeks: 258 d,
    as "the unit's text stays the written unit, its code what the value counts" for doses per
    period): a week's fraction has no exact decimal (36 6/7 weeks is 36.857142...), and a bound
    rounded to one moves a patient born on that very day to the other side of it. A bound with
    no unit of its own ("23 6/7 - 27 6/7 weeks": the unit is written once, after the range) is
    left in weeks, its days kept for the range to count both bounds alike. `obstetric`: written
    in the obstetric notation ("36+6", "36 6/7"), which is a gestational age wherever it stands
    ("23 weeks 6 days" may be how long something lasted)."""
    if not isinstance(value, int):
        return None
    m = _PLUS_DAYS.match(text, e) or _SEVENTHS.match(text, e) or _WEEKS_DAYS.match(text, e) \
        or _PLUS_DAYS_BOUND.match(text, e)
    if not m:
        return None
    days = int(m.group(1) if m.re is not _WEEKS_DAYS else m.group(2))
    parts = (value, days, m.re is not _WEEKS_DAYS)
    if m.groupdict().get("wk") is None:
        return None, value, m.end(), parts
    us = m.start("wk") if m.re is _WEEKS_DAYS else _SPACES.match(text, e).end()
    unit = {"text": text[us:m.end()], "span": [us, m.end()], "ucum": "d" if days else "wk"}
    return (m.end(), unit, unit["ucum"]), value * 7 + days if days else value, m.end(), parts


# An age written in the obstetric notation ("36+6 weeks"), or followed by "gestation" or "(E)GA",
# is a pregnancy's (its `_age` says so to subjects.py)
_GESTATIONAL = "gestational"
# (not "Ga-68", "68Ga": gallium)
_GESTATION_AFTER = re.compile(r"\s*(?:of\s+)?(?:gestation\b|e?ga\b(?![-\d]))", re.IGNORECASE)


def _age_kind(text: str, end: int, *atoms: Atom):
    """`_age` of an age constraint ending at `end`: _GESTATIONAL for a pregnancy's, else True."""
    if any(x.weeks_days and x.weeks_days[2] for x in atoms) or _GESTATION_AFTER.match(text, end) \
            or _AMENORRHEA_AFTER.match(text, end) and any(x.time_unit in ("wk", "d") for x in atoms):
        return _GESTATIONAL
    return True


# "weeks of amenorrhea" (the French "semaines d'aménorrhée") count a pregnancy from the last
# period: a gestational age where the criterion speaks of a pregnancy or a birth and the weeks
# are a pregnancy's (at most 45); "at least 52 weeks of amenorrhea" defining menopause, or
# amenorrhea as a condition of its own, stays how long it lasted
_AMENORRHEA_AFTER = re.compile(r"\s*(?:of\s+)?amenorrh(?:o)?ea(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _pregnancy_words() -> re.Pattern:
    """A word of 'pregnancy_words' (models/time_events.json)."""
    return re.compile(r"(?<![\w-])" + word_alternation(load("time_events")["pregnancy_words"]) + r"(?![\w-])",
                      re.IGNORECASE)


def _weeks_of_amenorrhea(text: str, atom: Atom, after: str) -> bool:
    return atom.time_unit in ("wk", "d") and atom.value <= (45 if atom.time_unit == "wk" else 315) \
        and _AMENORRHEA_AFTER.match(after) is not None and _pregnancy_words().search(text) is not None


def _in_days(a: Atom, b: Atom) -> None:
    """Both bounds of a range in days where either is a pregnancy's weeks with days ("24+0 to
    36+6 weeks": 168 to 258 d); a bound in whole weeks is counted in days too."""
    for atom in (a, b):
        if atom.time_unit == "d" or atom.weeks_days is None and not (atom.unit is None or atom.time_unit == "wk"):
            continue  # (a bound in another unit is no part of it: "Hb 10 g/dL")
        weeks, days = atom.weeks_days[:2] if atom.weeks_days else (atom.value, 0)
        atom.value = weeks * 7 + days
        if atom.unit is not None:
            atom.unit = dict(atom.unit, ucum="d")
            atom.time_unit = "d"


# A frequency adverb's period: "at least twice a week", "less than once a month", "twice weekly
# or greater" bound how often (UCUM /wk, /mo); digits take theirs from the units' forms ("3 times
# a week"). Without a bound before or after, "twice daily" names a regimen and stays a schedule
# (models/numbers.json 'schedule.frequency_word').
# A grade or stage word right before a number: the noun after it is graded, not counted.
_SCALE_WORD_BEFORE = re.compile(r"(?<![\w-])(?:grade|stage|class|phase|category|tier)\s*$", re.IGNORECASE)
_FREQUENCY_WORDS = frozenset({"once", "twice", "thrice"})
_FREQUENCY_PERIOD = re.compile(r"\s+(?:(?:a|an|per|each|every)\s+(?:day|week|month|year)|daily|weekly|monthly|"
                               r"yearly|annually)(?![\w-])", re.IGNORECASE)
_FREQUENCY_UCUM = {"day": "/d", "daily": "/d", "week": "/wk", "weekly": "/wk", "month": "/mo",
                   "monthly": "/mo", "year": "/a", "yearly": "/a", "annually": "/a"}


def _frequency_period(g, text: str, s: int, e: int):
    """(end, unit, None) of the period after a frequency word bound by a comparator, or None."""
    m = _FREQUENCY_PERIOD.match(text, e)
    if not m or not (_left_cue(g, text, s) or _post_cue(g, text, m.end())):
        return None
    us = _SPACES.match(text, e).end()
    ucum = _FREQUENCY_UCUM[m.group().split()[-1].lower()]
    return m.end(), {"text": text[us:m.end()], "span": [us, m.end()], "ucum": ucum}, None


@lru_cache(maxsize=1)
def _glued_letters() -> dict:
    """letter -> (ucum, min, max): units written as one letter glued to the value
    (models/units.json 'glued_letter')."""
    return {u["glued_letter"]["letter"]: (u["ucum"], u["glued_letter"]["min"], u["glued_letter"]["max"])
            for u in load("units")["units"] if "glued_letter" in u}


def _glued_unit(text: str, pos: int, value):
    rule = _glued_letters().get(text[pos])
    if rule is None or not rule[1] <= value <= rule[2]:
        return None
    return pos + 1, {"text": text[pos], "span": [pos, pos + 1], "ucum": rule[0]}, None


_MATCH_NEAR = re.compile(r"(?<![\w-])(?:HLA|match|matched|matches|matching|mismatched|antigens?|alleles?)(?![\w])",
                         re.IGNORECASE)
@lru_cache(maxsize=1)
def _repeat_hint() -> Folded:
    """Any repeat noun (folded: these windows are searched after most counts)."""
    return case_free(lambda nouns: r"(?<![\w-])(?:" + "|".join(map(re.escape, nouns)) + r")(?![\w-])",
                     load("units").get("repeat_nouns", []))


@lru_cache(maxsize=1)
def _repeat_keys() -> frozenset | None:
    """The repeat nouns lower-cased, or None unless each is a run of letters: a match of
    _repeat_hint in lower-cased ASCII text is then a whole letter run of the text."""
    nouns = [n.lower() for n in load("units").get("repeat_nouns", [])]
    return frozenset(nouns) if all(re.fullmatch(r"[a-z]+", n) for n in nouns) else None


def _repeat_near(text: str, e: int, words: set[str]):
    """_repeat_hint().search(text, e, e + 60), skipped when the criterion's letter words
    (letter_words of the lower-cased text) hold no repeat noun (ASCII text)."""
    keys = _repeat_keys()
    if keys is not None and text.isascii() and keys.isdisjoint(words):
        return None
    return _repeat_hint().search(text, e, e + 60)


@lru_cache(maxsize=1)
def _repeat_pattern() -> re.Pattern:
    nouns = load("units").get("repeat_nouns", [])
    return re.compile(r"(?:\s+(?!(?:of|the|a|an|or|and|to|in|with|for|than|per|from|at|on|by)\b)[A-Za-z0-9][\w\-]*){0,3}?\s+"
                      r"(?:" + "|".join(map(re.escape, nouns)) + r")(?![\w-])", re.IGNORECASE)


def _repeat_count(text: str, e: int):
    """The match of a repeat noun within three words after a count ("2 consecutive
    measurements"), or None. The constraint's span stays on the number: the noun is no unit."""
    return _repeat_pattern().match(text, e)


_SLASH_AMONG = re.compile(r"/(\d{1,2})(?![\d.,/])")
_COUNT_AMONG = re.compile(r"\s(?:out\s+)?of\s+(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twelve)(?![\w.,/%])",
                          re.IGNORECASE)
_NOT_AMONG_BEFORE = re.compile(r"\b(?:page|pages|step|part|visit|item|question|dose|cycle)\s*$", re.IGNORECASE)
_COUNT_OR = re.compile(r"\s*(?:,\s*)?or\s+", re.IGNORECASE)
# "a single lesion", "double-blind": number words that describe rather than count
_ADJECTIVE_NUMBERS = frozenset({"single", "double", "triple", "once", "twice"})
_RESTATED = re.compile(r"\s?\(\s?(\d{1,3})\s?\)")
# Up to three words between a count and the counted thing ("one unidimensionally measurable
# lesion", "4 different drug regimens"); a word of these ends the search ("one of two lesions").
_QUALIFIER = re.compile(r"\s+([A-Za-z][A-Za-z\-]*)")
_TITLE_WORD = re.compile(r"[A-Z][a-z]+")
_NOT_QUALIFIERS = frozenset(
    "of the a an or and to in with for per than from at on by who that which is are was were be "
    "as if no not nor more less fewer greater higher lower within after before since during".split())


def _count_firsts() -> set[str]:
    """The first word of every form of a count unit (models/units.json), lower-cased; a form may
    open with the hyphen that joins it to its number ("- half lives" of "5-half lives": "half")."""
    return {f.lstrip("- ").split()[0].lower() for u in load("units")["units"]
            if u["ucum"].startswith("{") and "/" not in u["ucum"] for f in u["forms"]}


def _form_subset(key: str, within: str, lower: bool) -> frozenset:
    """The forms every unit of models/units.json lists under `key`, each checked to be among its
    `within` forms (a form read in a narrower place must be a form of its unit); lower-cased
    when `lower`."""
    out = set()
    for u in load("units")["units"]:
        listed = u.get(key, ())
        extra = set(listed) - set(u.get(within, ()))
        if extra:
            raise ValueError(f"models/units.json: {u['ucum']}: {key} not among its {within}: {sorted(extra)}")
        out |= {f.lower() for f in listed} if lower else set(listed)
    return frozenset(out)


@lru_cache(maxsize=1)
def _bound_only_forms() -> frozenset:
    """Units' 'bound_only_forms' (each also an exact form): read as the unit only where a
    comparator bounds the number ("WBC >15K", "(<100K)"); elsewhere the letter is a name's ("5K
    run", "chromosome 12 K") and the number is skipped, as before it was a unit."""
    return _form_subset("bound_only_forms", "exact_forms", lower=False)


@lru_cache(maxsize=1)
def _one_only_forms() -> frozenset:
    """Count units' 'one_only_forms' (each also a form), lower-cased: a singular noun that counts
    only after the number one ("one dose of cytarabine"); after another number it qualifies what
    follows ("2 dose reductions") and is no unit."""
    return _form_subset("one_only_forms", "forms", lower=True)


@lru_cache(maxsize=1)
def _adjacent_counts() -> frozenset:
    """Count units' 'adjacent_forms' (each also a form), lower-cased: names of the counted thing
    only right after the number ("one or two level fusion", "more than one level"), never across
    other words or written before a bracket ("HIV blood levels", "EGF level (> 200 pg/ml)")."""
    return _form_subset("adjacent_forms", "forms", lower=True)


@lru_cache(maxsize=1)
def _count_hint() -> Folded:
    """The first word of every count unit's forms (models/units.json: annotation units such
    as `{lesions}`), as one pattern: a quick test before the word-by-word search (folded: the
    case-free search after every bare count cost more than the search it saves)."""
    firsts = _count_firsts()
    return case_free(lambda words: r"(?<![\w])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])",
                     sorted(firsts, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _count_keys() -> frozenset | None:
    """The leading letter run of every word _count_hint looks for ("half" of "half-life"), or
    None unless each starts with a-z: a match of _count_hint in lower-cased ASCII text is then
    one of these runs standing as a whole letter run of the text (no word character before it,
    a non-letter or nothing after it), so a text whose letter words hold none has no match."""
    firsts = _count_firsts()
    runs = [re.match(r"[a-z]+", w) for w in firsts]
    if not all(runs):
        return None
    return frozenset(m.group() for m in runs)


def _counted_noun(g, text: str, pos: int, words: set[str] | None = None):
    """The counted thing after a bare count, as (end, unit dict), when it is one of the count
    units of models/units.json (annotation units such as `{lesions}`) within three words.
    `words`: the letter words of the lower-cased text (letter_words), when known."""
    keys = _count_keys()
    if words is not None and keys is not None and text.isascii() and keys.isdisjoint(words):
        return None  # no count unit's first word anywhere in the criterion
    if not _count_hint().search(text, pos, pos + 80):
        return None  # no counted thing's name nearby: most numbers
    at = pos
    for _ in range(4):
        unit = _unit_at(g, text, at)
        if unit and unit[2] is None and unit[1]["ucum"].startswith("{") and "/" not in unit[1]["ucum"]:
            if at != pos and unit[1]["text"].lower() in _adjacent_counts():
                return None  # "2 consecutive HIV blood levels", "2500 m above sea level": no count of levels
            return unit[0], unit[1]
        m = _QUALIFIER.match(text, at)
        if not m or m.group(1).lower() in _NOT_QUALIFIERS or _TITLE_WORD.fullmatch(m.group(1)):
            return None  # a capitalised word opens the next item of a flattened list ("age of 40 Any ...")
        at = m.end()
    return None


# A rate written after its quantity, across at most three words: "2 mg daily", "60g of pure
# alcohol per day", "30 min moderate exercise per week", "1,000 mL/day", "75 mg/L per hour"
# (UCUM: mg/d, min/wk, mg/L/h); an "or equivalent" may stand before the period ("> 20 mg
# prednisone or equivalent daily", "10 cigarettes or equivalent per day").
_PER_PERIOD = re.compile(
    r"(?P<words>(?:\s+(?:of\s+)?[A-Za-z][A-Za-z\-]*){0,3}?)"
    r"(?:\s*,?\s*\(?\s*or\s+(?:its\s+|an\s+)?equivalents?\s*\)?)?"  # "10 mg of prednisone or equivalent per day"
    r"(?:\s*/\s*|\s+(?:per|a|each|every)\s+|\s+)(?P<period>day|daily|week|weekly|month|monthly|year|hour|minute|d|wk)(?![\w])",
    re.IGNORECASE)
_PERIOD_UCUM = {"day": "d", "daily": "d", "d": "d", "week": "wk", "weekly": "wk", "wk": "wk",
                "month": "mo", "monthly": "mo", "year": "a", "hour": "h", "minute": "min"}
_NOT_RATE_WORDS = frozenset("and or to with for in on at than from prior before after since within "
                            "during until the each every per".split())


def _per_period(text: str, pos: int, ucum: str | None):
    """(end, UCUM) of a rate whose period follows the unit that ends at `pos`, or None."""
    if not ucum or ucum.endswith(("/d", "/wk", "/mo", "/a", "/h", "/min")):
        return None
    m = _PER_PERIOD.match(text, pos)
    if not m:
        return None
    words = m.group("words").split()
    if any(w.lower() in _NOT_RATE_WORDS for w in words if w.lower() != "of"):
        return None
    period = m.group("period").lower()
    joined = _RATE_JOINER.search(text, pos, m.start("period"))
    if not joined and period not in ("daily", "weekly", "monthly"):
        return None  # "2 mg day 1" is a schedule's day, not a rate
    return m.end(), f"{ucum}/{_PERIOD_UCUM[period]}"


@lru_cache(maxsize=1)
def _dose_period_before() -> re.Pattern:
    """A phrase of models/units.json 'dose_periods' that ends at most three words (a drug's name,
    a comparator) before the number: "daily doses of 10mg prednisone" is 10 mg a day."""
    periods = sorted(load("units").get("dose_periods", {}).items())
    if not periods:
        return re.compile(r"(?!)")
    # one group per period, named by its UCUM code: the group that matched is the period
    body = "|".join(f"(?P<{period}>{word_alternation(phrases)})" for period, phrases in periods)
    return re.compile(r"(?<![\w-])(?:" + body + r")(?:\s+[A-Za-z][\w\-]*){0,3}?\s*(?:[<>≤≥=]=?\s*)?$", re.IGNORECASE)


def _dose_period(text: str, pos: int, ucum: str | None) -> str | None:
    """The UCUM period of a dose whose phrase ends before the number at `pos` ("daily dose of"), or None."""
    if not ucum or ucum == "%" or ucum.startswith("{") or ucum.endswith(("/d", "/wk", "/mo", "/a", "/h", "/min")):
        return None
    m = _dose_period_before().search(text, max(0, pos - 80), pos)
    return m.lastgroup if m else None


@lru_cache(maxsize=1)
def _intake() -> tuple[re.Pattern, re.Pattern, dict, frozenset, frozenset]:
    """(phrase before, count word after, count word -> annotation unit, nouns of the phrases,
    'intake_context' words)
    from models/units.json 'intake_periods' and 'intake_counts': "an average weekly intake of
    greater than 21 units" is 21 {units}/wk. Each count per period must be a unit of the file."""
    data = load("units")
    periods = sorted(data.get("intake_periods", {}).items())
    counts = {k.lower(): v for k, v in data.get("intake_counts", {}).items()}
    known = {u["ucum"] for u in data["units"]}
    missing = sorted(f"{c}/{p}" for p, _ in periods for c in counts.values() if f"{c}/{p}" not in known)
    if missing:
        raise ValueError(f"models/units.json: intake units with no entry of their own: {', '.join(missing)}")
    if not periods or not counts:
        return re.compile(r"(?!)"), re.compile(r"(?!)"), counts, frozenset(), frozenset()
    body = "|".join(f"(?P<{period}>{word_alternation(phrases)})" for period, phrases in periods)
    before = re.compile(r"(?<![\w-])(?:" + body + r")(?:\s+[A-Za-z][\w\-]*){0,3}?\s*(?:[<>≤≥=]=?\s*)?$", re.IGNORECASE)
    after = re.compile(r"\s*(" + word_alternation(list(counts)) + r")(?![\w-])", re.IGNORECASE)
    # the intake's noun, the phrase's last word before any "of" ("intake", "consumption")
    nouns = frozenset([w for w in ph.lower().split() if w != "of"][-1] for _, phrases in periods for ph in phrases)
    return before, after, counts, nouns, frozenset(data.get("intake_context", ()))


def _intake_unit(text: str, s: int, e: int, words: set[str] | None):
    """(end, unit) of a count of alcohol units or drinks after an intake phrase ("weekly intake of
    > 21 units") in a criterion that names alcohol ('intake_context'), or None; ruled out at once
    by the criterion's letter words (`words`, letter_words of the lower-cased text)."""
    before, after, counts, nouns, context = _intake()
    if words is None:
        words = letter_words(text.lower())
    if nouns.isdisjoint(words) or context.isdisjoint(words):
        return None
    m = after.match(text, e)
    p = before.search(text, max(0, s - 80), s) if m else None
    if not p:
        return None
    return m.end(), {"text": m.group(1), "span": [m.start(1), m.end(1)], "ucum": f"{counts[m.group(1).lower()]}/{p.lastgroup}"}


_RATE_JOINER = re.compile(r"(?:(?<![\w])(?:per|a|each|every)|/)\s*$", re.IGNORECASE)


def _time_ucum(g, written: str) -> str | None:
    ucum = g.time_ucum.get(written.lower())
    if ucum is None:
        for rx, code in _time_forms():
            if rx.fullmatch(written):
                return code
    return ucum


@lru_cache(maxsize=1)
def _time_forms() -> tuple:
    """(regex, code) of every written time-unit form, as the time-unit alternation matches it
    ("y / o" for "y/o"): compiled once, for the written forms no exact key holds."""
    return tuple((re.compile(form_regex(form), re.IGNORECASE), code) for form, code in grammar().time_ucum.items())


def _reference_at(g, text: str, pos: int):
    # `reference` can only match where one of its phrases can start, here or after the spaces
    if not g.reference_start.may(text, pos) and not g.reference_start.may(text, _SPACES.match(text, pos).end()):
        return None
    m = g.reference.match(text, pos) or _SPACES.match(text, pos)
    if m and m.groupdict().get("ref") is None:
        m2 = g.reference.match(text, m.end())
        m = m2
    if not m or m.group("ref") is None:
        return None
    name = g.reference_name.get(_WS.sub(" ", m.group("ref").lower()))
    if name is None:
        return None
    rel = m.group("rel")
    if rel is None:
        return m.end(), name, None
    sign = "<" if rel.lower() in _LESS_WORDS else ">"
    return m.end(), name, sign + "=" if m.group("orrel") else sign


_LESS_WORDS = ("less", "lower", "below")


_AGE_FILLER = folded_regex(r"\s*(?:of\s+age|years?\s+of\s+age|old|-old|of\s+age\s*,)")


def _post_cue(g, text: str, pos: int):
    """Comparator cue after a value: "18 years or older", "18 years of age or older"."""
    filler = _AGE_FILLER.match(text, pos)
    m = g.post_cue.match(text, filler.end() if filler else pos)
    if not m and filler:
        m = g.post_cue.match(text, pos)
    if not m:
        return None
    key = _WS.sub(" ", m.group().strip().lower())
    if key not in g.post_comparator:
        return None
    if key == "+" and _DIGIT_AHEAD.match(text[m.end():m.end() + 3]):
        return None  # "24 + 0 weeks" is a gestational age, not "24 or more"
    if _THAN_AHEAD.match(text[m.end():m.end() + 6]):
        return None  # "14 years and younger than 18": the cue belongs to the next value
    if key[-1:].isalpha() and _HYPHEN_WORD_AHEAD.match(text, m.end()):
        return None  # "within 14 days or over-the-counter medications": a word, not a cue
    return m.end(), g.post_comparator[key], g.post_ids[key]


_HYPHEN_WORD_AHEAD = re.compile(r"-[A-Za-z]")
# One noun between a scale's value and the comparator after it: "grade 3 toxicity or greater",
# "Grade 6 level or above", "Modic Grade II changes or less"; not a joining word ("grade 2 and
# above" is another value's), nor a word that starts another quantity's clause.
_SCALE_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|but|with|without|in|of|the|for|on|at|to|than|patients?|"
                               r"subjects?|participants?|who|which|that)\b)[a-z]{3,}(?=\s+or\s)")


def _post_cue_after_noun(g, text: str, pos: int):
    """A comparator cue after one noun that follows a scale's value (see _SCALE_NOUN_AFTER)."""
    m = _SCALE_NOUN_AFTER.match(text, pos)
    return _post_cue(g, text, m.end()) if m else None
# A drug's name between a comparator's words and its dose: "a dose higher than prednisone 10 mg".
_DOSE_UCUM = frozenset({"mg", "g", "ug", "mcg", "ng"})
_DRUG_BEFORE = re.compile(r"(?<![\w-])[A-Za-z][a-z]{3,}\s+$")


def _cue_over_drug(g, text: str, s: int):
    """The comparator words before a drug's name written right before a dose ("higher than
    prednisone 10 mg or equivalent per day"), or None: only comparator words ("than"), so that
    a sign ("> prednisone 10 mg") or a word naming something else keeps its reading."""
    drug = _DRUG_BEFORE.search(text, max(0, s - 30), s)
    if drug is None or drug.group().strip().lower() in ("than", "dose", "doses"):
        return None
    cue = _left_cue(g, text, drug.start())
    if cue is None or not text[cue[0]:drug.start()].rstrip().lower().endswith("than"):
        return None
    return cue


_CLOSING = re.compile(r"\s?\)(?=\s*(?:or|and)\s)")


_NUMBER_SPACE_BEFORE = re.compile(r"[\d%] {1,2}$")


# A number and its unit right before a hyphen: "8yr-18yrs", "20 mg-40 mg".
_UNIT_THEN_HYPHEN = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)\s?([A-Za-z]{1,8})\s?[-–]\s?$")


def _unit_range_bound(g, text: str, pos: int):
    """The upper bound of a range whose unit is written on both bounds ("8yr-18yrs", "1h-4h",
    "20mg-40mg"): the number after a unit and a hyphen would otherwise read as a name ("IL-6"),
    so it is taken only where the letters before the hyphen are the first number's unit and the
    same unit follows this number."""
    if pos < 3 or text[pos - 1] not in "-–":
        return None
    left = _UNIT_THEN_HYPHEN.search(text, max(0, pos - 24), pos)
    if not left:
        return None
    first = _unit_at(g, text, left.end(1))
    if not first or first[0] != left.end(2):
        return None
    # the same text, the hyphen read as a space: offsets unchanged, the name lookbehind not met
    m = g.number.match(text[:pos - 1] + " " + text[pos:], pos)
    second = _unit_at(g, text, m.end()) if m else None
    if not second or second[1]["ucum"] != first[1]["ucum"]:
        return None
    return m


# What the scientific forms of patterns.SCIENTIFIC need after the number's start: digits,
# separators and spaces, then a multiplication sign, a power sign, a superscript or an exponent
# letter. Where none follows, g.number without those forms gives the same match (they come
# first in its alternation and cannot match), and that pattern is about a third faster. The
# look-ahead reads at most 64 such characters: a mantissa and its gap are far shorter, and an
# unbounded one read a long run of digits and spaces ("1 1 1 ...") again for every number in it.
_SCIENTIFIC_AHEAD = re.compile(r"[\d.,\s]{0,64}[x×X*·^⁰¹²³⁴⁵⁶⁷⁸⁹eE]")


@lru_cache(maxsize=1)
def _plain_number() -> re.Pattern | None:
    """g.number without its scientific forms (None if the pattern is not written as expected)."""
    source = grammar().number.pattern
    if "(?P<num>" + SCIENTIFIC + "|" not in source:
        return None
    return re.compile(source.replace("(?P<num>" + SCIENTIFIC + "|", "(?P<num>", 1), grammar().number.flags)


def _number_at(g, text: str, pos: int):
    """g.number.match(text, pos), at a digit or at a sign or point before one."""
    plain = _plain_number()
    at = pos + 1 if text[pos:pos + 1] in "-−" else pos  # the sign is no part of the scientific form
    if plain is None or _SCIENTIFIC_AHEAD.match(text, at):
        return g.number.match(text, pos)
    return plain.match(text, pos)


# A minus sign glued to the comparator word before it ("less than or equal to-2.5"): a
# negative bound, not a hyphenated name.
_GLUED_MINUS_CUE = re.compile(r"\b(?:than|to)$", re.IGNORECASE)


def _candidates(g, text: str, words: set[str]):
    """Number matches, tried only where a digit run or a number word starts."""
    found = []
    last = -1
    for run in _DIGIT_RUN.finditer(text):
        pos = run.start()
        if pos < last:
            continue
        # A minus sign only where no quantity ends right before it: in "10%-30%" or "5mg-10mg"
        # the hyphen joins a range, as in "18 -65 years" (a number, a space, then the hyphen).
        if pos and text[pos - 1] in "-−." and (not (pos > 1 and (text[pos - 2].isalnum() or text[pos - 2] in "%°)]"))
                                             or _GLUED_MINUS_CUE.search(text, max(0, pos - 6), pos - 1)) \
                and not _NUMBER_SPACE_BEFORE.search(text, max(0, pos - 4), pos - 1):
            m = _number_at(g, text, pos - 1)
            if m and m.start("num") == pos - 1 or m and m.group("sign"):
                found.append(m)
                last = m.end()
                continue
        m = _number_at(g, text, pos) or _unit_range_bound(g, text, pos)
        if m:
            found.append(m)
            last = m.end()
    if not _NUMBER_WORDS.isdisjoint(words):
        if not _NUMBER_KEYS.isdisjoint(words) or _CASE_ODD.search(text):
            for w in g.number_word.finditer(text):
                m = g.number.match(text, w.start())
                if m:
                    found.append(m)
        found.sort(key=lambda m: m.start())
    return found


def _cue_warning(g, text: str, start: int, num_start: int, rid: str) -> dict | None:
    """A warning for a cue an export damaged ("â‰¥" for "≥"), or for a '=' glued to its number
    after a word ("aged =18 to 75"), which is how an export writes a lost '≥' or '≤': the '='
    is kept as written and flagged."""
    message = g.cue_warnings.get(rid)
    end = start + len(text[start:num_start].rstrip())
    if message is None and rid == "cmp.sym.eq" and text[num_start - 1:num_start] == "=" and (
            start == 0 or text[start - 1].isspace()):
        message = "'=' before a number, likely a lost '≥' or '≤' (registry export): kept as written"
    if message is None:
        return None
    return {"text": text[start:end], "span": [start, end], "message": message, "rule": rid}


# A character an export damaged between a comparator and its number ("less than or equal toâ??90":
# UTF-8 of a thin or no-break space read as Latin-1, the control bytes shown as '?').
_DAMAGED_GAP = re.compile(r"(â\?\?) ?$")

# "minimum disease duration of 5 years": a bound word a few words before its number.
_AGE_OF = re.compile(r"\s*of\s+age\b", re.IGNORECASE)
_BEFORE_AGE = re.compile(r"(?<![\w-])(?:(?:at\s+or\s+)?before|prior\s+to)\s+$", re.IGNORECASE)
_DISTANT_CUE = re.compile(r"(?<![\w])(?P<cue>minimum|maximum|minimal|maximal)(?!\s+(?:residual|change|invasive|access|lesion|risk)\b)\s+(?:[A-Za-z\-]+\s+){1,3}(?:of|is|:|=)\s*$", re.IGNORECASE)

_AGE_OLD = re.compile(r"\s?ages?[\s\-]?old\b", re.IGNORECASE)


def _registry_age(g, text: str, e: int) -> tuple[tuple | None, int | None]:
    """Ages as registries export them: "20age old" (no unit: years implied) and "60(Year)" (the
    unit in parentheses). Returns (unit as _unit_at gives it, or None; end of the age) or
    (None, None)."""
    m = _AGE_OLD.match(text, e)
    if m:
        return None, m.end()
    if text[e:e + 1] == "(":
        tm = g.time_unit.match(text, e + 1)
        if tm and text[tm.end():tm.end() + 1] == ")":
            written = text[e + 1:tm.end()]
            ucum = _time_ucum(g, written)
            return (tm.end() + 1, {"text": written, "span": [e + 1, tm.end()], "ucum": ucum}, ucum), tm.end() + 1
    return None, None


_PAIR = re.compile(r"\s?/\s?(?P<n>\d{2,3})(?![\d.,/])")
_PAIR_CONTEXT = folded_regex(r"\b(?:blood pressure|bp|sbp|dbp|systolic|diastolic|hypertension|hypotension|"
                             r"arterial pressure)\b")


def _pair_at(g, text: str, s: int, e: int, value) -> tuple[dict, tuple | None] | None:
    """Two quantities written as a pair ("> 150/90 mmHg", "blood pressure ≥ 140/90"): both whole
    numbers of two or three digits, with a unit after the second or a blood-pressure word before
    (so a Snellen fraction "20/40" or a score "2/10" is not one)."""
    m = _PAIR.match(text, e)
    if not m or not isinstance(value, int) or not 10 <= value < 1000:
        return None
    unit = _unit_at(g, text, m.end())
    if unit and unit[2]:
        return None  # "24/7 days" is no pair of quantities
    if not unit and not _PAIR_CONTEXT.search(text[max(0, s - 60):s]):
        return None
    return {"start": m.start("n"), "end": m.end(), "value": int(m.group("n"))}, unit


_TITER_BEFORE = re.compile(r"(?<![\d.,:])(1\s?:)\s?$")
_TITER_WORD = re.compile(r"\b(?:tit(?:er|re)s?|dilution|ANA|antibod(?:y|ies)|RPR|VDRL)\b", re.IGNORECASE)
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_PER_VOLUME = frozenset({"/mm3", "/uL", "/mL"})


_UNSET = object()


def _reference_here(g, text: str, pos: int):
    """g.reference.match(text, pos), tried only where one of its phrases can start."""
    if not g.reference_start.may(text, pos):
        return None
    return g.reference.match(text, pos)


def _atoms(text: str, masked: list[tuple[int, int]], words: set[str]) -> list[Atom]:
    g = grammar()
    atoms: list[Atom] = []
    consumed = 0
    for m in _candidates(g, text, words):
        s, e = m.span()
        if s < consumed or any(a <= s < b for a, b in masked):
            continue
        raw = m.group()
        is_word = m.group("word") is not None
        value = parse_number(raw)
        if value is None:
            continue
        rules = ["num.word" if is_word else "num.digits"]
        if is_word:  # "three (3) days": the digits restate the word; the unit follows them
            restated = _RESTATED.match(text, e)
            if restated and parse_number(restated.group(1)) == value:
                e = restated.end()
                rules.append("num.restated")
        nxt = text[e:e + 2]
        # Glued letters that are not a unit: ordinals, gene names, "17p".
        unit = _unit_at(g, text, e)
        if unit and unit[2] is None and (unit[1]["ucum"] or "").startswith("{") and _SCALE_WORD_BEFORE.search(text, max(0, s - 12), s):
            unit = None  # "Grade 3 tumors", "stage 2 lesions": the number is a grade of what follows, no count
        if unit and value != 1 and unit[1]["text"].lower() in _one_only_forms():
            unit = None  # "2 dose reductions", "MMSE <26 dose not ...": a singular form counts one only
        if not unit and is_word and raw.lower() in _FREQUENCY_WORDS:
            unit = _frequency_period(g, text, s, e)
            if unit:
                rules.append("unit.frequency_period")
        if m.group("sign") and (unit and unit[2] == "a" or s > 0 and text[s - 1] in "-−"):
            # "Age -18 years", "aged 18 years (including) -70 years", "(TZDs)--30 mg/day": a dash
            # set before the number, not a minus (no age or span of years is negative)
            s, value = s + 1, -value
            rules.append("num.dash_not_minus")
        paren = _paren_range(g, text, s, e) if not unit and (nxt[:1] == ")" or text[s - 1:s] == "(") else None
        opens = s
        if paren:  # "(16-24) weeks": the range in parentheses, its unit after them (on the high bound)
            opens, unit = paren
        age_end = None
        if not unit and nxt[:1] in "(a" and nxt:
            unit, age_end = _registry_age(g, text, e)
        weeks_days = _weeks_and_days(text, e, value) if nxt[:1] in " +" else None
        if weeks_days:  # "24 + 0 weeks", "23 0/7 weeks", "23 weeks 6 days": a gestational age
            unit, value = weeks_days[:2]
            rules.append("unit.weeks_days")
            if unit is None:
                e = weeks_days[2]
        if not unit and nxt[:1] in _glued_letters() and not _WORD_CHAR.match(text, e + 1):
            unit = _glued_unit(text, e, value)  # "38.0C", "100.4F"
        elif not unit and nxt[:1] == " " and nxt[1:2] in _glued_letters() and not _WORD_CHAR.match(text, e + 2) \
                and not text[max(0, s - 2):s].strip().endswith("/"):
            # "temperature above 101 F", in the same range; not a restatement after a slash
            # ("37.5 C/ 99.5 F": the accounting's)
            unit = _glued_unit(text, e + 1, value)
        # "SpO2 = %93": a percent sign written before the number, as some registries' exports
        # do, is its unit when a comparator stands right before the sign
        lead_pct = not unit and text[s - 1:s] == "%" and s > 1 and not text[s - 2].isalnum() \
            and not nxt[:1].isalnum() and nxt[:1] != "%" and bool(_left_cue(g, text, s - 1))
        if lead_pct:
            unit = (e, {"text": "%", "span": [s - 1, s], "ucum": "%"}, None)
            rules.append("unit.percent_before")
        # "ANA > 1:160", "titer >= 1:80": a titer after a comparator, its dilution's denominator
        # the value ("1:" its unit, written before it); not a clock time ("before 1:30 am")
        titer = _TITER_BEFORE.search(text, max(0, s - 5), s) if not unit and text[s - 2:s].strip()[-1:] == ":" \
            and isinstance(value, int) and value >= 2 and not nxt[:1].isalnum() and nxt[:1] != ":" else None
        if titer and (_CLOCK_AFTER.match(text, e) or not _left_cue(g, text, titer.start())
                      or value < 16 and not _TITER_WORD.search(text, max(0, titer.start() - 60), titer.start())):
            titer = None  # "a ratio of at least 1:2" is no titer
        if titer:
            unit = (e, {"text": titer.group(1), "span": list(titer.span(1)), "ucum": "{titer}"}, None)
            rules.append("unit.titer")
            if atoms and atoms[-1].num_start == titer.start():
                atoms.pop()  # the "1" of the dilution
        if nxt[:1] and _ALPHA_AFTER.match(nxt[:1]) and not unit and not age_end and not _reference_here(g, text, e):
            continue
        # "24-hour urine", "28-day cycle", "5-fluorouracil": a number hyphenated to a word is a
        # qualifier, unless a cue makes the hyphenated duration a window ("within the past 12-month period").
        # "2.5-fold ULN": a hyphenated multiplier of a reference is the threshold, not a qualifier.
        hyphenated = bool(_HYPHEN_WORD.match(text, e)) and not _reference_here(g, text, e)
        # "greater than four-fold (increase in MYCN signal)": a ratio with nothing named that it
        # multiplies; the number with its 'fold', no unit and no reference (CONTRACT: reference null)
        fold = _FOLD_AFTER.match(text, e) if hyphenated else None
        if fold:
            hyphenated = False
        if hyphenated and _HALF_LIVES_AFTER.match(text, e):
            hyphenated = False  # "within 5-half lives or 30 days": a count of half-lives (units.json forms)
        if hyphenated and _SUSPENDED_FIRST.match(text, e) and _SUSPENDED_RANGE.search(text, max(0, s - 30), _SUSPENDED_FIRST.match(text, e).end()):
            hyphenated = False  # "between 18- and 65-years": the first bound, its unit written on the second
        if hyphenated and not unit and text[e + 1:e + 2] in "lL":
            counted = _unit_at(g, text, e + 1)
            if counted and counted[1]["text"].lower() in _adjacent_counts():
                unit, hyphenated = counted, False  # "1- or 2-level surgery", "1-level": how many levels
        if hyphenated:
            tm = g.time_unit.match(text, e + 1)
            if not tm or not (_left_cue(g, text, s) or _left_window(g, text, s) or _SPAN_NOUN.match(text, tm.end())
                              or text[tm.end() - 3:tm.end()].lower() == "old"
                              or _relation_next(g, text, tm.end())
                              or _SUSPENDED_RANGE.search(text, max(0, s - 40), s)
                              and (text[tm.end() - 1:tm.end()].lower() == "s" or _CLAUSE_END.match(text, tm.end()))):
                continue
            written = text[e + 1:tm.end()]
            unit = (tm.end(), {"text": written, "span": [e + 1, tm.end()],
                               "ucum": _time_ucum(g, written)}, _time_ucum(g, written))
        left12 = text[max(0, s - 12):s]  # one string for both tests: lower-cased once (patterns._lowered)
        # Both patterns end in a word (then spaces, a point or a hyphen): tried only where a
        # letter or a point is the last character before them.
        last = left12.rstrip()[-1:]
        if _DATE_LIKE.match(text[s:s + 10]) or (last.isalpha() or last == ".") and _MONTHS.search(left12):
            if not unit:
                continue
        if (last.isalpha() or last == "-") and _NOT_VALUE_BEFORE.search(left12):
            continue
        pair = _pair_at(g, text, s, e, value) if not unit and text[e:e + 3].lstrip()[:1] == "/" else None
        if pair:
            unit = pair[1]
        out_of = _OUT_OF.match(text, e) if not pair and not unit and text[e:e + 3].lstrip()[:1] == "/" else None
        among = _SLASH_AMONG.match(text, e) if not pair and not unit and text[e:e + 1] == "/" else None
        if among and not (isinstance(value, int) and value <= int(among.group(1)) <= 12
                          and _MATCH_NEAR.search(text, max(0, s - 40), min(len(text), among.end() + 25))):
            among = None
        if among:  # "HLA 6/6 or 5/6 matched": matched antigens of those typed
            out_of = None
        elif out_of and not (value < int(out_of.group(1)) and (_SCORE_BEFORE.search(text, max(0, s - 40), s)
                                                            or _PAIN_AFTER.match(text, out_of.end()))):
            out_of = None
        if not among and not unit and not pair and text[e:e + 1] == " " and isinstance(value, int):
            among = _COUNT_AMONG.match(text, e)
            if among and not (value <= (parse_number(among.group(1)) or 0) <= 100) \
                    or among and _NOT_AMONG_BEFORE.search(text, max(0, s - 12), s):
                among = None
        atom = Atom(start=opens, end=e, num_start=s, num_end=e, value=value, rules=rules)
        if weeks_days:
            atom.weeks_days = weeks_days[3]
            if weeks_days[3][2] and unit is not None:  # "36+6 weeks": an age (no unit: a range's bound)
                atom.age = True
        if fold:
            atom.end = fold.end()
            atom.rules.append("num.fold")
        win_at_s = _UNSET  # _left_window(g, text, s) once asked
        if age_end:
            atom.end, atom.age = age_end, True
            atom.rules.append("age.registry_form")
        if pair:
            atom.pair = pair[0]
            atom.rules.append("pair.slash")
            if unit is None:
                atom.end = pair[0]["end"]
        if not among and not unit and not pair and text[e:e + 1] == " " and isinstance(value, int) \
                and value > 1 and _repeat_near(text, e, words):
            among = _repeat_count(text, e)  # "on 2 consecutive measurements": a count of repeats
        if among and value == 1 and not _left_cue(g, text, s) and not _MATCH_NEAR.search(text, e, e + 40):
            among = None  # "admission to 1 of 12 participating ICUs" says which, not how many
        if among and among.re is _repeat_pattern():
            atom.among = value
            atom.rules.append("count.repeats")
        elif among:  # "at least 4 of 6", "6 out of 6 HLA A, B, and DR match": a count among so many
            atom.end, atom.among = among.end(), parse_number(among.group(1))
            atom.rules.append("count.among")
        if out_of:  # "score ≥ 30/100": the value out of the scale's maximum
            atom.end = out_of.end()
            atom.rules.append("scale.out_of")
        if unit:
            end, udict, tucum = unit
            atom.unit, atom.time_unit, atom.end = udict, tucum, end
            atom.rules.append("unit.time" if tucum else "unit.form")
            half = AND_A_HALF.match(text, end) if tucum and not pair else None
            if half:  # "3 months and a half after the last dose": half a unit more
                atom.value += 0.5
                atom.end = end = half.end()
                atom.rules.append("num.and_a_half")
            win_at_s = _left_window(g, text, s)
            rate = _per_period(text, end, udict["ucum"]) if not pair and not win_at_s else None
            if rate:  # "60g of pure alcohol per day", "30 min moderate exercise per week"
                atom.end = rate[0]
                atom.unit = {"text": text[udict["span"][0]:rate[0]], "span": [udict["span"][0], rate[0]], "ucum": rate[1]}
                atom.time_unit = None
                atom.rules.append("unit.per_period")
            elif not tucum and not pair and (period := _dose_period(text, s, udict["ucum"])):
                # "daily doses of 10mg": the period is written before the amount; the unit's
                # text stays the written unit, its code the dose per period (CONTRACT)
                atom.unit = dict(udict, ucum=f"{udict['ucum']}/{period}")
                atom.rules.append("unit.dose_period")
        if unit and unit[1]["ucum"] in _PER_VOLUME and _DOT_THOUSANDS.fullmatch(raw):
            # "100.000/mm3", "1.500/mmc": a dot groups thousands, as European records write a
            # count per volume (1.5 cells per mm3 is no count)
            atom.value = int(raw.replace(".", ""))
            atom.rules.append("num.dot_thousands")
        countable = not (is_word and raw.lower().split()[-1] in _ADJECTIVE_NUMBERS)
        intake = _intake_unit(text, s, e, words) if not unit and countable else None
        if intake:  # "an average weekly intake of greater than 21 units": {units}/wk
            atom.end, atom.unit = intake
            atom.rules.append("unit.intake_period")
        elif not unit and countable and not _reference_here(g, text, e) \
                and not _SCALE_WORD_BEFORE.search(text, max(0, s - 12), s):
            counted = _counted_noun(g, text, e, words)  # "4 different drug regimens": {lines}
            if counted and value != 1 and counted[1]["text"].lower() in _one_only_forms():
                counted = None  # "2 dose reductions": a singular form counts one only
            if counted:
                atom.end, atom.unit = counted[0], counted[1]
                atom.rules.append("unit.count_noun")
                rate = _per_period(text, counted[0], counted[1]["ucum"])
                if rate:  # "1-3 bolus insulin injections per day"
                    atom.end = rate[0]
                    atom.unit = dict(counted[1], text=text[counted[1]["span"][0]:rate[0]],
                                     span=[counted[1]["span"][0], rate[0]], ucum=rate[1])
                    atom.rules.append("unit.per_period")
        ref = _reference_at(g, text, atom.end if not unit else e)
        if ref and not atom.time_unit:
            atom.reference, atom.end = ref[1], ref[0]
            atom.unit = None if atom.unit and atom.unit["ucum"] in ("{episodes}",) else atom.unit
            atom.rules.append("ref." + ref[1].lower())
            ref_comparator = ref[2]
        else:
            ref_comparator = None
        cue = _left_cue(g, text, s - 1 if lead_pct else titer.start() if titer else s)
        if not cue and atom.unit and atom.unit["ucum"].split("/")[0] in _DOSE_UCUM:
            cue = _cue_over_drug(g, text, s)
        damaged = _DAMAGED_GAP.search(text, max(0, s - 5), s) if not cue and text[s - 1:s] in "? " else None
        if damaged:
            cue = _left_cue(g, text, damaged.start())
        if cue:
            atom.start, atom.comparator, rid = cue
            atom.pre_end = s
            atom.rules.append(rid)
            warning = _cue_warning(g, text, atom.start, s, rid)
            if warning:
                atom.warnings.append(warning)
            if damaged:
                atom.rules.append("cmp.damaged.gap")
                atom.warnings.append({"text": damaged.group(1), "span": list(damaged.span(1)),
                                      "message": "a character damaged by a registry export ('â??', UTF-8 read as "
                                                 "Latin-1) between a comparator and its number: read as a space",
                                      "rule": "cmp.damaged.gap"})
        else:
            post = _post_cue(g, text, atom.end)
            closing = _CLOSING.match(text, atom.end) if not post and atom.unit and ")" in text[atom.end:atom.end + 2] else None
            if closing:  # "(P/F) 300 mmHg) or less", "(50 feet) or more": the bracket ends before the cue
                post = _post_cue(g, text, closing.end())
            if post:
                atom.end, atom.comparator = post[0], post[1]
                atom.rules.append(post[2])
                counted = _counted_noun(g, text, post[0], words) if atom.unit is None and atom.reference is None else None
                if counted and counted[1]["text"].lower() in _adjacent_counts() \
                        and _SCALE_WORD_BEFORE.search(text, max(0, s - 12), s):
                    counted = None  # "Grade 2 or higher level of abnormality": the grade's level, no count
                if counted and value != 1 and counted[1]["text"].lower() in _one_only_forms():
                    counted = None  # "2 or more dose reductions": a singular form counts one only
                if counted:  # "one or more seizures"
                    atom.end, atom.unit = counted[0], counted[1]
                    atom.rules.append("unit.count_noun")
                elif atom.unit is None and atom.reference is None:
                    # "18+ years", "3 or more days following", "6 or more months": the cue
                    # sits between the number and its time unit
                    later = _unit_at(g, text, post[0])
                    if later and len(later[1]["text"]) > 1 and text[later[0]:later[0] + 1] != "-" \
                            and (later[2] or later[1]["ucum"].split("/")[0] in _SINGULAR_TIME_UCUM
                                 or later[1]["ucum"].startswith("{") and "/" in later[1]["ucum"]
                                 or later[1]["ucum"].startswith("/")):  # "8 or more times per day"
                        # a one-letter unit here is a name's letter more often ("1 or more d-dimer")
                        # "3 or more days per week", "3 or more alcoholic drinks per day": a rate
                        atom.end, atom.unit, atom.time_unit = later
                        atom.rules.append("unit.time" if later[2] else "unit.form")
            elif ref_comparator:  # "1.5 times greater than the ULN"
                atom.comparator = ref_comparator
                atom.rules.append("cmp.reference_relation")
            elif "imum" in text[max(0, s - LEFT_WINDOW):s] or "imal" in text[max(0, s - LEFT_WINDOW):s]:
                distant = _DISTANT_CUE.search(text, max(0, s - LEFT_WINDOW), s)
                if distant:  # "a minimum life expectancy of 12 weeks"
                    atom.comparator = ">=" if distant.group("cue").lower().startswith("min") else "<="
                    atom.rules.append("cmp.distant." + ("min" if atom.comparator == ">=" else "max"))
            elif atom.time_unit and (_AGE_OF.match(text, atom.end) or _GESTATION_AFTER.match(text, atom.end)
                                     or atom.weeks_days and atom.weeks_days[2]):
                before = _BEFORE_AGE.search(text, max(0, s - 16), s)
                if before:  # "before 29 days of age", "prior to 6 months of age": younger than that
                    # ("at or before 31 weeks EGA": that age too)
                    atom.start, atom.comparator = before.start(), "<=" if before.group()[:2].lower() == "at" else "<"
                    atom.rules.append("cmp.age.before_of_age")
        if atom.comparator is None and atom.unit is not None and atom.unit["text"] in _bound_only_forms():
            continue  # "5K run", "chromosome 12 K": a glued K is thousands only in a bound ("WBC >15K")
        win = win_at_s if atom.start == s and win_at_s is not _UNSET else _left_window(g, text, atom.start)
        if win and atom.comparator is not None and win[1].get("adjacent"):
            win = None  # "demonstrated by the following ≤ 14 days prior to": a list's opening, no window
        if win and (atom.unit or atom.reference) and not atom.time_unit and atom.comparator is None \
                and win[1]["id"] == "win.within" and text[win[0]:atom.start].strip().lower() == "within":
            # "within 0.5%", "within 5 half-lives"; "within 1.5 x ULN" is at most that many times it
            atom.start, atom.comparator = win[0], "<="
            atom.rules.append("cmp.within")
        if not win and atom.time_unit and atom.pre_end is not None and text[atom.start:atom.start + 4].lower() == "over":
            inner = _left_window(g, text, atom.pre_end)
            if inner and inner[0] == atom.start:
                # the cue is the window's first word: "over the 7 days" is a window, not "> 7 days"
                win = inner
                atom.comparator = None
                atom.rules = [r for r in atom.rules if not r.startswith("cmp.")]
        if win and atom.time_unit and atom.comparator is None and win[1]["id"] in bounded_lasting_windows():
            lasting = _lasting_bound(g, text, win[0])
            if lasting:
                # "stable for at least the past 6 weeks", "hospitalized for at least the first three
                # days": how long it has lasted, with the cue's bound; no window (a duration below)
                atom.start, atom.comparator = lasting[0], lasting[1]
                atom.rules += [lasting[2], "time.lasting_bound"]
                win = None
        if win and atom.time_unit:
            atom.start, atom.window = win[0], win[1]
            atom.rules.append(win[1]["id"])
            if atom.comparator is None:
                atom.comparator = win[1]["comparator"]
        if atom.unit is None and atom.reference is None and atom.comparator and atom.pair is None:
            named = _count_noun_before(g, text, atom.start)
            if named:  # "vomiting episodes (> 3 in the last 24 hours)": the count of the noun named
                atom.unit = named
                atom.rules.append("unit.count_noun_before")
        atoms.append(atom)
        consumed = atom.end
    return atoms


_THE_BEFORE = re.compile(r"(?<![\w-])the\s+$", re.IGNORECASE)


def _lasting_bound(g, text: str, pos: int):
    """The comparator cue of "for at least the past 6 weeks" ending before "the" at `pos` (the
    window cue's start), with "for" right before the cue, as (start, comparator, rule id), or None."""
    the = _THE_BEFORE.search(text, max(0, pos - 20), pos)  # "the" may end a wrapped line
    cue = _left_cue(g, text, the.start()) if the else None
    if not cue or cue[1] not in BOUNDS or not _FOR_BEFORE.search(text, max(0, cue[0] - 30), cue[0]):
        return None
    return cue


# A bound opening a parenthesis or following a colon, right after the counted thing's name.
_NOUN_THEN_OPEN = re.compile(r"((?:[A-Za-z][A-Za-z\-]*\s+){0,2}[A-Za-z][A-Za-z\-]*)\s*[(:]\s*$")
_WORD_START = re.compile(r"(?<![A-Za-z\-])[A-Za-z]")


def _count_noun_before(g, text: str, start: int) -> dict | None:
    """The count unit (models/units.json annotation units such as `{episodes}`) whose form ends
    right before the parenthesis or colon that opens a bare bound at `start` ("seizures (≥ 2 per
    month)", "Episodes: > 3"), without a span: it is written before the constraint."""
    j = start
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if not j or text[j - 1] not in "(:":
        return None  # no parenthesis or colon right before: the search below (slow, by its $) fails
    m = _NOUN_THEN_OPEN.search(text, max(0, start - 60), start)
    if not m or not _count_hint().search(m.group(1)):
        return None
    for w in _WORD_START.finditer(text, m.start(1), m.end(1)):
        unit = _unit_at(g, text, w.start())
        if unit and unit[0] == m.end(1) and unit[2] is None and unit[1]["ucum"].startswith("{") \
                and "/" not in unit[1]["ucum"] and unit[1]["text"].lower() not in _adjacent_counts():
            return {"text": unit[1]["text"], "ucum": unit[1]["ucum"]}
    return None


_AGE_BOUND_GAP = re.compile(r"\s*,?\s*(?:or|and|but|to)\s+", re.IGNORECASE)  # "but" as "and": "Greater than 18 years but less than 80"


def _implied_years(c: dict) -> None:
    """An age written without a unit ("over the age of 18", "Age: 70 and under", "20age old")
    is in years: the unit is implied (its text empty, as nothing is written)."""
    if c.get("unit") is None and c.get("reference") is None and c.get("type", "value") == "value":
        c["unit"] = {"text": "", "ucum": "a"}
        c["rules"].append("unit.age_implied")


def _unit_out(unit: dict | None) -> dict | None:
    if unit is None:
        return None
    if "span" not in unit:  # written once, with another value ("=8 or =25 breaths/min")
        return {"text": unit["text"], "ucum": unit["ucum"]}
    return {"text": unit["text"], "ucum": unit["ucum"], "span": list(unit["span"])}


# "or 5X ULN", "(5 times ULN if ...)", "(or 400 mg/m2)": an alternative right after a bound
_ALTERNATIVE_GAP = re.compile(r"\s*(?:,\s*)?(?:or|and/or)\s+|\s*\(\s*(?:(?:or|and/or)\s+)?", re.IGNORECASE)
_BARE_OR_GAP = re.compile(r"\s*(?:,\s*)?or\s+", re.IGNORECASE)   # not "and/or": both may hold
_LOST_SIGNS_GAP = re.compile(r"\s*(?:to|and|-)\s*", re.IGNORECASE)
# a word naming another measure after the second bound's unit ("≤ 25 mg prednisone"): the unit
# is that measure's, not the first bound's
_NAME_AFTER_UNIT = re.compile(r"\s+(?!(?:for|in|at|on|of|or|and|to|as|if|with|by|per|when|while|during|before|after|old)\b)[A-Za-z]",
                              re.IGNORECASE)
_NAME_IN_UNIT = re.compile(r"\s(?!(?:per|a|each|every)\b)[A-Za-z]", re.IGNORECASE)  # "mg prednisone daily"
_BOUNDS_AND_GAP = re.compile(r"\s*(?:and|but|&)\s*", re.IGNORECASE)  # "greater than 25 but less than 35kg/m2"
# the measure named again before the second bound: "MAP ≥ 65mmHg or MAP below 65"
_RENAMED_GAP = re.compile(r"\s*(?:,\s*)?(?:or|and/or|and)\s+(?P<name>[A-Za-z][\w/-]*)\s+", re.IGNORECASE)
_LAST_WORD = re.compile(r"(?P<name>[A-Za-z][\w/-]*)\s*$")


@lru_cache(maxsize=1)
def _unit_forms() -> frozenset[str]:
    """Every unit form of models/units.json, lower-cased, one space between words: a unit text
    that is one of them ("mm Hg", "cm H2O") names no other measure, whatever its spaces."""
    units = load("units")
    return frozenset(" ".join(f.lower().split()) for u in units["units"] + units["time_units"] for f in u["forms"])


def _names_measure(unit_text: str) -> bool:
    """A unit text with a word that names a measure: "mg prednisone daily", not "mm Hg"."""
    return bool(_NAME_IN_UNIT.search(unit_text)) and " ".join(unit_text.lower().split()) not in _unit_forms()
_BY_SEX_GAP = re.compile(r"\s*(?:for|in)\s+(?:men|women|males?|females?|boys|girls)\s*(?:,\s*)?(?:and|or)\s+", re.IGNORECASE)


def _share_alternatives(text: str, a: Atom, b: Atom) -> None:
    """What alternatives write once holds for each (the registries gold's convention, from the
    contract's "the record says what the text says"):
    - a unit written after the last one: "(=8 or =25 breaths/min)": 8 is also /min;
    - a unit written with the first, the second for another sex: "QTcF ≥450 ms for men and
      ≥470 for women": 470 is also ms;
    - a comparator governing both: "≤ 3 times ULN (5 times ULN if liver metastases)", "AST ≤ 2x
      ULN or 5X ULN", "≥ 36.6C (98.4F)": the second is also `<=` / `>=`."""
    gap = text[a.end:b.start]
    if _ALTERNATIVE_GAP.fullmatch(gap):
        # years after the second bound hold for the first when they are an age ("under 18 or
        # over 65 years old"); other time units bound windows, read elsewhere
        age = b.time_unit == "a" and bool(_AGE_NEAR_AFTER.match(text, b.end) or _is_age(text, b))
        if a.unit is None and a.reference is None and a.comparator and b.comparator and b.unit \
                and (not b.time_unit or age) and not b.unit["ucum"].startswith("{") and "(" not in gap:
            a.unit = {"text": b.unit["text"], "ucum": b.unit["ucum"]}  # no span: written with b
            a.rules.append("unit.shared")
        elif a.comparator in BOUNDS and b.comparator is None and not b.time_unit and (
                a.reference is not None and b.reference == a.reference
                or "(" in gap and a.unit and b.unit and not a.time_unit
                # the same bound in other units ("> 2.0 mg/dL or 177 µmol/L", "> 2 drinks/day
                # or 14 drinks/week"); a count of another thing after a bare "or" is no restatement
                or _BARE_OR_GAP.fullmatch(gap) and a.unit and b.unit and not a.time_unit
                and (not b.unit["ucum"].startswith("{") or a.unit["ucum"].startswith("{"))):
            b.comparator = a.comparator
            b.rules.append("cmp.shared")
    elif a.unit and b.unit is None and b.reference is None and b.comparator and a.comparator \
            and not a.time_unit and _BY_SEX_GAP.fullmatch(gap):
        b.unit = {"text": a.unit["text"], "ucum": a.unit["ucum"]}
        b.rules.append("unit.shared")
    elif a.unit is None and a.reference is None and b.unit and b.reference is None \
            and (not b.time_unit or b.time_unit == "a" and (_AGE_NEAR_AFTER.match(text, b.end) or _is_age(text, b))) \
            and not (b.unit["ucum"] or "").startswith("{") and (
                # a lower and an upper bound, the unit written once after the second: "≥18.0 and
                # ≤30.0 kg/m2", "> 50 & < 120 kg", an age ("greater than or equal to 18 and less
                # than or equal to 55 years of age"); or by sex: "< 12 for men and < 11 g/dL for women"
                a.comparator in (">", ">=") and b.comparator in ("<", "<=") and a.value < b.value
                and (_BOUNDS_AND_GAP.fullmatch(gap) or _BY_SEX_GAP.fullmatch(gap))
                and not _NAME_AFTER_UNIT.match(text, b.end) and not _names_measure(b.unit["text"])
                # one comparator for each sex: "< 12 for men and < 11 g/dL for women"
                or a.comparator and a.comparator == b.comparator and _BY_SEX_GAP.fullmatch(gap)):
        a.unit = {"text": b.unit["text"], "ucum": b.unit["ucum"]}
        a.rules.append("unit.shared")
    elif a.unit and b.unit is None and b.reference is None and a.comparator and b.comparator \
            and not a.time_unit and not a.unit["ucum"].startswith("{") and _same_name_again(text, a, gap):
        # the same measure named again, its unit written with the first bound only: "MAP ≥
        # 65mmHg or MAP below 65" (65 is also mm[Hg])
        b.unit = {"text": a.unit["text"], "ucum": a.unit["ucum"]}
        b.rules.append("unit.shared")
    elif a.comparator in BOUNDS and b.comparator is None and _BY_SEX_GAP.fullmatch(gap) \
            and (a.unit and b.unit and a.unit["ucum"] == b.unit["ucum"] or a.reference and a.reference == b.reference):
        # "higher than 14 units a week for males and 7 units a week for females", "QTc > 450 ms
        # for men and 470 ms for women" ("in males and ... in females"): the comparator governs
        # the second sex's bound too
        b.comparator = a.comparator
        b.rules.append("cmp.shared")
    elif a.unit is None and a.reference is None and b.time_unit == "a" and a.comparator == "=" \
            and (b.comparator == "=" and _LOST_SIGNS_GAP.fullmatch(gap)
                 or b.comparator in ("<", "<=") and _BOUNDS_AND_GAP.fullmatch(gap)
                 and (_AGE_NEAR_AFTER.match(text, b.end) or _is_age(text, b))) \
            and 0 < a.value < b.value <= 120:
        # "=18 to =80 years of age", "Patients = 20 but < 65 years of age": two bounds of an age
        # (the first, or both, with a sign the export lost), the unit written with the second
        a.unit = {"text": b.unit["text"], "ucum": b.unit["ucum"]}
        a.rules.append("unit.shared")


# the end of a bracketed case of a window's own before an alternative ("within 3 months (9
# months for immunotherapies) or five half-lives")
_CASE_OR = re.compile(r"\s*\([^()]{1,40}\)\s*(?:,\s*)?(?:or|and/or)\s+$", re.IGNORECASE)


def _half_lives_window(text: str, start: int, out: list[dict]) -> dict | None:
    """The time window a half-lives alternative at `start` is written against, or None: the
    constraint right before it ("within 30 days or 5 half-lives (whichever is longer)", "within 4
    weeks prior to the first dose or 5 half-lives"), or the one before that when a case of the
    window's own stands between ("within 3 months (9 months for immunotherapies) or five
    half-lives": that case is still a duration here, made a window later)."""
    if out and out[-1]["type"] == "time" and _HALF_LIVES_OR.match(text[_window_end(out[-1], start):start]):
        return out[-1]
    if len(out) > 1 and out[-2]["type"] == "time" and _CASE_OR.match(text, out[-2]["span"][1], start):
        return out[-2]
    return None


def _window_end(c: dict, before: int) -> int:
    """Where a constraint ends with its window's anchor ("within 4 weeks prior to the first
    dose"): what follows is the next alternative. An anchor written after `before` is shared
    with the alternative there ("within 30 days or 5 half-lives prior to screening")."""
    event = c.get("event") or {}
    if not event.get("span") or event["span"][0] >= before:
        return c["span"][1]
    return max(c["span"][1], event["span"][1])


def _same_name_again(text: str, a: Atom, gap: str) -> bool:
    """The gap between two bounds names again the word written right before the first one
    ("MAP ≥ 65mmHg or MAP below 65")."""
    m = _RENAMED_GAP.fullmatch(gap)
    if not m:
        return False
    before = _LAST_WORD.search(text, max(0, a.start - 40), a.start)
    return bool(before) and before.group("name").lower() == m.group("name").lower()


def _constraint(text: str, start: int, end: int, rules: list[str], **fields: Any) -> dict:
    while end > start and text[end - 1].isspace():
        end -= 1
    out = {"type": "value", "subject": None}
    out.update(fields)
    out.setdefault("unit", None)
    out.setdefault("reference", None)
    out["text"] = text[start:end]
    out["span"] = [start, end]
    out["rules"] = list(dict.fromkeys(rules))
    return out


@lru_cache(maxsize=1)
def _relation_window_word() -> re.Pattern:
    """A word of time_events.json 'relation_window_words' right before a span ("during 6
    months"), or of its 'within_typos' (group "typo": "with 30 days prior to screening")."""
    data = load("time_events")
    words = word_alternation(data["relation_window_words"])
    typos = word_alternation(data["within_typos"])
    return re.compile(rf"(?<![\w-])(?:{words}|(?P<typo>{typos}))\s+$", re.IGNORECASE)


# A noun for the time between two events (windows.interval_window reads "interval between X and Y")
_INTERVAL_NOUN = re.compile(r"\b(?:time|interval|period|duration)\s+between\b")


def _time_or_duration(g, text: str, atom: Atom, limit: int, age: bool, fields: dict, rules: list) -> dict | None:
    """Make `fields` a time window (CONTRACT "Time") when a window cue or a relation to an event
    goes with the atom, else a duration unless the number is an age. Returns the window's fields."""
    tf = time_fields(g, text, atom, limit)
    if tf and age and tf["event"] is None and atom.window is not None and _OF_AGE_AFTER.match(text, atom.end):
        rules.append("age.window_cue")  # "within 21 to 90 years of age": the age's range
        return None
    if tf and age and atom.window is None and _OLDER_YOUNGER_THAN.match(text, atom.start) \
            and _AGE_BEFORE.search(text, max(0, atom.start - 40), atom.start):
        # "Patients older than 75 years prior to the start of therapy": a person older than
        # that is an age, at the anchor; "an MRI not older than 4 years prior to enrolment"
        # (no person before) stays the time since the MRI
        rules.append("age.older_than")
        return None
    wash = washout_window(g, text, atom.start, atom.end, limit, tf) \
        if not age and (tf is None or tf["direction"] == "before" and atom.window is None) else None
    if wash:  # "a minimum of 2-week washout before randomization": a window before the anchor
        rules += wash["_rules"]
        fields.update(type="time", direction="before", event=wash["event"],
                      subject=subject_before(text, atom.start, wash["_end"]))
        return wash
    stable = tf and atom.window is None and tf["direction"] == "before" \
        and _STABLE_FOR.search(text, max(0, atom.start - 50), atom.start)
    lasted = stable or tf and atom.window is None and tf["direction"] == "before" \
        and _FOR_BEFORE.search(text, max(0, atom.start - 30), atom.start) \
        and not _ABSENCE_BEFORE.search(text, max(0, atom.start - 60), atom.start) \
        and not _BEFORE_AND_AFTER.match(text, atom.end)
    if lasted and not stable and _instant_before().search(text, max(0, atom.start - 140), atom.start):
        # "Has initial onset of signs/symptoms ... for <=7 days prior to randomization": an
        # instant lasts no time, so the span is the time since it, the window read below ("after
        # the onset of symptoms and on stable medication for at least 4 weeks" stays a duration)
        rules.append("time.for.instant")
    elif lasted:
        # "on a stable dose for at least 4 weeks before screening", "on mechanical ventilation
        # for more than 48 hours prior to screening": how long it has lasted up to the anchor (a
        # duration); "off steroids for 4 weeks before enrollment" is the time since it ended
        rules.append("time.duration.for")
        tf = None
        fields.update(type="duration", direction=None, event=None,
                      subject=subject_before(text, atom.start, atom.end))
        return None
    if tf and tf["direction"] == "before" and atom.window is None and not age and prognosis_before(text, atom.start):
        # "Life expectancy less than 3 months before COVID-19", "life expectancy of >3 months
        # before lymphodepletion": a survival looks ahead from the anchor, a value, no window
        rules.append("time.prognosis")
        return None
    if tf:
        rules += tf["_rules"]
        word = _relation_window_word().search(text, max(0, atom.start - 20), atom.start) \
            if atom.window is None and atom.comparator is None and tf["event"] is not None \
            and tf["direction"] == "before" else None
        if word:
            # "during 6 months before our trial": a window up to the event, as "during the past";
            # "with 30 days prior to screening" the same, 'with' written for 'within'
            fields["comparator"] = "<="
            rules[:] = [r for r in rules if r != "cmp.implicit.eq"] + [
                "win.within_typo" if word.group("typo") else "win.relation_word"]
        subject = tf.get("subject") or subject_before(text, atom.start, tf["_end"])
        fields.update(type="time", direction=tf["direction"], event=tf["event"], subject=subject)
        return tf
    before200 = text[max(0, atom.start - 200):atom.start].lower() if not age else ""
    if ("from" in before200 or "between" in before200 and _INTERVAL_NOUN.search(before200)) \
            and not _years_value(text, atom):
        between = interval_window(g, text, atom.start)
        if between:  # "Time from symptom onset to randomization ≤ 10 days", "interval between X and Y is ..."
            rules.append("time.interval")
            fields.update(type="time", direction="before", event=between["event"], subject=between["subject"])
            return None
    if not age and not _years_value(text, atom):
        between = between_events(g, text, atom.end)
        if between:  # "An interval of at least 4 weeks between prior radiotherapy and enrollment"
            rules.append("time.between_events")
            fields.update(type="time", direction="before", event=between["event"], subject=between["subject"])
            return None
    if not age and prognosis_before(text, atom.start):
        rules.append("time.prognosis")  # "would limit survival to < 3 months": a value of the survival
        return None
    if not age and _thing_aged(text, atom):
        # "Surgery less than 30 days old", "fracture over 3 days old": how old it is, the time
        # since it, a window before the present
        rules.append("time.thing_old")
        fields.update(type="time", direction="before", event=None, subject=subject_before(text, atom.start, atom.end))
        return None
    if not age and not _years_value(text, atom) and (
            fields.get("comparator") in ("<", "<=", "between")
            or fields.get("comparator") == "=" and text[:atom.start].rstrip().endswith("(")
            and text[atom.end:].lstrip().startswith(")")) \
            and _recent_before().search(text, max(0, atom.start - 80), atom.start):
        # "Recent trauma (< 6 months)", "recent major surgery <14 days": how long ago, an upper
        # bound on the time since it (a window before the present); "Recent skull injury (6
        # months)", "a recent (12 months) history of seizure": the same window, no comparator written
        rules.append("time.recent")
        fields.update(type="time", direction="before", event=None, subject=subject_before(text, atom.start, atom.end))
        return None
    if not age and not _years_value(text, atom) and (
            _SINCE_BEFORE.search(text, max(0, atom.start - 12), atom.start)
            or _TIME_SINCE_BEFORE.search(text, max(0, atom.start - 80), atom.start)
            or _PAREN_SINCE_AFTER.match(text, atom.end)):
        # "Menopausal since at least 6 months", "symptoms since less than 72 hours", "Time since
        # diagnosis of T1DM ≥ 5 years", "At least 4 weeks (6 weeks for nitrosoureas) since prior
        # chemotherapy": the time since it, the subject before the present (CONTRACT "Time":
        # "since" phrasings)
        rules.append("time.since")
        fields.update(type="time", direction="before", event=None, subject=subject_before(text, atom.start, atom.end))
        return None
    if atom.time_unit in ("s", "ms") and measure_in_seconds(text, atom.start):
        rules.append("time.measure")  # "Q-waves of ≥0.03 sec": a value of the measure named
        if "value" in fields:
            fields["normalized"] = {"value": fields["value"], "unit": atom.time_unit}
        return None
    if not age and not _years_value(text, atom):
        since = history_since(g, text, atom.start)
        if since:  # "Onset of symptoms < 5 days": the time since the onset, not how long it lasts
            rules.append("time.history.since")
            fields.update(type="time", direction="before", event=None, subject=since)
            return None
        in_direction = in_span_direction(text, atom.start) if atom.comparator and atom.time_unit in _IN_SPAN_UNITS else None
        if in_direction:  # "positive report in less than 24 hours": a window against the present
            rules.append("time.in_span")
            fields.update(type="time", direction=in_direction, event=None, subject=subject_before(text, atom.start, atom.end))
            return None
        rules.append("time.duration")
        fields.update(type="duration", direction=None, event=None,
                      subject=duration_subject(text, atom.start, atom.end))
    return None


# Units of a window after "in" (a race "in less than 6 minutes" is how long it takes)
_IN_SPAN_UNITS = frozenset({"h", "d", "wk", "mo", "a"})
# a parenthesis between a span and its "since": after the first span or around the second
_PAREN_SINCE_AFTER = re.compile(r"(?:\s*\([^()]{1,60}\)|[^()]{0,60}\))\s+since(?![\w-])", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"(?<![\w-])since\s+$", re.IGNORECASE)
_TIME_SINCE_BEFORE = re.compile(r"(?<![\w-])time\s+since(?![\w-])(?:[^.;\d]|(?<=[A-Za-z])\d|\d(?=[A-Za-z])){0,60}$",
                                re.IGNORECASE)  # digits only inside names ("T1DM")


@lru_cache(maxsize=1)
def _recent_before() -> re.Pattern:
    """A word for recency ('recent_words' of models/time_events.json) before a span in its clause."""
    words = word_alternation(load("time_events")["recent_words"])
    # digits glued to a name's letters are no span ("Recent hospitalization due to COVID-19 (0-3 days)")
    return re.compile(r"(?<![\w-])" + words + r"(?![\w-])(?:[^;:.()\d]|(?<=[A-Za-z]-)\d+){0,60}\(?\s*$", re.IGNORECASE)


# A span before an event paired with a span after it ("for 2 hours before and 1 hour after each
# dose"): one period around the event, two windows that share its anchor (windows.share_anchor_back)
_BEFORE_AND_AFTER = re.compile(r"\s*(?:before|prior\s+to|preceding)\s+(?:and\s*/\s*or|and|or)\s+"
                               r"(?:[\d.]+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s*[a-z]+\s+"
                               r"(?:after|following)(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _instant_before() -> re.Pattern:
    """A word of an event that happens at an instant ('instant_history_words' of
    models/time_events.json: "onset") in the clause before a span, with no mark, "and", "or" or
    stability word between: the head of what the span is of ("after the onset of symptoms and
    on stable medication ... for at least 4 weeks" speaks of the medication)."""
    words = word_alternation(load("time_events")["instant_history_words"])
    return re.compile(r"(?<![\w-])" + words + r"(?![\w-])(?:(?!\b(?:and|or|stable|unchanged|constant)\b)[^.;:]){0,100}$",
                      re.IGNORECASE)


# "for", "for a period of"; "for a" before a comparator read without its article ("for a minimum
# of 3 months": the comparator is "minimum of")
_FOR_BEFORE = re.compile(r"(?<![\w-])for(?:\s+a\s+(?:period|minimum|total)\s+of|\s+an?)?\s+$", re.IGNORECASE)
_ABSENCE_BEFORE = re.compile(r"(?<![\w-])(?:off|stopped|stop|discontinued|discontinue|discontinuation|ceased|"
                             r"washout|wash-out|free|without|no|not|abstain|abstained|withdrawn|withheld|held|"
                             r"interrupted|suspended|lack|completed|abstinent|abstinence|refrain|refrained|quit|quitted)(?![\w-])",
                             re.IGNORECASE)
_STABLE_FOR = re.compile(r"\b(?:stable|unchanged|constant)\b(?:\s+[\w\-/()]+){0,5}?\s+for(?:\s+an?)?\s+$", re.IGNORECASE)


_OLD_AFTER = re.compile(r"\s*(?:-\s*)?old(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _aged_thing_before() -> re.Pattern:
    """An 'aged_things' noun of models/time_events.json right before a span, at most three words
    between and none a person ('history_readers'): "an MRI less than 6 months old", "CL scars
    documented to be > 360 days old"."""
    data = load("time_events")
    person = word_alternation(data["history_readers"])
    return re.compile(r"(?<![\w-])" + word_alternation(data["aged_things"])
                      + r"(?:\s+(?!" + person + r"(?![\w-]))[a-z]+){0,3}\s*$", re.IGNORECASE)


def _thing_aged(text: str, atom: Atom) -> bool:
    """A span of days, weeks, months or hours that 'old' follows, after a thing's noun: the time
    since that thing (CONTRACT "Time": the subject before the present), not an age. Years stay
    ages: "patients with fracture less than 18 years old"."""
    if atom.time_unit in (None, "a") or _OLD_AFTER.match(text, atom.end) is None:
        return False
    thing = _aged_thing_before().search(text, max(0, atom.start - 60), atom.start)
    # an age group's noun before the thing keeps the age: "Children with burns 6 to 24 months old"
    return thing is not None and _age_group_before().search(text, max(0, thing.start() - 60), thing.start()) is None


@lru_cache(maxsize=1)
def _age_group_before() -> re.Pattern:
    """An 'age_group_words' noun (models/time_events.json) earlier in the clause."""
    words = word_alternation(load("time_events")["age_group_words"])
    return re.compile(r"(?<![\w-])" + words + r"(?![\w-])[^.;]*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _age_cues() -> tuple[Folded, Folded]:
    """(age cue, young cue) from models/time_events.json: an 'age_words' word shortly before a
    number; a 'young_words' word right before a bound ("Children (<18)", "Minors (under 18)"):
    that bound is their age."""
    data = load("time_events")
    # at most 16 characters between, with no comma (but one right before the number: "Age, 18 to
    # 65") and no bracket closed that opened before the age word ("Adults (>18)", "Age (years)
    # >= 18" keep it): "If < 24 hours of age, Apgar score < 5", "Lansky Index (depending on the
    # patient's age) ≥ 50" bound a score
    # nor with one of the 'age_cue_stops' between: "18 years of age with at least one of the following"
    age = folded_regex(r"\b" + word_alternation(data["age_words"]) + r"\b(?=[^.;\d]{0,16}$)"
                       r"(?![^.;\d]*\b" + word_alternation(data["age_cue_stops"]) + r"\b)"
                       r"(?:[^.;,()\d]|\([^.;,()\d]*\)|\((?=[^()]*$)|,(?=[\s<>≤≥=]*$))*$")
    young = folded_regex(r"\b" + word_alternation(data["young_words"]) + r"\s*\(?\s*(?:[<>≤≥]=?|under|over|below|above|"
                         r"younger\s+than|older\s+than|less\s+than)?\s*$")
    return age, young


@lru_cache(maxsize=1)
def _age_group_cues() -> tuple[Folded, re.Pattern, Folded, re.Pattern]:
    """From models/time_events.json: an 'age_group_words' noun right before a bound ("infants <12
    months") and an 'age_group_denials' word right after it, which makes the bound a span since an
    event or of a state instead; an 'age_group_people' noun right before a bound ("Patients 1
    month to < 6 months") and what may follow such an age (the clause's end or an
    'age_group_follow_words' word)."""
    data = load("time_events")
    group = folded_regex(r"(?<![\w-])" + word_alternation(data["age_group_words"]) + r"\s*\(?\s*$")
    denial = re.compile(r"\s*[\-‐]?\s*" + word_alternation(data["age_group_denials"]) + r"(?![a-z])(?!\s+(?:age|life)\b)",
                        re.IGNORECASE)
    # not after a parenthesis: "No recent myocardial infarction patients (less than 1 month)"
    people = folded_regex(r"(?<![\w-])" + word_alternation(data["age_group_people"]) + r"\s*$")
    follow = re.compile(r"\s*(?:$|[.,;:)]|" + word_alternation(data["age_group_follow_words"]) + r"(?![\w-]))",
                        re.IGNORECASE)
    return group, denial, people, follow


# an age in years is at most 120: the same bound in the unit written ("≤ 365 days of age")
_AGE_YEARS = {"a": 1, "mo": 1 / 12, "wk": 7 / 365.25, "d": 1 / 365.25, "h": 1 / 8766}
# a criterion that opens with a span of time and a colon before a number labels a row of a table
# by age ("1 month to < 6 months: 0.4 mg/dL", "2 to < 6 years: 0.8 mg/dL")
_BAND_COLON = re.compile(r"\s*:\s*(?:[<>≤≥=]=?\s*)?\d")


_TOLERANCE_BEFORE = re.compile(r"(?:±|\+\s*/\s*-)\s*$")
# a lower bound whose upper bound is an age: "(≥ 42 days and ≤ 89 days) of age"
_NEXT_AGE_BOUND = re.compile(r"\s*(?:and|to|-|–)\s*(?:[<>≤≥]=?\s*)?\d+(?:\.\d+)?\s*[a-z]+\s*\)?\s*(?:of\s+age|old)\b",
                             re.IGNORECASE)
# an age written after a window cue: "within 21 to 90 years of age" is the age's range, no window
_OF_AGE_AFTER = re.compile(r"\s*(?:of\s+age|years?\s+old|-old)\b", re.IGNORECASE)
# an age restated in parentheses in another unit: "Age > 18 months (i.e., > 547 days)"
_RESTATED_AGE_OPEN = re.compile(r"\s*\(\s*(?:(?:i\.\s?e\.|e\.\s?g\.|or)\s*,?\s*)?", re.IGNORECASE)


def _restated_age(text: str, out: list[dict], start: int, value, time_unit: str | None) -> bool:
    """A span of time in parentheses right after an age that is the same span in another unit
    ("Age > 18 months (i.e., > 547 days)", "Age 12-18 months (i.e., 365-547 days)") is that age."""
    if not (time_unit and out and out[-1].get("_age") and out[-1]["span"][1] <= start
            and _RESTATED_AGE_OPEN.fullmatch(text, out[-1]["span"][1], start)):
        return False
    prev = out[-1]
    first = prev.get("value", prev.get("low"))
    return first is not None and _same_span_of_time({"unit": prev.get("unit"), "value": first},
                                                    {"unit": {"ucum": time_unit}, "value": value})


def _age_band(text: str, start: int, end: int) -> bool:
    return _BARE_BEFORE.fullmatch(text, 0, start) is not None and _BAND_COLON.match(text, end) is not None


def _is_age(text: str, atom: Atom) -> bool:
    if not 0 < atom.value * _AGE_YEARS.get(atom.time_unit, 1) <= 120:
        return False
    if _thing_aged(text, atom):
        return False  # "Surgery less than 30 days old": how old the surgery is, no one's age
    if _TOLERANCE_BEFORE.search(text, max(0, atom.num_start - 6), atom.num_start):
        return False  # "9 months (±2 weeks) of age": a tolerance around the age, no age of its own
    if atom.age:
        return True
    if _AGE_WORD.search(text[atom.start:atom.num_start]):
        return True  # the cue names the age: "over the age of 18", "Minimum Age: 18 Years"
    if atom.time_unit is None and atom.unit is None:
        # unitless: only right after an age word ("aged 65 and above", "over the age of 18")
        # (the comparator's words may be long: "age equal to or more than 18")
        age_cue, young_cue = _age_cues()
        return bool(age_cue.search(text[max(0, atom.start - 30):atom.num_start])
                    or atom.start < atom.num_start and age_cue.search(text[max(0, atom.start - 30):atom.start])
                    or young_cue.search(text[max(0, atom.start - 30):atom.num_start]))
    after = text[atom.unit["span"][1]:atom.unit["span"][1] + 60] if atom.unit and "span" in atom.unit else ""
    if atom.unit and atom.unit["text"].lower().endswith("old"):
        return True  # "16years-old"
    if atom.unit and atom.unit["text"].lower().startswith("postnatal"):
        return True  # "≤ 10 postnatal days": the unit names the age
    before = text[max(0, atom.start - 40):atom.start]
    age_after = _AGE_AFTER.match(after)
    if age_after and _AT_THE_TIME.match(after) and _FOR_SPAN.search(before):
        age_after = None  # "stable for at least 30 days at the time of inclusion": how long, no age
    if atom.time_unit is not None and _age_band(text, atom.start, atom.end):
        return True  # "1 month to < 6 months: 0.4 mg/dL": a row of a table by age
    if atom.time_unit != "a":
        # months or weeks of age: "infants 6 to <24 months", "aged 6 weeks", "12 months old"
        if atom.time_unit is None:
            return False
        if age_after or _age_cues()[0].search(text[max(0, atom.start - 30):atom.start]) \
                or _NEXT_AGE_BOUND.match(text, atom.end) or _weeks_of_amenorrhea(text, atom, after):
            return True
        # "neonates < 28 days" (not "post-vaccination" after it), "Patients 1 month to < 6 months"
        group, denial, people, follow = _age_group_cues()
        before = text[max(0, atom.start - 20):atom.start]
        if group.search(before):
            return not denial.match(text, atom.end)
        return bool(people.search(before) and follow.match(text, atom.end))
    group, denial = _age_group_cues()[:2]
    return bool(age_after or _AGE_BEFORE.search(before) or
                group.search(text[max(0, atom.start - 20):atom.start]) and not denial.match(text, atom.end) or
                _OLDER_YOUNGER.search(text[atom.end - 14:atom.end]) or
                # a criterion that is only a bound in years ("< 18 years", "Exclusion: > 75 years"):
                # nothing else is named, so the years are the patient's age, not a span of time
                # (from 12 on, as for _years_value: "> 2 years" alone may be either)
                atom.comparator is not None and atom.value >= 12 and _BARE_BEFORE.fullmatch(text, 0, atom.start) is not None
                and _BARE_AFTER.fullmatch(text, atom.end) is not None)


_AT_THE_TIME = re.compile(r"\s*at\s+the\s+time", re.IGNORECASE)
_FOR_SPAN = re.compile(r"(?<![\w-])for\s*$", re.IGNORECASE)   # "for" right before the span's words
_BARE_BEFORE = re.compile(r"[\s\-–•*·(]*(?:(?:inclusion|exclusion)(?:\s+criteria)?\s*:\s*)?[\s\-–•*·(]*", re.IGNORECASE)
_BARE_AFTER = re.compile(r"[\s.;,)]*")


@lru_cache(maxsize=1)
def _duration_cue() -> Folded:
    """A word saying how long ('duration_words' of models/time_events.json), or "of" but not "of
    age" ("above 65 years of age and below 18 years" is a second age, not how long)."""
    words = word_alternation(load("time_events")["duration_words"])
    return folded_regex(r"\b(?:" + words + r"|of(?!\s+age(?![\w-])))\b[^.;\d]{0,30}$")


def _years_value(text: str, atom: Atom) -> bool:
    """Years with no window and no age cue: a plain value rather than a duration when the number
    is an adult's age ("between 18 and 65 years") and nothing says how long ("for", "lasting")."""
    return atom.time_unit == "a" and atom.value >= 12 and not _duration_cue().search(
        text[max(0, atom.start - 40):atom.start])


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


def _scale_name_cue(g, text: str, pos: int):
    """A comparator cue written before the scale's name rather than its value ("≥ NYHA
    functional classification class 2", "³CTCAE Grade 1"): up to three name words are stepped
    over, never a number word or a joining word ("more than one prior grade 3 event")."""
    for _ in range(3):
        m = _NAME_WORD_BEFORE.search(text, max(0, pos - 30), pos)
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
_OUT_OF = re.compile(r"\s?/\s?(\d{2,3}|[4-9])(?![\d/]|[.,]\d)")  # "ADL < 4/6": a maximum of one digit too
# a rating out of its maximum names its scale before ("score", "VAS", "pain of at least 4/10")
# or, for pain, after ("> 4/10 pain")
_SCORE_BEFORE = re.compile(r"\b(?:score|scale|index|questionnaire|points?|pain|vas|nrs|mmse|moca|i?adl)\b", re.IGNORECASE)
_PAIN_AFTER = re.compile(r"\s*pain\b", re.IGNORECASE)
_ADJACENT_BOUNDS = re.compile(r"\s*(?:of\s+age\s*)?(?:,|and|but)?\s*", re.IGNORECASE)
_BOUNDS_GAP = re.compile(r"[^;.\d<>≤≥=]{0,40}?\b(?:and|but)\s+$", re.IGNORECASE)


_AGE_NEAR_BEFORE = re.compile(r"(?<![\w-])(?:age[ds]?|infants?|toddlers?|children|child|neonates?|newborns?)(?![\w-])"
                              r"[^.;<>≤≥=]{0,30}$", re.IGNORECASE)
_AGE_NEAR_AFTER = re.compile(r"\s*(?:of\s+age|old|-old|of\s+life)\b", re.IGNORECASE)


def _mixed_age_bounds(g, text: str, a: Atom, b: Atom) -> None:
    """An age range whose bounds are in different units ("aged 6 months to 17 years", "between
    6 months and <16 years") is no one range of one unit: each bound is its own age constraint,
    the low one `>=` and the high one `<=` unless written otherwise."""
    if not (a.time_unit and b.time_unit and a.time_unit != b.time_unit and not a.reference and not b.reference
            and a.comparator in (None, ">", ">=") and b.comparator in (None, "<", "<=")):
        return
    # "between 1h of life and 28 days": the first bound's age words stand before the joiner
    gap = _AGE_GAP_WORDS.sub("", text[a.end:b.start if b.comparator else b.num_start])
    if not g.joiner.fullmatch(gap):
        return
    if not (_AGE_NEAR_BEFORE.search(text, max(0, a.start - 50), a.start) or _AGE_NEAR_AFTER.match(text, b.end)
            or _age_band(text, a.start, b.end)):
        return
    for atom, cmp in ((a, ">="), (b, "<=")):
        if atom.comparator is None:
            atom.comparator = cmp
            atom.rules.append("range.mixed_units")
        atom.age = True


_EQ_OR_GAP = re.compile(r"\s*,?\s*or\s+", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?<![\w-])from\s+$", re.IGNORECASE)


def _by_magnitude(a: Atom, b: Atom) -> bool:
    """Bounds below zero written by their size ("T-score between -1.0 and -2.5", "-0.75 to -4.00
    diopters"): one range from the lower number to the higher, when neither bound is strict."""
    return b.value < 0 and a.value <= 0 and a.comparator in (None, "=") and b.comparator is None \
        and not (a.time_unit or b.time_unit)  # no span of time is negative: a schedule's days, or a sign damaged


_BETWEEN_WORD = re.compile(r"\bbetween\s*$", re.IGNORECASE)
_FROM_WORD = re.compile(r"\bfrom\s*$", re.IGNORECASE)
_HYPHEN_GAP = re.compile(r"\s*[-‐‑–]\s*")


def _descending(text: str, a: Atom, b: Atom, gap: str) -> bool:
    """A range written from its high bound ("between 80 and 24 letters", "visual acuity of 69
    to 24 letters", "platelet count between 100,000 and 20,000"): one range, from the lower
    number to the higher, where neither bound has a comparator or is a span of time, both are
    above zero, and "between" stands before it or "to" joins the first to a second with a unit
    (not after "from")."""
    if a.comparator is not None or b.comparator is not None or a.value <= 0 or b.value <= 0 \
            or a.time_unit or b.time_unit:
        return False
    if _BETWEEN_WORD.search(text, max(0, a.start - 12), a.start):
        return True
    # a percentage joined by a hyphen ("saturation 89-85%", "Karnofsky 100-80%"): no share
    # above 100 and no minus sign there; other units stay out ("<130-80 mmHg" is a pressure pair,
    # "315-24" a page range)
    if _HYPHEN_GAP.fullmatch(gap) and b.unit is not None and b.unit["ucum"] == "%" and a.value <= 100:
        return True
    # not after "from": "reduce from 40 mg to 20 mg" is a change, not a range
    return b.unit is not None and gap.strip().lower() == "to" and not _FROM_WORD.search(text, max(0, a.start - 8), a.start)


_STRAY_POINT = re.compile(r"^\.(?=to\s)")


def _range_kind(g, text: str, a: Atom, b: Atom) -> str | None:
    """How atoms a and b form one range, or None: "joined" ("6 to 24", "6 to <24", "10%-30%",
    "between 18 and 65"), "bounds" (a lower and an upper bound: "≥ 18 and ≤ 65 years", "at least
    one ... and no more than four")."""
    upper = b.comparator in ("<", "<=")
    if b.comparator is not None and not upper:
        return None
    gap = _BOUND_NOTE.sub(" ", text[a.end:b.start if b.comparator else b.num_start])  # "50kg (inclusive) and 90kg"
    gap = _STRAY_POINT.sub("", gap)  # "35.5.to 37.7°C": a point typed twice, glued to the joiner
    if b.time_unit and _SUSPENDED_GAP.match(gap):
        gap = _SUSPENDED_GAP.sub(" ", gap, count=1)  # "between 18- and 65-years"
    if a.time_unit and a.time_unit == b.time_unit or a.weeks_days and b.weeks_days:
        gap = _BOUND_NOTE.sub(" ", _AGE_GAP_WORDS.sub("", gap))
    if b.comparator == "<=" and a.comparator is None and not gap.strip() \
            and text[b.start:b.num_start].strip().lower() == "up to" \
            and _FROM_BEFORE.search(text, max(0, a.start - 12), a.start):
        return "joined"  # "aged from 12 up to 50 years": "from ... up to" joins the bounds
    if g.joiner.fullmatch(gap):
        if b.comparator and a.comparator not in (None, "="):
            return None  # "> 18 to < 30", "≥ 18 and ≤ 65": two bounds, each its own constraint
        if gap.strip().lower() != "and" or _BETWEEN.search(text[max(0, a.start - 20):a.start]):
            return "joined"
        return None
    if upper and a.comparator in (">", ">=") and a.unit and b.unit and a.unit["ucum"] == b.unit["ucum"] \
            and not a.window and not b.window and _ADJACENT_BOUNDS.fullmatch(gap):
        return "bounds"  # "≥ 18 years of age < 75 years": one range, its bounds side by side
    if upper and a.comparator in (">", ">=") and _BOUNDS_GAP.fullmatch(gap) and b.unit is None and (
            a.unit is None or a.unit["ucum"].startswith("{")):
        # words before "and" name what both bounds count ("one prior line and no more than
        # four"), never a new measure
        return "bounds"
    return None


def _implicit_windows(g, text: str, found: list[dict]) -> list[dict]:
    """Windows with no number: "within the past month" is a window of one month."""
    out = []
    for w in implicit_windows(g, text, [tuple(c["span"]) for c in found], bound=lambda t, p: _left_cue(g, t, p)):
        ucum, (us, ue), value = w["ucum"], w["unit_span"], w["value"]
        if w["window"] is None:  # "at least a week since ...": the bound's comparator, no window cue
            fields = {"comparator": w["comparator"], "value": value,
                      "unit": {"text": text[us:ue], "ucum": ucum, "span": [us, ue]}, "reference": None,
                      "normalized": {"duration": iso_duration(value, ucum)}}
            rules = [w["rule"], "num.implicit.one", "unit.time"]
            atom = Atom(w["start"], w["end"], us, ue, value, comparator=w["comparator"], time_unit=ucum)
            _time_or_duration(g, text, atom, len(text), False, fields, rules)
            out.append(_constraint(text, w["start"], w["end"], rules, **fields))
            continue
        fields = {"comparator": w["window"]["comparator"], "value": value,
                  "unit": {"text": text[us:ue], "ucum": ucum, "span": [us, ue]}, "reference": None,
                  "normalized": {"duration": iso_duration(value, ucum)}}
        rules = [w["window"]["id"], "num.implicit.one" if value == 1 else "num.implicit.half", "unit.time"]
        atom = Atom(w["start"], w["end"], us, ue, value, time_unit=ucum, window=w["window"])
        _time_or_duration(g, text, atom, len(text), False, fields, rules)
        out.append(_constraint(text, w["start"], w["end"], rules, **fields))
    return out


def _implicit_only(text: str) -> list[dict]:
    return _implicit_windows(grammar(), text, [])


_CUE_NEAR = re.compile(r"[<>≤≥=≧≦⩾⩽]|&[gl][te];|above|below|than|exceed|over|under|least|most|beyond|equal|up to",
                       re.IGNORECASE)


def _bare_references(g, text: str, low: str, found: list[dict]) -> list[dict]:
    out, seen = [], set()
    for hint in _HINT.finditer(low):
        if not _CUE_NEAR.search(text, max(0, hint.start() - 60), hint.start()):
            continue  # no comparator can stand before this reference ("normal renal function")
        for r in g.reference.finditer(text, max(0, hint.start() - 50), min(len(text), hint.end() + 40)):
            if not r.start("ref") <= hint.start() < r.end() or r.start() in seen:
                continue
            seen.add(r.start())
            if text[r.start():r.start("ref")].strip().lower() not in ("", "the"):
                continue  # a multiplier with no number ("x ULN") belongs to a number before it
            if any(c["span"][0] <= r.start() < c["span"][1] for c in found + out):
                continue
            cue = _left_cue(g, text, r.start())
            if cue is None:
                continue  # "within normal limits", "normal renal function"
            out.append(_constraint(text, cue[0], r.end(), [cue[2], "ref." + g.reference_name[
                _WS.sub(" ", r.group("ref").lower())].lower(), "ref.implicit.one"],
                comparator=cue[1], value=1, reference=g.reference_name[_WS.sub(" ", r.group("ref").lower())]))
    return out


# bytes other than a-z as spaces: the words of lower-cased ASCII text in one C pass
_NOT_LETTERS = bytes(b if 97 <= b <= 122 else 32 for b in range(256))


def letter_words(low: str) -> set[str]:
    """The set of `_LETTERS` words (runs of a-z) of lower-cased text."""
    if low.isascii():
        return set(low.encode("ascii").translate(_NOT_LETTERS).decode("ascii").split())
    return set(_LETTERS.findall(low))


_RESTATED_NUMBERS = re.compile(r"\d+")


def _restated_bounds(text: str) -> list[tuple[int, int]]:
    """Spans of models/numbers.json's restated.inclusive_bounds ("aged 20 to 55 years,
    including 20 and 55 years") whose numbers are the bounds of the range right before them."""
    out = []
    for m in accounting.pattern("restated.inclusive_bounds").finditer(text):
        low, high = _RESTATED_NUMBERS.findall(m.group())[:2]
        if re.search(rf"(?<![\d.,]){low}\s*(?:years?\s*)?(?:to|-|–|and)\s*{high}(?![\d.,])",
                     text[max(0, m.start() - 80):m.start()]):
            out.append(m.span())
    return out


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset:
    """Words find() can start from besides digits and reference hints: a number word's longest
    word (see _candidates) and the scale words."""
    return _NUMBER_KEYS | grammar().scale_words


def _digit_or_fold(text: str) -> bool:
    """Whether `text` holds a digit run's start or a letter whose case fold lower() misses."""
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    return _DIGIT_RUN.search(text) is not None or _CASE_ODD.search(text) is not None


def find(text: str, masked: list[tuple[int, int]] | None = None, words: set[str] | None = None
         ) -> tuple[list[dict], str]:
    """Constraints in `text` (offsets relative to it) and how they combine ("all"/"any").
    `words`: letter_words(text.lower()) when the caller has them (extensions.doc_words)."""
    low = text.lower()
    if words is None:
        words = letter_words(low)
    bare_refs = _HINT.search(low) is not None
    implicit = not IMPLICIT_WORDS.isdisjoint(words)
    if not bare_refs and _trigger_words().isdisjoint(words) and not _digit_or_fold(text):
        # most criteria hold no number at all; some a window of one unit ("in the past year")
        return (_implicit_only(text) if implicit else []), "all"
    g = grammar()
    masked = masked or []
    acuity_found = acuity.find(text)  # "20/40 or better": no pair, no score (see acuity.py)
    if acuity_found:
        masked = masked + [tuple(c["span"]) for c in acuity_found]
    if "=" in text or "˜" in text or "≈" in text or "~" in text or "equ" in low:
        # "(1mmhg = 0.133kpa)", "(1 unit of alcohol = 8 g)": a conversion bounds nothing
        conversions = [m.span() for m in accounting.pattern("def.unit_conversion").finditer(text)]
        if conversions:
            masked = masked + conversions
    if "inclusive" in low or "including" in low:
        masked = masked + _restated_bounds(text)
    if "dimension" in words or "dimensions" in words:
        # "measured in at least one dimension": how a lesion is measured, no bound
        masked = masked + [m.span() for m in accounting.pattern("word.dimensions").finditer(text)]
    atoms = _atoms(text, masked, words)
    has_scales = not g.scale_words.isdisjoint(words)
    if not atoms and not has_scales and not bare_refs and not implicit:
        return acuity_found, "all"
    out: list[dict] = []
    logic = "all"
    i = 0
    used_roman: list[tuple[int, int]] = []

    # Scale values first: "NYHA class III or IV", "ECOG 0, 1 or 2", "grade 2", "stage IV".
    scales = _scale_matches(g, text, low, words & g.scale_words) if has_scales else ()
    scale_warnings: dict[int, list] = {}
    for m in scales:
        vals_text = m.group("vals")
        vstart = m.start("vals")
        tokens = list(_SCALE_VALUE.finditer(vals_text))
        values = [parse_number(t.group(), roman=True) for t in tokens]
        if not values or any(v is None for v in values) or max(values) >= 100:
            continue  # "WHO 2016 criteria" names a year, not a grade
        # A scale value glued to a unit or a comparator belongs to the generic atoms ("grade ≥ 2").
        first_abs = vstart + tokens[0].start()
        last_abs = vstart + tokens[-1].end()
        if any(a.num_start == first_abs and (a.comparator or a.unit or a.reference) for a in atoms):
            continue
        if len(tokens) > 1 and any(a.num_start == vstart + tokens[-1].start() and a.time_unit == "a" for a in atoms):
            continue  # "Age category 18-70 years": an age range, its unit on the last bound
        post = _post_cue(g, text, last_abs)
        if post is None and len(values) == 1:
            post = _post_cue_after_noun(g, text, last_abs)
        rules = ["scale.context"]
        roman = any(not t.group()[0].isdigit() for t in tokens)
        if roman:
            rules.append("num.roman")
        seps = vals_text[tokens[0].end():tokens[-1].start()] if len(tokens) > 1 else ""
        start, end = first_abs, last_abs
        if m.group("cmp") and len(values) == 1:
            sym = m.group("cmp")
            fields = {"comparator": _SCALE_SIGNS.get(sym, sym), "value": values[0]}
            start = m.start("cmp")
            rules.append("cmp.scale.symbol")
        elif len(values) == 1:
            if post:
                fields = {"comparator": post[1], "value": values[0]}
                end = post[0]
                rules.append(post[2])
            else:
                cue = _left_cue(g, text, first_abs)
                if cue:
                    continue
                ordinal = _ordinal_cue(text, m, last_abs)
                # "greater than stage 3", ">= grade II", "≥ NYHA functional classification class 2"
                ctx_cue = None if ordinal else _left_cue(g, text, m.start()) or _scale_name_cue(g, text, m.start())
                if ordinal:
                    # "grade 1 or better", "no worse than grade 2": better is a lower value
                    where, at, comparator, rule = ordinal
                    if where == "after":
                        end = at
                    else:
                        start = at
                    fields = {"comparator": comparator, "value": values[0]}
                    rules.append(rule)
                elif ctx_cue:
                    start = ctx_cue[0]
                    fields = {"comparator": ctx_cue[1], "value": values[0]}
                    rules.append(ctx_cue[2])
                    if ctx_cue[2] in g.cue_warnings:  # "³CTCAE Grade 1": the damaged sign alone
                        cue_len = len(next(k for k, v in g.pre_ids.items() if v == ctx_cue[2]))
                        warning = _cue_warning(g, text, start, start + cue_len, ctx_cue[2])
                        if warning:
                            scale_warnings[len(out)] = [warning]
                else:
                    fields = {"comparator": "=", "value": values[0]}
        elif len(values) == 2 and seps.strip() == "/" and values[1] >= 10 and values[1] > values[0] + 1:
            # "raw score of 15/50", "score ≥ 30/100": the value out of the scale's maximum
            fields = {"comparator": "=", "value": values[0]}
            ctx_cue = _left_cue(g, text, m.start())
            if m.group("cmp"):
                sym = m.group("cmp")
                fields["comparator"] = _SCALE_SIGNS.get(sym, sym)
                start = m.start("cmp")
            elif ctx_cue:
                start, fields["comparator"] = ctx_cue[0], ctx_cue[1]
                rules.append(ctx_cue[2])
            rules.append("scale.out_of")
        elif len(values) == 2 and _SCALE_RANGE_SEP.fullmatch(seps):
            # a scale's range written from its high end ("ADAS-Cog scores of 30 to 11", "MMSE
            # 14-0", "BCVA letter score of 73 to 24") is the same range
            fields = {"comparator": "between", "low": min(values), "high": max(values)}
            rules.append("range.scale" if values[0] <= values[1] else "range.scale.descending")
            # "ECOG score is 0-2 points", "calcium level 8.0-10.0 mg/dL": the unit on the last bound
            last = next((a for a in atoms if a.num_start == vstart + tokens[-1].start()
                         and a.unit and not a.time_unit), None)
            if last:
                fields["unit"] = _unit_out(last.unit)
                end = last.end
                rules.append(last.rules[-1])
        else:
            fields = {"comparator": "in", "values": values}
            rules.append("enum.scale")
        out.append(_constraint(text, start, end, rules, **fields))
        if len(out) - 1 in scale_warnings:
            out[-1]["_warnings"] = scale_warnings[len(out) - 1]
        used_roman.append((start, end))

    def overlaps_roman(a: Atom) -> bool:
        return any(s <= a.num_start < e for s, e in used_roman)

    if used_roman:
        atoms = [a for a in atoms if not overlaps_roman(a)]
    skip_from, skip_until = -1, -1
    while i < len(atoms):
        a = atoms[i]
        if skip_from <= a.num_start < skip_until:  # a number inside an event ("prior to Cycle 1 Day 1")
            i += 1
            continue
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        gap = text[a.end:b.num_start] if b else ""
        written = (a, b)
        if b and any(x.weeks_days and x.weeks_days[1] for x in written):
            a, b = replace(a), replace(b)  # the bounds in days, kept only if they make a range
            _in_days(a, b)
        if b and not a.window and not b.window:
            _share_alternatives(text, a, b)
            _mixed_age_bounds(g, text, a, b)
        # between X and Y / X-Y / X to Y; with strict or explicit bounds "6 to <24 months",
        # "≥ 18 and ≤ 65 years", "at least one prior line and no more than four"
        kind = _range_kind(g, text, a, b) if b and not a.window and not a.pair and not b.pair else None
        if kind:
            bet = _BETWEEN.search(text[max(0, a.start - 20):a.start])
            # a lower bound "to" a plain number is one range ("aged >18 years to 99 years",
            # "Aged >=18 to 70 years"): the bound's sign says only whether the low end is in it
            from_ok = a.comparator in (None, "=") or bet or kind == "bounds" or (
                a.comparator in (">", ">=") and b.comparator in ("<", "<=", None))
            unit = b.unit or a.unit
            if from_ok and (a.unit is None or b.unit is None or a.unit["ucum"] == b.unit["ucum"]) \
                    and not (_SCHEDULE_WORDS.search(text[max(0, a.start - 14):a.start])
                             and not (b.unit and _SCHEDULE_NOUN.search(text[max(0, a.start - 14):a.start]))) \
                    and (a.value <= b.value or _by_magnitude(a, b) or _descending(text, a, b, gap)):
                start = a.start
                rules = a.rules + b.rules + ["range.between" if bet else "range.joined"]
                if bet:
                    start = max(0, a.start - 20) + bet.start()
                fields = {"comparator": "between", "low": min(a.value, b.value), "high": max(a.value, b.value),
                          "unit": _unit_out(unit)}
                if a.value > b.value:
                    rules.append("range.negative_by_magnitude" if b.value < 0 else "range.descending")
                if a.comparator == ">" or b.comparator == "<":
                    fields.update(low_inclusive=a.comparator != ">", high_inclusive=b.comparator != "<")
                    rules.append("range.strict")
                ref = b.reference or a.reference
                fields["reference"] = ref
                tu = b.time_unit or a.time_unit
                end = b.end
                age = _is_age(text, Atom(start, end, a.num_start, b.num_end, b.value, time_unit=tu, unit=b.unit or a.unit,
                                         age=any(x.weeks_days and x.weeks_days[2] for x in (a, b))))
                if not age and ref is None and _restated_age(text, out, start, fields["low"], tu):
                    age = True
                    rules.append("age.restated")
                if tu:
                    # the bounds as ordered above (a range written by magnitude comes reversed)
                    fields["normalized"] = {"low": iso_duration(fields["low"], tu), "high": iso_duration(fields["high"], tu)}
                    window = a.window
                    # "within 2-7 days"; not "in the range of 18-65 years" (a range is no window)
                    if window is None and a.comparator is None and not (bet and "range" in bet.group().lower()):
                        win = _left_window(g, text, start)
                        if win:
                            start, window = win
                            rules.append(window["id"])
                    span_atom = Atom(start, end, a.num_start, b.num_end, a.value, window=window, time_unit=tu)
                    limit2 = atoms[i + 2].start if i + 2 < len(atoms) else len(text)
                    _time_or_duration(g, text, span_atom, limit2, age, fields, rules)
                c = _constraint(text, start, end, rules, **fields)
                if a.warnings or b.warnings:
                    c["_warnings"] = a.warnings + b.warnings
                if age:
                    c["_age"] = _age_kind(text, end, a, b)
                    _implied_years(c)
                out.append(c)
                i += 2
                continue
        a, b = written
        # alternatives of a count, the counted thing written once: "one or two oral drugs",
        # "1 or 2 prior lines"
        if b and not (a.comparator or a.unit or a.reference) and b.comparator is None \
                and (b.unit and b.unit["ucum"].startswith("{") or "count.repeats" in b.rules) \
                and _COUNT_OR.fullmatch(gap) \
                and a.value < b.value:
            fields = {"comparator": "in", "values": [a.value, b.value], "unit": _unit_out(b.unit),
                      "reference": None}
            out.append(_constraint(text, a.start, b.end, a.rules + b.rules + ["enum.count"], **fields))
            i += 2
            continue
        if b and a.comparator == "=" and b.comparator is None and a.unit is None and b.unit is None \
                and a.reference is None and b.reference is None and not a.window and not b.window \
                and not a.pair and not b.pair and not a.among and not b.among \
                and _EQ_OR_GAP.fullmatch(text, a.end, b.num_start):
            # "ECOG Performance Status equal to 3 or 4", "ECOG = 3 or 4": one of the values named
            c = _constraint(text, a.start, b.end, a.rules + b.rules + ["enum.eq_or"],
                            comparator="in", values=[a.value, b.value], unit=None, reference=None)
            if a.warnings:
                c["_warnings"] = a.warnings
            out.append(c)
            i += 2
            continue
        marked = a.comparator or a.unit or a.reference or a.among
        if not marked:
            i += 1
            continue
        if a.unit is None and a.reference is None and _CLOCK_AFTER.match(text, a.num_end):
            i += 1  # "not later than 8 pm", "at least 10:00 am": a time of day (ignored), no bound
            continue
        if a.time_unit and a.comparator is None and a.window is None and _EVERY_BEFORE.search(text, max(0, a.start - 8), a.start):
            i += 1  # "300 mg every 4 weeks", "2 doses per 24 hours": a regimen's period, not a span (ignored: schedule)
            continue
        if a.time_unit and study_period(text, a.window, a.end):
            i += 1  # "during the 16 week treatment period": the study's own period, no bound (ignored: schedule)
            continue
        # "24 hour urine", "28 day cycle": a singular time unit after a bare number is a qualifier.
        if a.time_unit and a.comparator is None and a.window is None and a.value != 1 and not a.age \
                and a.unit["text"].lower() in _SINGULAR_TIME and not g.relation.match(text, a.end) \
                and not _SPAN_NOUN.match(text, a.unit["span"][1]) \
                and not (_CLAUSE_END.match(text, a.end) and _FOR_BEFORE.search(text, max(0, a.start - 30), a.start)):
            # ("antibiotics for 72h, except ..." is how long they ran: no noun follows)
            i += 1
            continue
        if a.time_unit == "h" and a.comparator is None and a.window is None \
                and accounting.pattern("name.timed_test").match(text, a.num_start) \
                and not _FOR_BEFORE.search(text, max(0, a.start - 30), a.start):
            # "24 hours urine", "24 hours holter", "24 hours proteinuria": a plural span right
            # before the test it names is that test's name as well (ignored: name); after "for"
            # it is how long ("symptoms for 48 hours urinary retention")
            i += 1
            continue
        if a.time_unit and a.comparator is None and a.window is None \
                and accounting.pattern("name.rate_horizon").match(text, a.num_start):
            i += 1  # "less than 50% survival rate at 1 year": when the rate is taken (ignored: name)
            continue
        fields: dict[str, Any] = {"comparator": a.comparator or "=", "value": a.value,
                                  "unit": _unit_out(a.unit), "reference": a.reference}
        rules = list(a.rules)
        if a.comparator is None:
            rules.append("cmp.implicit.eq")
        age = _is_age(text, a)
        if not age and a.comparator and (a.unit is None or a.time_unit == "a") and a.reference is None and 0 < a.value <= 120 \
                and out and out[-1].get("_age") and out[-1]["span"][1] <= a.start \
                and _AGE_BOUND_GAP.fullmatch(text, out[-1]["span"][1], a.start):
            # "age <18 or >80", "age ≥ 18 and ≤ 65", "age 20 or older and younger than 85", "Aged ≥ 4
            # and < 7 years": the second bound of an age is an age too
            age = True
            rules.append("age.second_bound")
        elif not age and a.reference is None and _restated_age(text, out, a.start, a.value, a.time_unit):
            age = True
            rules.append("age.restated")
        if a.time_unit:
            fields["normalized"] = {"duration": iso_duration(a.value, a.time_unit)}
            tf = _time_or_duration(g, text, a, len(text), age, fields, rules)
            if tf and tf.get("event"):
                # only the event's own numbers: an alternative span may stand before it
                # ("within 30 days or 5 half-lives prior to screening")
                skip_from, skip_until = tf["event"]["span"]
        elif a.unit and a.unit["ucum"] == "{half_lives}" and a.comparator is None \
                and (window := _half_lives_window(text, a.start, out)) is not None:
            # the window's bound holds for the half-lives too; a value, as the contract's time
            # units do not hold half-lives
            fields["comparator"] = window["comparator"]
            rules = [r for r in rules if r != "cmp.implicit.eq"] + ["cmp.shared"]
        c = _constraint(text, a.start, a.end, rules, **fields)
        if a.warnings:
            c["_warnings"] = a.warnings
        if age and fields.get("type") is None:
            c["_age"] = _age_kind(text, a.end, a)
            _implied_years(c)
        # "< 0.26 or > 1.65": alternatives, the criterion holds when either does.
        if out and _OR.match(text[out[-1]["span"][1]:a.start]) and a.comparator and \
                out[-1].get("comparator") in BOUNDS and out[-1]["span"][1] <= a.start:
            logic = "any"
        out.append(c)
        if a.pair:  # "> 150/90 mmHg": one constraint per number, each with the comparator and unit
            second = dict(c, value=a.pair["value"], rules=[r for r in c["rules"] if r != "pair.slash"] + ["pair.second"])
            second["unit"] = dict(c["unit"], **({"span": list(c["unit"]["span"])} if "span" in c["unit"] else {})) \
                if c["unit"] else None
            ps, pe = a.pair["start"], c["span"][1]
            second.update(text=text[ps:pe], span=[ps, pe])
            second.pop("normalized", None)
            second.pop("_warnings", None)  # said once, with the first
            out.append(second)
        i += 1
    if implicit:
        out.extend(_implicit_windows(g, text, out))
    # Relative thresholds with no number: "≥ LLN", "above the upper limit of normal" (value 1:
    # the reference itself). Tried around each reference hint, with the cue read leftwards.
    if bare_refs:
        out.extend(_bare_references(g, text, low, out))
    out = [c for c in out if not _defines_scale(text, c)]
    out = _drop_conversion_notes(text, out)
    _chained_bounds(text, out)
    _shared_reference(text, out)
    out.extend(acuity_found)
    out.sort(key=lambda c: c["span"][0])
    if len(out) > 1:
        _share_windows(g, text, out)
        share_bounds(text, out)
        share_anchor(text, out)
        share_anchor_back(text, out)
        share_anchor_ahead(text, out)
        share_anchor_bounds(text, out)
        _share_restated(text, out)
    return out, logic


# A span restated in parentheses in another time unit: "within 4 weeks (28 days) prior to
# registration", "at least 2 weeks (14 days) since prior radiotherapy".
_RESTATED_OPEN = re.compile(r"\s*\(\s*")
_RESTATED_CLOSE = re.compile(r"\s*\)")


def _same_span_of_time(a: dict, b: dict) -> bool:
    ua, ub = (a.get("unit") or {}).get("ucum"), (b.get("unit") or {}).get("ucum")
    if ua == ub or ua not in DAYS_IN or ub not in DAYS_IN or "value" not in a or "value" not in b:
        return False
    da, db = a["value"] * DAYS_IN[ua], b["value"] * DAYS_IN[ub]
    return da > 0 and abs(da - db) <= 0.1 * da   # "4 weeks (1 month)", "6 months (180 days)"


def _share_restated(text: str, out: list[dict]) -> None:
    """The same span of time restated in parentheses in another unit is the same window: the
    restatement takes the comparator written before it (the registries gold's rule for a bound
    restated in ordinary units), and both take the anchor written after it; a duration the
    restatement shows to be a window ("since prior radiotherapy") becomes that window."""
    for a, b in zip(out, out[1:]):
        if a["type"] not in ("time", "duration") or b["type"] not in ("time", "duration") \
                or "cmp.implicit.eq" not in b["rules"] or a["comparator"] not in BOUNDS:
            continue
        if not (_RESTATED_OPEN.fullmatch(text, a["span"][1], b["span"][0])
                and _RESTATED_CLOSE.match(text, b["span"][1]) and _same_span_of_time(a, b)):
            continue
        # a duration by its own words ("stable dose for at least 12 weeks (84 days) before
        # screening") stays one, and so does its restatement
        s = a["span"][0]
        lasted = "time.duration.for" in a["rules"] or a["type"] == "duration" and bool(
            _STABLE_FOR.search(text, max(0, s - 50), s) or _FOR_BEFORE.search(text, max(0, s - 30), s)
            and not _ABSENCE_BEFORE.search(text, max(0, s - 60), s))
        if b["type"] == "time" and not lasted and (a["type"] == "duration" or a.get("event") is None and b.get("event")):
            if a["type"] == "duration":
                a["rules"] = [r for r in a["rules"] if r != "time.duration"]
            a.update(type="time", direction=b["direction"], event=b.get("event"))
            a["rules"].append("time.restated")
        b.update(type=a["type"], comparator=a["comparator"], direction=a.get("direction"), event=a.get("event"))
        if b["type"] == "duration":   # its anchor words belong to the duration's own phrase
            b["subject"] = a.get("subject")
            b["rules"] = [r for r in b["rules"] if not r.startswith("rel.")]
        b["rules"] = [r for r in b["rules"] if r not in ("cmp.implicit.eq", "time.duration")] + ["cmp.shared.restated"]


# A lower bound written before the measure's name in a chained inequality: "25<BMI<35",
# "18 ≤ age ≤ 75 years", "100 <=LDL-C <=250 mg/dl" (the name: letters first, a few words at most)
_CHAIN_LOW = re.compile(r"(?<![\w.,/])(?P<num>\d+(?:\.\d+)?)\s*(?P<sign><=|=<|≤|⩽|<)\s*"
                        r"[A-Za-z][A-Za-z0-9\-/]*(?:\s+[A-Za-z][A-Za-z0-9\-/]*){0,2}\s*$")


def _chained_bounds(text: str, out: list[dict]) -> None:
    """An upper bound whose measure's name is preceded by a lower bound and its sign is one
    range (the contract's `between`, strict where a sign is '<'): the lower number would
    otherwise be left unparsed."""
    for c in out:
        if c["type"] != "value" or c["comparator"] not in ("<", "<=") or c.get("reference"):
            continue
        s = c["span"][0]
        m = _CHAIN_LOW.search(text, max(0, s - 40), s)
        if not m or float(m.group("num")) >= c["value"]:
            continue
        start = m.start("num")
        if any(o is not c and o["span"][0] < s and o["span"][1] > start for o in out):
            continue  # the lower number is already read
        low_strict, high_strict = m.group("sign") == "<", c["comparator"] == "<"
        high = c.pop("value")
        c.update(comparator="between", low=parse_number(m.group("num")), high=high)
        if low_strict or high_strict:
            c.update(low_inclusive=not low_strict, high_inclusive=not high_strict)
        duration = (c.get("normalized") or {}).get("duration")
        if duration and c.get("unit"):
            c["normalized"] = {"low": iso_duration(c["low"], c["unit"]["ucum"]), "high": duration}
        c["text"], c["span"] = text[start:c["span"][1]], [start, c["span"][1]]
        c["rules"] = c["rules"] + ["range.chained"]


# A multiplier right after a bound that names nothing it multiplies ("Upto 5 times in case of
# chronic liver disease", "greater than 2 times or ... 1.5 times the upper limit of normal"); a
# frequency ("3 times a week", "4 times / day") is no multiple
_BARE_MULTIPLIER = re.compile(r"\s*(?:times|x|×|-?fold)(?![\w/-])(?!\s*(?:per|a|an|each|every|/|daily|weekly|monthly|yearly|in\s+(?:the|a|an|last|past|one|two|\d+))(?![\w-]))",
                              re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;](?:\s|$)")


def _shared_reference(text: str, out: list[dict]) -> None:
    """A bound with a bare multiplier multiplies the normal limit the criterion names for its
    neighbour: the next bound's when the two are alternatives in one sentence, else the one
    before it (the registries gold's rule for alternatives: what is written once holds for each)."""
    for i, c in enumerate(out):
        if c["type"] != "value" or c.get("unit") or c.get("reference") or c["comparator"] not in ("<", "<=", ">", ">=", "="):
            continue
        m = _BARE_MULTIPLIER.match(text, c["span"][1])
        if not m:
            continue
        ref = None
        nxt = next((o for o in out[i + 1:] if o["span"][0] >= m.end()), None)
        if nxt and nxt.get("reference") and nxt["span"][0] - m.end() <= 60 \
                and not _SENTENCE_END.search(text, m.end(), nxt["span"][0]):
            ref = nxt["reference"]
        else:
            prev = next((o for o in reversed(out[:i]) if o["span"][1] <= c["span"][0]), None)
            if prev and prev.get("reference") and c["span"][0] - prev["span"][1] <= 60:
                ref = prev["reference"]
        if ref:
            c.update(reference=ref, text=text[c["span"][0]:m.end()], span=[c["span"][0], m.end()])
            c["rules"] = c["rules"] + ["ref.shared"]


# "(1mmHg=0.133kPa)", "(1 g/dL = 10 g/L)": a unit conversion note in parentheses bounds nothing
_NOTE_OPEN = re.compile(r"\(\s*$")
_NOTE_EQUALS = re.compile(r"\s*=\s*(\d+(?:[.,]\d+)?\s*[^\W\d_][^\s()]*)\s*\)")


def _drop_conversion_notes(text: str, out: list[dict]) -> list[dict]:
    drop: set[int] = set()
    for i, c in enumerate(out):
        s, e = c["span"]
        m = _NOTE_EQUALS.match(text, e)
        if c["type"] != "value" or not c.get("unit") or not m or not _NOTE_OPEN.search(text, max(0, s - 4), s):
            continue
        drop.add(i)
        drop.update(k for k, o in enumerate(out) if e <= o["span"][0] and o["span"][1] <= m.end())
    return [c for i, c in enumerate(out) if i not in drop]


_SCALE_NOUN = re.compile(r"\b(?:scale|nrs|vas)\b", re.IGNORECASE)
# "4-10 on the NRS" is a score on the scale; "0-10 numeric rating scale" names the scale
_SCORE_ON = re.compile(r"\b(?:on|in|of|at|by|the|a|an)\b", re.IGNORECASE)


def _defines_scale(text: str, c: dict) -> bool:
    """A bare value or range that says what a scale runs over ("on a 0-10 numeric rating scale",
    "on 10 point scale") bounds nothing: the threshold is the score written beside it. A
    comparator word keeps it ("at least 2 points on the scale")."""
    rules = c.get("rules", ())
    if c.get("comparator") not in ("=", "between") or any(
            r.startswith("cmp.") and not r.startswith("cmp.implicit") for r in rules):
        return False
    s, e = c["span"]
    noun = _SCALE_NOUN.search(text, e, min(len(text), e + 60))
    if noun is None or _SCORE_ON.search(text, e, noun.start()):
        return False
    return any(m.start() <= s and e <= m.end()
               for m in accounting.pattern("scale.points").finditer(text, max(0, s - 20), noun.end()))


# "At least 4 weeks since prior chemotherapy (6 weeks for nitrosoureas)", "within 4 weeks (3
# months for UCN01) prior to entering the study": a span in parentheses after a window, for a
# named case, is the same window for that case; an "or" may open the parenthesis ("within 72
# hours (or 96 hours for cIAI) prior to the first dose").
_OPEN_AFTER_WINDOW = re.compile(r"[^();:.\d<>≤≥=]{0,80}\(\s*(?:or\s+)?")
_OPEN_RIGHT_AFTER = re.compile(r"\s*\(\s*(?:or\s+)?")
_CASE_WORDS = re.compile(r"\s+(?:for|in|with|if|when|after)\s+", re.IGNORECASE)
_NEXT_CASE = re.compile(r"[^();:.\d<>≤≥=]{0,60}[;,]\s*(?:and\s+|or\s+)?")
_CASE_CLOSE = re.compile(r"\s+(?:for|in|with|if|when|after)\b[^();:<>≤≥=]{1,60}\)")
_CASE_THEN_NEXT = re.compile(r"\s+(?:for|in|with|if|when|after)\b[^();:.\d<>≤≥=]{1,60}?(?:[;,]\s*)?(?:and\s+|or\s+)?")
_CASE_BEFORE_NEXT = re.compile(_CASE_THEN_NEXT.pattern + r"(?=\d)")


# the case after the window's anchor or subject ("A minimum of 2 weeks must have elapsed between
# the end of whole brain radiotherapy and study enrollment (1 week for stereotactic radiotherapy)"),
# an aside in brackets may stand between ("since prior major surgery (e.g., laparotomy) (2 weeks
# for minor surgery)")
_CASE_AFTER_WORDS = re.compile(r"(?:\s*\([^()\d]{1,40}\))?\s*\(\s*(?:or\s+)?")


def _words_end(c: dict, before: int) -> int:
    """Where a window's words end: its span, or its anchor or subject written after it (before `before`)."""
    end = c["span"][1]
    for part in (c.get("event"), c.get("subject")):
        if part and part.get("span") and end <= part["span"][1] <= before:
            end = part["span"][1]
    return end


def _share_windows(g, text: str, out: list[dict]) -> None:
    """A duration written bare in parentheses after a time window, for a named case, takes the
    window's comparator, direction and anchor (the comparator governing alternatives, as in
    `_share_alternatives`); an anchor written after the parenthesis holds for both. The
    parenthesis may also follow the window's anchor or subject ("... between the end of
    radiotherapy and study enrollment (1 week for radiosurgery)"); after a bounded duration with
    no anchor the case takes its bound."""
    for a, b in zip(out, out[1:]):
        since = ("subject.since", "time.since")  # "since" after the spans, or after their parenthesis
        if a["type"] == b["type"] == "time" and any(r in a["rules"] for r in since) \
                and any(r in b["rules"] for r in since) \
                and "cmp.implicit.eq" in b["rules"] and (_OPEN_AFTER_WINDOW.fullmatch(text, a["span"][1], b["span"][0])
                                                         or _NEXT_CASE.fullmatch(text, a["span"][1], b["span"][0])
                                                         and "cmp.shared.window" in a["rules"]):
            # "At least 4 weeks since prior chemotherapy (2 weeks since vincristine; 6 weeks since
            # nitrosoureas)": the cases take the window's comparator
            b["comparator"] = a["comparator"]
            b["rules"] = [r for r in b["rules"] if r != "cmp.implicit.eq"] + ["cmp.shared.window"]
            continue
        if a["type"] == b["type"] == "duration" and "cmp.implicit.eq" in b["rules"] and "time.duration" in a["rules"] \
                and _OPEN_RIGHT_AFTER.fullmatch(text, a["span"][1], b["span"][0]):
            close = _CASE_CLOSE.match(text, b["span"][1])
            windowed = not _FOR_BEFORE.search(text, max(0, a["span"][0] - 30), a["span"][0]) \
                or _ABSENCE_BEFORE.search(text, max(0, a["span"][0] - 60), a["span"][0])
            rel = relation_event(g, text, close.end(), len(text)) if close and windowed else None
            if rel and rel.get("event") and rel["relation"]["direction"] in ("before", "after"):
                # "At least 4 weeks (6 weeks for nitrosoureas) prior to registration": the anchor
                # after the parenthesis makes both spans windows, the case's with the comparator
                for c, comparator in ((a, a["comparator"]), (b, a["comparator"])):
                    c.update(type="time", comparator=comparator, direction=rel["relation"]["direction"], event=rel["event"])
                    c["rules"] = [r for r in c["rules"] if r not in ("cmp.implicit.eq", "time.duration")] + [rel["relation"]["id"]]
                b["rules"].append("cmp.shared.window")
                case = _CASE_WORDS.match(text, close.start())
                end = close.end() - 1
                while end > case.end() and text[end - 1].isspace():
                    end -= 1
                b["subject"] = {"text": text[case.end():end], "span": [case.end(), end]}  # "nitrosoureas"
            elif close and a["comparator"] in BOUNDS:
                # "off previous therapy for at least 3 weeks (6 weeks for BCNU and mitomycin C)":
                # no anchor, the case's span bounded as the span it stands for
                b["comparator"] = a["comparator"]
                b["rules"] = [r for r in b["rules"] if r != "cmp.implicit.eq"] + ["cmp.shared.window"]
            continue
        if a["type"] != "time" or b["type"] != "duration" or "cmp.implicit.eq" not in b["rules"]:
            continue
        # the next case in the same parenthesis ("(4 months for studies conducted in Japan 3 months
        # for studies conducted in the UK)", "(3 days for X, 7 days for Y)") after one that took the window's
        next_case = "cmp.shared.window" in a["rules"] and _CASE_THEN_NEXT.fullmatch(text, a["span"][1], b["span"][0])
        if not next_case and not _OPEN_AFTER_WINDOW.fullmatch(text, a["span"][1], b["span"][0]) \
                and not _CASE_AFTER_WORDS.fullmatch(text, _words_end(a, b["span"][0]), b["span"][0]):
            continue
        close = _CASE_CLOSE.match(text, b["span"][1])
        if not close:
            if not _CASE_BEFORE_NEXT.match(text, b["span"][1]):  # a case that another follows in the parenthesis
                continue
        elif a.get("event") is None and a["direction"] == "before" \
                and ("win.within" in a["rules"] or "time.washout" in a["rules"]):
            at = close.end()
            while at < len(text) and text[at].isspace():
                at += 1
            rel = relation_event(g, text, at, len(text))
            if rel and rel.get("event"):  # "within 4 weeks (3 months for UCN01) prior to entering the study"
                a["direction"], a["event"] = rel["relation"]["direction"], rel["event"]
                a["rules"].append(rel["relation"]["id"])
        b.update(type="time", comparator=a["comparator"], direction=a["direction"], event=a["event"])
        b["rules"] = [r for r in b["rules"] if r not in ("cmp.implicit.eq", "time.duration")] + ["cmp.shared.window"]
