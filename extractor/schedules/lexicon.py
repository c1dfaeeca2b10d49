"""The schedules stage's rules (models/schedules.json) compiled into regular expressions, once.

Each part of a dosing instruction is one named alternative of `parts_regex()`; the number and
range syntax around the data file's forms is written here because it is grammar, not lexicon.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..normalize.units import form_regex
from ..resources import load_rules

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
WNUM = r"(?:" + NUM + r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
TIME_UNIT = r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?)"
# One day or month number, or a range of them; a list of those ("1-4, 9-12, and 17-20").
RANGE = r"\d{1,3}(?:\s*(?:-|–|to|through|thru)\s*\d{1,3})?"
RANGE_LIST = RANGE + r"(?:(?:\s*,\s*(?:and\s+)?|\s*,?\s+and\s+|\s*&\s*)" + RANGE + r")*"


def rules() -> dict[str, Any]:
    return load_rules("schedules.json", "rules/schedules.schema.json")


def _first_chars(form: str) -> str:
    if form[0] == "µ":
        return "µμumMU"
    return form[0].lower() + form[0].upper()


def _alternation(forms: list[str], exact: set[str] = frozenset()) -> str:
    """Forms longest first; those in `exact` keep their case inside a case-ignoring pattern;
    a form that starts with a letter or digit starts a word. The forms are grouped by their
    first character behind a one-character look-ahead: a position is then tried against the
    few forms that can start there, not all of them (the regex engine tries branches in turn)."""
    groups: dict[str, list[str]] = {}
    for form in sorted(set(forms), key=lambda f: (-len(f), f)):
        src = form_regex(form)
        if form[0].isalnum():
            src = r"(?<![\w])" + src
        groups.setdefault(_first_chars(form), []).append(f"(?-i:{src})" if form in exact else src)
    return "|".join(f"(?=[{re.escape(chars)}])(?:{'|'.join(srcs)})" for chars, srcs in sorted(groups.items()))


@lru_cache(maxsize=1)
def unit_table() -> list[tuple[re.Pattern, str]]:
    table = []
    for entry in rules()["dose_units"]:
        for form in entry["forms"]:
            table.append((len(form), re.compile(form_regex(form), re.I), entry["ucum"]))
    table.sort(key=lambda t: -t[0])
    return [(rx, ucum) for _, rx, ucum in table]


@lru_cache(maxsize=1)
def route_table() -> list[tuple[re.Pattern, str]]:
    exact = set(rules()["route_exact_forms"])
    table = []
    for entry in rules()["routes"]:
        for form in entry["forms"]:
            table.append((len(form), re.compile(form_regex(form), 0 if form in exact else re.I), entry["route"]))
    table.sort(key=lambda t: -t[0])
    return [(rx, route) for _, rx, route in table]


@lru_cache(maxsize=1)
def frequency_table() -> list[tuple[re.Pattern, dict[str, Any]]]:
    table = []
    for entry in rules()["frequencies"]:
        for form in entry["forms"]:
            table.append((len(form), re.compile(form_regex(form), re.I), entry))
    table.sort(key=lambda t: -t[0])
    return [(rx, entry) for _, rx, entry in table]


@lru_cache(maxsize=1)
def level_table() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(form_regex(f), re.I), e["level"]) for e in rules()["dose_levels"] for f in e["forms"]]


@lru_cache(maxsize=1)
def parts_regex() -> re.Pattern:
    """Every part of an instruction, one named group per kind; at one place the first
    alternative that matches wins, so the longer readings come first."""
    r = rules()
    units = _alternation([f for e in r["dose_units"] for f in e["forms"]])
    # A unit followed by "/" and a volume or an amount is a concentration ("mg/dL", "mg/g"),
    # not a dose; "mg/day" is a dose and a frequency, "8 mg/bupropion 90 mg" two doses.
    unit = rf"(?:{units})(?!\s*/\s*(?:dL|dl|L|l|mL|ml|liters?|litres?|mmol|mol|g|mg|24|h|hr|min|mm|µL|uL|m3)\b)"
    route_exact = set(r["route_exact_forms"])
    routes = _alternation([f for e in r["routes"] for f in e["forms"]], route_exact)
    route_abbrev = _alternation(sorted(route_exact))
    freq_forms = [f for e in r["frequencies"] for f in e["forms"] if f != "once"]
    freqs = _alternation(freq_forms)
    levels = _alternation([f for e in r["dose_levels"] for f in e["forms"]])
    n = rf"(?<![\w.,/-])(?:{NUM})"
    alternatives = [
        # "10 mg", "2.5 mg to 5 mg", "20-80 mg", "AUC 5"
        rf"(?P<dose>AUC\s*(?:of\s*|=\s*)?(?:{NUM})|{n}\s*(?:(?:{unit})\s*)?(?:-|–|to)\s*(?:{NUM})\s*(?:{unit})|{n}\s*(?:{unit}))",
        rf"(?P<cycle>{n}[-\s](?:day|week|wk)\s+(?:treatment\s+)?(?:cycles?|courses?)\b"
        rf"|(?:cycles?|courses?)\s+(?:of|lasting)\s+(?:{NUM})\s+(?:days|weeks)\b"
        rf"|(?:cycles?|courses?)\s+(?:(?:are|is)\s+)?repeat(?:s|ed)?\s+every\s+(?:{NUM})\s+(?:days|weeks)\b)",
        rf"(?P<cycles>(?:for\s+)?(?:(?:up\s+to|a\s+maximum\s+of|at\s+least|a\s+total\s+of)\s+)?"
        rf"\b{WNUM}\s+(?:more\s+|additional\s+|further\s+)?(?:treatment\s+)?(?:cycles|courses)\b"
        rf"|\b(?:cycles|courses)\s+{RANGE_LIST}\b)",
        rf"(?P<days>\bdays?\s+{RANGE_LIST}\b)",
        rf"(?P<months>\bmonths?\s+{RANGE_LIST}\b)",
        rf"(?P<weeks>\bweeks?\s+{RANGE_LIST}\b)",
        rf"(?P<infusion>\bover\s+(?:a\s+period\s+of\s+)?(?:approximately\s+|about\s+)?(?:{NUM})"
        rf"(?:\s*(?:-|to)\s*(?:{NUM}))?\s*(?:minutes?|mins?|hours?|hrs?|h)\b)",
        rf"(?P<duration>\b(?:for|during|x|×)\s+(?:(?:up\s+to|a\s+total\s+of|at\s+least|a\s+maximum\s+of)\s+)?"
        rf"{WNUM}\s+(?:additional\s+|more\s+|further\s+|consecutive\s+|total\s+)?{TIME_UNIT}\b)",
        rf"(?P<frequency>\bevery\s+{WNUM}\s*(?:hours?|hrs?|h|days?|weeks?|wks?|months?)\b"
        rf"|\bq\s?\d{{1,2}}\s?(?:h|hr|hrs|hours|d|days|w|wk|wks|weeks)\b"
        rf"|\b{WNUM}\s+times\s+(?:(?:a|per|each|every)\s+)?(?:day|week|month|daily|weekly|monthly)\b"
        rf"|{freqs}"
        # "once" alone is a single administration only where nothing else follows it
        # ("once on Day 1", "once."), never "once patients progress".
        rf"|\bonce(?=\s*(?:[,.;)]|on\b|at\b|in\b|only\b|$)))",
        # "orally (PO)", "PO or IV", "IV/SC": one part, the route first written and its alternatives
        rf"(?P<route>(?<![\w'’.])(?:{routes})(?:\s*\((?:{route_abbrev})\))?"
        rf"(?:\s*(?:or|/)\s*(?:{routes}))?(?![\w]))",
        rf"(?P<level>\b(?:{levels}))",
    ]
    return re.compile("|".join(alternatives), re.I)


# Where an instruction may be, found fast: a number with a dose unit (a pattern that starts with
# a digit, which the regex engine looks for directly), or one of a few words written in lower
# case that only instructions use (str.find). Only the sentences holding one are read further.
TRIGGER_WORDS = ("daily", "weekly", "twice", "once", "orally", "intraven", "subcutan", "every ", "given",
                 "administered", "auc")


@lru_cache(maxsize=1)
def trigger_regex() -> re.Pattern:
    # One pattern that starts with a digit: the engine then jumps from digit to digit.
    return re.compile(r"\d\s*(?:mg|mcg|µg|μg|ug|g|iu|u|ml|mmol|meq|bid|tid|qd|units?|tablets?|capsules?|puffs?"
                      r"|drops?|grams?|milligrams?|micrograms?)(?![a-z])", re.I)


# A word that may be a drug name; whether it is one is a set lookup or an ending test
# (str.endswith), far cheaper than one pattern over every name and ending.
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
CODE_NAME = re.compile(r"[A-Z]{2,5}-?\d{3,7}[A-Z]?")


@lru_cache(maxsize=1)
def drug_names() -> frozenset[str]:
    return frozenset(d.lower() for d in rules()["drugs"])


@lru_cache(maxsize=1)
def drug_stems() -> tuple[str, ...]:
    return tuple(sorted({s.lower() for s in rules()["drug_stems"]}))


@lru_cache(maxsize=1)
def salt_regex() -> re.Pattern:
    salts = rules()["drug_salts"]
    long_ = "|".join(re.escape(s) for s in sorted((s for s in salts if len(s) > 3), key=lambda s: (-len(s), s)))
    short = "|".join(re.escape(s) for s in sorted((s for s in salts if len(s) <= 3), key=lambda s: (-len(s), s)))
    return re.compile(rf"(?:\s+|-)(?:(?i:{long_})|{short})\b")


@lru_cache(maxsize=1)
def not_drugs() -> frozenset[str]:
    return frozenset(w.lower() for w in rules()["not_drugs"])


@lru_cache(maxsize=1)
def code_prefixes() -> frozenset[str]:
    return frozenset(p.upper() for p in rules()["code_name_excluded_prefixes"])


def _cue_regex(key: str) -> re.Pattern:
    return re.compile(r"(?<![\w])(?:" + "|".join(rules()[key]) + r")(?![\w])", re.I)


@lru_cache(maxsize=1)
def threshold_before() -> re.Pattern:
    """A threshold cue ending just before a dose: "> 10 mg", "no more than 20 mg", "dosing
    exceeding 10 mg", "a dosage of at least 12.5 mg"."""
    cues = "|".join(rules()["threshold_cues"])
    return re.compile(r"(?:(?<![\w])(?:" + cues + r"))\s*(?:[:(]\s*)?(?:(?:a|the)\s+)?(?:(?:daily\s+)?dos(?:e|es|age|ing)\s+)?(?:of\s+)?$", re.I)


