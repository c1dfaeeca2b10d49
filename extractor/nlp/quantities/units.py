"""What the words right after a number say it counts: its unit (models/units.json forms), a time
unit, weeks and days of a pregnancy, a frequency's period, a counted noun ("2 prior lines"), a rate
per period ("2 mg daily"), an intake, an age as registries export it, a blood-pressure pair."""
from __future__ import annotations

import re
from functools import lru_cache

from ...normalize.resources import load
from ...normalize.units import form_regex, resolve
from ..patterns import Folded, case_free, folded_regex, grammar, word_alternation
from ..windows.common import _wrapped
from .common import Atom, _SINGULAR_TIME_UCUM, _SPACES, _UNIT_GAP, letter_words, lookback
from .cues import _left_cue, _post_cue


def _unit_at(g, text: str, pos: int):
    """Unit right after a number (whitespace allowed) as (end, unit dict, time ucum or None)."""
    at = _UNIT_GAP.match(text, pos).end()
    spelled = _spelled_with_abbreviation(g, text, at)
    if spelled:
        return spelled
    tm = g.time_unit.match(text, at) if g.time_unit_start is None or g.time_unit_start.match(text, at) else None
    uend = g.unit.end(text, at) if g.unit_start is None or g.unit_start.match(text, at) else None
    if uend is not None and (not tm or uend > tm.end()):
        written = text[at:uend]
        ucum = resolve(written)
        if ucum and written.isalpha() and written.isupper() and len(written) <= 3 and _NAME_HYPHEN.match(text, uend):
            ucum = None  # "three CC-stimulated cycles": an abbreviation that opens a compound word, no unit
        if ucum and len(written) == 1 and written.isupper() and _CODE_DIGITS.match(text, uend):
            ucum = None  # "(19del or 21 L858R)": a mutation's code, no litres
        if ucum:
            return uend, {"text": written, "span": [at, uend], "ucum": ucum}, None
    if tm and tm.end() - at == 1 and _NAME_HYPHEN.match(text, tm.end()):
        return None  # "SOFA = 0 D-dimer =500": a letter of the name that follows, not days
    if tm:
        written = text[at:tm.end()]
        ucum = _time_ucum(g, written)
        return tm.end(), {"text": written, "span": [at, tm.end()], "ucum": ucum}, ucum
    return None


# "115 grams (g)/L", "3.5 milliequivalent (mEq)/L": a unit spelled out, its abbreviation in brackets and
# the rest of the unit after the bracket. The whole is one unit, read as the abbreviation and the rest
# ("g/L"); the spelled word alone ("grams") would drop the denominator.
_SPELLED_ABBREVIATION = re.compile(r"([A-Za-z]{3,}) ?\(([A-Za-z]{1,5})\)(?= ?/)")


def _spelled_with_abbreviation(g, text: str, at: int):
    m = _SPELLED_ABBREVIATION.match(text, at)
    if not m:
        return None
    word, abbreviation = m.group(1), m.group(2)
    if word[0].lower() != abbreviation[0].lower():
        return None  # "cells (K)/uL": the bracket abbreviates something else
    spelled, short = resolve(word), resolve(abbreviation)
    if spelled and short and spelled != short:
        return None
    rest = abbreviation + text[m.end():m.end() + 40]
    if g.unit_start is not None and not g.unit_start.match(rest, 0):
        return None
    end = g.unit.end(rest, 0)
    if end is None or end <= len(abbreviation) + 1:
        return None  # nothing but the abbreviation (or its slash) is a unit
    ucum = resolve(rest[:end])
    if not ucum:
        return None
    uend = m.end() + end - len(abbreviation)
    return uend, {"text": text[at:uend], "span": [at, uend], "ucum": ucum}, None


