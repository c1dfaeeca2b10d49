"""Pure functions: the text of one part of a dosing instruction -> its normalised fields.

Finding is lexicon.py's and scan.py's; these only read what was found ("days 1-4, 9-12, and
17-20" -> [[1, 4], [9, 12], [17, 20]]; "twice daily" -> 2 per 1 d). Each returns a dict of the
fields to add to the part, or None when the text does not say enough.
"""
from __future__ import annotations

import re
from typing import Any

from ..normalize.numbers import parse_number
from . import lexicon

_NUM = re.compile(lexicon.NUM)
# A number of a dose, not the "2" of "mg/m2" or "m^2"
_DOSE_NUM = re.compile(r"(?<![A-Za-z^/²])(?:" + lexicon.NUM + ")")
_UNITS = {"min": "min", "mins": "min", "minute": "min", "minutes": "min", "h": "h", "hr": "h", "hrs": "h",
          "hour": "h", "hours": "h", "d": "d", "day": "d", "days": "d", "w": "wk", "wk": "wk", "wks": "wk",
          "week": "wk", "weeks": "wk", "month": "mo", "months": "mo", "year": "a", "years": "a"}
_RANGE = re.compile(r"(\d{1,3})(?:\s*(?:-|–|to|through|thru)\s*(\d{1,3}))?")
_WORD = re.compile(r"\b(" + "|".join(lexicon.WORD_NUMBERS) + r")\b", re.I)


def number(text: str) -> int | float | None:
    # The article counts one in a schedule ("a week", "an hour"), which the threshold reader's
    # parse_number refuses.
    if text.strip().lower() in ("a", "an"):
        return 1
    return parse_number(text)


def _first_count(text: str) -> int | float | None:
    """The first number in `text`, in digits or words ("six cycles", "a week")."""
    m = _NUM.search(text)
    w = _WORD.search(text)
    if m and (not w or m.start() < w.start()):
        return number(m.group(0))
    return number(w.group(1)) if w else None


def _time_unit(text: str) -> str | None:
    m = re.search(r"(minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|\bh\b|\bd\b|\bw\b)\s*$", text, re.I)
    return _UNITS.get(m.group(1).lower()) if m else None


def ranges(text: str) -> list[list[int]]:
    """ "days 1-4, 9-12, and 17-20" -> [[1, 4], [9, 12], [17, 20]]; "months 7, 9" -> [[7, 7], [9, 9]]."""
    body = re.sub(r"^\s*[a-z]+\s+", "", text, flags=re.I)
    out = []
    for m in _RANGE.finditer(body):
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        out.append([lo, hi] if lo <= hi else [hi, lo])
    return out


def unit_of(text: str) -> tuple[str, str] | None:
    """(written unit, UCUM code) of a dose's unit written at the end of `text`."""
    for rx, ucum in lexicon.unit_table():
        for m in rx.finditer(text):
            if m.end() == len(text.rstrip()):
                return m.group(0), ucum
    return None


def dose(text: str) -> dict[str, Any] | None:
    auc = re.match(r"AUC\s*(?:of\s*|=\s*)?(" + lexicon.NUM + ")", text, re.I)
    if auc:
        return {"value": number(auc.group(1)), "unit": {"text": "AUC", "ucum": "mg/mL.min"}}
    nums = [m for m in _DOSE_NUM.finditer(text)]
    unit = unit_of(text)
    if not nums or unit is None:
        return None
    out: dict[str, Any] = {}
    if len(nums) >= 2:
        out["low"], out["high"] = number(nums[0].group(0)), number(nums[1].group(0))
    else:
        out["value"] = number(nums[0].group(0))
    out["unit"] = {"text": unit[0], "ucum": unit[1]}
    return out


def _route_name(text: str) -> str | None:
    for rx, name in lexicon.route_table():
        if rx.fullmatch(text):
            return name
    return None


