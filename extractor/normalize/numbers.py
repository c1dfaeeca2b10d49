"""Numbers as written in criteria -> int/float.

Handles thousands separators, decimal points and commas, signs, scientific forms
("1.5 x 10^9", "10⁹", "10e9"), superscripts, vulgar fractions, number words ("one" to
"twenty", tens and their compounds: "seventy-two", "a single") and roman numerals (only when the caller says a roman value is
expected: "III" is a value after "NYHA class", not in free text).
"""
from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
MINUS_SIGNS = "-−–"

WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "one hundred": 100, "a single": 1, "single": 1, "a": 1, "an": 1, "half": 0.5, "a half": 0.5,
    "once": 1, "twice": 2, "thrice": 3, "a couple of": 2, "a dozen": 12, "dozen": 12,
}
# Words that are numbers in their own right; "a"/"an" only count inside phrases like "a week".
STANDALONE_WORDS = [w for w in WORDS if w not in ("a", "an")]
# A tens word and a units word written as one number ("seventy-two", "thirty eight"): read as
# one, not as two numbers ("seventy-two hours" is 72 h, not 70 and 2 h).
COMPOUND_WORDS = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ \t]*-[ \t]*|\s+)"
                  r"(?:one|two|three|four|five|six|seven|eight|nine)")
_COMPOUND = re.compile(r"^(?P<tens>[a-z]+)(?:\s*-\s*|\s+)(?P<units>[a-z]+)$")

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
         "x": 10, "xi": 11, "xii": 12}
UNICODE_ROMAN = {chr(0x2160 + i): i + 1 for i in range(12)}
UNICODE_ROMAN.update({chr(0x2170 + i): i + 1 for i in range(12)})

_DIGITS = re.compile(r"^[+\-−–]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:[.,]\d+)?$")
_SCI = re.compile(
    r"^(?P<m>[+\-−]?[\d.,]+)?\s*(?:[x×X*·]\s*)?10\s*(?:\^|\*\*|e|E)?\s*\(?(?P<e>[+\-−]?\d+)\)?$"
)
_SUPERSCRIPT_POWER = re.compile(r"^(?:(?P<m>[+\-−]?[\d.,]+)\s*[x×X*·]\s*)?10\^?(?P<e>[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$")
_E_NOTATION = re.compile(r"^(?P<m>[+\-−]?\d+(?:\.\d+)?)[eE](?P<e>[+\-−]?\d+)$")
_MIXED = re.compile(r"(\d+) (\d)/(\d)")
_APOSTROPHE_GROUPS = re.compile(r"\d{1,3}(?:['’]\d{3})+")


_SPACED_GROUP = re.compile(r",\s+(?=\d{3}(?!\d))")
_SPACE_GROUPS = re.compile(r"\d{1,3}(?: \d{3})+")

MAX_EXPONENT = 30  # no clinical quantity needs more; larger ones are noise ("0e310")


def _power(exponent: str) -> float | None:
    e = int(exponent.translate(SUPERSCRIPTS).replace("−", "-"))
    return None if abs(e) > MAX_EXPONENT else 10.0 ** e


def _tidy(value: float) -> int | float | None:
    # A digit string too long for a float ("9" x 400) is not a usable threshold, and infinity
    # has no JSON form: it is not a number here.
    if not math.isfinite(value):
        return None
    if value == int(value) and abs(value) < 1e15:
        return int(value)
    return round(value, 10)


def _plain(text: str) -> float | None:
    if not text or not _DIGITS.match(text) or not any(ch.isdigit() for ch in text):
        return None
    sign = -1 if text[0] in MINUS_SIGNS else 1
    body = text.lstrip("+" + MINUS_SIGNS)
    if "," in body:
        head, _, tail = body.rpartition(",")
        if "." in body or len(tail) == 3 and re.fullmatch(r"\d{1,3}(,\d{3})+", body):
            body = body.replace(",", "")
        elif body.count(",") == 1 and "." not in body:
            body = head + "." + tail  # decimal comma: "1,5 mg/dL", "1,73 m²"
        else:
            return None
    try:
        return sign * float(body)
    except ValueError:
        return None


@lru_cache(maxsize=8192)
def parse_number(text: str, roman: bool = False) -> int | float | None:
    """The value of a written number, or None when `text` is not one number (cached: criteria
    write the same few numbers over and over)."""
    raw = text.strip()
    if not raw:
        return None
    sup = _SUPERSCRIPT_POWER.match(raw)
    if sup:  # "10⁹", "1.5 x 10⁹": the superscript is an exponent, not more digits
        mant = _plain(sup["m"]) if sup["m"] else 1.0
        if mant is None:
            return None
        power = _power(sup["e"])
        return None if power is None else _tidy(mant * power)
    t = raw.translate(SUPERSCRIPTS).replace("\u2009", "").replace("\u00a0", " ")
    if ", " in t:
        t = _SPACED_GROUP.sub(",", t)  # "12, 000": a thousands group after a stray space
    elif t.startswith("0. "):
        t = "0." + t[3:]  # "0. 6": a decimal with a stray space after its point (patterns.DIGITS)
    elif " " in t and _SPACE_GROUPS.fullmatch(t):
        t = t.replace(" ", ",")  # "50 000": thousands grouped by spaces
    low = t.lower()
    if low in WORDS and low not in ("a", "an"):
        return WORDS[low]
    compound = _COMPOUND.match(low) if "ty" in low else None
    if compound and WORDS.get(compound["tens"], 0) in (20, 30, 40, 50, 60, 70, 80, 90) \
            and 1 <= WORDS.get(compound["units"], 0) <= 9:
        return WORDS[compound["tens"]] + WORDS[compound["units"]]
    if raw in UNICODE_ROMAN:
        return UNICODE_ROMAN[raw]
    if roman and low in ROMAN:
        return ROMAN[low]
    if len(t) == 1 and unicodedata.category(t) == "No" and unicodedata.numeric(t, None) is not None:
        return _tidy(unicodedata.numeric(t))
    # (each number is parsed here: the patterns are tried only where their characters stand)
    if ("'" in t or "’" in t) and _APOSTROPHE_GROUPS.fullmatch(t):
        t = t.replace("'", "").replace("’", "")  # "100'000": thousands (patterns.DIGITS)
    mixed = _MIXED.fullmatch(t) if "/" in t else None
    if mixed:  # "6 1/2" (patterns.MIXED_FRACTION)
        return _tidy(int(mixed[1]) + int(mixed[2]) / int(mixed[3]))
    if len(t) >= 2 and unicodedata.numeric(t[-1], None) is not None and not t[-1].isdigit():
        whole = _plain(t[:-1].strip())  # "1½"
        if whole is not None:
            return _tidy(whole + unicodedata.numeric(t[-1]))
    value = _plain(t)
    if value is not None:
        return _tidy(value)
    if re.fullmatch(r"10[eE]\d+", t):  # "10e9/L" is how labs write 10^9/L, not 10 x 10^9
        power = _power(t[3:])
        return None if power is None else _tidy(power)
    m = _E_NOTATION.match(t)
    if m:
        power = _power(m["e"])
        return None if power is None else _tidy(float(m["m"].replace("−", "-")) * power)
    m = _SCI.match(t)
    if m:
        mant = _plain(m["m"]) if m["m"] else 1.0
        if mant is None:
            return None
        power = _power(m["e"])
        return None if power is None else _tidy(mant * power)
    frac = re.fullmatch(r"(\d+)\s*/\s*(\d+)", t)
    if frac and int(frac[2]) != 0:
        return _tidy(int(frac[1]) / int(frac[2]))
    return None
