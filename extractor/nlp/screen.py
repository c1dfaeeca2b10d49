"""A text test before the token test of `entities.cues_of`: whether any token of a criterion
can be a negation trigger's key word, answered from the criterion's text where that is exact.

Walking a Doc's tokens for their LOWER values costs about a quarter of a microsecond per token
(a Token object each); most criteria hold no trigger word at all, and their lower-cased letter
runs say so for less. The text test may say yes where no token is a key (then the tokens
decide, as before); it never says no where one is, because on ASCII text a token is a run of
letters of the text except where the tokenizer splits between two letters:
- its special cases ("cannot" -> "can" "not", "don't" -> "do" "n't"): the key words they
  split off are looked for as substrings (`glued`);
- the multiplier infix of tokenizer.py ("2.5xULN" -> "2.5" "x" "ULN"): a digit, an 'x' and a
  capital send the text to the tokens.
Text that is not ASCII goes to the tokens (a case fold can turn other letters into ASCII ones).
"""
from __future__ import annotations

import re

from spacy.attrs import ORTH

from .quantities import letter_words

# tokenizer.py's `(?<=[0-9])[x×](?=[A-Z0-9(])`: the only infix that splits two letters apart
_MULTIPLIER_SPLIT = re.compile(r"[0-9]x[A-Z]")


class TriggerScreen:
    """`holds(doc, text)`: `not keys.isdisjoint(token.lower for token in doc)`, for the LOWER
    hashes `keys` of an nlp whose tokenizer made `doc` from `text`."""

    def __init__(self, nlp, keys: frozenset):
        self.keys = keys
        words = {nlp.vocab.strings[k] for k in keys}
        self.letter_keys = frozenset(w for w in words if w.isascii() and w.isalpha() and w.islower())
        glued = {w for w in words if w not in self.letter_keys}  # "n't": not one letter run
        for tokens in nlp.tokenizer.rules.values():
            if len(tokens) > 1:
                glued.update(t[ORTH].lower() for t in tokens if t[ORTH].lower() in words)
        self.glued = tuple(sorted(glued))

    def holds(self, doc, text: str) -> bool:
        if text.isascii():
            low = text.lower()
            if self.letter_keys.isdisjoint(letter_words(low)) and not any(g in low for g in self.glued) \
                    and _MULTIPLIER_SPLIT.search(text) is None:
                return False
        return not self.keys.isdisjoint([token.lower for token in doc])
