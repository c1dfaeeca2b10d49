"""Every number of a criterion accounted for (the contract's "Unparsed numbers"): inside a
constraint, recognised as not a threshold (`ignored`, with a reason) or `unparsed`.

Plain text in, plain dicts out, offsets relative to the criterion text; no spaCy here.

What counts as a number:
- a run of digits, with inner decimal or thousands separators ("1,500", "0.5", "5.2.1" is one);
  a vulgar fraction ("½"). Superscript digits are exponents of a unit or a power of ten, never
  numbers of their own;
- a number word of `number_words` in models/numbers.json ("two", "twelve", "twice");
- a roman numeral only right after a word of `roman_contexts` ("stage III", "phase I/II",
  "type II"), and the roman numerals listed after it ("stage III or IV"): elsewhere "I", "V"
  and "X" are a pronoun, a letter and a sign far more often than a number.

A number is covered when it lies inside a constraint's span (or the span of the event a time
constraint is anchored to: "Cycle 1 Day 1"). The others are read left to right; the first of
these that applies decides:
1. inside a variable name that holds digits ("CA 19-9", "CD4 count"): ignored, "name";
2. a pattern of `patterns` that matches at the number or at the word right before it (dates,
   list markers, versions, identifiers...): ignored, with the pattern's reason;
3. the word right before the number is one of `prefixes` ("phase", "COVID", "day"): ignored with
   that reason, and the numbers chained to it ("phase 1/2", "type 1 or 2") with it;
4. letters glued to the number ("CD4", "HER2", "17p", "mRNA-1273") that are not a unit: "name"
   (an ordinal suffix, "2nd": "ordinal"); the digits of a unit ("mm3", "10^9"): "unit";
5. a number restating a covered one in parentheses ("three (3) months"): "restated";
6. otherwise unparsed, together with the numbers chained to it ("5-10", "150/90", "0, 1 or
   2") and the unit after them: the item a person should look at.
The rule data is checked against schemas/rules/numbers.schema.json when it is loaded.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..normalize.numbers import ROMAN, UNICODE_ROMAN
from ..normalize.resources import load
from ..normalize.units import resolve
from .patterns import grammar

NOT_ANALYSED = "not analysed"
FRACTIONS = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
# Digit runs with inner separators, and vulgar fractions.
_DIGITS = re.compile(rf"\d+(?:[.,]\d+)*|[{FRACTIONS}]")
_ANY_DIGIT = re.compile(rf"[\d{FRACTIONS}]")
_ROMAN = "|".join(sorted(ROMAN, key=len, reverse=True))
_ROMAN_VALUE = re.compile(rf"(?:{_ROMAN})(?![\w])|[{''.join(UNICODE_ROMAN)}]", re.IGNORECASE)
# Between two numbers of one expression: a range, a pair, a list ("5-10", "150/90", "0, 1 or 2").
_CHAIN = re.compile(r"\s*(?:[\-‐–—−/:~]|to|through|,\s*(?:or|and)?|or|and|and/or|x|×)\s*", re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:[\-‐–—−/~]|to|through|or|and|,\s*(?:or|and)?)\s*", re.IGNORECASE)
_COMPARATOR_BEFORE = re.compile(r"(?:[<>≤≥≦≧]\s*=?|=)\s*$")
_SPACE = re.compile(r"\s+")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])", re.IGNORECASE)
_LETTERS_AFTER = re.compile(r"[A-Za-z]")
_WORD_BEFORE = re.compile(r"[^\W\d_](?:[^\W\d_]|-)*$")
_OPEN_PAREN = re.compile(r"\s*\(\s*")
_CLOSE_PAREN = re.compile(r"\s*\)")


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    kind: str      # "digits", "word" or "roman"


@dataclass(frozen=True)
class Rules:
    words: re.Pattern            # number words
    word_values: dict
    roman_context: re.Pattern    # a roman-numeral context word and the numerals after it
    roman_keys: tuple            # lower-cased context words, to skip the scan when none occurs
    patterns: list               # (compiled, reason, unless_unit)
    prefix_reason: dict          # lower-cased word -> (reason, chain)
    hyphen_not_names: frozenset
    glued_not_names: frozenset
    unit_exponent: re.Pattern


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = load("numbers")
    words = sorted(data["number_words"], key=len, reverse=True)
    word_rx = re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])",
                         re.IGNORECASE)
    from ..normalize.numbers import WORDS
    contexts = sorted(data["roman_contexts"], key=len, reverse=True)
    ctx = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in contexts)
    roman_context = re.compile(
        rf"(?<![\w])(?:{ctx})\s*[\-:]?\s*(?P<vals>(?:{_ROMAN})(?![\w])|[{''.join(UNICODE_ROMAN)}])",
        re.IGNORECASE)
    patterns = []
    for p in data["patterns"]:
        flags = 0 if p.get("case_sensitive") else re.IGNORECASE
        patterns.append((re.compile(p["pattern"], flags), p["reason"], bool(p.get("unless_unit"))))
    prefix_reason = {}
    for group in data["prefixes"]:
        for w in group["words"]:
            prefix_reason[w.lower()] = (group["reason"], bool(group.get("chain", True)))
    return Rules(words=word_rx, word_values={w: WORDS.get(w.lower()) for w in words},
                 roman_context=roman_context, roman_keys=tuple(c.lower().split()[0] for c in contexts),
                 patterns=patterns, prefix_reason=prefix_reason,
                 hyphen_not_names=frozenset(w.lower() for w in data["hyphen_not_names"]),
                 glued_not_names=frozenset(data["glued_not_names"]),
                 unit_exponent=re.compile(data["unit_exponent"]))


def numbers(text: str, low: str | None = None) -> list[Number]:
    """Every number written in `text`, in order (see the module docstring for what counts)."""
    r = rules()
    found = [Number(m.start(), m.end(), "digits") for m in _DIGITS.finditer(text)]
    low = text.lower() if low is None else low
    if r.words.search(text):
        found.extend(Number(m.start(), m.end(), "word") for m in r.words.finditer(text))
    if any(k in low for k in r.roman_keys):
        for m in r.roman_context.finditer(text):
            at = m.start("vals")
            found.append(Number(at, m.end("vals"), "roman"))
            # the numerals listed after the first: "stage III or IV", "grade III/IV"
            pos = m.end("vals")
            while True:
                sep = _RANGE.match(text, pos)
                nxt = _ROMAN_VALUE.match(text, sep.end()) if sep else None
                if not nxt or not (nxt.group().isupper() or not nxt.group().isascii()):
                    break
                found.append(Number(nxt.start(), nxt.end(), "roman"))
                pos = nxt.end()
    if len(found) > 1:
        found.sort(key=lambda n: n.start)
    return found


def _spans_of(constraints: Iterable[dict]) -> list[tuple[int, int]]:
    spans = []
    for c in constraints:
        spans.append((c["span"][0], c["span"][1]))
        event = c.get("event")
        if event:
            spans.append((event["span"][0], event["span"][1]))
    spans.sort()
    return spans


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> tuple[int, int] | None:
    i = bisect_right(starts, pos) - 1
    while i >= 0:
        s, e = spans[i]
        if s <= pos < e:
            return s, e
        if e <= pos and i and spans[i - 1][1] <= s:
            break
        i -= 1
    return None


def _split_at(text: str, nums: list[Number], bounds: list[int]) -> list[Number]:
    """Numbers cut where a constraint span starts or ends inside them (a constraint covering
    "1" of "1,2"), so that a number is either inside a span or outside it."""
    out = []
    for n in nums:
        cuts = [b for b in bounds if n.start < b < n.end]
        if not cuts or n.kind != "digits":
            out.append(n)
            continue
        at = n.start
        for b in cuts + [n.end]:
            for m in _DIGITS.finditer(text, at, b):
                out.append(Number(m.start(), m.end(), "digits"))
            at = b
    return out


def account(text: str, constraints: list[dict], masked: Iterable[tuple[int, int]] = ()
            ) -> tuple[list[dict], list[dict]]:
    """(unparsed, ignored) for one criterion: lists of {"text", "span", "reason"}, spans
    relative to `text`. `constraints` are the criterion's constraint dicts (spans relative to
    `text`); `masked` the spans of variable names that hold digits."""
    if not _ANY_DIGIT.search(text) and not rules().words.search(text) \
            and not _maybe_roman(text):
        return [], []
    low = text.lower()
    nums = numbers(text, low)
    if not nums:
        return [], []
    spans = _spans_of(constraints)
    if spans:
        bounds = sorted({b for s in spans for b in s})
        if any(n.start < b < n.end for n in nums for b in bounds):
            nums = _split_at(text, nums, bounds)
        starts = [s for s, _ in spans]
        todo = [n for n in nums if _inside(spans, starts, n.start) is None]
    else:
        todo = nums
    if not todo:
        return [], []
    return _classify(text, low, todo, nums, spans, sorted(masked))


def _maybe_roman(text: str) -> bool:
    low = text.lower()
    return any(k in low for k in rules().roman_keys) and bool(rules().roman_context.search(text))


def _classify(text, low, todo, nums, spans, masked):
    r = rules()
    unparsed: list[dict] = []
    ignored: list[dict] = []
    covered_starts = {n.start for n in nums} - {n.start for n in todo}
    todo_at = {n.start: n for n in todo}
    done_until = -1

    def item(start: int, end: int, reason: str, out: list) -> None:
        nonlocal done_until
        # never reach over a covered number: the item stops before it
        for n in nums:
            if start <= n.start < end and n.start in covered_starts:
                end = n.start
                break
        while end > start and text[end - 1] in " \t\n,;(-–/":
            end -= 1
        out.append({"text": text[start:end], "span": [start, end], "reason": reason})
        done_until = end

    for n in todo:
        if n.start < done_until:
            continue
        # 1. inside a variable name
        hit = next(((s, e) for s, e in masked if s <= n.start < e), None)
        if hit:
            item(max(hit[0], done_until), hit[1], "name", ignored)
            continue
        word = _word_before(text, n.start)
        # 2. shape patterns, at the number or at the word before it
        found = None
        for rx, reason, unless_unit in r.patterns:
            for at in (n.start, word[0]) if word else (n.start,):
                m = rx.match(text, at)
                if m and m.end() > n.start and not (unless_unit and _unit_end(text, m.end())):
                    found = (at, m.end(), reason)
                    break
            if found:
                break
        if found and found[0] >= done_until:
            item(found[0], found[1], found[2], ignored)
            continue
        # 3. a known word right before the number
        if word:
            key = word[2].lower()
            info = r.prefix_reason.get(key) or r.prefix_reason.get(key.rsplit("-", 1)[-1])
            if info:
                end = _chain_end(text, n, todo_at, _RANGE) if info[1] else n.end
                item(max(word[0], done_until), end, info[0], ignored)
                continue
        # 4. letters glued to the number
        reason = _glued(text, n, word, r)
        if reason:
            start = word[0] if word and reason == "name" and word[1] == n.start else n.start
            end = n.end
            m = _LETTERS_AFTER.match(text, end)
            if m:
                while end < len(text) and (text[end].isalnum()):
                    end += 1
            item(max(start, done_until), end, reason, ignored)
            continue
        # 5. a restatement of a covered number in parentheses
        if _restates(text, n, nums, covered_starts, r):
            item(n.start, n.end, "restated", ignored)
            continue
        # 6. unparsed: the expression around it
        start = n.start
        before = _COMPARATOR_BEFORE.search(text, max(done_until, 0, n.start - 4), n.start)
        if before:
            start = before.start()
        end, has_unit, count = _expression_end(text, n, todo_at)
        reason = "quantity" if has_unit or before else "range" if count > 1 else "number"
        item(start, end, reason, unparsed)
    return unparsed, ignored


def _word_before(text: str, pos: int):
    """(start of the word, end of the word, the word) right before `pos`, allowing a short
    separator ("COVID-19", "phase: 2", "section #3"), or None."""
    j = pos
    k = 0
    while j > 0 and text[j - 1] in " \t-‐–:#.(" and k < 3:
        j -= 1
        k += 1
    m = _WORD_BEFORE.search(text, max(0, j - 30), j)
    if not m:
        return None
    word = m.group().strip("-")
    if not word:
        return None
    return m.start(), m.start() + len(word), word


def _glued(text: str, n: Number, word, r: Rules) -> str | None:
    if n.kind != "digits":
        return None
    s, e = n.start, n.end
    if s and text[s - 1] in "^":
        return "unit"
    if word and word[1] == s:  # letters right before the digits
        letters = word[2]
        if r.unit_exponent.match(text, word[0]) and r.unit_exponent.match(text, word[0]).end() >= e:
            return "unit"
        if letters in r.glued_not_names:
            return None
        return "name"
    if word and word[1] == s - 1 and text[s - 1] in "-‐" and word[2].lower() not in r.hyphen_not_names:
        return "name"   # "GLP-1", "IL-6", "mRNA-1273"
    if e < len(text) and text[e].isalpha():
        if _ORDINAL.match(text, e):
            return "ordinal"
        if _unit_end(text, e):
            return None
        return "name"   # "17p", "3D", "5FU"
    if e + 1 < len(text) and text[e] in "-‐" and text[e + 1].isalpha():
        if _unit_end(text, e + 1):
            return None  # "24-hour", "3-month": a quantity qualifier, left for a person
        return "name"    # "5-FU", "12-lead", "4-aminoquinoline"
    return None


def _unit_end(text: str, pos: int) -> int | None:
    """Where a unit written at `pos` (spaces allowed) ends, or None."""
    g = grammar()
    at = pos
    while at < len(text) and text[at] == " ":
        at += 1
    if at >= len(text):
        return None
    if g.unit_start is None or g.unit_start.match(text, at):
        end = g.unit.end(text, at)
        if end is not None and resolve(text[at:end]):
            return end
    if g.time_unit_start is None or g.time_unit_start.match(text, at):
        m = g.time_unit.match(text, at)
        if m:
            return m.end()
    if text.startswith("%", at):
        return at + 1
    return None


def _restates(text: str, n: Number, nums: list[Number], covered: set[int], r: Rules) -> bool:
    """"three (3) months", "3 (three) months": a number in parentheses right after a covered
    number of the same value."""
    j = n.start
    while j > 0 and text[j - 1] in " (":
        j -= 1
    if "(" not in text[j:n.start] or not _CLOSE_PAREN.match(text, n.end):
        return False
    prev = next((p for p in nums if p.end == j), None)
    if prev is None or prev.start not in covered:
        return False
    return _value(text, prev, r) == _value(text, n, r)


def _value(text: str, n: Number, r: Rules):
    from ..normalize.numbers import parse_number
    written = text[n.start:n.end]
    return r.word_values.get(written.lower()) if n.kind == "word" else parse_number(written, roman=True)


def _chain_end(text: str, n: Number, todo_at: dict, sep_rx: re.Pattern) -> int:
    end = n.end
    while True:
        sep = sep_rx.match(text, end)
        if not sep or sep.end() not in todo_at:
            return end
        end = todo_at[sep.end()].end


def _expression_end(text: str, n: Number, todo_at: dict) -> tuple[int, bool, int]:
    """End of the unparsed expression that starts with `n`: chained numbers with their units,
    and a restating "(3)"; (end, whether a unit was seen, how many numbers)."""
    end = n.end
    has_unit = False
    count = 1
    while True:
        unit = _unit_end(text, end)
        if unit:
            has_unit = True
            end = unit
        paren = _OPEN_PAREN.match(text, end)
        if paren and paren.end() in todo_at:
            inner = todo_at[paren.end()]
            close = _CLOSE_PAREN.match(text, inner.end)
            if close:
                end, count = close.end(), count + 1
                continue
        sep = _CHAIN.match(text, end)
        if not sep or sep.end() not in todo_at:
            return end, has_unit, count
        end = todo_at[sep.end()].end
        count += 1


def not_analysed(text: str) -> list[dict]:
    """The unparsed list of a criterion the NLP stage did not read: its numbers, grouped into
    runs that no letter interrupts, each with the reason "not analysed"."""
    out: list[dict] = []
    for n in numbers(text):
        if out and not any(ch.isalpha() for ch in text[out[-1]["span"][1]:n.start]):
            out[-1]["span"][1] = n.end
        else:
            out.append({"text": "", "span": [n.start, n.end], "reason": NOT_ANALYSED})
    for u in out:
        u["text"] = text[u["span"][0]:u["span"][1]]
    return out


def shape(item_text: str) -> str:
    """An item's text with its digits as N, lower-cased, spaces collapsed: "5-10 mg" -> "N-N mg"."""
    return _SPACE.sub(" ", _DIGITS.sub("N", item_text.lower())).strip()


def shifted(items: list[dict], offset: int) -> list[dict]:
    return [{"text": i["text"], "span": [i["span"][0] + offset, i["span"][1] + offset],
             "reason": i["reason"]} for i in items]


