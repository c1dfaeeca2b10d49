"""Every number of a criterion accounted for (the contract's "Unparsed numbers"): inside a
constraint, recognised as not a threshold (`ignored`, with a reason) or `unparsed`.

Plain text in, plain dicts out, offsets relative to the criterion text; no spaCy here.

What counts as a number (`numbers`):
- a run of the digits 0-9, with inner decimal or thousands separators ("1,500", "0.5"; "5.2.1"
  is one); a vulgar fraction ("½"). Superscript digits are exponents of a unit or of ten, not numbers;
- a number word of `number_words` in models/numbers.json ("two", "twelve", "twice"; in lower
  case, capitalised or in capitals) standing as a word of its own, with "(" before it or one of
  , . ) ; : ), ). ); after it allowed ("(two)"); inside a hyphenated compound ("two-year", "twenty-five") it qualifies a word and
  is not counted;
- a roman numeral in capitals (or a Unicode roman numeral) after a word of `roman_contexts`
  standing as a word of its own and a space ("stage III", "Phase I/II", "(type II"), and the
  numerals listed after it ("stage III or IV"): elsewhere "I", "V" and "X" are a pronoun, a
  letter or a sign far more often than a number.

A number is covered when it lies inside a constraint's span, or inside the span of the event a
time constraint is anchored to ("prior to Cycle 1 Day 1"). The others are read left to right;
the first of these that applies decides:
1. inside a variable name that holds digits ("CA 19-9", "CD4 count"), or ending a name of
   capitalised words whose initials and the number are an acronym the text writes ("National
   Early Warning Score 2" and "NEWS2"): ignored, "name";
2. a number in parentheses restating the covered number before it ("three (3) months"), or a
   temperature restated after a slash in the other scale that the finder leaves ("37.5 C/ 99.5 F";
   "38.0°C/100.4°F" is a constraint of its own): "restated";
3. a pattern of `patterns` matching at the number (or, for a pattern `at` "word", at the start
   of the word right before it) and reaching past it (dates, list markers, identifiers...):
   ignored with the pattern's reason;
   a roman numeral with a sub-stage letter in a stage list ("stage I or IIA"): "stage label";
4. the word right before the number is one of `prefixes` ("phase", "COVID", "day"): ignored
   with that reason, together with the numbers listed after it ("phase 1/2", "type 1 or 2");
   not a one-letter prefix glued to digits that a letter follows ("V600E": a name, step 5);
5. letters glued to the number: the digits of a unit ("mm3", "^9"): "unit"; an ordinal suffix
   ("2nd"): "ordinal"; other letters ("CD4", "HER2", "17p", "GLP-1", "5-FU"): "name". A unit
   glued after the number ("10mg", "24-hour") makes it a quantity, left to the next step, and so
   does a comparator sign right before it, whatever letters follow ("<=300nnhg", "(<6m)");
6. otherwise unparsed, together with the numbers chained to it ("5-10", "150/90", "0, 1 or 2"),
   their units and a comparator sign right before: the item a person should look at. Its reason
   is "quantity" (a unit or comparator is written with it), "range" (several numbers) or
   "number".
The numbers of a criterion the NLP stage does not read are all unparsed, "not analysed".
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..normalize.numbers import ROMAN, UNICODE_ROMAN, WORDS, parse_number
from ..normalize.resources import load
from ..normalize.units import resolve
from .patterns import grammar

NOT_ANALYSED = "not analysed"
FRACTIONS = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
DIGITS, WORD, ROMAN_NUMERAL = "digits", "word", "roman"

# (Both open with a character class, which the regex engine scans for quickly.)
_DIGITS = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_FRACTION = re.compile(rf"[{FRACTIONS}]")
_NUMBER_CHAR = re.compile(rf"[0-9{FRACTIONS}]")
_DIGITISH = re.compile(r"[0-9.,]")
_ROMAN = "|".join(sorted(ROMAN, key=len, reverse=True)).upper()
_UNICODE_ROMAN = "".join(UNICODE_ROMAN)
# A roman numeral, with a sub-stage letter ("IIIB", "IIA1") where one is written.
_ROMAN_FORM = rf"(?:{_ROMAN})(?:[A-C][0-9]?)?(?![\w])|[{_UNICODE_ROMAN}]"
_ROMAN_VALUE = re.compile(_ROMAN_FORM)
# What may stand around a number word that is a word of its own (kept short: every variant is
# an entry of the set each criterion's words are looked up in).
_OPENERS = ["", "("]
_CLOSERS = ["", ",", ".", ")", ";", ":", "),", ").", ");"]
_OPENERS_RX = r"\(?"
_CLOSERS_RX = r"(?:\)[,.;]|[,.);:])?"
# Between two numbers of one expression: a range, a pair, a list ("5-10", "150/90", "0, 1 or 2").
_CHAIN = re.compile(r"\s*(?:[\-‐–—−/:~]|to|through|,\s*(?:or|and)?|or|and|and/or|x|×)\s*", re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:[\-‐–—−/~&]|to|through|or|and|,\s*(?:or|and)?)\s*", re.IGNORECASE)
_GLUED_CHAIN = re.compile(r"[\-‐–/;](?=\d)|\s+(?:or|and)\s+-(?=\d)")
_COMPARATOR_BEFORE = re.compile(r"(?:[<>≤≥≦≧]\s*=?|=)\s*$")
_SPACE = re.compile(r"\s+")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])", re.IGNORECASE)
_GESTATION_WEEK = re.compile(r"\s+weeks?\s+(?:of\s+)?(?:gestation|pregnancy|amenorrho?ea)", re.IGNORECASE)
_UNIT_THEN_CLOSE = re.compile(r"\s?[^\s\d()][^\d()]{0,24}\)")
_OPEN_PAREN = re.compile(r"\s*[(\[]\s*")
_CLOSE_PAREN = re.compile(r"\s*[)\]]")
_WORD_SEPARATORS = "-‐–:#.()[]_'\""
_SUBSTAGE = re.compile(r"[A-C][0-9]?$")
# A temperature restated after a slash in the other scale: "37.5 C/ 99.5 F" (where the finder
# reads both scales, "38.0°C/100.4°F", the second is a constraint and covered before this test).
_TEMPERATURE_BEFORE = re.compile(r"[0-9]\s?(?:°\s?|º\s?|degrees?\s+)?(?P<a>[CF])(?:elsius|ahrenheit)?\s?/ ?\Z")
_TEMPERATURE_AFTER = re.compile(r"\s?(?:°\s?|º\s?|degrees?\s+)?(?P<b>[CF])(?:elsius|ahrenheit)?(?![A-Za-z])")
_TRIM = " \t\n,;(-–/"
_SUFFIX_WORD = re.compile(r"[A-Za-z]*")
# A comparator sign right before a number ("<=300nnhg", "(<6m)", ">6l O2") makes it a bound
# whatever letters are glued after it: a name is not compared ("> 3B" is left for a person too;
# "=" is left out: it also equates names, "MLL-AF4 = 11q23").
_SIGN_BEFORE = re.compile(r"(?:[<>≤≥]=?|=[<>])[ \t]?$")


@dataclass(frozen=True)
class Rules:
    word_forms: frozenset        # number words with the punctuation that may stand around them
    context_forms: frozenset     # roman-numeral context words, likewise
    any_forms: frozenset         # both
    words: re.Pattern            # a number word that is a word of its own
    roman_context: re.Pattern    # a context word and the roman numeral after it
    at_number: re.Pattern        # the patterns matched at a number, as one alternation (group p<i>)
    at_word: re.Pattern | None   # the patterns matched at the word before a number
    in_sequence: re.Pattern | None  # the patterns that need a neighbour (list markers), tried last
    pattern_info: tuple          # (reason, unless_unit, sequence) per pattern
    prefix_reason: dict          # lower-cased word -> (reason, chain)
    hyphen_not_names: frozenset
    suffix_not_names: frozenset  # words hyphenated after a number that leave it a number ("2.5-fold")
    glued_not_names: frozenset
    unit_exponent: re.Pattern
    form_fields: re.Pattern | None  # a registry form's fields copied into the criteria
    quiet_keys: frozenset        # one a-z run of each number word and context word (see quiet_words)


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = load("numbers")
    words = sorted((w.lower() for w in data["number_words"]), key=len, reverse=True)
    cases = [v for w in words for v in (w, w.capitalize(), w.upper())]
    forms = frozenset(o + w + c for w in cases for o in _OPENERS for c in _CLOSERS)
    contexts = sorted((c.lower() for c in data["roman_contexts"]), key=len, reverse=True)
    ctx_cases = [v for c in contexts for v in (c, c.capitalize(), c.upper())]
    ctx_forms = frozenset(o + c + k for c in ctx_cases for o in _OPENERS for k in ("", ":"))
    alt = "|".join(re.escape(w) for w in sorted(cases, key=len, reverse=True))
    # The same words as `forms`: after a space (or the start) and an opener, before a closer
    # and a space (or the end).
    words_rx = re.compile(rf"(?:(?<=\s)|^){_OPENERS_RX}(?P<w>{alt}){_CLOSERS_RX}(?=\s|$)")
    ctx = "|".join(re.escape(c) for c in ctx_cases)
    # The same context words as `ctx_forms`, then spaces and the numeral.
    roman_context = re.compile(
        rf"(?:(?<=\s)|^){_OPENERS_RX}(?:{ctx}):?\s+(?P<vals>{_ROMAN_FORM})")
    sources: dict[str, list[str]] = {"number": [], "word": [], "sequence": []}
    info = []
    for i, p in enumerate(data["patterns"]):
        re.compile(p["pattern"])  # a bad pattern is named here, not inside the alternation
        group = "(?:" if p.get("case_sensitive") else "(?i:"
        kind = "sequence" if p.get("sequence") else p.get("at", "number")
        sources[kind].append(f"(?P<p{i}>{group}{p['pattern']}))")
        info.append((p["reason"], bool(p.get("unless_unit")), bool(p.get("sequence"))))
    prefix_reason = {}
    for group in data["prefixes"]:
        for w in group["words"]:
            prefix_reason[w.lower()] = (group["reason"], bool(group.get("chain", True)))
    return Rules(word_forms=forms, context_forms=ctx_forms, any_forms=forms | ctx_forms, words=words_rx,
                 quiet_keys=frozenset(max(re.findall("[a-z]+", w), key=len) for w in words + contexts),
                 roman_context=roman_context,
                 at_number=re.compile("|".join(sources["number"]) or "(?!)"),
                 at_word=re.compile("|".join(sources["word"])) if sources["word"] else None,
                 in_sequence=re.compile("|".join(sources["sequence"])) if sources["sequence"] else None,
                 pattern_info=tuple(info),
                 prefix_reason=prefix_reason,
                 hyphen_not_names=frozenset(w.lower() for w in data["hyphen_not_names"]),
                 suffix_not_names=frozenset(w.lower() for w in data.get("suffix_not_names", [])),
                 glued_not_names=frozenset(data["glued_not_names"]),
                 unit_exponent=re.compile(data["unit_exponent"]),
                 form_fields=re.compile("|".join(f"(?:{f['pattern']})" for f in data["form_fields"]), re.IGNORECASE)
                 if data.get("form_fields") else None)


def form_fields(text: str, words: set[str] | None = None) -> list[tuple[int, int]]:
    """Spans of `text` that are a registry form's fields ("Are the trial subjects under 18?
    no"): answers to a form, not criteria thresholds (models/numbers.json 'form_fields').
    `words`: the letter words of the lower-cased text (quantities.letter_words), when known."""
    rx = rules().form_fields
    if rx is None or not _form_hint(text, words):
        return []
    return [m.span() for m in rx.finditer(text)]


# Every form field ends in an answer or a count: one of these words or phrases is in it.
_FORM_HINTS = ("yes", "no", "age range")
_FORM_HINT = re.compile(r"(?i)\b(?:" + "|".join(map(re.escape, _FORM_HINTS)) + r")\b")
_FORM_HINT_WORDS = frozenset(hint for hint in _FORM_HINTS if " " not in hint)
_FORM_HINT_PHRASES = tuple(tuple(hint.split()) for hint in _FORM_HINTS if " " in hint)
_FORM_HINT_KEYS = _FORM_HINT_WORDS | {phrase[0] for phrase in _FORM_HINT_PHRASES}  # (none: no hint)


def _form_hint(text: str, words: set[str] | None) -> bool:
    """Whether _FORM_HINT is in `text`. On ASCII text a hint matched there (between non-word
    characters, case ignored) is made of runs of a-z of the lower-cased text, so a hint whose
    words are not all among `words` cannot match: most criteria are ruled out without a scan."""
    if words is not None and text.isascii() and (_FORM_HINT_KEYS.isdisjoint(words) or (
            _FORM_HINT_WORDS.isdisjoint(words) and not any(words.issuperset(p) for p in _FORM_HINT_PHRASES))):
        return False
    return _FORM_HINT.search(text) is not None


def masked_spans(text: str, variables: Iterable[dict], words: set[str] | None = None
                 ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(spans of the variable mentions whose names hold digits or a number word, spans of registry
    form fields): the numbers inside them are not values ("CA 19-9", "IL-6", "CD4", "forced
    expiratory volume in one second"; a form's answers)."""
    forms = rules().word_forms
    return ([tuple(m["span"]) for m in variables
             if any(ch.isdigit() for ch in m["text"]) or not forms.isdisjoint(m["text"].lower().split())]
            if variables else [], form_fields(text, words))


