"""Patterns, word sets and the Atom record that the quantity readers share (no spaCy: plain text,
offsets relative to it)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...normalize.numbers import STANDALONE_WORDS
from ...normalize.resources import load
from ..patterns import APPROXIMATE, folded_regex
from ..windows.common import lookback  # noqa: F401 (the quantities' modules read it from here)


LEFT_WINDOW = 60          # characters looked at before a number for comparator/window cues
_ALPHA_AFTER = re.compile(r"[A-Za-z]")
_HYPHEN_WORD = re.compile(r"[\-‐]\s?[A-Za-z]")
_FOLD_AFTER = re.compile(r"[\-‐]\s?folds?(?![\w-])", re.IGNORECASE)
_HALF_LIVES_AFTER = re.compile(r"[\-‐]\s?half(?:\s+|-)?li(?:fe|ves)(?![\w])", re.IGNORECASE)
# Words that number a schedule or a name before a range ("days 1-5", "CD4", "ICD-9 codes 430-437"); a word glued to a
# sign before the number is one too ("5-HT3"), but not a label glued to its colon ("Age:18-55
# years", "Hb:10-12 g/dL", "SpO2:85-89%"): a colon after a word names what the number measures.
# Digits before a glued colon are a ratio or a time ("1:160").
_SCHEDULE_WORDS = folded_regex(
    r"(?:\b(?:day|days|cycle|cycles|week|weeks|visit|version|v|page|table|figure|phase|step|"
    r"part|parts|cohort|cohorts|arm|arms|phases|level|dose level|section|criteria|criterion|item|appendix|gene|chromosome|"
    r"exon|codon|trisomy|monosomy|del|t|type|covid|sars-cov|hpv|hla|ca|cd|il|recist|ctcae|"
    r"iso|icd|dsm|code|codes|stage|grade|class)\s*[\-:#(]?\s*|(?<!\bag)[\w)\]]\s?[\-/.]|(?<![a-z])\d\s?:)$")
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
# (a washout too: "a 1-week washout is permitted", "a 2 week washout": a window, see windows.washout_window);
# and a noun of a span of time, the 'span_nouns' of models/time_events.json: "a 2 week period",
# "within a 6-month interval", "a 28-day window", "a 2 year time frame".
_SPAN_NOUN_FIXED = r"-\s*old\b|old\b|history\b|duration\b|wash-?out\b"


@lru_cache(maxsize=1)
def _span_noun() -> re.Pattern:
    nouns = sorted(load("time_events")["span_nouns"], key=len, reverse=True)
    return folded_regex(r"\s*(?:" + _SPAN_NOUN_FIXED + "|" + "|".join(
        r"\s+".join(re.escape(w) for w in n.split()) + r"\b" for n in nouns) + ")")


def span_noun_at(text: str, pos: int) -> bool:
    """Whether a noun that makes the time unit ending at `pos` a span follows it."""
    return _span_noun().match(text, pos) is not None


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
# drug, whichever is longer)"), and approximate ("within 14 days or about 5x half-life")
_HALF_LIVES_OR = re.compile(r"^\s*(?:,\s*)?\(?\s*(?:or|and/or)\s+(?:" + APPROXIMATE + r"\s+)?$", re.IGNORECASE)
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
# ("upper l": the ULN forms that name no normal, "> upper level limit", "above the upper limit")
_REFERENCE_HINTS = ("uln", "lln", "unl", "normal", "baseline", "ulrr", "llrr", "upper l", "reference range")
_HINT = re.compile("|".join(_REFERENCE_HINTS))  # one scan instead of one `in` per hint
_WS = re.compile(r"\s+")
_SAMPLE_SIZE = re.compile(r"(?<![A-Za-z])[nN]\s*$")
_DIGIT_AHEAD = re.compile(r"\s*\d")
_THAN_AHEAD = folded_regex(r"\s*than\b")
_CLOCK_AFTER = re.compile(r"(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z/])", re.IGNORECASE)  # not "0.3 pm/ml"
# the minutes of a 24-hour time of day after its hour ("later than 11:20", "before 23:00"); a
# titre's ratio ("> 1:80") is one number of its own, its end past the colon
_CLOCK_24_AFTER = re.compile(r":[0-5]\d(?![\d:])")
_EVERY_BEFORE = re.compile(r"(?<![\w-])(?:every|per)\s+$", re.IGNORECASE)
_AGE_WORD = folded_regex(r"\bage[sd]?\b")  # "Aged at least 3 years": the cue's own word
_OLDER_YOUNGER = re.compile(r"or\s+(?:older|younger)|and\s+(?:older|younger)")
_OLDER_YOUNGER_THAN = re.compile(r"(?:older|younger)\s+than\b", re.IGNORECASE)
_SCALE_VALUE = re.compile(r"XII|XI|IX|X|VIII|VII|VI|V|IV|III|II|I|[\u2160-\u217f]|\d+(?:\.\d+)?")
_SCALE_RANGE_SEP = re.compile(r"\s*(?:-|–|－|~|～|to|through)\s*")
# time units a unit read after a post cue may start with ("days per week")
_SINGULAR_TIME_UCUM = frozenset({"min", "h", "d", "wk", "mo", "a"})
# the two temperature scales of models/units.json, one restated in the other ("38.0°C/100.4°F")
_TEMPERATURE_SCALES = frozenset({"Cel", "[degF]"})
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


# "for", "for a period of"; "for a" before a comparator read without its article ("for a minimum
# of 3 months": the comparator is "minimum of")
_FOR_BEFORE = re.compile(r"(?<![\w-])for(?:\s+a\s+(?:period|minimum|total)\s+of|\s+an?)?\s+$", re.IGNORECASE)


# bytes other than a-z as spaces: the words of lower-cased ASCII text in one C pass
_NOT_LETTERS = bytes(b if 97 <= b <= 122 else 32 for b in range(256))


def letter_words(low: str) -> set[str]:
    """The set of `_LETTERS` words (runs of a-z) of lower-cased text."""
    if low.isascii():
        return set(low.encode("ascii").translate(_NOT_LETTERS).decode("ascii").split())
    return set(_LETTERS.findall(low))
