"""Regular expressions compiled once from the rule files under models/.

Cue phrases in the data files are literal: case is ignored and a space matches any run of
whitespace; word cues must start and end on word boundaries.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..normalize.numbers import STANDALONE_WORDS, UNICODE_ROMAN
from ..normalize.resources import load
from ..normalize.units import form_regex, start_class, unit_alternation, unit_forms

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
    if phrase.strip()[0].isalnum():
        source += r"(?![\w])"  # the phrase's first letter must start a word
    return source


def reversed_alternation(phrases: list[str]) -> str:
    return "|".join(reversed_phrase_regex(p) for p in sorted(phrases, key=len, reverse=True))


# Digits with thousands separators or a decimal point/comma; a comma followed by exactly three
# digits is a separator ("100,000"), otherwise a decimal comma ("1,5").
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+|,\d{1,2}(?![,\d]))?|\.\d+)"
SUPERS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# A scientific form, unless the power of ten belongs to a unit ("1.5 x 10^9/L" is 1.5 10*9/L).
SCIENTIFIC = (
    rf"(?:(?:{DIGITS}\s*[x×X*·]\s*)?10\s*(?:\^|\*\*)\s*[\-−]?\d+"
    rf"|(?:{DIGITS}\s*[x×X*·]\s*)?10[{SUPERS}]+|\d+(?:\.\d+)?[eE][\-−]?\d+)"
    r"(?!\s*(?:/|cells|per\b|[xX]?\s*10))"
)
FRACTIONS = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
ROMAN_ASCII = r"(?:XII|XI|IX|X|VIII|VII|VI|V|IV|III|II|I)"
ROMAN_UNICODE = "".join(UNICODE_ROMAN)


@dataclass(frozen=True)
class Grammar:
    number: re.Pattern
    number_word: re.Pattern
    pre_cue: re.Pattern        # comparator cue that ends right where a number starts
    pre_ids: dict
    pre_comparator: dict
    post_cue: re.Pattern       # comparator cue right after a value (and its unit)
    post_ids: dict
    post_comparator: dict
    unit: re.Pattern
    unit_start: re.Pattern | None      # a character `unit` can start with (None: any)
    time_unit: re.Pattern
    time_unit_start: re.Pattern | None
    time_ucum: dict
    reference: re.Pattern
    reference_name: dict
    joiner: re.Pattern
    window: re.Pattern
    window_info: dict
    relation: re.Pattern
    relation_info: dict
    event: re.Pattern
    event_forms: list
    scale_context: re.Pattern
    roman_values: re.Pattern
    scale_words: frozenset


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    cmp = load("comparators")
    units = load("units")
    times = load("time_events")

    word_alt, _ = alternation([(w, w) for w in STANDALONE_WORDS])
    # Tried only where a digit or a number word starts (see quantities._candidates): scanning a
    # whole text with this pattern is slow because it opens with lookbehinds.
    number = re.compile(
        rf"(?<![\w.,/^])(?<![A-Za-z][\-−])(?<!\d[.,])(?P<sign>[\-−](?=\d))?(?P<num>{SCIENTIFIC}|{DIGITS}(?:\s?[{FRACTIONS}])?|[{FRACTIONS}])"
        rf"|(?P<word>{word_alt})",
        re.IGNORECASE,
    )
    number_word = re.compile(word_alt, re.IGNORECASE)

    pre = [(c["pattern"], c["id"]) for c in cmp["cues"] if c["position"] == "before"]
    pre_src, pre_ids = alternation(pre)
    pre_comparator = {c["pattern"].lower(): c["comparator"] for c in cmp["cues"] if c["position"] == "before"}
    post = [(c["pattern"], c["id"]) for c in cmp["cues"] if c["position"] == "after"]
    post_src, post_ids = alternation(post)
    post_comparator = {c["pattern"].lower(): c["comparator"] for c in cmp["cues"] if c["position"] == "after"}

    loose, exact = unit_alternation()
    unit = re.compile(rf"(?:(?i:{loose})|{exact})")
    tforms = [(f, u["ucum"]) for u in units["time_units"] for f in u["forms"]]
    tforms.sort(key=lambda p: -len(p[0]))
    time_unit = re.compile("|".join(form_regex(f) for f, _ in tforms), re.IGNORECASE)
    time_ucum = {f.lower(): u for f, u in tforms}

    refs = [(f, r["reference"]) for r in units["references"] for f in r["forms"]]
    ref_src, ref_name = alternation(refs, left_boundary=False)
    mult = "|".join(re.escape(m) for m in sorted(units["multipliers"], key=len, reverse=True))
    reference = re.compile(rf"(?:(?:{mult})\s*)?(?:the\s+)?(?P<ref>{ref_src})", re.IGNORECASE)

    joiner_src = "|".join(
        phrase_regex(j["pattern"]) if j["pattern"][0].isalpha() else re.escape(j["pattern"])
        for j in sorted(cmp["range_joiners"], key=lambda j: -len(j["pattern"]))
    )
    win_src, win_ids = alternation([(w["pattern"], w["id"]) for w in times["windows"]])
    window_info = {w["pattern"].lower(): w for w in times["windows"]}
    rel_src, _ = alternation([(r["pattern"], r["id"]) for r in times["relations"]])
    relation_info = {r["pattern"].lower(): r for r in times["relations"]}
    event_forms = [(re.compile(phrase_regex(p), re.IGNORECASE), e["name"], len(p))
                   for e in times["events"] for p in e["patterns"]]
    event_forms.sort(key=lambda item: -item[2])
    event_src = "|".join(f"(?:{rx.pattern})" for rx, _, _ in event_forms)

    ctx_src, _ = alternation([(c, c) for c in cmp["enumeration_contexts"]])
    value = rf"(?:{ROMAN_ASCII}(?![\w])|[{ROMAN_UNICODE}]|\d+(?:\.\d+)?(?![\w]|\.\d))"
    roman_values = re.compile(
        rf"(?P<ctx>{ctx_src})\s*(?:\([^()]{{1,12}}\)\s*)?(?:(?:of|=|:|score|class|grade|stage)\s*)?"
        r"(?P<cmp>>/=|</=|>=|<=|≥|≤|>|<)?\s*"
        rf"(?P<vals>{value}(?:\s*(?:,\s*(?:or|and)?|or|and|/|-|–|－|~|～|to|through)\s*(?:{ctx_src}\s*)?{value})*)",
        re.IGNORECASE,
    )
    return Grammar(
        number=number,
        number_word=number_word,
        # Matched on the reversed text left of a value, anchored: a cue may be followed by
        # "the age of" ("over the age of 18") or "a" ("at least a 4-week").
        pre_cue=re.compile(
            r"\s*(?:(?:na|a)(?![\w])\s+)?(?:(?:fo|ot|naht)(?![\w])\s*)?(?:(?:fo\s+)?s?ega(?:\s+eht)?(?![\w])\s+)?"
            rf"(?P<cue>{reversed_alternation([p for p, _ in pre])})",
            re.IGNORECASE),
        pre_ids=pre_ids,
        pre_comparator=pre_comparator,
        post_cue=re.compile(rf"\s*(?:{post_src})", re.IGNORECASE),
        post_ids=post_ids,
        post_comparator=post_comparator,
        unit=unit,
        unit_start=start_class(unit_forms()),
        time_unit=time_unit,
        time_unit_start=start_class([f for f, _ in tforms]),
        time_ucum=time_ucum,
        reference=reference,
        reference_name=ref_name,
        joiner=re.compile(rf"\s*(?:{joiner_src})\s*", re.IGNORECASE),
        window=re.compile(
            rf"\s*(?:eht(?![\w])\s+)?(?P<cue>{reversed_alternation([w['pattern'] for w in times['windows']])})",
            re.IGNORECASE),
        window_info=window_info,
        relation=re.compile(rf"\s*(?:{rel_src})\s*(?:the\s+)?", re.IGNORECASE),
        relation_info=relation_info,
        event=re.compile(rf"(?:{event_src})", re.IGNORECASE),
        event_forms=event_forms,
        scale_context=re.compile(rf"(?:{ctx_src})", re.IGNORECASE),
        roman_values=roman_values,
        scale_words=frozenset(re.split(r"[\s\-]", c.lower())[0] for c in cmp["enumeration_contexts"]),
    )
