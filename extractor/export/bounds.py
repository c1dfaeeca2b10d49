"""A constraint's comparator and numbers as one of four shapes every exporter can map:

    ("quantity", comparator, value)   comparator one of None (=), ">", ">=", "<", "<="
    ("range", low, high)              both bounds inclusive
    ("any", [shape, ...])             "ECOG 0, 1 or 2": one of the values
    ("all", [shape, ...])             "6 to <24 months": each bound with its own strictness
"""
from __future__ import annotations

from typing import Any

Shape = tuple

_COMPARATORS = {">": ">", ">=": ">=", "<": "<", "<=": "<=", "=": None}


def shape(constraint: dict[str, Any]) -> Shape | None:
    """The shape of a constraint's numbers, or None when it states none it can be read from."""
    comparator = constraint.get("comparator")
    if comparator in _COMPARATORS and _number(constraint.get("value")):
        return ("quantity", _COMPARATORS[comparator], constraint["value"])
    if comparator == "between" and _number(constraint.get("low")) and _number(constraint.get("high")):
        low, high = constraint["low"], constraint["high"]
        low_in = constraint.get("low_inclusive", True) is not False
        high_in = constraint.get("high_inclusive", True) is not False
        if low > high:  # "between 80 and 24 letters": a range is the same read either way
            low, high, low_in, high_in = high, low, high_in, low_in
        if low_in and high_in:
            return ("range", low, high)
        return ("all", [("quantity", ">=" if low_in else ">", low),
                        ("quantity", "<=" if high_in else "<", high)])
    if comparator == "in":
        values = constraint.get("values")
        if isinstance(values, list) and values and all(_number(v) for v in values):
            return ("any", [("quantity", None, v) for v in values])
    return None


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# UCUM time units the contract uses, in days: a month is 30 days and a year 365 where a
# consumer counts in whole days (Circe windows); the exact unit stays in FHIR.
DAYS = {"s": 1 / 86400, "min": 1 / 1440, "h": 1 / 24, "d": 1, "wk": 7, "mo": 30, "a": 365}


def unit_code(constraint: dict[str, Any]) -> str | None:
    unit = constraint.get("unit") or {}
    return unit.get("ucum") if isinstance(unit, dict) else None
