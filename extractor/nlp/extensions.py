"""The Doc extensions the NLP components write and read, declared in one place.

The components reach their values through `doc.user_data` under the key spaCy itself uses for
`doc._.name` (every `doc._` access builds a new Underscore object, which costs more than the
rules of a typical criterion). The key is asked of spaCy's Underscore once, here, never written
out by hand; a test checks that `doc._.name` reads what was stored under it.
"""
from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

# Ours: name -> what it holds.
OURS = {
    "variables": "lab and score variable mentions of models/variables.json, with their concept",
    "constraints": "contract constraint dicts, spans relative to the doc",
    "constraints_logic": "how the constraints combine: 'all' or 'any'",
    "negation": "the negation cue of the criterion, or None",
    "exceptions": "'except ...' phrases of the criterion",
    "masked": "spans whose numbers are no values, found once for the thresholds and the accounting: "
              "(variable names holding digits, registry form fields), each a list of (start, end)",
}
# scispaCy's AbbreviationDetector declares and writes this one.
ABBREVIATIONS = "abbreviations"
# Where the tokenizer keeps the input string (spaCy rebuilds `doc.text` from tokens on each access).
TEXT = "extractor_text"
# Where components.doc_words keeps the letter words of the lower-cased text.
WORDS = "extractor_words"


def register() -> None:
    """Declare our extensions on Doc (plain values, default None). Idempotent."""
    for name in OURS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def _key(name: str) -> tuple:
    return Doc(Vocab(), words=[])._._get_key(name)


register()
KEYS: dict[str, tuple] = {name: _key(name) for name in (*OURS, ABBREVIATIONS)}
VARIABLES, CONSTRAINTS, LOGIC, NEGATION, EXCEPTIONS, MASKED, ABBREVIATIONS_KEY = (
    KEYS[n] for n in (*OURS, ABBREVIATIONS))


def doc_text(doc: Doc) -> str:
    """doc.text, computed once per doc: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text