_CAPITALISED_WORDS_BEFORE = re.compile(r"(?:[A-Z][A-Za-z]*[ \t-]+){2,8}$")
_WORD_GAP = re.compile(r"[ \t-]+")


def acronym_name(text: str, num_start: int, num_end: int) -> int | None:
    """Where the name starts that the digits at text[num_start:num_end] end, when its capitalised
    words' initials and those digits are an acronym the text writes ("National Early Warning
    Score 2" and "NEWS2"): the number is the name's, no value of a scale its last word names."""
    words = _CAPITALISED_WORDS_BEFORE.search(text, max(0, num_start - 90), num_start)
    if words is None:
        return None
    starts = [words.start()] + [m.end() for m in _WORD_GAP.finditer(text, words.start(), num_start)][:-1]
    digits = re.escape(text[num_start:num_end])
    for i in range(len(starts) - 1):   # the name may start after a capitalised word of the sentence ("Whose")
        initials = "".join(text[at] for at in starts[i:])
        if re.search(rf"(?<![\w-]){initials}-?{digits}(?![\w])", text):
            return starts[i]
    return None


@lru_cache(maxsize=None)
def pattern(rule_id: str) -> re.Pattern:
    """One pattern of models/numbers.json by its id, compiled as `rules()` compiles it (ignoring
    case unless the rule is case_sensitive), for code that needs the pattern on its own."""
    p = next(p for p in load("numbers")["patterns"] if p["id"] == rule_id)
    return re.compile(p["pattern"], 0 if p.get("case_sensitive") else re.IGNORECASE)


