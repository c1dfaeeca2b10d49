"""A deliberately small regex predictor producing CONTRACT-shaped records.

It exercises the harness end to end without the real pipeline; its figures mean nothing.
"""
from __future__ import annotations

import re

_CMP = {">=": ">=", "≥": ">=", "<=": "<=", "≤": "<=", ">": ">", "<": "<", "=": "="}
_PATTERN = re.compile(
    r"(?P<cmp>>=|<=|≥|≤|>|<|=)?\s*(?P<num>\d+(?:\.\d+)?)"
    r"(?:\s*(?:-|to)\s*(?P<num2>\d+(?:\.\d+)?))?"
    r"(?:\s*(?P<unit>years?|months?|weeks?|days?|hours?|%|mg/dl|kg/m2|mm3|g/dl))?",
    re.IGNORECASE)
_TIME = {"year": "a", "month": "mo", "week": "wk", "day": "d", "hour": "h"}


def toy_predict(text: str) -> dict:
    criteria = []
    pos = 0
    for n, line in enumerate(text.split("\n")):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        constraints = []
        for m in _PATTERN.finditer(line):
            constraints.append(_constraint(m, start))
        low = line.lower()
        neg = re.search(r"\b(no|not|without)\b", low)
        criteria.append({
            "id": f"c{n}", "kind": "unspecified", "parent": None, "logic": None,
            "text": line, "span": [start, end], "negated": bool(neg),
            **({"negation": {"text": line[neg.start():neg.end()],
                             "span": [start + neg.start(), start + neg.end()]}} if neg else {}),
            "exceptions": [], "entities": [], "constraints": constraints,
            "constraints_logic": "all",
        })
    return {"schema_version": "1", "document": {"text": text}, "criteria": criteria}


def _constraint(m: re.Match, offset: int) -> dict:
    unit = m.group("unit")
    ucum = None
    if unit:
        base = unit.lower().rstrip("s")
        ucum = _TIME.get(base, unit)
    out = {"type": "time" if ucum in _TIME.values() else "value",
           "text": m.group(0), "span": [offset + m.start(), offset + m.end()],
           "unit": {"text": unit, "ucum": ucum} if unit else None, "reference": None}
    if m.group("num2"):
        out.update(comparator="between", low=float(m.group("num")), high=float(m.group("num2")))
    else:
        out.update(comparator=_CMP.get(m.group("cmp") or "=", "="), value=float(m.group("num")))
    return out