_NAME_HYPHEN = re.compile(r"-[A-Za-z]{2,}")
_CODE_DIGITS = re.compile(r"\d{2,}[A-Za-z]")
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
# ("completed" may stand before the unit: "25+0 - 28+6 completed weeks")
_PLUS_DAYS = re.compile(r"\s?\+\s?([0-6])\s?(?:completed\s+)?(?P<wk>weeks?|wks?)(?![\w])", re.IGNORECASE)
_SEVENTHS = re.compile(r"\s([0-6])/7(?:\s?(?:completed\s+)?(?P<wk>weeks?|wks?)(?![\w])|(?=\s?(?:-|–|to)\s?\d))", re.IGNORECASE)
# A low bound's days after '+', its unit written once after the high bound: "11+0 to 13+6 weeks",
# "24+3 and 32 weeks"
_PLUS_DAYS_BOUND = re.compile(r"\s?\+\s?([0-6])(?=\s?(?:-|–|to|and)\s?\d{1,2}(?:\s?\+\s?[0-6]\s?|\s[0-6]/7\s?|\s?)(?:completed\s+)?(?:weeks?|wks?)(?![\w]))",
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


# A height written in feet and inches: "6 feet 4 inches", "5 ft, 2 in", "6' 3\"", "4′11″", "5 feet and
# 2 inches" (the inches under twelve; "in" not a preposition before a word, "6 feet 2 in the ...")
_FEET_INCHES = re.compile(r"(?P<ft>\s?(?:feet|foot|ft\.?|'|′))(?:\s?,)?\s?(?:and\s+)?(?P<inches>\d{1,2}(?:\.\d+)?)\s?"
                          r"(?:inches|inch|in(?:\.|(?![\w]))(?!\s+(?:the|a|an|his|her|their|this|that|each|total)\b)"
                          r"|\"|''|″|&quot;)", re.IGNORECASE)


def _feet_and_inches(text: str, e: int, value):
    """(unit as _unit_at gives it, value) of a length written in feet and inches after a whole
    number of feet ending at `e`, or None: one quantity in inches (6 feet 4 inches: 76 [in_i]),
    as "the unit's text stays the written unit, its code what the value counts" for a pregnancy's
    weeks and days; not two numbers, the second of which would read as a bound of its own."""
    if not isinstance(value, int):
        return None
    m = _FEET_INCHES.match(text, e)
    if m is None:
        return None
    inches = float(m.group("inches")) if "." in m.group("inches") else int(m.group("inches"))
    if inches >= 12:
        return None
    us = m.start("ft") + len(m.group("ft")) - len(m.group("ft").lstrip())
    unit = {"text": text[us:m.end()], "span": [us, m.end()], "ucum": "[in_i]"}
    return (m.end(), unit, None), value * 12 + inches


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
    # (the words between are the counted thing's qualifiers: no number, relation or comparator
    # word, "greater than 26 after 3 consecutive scores" counts 3 scores, not 26; the first not
    # in title case, which opens the next item of a flattened list: "RBC levels 0-2 Urinary WBC
    # levels", while "three successive Screening measurements" counts them)
    stop = r"(?!(?:of|the|a|an|or|and|to|in|with|for|than|per|from|at|on|by|after|before|over|under|within|during|above|below)\b"
    word = r"[A-Za-z][\w\-]*"
    return re.compile(r"(?:\s+" + stop + r"|(?-i:[A-Z][a-z]+)(?![\w-]))" + word + r"(?:\s+" + stop + r")" + word + r"){0,2}?)??\s+"
                      r"(?:" + "|".join(map(re.escape, nouns)) + r")(?![\w-])", re.IGNORECASE)


def _repeat_count(text: str, e: int):
    """The match of a repeat noun within three words after a count ("2 consecutive
    measurements"), or None. The constraint's span stays on the number: the noun is no unit."""
    return _repeat_pattern().match(text, e)


_SLASH_AMONG = re.compile(r"/(\d{1,2})(?![\d.,/])")
# the space before a counted word, or a wrapped line's break and indentation ("below or equal to
# 3\n     mutations", "4 of\n     6" in a legacy XML record)
_WRAP_GAP = r"(?: |[ \t]*\n[ \t]+)"
# the same for a counted noun and its qualifiers, also where the next line is not indented (an
# NCI PDQ paragraph, a legacy XML item with no mark: "containing at least three antiretroviral\n
# agents"): read across such a break only where it wraps a line (_across)
_LINE_GAP = r"(?: |[ \t]*\n[ \t]*)"
# how long an unindented line must be to be a wrapped one, as for negation scopes (shorter lines
# are statements of their own in corpora written a statement a line)
_COUNT_WRAP_WIDTH = 75


def _across(text: str, m):
    """`m` (a match opening with _LINE_GAP), unless its gap is a line break with no indentation
    after it that wraps no line (windows.common._wrapped), else None."""
    if m is None or text[m.start()] == " " and text[m.start() + 1:m.start() + 2] not in ("\n", " ", "\t"):
        return m
    at = text.find("\n", m.start(), m.end())
    if at < 0 or text[at + 1:at + 2] in (" ", "\t"):
        return m
    return m if _wrapped(text, at, _COUNT_WRAP_WIDTH) else None


# "4 of 6", "two out of three"
_COUNT_AMONG = re.compile(_WRAP_GAP + r"(?:out\s+)?of\s+(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twelve)(?![\w.,/%])",
                          re.IGNORECASE)
_NOT_AMONG_BEFORE = re.compile(r"\b(?:page|pages|step|part|visit|item|question|dose|cycle)\s*$", re.IGNORECASE)
_COUNT_OR = re.compile(r"\s*(?:,\s*)?or\s+", re.IGNORECASE)
# "a single lesion", "double-blind": number words that describe rather than count
_ADJECTIVE_NUMBERS = frozenset({"single", "double", "triple", "once", "twice"})
# digits restating a number word in brackets ("three (3) months"), also on the next line of a
# wrapped text ("stable for three\n     (3) months")
_RESTATED = re.compile(r"(?:\n[ \t]*|\s?)\(\s?(\d{1,3})\s?\)")
# Up to three words between a count and the counted thing ("one unidimensionally measurable
# lesion", "4 different drug regimens"); a word of these ends the search ("one of two lesions").
_QUALIFIER = re.compile(r"\s+([A-Za-z][A-Za-z\-]*)")
_TITLE_WORD = re.compile(r"[A-Z][a-z]+")
_NOT_QUALIFIERS = frozenset(
    "of the a an or and to in with for per than from at on by who that which is are was were be "
    "as if no not nor more less fewer greater higher lower within after before since during "
    # (nor a modal verb: "protocols 051 or 128 must meet study end points" counts no points)
    "must should shall will would may can could might "
    # (nor an auxiliary: "at least one confirmatory test having been performed" counts no "been")
    "been being has have had having".split())
# "or", "and" or "and/or" joining two qualifiers of one counted thing (a whole word: not "order")
_JOIN = re.compile(r"\s+(?:or|and(?:\s*/\s*or)?)(?![A-Za-z\-])", re.IGNORECASE)
# an acronym in brackets among a counted thing's qualifiers ("breakthrough pain (BTP) episodes")
_ACRONYM_ASIDE = re.compile(r"\s*\([A-Z][A-Z0-9]{1,5}\)(?=\s)")


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


# A plural noun in lower case right after a number, not before "/" nor a rate's "of ... per"
# ("2 areas of cognition", "one or more deaths of a ... fetus": {areas}, {deaths}; not "1,000
# copies of HIV RNA per ml", whose unit is per volume, nor "activities of daily living")
# (see _plain_counted_noun)
# (an English plural: not "-ss", "-us" or "-is", as "less", "previous", "contiguous", "diagnosis" end)
# (and not a count of listed items: "at least two signs or symptoms from the list below", "at
# least three classes of the following")
# (the space before it may be a wrapped line's break: _LINE_GAP, _across)
_PLAIN_COUNT = re.compile(_LINE_GAP + r"(?P<noun>[a-z]{2,}[a-hj-rtv-z]s|criteria)(?![\w'’-]|\s?/"
                          r"|\s+of\s[^.;,()\n]{0,40}?\sper\s|\s+of\s+(?:daily|weekly|monthly)(?![\w-])"
                          r"|(?:\s+or\s+[a-z]+)?\s+(?:from|among|in|of)\s+(?:the\s+)?(?:following|list|below|above))")


@lru_cache(maxsize=1)
def _plain_count_stops() -> frozenset:
    """models/units.json 'plain_count_stops', with the repeat nouns (a count of them has no unit)."""
    data = load("units")
    return frozenset(data.get("plain_count_stops", [])) | {n.lower() for n in data.get("repeat_nouns", [])}


# One to three qualifiers before that noun ("fewer than 3 etravirine resistance mutations", "at
# least 2 distinct anatomic areas", "Four or more ACR criteria", "3 primary protease inhibitor
# mutations"): words in lower case or an acronym, none a function or comparison word
# (_NOT_QUALIFIERS), the noun ending the phrase (_QUALIFIED_END: a mark, the text's end, a dash
# between spaces ("2 prior cluster bouts - Subjects must ..."), "other than", a word of
# no noun phrase or a participle after it, "3 prior treatment failures with", "5 or more drinks
# per occasion", "3 primary protease inhibitor mutations among: D30N, ...", "between 80 to 24 letters
# inclusive"; not "2 consecutive
# HIV blood levels", where another noun follows). A counted noun read after a cue ends so too.
_QUALIFIED_WORD = re.compile(_LINE_GAP + r"(?P<word>(?:[a-z]+|[A-Z][A-Z0-9]{1,5})(?:-(?:[a-z]+|[A-Z][A-Z0-9]{0,5}))*)(?=\s)")
_QUALIFIED_END = re.compile(r"\s*(?:[^\w\s-]|$)|\s+-\s|\s+other\s+than\s|\s+(?:in|among|of|for|per|a|an|each|every|within|during|and|or|with|at|on|"
                            r"over|than|that|which|who|from|to|prior|before|after|since|is|are|was|were|have|has|"
                            r"had|must|should|will|may|can|daily|weekly|monthly|a\s+day|a\s+week|inclusive|exclusive"
                            # (or a participle that opens a clause of its own: "at least two cluster
                            # periods lasting from 7 days", "more than one medication belonging to")
                            # (not a word that makes the noun a qualifier: "one ICD pain related diagnosis")
                            r"|(?!(?:related|associated|induced|based|derived|mediated|dependent)(?![\w-]))"
                            r"[a-z]{3,}(?:ing|ed))(?![\w-])", re.IGNORECASE)


def _after_qualifiers(text: str, pos: int, noun: re.Pattern, stops: frozenset, most: int):
    """The match of `noun` (its group "noun" not one of `stops`) at `pos` or after at most `most`
    qualifiers (_QUALIFIED_WORD, none a function word or one of `stops`), ending its phrase
    (_QUALIFIED_END), else None."""
    at = pos
    for _ in range(most + 1):
        m = _across(text, noun.match(text, at))
        if m and m.group("noun") not in stops and _QUALIFIED_END.match(text, m.end()):
            return m
        q = _across(text, _QUALIFIED_WORD.match(text, at))
        if q is None or q.group("word").lower() in _NOT_QUALIFIERS or q.group("word").lower() in stops:
            return None
        at = q.end()
    return None


def _plain_counted_noun(text: str, pos: int, qualified: bool = False):
    """The counted thing a bound's number names right after it when no count unit of
    models/units.json does ("Greater than 3 pulses", "at least 2 blocks": `{pulses}`,
    `{blocks}`), as (end, unit dict), else None (models/units.json 'plain_count_stops').
    `qualified`: the noun may follow one to three qualifiers and must then end its phrase
    (_after_qualifiers)."""
    m = _across(text, _PLAIN_COUNT.match(text, pos))
    if m is None and qualified:
        m = _after_qualifiers(text, pos, _PLAIN_COUNT, _plain_count_stops(), 3)
    if m is None and qualified:
        # a class of drugs, named by its head noun or acronym after up to four qualifiers
        m = _after_qualifiers(text, pos, _drug_class_count(), _plain_count_stops(), 4)
        if m is not None:
            return m.end(), {"text": m.group("noun"), "span": list(m.span("noun")), "ucum": "{medications}"}
    if m is None or m.group("noun") in _plain_count_stops():
        return None
    name = load("units").get("plain_count_aliases", {}).get(m.group("noun"), m.group("noun"))
    return m.end(), {"text": m.group("noun"), "span": list(m.span("noun")), "ucum": "{" + name + "}"}


@lru_cache(maxsize=1)
def _drug_class_count() -> re.Pattern:
    """models/units.json 'drug_class_counts', singular or plural, with their case ("at least 3
    different nucleoside reverse transcriptase inhibitors", "at least 1 NRTI", "2 different PIs")."""
    names = sorted(load("units").get("drug_class_counts", []), key=len, reverse=True)
    return re.compile(_LINE_GAP + r"(?P<noun>(?:" + "|".join(map(re.escape, names)) + r")s?)(?![\w'’-]|\s?/)")


# A singular noun after a bound's number one, at most three qualifiers before it, ending its phrase
# ("no more than 1 site in the thoracic spine", "At least one reactive pupil"): not a word that
# reads as a qualifier by its ending ("at least one measurable", "one positive", "one major")
_SINGULAR_COUNT = re.compile(_LINE_GAP + r"(?P<noun>[a-z]{3,})(?<!al|ve|us|ic|ed|ng|ul|ss|ry|le|ly|er|st|is|ia)(?![\w'’-]|\s?/)")
_IRREGULAR_PLURALS = {"child": "children", "criterion": "criteria", "tooth": "teeth", "foot": "feet",
                      "person": "people", "analysis": "analyses", "diagnosis": "diagnoses"}


@lru_cache(maxsize=1)
def _singular_count_stops() -> frozenset:
    """models/units.json 'singular_count_stops'."""
    return frozenset(load("units").get("singular_count_stops", []))


@lru_cache(maxsize=1)
def _count_form_units() -> dict[str, str]:
    """Lower-cased one-word forms of the count units of models/units.json (annotation units with
    no period, `{episodes}`), and the plain count aliases, by the unit they name."""
    data = load("units")
    out = {f.lower(): u["ucum"] for u in data["units"] if u["ucum"].startswith("{") and "/" not in u["ucum"]
           for f in u["forms"] if re.fullmatch(r"[A-Za-z]+", f)}
    out.update({k: "{" + v + "}" for k, v in data.get("plain_count_aliases", {}).items()})
    return out


def _plural(noun: str) -> str:
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def _singular_counted_noun(text: str, pos: int):
    """The thing a bound's number one counts, written in the singular after at most three
    qualifiers and ending its phrase (_after_qualifiers), as (end, unit dict) with the plural as
    the unit's name ("at least one outflow vessel": `{vessels}`, "no more than one previous
    inpatient medical detoxification": `{detoxifications}`), else None."""
    m = _after_qualifiers(text, pos, _SINGULAR_COUNT, _singular_count_stops(), 3)
    if m is None:
        return None
    noun, plural = m.group("noun"), _plural(m.group("noun"))
    # the plural named as a count unit's form names that unit ("one attack": {episodes})
    ucum = _count_form_units().get(plural, "{" + plural + "}")
    return m.end(), {"text": noun, "span": list(m.span("noun")), "ucum": ucum}


# A therapy counted after a bound's number, its qualifiers before it ("at least one prior systemic
# treatment", "at least 1 hormonal therapy", "at least one prior CLL therapy", "≤ 1 prior
# docetaxel-based chemotherapy"): lines of therapy, `{lines}`, as "prior therapies" and "regimens"
# are (models/units.json); the singular only after a bound, where no schedule's "Day 1 therapy" or
# "Cycle 1 treatment" stands
_THERAPY_COUNT = re.compile(r"(?:\s+(?!(?:of|for|with|in|on|to|and|or|the|a|an|per|than|more|less|at|by|from|each|"
                            r"every|who|which|that|is|are|was|were|be|has|have|had|not|no)(?![\w-]))[A-Za-z][\w+/-]*){0,3}?"
                            r"\s+(?P<noun>(?:therapy|treatment|chemotherapy|chemotherapies)(?:\s+regimens?)?)(?![\w-])(?!\s*-)"
                            # (not a noun that the therapy qualifies: "at least 1 other ACTG antiretroviral
                            # treatment study", "no greater than 3 treatment sites"; a participle after it
                            # is no noun: "not more than one prior systemic chemotherapy allowed")
                            r"(?!\s+(?!(?:for|of|in|with|or|and|to|that|which|as|at|on|by|from|since|before|after|"
                            r"prior|within|during|is|are|was|were|has|have|had|must|should|will|may|can|but|unless|"
                            r"including|such|e\.g|i\.e|if|than|nor|not|allowed|permitted|received|given)(?![\w-]))[a-z])",
                            re.IGNORECASE)


def _therapy_count(text: str, pos: int):
    """(end, unit dict) of a therapy counted after the number ending at `pos` (see _THERAPY_COUNT), or None."""
    m = _THERAPY_COUNT.match(text, pos)
    if m is None:
        return None
    return m.end(), {"text": m.group("noun"), "span": list(m.span("noun")), "ucum": "{lines}"}


def _counted_noun(g, text: str, pos: int, words: set[str] | None = None):
    """The counted thing after a bare count, as (end, unit dict), when it is one of the count
    units of models/units.json (annotation units such as `{lesions}`) within four words.
    `words`: the letter words of the lower-cased text (letter_words), when known."""
    keys = _count_keys()
    if words is not None and keys is not None and text.isascii() and keys.isdisjoint(words):
        return None  # no count unit's first word anywhere in the criterion
    if not _count_hint().search(text, pos, pos + 80):
        return None  # no counted thing's name nearby: most numbers
    at = pos
    joined = False
    for _ in range(5):
        unit = _unit_at(g, text, at)
        if unit and unit[2] is None and unit[1]["ucum"].startswith("{") and "/" not in unit[1]["ucum"]:
            if at != pos and unit[1]["text"].lower() in _adjacent_counts():
                return None  # "2 consecutive HIV blood levels", "2500 m above sea level": no count of levels
            return unit[0], unit[1]
        aside = _ACRONYM_ASIDE.match(text, at) if at != pos else None
        if aside:
            # "1 to 4 breakthrough pain (BTP) episodes per day": the acronym of the qualifiers
            # before it stands between them and the counted thing
            at = aside.end()
            continue
        join = _JOIN.match(text, at) if not joined and at != pos else None
        if join:
            # "one visceral or soft-tissue metastatic lesion", "1 prior chemotherapy or
            # chemoradiotherapy regimen", "at least one measurable and/or evaluable lesion": two
            # qualifiers of one counted thing, once
            joined, at = True, join.end()
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
    # (a route's dotted abbreviation among the words: "225 mg s.c./month", "120 mg s.c. monthly")
    r"(?P<words>(?:\s+(?:of\s+)?[A-Za-z](?:(?:\.[A-Za-z])+\.?|[A-Za-z\-]*)){0,3}?)"
    r"(?:\s*,?\s*\(?\s*or\s+(?:its\s+|an\s+)?equivalents?\s*\)?)?"  # "10 mg of prednisone or equivalent per day"
    r"(?:\s*/\s*|\s+(?:per|a|each|every)\s+|\s+)(?P<period>day|daily|week|weekly|month|monthly|year|hour|minute|d|wk)(?![\w])",
    re.IGNORECASE)