def numbers(text: str, words: set[str] | None = None) -> list[tuple[int, int, str]]:
    """Every number written in `text` as (start, end, kind), in order; kind is "digits",
    "word" or "roman" (see the module docstring for what counts). `words`: the letter words of
    the lower-cased text (quantities.letter_words), when known: a text holding none of the
    number and context words' keys (see quiet_words) holds none of them as a word of its own,
    and its words are not split out again."""
    r = rules()
    found = [(m.start(), m.end(), DIGITS) for m in _DIGITS.finditer(text)]
    if not text.isascii():
        found.extend((m.start(), m.end(), DIGITS) for m in _FRACTION.finditer(text))
    if words is not None and r.quiet_keys.isdisjoint(words):
        hits = None
    else:
        hits = r.any_forms.intersection(text.split())
    if hits and not r.word_forms.isdisjoint(hits):
        found.extend((m.start("w"), m.end("w"), WORD) for m in r.words.finditer(text))
    if hits and not r.context_forms.isdisjoint(hits):
        for m in r.roman_context.finditer(text):
            found.append((m.start("vals"), m.end("vals"), ROMAN_NUMERAL))
            # the numerals listed after the first: "stage III or IV", "grade III/IV"
            pos = m.end("vals")
            while True:
                sep = _RANGE.match(text, pos)
                nxt = _ROMAN_VALUE.match(text, sep.end()) if sep else None
                if not nxt:
                    break
                found.append((nxt.start(), nxt.end(), ROMAN_NUMERAL))
                pos = nxt.end()
    if len(found) > 1:
        found.sort()
    return found


