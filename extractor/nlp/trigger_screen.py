"""Whether a criterion can hold a negation trigger (assertion.triggers), told from its letter
words (quantities.letter_words, computed once per criterion) before any pattern is run: most
criteria hold none, and the trigger scan is the costly part of negation.

The keys are one word of every trigger (entities.trigger_keys: its longest run of letters, or
"n't" for a contraction). The triggers are literal phrases bounded by non-word characters
(assertion._regex), so in ASCII text a trigger's letter runs are letter runs of the text, and a
key that is no run of letters ("n't") stands in the lower-cased text as written. A criterion is
therefore ruled out only when it is ASCII, none of its letter words is a key and it holds none
of the other keys; every other criterion is scanned. The screen is read on the text itself, not
on its tokens: a token such as "with/without" holds a trigger that no token equals.
"""
from __future__ import annotations

import re
from typing import Iterable

_LETTER_RUN = re.compile(r"[a-z]+")


class TriggerScreen:
    def __init__(self, keys: Iterable[str]):
        keys = {k.lower() for k in keys}
        self.words = frozenset(k for k in keys if _LETTER_RUN.fullmatch(k))
        # keys that are no run of letters, as written; a key with other letters than a-z can
        # only be matched in text that is not ASCII, which is never ruled out
        self.guards = tuple(sorted(k for k in keys if k not in self.words and k.isascii()))

    def absent(self, text: str, words: set[str]) -> bool:
        """True when `text` can hold no trigger (`words`: its letter words)."""
        if not text.isascii() or not self.words.isdisjoint(words):
            return False
        if self.guards:
            low = text.lower()
            return not any(g in low for g in self.guards)
        return True
