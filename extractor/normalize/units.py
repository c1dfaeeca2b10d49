"""Unit forms -> UCUM codes (from models/units.json) and conversion between units (pint's
factors, shipped as a table: unit_factors.py).

`form_regex` turns one written form from the data file into a regular expression; the NLP
stage joins them into one alternation, and `resolve` maps a matched text back to its entry.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .resources import load
from .unit_factors import UNRELATED as _UNRELATED
from .unit_factors import pint_factor

_SUP = dict(zip("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
MULTIPLY = r"[x×X*·]"


# around a unit's slash: one space ("g / dL", "cells/ mm3", "mmol/ l") or a line wrapped there
# ("5.7 mg" / "/ dL")
_SLASH_GAP = r"(?:\s?|[ \t]*\n\s*)"


def form_regex(form: str) -> str:
    """Regex source for one written unit form (syntax documented in models/units.json)."""
    out = []
    i = 0
    if form.startswith("x "):  # any multiplication sign: "x 10^9/L", "×10^9/L", "* 10^9/L"
        out.append(MULTIPLY + r"\s*")
        i = 2
    while i < len(form):
        ch = form[i]
        if ch == " ":
            out.append(r"\s*")
        elif ch == "^" and i + 1 < len(form) and form[i + 1].isdigit():
            digit = form[i + 1]
            out.append(rf"(?:\^|\*\*)?\^?(?:{digit}|{_SUP[digit]})")
            i += 1
        elif ch == "µ":
            out.append("(?:µ|μ|u|mc|micro)")  # "microg/mL", "microg / Kg / min"
        elif ch == "/":
            out.append(_SLASH_GAP + "/" + _SLASH_GAP)
        else:
            out.append(re.escape(ch))
        i += 1
    source = "".join(out)
    if form[-1].isalnum():
        source += r"(?![A-Za-z])"  # "g" must not match the start of "given"
    return source


def start_class(forms: list[str]) -> re.Pattern | None:
    """A one-character test that holds wherever the alternation of `forms` (case ignored or
    not) can match, or None when a form may start with optional text. Trying it first saves
    walking hundreds of branches after most numbers."""
    chars = set()
    for form in forms:
        if form.startswith("x "):
            chars.update("x×X*·")
        elif form[0] == "µ":
            chars.update("µμum")
        elif form[0] == "^" and len(form) > 1 and form[1].isdigit():
            chars.update("^*" + form[1] + _SUP[form[1]])
        elif form[0].isspace():
            return None
        else:
            chars.add(form[0])
    return re.compile("(?i:[" + "".join(re.escape(c) for c in sorted(chars)) + "])")


def _entries() -> list[dict[str, Any]]:
    return load("units")["units"]


def unit_forms() -> list[str]:
    """Every written unit form (case-insensitive and exact ones)."""
    return [f for entry in _entries() for f in entry["forms"] + entry.get("exact_forms", [])]


def unit_form_lists() -> tuple[list[str], list[str]]:
    """(case-insensitive forms, case-sensitive forms), each longest first."""
    loose, exact = [], []
    for entry in _entries():
        loose.extend(entry["forms"])
        exact.extend(entry.get("exact_forms", []))
    loose.sort(key=len, reverse=True)
    exact.sort(key=len, reverse=True)
    return loose, exact


def forms_alternation(forms: list[str]) -> str:
    """One alternation over written forms, in the order given."""
    return "|".join(form_regex(f) for f in forms)


@lru_cache(maxsize=4096)
def resolve(text: str) -> str | None:
    """The UCUM code of a written unit (as matched by the alternation), or None."""
    text = text.strip()
    for form in _forms_for(text[:1].lower() if text[:1].isascii() else ""):
        if form.regex().fullmatch(text):
            return form.entry["ucum"]
    return None


class _Form:
    """One written form of models/units.json, its regex compiled on first use (most runs meet a
    few dozen of the ~700 forms: compiling all of them was a tenth of a second of start-up)."""

    __slots__ = ("source", "flags", "entry", "firsts", "_rx")

    def __init__(self, form: str, flags: int, entry: dict[str, Any]):
        self.source, self.flags, self.entry = form_regex(form), flags, entry
        self.firsts = _first_chars(form)
        self._rx = None

    def regex(self) -> re.Pattern:
        if self._rx is None:
            self._rx = re.compile(self.source, self.flags)
        return self._rx


def _first_chars(form: str) -> frozenset | None:
    """The lower-cased ASCII characters a stripped text that the form's regex matches can start
    with, or None when that is not a closed ASCII set (optional leading text, a non-ASCII start
    that some case fold may bring to ASCII)."""
    if form.startswith("x "):
        return frozenset("x*")  # besides "×" and "·", which no ASCII text starts with
    if form[0] == "µ":
        return frozenset("um")  # (?:µ|μ|u|mc|micro)
    if form[0] == "^" and len(form) > 1 and form[1].isdigit():
        return frozenset("^*" + form[1])
    if form[0].isspace() or not form[0].isascii():
        return None
    return frozenset(form[0].lower())


@lru_cache(maxsize=None)
def _all_forms() -> tuple[_Form, ...]:
    """Every form, longest first (the order `resolve` tries them in: the first match wins)."""
    forms = []
    for entry in _entries():
        for form in entry.get("exact_forms", []):
            forms.append((len(form), _Form(form, 0, entry)))
        for form in entry["forms"]:
            forms.append((len(form), _Form(form, re.IGNORECASE, entry)))
    forms.sort(key=lambda item: -item[0])
    return tuple(form for _, form in forms)


@lru_cache(maxsize=None)
def _forms_for(first: str) -> tuple[_Form, ...]:
    """The forms, in `resolve`'s order, that can match a text starting with ASCII `first`
    (lower-cased); all of them for "" (an empty or non-ASCII start)."""
    if not first:
        return _all_forms()
    return tuple(f for f in _all_forms() if f.firsts is None or first in f.firsts)


@lru_cache(maxsize=None)
def _by_ucum() -> dict[str, dict[str, Any]]:
    table = {e["ucum"]: e for e in _entries()}
    for e in load("units")["time_units"]:
        table[e["ucum"]] = {"ucum": e["ucum"], "pint": e["pint"], "scale": 1}
    return table


@lru_cache(maxsize=1)
def registry():
    """A pint registry (imported lazily: pint costs half a second to load; a run needs it only
    for offset units and names outside models/unit_factors.json)."""
    import pint

    reg = pint.UnitRegistry()
    return reg


def convert(value: float, from_ucum: str, to_ucum: str) -> float | None:
    """`value` in `from_ucum` expressed in `to_ucum`, or None when pint cannot relate them."""
    if from_ucum == to_ucum:
        return value
    table = _by_ucum()
    src, dst = table.get(from_ucum), table.get(to_ucum)
    if src is None or dst is None:
        return None
    factor = _factor(src["pint"], dst["pint"])
    if factor is _UNRELATED:
        return None
    try:
        if factor is None:  # offset or logarithmic units: pint converts each value
            result = registry().Quantity(value * src["scale"], src["pint"]).to(dst["pint"]).magnitude / dst["scale"]
        else:
            # what pint computes for multiplicative units: magnitude * conversion factor
            result = value * src["scale"] * factor / dst["scale"]
    except Exception:  # pint raises several unrelated types for incompatible units
        return None
    return float(f"{result:.6g}")


@lru_cache(maxsize=1)
def _table() -> tuple[frozenset, dict, dict]:
    """models/unit_factors.json as (names, factors, per-value pairs): pint's answers for every
    pair of units.json's pint names, computed once (see unit_factors.py)."""
    data = load("unit_factors")
    return (frozenset(data["units"]), data["factors"],
            {src: frozenset(dsts) for src, dsts in data["per_value"].items()})


@lru_cache(maxsize=None)
def _factor(src: str, dst: str):
    """pint's conversion factor from `src` to `dst`: None when the conversion is not a plain
    multiplication, and _UNRELATED when there is none. Read from the shipped table; pint itself
    is asked (once per pair) only for a name the table was not computed for."""
    names, factors, per_value = _table()
    if src in names and dst in names:
        factor = factors.get(src, {}).get(dst)
        if factor is not None:
            return factor
        return None if dst in per_value.get(src, ()) else _UNRELATED
    return pint_factor(registry(), src, dst)