_ON_EACH_PERIOD = re.compile(r"\s+on\s+each\s+(?:of\s+(?:the\s+)?(?:\d+|[a-z]+)\s+)?(?P<period>days?|weeks?)(?![\w-])",
                             re.IGNORECASE)
_PERIOD_UCUM = {"day": "d", "daily": "d", "d": "d", "week": "wk", "weekly": "wk", "wk": "wk",
                "month": "mo", "monthly": "mo", "year": "a", "hour": "h", "minute": "min"}
# "daily", "weekly", "monthly" before the noun they qualify ("daily receipt", "weekly doses")
_ADJECTIVE_PERIOD = re.compile(r"(?:daily|weekly|monthly)\s+(?!(?:for|and|or|in|at|on|during|until|with|to|of|by|from)\b)[a-z]",
                               re.IGNORECASE)
_NOT_RATE_WORDS = frozenset("and or to with for in on at than from prior before after since within "
                            "during until the each every per".split())


# The periods of _PER_PERIOD: a space or a slash before, no word character after, so in ASCII
# text a period is a letter word (letter_words) of the lower-cased text
_PERIOD_WORDS = frozenset(_PERIOD_UCUM)


# a bracketed aside right after a count's unit, on one line and with no bracket inside
_COUNT_ASIDE = re.compile(r"\s*\([^()\n]{1,120}\)")
_ASIDE_BOUND = re.compile(r"[<>≤≥=]|(?<![\w-])(?:no|not|than|least|most|up\s+to|maximum|minimum|max|min|over|under|above|"
                          r"below|exceed\w*)(?![\w-])", re.IGNORECASE)


