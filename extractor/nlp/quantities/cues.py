"""The cues around a number: a comparator or window cue before it ("at least", "≥", "within the
past"), a comparator after it ("or more", "or greater"), a reference ("× ULN") and the warnings
for cues an export damaged."""
from __future__ import annotations

import re

from ..patterns import folded_regex
from ..windows import BOUNDS
from ..windows.common import WINDOW_OR as _WINDOW_OR
from .common import LEFT_WINDOW, _DIGIT_AHEAD, _FOR_BEFORE, _SAMPLE_SIZE, _SPACES, _THAN_AHEAD, _WS, span_noun_at, lookback


# Cues that are also superscript digits: a '≥' from a symbol font reads '³' in Latin-1.
_EXPONENT_CUES = frozenset("³")


# A sign restating the words before it: "greater than or equal to (>=) 50", "less than (<) 30",
# "less than [<] 16 years of age".
_RESTATED_SIGN = re.compile(r"(?:\(\s?(?P<sign>>=|<=|>|<|≥|≤|=)\s?\)|\[\s?(?P<square>>=|<=|>|<|≥|≤|=)\s?\])\s*$")


def _left_cue(g, text: str, pos: int):
    """Comparator cue ending at `pos` (whitespace allowed), as (start, comparator, rule id)."""
    j = pos - 1
    while j > 0 and text[j] == " ":
        j -= 1
    if j > 0 and text[j] in ")]":
        sign = _RESTATED_SIGN.search(text, lookback(text, pos, 10), pos)
        if sign:
            words = _cue_at(g, text, sign.start())
            if words:
                return words
            key = sign.group("sign") or sign.group("square")
            return sign.start(), g.pre_comparator[key], g.pre_ids[key]
    cue = _cue_at(g, text, pos)
    if cue and cue[2] == "cmp.sym.eq" and cue[0] > 0:
        # "greater than or equal to =1": the words, then their sign damaged by an export into a
        # '='; the words say the comparator
        words = _cue_at(g, text, cue[0])
        if words and words[1] != "=":
            return words
    return cue


def _cue_at(g, text: str, pos: int):
    left = text[max(0, pos - LEFT_WINDOW):pos][::-1]
    if not left or left.isspace():
        return None  # a cue holds other characters (a third of the numbers open their text)
    m = g.pre_cue.match(left)
    if not m:
        return None
    key = _WS.sub(" ", (m.group("cue") or m.group("bare"))[::-1].strip().lower())
    if key not in g.pre_comparator:
        return None
    start = pos - m.end()
    not_after = g.pre_not_after.get(key)
    if not_after is not None and not_after.search(text, lookback(text, start, 12), start):
        return None  # "9 or more of the above 17 items": the items listed above, no bound
    if key == "=" and _SAMPLE_SIZE.search(text[max(0, start - 3):start]):
        return None  # "(n=20)" is a sample size, not a threshold
    if key in _EXPONENT_CUES and start and (text[start - 1].isalnum() or text[start - 1] in ")]"):
        return None  # "mm³ 500": an exponent of the unit before, not a damaged '≥'
    return start, g.pre_comparator[key], g.pre_ids[key]


def _left_window(g, text: str, pos: int, unit_end: int | None = None):
    """(start, window rule) of the window cue right before `pos`, or None. A cue that is a window
    only before a noun of a span ('span_noun_only': "within a 6-month period") needs that noun
    right after `unit_end`, the end of the span's unit ("within a 3-hour drive" is none)."""
    left = text[max(0, pos - LEFT_WINDOW):pos][::-1]
    if not left or left.isspace():
        return None  # a window cue holds other characters
    m = g.window.match(left)
    if not m:
        left = text[max(0, pos - LEFT_WINDOW):pos]
        # (a hard-wrapped line may break right after the "or")
        m = _WINDOW_OR.search(left) if "or" in left and "ithin" in left else None
        if m:
            return pos, g.window_info["within"]  # the span stays on the second quantity
        return None
    info = g.window_info.get(_WS.sub(" ", m.group("cue")[::-1].lower()))
    if info is None:
        return None
    if info.get("span_noun_only") and (unit_end is None or not span_noun_at(text, unit_end)):
        return None
    return pos - m.end(), info


