"""Tokenizer rules for criteria: split glued comparators and multipliers, keep units whole.

Built on spaCy's English defaults: "Hb>9" -> Hb > 9, "CrCl>=60" -> CrCl >= 60,
"≥100,000/mm^3" -> ≥ 100,000 /mm^3, "≤2.5xULN" -> ≤ 2.5 x ULN, while "mg/dL" and "mL/min"
stay one token (the default infix that splits letters around "/" is dropped).
"""
from __future__ import annotations

from spacy.lang.char_classes import ALPHA
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex

from .extensions import TEXT

COMPARATORS = [r">/=", r"</=", r">=", r"<=", r"=>", r"=<", r"≥", r"≤", r"≧", r"≦", r"⩾", r"⩽", r"±", r"~", r"～", r">", r"<", r"="]


def customize(nlp: Language) -> Language:
    """Install the criteria tokenizer rules on `nlp` (in place) and return it."""
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
    base = nlp.tokenizer
    # One new Tokenizer rather than setting prefix_search, infix_finditer and rules on the
    # default one: each of those setters reloads all the special cases (a tenth of a second
    # of start-up apiece).
    nlp.tokenizer = TextKeepingTokenizer(Tokenizer(
        nlp.vocab,
        # The whitespace special cases (" " -> " ") give the token the tokenizer makes anyway,
        # but any doc with a double space or indentation then goes through spaCy's
        # special-case retokenization, which costs as much as the rest of tokenization.
        rules={k: v for k, v in base.rules.items() if k.strip()},
        prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=base.suffix_search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=base.token_match,
        url_match=base.url_match,
        faster_heuristics=base.faster_heuristics,
    ))
    return nlp


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