def _per_period(text: str, pos: int, ucum: str | None, words: set[str] | None = None):
    """(end, UCUM) of a rate whose period follows the unit that ends at `pos`, or None.
    `words`: the text's letter words when the caller has them (no period among them in ASCII
    text: no rate, without the pattern's scan of the words after the unit)."""
    if not ucum or ucum.endswith(("/d", "/wk", "/mo", "/a", "/h", "/min")):
        return None
    if ucum.startswith("{") and text[pos:pos + 3].lstrip()[:1] == "(" and (aside := _COUNT_ASIDE.match(text, pos)) \
            and not _ASIDE_BOUND.search(aside.group()):
        # "at least 20 cigarettes (1 pack, or equivalent) per day", "more than 14 units of alcohol
        # (1 unit of alcohol ˜360 mL beer ...) per week": the period after what the count's unit
        # is; not an aside that bounds ("one cluster headache (but no more than 8) daily")
        return _per_period(text, aside.end(), ucum, words)
    if "each" in text[pos:pos + 12].lower():
        each = _ON_EACH_PERIOD.match(text, pos)
        if each:
            # "not more than 8 headaches on each of the 3 days prior to treatment": a rate per
            # day; the span stays the count's, the days are a window of their own
            return pos, f"{ucum}/{_PERIOD_UCUM[each.group('period').lower().rstrip('s')]}"
    if words is not None and _PERIOD_WORDS.isdisjoint(words) and text.isascii():
        return None
    m = _PER_PERIOD.match(text, pos)
    if not m:
        return None
    words = m.group("words").split()
    if any(w.lower() in _NOT_RATE_WORDS for w in words if w.lower() != "of"):
        return None
    if words and ucum == "%":
        return None  # "2 large glasses of 12% wine per day": the words name what the percentage is of
    if words and ucum in _SINGULAR_TIME_UCUM and _ADJECTIVE_PERIOD.match(text, m.start("period")):
        return None  # "=2 weeks of daily receipt of 20 mg": a span of daily doses, not weeks a day
    period = m.group("period").lower()
    joined = _RATE_JOINER.search(text, pos, m.start("period"))
    if not joined and period not in ("daily", "weekly", "monthly"):
        return None  # "2 mg day 1" is a schedule's day, not a rate
    return m.end(), f"{ucum}/{_PERIOD_UCUM[period]}"