def _reference_at(g, text: str, pos: int):
    # `reference` can only match where one of its phrases can start, here or after the spaces
    if not g.reference_start.may(text, pos) and not g.reference_start.may(text, _SPACES.match(text, pos).end()):
        return None
    m = g.reference.match(text, pos) or _SPACES.match(text, pos)
    if m and m.groupdict().get("ref") is None:
        m2 = g.reference.match(text, m.end())
        m = m2
    if not m or m.group("ref") is None:
        return None
    name = g.reference_name.get(_WS.sub(" ", m.group("ref").lower()))
    if name is None:
        return None
    rel = m.group("rel")
    if rel is None:
        return m.end(), name, None
    sign = "<" if rel.lower() in _LESS_WORDS else ">"
    return m.end(), name, sign + "=" if m.group("orrel") else sign


_LESS_WORDS = ("less", "lower", "below")


# ("18-years-of-age or older": the words hyphenated to the span)
_AGE_FILLER = folded_regex(r"\s*(?:of\s+age|years?\s+of\s+age|old|-old|-of-age|of\s+age\s*,)")


def _post_cue(g, text: str, pos: int):
    """Comparator cue after a value: "18 years or older", "18 years of age or older"."""
    filler = _AGE_FILLER.match(text, pos)
    m = g.post_cue.match(text, filler.end() if filler else pos)
    if not m and filler:
        m = g.post_cue.match(text, pos)
    if not m:
        comma = _COMMA_BEFORE_CUE.match(text, filler.end() if filler else pos)
        if comma:  # "patient 18 years old, and older": the cue set off by a comma
            m = g.post_cue.match(text, comma.end())
    if not m:
        return None
    key = _WS.sub(" ", m.group().strip().lower())
    if key not in g.post_comparator:
        return None
    if key == "+" and _DIGIT_AHEAD.match(text[m.end():m.end() + 3]):
        return None  # "24 + 0 weeks" is a gestational age, not "24 or more"
    if key == "+" and _PLUS_MINUS_AHEAD.match(text, m.end()):
        return None  # "until 24 h +/- 4 h after the MRI", "6 weeks +- 2": a tolerance, no bound
    if key == "+" and text[m.end() - 2:m.end() - 1].isspace() and _WORD_AHEAD.match(text, m.end()):
        return None  # "fluticasone 1000 mcg + salmeterol 100 mcg": a '+' spaced on both sides joins two things
    if key == "and up" and _TO_AHEAD.match(text, m.end()):
        return None  # "between 5 and up to 10 mg": the next bound's "up to", not "5 and up"
    if _THAN_AHEAD.match(text[m.end():m.end() + 6]):
        return None  # "14 years and younger than 18": the cue belongs to the next value
    if key[-1:].isalpha() and _HYPHEN_WORD_AHEAD.match(text, m.end()):
        return None  # "within 14 days or over-the-counter medications": a word, not a cue
    return m.end(), g.post_comparator[key], g.post_ids[key]


_HYPHEN_WORD_AHEAD = re.compile(r"-[A-Za-z]")
_TO_AHEAD = re.compile(r"\s+to(?![\w-])", re.IGNORECASE)
_COMMA_BEFORE_CUE = re.compile(r",(?=\s*(?:and|or)\s+(?:older|above|over|more|greater|higher)(?![\w-]))", re.IGNORECASE)
_WORD_AHEAD = re.compile(r"\s+[A-Za-z]{3,}")
_PLUS_MINUS_AHEAD = re.compile(r"\s*/\s*[-−–]|[-−–]\s*\d")
# One noun between a scale's value and the comparator after it: "grade 3 toxicity or greater",
# "Grade 6 level or above", "Modic Grade II changes or less"; not a joining word ("grade 2 and
# above" is another value's), nor a word that starts another quantity's clause.
_SCALE_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|but|with|without|in|of|the|for|on|at|to|than|patients?|"
                               r"subjects?|participants?|who|which|that)\b)[a-z]{3,}(?=\s+or\s)")


