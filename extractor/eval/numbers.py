"""Numbers in gold annotations: "18", "1,500", "18,5", "three", "twice", "III", "50 , 000".

Gold value spans are short ("18", "two", "stage III"); every number they contain is a candidate a
prediction may equal. The parser is deliberately small and only used on gold spans, never on
predictions (those carry numbers already). Roman numerals count: LCT annotates stages and NYHA
classes ("III or IV") as values, and a constraint on them states the same number.
"""
from __future__ import annotations

import re

_WORDS = {
    "zero": 0, "none": 0, "one": 1, "once": 1, "single": 1, "two": 2, "twice": 2, "double": 2,
    "three": 3, "thrice": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "half": 0.5, "first": 1, "second": 2, "third": 3,
    "fourth": 4, "fifth": 5,
}
_UNICODE_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_UNICODE_ROMAN = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V", "Ⅵ": "VI"}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
          "X": 10}
_MULTIPLIERS = {"million": 1e6, "thousand": 1e3, "billion": 1e9}

# tokenised corpora write "50 , 000" and "1 . 5"; glue those back before reading numbers
_SPACED_THOUSANDS = re.compile(r"(?<=\d) , (?=\d{3}\b)")
_SPACED_DECIMAL = re.compile(r"(?<=\d) \. (?=\d)")
_NUMBER = re.compile(r"[-+−]?\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[A-Za-z]+")
_POWER_OF_TEN = re.compile(r"(?<![\d.,])10\s?\^\s?(\d{1,2})(?!\d)")


def _read_digits(token: str) -> float | None:
    token = token.replace("−", "-")
    if "," in token:
        groups = token.lstrip("+-").split(",")
        # "1,500" and "100,000" are thousands; "18,5" and "7,8" are decimal commas
        if all(len(g) == 3 for g in groups[1:]) and "." not in groups[-1]:
            token = token.replace(",", "")
        elif len(groups) == 2:
            token = token.replace(",", ".")
        else:
            return None
    try:
        return float(token)
    except ValueError:
        return None


def numbers_in(text: str) -> list[float]:
    """Every number written in `text`, in order (duplicates kept)."""
    text = _SPACED_DECIMAL.sub(".", _SPACED_THOUSANDS.sub(",", text))
    for uni, ascii_ in _UNICODE_ROMAN.items():
        text = text.replace(uni, f" {ascii_} ")
    found: list[tuple[int, float]] = []
    for m in _NUMBER.finditer(text):
        value = _read_digits(m.group())
        if value is not None:
            found.append((m.start(), value))
            tail = text[m.end():m.end() + 9].strip().lower()
            for word, factor in _MULTIPLIERS.items():
                if tail.startswith(word):
                    found.append((m.start(), value * factor))
    for m in _POWER_OF_TEN.finditer(text):  # "> 10^3 CFU/mL": the value is the power itself
        found.append((m.start(), 10.0 ** int(m.group(1))))
    for m in _WORD.finditer(text):
        word = m.group()
        if word.lower() in _WORDS:
            found.append((m.start(), float(_WORDS[word.lower()])))
        else:
            roman = re.fullmatch(r"(I{1,3}|IV|V|VI{1,3}|IX|X)([ABCabc])?", word)
            if roman:
                found.append((m.start(), float(_ROMAN[roman.group(1)])))
    for ch, value in _UNICODE_FRACTIONS.items():
        pos = text.find(ch)
        if pos >= 0:
            found.append((pos, value))
    return [v for _, v in sorted(found, key=lambda x: x[0])]


def same_number(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def predicted_numbers(constraint: dict) -> list[float]:
    """The numbers a CONTRACT constraint states: value, low/high or values."""
    out: list[float] = []
    for key in ("value", "low", "high"):
        v = constraint.get(key)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            out.append(float(v))
    for v in constraint.get("values") or []:
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            out.append(float(v))
    return out