# after a mass, the 24 hours it is counted over, as "1 g/24 hours" writes it ("≤ 1g of protein in
# 24 hours", "< 500 mg of protein per 24 hours", "< 500 mg in a 24 hour urine sample", ">= 0.2 g
# excreted in a 24-hour collection", "at least 20 mg every 24 hours": a rate per 24 hours, the 24
# hours no duration of its own)
_MASS_UCUM = frozenset({"g", "mg", "ug", "kg"})
_IN_24_HOURS = re.compile(r"\s+(?:of\s+(?:total\s+)?(?:urine\s+|urinary\s+)?protein\s+|excreted\s+)?(?:in|per|over|every)\s+"
                          r"(?:24\s*(?:hours?|hrs?|h)(?![\w-])|a\s+24[\s-]*(?:hours?|hrs?|h)\s+(?:urine\s+)?"
                          r"(?:collection|sample|specimen|urinalysis|period)(?![\w-]))", re.IGNORECASE)


def _mass_per_24_hours(text: str, pos: int, ucum: str | None):
    """(end, UCUM) of a mass (unit ending at `pos`) counted over 24 hours, or None."""
    m = _IN_24_HOURS.match(text, pos) if ucum in _MASS_UCUM else None
    return (m.end(), f"{ucum}/(24.h)") if m else None


