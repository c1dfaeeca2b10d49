"""Stand-ins for the two spaCy Matchers inside scispaCy's abbreviation detector (Schwartz &
Hearst), reading the doc's token ids.

The detector's algorithm, filters and output stay scispaCy's own. Its matchers are general
token-pattern Matchers that build a Python Token object for every token of every doc, which
cost more than the rest of the NLP stage's rules for a typical criterion. Both replacements
return the same (key, start, end) triples in the same order; tests/nlp/test_abbreviations.py
compares them with spaCy's Matcher on real and generated texts.
"""
from __future__ import annotations

from spacy.attrs import ORTH
from spacy.tokens import Doc

def may_define(text: str) -> bool:
    """Whether `text` can define a short form: one is always introduced in parentheses
    ("absolute neutrophil count (ANC)"), so the detector runs only where "(" and ")" stand."""
    return "(" in text and ")" in text


class ParenthesisPairs:
    """The detector's candidate matcher, the pattern `"(" + one or more tokens + ")"`: every "("
    with every ")" at least two tokens later, ordered by end, then by start descending (the
    order in which spaCy's Matcher completes the states of that pattern).

    With `only_candidates`, the pairs scispaCy's `filter_matches` skips at once (more than 8
    tokens inside, or a "(" that opens the doc) are left out: the detector then keeps the same
    candidates without building spans for the others."""

    def __init__(self, vocab, only_candidates: bool = False):
        self.key = vocab.strings.add("parenthesis")
        self.open = vocab.strings.add("(")
        self.close = vocab.strings.add(")")
        self.only_candidates = only_candidates

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        orth = doc.to_array(ORTH).tolist()  # plain ints: numpy calls cost more on short docs
        opens = [i for i, o in enumerate(orth) if o == self.open]
        if not opens:
            return []
        opens.reverse()
        closes = [j for j, o in enumerate(orth) if o == self.close]
        if self.only_candidates:
            return [(self.key, i, j + 1) for j in closes for i in opens if i < j - 1 and j - i <= 9 and i != 0]
        return [(self.key, i, j + 1) for j in closes for i in opens if i < j - 1]


class TokenSequences:
    """The detector's "global" matcher: it holds, while one doc is processed, the short forms
    that doc defines (each an exact token sequence, `[{"ORTH": ...}, ...]`) and finds their
    other occurrences. Matches are ordered by end, then start, as spaCy's Matcher orders them
    for fixed-length patterns. Only the parts of the Matcher interface the detector uses."""

    def __init__(self, vocab):
        self.vocab = vocab
        self._patterns: dict[int, list[list[int]]] = {}

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        strings = self.vocab.strings
        self._patterns.setdefault(strings.add(key), []).extend(
            [strings.add(token["ORTH"]) for token in pattern] for pattern in patterns)

    def remove(self, key: str) -> None:
        del self._patterns[self.vocab.strings[key]]

    def __len__(self) -> int:
        return len(self._patterns)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not self._patterns:
            return []
        orth = doc.to_array(ORTH).tolist()  # plain ints: numpy scalar comparisons are slow
        found = []
        for key, patterns in self._patterns.items():
            for pattern in patterns:
                size = len(pattern)
                if not size:
                    continue
                first = pattern[0]
                for i in range(len(orth) - size + 1):
                    if orth[i] == first and orth[i:i + size] == pattern:
                        found.append((key, i, i + size))
        found.sort(key=lambda m: (m[2], m[1]))
        return found
