"""Regular expressions compiled once from the rule files under models/.

Cue phrases in the data files are literal: case is ignored and a space matches any run of
whitespace; word cues must start and end on word boundaries.
"""
from __future__ import annotations

import re
import sys
import _sre
from dataclasses import dataclass
from functools import lru_cache

from ..normalize.numbers import COMPOUND_WORDS, STANDALONE_WORDS, UNICODE_ROMAN
from ..normalize.resources import load
from ..normalize.units import forms_alternation, start_class, unit_form_lists, unit_forms

WORD_PLACEHOLDER = r"[A-Za-z][\w\-]*"


def phrase_regex(phrase: str, left_boundary: bool = True) -> str:
    """Regex source for a literal cue phrase (`left_boundary=False` lets it follow a glued
    multiplier: "2.5xULN")."""
    parts = []
    for chunk in re.split(r"(\s+|\{word\})", phrase.strip()):
        if not chunk:
            continue
        if chunk.isspace():
            parts.append(r"\s+")
        elif chunk == "{word}":
            parts.append(WORD_PLACEHOLDER)
        else:
            parts.append(re.escape(chunk))
    source = "".join(parts)
    if phrase[0].isalnum() and left_boundary:
        source = r"(?<![\w])" + source
    if phrase[-1].isalnum() or phrase.endswith("}"):
        source += r"(?![\w])"
    return source


def _event_length(phrase: str) -> int:
    """An event phrase's length for ordering (longest tried first), a '{word}' counted as the
    shortest word it stands for: a phrase that writes a word out is tried before one that leaves
    it open ("completion of study", the study's end, before "completion of {word}", a last dose
    of that treatment), where the placeholder's six characters had put it first."""
    return len(phrase.replace("{word}", "w"))


# words that say a number is approximate ("or about 5x half-life", "or approximately 5 half-lives")
APPROXIMATE = r"(?:about|approximately|approx\.|around|roughly)"


def word_alternation(words: list[str], space: str = r"\s+") -> str:
    """`(?:...)` over the literal words and phrases of a word list of a data file, longest first;
    a space inside a phrase matches `space` (a run of whitespace unless told). The pattern around
    it sets the boundaries and the case rule."""
    ordered = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(space.join(map(re.escape, w.split())) for w in ordered) + ")"


def alternation(phrases_with_ids: list[tuple[str, str]], left_boundary: bool = True) -> tuple[str, dict[str, str]]:
    """One alternation (longest phrase first) and a lookup from lower-cased phrase to id.

    The word-start boundary is checked once for all word phrases rather than once per branch:
    Python's engine tries every branch at every position, so this keeps scans fast."""
    ordered = sorted(phrases_with_ids, key=lambda p: -len(p[0]))
    words = [phrase_regex(p, False) for p, _ in ordered if p[0].isalnum()]
    others = [phrase_regex(p, False) for p, _ in ordered if not p[0].isalnum()]
    parts = []
    if words:
        parts.append(("(?<![\\w])" if left_boundary else "") + "(?:" + "|".join(words) + ")")
    if others:
        parts.append("|".join(others))
    return "|".join(parts), {re.sub(r"\s+", " ", p.lower()): i for p, i in ordered}


def reversed_phrase_regex(phrase: str) -> str:
    """Regex source matching `phrase` written backwards (for cues that end where a value starts)."""
    parts = []
    for chunk in re.split(r"(\s+)", phrase.strip())[::-1]:
        if not chunk:
            continue
        parts.append(r"\s+" if chunk.isspace() else re.escape(chunk[::-1]))
    source = "".join(parts)
    first = phrase.strip()[:2]
    # the phrase's first letter must start a word, unless a symbol follows it: a sign damaged by
    # an export ("â?¥") is no word and may be glued to the name it bounds ("SpO2â?¥90%")
    if first[0].isalnum() and (len(first) == 1 or first[1].isalnum() or first[1] in " .-'’"):
        source += r"(?![\w])"
    return source


