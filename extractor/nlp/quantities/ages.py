"""Whether a quantity is an age (of a person, or how old a thing is), the age cues and bands, and
ages restated in brackets."""
from __future__ import annotations

import re
from functools import lru_cache

from ...normalize.resources import load
from ..patterns import Folded, folded_regex, word_alternation
from ..windows import DAYS_IN
from .common import Atom, _AGE_AFTER, _AGE_BEFORE, _AGE_WORD, _OLDER_YOUNGER, _OLDER_YOUNGER_THAN, lookback
from .units import _weeks_of_amenorrhea


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
    thing = _aged_thing_before().search(text, lookback(text, atom.start, 60), atom.start)
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


@lru_cache(maxsize=1)
def _people_are() -> re.Pattern:
    """An 'age_group_people' noun, then one of the 'age_people_verbs' (models/time_events.json)
    or nothing (group "verb" None), right before a bound with no unit: what the people are is
    their age ("Patient is between 18 and 60", "Patient is older than 85", "patients under 18");
    nothing else of a person is written bare so."""
    data = load("time_events")
    return re.compile(r"(?<![\w-])" + word_alternation(data["age_group_people"]) + r"\s+"
                      + r"(?:(?P<verb>" + word_alternation(data["age_people_verbs"]) + r")\s*)?\Z", re.IGNORECASE)


# the people right before a bound of theirs written as a word or a sign, with no unit ("Parental
# consent for patients under 18", "Subjects over 65"): their age, as with a verb between
_PEOPLE_BOUND_CUE = re.compile(r"(?:under|over|above|below|[<>≤≥]\s*=?|=\s*[<>])\s*", re.IGNORECASE)
# not a score out of a total ("ADL patients <4/6") nor the first of two bounds whose unit comes
# after the second ("Patients ≥1 and ≤6 months after myocardial infarction")
_SCORE_OR_PAIR_AFTER = re.compile(r"\s*(?:/|(?:and|or|to|but|[-–])\s*(?:[<>≤≥]\s*=?\s*)?\d)", re.IGNORECASE)


# an age in years is at most 120: the same bound in the unit written ("≤ 365 days of age")
_AGE_YEARS = {"a": 1, "mo": 1 / 12, "wk": 7 / 365.25, "d": 1 / 365.25, "h": 1 / 8766}
# a criterion that opens with a span of time and a colon before a number labels a row of a table
# by age ("1 month to < 6 months: 0.4 mg/dL", "2 to < 6 years: 0.8 mg/dL")
_BAND_COLON = re.compile(r"\s*:\s*(?:[<>≤≥=]=?\s*)?\d")


_TOLERANCE_BEFORE = re.compile(r"(?:±|\+\s*/\s*-|plus\s+or\s+minus|plus\s*/\s*minus)\s*$", re.IGNORECASE)
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


# "or older" right after a bare number: only a person is older ("Patients 65 and older")
_OLDER_AFTER = re.compile(r"\s*(?:or|and|&)\s+older(?![\w-])", re.IGNORECASE)


def _people_bound(text: str, atom: Atom) -> bool:
    """The people named right before a bound with no unit, with a verb ("Patient is between 18
    and 60") or, for a bound written as a word or a sign, without one ("patients under 18")."""
    m = _people_are().search(text, lookback(text, atom.start, 40), atom.start)
    return m is not None and (m.group("verb") is not None or _PEOPLE_BOUND_CUE.fullmatch(text, atom.start, atom.num_start)
                              is not None and not _SCORE_OR_PAIR_AFTER.match(text, atom.num_end))


def _age_band(text: str, start: int, end: int) -> bool:
    return _BARE_BEFORE.fullmatch(text, 0, start) is not None and _BAND_COLON.match(text, end) is not None


_HISTORY_AFTER = re.compile(r"[\s-]+(?:history|duration)\s+of\b", re.IGNORECASE)