def quiet_words(text: str, words: set[str]) -> bool:
    """True when `numbers(text)` is empty, told from `words` (quantities.letter_words of the
    lower-cased text) and a digit scan: a number word or context word counts only as a word of
    its own (with brackets or punctuation around it), so each of its runs of a-z is a letter word
    of the text; one run per word is the key, and a text holding none of them, and no digit or
    fraction, holds no number (most criteria)."""
    return rules().quiet_keys.isdisjoint(words) and _NUMBER_CHAR.search(text) is None


FORM_FIELD = "form field"


def account(text: str, constraints: Iterable[dict], masked: Iterable[tuple[int, int]] = (),
            forms: list[tuple[int, int]] | None = None, words: set[str] | None = None
            ) -> tuple[list[dict], list[dict]]:
    """(unparsed, ignored) for one criterion: lists of {"text", "span", "reason"}, spans
    relative to `text`. `constraints` are the criterion's constraint dicts (spans relative to
    `text`); `masked` the spans of variable names that hold digits; `forms` the form fields'
    spans when already found (form_fields(text), as masked_spans gives them); `words` the
    letter words of the lower-cased text, when known (see numbers)."""
    nums = numbers(text, words)
    if not nums:
        return [], []
    spans = []
    for c in constraints:
        spans.append(c["span"])
        if c.get("event"):
            spans.append(c["event"]["span"])
    if forms is None:
        forms = form_fields(text)
    if forms:  # a form field's numbers are its own, named first (never a constraint's)
        masked = [(s, e, FORM_FIELD) for s, e in forms] + list(masked)
    if not spans:
        return _classify(text, nums, nums, sorted(masked))
    todo = []
    for n in nums:
        start, end = n[0], n[1]
        for s, e in spans:
            if s <= start < e:
                if end > e:  # a span ends inside the number: cut it there
                    return _account_cut(text, nums, spans, masked)
                break
            if start < s < end:
                return _account_cut(text, nums, spans, masked)
        else:
            todo.append(n)
    if not todo:
        return [], []
    return _classify(text, todo, nums, sorted(masked))


