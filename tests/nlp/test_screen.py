"""The trigger screen answers as the token test does whenever a token is a trigger key word
(it may say yes where the tokens say no: then the tokens decide)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.nlp import Analyzer
from extractor.nlp.entities import cues_of


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(entities=False)


def _tokens_hold(analyzer, doc):
    return not analyzer._trigger_keys.isdisjoint([t.lower for t in doc])


PIECES = ["no", "NO", "not", "cannot", "Cannot", "can't", "don't", "Don't", "n't", "notve", "without",
          "free", "naïve", "NAÏVE", "x", "2.5", "5x", "ULN", "NOT", "No", "normal", "known", "another",
          " ", "-", "(", ")", "/", ",", ".", "'", "’", "İ", "ſ", "K", "smoker", "non", "unable", "e.g.",
          ">=", "≥", "1", "mg", "allowed", "permitted"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=10).map("".join))
def test_screen_never_misses_a_trigger_word(text):
    analyzer = _ANALYZER[0]
    doc = analyzer.nlp.make_doc(text)
    if _tokens_hold(analyzer, doc):
        assert analyzer._trigger_screen.holds(doc, text), text


_ANALYZER = [Analyzer(entities=False)]


@pytest.mark.parametrize("text, holds", [
    ("Patients who cannot swallow", True),   # a special case splits "not" off a word
    ("AST 2.5xNOT measured", True),          # the multiplier infix splits "NOT" off an 'x'
    ("Don't smoke", True),
    ("Naïve to treatment", True),            # not ASCII: the tokens decide
    ("Known allergy to penicillin", False),
    ("Normal renal function", False),
    ("Another malignancy", False),           # "not" inside a word: the tokens say no
])
def test_screen_on_known_forms(analyzer, text, holds):
    doc = analyzer.nlp.make_doc(text)
    assert _tokens_hold(analyzer, doc) is holds
    assert analyzer._trigger_screen.holds(doc, text) is holds
    assert bool(cues_of(doc, text, analyzer._trigger_screen)) == bool(cues_of(doc, text, analyzer._trigger_keys))
