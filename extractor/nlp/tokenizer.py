"""Tokenizer rules for criteria: split glued comparators and multipliers, keep units whole.

Built on spaCy's English defaults: "Hb>9" -> Hb > 9, "CrCl>=60" -> CrCl >= 60,
"≥100,000/mm^3" -> ≥ 100,000 /mm^3, "≤2.5xULN" -> ≤ 2.5 x ULN, while "mg/dL" and "mL/min"
stay one token (the default infix that splits letters around "/" is dropped).
"""
from __future__ import annotations

import sys

import spacy
from spacy.lang.char_classes import ALPHA
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from .extensions import TEXT

COMPARATORS = [r">/=", r"</=", r">=", r"<=", r"=>", r"=<", r"≥", r"≤", r"≧", r"≦", r"⩾", r"⩽", r"±", r"~", r"～", r">", r"<", r"="]


def customize(nlp: Language) -> Language:
    """Install the criteria tokenizer rules on `nlp` (in place) and return it."""
    nlp.tokenizer = criteria_tokenizer(nlp)
    return nlp


def blank() -> Language:
    """spacy.blank("en") with the criteria tokenizer built in its place: customize() on a blank
    pipeline builds spaCy's default tokenizer first, with its thousands of special cases, only to
    replace it (a twentieth of a second of every start-up)."""
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "extractor_criteria_tokenizer.v1"}}})


@registry.tokenizers("extractor_criteria_tokenizer.v1")
def _tokenizer_factory():
    return criteria_tokenizer


def criteria_tokenizer(nlp: Language) -> "TextKeepingTokenizer":
    """The criteria tokenizer for `nlp`'s language defaults (the arguments spaCy's own factory
    gives, with the rules above)."""
    defaults = nlp.Defaults
    prefixes = COMPARATORS + list(defaults.prefixes)
    infixes = [i.replace("[:<>=/]", "[:<>=]") for i in defaults.infixes]
    infixes += [
        # a comparator glued between a name or number and a value: Hb>9, CrCl>=60, 0~2
        r"(?<=[" + ALPHA + r"0-9%)\]])(?:>/=|</=|>=|<=|=>|=<|[≥≤≧≦⩾⩽<>=~～])(?=[0-9.\-−" + ALPHA + r"])",
        # a multiplier glued to a number: 2.5xULN, 1.5×10^9
        r"(?<=[0-9])[x×](?=[A-Z0-9(])",
        # a unit glued after a number: 1700/mm^3, 5mg/dL
        r"(?<=[0-9])(?=/[" + ALPHA + r"µμ])",
        r"(?<=[0-9])(?=(?:mg|g|kg|mL|ml|mmol|µmol|umol|mm|cm|IU|U|mEq|mmHg|ng|pg|mcg|µg)\b)",
    ]
    return TextKeepingTokenizer(Tokenizer(
        nlp.vocab,
        # The whitespace special cases (" " -> " ") give the token the tokenizer makes anyway,
        # but any doc with a double space or indentation then goes through spaCy's
        # special-case retokenization, which costs as much as the rest of tokenization.
        rules={k: v for k, v in defaults.tokenizer_exceptions.items() if k.strip()},
        prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=suffix_search(defaults.suffixes),
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    ))


# spaCy's suffix pattern is one alternation whose every piece ends at the string's end ("...$"),
# and `search` tries it at every position of the token; the tokenizer asks for a suffix once per
# character it strips, so a run of punctuation ("!!!!...", a page's "=====" rule) took time
# quadratic in its length (12,000 "!" 12 s, "≥" 26 s). Read from the last SUFFIX_WINDOW
# characters, the search finds the same match as from the start wherever no piece can match
# more than SUFFIX_WINDOW - 1 characters: a match starting earlier would be longer. A piece in
# RUN_PIECES is unbounded but a run of one character ("\.\.+"): a run starting before the window
# covers the window's start, where the piece then matches too, so a match at the window's start
# sends the search back to the whole token.
SUFFIX_WINDOW = 64
RUN_PIECES = frozenset({r"\.\.+"})


class TailSuffixSearch:
    """`search(token)` of spaCy's suffix pattern, reading only the token's end where that gives
    the same match. `pattern` is the whole pattern's, as spaCy's serialisation reads it from a
    bound method's object."""

    def __init__(self, pieces):
        self.regex = compile_suffix_regex(pieces)
        self.pattern = self.regex.pattern
        self.windowed = all(p in RUN_PIECES or _max_width(p) < SUFFIX_WINDOW for p in pieces)

    def search(self, token: str):
        start = len(token) - SUFFIX_WINDOW
        if start <= 0 or not self.windowed:
            return self.regex.search(token)
        m = self.regex.search(token, start)
        return self.regex.search(token) if m is not None and m.start() == start else m


def suffix_search(pieces):
    return TailSuffixSearch(list(pieces)).search


def _max_width(piece: str) -> float:
    """The most characters `piece` can match (inf where unbounded or unknown)."""
    try:
        from re import _parser
        high = _parser.parse(piece).getwidth()[1]
    except Exception:  # another Python's internals: read every token whole
        return float("inf")
    return float("inf") if high >= sys.maxsize else high


class TextKeepingTokenizer:
    """Wraps a spaCy tokenizer and keeps the input string on the Doc (user_data["extractor_text"]).

    The components read the text many times; spaCy's `doc.text` rebuilds it from Token objects on
    every access, which costs more than all our rules together."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        doc = self.tokenizer(text)
        doc.user_data[TEXT] = text
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):
        return getattr(self.tokenizer, name)
