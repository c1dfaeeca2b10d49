"""Two atoms as one range (or as alternatives sharing a unit), the constraint dict built from atoms,
implicit windows ("in the past year") and bare references ("above the upper limit of normal")."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ...normalize.durations import iso_duration
from ...normalize.resources import load
from ..patterns import APPROXIMATE, grammar
from ..windows import BOUNDS, implicit_windows
from .common import Atom, _BETWEEN, _HALF_LIVES_OR, _HINT, _SUSPENDED_GAP, _TEMPERATURE_SCALES, _WS, lookback
from .cues import _left_cue
from .scales import _ADJACENT_BOUNDS, _AGE_GAP_WORDS, _BOUNDS_GAP, _BOUND_NOTE
from .ages import _age_band, _alone, _is_age, _years_value
from .spans import _time_or_duration


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
# (a bracketed case may follow the first bound's abbreviation: "no greater than 2 times upper limit
# of normal (ULN) (5 times ULN if liver metastases present)")
# (or "of predicted" after a percentage: "at least 40% of predicted (60% for patients who have
# received thoracic radiotherapy)")
_UNIT_ASIDE = re.compile(r"^\s*\([^()\s]{1,12}\)")
# (a bracket may hedge its restatement, patterns.APPROXIMATE: "less than 15 kg (about 33 pounds)")
_ALTERNATIVE_GAP = re.compile(r"\s*(?:,\s*)?(?:or|and/or)\s+|\s*(?:(?:of\s+(?:the\s+)?)?predicted(?:\s+values?)?\s*)?"
                              r"(?:\(\s*[A-Z]{2,5}\s*\)\s*)?\(\s*(?:(?:or|and/or)\s+"
                              r"|(?:" + APPROXIMATE + r"|ca\.|~)\s*)?", re.IGNORECASE)
# the sign between two dimensions of one thing, and the units of length they are written in
_DIMENSION_GAP = re.compile(r"\s*[xX×]\s*")
_LENGTH_UCUM = frozenset({"mm", "cm"})
# between the two pressures of a pair: a side's name, then "and", "or" or "and/or", then the other's
_PRESSURE_PAIR_GAP = re.compile(r"\s*(?:systolic|diastolic|SBP|DBP)?\s*(?:,\s*)?(?:and/or|or|and)\s+"
                                r"(?:(?:a\s+)?(?:systolic|diastolic|SBP|DBP)\s+(?:of\s+|BP\s+)?)?", re.IGNORECASE)
_PRESSURE_SIDE = re.compile(r"(?<![\w-])(?:systolic|diastolic|SBP|DBP)(?![\w-])", re.IGNORECASE)
_SLASH_GAP = re.compile(r"\s?/\s?")
_OPEN_BRACKET_GAP = re.compile(r"\s*\(\s*")
_BARE_OR_GAP = re.compile(r"\s*(?:,\s*)?or\s+", re.IGNORECASE)   # not "and/or": both may hold
_LOST_SIGNS_GAP = re.compile(r"\s*(?:to|and|-)\s*", re.IGNORECASE)
# a word naming another measure after the second bound's unit ("≤ 25 mg prednisone"): the unit
# is that measure's, not the first bound's
_NAME_AFTER_UNIT = re.compile(r"\s+(?!(?:for|in|at|on|of|or|and|to|as|if|with|by|per|when|while|during|before|after|old|"
                              r"who|which|whose)\b)[A-Za-z]",
                              re.IGNORECASE)
_NAME_IN_UNIT = re.compile(r"\s(?!(?:per|a|each|every)\b)[A-Za-z]", re.IGNORECASE)  # "mg prednisone daily"
_BOUNDS_AND_GAP = re.compile(r"\s*(?:and|but|&|to)\s*", re.IGNORECASE)  # "greater than 25 but less than 35kg/m2", "> 30 to < 700 IU/ml"
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
# the sex of the first bound between two bounds: "for men and", "in males or", or the bare word
# right after the unit ("> 470 msec males and > 480 females")
_BY_SEX_GAP = re.compile(r"\s*(?P<open>\(\s*)?(?:(?:for|in)\s+)?(?:men|women|males?|females?|boys|girls)\s*(?(open)\)\s*)"
                         r"(?:,\s*)?(?:and|or)\s+"
                         r"(?:(?P<name>[A-Za-z][\w-]{0,15})\s*)?", re.IGNORECASE)


def _by_sex(text: str, a: Atom, gap: str) -> bool:
    """Whether `gap` (after a's bound, before b's) turns from one sex to the other, naming again
    at most the measure named before a ("QTc > 450ms for males and QTc > 470 for females")."""
    m = _BY_SEX_GAP.fullmatch(gap)
    if m is None:
        return False
    name = m.group("name")
    return name is None or re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text[lookback(text, a.start, 30):a.start]) is not None


def _outside(a: Atom, b: Atom, gap: str) -> bool:
    """Whether a and b bound the two sides outside a range, joined by "and": "< 18 and > 68"."""
    return a.comparator in ("<", "<=") and b.comparator in (">", ">=") and a.value < b.value \
        and _BOUNDS_AND_GAP.fullmatch(gap) is not None


def _share_alternatives(text: str, a: Atom, b: Atom) -> None:
    """What alternatives write once holds for each (the registries gold's convention, from the
    contract's "the record says what the text says"):
    - a unit written after the last one: "(=8 or =25 breaths/min)": 8 is also /min;
    - a unit written with the first, the second for another sex: "QTcF ≥450 ms for men and
      ≥470 for women": 470 is also ms;
    - a comparator governing both: "≤ 3 times ULN (5 times ULN if liver metastases)", "AST ≤ 2x
      ULN or 5X ULN", "≥ 36.6C (98.4F)": the second is also `<=` / `>=`."""
    gap = text[a.end:b.start]
    if a.comparator is None and b.comparator in BOUNDS and b.pre_end is None and a.unit and b.unit \
            and not (a.time_unit or b.time_unit or a.reference or b.reference) \
            and _OPEN_BRACKET_GAP.fullmatch(gap) and ")" in text[b.num_end:b.end]:
        # "walk 15 meters (50 feet) or more", "2.0 mg/dL (177 umol/L) or higher": the bound
        # written after the bracketed restatement holds for the quantity before it too
        a.comparator = b.comparator
        a.rules.append("cmp.shared")
        return
    if a.comparator in BOUNDS and b.comparator is None and a.unit and b.unit and a.unit["ucum"] == b.unit["ucum"] \
            and a.unit["ucum"] in _LENGTH_UCUM and _DIMENSION_GAP.fullmatch(gap):
        # "at least 1.5 cm X 1.5 cm": a lesion's two diameters under one bound
        b.comparator = a.comparator
        b.rules.append("cmp.shared")
        return
    if a.comparator in BOUNDS and b.comparator is None and a.unit and b.unit \
            and a.unit["ucum"] == b.unit["ucum"] == "mm[Hg]" and _PRESSURE_PAIR_GAP.fullmatch(gap) \
            and _PRESSURE_SIDE.search(text, max(0, a.start - 40), min(len(text), b.end + 14)):
        # "blood pressure < 100 mmHg systolic and/or 50 mmHg diastolic": one bound written for
        # the pair, as "< 100/50 mmHg" (a pair with one comparator is two bounds)
        b.comparator = a.comparator
        b.rules.append("cmp.shared")
        return
    if a.comparator in BOUNDS and b.comparator is None and a.unit and b.unit and _SLASH_GAP.fullmatch(gap) \
            and {a.unit["ucum"], b.unit["ucum"]} == _TEMPERATURE_SCALES:
        # "≥ 38.0°C/100.4°F": the bound restated in the other scale, as "≥ 36.6C (98.4F)"
        b.comparator = a.comparator
        b.rules.append("cmp.shared")
        return
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
            and not a.time_unit and _by_sex(text, a, gap):
        b.unit = {"text": a.unit["text"], "ucum": a.unit["ucum"]}
        b.rules.append("unit.shared")
    elif a.unit is None and a.reference is None and b.unit and b.reference is None \
            and (not b.time_unit or b.time_unit == "a" and (_AGE_NEAR_AFTER.match(text, b.end) or _is_age(text, b)
                                                            # an adult's age in years with no window
                                                            # ("Patients >55 but < 65 years")
                                                            or _years_value(text, b))) \
            and (not (b.unit["ucum"] or "").startswith("{") or "/" in b.unit["ucum"]) and (
                # a lower and an upper bound, the unit written once after the second: "≥18.0 and
                # ≤30.0 kg/m2", "> 50 & < 120 kg", an age ("greater than or equal to 18 and less
                # than or equal to 55 years of age"); or by sex: "< 12 for men and < 11 g/dL for women"
                a.comparator in (">", ">=") and b.comparator in ("<", "<=") and a.value < b.value
                and (_BOUNDS_AND_GAP.fullmatch(gap) or _by_sex(text, a, gap))
                and not _NAME_AFTER_UNIT.match(text, b.end) and not _names_measure(b.unit["text"])
                # the two sides outside a range, the unit written once after the second:
                # "Patients < 18 and > 68 years", as "< 18 or > 68 years"
                or _outside(a, b, gap) and not _NAME_AFTER_UNIT.match(text, b.end)
                and not _names_measure(b.unit["text"])
                # one comparator for each sex: "< 12 for men and < 11 g/dL for women"
                or a.comparator and a.comparator == b.comparator and _by_sex(text, a, gap)):
        a.unit = {"text": b.unit["text"], "ucum": b.unit["ucum"]}
        a.rules.append("unit.shared")
    elif a.unit and b.unit is None and b.reference is None and a.comparator and b.comparator \
            and not a.time_unit and not a.unit["ucum"].startswith("{") and _same_name_again(text, a, gap):
        # the same measure named again, its unit written with the first bound only: "MAP ≥
        # 65mmHg or MAP below 65" (65 is also mm[Hg])
        b.unit = {"text": a.unit["text"], "ucum": a.unit["ucum"]}
        b.rules.append("unit.shared")
    elif a.comparator in BOUNDS and b.comparator is None and _by_sex(text, a, gap) \
            and (a.unit and b.unit and a.unit["ucum"] == b.unit["ucum"] or a.reference and a.reference == b.reference) \
            and not a.time_unit:
        # "higher than 14 units a week for males and 7 units a week for females", "QTc > 450 ms
        # for men and 470 ms for women" ("in males and ... in females", "2.5 mg/dL (males) or 2.0
        # mg/dL (females)"): the comparator governs the second sex's bound too; spans of time
        # by sex ("for at least 3 months (in male) and 1 month (in female) following the last
        # dose") are windows, whose bounds share_bounds reads with their relation
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
_CASE_OR = re.compile(r"\s*\([^()]{1,80}\)\s*(?:,\s*)?(?:or|and/or)\s+$", re.IGNORECASE)


def _half_lives_window(text: str, start: int, out: list[dict]) -> dict | None:
    """The time window a half-lives alternative at `start` is written against, or None: the
    constraint right before it ("within 30 days or 5 half-lives (whichever is longer)", "within 4
    weeks prior to the first dose or 5 half-lives"), or the one before that when a case of the
    window's own stands between ("within 3 months (9 months for immunotherapies) or five
    half-lives": that case is still a duration here, made a window later)."""
    # (or a span read as a duration: "the interval is less than 14 days or 5 half-lives")
    if out and out[-1]["type"] in ("time", "duration") and _HALF_LIVES_OR.match(text[_window_end(out[-1], start):start]):
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
    before = _LAST_WORD.search(text, lookback(text, a.start, 40), a.start)
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


_AGE_NEAR_BEFORE = re.compile(r"(?<![\w-])(?:age[ds]?|infants?|toddlers?|children|child|neonates?|newborns?)(?![\w-])"
                              r"[^.;<>≤≥=]{0,30}$", re.IGNORECASE)
_AGE_NEAR_AFTER = re.compile(r"\s*(?:of\s+age|old|-old|of\s+life)\b", re.IGNORECASE)


# a verb or noun of how long something lasts right before a range's first bound
_LASTING_BEFORE = re.compile(r"(?<![\w-])(?:last|lasts|lasting|lasted|duration(?:\s+of)?)\s+(?:from\s+|between\s+)?$", re.IGNORECASE)


def _lone_age_range(text: str, a: Atom, b: Atom) -> bool:
    """A criterion that is only a range from a span in smaller units to years ("6 months - 18
    years"): nothing else is named, so it is the patient's age, as a lone bound in years is."""
    return b.time_unit == "a" and _alone(text, a.start, b.end)


def _mixed_unit_bounds(g, text: str, a: Atom, b: Atom) -> None:
    """An age range whose bounds are in different units ("aged 6 months to 17 years", "between
    6 months and <16 years") is no one range of one unit: each bound is its own age constraint,
    the low one `>=` and the high one `<=` unless written otherwise. So is a range of how long
    something lasts ("attacks lasting 15 minutes to 3 hours"), each bound a duration."""
    if not (a.time_unit and b.time_unit and a.time_unit != b.time_unit and _open_bounds(a, b)):
        return
    # "between 1h of life and 28 days": the first bound's age words stand before the joiner
    gap = _AGE_GAP_WORDS.sub("", text[a.end:b.start if b.comparator else b.num_start])
    if not g.joiner.fullmatch(gap):
        return
    lasting = _LASTING_BEFORE.search(text, lookback(text, a.start, 30), a.start) is not None
    if not (lasting or _AGE_NEAR_BEFORE.search(text, lookback(text, a.start, 50), a.start) or _AGE_NEAR_AFTER.match(text, b.end)
            or _age_band(text, a.start, b.end) or _lone_age_range(text, a, b)):
        return
    _two_bounds(a, b)
    a.age = b.age = not lasting  # "attacks lasting 15 minutes to 3 hours": how long, no age


def _open_bounds(a: Atom, b: Atom) -> bool:
    """Whether two bounds of a range in two units may stand apart: no reference, the low one
    bounded from below or not at all, the high one from above or not at all."""
    return not a.reference and not b.reference and a.comparator in (None, ">", ">=") \
        and b.comparator in (None, "<", "<=")


def _two_bounds(a: Atom, b: Atom) -> None:
    """The low bound `>=` and the high one `<=`, each unless written otherwise."""
    for atom, cmp in ((a, ">="), (b, "<=")):
        if atom.comparator is None:
            atom.comparator = cmp
            atom.rules.append("range.mixed_units")


# lengths and masses whose bounds a range may write in two units ("5.0 feet - 6feet 4 inches")
_MEASURE_KINDS = (frozenset({"mm", "cm", "m", "[in_i]", "[ft_i]"}), frozenset({"g", "kg", "[lb_av]"}))


def _mixed_measure_bounds(g, text: str, a: Atom, b: Atom) -> None:
    """A height or weight range whose bounds are in two units of one kind ("Height 5.0 feet -
    6feet 4 inches", "150 cm to 6 feet") is no one range of one unit: each bound is its own
    constraint, the low one `>=` and the high one `<=` unless written otherwise, as an age's
    bounds in months and years are (`_mixed_unit_bounds`)."""
    low, high = (a.unit or {}).get("ucum"), (b.unit or {}).get("ucum")
    if not low or not high or low == high or not _open_bounds(a, b) \
            or not any(low in kind and high in kind for kind in _MEASURE_KINDS):
        return
    if g.joiner.fullmatch(text[a.end:b.start if b.comparator else b.num_start]):
        _two_bounds(a, b)


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
    if _BETWEEN_WORD.search(text, lookback(text, a.start, 12), a.start):
        return True
    # a percentage joined by a hyphen ("saturation 89-85%", "Karnofsky 100-80%"): no share
    # above 100 and no minus sign there; other units stay out ("<130-80 mmHg" is a pressure pair,
    # "315-24" a page range)
    if _HYPHEN_GAP.fullmatch(gap) and b.unit is not None and b.unit["ucum"] == "%" and a.value <= 100:
        return True
    # not after "from": "reduce from 40 mg to 20 mg" is a change, not a range
    return b.unit is not None and gap.strip().lower() == "to" and not _FROM_WORD.search(text, lookback(text, a.start, 8), a.start)


_STRAY_POINT = re.compile(r"^\.(?=to\s)")
# the plus sign of a range's upper bound when its lower bound is below zero ("-5 dioptre to +5
# dioptre", "z-score (-2 to +1)"): the number's own sign, no part of the joiner
_PLUS_SIGN_END = re.compile(r"\s*\+\s*$")


# a chained inequality, the lower bound written before the measure's name: its sign, then the
# name, before the upper bound's sign ("25<BMI<35", "100 mm/Hg < PaO2/FiO2 < 200", "3.1pmol/L ≤
# Free triiodothyronine (FT3) ≤ 6.8pmol/L", "18 years < age < 50 years"; a name starts with a
# letter, holds no number of its own and at most five words)
_AROUND_GAP = re.compile(r"\s*(?P<sign><=|=<|≤|<)\s*(?P<name>[A-Za-z][^\n;:,<>≤≥=]{0,40}?)\s*")
_LONE_DIGIT = re.compile(r"(?<![A-Za-z\d])\d")   # a number of its own, not a name's ("FiO2", "FT3")


# "18.5 = BMI = 30": both signs of a range around a name written '=', as exports write a lost '≤'
_AROUND_EQ_GAP = re.compile(r"\s*=\s*(?P<name>[A-Za-z][^\n;:,<>≤≥=]{0,40}?)\s*")


def around_lost_signs(text: str, a: Atom, b: Atom) -> bool:
    """Whether a plain number, '=', a name and '=' with a greater number ("18.5 = BMI = 30") are a
    range around the name whose two signs an export lost: a name cannot equal both numbers, so
    the low one is its lower bound and the high one its upper (the '=' warnings are kept)."""
    if b.comparator != "=" or a.comparator is not None or a.window or b.window or not a.value < b.value \
            or text[b.start:b.num_start].strip() != "=":
        return False
    return _names_between(_AROUND_EQ_GAP.fullmatch(text, a.end, b.start))


# "= 18 to = 80 years": the two signs of a range "to" joins, both lost by an export and written '='
_LOST_TO_GAP = re.compile(r"\s*to\s*", re.IGNORECASE)


def lost_signs_to(text: str, a: Atom, b: Atom) -> bool:
    """Whether two bounds written '=' with a lower number first and "to" between ("= 18 to = 80
    years of age", "=18 to =80 years") are one range whose signs an export lost: "to" joins the
    two ends of a range (joined by "and", "= 18 years and = 75 years", they stay two bounds; the
    '=' warnings are kept)."""
    return (a.comparator == "=" and b.comparator == "=" and not a.window and not b.window and a.value < b.value
            and _written_eq(text, a) and _written_eq(text, b) and _LOST_TO_GAP.fullmatch(text, a.end, b.start) is not None)


def _written_eq(text: str, atom: Atom) -> bool:
    """Whether the atom's comparator is a bare "=" sign written before its number (a sign an
    export lost), not the words of an equality."""
    return text[atom.start:atom.num_start].strip() == "="


def _names_between(m: re.Match | None) -> bool:
    """Whether an "around" gap's match holds a name of at most five words and no number of its
    own (digits inside a name, "FiO2", are its letters')."""
    return m is not None and not _LONE_DIGIT.search(m.group("name")) and len(m.group("name").split()) <= 5


def around_sign(text: str, a: Atom, b: Atom) -> str | None:
    """The sign between a plain number and a name that an upper bound follows ("100 mm/Hg <
    PaO2/FiO2 < 200 mm/Hg"): the range's low bound, strict or not; None when the gap is not so."""
    m = _AROUND_GAP.fullmatch(text, a.end, b.start)
    if not _names_between(m):
        return None
    return ">" if m.group("sign") == "<" else ">="


# (not an aside that names the sex the first bound is for: "between 12 (women) and 13 (men)")
_BETWEEN_ASIDE = re.compile(r"^\s*\((?!\s*(?:for\s+)?(?:wo)?m[ae]n\b|\s*(?:fe)?males?\b|\s*boys\b|\s*girls\b)"
                            r"[^()\d]{1,80}\)\s*(?=and\s*$)", re.IGNORECASE)


# An age after the high bound of two numbers joined by "and": "years old", "years of age"
_AGE_AFTER = re.compile(r"[\s-]*(?:old\b|of\s+age\b)", re.IGNORECASE)
# a number and a comma before the low bound, a list of values ("2, 5 and 10 years of age"), or
# "including": the two ages a range before it includes ("aged 18 to 70 years, including 40 and 50
# years old volunteers")
_LISTED_BEFORE = re.compile(r"(?:\d\s*,|\binclu(?:ding|sive\s+of|des?))\s*$", re.IGNORECASE)


def _bare_age_range(text: str, a: Atom, b: Atom) -> bool:
    """Whether "N and M years old" is an age range with its "between" left out ("18 and 75
    years of age", "10 and 16 years old"): the low bound first, no comparator on either, the
    high bound in years and followed by the words of an age."""
    return (a.comparator is None and b.comparator is None and a.unit is None and b.time_unit == "a"
            and a.value < b.value and _AGE_AFTER.match(text, b.end) is not None
            and _LISTED_BEFORE.search(text, lookback(text, a.start, 16), a.start) is None)


def _range_kind(g, text: str, a: Atom, b: Atom) -> str | None:
    """How atoms a and b form one range, or None: "joined" ("6 to 24", "6 to <24", "10%-30%",
    "between 18 and 65"), "bounds" (a lower and an upper bound: "≥ 18 and ≤ 65 years", "at least
    one ... and no more than four")."""
    upper = b.comparator in ("<", "<=")
    if around_lost_signs(text, a, b):
        return "around_lost"
    if lost_signs_to(text, a, b):
        return "lost_to"
    if b.comparator is not None and not upper:
        return None
    if upper and a.comparator is None and not a.window and not b.window and around_sign(text, a, b):
        return "around"  # "100 mm/Hg < PaO2/FiO2 < 200 mm/Hg": the name between its two bounds
    gap = _BOUND_NOTE.sub(" ", text[a.end:b.start if b.comparator else b.num_start])  # "50kg (inclusive) and 90kg"
    gap = _STRAY_POINT.sub("", gap)  # "35.5.to 37.7°C": a point typed twice, glued to the joiner
    if b.comparator is None and a.value is not None and a.value < 0 and not b.time_unit:
        gap = _PLUS_SIGN_END.sub("", gap)
    if "(" in gap and _BETWEEN.search(text[lookback(text, a.start, 20):a.start]):
        # "between 7 days (to reduce the effect of early oedema) and 30 days": after "between" a
        # bracketed aside with no number before "and" leaves the two bounds one range
        gap = _BETWEEN_ASIDE.sub(" ", gap, count=1)
    if a.unit and b.unit and a.unit["ucum"] == b.unit["ucum"] and gap.lstrip().startswith("("):
        # "between 23.0 kilogram per meter square (kg/m^2) and 39.9 kg/m^2": the first unit's
        # abbreviation restated in a bracket
        gap = _UNIT_ASIDE.sub(" ", gap, count=1)
    if b.time_unit and _SUSPENDED_GAP.match(gap):
        gap = _SUSPENDED_GAP.sub(" ", gap, count=1)  # "between 18- and 65-years"
    if a.time_unit and a.time_unit == b.time_unit or a.weeks_days and b.weeks_days:
        gap = _BOUND_NOTE.sub(" ", _AGE_GAP_WORDS.sub("", gap))
    if b.comparator == "<=" and a.comparator is None and not gap.strip() \
            and text[b.start:b.num_start].strip().lower() == "up to" \
            and _FROM_BEFORE.search(text, lookback(text, a.start, 12), a.start):
        return "joined"  # "aged from 12 up to 50 years": "from ... up to" joins the bounds
    if g.joiner.fullmatch(gap):
        if b.comparator and (a.comparator not in (None, "=") or _written_eq(text, a)):
            # "> 18 to < 30", "≥ 18 and ≤ 65": two bounds, each its own constraint; so is "=18 to
            # <60 years", the low end's "=" a sign an export lost ("= 18 to = 80" lost both: lost_to)
            return None
        if gap.strip().lower() != "and" or _BETWEEN.search(text[lookback(text, a.start, 20):a.start]) \
                or _bare_age_range(text, a, b):
            return "joined"
        return None
    if upper and a.comparator in (">", ">=") and not a.window and not b.window and b.unit \
            and (a.unit and a.unit["ucum"] == b.unit["ucum"] and _ADJACENT_BOUNDS.fullmatch(gap)
                 or a.unit is None and not gap.strip()):
        # "≥ 18 years of age < 75 years": one range, its bounds side by side; with nothing
        # between the two signs the unit may be written once, on the high bound ("FiO2 >100
        # <300mmHg", "age >18 <65 years")
        return "bounds"
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


@lru_cache(maxsize=1)
def _qualifier_not_limit() -> tuple[re.Pattern, frozenset]:
    """(the nouns of models/units.json references' 'not_before', right after a reference's word,
    the references that have them): the word qualifies those nouns, no limit."""
    refs = load("units")["references"]
    words = sorted({w for r in refs for w in r.get("not_before", [])}) or ["(?!)"]
    return (re.compile(r"\s+(?:" + "|".join(words) + r")(?![\w-])", re.IGNORECASE),
            frozenset(r["reference"] for r in refs if r.get("not_before")))


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
            qualified, refs = _qualifier_not_limit()
            if qualified.match(text, r.end()) and g.reference_name[_WS.sub(" ", r.group("ref").lower())] in refs:
                continue  # "Under normal circumstances": the word qualifies a noun, no limit
            cue = _left_cue(g, text, r.start())
            if cue is None:
                continue  # "within normal limits", "normal renal function"
            if any(c["span"][1] <= cue[0] and c.get("unit") and not text[c["span"][1]:cue[0]].strip() for c in found):
                continue  # "3 standard deviations above normal": where the quantity is counted from
            out.append(_constraint(text, cue[0], r.end(), [cue[2], "ref." + g.reference_name[
                _WS.sub(" ", r.group("ref").lower())].lower(), "ref.implicit.one"],
                comparator=cue[1], value=1, reference=g.reference_name[_WS.sub(" ", r.group("ref").lower())]))
    return out
