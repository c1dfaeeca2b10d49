"""Durations: (value, UCUM time unit) -> ISO 8601 duration."""
from __future__ import annotations

_ISO_DATE = {"a": "Y", "mo": "M", "wk": "W", "d": "D"}
_ISO_TIME = {"h": "H", "min": "M", "s": "S"}


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def iso_duration(value: float, ucum: str) -> str | None:
    """ISO 8601 duration for `value` `ucum` ("P4W", "PT24H", "P1.5Y"); None for a non-time unit."""
    if value is None or value < 0:
        return None
    if ucum in _ISO_DATE:
        return f"P{_num(value)}{_ISO_DATE[ucum]}"
    if ucum in _ISO_TIME:
        return f"PT{_num(value)}{_ISO_TIME[ucum]}"
    return None

