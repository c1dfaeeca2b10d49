"""Which entities of a criterion are negated: ConText-style scope (rules in models/assertion.json).

A trigger ("no", "without", "unable to"; "excluded" and "naive" look back) opens a scope that runs
in its direction until a terminator (a clause mark, a bracket, "but", "except", "which"...) or
`max_scope_tokens` words, whichever comes first; an entity starting inside a forward scope, or
ending inside a backward one, is negated, and so is an entity whose own text holds a trigger
("non-smoker"). Pseudo-triggers ("not only", "no more than", "non-small cell") are found first and
hide the triggers inside them. Plain Python: no spaCy here.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..normalize.resources import load

_WORDS = re.compile(r"\S+")


def _regex(pattern: str) -> str:
    if not pattern.strip() or pattern != pattern.strip():
        return re.escape(pattern)  # whitespace is part of the cue: ". ", "\n"
    body = r"\s+".join(re.escape(part) for part in pattern.split())
    left = r"(?<![\w])" if pattern[0].isalnum() else ""
    right = r"(?![\w])" if pattern[-1].isalnum() else ""
    return left + body + right


def _alternation(patterns) -> re.Pattern | None:
    ordered = sorted(set(patterns), key=lambda p: (-len(p), p))  # longest first
    return re.compile("|".join(_regex(p) for p in ordered), re.IGNORECASE) if ordered else None


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


@dataclass(frozen=True)
class Rules:
    trigger: re.Pattern
    trigger_info: dict          # normalised trigger text -> (id, direction)
    state_words: frozenset      # normalised triggers that do not negate a criterion
    pseudo: re.Pattern | None
    terminator: re.Pattern | None
    max_tokens: int
    result_words: frozenset


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = load("assertion")
    info = {_key(t["pattern"]): (t["id"], t["direction"]) for t in data["triggers"]}
    return Rules(
        trigger=_alternation(t["pattern"] for t in data["triggers"]),
        trigger_info=info,
        pseudo=_alternation(p["pattern"] for p in data["pseudo"]),
        terminator=_alternation(data["terminators"]),
        max_tokens=data["max_scope_tokens"],
        result_words=frozenset(_key(w) for w in data.get("result_words", ())),
        state_words=frozenset(_key(t["pattern"]) for t in data["triggers"] if t.get("criterion") is False),
    )


def triggers(text: str) -> list[dict]:
    """Triggers of `text` outside pseudo-triggers, each with the character range of its scope:
    {"text", "span", "rule", "direction", "scope": [start, end]}."""
    r = rules()
    found = list(r.trigger.finditer(text))
    if not found:
        return []
    hidden = [m.span() for m in r.pseudo.finditer(text)] if r.pseudo else []
    ends = [m for m in r.terminator.finditer(text)] if r.terminator else []
    term_starts = [m.start() for m in ends]
    term_ends = sorted(m.end() for m in ends)
    words = [m.span() for m in _WORDS.finditer(text)]
    word_starts = [s for s, _ in words]
    out = []
    for m in found:
        s, e = m.span()
        if any(a <= s < b for a, b in hidden):
            continue
        rule, direction = r.trigger_info.get(_key(m.group()), ("neg", "forward"))
        if direction == "forward":
            i = bisect_left(term_starts, e)
            stop = term_starts[i] if i < len(term_starts) else len(text)
            w = bisect_left(word_starts, e) + r.max_tokens
            if w < len(words):
                stop = min(stop, words[w][0])
            scope = [e, stop]
        else:
            i = bisect_right(term_ends, s)
            begin = term_ends[i - 1] if i else 0
            w = bisect_left(word_starts, s) - r.max_tokens
            if w > 0:
                begin = max(begin, words[w][0])
            scope = [begin, s]
        out.append({"text": m.group(), "span": [s, e], "rule": rule, "direction": direction,
                    "scope": scope, "criterion": _key(m.group()) not in r.state_words})
    return out


def negating_cue(span, found: list[dict]) -> dict | None:
    """The first trigger of `found` whose scope covers the entity at `span` (or that lies inside it)."""
    es, ee = span
    for t in found:
        ts, te = t["span"]
        a, b = t["scope"]
        if es <= ts and te <= ee:
            return t
        if t["direction"] == "forward" and a <= es < b:
            return t
        if t["direction"] == "backward" and a < ee <= b:
            return t
    return None


def is_result_word(cue_text: str) -> bool:
    """'negative' in "negative pregnancy test" states the required result: not a negation."""
    return _key(cue_text) in rules().result_words


def negates_criterion(cue_text: str) -> bool:
    """False for a result word and for a trigger that names a state ("unable to", "refuses")."""
    key = _key(cue_text)
    r = rules()
    return key not in r.result_words and key not in r.state_words