def _account_cut(text: str, nums: list, spans: list, masked) -> tuple[list[dict], list[dict]]:
    nums = _split_at(text, nums, sorted(spans))
    todo = [n for n in nums if not any(s <= n[0] < e for s, e in spans)]
    return _classify(text, todo, nums, sorted(masked)) if todo else ([], [])


def _split_at(text: str, nums: list, spans: list) -> list:
    """Numbers cut where a constraint span starts or ends inside them (a constraint covering
    "1" of "1,2"), so that each number is inside a span or outside all of them."""
    cuts = [b for s in spans for b in s
            if 0 < b < len(text) and _DIGITISH.match(text, b - 1) and _DIGITISH.match(text, b)]
    if not cuts:
        return nums
    out = []
    for n in nums:
        inner = sorted(b for b in cuts if n[0] < b < n[1])
        if not inner or n[2] != DIGITS:
            out.append(n)
            continue
        at = n[0]
        for b in inner + [n[1]]:
            out.extend((m.start(), m.end(), DIGITS) for m in _DIGITS.finditer(text, at, b))
            # (a fraction is one character: no span boundary falls inside it)
            at = b
    return out


def _classify(text: str, todo: list, nums: list, masked: list) -> tuple[list[dict], list[dict]]:
    r = rules()
    unparsed: list[dict] = []
    ignored: list[dict] = []
    todo_at = {n[0]: n for n in todo}
    covered = [n[0] for n in nums if n[0] not in todo_at]
    done_until = -1

    def item(start: int, end: int, reason: str, out: list) -> None:
        nonlocal done_until
        start = max(start, done_until)
        i = bisect_right(covered, start)  # never reach over a covered number
        if i < len(covered) and covered[i] < end:
            end = covered[i]
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        out.append({"text": text[start:end], "span": [start, end], "reason": reason})
        done_until = end

    sequences = None
    for n in todo:
        start, end, kind = n
        if start < done_until:
            continue
        hit = next((m for m in masked if m[0] <= start < m[1]), None)
        if hit:
            item(hit[0], hit[1], hit[2] if len(hit) > 2 else "name", ignored)
            continue
        if _restates(text, n, nums, todo_at):
            item(start, end, "restated", ignored)
            continue
        named = acronym_name(text, start, end) if kind == DIGITS and start and text[start - 1] == " " else None
        if named is not None:  # "National Early Warning Score 2 (NEWS2)"
            item(named, end, "name", ignored)
            continue
        word = _word_before(text, start)
        found = _pattern_at(text, start, word, r)
        if found and found[3]:  # a list marker counts only beside the next or previous one
            # (only the sequence patterns are left to try: the others did not match)
            if sequences is None:
                sequences = _marker_values(text, r)
            if not {found[4] - 1, found[4] + 1} & sequences:
                found = None
        if found:
            item(found[0], found[1], found[2], ignored)
            continue
        if kind == ROMAN_NUMERAL and _SUBSTAGE.search(text, start, end):
            # "stage I or IIA", "stages IB, IIA, IIB, III, or IVA": a lettered sub-stage is a
            # category no number holds (models/numbers.json label.substage), with the list after it
            item(start, _chain_end(text, n, todo_at), "stage label", ignored)
            continue
        if word:
            key = word[2].lower()
            info = r.prefix_reason.get(key) or r.prefix_reason.get(key.rsplit("-", 1)[-1])
            if info and len(key) == 1 and word[1] == start and end < len(text) and text[end].isalpha():
                info = None  # "BRAF V600E", "V106A": one letter, digits and a letter, a mutation's name
            if info:
                item(word[0], _chain_end(text, n, todo_at) if info[1] else end, info[0], ignored)
                continue
        reason = _glued(text, n, word, r)
        if reason:
            first = word[0] if word and reason == "name" and (
                word[1] == start or word[1] == start - 1 and text[start - 1] in "-‐_") else start
            last = end
            while True:  # "CYP3A4", "C3-7", "BRCA1/2": the whole name
                while last < len(text) and text[last].isalnum():
                    last += 1
                more = _GLUED_CHAIN.match(text, last)
                if not more or more.end() not in todo_at:
                    break
                last = more.end()
            item(first, last, reason, ignored)
            continue
        first = start
        before = _COMPARATOR_BEFORE.search(text, max(done_until, 0, start - 4), start)
        if before:
            first = before.start()
        last, has_unit, count = _expression_end(text, n, todo_at)
        item(first, last, "quantity" if has_unit or before else "range" if count > 1 else "number",
             unparsed)
    return unparsed, ignored


