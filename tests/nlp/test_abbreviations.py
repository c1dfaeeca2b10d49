"""The detector's matcher stand-ins (extractor/nlp/abbreviations.py) give what spaCy's Matcher
gives, triple for triple and in the same order, and the tokenizer without its whitespace
special cases gives the same tokens as with them."""
import os
import re
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher
from spacy.tokens import Doc

from extractor.nlp.abbreviations import ParenthesisPairs, TokenSequences
from extractor.nlp.tokenizer import customize

SHARED = Path(os.environ.get("EXTRACTOR_SHARED", Path(__file__).resolve().parents[3] / "shared"))
LCT = SHARED / "corpora" / "lct" / "leaf_clinical_trials"
NLP = customize(spacy.blank("en"))
WORDS = ["(", ")", "a", "b", "PD", "-", "L1", "ANC", "((", "x"]


def parenthesis_matcher():
    matcher = Matcher(NLP.vocab)
    matcher.add("parenthesis", [[{"ORTH": "("}, {"OP": "+"}, {"ORTH": ")"}]])
    return matcher


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
def test_parenthesis_pairs_equal_the_matcher(words):
    doc = Doc(NLP.vocab, words=words)
    assert ParenthesisPairs(NLP.vocab)(doc) == parenthesis_matcher()(doc)


@pytest.mark.filterwarnings("ignore:.*W036")  # spaCy's Matcher warns once its last pattern is removed
@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3), min_size=1, max_size=4),
       st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
def test_token_sequences_equal_the_matcher(patterns, words):
    ours, theirs = TokenSequences(NLP.vocab), Matcher(NLP.vocab)
    for i, pattern in enumerate(patterns):
        spec = [[{"ORTH": w} for w in pattern]]
        ours.add(f"p{i}", spec)
        theirs.add(f"p{i}", spec)
    doc = Doc(NLP.vocab, words=words)
    assert ours(doc) == theirs(doc)
    ours.remove("p0")
    theirs.remove("p0")
    assert ours(doc) == theirs(doc) and len(ours) == len(theirs)


def test_empty_token_sequences_find_nothing():
    assert TokenSequences(NLP.vocab)(NLP.make_doc("ANC ( ANC )")) == []


def _lct_lines():
    if not LCT.is_dir():
        pytest.skip(f"{LCT} not found")
    return [line for path in sorted(LCT.glob("*/*.txt"))[:300]
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_parenthesis_pairs_equal_the_matcher_on_lct_texts():
    lines = [line for line in _lct_lines() if "(" in line and ")" in line]
    assert len(lines) > 200
    pairs, matcher = ParenthesisPairs(NLP.vocab), parenthesis_matcher()
    for line in lines:
        doc = NLP.make_doc(line)
        assert pairs(doc) == matcher(doc), line


def test_whitespace_special_cases_change_no_token():
    """customize() drops the " " -> " " special cases; the tokens must be those spaCy makes with them."""
    with_rules = customize(spacy.blank("en"))
    with_rules.tokenizer.tokenizer.rules = spacy.blank("en").tokenizer.rules  # spaCy's own, whitespace included
    assert any(not key.strip() for key in with_rules.tokenizer.tokenizer.rules)
    texts = ["  - ANC  >= 1500 /mm3", "a\t\tb", "x \n y", "Hb\u00a0\u00a0>9", "e.g.  (i.e.  CR)"]
    if LCT.is_dir():
        texts += [line for line in _lct_lines() if re.search(r"\s\s", line)][:2000]
    for text in texts:
        ours, spacys = NLP.make_doc(text), with_rules.make_doc(text)
        assert [(t.text, t.idx, t.norm_, t.whitespace_) for t in ours] == \
            [(t.text, t.idx, t.norm_, t.whitespace_) for t in spacys], text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["ANC", "CR", "absolute", "count"]), min_size=1, max_size=30))
def test_candidate_pairs_give_the_detector_the_same_candidates(words):
    from scispacy.abbreviation import filter_matches

    doc = Doc(NLP.vocab, words=words)

    def candidates(matches):
        return [(long.start, long.end, short.start, short.end)
                for long, short in filter_matches([(k, s + 1, e - 1) for k, s, e in matches], doc)]

    every = ParenthesisPairs(NLP.vocab)(doc)
    kept = ParenthesisPairs(NLP.vocab, only_candidates=True)(doc)
    assert set(kept) <= set(every)
    assert candidates(kept) == candidates(every)
