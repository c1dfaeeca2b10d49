"""Where the numbers of a criterion start: digit runs and number words, a minus sign only where no
quantity ends right before it, the scientific forms tried only where one can stand."""
from __future__ import annotations

import re
from functools import lru_cache

from ..patterns import SCIENTIFIC, grammar
from .common import _CASE_ODD, _DIGIT_RUN, _NUMBER_KEYS, _NUMBER_WORDS, _TEMPERATURE_SCALES, lookback
from .units import _unit_at


_CLOSING = re.compile(r"\s?\)(?=\s*(?:or|and)\s)")
_ASCII_DIGIT_RUN = re.compile(r"[0-9]+")


_NUMBER_SPACE_BEFORE = re.compile(r"[\d%] {1,2}$")


# A number and its unit right before a hyphen: "8yr-18yrs", "20 mg-40 mg", "300 ng/dl-1000 ng/dl".
_UNIT_THEN_HYPHEN = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)\s?([A-Za-z]{1,8}(?:/[A-Za-z]{1,8})?)\s?[-–]\s?$")


def _number_past(g, text: str, gap: int, pos: int):
    """g.number at `pos` in the same text with the character at `gap` read as a space (offsets
    unchanged): a number whose lookbehind that character would fail."""
    return g.number.match(text[:gap] + " " + text[gap + 1:], pos)


def _unit_range_bound(g, text: str, pos: int):
    """The upper bound of a range whose unit is written on both bounds ("8yr-18yrs", "1h-4h",
    "20mg-40mg"): the number after a unit and a hyphen would otherwise read as a name ("IL-6"),
    so it is taken only where the letters before the hyphen are the first number's unit and the
    same unit follows this number."""
    if pos < 3 or text[pos - 1] not in "-–":
        return None
    left = _UNIT_THEN_HYPHEN.search(text, lookback(text, pos, 24), pos)
    if not left:
        return None
    first = _unit_at(g, text, left.end(1))
    if not first or first[0] != left.end(2):
        return None
    m = _number_past(g, text, pos - 1, pos)  # the hyphen read as a space: the name lookbehind not met
    second = _unit_at(g, text, m.end()) if m else None
    if not second or second[1]["ucum"] != first[1]["ucum"]:
        return None
    return m


# A temperature and a slash right before a number: "38.0°C/100.4°F", "37.5 C/ 99.5 F".
_TEMPERATURE_THEN_SLASH = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s?((?:°\s?|º\s?)?[CF])\s?/ ?$")


def _temperature_restated(g, text: str, pos: int):
    """A temperature restated in the other scale after a slash ("38.0°C/100.4°F"): the number
    after a slash would otherwise read as a ratio's, so it is taken only where a temperature in
    one scale stands before the slash and the other scale follows this number."""
    if pos < 4 or "/" not in text[pos - 2:pos]:
        return None
    left = _TEMPERATURE_THEN_SLASH.search(text, lookback(text, pos, 16), pos)
    first = _unit_at(g, text, left.end(1)) if left else None
    if not first or first[0] != left.end(2) or first[1]["ucum"] not in _TEMPERATURE_SCALES:
        return None
    m = _number_past(g, text, text.rindex("/", 0, pos), pos)  # the slash read as a space: no ratio's number
    second = _unit_at(g, text, m.end()) if m else None
    if not second or second[1]["ucum"] not in _TEMPERATURE_SCALES or second[1]["ucum"] == first[1]["ucum"]:
        return None
    return m


# What the scientific forms of patterns.SCIENTIFIC need after the number's start: digits,
# separators and spaces, then a multiplication sign, a power sign, a superscript or an exponent
# letter. Where none follows, g.number without those forms gives the same match (they come
# first in its alternation and cannot match), and that pattern is about a third faster. The
# look-ahead reads at most 64 such characters: a mantissa and its gap are far shorter, and an
# unbounded one read a long run of digits and spaces ("1 1 1 ...") again for every number in it.
_SCIENTIFIC_AHEAD = re.compile(r"[\d.,\s]{0,64}[x×X*·^⁰¹²³⁴⁵⁶⁷⁸⁹eE]")


@lru_cache(maxsize=1)
def _plain_number() -> re.Pattern | None:
    """g.number without its scientific forms (None if the pattern is not written as expected)."""
    source = grammar().number.pattern
    if "(?P<num>" + SCIENTIFIC + "|" not in source:
        return None
    return re.compile(source.replace("(?P<num>" + SCIENTIFIC + "|", "(?P<num>", 1), grammar().number.flags)


def _number_at(g, text: str, pos: int):
    """g.number.match(text, pos), at a digit or at a sign or point before one."""
    plain = _plain_number()
    at = pos + 1 if text[pos:pos + 1] in "-−" else pos  # the sign is no part of the scientific form
    if plain is None or _SCIENTIFIC_AHEAD.match(text, at):
        return g.number.match(text, pos)
    return plain.match(text, pos)


# A minus sign glued to the comparator word before it ("less than or equal to-2.5"): a
# negative bound, not a hyphenated name.
_GLUED_MINUS_CUE = re.compile(r"\b(?:than|to)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _folded_number_word() -> re.Pattern | None:
    """g.number_word matched case-sensitively, for lower-cased ASCII text (the same starts: its
    source is ASCII and written in lower case, so it matches the lower-cased text where the
    case-free pattern matches the text; about twice as fast), or None if it is not so written."""
    source = grammar().number_word.pattern
    return re.compile(source) if source.isascii() and source == source.lower() else None


def _candidates(g, text: str, words: set[str]):
    """Number matches, tried only where a digit run or a number word starts."""
    found = []
    last = -1
    # (in ASCII text the digit runs are runs of 0-9: no other digit or fraction is there, and the
    # plain range is tested faster than the Unicode digit category)
    for run in (_ASCII_DIGIT_RUN if text.isascii() else _DIGIT_RUN).finditer(text):
        pos = run.start()
        if pos < last:
            continue
        # A minus sign only where no quantity ends right before it: in "10%-30%" or "5mg-10mg"
        # the hyphen joins a range, as in "18 -65 years" (a number, a space, then the hyphen).
        if pos and text[pos - 1] in "-−." and (not (pos > 1 and (text[pos - 2].isalnum() or text[pos - 2] in "%°)]"))
                                             or _GLUED_MINUS_CUE.search(text, max(0, pos - 6), pos - 1)) \
                and not _NUMBER_SPACE_BEFORE.search(text, max(0, pos - 4), pos - 1):
            m = _number_at(g, text, pos - 1)
            if m and m.start("num") == pos - 1 or m and m.group("sign"):
                found.append(m)
                last = m.end()
                continue
        m = _number_at(g, text, pos) or _unit_range_bound(g, text, pos) or _temperature_restated(g, text, pos)
        if m:
            found.append(m)
            last = m.end()
    if not _NUMBER_WORDS.isdisjoint(words):
        if not _NUMBER_KEYS.isdisjoint(words) or _CASE_ODD.search(text):
            folded = _folded_number_word() if text.isascii() else None
            for w in folded.finditer(text.lower()) if folded is not None else g.number_word.finditer(text):
                m = g.number.match(text, w.start())
                if m:
                    found.append(m)
        found.sort(key=lambda m: m.start())
    return found
