"""Whether a criterion can hold a token that opens a negation trigger (entities.cues_of), told
from its letter words (quantities.letter_words) instead of its tokens: building a Token object
per token cost more than the rest of the test, and most criteria hold no such token.

The keys are the LOWER values entities.trigger_keys gives (one word of each trigger). On ASCII
text a token of letters only is a run of letters of the text, bounded by what is not a letter,
unless the tokenizer cut it out of a longer run. Our tokenizer's prefixes, suffixes and infixes
cut between letters only where a multiplier glued to a number meets an upper-case letter
("2.5xULN": 'x', then 'ULN'); its special cases cut words such as "cannot" (can, not) and
"notve" (not, ve). A key that is no run of letters ("n't") comes only from a special case, and
the text then holds that key as written. So a criterion whose words hold no key and whose
lower-cased text holds none of those special cases and no such multiplier holds no key token;
any other criterion (and any text that is not ASCII) has its tokens read as before.
"""
from __future__ import annotations

import re

from spacy.attrs import ORTH

from .quantities import letter_words

_MULTIPLIER_CUT = re.compile(r"[0-9][x×][A-Z0-9(]")  # tokenizer.py: the multiplier infix


class TriggerScreen:
    def __init__(self, nlp, keys: frozenset):
        strings = nlp.vocab.strings
        key_words = {strings[k] for k in keys}
        self.words = frozenset(k for k in key_words if re.fullmatch(r"[a-z]+", k))
        # keys that are no run of letters: seen in the text as they are written
        guards = {k for k in key_words if k not in self.words}
        # special cases that cut a key out of a longer run of letters ("cannot": can + not)
        for string, pieces in nlp.tokenizer.rules.items():
            runs = letter_words(string.lower())
            if any(p[ORTH].lower() in self.words and p[ORTH].lower() not in runs for p in pieces):
                guards.add(string.lower())
        # a guard holding another is covered by it
        self.guards = tuple(sorted(g for g in guards if not any(o != g and o in g for o in guards)))

    def absent(self, text: str, words: set[str]) -> bool:
        """True when no token of `text` can have a key's LOWER value (`words`: its letter words)."""
        if not text.isascii() or not self.words.isdisjoint(words):
            return False
        low = text.lower()
        if any(g in low for g in self.guards):
            return False
        return _MULTIPLIER_CUT.search(text) is None