# before a mass, a 24-hour urine measure that names the period it is counted over ("24-hour urine
# protein ≥ 1.0g", "24-h urine protein quantitation ≥ 1.0 g", "24 hours proteinuria must be >1.5
# g"): the bound is per 24 hours, as "1.5 g/24 hours" is; no digit and no clause mark between (a
# line break only where it wraps an indented line)
_TIMED_URINE_BEFORE = re.compile(r"(?<![\w-])24[\s-]*(?:hours?|hrs?|h)\s+(?:urin(?:e|ary)\s+(?:total\s+)?protein|proteinuria)"
                                 r"(?:[^\d;:\n()]|\n(?=[ \t]{2,})){0,30}$", re.IGNORECASE)


def _mass_per_24_hours_before(text: str, pos: int, ucum: str | None) -> bool:
    """Whether the mass whose number starts at `pos` is one of a 24-hour urine measure named before it."""
    return ucum in _MASS_UCUM and _TIMED_URINE_BEFORE.search(text, lookback(text, pos, 70), pos) is not None


@lru_cache(maxsize=1)
def _dose_period_before() -> re.Pattern:
    """A phrase of models/units.json 'dose_periods' that ends at most three words (a drug's name,
    a comparator) before the number: "daily doses of 10mg prednisone" is 10 mg a day."""
    periods = sorted(load("units").get("dose_periods", {}).items())
    if not periods:
        return re.compile(r"(?!)")
    # one group per period, named by its UCUM code: the group that matched is the period
    body = "|".join(f"(?P<{period}>{word_alternation(phrases)})" for period, phrases in periods)
    # (the high bound of a range after it too: "daily doses of inhaled fluticasone propionate 200 - 500 mcg")
    return re.compile(r"(?<![\w-])(?:" + body + r")(?:\s+[A-Za-z][\w\-]*){0,3}?\s*(?:[<>≤≥=]=?\s*)?"
                      r"(?:\d+(?:\.\d+)?\s*(?:-|–|to)\s*)?$", re.IGNORECASE)