def _is_age(text: str, atom: Atom) -> bool:
    if not 0 < atom.value * _AGE_YEARS.get(atom.time_unit, 1) <= 120:
        return False
    if _thing_aged(text, atom):
        return False  # "Surgery less than 30 days old": how old the surgery is, no one's age
    if _HISTORY_AFTER.match(text, atom.end):
        # "Participant has at least a 1-year history of migraine", "Subjects have at least a
        # 1-year duration of a current diagnosis of OCD": how long, no age
        return False
    if _TOLERANCE_BEFORE.search(text, lookback(text, atom.num_start, 16), atom.num_start):
        # "9 months (±2 weeks) of age", "matched by age (plus or minus 2 years)": a tolerance
        # around an age, no age of its own
        return False
    if atom.age:
        return True
    if _AGE_WORD.search(text[atom.start:atom.num_start]):
        return True  # the cue names the age: "over the age of 18", "Minimum Age: 18 Years"
    if atom.time_unit is None and atom.unit is None:
        # unitless: only right after an age word ("aged 65 and above", "over the age of 18")
        # (the comparator's words may be long: "age equal to or more than 18")
        age_cue, young_cue = _age_cues()
        return bool(_OLDER_AFTER.match(text, atom.num_end)  # "All participants will be 18 or older"
                    or _OLDER_YOUNGER_THAN.search(text, atom.start, atom.num_start)  # "(no older than 40)": the cue names an age
                    or _people_bound(text, atom)  # "Patient is between 18 and 60", "patients under 18"
                    or age_cue.search(text[max(0, atom.start - 30):atom.num_start])
                    or atom.start < atom.num_start and age_cue.search(text[lookback(text, atom.start, 30):atom.start])
                    or young_cue.search(text[max(0, atom.start - 30):atom.num_start])
                    or _bare_age_bound(text, atom))
    after = text[atom.unit["span"][1]:atom.unit["span"][1] + 60] if atom.unit and "span" in atom.unit else ""
    if atom.unit and atom.unit["text"].lower().endswith("old"):
        return True  # "16years-old"
    if atom.unit and atom.unit["text"].lower().startswith("postnatal"):
        return True  # "≤ 10 postnatal days": the unit names the age
    before = text[lookback(text, atom.start, 40):atom.start]
    age_after = _AGE_AFTER.match(after)
    if age_after and _AT_THE_TIME.match(after) and _FOR_SPAN.search(before):
        age_after = None  # "stable for at least 30 days at the time of inclusion": how long, no age
    if atom.time_unit is not None and _age_band(text, atom.start, atom.end):
        return True  # "1 month to < 6 months: 0.4 mg/dL": a row of a table by age
    if atom.time_unit != "a":
        # months or weeks of age: "infants 6 to <24 months", "aged 6 weeks", "12 months old"
        if atom.time_unit is None:
            return False
        if age_after or _age_cues()[0].search(text[lookback(text, atom.start, 30):atom.start]) \
                or _NEXT_AGE_BOUND.match(text, atom.end) or _weeks_of_amenorrhea(text, atom, after):
            return True
        # "neonates < 28 days" (not "post-vaccination" after it), "Patients 1 month to < 6 months"
        group, denial, people, follow = _age_group_cues()
        before = text[lookback(text, atom.start, 20):atom.start]
        if group.search(before):
            return not denial.match(text, atom.end)
        return bool(people.search(before) and follow.match(text, atom.end))
    group, denial = _age_group_cues()[:2]
    return bool(age_after or _AGE_BEFORE.search(before) or
                group.search(text[lookback(text, atom.start, 20):atom.start]) and not denial.match(text, atom.end) or
                _OLDER_YOUNGER.search(text[atom.end - 14:atom.end]) or
                # a criterion that is only a bound in years ("< 18 years", "Exclusion: > 75 years"):
                # nothing else is named, so the years are the patient's age, not a span of time
                # (from 12 on, as for _years_value: "> 2 years" alone may be either)
                atom.comparator is not None and atom.value >= 12 and _alone(text, atom.start, atom.end))


# "18 and over", "Under 18", "70 and under": a criterion that is only a whole number bounded in
# these words names nothing else, so it is the patient's age (the NCI PDQ lists write "Age:" above
# it, which a flattened record may lose)
_AGE_BOUND_WORDS = re.compile(r"(?<![\w-])(?:over|under|older|younger|above|below)(?![\w-])", re.IGNORECASE)


def _bare_age_bound(text: str, atom: Atom) -> bool:
    return (atom.comparator is not None and isinstance(atom.value, int) and 12 <= atom.value <= 120
            and _alone(text, atom.start, atom.end) and _AGE_BOUND_WORDS.search(text, atom.start, atom.end) is not None)


_AT_THE_TIME = re.compile(r"\s*at\s+the\s+time", re.IGNORECASE)
_FOR_SPAN = re.compile(r"(?<![\w-])for\s*$", re.IGNORECASE)   # "for" right before the span's words
_BARE_BEFORE = re.compile(r"[\s\-–•*·(]*(?:(?:inclusion|exclusion)(?:\s+criteria)?\s*:\s*)?[\s\-–•*·(]*", re.IGNORECASE)
_BARE_AFTER = re.compile(r"[\s.;,)]*")


def _alone(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is all the criterion says, but for a side's label, a bullet and
    closing punctuation ("Exclusion: > 75 years", "- 18 and over.")."""
    return _BARE_BEFORE.fullmatch(text, 0, start) is not None and _BARE_AFTER.fullmatch(text, end) is not None


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
        text[lookback(text, atom.start, 40):atom.start])


def _same_span_of_time(a: dict, b: dict) -> bool:
    ua, ub = (a.get("unit") or {}).get("ucum"), (b.get("unit") or {}).get("ucum")
    if ua == ub or ua not in DAYS_IN or ub not in DAYS_IN or "value" not in a or "value" not in b:
        return False
    da, db = a["value"] * DAYS_IN[ua], b["value"] * DAYS_IN[ub]
    return da > 0 and abs(da - db) <= 0.1 * da   # "4 weeks (1 month)", "6 months (180 days)"
