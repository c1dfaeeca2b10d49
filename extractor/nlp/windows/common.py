"""Patterns and rule-data readers that the window readers share: wrapped lines, the bounds of
other constraints, the section cues of models/sections.json, the starts of list items."""
from __future__ import annotations

import re
from contextvars import ContextVar
from functools import lru_cache

from ...normalize.resources import load
from ..patterns import folded_regex, phrase_regex, word_alternation


_WS = re.compile(r"\s+")
_TRAILING_THE = re.compile(r"\s+the$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
# A newline that wraps a line inside a sentence: before a word in lower case, indented (legacy
# ClinicalTrials.gov XML wraps its lines so: "pregnancy test\n     taken within 14 days") or
# after a line as long as a wrapped one; after a word, a comma, a closing bracket or a per cent
# sign ("(hormonal or barrier method, abstinence)\n     prior to study entry", "less than
# 90%\n     at night"). A comparator sign opening the line goes on the sentence too ("time
# between symptoms and inclusion\n= 07 days").
_WRAPPED = re.compile(r"\n(?P<indent>[ \t]{2,})?[a-z(<>≤≥=]")
_WRAP_WIDTH = 50


# a line that ends on a word no sentence ends with ("... abstinence) from the\n     Screening
# visit through 30 days"): the line wraps before whatever word, in whatever case, follows
_DANGLING_END = re.compile(r"(?<![\w-])(?:the|a|an|of|to|from|with|for|and|or|in|on|at|by|than|as|into|between|"
                           r"through|until|per|its|their|his|her)$", re.IGNORECASE)
_WRAPPED_ANY = re.compile(r"\n(?P<indent>[ \t]{2,})?[A-Za-z(]")
# a line that ends on a word a number follows ("discard breast milk from Day\n     1 until two
# weeks after ..."): the line wraps before the number, which no item mark follows
_STEP_END = re.compile(r"(?<![\w-])(?:day|week|visit|cycle|dose|grade|stage|phase|class|type|part|cohort)$", re.IGNORECASE)
_WRAPPED_NUMBER = re.compile(r"\n(?P<indent>[ \t]{2,})?\d+(?![\d.)\]])")


def lookback(text: str, start: int, n: int) -> int:
    """Where a look-back of `n` characters before `start` begins, the blanks of every line break
    in it counted as one: a hard-wrapped line ("every\n     3 weeks", "between the age\n     of
    18 and 65") reads as the same words on one line."""
    k, budget = start, n
    while True:
        lo = max(0, k - budget)
        while lo > 0 and text[lo - 1].isspace():   # (a run of blanks the window starts inside)
            lo -= 1
        at = text.rfind("\n", lo, k)
        if at < 0:
            return max(0, k - budget)   # (most look-backs: no line break in reach)
        end = at + 1   # the run of blanks around the last break: one character
        while end < k and text[end].isspace():
            end += 1
        if k - end >= budget:
            return k - budget
        budget -= k - end + 1
        k = at
        while k > 0 and text[k - 1].isspace():
            k -= 1
        if budget <= 0:
            return k


def copied(item: dict) -> dict:
    """A subject or an event of another constraint, for this one (its span list not shared)."""
    return dict(item, span=list(item["span"]))


# Where the criterion being read starts on its line of the document (the Analyzer sets it for
# each criterion): a criterion that opens mid-line ("... Radiotherapy: At least 4 weeks since
# prior" / "radiotherapy and recovered", a field of an NCI PDQ group exported as one paragraph;
# the second of two numbered items on one line) has a first line as long as the document's line,
# not as its own text.
FIRST_COLUMN: ContextVar[int] = ContextVar("first_column", default=0)


def _wrapped(text: str, at: int, width: int = _WRAP_WIDTH) -> bool:
    """Whether the newline at `at` wraps a line inside a sentence (see _WRAPPED, _DANGLING_END);
    `width`: how long an unindented line must be to be a wrapped one."""
    if at == 0 or not (text[at - 1].isalnum() or text[at - 1] in ",)]%"):
        return False
    m = _WRAPPED.match(text, at)
    dangling = m is None and _DANGLING_END.search(text, max(0, at - 12), at) is not None
    if dangling:
        m = _WRAPPED_ANY.match(text, at)
    if m is None and (dangling or _STEP_END.search(text, max(0, at - 12), at)):
        m = _WRAPPED_NUMBER.match(text, at)  # (and after a dangling word: "and for\n     60 days after")
    if not m:
        return False
    if m.group("indent") is not None:
        return True
    line_start = text.rfind("\n", 0, at) + 1
    return at - line_start + (FIRST_COLUMN.get() if not line_start else 0) >= width


# the time units a span of time is written in ("6 months", "six months", "24h")
_TIME_UNIT = r"(?:years?|yrs?|months?|mos?|weeks?|wks?|days?|hours?|hrs?|[hd])(?![\w-])"


@lru_cache(maxsize=1)
def _other_bounds() -> tuple[re.Pattern, re.Pattern]:
    """(another quantity, another bound) before a number, from 'bound_words' of
    models/time_events.json (written with single spaces):
    - another quantity earlier in the clause, a bound or a "within", ends the subject ("agent
      within 5 half-lives or 4 weeks");
    - a bound of another value (not a window: "agree to take contraception within 7 days of the
      last dose to ensure that they are not pregnant within 3-6 months" is one plan).
    The first also finds a span of time whose number is a word ("alcohol abuse within six months
    of screening or alcohol consumption in the past six months"; not a count, "at least one
    relapse"), its number starting at group "n" (or "d", after a sign)."""
    bounds = word_alternation(load("time_events")["bound_words"], space=" ")
    return (re.compile(r"(?:\b(?:within(?:\s+the)?(?:\s+(?:past|last|previous|prior|preceding))?|" + bounds + r")\s+(?P<n>\d|" + number_words() + r"(?=\s*-?\s*" + _TIME_UNIT + r"))|[<>≤≥=]\s*(?P<d>\d))",
                       re.IGNORECASE),
            re.compile(r"(?:\b" + bounds + r"\s+|[<>≤≥=]\s*)\d", re.IGNORECASE))


@lru_cache(maxsize=1)
def number_words() -> str:
    """The number words of models/numbers.json that can count a span of time ("six months"; not
    "twice", "thrice" nor "hundred"), as one alternation."""
    words = [w for w in load("numbers")["number_words"] if w not in ("twice", "thrice", "hundred")]
    return word_alternation(words)


@lru_cache(maxsize=1)
def time_span() -> str:
    """A span of time, its number in digits or a word ("6 months", "six months", "24h"), as a
    pattern to build on."""
    return r"(?:\d[\d.,]*|" + number_words() + r")\s*-?\s*" + _TIME_UNIT


_MAX_SUBJECT = 120
# the words of a condition that lets patients in ("are eligible if", "allowed if"): what follows
# "if" is the patients' own state, read by the subject and history readers alike
PERMITTED_IF = r"(?:eligible|allowed|permitted|included|acceptable)"


@lru_cache(maxsize=1)
def _cues():
    data = load("time_events")
    # an exception is tried first at each place and found as itself, so it hides the cue it opens
    future = re.compile("|".join(f"(?P<x{i}>{phrase_regex(p)})" for i, p in enumerate(
                            sorted(data["future_cue_exceptions"], key=len, reverse=True))) + "|" +
                        "|".join(phrase_regex(p) for p in sorted(data["future_cues"], key=len, reverse=True)),
                        re.IGNORECASE)
    # (an event verb ends a subject as the trail words do: "Randomisation must occur")
    trail = frozenset(data["subject_trail"]) | {w for w in data["subject_event_verbs"] if " " not in w}
    return future, frozenset(data["subject_lead"]), trail


@lru_cache(maxsize=1)
def _item_starts() -> re.Pattern:
    """Where an item of a list flattened into one line starts (NCI PDQ records: "At least 6
    weeks since biologic therapy No concurrent immunotherapy"): one of the words that open
    such items, capitalized, right after a lower-case word, a number or a closing parenthesis
    with only spaces between. Case matters: "no" inside a sentence is no new item."""
    words = sorted(load("time_events")["item_starts"], key=len, reverse=True)
    # Written "(?<=[a-z0-9%)\]])\s+(?=...)" with its first space taken before the lookbehind
    # (which then reads that space too): a pattern opening with a character class lets the
    # engine skip to the next space in C, where one opening with a lookbehind is entered at
    # every position (a scan cost some 16 µs per criterion). The same matches: each starts at
    # a space after one of those characters and runs over the spaces that follow it. The words'
    # first characters (case matters) are tested before the words: most spaces are followed by
    # none of them, and each word's branch opens with a lookbehind, tried one after the other.
    firsts = "".join(sorted({re.escape(w[0]) for w in words}))
    return re.compile(r"\s(?<=[a-z0-9%)\]]\s)\s*(?=[" + firsts + r"])(?=(?:"
                      + "|".join(phrase_regex(w) for w in words) + r")(?![\w-]))")


# "within 5 half-lives or 4 weeks": the window cue before the first quantity bounds the second;
# the first number may be a word ("within five half-lives or 30 days before ..."), or joined to
# its unit by a hyphen, the unit broken over a line ("within 5-half\n lives or 30 days").
WINDOW_OR = folded_regex(r"(?P<cue>\bwithin)\s+(?:[\d.,]+|one|two|three|four|five|six|seven|eight|nine|ten)"
                         r"\s*[\-‐]?\s*[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?"
                         # what the first span is of: "within five half-lives of the compound or 3 months"
                         r"(?:\s+of\s+(?:the\s+|its\s+|that\s+|this\s+|each\s+|any\s+|an?\s+)?[a-z][\w\-]*)?"
                         r",?\s+or\s+$")