def _pattern_at(text: str, start: int, word, r: Rules):
    """(item start, item end, reason, needs a sequence, value) of the first pattern matching at
    the number (or, for the patterns `at` a word, at the start of the word before it) and
    reaching past the number, or None."""
    for rx, at in ((r.at_number, start), (r.at_word, word[0] if word else None),
                   (r.in_sequence, start)):
        if at is None or rx is None:
            continue
        m = rx.match(text, at)
        if m and m.end() > start:
            reason, unless_unit, sequence = r.pattern_info[int(m.lastgroup[1:])]
            if unless_unit and _unit_end(text, m.end()):
                continue
            value = parse_number(_DIGITS.search(text, start).group()) if sequence else None
            return at, m.end(), reason, sequence, value
    return None


def _marker_values(text: str, r: Rules) -> set:
    """Values of the numbers a sequence-checked pattern (a list marker) matches in `text`."""
    out = set()
    for m in _DIGITS.finditer(text):
        if r.in_sequence.match(text, m.start()):
            out.add(parse_number(m.group()))
    return out


def _word_before(text: str, pos: int):
    """(start, end, word) of the word right before `pos`, across spaces and at most two
    separator characters ("COVID-19", "phase: 2", "section #3", "F.1", "(RECIST) 1.1"), or None."""
    j = pos
    while j > 0 and text[j - 1] in " \t\n":
        j -= 1
    k = 0
    while j > 0 and text[j - 1] in _WORD_SEPARATORS and k < 2:
        j -= 1
        k += 1
        while j > 0 and text[j - 1] in " \t":
            j -= 1
    end = j
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "-" and j > 1 and text[j - 2].isalpha()):
        j -= 1
    if j == end:
        return None
    return j, end, text[j:end]