@lru_cache(maxsize=1)
def threshold_after() -> re.Pattern:
    """A cue just after a dose (and its frequency) that makes it a bound: "10 mg daily or less"."""
    return re.compile(r"^\s*(?:[\w/.]+\s+){0,3}?\(?(?:or\s+(?:more|less|greater|higher|lower|above|below|equivalent|the\s+equivalent)"
                      r"|max(?:imum)?\b|or\s+(?:more|less)\)|\(or\s+more\)|of\s+(?:prednisone[- ])?equivalent|(?:prednisone[- ])?equivalent)", re.I)


@lru_cache(maxsize=1)
def instruction_cues() -> re.Pattern:
    return _cue_regex("instruction_cues")


@lru_cache(maxsize=1)
def admin_cues() -> re.Pattern:
    return _cue_regex("admin_cues")


@lru_cache(maxsize=1)
def condition_cues() -> re.Pattern:
    # Abbreviations (CR, PR, SD, PD) keep their case; words do not.
    words = [c for c in rules()["condition_cues"] if not c.isupper()]
    abbrevs = [c for c in rules()["condition_cues"] if c.isupper()]
    return re.compile(r"(?<![\w])(?:(?i:" + "|".join(words) + r")|" + "|".join(abbrevs) + r")(?![\w])")


@lru_cache(maxsize=1)
def label_kinds() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(e["pattern"], re.I), e["kind"]) for e in rules()["label_kinds"]]