def _post_cue_after_noun(g, text: str, pos: int):
    """A comparator cue after one noun that follows a scale's value (see _SCALE_NOUN_AFTER)."""
    m = _SCALE_NOUN_AFTER.match(text, pos)
    return _post_cue(g, text, m.end()) if m else None
# A drug's name between a comparator's words and its dose: "a dose higher than prednisone 10 mg".
_DOSE_UCUM = frozenset({"mg", "g", "ug", "mcg", "ng"})
_DRUG_BEFORE = re.compile(r"(?<![\w-])[A-Za-z][a-z]{3,}\s+$")


def _cue_over_drug(g, text: str, s: int):
    """The comparator words before a drug's name written right before a dose ("higher than
    prednisone 10 mg or equivalent per day", "up to and including prednisolone 10 mg daily", "in
    excess of prednisone 10mg per day"), or None: only comparator words ("than", "up to"), so
    that a sign ("> prednisone 10 mg") or a word naming something else keeps its reading."""
    drug = _DRUG_BEFORE.search(text, lookback(text, s, 30), s)
    if drug is None or drug.group().strip().lower() in ("than", "dose", "doses", "including"):
        return None
    cue = _left_cue(g, text, drug.start())
    if cue is None or not text[cue[0]:drug.start()].rstrip().lower().endswith(_OVER_DRUG_CUE_ENDS):
        return None
    return cue


_OVER_DRUG_CUE_ENDS = ("than", "up to", "up to and including", "in excess of", "exceeding")


def _cue_warning(g, text: str, start: int, num_start: int, rid: str) -> dict | None:
    """A warning for a cue an export damaged ("â‰¥" for "≥"), or for a '=' glued to its number
    after a word ("aged =18 to 75"), which is how an export writes a lost '≥' or '≤': the '='
    is kept as written and flagged."""
    message = g.cue_warnings.get(rid)
    end = start + len(text[start:num_start].rstrip())
    if message is None and rid == "cmp.sym.eq" and text[num_start - 1:num_start] == "=" and (
            start == 0 or text[start - 1].isspace()):
        message = "'=' before a number, likely a lost '≥' or '≤' (registry export): kept as written"
    if message is None:
        return None
    return {"text": text[start:end], "span": [start, end], "message": message, "rule": rid}


# A character an export damaged between a comparator and its number ("less than or equal toâ??90":
# UTF-8 of a thin or no-break space read as Latin-1, the control bytes shown as '?').
_DAMAGED_GAP = re.compile(r"(â\?\?) ?$")


_UNSET = object()


def _reference_here(g, text: str, pos: int):
    """g.reference.match(text, pos), tried only where one of its phrases can start."""
    if not g.reference_start.may(text, pos):
        return None
    return g.reference.match(text, pos)


_THE_BEFORE = re.compile(r"(?<![\w-])the\s+$", re.IGNORECASE)


def _lasting_bound(g, text: str, pos: int):
    """The comparator cue of "for at least the past 6 weeks" ending before "the" at `pos` (the
    window cue's start), with "for" right before the cue, as (start, comparator, rule id), or None."""
    the = _THE_BEFORE.search(text, lookback(text, pos, 20), pos)  # "the" may end a wrapped line
    cue = _left_cue(g, text, the.start()) if the else None
    if not cue or cue[1] not in BOUNDS or not _FOR_BEFORE.search(text, max(0, cue[0] - 30), cue[0]):
        return None
    return cue