def _glued(text: str, n: tuple, word, r: Rules) -> str | None:
    start, end, kind = n
    if kind != DIGITS:
        return None
    if start and text[start - 1] == "^":
        return "unit"
    if word and word[1] == start:  # letters right before the digits
        m = r.unit_exponent.match(text, word[0])
        if m and m.end() >= end:
            return "unit"
        if word[2] in r.glued_not_names:
            return None
        return "name"
    if word and word[1] == start - 1 and text[start - 1] in "-‐_" \
            and word[2].lower() not in r.hyphen_not_names:
        return "name"   # "GLP-1", "IL-6", "mRNA-1273", "FEV_1"
    if end < len(text) and text[end].isalpha():
        ordinal = _ORDINAL.match(text, end)
        if ordinal:
            if _GESTATION_WEEK.match(text, ordinal.end()):
                # "at or beyond the 10th week of gestation": a bound on a gestational age that no
                # constraint reads (the 10th week begins at 9 completed weeks): for a person
                return None
            return "ordinal"
        if _unit_end(text, end):
            return None
        if _SIGN_BEFORE.search(text, max(0, start - 3), start):
            return None  # a bound with a unit not read ("<=300nnhg"): unparsed, for a person
        return "name"   # "17p", "3D", "5FU"
    if end + 1 < len(text) and text[end] in "-‐" and text[end + 1].isalpha():
        if _unit_end(text, end + 1):
            return None  # "24-hour", "3-month": a quantity qualifier, left for a person
        if _SUFFIX_WORD.match(text, end + 1).group().lower() in r.suffix_not_names:
            return None  # "2.5-fold": a multiplier, not part of a name
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
    if text[at] == "%":
        return at + 1
    if g.unit_start is None or g.unit_start.match(text, at):
        end = g.unit.end(text, at)
        if end is not None and resolve(text[at:end]):
            return end
    if g.time_unit_start is None or g.time_unit_start.match(text, at):
        m = g.time_unit.match(text, at)
        if m:
            return m.end()
    return None