def reversed_alternation(phrases: list[str]) -> str:
    return "|".join(reversed_phrase_regex(p) for p in sorted(phrases, key=len, reverse=True))


# Digits with thousands separators or a decimal point/comma; a comma followed by exactly three
# digits is a separator ("100,000"), otherwise a decimal comma ("1,5").
# A space after a thousands comma ("12, 000/mm3", "100, 000") is an export's or a typist's: read
# it as one number only where no list could be meant (a group starting with 0, or a count per volume).
# A space between groups of three ("50 000/mm3", "1 500/µL", as French and other registries
# write thousands) makes one number only before a count per volume, where no list is meant.
# A comma right after the number ends it ("platelets ≥ 50,000, creatinine ..."): only a comma
# followed by a digit continues one.
# A space after "0." right after a comparator sign ("lymphocytes < 0. 6x 109/L", an export's) is
# one decimal: no list marker is numbered 0.
# An apostrophe between groups of three ("1'000/ul", "100’000", as Swiss records write
# thousands) makes one number; feet and inches ("5'10\"") have two digits after it.
DIGITS = r"(?:(?:(?<=[<>≤≥] )|(?<=[<>≤≥]))0\. \d+(?![\d.,])|\d{1,3}(?:,\s0\d{2})+(?!\d|,\d)|\d{1,3}(?:,\s?\d{3})+(?=\s*/)|\d{1,3}(?: \d{3})+(?=\s?(?:/|mm\b|mm3|mm\^|cells\b|[µμu][lL]\b))|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)|\d{1,3}(?:['’]\d{3})+(?![\d'’])|\d+(?:\.\d+|,\d{1,2}(?![,\d]))?|\.\d+)"
SUPERS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# A scientific form, unless the power of ten belongs to a unit ("1.5 x 10^9/L" is 1.5 10*9/L;
# "2 x 10^6 CD34+ cells/kg" is 2 10*6/kg). A power in brackets counts only after a mantissa and
# its sign ("5 x 10(6) copies/mL"): a bare "10(6)" may be a reference or a label.
SCIENTIFIC = (
    rf"(?:(?:{DIGITS}\s*[x×X*·]\s*)?10\s*(?:\^|\*\*)\s*[\-−]?\d+"
    rf"|{DIGITS}\s*[x×X*·]\s*10\s?\(\s?[\-−]?\d{{1,2}}\s?\)"
    rf"|(?:{DIGITS}\s*[x×X*·]\s*)?10[{SUPERS}]+|\d+(?:\.\d+)?[eE][\-−]?\d+)"
    r"(?!\s*(?:/|cells|CD34|per\b|[xX]?\s*10))"
)
FRACTIONS = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
# A whole number and a fraction typed with a slash ("6 1/2 hours", "2 1/2 years"): one number, as
# "6½" is; not before another slash or digit ("1 1/2/2020").
MIXED_FRACTION = r"\d{1,3} (?:1/[234]|2/3|3/4)(?![\d/.,])"
ROMAN_ASCII = r"(?:XII|XI|IX|X|VIII|VII|VI|V|IV|III|II|I)"
ROMAN_UNICODE = "".join(UNICODE_ROMAN)


