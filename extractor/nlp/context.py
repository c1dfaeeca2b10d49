"""ConText-style negation, exceptions and threshold conditions (rules in models/negation.json)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..normalize.resources import load
from .assertion import _FOLDS_TO_ASCII, _WORD_CHARS, _first_words, number_sign
from .patterns import alternation, fold_safe

_LIST_MARKER = re.compile(r"^\s*(?:[-•*·‣◦▪]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)](?=\s))?\s*")
_CONDITION_END = re.compile(r"[;)]|,|\bor\b\s*(?:[≥≤<>]|\d)|\band\b\s*(?:[≥≤<>]|\d)|\.\s|\.$")
_WORD = re.compile(r"[\w'\-]+|[^\w\s]")
_LETTER_RUN = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Cues:
    negation: re.Pattern
    neg_ids: dict
    pseudo: re.Pattern
    pseudo_first: frozenset | None   # the first word of each pseudo-trigger (None: one opens otherwise; see _hidden)
    exception: re.Pattern
    exc_ids: dict
    condition: re.Pattern
    cond_ids: dict
    terminator: re.Pattern
    openers: frozenset
    max_offset: int
    exc_words: tuple
    exc_word: re.Pattern       # any of exc_words, in a lower-cased text (one scan, not one per word)
    exc_letters: frozenset | None  # the leading a-z run of each exc_word (None: one starts otherwise)
    exception_folded: re.Pattern | None  # `exception` in lower case, for lower-cased ASCII text (see patterns.Folded)
    neg_words: frozenset
    neg_keys: frozenset        # one a-z run of each negation cue: a letter word of any ASCII text holding it


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = load("negation")
    neg_src, neg_ids = alternation([(c["pattern"], c["id"]) for c in data["negation"]])
    pseudo_src, _ = alternation([(c["pattern"], c["id"]) for c in data["pseudo"]])
    pseudo = re.compile(pseudo_src, re.IGNORECASE)
    exc_src, exc_ids = alternation([(c["pattern"], c["id"]) for c in data["exception"]])
    cond_src, cond_ids = alternation([(c["pattern"], c["id"]) for c in data["condition"]])
    term = "|".join(re.escape(t) if not t[0].isalpha() else rf"\b{re.escape(t)}\b" for t in data["terminators"])
    return Cues(
        negation=re.compile(neg_src, re.IGNORECASE), neg_ids=neg_ids,
        pseudo=pseudo,
        pseudo_first=_first_words([c["pattern"] for c in data["pseudo"]]),
        exception=re.compile(exc_src, re.IGNORECASE), exc_ids=exc_ids,
        condition=re.compile(rf"\s*[(,]?\s*(?:{cond_src})\s+", re.IGNORECASE), cond_ids=cond_ids,
        terminator=re.compile(term, re.IGNORECASE),
        openers=frozenset(w.lower() for w in data["openers"]),
        max_offset=data["max_offset_tokens"],
        exc_words=tuple({c["pattern"].split()[0].lower() for c in data["exception"]}),
        exc_word=re.compile("|".join(sorted(re.escape(c["pattern"].split()[0].lower()) for c in data["exception"]))),
        exc_letters=_leading_letters(c["pattern"].split()[0].lower() for c in data["exception"]),
        exception_folded=re.compile(alternation([(c["pattern"].lower(), c["id"]) for c in data["exception"]])[0])
        if fold_safe([c["pattern"] for c in data["exception"]]) else None,
        neg_words=frozenset(re.split(r"[\s]", c["pattern"].lower())[0] for c in data["negation"]),
        neg_keys=_cue_keys([c["pattern"] for c in data["negation"]]),
    )


def _cue_keys(patterns: list[str]) -> frozenset:
    """One a-z run of each pattern: one that is a cue on its own where there is one ("must not":
    "not"; "no evidence of": "no"), else its longest ("absence of": "absence"). A text holding a
    cue holds each of its runs as a letter word, so a text holding none of the keys holds no cue;
    keys that are cues themselves leave fewer texts to scan than "must" or "of" would."""
    runs = [_LETTER_RUN.findall(p.lower()) for p in patterns]
    alone = {r[0] for r in runs if len(r) == 1}
    return frozenset(max((w for w in r if w in alone), key=len, default=max(r, key=len)) for r in runs)


def _leading_letters(words) -> frozenset | None:
    """The run of a-z that opens each word, or None when a word does not open with one."""
    runs = [re.match(r"[a-z]+", w) for w in words]
    return frozenset(m.group() for m in runs) if all(runs) else None


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def negation(text: str, words: set[str] | None = None) -> dict | None:
    """The cue that makes a criterion require absence, when one opens it. `words`: the letter
    words of the lower-cased text (components.doc_words), when known."""
    c = cues()
    if words is not None and c.neg_keys.isdisjoint(words) and text.isascii():
        return None  # no cue in the text (see _cue_keys)
    pos = _LIST_MARKER.match(text).end()
    for n, word in enumerate(_WORD.finditer(text, pos)):
        if n > c.max_offset:
            return None
        w = word.group().lower()
        m = c.negation.match(text, word.start()) if w in c.neg_words or w.startswith("non") else None
        # a pseudo-trigger hides a cue it overlaps ("does not" in "does not meet the above criteria")
        if m and number_sign(text, *m.span()):
            m = None   # "No.103": a number, no cue (nor an opener)
        if m and not _hidden(c, text, m.start(), m.end(), pos + 120):
            return {"text": m.group(), "span": [m.start(), m.end()], "rule": c.neg_ids.get(_key(m.group()))}
        if w not in c.openers:
            return None
    return None


def _hidden(c: Cues, text: str, start: int, end: int, hi: int) -> bool:
    """Whether a match of `c.pseudo.finditer(text, 0, hi)` overlaps the cue at `start`..`end`.
    The matches are found as finditer finds them, tried only where a pseudo-trigger's first word
    stands (as assertion._pseudo_spans reads them: each opens with a word after no word
    character), and only those that start before the cue's end, which alone can overlap it (a
    scan of the whole window with the case-free alternation cost more than the cue)."""
    if c.pseudo_first is None or _FOLDS_TO_ASCII.search(text, 0, hi):
        return any(a < end and start < b for a, b in (m.span() for m in c.pseudo.finditer(text, 0, hi)))
    last = 0
    for word in _WORD_CHARS.finditer(text, 0, hi):
        at = word.start()
        if at >= end:
            return False
        if at < last or word.group().lower() not in c.pseudo_first:
            continue
        m = c.pseudo.match(text, at, hi)
        if m:
            if start < m.end():
                return True
            last = m.end()
    return False


def exceptions(text: str, words: set[str] | None = None) -> list[dict]:
    """'except ...', 'other than ...', 'unless ...': the excepted text up to the clause end.
    `words`: the letter words of the lower-cased text (components.doc_words), when known."""
    c = cues()
    out = []
    if words is not None and c.exc_letters is not None and text.isascii():
        # A cue opens after a non-word character and its first word ends at a space, a
        # non-letter or the cue's end: in ASCII text that word's letters are one of the
        # text's letter runs (the substring scan below also finds "with" in "without").
        if c.exc_letters.isdisjoint(words):
            return out
    elif not c.exc_word.search(text.lower()):
        return out
    # in ASCII text, the lower-case alternation on the lower-cased text: the same offsets,
    # found some three times faster (patterns.Folded)
    folded = c.exception_folded is not None and text.isascii()
    for m in (c.exception_folded.finditer(text.lower()) if folded else c.exception.finditer(text)):
        if out and m.start() < out[-1]["span"][1]:
            continue  # a cue inside an exception belongs to it ("unless ... other than toxicity")
        start = m.end()
        while start < len(text) and text[start] in " :\t\n":
            start += 1
        term = c.terminator.search(text, start)
        end = term.start() if term else len(text)
        # a closing parenthesis closes an exception opened inside the parentheses
        opened = text.count("(", 0, m.start()) - text.count(")", 0, m.start())
        if opened > 0:
            close = text.find(")", start)
            if close != -1:
                end = min(end, close)
        while end > start and text[end - 1] in " ,;:.\t\n":
            end -= 1
        if end > start:
            cue = text[m.start():m.end()]  # as written (a folded match holds lower-cased text)
            out.append({"text": text[start:end], "span": [start, end], "cue": {"text": cue, "span": [m.start(), m.end()]},
                        "rule": c.exc_ids.get(_key(cue))})
    return out


def attach_conditions(text: str, constraints: list[dict]) -> None:
    """'≤ 5 x ULN if liver metastases are present': keep the condition with its threshold."""
    c = cues()
    for con in constraints:
        m = c.condition.match(text, con["span"][1])
        if not m:
            continue
        start = m.end()
        s2 = _CONDITION_END.search(text, start)
        end = s2.start() if s2 else len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            cue_text = m.group().strip(" (,")
            con["condition"] = {"text": text[start:end], "span": [start, end],
                                "cue": cue_text.strip()}
            con["rules"].append(c.cond_ids.get(_key(cue_text), "cond"))