def _restates(text: str, n: tuple, nums: list, todo_at: dict) -> bool:
    """"three (3) months", "3 (three) months": a number in parentheses right after a covered
    number of the same value; "37 °C (98.6 °F)": a quantity in parentheses right after a covered
    quantity, the same in other units."""
    j = n[0]
    while j > 0 and text[j - 1] in " (":
        j -= 1
    # (the pattern ends in a slash and at most one space, at the number: searched only where the
    # slash stands; \Z, not $, which would also match before a line break)
    if j < n[0] + 1 and n[0] and text[n[0] - 1] in "/ " and "/" in text[n[0] - 2:n[0]]:
        before = _TEMPERATURE_BEFORE.search(text, max(0, n[0] - 16), n[0])
        after = _TEMPERATURE_AFTER.match(text, n[1]) if before else None
        if after and after.group("b") != before.group("a"):
            prev = next((p for p in nums if p[1] <= before.start() + 1 and p[1] > before.start() - 1), None)
            return prev is not None and prev[0] not in todo_at
    if j == n[0] or "(" not in text[j:n[0]]:
        return False
    if _CLOSE_PAREN.match(text, n[1]):
        prev = next((p for p in nums if p[1] == j), None)
        if prev is not None:
            return prev[0] not in todo_at and _value(text, prev) == _value(text, n)
    if not _UNIT_THEN_CLOSE.match(text, n[1]):
        return False
    prev = next((p for p in nums if p[1] < j and p[0] not in todo_at
                 and _unit_end(text, p[1]) is not None and not text[_unit_end(text, p[1]):j].strip()), None)
    return prev is not None


def _value(text: str, n: tuple):
    written = text[n[0]:n[1]]
    return WORDS.get(written.lower()) if n[2] == WORD else parse_number(written, roman=True)


def _chain_end(text: str, n: tuple, todo_at: dict) -> int:
    """End of the numbers listed after `n` ("phase 1/2", "type 1 or 2", "HIV-1 or -2")."""
    end = n[1]
    while True:
        sep = _RANGE.match(text, end)
        at = sep.end() + 1 if sep and text.startswith("-", sep.end()) else sep.end() if sep else -1
        if at not in todo_at:
            return end
        end = todo_at[at][1]


def _expression_end(text: str, n: tuple, todo_at: dict) -> tuple[int, bool, int]:
    """End of the unparsed expression that starts with `n`: chained numbers with their units,
    and a restating "(3)"; (end, whether a unit was seen, how many numbers)."""
    end = n[1]
    has_unit = False
    count = 1
    while True:
        unit = _unit_end(text, end)
        if unit:
            has_unit = True
            end = unit
        paren = _OPEN_PAREN.match(text, end)
        if paren and paren.end() in todo_at:
            close = _CLOSE_PAREN.match(text, todo_at[paren.end()][1])
            if close:
                end, count = close.end(), count + 1
                continue
        sep = _CHAIN.match(text, end)
        if not sep or sep.end() not in todo_at:
            return end, has_unit, count
        end = todo_at[sep.end()][1]
        count += 1


def not_analysed(text: str) -> list[dict]:
    """The unparsed list of a criterion the NLP stage did not read: its numbers, grouped into
    runs that no letter interrupts, each with the reason "not analysed"."""
    out: list[dict] = []
    for start, end, _ in numbers(text):
        if out and not any(ch.isalpha() for ch in text[out[-1]["span"][1]:start]):
            out[-1]["span"][1] = end
        else:
            out.append({"text": "", "span": [start, end], "reason": NOT_ANALYSED})
    for u in out:
        u["text"] = text[u["span"][0]:u["span"][1]]
    return out


def shape(item_text: str) -> str:
    """An item's text with its digits as N, lower-cased, spaces collapsed: "5-10 mg" -> "N-N mg"."""
    return _SPACE.sub(" ", _DIGITS.sub("N", item_text.lower())).strip()


def shifted(items: list[dict], offset: int) -> list[dict]:
    """Copies of `items` with their spans moved by `offset` (criterion-relative to absolute)."""
    return [{"text": i["text"], "span": [i["span"][0] + offset, i["span"][1] + offset],
             "reason": i["reason"]} for i in items]
