"""Whether a criterion needs its spaCy tokens, told from its text before it is tokenized.

With the entity model off, only two components read tokens: the variables lexicon's phrase
matchers and the abbreviation finder. Every other step reads the text. The short forms the
abbreviation finder defines are read only to give a lexicon mention's concept to its short form
(subjects.link_abbreviations): in a text with no mention they change nothing. So a criterion
that can hold no lexicon phrase gets an empty Doc that carries its text (user_data, as the
tokenizer keeps it), parentheses or not, and tokenizing it, most of the cost of a short
criterion, is skipped; the abbreviation finder passes over a doc without tokens. The output is
the same: the components find nothing in such a text with or without its tokens. That stand-in
is a `TextDoc`, not a spaCy Doc: it holds what the rule components read of an untokenized Doc
(its user_data and a length of zero), and costs a fraction of an empty Doc's allocation (the
Analyzer runs only its own components, and only without the entity model, on it).

A phrase matches only where each of its tokens stands in the text, so each a-z run of a token's
lower-cased form (what quantities.letter_words finds) is a letter word of the lower-cased text,
unless the tokenizer split the text between two letters. That happens only inside a special case
("cannot" -> "can", "not"): such a special case's letter words stand in for the pieces they
hide. A phrase with no a-z letter at all makes every text need its tokens. A phrase holding a
digit ("E2", "CD4") needs a digit in the text too, and one holding characters outside ASCII
("Aβ42") a text that holds each of them in its lower-cased form (the matchers compare a token's
text or its lower-cased text; a final sigma is read as a sigma, since lower() writes it by
context). A phrase the lexicon matches only as written (subjects.case_sensitive: "ANC", "AGED")
needs its runs of letters as written in the text ("aged 18" holds no "AGED"): a token equal to
the phrase's token holds them, and a special case never changes the text it splits.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from spacy.attrs import ORTH
from spacy.language import Language

from .quantities import letter_words

_DIGIT = re.compile(r"[0-9]")
_WRITTEN_RUN = re.compile(r"[A-Za-z]+")


def _outside_ascii(text: str) -> frozenset[str]:
    """The characters of lower-cased `text` that are not ASCII (a final sigma as a sigma)."""
    return frozenset(ch for ch in text.lower().replace("ς", "σ") if not ch.isascii())


def _runs(text: str) -> frozenset[str]:
    """The letter words of `text` as the screen reads a criterion's (quantities.letter_words)."""
    return frozenset(letter_words(text.lower()))


class TokenScreen:
    def __init__(self, nlp: Language, phrases: Iterable[str], cased: Callable[[str], bool] = lambda phrase: False):
        """`phrases`: what the matchers look for; `cased(phrase)`: whether it matches only as written."""
        self.always = False
        # each phrase by its letter words; indexed by one of them (the longest: the rarest, as a rule):
        # (its letter words, whether it holds a digit, its characters outside ASCII, its runs of
        # letters as written when it matches only so)
        self.by_key: dict[str, list[tuple[frozenset[str], bool, frozenset[str], tuple[str, ...]]]] = {}
        pieces: set[str] = set()
        for phrase in phrases:
            tokens = [t.text for t in nlp.make_doc(phrase)]
            runs = frozenset().union(*(_runs(t) for t in tokens))
            if not runs:
                self.always = True
                continue
            written = tuple(sorted({w for t in tokens for w in _WRITTEN_RUN.findall(t)}, key=len, reverse=True)) \
                if cased(phrase) else ()
            needs = (runs, _DIGIT.search(phrase) is not None, _outside_ascii(phrase), written)
            self.by_key.setdefault(max(sorted(runs), key=len), []).append(needs)
            pieces |= runs
        # special cases that split between two letters, by the letter words they hide
        self.glued: dict[str, set[str]] = {}
        for chunk, tokens in nlp.tokenizer.rules.items():
            texts = [t[ORTH] for t in tokens]
            if any(a[-1:].isalpha() and b[:1].isalpha() for a, b in zip(texts, texts[1:])):
                hidden = frozenset().union(*(_runs(t) for t in texts)) - _runs(chunk)
                for word in _runs(chunk):
                    self.glued.setdefault(word, set()).update(hidden & pieces)
        self.glued = {word: hidden for word, hidden in self.glued.items() if hidden}
        # sets, not dict views: a set operation between two sets walks the smaller one
        self.keys = frozenset(self.by_key)
        self.glued_keys = frozenset(self.glued)

    def needed(self, text: str, words: set[str]) -> bool:
        """Whether a component can find something in `text`'s tokens (`words`: its letter words)."""
        if self.always:
            return True
        if not words.isdisjoint(self.glued_keys):
            words = words.union(*(self.glued[w] for w in words & self.glued_keys))
        digits = others = None
        for word in words & self.keys:
            for runs, digit, other, written in self.by_key[word]:
                if not runs <= words or written and not all(w in text for w in written):
                    continue
                if digit and digits is None:
                    digits = _DIGIT.search(text) is not None
                if other and others is None:
                    others = frozenset() if text.isascii() else _outside_ascii(text)
                if (digits or not digit) and (not other or other <= others):
                    return True
        return False


class TextDoc:
    """An untokenized criterion as the rule components see it: `user_data` (where the tokenizer
    keeps the text, extensions.TEXT) and no tokens."""

    __slots__ = ("user_data",)

    def __init__(self, user_data: dict):
        self.user_data = user_data

    def __len__(self) -> int:
        return 0
