"""Unit forms -> UCUM codes (from models/units.json) and conversion between units with pint.

`form_regex` turns one written form from the data file into a regular expression; the NLP
stage joins them into one alternation, and `resolve` maps a matched text back to its entry.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .resources import load

_SUP = dict(zip("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
MULTIPLY = r"[x×X*·]"


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
            out.append("(?:µ|μ|u|mc)")
        elif ch == "/":
            out.append(r"\s?/\s?")  # "g / dL", "cells/ mm3", "mmol/ l"
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


@lru_cache(maxsize=None)
def _compiled_entries() -> list[tuple[re.Pattern, dict[str, Any]]]:
    compiled = []
    for entry in _entries():
        for form in entry.get("exact_forms", []):
            compiled.append((len(form), re.compile(form_regex(form)), entry))
        for form in entry["forms"]:
            compiled.append((len(form), re.compile(form_regex(form), re.IGNORECASE), entry))
    compiled.sort(key=lambda item: -item[0])
    return [(rx, entry) for _, rx, entry in compiled]


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
    for rx, entry in _compiled_entries():
        if rx.fullmatch(text):
            return entry["ucum"]
    return None


@lru_cache(maxsize=None)
def _by_ucum() -> dict[str, dict[str, Any]]:
    table = {e["ucum"]: e for e in _entries()}
    for e in load("units")["time_units"]:
        table[e["ucum"]] = {"ucum": e["ucum"], "pint": e["pint"], "scale": 1}
    return table


@lru_cache(maxsize=1)
def registry():
    """A pint registry (imported lazily: pint costs half a second to load)."""
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


# What _factor gives for units pint cannot relate at all (other dimensions, an unknown name):
# that does not depend on the value, so the failure is remembered with the pair instead of
# pint parsing both units and raising again for every value.
_UNRELATED = object()


@lru_cache(maxsize=None)
def _factor(src: str, dst: str):
    """pint's conversion factor from `src` to `dst` (asked once per pair: pint's parsing costs far
    more than the arithmetic); None when the conversion is not a plain multiplication, and
    _UNRELATED when there is none."""
    reg = registry()
    try:
        if reg.Quantity(0, src).to(dst).magnitude != 0:
            return None  # offset (temperatures) or logarithmic units
        return reg.Quantity(1, src).to(dst).magnitude
    except Exception:  # pint raises several unrelated types for incompatible units
        pass
    try:
        reg.Quantity(1, src).to(dst)  # a logarithmic unit may refuse 0 alone: pint converts each value
        return None
    except Exception:
        return _UNRELATED
