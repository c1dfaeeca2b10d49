"""Repair of the entity model's spans where they cannot be a name as written.

The model tags tokens, and the tokenizer splits at hyphens and brackets, so a span may start or
end on one of them: "-acetyl cysteine" (of "N-acetyl cysteine"), "anti-", "cytochrome P450
enzyme-" (of "enzyme-inducing"), "AST)" (of "(AST)"). Such a span is moved to the edge of the
words it cuts:

- a span opening with a hyphen that joins it to the word before takes that word ("N-acetyl
  cysteine"); a span closing with a hyphen that joins it to the word after takes that word
  ("anti-seizure"); a hyphen that joins nothing is dropped (with the blanks after or before it);
- a closing bracket or quote without its opening one inside the span is dropped, and so is an
  opening one without its closing one ("AST)" is "AST", '"iodine' is "iodine").

Spans are half-open code-point offsets into the criterion's text; a repaired span is never
empty and never overlaps another span of the model (the one it would overlap is kept as is).
"""
from __future__ import annotations

import re

_HYPHENS = "-\u2010\u2011"
# the rest of a hyphenated word before / after a hyphen ("N" of "N-acetyl", "inducing" of "enzyme-inducing")
_WORD_BEFORE = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*$")
_WORD_AFTER = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")
_PAIRS = {")": "(", "]": "[", "}": "{"}
_OPENERS = {v: k for k, v in _PAIRS.items()}
_QUOTES = "\"\u201c\u201d"

Ent = tuple[int, int, str]


def repaired(text: str, ents) -> list[Ent]:
    """The model's (start, end, label) spans, each repaired as the module says, sorted."""
    out: list[Ent] = []
    fixed = [(*_repair(text, s, e), label) for s, e, label in ents]
    for (s, e, label), (os_, oe, _) in zip(fixed, ents):
        if s >= e or any(s < b and a < e and (a, b) != (os_, oe) for a, b, _ in ents):
            s, e = os_, oe   # nothing left, or it would take another span's words: as the model said
        out.append((s, e, label))
    return sorted(set(out))


def _repair(text: str, s: int, e: int) -> tuple[int, int]:
    for _ in range(4):   # a fix may uncover another ("(anti-" : bracket, then hyphen)
        before = (s, e)
        s, e = _hyphen(text, s, e)
        s, e = _brackets(text, s, e)
        s, e = _trim(text, s, e)
        if (s, e) == before:
            break
    return s, e


def _hyphen(text: str, s: int, e: int) -> tuple[int, int]:
    if e > s and text[s] in _HYPHENS:
        m = _WORD_BEFORE.search(text, 0, s)
        if m and m.end() == s:
            s = m.start()   # "N" + "-acetyl cysteine"
        else:
            s += 1
    if e > s and text[e - 1] in _HYPHENS:
        m = _WORD_AFTER.match(text, e)
        if m:
            e = m.end()     # "anti-" + "seizure"
        else:
            e -= 1
    return s, e


def _brackets(text: str, s: int, e: int) -> tuple[int, int]:
    if e > s and text[e - 1] in _PAIRS and _PAIRS[text[e - 1]] not in text[s:e - 1]:
        e -= 1
    if e > s and text[s] in _OPENERS and _OPENERS[text[s]] not in text[s + 1:e]:
        s += 1
    if e > s and text[s] in _QUOTES and not any(q in text[s + 1:e] for q in _QUOTES):
        s += 1
    if e > s and text[e - 1] in _QUOTES and not any(q in text[s:e - 1] for q in _QUOTES):
        e -= 1
    return s, e


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