def route(text: str) -> dict[str, Any] | None:
    """ "orally (PO)" -> oral; "PO or IV" -> oral, with intravenous as an alternative."""
    pieces = [p.strip() for p in re.split(r"\s+or\s+|\s*/\s*", re.sub(r"\s*\([^)]*\)", "", text))]
    names = [_route_name(p) for p in pieces if p]
    if not names or names[0] is None:
        return None
    out: dict[str, Any] = {"route": names[0]}
    others = [n for n in names[1:] if n and n != names[0]]
    if others:
        out["alternatives"] = others
    return out


def frequency(text: str) -> dict[str, Any] | None:
    t = text.strip()
    for rx, entry in lexicon.frequency_table():
        if rx.fullmatch(t):
            return {"count": entry["count"], "period": entry["period"], "unit": entry["unit"], "rule": entry["id"]}
    if t.lower() == "once":
        return {"count": 1, "period": None, "unit": None, "rule": "freq.once"}
    m = re.fullmatch(r"every\s+(\S+)\s*([a-z]+)", t, re.I)
    if m:
        return {"count": 1, "period": number(m.group(1)), "unit": _UNITS.get(m.group(2).lower()), "rule": "freq.every"}
    m = re.fullmatch(r"q\s?(\d{1,2})\s?([a-z]+)", t, re.I)
    if m:
        return {"count": 1, "period": int(m.group(1)), "unit": _UNITS.get(m.group(2).lower()), "rule": "freq.q"}
    m = re.fullmatch(r"(\S+)\s+times\s+(?:(?:a|per|each|every)\s+)?([a-z]+)", t, re.I)
    if m:
        unit = {"day": "d", "daily": "d", "week": "wk", "weekly": "wk", "month": "mo", "monthly": "mo"}[m.group(2).lower()]
        return {"count": number(m.group(1)), "period": 1, "unit": unit, "rule": "freq.times"}
    return None


def _comparator(text: str) -> str:
    low = text.lower()
    if re.search(r"\b(?:up to|a maximum of)\b", low):
        return "<="
    if "at least" in low:
        return ">="
    return "="


def duration(text: str) -> dict[str, Any] | None:
    value, unit = _first_count(re.sub(r"^\s*(?:for|during|x|×)\s+", "", text, flags=re.I)), _time_unit(text)
    if value is None or unit is None:
        return None
    return {"comparator": _comparator(text), "value": value, "unit": unit}


def infusion(text: str) -> dict[str, Any] | None:
    nums = _NUM.findall(text)
    unit = _time_unit(text)
    if not nums or unit is None:
        return None
    if len(nums) >= 2:
        return {"low": number(nums[0]), "high": number(nums[1]), "unit": unit}
    return {"value": number(nums[0]), "unit": unit}


def cycle(text: str) -> dict[str, Any] | None:
    m = re.search(r"(" + lexicon.NUM + r")[-\s]*(day|week|wk|days|weeks)", text, re.I)
    if not m:
        return None
    return {"value": number(m.group(1)), "unit": _UNITS[m.group(2).lower()]}


def cycles(text: str) -> dict[str, Any] | None:
    m = re.match(r"\s*(?:cycles|courses)\s+(.*)$", text, re.I)
    if m:
        return {"ranges": ranges(text)}
    count = _first_count(re.sub(r"^\s*for\s+", "", text, flags=re.I))
    if count is None:
        return None
    return {"comparator": _comparator(text), "count": count}


def level(text: str) -> dict[str, Any] | None:
    for rx, name in lexicon.level_table():
        if rx.fullmatch(text):
            return {"level": name}
    return None


RESOLVERS = {"dose": dose, "units": dose, "route": route, "frequency": frequency, "duration": duration, "infusion": infusion,
             "cycle": cycle, "cycles": cycles, "level": level,
             "days": lambda t: {"ranges": ranges(t)}, "months": lambda t: {"ranges": ranges(t)},
             "weeks": lambda t: {"ranges": ranges(t)}}


def resolve(kind: str, text: str) -> dict[str, Any] | None:
    return RESOLVERS[kind](text)