def fold_safe(phrases: list[str]) -> bool:
    """Whether matching the lower-cased phrases case-sensitively against lower-cased ASCII text
    is the same as matching the phrases with IGNORECASE: not when a phrase holds a non-ASCII
    character that IGNORECASE equates with an ASCII letter (the long s, the Kelvin sign...)."""
    odd = {ch for p in phrases for ch in p if not ch.isascii()}
    return not any(re.fullmatch(re.escape(ch), letter, re.IGNORECASE)
                   for ch in odd for letter in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


class Folded:
    """A case-insensitive pattern that, given `folded` (the same pattern for lower-cased text), runs
    case-sensitively on the lower-cased text when the text is ASCII or its other characters have
    no case (folded_text), whose offsets lower() keeps.

    Python's engine skips an alternation branch on its first character cheaply only when
    matching case-sensitively; with hundreds of cue phrases the folded form is about three
    times faster. Its match objects hold lower-cased text: callers use offsets, truth and
    lower-cased groups only."""

    def __init__(self, source: str, folded: str | None):
        self.pattern = re.compile(source, re.IGNORECASE)
        self.folded = re.compile(folded) if folded is not None else None

    def match(self, text: str, pos: int = 0):
        if self.folded is not None:
            low = folded_text(text)
            if low is not None:
                return self.folded.match(low, pos)
        return self.pattern.match(text, pos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        if self.folded is not None:
            low = folded_text(text)
            if low is not None:
                return self.folded.search(low, pos, endpos)
        return self.pattern.search(text, pos, endpos)


def case_free(source, phrases: list[str]) -> Folded:
    """The pattern `source(phrases)`, folded as `source` of the lower-cased phrases where that is exact."""
    return Folded(source(phrases), source([p.lower() for p in phrases]) if fold_safe(phrases) else None)


def folded_regex(source: str) -> Folded:
    """A case-insensitive pattern written in lower case, folded as it is."""
    # Every letter the pattern can match must be written in lower case (or as A-Za-z).
    bare = re.sub(r"\\.", "", source).replace("A-Za-z", "").replace("(?P<", "(?<")
    if re.search(r"[A-Z]", re.sub(r"\(\?<\w+>", "", bare)):
        raise ValueError(f"folded_regex needs a lower-case pattern: {source!r}")
    return Folded(source, source)


class UnitForms:
    """The unit alternation `(?:(?i:loose)|exact)`: the case-insensitive forms are tried first,
    then the case-sensitive ones. `end(text, pos)` is where a unit written at `pos` ends (or
    None); on ASCII text the case-insensitive forms are matched folded, which gives the same
    first matching branch."""

    def __init__(self):
        loose, exact = unit_form_lists()
        # Only the whole alternation (for text that is not ASCII) and the buckets below are
        # matched: the loose and exact halves are not compiled on their own (compiling them
        # took a sixth of a second of start-up: alternations of some twenty thousand characters).
        self.pattern = re.compile(rf"(?:(?i:{forms_alternation(loose)})|{forms_alternation(exact)})")
        # On ASCII text, one alternation per first character: only the forms that can start
        # with the character at `pos` are tried, in their order, so the first match is the same.
        self.loose_by_char: dict[str, re.Pattern] = {}
        self.exact_by_char: dict[str, re.Pattern] = {}
        if fold_safe(loose) and not any(f[0].isspace() for f in loose + exact):
            lowered = [f.lower() for f in loose]
            for ch in {c for f in lowered for c in _first_chars(f)}:
                self.loose_by_char[ch] = re.compile(forms_alternation([f for f in lowered if ch in _first_chars(f)]))
            for ch in {c for f in exact for c in _first_chars(f)}:
                self.exact_by_char[ch] = re.compile(forms_alternation([f for f in exact if ch in _first_chars(f)]))
            self.bucketed = True
            # the same buckets for text that is not ASCII (at an ASCII character): the loose forms
            # of a bucket matched case-free on the text as written, compiled on first use
            self._loose = loose
            self.loose_written: dict[str, re.Pattern | None] = {}
        else:
            self.bucketed = False

    def end(self, text: str, pos: int) -> int | None:
        if self.bucketed and text.isascii():
            if pos >= len(text):
                return None
            ch = text[pos]
            rx = self.loose_by_char.get(ch.lower())
            m = rx.match(_lowered(text), pos) if rx is not None else None
            if m is None:
                rx = self.exact_by_char.get(ch)
                m = rx.match(text, pos) if rx is not None else None
        elif self.bucketed and pos < len(text) and text[pos].isascii():
            # Text that is not ASCII, at an ASCII character: lower() may move its offsets, so
            # the loose forms are matched case-free as written, but only those that can start
            # with that character (the whole alternation cost some 80 µs a number). No form
            # holds a character that a case fold brings to ASCII (fold_safe), so a form whose
            # first character folds to another cannot match here.
            ch = text[pos]
            low = ch.lower()
            rx = self.loose_written.get(low, _UNSET)
            if rx is _UNSET:
                forms = [f for f in self._loose if low in _first_chars(f.lower())]
                rx = self.loose_written[low] = re.compile(forms_alternation(forms), re.IGNORECASE) if forms else None
            m = rx.match(text, pos) if rx is not None else None
            if m is None:
                rx = self.exact_by_char.get(ch)
                m = rx.match(text, pos) if rx is not None else None
        else:
            m = self.pattern.match(text, pos)
        return m.end() if m else None


_UNSET = object()


class PhraseStarts:
    """`match(text, pos)` of the case-free alternation of phrase_regex(phrase) over `phrases`, in
    their order, trying only the phrases that can start with the character at `pos`: on ASCII
    text, or text whose other characters have no case (folded_text; fold_safe phrases), the lower-cased phrases of that character's bucket, matched on the
    lower-cased text (its match objects hold lower-cased text: callers use offsets, truth and
    lower-cased groups only); on other text, the whole alternation. A phrase's branch opens with
    a lookbehind, so the engine cannot skip a branch on its first character by itself. The
    first matching branch is the same: a branch that cannot start with the character at `pos`
    cannot match there. A phrase opening with {word} can start with any letter."""

    def __init__(self, phrases: list[str]):
        self.phrases = list(phrases)
        self.pattern = re.compile("|".join(f"(?:{phrase_regex(p)})" for p in self.phrases), re.IGNORECASE)
        self.folded = fold_safe(self.phrases) and all(p[0].isalnum() or p.startswith("{word}") for p in self.phrases)
        self.by_char: dict[str, re.Pattern | None] = {}

    def _bucket(self, ch: str) -> re.Pattern | None:
        rx = self.by_char.get(ch, _UNSET)
        if rx is _UNSET:
            forms = [p.lower() for p in self.phrases
                     if p[0].lower() == ch or p.startswith("{word}") and "a" <= ch <= "z"]
            rx = self.by_char[ch] = re.compile("|".join(f"(?:{phrase_regex(p)})" for p in forms)) if forms else None
        return rx

    def match(self, text: str, pos: int = 0):
        low = folded_text(text) if self.folded else None
        if low is not None:
            if pos >= len(low):
                return None
            rx = self._bucket(low[pos])
            return rx.match(low, pos) if rx is not None else None
        return self.pattern.match(text, pos)


# (text, folded_text(text)) pairs, newest first; each pair is one tuple, so a reader in another
# thread sees a text with its own lower-cased form
_LAST_FOLDED: list = [(None, None), (None, None)]


def folded_text(text: str) -> str | None:
    """text.lower() where a Folded pattern may run on it in place of the case-free one: text that
    is ASCII, or whose other characters have no case ("≥", "•", "°", "中"; the regex engine's own
    test, _sre.unicode_iscased). lower() leaves such a character as it is, one character long, so
    offsets are kept; a case-free pattern matches it only as written, as the folded pattern does
    on the lower-cased text (no character lower-cases to one without case: a test checks every
    code point). Else None: the case-free pattern runs on the text as written.

    Remembered for the last two texts: one criterion's numbers ask for it in turn, between the
    short windows (before a number, reversed) that the cue patterns read, so one slot kept
    lower-casing the whole criterion again after every window."""
    last = _LAST_FOLDED
    newest = last[0]
    if newest[0] is text:
        return newest[1]
    older = last[1]
    if older[0] is text:
        return older[1]
    if text.isascii() or caseless(text):
        low = text.lower()
    else:
        low = None
    last[1], last[0] = newest, (text, low)
    return low


# the regex engine's own case test (CPython's, private): where an interpreter lacks it, every
# non-ASCII character counts as cased and such text takes the case-free patterns, as before
_ISCASED = getattr(_sre, "unicode_iscased", None)


def caseless(text: str) -> bool:
    """Whether no character of `text` outside ASCII has a case for the regex engine."""
    if _ISCASED is None:
        return False
    for ch in set(_NON_ASCII.findall(text)):
        cased = _CASED.get(ch)
        if cased is None:
            cased = _CASED[ch] = _ISCASED(ord(ch))
        if cased:
            return False
    return True


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# character -> whether the regex engine gives it a case (filled as characters are met)
_CASED: dict[str, bool] = {}


def _lowered(text: str) -> str:
    """text.lower() of ASCII `text`, remembered as folded_text remembers it."""
    return folded_text(text)


def _first_chars(form: str) -> set[str]:
    """The characters the pattern of a unit form (units.form_regex) can start with."""
    if form.startswith("x "):
        return set("x×X*·")
    if form[0] == "µ":
        return set("µμum")
    if form[0] == "^" and len(form) > 1 and form[1].isdigit():
        return {"^", "*", form[1], "⁰¹²³⁴⁵⁶⁷⁸⁹"[int(form[1])]}
    if form[0] == "/":
        return {"/"} | set(" \t\n\r\x0b\x0c")  # a '/' may follow one space (form_regex)
    return {form[0]}


@dataclass(frozen=True)
class Grammar:
    number: re.Pattern
    number_word: re.Pattern
    pre_cue: Folded            # comparator cue that ends right where a number starts
    pre_ids: dict
    pre_comparator: dict
    cue_warnings: dict         # rule id -> why the cue's text is suspect (damaged by an export)
    pre_not_after: dict        # cue (lower case) -> words right before it that make it no comparator
    post_cue: Folded           # comparator cue right after a value (and its unit)
    post_ids: dict
    post_comparator: dict
    unit: UnitForms
    unit_start: re.Pattern | None      # a character `unit` can start with (None: any)
    time_unit: Folded          # match objects may hold lower-cased text: slice the input
    time_unit_start: re.Pattern | None
    time_ucum: dict
    reference: re.Pattern
    reference_start: "ReferenceStart"  # whether `reference` can match at a position
    reference_name: dict
    joiner: re.Pattern
    window: Folded
    window_info: dict
    relation: Folded
    relation_info: dict
    event: re.Pattern
    event_at: "PhraseStarts"   # `event` by first character: where an event's words start (match only)
    event_forms: list
    scale_context: re.Pattern
    roman_values: re.Pattern
    scale_words: frozenset


_LETTER_WORD = re.compile(r"[^\W\d_]+")


class ReferenceStart:
    """Whether the `reference` pattern can match at a position, told from what stands there: a
    mark that opens one of its phrases ("×", "-fold"), or a word that is the first word of one
    (a multiplier, "the", "of", "or", a relation word, a reference's name: "ULN", "upper limit of
    normal", "N"), or that opens with a multiplier glued to what follows ("xULN"). Each phrase's
    first run of letters is a whole word of the text wherever the phrase matches (the phrases
    end in a word boundary or a non-letter); a word with letters outside ASCII, which the
    case-free pattern may fold to ASCII ones, always passes. Tried before the pattern at every
    number, it rules out most of them (the pattern's optional parts make each try costly)."""

    def __init__(self, phrases: list[str], multipliers: list[str]):
        self.words, marks = set(), set()
        for phrase in phrases:
            m = _LETTER_WORD.match(phrase)
            if m:
                self.words.add(m.group().lower())
            else:
                marks.add(phrase[:1])
        self.words = frozenset(self.words)
        self.marks = frozenset(marks)
        self.always = any(not ch or ch.isspace() for ch in marks)
        self.glued = tuple(sorted({m.group().lower() for m in map(_LETTER_WORD.match, multipliers) if m}))

    def may(self, text: str, pos: int) -> bool:
        if self.always:
            return True
        m = _LETTER_WORD.match(text, pos)
        if m is None:
            return text[pos:pos + 1] in self.marks
        word = m.group()
        if not word.isascii():
            return True
        word = word.lower()
        return word in self.words or word.startswith(self.glued)


# Comparator words a typist may glue to the number after them. Each is a fixed-width lookbehind
# of its own (Python's lookbehinds are fixed-width); the word boundary keeps names such as
# "Proto19" or "Leftover5" names, and the case (lower, or a capital first letter only) keeps
# codes in capitals ("UP2", "TO12", "ABOVE3") names. "from" and "through" open a range or a span
# the same way ("Age from18 to 59 years", "continue through365 days following administration").
GLUED_CUE_WORDS = ("than", "over", "under", "above", "below", "up", "upto", "to", "least", "from", "through")
_GLUED_CUE_LOOKBEHIND = "(?:" + "|".join(
    rf"(?<=\b(?-i:{form}))" for w in GLUED_CUE_WORDS for form in (w, w.capitalize())) + ")"


# Words relating a multiplier to its reference ("1.5 times greater than the ULN").
_RELATION_WORDS = ("greater", "higher", "more", "above", "over", "less", "lower", "below")


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    cmp = load("comparators")
    units = load("units")
    times = load("time_events")

    word_alt, _ = alternation([(w, w) for w in STANDALONE_WORDS])
    # a compound number word first: "seventy-two" is one number, not "seventy" and "two"
    word_alt = rf"(?<![\w-]){COMPOUND_WORDS}(?![\w-])|{word_alt}"
    # Tried only where a digit or a number word starts (see quantities/candidates.py): scanning a
    # whole text with this pattern is slow because it opens with lookbehinds.
    # A '³' glued before a number is a damaged '≥' (see comparators.json), not part of a word;
    # so is a comparator word a typist glued to it ("less than18", "greater than100 mm Hg",
    # "over18 years", "up18", "equal to10 mg", "equal to-2.5"; see GLUED_CUE_WORDS).
    # A sign with an underscore typed under it (">_3500/mm3") is a comparator too (comparators.json).
    number = re.compile(
        rf"(?:{_GLUED_CUE_LOOKBEHIND}|(?<=[<>]_)|(?<!(?!³)[\w.,/^]))(?<![A-Za-z][\-−])(?<!\d[.,])(?P<sign>[\-−](?=\d))?(?P<num>{SCIENTIFIC}|{MIXED_FRACTION}|{DIGITS}(?:\s?[{FRACTIONS}])?|[{FRACTIONS}])"
        rf"|(?P<word>{word_alt})",
        re.IGNORECASE,
    )
    number_word = re.compile(word_alt, re.IGNORECASE)

    pre = [(c["pattern"], c["id"]) for c in cmp["cues"] if c["position"] == "before"]
    pre_src, pre_ids = alternation(pre)
    pre_comparator = {c["pattern"].lower(): c["comparator"] for c in cmp["cues"] if c["position"] == "before"}
    no_gap = {c["pattern"].lower() for c in cmp["cues"] if c["position"] == "before" and c.get("no_gap")}
    post = [(c["pattern"], c["id"]) for c in cmp["cues"] if c["position"] == "after"]
    _, post_ids = alternation(post)
    post_comparator = {c["pattern"].lower(): c["comparator"] for c in cmp["cues"] if c["position"] == "after"}

    tforms = [(f, u["ucum"]) for u in units["time_units"] for f in u["forms"]]
    tforms.sort(key=lambda p: -len(p[0]))
    time_unit = case_free(forms_alternation, [f for f, _ in tforms])
    time_ucum = {f.lower(): u for f, u in tforms}

    refs = [(f, r["reference"]) for r in units["references"] for f in r["forms"]]
    ref_src, ref_name = alternation(refs, left_boundary=False)
    # a multiplier of two words ("1.5 x fold") may be broken over a line like any phrase
    mult = word_alternation(units["multipliers"])
    # A form that ends in "limit" names the normal limit only when no "of ..." follows it
    # ("3 times the upper limit", not "the upper limit of detection").
    ref_src = ref_src.replace(r"limit(?![\w])", r"limit(?![\w])(?!\s+of\b)")
    # 'exact_forms' keep their case ("2.5N": N for normal in European records, never "n"),
    # and stand only where the grammar reads a reference after a number, not as a bare one.
    exact_refs = [(f, r["reference"]) for r in units["references"] for f in r.get("exact_forms", [])]
    if exact_refs:
        ref_src += "|" + "|".join(rf"(?-i:{re.escape(f)})(?![\w])(?!\s*[=:])" for f, _ in exact_refs)
        ref_name.update({f.lower(): name for f, name in exact_refs})
    # 'multiplied_forms' right after a multiplier only, with one space as written
    # ("5 times of reference values", not "2 reference values documented").
    multiplied = [(f, r["reference"]) for r in units["references"] for f in r.get("multiplied_forms", [])]
    if multiplied:
        after = "|".join(f"(?<={re.escape(m + ' ' + filler)})" for m in units["multipliers"]
                         for filler in ("", "of ", "the ", "of the "))
        ref_src += "|" + "|".join(rf"(?:{after}){phrase_regex(f, False)}" for f, _ in multiplied)
        ref_name.update({f.lower(): name for f, name in multiplied})
    # "1.5 times greater than the upper limit of normal": the comparator between multiplier
    # and reference is the threshold's own (`rel`); "2.5 times or less than the upper limit"
    # (jRCT's wording) includes the bound (`orrel`); "5 times of reference values", "4 fold of
    # upper standard": an "of" may follow the multiplier, and a number word that is one
    # ("more than twice of the upper limit"). A multiplying word needs no "times" before the
    # relation ("twice higher than normal", "thrice above the ULN").
    reference = re.compile(
        r"(?:(?:(?<=twice\s)|(?<=thrice\s))of\s+)?"
        rf"(?:(?:(?:{mult})\s*(?:of\s+)?|(?<=twice\s)|(?<=thrice\s))"
        r"(?:(?P<orrel>or\s+)?(?P<rel>" + "|".join(_RELATION_WORDS) + r")\s+(?:than\s+)?)?)?"
        rf"(?:the\s+)?(?P<ref>{ref_src})", re.IGNORECASE)

    joiner_src = "|".join(
        phrase_regex(j["pattern"]) if j["pattern"][0].isalpha() else re.escape(j["pattern"])
        for j in sorted(cmp["range_joiners"], key=lambda j: -len(j["pattern"]))
    )
    win_src, win_ids = alternation([(w["pattern"], w["id"]) for w in times["windows"]])
    # a spelling of another window ("with-in") is read as that window, by its id
    unknown = sorted({w["same_as"] for w in times["windows"] if "same_as" in w} - {w["id"] for w in times["windows"]})
    if unknown:
        raise ValueError(f"models/time_events.json: same_as names no window: {', '.join(unknown)}")
    window_info = {w["pattern"].lower(): dict(w, id=w["same_as"]) if "same_as" in w else w for w in times["windows"]}
    relation_info = {r["pattern"].lower(): r for r in times["relations"]}
    event_forms = [(re.compile(phrase_regex(p), re.IGNORECASE), e["name"], _event_length(p))
                   for e in times["events"] for p in e["patterns"]]
    event_forms.sort(key=lambda item: -item[2])
    event_src = "|".join(f"(?:{rx.pattern})" for rx, _, _ in event_forms)

    ctx_src, _ = alternation([(c, c) for c in cmp["enumeration_contexts"]])
    value = rf"(?:{ROMAN_ASCII}(?![\w])|[{ROMAN_UNICODE}]|\d+(?:\.\d+)?(?![\w]|\.\d))"
    # A Unicode roman numeral may be glued to its context word ("GradeⅠ－II"): no word boundary
    # is needed before it.
    ctx_glued = ctx_src.replace(r"(?![\w])", r"(?![^\W\u2160-\u2188])")
    roman_values = re.compile(
        rf"(?P<ctx>{ctx_glued})(?:\)(?=\s))?\s*(?:\([^()]{{1,12}}\)\s*)?(?:(?:of|=|:|is|are|score|class|grade|stage|degree)\s*)?"
        r"(?P<cmp>>/=|</=|>=|<=|≥|≤|>|<)?\s*"
        rf"(?P<vals>{value}(?:\s*(?:,\s*(?:or|and)?|or|and|/|-|–|－|~|～|to|through)\s*(?:{ctx_src}\s*)?{value})*)",
        re.IGNORECASE,
    )
    return Grammar(
        number=number,
        number_word=number_word,
        # Matched on the reversed text left of a value, anchored: a cue may be followed by
        # "the age of" ("over the age of 18"), "a" ("at least a 4-week") or "the" ("below the
        # 10th percentile"), or "an average of", "a mean of", "a total of" ("exceeds an average of
        # 60g/day": the bound is on that average), and a value may be quoted ('any score above "0"').
        # A 'no_gap' cue stands right before the value ("greater 3,000"), tried after every other
        # reading, so that "greater than 5" and "no more than 5" keep their own cues.
        pre_cue=case_free(lambda phrases: (
            r"[\"“]?\s*(?:(?:fo\s+(?:egareva|naem|latot)\s+(?:na|a)\s+)?(?:(?:na|a|eht)(?![\w])\s+)?(?:(?:fo|ot|naht)(?![\w])\s*)?(?:(?:fo\s+)?s?ega(?:\s+eht)?(?![\w])\s+)?"
            rf"(?P<cue>{reversed_alternation([p for p in phrases if p.lower() not in no_gap])})"
            rf"|(?P<bare>{reversed_alternation([p for p in phrases if p.lower() in no_gap]) or '(?!)'}))"),
            [p for p, _ in pre]),
        pre_ids=pre_ids,
        pre_comparator=pre_comparator,
        cue_warnings={c["id"]: c["warning"] for c in cmp["cues"] if "warning" in c},
        # "of the above 17 items": 'above' after 'the' says where the items stand
        pre_not_after={c["pattern"].lower(): re.compile(rf"(?<![\w-]){word_alternation(c['not_after'])}\s+$", re.IGNORECASE)
                       for c in cmp["cues"] if c["position"] == "before" and "not_after" in c},
        post_cue=case_free(lambda phrases: rf"\s*(?:{alternation([(p, p) for p in phrases])[0]})",
                          [p for p, _ in post]),
        post_ids=post_ids,
        post_comparator=post_comparator,
        unit=UnitForms(),
        unit_start=start_class(unit_forms()),
        time_unit=time_unit,
        time_unit_start=start_class([f for f, _ in tforms]),
        time_ucum=time_ucum,
        reference=reference,
        reference_start=ReferenceStart(list(units["multipliers"]) + ["the", "of", "or"] + list(_RELATION_WORDS)
                                       + [f for f, _ in refs + exact_refs + multiplied], units["multipliers"]),
        reference_name=ref_name,
        joiner=re.compile(rf"\s*(?:{joiner_src})\s*", re.IGNORECASE),
        window=case_free(lambda phrases: rf"\s*(?:eht(?![\w])\s+)?(?P<cue>{reversed_alternation(phrases)})",
                        [w["pattern"] for w in times["windows"]]),
        window_info=window_info,
        # "immediately prior to": an adverb that narrows the relation does not change it
        relation=case_free(lambda phrases: rf"\s*(?:(?:immediately|directly|just)\s+)?(?P<rel>{alternation([(p, p) for p in phrases])[0]})\s*(?:the\s+)?",
                          [r["pattern"] for r in times["relations"]]),
        relation_info=relation_info,
        event=re.compile(rf"(?:{event_src})", re.IGNORECASE),
        # the same alternation tried by the character it starts at (the events' phrases in the
        # same order): an anchor is matched after every relation, and the case-free alternation
        # of some three hundred phrases cost about 20 µs a match, folded or not, as each branch
        # opens with a lookbehind; its readers take the match's offsets and lower-cased text
        event_at=PhraseStarts(sorted((p for e in times["events"] for p in e["patterns"]), key=lambda p: -_event_length(p))),
        event_forms=event_forms,
        scale_context=re.compile(rf"(?:{ctx_src})", re.IGNORECASE),
        roman_values=roman_values,
        scale_words=frozenset(re.split(r"[\s\-]", c.lower())[0] for c in cmp["enumeration_contexts"]),
    )
