"""Does a predicted unit agree with a gold unit? A small alias table, not a unit system.

LCT splits a unit into pieces ("mg" Unit + "dL" Per; "kg" + "m2"), writes temporal units as an
attribute (year, month...), and marks "x ULN" as a unit where the CONTRACT puts ULN in
`reference`. A gold piece agrees when, after aliasing, it is one of the predicted unit's tokens
(from its text, its UCUM code or its reference), or - for pieces of 3+ characters - a substring
of the predicted unit written without spaces. The short-piece rule keeps "L" from agreeing
with "mL".
"""
from __future__ import annotations

import re

# canonical token -> ways of writing it (compared lower-cased, spaces collapsed)
_ALIASES = {
    "a": ["a", "y", "yr", "yrs", "year", "years", "years old", "year old"],
    "mo": ["mo", "mos", "month", "months"],
    "wk": ["wk", "wks", "week", "weeks", "weekly", "weak"],
    "d": ["d", "day", "days", "daily"],
    "h": ["h", "hr", "hrs", "hour", "hours"],
    "min": ["min", "mins", "minute", "minutes"],
    "s": ["s", "sec", "secs", "second", "seconds"],
    "uln": ["uln", "upper limit of normal", "upper limits of normal", "upper normal limit",
            "normal upper limit", "upper limit", "maximum normal value", "x uln", "xuln",
            "times uln", "upper limit of normal range", "institutional upper limit of normal"],
    "lln": ["lln", "lower limit of normal", "lower limit of normal value", "lower limit"],
    "kg": ["kg", "kgs", "kilogram", "kilograms"],
    "g": ["g", "gm", "gr", "gram", "grams"],
    "l": ["l", "liter", "liters", "litre", "litres"],
    "ml": ["ml", "milliliter", "milliliters", "millilitre", "millilitres"],
    "ul": ["ul", "microl", "microliter", "microlitre", "㎕"],
    "[lb_av]": ["lb", "lbs", "pound", "pounds"],
    "cel": ["cel", "°c", "℃", "degrees c", "degree c", "degrees celsius", "degree celsius"],
    "deg": ["deg", "°", "degree", "degrees"],
    "ms": ["ms", "msec", "millisecond", "milliseconds"],
    "mmhg": ["mmhg", "mm hg", "mm[hg]", "mm of hg", "millimeters of mercury"],
    "m2": ["m2", "m^2", "square meter", "square metre"],
    "%": ["%", "percent", "per cent"],
    "[iu]": ["iu", "[iu]", "international units"],
}
_ALIAS = {alias: canon for canon, aliases in _ALIASES.items() for alias in aliases}
_SUPERSCRIPTS = str.maketrans({"²": "2", "³": "3", "¹": "1", "⁹": "9", "µ": "u", "μ": "u",
                               "×": "x", "^": ""})
_TOKEN = re.compile(r"\[[a-z_]+\]|[a-z%°℃㎕]+\d*|\d+(?:\.\d+)?")

# LCT marks the scale a number is read on ("grade 3", "stage III", "class II") as its unit; in
# the CONTRACT such a number has no unit (the scale is the subject), so these pieces are dropped.
SCALE_WORDS = {"stage", "stages", "staging", "grade", "grades", "grading", "class",
               "classification", "score", "total score", "level", "levels", "type", "category",
               "group", "status", "axis"}

TEMPORAL_UCUM = {"second": "s", "minute": "min", "hour": "h", "day": "d", "week": "wk",
                 "month": "mo", "year": "a"}


def _clean(text: str) -> str:
    return " ".join(text.lower().translate(_SUPERSCRIPTS).split())


def canonical(text: str) -> str:
    """One gold piece or predicted unit text in canonical form (alias applied when known)."""
    cleaned = _clean(text).strip(" .,;:/")
    return _ALIAS.get(cleaned, cleaned.replace(" ", ""))


def _tokens(text: str) -> set[str]:
    cleaned = _clean(text).replace("[hg]", "hg")
    out = set()
    for tok in _TOKEN.findall(cleaned):
        out.add(_ALIAS.get(tok, tok))
    return out


def unit_agrees(gold_pieces: list[str], unit: dict | None, reference: str | None) -> bool:
    """True when every gold piece is found in the predicted unit/reference."""
    if not gold_pieces:
        return True
    tokens: set[str] = set()
    flat = ""
    if unit:
        for key in ("text", "ucum"):
            value = unit.get(key)
            if isinstance(value, str) and value:
                tokens |= _tokens(value)
                tokens.add(canonical(value))
                flat += _clean(value).replace(" ", "") + " "
    if reference:
        tokens.add(canonical(reference))
    for piece in gold_pieces:
        canon = canonical(piece)
        if canon in tokens:
            continue
        if len(canon) >= 3 and canon in flat:
            continue
        piece_tokens = _tokens(piece)
        if piece_tokens and piece_tokens <= tokens:
            continue
        return False
    return True