def _dose_period(text: str, pos: int, ucum: str | None) -> str | None:
    """The UCUM period of a dose whose phrase ends before the number at `pos` ("daily dose of"), or None."""
    if not ucum or ucum == "%" or ucum.startswith("{") or ucum.endswith(("/d", "/wk", "/mo", "/a", "/h", "/min")):
        return None
    m = _dose_period_before().search(text, lookback(text, pos, 80), pos)
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
    p = before.search(text, lookback(text, s, 80), s) if m else None
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


_PAIR = re.compile(r"\s?/\s?(?P<n>\d{2,3})(?![\d/]|[.,]\d)")  # "140/90." ends a sentence; "140/90.5" is no pair
_PAIR_CONTEXT = folded_regex(r"\b(?:blood ?pressure|bp|sbp|dbp|systolic|diastolic|hypertension|hypotension|"
                             r"arterial pressure)\b")


def _pair_at(g, text: str, s: int, e: int, value) -> tuple[dict, tuple | None] | None:
    """Two quantities written as a pair ("> 150/90 mmHg", "blood pressure ≥ 140/90"): both whole
    numbers of two or three digits, with a unit after the second or a blood-pressure word before
    (so a Snellen fraction "20/40" or a score "2/10" is not one); "scale_length" says the second
    number is the length of the scale the first is read on ("40/100 mm")."""
    m = _PAIR.match(text, e)
    if not m or not isinstance(value, int) or not 10 <= value < 1000:
        return None
    unit = _unit_at(g, text, m.end())
    if unit and unit[2]:
        return None  # "24/7 days" is no pair of quantities
    if not unit and not _PAIR_CONTEXT.search(text[lookback(text, s, 60):s]):
        return None
    second = int(m.group("n"))
    # "≥ 40/100 mm on a VAS": a rating written with its scale's length (10 or 100 mm, above the
    # rating), one value, not two
    length = unit is not None and unit[1]["ucum"] == "mm" and second in (10, 100) and value < second
    return {"start": m.start("n"), "end": m.end(), "value": second, "scale_length": length}, unit


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
    m = _NOUN_THEN_OPEN.search(text, lookback(text, start, 60), start)
    if not m or not _count_hint().search(m.group(1)):
        return None
    for w in _WORD_START.finditer(text, m.start(1), m.end(1)):
        unit = _unit_at(g, text, w.start())
        if unit and unit[0] == m.end(1) and unit[2] is None and unit[1]["ucum"].startswith("{") \
                and "/" not in unit[1]["ucum"] and unit[1]["text"].lower() not in _adjacent_counts():
            return {"text": unit[1]["text"], "ucum": unit[1]["ucum"]}
    return None
