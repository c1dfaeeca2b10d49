"""Visual acuity written as Snellen fractions ("20/40 or better", "20/40 to 20/400", "between
20/400 and 20/40", "worse than 20/200"), read as decimal acuity: 20/40 is 0.5, 6/12 is 0.5.

A Snellen fraction is no pair of quantities and no score out of a maximum: its value is the
ratio, and a larger ratio is better sight. So "or better" is `>=`, "or worse" `<=`, "worse
than" `<`, "better than" `>`, and a range is `between` its smaller and larger ratio whatever
order it is written in. A fraction counts only near a word of sight ("visual acuity", "BCVA",
"vision", "Snellen", "ETDRS"), so "24/7" or "1/35" are left alone; a fraction "of" something
("1/3 of the visual field") is a share, never an acuity.

Plain text in, constraint dicts out (the shape `quantities.find` gives), offsets relative to
the text.
"""
from __future__ import annotations

import re

# Test distances in use: 20 ft, 6 m, 4 m (ETDRS charts), 3 m; and the decimal fractions of
# European charts ("1/10").
_FRACTION = r"(?<![\d/.,])(?:20|6|4|3|1)\s?/\s?\d{1,3}(?:\.\d)?(?![\d/]|[.,]\d|\s*of\b)"
_EXPRESSION = re.compile(
    rf"(?P<between>between\s+)?(?P<a>{_FRACTION})"
    rf"(?:\s*(?:-|–|to|through|and)\s*(?P<b>{_FRACTION}))?", re.IGNORECASE)
_HINT = re.compile(r"(?<![\d/])(?:20|6|4|3|1)\s?/\s?\d")
_SIGHT = re.compile(r"(?<![A-Za-z])(?:visual\s+acuity|acuity|BCVA|BCDVA|VA|vision|Snellen|ETDRS|logMAR)(?![A-Za-z])",
                    re.IGNORECASE)
_SIGHT_BEFORE = 120   # characters before a fraction looked at for a word of sight
_SIGHT_AFTER = 40     # and after it ("20/40 to 20/320 Snellen equivalent")
_AFTER = re.compile(r"\s*,?\s*(?:or|and)\s+(?P<w>better|worse)(?![A-Za-z])", re.IGNORECASE)
_BEFORE = re.compile(r"(?P<cue>worse\s+than|better\s+than|less\s+than|lower\s+than|greater\s+than|more\s+than|"
                     r"at\s+least|up\s+to|no\s+worse\s+than|no\s+better\s+than|[<>≤≥]=?|=)\s*(?:of\s+)?$",
                     re.IGNORECASE)
_BEFORE_COMPARATOR = {"worse than": "<", "less than": "<", "lower than": "<", "<": "<",
                      "better than": ">", "greater than": ">", "more than": ">", ">": ">",
                      "at least": ">=", "no worse than": ">=", ">=": ">=", "≥": ">=",
                      "up to": "<=", "no better than": "<=", "<=": "<=", "≤": "<=", "=": "="}
_AFTER_COMPARATOR = {"better": ">=", "worse": "<="}


def _ratio(written: str) -> float:
    num, den = (float(x) for x in written.replace(" ", "").split("/"))
    return round(num / den, 4) if den else 0.0


def _number(x: float):
    return int(x) if x == int(x) else x


def find(text: str) -> list[dict]:
    """Constraints for the Snellen fractions of `text`, in order."""
    # every fraction holds a '/': looking for one first spares most criteria the scan of the
    # hint, which tries its lookbehind at every position
    if "/" not in text or not _HINT.search(text):
        return []
    out = []
    pos = 0
    for m in _EXPRESSION.finditer(text):
        if m.start() < pos:
            continue
        start, end = m.start(), m.end()
        if not (_SIGHT.search(text, max(0, start - _SIGHT_BEFORE), start)
                or _SIGHT.search(text, end, min(len(text), end + _SIGHT_AFTER))):
            continue
        a = _ratio(m.group("a"))
        if a <= 0 or a > 4:
            continue
        rules = ["scale.snellen"]
        if m.group("b") and not m.group("between") and "and" in text[m.end("a"):m.start("b")].lower():
            end = m.end("a")  # "20/25 and 20/40" without "between": two values, read one by one
            b_start = m.start("b")
        else:
            b_start = None
        if m.group("b") and b_start is None:
            b = _ratio(m.group("b"))
            if b <= 0 or b > 4:
                continue
            fields = {"comparator": "between", "low": _number(min(a, b)), "high": _number(max(a, b))}
            rules.append("range.between" if m.group("between") else "range.joined")
        else:
            if m.group("between"):
                start = m.start("a")  # "between 20/40" with no second bound: the fraction alone
            fields = {"comparator": "=", "value": _number(a)}
            after = _AFTER.match(text, end)
            before = _BEFORE.search(text, max(0, start - 24), start)
            if after:
                fields["comparator"] = _AFTER_COMPARATOR[after.group("w").lower()]
                end = after.end()
                rules.append("cmp.snellen.after")
            elif before:
                key = re.sub(r"\s+", " ", before.group("cue").lower())
                fields["comparator"] = _BEFORE_COMPARATOR.get(key, "=")
                start = before.start()
                rules.append("cmp.snellen.before")
            else:
                rules.append("cmp.implicit.eq")
        out.append({"type": "value", "subject": None, **fields, "unit": None, "reference": None,
                    "text": text[start:end], "span": [start, end], "rules": rules})
        pos = end if b_start is None else b_start
    return out
